"""The analyst's desk: correcting recorded events (edit, merge) and finding likely duplicates.

Pure functions on events and stored rows; ``tracker.api.Tracker`` reads and writes the log.

An edited or merged event keeps the id it was recorded under (a note or a link that cites the
id keeps working, as an issue number does) and gets an ``edited`` time; its ``recorded`` time and
its sources stay as they were unless the edit changes them.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, replace

from tracker.errors import UsageError
from tracker.model import EVENT_TYPES, Event, EventError, Source, now_stamp
from tracker.registry import Registry
from tracker.temporal.partial import PartialDate


def event_type(typed: str) -> str:
    """An event type as typed, in any case and with '-' or ' ' for '_': 'Trial', 'joint-venture'."""
    wanted = "_".join(typed.strip().lower().replace("-", " ").split())
    if wanted not in EVENT_TYPES:
        raise UsageError(f"unknown event type {typed!r} (one of: {', '.join(EVENT_TYPES)})")
    return wanted


def web_address(typed: str) -> str:
    """A source address as typed: an http(s) URL, or '' to clear it. Anything else (a
    ``javascript:`` link would run in a Markdown report) is a usage error."""
    from tracker.ingest.document import web_address as http_address

    typed = typed.strip()
    if not typed:
        return ""
    found = http_address(typed)
    if found is None:
        raise UsageError(f"{typed!r} is not a web address (give one starting with http:// or https://)")
    return found


@dataclass
class NewEvent:
    """What ``tracker add`` asks for, as the user typed it (``new_event`` reads it)."""

    companies: list[str]
    type: str
    title: str
    when: str | None = None  # a date as typed ('19 May 2017', 'Q2 2017'); None: undated
    people: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    doc: str = ""
    article: str = ""
    quote: str = ""
    url: str = ""


def new_event(typed: NewEvent, read_date) -> Event:
    """The event ``typed`` asks for; ``read_date(text)`` reads its date (``api.read_when``).
    A wrong type, date, address or field is a UsageError."""
    when = read_date(typed.when) if typed.when else PartialDate.unknown()
    address = web_address(typed.url) if typed.url else ""
    has_source = typed.doc or typed.quote or address
    sources = (Source(doc=typed.doc, quote=typed.quote, article=typed.article, url=address),) if has_source else ()
    try:
        return Event(when, tuple(typed.companies), event_type(typed.type), typed.title.strip(),
                     tuple(typed.people), sources, tuple(typed.tags))
    except EventError as exc:
        raise UsageError(str(exc)) from None


@dataclass
class Changes:
    """What ``tracker edit ID --option ...`` asks for, as typed; None (or empty) leaves a field
    as it is.

    ``when`` is a date as typed ('' makes the event undated); ``type`` an event type as typed;
    ``companies`` replaces the list, ``add_companies``/``remove_companies`` change it; ``people``
    and ``tags`` replace their lists (an empty list clears them); ``url`` sets the first
    source's address ('' clears it; an event with no source gets one that holds only it).
    """

    when: str | None = None
    type: str | None = None
    title: str | None = None
    companies: list[str] | None = None
    add_companies: list[str] = field(default_factory=list)
    remove_companies: list[str] = field(default_factory=list)
    people: list[str] | None = None
    tags: list[str] | None = None
    url: str | None = None

    def empty(self) -> bool:
        return self == Changes()


def changed_event(stored: Event, changes: Changes, registry: Registry, read_date) -> tuple[Event, list[dict]]:
    """The event with the changes applied (same id, an ``edited`` time), and the registry rows
    of companies it names for the first time; ``read_date(text)`` reads a typed date
    (``api.read_when``). UsageError when a value or the result is not right."""
    new_rows: list[dict] = []

    def canonical(name: str) -> str:
        found, row = registry.canonical_or_new(name)
        if row is not None and row not in new_rows:
            new_rows.append(row)
        return found

    companies = list(stored.companies)
    if changes.companies is not None:
        companies = [canonical(name) for name in changes.companies]
    for name in changes.add_companies:
        companies.append(canonical(name))
    for name in changes.remove_companies:
        gone = registry.canonical(name) or name
        if gone not in companies:
            raise UsageError(f"the event does not name {name!r} (its companies: {', '.join(companies)})")
        companies.remove(gone)
    sources = stored.sources
    if changes.url is not None:
        address = web_address(changes.url)
        first = sources[0] if sources else Source(doc="", quote="")
        sources = (replace(first, url=address), *sources[1:]) if (sources or address) else sources
    when = stored.date
    if changes.when is not None:
        when = read_date(changes.when) if changes.when.strip() else PartialDate.unknown()
    fields = {
        "date": when,
        "type": event_type(changes.type) if changes.type is not None else stored.type,
        "title": changes.title.strip() if changes.title is not None else stored.title,
        "companies": tuple(dict.fromkeys(companies)),
        "people": _clean(changes.people) if changes.people is not None else stored.people,
        "tags": _clean(changes.tags) if changes.tags is not None else stored.tags,
        "sources": sources,
    }
    try:
        edited = replace(stored, **fields)
    except EventError as exc:
        raise UsageError(f"{exc}; nothing changed") from None
    # Only companies the edited event still names join the registry.
    kept = [row for row in new_rows if row["name"] in edited.companies]
    return stamped(stored, edited), kept


def event_from_json(raw, stored: Event, registry: Registry) -> tuple[Event, list[dict]]:
    """The event a user wrote in the editor (``Event.to_dict`` form), checked: the id cannot
    change, ``recorded`` stays; a bad record is a UsageError saying what is wrong."""
    if not isinstance(raw, dict):
        raise UsageError("the edited event must be one JSON object; nothing changed")
    if str(raw.get("id", stored.id)).strip().lower() != stored.id:
        raise UsageError(f"the id of an event cannot change (it is {stored.id}); nothing changed")
    unknown = sorted(set(raw) - set(stored.to_dict()) - {"edited", "start", "end"})
    if unknown:
        raise UsageError(f"the edited event has a field tracker does not know: {unknown[0]!r}; nothing changed")
    clean = dict(raw, id=stored.id, recorded=stored.recorded, edited=stored.edited)
    clean.pop("precision", None)  # follows from the date: editing the date alone must be enough
    try:
        edited = Event.from_dict(clean)
    except EventError as exc:
        raise UsageError(f"the edited event is not valid: {exc}; nothing changed") from None
    new_rows = []
    names = []
    for name in edited.companies:
        found, row = registry.canonical_or_new(name)
        names.append(found)
        if row is not None:
            new_rows.append(row)
    edited = replace(edited, companies=tuple(dict.fromkeys(names)), type=event_type(edited.type))
    return stamped(stored, edited), new_rows


def merged_event(first: Event, second: Event) -> Event:
    """One event from two records of it: the first's fields and id; the sources, people and tags
    of both (nothing twice)."""
    joined = replace(
        first.with_sources(second.sources),
        people=tuple(dict.fromkeys(first.people + second.people)),
        tags=tuple(dict.fromkeys(first.tags + second.tags)),
    )
    return replace(joined, edited=now_stamp())


def stamped(stored: Event, edited: Event) -> Event:
    """``edited`` with the stored id and recorded time, and a new edited time if anything changed."""
    edited = replace(edited, id=stored.id, recorded=stored.recorded, edited=stored.edited)
    return edited if edited == stored else replace(edited, edited=now_stamp())


def _clean(values: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v.strip() for v in values if v.strip()))


# --- likely duplicates ---------------------------------------------------------------------

# How alike two titles must be (difflib ratio of their folded words, the companies' names left
# out) to call a pair likely. Two titles that state different numbers ("29 standards", "21
# standards"; the subscribers of March and of April) are two facts, however alike the words.
TITLE_SIMILARITY = 0.7
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def duplicate_pairs(rows: list[dict], threshold: float = TITLE_SIMILARITY) -> list[dict]:
    """Pairs of stored rows that are likely one event: the same companies (any order), dates that
    are the same or overlap (both undated counts), and titles at least ``threshold`` alike.
    Most alike first; each pair once, the older record first."""
    groups: dict[tuple, list[dict]] = {}
    for row in rows:
        key = tuple(sorted({c.casefold() for c in row.get("companies") or ()}))
        groups.setdefault(key, []).append(row)
    pairs = []
    for members in groups.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda r: (r.get("start") or "9999", r.get("end") or "9999", r["id"]))
        folded = {r["id"]: _title_words(r) for r in members}
        numbers = {r["id"]: set(_NUMBER.findall(r["title"])) for r in members}
        for i, first in enumerate(members):
            for second in members[i + 1:]:
                if first.get("start") and second.get("start") and second["start"] > first["end"]:
                    break  # sorted by start: no later member overlaps this one either
                if bool(first.get("start")) != bool(second.get("start")):
                    continue  # a dated and an undated record: no date to compare
                one, two = numbers[first["id"]], numbers[second["id"]]
                if one and two and one != two:
                    continue
                score = difflib.SequenceMatcher(None, folded[first["id"]], folded[second["id"]]).ratio()
                if score >= threshold:
                    pairs.append(_pair(first, second, score))
    pairs.sort(key=lambda p: (-p["similarity"], p["first"]))
    return pairs


def _title_words(row: dict) -> str:
    """A title folded to what tells events of the same companies apart: their names left out."""
    title = " ".join(row["title"].casefold().split())
    for name in sorted(row.get("companies") or (), key=len, reverse=True):
        title = title.replace(name.casefold(), " ")
    return " ".join(title.replace("'s ", " ").split())


def _pair(first: dict, second: dict, score: float) -> dict:
    older, newer = sorted((first, second), key=lambda r: (r.get("recorded") or "", r["id"]))
    return {
        "similarity": round(score, 2),
        "first": older["id"],
        "second": newer["id"],
        "companies": list(older["companies"]),
        "first_date": older.get("date"),
        "second_date": newer.get("date"),
        "first_title": older["title"],
        "second_title": newer["title"],
    }
