"""What the two ways of writing a log share: ``log.EventLog.write`` (one command's changes) and
``bulk.import_rows`` (a whole import file). Both give a ``WriteResult`` and update the registry
file the same way; the functions live here so that neither module imports the other's insides."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from tinydb import Query, TinyDB

from tracker.store.files import Transaction, TxStorage
from tracker.store.layout import FORMAT


class _Counts(NamedTuple):
    added: int = 0
    known: int = 0
    removed: int = 0


class WriteResult(_Counts):
    """What a write did: the counts (compared as a tuple) and, as attributes, ``ids``: the id each
    added event is stored under, in order (the log's old 10-digit id of the same event, or a
    longer id when a different event already held its id); ``added_ids``: the ids of the events
    that were new; ``notes``: one line per id collision met (both events were kept)."""

    def __new__(cls, added: int = 0, known: int = 0, removed: int = 0, ids=(), added_ids=(), notes=()):
        self = super().__new__(cls, added, known, removed)
        self.ids, self.added_ids, self.notes = tuple(ids), tuple(added_ids), tuple(notes)
        return self


def meta_row(registry: dict) -> dict:
    """The registry file's meta row (format, event count), created when missing."""
    table = registry.setdefault("meta", {})
    for row in table.values():
        if row.get("format") == FORMAT:
            return row
    row = table["1"] = {"format": FORMAT, "events": 0}
    return row


def upsert_companies(path: Path, txn: Transaction, rows, seen: list[str]) -> None:
    """Registry rows given by the caller replace those of the same name; companies first met in
    events join as {"review": True} rows so a person can check them."""
    if not rows and not seen:
        return
    if not rows:
        registry = txn.load(path, "registry") or {}
        known = {row.get("name") for row in registry.get("companies", {}).values()}
        if all(name in known for name in seen):
            return  # nothing new: skip the TinyDB round trip over the whole registry
    from tracker.registry import lookup_key

    db = TinyDB(path, storage=TxStorage, txn=txn, kind="registry")
    table = db.table("companies")
    known = {row.get("name") for row in table.all()}
    known_keys = {lookup_key(name) for name in known if isinstance(name, str)}
    company = Query()
    stored = set(known)
    # rows of names not stored yet are inserted together at the end, in their order (the ids an
    # upsert each would give them): an upsert scans and rewrites the whole table, and an ingest
    # adds hundreds of companies
    inserted: dict[str, dict] = {}
    for row in rows:
        if row.get("review") and row["name"] not in known and lookup_key(row["name"]) in known_keys:
            continue  # registered meanwhile by another writer in another case or form: one company
        clean = {
            "name": row["name"],
            "aliases": list(row.get("aliases") or []),
            "parent": row.get("parent"),
            "review": bool(row.get("review", False)),
        }
        for extra, value in row.items():
            clean.setdefault(extra, value)
        if clean["name"] in stored:
            table.upsert(clean, company.name == clean["name"])
        elif clean["name"] in inserted:
            inserted[clean["name"]].update(clean)  # what a second upsert of the name does
        else:
            inserted[clean["name"]] = clean
        known.add(clean["name"])
    new = list(inserted.values())
    for name in seen:
        if name not in known and lookup_key(name) not in known_keys:
            new.append({"name": name, "aliases": [], "parent": None, "review": True})
            known.add(name)
    if new:
        table.insert_multiple(new)
