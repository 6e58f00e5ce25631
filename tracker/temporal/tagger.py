"""A rule-based temporal tagger in the spirit of HeidelTime.

Recognition: a list of regular-expression rules (``_RULES``), each tied to a normaliser. Every
rule runs over the whole text; overlapping candidates are settled longest first. Extents follow
the TempEval-3 (TimeML) conventions learnt from its training data: modifiers such as "the",
"early", "last", "nearly" belong to the expression, prepositions ("on", "in", "since") do not.

Normalisation: in text order, so relative expressions can use the reference date the text last
named ("two years later", "the same year", "a year earlier" in an earnings report). Weekday names
and bare months are placed before or after the document creation time by the tense of the
nearest verb.

Values are TIMEX3: ``2017-06-19``, ``2017-06``, ``2017-Q2``, ``2017-H1``, ``2017-W25``,
``2017-SU``, ``201`` (a decade), ``PRESENT_REF``, ``P3Y``, ``PT2H``, ``XXXX-WXX-3`` ...
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Callable, NamedTuple

from tracker import regex_code
from tracker.intervals import DisjointSpans
from tracker.prefilter import HeadsOf, Occurrences, finditer_at, fold, necessary_prefixes, starts_a_word
from tracker.temporal import Timex

# --------------------------------------------------------------------------------------------
# Lexicon

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
    "sunday": 7, "mon": 1, "tue": 2, "tues": 2, "wed": 3, "thu": 4, "thur": 4, "thurs": 4,
    "fri": 5, "sat": 6, "sun": 7,
}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21,
    "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "21st": 21,
}
_UNITS_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}
UNIT_CODES = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D", "week": "W",
    "weekend": "WE", "fortnight": "2W", "month": "M", "quarter": "Q", "year": "Y",
    "decade": "DE", "century": "CE", "millennium": "ML",
}
SETS = {
    "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M", 
    "yearly": "P1Y", "annually": "P1Y", "hourly": "PT1H", "biweekly": "P2W", "semiannually": "P6M",
    "semi-annually": "P6M", "biannually": "P6M",
}
PARTS_OF_DAY = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
    "midday": "MI", "noon": "MI",
}
HOLIDAYS = {
    "christmas day": (12, 25), "christmas eve": (12, 24), "christmas": (12, 25),
    "new year's day": (1, 1), "new year's eve": (12, 31), "new year's": (1, 1),
    "independence day": (7, 4), "halloween": (10, 31), "valentine's day": (2, 14),
    "boxing day": (12, 26), "veterans day": (11, 11), "labor day": ("1", 9, 1),
    "memorial day": ("L", 5, 1), "thanksgiving day": ("4", 11, 4), "thanksgiving": ("4", 11, 4),
    # the Chinese online shopping festival
    "singles' day": (11, 11), "double 11": (11, 11), "double eleven": (11, 11),
}
# holiday names that are no common words, so also names in lower-case (machine-translated) text
_PROPER_IN_LOWER_CASE = ("singles' day", "double 11", "double eleven")

# --------------------------------------------------------------------------------------------
# Regular-expression building blocks (all rules run case-insensitively; handlers check case
# where it matters: the verb "may", "march", the abbreviations "sun", "sat", "wed")

_MON = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan\.?|feb\.?|mar\.?|apr\.?|jun\.?|jul\.?|aug\.?|sept\.?|sep\.?|oct\.?|nov\.?|dec\.?)(?![a-z])"
)
_WD = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon\.|tues?\.|wed\.|thu(?:rs?)?\.|fri\.|sat\.|sun\.)"
)
_DAYN = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?"
_DAYORD = r"(?:" + "|".join(k for k in ORDINALS if not k[0].isdigit()) + r")"
_YEAR = r"(?:1[0-9]{3}|20[0-9]{2})"
_YY = r"'[0-9]{2}"
_SEASON = r"(?:spring|summer|fall|autumn|winter)"
_NUMWORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen)"
)
_NUM = (
    r"(?:(?:a|one|two|three|four|five|six|seven|eight|nine|ten|[0-9]+)[- ](?:hundred|thousand)(?:[- ](?:and[- ])?" + _NUMWORD + r")?"
    r"|" + _NUMWORD + r"(?:[- ]and[- ]a[- ]half)?"
    r"|[0-9]+(?:\.[0-9]+)?(?: 1/2|[- ]and[- ]a[- ]half)?"
    r"|an?(?:[- ]half)?|a[- ]few|a[- ]couple(?:[- ]of)?|couple(?:[- ]of)?|several|few|some|many|a[- ]dozen|dozens[- ]of|half[- ]an?|one[- ]and[- ]a[- ]half|a[- ](?:year|month|week|day)[- ]and[- ]a[- ]half)"
)
_UNIT = r"(?:second|minute|hour|day|night|week|weekend|fortnight|month|quarter|year|decade|century|centuries|millennium)"
# approximators TimeBank keeps inside the extent ("nearly two years", "more than four hours");
# "about", "over", "within", "only", "just", "almost" stay outside
_APPROX = (
    r"(?:around|approximately|roughly|nearly|some|more[- ]than|less[- ]than|fewer[- ]than"
    r"|at[- ]least|at[- ]most|up[- ]to|no[- ]more[- ]than|no[- ]less[- ]than)"
)
_APPROX_MOD = {
    "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
    "nearly": "APPROX", "almost": "APPROX", "some": "APPROX", "close to": "APPROX",
    "more than": "MORE_THAN", "over": "MORE_THAN", "just over": "MORE_THAN", "well over": "MORE_THAN",
    "less than": "LESS_THAN", "fewer than": "LESS_THAN", "under": "LESS_THAN", "just under": "LESS_THAN",
    "at least": "EQUAL_OR_MORE", "no less than": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS",
    "up to": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS", "within": "EQUAL_OR_LESS",
}
# position modifiers before a period: "early 2017", "mid-April", "the end of June"
_POS = (
    r"(?:(?:the[- ])?(?:very[- ])?(?:early|earlier|late|later|mid|middle|end|beginning|start|close|turn|dawn|spring|summer|fall|autumn|winter|rest|remainder|first[- ]days|last[- ]days|first[- ]weeks|last[- ]weeks)"
    r"(?:[- ](?:part[- ])?of)?(?:[- ]|(?<=mid)-|(?<=mid)))"
)
_POS_MOD = {"early": "START", "beginning": "START", "start": "START", "dawn": "START",
            "first": "START", "mid": "MID", "middle": "MID", "late": "END", "end": "END",
            "close": "END", "last": "END", "turn": "END"}

_L = r"(?<![\w$£€¥#.'/-])"     # left edge: not inside a word, a number or an amount
_R = r"(?![\w%/]|[.,][0-9]|-\w)"   # right edge


class _Rule(NamedTuple):
    name: str
    pattern: str
    priority: int = 0


_RULES: tuple[_Rule, ...] = (
    # explicit dates ---------------------------------------------------------------------------
    _Rule("iso", r"(?P<y>" + _YEAR + r")-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12][0-9]|3[01])(?:T(?P<hh>[0-2][0-9]):(?P<mi>[0-5][0-9])(?::[0-5][0-9])?)?"),
    _Rule("ymd_slash", r"(?P<y>" + _YEAR + r")/(?P<m>0?[1-9]|1[0-2])/(?P<d>0?[1-9]|[12][0-9]|3[01])"),
    _Rule("mdy_slash", r"(?P<m>0?[1-9]|1[0-2])/(?P<d>0?[1-9]|[12][0-9]|3[01])/(?P<y>" + _YEAR + r"|[0-9]{2})"),
    _Rule("mdy", _POS + r"?(?P<mon>" + _MON + r")\s+(?P<d>" + _DAYN + r")(?:\s*,\s*|\s+)(?P<y>" + _YEAR + r")"),
    _Rule("dmy", _POS + r"?(?:the\s+)?(?P<d>" + _DAYN + r"|" + _DAYORD + r")(?:\s+of)?\s+(?P<mon>" + _MON + r")(?:\s*,?\s*(?P<y>" + _YEAR + r"))?"),
    _Rule("md", _POS + r"?(?P<mon>" + _MON + r")\s+(?P<d>" + _DAYN + r")(?![0-9:]|\s*,\s*[0-9]{4})(?:(?P<and>\s+(?:and|or|to|through)\s+|-)(?P<d2>" + _DAYN + r")(?![0-9:]))?"),
    _Rule("month_rel_year", _POS + r"?(?P<mon>" + _MON + r")(?:\s+of)?\s+(?P<rel>this|last|next|that|the\s+same|the\s+previous|the\s+following)\s+year"),
    _Rule("spelled_year", r"(?:(?:(?P<mon>" + _MON + r")|(?:the\s+)?(?P<season>" + _SEASON + r")(?:\s+of)?|the\s+year)\s+)?(?P<sy>nineteen[- ](?:hundred(?:[- ]and)?[- ])?(?:" + _NUMWORD + r")|two[- ]thousand(?:[- ](?:and[- ])?(?:" + _NUMWORD + r"))?)"),
    _Rule("my", _POS + r"?(?P<mon>" + _MON + r")(?:\s*,\s*|\s+of\s+|\s+)(?P<y>" + _YEAR + r"|" + _YY + r")"),
    _Rule("month", r"(?:" + _POS + r"|(?:the\s+)?(?P<rel>this|last|next|past|previous|coming|following|same|that|earlier\s+this|later\s+this|early\s+next|early\s+last|late\s+last|late\s+next)\s+)?(?P<mon>" + _MON + r")"),
    _Rule("season", r"(?:" + _POS + r"|(?:the\s+)?(?P<rel>this|last|next|past|previous|coming|following|same|that|earlier\s+this|later\s+this|early\s+next|early\s+last|late\s+last|late\s+next)\s+|the\s+)?(?P<season>" + _SEASON + r")(?:\s+(?:of\s+)?(?P<y>" + _YEAR + r"))?"),
    _Rule("year", r"(?:" + _POS + r"|(?:the\s+)?(?:fiscal|calendar|financial|model|tax)(?:\s+year)?\s+|fy\s*|(?:the\s+)?year\s+)?(?P<y>" + _YEAR + r")(?:\s*(?:-|/|to|through)\s*(?P<y2>[0-9]{2}|" + _YEAR + r"))?"),
    _Rule("fy", r"fy\s?'?(?P<yy>[0-9]{2})(?:/(?P<yy2>[0-9]{2}))?"),
    _Rule("decade", r"(?:" + _POS + r"|the\s+)?(?:(?P<dec>1[0-9]{2}|20[0-9])0'?s|'?(?P<dec2>[0-9])0'?s|(?:nineteen[- ])?(?P<decw>" + "|".join(DECADE_WORDS) + r"))"),
    _Rule("century", r"(?:" + _POS + r"|the\s+)?(?:(?P<cen>[0-9]{1,2})(?:st|nd|rd|th)|(?P<cenw>" + _DAYORD + r"))[- ]century"),
    # quarters, halves -------------------------------------------------------------------------
    # "April-June 2024", "July to September 2018": a span of months named by its ends
    _Rule("month_range", r"(?P<mon>" + _MON + r")\s*(?:-|–|—|to|through|until)\s*(?P<mon2>" + _MON + r")(?:\s*,\s*|\s+)(?P<y>" + _YEAR + r")"),
    # "January-March", "April–June": a span of months without its year, written with a dash
    _Rule("month_range_bare", r"(?P<mon>" + _MON + r")\s*(?:-|–|—)\s*(?P<mon2>" + _MON + r")(?![\s,-]*[0-9])"),
    # "the December 2024 quarter": the quarter that ends in that month (GUIDELINES "The June quarter")
    _Rule("month_year_quarter", r"(?:the\s+)?(?P<mon>" + _MON + r")[\s-]+(?P<y>" + _YEAR + r")[\s-]+quarter"),
    _Rule("qcode", r"(?:(?P<q>[1-4])q|q(?P<q2>[1-4]))(?:\s*|-|')(?P<y>" + _YEAR + r"|[0-9]{2})?|(?P<y3>" + _YEAR + r")[- ]?q(?P<q3>[1-4])"),
    _Rule("hcode", r"(?:(?P<h>[12])h|h(?P<h2>[12]))(?:\s*|-|')(?P<y>" + _YEAR + r"|[0-9]{2})|(?P<y3>" + _YEAR + r")[- ]?h(?P<h3>[12])"),
    _Rule("quarter", r"(?:(?P<the>the)\s+)?(?P<adj>(?:(?:first|second|third|fourth|1st|2nd|3rd|4th|final|last|latest|current|previous|prior|past|next|coming|same|recent|most\s+recent|year-earlier|year-ago|comparable|fiscal|calendar|" + _MON + r")[\s-]+)*)(?P<fiscal2>fiscal[\s-]+)?quarter(?P<tail>(?:\s+(?:of|in|for)\s+(?:the\s+)?(?:(?:fiscal|calendar)\s+)?(?:year\s+)?" + _YEAR + r"|\s+of\s+(?:this|last|next|the)\s+(?:fiscal\s+)?year|\s+of\s+fiscal\s+" + _YEAR + r"|,?\s+" + _YEAR + r"|\s+" + _YY + r")?)"),
    _Rule("quarter_of_year", r"(?:(?P<rel>this|last|next)\s+year's|(?:the\s+)?(?P<y>" + _YEAR + r")(?:'s)?)\s+(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final|last)?[\s-]*(?P<unit>quarter|half|period)"),
    _Rule("half", r"(?:(?P<the>the)\s+)?(?P<ord>first|second|1st|2nd|latter|last|back|front)[\s-]+half(?P<tail>(?:\s+of\s+(?:the\s+)?(?:(?:fiscal|calendar)\s+)?(?:year\s+)?" + _YEAR + r"|\s+of\s+(?:this|last|next|the)\s+(?:fiscal\s+)?year|,?\s+" + _YEAR + r")?)"),
    # relative dates ---------------------------------------------------------------------------
    _Rule("rel_unit", r"(?:" + _POS + r")?(?:the\s+)?(?P<rel>this|last|next|past|previous|coming|current|following|same|that|prior|upcoming|preceding|present)\s+(?P<fiscal>fiscal\s+|calendar\s+)?(?P<unit>week(?:end)?|month|year|quarter|decade|century|half|day)(?!-|\s+(?:and\s+a\s+half|or\s+(?:two|so)))"),
    _Rule("this_morning", r"(?:(?P<rel>this|that|yesterday|tomorrow|last|the\s+next|the\s+following|the\s+previous|early\s+this|late\s+this|earlier\s+this|later\s+this)\s+)(?P<part>morning|afternoon|evening|night)"),
    _Rule("period_ago", r"(?:the\s+)?(?:comparable\s+|corresponding\s+)?(?:year-earlier|year-ago|year-before|prior[\s-]year|comparable|corresponding|same)\s+(?:period|quarter|nine\s+months|six\s+months|months?)(?:\s+(?:a\s+year\s+(?:ago|earlier)|(?:of\s+)?last\s+year|(?:of\s+)?(?:the\s+)?(?:previous|prior)\s+year))?|the\s+quarter\s+a\s+year\s+(?:ago|earlier)"),
    _Rule("deictic", r"(?P<w>(?:(?:early|late|earlier|later)\s+)?(?:today|yesterday)|tonight|yesterday|tomorrow|now|nowadays|currently|presently|recently|lately|soon|the\s+present|the\s+future|the\s+near\s+future|the\s+distant\s+future|the\s+past|the\s+recent\s+past|these\s+days|this\s+time|right\s+now|the\s+moment|at\s+present|once|formerly|previously|earlier|recent|current|future|former|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|the\s+same\s+day|that\s+day|the\s+next\s+day|the\s+following\s+day|the\s+previous\s+day|the\s+day\s+before|the\s+day\s+after|the\s+same\s+time|that\s+time|the\s+time|the\s+year|the\s+week|the\s+month|the\s+day|the\s+weekend|the\s+quarter|the\s+period|the\s+(?:latest|most\s+recent|current|comparable)\s+period|the\s+full\s+year|the\s+whole\s+year|the\s+entire\s+year|the\s+latest\s+fiscal\s+year|the\s+fiscal\s+year|recent\s+years|the\s+years|overnight|year-earlier|year-ago|year-before|year-end|year\s+end|yearend|mid-?year|midyear|year-to-date|mid-?week|the\s+end\s+of\s+the\s+(?:year|month|week|quarter|day|decade))"),
    _Rule("wd_date", r"(?P<wd>" + _WD + r"),?\s+(?:the\s+)?(?:(?P<mon>" + _MON + r")\s+(?P<d>" + _DAYN + r")|(?P<d2>" + _DAYN + r")(?:\s+of)?\s+(?P<mon2>" + _MON + r"))(?:\s*,?\s*(?P<y>" + _YEAR + r"))?"),
    _Rule("weekday", r"(?:(?P<rel>last|next|this|that|early|late|earlier|later|past|coming|this\s+coming|previous|following)\s+)?(?P<wd>" + _WD + r")(?:\s+(?P<part>morning|afternoon|evening|night))?"),
    _Rule("weekdays_set", r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)s(?:\s+(?P<part>morning|afternoon|evening|night)s?)?"),
    _Rule("holiday", r"(?P<name>christmas\s+day|christmas\s+eve|christmas|new\s+year's\s+day|new\s+year's\s+eve|new\s+year's|independence\s+day|halloween|valentine's\s+day|boxing\s+day|veterans\s+day|labor\s+day|memorial\s+day|thanksgiving\s+day|thanksgiving|singles['’]\s+day|double[\s-]?(?:11|eleven))(?:\s+(?P<y>" + _YEAR + r"))?"),
    # N units ago / earlier / later, and durations ---------------------------------------------
    _Rule("ago", r"(?:(?P<approx>" + _APPROX + r")\s+)?(?P<num>" + _NUM + r")[\s-]+(?P<unit>" + _UNIT + r")s?(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|later|before|after|hence|from\s+now|back|since|previously|in\s+the\s+future)", 1),
    _Rule("duration", r"(?:(?P<approx>" + _APPROX + r")\s+)?(?:(?P<the>the)\s+)?(?:(?P<pre>past|last|next|first|previous|coming|following|latest|final|remaining|recent|initial|same|ensuing|preceding|subsequent|intervening|past\s+few|last\s+few|next\s+few|first\s+few|other|few|additional|further)\s+)?(?P<num>" + _NUM + r")[\s-]+(?:(?:more|additional|full|straight|consecutive|trading|business|working|calendar|long|further|extra|successive|fiscal)\s+)?(?P<unit>" + _UNIT + r")s?(?P<old>-old|\s+old)?(?:\s+or\s+(?:so|more))?"),
    _Rule("duration_span", r"(?:(?P<approx>" + _APPROX + r")\s+)?(?:(?P<the>the)\s+)?(?:(?P<pre>past|last|next|first|coming|previous|following)\s+)?(?P<num>" + _NUM + r")(?:\s+(?:to|or)\s+|-)(?P<num2>" + _NUM + r")[\s-]+(?P<unit>" + _UNIT + r")s?"),
    _Rule("units", r"(?:(?P<the>the)\s+)?(?:(?P<pre>past|last|next|coming|recent|several|many|few|some|the\s+past\s+several|the\s+next\s+several|early|later|previous|ensuing|following|subsequent|first|final|intervening)\s+)?(?P<unit>second|minute|hour|day|week|month|quarter|year|decade|centurie)s(?P<old>-old)?(?!\s+(?:ago|earlier|later))"),
    _Rule("unit_long", r"(?P<unit>decade|year|month|week|day|hour|centur(?:y|ie))s?-long"),
    _Rule("set", r"(?P<w>" + "|".join(SETS) + r")|(?:(?P<every>every|each|per)\s+(?:other\s+)?(?:(?P<num>" + _NUM + r")\s+)?(?P<unit>second|minute|hour|day|night|week|weekend|month|quarter|year|decade|" + _WD + r"|" + _MON + r"|" + _SEASON + r")s?(?:\s+(?P<part>morning|afternoon|evening|night))?)"),
    _Rule("times_a", r"(?:once|twice|thrice|(?:" + _NUMWORD + r"|[0-9]+)\s+times)\s+(?P<set>an?\s+(?P<unit>day|week|month|year|quarter|hour|minute))"),
    # clock times ------------------------------------------------------------------------------
    _Rule("clock", r"(?:(?P<approx>about|around|approximately|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?(?P<h>[01]?[0-9]|2[0-3])(?:[:.](?P<mi>[0-5][0-9]))?\s*(?P<ap>a\.m\.?|p\.m\.?|am|pm)?(?:\s+(?P<tz>EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|BST|CET|ET|local\s+time))?(?P<tail>,?\s+(?:(?:on\s+)?" + _WD + r"|today|yesterday|tomorrow|" + _MON + r"\s+" + _DAYN + r"))?", -1),
    _Rule("clock_word", r"(?:(?P<approx>about|around|shortly\s+before|shortly\s+after|just\s+before|just\s+after)\s+)?(?P<w>noon|midnight|midday|mid-?morning|mid-?afternoon|mid\s+afternoon|dawn|dusk|daybreak|sunrise|sunset)(?P<tail>\s+(?:today|yesterday|tomorrow|" + _WD + r"))?"),
    _Rule("part_wd", r"(?P<part>morning|afternoon|evening|night)\s+of\s+(?P<mon>" + _MON + r")\s+(?P<d>" + _DAYN + r")"),
)


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[_Rule, re.Pattern[str]], ...]:
    return tuple((rule, regex_code.compile(_L + "(?:" + rule.pattern + ")" + _R, re.IGNORECASE)) for rule in _RULES)


def rule_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(name, compiled pattern) of each rule, as ``tag`` searches them (``tracker.prefilter_table``)."""
    return tuple((rule.name, regex) for rule, regex in _compiled())


