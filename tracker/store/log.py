"""The user's event log: a directory of TinyDB files keyed by company (see ``layout``)."""

from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from itertools import repeat
from pathlib import Path

import orjson

from tracker.store.files import (
    StoreError,
    Transaction,
    backup_of,
    damaged,
    load_bytes,
    read_file,
    reading,
    wait_for_writer,
    writing,
)
from tracker.store.layout import (
    ALSO,
    EVENTS_TABLE,
    FORMAT,
    IDS,
    IDS_TABLE,
    JOURNAL,
    REGISTRY,
    REJECTED_TABLE,
    SHARDS,
    TMP,
    UNDATED,
    bucket_of,
    buckets_for,
    doc_id,
    event_id_of,
    is_event_id,
    merge_sources,
    places,
    slug,
    split_bucket,
    to_row,
)
from tracker.store.stats import Stats
from tracker.store.writes import WriteResult, meta_row, upsert_companies

_OWN_NAMES = {REGISTRY, backup_of(Path(REGISTRY)).name, SHARDS, IDS, TMP, JOURNAL, ".lock", ".write.lock", ".gate.lock", "undo.json"}
_HEX = set("0123456789abcdef")


class EventLog:
    """A tracker database folder. Every method opens what it needs afresh and keeps nothing open."""

    def __init__(self, path: Path, seed=None):
        self.path = Path(path)
        self.seed = seed
        self._fallback = None
        # file name -> its path: a write of 600 events asked for one of ~800 paths 11,000 times,
        # and building each Path anew cost more than the write's reads
        self._paths: dict[str, Path] = {}
        self.spares = None  # empty files made ahead for the next write (``tracker.store.early``)

    # --- what is there -------------------------------------------------------------------------

    @property
    def exists(self) -> bool:
        return (self.path / REGISTRY).is_file()

    def _registry_path(self) -> Path:
        return self.path / REGISTRY

    def _shard_path(self, key: str) -> Path:
        return self._path_of(f"{SHARDS}/{key}.json")

    def _ids_path(self, event_id: str) -> Path:
        return self._path_of(f"{IDS}/{event_id[:2]}.json")

    def _path_of(self, rel: str) -> Path:
        found = self._paths.get(rel)
        if found is None:
            found = self._paths[rel] = self.path / rel
        return found

    def check_root(self) -> None:
        """StoreError when the path is something other than a tracker database or a place for one."""
        path = self.path
        if not path.exists():
            return
        if not path.is_dir():
            raise StoreError(f"{path} is a file, not a tracker database folder (give a folder path with --db)")
        if self.exists:
            return
        registry = self._registry_path()
        try:
            names = set(os.listdir(path))
        except OSError as exc:
            raise StoreError(f"cannot read {path}: {exc.strerror}") from None
        if backup_of(registry).exists() or (SHARDS in names and any(os.scandir(path / SHARDS))):
            if self._created_meanwhile() or self._rolled_forward():
                return
            raise damaged(registry, "missing")
        foreign = sorted(names - _OWN_NAMES)
        if foreign:
            raise StoreError(
                f"{path} is not a tracker database (it holds other files, such as {foreign[0]!r}); "
                "give a new or empty folder"
            )

    def _created_meanwhile(self) -> bool:
        """Whether a first write that was creating the log (its files appear one by one, the
        registry last) has finished it: wait for the writer's lock, then look again. Without
        this, eight writers racing to create one log saw a half-made log as damaged."""
        wait_for_writer(self.path)
        return self.exists

    def _rolled_forward(self) -> bool:
        """Whether a first write killed after its commit point (its journal names the registry
        it had not yet moved into place) is finished now: roll the journal forward and look
        again. Without this, a kill during the first import into a new log bricked it."""
        from tracker.store.files import applying, recover

        if not (self.path / JOURNAL).exists() or not os.access(self.path, os.W_OK):
            return False
        with applying(self.path):
            recover(self.path)
        return self.exists

    def _shipped(self):
        if self._fallback is None:
            from tracker.store.shipped import ShippedLog

            events, companies = self.seed() if self.seed else ([], [])
            self._fallback = ShippedLog(events, companies)
        return self._fallback

    def _readable(self) -> bool:
        """True when there is a database to read; False means read the seed (nothing stored yet)."""
        if self.exists:
            return True
        self.check_root()
        return False

    # --- reads -----------------------------------------------------------------------------------

    def rows(self, companies=None, since: str | None = None, until: str | None = None) -> list[dict]:
        if not self._readable():
            return self._shipped().rows(companies, since, until)
        with reading(self.path):
            return self._rows(companies, since, until)

    def _rows(self, companies, since, until) -> list[dict]:
        found: dict[str, dict] = {}
        with _no_gc():  # rows are acyclic: collecting while millions are built only costs time
            for folder, names in self._folders(companies):
                for name in buckets_for(names, since, until, main_only=companies is None):
                    _collect(found, os.path.join(folder, name), since, until)
        return list(found.values())

    def _folders(self, companies):
        """(folder path, its file names) of each company a read needs, in name order."""
        shards = os.path.join(self.path, SHARDS)
        if companies is None:
            try:
                folders = sorted(os.listdir(shards))
            except FileNotFoundError:
                folders = []
        else:
            folders = sorted({slug(name) for name in companies})
        for folder in folders:
            where = os.path.join(shards, folder)
            try:
                yield where, os.listdir(where)
            except (FileNotFoundError, NotADirectoryError):
                continue

    def row_groups(self, companies=None, since: str | None = None, until: str | None = None, newest_first: bool = False):
        """The rows of ``rows(companies, since, until)`` in groups, one per year their date starts
        in (a shard file's bucket), the years in order (``newest_first``: latest first), the undated
        events last. A caller that sorts each group by date has the whole answer in date order
        with only one year of the log in memory.

        A generator that reads one state of the log: up to ``SNAPSHOT_BYTES`` of shard files it
        copies them under the shared read lock and releases it before the first group, so a
        writer never waits for the reader's consumer; a larger read holds the lock until the
        generator is exhausted or closed, and a writer's commit waits for it (as it waits for a
        reader under SQLite's rollback journal)."""
        if not self._readable():
            yield from self._shipped().row_groups(companies, since, until, newest_first)
            return
        with reading(self.path):
            plan = self._bucket_plan(companies, since, until, newest_first)
            contents = snapshot(plan)
            if contents is None:  # too big to copy: stream under the lock
                for paths in plan:
                    yield bucket_rows(paths, since, until)
                return
        # The bytes were all read under the lock, so they are one state of the log: the rows are
        # parsed and written out after it is released, and a writer never waits for this
        # reader's consumer (issue 12: a stopped `tracker export | less` blocked every writer).
        for paths in plan:
            yield bucket_rows(paths, since, until, contents)

    def _bucket_plan(self, companies, since, until, newest_first: bool) -> list[list[str]]:
        """The shard files of each group of ``row_groups``, in its order. Call under the read lock."""
        buckets: dict[str, list[str]] = {}
        for folder, names in self._folders(companies):
            for name in buckets_for(names, since, until, main_only=companies is None):
                buckets.setdefault(split_bucket(name[:-5])[0], []).append(os.path.join(folder, name))
        # An event is in the bucket of the year its date starts in (``tracker check`` says so).
        years = sorted((b for b in buckets if b != UNDATED), reverse=newest_first)
        return [buckets[bucket] for bucket in years + ([UNDATED] if UNDATED in buckets else [])]

    @contextmanager
    def bucket_plan(self, companies=None, since=None, until=None, newest_first: bool = False):
        """``row_groups`` in two halves, for readers that load the groups elsewhere (worker
        processes): under the read lock, the file paths of each group in order; the caller loads
        a group with ``bucket_rows(paths, since, until)`` before the block ends, or copies the files
        with ``snapshot(plan)`` and loads them after. None when there is no database yet (read
        ``row_groups`` instead)."""
        if not self._readable():
            yield None
            return
        with reading(self.path):
            yield self._bucket_plan(companies, since, until, newest_first)

    def get(self, event_id: str) -> dict | None:
        if not is_event_id(event_id):
            return None
        if not self._readable():
            return self._shipped().get(event_id)
        with reading(self.path):
            return self._get(event_id)

    def _get(self, event_id: str) -> dict | None:
        ids = read_file(self._ids_path(event_id), "ids") or {}
        entry = ids.get(IDS_TABLE, {}).get(doc_id(event_id))
        for key in (entry or {}).get("shards", ()):
            data = read_file(self._shard_path(key), "shard") or {}
            row = data.get(EVENTS_TABLE, {}).get(doc_id(event_id))
            if row is not None:
                return row
        return None

    def resolve_id(self, prefix: str) -> list[str]:
        """Stored ids that start with ``prefix`` (at least 4 hex digits; anything else finds none)."""
        return self.resolve_ids([prefix])[prefix]

    def resolve_ids(self, prefixes) -> dict[str, list[str]]:
        """``resolve_id`` of each prefix, read under one read lock with each id file read once:
        an ingest shows the short ids of hundreds of added events, and a lock and a read per id
        cost more than the rest of that listing (629 ids: 1,258 lock files opened)."""
        wanted = {}
        for prefix in prefixes:
            clean = (prefix or "").strip().lower()
            wanted[prefix] = clean if 4 <= len(clean) <= 40 and set(clean) <= _HEX else None
        if not any(wanted.values()):
            return {prefix: [] for prefix in wanted}
        if not self._readable():
            shipped = self._shipped()
            return {prefix: shipped.resolve_id(clean) if clean else [] for prefix, clean in wanted.items()}
        files: dict[str, list[str]] = {}  # id file -> the ids it holds
        with reading(self.path):
            for clean in filter(None, wanted.values()):
                if clean[:2] not in files:
                    ids = read_file(self._ids_path(clean), "ids") or {}
                    files[clean[:2]] = sorted(event_id_of(key) for key in ids.get(IDS_TABLE, {}))
        return {
            prefix: [i for i in files[clean[:2]] if i.startswith(clean)] if clean else []
            for prefix, clean in wanted.items()
        }

    def _registry(self) -> dict:
        data = read_file(self._registry_path(), "registry")
        if data is None:
            raise damaged(self._registry_path(), "missing")
        return data

    def companies(self) -> list[dict]:
        if not self._readable():
            return self._shipped().companies()
        with reading(self.path):
            table = self._registry().get("companies", {})
        return [table[key] for key in sorted(table, key=int)]

    def rejected(self) -> list[dict]:
        """The events a reviewer rejected (``tracker ingest --review``), so ingest leaves them out:
        the registry file's "rejected" table, each row an event dict plus ``rejected_at``."""
        if not self._readable():
            return self._shipped().rejected()
        with reading(self.path):
            table = self._registry().get(REJECTED_TABLE, {})
        return [table[key] for key in sorted(table, key=int)]

    def stats(self) -> dict:
        if not self._readable():
            return self._shipped().stats()
        with reading(self.path):
            return Stats(self._registry().get("stats", {})).public()

    def describe(self) -> dict:
        if not self._readable():
            out = self._shipped().describe()
            out["path"] = str(self.path)
            out["note"] = "no database yet: the first write creates it from the shipped log"
            return out
        with reading(self.path):
            registry = self._registry()
            meta = meta_row(registry)
            size = shard_files = backups = id_files = 0
            for folder in _scandirs(self.path / SHARDS):
                for entry in os.scandir(folder):
                    size += entry.stat().st_size
                    if entry.name.endswith(".bak"):
                        backups += 1
                    elif entry.name.endswith(".json"):
                        shard_files += 1
            for entry in _scanfiles(self.path / IDS):
                size += entry.stat().st_size
                if entry.name.endswith(".bak"):
                    backups += 1
                else:
                    id_files += 1
            for entry in _scanfiles(self.path):
                size += entry.stat().st_size
                backups += entry.name.endswith(".bak")
        return {
            "path": str(self.path),
            "format": meta.get("format"),
            "created": meta.get("created"),
            "events": meta.get("events", 0),
            "companies": len(registry.get("companies", {})),
            # from the counts, not the folders: an undo may leave a company's files empty
            "companies_with_events": sum(1 for row in registry.get("stats", {}).values() if row.get("count")),
            "size": size,
            "shard_files": shard_files,
            "id_files": id_files,
            "backups": backups,
        }

    # --- writes ----------------------------------------------------------------------------------

    def write(self, add=(), remove=(), companies=(), registry_edit=None, label: str = "") -> WriteResult:
        """One transaction: remove ids, then add events (a stored id merges sources and counts as
        known), upsert registry rows; ``registry_edit(registry)`` may change the registry tables
        in the same transaction. The first write creates the database from the seed first, in a
        commit of its own, so that ``undo`` of the first write leaves the seed. ``label`` says
        what the write does for ``tracker undo`` (default: its counts)."""
        add, remove, companies = list(add), list(remove), list(companies)
        self.check_root()
        with writing(self.path):
            self._create_if_missing()
            txn = Transaction(self.path)
            txn.spares = self.spares
            result = self._apply(txn, add, remove, companies, registry_edit=registry_edit)
            txn.label = label or _counts_label(result)
            txn.commit()
        if txn.warnings:  # committed, but finishing it failed: the next command completes it
            result = WriteResult(*result, ids=result.ids, added_ids=result.added_ids, notes=result.notes + tuple(txn.warnings))
        return result

    def import_rows(self, raw_dicts, progress=None, total: int | None = None, replace=(), label: str = "") -> WriteResult:
        """Bulk add (same rules as ``write``) in one transaction, streaming: see ``bulk``.
        ``progress(done, total)`` reports progress; pass ``total`` (the number of events) to have
        the reading phase reported too. ``replace``: (stored id, new row) pairs whose stored event
        takes the new content under its id, in the same transaction (``import --replace``)."""
        from tracker.store.bulk import import_rows

        self.check_root()
        with writing(self.path):
            self._create_if_missing()
            txn = Transaction(self.path)
            replaced = self._apply(txn, [row for _, row in replace], [event_id for event_id, _ in replace], ()) if replace else None
            try:
                result = import_rows(self, txn, raw_dicts, progress, total)
            except BaseException:
                txn.discard()  # no temp of a failed import stays behind
                raise
            txn.label = label or _counts_label(result)
            txn.commit()
        if replaced is not None:
            result = WriteResult(result.added, result.known, replaced.removed, result.ids, result.added_ids, result.notes + replaced.notes)
        if txn.warnings:
            result = WriteResult(*result, ids=result.ids, added_ids=result.added_ids, notes=result.notes + tuple(txn.warnings))
        return result

    def change(self, plan, label: str = ""):
        """A read-modify-write under the writer lock, for changes that depend on what is stored
        (renaming a company moves its events): ``plan(rows_of, registry)`` reads the log as it is
        now (``rows_of(names)``: the events naming them; ``registry``: the registry file's
        tables) while no other writer can run, and returns ``(add, remove, registry_edit,
        report)``; ``registry_edit(registry)`` changes the registry tables in the same
        transaction. Returns ``(WriteResult, report)``. When ``plan`` raises, nothing is written.
        While there is no log yet, ``plan`` reads the seed, which the same transaction stores."""
        self.check_root()
        with writing(self.path):
            if self.exists:
                rows_of, registry = (lambda names: self._rows(names, None, None)), self._registry()
            else:
                shipped = self._shipped()
                rows_of = shipped.rows
                registry = {"companies": {str(n): row for n, row in enumerate(shipped.companies(), 1)}}
            add, remove, edit, report = plan(rows_of, registry)
            self._create_if_missing()  # only once the plan holds: a refused change creates no log
            txn = Transaction(self.path)
            result = self._apply(txn, add, remove, (), registry_edit=edit)
            txn.label = label or _counts_label(result)
            txn.commit()
        return result, report

    def create(self) -> bool:
        """Create the database from the seed (``None``: empty); False when it exists already."""
        self.check_root()
        with writing(self.path):
            return self._create_if_missing()

    def undo(self):
        """Put back what the last labelled write changed (``undo.Undone``); TrackerError when
        there is nothing to undo or the files changed since."""
        from tracker.store.undo import undo_last

        if not self._readable():
            from tracker.errors import TrackerError

            raise TrackerError(f"nothing to undo: there is no event log at {self.path} yet")
        with writing(self.path):
            return undo_last(self.path)

    def _create_if_missing(self) -> bool:
        """Under the writer lock: commit a new database holding the seed when there is none."""
        if self.exists:
            return False
        txn = Transaction(self.path)
        self._create(txn)
        txn.commit()
        return True

    def _create(self, txn: Transaction) -> None:
        """Stage a new database holding the seed (the shipped log)."""
        from tracker.model import now_stamp

        events, companies = self.seed() if self.seed else ([], [])
        txn.creating = True
        txn.stage(
            self._registry_path(),
            {"companies": {}, "stats": {}, "meta": {"1": {"format": FORMAT, "created": now_stamp(), "events": 0}}},
        )
        for folder in (SHARDS, IDS):
            (self.path / folder).mkdir(exist_ok=True)
        self._apply(txn, events, (), companies)

    def _apply(self, txn: Transaction, add, remove, companies, registry_edit=None) -> WriteResult:
        registry = txn.load(self._registry_path(), "registry")
        if registry is None:
            raise damaged(self._registry_path(), "missing")
        txn.stage(self._registry_path(), registry)
        stats = Stats(registry.get("stats", {}))
        files: dict[Path, dict] = {}  # every file read in this transaction
        dirty: set[Path] = set()  # the ones changed
        shards: dict[str, dict] = {}

        def table_of(path: Path, kind: str, name: str) -> dict:
            data = files.get(path)
            if data is None:
                data = files[path] = txn.load(path, kind) or {}
            return data.setdefault(name, {})

        def shard(key: str) -> dict:
            table = shards.get(key)
            if table is None:
                table = shards[key] = table_of(self._shard_path(key), "shard", EVENTS_TABLE)
            return table

        def id_table(event_id: str) -> dict:
            return table_of(self._ids_path(event_id), "ids", IDS_TABLE)

        added = known = removed = 0
        seen_companies: list[str] = []
        for event_id in remove:
            if not is_event_id(event_id):
                continue
            key = doc_id(event_id)
            entry = id_table(event_id).pop(key, None)
            if entry is None:
                continue
            dirty.add(self._ids_path(event_id))
            stored_row = None
            for shard_key in entry.get("shards", ()):
                stored = shard(shard_key).pop(key, None)
                dirty.add(self._shard_path(shard_key))
                stored_row = stored_row or stored
            if stored_row is not None:
                for company in dict.fromkeys(stored_row.get("companies", ())):
                    stats.remove(company, stored_row.get("date"))
            removed += 1

        stored_ids: list[str] = []
        added_ids: list[str] = []
        notes: list[str] = []
        if registry_edit is not None:  # the names as this write leaves them (a rename to another case)
            import copy

            preview = copy.deepcopy(registry)
            registry_edit(preview)
            registered = _registered_names(preview)
        else:
            registered = _registered_names(registry)
        for event in add:
            row = to_row(event)
            row["companies"] = _as_registered(row["companies"], registered)
            event_id, entry = self._place(row, id_table, shard, notes)
            row["id"] = event_id
            stored_ids.append(event_id)
            key = doc_id(event_id)
            bucket = bucket_of(row["start"])
            if entry is not None:
                known += 1
                copy = None
                for shard_key in entry.get("shards", ()):
                    stored = shard(shard_key).get(key)
                    if stored is not None:
                        copy = copy or stored
                        if merge_sources(stored, row.get("sources")):
                            dirty.add(self._shard_path(shard_key))
                # A company's copy lost to a restored backup comes back with the event.
                held = {listed.partition("/")[0] for listed in entry["shards"]}
                for company, shard_key in places(row["companies"], bucket):
                    if shard_key.partition("/")[0] not in held and copy is not None:
                        shard(shard_key)[key] = copy
                        dirty.add(self._shard_path(shard_key))
                        entry["shards"].append(shard_key)
                        dirty.add(self._ids_path(event_id))
                        stats.add(company, row["date"])
                continue
            keys = []
            for company, shard_key in places(row["companies"], bucket):
                shard(shard_key)[key] = row
                dirty.add(self._shard_path(shard_key))
                keys.append(shard_key)
                stats.add(company, row["date"])
                seen_companies.append(company)
            id_table(event_id)[key] = {"shards": keys}
            dirty.add(self._ids_path(event_id))
            added_ids.append(event_id)
            added += 1

        if not dirty and not companies and registry_edit is None and not getattr(txn, "creating", False):
            txn.pending.pop(self._registry_path(), None)  # nothing changed: write nothing
            return WriteResult(added, known, removed, tuple(stored_ids), tuple(added_ids), tuple(notes))
        for path in dirty:
            txn.stage(path, files[path])
        for name in sorted(stats.stale):
            first_rows, last_rows = self._edge_rows(txn, name, shards)
            stats.set_dates(name, first_rows, last_rows)

        if registry_edit is not None:  # before the upsert, which would add a renamed company as new
            registry_edit(txn.load(self._registry_path(), "registry"))
        upsert_companies(self._registry_path(), txn, companies, seen_companies)
        registry = txn.load(self._registry_path(), "registry")
        registry["stats"] = stats.as_table()
        meta = meta_row(registry)
        meta["events"] = int(meta.get("events", 0)) + added - removed
        txn.stage(self._registry_path(), registry)
        return WriteResult(added, known, removed, tuple(stored_ids), tuple(added_ids), tuple(notes))

    @staticmethod
    def _place(row: dict, id_table, shard, notes: list[str]) -> tuple[str, dict | None]:
        """The id a new row is stored under and the index entry of the same event when the log
        already holds it (None: the event is new).

        The same event is the same content (``row_identity``), never merely the same id: a log
        written with 10-digit ids holds an event under the first 10 digits of its id now; a
        different event holding the id (or its old 10-digit form) is kept apart: the new one is
        stored under a longer id and ``notes`` says so.
        """
        from tracker.model import ID_LENGTH, LEGACY_ID_LENGTH, row_identity

        identity = row_identity(row)

        def stored_copy(event_id: str) -> tuple[dict | None, dict | None]:
            entry = id_table(event_id).get(doc_id(event_id))
            if entry is None:
                return None, None
            for shard_key in entry.get("shards", ()):
                stored = shard(shard_key).get(doc_id(event_id))
                if stored is not None:
                    return entry, stored
            return entry, None

        wanted = row["id"]
        if len(wanted) > LEGACY_ID_LENGTH:
            legacy = wanted[:LEGACY_ID_LENGTH]
            entry, stored = stored_copy(legacy)
            if stored is not None and row_identity(stored) == identity:
                return legacy, entry
            if stored is not None:
                notes.append(
                    f"id collision: event {wanted} and the different event {legacy} share their first 10 digits; both are kept"
                )
        candidate = wanted
        while True:
            entry, stored = stored_copy(candidate)
            if entry is None or stored is None or row_identity(stored) == identity:
                return candidate, entry
            if candidate == wanted and stored.get("edited"):
                # A person corrected this event after it was recorded under this id (``tracker
                # edit`` keeps the id): its first report, told again, is that event, not another.
                return candidate, entry
            longer = identity[: len(candidate) + 4] if identity.startswith(candidate) else identity[:ID_LENGTH]
            if longer == candidate or len(candidate) >= 40:
                raise StoreError(f"cannot store event {wanted}: a different event holds its id {candidate}")
            notes.append(
                f"id collision: a different event is stored as {candidate}; this one is kept as {longer}"
            )
            candidate = longer

    def _edge_rows(self, txn: Transaction, name: str, loaded: dict) -> tuple[list, list]:
        """Rows of a company's earliest and latest non-empty dated buckets (as staged now)."""
        folder = self.path / SHARDS / slug(name)
        stems = set()
        try:
            stems |= {n[:-5] for n in os.listdir(folder) if n.endswith(".json")}
        except FileNotFoundError:
            pass
        prefix = f"{slug(name)}/"
        stems |= {key[len(prefix):] for key in loaded if key.startswith(prefix)}
        years = {split_bucket(stem)[0] for stem in stems}
        years = {year for year in years if year.isdigit()}

        def rows_of(year: str) -> list:
            rows = []
            for key in (prefix + year, prefix + year + ALSO):
                if key in loaded:
                    rows.extend(loaded[key].values())
                else:
                    data = txn.load(self._shard_path(key), "shard") or {}
                    rows.extend(data.get(EVENTS_TABLE, {}).values())
            return rows

        ordered = sorted(years)
        first = next((rows for rows in map(rows_of, ordered) if rows), [])
        last = next((rows for rows in map(rows_of, reversed(ordered)) if rows), [])
        return first, last

    # --- health ----------------------------------------------------------------------------------

    def check(self) -> list[str]:
        from tracker.store.repair import check

        if not self.exists:
            self.check_root()
            return []
        with reading(self.path):
            return check(self)

    def restore(self) -> list[str]:
        from tracker.store.repair import restore

        from tracker.store.repair import set_aside_bad_journal

        aside = set_aside_bad_journal(self.path)  # else it would stop every command, this one too
        try:
            self.check_root()
        except StoreError:
            if not (self.path / SHARDS).is_dir():
                raise  # a file or a foreign folder: nothing of ours to restore
        with writing(self.path):
            report = restore(self)
        if aside:
            report.insert(0, aside)
        return report


