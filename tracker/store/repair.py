"""Check a database folder and restore damaged files from their backups."""

from __future__ import annotations

import os
import re
from pathlib import Path

import orjson

from tracker.atomicfile import fsync_dir
from tracker.store.files import (
    StoreError,
    Transaction,
    applying,
    backup_of,
    journal_problem,
    load_bytes,
    read_file,
)
from tracker.store.layout import (
    EVENTS_TABLE,
    FORMAT,
    IDS,
    IDS_TABLE,
    JOURNAL,
    REGISTRY,
    SHARDS,
    TMP,
    bucket_of,
    doc_id,
    places,
    event_id_of,
    is_event_id,
    slug,
    split_bucket,
)
from tracker.store.stats import Stats

MAX_LISTED = 50


def database_files(root: Path):
    """(path, kind) of every file the database is made of, registry first."""
    yield root / REGISTRY, "registry"
    for folder in sorted(_dirs(root / SHARDS)):
        for name in sorted(os.listdir(folder)):
            if name.endswith(".json"):
                yield folder / name, "shard"
    try:
        names = sorted(os.listdir(root / IDS))
    except FileNotFoundError:
        names = []
    for name in names:
        if name.endswith(".json"):
            yield root / IDS / name, "ids"


def _dirs(path: Path):
    try:
        return [Path(entry.path) for entry in os.scandir(path) if entry.is_dir()]
    except FileNotFoundError:
        return []


def check(log) -> list[str]:
    """Every problem found (empty = healthy). Reads the whole database."""
    root = log.path
    problems: list[str] = []
    registry = None
    placements: dict[str, list[str]] = {}
    counts: dict[str, int] = {}
    expected: dict[str, tuple] = {}  # doc key -> (companies, start) of its first copy read
    for path, kind in database_files(root):
        try:
            data = read_file(path, kind)
        except StoreError as exc:
            problems.append(str(exc))
            continue
        if data is None:
            problems.append(f"{path} is missing")
            continue
        if kind == "registry":
            registry = data
        elif kind == "shard":
            folder, stem = path.parent.name, path.name[:-5]
            bucket, main = split_bucket(stem)
            for key, row in data.get(EVENTS_TABLE, {}).items():
                where = f"{path}: event {key}"
                event_id = row.get("id")
                if not is_event_id(event_id) or doc_id(event_id) != key:
                    problems.append(f"{where}: document id does not match the event id {event_id!r}")
                    continue
                companies = [c for c in row.get("companies") or () if isinstance(c, str)]
                names = [c for c in companies if slug(c) == folder]
                if not names:
                    problems.append(f"{where}: stored under a company it does not name")
                elif main != (slug(companies[0]) == folder):
                    problems.append(f"{where}: stored as a {'main' if main else 'second'} company's event, it is not")
                if bucket_of(row.get("start")) != bucket:
                    problems.append(f"{where}: stored in bucket {bucket}, its date {row.get('date')!r} belongs in another")
                placements.setdefault(key, []).append(f"{folder}/{stem}")
                expected.setdefault(key, (companies, row.get("start")))
                for name in names[:1]:
                    counts[name] = counts.get(name, 0) + 1
    for key, (companies, start) in expected.items():
        for _, shard_key in places(companies, bucket_of(start)):
            if shard_key not in placements[key]:
                problems.append(f"event {key} is stored in {placements[key]} but lacks its copy in {shard_key}")
    indexed: set[str] = set()
    for path, key, shards in _index_entries(root):  # an unreadable id file is reported above
        indexed.add(key)
        listed = sorted(shards)
        if listed != sorted(placements.get(key, ())):
            problems.append(f"{path}: event {key} is indexed in {listed} but stored in {sorted(placements.get(key, ()))}")
    for key in sorted(set(placements) - indexed):
        problems.append(f"event {key} is stored in {placements[key]} but missing from the id index")
    if registry is not None:
        stored = Stats(registry.get("stats", {})).public()
        for name in sorted(set(stored) | set(counts)):
            have, said = counts.get(name, 0), stored.get(name, {}).get("count", 0)
            if have != said:
                problems.append(f"{root / REGISTRY}: company {name!r} has {have} events stored but its count says {said}")
        meta = next((row for row in registry.get("meta", {}).values() if row.get("format") == FORMAT), {})
        if meta.get("events") != len(placements):
            problems.append(f"{root / REGISTRY}: {len(placements)} events stored but its event count says {meta.get('events')}")
    if len(problems) > MAX_LISTED:
        problems = problems[:MAX_LISTED] + [f"... and {len(problems) - MAX_LISTED} more problems"]
    return problems


