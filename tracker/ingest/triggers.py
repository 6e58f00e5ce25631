"""Facts of English that weigh an event's type: the trigger of the main company's own clause.

``data/type_triggers.json`` lists verbs and event nouns whose act has a type ("agreed to buy":
acquisition, "appointed": leadership, "sued": legal). A sentence often tells more than its main
act ("Foo, which bought Bar in 2015, launched a phone on Tuesday"); the trigger that counts is
the first one after the subject, the sentence's first company named outside an aside, within
its clause. ``kinds.type_features`` gives it to the type model as ``trigger=<type>`` and
``trigger.<id>``, and ``--explain`` names it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from tracker import regex_code
from tracker.ingest.features import DATA
from tracker.ingest.stages import SentenceView
from tracker.prefilter import PatternSet


@lru_cache(maxsize=1)
def lexicon() -> dict:
    """``data/type_triggers.json`` as written there."""
    return json.loads((DATA / "type_triggers.json").read_text(encoding="utf-8"))


# ------------------------------------------------------------------ the trigger of the main clause


@dataclass(frozen=True)
class Trigger:
    """A verb or event noun of ``type_triggers.json`` in the main company's own clause."""

    id: str
    type: str
    text: str  # the words that matched
    start: int  # where they start in the text searched


@lru_cache(maxsize=1)
def _triggers() -> tuple[tuple[str, str, re.Pattern], ...]:
    return tuple((t["id"], t["type"], regex_code.compile(rf"\b(?:{t['pattern']})\b", re.I)) for t in lexicon()["triggers"])


def trigger_patterns() -> tuple[tuple[str, re.Pattern], ...]:
    """(id, compiled pattern) of each trigger, as ``clause_trigger`` searches them (``tracker.prefilter_table``)."""
    return tuple((trigger_id, pattern) for trigger_id, _kind, pattern in _triggers())


@lru_cache(maxsize=1)
def _trigger_set() -> PatternSet:
    return PatternSet([pattern for _id, _kind, pattern in _triggers()])


# asides that tell something else than the clause's own act: parentheses, a relative clause or an
# appositive between commas ("Foo, which bought Bar in 2015, launched ..."; "Foo, an American
# maker of ..., set up ..."), and a passage between dashes
# a character of an aside between commas, and the comma that closes it: the comma of a date
# ("which closed on February 28, 2025,") or of a number (", the fintech claims to serve 200,000
# customers;") neither ends the aside nor closes it; nor does the comma of a list of names the aside
# ends with ("Foo, the owner of Alder, Birch and Cedar, bought ...": the list's last item follows
# "and" or "or" before the closing comma)
_ASIDE_CHAR = r"(?:[^,;—–]|,(?=\s*\d{4}\b)|(?<=\d),(?=\d)|,(?=(?:\s[A-Z][\w&.'’-]*)+(?:,(?:\s[A-Z][\w&.'’-]*)+)*\s(?:and|or)\s[A-Z][^,;—–]{0,40},))"
_ASIDE_CLOSE = r",(?!\d|\s*\d{4}\b)"
_ASIDE = regex_code.compile(r"\([^()]*\)"
                    # a phrase that opens the sentence before its subject and tells what the act
                    # follows or answers ("On the heels of its bankruptcy filing, Foo said ...",
                    # "Following its merger with Bar, Foo will close ..."): the background of the
                    # main clause, not its act (a date's "In 2019," or "On Monday," dates the act)
                    r"|^\W*(?i:on the heels of|in the wake of|following|amid|amidst|despite|as part of|in addition to|"
                    r"in response to|ahead of|unlike)\s[^,;—–()]{3,100},"
                    r"|,\s+(?:which|who|whose|where|when|once|now|formerly|known|based|"
                    r"headquartered|owned|backed|founded|led)\b" + _ASIDE_CHAR + "*" + _ASIDE_CLOSE
                    # an appositive ("Foo, an American maker of ...,") holds no finite verb: ", the
                    # company will update shareholders during its earnings call," is the main clause
                    + r"|,\s+(?:a|an|the|its|one|part\s+of)\b(?:(?!\s(?:will|would|has|have|had|is|are|was|were|said|says|can|could|"
                    r"may|might|should|must|did|does|do)\b)" + _ASIDE_CHAR + ")*" + _ASIDE_CLOSE
                    + r"|\s[—–]\s[^—–]*\s[—–]\s"
                    # an appositive closing the sentence that recalls an earlier act: ", its biggest
                    # deal since it bought Orvane Power in 2019."
                    r"|,\s+(?:its|their|his|her|the|a|an)\s[^,;—–]{0,60}?\b(?:since|after|before|when)\s+"
                    r"(?:it|they|he|she|the\s+\w+|[A-Z][\w&.'’-]*)\s[^;—–]*$")
