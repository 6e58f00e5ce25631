"""The command line: parses arguments, calls tracker.api, writes the answer in the chosen format.

Errors end as one line on stderr and an exit code from tracker.errors.ExitCode: 2 for a wrong
command (unknown company, unreadable date, unknown type, format or id), 1 for a failure.
"""

# (no "from __future__ import annotations": typer evaluates every string annotation at start-up)

import gc
import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Annotated, Optional

import click
import typer
from typer.core import TyperGroup

from tracker import __version__
from tracker.errors import ExitCode, TrackerError, UsageError
from tracker.event_types import EVENT_TYPES
from tracker.export import FORMATS, Listing, format_for, render
from tracker.query import SORT_KEYS


def _keep_argument_help() -> None:
    """Click 8.5 gave every parameter a ``help`` that its constructor sets, and typer-slim 0.21
    sets an argument's help *before* calling that constructor, so each argument's help was lost
    (``NAME  [required]``). Set it again after, and leave the arguments' section to typer (click
    8.5 would add its own "Positional arguments" copy of it)."""
    from typer.core import TyperArgument, TyperCommand

    if getattr(TyperArgument.__init__, "_keeps_help", False):
        return
    original = TyperArgument.__init__

    def init(self, *args, help: str | None = None, **kwargs) -> None:
        original(self, *args, help=help, **kwargs)
        self.help = help

    init._keeps_help = True  # type: ignore[attr-defined]
    TyperArgument.__init__ = init  # type: ignore[method-assign]
    TyperCommand.format_arguments = lambda self, ctx, formatter: None  # type: ignore[method-assign]


_keep_argument_help()


def _examples(*lines: str) -> str:
    """A command's epilog: example command lines, kept as written (click's \\b stops rewrapping)."""
    return "Examples:\n\n\b\n" + "\n".join(f"  {line}" for line in lines)

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

    def invoke(self, ctx):
        # A settings file that is not valid stops every command at once, in one line, before it
        # reads or writes anything; --help still works (it never reads the settings).
        rest = [*getattr(ctx, "_protected_args", ()), *ctx.args]
        if rest and not {"-h", "--help"} & set(rest):
            _settings()
        return super().invoke(ctx)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            code = result if isinstance(result, int) else ExitCode.OK
        except click.UsageError as exc:
            if _is_bare_help(exc):
                # Bare `tracker`: the formatted help on stdout, as `tracker --help` gives it.
                _echo(exc.ctx.get_help())
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
            _silence_stdout()
            code = ExitCode.OK
        except UnicodeEncodeError:
            # A lone surrogate: bytes that are not UTF-8 in an argument, reaching a file or the screen.
            code = _fail("an argument holds bytes that are not valid UTF-8 text", ExitCode.USAGE)
        except OSError as exc:  # a full disk, a device error: one line, never a traceback
            where = f" ({exc.filename})" if exc.filename else ""
            code = _fail(f"{exc.strerror or exc}{where}", ExitCode.FAILURE)
        if standalone_mode:
            sys.exit(int(code))
        return code


def _echo(text: str = "", err: bool = False, data: bool = False) -> None:
    """click.echo through ``terminal_text``: messages and text for people always, data (JSON of
    ``show -f json``) only when the stream is a terminal."""
    from tracker.termsafe import terminal_text

    stream = sys.stderr if err else sys.stdout
    if not data or (stream is not None and stream.isatty()):
        text = terminal_text(str(text))
    click.echo(text, err=err)


def _silence_stdout() -> None:
    """Drop what is still buffered for stdout (its reader is gone, or it is full)."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, AttributeError, ValueError):
        pass


class PipeClosed(Exception):
    """Raised instead of BrokenPipeError, which click would turn into exit status 1."""


def _is_bare_help(exc: click.UsageError) -> bool:
    """The error click raises for a group run with no arguments (no_args_is_help)."""
    bare = getattr(click.exceptions, "NoArgsIsHelpError", None)
    return bare is not None and isinstance(exc, bare)


def _fail(message: str, code: int) -> int:
    first_line = " ".join(str(message).split())
    _echo(f"tracker: error: {first_line}", err=True)
    return code


def _version(value: bool) -> None:
    if value:
        _echo(f"tracker {__version__}")
        raise typer.Exit()


app = typer.Typer(
    cls=TrackerGroup,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    help="Turn company news into a dated, queryable event log.",
    epilog="The log lives at --db PATH, else $TRACKER_DB, else the config file's database ('tracker config'), else the user's data directory "
    "('tracker info' says where). Until the first write, commands read the event log that ships with tracker.",
)


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
    no_pager: Annotated[
        bool, typer.Option("--no-pager", callback=lambda value: _no_pager(value), help="Never page long output.")
    ] = False,
    lock_timeout: Annotated[
        Optional[float],
        typer.Option(
            "--lock-timeout",
            min=0,
            envvar="TRACKER_LOCK_TIMEOUT",
            show_envvar=True,
            help="Seconds to wait for another tracker holding the log's lock before giving up (default 60).",
        ),
    ] = None,
) -> None:
    if lock_timeout is not None and not 0 <= lock_timeout < float("inf"):  # nan and inf pass min=0
        raise UsageError(f"--lock-timeout {lock_timeout}: give a number of seconds (0 or more)")
    if lock_timeout is not None:
        os.environ["TRACKER_LOCK_TIMEOUT"] = repr(lock_timeout)  # read by the store when a lock is busy


# --- options shared by many commands (declared once) -----------------------------------

def _complete_company(incomplete: str) -> list[str]:
    """Shell completion of company names and aliases from the log in use (none when the log or
    the settings file cannot be read: an error line would land in the middle of the user's line)."""
    try:
        registry = _tracker(None).registry
    except TrackerError:
        return []
    forms = {form for row in registry.rows.values() for form in (row["name"], *row.get("aliases", ()))}
    # Names match in any case; the typed prefix is kept as typed, because typer drops candidates
    # that do not start with it exactly ('hua' completes to 'huawei', which resolves as 'Huawei').
    done, _, last = incomplete.rpartition(",")  # -c zte,hua<TAB>
    prefix = done + "," if done else ""
    wanted = last.casefold()
    found = {last + form[len(last):] for form in forms if form.casefold().startswith(wanted)}
    return sorted(prefix + form for form in found)


def _complete_format(incomplete: str) -> list[str]:
    return [f for f in FORMATS if f.startswith(incomplete.lower())]


def _complete_type(incomplete: str) -> list[str]:
    """Event types; after a comma, the types to add to the list typed so far (-t trial,pa<TAB>)."""
    done, _, last = incomplete.rpartition(",")
    prefix = done + "," if done else ""
    return [prefix + t for t in EVENT_TYPES if t.startswith(last.lower())]


def _complete_sort(incomplete: str) -> list[str]:
    return [k for k in SORT_KEYS if k.startswith(incomplete.lower())]


DbOption = Annotated[Optional[str], typer.Option("--db", envvar="TRACKER_DB", help="Event log folder.", show_envvar=True)]
FORMAT_METAVAR = "[" + "|".join(FORMATS) + "]"
FormatOption = Annotated[
    Optional[str],
    typer.Option(
        "--format",
        "-f",
        metavar=FORMAT_METAVAR,
        autocompletion=_complete_format,
        help="Output format. Default: from -o's suffix; else table on a terminal, tsv in a pipe (export: jsonl). "
        "html: a self-contained timeline page; timelinejs: TimelineJS's JSON.",
    ),
]
OutputOption = Annotated[
    Optional[str],
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to FILE: format from its suffix (.csv .tsv .md .json .jsonl .txt .html); no suffix: tsv "
        "(export: jsonl); another suffix needs -f.",
    ),
]
SinceOption = Annotated[
    Optional[str],
    typer.Option(
        metavar="DATE",
        help="Events from this date on: '2017', 'May 2017', '6/2017', 'March' (the last one), 'last 30 days', "
        "'between 2017 and 2018'. '01/06/2017' is refused as ambiguous unless the config sets date_order; "
        "'end of 2017' is 2017-Q4.",
    ),
]
UntilOption = Annotated[
    Optional[str], typer.Option(metavar="DATE", help="Events up to the end of this date ('May 2017' ends May 31).")
]
TypeOption = Annotated[
    Optional[list[str]],
    typer.Option(
        "--type",
        "-t",
        metavar="TYPE[,TYPE]",
        autocompletion=_complete_type,
        help="Only these event types, a comma list or repeated (-t partnership,trial; any case). "
        f"Types: {', '.join(EVENT_TYPES)}.",
    ),
]
NotTypeOption = Annotated[
    Optional[list[str]],
    typer.Option("--not-type", "-T", metavar="TYPE[,TYPE]", autocompletion=_complete_type, help="Leave out these event types."),
]
OnOption = Annotated[
    Optional[str],
    typer.Option(metavar="DATE", help="Events on this date or period: --on 'May 2017' is --since 'May 2017' --until 'May 2017'."),
]
WithinOption = Annotated[
    bool,
    typer.Option(
        "--within",
        "-w",
        help="Only events whose whole date lies inside the window (an event dated just '2017' is not within --on 2017-Q3).",
    ),
]
TagOption = Annotated[
    Optional[list[str]], typer.Option("--tag", metavar="TAG[,TAG]", help="Only events with one of these tags (any case).")
]
PeopleOption = Annotated[
    Optional[list[str]],
    typer.Option("--people", "-p", metavar="NAME[,NAME]", help="Only events naming one of these people (part of a name, any case)."),
]
SearchOption = Annotated[
    Optional[str], typer.Option("--search", "-s", metavar="TEXT", help="Text in title, companies, people, tags or quote (any case).")
]
SourceOption = Annotated[
    Optional[str], typer.Option("--source", metavar="DOC", help="Only events from this document (name or prefix: '003').")
]
SortOption = Annotated[
    str,
    typer.Option(metavar="[" + "|".join(SORT_KEYS) + "]", autocompletion=_complete_sort, help="Order by date, company or type."),
]
ReverseOption = Annotated[bool, typer.Option("--reverse", "-r", help="Newest (or last) first; undated events stay last.")]
LimitOption = Annotated[Optional[int], typer.Option("--limit", "-n", min=0, metavar="N", help="At most N events.")]
VerboseOption = Annotated[
    bool, typer.Option("--verbose", "-v", help="Say on stderr how --since/--until were read and which filters made the answer.")
]
CompanyOption = Annotated[
    Optional[list[str]],
    typer.Option(
        "--company",
        "-c",
        metavar="NAME[,NAME]",
        autocompletion=_complete_company,
        help="Only these companies, a comma list or repeated (-c zte,huawei; names or aliases, any case).",
    ),
]
def _complete_columns(incomplete: str) -> list[str]:
    from tracker.event_formats import COLUMN_VALUES

    done, _, last = incomplete.rpartition(",")
    prefix = done + "," if done else ""
    return [prefix + c for c in COLUMN_VALUES if c.startswith(last.lower())]


