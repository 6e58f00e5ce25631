"""Temporal expressions: find them in text, normalise them to TIMEX3 values, read user dates.

``tag(text, dct)`` finds every temporal expression of a text, TimeML style (TempEval-3 extents,
types DATE/TIME/DURATION/SET, TIMEX3 values), resolving relative ones against the document
creation time and the date the text last mentioned. ``parse_when(text, today)`` reads one date a
user typed. ``to_partial(value)`` turns a TIMEX3 DATE value into the event model's partial date.

Importing this package is cheap: the rules compile on first use, in ``tracker.temporal.tagger``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.temporal.partial import PartialDate

__all__ = ["Timex", "tag", "parse_when", "to_partial"]


@dataclass(frozen=True)
class Timex:
    """One temporal expression: ``text == source[start:end]``; ``type`` is DATE, TIME, DURATION or SET."""

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None


def tag(text: str, dct: date | None = None) -> list[Timex]:
    """Every temporal expression of ``text``, in order, with offsets into ``text`` as given.

    ``dct`` is the document creation (publication) date. Without it, expressions relative to
    the present get underspecified values ("XXXX-XX-XX", "PAST_REF") instead of guesses;
    expressions anchored on a date the text names ("two years later") are still resolved.
    """
    from tracker.temporal.tagger import tag as _tag

    return _tag(text, dct)


def parse_when(text: str, today: date) -> "PartialDate":
    """One date typed by a user ("19 May 2017", "Q2 2017", "last Friday", "3 days ago"...).

    Keeps the precision the user gave: "June 2017" is a month. Raises ValueError
    ("cannot read 'xyz' as a date") when the text is not one date.
    """
    from tracker.temporal.when import parse_when as _parse_when

    return _parse_when(text, today)


def to_partial(value: str) -> "PartialDate | None":
    """A TIMEX3 DATE value as a partial date, or None when it names no calendar period.

    See ``tracker.temporal.when.to_partial`` for the mapping (seasons, decades, fiscal years).
    """
    from tracker.temporal.when import to_partial as _to_partial

    return _to_partial(value)