# where the clause of the subject ends: a semicolon, a colon, a new sentence
_CLAUSE_END = regex_code.compile(r";|:\s|\.\s+[A-Z]")
# how far after its subject a clause's act is looked for
CLAUSE_CHARS = 120


@lru_cache(maxsize=256)  # asked of each sentence four times on average (triggers, dates, titles)
def without_asides(text: str) -> str:
    """``text`` with its asides blanked out (offsets kept)."""
    return _ASIDE.sub(lambda m: " " * len(m.group()), text)


def clause_trigger(text: str, after: int = 0) -> Trigger | None:
    """The first trigger of the clause that starts at ``after`` (the end of its subject), asides left out."""
    clause = without_asides(text)[after:]
    end = _CLAUSE_END.search(clause)
    clause = clause[: end.start() if end else len(clause)][:CLAUSE_CHARS]
    best: tuple[int, Trigger] | None = None
    triggers = _triggers()
    # each trigger's first match, as its search finds it; a trigger whose heads the clause lacks
    # has none and is not searched (tracker.prefilter)
    for index, matches in _trigger_set().finditers(clause):
        m = next(matches, None)
        if m and (best is None or m.start() < best[0]):
            trigger_id, kind, _pattern = triggers[index]
            best = (m.start(), Trigger(trigger_id, kind, m.group(), after + m.start()))
    return best[1] if best else None


def main_trigger(view: SentenceView) -> Trigger | None:
    """The trigger of the clause of the sentence's first company named outside an aside (of the
    whole sentence when it names none: "It said ...", "The company bought ..."). A verb of saying
    passes to the act it reports: "Voltra said on Monday it had agreed to buy Kestrel" is an
    acquisition (GUIDELINES "Types": an acquisition that is announced is an acquisition, not a
    statement); per decision, train CV draws 7/1/2 .635/.637/.640 -> .638/.637/.642, by topic
    group .633 -> .642 (bench/README.md "Probing real pages, session 12")."""
    bare = without_asides(view.text)
    subject = next((m for m in view.mentions if bare[m.start - view.start : m.end - view.start].strip()), None)
    after = subject.end - view.start if subject else 0
    found = clause_trigger(view.text, after)
    if found is not None and found.id == SAY:
        # ... and a quote that opens the sentence is what the verb after it reports ('"We agreed to
        # buy Borealis on Tuesday," said Jane Roe': an acquisition)
        quoted = _OPENING_QUOTE.match(view.text, 0, found.start)
        if quoted is None:
            reported = clause_trigger(view.text, found.start + len(found.text))
        else:
            reported = clause_trigger(quoted.group(1))
            if reported is not None:
                reported = replace(reported, start=reported.start + quoted.start(1))
        if reported is not None and reported.id != SAY:
            return reported
    return found


# a sentence that opens with a quote its verb of saying follows: '"We agreed to buy X," said ...'
_OPENING_QUOTE = regex_code.compile(r"\s*[\"“‘]([^\"“”‘’]{8,}?)[,.!?]?[\"”’]\s*,?\s*$")


# the trigger of a verb of saying (data/type_triggers.json)
SAY = "say"


def aside_span(text: str, offset: int) -> tuple[int, int] | None:
    """The bounds of the aside that holds ``offset``; None outside asides."""
    for m in _ASIDE.finditer(text):
        if m.start() <= offset < m.end():
            return m.start(), m.end()
    return None


def aside_trigger(text: str, offset: int) -> Trigger | None:
    """The trigger of the aside that holds ``offset`` ("Foo, which bought Bar in 2015, launched
    ...": the aside's act, acquisition, at the offset of "2015"); None outside asides."""
    span = aside_span(text, offset)
    if span is None:
        return None
    lo, hi = span
    found = clause_trigger(text[lo + 1 : hi - 1])  # its bounds left out, or it would blank itself
    return replace(found, start=found.start + lo + 1) if found is not None else None