ColumnsOption = Annotated[
    Optional[str],
    typer.Option(
        "--columns",
        metavar="COL[,COL]",
        autocompletion=_complete_columns,
        help="Only these columns, in this order: date, start, end, precision, companies, people, type, title, "
        "tags, source, url, quote, recorded, id (JSON: only these fields).",
    ),
]
NoPagerOption = Annotated[
    bool,
    typer.Option(
        "--no-pager",
        callback=lambda value: _no_pager(value),
        help="Write long output straight to the terminal (else through $PAGER, default 'less -FRX'; never in a pipe).",
    ),
]
SubsidiariesOption = Annotated[bool, typer.Option("--subsidiaries", "-S", help="Include subsidiaries' events.")]


def _tracker(db: Optional[str]):
    from tracker.api import Tracker
    from tracker.paths import database_path

    if db is not None and not db.strip():
        raise UsageError("--db: an empty path; give the event log's folder")

    return Tracker(database_path(str(db) if db else None))


@dataclass
class Filters:
    """The filter options of the listing commands, as typed (company, timeline, export, stats)."""

    since: str | None = None
    until: str | None = None
    on: str | None = None
    within: bool = False
    types: list[str] | None = None
    not_types: list[str] | None = None
    tags: list[str] | None = None
    people: list[str] | None = None
    search: str | None = None
    source: str | None = None
    sort: str = "date"
    reverse: bool = False
    limit: int | None = None

    def window_texts(self) -> tuple[str | None, str | None]:
        """--since and --until as typed; --on DATE is both."""
        if self.on and (self.since or self.until):
            raise UsageError("--on cannot be used with --since or --until")
        return (self.on, self.on) if self.on else (self.since, self.until)


def comma_list(values: list[str] | None, option: str = "") -> list[str]:
    """Repeated options and comma lists as one list: -t partnership,trial -t legal. An option
    given with nothing in it (-t ,) is an error, not a filter that keeps everything."""
    parts = [part.strip() for value in values or () for part in value.split(",") if part.strip()]
    if values and not parts:
        raise UsageError(f"{option or 'a list option'} names nothing: give one or more values separated by commas")
    return parts


def _query(companies, filters: Filters):
    from tracker.api import window
    from tracker.query import Query

    if filters.sort not in SORT_KEYS:
        raise UsageError(f"cannot sort by {filters.sort!r} (one of: {', '.join(SORT_KEYS)})")
    since, until = filters.window_texts()
    if filters.within and not (since or until):
        raise UsageError("--within needs a window: --since, --until or --on")
    start, end = window(since, until)
    return Query(
        companies,
        start,
        end,
        {_event_type(t) for t in comma_list(filters.types, "--type")},
        filters.search,
        filters.source,
        filters.sort,
        filters.reverse,
        filters.limit,
        not_types={_event_type(t) for t in comma_list(filters.not_types, "--not-type")},
        tags={t.casefold() for t in comma_list(filters.tags, "--tag")},
        people={p.casefold() for p in comma_list(filters.people, "--people")},
        within=filters.within,
    )


def _event_type(typed: str) -> str:
    """An event type as typed, in any case and with '-' or ' ' for '_': 'Trial', 'joint-venture'."""
    from tracker.desk import event_type

    return event_type(typed)


def _output_format(fmt: Optional[str], output: Optional[str], file_default: str = "tsv"):
    """(the format a listing is written in, whether stdout is a terminal it goes to, the
    settings when it goes to stdout): -f, else -o's suffix, else the config file's format, else
    table on a terminal and file_default in a pipe."""
    writing_file = output and output != "-"
    configured = None if writing_file else _settings()
    terminal = not writing_file and sys.stdout is not None and sys.stdout.isatty()
    return format_for(fmt or (configured.format if configured else None), output, terminal, file_default), terminal, configured


def _emit(listing: Listing, fmt: Optional[str], output: Optional[str], file_default: str = "tsv") -> None:
    """Write a listing to stdout or to -o FILE, in the format asked for or the one that suits."""
    if sys.stdout is None and not (output and output != "-"):  # started with `>&-`
        raise TrackerError("standard output is closed: nowhere to write (use -o FILE)")
    chosen, terminal, configured = _output_format(fmt, output, file_default)
    if chosen not in FORMATS:
        raise UsageError(f"unknown format {chosen!r} (one of: {', '.join(FORMATS)})")
    if not listing.can_write(chosen):
        raise UsageError(f"format {chosen!r} is for event listings (company, timeline, export, ingest)")
    if _kept_until_exit is not None:
        _kept_until_exit.append(listing)
    if output and output != "-":
        _write_file(Path(output), lambda out: render(listing, chosen, out))
        return
    color = chosen == "table" and configured is not None and _colour(configured.color, terminal)
    size = shutil.get_terminal_size() if terminal else None
    width = size.columns if size else None
    pager = _pager(configured.pager) if terminal else None
    from tracker.termsafe import TerminalStream

    # A table's cells are made safe as it is built (its bold headers are ours); any other format
    # is data, changed only when it goes to a terminal.
    def safe(stream):
        return TerminalStream(stream) if terminal and chosen != "table" else stream

    try:
        if pager:
            import io

            from tracker.pager import needs_paging, page

            text = io.StringIO()
            render(listing, chosen, safe(text), color=color, width=width)
            if not (needs_paging(text.getvalue(), size.lines) and page(text.getvalue(), pager)):
                sys.stdout.write(text.getvalue())
        else:
            render(listing, chosen, safe(sys.stdout), color=color, width=width)
        sys.stdout.flush()
    except BrokenPipeError:
        raise PipeClosed() from None
    except OSError as exc:  # /dev/full, a closed descriptor, a disk that filled up
        _silence_stdout()
        raise TrackerError(f"cannot write to standard output: {exc.strerror or exc}") from None
    if terminal and not listing.records:
        _echo("no events" if listing.markdown else "nothing to show", err=True)


