"""Output formats: one code path writes any listing as table, CSV, TSV, Markdown, JSON or JSON Lines.

A ``Listing`` is full records (what JSON and JSON Lines write) plus the columns a flat format
shows. Event listings add a Markdown timeline document and the CSV columns that ``tracker
import`` reads back, so export then import is lossless.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from itertools import islice
from pathlib import PurePath
from dataclasses import dataclass, replace
from typing import TextIO

import orjson

FORMATS = ("table", "csv", "tsv", "markdown", "json", "jsonl", "html", "timelinejs")
# Formats that only some listings can write (event listings: tracker.event_formats): each such
# listing names its writer in ``Listing.documents``.
DOCUMENT_FORMATS = ("html", "timelinejs")
FORMAT_BY_SUFFIX = {
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".md": "markdown",
    ".markdown": "markdown",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".txt": "table",
}

LIST_SEPARATOR = "; "
# What a spreadsheet reads as the start of a formula; Excel also takes the fullwidth forms.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


@dataclass
class Listing:
    records: list[dict]
    columns: list[str]  # what table and TSV show
    cell: Callable[[dict, str], object]
    csv_columns: list[str] | None = None  # what CSV writes, when more than the table shows
    markdown: Callable[["Listing"], str] | None = None  # a document instead of a plain table
    title: str = ""
    filters: str = ""  # the filters that made the listing, in words (a report's header says them)
    # What JSON writes of a record (default: all of it), and the plain-text cells of ``columns``
    # in one call: a million-row TSV spends its time here, not in per-cell lookups.
    public: Callable[[dict], dict] | None = None
    text_cells: Callable[[dict], list[str]] | None = None
    # What TSV writes when more than the table shows (event listings lead with the sortable
    # start and end days of each date), and those cells as text in one call.
    tsv_columns: list[str] | None = None
    tsv_cells: Callable[[dict], list[str]] | None = None
    # The TSV lines of a list of records in one call, or None when one of them needs the per-row
    # path (``tsv_cells`` through ``_tsv_line``); a million-row timeline spends its time here.
    tsv_block: Callable[[list[dict]], str | None] | None = None
    # One record's TSV cells joined by tabs as they are (``tsv_lines_checked`` checks the text).
    tsv_line: Callable[[dict], str] | None = None
    # Writers of the DOCUMENT_FORMATS this listing supports (format -> write(listing, out)), and
    # which event log the listing was read from, in words (the HTML page's header says it).
    documents: dict[str, Callable[["Listing", TextIO], None]] | None = None
    log: str = ""

    def can_write(self, fmt: str) -> bool:
        return fmt in FORMATS and (fmt not in DOCUMENT_FORMATS or fmt in (self.documents or {}))
    # The ``csv_columns`` of a record as CSV writes them (formulas neutralised; None for an empty
    # cell) in one call, instead of one ``cell`` call per column.
    csv_cells: Callable[[dict], list] | None = None
    # The body of a TSV, CSV or JSON Lines rendering (``render_body``) already made elsewhere, in
    # pieces to write in order (``tracker.parallel_read``); ``records`` is then not read.
    pieces: Iterable[str] | None = None

    def json_records(self):
        return self.records if self.public is None else map(self.public, self.records)

    def row_texts(self):
        if self.text_cells is not None:
            return map(self.text_cells, self.records)
        return ([plain(self.cell(r, c)) for c in self.columns] for r in self.records)

    def tsv_texts(self):
        if self.tsv_columns is None:
            return self.row_texts()
        if self.tsv_cells is not None:
            return map(self.tsv_cells, self.records)
        return ([plain(self.cell(r, c)) for c in self.tsv_columns] for r in self.records)


def checked_names(text: str, valid, kind: str, empty: str, valid_words: str) -> list[str]:
    """A comma list of names from a fixed set (--columns, --by), in any case: an unknown name, or
    none, is a ValueError naming the valid ones ("unknown {kind}(s) ... ({valid_words}: ...)")."""
    wanted = [part.strip().lower() for part in text.split(",") if part.strip()]
    unknown = [name for name in wanted if name not in valid]
    if unknown or not wanted:
        what = f"unknown {kind}(s) {', '.join(map(repr, unknown))}" if unknown else empty
        raise ValueError(f"{what} ({valid_words}: {', '.join(valid)})")
    return wanted


def plain(value) -> str:
    """A cell as text: lists joined with '; ', nothing for None."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(plain(v) for v in value)
    return str(value)


def neutralise_formula(text: str) -> str:
    """A cell a spreadsheet would run as a formula gets an apostrophe in front (OWASP's advice).

    A cell that already starts with an apostrophe before such a character gets one more, so
    ``restore_formula`` can undo exactly what was added and CSV export then import is lossless.
    """
    if text.startswith(FORMULA_START) or (text[:1] == "'" and text.lstrip("'").startswith(FORMULA_START)):
        return "'" + text
    return text


