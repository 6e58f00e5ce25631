"""Event listings as a self-contained HTML timeline page (``--format html``) and as TimelineJS's
JSON (``--format timelinejs``).

The page is one file that opens from disk with no network: the template, stylesheet and script
are package data in ``tracker/report/``, inlined here with ``string.Template``. Every field of an
event is untrusted text (a title can be ``</script><script>alert(1)``), so:

- the server-rendered parts (header, counts, the table that is the page without JavaScript) go
  through ``html.escape``;
- the events travel to the script as JSON in a ``<script type="application/json">`` block with
  ``<``, ``>``, ``&`` and U+2028/U+2029 written as ``\\u003c``-style escapes, so no text can close
  the block or open a comment; the script inserts every text with ``textContent``;
- only http(s) addresses become links;
- a Content-Security-Policy lets the page run only its own inline script and style (by hash) and
  load nothing at all, so even a missed escape could neither run script nor reach the network.
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cache
from importlib import resources
from string import Template
from typing import TextIO

import orjson

from tracker import __version__
from tracker.export import Listing
from tracker.model import EVENT_TYPES
from tracker.temporal.partial import PartialDate

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON_UNSAFE = str.maketrans(_JSON_ESCAPES)


# Runs in <head>, before the table is parsed, so the stylesheet can keep the rows out of layout
# until the main script shows those that match (see timeline.css).
EARLY_SCRIPT = 'document.documentElement.className = "js";'


@dataclass(frozen=True)
class Assets:
    page: Template
    css: str
    js: str


@cache
def assets() -> Assets:
    folder = resources.files("tracker") / "report"
    read = lambda name: (folder / name).read_text(encoding="utf-8")  # noqa: E731
    return Assets(Template(read("page.html")), read("timeline.css"), read("timeline.js"))


def script_json(value) -> str:
    """JSON that is safe inside a <script> element: none of its text can end the element, start
    an HTML comment or break a JavaScript line."""
    return orjson.dumps(value).decode().translate(_JSON_UNSAFE)


def link_target(url: str) -> str | None:
    """A source address fit for a link: http(s) only (never javascript: or data:)."""
    url = (url or "").strip()
    return url if url.lower().startswith(("http://", "https://")) else None


def day_range(row: dict) -> tuple[str | None, str | None]:
    """First and last ISO day of a row's partial date (stored rows carry them; others are computed)."""
    if row.get("start"):
        return row["start"], row["end"]
    when = PartialDate.parse(row.get("date") or None)
    return (when.start.isoformat(), when.end.isoformat()) if when.start else (None, None)


# --- the data the script reads ----------------------------------------------------------


def page_data(rows: list[dict]) -> dict:
    """The events in a compact form: companies, types and (document, article, url) triples are
    stored once and referred to by index, which halves the size of a large page.

    An event is [id, date, precision, start, end, [company...], [person...], type, title,
    [[source, quote, date words]...], [tag...]].
    """
    companies: dict[str, int] = {}
    places: dict[tuple[str, str, str], int] = {}
    types = {name: number for number, name in enumerate(EVENT_TYPES)}
    events = []
    for row in rows:
        start, end = day_range(row)
        sources = []
        for source in row.get("sources") or ():
            place = (source.get("doc") or "", source.get("article") or "", source.get("url") or "")
            sources.append([places.setdefault(place, len(places)), source.get("quote") or "", source.get("date_text") or ""])
        events.append(
            [
                row["id"],
                row.get("date") or "",
                row.get("precision") or "unknown",
                start or "",
                end or "",
                [companies.setdefault(name, len(companies)) for name in row.get("companies") or ()],
                list(row.get("people") or ()),
                types.get(row.get("type"), types["other"]),
                row.get("title") or "",
                sources,
                list(row.get("tags") or ()),
            ]
        )
    return {"companies": list(companies), "types": list(EVENT_TYPES), "sources": [list(p) for p in places], "events": events}


# --- the page ------------------------------------------------------------------------------


def write_html(listing: Listing, out: TextIO, made: datetime | None = None) -> None:
    rows = list(listing.records)
    parts = assets()
    made = made or datetime.now(timezone.utc)
    title = listing.title or "Company timeline"
    out.write(
        parts.page.substitute(
            csp=html.escape(_policy(parts), quote=True),
            title=html.escape(title),
            early=EARLY_SCRIPT,
            css=parts.css,
            header=_header(listing, rows, title, made),
            counts=_counts(rows),
            table=_table(rows),
            data=script_json(page_data(rows)),
            js=parts.js,
        )
    )