_paging = True  # turned off by --no-pager


def _no_pager(value: bool) -> None:
    global _paging
    if value:
        _paging = False


def _pager(configured: str | None) -> list[str] | None:
    """The pager command for a listing on a terminal, or None (--no-pager, PAGER=cat or empty)."""
    if not _paging:
        return None
    from tracker.pager import pager_command

    return pager_command(configured)


def _colour(setting: str, terminal: bool) -> bool:
    """auto: on a terminal, unless NO_COLOR is set or TERM=dumb; always; never."""
    if setting != "auto":
        return setting == "always"
    return terminal and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def _settings():
    from tracker.config import settings

    return settings()


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
    _echo(f"wrote {path}", err=True)


def _events_listing(rows, title="", filters="", log=""):
    from tracker.event_formats import event_listing

    return event_listing(rows, title, filters, log)


def _log_words(tracker) -> str:
    """Which event log a listing comes from, as an HTML report's header says it."""
    return f"the event log shipped with tracker {__version__}" if tracker.shipped else str(tracker.path)


# --- reading commands ---------------------------------------------------------------------


def _company_names(tracker, names: list[str]) -> list[str]:
    """Canonical names for -c values: a value the registry knows whole, else its comma list."""
    typed = []
    for value in names:
        typed.extend([value] if value in tracker.registry or "," not in value else comma_list([value], "--company"))
    return tracker.company_names(typed)


def _filtered_query(db, names, subsidiaries: bool, filters: Filters, default_title: str, verbose: bool):
    """Resolve names and build the query: (tracker, query, title, filters in words)."""
    from tracker.query import describe

    tracker = _tracker(db)
    chosen = _company_names(tracker, names) if names else None
    query = _query(tracker.with_subsidiaries(chosen) if chosen and subsidiaries else chosen, filters)
    title = ", ".join(chosen) + (" and subsidiaries" if subsidiaries else "") if chosen else default_title
    if verbose:
        typed = (("--on", filters.on),) if filters.on else (("--since", filters.since), ("--until", filters.until))
        _say_filters(typed, describe(query))
    return tracker, query, title, describe(query)


def _filtered_events(db, names, subsidiaries: bool, filters: Filters, default_title: str, verbose: bool):
    """Resolve names, build the query, read the events: (tracker, rows, title, filters in words)."""
    tracker, query, title, described = _filtered_query(db, names, subsidiaries, filters, default_title, verbose)
    return tracker, tracker.events(query), title, described


def _parallel_listing(tracker, query, chosen_format: str, title: str, filters: str):
    """A large log's listing rendered a year at a time by worker processes (None: not worth it)."""
    from tracker.parallel_read import pieces

    made = pieces(tracker.log, query, chosen_format, lambda rows: _events_listing(rows, title, filters))
    if made is None:
        return None
    listing = _events_listing([], title, filters)
    listing.records = listing.pieces = _Streamed(_non_empty(made))
    return listing


def _non_empty(pieces):
    """The pieces that hold text; closing this closes ``pieces`` too, which ends its worker
    processes (a generator expression would leave them waiting on the pool's queue, holding the
    process's stdout and stderr open after it exits: `tracker export | head -c 10` then hung
    the caller that waits for those pipes to close)."""
    try:
        for piece in pieces:
            if piece:
                yield piece
    finally:
        pieces.close()


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


def _list_events(
    db, names, subsidiaries, filters: Filters, fmt, output, default_title="Timeline", file_default="tsv", verbose=False,
    columns: str | None = None,
) -> None:
    """The body shared by company, timeline and export: resolve names, query, render."""
    chosen_columns = _columns(columns)  # a wrong column is refused before the log is read
    tracker, query, title, described = _filtered_query(db, names, subsidiaries, filters, default_title, verbose)
    log = _log_words(tracker)
    chosen_format = _output_format(fmt, output, file_default)[0]
    listing = None
    if chosen_format in _STREAMED_FORMATS:
        if not chosen_columns:
            listing = _parallel_listing(tracker, query, chosen_format, title, described)
        if listing is None:
            listing = _events_listing(_Streamed(tracker.event_stream(query)), title, described, log)
    else:  # a table, a Markdown or HTML document needs every row first
        listing = _events_listing(tracker.events(query), title, described, log)
    if chosen_columns:
        from tracker.event_formats import with_columns

        listing = with_columns(listing, chosen_columns)
    try:
        _emit(listing, fmt, output, file_default)
    finally:  # a stream left unfinished (a closed pipe, an error) lets go of the lock and the workers
        getattr(listing.records, "close", lambda: None)()


def _columns(text: str | None) -> list[str] | None:
    if text is None:
        return None
    from tracker.event_formats import parse_columns

    try:
        return parse_columns(text)
    except ValueError as exc:
        raise UsageError(f"--columns: {exc}") from None


def _say_filters(typed: tuple[tuple[str, str | None], ...], described: str) -> None:
    from tracker.api import read_span

    for option, text in typed:
        if text:
            span = read_span(text)
            _echo(f"tracker: {option} {text!r} read as {span.reading} ({span.start} to {span.end})", err=True)
    _echo(f"tracker: filters: {described or 'none'}", err=True)


@app.command(
    epilog=_examples(
        "tracker company unicom --since 2017 -t partnership,trial",
        "tracker company ZTE -S --reverse -n 5",
        "tracker company 'China Mobile' -f markdown -o china-mobile.md",
    )
)
def company(
    name: Annotated[
        str, typer.Argument(help="Company name or alias, any case: 'unicom'.", autocompletion=_complete_company)
    ],
    subsidiaries: SubsidiariesOption = False,
    since: SinceOption = None,
    until: UntilOption = None,
    on: OnOption = None,
    within: WithinOption = False,
    type_: TypeOption = None,
    not_type: NotTypeOption = None,
    tag: TagOption = None,
    people: PeopleOption = None,
    search: SearchOption = None,
    source: SourceOption = None,
    sort: SortOption = "date",
    reverse: ReverseOption = False,
    limit: LimitOption = None,
    columns: ColumnsOption = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    no_pager: NoPagerOption = False,
    verbose: VerboseOption = False,
    db: DbOption = None,
) -> None:
    """One company's timeline, oldest first."""
    filters = Filters(since, until, on, within, type_, not_type, tag, people, search, source, sort, reverse, limit)
    _list_events(db, [name], subsidiaries, filters, fmt, output, verbose=verbose, columns=columns)


def _all_events_command(default_format: str | None):
    """timeline and export take the same options; export defaults to JSON Lines for files and tools."""

    def command(
        company_: CompanyOption = None,
        subsidiaries: SubsidiariesOption = False,
        since: SinceOption = None,
        until: UntilOption = None,
        on: OnOption = None,
        within: WithinOption = False,
        type_: TypeOption = None,
        not_type: NotTypeOption = None,
        tag: TagOption = None,
        people: PeopleOption = None,
        search: SearchOption = None,
        source: SourceOption = None,
        sort: SortOption = "date",
        reverse: ReverseOption = False,
        limit: LimitOption = None,
        columns: ColumnsOption = None,
        fmt: FormatOption = None,
        output: OutputOption = None,
        no_pager: NoPagerOption = False,
        verbose: VerboseOption = False,
        db: DbOption = None,
    ) -> None:
        writing_file = output is not None and output != "-"
        chosen = fmt or (None if writing_file else default_format)
        filters = Filters(since, until, on, within, type_, not_type, tag, people, search, source, sort, reverse, limit)
        _list_events(
            db, company_, subsidiaries, filters, chosen, output, file_default=default_format or "tsv", verbose=verbose, columns=columns
        )

    return command