@lru_cache(maxsize=1)
def _rule_prefixes() -> tuple[tuple[frozenset[str] | None, bool], ...]:
    """Per rule, the strings one of which a text holds where the rule matches, and whether its
    matches start after no word character (``tracker.prefilter``)."""
    return tuple((necessary_prefixes(regex), starts_a_word(regex)) for _rule, regex in _compiled())


@lru_cache(maxsize=1)
def _rule_heads() -> HeadsOf:
    """Where the word-starting rules' prefixes start a word in a text (one trie pattern: cheaper
    than every word's heads of 1-4 characters, now that few prefixes are one character long)."""
    return HeadsOf(frozenset().union(*(prefixes for prefixes, word_start in _rule_prefixes() if prefixes and word_start)))


# --------------------------------------------------------------------------------------------
# Calendar points


class Point(NamedTuple):
    """A calendar period: granularity g in D M W Q H Y S (season) DEC CEN; n = month/week/..."""

    g: str
    y: int
    n: int = 0
    d: int = 0

    @property
    def value(self) -> str:
        g, y, n, d = self
        if g == "D":
            return f"{y:04d}-{n:02d}-{d:02d}"
        if g == "M":
            return f"{y:04d}-{n:02d}"
        if g == "W":
            return f"{y:04d}-W{n:02d}"
        if g == "Q":
            return f"{y:04d}-Q{n}"
        if g == "H":
            return f"{y:04d}-H{n}"
        if g == "S":
            return f"{y:04d}-{('SP', 'SU', 'FA', 'WI')[n - 1]}"
        if g == "DEC":
            return f"{y // 10:03d}"
        if g == "CEN":
            return f"{y // 100:02d}"
        return f"{y:04d}"

    def start(self) -> date:
        g, y, n, d = self
        if g == "D":
            return date(y, n, d)
        if g == "M":
            return date(y, n, 1)
        if g == "W":
            return date.fromisocalendar(y, n, 1)
        if g == "Q":
            return date(y, 3 * n - 2, 1)
        if g == "H":
            return date(y, 6 * n - 5, 1)
        if g == "S":
            return date(y, (3, 6, 9, 12)[n - 1], 1)
        if g == "DEC":
            return date(y - y % 10, 1, 1)
        if g == "CEN":
            return date(y - y % 100, 1, 1)
        return date(y, 1, 1)


