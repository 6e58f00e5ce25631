"""The command line: parses arguments, calls tracker.api, writes the answer in the chosen format.

Errors end as one line on stderr and an exit code from tracker.errors.ExitCode: 2 for a wrong
command (unknown company, unreadable date, unknown type, format or id), 1 for a failure.
"""

from __future__ import annotations

import gc
import os
import shutil
import sys
from collections.abc import Callable
from datetime import date
from itertools import chain
from pathlib import Path
from typing import Annotated, Optional

import click
import typer
from typer.core import TyperGroup

from tracker import __version__
from tracker.errors import ExitCode, TrackerError, UsageError
from tracker.export import FORMATS, Listing, format_for, render

# --- error handling: one line and a documented exit code, never a traceback --------------


class TrackerGroup(TyperGroup):
    def resolve_command(self, ctx, args):
        # Click 8.4+ suggests a close command name itself (NoSuchCommand.possibilities); typer's
        # own suggestion came on top of it: "Did you mean 'ingest'? Did you mean 'ingest'?".
        # Typer's is kept for older clicks.
        try:
            return click.Group.resolve_command(self, ctx, args)
        except click.UsageError as exc:
            if not hasattr(exc, "possibilities"):
                return super().resolve_command(ctx, args)
            raise

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            code = result if isinstance(result, int) else ExitCode.OK
        except click.UsageError as exc:
            if _is_bare_help(exc):
                # Bare `tracker`: the formatted help on stdout, as `tracker --help` gives it.
                click.echo(exc.ctx.get_help())
                code = ExitCode.OK
            else:
                hint = f" (see 'tracker {exc.ctx.info_name} --help')" if exc.ctx and exc.ctx.parent else " (see 'tracker --help')"
                code = _fail(exc.format_message() + hint, ExitCode.USAGE)
        except TrackerError as exc:
            code = _fail(str(exc), exc.exit_code)
        except click.ClickException as exc:
            code = _fail(exc.format_message(), exc.exit_code)
        except (click.Abort, KeyboardInterrupt):
            code = _fail("interrupted", ExitCode.INTERRUPTED)
        except PipeClosed:
            # The reader (head, less) went away: not an error of ours. Silence the final flush.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            code = ExitCode.OK
        if standalone_mode:
            sys.exit(int(code))
        return code


class PipeClosed(Exception):
    """Raised instead of BrokenPipeError, which click would turn into exit status 1."""


def _is_bare_help(exc: click.UsageError) -> bool:
    """The error click raises for a group run with no arguments (no_args_is_help)."""
    bare = getattr(click.exceptions, "NoArgsIsHelpError", None)
    return bare is not None and isinstance(exc, bare)


def _fail(message: str, code: int) -> int:
    first_line = " ".join(str(message).split())
    click.echo(f"tracker: error: {first_line}", err=True)
    return code


def _version(value: bool) -> None:
    if value:
        click.echo(f"tracker {__version__}")
        raise typer.Exit()


app = typer.Typer(
    cls=TrackerGroup,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    help="Turn company news into a dated, queryable event log.",
    epilog="The log lives at --db PATH, else $TRACKER_DB, else the user's data directory "
    "('tracker info' says where). Until the first write, commands read the event log that ships with tracker.",
)


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    pass


# --- options shared by many commands (declared once) -----------------------------------

