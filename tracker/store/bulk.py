"""Bulk import: a million events in one transaction, in bounded memory.

Pass 1 streams the input once: each event gets its day range and is serialised once (orjson);
one line per company copy goes to one of ``PARTS`` spool files in ``<db>/tmp/`` (chosen by the
company's slug, so a shard's rows all land in one spool); its id goes into the in-memory id
index (a known id counts as known and only merges sources); per-company figures are updated.

Pass 2 reads one spool at a time, groups its lines by shard and writes each shard file once. A
shard that does not exist yet is assembled from the serialised rows without parsing them again;
an existing one is parsed, merged and rewritten. Then the id files and the registry. All of it
becomes visible at once at the transaction's commit point (``files.Transaction``).
"""

from __future__ import annotations

import os
from collections import defaultdict

import orjson

from tracker.store.files import StoreError, Transaction, read_file
from tracker.store.layout import (
    EVENTS_TABLE,
    IDS,
    IDS_TABLE,
    REGISTRY,
    SHARDS,
    TMP,
    bucket_of,
    doc_id,
    merge_sources,
    places,
    to_row,
)
from tracker.model import ID_LENGTH, LEGACY_ID_LENGTH, row_identity
from tracker.store.stats import Stats
from tracker.store.writes import WriteResult, meta_row, upsert_companies

PARTS = 64
READ_STEP = 10_000


def _normal(raw: dict) -> dict:
    """The stored form of an import row: Event.to_dict() form (built when a field is missing),
    with the id of its content (an id given in the file is not trusted: a crafted or old id could
    name a different event; the id of the same content is the same everywhere)."""
    if "precision" not in raw or not isinstance(raw.get("companies"), list):
        from tracker.model import Event

        raw = Event.from_dict(raw).to_dict()
    row = to_row(raw)
    row["id"] = row_identity(row)[:ID_LENGTH]
    return row


class _LegacyRows:
    """Stored rows of a log written with 10-digit ids, read to tell whether an imported event
    whose id starts with such an id is the same event (same content) or a different one."""

    def __init__(self, txn: Transaction, root):
        self.txn, self.root, self.cache = txn, root, {}

    def identity(self, entry, key: str) -> str | None:
        listed = entry["shards"] if type(entry) is dict else entry
        for shard_key in listed:
            table = self.cache.get(shard_key)
            if table is None:
                if len(self.cache) > 256:
                    self.cache.clear()
                path = self.root / SHARDS / f"{shard_key}.json"
                data = self.txn.pending.get(path) or read_file(path, "shard") or {}
                table = self.cache[shard_key] = data.get(EVENTS_TABLE, {})
            stored = table.get(key)
            if stored is not None:
                return row_identity(stored)
        return None


