"""Sentences of news text, with their character offsets.

News and report text wraps in odd ways: a report excerpt breaks one sentence over blank lines
("As at the end \\n\\nof 2017, ..."), a blog has bullet lists and tables with one row a line,
a wire story has abbreviations ("Co.", "Feb. 1", "U.S."). A sentence here is a span of the
text, ``text[start:end] == sentence`` exactly, so a quote is always verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from tracker import regex_code

# Words after which a period does not end a sentence.
_ABBREVIATIONS = {
    "inc", "co", "corp", "ltd", "llc", "plc", "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "no", "nos", "vs", "etc", "e.g", "i.e", "u.s", "u.k", "u.n", "gov", "gen", "col", "lt",
    "approx", "est", "dept", "fig", "vol", "op", "ph", "d", "bros", "mt", "av", "ave",
    "rs",  # the rupee: "Rs. 2,145 crore"
}
# the marks of a list item, and the blanks around them (web pages set bullets off with no-break spaces)
BULLET_MARKS = "•‧·▪●◦■□\\-–*"
BLANKS = " \\t\\u00a0"
_BULLET = regex_code.compile(rf"[{BLANKS}]*(?:[{BULLET_MARKS}]|\d{{1,2}}[.)])[{BLANKS}]+")
# a direct quote: an opening quote mark, at least three characters, its closing mark (a speaker's
# words, which the event decision reads apart: pipeline.undated_quote, event_cues.unquoted)
DIRECT_QUOTE = regex_code.compile(r"[\"“‘][^\"“”‘’]{3,}[\"”’]")
_TERMINAL = regex_code.compile(r"[.!?。！？][\"”’')\]]*$")
_FUNCTION_WORDS = {
    "a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "for", "by", "with", "as", "from",
    "our", "its", "their", "his", "her", "that", "which", "who", "is", "are", "was", "were", "be",
    "has", "have", "had", "than", "into", "over", "under", "between", "such", "both", "this",
    "these", "those", "we", "it", "per", "via", "up", "about", "more", "most", "over", "whose",
}
_NUMBERISH = regex_code.compile(r"\d[\d.,]*")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


# a paragraph: from a non-space character up to a line break that a blank line follows. Written
# as runs of a line's characters, each line break checked once (the same matches as
# r"\S(?:.|\n(?![ \t\r\u00a0]*\n))*", which went through a group for every character: ten times the time)
_PARAGRAPH = regex_code.compile(r"\S[^\n]*(?:\n(?![ \t\r\u00a0]*\n)[^\n]*)*")


def paragraphs(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Blocks of text between blank lines (offsets into ``text``)."""
    end = len(text) if end is None else end
    out = []
    for match in _PARAGRAPH.finditer(text[start:end]):
        s, e = start + match.start(), start + match.end()
        out.append(Span(s, e, text[s:e]))
    return out


def _lines(text: str, start: int, end: int) -> list[Span]:
    out = []
    pos = start
    for raw in text[start:end].split("\n"):
        s, e = pos, pos + len(raw)
        pos = e + 1
        stripped = raw.strip()
        if not stripped:
            continue
        lead = len(raw) - len(raw.lstrip())
        trail = len(raw) - len(raw.rstrip())
        out.append(Span(s + lead, e - trail, stripped))
    return out


def _is_table_row(line: str) -> bool:
    return len(_NUMBERISH.findall(line)) >= 3 and not _TERMINAL.search(line)


_PARENTHESISED = regex_code.compile(r"\([^()]*\)")
_CAPITALISED = regex_code.compile(r"[A-Z0-9&(]")


def _heading_like(line: str) -> bool:
    """Whether a line reads as a heading, not as the start of a wrapped sentence: every word
    of it capitalised but the function words ("Achieves Record Revenues", "Results of Operations")."""
    words = [w for w in re.findall(r"[\w’'&.-]+", line) if w.lower() not in _FUNCTION_WORDS]
    return bool(words) and all(_CAPITALISED.match(w) for w in words)


def _blank_between(text: str, prev: Span, line: Span) -> bool:
    """Whether a blank line stands between two lines (more than one line break between them)."""
    return "\n" in text[prev.end : line.start].replace("\n", "", 1)


def _hard_wrapped(lines: list[Span], text: str) -> set[int]:
    """The indexes of the lines that stand in a hard-wrapped paragraph: wire copy broken at a
    fixed width with no space before its line breaks, so that a line can end anywhere in a
    sentence ("Aug 12 Japanese telecoms group SoftBank Group" / "Corp, the majority owner of
    U.S. wireless carrier" / "Sprint Corp, said it bought ..."). A paragraph (lines with no
    blank line between them) is hard-wrapped when at least three of its line breaks fall
    visibly inside a sentence (the line ends with no sentence mark and the next starts in
    lower case, or the line ends with a function word or a comma) and they are at least a
    third of its line breaks after a line with no sentence mark at its end."""
    out: set[int] = set()
    block: list[int] = []

    def close() -> None:
        open_breaks = inside = 0
        for a, b in zip(block, block[1:]):
            p, n = lines[a].text, lines[b].text
            if _TERMINAL.search(p) or _is_table_row(p):
                continue
            open_breaks += 1
            last = (re.findall(r"[\w’']+", p.lower())[-1:] or [""])[0]
            if n[0].islower() or last in _FUNCTION_WORDS or p.endswith(","):
                inside += 1
        if inside >= 3 and 3 * inside >= open_breaks:
            out.update(block)

    for index, line in enumerate(lines):
        if block and _blank_between(text, lines[index - 1], line):
            close()
            block = []
        block.append(index)
    if block:
        close()
    return out