class RestoreReport(list):
    """One line per file restored (what came back from where, and which events that dropped,
    brought back or rebuilt); ``refused``: one line per file left alone and why."""

    def __init__(self):
        super().__init__()
        self.refused: list[str] = []
        self.lost: list[str] = []  # ids of committed events no backup or other copy holds


# The id of each row of a shard file as tracker writes it (``{"<doc key>":{"id":"<hex>",...``):
# what can still be read of a damaged file whose JSON no longer parses.
_ROW_ID = re.compile(rb'"([0-9]+)":\{"id":"([0-9a-f]{10,40})"')


def _state(path: Path, kind: str) -> tuple[str, bytes | None, str]:
    """("ok" | "missing" | "unreadable" | "damaged", the bytes when read, why)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return "missing", None, ""
    except IsADirectoryError:
        return "damaged", None, "a folder where a file is expected"
    except OSError as exc:
        return "unreadable", None, exc.strerror or str(exc)
    try:
        load_bytes(raw, path, kind)
    except StoreError as exc:
        return "damaged", raw, str(exc)
    return "ok", raw, ""


def _index_entries(root: Path):
    """(id file, doc key, shard keys) of every entry of every id file that can be read."""
    for path, kind in database_files(root):
        if kind != "ids":
            continue
        try:
            data = read_file(path, kind) or {}
        except StoreError:
            continue
        for key, entry in data.get(IDS_TABLE, {}).items():
            yield path, key, list(entry.get("shards") or ())


def _index(root: Path) -> dict[str, list[str]]:
    """doc key -> shard keys, from every id file that can be read."""
    return {key: shards for _, key, shards in _index_entries(root)}


def _ids(keys) -> str:
    keys = sorted(keys, key=int)
    shown = ", ".join(event_id_of(k) for k in keys[:MAX_LISTED])
    return shown + (f" and {len(keys) - MAX_LISTED} more" if len(keys) > MAX_LISTED else "")


def _reconcile_shard(root: Path, path: Path, raw: bytes | None, good: dict, index: dict) -> tuple[dict, list[str], list[str]]:
    """The content to put back for a damaged shard: its backup, plus the copy of each event the
    damaged file or the id index says it held and the backup lacks, taken from the event's
    copy in another company's file. Returns it, what changed in words, and the ids of the events lost."""
    shard_key = f"{path.parent.name}/{path.name[:-5]}"
    table = good.setdefault(EVENTS_TABLE, {})
    held = {key for key, shards in index.items() if shard_key in shards}
    for key, event_id in _ROW_ID.findall(raw or b""):
        held.add(key.decode())
    missing = held - set(table)
    rebuilt, lost = [], []
    for key in sorted(missing, key=int):
        copy = None
        for other in index.get(key, ()):
            if other == shard_key:
                continue
            try:
                data = read_file(root / SHARDS / f"{other}.json", "shard") or {}
            except StoreError:
                continue
            copy = data.get(EVENTS_TABLE, {}).get(key)
            if copy is not None:
                break
        if copy is None:
            lost.append(key)
        else:
            table[key] = copy
            rebuilt.append(key)
    notes = []
    if rebuilt:
        notes.append(f"events missing from the backup, rebuilt from their copy in another company's file: {_ids(rebuilt)}")
    if lost:
        notes.append(f"EVENTS LOST (they were in the damaged file only, and are not in the backup): {_ids(lost)}")
    returned = set(table) - held
    if returned and index:
        notes.append(f"events the backup holds that the index did not (removed since?), now back: {_ids(returned)}")
    return good, notes, [event_id_of(key) for key in lost]


def set_aside_bad_journal(root: Path) -> str | None:
    """A journal that is not one of ours (garbage, wrong shape, foreign paths) is moved aside to
    ``journal.json.damaged``, never executed; returns the report line (None when there was none)."""
    journal = root / JOURNAL
    try:
        raw = journal.read_bytes()
    except OSError:
        return None
    try:
        pairs = orjson.loads(raw)["pairs"]
        problem = journal_problem(root, pairs)
    except (orjson.JSONDecodeError, KeyError, TypeError, IndexError):
        problem = "not a journal tracker writes"
    if problem is None or problem.startswith("'"):
        # Ours (rolled forward as by any command), or well formed but naming paths outside the
        # log's layout: a crafted folder, left for a person to look at (every command says so).
        return None
    aside = journal.with_name(JOURNAL + ".damaged")
    with applying(root):
        os.replace(journal, aside)
        fsync_dir(root)
    return f"{journal}: {problem}; moved aside to {aside.name}, not executed"