def _counts_label(result: WriteResult) -> str:
    parts = [f"{n} {what}" for n, what in ((result.added, "added"), (result.removed, "removed")) if n]
    return "a write (" + (", ".join(parts) or "sources merged") + ")"


class _no_gc:
    def __enter__(self):
        self.was = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc):
        if self.was:
            gc.enable()
        return False


def bucket_rows(paths: list[str], since: str | None, until: str | None,
                contents: dict[str, bytes | None] | None = None) -> list[dict]:
    """The rows of one group of ``EventLog.row_groups`` (its shard files), each event once; from
    ``contents`` (a ``snapshot``) when given, else from the files."""
    found: dict[str, dict] = {}
    with _no_gc():
        for path in paths:
            _collect(found, path, since, until, contents)
    return list(found.values())


def bucket_tables(paths: list[str], since: str | None, until: str | None,
                  contents: dict[str, bytes | None] | None = None):
    """The rows of ``bucket_rows(paths, since, until)`` one shard file at a time: for each file,
    a dict (doc key -> row) of its rows in the window that no earlier file of the group held, so a
    reader can turn each file's rows into text while they are fresh in memory and let them go."""
    seen: set[str] = set()
    for path in paths:
        found: dict[str, dict] = {}
        _collect(found, path, since, until, contents)
        if seen.isdisjoint(found):
            seen.update(found)
        else:  # a second company's copy of an event read already (a company query reads '-also' files)
            found = {key: row for key, row in found.items() if key not in seen}
            seen.update(found)
        yield found