def at(day: date, g: str) -> Point:
    """The period of granularity ``g`` that contains ``day``."""
    if g == "D":
        return Point("D", day.year, day.month, day.day)
    if g == "M":
        return Point("M", day.year, day.month)
    if g == "W":
        iso = day.isocalendar()
        return Point("W", iso[0], iso[1])
    if g == "Q":
        return Point("Q", day.year, (day.month - 1) // 3 + 1)
    if g == "H":
        return Point("H", day.year, 1 if day.month <= 6 else 2)
    if g == "DEC":
        return Point("DEC", day.year - day.year % 10)
    if g == "CEN":
        return Point("CEN", day.year - day.year % 100)
    return Point("Y", day.year)


def add_months(day: date, months: int) -> date:
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    if year < 1:
        raise ValueError("before year 1")
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


_UNIT_MONTHS = {"M": 1, "Q": 3, "H": 6, "Y": 12, "DE": 120, "CE": 1200}


def shift(point: Point, amount: float, unit: str, g: str | None = None) -> Point:
    """``point`` moved by ``amount`` units (D W M Q H Y DE CE), expressed at granularity ``g``."""
    g = g or point.g
    base = point.start()
    if unit == "D":
        return at(base + timedelta(days=round(amount)), g)
    if unit == "W":
        return at(base + timedelta(days=round(7 * amount)), g)
    moved = add_months(base, round(amount * _UNIT_MONTHS[unit]))
    if g == "S":
        return Point("S", moved.year, point.n)
    return at(moved, g)


# --------------------------------------------------------------------------------------------
# Numbers


def number(text: str) -> float | None:
    """The value of a number phrase ("two", "twenty-five", "2 1/2", "a couple of"); None when vague."""
    t = re.sub(r"[\s-]+", " ", text.lower().strip())
    if t in ("a few", "few", "several", "some", "many", "dozens of", "a couple", "a couple of", "couple", "couple of") and "couple" not in t:
        return None
    if "couple" in t:
        return 2
    if t in ("a", "an", "one"):
        return 1
    if t in ("half a", "half an", "a half"):
        return 0.5
    if t == "a dozen":
        return 12
    if t.startswith("a ") and t.endswith(" and a half"):
        return 1.5
    half = 0.0
    for suffix in (" and a half", " 1/2"):
        if t.endswith(suffix):
            half, t = 0.5, t[: -len(suffix)]
    if re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", t):
        return float(t) + half
    total = 0
    for word in t.split():
        if word == "and":
            continue
        if word in ("hundred", "thousand"):
            total = (total or 1) * (100 if word == "hundred" else 1000)
        elif word in _UNITS_WORDS:
            total += _UNITS_WORDS[word]
        elif word in _TENS_WORDS:
            total += _TENS_WORDS[word]
        elif word == "a" and not total:
            total = 1
        elif word.isdigit():
            total += int(word)
        else:
            return None
    return total + half


def duration_value(amount: float | None, unit: str) -> str:
    """TIMEX3 duration: P3Y, PT2H, P2Y6M, PXY (amount None)."""
    code = UNIT_CODES.get(unit, "X")
    time_unit = unit in ("second", "minute", "hour")
    prefix = "PT" if time_unit else "P"
    if code == "WE":
        code = "WE" if amount is None else "D"
        if amount is not None:
            amount *= 2
    if code == "2W":
        code = "W"
        amount = None if amount is None else amount * 2
    if amount is None:
        return prefix + "X" + code
    if code == "DE":
        amount, code = amount * 10, "Y"
    elif code == "CE":
        amount, code = amount * 100, "Y"
    elif code == "ML":
        amount, code = amount * 1000, "Y"
    if amount != int(amount):
        # fractions: 2 1/2 years = P2Y6M, 1 1/2 hours = PT1H30M, half a day = PT12H
        smaller = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("M", 60), "Q": ("M", 3)}
        if code in smaller:
            sub, factor = smaller[code]
            whole = int(amount)
            rest = round((amount - whole) * factor)
            if code == "D":
                return (f"P{whole}DT{rest}H" if whole else f"PT{rest}H")
            if code == "H":
                return (f"PT{whole}H{rest}M" if whole else f"PT{rest}M")
            if code == "Q":
                return f"P{whole * 3 + rest}M"
            return f"P{whole}{code}{rest}{sub}" if whole else f"P{rest}{sub}"
        return prefix + f"{amount:g}" + code
    return prefix + f"{int(amount)}{code}"


# --------------------------------------------------------------------------------------------
# Context: sentences, tense


_FUTURE = regex_code.compile(
    r"\b(?:will|'ll|shall|going\s+to|plans?|planning|scheduled|expects?|expected|expecting|"
    r"intends?|aims?|hopes?|would|could|should|must|may|might|can|upcoming|due|wo\s*n't|"
    r"won't|next|forecasts?|projected|slated|anticipated|tomorrow|until|begins?|starts?|"
    r"is\s+to|are\s+to|set\s+to|as\s+soon\s+as|as\s+early\s+as|by)\b(?!-\w)",
    re.IGNORECASE,
)
_PAST = regex_code.compile(
    r"\b(?:was|were|had|did|said|told|made|took|came|went|got|rose|fell|held|met|left|won|lost|"
    r"sold|bought|paid|began|gave|saw|knew|thought|found|became|brought|ran|spoke|wrote|"
    r"ago|earlier|yesterday|[a-z]+ed)\b",
    re.IGNORECASE,
)
_NOT_PAST = {"expected", "scheduled", "planned", "proposed", "need", "speed", "seed", "feed", "bed",
             "red", "led", "indeed", "based", "related", "limited", "united", "unexpected", "interested",
             "concerned", "hundred", "detailed", "advanced", "so-called", "armed", "aged", "fixed", "noted",
             "anticipated", "slated", "projected", "weekend", "proceed", "exceed", "succeed", "shed"}
# "..., the oil company said in a statement.": a reporting verb in a clause of its own at the end
_ATTRIBUTION = regex_code.compile(r",\s+(?:[\w.&'’-]+\s+){1,4}$")
_ATTRIBUTION_END = regex_code.compile(r"\s*(?:(?:in|on|at|to|late|early|during|according)\b[^,;]{0,60})?[.;!?\"”]*\s*$")
_PAST_AUXILIARY = {"was", "were", "had", "did", "ago", "earlier", "yesterday"}  # past whatever precedes them
_PASSIVE = regex_code.compile(r"\b(?:be|been|being|is|are|am|to|will|would|'s|get|gets|the|a|an|its|their|his|her|our|this|that)\s+(?:\w+ly\s+)?$", re.IGNORECASE)


# what may stand between a deadline's "by" and its date: "by Friday", "by the end of June"
_BY_DEADLINE = regex_code.compile(r"\s*(?:the\s+(?:end|middle|start|beginning|close)\s+of\s+)?(?:the\s+)?", re.IGNORECASE)


# "plan(s)" after a determiner, a possessive, an adjective of time or a verb that takes it as object is the noun
_PLAN_NOUN = regex_code.compile(r"\b(?:the|its|their|his|her|our|your|a|any|these|those|such|new|no|earlier|previous|"
                                r"announced|unveiled|outlined|revealed|detailed|scrapped|dropped|shelved|approved|"
                                r"announces|unveils|outlines|reveals|details|scraps|drops|shelves|approves)\s+$", re.IGNORECASE)
_REPORTED_AFTER = regex_code.compile(r",?\s+that\s+(?!year|month|week|day|quarter|time|period|same)", re.IGNORECASE)

_QUOTED = regex_code.compile(r"“[^”]{3,}?”|\"[^\"\n]{3,}?\"")


def _quoted_spans(text: str, left: int, right: int, start: int, end: int) -> list[tuple[int, int]]:
    """Quotations in text[left:right] that do not contain text[start:end]."""
    return [(q.start(), q.end()) for q in _QUOTED.finditer(text, left, right) if not (q.start() <= start and end <= q.end())]


def tense_near(text: str, start: int, end: int) -> str:
    """'future', 'past' or '' from the tense marker nearest to text[start:end] in its sentence.

    Markers: future auxiliaries and verbs of intention ("will", "expects", "is scheduled"),
    past forms ("was", "said", regular "-ed" verbs, not passive participles after "be").
    Distance is counted in words; a marker on the left wins a tie.
    """
    # the window is at most 160 characters each side: look for its edges only there, not through
    # the whole text before and after (a text without line breaks has no "\n" to find)
    lo, hi = max(0, start - 161), end + 162
    left_edge = max(text.rfind(". ", lo, start), text.rfind("\n", lo, start), text.rfind("? ", lo, start),
                    text.rfind("! ", lo, start), text.rfind("; ", lo, start))
    left_edge = max(left_edge + 1, start - 160)
    right = [i for i in (text.find(". ", end, hi), text.find("\n", end, hi), text.find("? ", end, hi), text.find("; ", end, hi))
             if i != -1]
    right_edge = min(right + [end + 160, len(text)])
    best: tuple[int, str] | None = None
    quoted = _quoted_spans(text, left_edge, right_edge, start, end)
    # "warning in February that the merger could ...": what follows a "that" right after the date
    # is the content reported, whose tense is its own, not the tense of the clause the date is in
    reported = _REPORTED_AFTER.match(text, end, right_edge) is not None
    for side, chunk, offset in (("L", text[left_edge:start], left_edge), ("R", text[end:right_edge], end)):
        if side == "R" and reported:
            continue
        for regex, label in ((_FUTURE, "future"), (_PAST, "past")):
            for m in regex.finditer(chunk):
                word = m.group(0)
                if any(qs <= offset + m.start() < qe for qs, qe in quoted):
                    continue  # a quotation keeps its own tense ("We will ...," he said on Wednesday)
                if side == "R" and _ATTRIBUTION.search(chunk[: m.start()]) and _ATTRIBUTION_END.match(chunk[m.end():]):
                    continue  # an attribution closing the sentence ("..., the company said in a statement") tells when it was said, not the tense of what it reports
                if word == "May" and m.start() + offset > left_edge + 1:
                    continue  # a capital "May" inside a sentence is the month or a name ("Fannie May"), not the modal
                if word.lower() in ("plan", "plans") and _PLAN_NOUN.search(text, max(0, offset + m.start() - 30), offset + m.start()):
                    continue  # "announced plans in April", "its plans": the noun, no future tense
                if word.lower() == "by" and not (side == "L" and _BY_DEADLINE.fullmatch(chunk[m.end():])):
                    continue  # "by" tells a deadline only before the date ("by Friday"); else an agent ("granted by the bank")
                if label == "past":
                    low = word.lower()
                    if low in _NOT_PAST or (word[0].isupper() and low.endswith("ed") and m.start() + offset > left_edge + 1):
                        continue
                    if low not in _PAST_AUXILIARY and _PASSIVE.search(text[max(0, offset + m.start() - 20) : offset + m.start()]):
                        continue  # a participle after "be" ("will be paid", "is expected"), regular or not
                words = chunk[m.end():].count(" ") if side == "L" else chunk[: m.start()].count(" ")
                score = words * 2 + (1 if side == "R" else 0)
                if best is None or score < best[0]:
                    best = (score, label)
    return best[1] if best else ""


# --------------------------------------------------------------------------------------------
# The tagger


@dataclass
class _State:
    text: str
    dct: date | None
    ref: Point | None = None        # the date the text last named (news style anchor)
    ref_end: int = -1               # where that mention ended
    ref_explicit_year: bool = False


# No expression spans this much white space, and every rule pays a few microseconds at each
# position it tries: scanning only the stretches between such runs keeps a text padded with blank
# lines (200 KB of line breaks took 4.8 s) as cheap as its words.
_BLANK_RUN = regex_code.compile(r"\s{16,}")


def _stretches(text: str) -> list[tuple[int, int]]:
    """(start, end) of the parts of ``text`` between runs of 16 or more white-space characters."""
    out, start = [], 0
    for run in _BLANK_RUN.finditer(text):
        if run.start() > start:
            out.append((start, run.start()))
        start = run.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def tag(text: str, dct: date | None = None) -> list[Timex]:
    candidates: list[tuple[int, int, int, int, _Rule, re.Match[str]]] = []
    stretches = _stretches(text)
    # each rule is tried only where one of the strings its matches start with occurs (a rule
    # tried at every position cost most of the tagger's time; tracker.prefilter: same matches)
    folded = fold(text)
    occurrences, heads = Occurrences(folded), _rule_heads()(folded)
    for (rule, regex), (prefixes, word_start) in zip(_compiled(), _rule_prefixes()):
        if prefixes is None:
            found = (m for start, end in stretches for m in regex.finditer(text, start, end))
        else:
            starts = heads.starts(prefixes) if word_start else occurrences.starts(prefixes)
            found = (m for start, end in stretches for m in finditer_at(regex, starts, text, start, end))
        for m in found:
            if m.end() == m.start() or not _valid(rule.name, m, text):
                continue
            candidates.append((m.start(), m.end(), rule.priority, len(candidates), rule, m))
    # longest first, then higher priority, then earlier
    candidates.sort(key=lambda c: (-(c[1] - c[0]), -c[2], c[0], c[3]))
    taken: list[tuple[int, int, _Rule, re.Match[str]]] = []
    occupied = DisjointSpans()
    for start, end, _prio, _i, rule, m in candidates:
        if occupied.overlaps(start, end):
            continue
        occupied.add(start, end)
        taken.append((start, end, rule, m))
    taken.sort(key=lambda t: t[0])
    state = _State(text, dct)
    out: list[Timex] = []
    for start, end, rule, m in taken:
        result = _NORMALISERS[rule.name](m, state)
        if result is None:
            continue
        for piece in result if isinstance(result, list) else [result]:
            s, e, typ, value, mod, anchor = piece
            out.append(Timex(s, e, text[s:e], typ, value, mod))
            if anchor is not None:
                state.ref, state.ref_end = anchor, e
    return out


