"""Check a database folder and restore damaged files from their backups."""

from __future__ import annotations

import os
import re
from pathlib import Path

import orjson

from tracker.atomicfile import fsync_dir
from tracker.store.files import StoreError, Transaction, backup_of, load_bytes, read_file
from tracker.store.layout import (
    EVENTS_TABLE,
    FORMAT,
    IDS,
    IDS_TABLE,
    REGISTRY,
    SHARDS,
    TMP,
    bucket_of,
    doc_id,
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
                for name in names[:1]:
                    counts[name] = counts.get(name, 0) + 1
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


def restore(log) -> RestoreReport:
    """Put back the backup of every damaged or missing file that has a usable one, then rebuild the
    id index and the counts from the events. A file that merely cannot be read (permissions) is
    left alone. Returns one line per file restored, saying which events that dropped or rebuilt."""
    root = log.path
    report = RestoreReport()
    registry_lost = False
    index = _index(root)
    for path, kind in list(database_files(root)):
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
        if good is None:
            if kind == "registry":
                registry_lost = True
            else:
                report.refused.append(f"{path}: {'missing' if state == 'missing' else 'damaged'} and no usable backup; left as it is")
            continue
        notes: list[str] = []
        if kind == "shard":
            good, notes, lost = _reconcile_shard(root, path, raw, good, index)
            report.lost.extend(lost)
        aside = path.with_name(path.name + ".damaged")
        tmp = root / TMP / f"restore-{os.getpid()}.json"
        with open(tmp, "wb") as handle:
            handle.write(orjson.dumps(good))
            handle.flush()
            os.fsync(handle.fileno())
        if state == "damaged" and os.path.lexists(path):
            os.replace(path, aside)
            line = f"{path}: restored from {bak} (the damaged file is kept as {aside.name})"
        else:
            line = f"{path}: was missing, restored from {bak}"
        os.replace(tmp, path)
        fsync_dir(path.parent)
        report.append("; ".join([line, *notes]))
    if registry_lost:
        report.append(f"{root / REGISTRY}: no usable backup, rebuilt from the events (companies marked for review)")
    if report:
        reindex(log, new_registry=registry_lost, keep=index)
    return report


def reindex(log, new_registry: bool = False, keep: dict | None = None) -> None:
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
    for name in seen_companies:
        if name not in names:
            companies[str(next_id)] = {"name": name, "aliases": [], "parent": None, "review": True}
            next_id += 1
    old = Stats(registry.get("stats", {}))
    stats.doc_of = dict(old.doc_of)
    registry["stats"] = stats.as_table()
    for row in registry.setdefault("meta", {}).values():
        if row.get("format") == FORMAT:
            row["events"] = total
    txn.stage(root / REGISTRY, registry)
    txn.commit()