# A streamed listing whose shard files hold at most this many bytes copies them under the read
# lock and lets it go before parsing and writing (larger ones go to ``parallel_read``'s workers
# past the same size, under the lock).
SNAPSHOT_BYTES = 64 * 1024 * 1024


def snapshot(plan: list[list[str]]) -> dict[str, bytes | None] | None:
    """The bytes of every shard file of ``plan`` (None for a file gone), by path; None when they
    pass ``SNAPSHOT_BYTES``. Call under the read lock: the copy is then one state of the log, which
    ``bucket_rows`` and ``bucket_tables`` read after the lock is released."""
    size = 0
    for paths in plan:  # sizes first: a large log is not read twice
        for path in paths:
            try:
                size += os.stat(path).st_size
            except OSError:
                pass
            if size > SNAPSHOT_BYTES:
                return None
    contents: dict[str, bytes | None] = {}
    for paths in plan:
        for path in paths:
            try:
                with open(path, "rb") as handle:
                    contents[path] = handle.read()
            except FileNotFoundError:
                contents[path] = None
            except OSError:
                read_file(Path(path), "shard")  # raises the clear error (cannot read, a folder)
                raise
    return contents


def _collect(found: dict, path: str, since: str | None, until: str | None,
             contents: dict[str, bytes | None] | None = None) -> None:
    """Add the rows of one shard file that fall in the window to ``found`` (doc key -> row); the
    file's bytes come from ``contents`` (a ``snapshot``) when it holds them."""
    if contents is not None and path in contents:
        raw = contents[path]
        if raw is None:
            return  # gone when the snapshot was taken, as a missing file reads below
        table = _table_of(raw, path)
    else:
        table = _shard_table(path)
    if not all(map(isinstance, table.values(), repeat(dict))):
        raise damaged(Path(path), "a document that is not an object")
    if since is None and until is None:
        found.update(table)  # copies of one event are equal: any one will do
        return
    for key, row in table.items():
        start = row.get("start")
        if start is None or (since is not None and row["end"] < since):
            continue
        if until is not None and start > until:
            continue
        found[key] = row