def restore_formula(text: str) -> str:
    if text[:1] == "'" and text.lstrip("'").startswith(FORMULA_START):
        return text[1:]
    return text


_ONE_LINE = str.maketrans("\t\n\r", "   ")
CHUNK = 4096


def one_line(text: str) -> str:
    """A cell fit for a tab-separated line: tabs and line breaks become spaces."""
    return text.translate(_ONE_LINE)


PIECE_FORMATS = ("tsv", "csv", "jsonl")  # a header, then rows that need nothing of each other


def render(listing: Listing, fmt: str, out: TextIO, *, color: bool = False, width: int | None = None) -> None:
    if fmt in DOCUMENT_FORMATS:
        if not listing.can_write(fmt):
            raise ValueError(f"this listing cannot be written as {fmt} (event listings only)")
        listing.documents[fmt](listing, out)
    elif fmt in PIECE_FORMATS:
        out.write(_head(listing, fmt))
        if listing.pieces is None:
            _write_body(listing, fmt, out)
        else:
            for piece in listing.pieces:
                out.write(piece)
    elif fmt == "json":
        _write_json_array(out, listing.json_records())
    elif fmt == "markdown":
        out.write(listing.markdown(listing) if listing.markdown else markdown_table(listing))
    else:
        out.write(_table(listing, color=color, width=width))


def _write_json_array(out: TextIO, records) -> None:
    """What ``orjson.dumps(list(records), option=OPT_INDENT_2)`` writes, one record at a time (a
    million records are never all in memory). JSON strings hold no raw line break, so indenting
    every line of a record's text by two spaces is exact."""
    texts = ("  " + orjson.dumps(r, option=orjson.OPT_INDENT_2).decode().replace("\n", "\n  ") for r in records)
    first = next(texts, None)
    if first is None:
        out.write("[]\n")
        return
    out.write("[\n" + first)
    chunk: list[str] = []
    for text in texts:
        chunk.append(text)
        if len(chunk) == CHUNK:
            out.write(",\n" + ",\n".join(chunk))
            chunk.clear()
    if chunk:
        out.write(",\n" + ",\n".join(chunk))
    out.write("\n]\n")


def render_body(listing: Listing, fmt: str) -> str:
    """The rows of a TSV, CSV or JSON Lines rendering of ``listing.records``, without the header."""
    out = io.StringIO()
    _write_body(listing, fmt, out)
    return out.getvalue()


def item_function(listing: Listing, fmt: str) -> Callable[[dict], object] | None:
    """What ``join_items`` makes ``fmt``'s body of, for one record of ``listing``: a TSV line (its
    cells joined as they are: ``join_items`` checks them), a JSON Lines record as bytes, CSV
    cells; None when the listing has no such function for the format."""
    if fmt == "tsv":
        return listing.tsv_line
    if fmt == "jsonl":
        public = listing.public
        return orjson.dumps if public is None else (lambda record: orjson.dumps(public(record)))
    if fmt == "csv":
        return listing.csv_cells
    return None


def join_items(listing: Listing, items: list, fmt: str) -> str | None:
    """The body ``render_body`` writes for the records that ``item_function``'s items stand for,
    in the items' order (``items`` is used up); None when a TSV cell needs what only the per-row
    path does (a formula start to neutralise, a tab or line break to replace): then render those
    records with it."""
    if fmt == "csv":
        out = io.StringIO()
        csv.writer(out, lineterminator="\r\n").writerows(items)
        return out.getvalue()
    if not items:
        return ""
    if fmt == "jsonl":
        items.append(b"")  # the last line's end, without copying the joined text once more
        return b"\n".join(items).decode()
    return tsv_lines_checked(items, len(listing.tsv_columns or listing.columns) - 1) if fmt == "tsv" else None


def _head(listing: Listing, fmt: str) -> str:
    if fmt == "tsv":
        return "\t".join(listing.tsv_columns or listing.columns) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        csv.writer(out, lineterminator="\r\n").writerow(listing.csv_columns or listing.columns)  # RFC 4180 line ends
        return out.getvalue()
    return ""


def _write_body(listing: Listing, fmt: str, out: TextIO) -> None:
    if fmt == "jsonl":
        _write_lines(out, (orjson.dumps(record).decode() for record in listing.json_records()))
    elif fmt == "csv":
        _write_csv_rows(listing, out)
    else:
        _write_tsv_lines(listing, out)


def _write_csv_rows(listing: Listing, out: TextIO) -> None:
    columns = listing.csv_columns or listing.columns
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180 line ends
    if listing.csv_cells is not None:
        writer.writerows(map(listing.csv_cells, listing.records))
        return
    for record in listing.records:
        writer.writerow([neutralise_formula(plain(listing.cell(record, c))) for c in columns])