DbOption = Annotated[Optional[Path], typer.Option("--db", envvar="TRACKER_DB", help="Event log folder.", show_envvar=True)]
FormatOption = Annotated[
    Optional[str],
    typer.Option(
        "--format",
        "-f",
        help=f"One of {', '.join(FORMATS)}. Default: from -o's suffix; else table on a terminal, "
        "tsv in a pipe (export: jsonl).",
    ),
]
OutputOption = Annotated[
    Optional[str],
    typer.Option(
        "--output",
        "-o",
        help="Write to FILE: format from its suffix (.csv .tsv .md .json .jsonl .txt); no suffix: tsv "
        "(export: jsonl); another suffix needs -f.",
    ),
]
SinceOption = Annotated[
    Optional[str],
    typer.Option(
        help="Events from this date on: '2017', 'May 2017', '6/2017', 'March' (the last one), 'last 30 days', "
        "'between 2017 and 2018'. '01/06/2017' is refused as ambiguous; 'end of 2017' is 2017-Q4."
    ),
]
UntilOption = Annotated[Optional[str], typer.Option(help="Events up to the end of this date ('May 2017' ends May 31).")]
TypeOption = Annotated[Optional[list[str]], typer.Option("--type", "-t", help="Only this event type (repeatable).")]
SearchOption = Annotated[Optional[str], typer.Option("--search", "-s", help="Text in title, companies, people or quote.")]
SourceOption = Annotated[Optional[str], typer.Option("--source", help="Only events from this document (name or prefix).")]
SortOption = Annotated[str, typer.Option(help="Order by date, company or type.")]
ReverseOption = Annotated[bool, typer.Option("--reverse", "-r", help="Newest (or last) first; undated events stay last.")]
LimitOption = Annotated[Optional[int], typer.Option("--limit", "-n", min=0, help="At most N events.")]
VerboseOption = Annotated[
    bool, typer.Option("--verbose", "-v", help="Say on stderr how --since/--until were read and which filters made the answer.")
]
SubsidiariesOption = Annotated[bool, typer.Option("--subsidiaries", "-S", help="Include subsidiaries' events.")]


def _tracker(db: Optional[Path]):
    from tracker.api import Tracker
    from tracker.paths import database_path

    return Tracker(database_path(str(db) if db else None))


def _query(companies, since, until, types, search, source, sort, reverse, limit):
    from tracker.api import window
    from tracker.query import SORT_KEYS, Query

    types = [_event_type(wanted) for wanted in types or ()]
    if sort not in SORT_KEYS:
        raise UsageError(f"cannot sort by {sort!r} (one of: {', '.join(SORT_KEYS)})")
    start, end = window(since, until)
    return Query(companies, start, end, set(types or ()), search, source, sort, reverse, limit)


def _event_type(typed: str) -> str:
    """An event type as typed, in any case and with '-' or ' ' for '_': 'Trial', 'joint-venture'."""
    from tracker.model import EVENT_TYPES

    wanted = "_".join(typed.strip().lower().replace("-", " ").split())
    if wanted not in EVENT_TYPES:
        raise UsageError(f"unknown event type {typed!r} (one of: {', '.join(EVENT_TYPES)})")
    return wanted


def _emit(listing: Listing, fmt: Optional[str], output: Optional[str], file_default: str = "tsv") -> None:
    """Write a listing to stdout or to -o FILE, in the format asked for or the one that suits."""
    terminal = sys.stdout.isatty()
    chosen = format_for(fmt, output, terminal, file_default)
    if chosen not in FORMATS:
        raise UsageError(f"unknown format {chosen!r} (one of: {', '.join(FORMATS)})")
    if _kept_until_exit is not None:
        _kept_until_exit.append(listing)
    if output and output != "-":
        _write_file(Path(output), lambda out: render(listing, chosen, out))
        return
    color = terminal and chosen == "table" and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"
    width = shutil.get_terminal_size().columns if terminal else None
    try:
        render(listing, chosen, sys.stdout, color=color, width=width)
        sys.stdout.flush()
    except BrokenPipeError:
        raise PipeClosed() from None
    if terminal and not listing.records:
        click.echo("no events" if listing.markdown else "nothing to show", err=True)


def _write_file(path: Path, write: Callable) -> None:
    """A regular file is written through a temporary file beside it, so a failed export leaves no
    half file; a device, FIFO or symlink's target is opened and written (tracker.atomicfile)."""
    from tracker.atomicfile import write_output

    try:
        write_output(path, write)
    except IsADirectoryError:
        raise UsageError(f"cannot write {path}: is a folder") from None
    except OSError as exc:
        raise TrackerError(f"cannot write {path}: {exc.strerror or exc}") from None
    click.echo(f"wrote {path}", err=True)


def _events_listing(rows, title="", filters=""):
    from tracker.event_formats import event_listing

    return event_listing(rows, title, filters)


# --- reading commands ---------------------------------------------------------------------


def _complete_company(incomplete: str) -> list[str]:
    """Shell completion of company names and aliases from the log in use."""
    wanted = incomplete.casefold()
    registry = _tracker(None).registry
    forms = {form for row in registry.rows.values() for form in (row["name"], *row.get("aliases", ()))}
    return sorted(form for form in forms if form.casefold().startswith(wanted))


