"""Terminal tables that fit: text measured in terminal cells, columns shrunk in a set order.

A CJK character takes two cells and a combining mark none, so ``len`` misaligns tables of
Chinese titles and overruns the terminal. Columns shrink in this order: companies, then the
id (down to 7 digits, still a usable prefix for ``show``), then the title, then any other
column, the widest first; a line never exceeds the width given.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

ELLIPSIS = "…"
GAP = "  "
# (column, narrowest width it is shrunk to before the next column in the list is touched)
SHRINK_ORDER = (("companies", 12), ("id", 7), ("title", 20))
NARROWEST = 3
# Cut without an ellipsis: a shortened id is still a prefix that `show` and `remove` take.
CLIPPED = ("id",)


@lru_cache(maxsize=4096)
def char_width(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def width(text: str) -> int:
    """The cells ``text`` takes on a terminal."""
    if text.isascii():
        return len(text)
    return sum(map(char_width, text))


def cut(text: str, cells: int, ellipsis: bool = True) -> str:
    """``text`` in at most ``cells`` cells, with an ellipsis where it was cut."""
    if width(text) <= cells:
        return text
    if cells <= 0:
        return ""
    room = cells - 1 if ellipsis else cells
    kept, used = [], 0
    for char in text:
        w = char_width(char)
        if used + w > room:
            break
        kept.append(char)
        used += w
    return "".join(kept) + (ELLIPSIS if ellipsis else "")


def pad(text: str, cells: int) -> str:
    return text + " " * (cells - width(text))


def column_widths(columns: list[str], rows: list[list[str]], limit: int | None) -> list[int]:
    """The width of each column: its widest cell, shrunk (companies, id, title, then the widest
    others) until the table fits ``limit`` cells."""
    widths = [max([width(columns[i]), *(width(r[i]) for r in rows)]) for i in range(len(columns))]
    if limit is None:
        return widths
    room = limit - len(GAP) * (len(columns) - 1)

    def excess() -> int:
        return sum(widths) - room

    for name, narrowest in SHRINK_ORDER:
        if excess() <= 0:
            return widths
        if name in columns:
            i = columns.index(name)
            widths[i] = max(min(widths[i], narrowest), widths[i] - excess())
    while excess() > 0:
        widest = max(range(len(widths)), key=lambda i: widths[i])
        if widths[widest] <= NARROWEST:
            break
        widths[widest] = max(NARROWEST, widths[widest] - excess())
    return widths


def render_table(columns: list[str], rows: list[list[str]], limit: int | None = None, bold: bool = False) -> str:
    """A plain table: header, a rule of dashes, rows; two spaces between columns, at most ``limit``
    cells a line when given."""
    widths = column_widths(columns, rows, limit)

    marks = [name not in CLIPPED for name in columns]

    def cells_of(row: list[str]) -> list[str]:
        return [cut(cell, w, mark) for cell, w, mark in zip(row, widths, marks)]

    def line(cells: list[str]) -> str:
        return GAP.join(pad(cell, w) for cell, w in zip(cells, widths)).rstrip()

    out = [line(cells_of(columns)), GAP.join("-" * w for w in widths)]
    out.extend(line(cells_of(row)) for row in rows)
    too_wide = limit is not None and sum(widths) + len(GAP) * (len(widths) - 1) > limit
    if too_wide:
        # Too many columns to fit even at their narrowest: cut the lines themselves.
        out = [cut(text, limit) for text in out]
        if bold:
            out[0] = f"\x1b[1m{out[0]}\x1b[0m"
    elif bold:  # each heading bold on its own, the padding plain
        heads = cells_of(columns)
        out[0] = GAP.join(
            f"\x1b[1m{head}\x1b[0m" + " " * (w - width(head)) * (i < len(heads) - 1) for i, (head, w) in enumerate(zip(heads, widths))
        )
    return "\n".join(out) + "\n"