def restore(log) -> RestoreReport:
    """Put back the backup of every damaged or missing file that has a usable one; rebuild a shard
    that has none from the copies of its events in other companies' files; then rebuild the id
    index, the counts and the registry's rows from the events whenever anything is still wrong.
    A file that merely cannot be read (permissions) is left alone. Readers wait meanwhile (the
    exclusive read lock is held throughout), so none sees a restore half done. Returns one line
    per change, naming the events it dropped or rebuilt; ``lost``: ids no copy holds."""
    root = log.path
    with applying(root):
        report = _restore(log, root)
    return report


def _restore(log, root: Path) -> RestoreReport:
    report = RestoreReport()
    registry_lost = False
    index = _index(root)
    files = list(database_files(root))
    listed = {str(path) for path, _ in files}
    for shard_key in sorted({key for shards in index.values() for key in shards}):
        path = root / SHARDS / f"{shard_key}.json"
        if str(path) not in listed:  # a data file the index names is gone
            files.append((path, "shard"))
    for path, kind in files:
        state, raw, why = _state(path, kind)
        if state == "ok":
            continue
        if state == "unreadable":
            report.refused.append(
                f"{path}: cannot be read ({why}); not rolled back, its content may be whole: "
                "make it readable and run `tracker check` again"
            )
            continue
        bak = backup_of(path)
        try:
            good = read_file(bak, kind)
        except StoreError:
            good = None
        source = f"restored from {bak}"
        if good is None:
            if kind == "registry":
                registry_lost = True
                if state == "damaged":
                    _set_aside(path)
                continue
            if kind == "ids":
                _set_aside(path)  # the index is rebuilt from the shards below
                report.append(f"{path}: {state} and no usable backup; rebuilt from the events")
                continue
            good, source = {EVENTS_TABLE: _salvage(raw, path)}, "rebuilt from what it still held"
        notes: list[str] = []
        if kind == "shard":
            good, notes, lost = _reconcile_shard(root, path, raw, good, index)
            report.lost.extend(lost)
        if state == "damaged" and os.path.lexists(path):
            aside = _set_aside(path)
            line = f"{path}: {source} (the damaged file is kept as {aside.name})"
        else:
            line = f"{path}: was missing, {source}"
        _put(root, path, good)
        report.append("; ".join([line, *notes]))
    if registry_lost:
        report.append(f"{root / REGISTRY}: no usable backup, rebuilt from the events (companies marked for review)")
    if report.refused:  # a file that cannot be read now: rebuilding counts without it would skew them
        if report:
            reindex(log, new_registry=registry_lost, keep=index)
        return report
    copied = _restore_missing_copies(root)
    if copied:
        report.append(f"copies of events missing from a company's file, rebuilt from another copy: {_ids(copied)}")
    remaining = check(log) if not report else []
    if report or remaining:
        changed = reindex(log, new_registry=registry_lost, keep=index)
        if remaining or changed:
            report.append(f"{root}: id index, counts and registry rows rebuilt from the events ({changed or 'nothing changed'})")
    return report


def _restore_missing_copies(root: Path) -> list[str]:
    """Each event has a copy in the file of each of its companies (``layout.places``): a copy
    lost with a file whose backup or index could not say it held it is written again from
    another copy. Returns the doc keys of the events given a copy back."""
    tables: dict[str, dict] = {}
    for path, kind in database_files(root):
        if kind == "shard":
            try:
                tables[f"{path.parent.name}/{path.name[:-5]}"] = (read_file(path, kind) or {}).get(EVENTS_TABLE, {})
            except StoreError:
                tables[f"{path.parent.name}/{path.name[:-5]}"] = None  # unreadable: left to the user
    changed: dict[str, dict] = {}
    copied: set[str] = set()
    for table in list(tables.values()):
        for key, row in (table or {}).items():
            companies = [c for c in row.get("companies") or () if isinstance(c, str)]
            for _, shard_key in places(companies, bucket_of(row.get("start"))):
                target = tables.get(shard_key, {})
                if target is None or key in target:
                    continue
                target[key] = row
                tables[shard_key] = changed[shard_key] = target
                copied.add(key)
    for shard_key, table in changed.items():
        _put(root, root / SHARDS / f"{shard_key}.json", {EVENTS_TABLE: table})
    return sorted(copied, key=int)