_LARGE_LOGS = (
    " TSV, CSV, JSON and JSON Lines are written while the log is read, a year at a time"
    " (on a large log by one worker process per core; TRACKER_READ_JOBS=N sets how many)."
)
app.command(
    "timeline",
    help="All events, oldest first (or only some companies')." + _LARGE_LOGS,
    epilog=_examples(
        "tracker timeline -c zte,huawei --since 'last year'",
        "tracker timeline -t legal,regulatory -f csv -o legal.csv",
        "tracker timeline | cut -f1,3,4 | sort",
    ),
)(_all_events_command(None))
app.command(
    "export",
    help="The whole log or a filtered part, every field (JSON Lines unless -f or -o says)." + _LARGE_LOGS,
    epilog=_examples("tracker export -o backup.jsonl", "tracker export -c unicom --since 2017 -f csv > unicom.csv"),
)(_all_events_command("jsonl"))


@app.command(
    epilog=_examples(
        "tracker stats",
        "tracker stats --by company -n 10",
        "tracker stats -c zte,huawei --by company,year -t trial,partnership",
        "tracker stats --by quarter --since 2017 -f csv",
    )
)
def stats(
    by: Annotated[
        str,
        typer.Option(
            "--by",
            "-b",
            metavar="GROUP[,GROUP]",
            autocompletion=lambda incomplete: _complete_groups(incomplete),
            help="Count by company, type, year, quarter or month; a comma list counts each combination "
            "(--by company,year). An event counts once for each company it names; by month, an event dated "
            "just 2017-Q3 counts under 2017-Q3.",
        ),
    ] = "type",
    company_: CompanyOption = None,
    subsidiaries: SubsidiariesOption = False,
    since: SinceOption = None,
    until: UntilOption = None,
    on: OnOption = None,
    within: WithinOption = False,
    type_: TypeOption = None,
    not_type: NotTypeOption = None,
    tag: TagOption = None,
    people: PeopleOption = None,
    search: SearchOption = None,
    source: SourceOption = None,
    limit: Annotated[Optional[int], typer.Option("--limit", "-n", min=0, metavar="N", help="Only the first N rows.")] = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    no_pager: NoPagerOption = False,
    verbose: VerboseOption = False,
    db: DbOption = None,
) -> None:
    """How many events, by company, type or period, for the filtered events; a bar chart on a terminal."""
    from tracker import stats as counting

    try:
        groups = counting.parse_groups(by)
    except ValueError as exc:
        raise UsageError(f"--by: {exc}") from None
    filters = Filters(since, until, on, within, type_, not_type, tag, people, search, source)
    tracker, rows, title, described = _filtered_events(db, company_, subsidiaries, filters, "All events", verbose)
    chosen_companies = None
    if company_:  # by company, count the companies asked for, not every partner their events name
        chosen_companies = set(_company_names(tracker, company_))
        chosen_companies = set(tracker.with_subsidiaries(list(chosen_companies))) if subsidiaries else chosen_companies
    counts = counting.count(rows, groups, chosen_companies)[:limit]
    records = [{**dict(zip(groups, c.keys)), "events": c.events} for c in counts]
    columns = [*groups, "events"]
    chosen = format_for(fmt, output, sys.stdout.isatty())
    if chosen == "table" and sys.stdout.isatty() and (output is None or output == "-") and records:
        # The chart takes what the terminal leaves after the other columns, 40 cells at most.
        from tracker.textwidth import GAP, width

        used = sum(max(width(c), *(width(str(r[c])) for r in records)) + len(GAP) for c in columns)
        room = min(40, shutil.get_terminal_size().columns - used)
        most = max(c.events for c in counts)
        for record in records:
            record["chart"] = counting.bar(record["events"], most, room)
        columns.append("chart")
    heading = f"{title}: {len(rows)} events" + (f" ({described})" if described else "")
    _emit(Listing(records, columns, lambda r, c: r.get(c), title=heading, filters=described), fmt, output)
    if sys.stderr.isatty() and "company" in groups:
        _echo(f"{len(rows)} events; an event naming two companies counts for each", err=True)


def _complete_groups(incomplete: str) -> list[str]:
    from tracker.stats import GROUPS

    done, _, last = incomplete.rpartition(",")
    prefix = done + "," if done else ""
    return [prefix + g for g in GROUPS if g.startswith(last.lower())]




companies_app = typer.Typer(
    cls=TrackerGroup,
    invoke_without_command=True,
    help="""The company registry with event counts and first and last event dates; its subcommands
    curate it. A NAME may be any name or alias, a unique prefix ('acacia') or the name without its
    legal form ('cisco systems').""",
    epilog=_examples(
        "tracker companies",
        "tracker companies -f csv -o companies.csv",
        "tracker companies alias 'China Unicom' Liantong",
        "tracker companies merge Acacia 'Acacia Communications Inc'",
        "tracker companies review --accept-all",
    ),
)
app.add_typer(companies_app, name="companies")


@companies_app.callback()
def companies(
    ctx: typer.Context,
    fmt: FormatOption = None,
    output: OutputOption = None,
    no_pager: NoPagerOption = False,
    db: DbOption = None,
) -> None:
    if ctx.invoked_subcommand is not None:
        return
    rows = _tracker(db).companies()
    columns = ["name", "events", "first", "last", "parent", "aliases"]
    _emit(Listing(rows, columns, lambda r, c: r.get(c), title="Companies"), fmt, output)


def _group_db(ctx: typer.Context, db: Optional[Path]) -> Optional[Path]:
    """--db given after the subcommand, else before it ('companies --db X alias ...'), else $TRACKER_DB."""
    from click.core import ParameterSource

    if ctx.get_parameter_source("db") != ParameterSource.COMMANDLINE and ctx.parent.get_parameter_source("db") == ParameterSource.COMMANDLINE:
        return ctx.parent.params["db"]
    return db


def _change_companies(ctx: typer.Context, db: Optional[Path], change: str, *args) -> None:
    """Run a registry change (the name of a ``Tracker`` method and its arguments) on the log of
    --db (given after the subcommand or before it), and say what it did."""
    tracker = _tracker(_group_db(ctx, db))
    report = getattr(tracker, change)(*args)
    for old, new in report.moved:
        _echo(f"{old}\t{new}")
    _echo(report.message, err=True)


NameArgument = Annotated[str, typer.Argument(metavar="NAME", help="Company name, alias or unique prefix.", autocompletion=_complete_company)]


@companies_app.command("alias", epilog=_examples("tracker companies alias 'China Unicom' Liantong"))
def companies_alias(
    ctx: typer.Context,
    name: NameArgument,
    alias: Annotated[str, typer.Argument(metavar="ALIAS", help="Another name of the company.")],
    db: DbOption = None,
) -> None:
    """Give a company another name that finds it.
    """
    _change_companies(ctx, db, "alias_company", name, alias)


@companies_app.command("rename", epilog=_examples("tracker companies rename Acacia 'Acacia Communications Inc'"))
def companies_rename(
    ctx: typer.Context,
    old: NameArgument,
    new: Annotated[str, typer.Argument(metavar="NEW", help="The new canonical name.")],
    db: DbOption = None,
) -> None:
    """Rename a company; its events follow (their ids change with their content: one OLD NEW line
    each) and the old name stays an alias.
    """
    _change_companies(ctx, db, "rename_company", old, new)


@companies_app.command("merge", epilog=_examples("tracker companies merge Unicon 'China Unicom'"))
def companies_merge(
    ctx: typer.Context,
    first: Annotated[str, typer.Argument(metavar="A", help="The company that goes away.", autocompletion=_complete_company)],
    second: Annotated[str, typer.Argument(metavar="B", help="The company that stays.", autocompletion=_complete_company)],
    db: DbOption = None,
) -> None:
    """Make A one with B: events naming A name B (one OLD NEW id line each), A and its aliases
    become aliases of B, its subsidiaries B's.
    """
    _change_companies(ctx, db, "merge_companies", first, second)