# A normaliser returns (start, end, type, value, mod, new_reference) or None (not a timex).
_Result = tuple[int, int, str, str, "str | None", "Point | None"]


def _lead(m: re.Match[str]) -> str:
    """The position modifier at the head of a match ("early", "the end of", "mid-"), lower-case."""
    head = re.match(_POS, m.group(0), re.IGNORECASE)
    return head.group(0).lower() if head else ""


def _pos_mod(lead: str) -> str | None:
    for word, mod in _POS_MOD.items():
        if re.search(r"\b" + word, lead):
            return mod
    return None


def _month_num(token: str) -> int:
    return MONTHS[token.lower().rstrip(".")]


# matched at a position, not on a slice of the rest of the text (a copy of it per month name)
_DIGIT_AFTER_SPACE = regex_code.compile(r"\s+[0-9]")


def _ok_month(token: str, m: re.Match[str], text: str, needs_context: bool) -> bool:
    """Reject the verb "may", "march" and "mar", and a bare capitalised May/March without a frame."""
    word = token.rstrip(".")
    low = word.lower()
    if low in ("may", "march", "mar"):
        if word[0].islower():
            return False
        if needs_context:
            before = text[max(0, m.start() - 20) : m.start()].lower()
            whole = m.group(0).lower()
            framed = re.search(r"(?:\bin|\bof|\bsince|\buntil|\bby|\bthrough|\bfrom|\bto|\bbefore|\bafter|\bduring|\bbetween|\band|\bearly|\blate|\bmid|\bnext|\blast|\bthis|\bsince|\bin\s+early|\bin\s+late|\bend\s+of|\bbeginning\s+of)[\s-]*$", before)
            if not framed and whole.strip() == low and not _DIGIT_AFTER_SPACE.match(text, m.end()):
                return False
    if low == "jan" and word[0].islower():
        return False
    if len(low) <= 4 and low not in ("may", "june", "july") and not token.endswith(".") and not re.match(r"\s*[0-9]", text[m.end("mon"):m.end("mon") + 3]) and not re.search(r"[0-9]", m.group(0)):
        return False
    return True


def _valid(name: str, m: re.Match[str], text: str) -> bool:
    g = m.groupdict()
    if g.get("mon") and not _ok_month(g["mon"], m, text, name in ("month",)):
        return False
    if name == "month":
        # a bare month name needs a frame or must be capitalised (no "march" the verb)
        return g["mon"][0].isupper()
    if name == "weekday":
        wd = g["wd"]
        if len(wd.rstrip(".")) <= 4 and not wd[0].isupper():
            return False
        return wd[0].isupper() or wd.islower() and len(wd) > 4
    if name == "weekdays_set":
        return g["wd"][0].isupper()
    if name == "season":
        # "fall" and "spring" are also verbs and nouns: need a determiner, a modifier or a year
        whole = m.group(0).lower()
        return whole.strip() != g["season"].lower() or bool(g.get("y"))
    if name == "year":
        return _valid_year(m, text)
    if name == "fy":
        return m.group(0)[:2] == "FY"
    if name in ("qcode", "hcode"):
        word = m.group(0)
        return word == word.upper() or bool(re.fullmatch(r"[0-9]{4}-?[QH][1-4]", word))
    if name == "clock":
        return bool(g.get("ap")) or (g.get("mi") is not None and ":" in m.group(0) and bool(g.get("tz") or _clock_frame(m, text)))
    if name == "decade":
        if g.get("dec2") is not None and not m.group(0).lstrip().lower().startswith(("the", "'")):
            return "'" in m.group(0)
        return True
    if name == "holiday":
        return m.group(0)[0].isupper() or _holiday_name(m) in _PROPER_IN_LOWER_CASE
    if name == "deictic":
        return _valid_deictic(m, text)
    if name in ("duration", "ago", "duration_span"):
        num = (g.get("num") or "").lower()
        if num in ("some", "many", "few") and name == "duration" and not g.get("pre"):
            return False
        unit = g["unit"].lower()
        if unit == "second" and re.fullmatch(r"(?:a|an|one)", num):
            return False   # "a second round" is an ordinal
        if unit == "quarter" and num in ("a", "an", "one") and not g.get("pre") and name == "duration":
            return False   # "a quarter of the shares"
        if name == "duration" and num in ("a", "an") and not g.get("the") and not g.get("approx") and unit in ("second",):
            return False
        if name == "duration" and g.get("the", "") and g["the"].lower() in ("a", "an") and num not in ("few", "couple", "couple of") and not num.startswith(("few", "couple")):
            return False
        return True
    return True


# the exchange suffixes of numeric stock codes (Hong Kong, Tokyo, Shanghai, Shenzhen, Korea, Taiwan,
# Singapore, Australia, Kuala Lumpur, Jakarta, Bangkok): "(0700.HK)" holds no year
_TICKER_SUFFIX = regex_code.compile(r"\.(?:HK|T|SS|SH|SZ|KS|KQ|TW|TWO|SI|AX|KL|JK|BK)\b")


# the time zones and words that follow a 24-hour clock time in wire copy ("shares were down 1.9% by
# 1051 GMT", "at 0930 ET", "1600 hrs"): four digits there are a time of day, never a year
_CLOCK_ZONE = regex_code.compile(r"\s*(?:GMT|UTC|ET|EST|EDT|CET|CEST|BST|JST|HKT|SGT|IST|AEST|AEDT|PT|PST|PDT|CT|CST|CDT|hrs|hours|local\s+time)\b")


def _valid_year(m: re.Match[str], text: str) -> bool:
    whole = m.group(0)
    y = int(m.group("y"))
    if whole.lower().startswith(("fy", "fiscal", "calendar", "financial", "tax", "model", "year", "the fiscal", "the calendar", "the financial", "the tax", "the model", "the year")):
        return True
    if not 1000 <= y <= 2099:
        return False
    if y < 1500 and not re.search(r"\b(?:in|since|of|by|year|from|until|before|after|around|circa|c\.)\s+$", text[max(0, m.start() - 10) : m.start()], re.IGNORECASE):
        return False
    after = text[m.end() : m.end() + 30]
    before = text[max(0, m.start() - 25) : m.start()]
    if re.match(r"\s*(?:[a-z]+\s+)?(?:percent|per\s*cent|people|persons|workers|troops|employees|shares|jobs|units|tons|tonnes|yen|dollars|euros|pounds|yuan|won|barrels|acres|miles|kilometers|km|meters|feet|points|votes|seats|customers|users|subscribers|members|students|cars|homes|sq|square|MHz|GHz|km|kg|mw|megawatts|cases|deaths|lbs|calories|students|patients)\b", after, re.IGNORECASE):
        return False
    if re.search(r"(?:\b(?:about|some|nearly|almost|approximately|roughly|than|of\s+the|only|just|over|under|least|most|total\s+of|number\s+of|No\.|no\.|Nos\.|Room|room|Flight|flight|Route|route|page|pages|Section|section|Chapter|chapter|Article|article|Rule|rule|model|Model|Boeing|Airbus|F-|MD-|DC-|\+|-|\*)|[0-9],|[0-9]\s|\$|#)\s*$", before):
        return False
    if re.match(r"\s*(?:-|to|and)\s*[0-9]{1,3}\b(?!\s*(?:'s|s\b))", after) and not re.match(r"\s*(?:-|/)\s*[0-9]{2}\b", after):
        return False
    if re.match(r"[:.,][0-9]", text[m.end() : m.end() + 2]):
        return False
    if _TICKER_SUFFIX.match(text, m.end()):
        return False  # a stock code: "Xiaomi (1810.HK)", "Sony 6758.T"
    if _CLOCK_ZONE.match(text, m.end()):
        return False  # a 24-hour clock time of a wire story: "by 1051 GMT", "at 1430 local time"
    # a count after a verb and before a plural noun: "selling 1916 phones", "has 2000 stores"
    if re.match(r"\s+[a-z]{3,}s\b", after) and re.search(
        r"\b(?:[a-z]{2,}ing|[a-z]{2,}ed|sold|sells?|bought|buys?|has|have|had|with|hired|employs?)\s+$", before
    ):
        return False
    return True


def _clock_frame(m: re.Match[str], text: str) -> bool:
    before = text[max(0, m.start() - 12) : m.start()].lower()
    return bool(re.search(r"\b(?:at|by|until|till|from|before|after|around|about)\s+$", before))


def _valid_deictic(m: re.Match[str], text: str) -> bool:
    w = re.sub(r"\s+", " ", m.group("w").lower())
    after = text[m.end() : m.end() + 25].lower()
    before = text[max(0, m.start() - 25) : m.start()].lower()
    if w in ("once", "formerly", "previously", "earlier", "former", "future", "the time", "the period", "soon",
             "this time", "the moment", "the years", "the day", "midweek", "mid-week"):
        return False
    if w in ("recent", "current"):
        # adjectives: "recent", "current" before a noun
        return False
    if w == "now" and re.match(r"\s*(?:that|on)\b", after) and re.search(r"\bfrom\s*$", before):
        return False
    if w == "the past" and re.match(r"\s+(?:few|several|two|three|four|five|six|seven|eight|nine|ten|[0-9]|year|month|week|decade|day)", after):
        return False
    if w in ("the week", "the month", "the quarter") and re.match(r"['’]s", after):
        return True
    return True


# --------------------------------------------------------------------------------------------
# Normalisers


def _r(m: re.Match[str], typ: str, value: str, mod: str | None = None, anchor: Point | None = None,
       span: tuple[int, int] | None = None) -> _Result:
    s, e = span if span else (m.start(), m.end())
    return (s, e, typ, value, mod, anchor)


def _year_of(token: str, state: _State) -> int:
    token = token.lstrip("'")
    if len(token) == 4:
        return int(token)
    yy = int(token)
    base = state.dct.year if state.dct else 2000
    century = base - base % 100
    year = century + yy
    if year > base + 20:
        year -= 100
    return year


def _resolve_in_year(state: _State, m: re.Match[str], make: Callable[[int], Point], g: str) -> Point | None:
    """Place a period given without its year (a month, a month-day) near the DCT.

    News reports mostly mean the DCT's year; the tense moves a date that would lie well after
    the DCT in a past-tense report to the year before, and one well before it in a future-tense
    report to the year after. Without a tense, the nearest occurrence wins.
    """
    if state.dct is None:
        # without a publication date, only a year named in the same sentence places it
        if state.ref is not None and state.ref_explicit_year and _same_sentence(state.text, state.ref_end, m.start()):
            return make(state.ref.y)
        return None
    dct = state.dct
    # the year placed here is a guess from the DCT, not one the text named: a month named later
    # in the sentence ("an article of January 24th said in November") must not inherit it
    state.ref_explicit_year = False
    tense = tense_near(state.text, m.start(), m.end())
    try:
        here = make(dct.year)
    except ValueError:        # February 29 of a common year
        return None
    start = here.start()
    end = _end(here)
    if tense == "past" and (start - dct).days > _SLACK_DAYS:
        return make(dct.year - 1)
    if tense == "future" and (dct - end).days > _SLACK_DAYS:
        return make(dct.year + 1)
    if not tense:
        if (start - dct).days > 183:
            return make(dct.year - 1)
        if (dct - end).days > 183:
            return make(dct.year + 1)
    return here


_SLACK_DAYS = 45


def _end(point: Point) -> date:
    """The last day of the period."""
    months = {"M": 1, "Q": 3, "H": 6, "S": 3, "Y": 12}.get(point.g)
    if months is None:
        return point.start() + timedelta(days=6 if point.g == "W" else 0)
    return add_months(point.start(), months) - timedelta(days=1)


def _x_value(g: str, point_n: int | None = None) -> str:
    return {"D": "XXXX-XX-XX", "M": "XXXX-XX", "W": "XXXX-WXX", "Y": "XXXX", "DEC": "XXX", "CEN": "XX",
            "Q": "XXXX-QX" if point_n is None else f"XXXX-Q{point_n}",
            "H": "XXXX-HX" if point_n is None else f"XXXX-H{point_n}"}.get(g, "XXXX")


