"""Events in the output formats and back: the listing columns, the flat CSV form that
``tracker import`` reads, and the Markdown timeline document."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import date

import orjson

from tracker.export import (
    FORMULA_START, LIST_SEPARATOR, Listing, checked_names, neutralise_formula, plain, restore_formula, tsv_lines_checked,
)
from tracker.temporal.partial import PartialDate

LISTING_COLUMNS = ["date", "companies", "type", "title", "id"]
# TSV and CSV lead with (TSV) or carry (CSV) the first and last day of each date's range:
# ISO days sort as text, where "2017-Q1" sorts after "2017-12" (`tracker timeline | sort`).
TSV_COLUMNS = ["start", "end", *LISTING_COLUMNS]
CSV_COLUMNS = [
    "id", "date", "start", "end", "precision", "companies", "people", "type", "title", "tags", "recorded", "edited",
    "source_doc", "source_article", "source_quote", "source_offset", "source_date_text", "source_url",
    "more_sources",
]  # fmt: skip
_LIST_FIELDS = ("companies", "people", "tags")
_STORE_ONLY = ("start", "end")
IMPORT_FORMATS = ("csv", "tsv", "json", "jsonl")


class ImportFormatError(ValueError):
    """Input that is not events as tracker writes them; the message names the row."""


def public(row: dict) -> dict:
    """A stored row as users see it: the model's fields, without the store's day-range helpers."""
    out = dict(row)  # a copy and two deletions: half the time of a filtering comprehension
    for name in _STORE_ONLY:
        out.pop(name, None)
    return out


def list_cell(values) -> str:
    """A list field as one CSV cell: joined with '; ', or, when an item holds ';' or could be
    read as such a list (starts with '['), a JSON array, so 'Smith; Jones LLC' stays one name."""
    values = list(values or ())
    if any(";" in v or v.startswith("[") or not v.strip() for v in values):
        return orjson.dumps(values).decode()
    return LIST_SEPARATOR.join(values)


def list_from_cell(text: str) -> list[str]:
    """``list_cell`` read back (a cell from before JSON arrays is split on ';' as it was)."""
    if text.startswith("["):
        try:
            values = orjson.loads(text)
        except orjson.JSONDecodeError:
            values = None
        if isinstance(values, list) and all(isinstance(v, str) for v in values):
            return values
    return [p for p in text.split(LIST_SEPARATOR) if p]


def event_cell(row: dict, column: str):
    if column in _LIST_FIELDS:
        return list_cell(row.get(column))
    if column.startswith("source_") or column == "more_sources":
        sources = row.get("sources") or []
        if column == "more_sources":
            return orjson.dumps(sources[1:]).decode() if len(sources) > 1 else ""
        first = sources[0] if sources else {}
        return first.get(column.removeprefix("source_"))
    return row.get(column)


_NO_SOURCE: dict = {}
# A line start that neutralise_formula may act on, in the cells of a row joined by line breaks.
# a cell that neutralise_formula would change (export.FORMULA_START, or an apostrophe before one)
_RISKY_CELL = re.compile("\n[" + re.escape("".join(FORMULA_START)) + "']")


def csv_cells(row: dict) -> list:
    """The CSV_COLUMNS of a row as ``_write_csv`` writes them, in one call: the same cells as
    ``neutralise_formula(plain(event_cell(row, column)))`` for each column (a million-row export
    spent most of its time in per-cell calls). The fast path takes rows of the usual shape whose
    cells need no neutralising; any other row goes the per-cell way."""
    try:
        companies, people, tags, sources = row["companies"], row["people"], row["tags"], row["sources"]
        if type(companies) is not list or type(people) is not list or type(tags) is not list or type(sources) is not list:
            return _csv_cells_slow(row)
        first = sources[0] if sources else _NO_SOURCE
        offset = first.get("offset")
        if offset is None:
            offset = ""
        elif type(offset) is int and offset >= 0:
            offset = str(offset)
        cells = [
            "", row["id"], _text(row["date"]), _text(row["start"]), _text(row["end"]), row["precision"],
            list_cell(companies), list_cell(people), row["type"], row["title"],
            list_cell(tags), row["recorded"], _text(row.get("edited")), _text(first.get("doc")), _text(first.get("article")),
            _text(first.get("quote")), offset, _text(first.get("date_text")), _text(first.get("url")),
            orjson.dumps(sources[1:]).decode() if len(sources) > 1 else "",
        ]  # fmt: skip
        probe = "\n".join(cells)  # a cell that is not text (or None) raises TypeError
    except (KeyError, TypeError, AttributeError):
        return _csv_cells_slow(row)
    if _RISKY_CELL.search(probe):
        return _csv_cells_slow(row)
    del cells[0]
    return cells


def _text(value):
    return "" if value is None else value


def _csv_cells_slow(row: dict) -> list[str]:
    return [neutralise_formula(plain(event_cell(row, column))) for column in CSV_COLUMNS]


def listing_texts(row: dict, shown_id: str | None = None) -> list[str]:
    """The LISTING_COLUMNS of a row as text (the id as given, else whole)."""
    return [row["date"] or "", LIST_SEPARATOR.join(row["companies"]), row["type"], row["title"], shown_id or row["id"]]


def tsv_texts(row: dict) -> list[str]:
    """The TSV_COLUMNS of a row as text (whole ids: TSV is for programs); ``listing_texts``
    written out, as this runs once per row of a whole-log listing."""
    return [
        row.get("start") or "", row.get("end") or "", row["date"] or "", LIST_SEPARATOR.join(row["companies"]),
        row["type"], row["title"], row["id"],
    ]  # fmt: skip


def tsv_line(row: dict) -> str:
    """The cells of ``tsv_texts`` joined by tabs as they are (``export.tsv_lines_checked`` tells
    whether the lines are what the per-row path writes)."""
    return "\t".join((
        row.get("start") or "", row.get("end") or "", row["date"] or "", LIST_SEPARATOR.join(row["companies"]),
        row["type"], row["title"], row["id"],
    ))  # fmt: skip


def tsv_block(rows: list[dict]) -> str | None:
    """The TSV lines of ``tsv_texts`` for many rows in one call (the checks on the whole text:
    ``export.tsv_lines_checked``), or None when a row needs the per-row path."""
    try:
        lines = list(map(tsv_line, rows))
    except (KeyError, TypeError, AttributeError):  # not a row of the usual shape: the per-row path says what
        return None
    return tsv_lines_checked(lines, len(TSV_COLUMNS) - 1)


def short_ids(rows: list[dict], size: int = 10) -> dict[str, str]:
    """The ids a table shows: the first ``size`` digits, longer where two listed ids share them
    (as git shows commits; ``show`` and ``remove`` take any unique prefix)."""
    groups: dict[str, list[str]] = {}
    for row in rows:
        groups.setdefault(row["id"][:size], []).append(row["id"])
    out = {}
    for ids in groups.values():
        for event_id in ids:
            length = size
            while length < len(event_id) and any(o != event_id and o.startswith(event_id[:length]) for o in ids):
                length += 1
            out[event_id] = event_id[:length]
    return out


def event_listing(rows: list[dict], title: str = "", filters: str = "", log: str = "") -> Listing:
    shown: dict[str, str] | None = None

    def table_texts(row: dict) -> list[str]:
        nonlocal shown
        if shown is None:
            shown = short_ids(rows)
        return listing_texts(row, shown[row["id"]])

    return Listing(
        records=rows,
        columns=LISTING_COLUMNS,
        cell=event_cell,
        csv_columns=CSV_COLUMNS,
        markdown=timeline_markdown,
        title=title,
        filters=filters,
        public=public,
        text_cells=table_texts,
        tsv_columns=TSV_COLUMNS,
        tsv_cells=tsv_texts,
        tsv_block=tsv_block,
        tsv_line=tsv_line,
        csv_cells=csv_cells,
        documents={"html": _write_html, "timelinejs": _write_timelinejs},
        log=log,
    )


def _write_html(listing: Listing, out) -> None:
    from tracker.html_report import write_html  # the page's template is read only when asked for

    write_html(listing, out)


def _write_timelinejs(listing: Listing, out) -> None:
    from tracker.html_report import write_timelinejs

    write_timelinejs(listing, out)


# --- --columns: the fields a user picks, in their order --------------------------------------


def _sources(row: dict) -> list[dict]:
    return row.get("sources") or []


# Each column's value as JSON writes it; flat formats join lists with "; ". Ids are whole here;
# a table shows them shortened (short_ids).
COLUMN_VALUES = {
    "date": lambda r: r.get("date") or "",
    "start": lambda r: r.get("start") or "",
    "end": lambda r: r.get("end") or "",
    "precision": lambda r: r.get("precision") or "",
    "companies": lambda r: list(r.get("companies", ())),
    "people": lambda r: list(r.get("people", ())),
    "type": lambda r: r["type"],
    "title": lambda r: r["title"],
    "tags": lambda r: list(r.get("tags", ())),
    "source": lambda r: [s.get("doc", "") for s in _sources(r) if s.get("doc")],
    "url": lambda r: next((s["url"] for s in _sources(r) if s.get("url")), ""),
    "quote": lambda r: next((s["quote"] for s in _sources(r) if s.get("quote")), ""),
    "recorded": lambda r: r.get("recorded") or "",
    "id": lambda r: r["id"],
}


def parse_columns(text: str) -> list[str]:
    """A --columns list ("date,companies,url"), checked: an unknown name is a ValueError naming the valid ones."""
    return checked_names(text, COLUMN_VALUES, "column", "no columns named", "valid")


def with_columns(listing: Listing, columns: list[str]) -> Listing:
    """An event listing showing only ``columns`` in every format: table, TSV, CSV and a Markdown
    table show those columns; JSON and JSON Lines records carry only those fields."""
    rows = listing.records
    values = [COLUMN_VALUES[c] for c in columns]
    shown: dict[str, str] | None = None

    def texts(row: dict) -> list[str]:
        return [plain(value(row)) for value in values]

    def table_texts(row: dict) -> list[str]:
        nonlocal shown
        if shown is None and "id" in columns:
            shown = short_ids(rows)
        cells = texts(row)
        if shown is not None:
            cells[columns.index("id")] = shown[row["id"]]
        return cells

    return Listing(
        records=rows,
        columns=columns,
        cell=lambda row, column: COLUMN_VALUES[column](row),
        csv_columns=columns,
        title=listing.title,
        filters=listing.filters,
        public=lambda row: {c: value(row) for c, value in zip(columns, values)},
        text_cells=table_texts,
        tsv_columns=columns,
        tsv_cells=texts,
    )


# --- reading events back ---------------------------------------------------------------


def guess_import_format(name: str, head: bytes) -> str:
    lowered = name.lower()
    suffixes = ((".jsonl", "jsonl"), (".ndjson", "jsonl"), (".json", "json"), (".csv", "csv"), (".tsv", "tsv"), (".tab", "tsv"))
    for suffix, fmt in suffixes:
        if lowered.endswith(suffix):
            return fmt
    start = head.lstrip()[:1]
    if start == b"[":
        return "json"
    if start == b"{":
        return "jsonl"
    # `tracker timeline > log.tsv` (or a pipe): a header line with tabs and no commas is TSV
    first_line = head.split(b"\n", 1)[0]
    return "tsv" if b"\t" in first_line and b"," not in first_line else "csv"


def read_event_dicts(data: io.BufferedReader, fmt: str) -> Iterator[tuple[int, dict]]:
    """(row number, raw event dict) for each record; ImportFormatError names the first bad row."""
    if fmt == "jsonl":
        yield from _jsonl(data)
    elif fmt == "json":
        yield from _json(data.read())
    else:
        yield from _csv(data, tab_separated=fmt == "tsv")


def _jsonl(data) -> Iterator[tuple[int, dict]]:
    for number, line in enumerate(data, 1):
        if not line.strip():
            continue
        try:
            record = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            raise ImportFormatError(f"line {number}: not valid JSON ({exc.msg})") from None
        if not isinstance(record, dict):
            raise ImportFormatError(f"line {number}: expected an event object, found {type(record).__name__}")
        yield number, record


def _json(blob: bytes) -> Iterator[tuple[int, dict]]:
    try:
        document = orjson.loads(blob)
    except orjson.JSONDecodeError as exc:
        raise ImportFormatError(f"not valid JSON ({exc.msg})") from None
    if isinstance(document, dict) and isinstance(document.get("events"), list):
        document = document["events"]
    if not isinstance(document, list):
        raise ImportFormatError("expected a JSON array of events")
    for number, record in enumerate(document, 1):
        if not isinstance(record, dict):
            raise ImportFormatError(f"event {number}: expected an object, found {type(record).__name__}")
        yield number, record


def _csv(data, tab_separated: bool = False) -> Iterator[tuple[int, dict]]:
    text = io.TextIOWrapper(data, encoding="utf-8-sig", newline="")
    try:
        yield from _csv_rows(text, tab_separated)
    finally:
        text.detach()  # the caller reads the stream again; closing the wrapper would close it


def _csv_rows(text: io.TextIOWrapper, tab_separated: bool = False) -> Iterator[tuple[int, dict]]:
    from tracker.textio import max_input_bytes

    # A quote may be longer than csv's default field limit (131,072 characters); a record is
    # capped as a whole by the reader below it.
    csv.field_size_limit(max(max_input_bytes(), csv.field_size_limit()))
    kind = "TSV" if tab_separated else "CSV"
    # TSV as tracker writes it has no quoting: a cell is everything between two tabs.
    dialect = {"delimiter": "\t", "quoting": csv.QUOTE_NONE} if tab_separated else {}
    try:
        reader = csv.DictReader(text, strict=True, **dialect)
        # Headers in any case and with stray spaces: "Date", " Title " (a spreadsheet's export)
        header = [name.strip().lower() for name in reader.fieldnames or []]
        reader.fieldnames = header
    except (UnicodeDecodeError, csv.Error) as exc:
        raise ImportFormatError(f"not a {kind} file ({exc})") from None
    missing = [c for c in ("date", "companies", "type", "title") if c not in header]
    if missing:
        raise ImportFormatError(
            f"{kind} header lacks column(s) {', '.join(missing)} (export with --format {kind.lower()} to see the layout)"
        )
    try:
        for row in reader:
            number = reader.line_num
            if None in row or any(v is None for v in row.values()):
                raise ImportFormatError(f"row {number}: has {len(header)} columns in the header but not in this row")
            yield number, _from_csv_row({k: restore_formula(v) for k, v in row.items()}, number)
    except UnicodeDecodeError as exc:
        raise ImportFormatError(f"not UTF-8 text ({exc.reason})") from None
    except csv.Error as exc:
        raise ImportFormatError(f"row {reader.line_num}: {exc}") from None


def _from_csv_row(row: dict, number: int) -> dict:
    record = {k: row.get(k) or None for k in ("id", "date", "precision", "type", "title", "recorded", "edited")}
    if record["date"]:
        record["date"], record["precision"] = _csv_date(record["date"], record["precision"], number)
    if record["type"]:  # as typed in a spreadsheet: "Trial", "joint venture"
        record["type"] = "_".join(record["type"].strip().lower().replace("-", " ").split())
    for name in _LIST_FIELDS:
        record[name] = list_from_cell(row.get(name) or "")
    sources = []
    if row.get("source_doc") or row.get("source_quote"):
        offset = row.get("source_offset") or None
        if offset is not None:
            # ASCII digits only ("١٢" is a digit string to Python), and few enough to be an offset
            if not (offset.isascii() and offset.isdigit() and len(offset) <= 16):
                raise ImportFormatError(f"row {number}: source_offset {offset[:40]!r} is not a number below 2**53")
            offset = int(offset)
        sources.append(
            {
                "doc": row.get("source_doc") or "",
                "article": row.get("source_article") or "",
                "quote": row.get("source_quote") or "",
                "offset": offset,
                "date_text": row.get("source_date_text") or "",
                "url": row.get("source_url") or "",
            }
        )
    if row.get("more_sources"):
        try:
            more = orjson.loads(row["more_sources"])
        except orjson.JSONDecodeError:
            raise ImportFormatError(f"row {number}: more_sources is not a JSON list") from None
        if not isinstance(more, list):
            raise ImportFormatError(f"row {number}: more_sources is not a JSON list")
        sources.extend(more)
    record["sources"] = sources
    record["title"] = record["title"] or ""
    return record


def _csv_date(text: str, precision: str | None, number: int) -> tuple[str, str | None]:
    """An ISO partial date as it is; else a date in words as ``add --date`` reads it ("19 May
    2017", "Q2 2017", "June 2017"), as precise as it was written (its precision column, made for
    the ISO value, is then not checked)."""
    try:
        return PartialDate.parse(text).value, precision
    except ValueError:
        pass
    from tracker.api import read_when  # the reader of add --date, with the configured date order
    from tracker.errors import UsageError

    try:
        when = read_when(text)
    except UsageError as exc:
        raise ImportFormatError(f"row {number}: {exc}") from None
    return when.value, None


# --- the Markdown timeline document ------------------------------------------------------

_MONTHS = ("January February March April May June July August September October November December").split()
_MERMAID_UNSAFE = str.maketrans({":": "∶", "#": "＃", ";": "，", "\n": " ", "\r": " "})
_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|"})


def period_label(row: dict) -> str:
    """The heading an event sits under: its month, or its quarter/half/year when that coarse."""
    value, precision = row.get("date"), row.get("precision")
    if not value:
        return "Undated"
    year = value[:4]
    if precision in ("day", "month", "week"):
        first_day = PartialDate.parse(value).start  # a week belongs to the month of its Monday
        return f"{_MONTHS[first_day.month - 1]} {first_day.year}"
    if precision in ("quarter", "half"):
        return f"{value[5:]} {year}"
    return f"{year} (year)"


def md_inline(text: str) -> str:
    return " ".join(str(text).split()).translate(_MD_SPECIAL)


def md_url(url: str) -> str:
    """An address fit for a Markdown link: spaces and parentheses would end it early."""
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def type_words(event_type: str) -> str:
    """An event type as words: joint_venture → joint venture."""
    return event_type.replace("_", " ")


def _span(rows: list[dict]) -> str:
    """The dates the events cover, first day's date to last day's: "2017-03 to 2017-11"."""
    dated = [PartialDate.parse(r["date"]) for r in rows if r.get("date")]
    if not dated:
        return ""
    first = min(dated, key=lambda d: (d.start, -(d.end - d.start).days))
    last = max(dated, key=lambda d: (d.end, d.start))
    return f", {first.value}" if first == last else f", {first.value} to {last.value}"


def timeline_markdown(listing: Listing) -> str:
    rows = list(listing.json_records())
    title = listing.title or "Company timeline"
    lines = [f"# {md_inline(title)}", ""]
    if listing.filters:
        lines += [f"Filters: {md_inline(listing.filters)}.", ""]
    noun = "event" if len(rows) == 1 else "events"
    lines += [f"_{len(rows)} {noun}{_span(rows)}. Generated by tracker on {date.today().isoformat()}._", ""]
    dated = [r for r in rows if r.get("date")]
    if dated:
        lines += mermaid_timeline(title, dated) + [""]
    year = period = None
    for row in rows:
        row_year = (row.get("date") or "Undated")[:4] if row.get("date") else "Undated"
        if row_year != year:
            year, period = row_year, None
            lines += [f"## {year}", ""]
        label = period_label(row)
        if label != period and label != "Undated":
            period = label
            lines += [f"### {label}", ""]
        lines += _md_event(row)
    return "\n".join(lines).rstrip() + "\n"


def _md_event(row: dict) -> list[str]:
    when = row.get("date") or "undated"
    companies = ", ".join(row.get("companies", []))
    lines = [
        f"- **{when}** — {md_inline(row['title'])}  ",
        f"  {md_inline(companies)} · {type_words(row['type'])} · `{row['id']}`",
    ]
    for source in row.get("sources", []):
        where = md_inline(source.get("doc", ""))
        if source.get("url"):  # a source added by hand may have an address and no document name
            where = f"[{where or md_inline(source['url'])}]({md_url(source['url'])})"
        if source.get("article"):
            where = f"*{md_inline(source['article'])}*, {where}"
        lines.append(f"  > “{md_inline(source.get('quote', ''))}” — {where}")
    lines.append("")
    return lines


# Mermaid refuses a diagram over 50,000 characters (its default maxTextSize) and GitHub then shows
# an error instead; a period line with dozens of events is unreadable. So: at most this many
# events on a line (the rest counted), titles cut, and past the size budget one line per period
# with counts by type instead of titles.
MERMAID_MAX_CHARS = 40_000
MERMAID_EVENTS_PER_LINE = 10
MERMAID_TITLE_CHARS = 80


def mermaid_timeline(title: str, rows: list[dict]) -> list[str]:
    """A Mermaid ``timeline`` of dated rows that always renders: the events themselves when they
    fit, else a summary per period (month, quarter or year) and, if still too large, per year."""
    head = ["```mermaid", "timeline", f"    title {_mermaid_text(title)}"]
    for body in (_mermaid_events(rows), _mermaid_summary(rows, period_label), _mermaid_summary(rows, _year_label)):
        lines = head + body + ["```"]
        if len("\n".join(lines)) <= MERMAID_MAX_CHARS:
            return lines
    return head + ["```"]  # unreachable in practice: a year line per year fits


def _mermaid_text(text: str, limit: int | None = None) -> str:
    text = " ".join(str(text).split()).translate(_MERMAID_UNSAFE)
    return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"


def _by_year(rows: list[dict], key) -> list[tuple[str, list[tuple[str, list[dict]]]]]:
    """Rows grouped by year, then by ``key`` (a date or a period label), keeping their order."""
    years: list[tuple[str, list[tuple[str, list[dict]]]]] = []
    for row in rows:
        if not years or years[-1][0] != row["date"][:4]:
            years.append((row["date"][:4], []))
        groups = years[-1][1]
        label = key(row)
        if not groups or groups[-1][0] != label:
            groups.append((label, []))
        groups[-1][1].append(row)
    return years


def _mermaid_events(rows: list[dict]) -> list[str]:
    lines = []
    for year, groups in _by_year(rows, lambda r: r["date"]):
        lines.append(f"    section {year}")
        for when, members in groups:
            shown = [_mermaid_text(r["title"], MERMAID_TITLE_CHARS) for r in members]
            if len(shown) > MERMAID_EVENTS_PER_LINE:
                rest = len(shown) - (MERMAID_EVENTS_PER_LINE - 1)
                shown = shown[: MERMAID_EVENTS_PER_LINE - 1] + [f"and {rest} more events"]
            lines.append(f"        {when} : " + " : ".join(shown))
    return lines


def _mermaid_summary(rows: list[dict], label) -> list[str]:
    lines = []
    for year, groups in _by_year(rows, label):
        lines.append(f"    section {year}")
        for period, members in groups:
            counts: dict[str, int] = {}
            for row in members:
                counts[row["type"]] = counts.get(row["type"], 0) + 1
            top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
            shown = [f"{n} {type_words(t)}" for t, n in top[: MERMAID_EVENTS_PER_LINE - 1]]
            if len(top) >= MERMAID_EVENTS_PER_LINE:
                shown.append(f"{sum(n for _, n in top[MERMAID_EVENTS_PER_LINE - 1:])} other")
            noun = "event" if len(members) == 1 else "events"
            lines.append(f"        {_mermaid_text(period)} : {len(members)} {noun} : " + " : ".join(shown))
    return lines


def _year_label(row: dict) -> str:
    return row["date"][:4]