@companies_app.command("parent", epilog=_examples("tracker companies parent Aliyun 'Alibaba Group'", 'tracker companies parent Aliyun --clear'))
def companies_parent(
    ctx: typer.Context,
    name: NameArgument,
    parent: Annotated[Optional[str], typer.Argument(metavar="[PARENT]", help="The company that owns it.")] = None,
    clear: Annotated[bool, typer.Option("--clear", help="The company has no parent.")] = False,
    db: DbOption = None,
) -> None:
    """Say which company owns another ('tracker company NAME --subsidiaries' follows it).
    """
    if (parent is None) == (not clear):
        raise UsageError("give either a PARENT or --clear")
    _change_companies(ctx, db, "set_parent", name, parent)


@companies_app.command("review", epilog=_examples('tracker companies review', "tracker companies review --accept Acme 'Foo Networks'", 'tracker companies review --accept-all', 'tracker companies review --reject Christmas'))
def companies_review(
    ctx: typer.Context,
    names: Annotated[Optional[list[str]], typer.Argument(metavar="[NAME...]", help="Companies to accept or reject.")] = None,
    accept: Annotated[bool, typer.Option("--accept", help="Mark the NAMEs as reviewed.")] = False,
    accept_all: Annotated[bool, typer.Option("--accept-all", help="Mark every listed company as reviewed.")] = False,
    reject: Annotated[bool, typer.Option("--reject", help="Delete the NAMEs (only when no event names them).")] = False,
    fmt: FormatOption = None,
    output: OutputOption = None,
    db: DbOption = None,
) -> None:
    """Companies first met in news or imports, marked for review; accept or reject them.
    """
    if accept + accept_all + reject > 1:
        raise UsageError("give one of --accept, --accept-all and --reject")
    if (accept or reject) and not names:
        raise UsageError(f"--{'accept' if accept else 'reject'} needs the NAMEs of companies")
    if names and not (accept or reject):
        raise UsageError("say what to do with the NAMEs: --accept or --reject")
    if accept_all and names:
        raise UsageError("--accept-all takes no NAMEs")
    if accept or accept_all:
        _change_companies(ctx, db, "accept_companies", None if accept_all else names)
    elif reject:
        _change_companies(ctx, db, "remove_companies", names, True)
    else:
        rows = [row for row in _tracker(_group_db(ctx, db)).companies() if row["review"]]
        _emit(Listing(rows, ["name", "events", "first", "last", "aliases"], lambda r, c: r.get(c), title="Companies to review"), fmt, output)


@companies_app.command("remove", epilog=_examples("tracker companies remove 'Paint Stores Group'"))
def companies_remove(
    ctx: typer.Context,
    names: Annotated[list[str], typer.Argument(metavar="NAME...", help="Companies to delete.", autocompletion=_complete_company)],
    db: DbOption = None,
) -> None:
    """Delete companies and their aliases from the registry; refused while an event names one
    (merge it instead) or it is another's parent.
    """
    _change_companies(ctx, db, "remove_companies", names)


@app.command(epilog=_examples("tracker show 3f2a9c01d4", "tracker show 3f2a -f json"))
def show(
    event_id: Annotated[str, typer.Argument(metavar="ID", help="Event id, or its first characters.")],
    fmt: Annotated[Optional[str], typer.Option("--format", "-f", metavar="[text|json|jsonl]", help="Output format (default: text).")] = None,
    db: DbOption = None,
) -> None:
    """One event in full, with its source sentences."""
    from tracker.event_formats import public

    row = public(_tracker(db).event(event_id))
    if fmt in ("json", "jsonl"):
        import orjson

        option = orjson.OPT_INDENT_2 if fmt == "json" else 0
        _echo(orjson.dumps(row, option=option).decode(), data=True)
    elif fmt in (None, "text"):
        _echo(_event_text(row))
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
    if row.get("edited"):
        lines.append(f"edited     {row['edited']}")
    for number, source in enumerate(row.get("sources", []), 1):
        where = source.get("doc") or source.get("url") or "(no document)"
        if source.get("offset") is not None:
            where += f" @ {source['offset']}"
        label = "source" if len(row["sources"]) == 1 else f"source {number}"
        lines.append(f"{label:<10} {where}")
        if source.get("url") and source.get("doc"):
            lines.append(f"           url: {source['url']}")
        if source.get("article"):
            lines.append(f"           article: {source['article']}")
        if source.get("date_text"):
            lines.append(f"           dated by: {source['date_text']!r}")
        if source.get("quote"):
            lines.append(f"           “{' '.join(source['quote'].split())}”")
    return "\n".join(lines)


@app.command(epilog=_examples("tracker info", "tracker info --db ~/work/log -f json"))
def info(
    db: DbOption = None,
    fmt: Annotated[Optional[str], typer.Option("--format", "-f", metavar="[text|json]", help="Output format (default: text).")] = None,
) -> None:
    """Where the event log lives and what it holds."""
    if fmt not in (None, "text", "json"):
        raise UsageError(f"unknown format {fmt!r} for info (one of: text, json)")
    facts = _tracker(db).describe()
    if fmt == "json":
        import orjson

        _echo(orjson.dumps(facts, option=orjson.OPT_INDENT_2).decode(), data=True)
        return
    width = max(len(key) for key in facts)
    note = " (not created yet: reading the event log that ships with tracker)" if facts["shipped"] else ""
    _echo(f"{'database':<{width}} {facts['path']}{note}")
    for key, value in facts.items():
        if key not in ("path", "shipped"):
            _echo(f"{key:<{width}} {value}")


@app.command(
    name="config",
    epilog=_examples(
        "tracker config",
        "mkdir -p ~/.config/tracker && printf 'date_order = \"DMY\"\\nformat = \"table\"\\n' > ~/.config/tracker/config.toml",
    ),
)
def config_(
    db: DbOption = None,
    fmt: Annotated[Optional[str], typer.Option("--format", "-f", metavar="[text|json]", help="Output format (default: text).")] = None,
) -> None:
    """The settings in use and where each comes from: the config file ($TRACKER_CONFIG, else
    $XDG_CONFIG_HOME/tracker/config.toml, else ~/.config/tracker/config.toml), the environment,
    or the defaults. Settings: database, format, date_order (DMY or MDY), pager, color."""
    from tracker.config import config_path, settings
    from tracker.pager import DEFAULT
    from tracker.paths import DB_ENV, database_path

    if fmt not in (None, "text", "json"):
        raise UsageError(f"unknown format {fmt!r} for config (one of: text, json)")
    path = config_path()
    current = settings()
    given = current.values

    def origin(key: str, env: str | None = None, option: bool = False) -> str:
        if option:
            return "--db"
        if env and os.environ.get(env) is not None and not (key == "pager" and "pager" in given):
            return f"${env}"
        return "config file" if key in given else "default"

    pager = given.get("pager", os.environ.get("PAGER", DEFAULT))
    facts = {
        "config": {"value": str(path), "from": "found" if current.found else "not found: defaults in use"},
        "database": {"value": str(database_path(str(db) if db else None)), "from": origin("database", DB_ENV, db is not None and os.environ.get(DB_ENV) != str(db))},
        "format": {"value": current.format or "table on a terminal, tsv in a pipe", "from": origin("format")},
        "date_order": {"value": current.date_order or "none: 01/06/2017 is refused as ambiguous", "from": origin("date_order")},
        "pager": {"value": pager or "none", "from": origin("pager", "PAGER")},
        "color": {"value": current.color, "from": origin("color")},
    }
    if fmt == "json":
        import orjson

        click.echo(orjson.dumps(facts, option=orjson.OPT_INDENT_2).decode())
        return
    width = max(map(len, facts))
    for key, fact in facts.items():
        _echo(f"{key:<{width}}  {fact['value']} ({fact['from']})")


# --- writing commands ---------------------------------------------------------------------


