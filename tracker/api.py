"""tracker as a library: every command's work, with no parsing of arguments or printing.

``Tracker(path)`` opens the user's event log at ``path`` (or, while there is none, the log that
ships with tracker: the first write creates the user's log from it).
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import BinaryIO, Iterator

from tracker import curated
from tracker.errors import TrackerError, UsageError
from tracker.event_formats import IMPORT_FORMATS, ImportFormatError, read_event_dicts
from tracker.model import Event, EventError, now_stamp
from tracker.query import Query, order, select, select_stream
from tracker.registry import Registry
from tracker.store import EventLog, open_log
from tracker.store.layout import to_row
from tracker.temporal.partial import PartialDate

MIN_ID_PREFIX = 4
# No news article comes near this; past it a file is most likely a dump or data, and reading it
# would take minutes.
MAX_NEWS_BYTES = 8 * 1024 * 1024


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
    """An ISO partial date read as ``exact(partial)``, else a phrase read by ``phrase(text, today)``."""
    try:
        return exact(PartialDate.parse(text))
    except ValueError:
        pass
    try:
        return phrase(text, today or date.today())
    except ValueError as exc:
        raise _date_error(text, exc) from exc


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

    def rows(self, only_added: bool = False) -> list[dict]:
        """The events found (or only those added), as ordered listing rows, with an ``explain``
        object when one was asked for."""
        wanted = set(self.added_ids) if only_added else None
        rows = []
        for event in self.events:
            if wanted is not None and event.id not in wanted:
                continue
            row = to_row(event.to_dict())
            if event.id in self.explanations:
                row["explain"] = self.explanations[event.id]
            rows.append(row)
        return order(rows)


@dataclass
class ImportResult:
    read: int = 0
    added: int = 0
    known: int = 0
    new_companies: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # id collisions met (both events kept)


class Tracker:
    def __init__(self, path: Path):
        self.path = path

    @cached_property
    def log(self):
        return open_log(self.path, shipped_seed)

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
        facts["shipped"] = not isinstance(self.log, EventLog)
        return facts

    # --- writing ---------------------------------------------------------------------

    def _writable(self) -> EventLog:
        if isinstance(self.log, EventLog):
            return self.log
        return EventLog(self.path, seed=shipped_seed)

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
        result = self._writable().write(add=[event], companies=new_rows)
        if result.ids and result.ids[0] != event.id:  # stored under its old 10-digit id, or a longer one
            event = replace(event, id=result.ids[0])
        return event, result.added > 0, new_rows, result.notes

    def short_ids(self, ids) -> dict[str, str]:
        """For each id, the shortest prefix of at least SHORT_ID digits that names it alone in the
        log (as git shows commits), and that no other stored id equals."""
        from tracker.model import SHORT_ID

        out = {}
        for event_id in ids:
            others = [i for i in self.log.resolve_id(event_id[:SHORT_ID]) if i != event_id]
            size = SHORT_ID
            while size < len(event_id) and any(o.startswith(event_id[:size]) or o == event_id[:size] for o in others):
                size += 1
            out[event_id] = event_id[:size]
        return out

    def remove(self, id_or_prefix: str) -> dict:
        row = self.event(id_or_prefix)
        self._writable().write(remove=[row["id"]])
        return row

    def import_events(self, stream: BinaryIO, name: str, fmt: str | None = None, progress=None) -> ImportResult:
        """Import a whole file or nothing: every record is checked before the first is written."""
        from tracker.event_formats import guess_import_format

        if fmt is not None and fmt not in IMPORT_FORMATS:
            raise UsageError(f"unknown import format {fmt!r} (one of: {', '.join(IMPORT_FORMATS)})")
        with _seekable(stream) as data:
            if fmt is None:
                fmt = guess_import_format(name, data.read(64))
                data.seek(0)
            result = ImportResult()
            new_rows = self._check_import(data, fmt, result, name)
            data.seek(0)
            # One transaction: the store registers the companies it meets (marked for review).
            written = self._writable().import_rows(self._canonical_rows(data, fmt), progress=progress, total=result.read)
        result.added, result.known = written.added, written.known
        result.notes = list(written.notes)
        result.new_companies = [row["name"] for row in new_rows]
        return result

    def _check_import(self, data, fmt: str, result: ImportResult, name: str) -> list[dict]:
        new_rows = []
        try:
            for number, raw in read_event_dicts(data, fmt):
                try:
                    _, rows = self.canonical_event(Event.from_dict(raw))
                except EventError as exc:
                    raise ImportFormatError(f"{'line' if fmt == 'jsonl' else 'row'} {number}: {exc}") from None
                new_rows.extend(rows)
                result.read += 1
        except ImportFormatError as exc:
            raise UsageError(f"{name}: {exc}; nothing was imported") from None
        return new_rows

    def _canonical_rows(self, data, fmt: str):
        for _, raw in read_event_dicts(data, fmt):
            event, _ = self.canonical_event(Event.from_dict(raw))
            yield event.to_dict()

    def ingest(self, names: list[str], published: date | None = None, dry_run: bool = False, progress=None,
               explain: bool = False) -> IngestResult:
        """Find the events in news files (or '-') and add the ones not yet in the log.

        A file that is missing or not text is skipped and the rest still ingested: one the user
        named goes into ``unreadable``, one found in a folder into ``warnings``; an event
        already in the log (same id, or the same source sentence about the same company) is
        counted as known, so ingesting the same text again adds nothing.
        """
        from tracker.ingest import extract, split_articles
        from tracker.textio import news_files

        result = IngestResult()
        facts = curated.shipped_articles()
        missing: list[str] = []
        files = news_files(names, missing=missing)
        result.unreadable.extend(f"{name}: no such file or folder" for name in missing)
        named = set(names)
        events: dict[str, Event] = {}
        new_rows: dict[str, dict] = {}  # name -> registry row of a company first met in these files
        for number, name in enumerate(files, 1):
            try:
                document = read_news(name, MAX_NEWS_BYTES)
            except TrackerError as exc:  # not text, too large, no permission
                if name in named:
                    result.unreadable.append(str(exc))
                else:
                    result.warnings.append(f"skipped {exc}")
                continue
            if document.html and not document.text:
                result.warnings.append(f"{'standard input' if name == '-' else name}: no article text found in the page")
            articles = split_articles(document.text, document.name, facts)
            date_undated(articles, document.published)
            if explain:
                found, rows, traces = extract(document.text, document.name, self.registry, facts, published, articles, explain=True)
            else:
                (found, rows), traces = extract(document.text, document.name, self.registry, facts, published, articles), []
            found = with_url(found, document.url)
            result.files += 1
            result.articles += len(articles)
            for row in rows:  # a company new to two files joins once
                new_rows.setdefault(row["name"], row)
            for index, event in enumerate(found):
                if explain:
                    result.explanations.setdefault(event.id, traces[index])
                event = replace(event, recorded=now_stamp())
                events[event.id] = events[event.id].with_sources(event.sources) if event.id in events else event
            if progress:
                progress(number, len(files))
        result.events = list(events.values())
        fresh = self._not_yet_reported(result.events)
        result.known = len(result.events) - len(fresh)
        result.new_companies = list(new_rows)
        if not dry_run and (fresh or new_rows):
            written = self._writable().write(add=fresh, companies=list(new_rows.values()))
            result.added, result.known = written.added, result.known + written.known
            result.added_ids = list(written.added_ids)
            result.warnings.extend(written.notes)
            _use_stored_ids(result, [event.id for event in fresh], written.ids)
        return result

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
        return self.log.check() if isinstance(self.log, EventLog) else []

    def restore(self) -> list[str]:
        if not isinstance(self.log, EventLog):
            raise TrackerError(f"no database at {self.path} yet: nothing to restore")
        return self.log.restore()


def read_news(name: str, limit: int | None = None):
    """The document of a news file or '-': a web page reduced to its article, text as it is."""
    from tracker.ingest.document import read_document
    from tracker.textio import read_text

    raw, _ = read_text(name, limit)
    return read_document("stdin" if name == "-" else Path(name).name, raw)


def date_undated(articles, published: date | None) -> None:
    """A web page's own publication date dates the articles its text does not date (a dateline
    or a dated heading in the text is closer to the story than the page's date, which may be
    the date of a later reprint); ``--published`` still overrides both."""
    if published is None:
        return
    for article in articles:
        if article.published is None:
            article.published, article.basis = published, "text"


def with_url(events: list[Event], url: str | None) -> list[Event]:
    """The events with the document's address on their sources."""
    if not url:
        return events
    return [replace(event, sources=tuple(replace(s, url=url) for s in event.sources)) for event in events]


def _use_stored_ids(result: "IngestResult", asked: list[str], stored: tuple) -> None:
    """Events of an ingest stored under another id than their own (the log's old 10-digit id of
    the same event, or a longer id beside a different event) carry the stored id from now on."""
    renamed = {old: new for old, new in zip(asked, stored) if old != new}
    if not renamed:
        return
    result.events = [replace(e, id=renamed[e.id]) if e.id in renamed else e for e in result.events]
    result.explanations = {renamed.get(k, k): v for k, v in result.explanations.items()}


class _seekable:
    """Standard input is read once; imports read twice (check, then write), so it is spooled to disk."""

    def __init__(self, stream: BinaryIO):
        self.stream = stream
        self.spool = None

    def __enter__(self):
        if self.stream.seekable():
            return self.stream
        self.spool = tempfile.TemporaryFile()
        shutil.copyfileobj(self.stream, self.spool, 1 << 20)
        self.spool.seek(0)
        return self.spool

    def __exit__(self, *exc):
        if self.spool is not None:
            self.spool.close()
        return False
