"""Check a database folder and restore damaged files from their backups."""

from __future__ import annotations

import os
from pathlib import Path

import orjson

from tracker.atomicfile import fsync_dir
from tracker.store.files import StoreError, Transaction, backup_of, read_file
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
    for path, kind in database_files(root):
        if kind != "ids":
            continue
        try:
            data = read_file(path, kind) or {}
        except StoreError:
            continue  # reported above
        for key, entry in data.get(IDS_TABLE, {}).items():
            indexed.add(key)
            listed = sorted(entry.get("shards") or ())
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


def restore(log) -> list[str]:
    """Put back the backup of every damaged or missing file that has a usable one, then rebuild the
    id index and the counts from the events. Returns one line per file restored."""
    root = log.path
    restored: list[str] = []
    registry_lost = False
    for path, kind in list(database_files(root)):
        try:
            if read_file(path, kind) is not None:
                continue
        except StoreError:
            pass
        bak = backup_of(path)
        try:
            good = read_file(bak, kind)
        except StoreError:
            good = None
        if good is None:
            if kind == "registry":
                registry_lost = True
            continue
        aside = path.with_name(path.name + ".damaged")
        tmp = root / TMP / f"restore-{os.getpid()}.json"
        with open(tmp, "wb") as handle:
            handle.write(bak.read_bytes())
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.replace(path, aside)
            restored.append(f"{path}: restored from {bak} (the damaged file is kept as {aside.name})")
        else:
            restored.append(f"{path}: was missing, restored from {bak}")
        os.replace(tmp, path)
        fsync_dir(path.parent)
    if registry_lost:
        restored.append(f"{root / REGISTRY}: no usable backup, rebuilt from the events (companies marked for review)")
    if restored:
        reindex(log, new_registry=registry_lost)
    return restored


def reindex(log, new_registry: bool = False) -> None:
    """Rebuild the id index, the per-company counts and the event count from the shards."""
    root = log.path
    txn = Transaction(root)
    ids: dict[str, dict] = {}
    stats = Stats(None)
    total = 0
    seen_companies: dict[str, None] = {}
    for path, kind in database_files(root):
        if kind != "shard":
            continue
        try:
            data = read_file(path, kind) or {}
        except StoreError:
            continue  # still damaged: check() keeps reporting it
        folder, stem = path.parent.name, path.name[:-5]
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