def _list_events(
    db, names, subsidiaries, filters: tuple, fmt, output, default_title="Timeline", file_default="tsv", verbose=False
) -> None:
    """The body shared by company, timeline and export: resolve names, query, render."""
    from tracker.query import describe

    tracker = _tracker(db)
    chosen = tracker.company_names(names) if names else None
    query = _query(tracker.with_subsidiaries(chosen) if chosen and subsidiaries else chosen, *filters)
    title = ", ".join(chosen) + (" and subsidiaries" if subsidiaries else "") if chosen else default_title
    if verbose:
        _say_filters(filters[0], filters[1], describe(query))
    chosen_format = format_for(fmt, output, sys.stdout.isatty(), file_default)
    if chosen_format in _STREAMED_FORMATS:
        listing = _parallel_listing(tracker, query, chosen_format, title, describe(query))
        if listing is None:
            listing = _events_listing(_Streamed(tracker.event_stream(query)), title, describe(query))
    else:  # a table or a Markdown document needs every row first
        listing = _events_listing(tracker.events(query), title, describe(query))
    try:
        _emit(listing, fmt, output, file_default)
    finally:  # a stream left unfinished (a closed pipe, an error) lets go of the lock and the workers
        getattr(listing.records, "close", lambda: None)()


def _parallel_listing(tracker, query, chosen_format: str, title: str, filters: str):
    """A large log's listing rendered a year at a time by worker processes (None: not worth it)."""
    from tracker.parallel_read import pieces

    made = pieces(tracker.log, query, chosen_format, lambda rows: _events_listing(rows, title, filters))
    if made is None:
        return None
    listing = _events_listing([], title, filters)
    listing.records = listing.pieces = _Streamed(piece for piece in made if piece)
    return listing


# Formats written row by row: a listing in them is read from the log while it is written, one
# year of the log in memory at a time, instead of holding the whole answer.
_STREAMED_FORMATS = ("tsv", "csv", "jsonl", "json")


class _Streamed:
    """Rows to write once, as they come; true when there was one (``_emit`` says "no events")."""

    def __init__(self, rows):
        self._rows = rows
        self._any = False

    def __iter__(self):
        rows = iter(self._rows)
        for first in rows:
            self._any = True
            return chain((first,), rows)
        return iter(())

    def __bool__(self) -> bool:
        return self._any

    def close(self) -> None:
        getattr(self._rows, "close", lambda: None)()


def _say_filters(since: str | None, until: str | None, described: str) -> None:
    from tracker.api import read_span

    for option, text in (("--since", since), ("--until", until)):
        if text:
            span = read_span(text)
            click.echo(f"tracker: {option} {text!r} read as {span.reading} ({span.start} to {span.end})", err=True)
    click.echo(f"tracker: filters: {described or 'none'}", err=True)


@app.command()
def company(
    name: Annotated[
        str, typer.Argument(help="Company name or alias, any case: 'unicom'.", autocompletion=_complete_company)
    ],
    subsidiaries: SubsidiariesOption = False,
    since: SinceOption = None,
    until: UntilOption = None,
    type_: TypeOption = None,
    search: SearchOption = None,
    source: SourceOption = None,
    sort: SortOption = "date",
    reverse: ReverseOption = False,
    limit: LimitOption = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    verbose: VerboseOption = False,
    db: DbOption = None,
) -> None:
    """One company's timeline, oldest first."""
    filters = (since, until, type_, search, source, sort, reverse, limit)
    _list_events(db, [name], subsidiaries, filters, fmt, output, verbose=verbose)


def _all_events_command(default_format: str | None):
    """timeline and export take the same options; export defaults to JSON Lines for files and tools."""

    def command(
        company_: Annotated[Optional[list[str]], typer.Option("--company", "-c", help="Only this company (repeatable).")] = None,
        subsidiaries: SubsidiariesOption = False,
        since: SinceOption = None,
        until: UntilOption = None,
        type_: TypeOption = None,
        search: SearchOption = None,
        source: SourceOption = None,
        sort: SortOption = "date",
        reverse: ReverseOption = False,
        limit: LimitOption = None,
        fmt: FormatOption = None,
        output: OutputOption = None,
        verbose: VerboseOption = False,
        db: DbOption = None,
    ) -> None:
        writing_file = output is not None and output != "-"
        chosen = fmt or (None if writing_file else default_format)
        filters = (since, until, type_, search, source, sort, reverse, limit)
        _list_events(db, company_, subsidiaries, filters, chosen, output, file_default=default_format or "tsv", verbose=verbose)

    return command