def n_iso(m: re.Match[str], state: _State) -> _Result | None:
    y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    try:
        date(y, mo, d)
    except ValueError:
        return None
    p = Point("D", y, mo, d)
    if m.groupdict().get("hh"):
        return _r(m, "TIME", f"{p.value}T{m.group('hh')}:{m.group('mi')}", anchor=p)
    return _r(m, "DATE", p.value, anchor=p)


def n_slash(m: re.Match[str], state: _State) -> _Result | None:
    y = _year_of(m.group("y"), state)
    try:
        day = date(y, int(m.group("m")), int(m.group("d")))
    except ValueError:
        return None
    p = at(day, "D")
    state.ref_explicit_year = True
    return _r(m, "DATE", p.value, anchor=p)


def _day_num(token: str) -> int:
    t = token.lower()
    if t in ORDINALS:
        return ORDINALS[t]
    return int(re.match(r"[0-9]+", t).group(0))


def n_mdy(m: re.Match[str], state: _State) -> _Result | None:
    try:
        day = date(int(m.group("y")), _month_num(m.group("mon")), _day_num(m.group("d")))
    except ValueError:
        return None
    p = at(day, "D")
    state.ref_explicit_year = True
    return _r(m, "DATE", p.value, _pos_mod(_lead(m)), anchor=p)


def n_md(m: re.Match[str], state: _State) -> "_Result | list[_Result] | None":
    month, dnum = _month_num(m.group("mon")), _day_num(m.group("d"))
    mod = _pos_mod(_lead(m))
    if m.groupdict().get("y"):
        try:
            day = date(int(m.group("y")), month, dnum)
        except ValueError:
            return None
        p = at(day, "D")
        state.ref_explicit_year = True
        return _r(m, "DATE", p.value, mod, anchor=p)
    p = _resolve_day_month(m, state, month, dnum)
    value = p.value if p is not None else f"XXXX-{month:02d}-{dnum:02d}"
    if not m.groupdict().get("d2"):
        return _r(m, "DATE", value, mod, anchor=p)
    # "April 24 and 25": two dates, the second only its day number
    first_end = m.end("d")
    second = _day_num(m.group("d2"))
    try:
        date(p.y if p else 2000, month, second)
    except ValueError:
        return _r(m, "DATE", value, mod, anchor=p, span=(m.start(), first_end))
    value2 = f"{p.y:04d}-{month:02d}-{second:02d}" if p else f"XXXX-{month:02d}-{second:02d}"
    anchor2 = Point("D", p.y, month, second) if p else None
    return [
        _r(m, "DATE", value, mod, anchor=p, span=(m.start(), first_end)),
        _r(m, "DATE", value2, None, anchor=anchor2, span=(m.start("d2"), m.end("d2"))),
    ]


def n_wd_date(m: re.Match[str], state: _State) -> _Result | None:
    """ "Monday, June 19, 2017", "Friday Oct. 13": one date; the weekday only checks it."""
    month = _month_num(m.group("mon") or m.group("mon2"))
    dnum = _day_num(m.group("d") or m.group("d2"))
    if m.group("y"):
        try:
            p = at(date(int(m.group("y")), month, dnum), "D")
        except ValueError:
            return None
        state.ref_explicit_year = True
    else:
        p = _resolve_day_month(m, state, month, dnum)
        if p is None:
            return _r(m, "DATE", f"XXXX-{month:02d}-{dnum:02d}")
        # the weekday settles the year when the month-day alone could not
        wd = WEEKDAYS[m.group("wd").lower().rstrip(".")]
        if p.start().isoweekday() != wd and state.dct is not None:
            for y in (state.dct.year, state.dct.year - 1, state.dct.year + 1):
                try:
                    if date(y, month, dnum).isoweekday() == wd:
                        p = Point("D", y, month, dnum)
                        break
                except ValueError:
                    continue
    return _r(m, "DATE", p.value, anchor=p)


def n_month_rel_year(m: re.Match[str], state: _State) -> _Result | None:
    month = _month_num(m.group("mon"))
    rel = re.sub(r"\s+", " ", m.group("rel").lower())
    mod = _pos_mod(_lead(m))
    if rel in ("that", "the same"):
        base = state.ref.y if state.ref is not None else (state.dct.year if state.dct else None)
        offset = 0
    elif rel in ("the previous", "the following"):
        base = state.ref.y if state.ref is not None else (state.dct.year if state.dct else None)
        offset = -1 if rel == "the previous" else 1
    else:
        base = state.dct.year if state.dct else None
        offset = {"this": 0, "last": -1, "next": 1}[rel]
    if base is None:
        return _r(m, "DATE", f"XXXX-{month:02d}", mod)
    p = Point("M", base + offset, month)
    return _r(m, "DATE", p.value, mod, anchor=p)


def spelled_year(words: str) -> int | None:
    """ "nineteen ninety-six" = 1996, "two thousand" = 2000, "nineteen hundred and five" = 1905."""
    t = re.sub(r"[\s-]+", " ", words.lower()).replace(" and ", " ")
    if t.startswith("two thousand"):
        rest = t[len("two thousand"):].strip()
        return 2000 + (int(number(rest) or 0) if rest else 0)
    if t.startswith("nineteen "):
        rest = t[len("nineteen "):].strip()
        if rest.startswith("hundred"):
            rest = rest[len("hundred"):].strip()
            return 1900 + (int(number(rest) or 0) if rest else 0)
        n = number(rest)
        if n is None or not 10 <= n <= 99:
            return None
        return 1900 + int(n)
    return None


def n_spelled_year(m: re.Match[str], state: _State) -> _Result | None:
    y = spelled_year(m.group("sy"))
    if y is None:
        return None
    if m.group("mon"):
        p = Point("M", y, _month_num(m.group("mon")))
    elif m.group("season"):
        p = Point("S", y, ("SP", "SU", "FA", "WI").index(SEASONS[m.group("season").lower()]) + 1)
    else:
        p = Point("Y", y)
    state.ref_explicit_year = True
    return _r(m, "DATE", p.value, anchor=p)


def _resolve_day_month(m: re.Match[str], state: _State, month: int, dnum: int) -> Point | None:
    # a month-day in the sentence of a full date with a year takes that year
    if state.ref is not None and state.ref_explicit_year and _same_sentence(state.text, state.ref_end, m.start()):
        try:
            return Point("D", state.ref.y, month, dnum) if date(state.ref.y, month, dnum) else None
        except ValueError:
            return None

    def make(y: int) -> Point:
        date(y, month, dnum)
        return Point("D", y, month, dnum)

    return _resolve_in_year(state, m, make, "D")


def _same_sentence(text: str, a: int, b: int) -> bool:
    if a < 0 or b < a:
        return False
    between = text[a:b]
    return not re.search(r"[.!?]\s|\n", between)


def n_month_range(m: re.Match[str], state: _State) -> _Result | None:
    """The quarter, half or year a span of months covers exactly ("April-June 2024" = 2024-Q2, as
    results periods are written); any other span is dated by its start month (GUIDELINES: a range
    is dated by its start)."""
    y = _year_of(m.group("y"), state)
    first, last = _month_num(m.group("mon")), _month_num(m.group("mon2"))
    state.ref_explicit_year = True
    # "December-February 2018": the span began the year before
    p = _period_of_months(first, last, y) or Point("M", y - 1 if last < first else y, first)
    return _r(m, "DATE", p.value, anchor=p)


