"""Dates typed by a user, and TIMEX3 values as the event model's partial dates."""

from __future__ import annotations

import calendar
import re
from datetime import date

from dataclasses import dataclass
from datetime import timedelta

from tracker.temporal.partial import PartialDate, PartialDateError


class AmbiguousDate(ValueError):
    """A date that reads two ways ("01/06/2017"); the message names both and how to write each.
    ``readings`` holds both days, month first then day first, and ``text`` the date they read,
    for a caller with a configured date order (tracker config's ``date_order``)."""

    def __init__(self, message: str, readings: tuple[date, date] | None = None, text: str = ""):
        super().__init__(message)
        self.readings = readings
        self.text = text


@dataclass(frozen=True)
class Span:
    """The days a --since/--until phrase covers: a partial date's range, "the last 30 days",
    "between 2017 and 2018"; ``reading`` says how the phrase was read, for --verbose."""

    start: date
    end: date
    reading: str
    closed: bool = False  # a range or rolling window: as --since it also ends the window

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
# Numeric months and days. "6/2017", "2017/06": a month. "01/06/2017" reads as 6 January (US) or
# 1 June (most elsewhere): refused unless one part is over 12 or both are the same.
_NUMERIC_MONTH = re.compile(r"^(?:(\d{1,2})\s*[/.-]\s*(\d{4})|(\d{4})\s*[/.]\s*(\d{1,2}))$")
_NUMERIC_DAY = re.compile(r"^(\d{1,2})\s*[/.]\s*(\d{1,2})\s*[/.]\s*(\d{4}|\d{2})$")
# Rolling windows that end today: "last 30 days", "past 6 months", "the previous 2 weeks".
_ROLLING = re.compile(
    r"^(?:in\s+|over\s+|during\s+)?(?:the\s+)?(?:last|past|previous)\s+(\d+|two|three|four|five|six|seven|eight|nine|ten|twelve)"
    r"\s+(day|week|month|quarter|year)s?$",
    re.IGNORECASE,
)
_WORD_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "twelve": 12}
_RANGE = re.compile(r"^(?:between\s+(.+?)\s+and\s+(.+)|from\s+(.+?)\s+(?:to|until|till|through)\s+(.+))$", re.IGNORECASE)
# A phrase naming the future on purpose keeps its future date: "next March".
_FORWARD = re.compile(r"\b(?:next|coming|upcoming|this|following)\b", re.IGNORECASE)
_MONTH_NAME = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b", re.IGNORECASE
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
    to ``today``. A date written without a year is the most recent one, today's included ("March"
    or "June 1" in February 2018 are in 2017), unless it says "next" or "this". Numeric months
    ``6/2017`` and ``2017/06``; numeric days read month first or day first only when the other
    reading is impossible (``13/06/2017``), else refused as ambiguous (``01/06/2017``). A year
    with a position word is narrowed: "end of 2017", "late 2017" → 2017-Q4; "early 2017" →
    2017-Q1; "mid-2017" is refused. Raises ValueError("cannot read 'xyz' as a date") otherwise.
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
    numeric = _NUMERIC_MONTH.match(cleaned) or _NUMERIC_DAY.match(cleaned)
    if numeric:
        return _numeric(numeric, text, today)
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
    partial = _narrowed(partial, timex.mod, text)
    if partial.start > today and _MONTH_NAME.search(timex.text) and not _has_year(timex.text) and not _FORWARD.search(cleaned):
        partial = _year_before(partial)  # "June 1", "since March": the most recent one, not next year's
    return partial


def _has_year(text: str) -> bool:
    return bool(re.search(r"\b\d{4}\b|'\d{2}\b", text))


def _year_before(partial: PartialDate) -> PartialDate:
    value = partial.value or ""
    return PartialDate.parse(f"{int(value[:4]) - 1:04d}{value[4:]}")


def _narrowed(partial: PartialDate, mod: str | None, text: str) -> PartialDate:
    """A year with a position word, narrowed as a report would: "end of 2017", "late 2017" → its
    fourth quarter; "early 2017", "beginning of 2017" → its first. "mid-2017" straddles Q2 and Q3
    and is refused. Months and quarters keep their period ("late June" is June)."""
    if partial.precision != "year" or mod is None:
        return partial
    year = partial.value
    if mod == "END":
        return PartialDate.parse(f"{year}-Q4")
    if mod == "START":
        return PartialDate.parse(f"{year}-Q1")
    raise ValueError(f"{text!r} names no calendar period: say {year}-H1, {year}-Q2, {year}-Q3 or {year}-06")


def _numeric(match: re.Match[str], text: str, today: date) -> PartialDate:
    groups = match.groups()
    if len(groups) == 4:  # a month: 6/2017 or 2017/06
        month, year = (groups[0], groups[1]) if groups[0] else (groups[3], groups[2])
        try:
            return PartialDate.parse(f"{int(year):04d}-{int(month):02d}")
        except PartialDateError:
            raise ValueError(f"cannot read {text!r} as a date (no month {int(month)})") from None
    first, second, year_text = int(groups[0]), int(groups[1]), groups[2]
    year = int(year_text) if len(year_text) == 4 else _two_digit_year(int(year_text), today)
    if first <= 12 and second <= 12 and first != second:
        month_first, day_first = date(year, first, second), date(year, second, first)
        raise AmbiguousDate(
            f"{text!r} is ambiguous: {month_first:%-d %B %Y} read month first, {day_first:%-d %B %Y} read day first; "
            f"write {month_first.isoformat()} or {day_first.isoformat()}",
            (month_first, day_first),
            text,
        )
    month, day = (second, first) if first > 12 else (first, second)
    try:
        return PartialDate.of_day(date(year, month, day))
    except ValueError:
        raise ValueError(f"cannot read {text!r} as a date") from None


def parse_span(text: str, today: date) -> Span:
    """The days a --since/--until phrase covers, ending today at the latest for rolling windows.

    Reads everything ``parse_when`` reads (a date's range of days), plus rolling windows that end
    today ("last 30 days": the 30 days before today and today; "past 6 months"; "the previous 2
    weeks") and ranges ("between 2017 and 2018", "from March 2017 to June 2017"). Raises
    ValueError when the text is none of these.
    """
    cleaned = re.sub(r"\s+", " ", text).strip().strip(",.;")
    rolling = _ROLLING.match(cleaned)
    if rolling:
        count = int(rolling.group(1)) if rolling.group(1).isdigit() else _WORD_NUMBERS[rolling.group(1).lower()]
        start = _back(today, count, rolling.group(2).lower())
        return Span(start, today, f"{start.isoformat()} to {today.isoformat()} (today)", closed=True)
    between = _RANGE.match(cleaned)
    if between:
        first_text, last_text = (between.group(1), between.group(2)) if between.group(1) else (between.group(3), between.group(4))
        first, last = parse_when(first_text, today), parse_when(last_text, today)
        if first.start > last.end:
            raise ValueError(f"{text!r} ends before it starts")
        return Span(first.start, last.end, f"{first.value} to {last.value}", closed=True)
    partial = parse_when(cleaned, today)
    return Span(partial.start, partial.end, partial.value or "")


def _back(today: date, count: int, unit: str) -> date:
    if unit == "day":
        return today - timedelta(days=count)
    if unit == "week":
        return today - timedelta(weeks=count)
    months = count * {"month": 1, "quarter": 3, "year": 12}[unit]
    total = today.year * 12 + today.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    return date(year, month, min(today.day, calendar.monthrange(year, month)[1]))


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
