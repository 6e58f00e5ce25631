"""Partial dates: an ISO 8601 date only as precise as its source.

An event said to happen "in 2016" is dated ``2016`` (precision year), not 2016-01-01.
Every partial date stands for a range of days, which is what filters and timelines use.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

PRECISIONS = ("year", "half", "quarter", "month", "week", "day", "unknown")

_PATTERNS = (
    ("day", re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")),
    ("week", re.compile(r"^(\d{4})-W(\d{2})$")),
    ("month", re.compile(r"^(\d{4})-(\d{2})$")),
    ("quarter", re.compile(r"^(\d{4})-Q([1-4])$")),
    ("half", re.compile(r"^(\d{4})-H([12])$")),
    ("year", re.compile(r"^(\d{4})$")),
)


class PartialDateError(ValueError):
    """A string that is not an ISO 8601 partial date of a supported precision."""


@dataclass(frozen=True, order=False)
class PartialDate:
    value: str | None
    precision: str
    start: date | None
    end: date | None

    @classmethod
    def unknown(cls) -> "PartialDate":
        return cls(None, "unknown", None, None)

    @classmethod
    def parse(cls, value: str | None) -> "PartialDate":
        """Read ``YYYY``, ``YYYY-Hn``, ``YYYY-Qn``, ``YYYY-MM``, ``YYYY-Www`` or ``YYYY-MM-DD``."""
        if value is None or value == "":
            return cls.unknown()
        text = ascii_digits(value.strip())
        for precision, pattern in _PATTERNS:
            match = pattern.match(text)
            if match:
                try:
                    start, end = _range(precision, *(int(g) for g in match.groups()))
                except (ValueError, OverflowError) as exc:  # 9999-W52 ends after date.max
                    raise PartialDateError(f"not a valid date: {value!r}") from exc
                return cls(text, precision, start, end)
        raise PartialDateError(
            f"not an ISO partial date: {value!r} (expected YYYY, YYYY-Hn, YYYY-Qn, YYYY-MM, YYYY-Www or YYYY-MM-DD)"
        )

    @classmethod
    def of_day(cls, day: date) -> "PartialDate":
        return cls(day.isoformat(), "day", day, day)

    @property
    def known(self) -> bool:
        return self.value is not None

    def sort_key(self) -> tuple:
        """Oldest first; on the same first day a coarser date comes before a finer one; unknown last."""
        if self.start is None:
            return (1, date.max, 0)
        return (0, self.start, -(self.end - self.start).days)

    def overlaps(self, since: date | None, until: date | None) -> bool:
        """True when this date's day range meets the window; an unknown date meets only an open window."""
        if self.start is None:
            return since is None and until is None
        if since is not None and self.end < since:
            return False
        if until is not None and self.start > until:
            return False
        return True

    def __str__(self) -> str:
        return self.value or ""


def ascii_digits(text: str) -> str:
    """Fullwidth, Arabic-Indic and every other decimal digit as its ASCII digit ("２０１７" is
    "2017"), so a stored date is always ASCII: ``\\d`` and ``int`` take them, string order does not."""
    if text.isascii():
        return text
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in text)


def _range(precision: str, year: int, part: int = 0, day: int = 0) -> tuple[date, date]:
    if year < 1:
        raise ValueError("year 0")
    if precision == "year":
        return date(year, 1, 1), date(year, 12, 31)
    if precision == "half":
        return (date(year, 1, 1), date(year, 6, 30)) if part == 1 else (date(year, 7, 1), date(year, 12, 31))
    if precision == "quarter":
        first_month = 3 * (part - 1) + 1
        return date(year, first_month, 1), _month_end(year, first_month + 2)
    if precision == "month":
        return date(year, part, 1), _month_end(year, part)
    if precision == "week":
        monday = date.fromisocalendar(year, part, 1)
        return monday, monday + timedelta(days=6)
    one_day = date(year, part, day)
    return one_day, one_day


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])
