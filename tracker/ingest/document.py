"""A news file as ingest reads it: the article's text, and what the file says about it.

``read_document(name, raw_text)`` turns what a file holds into a ``Document``. Plain text passes
through unchanged (a ``url:`` line of its front matter is its address). A web page is reduced
to its article with trafilatura: the page's title as the first line, a blank line, then the
body's paragraphs separated by blank lines, so ``split_articles`` sees a title line and
paragraphs; menus, scripts, cookie banners and teasers are left out. The page's own markup
gives its publication date (``article:published_time``, JSON-LD ``datePublished``, ``<time
datetime>``) and its canonical address.

Offsets and quotes of the events found refer to ``Document.text``, never to the raw markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath

from tracker import regex_code
from tracker.ingest.articles import front_matter, parse_iso

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
# A page that does not say it is HTML by its name says so in its first tags (comments and an
# XML declaration may come first).
_HTML_START = regex_code.compile(
    r"\A\ufeff?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)
_SNIFF_CHARS = 4096
_WEB_ADDRESS = regex_code.compile(r"^https?://\S+$", re.IGNORECASE)


@dataclass(frozen=True)
class Document:
    name: str  # the document's name as sources record it: the file name, or "stdin"
    text: str  # the text ingest reads; offsets and quotes refer to this text
    title: str | None
    published: date | None
    url: str | None
    html: bool = False  # whether ``text`` was reduced from a web page


def is_html(name: str, raw_text: str) -> bool:
    """Whether a file is a web page: by its suffix, else by how its text begins."""
    if PurePath(name).suffix.lower() in HTML_SUFFIXES:
        return True
    return _HTML_START.match(raw_text[:_SNIFF_CHARS]) is not None


def read_document(name: str, raw_text: str) -> Document:
    """The document ingest reads from a file's decoded text."""
    if is_html(name, raw_text):
        return _from_html(name, raw_text)
    meta, _ = front_matter(raw_text)
    return Document(name=name, text=raw_text, title=None, published=None, url=web_address(meta.get("url")))


def _from_html(name: str, raw_html: str) -> Document:
    # trafilatura (with lxml) takes ~0.2 s to import: only a command that reads a web page pays it
    import trafilatura

    page = trafilatura.bare_extraction(
        raw_html, with_metadata=True, include_comments=False, include_tables=False, config=_extraction_config()
    )
    if page is None:  # no content at all (an empty page, a page of scripts)
        return Document(name=name, text="", title=None, published=None, url=None, html=True)
    title = _one_line(page.title) or None
    paragraphs = [line.strip() for line in (page.text or "").split("\n") if line.strip()]
    if title and paragraphs and _one_line(paragraphs[0]) == title:
        paragraphs = paragraphs[1:]  # the page's <h1> repeats its title
    text = "\n\n".join(([title] if title else []) + paragraphs)
    return Document(
        name=name,
        text=text + "\n" if text else "",
        title=title,
        published=parse_iso(page.date),
        url=web_address(page.url),
        html=True,
    )


def _extraction_config():
    from trafilatura.settings import use_config

    config = use_config()
    # Below this many characters trafilatura distrusts its extraction and falls back to a
    # baseline that runs the article's paragraphs together into one; a short news item is
    # still an article, and its paragraphs must stay apart.
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "0")
    # The date comes from the page's markup only, never guessed from dates in its text (a
    # copyright line, "page updated ..."), which would date every relative phrase wrongly.
    config.set("DEFAULT", "EXTENSIVE_DATE_SEARCH", "off")
    return config


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def web_address(value: str | None) -> str | None:
    """The value when it is an http(s) address, else None (a javascript: link is no source)."""
    value = (value or "").strip()
    return value if _WEB_ADDRESS.match(value) else None