@app.command(
    epilog=_examples(
        "tracker add -c ZTE -c 'China Mobile' -t trial -d '19 May 2017' --title 'ZTE and China Mobile test 5G in Guangzhou'",
        "tracker add -c Huawei -t leadership -d 'Q2 2018' --title 'New rotating chairman' -p 'Eric Xu' --tag 5g",
        "tracker add -c Unicom -c Tencent -t partnership --title 'Unicom and Tencent agreed a deal' -d '19 May 2017' --url https://example.com/news/1",
    )
)
def add(
    company_: Annotated[
        list[str],
        typer.Option("--company", "-c", metavar="NAME", autocompletion=_complete_company, help="Company, main actor first (repeatable)."),
    ],
    type_: Annotated[
        str,
        typer.Option("--type", "-t", metavar="TYPE", autocompletion=_complete_type, help=f"Event type: {', '.join(EVENT_TYPES)}."),
    ],
    title: Annotated[str, typer.Option(metavar="TEXT", help="One line in plain words.")],
    when: Annotated[Optional[str], typer.Option("--date", "-d", help="'19 May 2017', 'June 2017', 'Q2 2017', 'last Friday'.")] = None,
    people: Annotated[Optional[list[str]], typer.Option("--people", "-p", help="A person involved (repeatable).")] = None,
    tag: Annotated[Optional[list[str]], typer.Option("--tag", help="A tag (repeatable).")] = None,
    source_doc: Annotated[Optional[str], typer.Option(help="The document the event comes from.")] = None,
    article: Annotated[Optional[str], typer.Option(help="The article title inside that document.")] = None,
    quote: Annotated[Optional[str], typer.Option(help="The sentence that reports the event.")] = None,
    url: Annotated[Optional[str], typer.Option(help="The web address of the source (http or https).")] = None,
    db: DbOption = None,
) -> None:
    """Record an event by hand. Prints its id."""
    from tracker.desk import NewEvent

    typed = NewEvent(list(company_), type_, title, when, list(people or ()), list(tag or ()),
                     source_doc or "", article or "", quote or "", url or "")
    tracker = _tracker(db)
    stored, is_new, new_companies, notes = tracker.record(typed)
    _report_new_companies([row["name"] for row in new_companies], registry=tracker.registry)
    for note in notes:
        _echo(f"tracker: warning: {note}", err=True)
    try:
        shown = tracker.short_ids([stored.id])[stored.id]
    except (TrackerError, OSError):  # the log cannot be read back now (a full disk): the whole id
        shown = stored.id
    _echo(shown)
    _echo(f"{'added' if is_new else 'already recorded'}: {stored.date.value or 'undated'} {stored.title}", err=True)


@app.command(epilog=_examples("tracker remove 3f2a9c01d4", "tracker remove 3f2a9c01d4 9f8e7d6c5b --yes",
                             "tracker duplicates | cut -f3 | tracker remove - --yes", "tracker remove 3f2a9c01d4 --forget"))
def remove(
    event_ids: Annotated[list[str], typer.Argument(metavar="ID...", help="Event ids or their first characters; - reads ids from standard input, one a line (the first word of each line; a header line is skipped).")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Remove more than one event without asking.")] = False,
    forget: Annotated[bool, typer.Option("--forget", help="Do not remember removed events as rejected: ingesting their text again adds them back.")] = False,
    db: DbOption = None,
) -> None:
    """Delete events from the log (all of them, or none if an id is wrong).

    An event ingest found in news text is remembered as rejected, so that ingesting the text
    again leaves it out ('tracker rejected' lists it, 'tracker rejected --restore ID' brings it
    back; --forget does not remember). More than one event: asks first on a terminal; elsewhere (a script, ids from
    -) --yes is required, as gh does, since nobody is there to answer. 'tracker undo' takes the
    removal back, and the rejection with it.
    """
    from tracker.api import Tracker

    ids = _ids_with_stdin(event_ids)
    tracker: Tracker = _tracker(db)
    if len(set(ids)) > 1 and not yes:
        rows = [tracker.event(typed) for typed in ids]  # wrong ids fail here, before any question
        count = len({row["id"] for row in rows})
        if count > 1:
            _confirm_removal(rows, count)
    removal = tracker.remove_many(ids, forget=forget)
    for row in removal.rows:
        _echo(f"removed {row['id']}: {row['date'] or 'undated'} {row['title']}", err=True)
    if removal.rejected:
        one = len(removal.rejected) == 1
        what = "it" if len(removal.rows) == 1 else "they" if len(removal.rejected) == len(removal.rows) else f"{len(removal.rejected)} of them"
        it = "it" if one else "them"
        _echo(
            f"{what} came from news text: ingesting that text again leaves {it} out ('tracker rejected' lists {it}, "
            f"'tracker rejected --restore ID' or 'tracker undo' brings {it} back; remove --forget would not keep {it} out)",
            err=True,
        )


def _ids_with_stdin(typed: list[str]) -> list[str]:
    """The ids given, with '-' replaced by the first word of each line of standard input (so a
    TSV listing's id column, or 'tracker timeline' cut to its ids, can be piped in)."""
    ids: list[str] = []
    for item in typed:
        if item != "-":
            ids.append(item)
            continue
        for number, line in enumerate(sys.stdin):
            words = line.split()
            if number == 0 and words and not all(c in "0123456789abcdefABCDEF" for c in words[0]):
                continue  # the header line of a TSV listing ("id", "second")
            if words and not words[0].startswith("#"):
                ids.append(words[0])
    if not ids:
        raise UsageError("no event ids given (standard input held none)")
    return ids


def _confirm_removal(rows: list[dict], count: int) -> None:
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        raise UsageError(f"removing {count} events needs --yes when not run on a terminal (nothing was removed)")
    for row in {row["id"]: row for row in rows}.values():
        _echo(f"  {row['id'][:10]}  {row['date'] or 'undated'}  {row['title']}", err=True)
    if not click.confirm(f"Remove these {count} events?", default=False, err=True):
        raise TrackerError("nothing removed")


@app.command(epilog=_examples('tracker remove 1a2b3c4d5e', 'tracker undo'))
def undo(db: DbOption = None) -> None:
    """Undo the last write (add, edit, remove, merge, import, ingest), once.

    Puts back the files that write changed from the backups the log keeps, under the log's lock;
    refuses when there is nothing to undo or when the files changed since.
    """
    undone = _tracker(db).undo()
    _echo(f"undid {undone.label} (written {undone.at}; {undone.files} file(s) put back)", err=True)


@app.command(
    name="import",
    epilog=_examples("tracker export -o backup.jsonl && tracker import backup.jsonl --db new-log",
        "tracker timeline -c zte > zte.tsv && tracker import zte.tsv --db zte-log",
        "tracker import events.csv",
        "tracker export -c ZTE -o zte.jsonl && $EDITOR zte.jsonl && tracker import --replace zte.jsonl"),
)
def import_(
    file: Annotated[str, typer.Argument(metavar="FILE|-", help="CSV, TSV, JSON Lines or JSON as tracker writes them; - reads standard input.")],
    fmt: Annotated[
        Optional[str],
        typer.Option("--format", "-f", metavar="[csv|tsv|jsonl|json]", help="Input format (default: from the name or content)."),
    ] = None,
    replace: Annotated[bool, typer.Option("--replace", help="A record whose id is an event of the log replaces that event (id kept) instead of being added beside it.")] = False,
    db: DbOption = None,
) -> None:
    """Add events from a file tracker wrote (export, or timeline's TSV) or a spreadsheet's CSV: all
    of them, or none if any is bad.

    Without --replace an id in the file is not trusted: each record's id comes from its content,
    so an edited record is a new event. With --replace (as sqlite-utils insert --replace), a
    record whose id is in the log updates that event.
    """
    from tracker.textio import open_input

    tracker = _tracker(db)
    name = "standard input" if file == "-" else file
    with open_input(file) as stream, _progress("importing") as progress:
        result = tracker.import_events(stream, name, fmt, progress, replace_known=replace)
    _report_new_companies(result.new_companies, registry=tracker.registry)
    for note in result.notes:
        _echo(f"tracker: warning: {note}", err=True)
    noun = "event" if result.read == 1 else "events"
    replaced = f", {result.replaced} replaced" if replace else ""
    _echo(f"imported {result.read} {noun} from {name}: {result.added} new{replaced}, {result.known} already known", err=True)


def _report_new_companies(names: list[str], shown: int = 10, would: bool = False, registry=None) -> None:
    if not names:
        return
    listed = ", ".join(repr(n) for n in names[:shown]) + (f" and {len(names) - shown} more" if len(names) > shown else "")
    noun = "company" if len(names) == 1 else "companies"
    joined = "would join the registry (dry run: nothing written)" if would else "joined the registry, marked for review"
    _echo(f"{len(names)} new {noun} {joined}: {listed}", err=True)
    if registry is not None and not would:
        _hint_look_alikes(names, registry)


def _hint_look_alikes(names: list[str], registry, shown: int = 5) -> None:
    """A new name that looks like a known company ("Unicon", "Acacia") is most often a typo or
    a short form of it: say so, with the command that makes them one."""
    hints, said = 0, set()
    forms = registry.forms_by_head()
    for name in names[:20]:  # an ingest of a folder may meet thousands: the first few make the point
        alike = [other for other in registry.look_alikes(name, forms=forms) if (other, name) not in said]  # a pair once
        said.update((name, other) for other in alike)
        if alike and hints < shown:
            hints += 1
            _echo(f"  {name!r} may be {' or '.join(alike)}: if so, tracker companies merge {name!r} {alike[0]!r}", err=True)


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


@app.command(
    epilog=_examples(
        "tracker ingest news/ --published 2019-03-04 --dry-run --explain",
        "curl -s https://example.com/story.html | tracker ingest -",
        "tracker ingest article.html --review",
    )
)
def ingest(
    paths: Annotated[list[str], typer.Argument(metavar="PATH...", help="News files (text or HTML pages), folders of them, or - for standard input.")],
    published: Annotated[Optional[str], typer.Option(metavar="DATE", help="Publication date of the text, when the text does not say.")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would be added; write nothing.")] = False,
    explain: Annotated[bool, typer.Option("--explain", help="Show what decided each event's company, type and date, the kinds of sentence that weighed for or against an event (event cues: plan.own, view.analyst, ...), and the rule that made a sentence's further fact or took its type from the article's earlier event (JSON formats: an 'explain' object).")] = False,
    review: Annotated[bool, typer.Option("--review", help="On a terminal, keep, reject or edit each event found before it is added (as git add -p); rejected events stay out of later ingests.")] = False,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, metavar="N", help="Read the files in N processes (default: one per core; 1: in this process). Any N gives the same result.")] = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    db: DbOption = None,
) -> None:
    """Find the dated company events in news articles and add them to the log.

    Prints the ids of the events added, one a line; with -f or -o, the events added in that
    format (with --dry-run, the events found). An input that cannot be read (missing, not text)
    is skipped with a warning and the rest ingested, then the exit status is 1. --explain shows
    what decided each event's company, type and date.

    --review walks the events found one at a time: y keep, n reject (remembered: 'tracker
    rejected' lists them), e edit type/date/title, E edit as JSON in $EDITOR, a keep the rest,
    q quit, ? help. Without a terminal: --dry-run -f jsonl -o found.jsonl, edit the file, then
    tracker import found.jsonl.

    """
    from tracker.api import read_when
    from tracker.extraction import default_jobs

    anchor = read_when(published).start if published else None
    tracker = _tracker(db)
    decide = _review_session(paths, dry_run, tracker.registry) if review else None
    with _progress("reading") as progress:  # a review asks on the terminal: no bar under its questions
        result = tracker.ingest(paths, anchor, dry_run, None if review else progress, explain=explain, decide=decide,
                                jobs=jobs or default_jobs())
    if result.skipped:
        _echo(f"skipped {result.skipped} event(s) rejected or removed before (see 'tracker rejected')", err=True)
    for problem in result.unreadable:  # as cat and grep do: one line per input, the rest still read
        _echo(f"tracker: error: {problem}", err=True)
    for warning in result.warnings:
        _echo(f"tracker: warning: {warning}", err=True)
    _report_new_companies(result.new_companies, would=dry_run, registry=tracker.registry)
    if explain and fmt in (None, "table", "tsv") and output is None:
        from tracker.explain import explanation

        _echo("\n\n".join(explanation(row) for row in result.rows(only_added=not dry_run)))
    elif dry_run:
        _emit(_events_listing(result.rows(), "Ingest (dry run)"), fmt, output)
    elif fmt or output or explain:
        _emit(_events_listing(result.rows(only_added=True), "Ingest: added"), fmt, output)
    elif result.added_ids:
        short = tracker.short_ids(result.added_ids)
        _echo("\n".join(short[i] for i in result.added_ids))
    done = "would add" if dry_run else "added"
    new = len(result.events) - result.known if dry_run else result.added
    if result.files or not result.unreadable:
        _echo(
            f"read {result.files} file(s), {result.articles} article(s): {len(result.events)} events found, "
            f"{new} {done}, " + (f"{len(result.rejected)} rejected, " if review else "") + f"{result.known} already known",
            err=True,
        )
    if result.unreadable:
        raise typer.Exit(ExitCode.FAILURE)


