"""tracker as a library: every command's work, with no parsing of arguments or printing.

``Tracker(path)`` opens the user's event log at ``path`` (or, while there is none, the log that
ships with tracker: the first write creates the user's log from it).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import BinaryIO, Iterator, NamedTuple

from tracker import curated, rejections
from tracker.errors import TrackerError, UsageError
from tracker.event_formats import IMPORT_FORMATS, ImportFormatError, read_event_dicts
from tracker.model import Event, EventError, now_stamp
from tracker.query import Query, order, select, select_stream
from tracker.registry import Registry
from tracker.store import EventLog, to_row
from tracker.temporal.partial import PartialDate

MIN_ID_PREFIX = 4

# Reading a news file moved to tracker.extraction (what ``ingest -j`` workers run); these names
# stay reachable from here without importing it for every command.
_MOVED_TO_EXTRACTION = ("MAX_NEWS_BYTES", "read_news", "date_undated", "with_url")


def __getattr__(name: str):
    if name in _MOVED_TO_EXTRACTION:
        from tracker import extraction

        return getattr(extraction, name)
    raise AttributeError(f"module 'tracker.api' has no attribute {name!r}")


def shipped_seed():
    return curated.shipped_events(), curated.shipped_companies()


def _date_error(text: str, exc: ValueError) -> UsageError:
    """A generic "cannot read" gets examples; a specific reason (ambiguous, names no period) is kept."""
    message = str(exc)
    if message.startswith("cannot read"):
        message = f"cannot read {text!r} as a date (try 2017-05-19, May 2017, Q2 2017, 2017, 'last Friday' or 'last 30 days')"
    return UsageError(message)


def read_when(text: str, today: date | None = None) -> PartialDate:
    """A date typed by a user, keeping its precision; an unreadable one is a usage error."""

    def phrase(words: str, day: date) -> PartialDate:
        from tracker.temporal import parse_when  # the tagger's rules load only when a phrase needs them

        return parse_when(words, day)

    return _user_date(text, today, lambda partial: partial, phrase)


def read_span(text: str, today: date | None = None):
    """The days a --since/--until phrase covers (tracker.temporal.when.Span); a usage error if unreadable."""
    from tracker.temporal.when import Span, parse_span

    return _user_date(text, today, lambda partial: Span(partial.start, partial.end, partial.value or ""), parse_span)


def _user_date(text: str, today: date | None, exact, phrase):
    """An ISO partial date read as ``exact(partial)``, else a phrase read by ``phrase(text, today)``.
    A numeric day that reads two ways (01/06/2017) takes the config file's date_order, if set."""
    try:
        return exact(PartialDate.parse(text))
    except ValueError:
        pass
    try:
        return phrase(text, today or date.today())
    except ValueError as exc:
        readings = getattr(exc, "readings", None)
        if readings and exc.text.strip() == text.strip():  # the whole text, not one end of a range
            from tracker.config import settings

            order = settings().date_order
            if order:
                return exact(PartialDate.of_day(readings[0] if order == "MDY" else readings[1]))
        raise _date_error(text, exc) from exc


