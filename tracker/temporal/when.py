"""Dates typed by a user, and TIMEX3 values as the event model's partial dates."""

from __future__ import annotations

import re
from datetime import date

from tracker.temporal.partial import PartialDate, PartialDateError

# TIMEX3 values that name a calendar period, with what they become
_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:T.*)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{1,2})(?:-WE|-[1-7])?$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_SEASON_QUARTER = {"SP": 2, "SU": 3, "FA": 4}

_CODE = re.compile(
    r"^(?:q([1-4])\s*[-/ ]?\s*'?(\d{4}|\d{2})|(\d{4})\s*[-/ ]?\s*q([1-4])|([1-4])q\s*[-/ ]?\s*'?(\d{4}|\d{2})"
    r"|h([12])\s*[-/ ]?\s*'?(\d{4}|\d{2})|(\d{4})\s*[-/ ]?\s*h([12])|([12])h\s*[-/ ]?\s*'?(\d{4}|\d{2}))$",
    re.IGNORECASE,
)
_MONTH_ONLY = re.compile(
    r"^(?:in\s+)?(january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?$",
    re.IGNORECASE,
)


def to_partial(value: str) -> PartialDate | None:
    """A TIMEX3 DATE (or TIME) value as a partial date, or None when it names no calendar period.

    - ``2017-06-19``, ``2017-06``, ``2017-Q2``, ``2017-H1``, ``2017-W25``, ``2017`` keep their precision;
      a time of day (``2017-06-19T10:00``, ``2017-06-19TMO``) keeps its day; a weekend
      (``2017-W25-WE``) its week.
    - Seasons become the quarter they mostly fall in: spring Q2, summer Q3, fall Q4; winter, which
      straddles two years, becomes its year.
    - Decades (``201``), centuries (``20``), ``PRESENT_REF``/``PAST_REF``/``FUTURE_REF``, durations and
      anything with an unknown part (``XXXX-06``) are None: a partial date has nothing coarser than
      a year, and a decade stored as a year would claim a precision the text does not give.
    """
    if not value or "X" in value:
        return None
    text = value.strip()
    match = _DAY.match(text)
    if match:
        text = match.group(1)
    match = _WEEK.match(text)
    if match:
        text = f"{match.group(1)}-W{int(match.group(2)):02d}"
    match = _SEASON.match(text)
    if match:
        year, season = match.groups()
        text = f"{year}-Q{_SEASON_QUARTER[season]}" if season in _SEASON_QUARTER else year
    try:
        return PartialDate.parse(text)
    except PartialDateError:
        return None


def parse_when(text: str, today: date) -> PartialDate:
    """One date typed by a user, as precise as it was given.

    Reads ISO partial dates (``2017``, ``2017-Q2``, ``2017-H1``, ``2017-06``, ``2017-W25``,
    ``2017-06-19``), quarter and half codes in either order (``Q2 2017``, ``2Q17``, ``H1 2017``),
    anything the tagger reads as one date (``19 May 2017``, ``May 19, 2017``, ``June 2017``, ``the
    third quarter of 2017``, ``yesterday``, ``last Friday``, ``last month``, ``3 days ago``), relative
    to ``today``. A bare weekday or month is the most recent one, today's included ("March" in
    February 2018 is March 2017). Raises ValueError("cannot read 'xyz' as a date") otherwise.
    """
    cleaned = re.sub(r"\s+", " ", text).strip().strip(",.;")
    error = ValueError(f"cannot read {text!r} as a date")
    if not cleaned:
        raise error
    try:
        return PartialDate.parse(cleaned)
    except PartialDateError:
        if re.fullmatch(r"\d{4}-[\dWQH][\d-]*", cleaned, re.IGNORECASE):
            raise error from None      # ISO-looking but invalid, such as 2017-13
    code = _CODE.match(cleaned)
    if code:
        return _from_code(code, today)
    month = _MONTH_ONLY.match(cleaned)
    if month:
        from tracker.temporal.tagger import MONTHS

        number = MONTHS[month.group(1).lower()]
        year = today.year if number <= today.month else today.year - 1
        return PartialDate.parse(f"{year:04d}-{number:02d}")
    if cleaned.lower() in ("now", "today", "right now"):
        return PartialDate.of_day(today)

    from tracker.temporal.tagger import tag

    found = [t for t in tag(cleaned, today) if t.type in ("DATE", "TIME")]
    if len(found) != 1:
        raise error
    timex = found[0]
    rest = (cleaned[: timex.start] + cleaned[timex.end :]).strip(" ,.").lower()
    if rest not in ("", "in", "on", "of", "since", "until", "from", "by", "the"):
        raise error
    partial = to_partial(timex.value)
    if partial is None:
        raise error
    return partial


def _from_code(match: re.Match[str], today: date) -> PartialDate:
    groups = match.groups()
    pairs = ((0, 1, "Q"), (3, 2, "Q"), (4, 5, "Q"), (6, 7, "H"), (9, 8, "H"), (10, 11, "H"))
    for part_index, year_index, kind in pairs:
        if groups[part_index]:
            year = groups[year_index]
            full = int(year) if len(year) == 4 else _two_digit_year(int(year), today)
            return PartialDate.parse(f"{full:04d}-{kind}{groups[part_index]}")
    raise ValueError("unreachable")


def _two_digit_year(yy: int, today: date) -> int:
    century = today.year - today.year % 100
    year = century + yy
    return year - 100 if year > today.year + 20 else year
