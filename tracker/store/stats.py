"""Per-company counts and first/last dates, kept up to date by every write."""

from __future__ import annotations

from tracker.store.layout import date_range


_LAZY = object()


def _keys(entry: list) -> None:
    entry[2] = date_range(entry[1])[2] if entry[1] else None
    entry[4] = date_range(entry[3])[2] if entry[3] else None


class Stats:
    """name -> [count, first value, first key, last value, last key]; keys order like a timeline."""

    def __init__(self, table: dict | None):
        self.table = table if table is not None else {}
        self.by_name: dict[str, list] = {}
        self.doc_of: dict[str, str] = {}
        for key, row in self.table.items():
            name = row.get("name")
            self.doc_of[name] = key
            # sort keys are worked out only for the companies a write touches (see _keys)
            self.by_name[name] = [int(row.get("count") or 0), row.get("first"), _LAZY, row.get("last"), _LAZY]
        self.stale: set[str] = set()  # first/last must be recomputed from the shards

    def add(self, name: str, value: str | None) -> None:
        entry = self.by_name.get(name)
        if entry is None:
            entry = self.by_name[name] = [0, None, None, None, None]
        entry[0] += 1
        if entry[2] is _LAZY:
            _keys(entry)
        _widen(entry, value)

    def remove(self, name: str, value: str | None) -> None:
        entry = self.by_name.get(name)
        if entry is None:
            return
        entry[0] = max(0, entry[0] - 1)
        if value and value in (entry[1], entry[3]):
            self.stale.add(name)

    def set_dates(self, name: str, first_rows, last_rows) -> None:
        """Recompute first/last from the rows of the company's earliest and latest dated buckets."""
        entry = self.by_name.get(name)
        if entry is None:
            return
        entry[1:] = [None, None, None, None]
        for row in list(first_rows) + list(last_rows):
            _widen(entry, row.get("date"))
        self.stale.discard(name)

    def as_table(self) -> dict:
        out = {}
        used = {int(k) for k in self.doc_of.values() if k is not None and str(k).isdigit()}
        next_id = max(used, default=0) + 1
        for name in sorted(self.by_name):
            count, first, _, last, _ = self.by_name[name]
            key = self.doc_of.get(name)
            if key is None:
                key = str(next_id)
                next_id += 1
                self.doc_of[name] = key
            out[key] = {"name": name, "count": count, "first": first, "last": last}
        return out

    def public(self) -> dict:
        return {
            name: {"count": entry[0], "first": entry[1], "last": entry[3]}
            for name, entry in self.by_name.items()
        }


def _widen(entry: list, value: str | None) -> None:
    """Stretch a company's [count, first, first key, last, last key] to take in one more date."""
    key = date_range(value)[2] if value else None
    if key is None:
        return
    if entry[2] is None or key < entry[2]:
        entry[1], entry[2] = value, key
    if entry[4] is None or key > entry[4]:
        entry[3], entry[4] = value, key