def _review_session(paths: list[str], dry_run: bool, registry):
    """The ``decide`` of an ingest that asks the user on the terminal about each event found."""
    from tracker.api import read_when
    from tracker.review import Session, summary

    if dry_run:
        raise UsageError("--review and --dry-run: choose one (a dry run writes nothing to review)")
    if "-" in paths:
        raise UsageError("--review reads your answers from the terminal: give the news as files, not '-'")
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError(
            "--review needs a terminal; in a script: tracker ingest PATH --dry-run -f jsonl -o found.jsonl, "
            "edit found.jsonl, then tracker import found.jsonl"
        )

    def ask(prompt: str) -> str | None:
        click.echo(prompt, nl=False)
        line = sys.stdin.readline()
        return line.rstrip("\n") if line else None

    def edit_text(text: str) -> str | None:
        return click.edit(text, extension=".json", require_save=True)

    session = Session(ask, _echo, edit_text, _event_type, read_when, known=lambda name: registry.canonical(name) is not None)

    def decide(events):
        if not events:
            return [], []
        outcome = session.run(events)
        _echo(summary(outcome), err=True)
        return outcome.kept, outcome.rejected

    return decide


@app.command(epilog=_examples('tracker reject 1d10f11eae 9528a4493b'))
def reject(
    event_ids: Annotated[list[str], typer.Argument(metavar="ID...", help="Event ids, or their first characters.")],
    db: DbOption = None,
) -> None:
    """Remove events from the log and remember them as rejected, so that ingesting their text
    again does not bring them back ('tracker rejected --restore ID' undoes it). 'tracker remove'
    does the same for events found in news text; reject remembers any event.
    """
    for row in _tracker(db).reject(event_ids):
        _echo(f"rejected {row['id']}: {row['date'] or 'undated'} {row['title']}", err=True)


@app.command(epilog=_examples('tracker rejected', 'tracker rejected --restore 1d10f11eae'))
def rejected(
    restore: Annotated[Optional[str], typer.Option("--restore", metavar="ID", help="Add this rejected event to the log after all.")] = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    db: DbOption = None,
) -> None:
    """Events rejected in 'tracker ingest --review', by 'tracker reject', or removed after an
    ingest found them: later ingests leave them out. --restore ID adds one to the log after all.
    """
    tracker = _tracker(db)
    if restore is not None:
        event = tracker.restore_rejected(restore)
        _echo(tracker.short_ids([event.id])[event.id])
        _echo(f"restored: {event.date.value or 'undated'} {event.title}", err=True)
        return
    rows = tracker.rejected()
    columns = ["id", "date", "companies", "type", "title", "rejected_at"]
    _emit(Listing(rows, columns, lambda r, c: r.get(c), title="Rejected events"), fmt, output)