_LARGE_LOGS = (
    " TSV, CSV, JSON and JSON Lines are written while the log is read, a year at a time"
    " (on a large log by one worker process per core; TRACKER_READ_JOBS=N sets how many)."
)
app.command("timeline", help="All events, oldest first (or only some companies')." + _LARGE_LOGS)(_all_events_command(None))
app.command("export", help="The whole log or a filtered part, every field (JSON Lines unless -f or -o says)." + _LARGE_LOGS)(
    _all_events_command("jsonl")
)


@app.command()
def companies(
    fmt: FormatOption = None,
    output: OutputOption = None,
    db: DbOption = None,
) -> None:
    """The company registry with event counts and first and last event dates."""
    rows = _tracker(db).companies()
    columns = ["name", "events", "first", "last", "parent", "aliases"]
    _emit(Listing(rows, columns, lambda r, c: r.get(c), title="Companies"), fmt, output)


@app.command()
def show(
    event_id: Annotated[str, typer.Argument(metavar="ID", help="Event id, or its first characters.")],
    fmt: Annotated[Optional[str], typer.Option("--format", "-f", help="text (default), json or jsonl.")] = None,
    db: DbOption = None,
) -> None:
    """One event in full, with its source sentences."""
    from tracker.event_formats import public

    row = public(_tracker(db).event(event_id))
    if fmt in ("json", "jsonl"):
        import orjson

        option = orjson.OPT_INDENT_2 if fmt == "json" else 0
        click.echo(orjson.dumps(row, option=option).decode())
    elif fmt in (None, "text"):
        click.echo(_event_text(row))
    else:
        raise UsageError(f"unknown format {fmt!r} for show (one of: text, json, jsonl)")


def _event_text(row: dict) -> str:
    lines = [
        f"id         {row['id']}",
        f"date       {row['date'] or 'unknown'} ({row['precision']})",
        f"companies  {', '.join(row['companies'])}",
        f"type       {row['type']}",
        f"title      {row['title']}",
    ]
    if row.get("people"):
        lines.append(f"people     {', '.join(row['people'])}")
    if row.get("tags"):
        lines.append(f"tags       {', '.join(row['tags'])}")
    lines.append(f"recorded   {row.get('recorded') or 'unknown'}")
    for number, source in enumerate(row.get("sources", []), 1):
        where = source.get("doc") or "(no document)"
        if source.get("offset") is not None:
            where += f" @ {source['offset']}"
        label = "source" if len(row["sources"]) == 1 else f"source {number}"
        lines.append(f"{label:<10} {where}")
        if source.get("url"):
            lines.append(f"           url: {source['url']}")
        if source.get("article"):
            lines.append(f"           article: {source['article']}")
        if source.get("date_text"):
            lines.append(f"           dated by: {source['date_text']!r}")
        lines.append(f"           “{' '.join(source.get('quote', '').split())}”")
    return "\n".join(lines)


@app.command()
def info(db: DbOption = None, fmt: Annotated[Optional[str], typer.Option("--format", "-f", help="text or json.")] = None) -> None:
    """Where the event log lives and what it holds."""
    if fmt not in (None, "text", "json"):
        raise UsageError(f"unknown format {fmt!r} for info (one of: text, json)")
    facts = _tracker(db).describe()
    if fmt == "json":
        import orjson

        click.echo(orjson.dumps(facts, option=orjson.OPT_INDENT_2).decode())
        return
    width = max(len(key) for key in facts)
    note = " (not created yet: reading the event log that ships with tracker)" if facts["shipped"] else ""
    click.echo(f"{'database':<{width}} {facts['path']}{note}")
    for key, value in facts.items():
        if key not in ("path", "shipped"):
            click.echo(f"{key:<{width}} {value}")


# --- writing commands ---------------------------------------------------------------------


