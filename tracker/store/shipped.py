"""The read-only log that ships with tracker, held in memory (a user with no database reads it)."""

from __future__ import annotations

from tracker.store.layout import in_window, merge_sources, slug, to_row
from tracker.store.stats import Stats


class ShippedLog:
    path = None
    exists = False

    def __init__(self, events, companies):
        rows: dict[str, dict] = {}
        for event in events:
            row = to_row(event)
            known = rows.get(row["id"])
            if known is None:
                rows[row["id"]] = row
            else:
                merge_sources(known, row.get("sources"))
        self._rows = rows
        self._companies = [dict(row) for row in companies]
        stats = Stats(None)
        for row in rows.values():
            for company in row["companies"]:
                stats.add(company, row["date"])
        self._stats = stats.public()

    def rows(self, companies=None, since=None, until=None) -> list[dict]:
        wanted = None if companies is None else {slug(name) for name in companies}
        return [
            row
            for row in self._rows.values()
            if (wanted is None or any(slug(c) in wanted for c in row["companies"])) and in_window(row, since, until)
        ]

    def row_groups(self, companies=None, since=None, until=None, newest_first=False):
        """``EventLog.row_groups`` of a log this small: one group, all of it."""
        yield self.rows(companies, since, until)

    def get(self, event_id: str) -> dict | None:
        return self._rows.get(event_id)

    def resolve_id(self, prefix: str) -> list[str]:
        prefix = (prefix or "").strip().lower()
        if len(prefix) < 4:
            return []
        return sorted(i for i in self._rows if i.startswith(prefix))

    def resolve_ids(self, prefixes) -> dict[str, list[str]]:
        return {prefix: self.resolve_id(prefix) for prefix in prefixes}

    def companies(self) -> list[dict]:
        return list(self._companies)

    def rejected(self) -> list[dict]:
        return []  # nothing is rejected in the shipped log: a rejection is a write

    def stats(self) -> dict:
        return {name: dict(entry) for name, entry in self._stats.items()}

    def describe(self) -> dict:
        return {
            "path": None,
            "shipped": True,
            "events": len(self._rows),
            "companies": len(self._companies),
            "companies_with_events": len(self._stats),
            "size": 0,
            "shard_files": 0,
            "id_files": 0,
            "backups": 0,
        }