def temporal_expressions(name: str, published: str | None = None) -> list[dict]:
    """``tracker dates``: every temporal expression of a news file (or '-'), as rows (start,
    end, text, type, value), relative ones read from ``published`` (as typed), else from the
    date the document says it was published."""
    from tracker.extraction import read_news
    from tracker.temporal import tag

    document = read_news(name)  # capped in size; a web page's spans are those of its article text, as ingest's are
    anchor = read_when(published).start if published else document.published
    return [
        {"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value}
        for t in tag(document.text, anchor)
    ]


def window(since: str | None, until: str | None, today: date | None = None) -> tuple[str | None, str | None]:
    """ISO days for --since/--until: a whole period counts, so --until 'May 2017' ends on May 31.
    A range ("between 2017 and 2018", "last 30 days") gives --since its first day, --until its
    last; as --since alone, it is the whole window."""
    since_span = read_span(since, today) if since else None
    start = since_span.start if since_span else None
    end = read_span(until, today).end if until else (since_span.end if since_span and since_span.closed else None)
    if start and end and start > end:
        raise UsageError(f"--since {since!r} is after --until {until!r}")
    return (start.isoformat() if start else None, end.isoformat() if end else None)


@dataclass
class IngestResult:
    files: int = 0
    articles: int = 0
    events: list = field(default_factory=list)  # what the text reports, new or not
    added: int = 0
    known: int = 0
    new_companies: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    explanations: dict[str, dict] = field(default_factory=dict)  # event id -> what decided it (--explain)
    unreadable: list[str] = field(default_factory=list)  # "NAME: why" for inputs named by the user and not read
    added_ids: list[str] = field(default_factory=list)
    skipped: int = 0  # events found that a reviewer rejected before (tracker rejected)
    rejected: list = field(default_factory=list)  # events rejected in this review (--review)

    def rows(self, only_added: bool = False) -> list[dict]:
        """The events found (or only those added), as ordered listing rows, with an ``explain``
        object when one was asked for."""
        wanted = set(self.added_ids) if only_added else None
        rows = []
        for event in self.events:
            if wanted is not None and event.id not in wanted:
                continue
            row = to_row(event)
            if event.id in self.explanations:
                row["explain"] = self.explanations[event.id]
            rows.append(row)
        return order(rows)


class Edited(NamedTuple):
    event: Event  # as stored after the edit
    changed: bool
    new_companies: tuple[str, ...] = ()  # companies the edit named first, which joined the registry


@dataclass
class Removal:
    rows: list[dict]  # the events removed, as they were stored
    rejected: list[str] = field(default_factory=list)  # the ids of those remembered as rejected


@dataclass
class ImportResult:
    read: int = 0
    added: int = 0
    known: int = 0
    new_companies: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # id collisions met (both events kept)
    replaced: int = 0  # events whose content an import --replace row replaced


class Tracker:
    def __init__(self, path: Path):
        self.path = path

    @cached_property
    def log(self) -> EventLog:
        """The user's log. One read interface for both cases: while nothing is stored at
        ``path`` its reads answer from the shipped sample, and the first write creates the
        user's log from that sample (``EventLog``'s fallback), so no command asks which it has."""
        log = EventLog(self.path, shipped_seed)
        log.check_root()  # a file or a foreign folder is an error at once, not an empty log
        return log

    @cached_property
    def registry(self) -> Registry:
        return Registry(self.log.companies())

    # --- reading ---------------------------------------------------------------------

    def company_names(self, names: list[str]) -> list[str]:
        """Canonical names for what the user typed (an unknown name is a usage error)."""
        return list(dict.fromkeys(self.registry.resolve(name) for name in names))

    def with_subsidiaries(self, names: list[str]) -> list[str]:
        """The companies and every company below them in the registry."""
        return list(dict.fromkeys(member for name in names for member in self.registry.family(name)))

    def events(self, query: Query) -> list[dict]:
        return select(self.log.rows(query.companies, query.since, query.until), query)

    def event_stream(self, query: Query) -> Iterator[dict]:
        """The rows of ``events(query)`` in the same order, read and sorted one year of the log at
        a time when they are ordered by date (a million-event timeline in bounded memory); any
        other order needs every row first. The log stays read-locked until the stream is
        exhausted or closed (see ``EventLog.row_groups``)."""
        if query.sort != "date":
            return iter(self.events(query))
        groups = self.log.row_groups(query.companies, query.since, query.until, newest_first=query.reverse)
        return select_stream(groups, query)

    def event(self, id_or_prefix: str) -> dict:
        """One event by its id or an unambiguous prefix of it (as git does)."""
        wanted = id_or_prefix.strip().lower()
        row = self.log.get(wanted)
        if row is not None:
            return row
        if len(wanted) < MIN_ID_PREFIX:
            raise UsageError(f"no event with id {id_or_prefix!r} (give at least {MIN_ID_PREFIX} characters of an id)")
        matches = self.log.resolve_id(wanted)
        if not matches:
            raise UsageError(f"no event with id {id_or_prefix!r} (see 'tracker timeline' for ids)")
        if len(matches) > 1:
            raise UsageError(f"id prefix {id_or_prefix!r} is ambiguous: {', '.join(sorted(matches)[:5])}")
        return self.log.get(matches[0])

    def companies(self) -> list[dict]:
        stats = self.log.stats()
        summary = []
        for name in self.registry.names():
            row = self.registry.rows[name]
            counts = stats.get(name, {})
            summary.append(
                {
                    "name": name,
                    "events": counts.get("count", 0),
                    "first": counts.get("first"),
                    "last": counts.get("last"),
                    "parent": row.get("parent"),
                    "aliases": list(row.get("aliases", [])),
                    "review": bool(row.get("review")),
                }
            )
        return summary

    def describe(self) -> dict:
        facts = dict(self.log.describe())
        facts["path"] = str(self.path)
        facts["shipped"] = not self.log.exists
        return facts

    # --- writing ---------------------------------------------------------------------

    def _writable(self) -> EventLog:
        return self.log

    def canonical_event(self, event: Event) -> tuple[Event, list[dict]]:
        """The event with registry names for its companies, and registry rows for companies first met."""
        names, new_rows = [], []
        for name in event.companies:
            canonical, row = self.registry.canonical_or_new(name)
            if canonical not in names:
                names.append(canonical)
            if row is not None:
                new_rows.append(row)
        canonical_event = replace(event, companies=tuple(names), id="")
        if not canonical_event.recorded:
            canonical_event = replace(canonical_event, recorded=now_stamp())
        return canonical_event, new_rows

    def add(self, event: Event) -> tuple[Event, bool, list[dict], tuple[str, ...]]:
        """Record one event; (the event as stored, whether it was new, companies that joined the
        registry, notes on id collisions met)."""
        event, new_rows = self.canonical_event(event)
        label = f"add {event.id}: {event.date.value or 'undated'} {event.title}"
        result = self._writable().write(add=[event], companies=new_rows, label=label)
        if result.ids and result.ids[0] != event.id:  # stored under its old 10-digit id, or a longer one
            event = replace(event, id=result.ids[0])
        return event, result.added > 0, new_rows, result.notes

    def record(self, typed) -> tuple[Event, bool, list[dict], tuple[str, ...]]:
        """``tracker add``: the event a ``desk.NewEvent`` asks for (date, type and address read,
        a wrong one a UsageError), recorded as ``add`` does."""
        from tracker.desk import new_event

        return self.add(new_event(typed, read_when))

    @property
    def shipped(self) -> bool:
        """Whether reads come from the sample that ships with tracker (no log written yet)."""
        return not self.log.exists

    def short_ids(self, ids) -> dict[str, str]:
        """For each id, the shortest prefix of at least SHORT_ID digits that names it alone in the
        log (as git shows commits), and that no other stored id equals."""
        from tracker.model import SHORT_ID

        ids = list(ids)
        stored = self.log.resolve_ids([event_id[:SHORT_ID] for event_id in ids])
        out = {}
        for event_id in ids:
            others = [i for i in stored[event_id[:SHORT_ID]] if i != event_id]
            size = SHORT_ID
            while size < len(event_id) and any(o.startswith(event_id[:size]) or o == event_id[:size] for o in others):
                size += 1
            out[event_id] = event_id[:size]
        return out

    def change_companies(self, plan):
        """A registry change of ``tracker.curation`` (alias, rename, merge...): checked on the log
        as read, so a wrong request is refused before anything is written, then applied under
        the writer lock in one transaction. Returns its ``CompanyReport``."""
        table = {str(number): row for number, row in enumerate(self.log.companies(), 1)}
        add, remove, edit, report = plan(lambda names: self.log.rows(names), {"companies": table})
        if not add and not remove and edit is None:
            return report  # nothing to change ("already an alias"): write nothing, create no log
        result, report = self._writable().change(plan)
        # the ids the moved events are stored under (an event that became one already stored keeps that one's id)
        report.moved = [(old, stored) for (old, _), stored in zip(report.moved, result.ids)]
        return report

    # one call a registry change (tracker.curation makes the plan, change_companies applies it)

    def alias_company(self, name: str, alias: str):
        from tracker import curation

        return self.change_companies(curation.alias(name, alias))

    def rename_company(self, old: str, new: str):
        from tracker import curation

        return self.change_companies(curation.rename(old, new))

    def merge_companies(self, first: str, second: str):
        from tracker import curation

        return self.change_companies(curation.merge(first, second))

    def set_parent(self, name: str, parent: str | None):
        from tracker import curation

        return self.change_companies(curation.parent(name, parent))

    def accept_companies(self, names: list[str] | None):
        """Mark companies as reviewed (None: every one marked for review)."""
        from tracker import curation

        return self.change_companies(curation.accept(names))

    def remove_companies(self, names: list[str], only_for_review: bool = False):
        from tracker import curation

        return self.change_companies(curation.remove(names, only_for_review=only_for_review))

    def remove(self, id_or_prefix: str) -> dict:
        return self.remove_many([id_or_prefix]).rows[0]

    def import_events(self, stream: BinaryIO, name: str, fmt: str | None = None, progress=None,
                      replace_known: bool = False) -> ImportResult:
        """Import a whole file or nothing: every record is checked before the first is written.
        With ``replace_known``, a record whose id is an event of the log replaces that event
        (its id and recorded time kept, an edited time set) instead of being added beside it."""
        from tracker.event_formats import guess_import_format

        if fmt is not None and fmt not in IMPORT_FORMATS:
            raise UsageError(f"unknown import format {fmt!r} (one of: {', '.join(IMPORT_FORMATS)})")
        from tracker.textio import NotText

        with _capped(stream, name) as (data, again):
            result = ImportResult()
            replacing: dict[int, tuple[str, Event]] = {}  # row number -> (stored id, new content)
            try:
                if fmt is None:
                    fmt = guess_import_format(name, data.peek(64)[:64])
                new_rows = self._check_import(data, fmt, result, name, replacing if replace_known else None)
                data = again()
            except NotText as exc:  # binary, or a record past the size cap: not an export of ours
                raise UsageError(f"{exc}; nothing was imported") from None
            changed = {event_id: event for event_id, event in replacing.values() if event is not None}
            label = f"import {name} ({result.read} events{', replacing known ids' if replace_known else ''})"
            # One transaction: the store registers the companies it meets (marked for review).
            written = self._writable().import_rows(
                self._canonical_rows(data, fmt, skip=set(replacing)), progress=progress, total=result.read,
                replace=list(changed.items()), label=label,
            )
        result.added, result.known = written.added, written.known + len(replacing) - len(changed)
        result.replaced = len(changed)
        result.notes = list(written.notes)
        result.new_companies = [row["name"] for row in new_rows]
        return result

    def _check_import(self, data, fmt: str, result: ImportResult, name: str, replacing: dict | None = None) -> list[dict]:
        new_rows = []
        try:
            for number, raw in read_event_dicts(data, fmt):
                try:
                    event, rows = self.canonical_event(Event.from_dict(raw))
                except EventError as exc:
                    raise ImportFormatError(f"{'line' if fmt == 'jsonl' else 'row'} {number}: {exc}") from None
                if replacing is not None:
                    self._replacement(raw, event, number, replacing)
                new_rows.extend(rows)
                result.read += 1
        except ImportFormatError as exc:
            raise UsageError(f"{name}: {exc}; nothing was imported") from None
        return new_rows

    def _replacement(self, raw: dict, event: Event, number: int, replacing: dict) -> None:
        """Note row ``number`` as the new content of the stored event its id names (None when
        it is the same already), as ``import --replace`` does; a row naming no stored id is added."""
        from tracker.desk import stamped

        given = raw.get("id")
        stored_row = self.log.get(given.strip().lower()) if isinstance(given, str) else None
        if stored_row is None:
            return
        stored = Event.from_dict(stored_row)
        new = stamped(stored, replace(event, recorded=stored.recorded))
        replacing[number] = (stored.id, None if new == stored else new)

    def _canonical_rows(self, data, fmt: str, skip: set[int] = frozenset()):
        for number, raw in read_event_dicts(data, fmt):
            if number in skip:
                continue
            event, _ = self.canonical_event(Event.from_dict(raw))
            yield event.to_dict()

    def ingest(self, names: list[str], published: date | None = None, dry_run: bool = False, progress=None,
               explain: bool = False, decide=None, jobs: int = 1) -> IngestResult:
        """Find the events in news files (or '-') and add the ones not yet in the log.

        Events a reviewer rejected before are left out (counted in ``skipped``). ``decide``
        (``tracker ingest --review``) is shown the events that would be added and returns
        ``(kept, rejected)``: only the kept ones are added (as the reviewer edited them), the
        rejected ones are remembered, and companies that only rejected events named do not join
        the registry.

        A file that is missing or not text is skipped and the rest still ingested: one the user
        named goes into ``unreadable``, one found in a folder into ``warnings``; an event
        already in the log (same id, or the same source sentence about the same company) is
        counted as known, so ingesting the same text again adds nothing. With ``jobs`` > 1 the
        files are extracted in that many processes; this one merges them in the order of the
        files, so the result is the same for any ``jobs``.
        """
        # While the workers extract, this process prepares the write (``tracker.store.early``):
        # a new log's seed aside, and spare files, so that the write after them creates fewer.
        from tracker.store import Ahead

        ahead = Ahead(self.log, shipped_seed) if jobs > 1 and not dry_run and decide is None else None
        try:
            return self._ingest(names, published, dry_run, progress, explain, decide, jobs, ahead)
        finally:
            if ahead is not None:
                ahead.discard()

    def _ingest(self, names, published, dry_run, progress, explain, decide, jobs, ahead) -> IngestResult:
        from tracker.extraction import extract_files
        from tracker.textio import news_files, printable_name

        result = IngestResult()
        missing: list[str] = []
        folders: list[str] = []
        files = news_files(names, missing=missing, unreadable=folders)
        result.unreadable.extend(f"{printable_name(name)}: no such file or folder" for name in missing)
        result.unreadable.extend(folders)
        named = set(names)
        events: dict[str, Event] = {}
        new_rows: dict[str, dict] = {}  # name -> registry row of a company first met in these files
        extracted = extract_files(files, self.registry, curated.shipped_articles(), published, explain, jobs,
                                  while_workers=(lambda: ahead.prepare(files)) if ahead is not None else None)
        batch = Registry(list(self.registry.rows.values()))  # the registry as this batch grows it
        for number, (name, document) in enumerate(zip(files, extracted), 1):
            if progress:
                progress(number, len(files))
            if document.problem:
                if name in named:
                    result.unreadable.append(document.problem)
                else:
                    result.warnings.append(f"skipped {document.problem}")
                continue
            if document.no_text:
                result.warnings.append(f"{'standard input' if name == '-' else name}: no article text found in the page")
            result.files += 1
            result.articles += document.articles
            for row in document.new_rows:  # a company new to two files joins once, as the first spelled it
                _joined(batch, row["name"], new_rows)
            for index, event in enumerate(document.events):
                event = replace(_respelled(event, batch, new_rows), recorded=now_stamp())
                if explain:
                    result.explanations.setdefault(event.id, document.traces[index])
                events[event.id] = events[event.id].with_sources(event.sources) if event.id in events else event
        result.events = list(events.values())
        if published is None:
            result.warnings.extend(_undated_notes(result.events))
        turned_down = self.log.rejected()
        if turned_down:
            rejected = rejections.matcher(turned_down)
            result.events = [event for event in result.events if not rejected(event)]
            result.skipped = len(events) - len(result.events)
        fresh = self._not_yet_reported(result.events)
        result.known = len(result.events) - len(fresh)
        result.new_companies = list(new_rows)
        edit = None
        if decide is not None:
            fresh, result.rejected, new_rows = self._reviewed(decide, fresh, new_rows)
            result.new_companies = list(new_rows)
            edit = rejections.record(result.rejected) if result.rejected else None
        if not dry_run and (fresh or new_rows or edit):
            label = f"ingest of {', '.join(names[:3])}{' ...' if len(names) > 3 else ''} ({len(fresh)} events)"
            if ahead is not None:
                ahead.ready()  # the seed in place in one rename, if the log is still missing
            written = self._writable().write(add=fresh, companies=list(new_rows.values()), registry_edit=edit, label=label)
            result.added, result.known = written.added, result.known + written.known
            result.added_ids = list(written.added_ids)
            result.warnings.extend(written.notes)
            _use_stored_ids(result, [event.id for event in fresh], written.ids)
        return result

    def _reviewed(self, decide, found: list[Event], new_rows: dict[str, dict]):
        """(kept events with registry names, rejected events, registry rows of the companies the
        kept events name that are new) after ``decide`` has had its say."""
        kept, rejected = decide(found)
        events, rows = [], {}
        for event in kept:
            event, extra = self.canonical_event(event)  # an edit may name a company anew
            events.append(event)
            rows.update((row["name"], row) for row in extra)
        named = {name for event in events for name in event.companies}
        rows.update((name, row) for name, row in new_rows.items() if name in named)
        return events, list(rejected), {name: row for name, row in rows.items() if name in named}

    def rejected(self) -> list[dict]:
        """The events rejected in reviews, oldest rejection first."""
        return self.log.rejected()

    def reject(self, ids: list[str]) -> list[dict]:
        """Remove stored events and remember them as rejected, in one transaction, so that
        ingesting their text again does not bring them back: any event, also one added by hand
        (a plain remove remembers only those found in news text)."""
        return self._remove(ids, "reject", lambda row: True).rows

    def restore_rejected(self, id_or_prefix: str) -> Event:
        """Add a rejected event to the log and forget its rejection (one transaction)."""
        wanted = id_or_prefix.strip().lower()
        rows = self.log.rejected()
        matches = [row for row in rows if row["id"] == wanted]
        if not matches and len(wanted) >= MIN_ID_PREFIX:
            matches = [row for row in rows if row["id"].startswith(wanted)]
        if not matches:
            raise UsageError(f"no rejected event with id {id_or_prefix!r} (see 'tracker rejected')")
        if len(matches) > 1:
            raise UsageError(f"id prefix {id_or_prefix!r} is ambiguous: {', '.join(sorted(r['id'] for r in matches)[:5])}")
        event, new_rows = self.canonical_event(rejections.as_event(matches[0]))
        result = self._writable().write(add=[event], companies=new_rows, registry_edit=rejections.forget([matches[0]["id"]]))
        return replace(event, id=result.ids[0]) if result.ids else event

    def _not_yet_reported(self, events: list[Event]) -> list[Event]:
        """The events whose source sentence is not already the source of a stored event on the same company."""
        companies = sorted({event.main_company for event in events if event.main_company in self.registry})
        reported = set()
        if companies:
            for row in self.log.rows(companies):
                for source in row.get("sources", ()):
                    for name in row["companies"]:
                        reported.add((name, source.get("doc"), source.get("quote")))
        return [
            event
            for event in events
            if not any((event.main_company, s.doc, s.quote) in reported for s in event.sources)
        ]

    def check(self) -> list[str]:
        return self.log.check()

    def restore(self) -> list[str]:
        log = EventLog(self.path, seed=shipped_seed)  # not open_log: a missing registry is what it repairs
        if not (self.path / "shards").is_dir() and not log.exists:
            raise TrackerError(f"no database at {self.path} yet: nothing to restore")
        return log.restore()

    # --- the analyst's desk: correcting what is recorded (tracker.desk) ----------------------

    def stored_event(self, id_or_prefix: str) -> Event:
        return Event.from_dict(self.event(id_or_prefix))

    def edit(self, id_or_prefix: str, changes) -> "Edited":
        """Apply ``desk.Changes`` to one event, keeping its id."""
        from tracker.desk import changed_event

        stored = self.stored_event(id_or_prefix)
        return self._replace_event(stored, *changed_event(stored, changes, self.registry, read_when))

    def edit_json(self, id_or_prefix: str, raw) -> "Edited":
        """Replace one event by the object a user edited (``Event.to_dict`` form), keeping its id."""
        from tracker.desk import event_from_json

        stored = self.stored_event(id_or_prefix)
        return self._replace_event(stored, *event_from_json(raw, stored, self.registry))

    def _replace_event(self, stored: Event, edited: Event, new_rows: list[dict]) -> "Edited":
        if edited == stored:
            return Edited(stored, False)
        label = f"edit {stored.id}: {stored.date.value or 'undated'} {stored.title}"
        self._writable().write(add=[edited], remove=[stored.id], companies=new_rows, label=label)
        return Edited(edited, True, tuple(row["name"] for row in new_rows))

    def remove_many(self, ids: list[str], forget: bool = False) -> "Removal":
        """Remove several events in one write; an id that names no event (or several) is a
        usage error and nothing is removed. An event ingest found in news text is remembered
        as rejected in the same write (``rejections.found_in_text``), so ingesting that text
        again does not bring it back, unless ``forget``; 'tracker undo' takes back both."""
        return self._remove(ids, "remove", lambda row: not forget and rejections.found_in_text(row))

    def _remove(self, ids: list[str], verb: str, remembered) -> "Removal":
        """Remove the events ``ids`` name and remember those ``remembered(row)`` says as rejected."""
        rows = {}
        for typed in ids:
            row = self.event(typed)
            rows.setdefault(row["id"], row)
        if not rows:
            raise UsageError("no event ids given")
        removed = list(rows.values())
        first = removed[0]
        label = f"{verb} {first['id']}: {first['date'] or 'undated'} {first['title']}"
        if len(removed) > 1:
            label = f"{verb} {len(removed)} events ({', '.join(r['id'][:10] for r in removed[:3])}{' ...' if len(removed) > 3 else ''})"
        kept_out = [row for row in removed if remembered(row)]
        edit = rejections.record([Event.from_dict(row) for row in kept_out]) if kept_out else None
        done = self._writable().write(remove=list(rows), registry_edit=edit, label=label).removed
        if not done:  # another command removed them between the look-up and the write
            asked = f"id {ids[0]!r}" if len(ids) == 1 else f"ids {', '.join(map(repr, ids[:3]))}"
            raise UsageError(f"no event with {asked}: not found (removed meanwhile?)")
        return Removal(removed, [row["id"] for row in kept_out])

    def merge(self, keep: str, drop: str) -> tuple[Event, dict]:
        """Join two records of one event: the first keeps its id and fields and gets the second's
        sources, people and tags; the second is removed. One write."""
        from tracker.desk import merged_event

        first, second = self.stored_event(keep), self.stored_event(drop)
        if first.id == second.id:
            raise UsageError(f"{keep!r} and {drop!r} are the same event: nothing to merge")
        joined = merged_event(first, second)
        label = f"merge {second.id} into {first.id}: {first.date.value or 'undated'} {first.title}"
        self._writable().write(add=[joined], remove=[first.id, second.id], label=label)
        return joined, second.to_dict()

    def duplicates(self, threshold: float | None = None) -> list[dict]:
        from tracker.desk import TITLE_SIMILARITY, duplicate_pairs

        return duplicate_pairs(self.log.rows(), TITLE_SIMILARITY if threshold is None else threshold)

    def undo(self):
        """Undo the last write (``store.undo.Undone``); TrackerError when there is nothing to undo."""
        if not self.log.exists:
            raise TrackerError(f"nothing to undo: there is no event log at {self.path} yet (nothing was written)")
        return self.log.undo()

    def init(self, sample: bool = True) -> dict:
        """Create the user's log: the shipped sample (``sample``) or empty. A log that exists is left alone (TrackerError)."""
        if not EventLog(self.path, seed=shipped_seed if sample else None).create():
            raise TrackerError(f"an event log exists at {self.path} already; nothing changed (--db PATH starts another)")
        self.__dict__.pop("log", None)
        self.__dict__.pop("registry", None)
        return self.describe()


def _joined(batch: Registry, name: str, new_rows: dict[str, dict]) -> str:
    """The batch registry's name for a company; one it does not know joins it (and ``new_rows``)."""
    canonical, row = batch.canonical_or_new(name)
    if row is not None:
        new_rows[canonical] = row
    return canonical


def _undated_notes(events) -> list[str]:
    """Notes on the files whose events are undated for want of a publication date: their relative
    dates ("on Tuesday") cannot be placed, and the user can say the date. One note a file, or one
    for them all when there are more than three (a folder of undated files is one problem)."""
    undated: dict[str, int] = {}
    for event in events:
        if event.date.value is None:
            for doc in dict.fromkeys(source.doc for source in event.sources):
                undated[doc] = undated.get(doc, 0) + 1
    how = "(give --published DATE, or a first line 'published: YYYY-MM-DD')"
    if len(undated) > 3:
        names = ", ".join(list(undated)[:3])
        return [f"{len(undated)} files name no publication date, so {sum(undated.values())} of their events are "
                f"undated: {names} and {len(undated) - 3} more {how}"]
    return [f"{doc}: {n} event(s) undated, as the text names no publication date {how}" for doc, n in undated.items()]


def _respelled(event: Event, batch: Registry, new_rows: dict[str, dict]) -> Event:
    """The event with its companies as the batch first spelled them. Files are extracted apart
    (each with the registry the batch started with), so a company new to the registry may come
    as "Singtel" from one file and "SingTel" from the next: the writer folds them in file order,
    as import does, so the registry holds one row a company and any -j gives the same log."""
    names = tuple(dict.fromkeys(_joined(batch, name, new_rows) for name in event.companies))
    return event if names == event.companies else replace(event, companies=names, id="")


def _use_stored_ids(result: "IngestResult", asked: list[str], stored: tuple) -> None:
    """Events of an ingest stored under another id than their own (the log's old 10-digit id of
    the same event, or a longer id beside a different event) carry the stored id from now on."""
    renamed = {old: new for old, new in zip(asked, stored) if old != new}
    if not renamed:
        return
    result.events = [replace(e, id=renamed[e.id]) if e.id in renamed else e for e in result.events]
    result.explanations = {renamed.get(k, k): v for k, v in result.explanations.items()}


class _capped:
    """An import's input for two readings (check, then write), each record capped in size
    (``textio.CappedReader``). A file is read twice; standard input is read once and spooled to
    disk as it is checked, so an endless or wrong input (``yes |``) fails at its first bad line
    instead of after filling the disk. Yields (stream, again): ``again()`` gives the stream for
    the second reading."""

    def __init__(self, stream: BinaryIO, name: str):
        self.stream, self.name, self.spool = stream, name, None

    def __enter__(self):
        import io

        from tracker.textio import CappedReader, max_input_bytes

        limit = max_input_bytes()
        if self.stream.seekable():
            data = io.BufferedReader(CappedReader(self.stream, limit, self.name))

            def again():
                data.seek(0)
                return data

            return data, again
        self.spool = tempfile.TemporaryFile()
        data = io.BufferedReader(CappedReader(self.stream, limit, self.name, copy=self.spool))

        def again():
            data.read()  # whatever the check left unread (nothing, normally)
            self.spool.seek(0)
            return self.spool

        return data, again

    def __exit__(self, *exc):
        if self.spool is not None:
            self.spool.close()
        return False
