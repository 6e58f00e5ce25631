"""Sections of a press release that report no news: the company profile ("About Acme"), the notice
on forward-looking statements, the contacts (``data/sections.json``).

A section opens with a heading line of its own (a short line with no full stop that one of the
rules matches whole) and runs to the next heading line that opens no such section, or to the end
of the article. Their sentences are read for companies but give no events: "Acme, founded in
2015, ..." in a profile or "the year ended December 31, 2023" in a risk notice date nothing the
release reports.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from tracker import regex_code
from tracker.ingest.text import Span

RULES = Path(__file__).resolve().parent / "data" / "sections.json"
# a heading is a line of its own, short, and ends with no sentence punctuation
HEADING_WORDS = 9


@lru_cache(maxsize=1)
def section_rules() -> tuple[dict, ...]:
    return tuple(json.loads(RULES.read_text(encoding="utf-8"))["rules"])


@lru_cache(maxsize=1)
def _heading_patterns() -> tuple[tuple[str, re.Pattern], ...]:
    """(rule id, its heading pattern), case-insensitive unless the rule says ``"case": "sensitive"``."""
    return tuple((rule["id"], regex_code.compile(rf"\s*(?:{rule['heading']})\s*", 0 if rule.get("case") == "sensitive" else re.I))
                 for rule in section_rules())


def heading_like(line: str) -> bool:
    """Whether a line may be a section heading: short, with no closing full stop."""
    stripped = line.strip()
    return 0 < len(stripped.split()) <= HEADING_WORDS and not stripped.endswith((".", "?", "!", ","))


def boilerplate_rule(line: str) -> str | None:
    """The id of the rule whose section a heading line opens (None for any other line)."""
    return _opened_by(line) if heading_like(line) else None


def _opened_by(heading: str) -> str | None:
    """The id of the rule a heading-like line matches whole, if any."""
    return next((rule_id for rule_id, pattern in _heading_patterns() if pattern.fullmatch(heading)), None)


def boilerplate_spans(text: str, start: int, end: int) -> list[Span]:
    """The boilerplate sections of ``text[start:end]``, each from its heading line to the next
    heading line that opens none (or ``end``); ``Span.text`` is the rule's id."""
    out: list[Span] = []
    opened: tuple[int, str] | None = None
    pos = start
    for raw in text[start:end].split("\n"):
        line_start, pos = pos, pos + len(raw) + 1
        if not heading_like(raw):
            continue
        rule = _opened_by(raw)
        if opened is not None and rule is None:
            out.append(Span(opened[0], line_start, opened[1]))
            opened = None
        if rule is not None and opened is None:
            opened = (line_start, rule)
    if opened is not None:
        out.append(Span(opened[0], end, opened[1]))
    return out