def import_rows(log, txn: Transaction, raw_dicts, progress=None, total=None):
    """``progress(done, total)`` is called now and then. With ``total`` (the number of events, when
    the caller knows it) the units are events read, plus a quarter more for writing the shards;
    without it, only the writing phase is reported, as spool files done out of ``PARTS``."""
    root = log.path
    registry_path = root / REGISTRY
    registry = txn.load(registry_path, "registry")
    txn.stage(registry_path, registry)
    stats = Stats(registry.get("stats", {}))

    # Id index: prefix -> {doc key -> entry}; entries of this import are tuples of shard keys
    # (small), existing ones stay as stored ({"shards": [...]}).
    id_tables: dict[str, dict] = {}

    def id_table(prefix: str) -> dict:
        table = id_tables.get(prefix)
        if table is None:
            data = txn.load(root / IDS / f"{prefix}.json", "ids") or {}
            table = id_tables[prefix] = data.setdefault(IDS_TABLE, {})
        return table

    report_reads = progress is not None and total is not None and total > 0
    overall = (total or 0) + (total or 0) // 4
    spool_paths = [root / TMP / f"spool-{os.getpid()}-{n:02d}" for n in range(PARTS)]
    spools = [open(path, "wb", buffering=1 << 20) for path in spool_paths]
    interned: dict[str, str] = {}
    legacy = _LegacyRows(txn, root)
    notes: list[str] = []
    companies_seen: dict[str, None] = {}
    added = known = 0
    try:
        count = 0
        for raw in raw_dicts:
            row = _normal(raw)
            event_id = row["id"]
            key = doc_id(event_id)
            table = id_table(event_id[:2])
            if key not in table:
                legacy_key = doc_id(event_id[:LEGACY_ID_LENGTH])
                legacy_entry = table.get(legacy_key)
                if legacy_entry is not None:
                    same = legacy.identity(legacy_entry, legacy_key)
                    if same is not None and same == row_identity(row):
                        # The log holds this event under its old 10-digit id: merge into it.
                        event_id = row["id"] = event_id[:LEGACY_ID_LENGTH]
                        key = legacy_key
                    elif same is not None:
                        notes.append(
                            f"id collision: event {event_id} and the different event "
                            f"{event_id[:LEGACY_ID_LENGTH]} share their first 10 digits; both are kept"
                        )
            line_tail = b"\t" + key.encode() + b"\t" + orjson.dumps(row) + b"\n"
            bucket = bucket_of(row["start"])
            entry = table.get(key)
            targets = places(row["companies"], bucket)
            if entry is None:
                table[key] = tuple(interned.setdefault(k, k) for _, k in targets)
                added += 1
                for company, _ in targets:
                    stats.add(company, row["date"])
                    companies_seen[company] = None
            else:
                # Known: merge into the copies where they are (the companies may come in
                # another order); a company's copy lost to a restored backup comes back.
                known += 1
                listed = list(entry["shards"] if type(entry) is dict else entry)
                held = {shard_key.partition("/")[0] for shard_key in listed}
                missing = [(c, k) for c, k in targets if k.partition("/")[0] not in held]
                if missing:
                    table[key] = tuple(listed + [k for _, k in missing])
                    for company, _ in missing:
                        stats.add(company, row["date"])
                targets = [(None, k) for k in listed] + missing
            for _, shard_key in targets:
                company_slug, _, file_stem = shard_key.partition("/")
                part = int(company_slug[-8:], 16) % PARTS
                spools[part].write(company_slug.encode() + b"\t" + file_stem.encode() + line_tail)
            count += 1
            if report_reads and count % READ_STEP == 0:
                progress(min(count, total), overall)
        if report_reads:
            progress(min(count, total), overall)
        for handle in spools:
            handle.close()

        for part, path in enumerate(spool_paths):
            _write_part(root, txn, path)
            if report_reads:
                progress(total + (part + 1) * (overall - total) // PARTS, overall)
            elif progress is not None:
                progress(part + 1, PARTS)
    except OSError as exc:
        raise StoreError(f"cannot write the import into {root}: {exc.strerror}") from None
    finally:
        for handle in spools:
            handle.close()
        for path in spool_paths:  # gone after a part is written; still there after a failure
            try:
                os.unlink(path)
            except OSError:
                pass

    for prefix, table in id_tables.items():
        final = root / IDS / f"{prefix}.json"
        if final in txn.pending:  # staged by this transaction already (the seed): stage it again
            for key, entry in table.items():
                if type(entry) is tuple:
                    table[key] = {"shards": list(entry)}
            txn.stage(final, txn.pending[final])
            continue
        body = b",".join(
            b'"' + key.encode() + b'":' + orjson.dumps({"shards": list(entry)} if type(entry) is tuple else entry)
            for key, entry in table.items()
        )
        txn.write_temp(final, b'{"' + IDS_TABLE.encode() + b'":{' + body + b"}}", sync=False)
    id_tables.clear()

    upsert_companies(registry_path, txn, (), list(companies_seen))
    registry = txn.load(registry_path, "registry")
    registry["stats"] = stats.as_table()
    meta = meta_row(registry)
    meta["events"] = int(meta.get("events", 0)) + added
    txn.stage(registry_path, registry)
    return WriteResult(added, known, 0, notes=tuple(notes))


def _write_part(root, txn: Transaction, path) -> None:
    with open(path, "rb") as handle:
        data = handle.read()
    groups: dict[tuple[bytes, bytes], list] = defaultdict(list)
    for line in data.split(b"\n"):
        if line:
            company_slug, file_stem, key, row = line.split(b"\t", 3)
            groups[(company_slug, file_stem)].append((key, row))
    del data
    for (company_slug, file_stem), items in groups.items():
        final = root / SHARDS / company_slug.decode() / f"{file_stem.decode()}.json"
        staged = txn.pending.get(final)
        existing = staged if staged is not None else read_file(final, "shard")
        if existing is None:
            rows: dict[bytes, bytes] = {}
            for key, row in items:
                before = rows.get(key)
                if before is None:
                    rows[key] = row
                else:  # the same event twice in this import: one row, every source
                    merged = orjson.loads(before)
                    merge_sources(merged, orjson.loads(row).get("sources"))
                    rows[key] = orjson.dumps(merged)
            body = b",".join(b'"' + key + b'":' + row for key, row in rows.items())
            txn.write_temp(final, b'{"' + EVENTS_TABLE.encode() + b'":{' + body + b"}}", sync=False)
        else:
            table = existing.setdefault(EVENTS_TABLE, {})
            for key, row in items:
                parsed = orjson.loads(row)
                stored = table.get(key.decode())
                if stored is None:
                    table[key.decode()] = parsed
                else:
                    merge_sources(stored, parsed.get("sources"))
            if staged is not None:
                txn.stage(final, existing)  # written with the rest of the staged files
            else:
                txn.write_temp(final, orjson.dumps(existing), sync=False)
    groups.clear()

