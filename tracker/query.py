"""Filtering and ordering of stored event rows (``Event.to_dict()`` plus ``start``/``end`` days).

The store narrows by company and date window, the cheap cuts its layout supports; the rest of a
query (type, text search, source document, order, limit) happens here, on rows, without building
Event objects, so a listing of a million events stays fast.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from operator import itemgetter


SORT_KEYS = ("date", "company", "type")

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
    not_types: set[str] = field(default_factory=set)
    tags: set[str] = field(default_factory=set)  # casefolded: an event with any of them
    people: set[str] = field(default_factory=set)  # casefolded: an event naming anyone containing one
    within: bool = False  # the event's whole date range inside since..until, not just overlapping it


def describe(query: Query) -> str:
    """The filters of a query in words, for a report's header and --verbose: "" when there are none."""
    parts = []
    if query.since and query.until:
        parts.append(f"dated {query.since} to {query.until}")
    elif query.since:
        parts.append(f"dated from {query.since}")
    elif query.until:
        parts.append(f"dated up to {query.until}")
    if query.within and (query.since or query.until):
        parts[-1] = parts[-1].replace("dated", "dated within", 1)
    if query.types:
        parts.append("type " + " or ".join(sorted(t.replace("_", " ") for t in query.types)))
    if query.not_types:
        parts.append("type not " + " or ".join(sorted(t.replace("_", " ") for t in query.not_types)))
    if query.tags:
        parts.append("tagged " + " or ".join(sorted(query.tags)))
    if query.people:
        parts.append("with " + " or ".join(sorted(query.people)))
    if query.search:
        parts.append(f"mentioning {query.search!r}")
    if query.source:
        parts.append(f"from source {query.source!r}")
    if query.limit is not None:
        which = "last" if query.reverse else "first"
        parts.append(f"the {which} {query.limit} by {query.sort}")
    return "; ".join(parts)


def matches_source(row: dict, wanted: str) -> bool:
    """A source document named in full, by its stem, or by a prefix of it ("003")."""
    wanted = wanted.casefold()
    return any(s.get("doc", "").casefold().startswith(wanted) for s in row.get("sources", ()))


def matches_text(row: dict, needle: str) -> bool:
    haystack = [row.get("title", ""), *row.get("companies", ()), *row.get("people", ()), *row.get("tags", ())]
    haystack.extend(s.get("quote", "") for s in row.get("sources", ()))
    return any(needle in part.casefold() for part in haystack)


def matches_tags(row: dict, wanted: set[str]) -> bool:
    return any(tag.casefold() in wanted for tag in row.get("tags", ()))


def matches_people(row: dict, wanted: set[str]) -> bool:
    """A person named in full or in part, any case: 'wang' finds 'Wang Xin'."""
    return any(part in person.casefold() for person in row.get("people", ()) for part in wanted)


def inside(row: dict, since: str | None, until: str | None) -> bool:
    """The row's whole day range lies in the window: a date of just "2017" is not inside 2017-Q3.
    Undated rows are never inside a window."""
    start, end = row.get("start"), row.get("end")
    if not start:
        return False
    return (since is None or start >= since) and (until is None or end <= until)


def select(rows: list[dict], query: Query) -> list[dict]:
    return order(kept(rows, query), query.sort, query.reverse, query.limit)


def filters_rows(query: Query) -> bool:
    """Whether ``kept`` can drop a row (any filter besides the companies and the window)."""
    return bool((query.within and (query.since or query.until)) or query.types or query.not_types or query.tags
                or query.people or query.source or query.search)


def kept(rows: list[dict], query: Query) -> list[dict]:
    """The rows that pass the query's filters, in their order (``select`` without the ordering)."""
    kept = rows
    if query.within and (query.since or query.until):
        kept = [r for r in kept if inside(r, query.since, query.until)]
    if query.types:
        kept = [r for r in kept if r["type"] in query.types]
    if query.not_types:
        kept = [r for r in kept if r["type"] not in query.not_types]
    if query.tags:
        kept = [r for r in kept if matches_tags(r, query.tags)]
    if query.people:
        kept = [r for r in kept if matches_people(r, query.people)]
    if query.source:
        kept = [r for r in kept if matches_source(r, query.source)]
    if query.search:
        needle = query.search.casefold()
        kept = [r for r in kept if matches_text(r, needle)]
    return kept


def select_stream(groups: Iterable[list[dict]], query: Query) -> Iterator[dict]:
    """``select`` over rows that come in groups in date order (``EventLog.row_groups``: one per
    year, in the query's direction, undated last): the same rows in the same order, sorting one
    group at a time. Only for the date order; a limit stops the reading early."""
    if query.sort != "date":
        raise ValueError("select_stream orders by date only")
    each = replace(query, limit=None)
    left = query.limit
    try:
        for group in groups if left != 0 else ():
            rows = select(group, each)
            if left is not None:
                rows = rows[:left]
                left -= len(rows)
            yield from rows
            if left == 0:
                break  # before the next year is read
    finally:
        getattr(groups, "close", lambda: None)()  # a generator of the store holds its read lock until closed


def by_date(rows: list[dict]) -> list[dict]:
    """Oldest first by the first day of each date's range, the coarser date first on the same day,
    then by title; undated last (``by_date_items`` on each row's sort fields)."""
    return by_date_items([(row.get("start"), row.get("end"), row["title"], row) for row in rows])


def by_date_items(items: list[tuple], reverse: bool = False) -> list:
    """The payloads of (start, end, title, payload) items in ``order(rows, "date", reverse)``'s
    order of the rows they stand for: a whole-log reader renders each row as it is read and keeps
    only its sort fields and its text. Items are put in buckets by their (start, end) days, the
    few hundred distinct ranges of a year are sorted, then each bucket by title (a stable sort):
    cheaper than sorting every item on three keys, and the same order."""
    buckets: dict[tuple, list[tuple]] = {}
    undated: list[tuple] = []
    for item in items:
        start = item[0]
        if start:
            key = (start, item[1])
            bucket = buckets.get(key)
            if bucket is None:
                buckets[key] = [item]
            else:
                bucket.append(item)
        else:
            undated.append(item)
    ranges = sorted(buckets, key=itemgetter(1), reverse=True)
    ranges.sort(key=itemgetter(0))
    title, payload = itemgetter(2), itemgetter(3)
    dated: list = []
    for key in ranges:
        bucket = buckets[key]
        if len(bucket) > 1:
            bucket.sort(key=title)
        dated += map(payload, bucket)
    if reverse:
        dated.reverse()
    undated.sort(key=title)
    return dated + list(map(payload, undated))


def order(rows: list[dict], sort: str = "date", reverse: bool = False, limit: int | None = None) -> list[dict]:
    """Rows by date (then by company or type when asked), undated events last in both directions:
    ``--reverse -n 4`` is the latest four, not four events nobody dated."""
    ordered = by_date(rows)
    if reverse:
        dated = [r for r in ordered if r.get("start")]
        ordered = dated[::-1] + ordered[len(dated):]
    # Stable sorts (reverse=True keeps equal keys in their order): dates stay ordered inside a group.
    if sort == "company":
        ordered.sort(key=lambda r: r["companies"][0].casefold(), reverse=reverse)
    elif sort == "type":
        ordered.sort(key=itemgetter("type"), reverse=reverse)
    return ordered[:limit] if limit is not None else ordered