def _shard_table(path: str) -> dict:
    """The events table of one shard file, read on the fast path (rows are checked by the caller)."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
        data = orjson.loads(raw)
    except FileNotFoundError:
        return {}
    except (orjson.JSONDecodeError, OSError, ValueError):
        return read_file(Path(path), "shard").get(EVENTS_TABLE, {})  # raises the clear error
    table = data.get(EVENTS_TABLE) if type(data) is dict else None
    if type(table) is not dict or len(data) != 1:
        if data == {}:
            return {}
        return read_file(Path(path), "shard").get(EVENTS_TABLE, {})
    return table


def _table_of(raw: bytes, path: str) -> dict:
    """The events table of shard bytes read earlier (a damaged file raises the clear error)."""
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        data = None
    table = data.get(EVENTS_TABLE) if type(data) is dict else None
    if type(table) is dict and len(data) == 1:
        return table
    if data == {}:
        return {}
    return load_bytes(raw, Path(path), "shard").get(EVENTS_TABLE, {})



def _registered_names(registry: dict) -> dict[str, str]:
    """lookup key -> registered name, read under the writer's lock."""
    from tracker.registry import lookup_key

    names = {}
    for row in registry.get("companies", {}).values():
        name = row.get("name")
        if isinstance(name, str):
            names.setdefault(lookup_key(name), name)
    return names


def _as_registered(companies: list, registered: dict[str, str]) -> list:
    """An event's companies under their registered names: two writers that met one new company
    in two cases ("Zeta Corp", "ZETA CORP") at once store it under one name."""
    from tracker.registry import lookup_key

    if not registered:
        return companies
    out = []
    for name in companies:
        found = registered.get(lookup_key(name), name) if isinstance(name, str) else name
        if found not in out:
            out.append(found)
    return out


def _scandirs(path: Path):
    try:
        return [entry.path for entry in os.scandir(path) if entry.is_dir()]
    except FileNotFoundError:
        return []


def _scanfiles(path: Path):
    try:
        return [entry for entry in os.scandir(path) if entry.is_file()]
    except FileNotFoundError:
        return []
