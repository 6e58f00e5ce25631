"""Filtering and ordering of stored event rows (``Event.to_dict()`` plus ``start``/``end`` days).

The store narrows by company and date window, the cheap cuts its layout supports; the rest of a
query (type, text search, source document, order, limit) happens here, on rows, without building
Event objects, so a listing of a million events stays fast.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import itemgetter


SORT_KEYS = ("date", "company", "type")

# Mapping every digit d to 9-d turns "later end" into "smaller string", so one ascending sort
# puts a coarser date (same start, later end) before a finer one.
_COMPLEMENT = str.maketrans("0123456789", "9876543210")


@dataclass
class Query:
    companies: list[str] | None = None  # canonical names, subsidiaries already added
    since: str | None = None  # ISO day: keep events whose day range reaches it
    until: str | None = None
    types: set[str] = field(default_factory=set)
    search: str | None = None
    source: str | None = None
    sort: str = "date"
    reverse: bool = False
    limit: int | None = None


def matches_source(row: dict, wanted: str) -> bool:
    """A source document named in full, by its stem, or by a prefix of it ("003")."""
    wanted = wanted.casefold()
    return any(s.get("doc", "").casefold().startswith(wanted) for s in row.get("sources", ()))


def matches_text(row: dict, needle: str) -> bool:
    haystack = [row.get("title", ""), *row.get("companies", ()), *row.get("people", ()), *row.get("tags", ())]
    haystack.extend(s.get("quote", "") for s in row.get("sources", ()))
    return any(needle in part.casefold() for part in haystack)


def select(rows: list[dict], query: Query) -> list[dict]:
    kept = rows
    if query.types:
        kept = [r for r in kept if r["type"] in query.types]
    if query.source:
        kept = [r for r in kept if matches_source(r, query.source)]
    if query.search:
        needle = query.search.casefold()
        kept = [r for r in kept if matches_text(r, needle)]
    return order(kept, query.sort, query.reverse, query.limit)


def date_key(row: dict) -> tuple:
    start = row.get("start")
    if start is None:
        return (1, "", "", row.get("title", ""))
    return (0, start, row["end"].translate(_COMPLEMENT), row.get("title", ""))


def by_date(rows: list[dict]) -> list[dict]:
    """date_key order, done as stable sorts on plain fields: a million rows sort in about a second
    this way, against four with a Python key function."""
    dated = [r for r in rows if r.get("start")]
    undated = [r for r in rows if not r.get("start")]
    for part in (dated, undated):
        part.sort(key=itemgetter("title"))
    dated.sort(key=itemgetter("end"), reverse=True)  # the coarser date first on the same start
    dated.sort(key=itemgetter("start"))
    return dated + undated


def order(rows: list[dict], sort: str = "date", reverse: bool = False, limit: int | None = None) -> list[dict]:
    if sort == "company":
        ordered = sorted(rows, key=lambda r: (r["companies"][0].casefold(), date_key(r)))
    elif sort == "type":
        ordered = sorted(rows, key=lambda r: (r["type"], date_key(r)))
    else:
        ordered = by_date(rows)
    if reverse:
        ordered.reverse()
    return ordered[:limit] if limit is not None else ordered