@app.command()
def add(
    company_: Annotated[list[str], typer.Option("--company", "-c", help="Company, main actor first (repeatable).")],
    type_: Annotated[str, typer.Option("--type", "-t", help="Event type, e.g. partnership, trial, leadership.")],
    title: Annotated[str, typer.Option(help="One line in plain words.")],
    when: Annotated[Optional[str], typer.Option("--date", "-d", help="'19 May 2017', 'June 2017', 'Q2 2017', 'last Friday'.")] = None,
    people: Annotated[Optional[list[str]], typer.Option("--people", "-p", help="A person involved (repeatable).")] = None,
    tag: Annotated[Optional[list[str]], typer.Option("--tag", help="A tag (repeatable).")] = None,
    source_doc: Annotated[Optional[str], typer.Option(help="The document the event comes from.")] = None,
    article: Annotated[Optional[str], typer.Option(help="The article title inside that document.")] = None,
    quote: Annotated[Optional[str], typer.Option(help="The sentence that reports the event.")] = None,
    db: DbOption = None,
) -> None:
    """Record an event by hand. Prints its id."""
    from tracker.api import read_when
    from tracker.model import Event, EventError, Source
    from tracker.temporal.partial import PartialDate

    when_date = read_when(when) if when else PartialDate.unknown()
    sources = (Source(doc=source_doc or "", quote=quote or "", article=article or ""),) if (source_doc or quote) else ()
    try:
        event = Event(when_date, tuple(company_), _event_type(type_), title.strip(), tuple(people or ()), sources, tuple(tag or ()))
    except EventError as exc:
        raise UsageError(str(exc)) from None
    tracker = _tracker(db)
    stored, is_new, new_companies, notes = tracker.add(event)
    _report_new_companies([row["name"] for row in new_companies])
    for note in notes:
        click.echo(f"tracker: warning: {note}", err=True)
    click.echo(tracker.short_ids([stored.id])[stored.id])
    click.echo(f"{'added' if is_new else 'already recorded'}: {stored.date.value or 'undated'} {stored.title}", err=True)


@app.command()
def remove(
    event_id: Annotated[str, typer.Argument(metavar="ID", help="Event id, or its first characters.")],
    db: DbOption = None,
) -> None:
    """Delete one event from the log."""
    row = _tracker(db).remove(event_id)
    click.echo(f"removed {row['id']}: {row['date'] or 'undated'} {row['title']}", err=True)


@app.command(name="import")
def import_(
    file: Annotated[str, typer.Argument(metavar="FILE|-", help="CSV, JSON Lines or JSON as written by export.")],
    fmt: Annotated[Optional[str], typer.Option("--format", "-f", help="csv, jsonl or json (default: from the name or content).")] = None,
    db: DbOption = None,
) -> None:
    """Add events from a file written by export (all of them, or none if any is bad)."""
    from tracker.textio import open_input

    tracker = _tracker(db)
    name = "standard input" if file == "-" else file
    with open_input(file) as stream, _progress("importing") as progress:
        result = tracker.import_events(stream, name, fmt, progress)
    _report_new_companies(result.new_companies)
    for note in result.notes:
        click.echo(f"tracker: warning: {note}", err=True)
    noun = "event" if result.read == 1 else "events"
    click.echo(f"imported {result.read} {noun} from {name}: {result.added} new, {result.known} already known", err=True)


def _report_new_companies(names: list[str], shown: int = 10, would: bool = False) -> None:
    if not names:
        return
    listed = ", ".join(repr(n) for n in names[:shown]) + (f" and {len(names) - shown} more" if len(names) > shown else "")
    noun = "company" if len(names) == 1 else "companies"
    joined = "would join the registry (dry run: nothing written)" if would else "joined the registry, marked for review"
    click.echo(f"{len(names)} new {noun} {joined}: {listed}", err=True)


