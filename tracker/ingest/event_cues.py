"""Kinds of sentence the guidelines count or do not count as events (``data/event_cues.json``):
an analyst's view, a person's career, a company's profile, a generic market figure, a company's
own plan. Each is a feature of the event model (``ev=<id>``, ``features.sentence_features``) at
``WEIGHT``; ``--explain`` names the cues of an event's sentence on its event line. A few no-event
cues decide alone (``decides``: a web page's date stamp, an economy's figure that names no company,
a standing holding when the sentence names no date):
``deciding_cue`` keeps their sentences from the event model (``pipeline.decide``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tracker import regex_code
from tracker.ingest.text import DIRECT_QUOTE
from tracker.prefilter import finds, fold, trie

DATA = Path(__file__).resolve().parent / "data"

# the value of a cue's feature: a cue fires in a few training sentences each, and at value 1 the
# event model (AdaGrad at rate 0.05, L2) gave it too small a weight to move them; at 4 its weight
# counts about as a hand-written fact should (bench/README.md "Event decision, session 11")
WEIGHT = 4.0

@dataclass(frozen=True)
class EventCue:
    id: str
    says: str  # "event" / "no event": which way GUIDELINES.md points
    pattern: re.Pattern[str]
    unquoted: bool  # read on the sentence with its direct quotes blanked
    decides: bool = False  # a no-event cue that decides alone: the sentence goes to no event model
    no_company: bool = False  # it decides only when the sentence names no company
    undated: bool = False  # it decides only when the sentence names no date (a standing fact)
    opening: int = 0  # a cue that says "event" decides only in the article's first N sentences after its headline
    authority: re.Pattern[str] | None = None  # subjects (a regulator, a court) whose act on a product is the article's company's
    person: bool = False  # a cue that says "event" of a named person's act: no company need be named at the act


@lru_cache(maxsize=1)
def cue_entries() -> tuple[dict, ...]:
    """The cues of ``data/event_cues.json`` as written there."""
    return tuple(json.loads((DATA / "event_cues.json").read_text(encoding="utf-8"))["cues"])


@lru_cache(maxsize=1)
def _places() -> str:
    """An alternation of the place names of ``data/not_companies.jsonl`` (countries, regions,
    cities and states, nationalities): what ``{PLACE}`` of a cue's pattern stands for."""
    names: set[str] = set()
    for line in (DATA / "not_companies.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            entry = json.loads(line)
            if entry.get("kind") == "place":
                names.update(entry["words"])
    # a trie of the names (each space any white space): the same language as the alternation
    # "(?:n1|n2|...)" of them, which the engine tried name by name, 677 names under re.I at each
    # place a cue's subject may start; a cue is asked only whether it matches (``finds``)
    return trie(sorted(names), _place_token)


def _place_token(ch: str) -> str:
    return r"\s+" if ch == " " else re.escape(ch)


def _pattern(cue: dict) -> str:
    pattern = cue["pattern"].replace("{PLACE}", _places()) if "{PLACE}" in cue["pattern"] else cue["pattern"]
    # a cue that reads a whole line (``whole``) is anchored by its own pattern, not by word boundaries
    return rf"(?:{pattern})" if cue.get("whole") else rf"\b(?:{pattern})\b"


@lru_cache(maxsize=1)
def event_cue_list() -> tuple[EventCue, ...]:
    return tuple(EventCue(c["id"], c["says"], regex_code.compile(_pattern(c), re.I),
                          bool(c.get("unquoted")), bool(c.get("decides")), bool(c.get("no_company")),
                          bool(c.get("undated")), int(c.get("opening", 0)),
                          regex_code.compile(rf"^\W*(?:{c['authority']})\s*$", re.I) if c.get("authority") else None,
                          bool(c.get("person")))
                 for c in cue_entries())


@lru_cache(maxsize=1)
def deciding_only() -> frozenset[str]:
    """The cues that only decide (``"feature": false``): a cue that speaks only of sentences naming
    no company, and decides those alone, has nothing to tell the event model of the others."""
    return frozenset(c["id"] for c in cue_entries() if c.get("feature", True) is False)


def unquoted(text: str) -> str:
    """``text`` with its direct quotes blanked (same length, so offsets hold)."""
    return DIRECT_QUOTE.sub(lambda m: " " * len(m.group()), text)


@lru_cache(maxsize=64)
def event_cues(text: str) -> tuple[str, ...]:
    """The ids of the cues that ``text`` (a sentence) holds, in the file's order."""
    folded = fold(text)
    bare = bare_folded = None
    found = []
    for cue in event_cue_list():
        if cue.unquoted:
            if bare is None:
                bare = unquoted(text)
                bare_folded = fold(bare)
            hit = finds(cue.pattern, bare, bare_folded)
        else:
            hit = finds(cue.pattern, text, folded)
        if hit:
            found.append(cue.id)
    return tuple(found)


def deciding_cue(text: str, names_company: bool, dated: bool = False) -> str | None:
    """The id of a cue that decides alone that a sentence reports no event (``decides`` in
    ``data/event_cues.json``: a page's date stamp, an economy's figure in a sentence that names no
    company, a standing holding with no time word), else None. ``names_company``: whether the
    sentence names a company of its own; ``dated``: whether it names a date of its own."""
    found = set(event_cues(text))
    return next((c.id for c in event_cue_list()
                 if c.decides and c.says == "no event" and c.id in found and not (c.no_company and names_company)
                 and not (c.undated and dated)), None)


def news_cue(text: str, index: int, dated: bool, company_at, article_company: bool = False) -> str | None:
    """The id of a cue that decides alone that a sentence holds an event (``says`` "event" and
    ``decides`` in ``data/event_cues.json``: the news of the day, a completed act told in the
    simple past at an article's opening with no date), else None. ``index``: the sentence's
    place in its article's body (0 the first sentence after the headline); ``dated``: whether it names a date of
    its own; ``company_at(lo, hi)``: whether a company is named between those offsets of the
    text (the act's subject, or its object right after the verb); ``article_company``: whether
    the sentence names no company and the article's company may act in it (an implied
    candidate): then an authority as the subject (the cue's ``authority``: "The FDA has approved
    the drug") acts on the article's company."""
    found = set(event_cues(text))
    if any(cue.says == "no event" and cue.id in found for cue in event_cue_list()):
        return None  # a kind of sentence the guidelines count out (a view, a profile, ...): the event model's
    for cue in event_cue_list():
        if not (cue.decides and cue.says == "event" and cue.id in found) or (cue.undated and dated):
            continue
        if cue.opening and index >= cue.opening:
            continue
        bare = unquoted(text) if cue.unquoted else text
        m = cue.pattern.search(bare)
        if m is None:
            continue
        act_end = m.end("act") if "act" in cue.pattern.groupindex else m.end()
        clause = bare.find(",", act_end)
        if cue.person or company_at(0, act_end) or company_at(act_end, min(clause if clause >= 0 else len(bare), act_end + 60)):
            return cue.id
        if article_company and cue.authority is not None and "subject" in cue.pattern.groupindex \
                and cue.authority.match(m.group("subject")):
            return cue.id
    return None