def _policy(parts: Assets) -> str:
    """Nothing may load; only the page's own script and style, named by their hashes, may run."""

    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"

    return (
        f"default-src 'none'; script-src {digest(EARLY_SCRIPT)} {digest(parts.js)}; style-src {digest(parts.css)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


def _header(listing: Listing, rows: list[dict], title: str, made: datetime) -> str:
    e = html.escape
    dated = [day_range(r) for r in rows if r.get("date")]
    noun = "event" if len(rows) == 1 else "events"
    span = f", {min(s for s, _ in dated)} to {max(t for _, t in dated)}" if dated else ""
    facts = [f'<span id="summary">{len(rows)} {noun}{span}</span>']
    facts.append(f"log: {e(listing.log)}" if listing.log else "")
    facts.append(f"filters: {e(listing.filters) if listing.filters else 'none'}")
    facts.append(f'made <time datetime="{made.isoformat(timespec="seconds")}">{made:%Y-%m-%d %H:%M} UTC</time> by tracker {__version__}')
    return f"<h1>{e(title)}</h1>\n<p class=\"facts\">{' · '.join(f for f in facts if f)}</p>"


def _counts(rows: list[dict]) -> str:
    counts = Counter(row.get("type") for row in rows)
    items = [
        f'<li data-type="{t}"><span class="swatch t-{t}"></span> <span class="name">{t.replace("_", " ")}</span> '
        f'<b class="n">{counts[t]}</b></li>'
        for t in EVENT_TYPES
        if counts[t]
    ]
    return '<ul id="counts">' + "".join(items) + "</ul>"


def _table(rows: list[dict]) -> str:
    """The dated list every reader gets, with or without JavaScript: one row per event, in the
    listing's order. The script filters and sorts these rows rather than building its own."""
    e = html.escape
    lines = []
    for number, row in enumerate(rows):
        kind = row.get("type") or "other"
        lines.append(
            f'<tr data-i="{number}"><td class="when">{e(row.get("date") or "undated")}</td>'
            f"<td>{e(', '.join(row.get('companies') or ()))}</td>"
            f'<td class="type t-{e(kind)}">{e(kind.replace("_", " "))}</td>'
            f"<td>{e(row.get('title') or '')}</td><td>{_source_cell(row)}</td></tr>"
        )
    return "\n".join(lines)


def _source_cell(row: dict) -> str:
    sources = row.get("sources") or ()
    if not sources:
        return ""
    first = sources[0]
    name = html.escape(first.get("doc") or first.get("article") or "source")
    target = link_target(first.get("url") or "")
    cell = f'<a href="{html.escape(target, quote=True)}" rel="noopener noreferrer">{name}</a>' if target else name
    return cell + (f" +{len(sources) - 1}" if len(sources) > 1 else "")


# --- TimelineJS ----------------------------------------------------------------------------


def write_timelinejs(listing: Listing, out: TextIO) -> None:
    out.write(orjson.dumps(timelinejs(listing), option=orjson.OPT_INDENT_2).decode() + "\n")


def timelinejs(listing: Listing) -> dict:
    """TimelineJS's JSON (https://timeline.knightlab.com/docs/json-format.html): one slide per
    dated event, spanning its partial date's range, grouped by its main company. TimelineJS shows
    headline and text as HTML, so both are escaped here. Undated events cannot be placed on a
    time axis: the title slide counts them."""
    rows = list(listing.records)
    events = [_slide(row) for row in rows if row.get("date")]
    undated = len(rows) - len(events)
    text = f"{len(events)} dated events" + (f" ({undated} undated left out)" if undated else "")
    if listing.filters:
        text += f"; filters: {listing.filters}"
    return {
        "title": {"text": {"headline": html.escape(listing.title or "Company timeline"), "text": html.escape(text)}},
        "events": events,
    }


def _slide(row: dict) -> dict:
    start, end = day_range(row)
    slide = {"start_date": _tjs_date(start)}
    if end != start:
        slide["end_date"] = _tjs_date(end)
    slide.update(
        {
            "display_date": row["date"],
            "text": {"headline": html.escape(row.get("title") or ""), "text": _tjs_text(row)},
            "group": (row.get("companies") or [""])[0],
            "unique_id": row["id"],
        }
    )
    return slide


def _tjs_date(day: str) -> dict:
    year, month, day_of_month = (int(part) for part in day.split("-"))
    return {"year": year, "month": month, "day": day_of_month}


def _tjs_text(row: dict) -> str:
    e = html.escape
    parts = [f"<p>{e(', '.join(row.get('companies') or ()))} · {e((row.get('type') or '').replace('_', ' '))}</p>"]
    for source in row.get("sources") or ():
        where = e(source.get("doc") or "")
        if source.get("article"):
            where = f"<i>{e(source['article'])}</i>, {where}"
        target = link_target(source.get("url") or "")
        if target:
            where += f' (<a href="{e(target, quote=True)}">source</a>)'
        parts.append(f"<blockquote>“{e(source.get('quote') or '')}”</blockquote><p>— {where}</p>")
    return "".join(parts)