@app.command(epilog=_examples("tracker check", "tracker check --restore"))
def check(
    restore: Annotated[bool, typer.Option("--restore", help="Bring back damaged files from their backups.")] = False,
    db: DbOption = None,
) -> None:
    """Check that the event log is whole; with --restore, repair it from backups."""
    tracker = _tracker(db)
    if restore:
        restored = tracker.restore()
        for line in restored:
            _echo(f"restored {line}", err=True)
        for line in getattr(restored, "refused", ()):
            _echo(f"not restored: {line}", err=True)
        _echo("nothing restored" if not restored else f"restored {len(restored)} file(s)", err=True)
        lost = getattr(restored, "lost", ())
        if lost:  # never silently: the ids are in the lines above, the exit code says it too
            raise TrackerError(
                f"the restore dropped {len(lost)} event(s) that no backup or other copy holds: {', '.join(lost[:10])}"
                + (" ..." if len(lost) > 10 else "")
            )
    problems = tracker.check()
    for line in problems:
        _echo(line)
    if problems:
        raise TrackerError(f"{len(problems)} problem(s) in {tracker.path}; 'tracker check --restore' repairs from backups")
    _echo(f"ok: {tracker.path}", err=True)


# --- the analyst's desk: edit, merge, duplicates, init ---------------------------------------


@app.command(epilog=_examples('tracker edit 1a2b3c4d5e --type trial --date "June 2017" --add-company Huawei'))
def edit(
    event_id: Annotated[str, typer.Argument(metavar="ID", help="Event id, or its first characters.")],
    when: Annotated[Optional[str], typer.Option("--date", "-d", help="New date: '19 May 2017', 'Q2 2017'; '' makes it undated.")] = None,
    type_: Annotated[Optional[str], typer.Option("--type", "-t", help="New event type.")] = None,
    title: Annotated[Optional[str], typer.Option(help="New title.")] = None,
    company_: Annotated[Optional[list[str]], typer.Option("--company", "-c", help="Replace the companies (repeatable, main actor first).")] = None,
    add_company: Annotated[Optional[list[str]], typer.Option("--add-company", help="Add a company (repeatable).")] = None,
    remove_company: Annotated[Optional[list[str]], typer.Option("--remove-company", help="Remove a company (repeatable).")] = None,
    people: Annotated[Optional[list[str]], typer.Option("--people", "-p", help="Replace the people (repeatable; '' clears).")] = None,
    tag: Annotated[Optional[list[str]], typer.Option("--tag", help="Replace the tags (repeatable; '' clears).")] = None,
    url: Annotated[Optional[str], typer.Option(help="The first source's web address ('' clears it).")] = None,
    db: DbOption = None,
) -> None:
    """Correct an event in place: its id, recorded time and sources stay. Prints its id.

    With no option, opens the event as JSON in $VISUAL or $EDITOR (else vi) and applies what you
    save; a bad edit changes nothing (the text you wrote is kept in a file named in the error).
    'tracker show ID' then shows when it was edited; 'tracker undo' takes the edit back.
    """
    from tracker.desk import Changes

    tracker = _tracker(db)
    changes = Changes(
        when=when,
        type=type_,
        title=title,
        companies=list(company_) if company_ else None,
        add_companies=list(add_company or ()),
        remove_companies=list(remove_company or ()),
        people=list(people) if people is not None else None,
        tags=list(tag) if tag is not None else None,
        url=url,
    )
    edited = _edit_in_editor(tracker, event_id) if changes.empty() else tracker.edit(event_id, changes)
    stored, changed = edited.event, edited.changed
    _report_new_companies(list(edited.new_companies), registry=tracker.registry)
    _echo(tracker.short_ids([stored.id])[stored.id])
    _echo(f"{'edited' if changed else 'no change'}: {stored.date.value or 'undated'} {stored.title}", err=True)


def _edit_in_editor(tracker, event_id: str):
    """Open the event as JSON in the user's editor and apply what comes back (as git commit and
    gh issue edit do): an unchanged file changes nothing; bad JSON or a bad event is one error
    line, the log is left as it was and the edited text kept for another try."""
    import json
    import shlex
    import subprocess
    import tempfile

    from tracker.event_formats import public

    row = public(tracker.event(event_id))
    before = json.dumps(row, indent=2, ensure_ascii=False) + "\n"
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    handle, name = tempfile.mkstemp(prefix=f"tracker-{row['id'][:10]}-", suffix=".json")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(before)
    keep = False
    try:
        try:
            status = subprocess.run([*shlex.split(editor), name]).returncode
        except (OSError, ValueError) as exc:
            raise TrackerError(f"cannot run the editor {editor!r} ($VISUAL/$EDITOR): {exc}; nothing changed") from None
        if status != 0:
            raise TrackerError(f"the editor {editor!r} exited with status {status}; nothing changed")
        after = Path(name).read_text(encoding="utf-8")
        if after == before:
            from tracker.api import Edited

            return Edited(tracker.stored_event(row["id"]), False)
        try:
            raw = json.loads(after)
        except json.JSONDecodeError as exc:
            keep = True
            raise UsageError(f"the edited event is not JSON ({exc.msg} at line {exc.lineno}); nothing changed; your text is kept in {name}") from None
        try:
            return tracker.edit_json(row["id"], raw)
        except UsageError as exc:
            keep = True
            raise UsageError(f"{exc}; your text is kept in {name}") from None
    finally:
        if not keep:
            os.unlink(name)


@app.command(epilog=_examples('tracker duplicates', 'tracker merge 1a2b3c4d5e 9f8e7d6c5b'))
def merge(
    keep: Annotated[str, typer.Argument(metavar="ID", help="The event to keep (id or prefix).")],
    drop: Annotated[str, typer.Argument(metavar="OTHER", help="Another record of the same event, removed.")],
    db: DbOption = None,
) -> None:
    """Join two records of one event: the first keeps its id and fields and gains the other's
    sources, people and tags; the other is removed. Prints the id kept.
    """
    tracker = _tracker(db)
    joined, dropped = tracker.merge(keep, drop)
    _echo(tracker.short_ids([joined.id])[joined.id])
    _echo(f"merged {dropped['id']} into {joined.id}: {joined.date.value or 'undated'} {joined.title} ({len(joined.sources)} source(s))", err=True)


@app.command(epilog=_examples('tracker duplicates -f tsv | cut -f2,3'))
def duplicates(
    similarity: Annotated[Optional[float], typer.Option(min=0.0, max=1.0, help="How alike titles must be, 0 to 1 (default 0.6).")] = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    db: DbOption = None,
) -> None:
    """Pairs of events that are likely one event told twice: the same companies, the same or
    overlapping dates, similar titles. Most alike first; 'tracker merge FIRST SECOND' joins a pair.
    """
    rows = _tracker(db).duplicates(similarity)
    columns = ["similarity", "first", "second", "companies", "first_date", "second_date", "first_title", "second_title"]
    _emit(Listing(rows, columns, lambda r, c: r.get(c), title="Likely duplicates"), fmt, output)


@app.command(epilog=_examples('tracker init --empty --db ~/retail-log'))
def init(
    empty: Annotated[bool, typer.Option("--empty", help="Start with no events and no companies.")] = False,
    sample: Annotated[bool, typer.Option("--sample", help="Start from the sample log that ships with tracker (the default).")] = False,
    db: DbOption = None,
) -> None:
    """Create your event log: from the shipped sample (the default) or empty.

    Without init, commands read the shipped sample and the first write copies it; init --empty
    starts a log of your own companies instead. An existing log is never touched.
    """
    if empty and sample:
        raise UsageError("--empty and --sample exclude each other")
    facts = _tracker(db).init(sample=not empty)
    _echo(f"created {facts['path']}: {facts['events']} events, {facts['companies']} companies", err=True)


# --- dates ----------------------------------------------------------------------------------


@app.command(epilog=_examples("tracker dates story.txt --published 2017-06-19", "echo 'last Friday' | tracker dates -"))
def dates(
    file: Annotated[str, typer.Argument(metavar="FILE|-", help="Text to read.")],
    published: Annotated[Optional[str], typer.Option(metavar="DATE", help="Publication date that relative dates count from.")] = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """Every temporal expression in a text, normalised to TIMEX3 values."""
    from tracker.api import temporal_expressions

    rows = temporal_expressions(file, published)
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
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            pass  # a reader gone, a full device: the error, if any, was said already
    os._exit(code)


if __name__ == "__main__":
    main()
