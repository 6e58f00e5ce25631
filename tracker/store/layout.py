"""Where things live in a tracker database directory, and what a stored row looks like.

::

    <db>/registry.json                     TinyDB: tables "companies", "stats", "meta" and
                                           "rejected" (events a reviewer turned down, by doc id)
    <db>/shards/<company-slug>/<bucket>.json   TinyDB: table "events", one file per year of the
                                           event's start date ("undated" when unknown), holding
                                           the events whose main (first) company this is;
    <db>/shards/<company-slug>/<bucket>-also.json   the same for the events it is a second company of
    <db>/ids/<2 hex>.json                  TinyDB: table "ids", event id -> shards holding it
    <db>/tmp/                              temporary files of the transaction being written
    <db>/journal.json                      present only between a commit point and its end
    <db>/.lock, .write.lock, .gate.lock    inter-process locks (see ``files``)

A TinyDB document id is ``doc_id(event.id)`` everywhere, so the same event is the same document
in every file. A stored row is ``Event.to_dict()`` plus ``start`` and ``end``: the ISO day range of
its date (None when unknown), so filters compare strings and never parse dates again.
"""

from __future__ import annotations

import hashlib
import re

from tracker.model import source_place
from tracker.temporal.partial import PartialDate

FORMAT = "tracker-log/1"
REGISTRY = "registry.json"
SHARDS = "shards"
IDS = "ids"
TMP = "tmp"
JOURNAL = "journal.json"
UNDATED = "undated"
ALSO = "-also"
EVENTS_TABLE = "events"
IDS_TABLE = "ids"
REJECTED_TABLE = "rejected"

_SLUG_CHARS = re.compile(r"[^a-z0-9]+")
_SLUGS: dict[str, str] = {}
_RANGES: dict[str | None, tuple] = {}


def slug(company: str) -> str:
    """A file-system-safe directory name for a company: readable part + hash of its folded name.

    Case-insensitive (the event id folds case too), and the hash keeps two names that read alike
    ("AT&T", "AT-T") apart on any file system.
    """
    found = _SLUGS.get(company)
    if found is None:
        key = " ".join(company.casefold().split())
        base = _SLUG_CHARS.sub("-", key).strip("-")[:40].strip("-") or "x"
        found = _SLUGS[company] = f"{base}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:8]}"
    return found


def date_range(value: str | None) -> tuple:
    """``(start, end, sort_key)`` for a stored date value; start/end ISO days or None. Cached."""
    found = _RANGES.get(value)
    if found is None:
        when = PartialDate.parse(value)
        if when.start is None:
            found = (None, None, None)
        else:
            found = (
                when.start.isoformat(),
                when.end.isoformat(),
                (when.start.toordinal(), when.start.toordinal() - when.end.toordinal()),
            )
        _RANGES[value] = found
    return found


def bucket_of(start: str | None) -> str:
    return start[:4] if start else UNDATED


def places(companies, bucket: str) -> list[tuple[str, str]]:
    """(company, shard key) for each company of an event (the same company once).

    The main company's copy goes to ``<slug>/<bucket>``, the other companies' copies to
    ``<slug>/<bucket>-also``: a company query reads both, a whole-log read only the first kind,
    so it parses each event once instead of once per company (1.5 times fewer rows at 1M).
    """
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for company in companies:
        company_slug = slug(company)
        if company_slug in seen:
            continue
        seen.add(company_slug)
        out.append((company, f"{company_slug}/{bucket}{ALSO if out else ''}"))
    return out


def split_bucket(stem: str) -> tuple[str, bool]:
    """``2017-also`` -> ("2017", False); ``2017`` -> ("2017", True): the bucket and whether main."""
    if stem.endswith(ALSO):
        return stem[: -len(ALSO)], False
    return stem, True


_HEX = frozenset("0123456789abcdef")
_LEGACY_BOUND = 1 << 40


def is_event_id(text) -> bool:
    """A full stored id: 10 hex digits (logs written before 80-bit ids) or 20 to 40."""
    return (
        isinstance(text, str)
        and (len(text) == 10 or 20 <= len(text) <= 40)
        and set(text) <= _HEX
    )


def doc_id(event_id: str) -> str:
    """The TinyDB document id (as the JSON key TinyDB writes) of an event id.

    A 10-digit (legacy) id is its own number, as before; a longer id gets a leading 1 digit
    (``int("1" + id, 16)``), so the key of a long id is at least 2**80 and the id's length, leading
    zeros included, can be read back from its key (``event_id_of``).
    """
    if len(event_id) == 10:
        return str(int(event_id, 16))
    return str(int("1" + event_id, 16))


def event_id_of(doc_key: str | int) -> str:
    number = int(doc_key)
    if number < _LEGACY_BOUND:
        return f"{number:010x}"
    return f"{number:x}"[1:]


def to_row(event) -> dict:
    """The stored form of an event, the one place it is defined: an ``Event`` or its
    ``Event.to_dict()`` dict, plus its day range (``start``, ``end``) for reads by date."""
    event_dict = event.to_dict() if hasattr(event, "to_dict") else event
    start, end, _ = date_range(event_dict.get("date") or None)
    row = dict(event_dict)
    row["start"] = start
    row["end"] = end
    return row


def merge_sources(stored: dict, extra_sources) -> bool:
    """Add to a stored row the sources of a second report of it (no source twice). True if changed."""
    sources = list(stored.get("sources") or [])
    changed = False
    for source in extra_sources or ():
        if not any(source_place(source) == source_place(known) for known in sources):
            sources.append(source)
            changed = True
    if changed:
        stored["sources"] = sources
    return changed


def in_window(row: dict, since: str | None, until: str | None) -> bool:
    start = row.get("start")
    if start is None:
        return since is None and until is None
    if since is not None and row["end"] < since:
        return False
    if until is not None and start > until:
        return False
    return True


def buckets_for(names, since: str | None, until: str | None, main_only: bool = False) -> list[str]:
    """Which shard files (names like ``2017.json``, ``2017-also.json``) of one company a read needs.

    An event's bucket is the year of its start; its end is at most a year later (an ISO week can
    start in the previous December), so a window starting in year Y also reads year Y-1.
    """
    window = since is not None or until is not None
    low = int(since[:4]) - 1 if since else None
    high = int(until[:4]) if until else None
    chosen = []
    for name in names:
        if not name.endswith(".json"):
            continue
        bucket, main = split_bucket(name[:-5])
        if main_only and not main:
            continue
        if not window:
            chosen.append(name)
            continue
        if not bucket.isdigit():
            continue  # undated: never in a window
        year = int(bucket)
        if (low is None or year >= low) and (high is None or year <= high):
            chosen.append(name)
    return chosen