def _continues(prev: Span, nxt: Span, blank_between: bool, wrapped: bool, hard: bool = False) -> bool:
    """Whether the line ``nxt`` carries on the sentence of the line ``prev`` (a wrapped line).
    ``hard``: both lines stand in a hard-wrapped paragraph (``_hard_wrapped``), where a line
    break inside a sentence is no boundary: a line that ends with no sentence mark goes on in
    the next unless one of them is a note in parentheses ("(Adds background)", "($1 = 102.56
    yen)") or the line reads as a heading."""
    p, n = prev.text, nxt.text
    if hard and not blank_between and not _TERMINAL.search(p) and not p.endswith(":"):
        if _PARENTHESISED.fullmatch(p) or _PARENTHESISED.fullmatch(n) or _BULLET.match(n + " "):
            return False
        if not (_is_table_row(p) or _is_table_row(n) or _heading_like(p)):
            return True
    if _BULLET.match(nxt.text + " ") and not re.match(r"\d", n):
        return False
    if re.match(r"[•‧·▪●◦■]", n):
        return False
    if _TERMINAL.search(p) and not (wrapped and n[0].islower()):
        return False
    if p.endswith(":"):
        return False
    if _is_table_row(p) or _is_table_row(n):
        return False
    last_word = re.findall(r"[\w’']+", p.lower())[-1:] or [""]
    first = n[0]
    if first.islower() or first in ",;)":
        # a lowercase line after a short heading line is a new sentence in lowercase text
        return wrapped or not (blank_between and len(p) < 50 and last_word[0] not in _FUNCTION_WORDS)
    if first.isdigit() or first in "“\"(‘$€£¥":
        return wrapped or last_word[0] in _FUNCTION_WORDS or p.endswith(",")
    # next line starts with a capital letter
    if last_word[0] in _FUNCTION_WORDS or p.endswith(","):
        return True
    if p.isupper() or len(p) < 60:
        return False
    # a long line that goes on after a blank line: only when the line was visibly wrapped
    return wrapped or not blank_between


def sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """The sentences of ``text[start:end]`` in order; each a verbatim span of ``text``."""
    end = len(text) if end is None else end
    # 1. join wrapped lines into logical units
    units: list[tuple[int, int]] = []
    lines = _lines(text, start, end)
    hard = _hard_wrapped(lines, text)
    for index, line in enumerate(lines):
        if units and index > 0:
            prev = lines[index - 1]
            blank = _blank_between(text, prev, line)
            # a line broken by a layout tool keeps a space before its line break
            wrapped = text[prev.end : prev.end + 1] in (" ", "\t", "\u00a0")
            if _continues(prev, line, blank, wrapped, index - 1 in hard and index in hard):
                units[-1] = (units[-1][0], line.end)
                continue
        s = line.start
        bullet = _BULLET.match(text, s, line.end)
        if bullet and not re.match(r"\d", text[s]):
            s = bullet.end()
        units.append((s, line.end))
    # 2. split units at sentence ends
    out: list[Span] = []
    for s, e in units:
        for a, b in _split_unit(text, s, e):
            piece = text[a:b]
            if piece.strip():
                out.append(Span(a, b, piece))
    return out


_END = regex_code.compile(r"([.!?。！？])([\"”’')\]]*)(\s+)(?=[\"“‘(\[]?[A-Z0-9•‧])")


_WORD_CHAR = regex_code.compile(r"[\w.]")


def _word_before(text: str, start: int, pos: int) -> str:
    r"""The run of word characters and periods that ends at ``pos`` (or just before a line break
    there), not reaching back before ``start``: what ``re.search(r"[\w.]+$", text[start:pos])``
    finds, but stepping back over the word only, not searching the whole text before it (which
    made splitting a long unbroken paragraph quadratic)."""
    end = pos - 1 if pos > start and text[pos - 1] == "\n" else pos
    at = end
    while at > start and _WORD_CHAR.match(text, at - 1):
        at -= 1
    return text[at:end]


def _split_unit(text: str, s: int, e: int) -> list[tuple[int, int]]:
    pieces = []
    cursor = s
    unit = text[s:e]
    for match in _END.finditer(unit):
        stop = s + match.start(1) + 1 + len(match.group(2))
        if match.group(1) == ".":
            word = _word_before(text, s, s + match.start(1)).lower()
            if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
            if re.fullmatch(r"(?:[a-z]\.)+[a-z]", word):  # U.S. / e.g.
                continue
        pieces.append((cursor, stop))
        cursor = s + match.end()
    pieces.append((cursor, e))
    out = []
    for a, b in pieces:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            out.append((a, b))
    return out
