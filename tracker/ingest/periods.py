"""The period a date expression of news means, and its partial date.

The tagger gives TIMEX3 values; news means more by some of them: "the end of 2017" is December
2017, "the three months to June" is the second quarter, "now" is the publication day (fiscal
periods: ``dating.fiscal_dates``).
"""

from __future__ import annotations

import re
from datetime import date

from tracker import regex_code
from tracker.temporal import to_partial
from tracker.temporal.partial import PartialDate

# "the end of 2017", "end-2017", "end 2017", "year-end 2017" (GUIDELINES: a figure at the end of a year is of its December)
_END_OF = regex_code.compile(r"\b(?:end\s+of\s+(?:the\s+)?|year[-\s]end\s+)$", re.I)
_END_IN = regex_code.compile(r"\bend(?:\s+of\b|-|\s+(?=\d))", re.I)


# "in the three months to June", "the six months ended September": the quarter or half that closes with that month
_MONTH_COUNTS = {"three": 3, "3": 3, "six": 6, "6": 6, "twelve": 12, "12": 12}

_MONTHS_TO_BEFORE = regex_code.compile(r"\b(three|six|twelve|3|6|12)\s+months\s+(?:to|ended|ending|through|until)\s+$", re.I)


def period_value(text: str, start: int, surface: str, value: str) -> str:
    """A year value as the period the text means by it: "the end of 2017" is December 2017 (the
    words may be broken over lines, "As at the end\n\nof 2017", outside the tagged text). Fiscal
    periods are read by ``dating.fiscal_dates``."""
    months_to = _MONTHS_TO_BEFORE.search(text[max(0, start - 40) : start])
    if months_to and re.fullmatch(r"\d{4}-\d{2}", value):
        return period_ending(value, _MONTH_COUNTS[months_to.group(1).lower()])
    if not re.fullmatch(r"\d{4}", value):
        return value
    if _END_IN.search(surface) or _END_OF.search(text[max(0, start - 20) : start]):
        return f"{value}-12"
    return value


def period_ending(month_value: str, months: int) -> str:
    """The quarter, half or year of ``months`` that ends with the month ``month_value`` ("2018-06", 3:
    "2018-Q2"); the month itself when the period does not align with the calendar."""
    year, month = map(int, month_value.split("-"))
    if month % months:
        return month_value
    return {3: f"{year}-Q{month // 3}", 6: f"{year}-H{month // 6}", 12: str(year)}[months]


def value_date(value: str, dct: date | None, basis: str | None) -> PartialDate | None:
    if value == "PRESENT_REF":
        if dct is None:
            return None
        return PartialDate.of_day(dct) if basis in ("text", "option") else PartialDate.parse(dct.strftime("%Y-%m"))
    if value == "PAST_REF":
        return PartialDate.parse(str(dct.year)) if dct else None
    if value in ("FUTURE_REF",) or "X" in value:
        return None
    return to_partial(value)