class _progress:
    """A progress bar on stderr when it is a terminal; nothing in pipes and tests."""

    def __init__(self, label: str):
        self.label = label
        self.bar = None

    def __enter__(self) -> Callable[[int, int], None] | None:
        if not sys.stderr.isatty():
            return None
        return self.update

    def update(self, done: int, total: int) -> None:
        if self.bar is None:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.bar.pos)

    def __exit__(self, *exc) -> bool:
        if self.bar is not None:
            self.bar.__exit__(*exc)
        return False


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(metavar="PATH...", help="News files (text or HTML pages), folders of them, or - for standard input.")],
    published: Annotated[Optional[str], typer.Option(help="Publication date of the text, when the text does not say.")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would be added; write nothing.")] = False,
    explain: Annotated[bool, typer.Option("--explain", help="Show what decided each event's company, type and date (JSON formats: an 'explain' object).")] = False,
    fmt: FormatOption = None,
    output: OutputOption = None,
    db: DbOption = None,
) -> None:
    """Find the dated company events in news articles and add them to the log.

    Prints the ids of the events added, one a line; with -f or -o, the events added in that
    format (with --dry-run, the events found). An input that cannot be read (missing, not text)
    is skipped with a warning and the rest ingested, then the exit status is 1. --explain shows
    what decided each event's company, type and date.

    Example: tracker ingest news/ --published 2019-03-04 --dry-run --explain
    """
    from tracker.api import read_when

    anchor = read_when(published).start if published else None
    tracker = _tracker(db)
    with _progress("reading") as progress:
        result = tracker.ingest(paths, anchor, dry_run, progress, explain=explain)
    for problem in result.unreadable:  # as cat and grep do: one line per input, the rest still read
        click.echo(f"tracker: error: {problem}", err=True)
    for warning in result.warnings:
        click.echo(f"tracker: warning: {warning}", err=True)
    _report_new_companies(result.new_companies, would=dry_run)
    if explain and fmt in (None, "table", "tsv") and output is None:
        from tracker.explain import explanation

        click.echo("\n\n".join(explanation(row) for row in result.rows(only_added=not dry_run)))
    elif dry_run:
        _emit(_events_listing(result.rows(), "Ingest (dry run)"), fmt, output)
    elif fmt or output or explain:
        _emit(_events_listing(result.rows(only_added=True), "Ingest: added"), fmt, output)
    elif result.added_ids:
        short = tracker.short_ids(result.added_ids)
        click.echo("\n".join(short[i] for i in result.added_ids))
    done = "would add" if dry_run else "added"
    new = len(result.events) - result.known if dry_run else result.added
    if result.files or not result.unreadable:
        click.echo(
            f"read {result.files} file(s), {result.articles} article(s): {len(result.events)} events found, "
            f"{new} {done}, {result.known} already known",
            err=True,
        )
    if result.unreadable:
        raise typer.Exit(ExitCode.FAILURE)


@app.command()
def check(
    restore: Annotated[bool, typer.Option("--restore", help="Bring back damaged files from their backups.")] = False,
    db: DbOption = None,
) -> None:
    """Check that the event log is whole; with --restore, repair it from backups."""
    tracker = _tracker(db)
    if restore:
        restored = tracker.restore()
        for line in restored:
            click.echo(f"restored {line}", err=True)
        for line in getattr(restored, "refused", ()):
            click.echo(f"not restored: {line}", err=True)
        click.echo("nothing restored" if not restored else f"restored {len(restored)} file(s)", err=True)
        lost = getattr(restored, "lost", ())
        if lost:  # never silently: the ids are in the lines above, the exit code says it too
            raise TrackerError(
                f"the restore dropped {len(lost)} event(s) that no backup or other copy holds: {', '.join(lost[:10])}"
                + (" ..." if len(lost) > 10 else "")
            )
    problems = tracker.check()
    for line in problems:
        click.echo(line)
    if problems:
        raise TrackerError(f"{len(problems)} problem(s) in {tracker.path}; 'tracker check --restore' repairs from backups")
    click.echo(f"ok: {tracker.path}", err=True)


# --- dates ----------------------------------------------------------------------------------


@app.command()
def dates(
    file: Annotated[str, typer.Argument(metavar="FILE|-", help="Text to read.")],
    published: Annotated[Optional[str], typer.Option(help="Publication date that relative dates count from.")] = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """Every temporal expression in a text, normalised to TIMEX3 values."""
    from tracker.api import read_news, read_when
    from tracker.temporal import tag

    document = read_news(file)  # a web page's spans are those of its article text, as ingest's are
    anchor: date | None = read_when(published).start if published else document.published
    rows = [
        {"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value}
        for t in tag(document.text, anchor)
    ]
    _emit(Listing(rows, ["start", "end", "type", "value", "text"], lambda r, c: r[c], title="Temporal expressions"), fmt, output)


# Set by main(): results are kept alive to the end of the process, which then exits without
# freeing them. Freeing a million rows object by object takes seconds and serves nothing.
_kept_until_exit: list | None = None


def main() -> None:
    global _kept_until_exit
    _kept_until_exit = []
    gc.disable()  # a short-lived process: cycle collection only slows large listings down
    try:
        app()
        code = 0
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        pass
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    main()