def _write_tsv_lines(listing: Listing, out: TextIO) -> None:
    tabs = len(listing.tsv_columns or listing.columns) - 1
    if listing.tsv_block is None:
        _write_lines(out, (_tsv_line(cells, tabs) for cells in listing.tsv_texts()))
        return
    records = iter(listing.records)
    while chunk := list(islice(records, CHUNK)):
        text = listing.tsv_block(chunk)
        if text is None:  # a cell to neutralise or to put on one line somewhere in the chunk
            rows = replace(listing, records=chunk).tsv_texts()
            text = "".join(_tsv_line(cells, tabs) + "\n" for cells in rows)
        out.write(text)


def _tsv_line(cells: list[str], tabs: int) -> str:
    if any(c.startswith(FORMULA_START) or c[:1] == "'" for c in cells):
        cells = [neutralise_formula(c) for c in cells]  # as CSV cells are
    joined = "\t".join(cells)
    # Cheap test first: only a row with a tab or line break inside a cell is rebuilt.
    if joined.count("\t") != tabs or "\n" in joined or "\r" in joined:
        return "\t".join([one_line(c) for c in cells])
    return joined


# Where a TSV cell starts that ``_tsv_line`` would change: a formula start (export.FORMULA_START)
# or an apostrophe at the start of the text, of a line or after a tab. A tab, line break or
# carriage return inside a cell is found by counting (``tsv_lines_checked``).
_RISKY_START = "".join(c for c in FORMULA_START if c not in "\t\r") + "'"
# One pattern per separator: a literal first character lets the search skip ahead (ten times
# faster than "(^|[\t\n])[...]" on a large text).
_RISKY_AFTER_TAB = re.compile("\t[" + re.escape(_RISKY_START) + "]")
_RISKY_AFTER_NEWLINE = re.compile("\n[" + re.escape(_RISKY_START) + "]")


def tsv_lines_checked(lines: list[str], tabs: int) -> str | None:
    """``lines`` (TSV rows of ``tabs + 1`` cells joined by tabs) as one text, or None when a cell
    holds a tab or line break or needs neutralising: then the rows take the per-row path."""
    text = "\n".join(lines) + "\n"
    if text.count("\t") != tabs * len(lines) or text.count("\n") != len(lines) or "\r" in text:
        return None
    if text.startswith(tuple(_RISKY_START)) or _RISKY_AFTER_TAB.search(text) or _RISKY_AFTER_NEWLINE.search(text):
        return None
    return text


def _write_lines(out: TextIO, lines) -> None:
    """Write in chunks: one write call per line costs more than the formatting on large listings."""
    chunk: list[str] = []
    for line in lines:
        chunk.append(line)
        if len(chunk) == CHUNK:
            out.write("\n".join(chunk) + "\n")
            chunk.clear()
    if chunk:
        out.write("\n".join(chunk) + "\n")


def markdown_cell(value) -> str:
    text = plain(value).replace("\\", "\\\\").replace("|", "\\|")
    # Markdown passes raw HTML through: <img onerror=...> in a company name must stay text.
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"\r\n|\r|\n", "<br>", text)


def markdown_table(listing: Listing) -> str:
    lines = []
    if listing.title:
        lines += [f"# {markdown_cell(listing.title)}", ""]
    lines.append("| " + " | ".join(listing.columns) + " |")
    lines.append("|" + "|".join("---" for _ in listing.columns) + "|")
    for record in listing.records:
        lines.append("| " + " | ".join(markdown_cell(listing.cell(record, c)) for c in listing.columns) + " |")
    return "\n".join(lines) + "\n"


def _table(listing: Listing, *, color: bool, width: int | None) -> str:
    if not listing.records:
        return ""
    from tracker.textwidth import render_table

    from tracker.termsafe import terminal_text

    rows = [[terminal_text(one_line(c)) for c in cells] for cells in listing.row_texts()]
    return render_table(listing.columns, rows, width, bold=color)


def format_for(fmt: str | None, output: str | None, stdout_is_terminal: bool, file_default: str = "tsv") -> str:
    """The format asked for; else the one an output file's suffix names; else table on a terminal, TSV in a pipe.

    A file without a suffix gets the command's default for files (``file_default``: JSON Lines
    for export, so ``export -o backup`` then ``import backup`` works). A suffix that names no
    format is an error rather than a silent TSV in a file called ``x.xlsx``.
    """
    if fmt:
        return fmt
    if output and output != "-":
        suffix = PurePath(output).suffix.lower()
        if not suffix:
            return file_default
        if suffix in FORMAT_BY_SUFFIX:
            return FORMAT_BY_SUFFIX[suffix]
        from tracker.errors import UsageError

        known = ", ".join(FORMAT_BY_SUFFIX)
        raise UsageError(f"cannot tell the format of {output!r} from its suffix (known: {known}); say it with -f FORMAT")
    return "table" if stdout_is_terminal else "tsv"