def _set_aside(path: Path) -> Path:
    aside = path.with_name(path.name + ".damaged")
    os.replace(path, aside)
    return aside


def _put(root: Path, path: Path, content: dict) -> None:
    tmp = root / TMP / f"restore-{os.getpid()}.json"
    tmp.parent.mkdir(exist_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(tmp, "wb") as handle:
        handle.write(orjson.dumps(content))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    fsync_dir(path.parent)


def _salvage(raw: bytes | None, path: Path) -> dict:
    """The rows of a damaged shard that are still whole events stored under their own key."""
    try:
        data = orjson.loads(raw or b"")
    except orjson.JSONDecodeError:
        return {}
    table = data.get(EVENTS_TABLE) if isinstance(data, dict) else None
    if not isinstance(table, dict):
        return {}
    return {
        key: row
        for key, row in table.items()
        if isinstance(row, dict) and is_event_id(row.get("id")) and doc_id(row["id"]) == key
    }


def reindex(log, new_registry: bool = False, keep: dict | None = None) -> str:
    """Rebuild the id index, the per-company counts and the event count from the shards. An
    event of a shard that cannot be read keeps its index entry (from ``keep``, the index as it
    was): it is not dropped because a file is unreadable for now."""
    root = log.path
    txn = Transaction(root)
    ids: dict[str, dict] = {}
    stats = Stats(None)
    total = 0
    seen_companies: dict[str, None] = {}
    unread: set[str] = set()
    for path, kind in database_files(root):
        if kind != "shard":
            continue
        folder, stem = path.parent.name, path.name[:-5]
        try:
            data = read_file(path, kind) or {}
        except StoreError:
            unread.add(f"{folder}/{stem}")
            continue  # still damaged or unreadable: check() keeps reporting it
        for key, row in data.get(EVENTS_TABLE, {}).items():
            event_id = row.get("id") or ""
            table = ids.setdefault(event_id[:2], {})
            entry = table.get(key)
            if entry is None:
                entry = table[key] = {"shards": []}
                total += 1
            entry["shards"].append(f"{folder}/{stem}")
            for name in row.get("companies") or ():
                if slug(name) == folder:
                    stats.add(name, row.get("date"))
                    seen_companies[name] = None
                    break
    for key, shards in (keep or {}).items():
        kept = [shard for shard in shards if shard in unread]
        if not kept:
            continue
        event_id = event_id_of(key)
        table = ids.setdefault(event_id[:2], {})
        entry = table.get(key)
        if entry is None:
            entry = table[key] = {"shards": []}
            total += 1
        entry["shards"].extend(shard for shard in kept if shard not in entry["shards"])
    for path, kind in list(database_files(root)):
        if kind == "ids" and path.stem not in ids:
            ids[path.stem] = {}
    (root / IDS).mkdir(exist_ok=True)
    for prefix, table in ids.items():
        txn.write_temp(root / IDS / f"{prefix}.json", orjson.dumps({IDS_TABLE: table}), sync=False)
    if new_registry:
        registry = {"companies": {}, "stats": {}, "meta": {"1": {"format": FORMAT, "events": 0}}}
    else:
        registry = read_file(root / REGISTRY, "registry")
    companies = registry.setdefault("companies", {})
    names = {row.get("name") for row in companies.values()}
    next_id = max((int(k) for k in companies), default=0) + 1
    added_rows = []
    for name in seen_companies:
        if name not in names:
            companies[str(next_id)] = {"name": name, "aliases": [], "parent": None, "review": True}
            added_rows.append(name)
            next_id += 1
    old = Stats(registry.get("stats", {}))
    stats.doc_of = dict(old.doc_of)
    registry["stats"] = stats.as_table()
    for row in registry.setdefault("meta", {}).values():
        if row.get("format") == FORMAT:
            row["events"] = total
    txn.stage(root / REGISTRY, registry)
    before = _index(root)
    txn.commit(locked=True)  # restore holds the exclusive read lock
    after = _index(root)
    changes = []
    if set(after) - set(before):
        changes.append(f"{len(set(after) - set(before))} event(s) indexed again: {_ids(set(after) - set(before))}")
    if set(before) - set(after):
        changes.append(f"{len(set(before) - set(after))} index entries of events no file holds dropped: {_ids(set(before) - set(after))}")
    if new_registry or added_rows:
        changes.append(f"{len(added_rows)} registry row(s) rebuilt: {', '.join(added_rows[:10])}")
    return "; ".join(changes)