def _period_of_months(first: int, last: int, y: int) -> Point | None:
    """The year, half or quarter of ``y`` that the months ``first`` to ``last`` cover exactly, else None."""
    if first == 1 and last == 12:
        return Point("Y", y)
    if last - first == 5 and first in (1, 7):
        return Point("H", y, first // 6 + 1)
    if last - first == 2 and first % 3 == 1:
        return Point("Q", y, first // 3 + 1)
    return None


def n_month_range_bare(m: re.Match[str], state: _State) -> _Result | None:
    """A span of months without its year ("for January-March"): as ``n_month_range``, the
    quarter, half or year it covers exactly, else its start month; the year is placed near the
    publication date as a bare month's is."""
    first, last = _month_num(m.group("mon")), _month_num(m.group("mon2"))
    if state.dct is None:
        return None

    def make(y: int) -> Point:
        return _period_of_months(first, last, y) or Point("M", y, first)
    p = _resolve_in_year(state, m, make, make(2000).g)
    return _r(m, "DATE", p.value, anchor=p) if p is not None else None


def n_month_year_quarter(m: re.Match[str], state: _State) -> _Result | None:
    y = _year_of(m.group("y"), state)
    p = Point("Q", y, (_month_num(m.group("mon")) - 1) // 3 + 1)
    state.ref_explicit_year = True
    return _r(m, "DATE", p.value, anchor=p)


def n_my(m: re.Match[str], state: _State) -> _Result | None:
    y = _year_of(m.group("y"), state)
    p = Point("M", y, _month_num(m.group("mon")))
    state.ref_explicit_year = True
    return _r(m, "DATE", p.value, _pos_mod(_lead(m)), anchor=p)


def n_month(m: re.Match[str], state: _State) -> _Result | None:
    month = _month_num(m.group("mon"))
    rel = (m.group("rel") or "").lower()
    rel = re.sub(r"\s+", " ", rel)
    lead = _lead(m)
    mod = _pos_mod(lead) if lead else ({"early": "START", "late": "END"}.get(rel.split()[0]) if rel else None)
    if state.dct is None and not (state.ref is not None and state.ref_explicit_year and _same_sentence(state.text, state.ref_end, m.start())):
        return _r(m, "DATE", f"XXXX-{month:02d}", mod)
    base = state.dct
    if rel.endswith(("last", "previous", "past")):
        y = base.year if month < base.month else base.year - 1
        p = Point("M", y, month)
    elif rel.endswith(("next", "coming", "following")):
        y = base.year if month > base.month else base.year + 1
        p = Point("M", y, month)
    elif rel.endswith("this"):
        p = Point("M", base.year, month)
    elif rel in ("same", "that") and state.ref is not None:
        p = Point("M", state.ref.y, month)
    elif state.ref is not None and state.ref_explicit_year and _same_sentence(state.text, state.ref_end, m.start()):
        p = Point("M", state.ref.y, month)
    else:
        p = _resolve_in_year(state, m, lambda y: Point("M", y, month), "M")
    return _r(m, "DATE", p.value, mod, anchor=p)


def n_season(m: re.Match[str], state: _State) -> _Result | None:
    season = SEASONS[m.group("season").lower()]
    idx = ("SP", "SU", "FA", "WI").index(season) + 1
    rel = re.sub(r"\s+", " ", (m.group("rel") or "").lower())
    mod = _pos_mod(_lead(m)) if _lead(m) else ({"early": "START", "late": "END"}.get(rel.split()[0]) if rel else None)
    if m.group("y"):
        p = Point("S", int(m.group("y")), idx)
        return _r(m, "DATE", p.value, mod, anchor=p)
    if state.dct is None:
        return _r(m, "DATE", f"XXXX-{season}", mod)
    base = state.dct
    current = _season_of(base)
    if rel.endswith(("last", "previous", "past")):
        y = base.year if (idx < current[1] and current[0] == base.year) else base.year - 1
    elif rel.endswith(("next", "coming", "following")):
        y = base.year if idx > current[1] else base.year + 1
    elif rel.endswith("this"):
        y = base.year
    else:
        tense = tense_near(state.text, m.start(), m.end())
        if tense == "past":
            y = base.year if idx <= current[1] else base.year - 1
        elif tense == "future":
            y = base.year if idx >= current[1] else base.year + 1
        else:
            y = base.year
    p = Point("S", y, idx)
    return _r(m, "DATE", p.value, mod, anchor=p)


def _season_of(day: date) -> tuple[int, int]:
    month = day.month
    if month in (12, 1, 2):
        return (day.year if month == 12 else day.year - 1, 4)
    return (day.year, {3: 1, 4: 1, 5: 1, 6: 2, 7: 2, 8: 2, 9: 3, 10: 3, 11: 3}[month])


def n_year(m: re.Match[str], state: _State) -> _Result | None:
    y = int(m.group("y"))
    whole = m.group(0).lower()
    mod = _pos_mod(_lead(m))
    p = Point("Y", y)
    state.ref_explicit_year = True
    if m.group("y2"):
        # "1989-90" (a fiscal or season year) is one timex; "1991 to 1997" is two
        if len(m.group("y2")) == 2:
            if int(m.group("y2")) != (y + 1) % 100:
                return None          # "2017-13" is no year range
            return _r(m, "DATE", p.value, mod, anchor=p)
        if whole.startswith(("fiscal", "the fiscal", "fy")):
            return _r(m, "DATE", p.value, mod, anchor=p)
        first = _r(m, "DATE", p.value, mod, anchor=p, span=(m.start(), m.start("y") + 4))
        y2 = int(m.group("y2"))
        if y2 <= y:
            return first
        p2 = Point("Y", y2)
        return [first, _r(m, "DATE", p2.value, None, anchor=p2, span=(m.start("y2"), m.end("y2")))]
    return _r(m, "DATE", p.value, mod, anchor=p)


def n_fy(m: re.Match[str], state: _State) -> _Result | None:
    y = _year_of(m.group("yy"), state)
    p = Point("Y", y)
    return _r(m, "DATE", p.value, anchor=p)


def n_decade(m: re.Match[str], state: _State) -> _Result | None:
    mod = _pos_mod(_lead(m))
    if m.group("dec"):
        y = int(m.group("dec")) * 10
    elif m.group("dec2") is not None:
        century = (state.dct.year // 100 * 100) if state.dct else 1900
        y = century + int(m.group("dec2")) * 10
        if state.dct and y > state.dct.year:
            y -= 100
    else:
        y = 1900 + DECADE_WORDS[m.group("decw").lower()] * 10
    p = Point("DEC", y)
    return _r(m, "DATE", p.value, mod, anchor=None)


def n_century(m: re.Match[str], state: _State) -> _Result | None:
    n = int(m.group("cen")) if m.group("cen") else ORDINALS[m.group("cenw").lower()]
    return _r(m, "DATE", f"{n - 1:02d}", _pos_mod(_lead(m)))


def n_qcode(m: re.Match[str], state: _State) -> _Result | None:
    q = int(m.group("q") or m.group("q2") or m.group("q3"))
    ytok = m.group("y") or m.group("y3")
    if ytok:
        p = Point("Q", _year_of(ytok, state), q)
        return _r(m, "DATE", p.value, anchor=p)
    return _quarter_without_year(m, state, q, "")


def n_hcode(m: re.Match[str], state: _State) -> _Result | None:
    h = int(m.group("h") or m.group("h2") or m.group("h3"))
    ytok = m.group("y") or m.group("y3")
    p = Point("H", _year_of(ytok, state), h)
    return _r(m, "DATE", p.value, anchor=p)


_QUARTER_ORD = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


def n_quarter(m: re.Match[str], state: _State) -> _Result | None:
    adj = re.sub(r"\s+", " ", (m.group("adj") or "").lower()).replace("-", " ").strip()
    adj = adj.replace("year earlier", "year-earlier").replace("year ago", "year-ago")
    tail = (m.group("tail") or "").lower()
    words = adj.split()
    has_the = bool(m.group("the"))
    if not words and not has_the:
        return None
    # "the quarter" names the quarter under discussion
    q = None
    for w in words:
        if w in _QUARTER_ORD:
            q = _QUARTER_ORD[w]
        elif w.rstrip(".") in MONTHS and w not in ("may",):
            q = (MONTHS[w.rstrip(".")] - 1) // 3 + 1
    ymatch = re.search(_YEAR + r"|'[0-9]{2}", tail)
    if ymatch:
        y = _year_of(ymatch.group(0), state)
        if q is None:
            return None
        p = Point("Q", y, q)
        return _r(m, "DATE", p.value, anchor=p)
    if "last year" in tail or "this year" in tail or "next year" in tail:
        if state.dct is None or q is None:
            return _r(m, "DATE", _x_value("Q", q))
        y = state.dct.year + (-1 if "last" in tail else 1 if "next" in tail else 0)
        p = Point("Q", y, q)
        return _r(m, "DATE", p.value, anchor=p)
    if "of the year" in tail and state.ref is not None and q is not None:
        p = Point("Q", state.ref.y, q)
        return _r(m, "DATE", p.value, anchor=p)
    result = _quarter_without_year(m, state, q, adj)
    if has_the and re.search(r"-quarter$", m.group(0), re.IGNORECASE) and not tail:
        # "the third-quarter results": the article belongs to the noun, not the timex
        start = m.start() + len(re.match(r"the\s+", m.group(0), re.IGNORECASE).group(0))
        result = (start,) + result[1:]
    return result


_ENDED = regex_code.compile(
    r"\s+(?:that\s+|which\s+)?(?:ended|ending|ends|to)\s+(?:on\s+)?(?P<mon>" + _MON + r")\s+(?P<d>" + _DAYN + r")(?:\s*,\s*(?P<y>" + _YEAR + r"))?",
    re.IGNORECASE,
)


def _quarter_without_year(m: re.Match[str], state: _State, q: int | None, adj: str) -> _Result:
    words = adj.split()
    ended = _ENDED.match(state.text, m.end())
    if ended and (q is None or "fiscal" in words):
        # "the quarter ended Sept. 30": the quarter that ends on that date
        month, dnum = _month_num(ended.group("mon")), _day_num(ended.group("d"))
        if ended.group("y"):
            y = int(ended.group("y"))
        else:
            found = _resolve_day_month(ended, state, month, dnum)
            y = found.y if found is not None else None
        if y is not None:
            p = Point("Q", y, (month - 1) // 3 + 1)
            return _r(m, "DATE", p.value, anchor=p)
    if q is None and not any(w in ("last", "latest", "previous", "prior", "past", "next", "coming", "current", "same", "year-earlier", "year-ago", "recent", "comparable") for w in words) and not words:
        # "the quarter": the quarter the text is about
        if state.ref is not None and state.ref.g == "Q":
            return _r(m, "DATE", state.ref.value)
        if state.dct is None:
            return _r(m, "DATE", "XXXX-QX")
        p = shift(at(state.dct, "Q"), -1, "Q")
        return _r(m, "DATE", p.value, anchor=p)
    if any(w in ("year-earlier", "year-ago") for w in words):
        base = state.ref if state.ref is not None and state.ref.g == "Q" else (shift(at(state.dct, "Q"), -1, "Q") if state.dct else None)
        if base is None:
            return _r(m, "DATE", "XXXX-QX")
        p = shift(base, -1, "Y")
        return _r(m, "DATE", p.value)
    if q is None:
        if state.dct is None:
            return _r(m, "DATE", "XXXX-QX")
        here = at(state.dct, "Q")
        if "same" in words and state.ref is not None and state.ref.g == "Q":
            return _r(m, "DATE", state.ref.value)
        if any(w in ("last", "previous", "prior", "past") for w in words):
            # "the previous quarter" is the one before the period under discussion
            anchored = any(w in ("previous", "prior", "preceding") for w in words) and state.ref is not None
            base = at(state.ref.start(), "Q") if anchored and state.ref.g in ("D", "M", "Q") else here
            p = shift(base, -1, "Q")
        elif any(w in ("next", "coming") for w in words):
            p = shift(here, 1, "Q")
        elif "current" in words:
            p = here
        else:   # latest, recent, most recent
            p = shift(here, -1, "Q")
        return _r(m, "DATE", p.value, anchor=p)
    if state.dct is None:
        if state.ref is not None:
            p = Point("Q", state.ref.y, q)
            return _r(m, "DATE", p.value, anchor=p)
        return _r(m, "DATE", f"XXXX-Q{q}")
    if state.ref is not None and state.ref.g in ("Q", "Y") and state.ref_explicit_year and _same_sentence(state.text, state.ref_end, m.start()):
        p = Point("Q", state.ref.y, q)
        return _r(m, "DATE", p.value, anchor=p)
    p = _resolve_in_year(state, m, lambda y: Point("Q", y, q), "Q")
    return _r(m, "DATE", p.value, anchor=p)


def n_half(m: re.Match[str], state: _State) -> _Result | None:
    ordw = m.group("ord").lower()
    h = 1 if ordw in ("first", "1st", "front") else 2
    tail = (m.group("tail") or "").lower()
    if not tail and not m.group("the"):
        # "first-half profit": a modifier; "second half" without "the" still a date
        pass
    ymatch = re.search(_YEAR, tail)
    if ymatch:
        p = Point("H", int(ymatch.group(0)), h)
        return _r(m, "DATE", p.value, anchor=p)
    if state.dct is None:
        if state.ref is not None:
            p = Point("H", state.ref.y, h)
            return _r(m, "DATE", p.value, anchor=p)
        return _r(m, "DATE", f"XXXX-H{h}")
    y = state.dct.year
    if "last year" in tail:
        y -= 1
    elif "next year" in tail:
        y += 1
    elif "this year" not in tail:
        if state.ref is not None and state.ref.g in ("Y", "Q", "H", "M") and state.ref_explicit_year and _same_sentence(state.text, state.ref_end, m.start()):
            y = state.ref.y
        else:
            here = at(state.dct, "H")
            tense = tense_near(state.text, m.start(), m.end())
            if h > here.n and tense == "past":
                y -= 1
    p = Point("H", y, h)
    return _r(m, "DATE", p.value, anchor=p)


_REL_SIGN = {"this": 0, "current": 0, "present": 0, "last": -1, "past": -1, "previous": -1, "prior": -1,
             "preceding": -1, "next": 1, "coming": 1, "following": 1, "upcoming": 1, "same": 0, "that": 0}
_UNIT_G = {"week": "W", "weekend": "W", "month": "M", "year": "Y", "quarter": "Q", "decade": "DEC",
           "century": "CEN", "half": "H", "day": "D"}
_UNIT_SHIFT = {"week": "W", "weekend": "W", "month": "M", "year": "Y", "quarter": "Q", "decade": "DE",
               "century": "CE", "half": "H", "day": "D"}


def n_rel_unit(m: re.Match[str], state: _State) -> _Result | None:
    rel = m.group("rel").lower()
    unit = m.group("unit").lower()
    whole = m.group(0).lower()
    lead = _lead(m)
    mod = _pos_mod(lead) if lead else None
    has_the = bool(re.search(r"\bthe\s+" + rel, whole))
    g = _UNIT_G[unit]
    after = state.text[m.end() : m.end() + 20].lower()
    # "the past year", "the last two years" are periods; "the past year" reads as a date in TimeBank
    if has_the and rel in ("next", "coming") and unit in ("year", "month", "week", "decade", "day") and not lead:
        return _r(m, "DURATION", duration_value(1, unit))
    if rel in ("past", "last") and has_the and unit in ("week", "month", "day", "decade", "century") and not lead:
        return _r(m, "DURATION", duration_value(1, unit))
    if unit == "day" and rel in ("this", "current", "present"):
        return None
    anchor_rel = rel in ("same", "that", "following", "previous", "prior", "preceding") or (rel == "next" and has_the)
    if anchor_rel:
        base = state.ref if state.ref is not None else None
        if base is None:
            if state.dct is None:
                return _r(m, "DATE", _x_value(g), mod)
            base = at(state.dct, g)
        if unit == "day" and base.g != "D":
            return _r(m, "DATE", _x_value("D"), mod)
        try:
            p = shift(base, _REL_SIGN[rel], _UNIT_SHIFT[unit], g if g != "D" else "D")
        except (ValueError, KeyError):
            return _r(m, "DATE", _x_value(g), mod)
        if unit == "weekend":
            return _r(m, "DATE", p.value + "-WE", mod, anchor=p)
        return _r(m, "DATE", p.value, mod, anchor=p)
    if state.dct is None:
        return _r(m, "DATE", _x_value(g), mod)
    if unit == "day":
        return None
    sign = _REL_SIGN[rel]
    p = shift(at(state.dct, g), sign, _UNIT_SHIFT[unit], g)
    if unit == "weekend":
        if sign == 0:
            tense = tense_near(state.text, m.start(), m.end())
            if tense == "past" and state.dct.isoweekday() < 6:
                p = shift(at(state.dct, "W"), -1, "W", "W")
        return _r(m, "DATE", p.value + "-WE", mod, anchor=None)
    if after.startswith((" ended", " ending", " ends")) and unit == "year":
        return _r(m, "DURATION", "P1Y", mod)
    return _r(m, "DATE", p.value, mod, anchor=p if unit != "week" else None)


def n_this_morning(m: re.Match[str], state: _State) -> _Result | None:
    rel = re.sub(r"\s+", " ", m.group("rel").lower())
    part = PARTS_OF_DAY[m.group("part").lower()]
    if state.dct is None:
        return _r(m, "TIME", f"XXXX-XX-XXT{part}")
    offset = {"yesterday": -1, "tomorrow": 1, "last": -1 if part == "NI" else 0, "the next": 1, "the following": 1,
              "the previous": -1}.get(rel, 0)
    if rel in ("that",) or rel.startswith("the "):
        base = state.ref.start() if state.ref is not None and state.ref.g == "D" else None
        if base is None:
            return _r(m, "TIME", f"XXXX-XX-XXT{part}")
        day = base + timedelta(days=offset)
    else:
        day = state.dct + timedelta(days=offset)
    return _r(m, "TIME", f"{day.isoformat()}T{part}")


def n_deictic(m: re.Match[str], state: _State) -> _Result | None:
    w = re.sub(r"\s+", " ", m.group("w").lower())
    mod = None
    head = re.match(r"(early|late|earlier|later) (today|yesterday)$", w)
    if head:
        mod = "START" if head.group(1).startswith("early") else "END"
        w = head.group(2)
    dct = state.dct
    if w in ("now", "nowadays", "currently", "presently", "the present", "these days", "right now", "at present"):
        return _r(m, "DATE", "PRESENT_REF")
    if w in ("recently", "lately", "the past", "the recent past", "recent years"):
        return _r(m, "DATE", "PAST_REF")
    if w in ("soon", "the future", "the near future", "the distant future"):
        return _r(m, "DATE", "FUTURE_REF")
    if w in ("the latest period", "the most recent period", "the current period", "the comparable period"):
        if state.ref is not None and state.ref.g in ("Q", "H", "M"):
            return _r(m, "DATE", state.ref.value)
        if dct is None:
            return _r(m, "DATE", "XXXX-QX")
        return _r(m, "DATE", shift(at(dct, "Q"), -1, "Q").value)
    if w in ("the full year", "the whole year", "the entire year", "the latest fiscal year"):
        if state.ref is not None and state.ref.g in ("Q", "H", "M", "Y", "D"):
            y = state.ref.y - (1 if w == "the latest fiscal year" else 0)
        elif dct is not None:
            y = dct.year - (1 if w == "the latest fiscal year" else 0)
        else:
            return _r(m, "DATE", "XXXX")
        return _r(m, "DATE", f"{y:04d}")
    if w == "the weekend":
        if dct is None:
            return _r(m, "DATE", "XXXX-WXX-WE")
        tense = tense_near(state.text, m.start(), m.end()) or "past"
        week = at(dct, "W")
        if tense == "past" and dct.isoweekday() < 6:
            week = shift(week, -1, "W", "W")
        return _r(m, "DATE", week.value + "-WE")
    if w in ("the year", "the quarter", "the month", "the week", "the fiscal year"):
        unit = w.split()[-1]
        after = state.text[m.end() : m.end() + 12].lower()
        if re.match(r"\s+(?:ended|ending|ends|to\s+date|earlier|before|ago)", after):
            if unit == "year" or w == "the fiscal year":
                return _r(m, "DURATION", "P1Y")
            return _r(m, "DURATION", duration_value(1, unit))
        g = _UNIT_G[unit]
        if state.ref is not None and g in ("Y", "Q", "M") and state.ref.g in ("D", "M", "Q", "Y", "H", "S"):
            try:
                p = at(state.ref.start(), g)
            except ValueError:
                p = None
            if p is not None:
                return _r(m, "DATE", p.value)
        if dct is None:
            return _r(m, "DATE", _x_value(g))
        p = at(dct, g)
        if g == "Q":
            p = shift(p, -1, "Q")
        return _r(m, "DATE", p.value)
    if w in ("year-earlier", "year-ago", "year-before"):
        base = state.ref if state.ref is not None and state.ref.g in ("Q", "M", "H", "D", "Y") else None
        if base is None:
            if dct is None:
                return _r(m, "DATE", "XXXX")
            base = at(dct, "Y")
        return _r(m, "DATE", shift(base, -1, "Y").value)
    if w in ("year-end", "year end", "yearend", "the end of the year"):
        if dct is None:
            return _r(m, "DATE", "XXXX", "END")
        y = state.ref.y if state.ref is not None and state.ref_explicit_year and _same_sentence(state.text, state.ref_end, m.start()) else dct.year
        return _r(m, "DATE", f"{y:04d}", "END")
    if w.startswith("the end of the "):
        unit = w.split()[-1]
        g = _UNIT_G[unit]
        if dct is None:
            return _r(m, "DATE", _x_value(g), "END")
        return _r(m, "DATE", at(dct, g).value, "END")
    if w in ("mid-year", "midyear", "mid year"):
        return _r(m, "DATE", f"{dct.year:04d}" if dct else "XXXX", "MID")
    if w == "year-to-date":
        return _r(m, "DURATION", "P1Y")
    if w == "overnight":
        return _r(m, "TIME", f"{dct.isoformat()}TNI" if dct else "XXXX-XX-XXTNI")
    if w in ("today", "tonight", "yesterday", "tomorrow", "the day before yesterday", "the day after tomorrow"):
        offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
                  "the day after tomorrow": 2}[w]
        if dct is None:
            return _r(m, "TIME" if w == "tonight" else "DATE", "XXXX-XX-XXTNI" if w == "tonight" else "XXXX-XX-XX", mod)
        day = dct + timedelta(days=offset)
        if w == "tonight":
            return _r(m, "TIME", f"{day.isoformat()}TNI")
        p = at(day, "D")
        return _r(m, "DATE", p.value, mod, anchor=p)
    if w in ("the same day", "that day", "the next day", "the following day", "the previous day", "the day before", "the day after"):
        offset = {"the next day": 1, "the following day": 1, "the day after": 1, "the previous day": -1, "the day before": -1}.get(w, 0)
        if state.ref is not None and state.ref.g == "D":
            day = state.ref.start() + timedelta(days=offset)
        elif dct is not None:
            day = dct + timedelta(days=offset)
        else:
            return _r(m, "DATE", "XXXX-XX-XX")
        p = at(day, "D")
        return _r(m, "DATE", p.value, anchor=p)
    if w in ("the same time", "that time"):
        return None
    return None


def n_weekday(m: re.Match[str], state: _State) -> _Result | None:
    wd = WEEKDAYS[m.group("wd").lower().rstrip(".")]
    rel = re.sub(r"\s+", " ", (m.group("rel") or "").lower())
    part = m.group("part")
    mod = {"early": "START", "earlier": "START", "late": "END", "later": "END"}.get(rel)
    suffix = f"T{PARTS_OF_DAY[part.lower()]}" if part else ""
    if state.dct is None:
        return _r(m, "DATE", f"XXXX-WXX-{wd}{suffix}", mod)
    base = state.dct
    if rel in ("last", "past", "previous"):
        direction = "last"
    elif rel in ("next", "coming", "this coming", "following"):
        direction = "future"
    elif rel == "that" and state.ref is not None and state.ref.g == "D":
        base = state.ref.start()
        direction = tense_near(state.text, m.start(), m.end()) or "past"
    else:
        direction = tense_near(state.text, m.start(), m.end()) or "past"
    delta = wd - base.isoweekday()
    if direction == "future":
        # a future-tense weekday is the next one; the DCT's own weekday is today
        if delta < 0 or (delta == 0 and rel in ("next", "coming", "this coming", "following")):
            delta += 7
    elif direction == "last":
        if delta >= 0:
            delta -= 7
    elif delta > 0:
        delta -= 7
    p = at(base + timedelta(days=delta), "D")
    return _r(m, "DATE", p.value + suffix, mod, anchor=p)


def n_weekdays_set(m: re.Match[str], state: _State) -> _Result | None:
    wd = WEEKDAYS[m.group("wd").lower()]
    part = m.group("part")
    value = f"XXXX-WXX-{wd}" + (f"T{PARTS_OF_DAY[part.lower()]}" if part else "")
    return _r(m, "SET", value)


def _nth_weekday(year: int, month: int, which: str, weekday: int) -> date:
    if which == "L":
        last = date(year, month, calendar.monthrange(year, month)[1])
        return last - timedelta(days=(last.isoweekday() - weekday) % 7)
    first = date(year, month, 1)
    first_match = first + timedelta(days=(weekday - first.isoweekday()) % 7)
    return first_match + timedelta(weeks=int(which) - 1)


def _holiday_name(m: re.Match[str]) -> str:
    """The HOLIDAYS key of a matched name: "Singles’ Day" -> "singles' day", "Double-11" -> "double 11"."""
    name = re.sub(r"[\s-]+", " ", m.group("name").lower().replace("’", "'"))
    return re.sub(r"^double ?", "double ", name)


def n_holiday(m: re.Match[str], state: _State) -> _Result | None:
    spec = HOLIDAYS[_holiday_name(m)]
    if m.group("y"):
        y = int(m.group("y"))
    elif state.ref is not None and state.ref_explicit_year and _same_sentence(state.text, state.ref_end, m.start()):
        y = state.ref.y  # "in 2012, on Double 11": the year the sentence named
    elif state.dct is not None:
        y = state.dct.year
        tense = tense_near(state.text, m.start(), m.end())
        probe = _holiday_date(spec, y)
        if tense == "past" and probe > state.dct:
            y -= 1
        elif tense == "future" and probe < state.dct:
            y += 1
    else:
        if isinstance(spec[0], int):
            return _r(m, "DATE", f"XXXX-{spec[0]:02d}-{spec[1]:02d}")
        return _r(m, "DATE", "XXXX-XX-XX")
    p = at(_holiday_date(spec, y), "D")
    return _r(m, "DATE", p.value, anchor=p)


def _holiday_date(spec: tuple, year: int) -> date:
    if isinstance(spec[0], int):
        return date(year, spec[0], spec[1])
    which, month, weekday = spec
    return _nth_weekday(year, month, which, weekday)


_DIRECTION = {"ago": -1, "earlier": -1, "before": -1, "back": -1, "previously": -1, "later": 1, "after": 1,
              "hence": 1, "from now": 1, "since": 1, "in the future": 1}
_AGO_G = {"second": "D", "minute": "D", "hour": "D", "day": "D", "night": "D", "week": "W", "weekend": "W",
          "fortnight": "W", "month": "M", "quarter": "Q", "year": "Y", "decade": "DEC", "century": "CEN",
          "centurie": "CEN", "centuries": "CEN", "millennium": "CEN"}


def n_ago(m: re.Match[str], state: _State) -> _Result | None:
    direction = re.sub(r"\s+", " ", m.group("dir").lower())
    unit = m.group("unit").lower().rstrip("s")
    if unit.startswith("centur"):
        unit = "century"
    amount = number(m.group("num"))
    approx = (m.group("approx") or "").lower()
    mod = _APPROX_MOD.get(re.sub(r"[\s-]+", " ", approx)) if approx else None
    if direction in ("before", "after", "since", "back", "previously", "in the future"):
        # "two years after the war": the duration is the timex, the preposition a signal
        end = m.start("dir")
        while end > m.start() and state.text[end - 1].isspace():
            end -= 1
        return _r(m, "DURATION", duration_value(amount, unit), mod, span=(m.start(), end))
    sign = _DIRECTION[direction]
    g = _AGO_G[unit]
    if amount is None:
        return _r(m, "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod)
    if unit in ("second", "minute", "hour"):
        return _r(m, "DURATION" if direction in ("earlier", "later") else "TIME", duration_value(amount, unit) if direction in ("earlier", "later") else "PRESENT_REF", mod)
    unit_code = {"day": "D", "night": "D", "week": "W", "weekend": "W", "fortnight": "W", "month": "M", "quarter": "Q",
                 "year": "Y", "decade": "DE", "century": "CE", "millennium": "CE"}[unit]
    if unit == "fortnight":
        amount *= 2
    if direction in ("ago", "hence", "from now"):
        base_day = state.dct
        if base_day is None:
            return _r(m, "DATE", _x_value(g), mod)
        base = at(base_day, g)
        if unit == "year" and amount == 1 and state.ref is not None and state.ref.g in ("Q", "H") and state.ref.y == base_day.year:
            base = state.ref
        try:
            p = shift(base, sign * amount, unit_code, base.g)
        except ValueError:
            return None
        return _r(m, "DATE", p.value, mod)
    # earlier / later: anchored on the date the text last named
    base = state.ref
    if base is None:
        if state.dct is None:
            return _r(m, "DATE", _x_value(g), mod)
        base = at(state.dct, g)
    # "a year earlier" in an earnings report keeps the period's granularity (1988-Q3);
    # "two years later" is a year
    target_g = base.g if (unit == "year" and base.g in ("Q", "H", "M", "D") and amount == 1) else g
    try:
        p = shift(base, sign * amount, unit_code, target_g)
    except ValueError:
        return None
    before = state.text[max(0, m.start() - 30) : m.start()]
    if _FIGURE_BEFORE.search(before) or _COMPARED_BEFORE.search(before):
        # "to 93% from 88% a year earlier", "rose 4% in the quarter from a year earlier": a
        # figure's baseline, the story stays put
        return _r(m, "DATE", p.value, mod)
    return _r(m, "DATE", p.value, mod, anchor=p)


# a figure just before "a year earlier" ("from 88% a year earlier", "1.69 billion yuan a year earlier",
# "from $2.37/lb a year earlier", "from a loss of $52mn a year earlier")
# in the same clause: after "rose 5%. A year earlier" a new sentence is told from then
_FIGURE_BEFORE = regex_code.compile(r"\d(?:[\d.,]*\d)?\s*(?:%|per\s?cent|percent|(?:million|billion|bn|m)\b|[a-z]{1,3}\b|/[a-z]{1,5}\b)?(?:\s+[a-z]+)?\s+$")
# a comparison word right before it ("output rose 4% in the quarter from a year earlier")
_COMPARED_BEFORE = regex_code.compile(r"\b(?:from|over|versus|vs\.?|against|than|compared\s+(?:with|to))\s+$", re.IGNORECASE)


_AMOUNT_BEFORE = regex_code.compile(
    r"(?:[0-9][0-9,.]*(?:\s+(?:million|billion|thousand|hundred))?|times|once|twice|cents?|dollars?|"
    r"percent|hours|minutes|flights|trips|visits|(?!(?:was|has|is|does|its|this|his|as|us|yes|thus|plus|less|across|always|perhaps)\b)[a-z]+[^s\W]s)\s*$",
    re.IGNORECASE,
)


def n_duration(m: re.Match[str], state: _State) -> _Result | None:
    unit = m.group("unit").lower()
    if unit.startswith("centur"):
        unit = "century"
    g = m.groupdict()
    if g.get("old") or re.match(r"\s*-?\s*olds?\b", state.text[m.end() : m.end() + 8]):
        return None        # an age: "a 44-year-old"
    num = re.sub(r"\s+", " ", m.group("num").lower())
    if unit == "year" and re.fullmatch(r"(?:19|20)\d\d", num) and re.search(r"\b(?:fiscal|calendar)\b", m.group(0), re.I):
        # a year's name, no count of years: "the 2024 fiscal year", "the 2016 calendar year"
        return _r(m, "DATE", num, span=(m.start("num"), m.end()))
    amount = number(num)
    approx = re.sub(r"[\s-]+", " ", (m.group("approx") or "").lower())
    mod = _APPROX_MOD.get(approx) if approx else None
    pre = (m.group("pre") or "").lower()
    if pre in ("few", "past few", "last few", "next few", "first few"):
        amount = None
    if g.get("num2"):
        amount2 = number(g["num2"])
        amount = amount2 if amount2 is not None else amount
    if unit == "quarter" and amount is not None and amount != int(amount):
        return None
    start = m.start()
    if g.get("the") and not pre and not approx:
        # "the 14-day waiting period", "the two days of music": the article stays outside,
        # but "the nine months" of an earnings report keeps it
        if not (unit == "month" and not re.search(r"[0-9]-|-month", m.group(0))):
            start = m.start("num")
    # "24 hours a day", "$1.76 a year", "twice a week": a frequency
    if num in ("a", "an", "per") and not pre and not approx and not g.get("the"):
        if _AMOUNT_BEFORE.search(state.text[max(0, m.start() - 30) : m.start()]):
            return _r(m, "SET", duration_value(1, unit), None)
    value = duration_value(amount, unit)
    return _r(m, "DURATION", value, mod, span=(start, m.end()))


def n_units(m: re.Match[str], state: _State) -> _Result | None:
    unit = m.group("unit").lower()
    if unit == "centurie":
        unit = "century"
    pre = (m.group("pre") or "").lower()
    the = bool(m.group("the"))
    if pre in ("recent",) and unit == "year":
        return _r(m, "DATE", "PAST_REF")
    if not pre and not the and unit in ("second", "minute", "hour", "quarter", "year", "month", "decade", "centurie", "century"):
        return None        # "for years", "for decades": TimeBank leaves most bare plurals out
    return _r(m, "DURATION", duration_value(None, unit))


def n_unit_long(m: re.Match[str], state: _State) -> _Result | None:
    unit = m.group("unit").lower()
    if unit.startswith("centur"):
        unit = "century"
    return _r(m, "DURATION", duration_value(None if unit.endswith("s") else 1, unit))


def n_set(m: re.Match[str], state: _State) -> _Result | None:
    if m.group("w"):
        return _r(m, "SET", SETS[m.group("w").lower()])
    unit = m.group("unit").lower().rstrip(".")
    amount = number(m.group("num")) if m.group("num") else 1
    other = "other" in m.group(0).lower()
    if other and amount is not None:
        amount *= 2
    if unit in WEEKDAYS:
        part = m.group("part")
        return _r(m, "SET", f"XXXX-WXX-{WEEKDAYS[unit]}" + (f"T{PARTS_OF_DAY[part.lower()]}" if part else ""))
    if unit in MONTHS:
        return _r(m, "SET", f"XXXX-{MONTHS[unit]:02d}")
    if unit in SEASONS:
        return _r(m, "SET", f"XXXX-{SEASONS[unit]}")
    if unit == "night":
        return _r(m, "SET", "P1D")
    return _r(m, "SET", duration_value(amount, unit))


def n_times_a(m: re.Match[str], state: _State) -> _Result | None:
    unit = m.group("unit").lower()
    return _r(m, "SET", duration_value(1, unit), span=(m.start("set"), m.end("set")))


def n_clock(m: re.Match[str], state: _State) -> _Result | None:
    h = int(m.group("h"))
    mi = m.group("mi")
    ap = (m.group("ap") or "").lower().replace(".", "")
    if ap == "pm" and h < 12:
        h += 12
    if ap == "am" and h == 12:
        h = 0
    if h > 24:
        return None
    tail = (m.group("tail") or "").strip().lstrip(",").strip()
    day = None
    if tail:
        sub = re.sub(r"^on\s+", "", tail, flags=re.IGNORECASE)
        low = sub.lower().rstrip(".")
        if state.dct is not None:
            if low in WEEKDAYS:
                direction = tense_near(state.text, m.start(), m.end()) or "past"
                delta = WEEKDAYS[low] - state.dct.isoweekday()
                if direction == "future" and delta <= 0:
                    delta += 7
                elif direction != "future" and delta > 0:
                    delta -= 7
                day = state.dct + timedelta(days=delta)
            elif low in ("today", "yesterday", "tomorrow"):
                day = state.dct + timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[low])
            else:
                mm = re.match(r"(" + _MON + r")\s+(" + _DAYN + r")", sub, re.IGNORECASE)
                if mm:
                    p = _resolve_day_month(m, state, _month_num(mm.group(1)), _day_num(mm.group(2)))
                    day = p.start() if p else None
    elif state.dct is not None:
        day = state.ref.start() if state.ref is not None and state.ref.g == "D" and _same_sentence(state.text, state.ref_end, m.start()) else state.dct
    clock = f"{h:02d}:{mi}" if mi else f"{h:02d}:00"
    if day is None:
        return _r(m, "TIME", f"XXXX-XX-XXT{clock}")
    return _r(m, "TIME", f"{day.isoformat()}T{clock}")


def n_clock_word(m: re.Match[str], state: _State) -> _Result | None:
    w = m.group("w").lower().replace(" ", "-")
    clock = {"noon": "12:00", "midday": "12:00", "midnight": "24:00", "mid-morning": "MO", "midmorning": "MO",
             "mid-afternoon": "AF", "midafternoon": "AF", "dawn": "MO", "daybreak": "MO", "sunrise": "MO",
             "dusk": "EV", "sunset": "EV"}[w]
    if w in ("dawn", "dusk", "daybreak", "sunrise", "sunset") and not m.group("tail"):
        return None
    day = state.dct
    tail = (m.group("tail") or "").strip().lower().rstrip(".")
    if day is not None and tail:
        if tail in WEEKDAYS:
            direction = tense_near(state.text, m.start(), m.end()) or "past"
            delta = WEEKDAYS[tail] - day.isoweekday()
            if direction == "future" and delta <= 0:
                delta += 7
            elif direction != "future" and delta > 0:
                delta -= 7
            day = day + timedelta(days=delta)
        else:
            day = day + timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[tail])
    prefix = day.isoformat() if day else "XXXX-XX-XX"
    sep = "T"
    return _r(m, "TIME", f"{prefix}{sep}{clock}")


def n_part_wd(m: re.Match[str], state: _State) -> _Result | None:
    part = PARTS_OF_DAY[m.group("part").lower()]
    p = _resolve_day_month(m, state, _month_num(m.group("mon")), _day_num(m.group("d")))
    return _r(m, "TIME", f"{p.value if p else 'XXXX-XX-XX'}T{part}")


_NORMALISERS: dict[str, Callable[[re.Match[str], _State], "_Result | list[_Result] | None"]] = {
    "iso": n_iso, "ymd_slash": n_slash, "mdy_slash": n_slash, "mdy": n_mdy, "dmy": n_md, "md": n_md,
    "my": n_my, "month": n_month, "season": n_season, "year": n_year, "fy": n_fy, "decade": n_decade,
    "century": n_century, "qcode": n_qcode, "hcode": n_hcode, "quarter": n_quarter, "half": n_half,
    "rel_unit": n_rel_unit, "this_morning": n_this_morning, "deictic": n_deictic, "weekday": n_weekday,
    "weekdays_set": n_weekdays_set, "holiday": n_holiday, "ago": n_ago, "duration": n_duration,
    "duration_span": n_duration, "units": n_units, "unit_long": n_unit_long, "set": n_set,
    "times_a": n_times_a, "wd_date": n_wd_date, "month_rel_year": n_month_rel_year,
    "spelled_year": n_spelled_year, "clock": n_clock, "clock_word": n_clock_word, "part_wd": n_part_wd,
    "month_year_quarter": n_month_year_quarter, "month_range": n_month_range, "month_range_bare": n_month_range_bare,
}


def n_quarter_of_year(m: re.Match[str], state: _State) -> _Result | None:
    """ "this year's third quarter", "the 1988 second quarter", "the 1989 period"."""
    if m.group("y"):
        y = int(m.group("y"))
    elif state.dct is not None:
        y = state.dct.year + {"this": 0, "last": -1, "next": 1}[m.group("rel").lower()]
    else:
        return None
    unit = m.group("unit").lower()
    ordw = (m.group("ord") or "").lower()
    if unit == "period" or not ordw or ordw in ("final", "last"):
        # the period of that year the report is about: the quarter under discussion
        if unit == "half":
            n = 2 if ordw in ("final", "last") else None
            if n is None:
                return None
            p = Point("H", y, n)
        elif ordw in ("final", "last") and unit == "quarter":
            p = Point("Q", y, 4)
        elif state.ref is not None and state.ref.g in ("Q", "H"):
            p = state.ref._replace(y=y)
        else:
            return _r(m, "DATE", f"{y:04d}")
        return _r(m, "DATE", p.value)
    n = _QUARTER_ORD.get(ordw)
    if n is None or (unit == "half" and n > 2):
        return None
    p = Point("Q" if unit == "quarter" else "H", y, n)
    return _r(m, "DATE", p.value, anchor=p)


_NORMALISERS["quarter_of_year"] = n_quarter_of_year


def n_period_ago(m: re.Match[str], state: _State) -> _Result | None:
    """ "the year-ago quarter", "the year-earlier period", "the corresponding period last year":
    the period under discussion (the last quarter named), a year back."""
    whole = m.group(0).lower()
    if re.search(r"\bsame\b", whole) and not re.search(r"year", whole):
        return None
    if "nine months" in whole or "six months" in whole:
        return _r(m, "DURATION", "P9M" if "nine" in whole else "P6M")
    base = state.ref if state.ref is not None and state.ref.g in ("Q", "H", "M") else None
    if base is None:
        if state.dct is None:
            return _r(m, "DATE", "XXXX-QX")
        base = shift(at(state.dct, "Q"), -1, "Q")
    return _r(m, "DATE", shift(base, -1, "Y").value)


_NORMALISERS["period_ago"] = n_period_ago
