"""A plain one-line title for an event, made from its sentence.

News sentences open with datelines ("BEIJING, June 12 (Reuters) -"), dates ("On Tuesday,"),
and pronouns ("We", "It", "The company"); a timeline wants the actor, the act and its object.
The title is the sentence with the dateline, an opening date phrase and a scene-setting opening
removed, a pronoun subject replaced by the company's name, a description before the name, the
speaker's frame, a closing attribution, a day named from the story's date and legal forms dropped
("Swedish snack maker Acme Plc said on Tuesday it agreed to buy Brandt Inc, the company said" ->
"Acme agreed to buy Brandt": the rules of ``data/title_rules.json``), cut at a clause end near
``MAX_WORDS`` words and never on a dangling preposition; when the sentence does not name its main
company, the name leads ("Acme: ...").
"""

from __future__ import annotations

import json
import re
from datetime import date
from functools import lru_cache
from pathlib import Path

from tracker import regex_code
from tracker.ingest.mentions import gazetteer, rules as mention_rules
from tracker.ingest.stages import SentenceView
from tracker.ingest.triggers import without_asides
from tracker.registry import legal_form_pattern, short_form
from tracker.temporal.partial import PartialDate

RULES = Path(__file__).resolve().parent / "data" / "title_rules.json"


@lru_cache(maxsize=1)
def _rules_file() -> dict:
    """``data/title_rules.json`` as written there (its rules and its moods)."""
    return json.loads(RULES.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def title_rules() -> dict[str, dict]:
    """The rules of ``data/title_rules.json`` by id."""
    return {r["id"]: r for r in _rules_file()["rules"]}


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, frozenset[str]]:
    rules = title_rules()
    return (regex_code.compile(rules["report-frame"]["pattern"], re.I), regex_code.compile(rules["closing-attribution"]["pattern"]),
            frozenset(rules["dangling-end"]["words"]))


# unbounded: a title asks for 9 rules in turn, and a cache of 8 forgot each before it was asked
# again, building its pattern (legal forms and all) for every title
@lru_cache(maxsize=None)
def _rule(rule_id: str) -> re.Pattern:
    """The pattern of a rule of ``data/title_rules.json``; ``{legal_after}`` and ``{legal_before}``
    stand for the legal forms of ``tracker/data/legal_forms.jsonl`` (the registry's), ``{ric}`` for
    the instrument codes of the mention rule ric-suffix."""
    pattern = title_rules()[rule_id]["pattern"].replace("{ric}", mention_rules()["ric-suffix"].pattern)
    pattern = pattern.replace("{legal_after}", legal_form_pattern("legal-forms"))
    return regex_code.compile(pattern.replace("{legal_before}", legal_form_pattern("legal-forms-before")))

MAX_WORDS = 20
# "SHANGHAI, 07 AUG 2017 (Reuters) - ", "LONDON — ", "(Reuters) - " (a place in capitals, or any
# place before a news agency in brackets)
_DATELINE = regex_code.compile(r"^(?:[A-Z][A-Z .'-]{1,40}?(?:,\s*[^-–—()\n]{1,30}?)?\s*(?:\([^)]{1,30}\))?"
                       r"|[A-Z][A-Za-z .'-]{1,40}?(?:,\s*[^-–—()\n]{1,30}?)?\s*\([^)]{1,30}\))\s*[-–—]\s+"
                       r"|^\([^)]{1,30}\)\s*[-–—]\s*")
# the wire services' and agencies' forms a title leaves out too: "BOSTON, Nov. 6, 2024 /PRNewswire/
# -- ", "LOS ANGELES–(BUSINESS WIRE)–", "SEOUL, June 10 (Yonhap) -- ", "June 7 (Reuters) – " (an agency in brackets or
# slashes; without one the dash needs a space after it, so that "U.S.-based" is no dateline)
_AGENCY = r"(?:\([^)]{1,30}\)|/[^/\n]{1,30}/)"
_DASH = r"(?:--|[-–—])"
# ... and "RANCHO CUCAMONGA, CA / ACCESSWIRE / November 8, 2023 / ": the agency's slashes, the date, a slash
_WIRE_DATELINE = regex_code.compile(r"^[A-Z][A-Za-z0-9 .'-]{1,40}?(?:,\s*[^-–—()/\n]{1,30}?)?\s*(?:" + _DASH + r"\s*)?"
                            + _AGENCY + r"\s*(?:" + _DASH + r"|[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4}\s*/)\s*")


def dateline_end(sentence: str) -> int:
    """Where a story's dateline ends at the start of its first sentence (0 when it has none); its
    date dates the story, not the sentence's act. A wire service's dateline ("/PRNewswire/ --")
    is not one here: its date is the release's announcement day, which dates the release's
    statement (train CV by topic group: F1 .772 with its date, .763 without)."""
    found = _DATELINE.match(sentence)
    return found.end() if found else 0


def title_dateline_end(sentence: str) -> int:
    """Where any dateline ends, a wire service's too: a title leaves it out."""
    found = _WIRE_DATELINE.match(sentence) or _DATELINE.match(sentence)
    if found is None:
        found = _rule("outlet-prefix").match(sentence)
        if found is not None and found.group("place") and gazetteer().kind(found.group("place")) != "place":
            found = None  # "Harlow Bank: profit rose" names no place
    return found.end() if found else 0
_PRONOUN_SUBJECT = regex_code.compile(r"^(?:We|It|The (?:company|Company|group|Group|firm|bank|carmaker|operator|carrier|telco|lender|insurer|"
                                      r"retailer|airline|automaker|chipmaker|drugmaker|miner|brewer))\b(?!['’])")
_LEAD_ADVERBIAL = regex_code.compile(r"^(?:(?:earlier|later|also|then|and|but|separately|meanwhile),?\s+)?(?:(?:In|On|At|During|By|Since|As of|As at)\s+)?(?:the\s+)?$", re.I)


def make_title(view: SentenceView, main: str) -> str:
    text = view.text
    start = 0
    if not view.is_title:
        start = title_dateline_end(text)
        # an opening date phrase: "In June, we signed ..." -> "we signed ..."
        for d in view.dates:
            lead = text[start : d.start - view.start]
            after = text[d.end - view.start :]
            # ... with or without its comma before a name: "This morning Harlow announced ..."
            if _LEAD_ADVERBIAL.match(lead) and (after.startswith(",") or re.match(r"\s+[A-Z]", after)):
                start = d.end - view.start + (1 if after.startswith(",") else 0)
            break
    text = _without_lead(text[start:], main)
    text = _named_subject(text, main, view) or text
    # asides tell something else than the act: "(NASDAQ: ACME)", ", a maker of snacks,"
    text = " ".join(without_asides(text).split()).strip(" \"“”‘’'")
    text = _rule("appositive-subject").sub(r"\g<name> ", text, count=1)
    text = _rule("appositive-name").sub(r"\g<role> \g<name> ", text, count=1)
    text = _rule("ric-codes").sub("", text)
    text = _without_descriptor(_rule("legal-forms").sub(_legal_form_gone, text), main)
    text = _PRONOUN_SUBJECT.sub(main, text[:1].upper() + text[1:], count=1)
    text = _rule("day-adverbial").sub("", plain_act(text, main)).replace(" ,", ",")
    bare = _rule("end-apposition").sub("", text.rstrip(" ."))
    text = bare if len(bare.split()) >= 3 else text
    words = text.split()
    if len(words) > MAX_WORDS:
        cut = " ".join(words[:MAX_WORDS])
        stop = max(cut.rfind(", "), cut.rfind("; "), cut.rfind(" – "), cut.rfind(" — "))
        text = without_dangling_end(cut[:stop] if stop > 40 else cut)
    text = text.rstrip(" .,;:–—-")
    if not _names(text, main, view):
        text = f"{main}: {text}"
    return text[:1].upper() + text[1:]


def _legal_form_gone(found: re.Match) -> str:
    """What a legal form leaves behind: nothing, or the full stop it shares with the sentence's end
    ("through Galaxy Holdings Inc. The company ..."); after a word in lower case it is no legal
    form ("the Company's shareholders") and stays."""
    before = found.string[: found.start()].rsplit(None, 1)
    if found.group()[:1].isspace() or found.group()[:1] == ",":
        if not before or not before[-1][:1].isupper() and not before[-1][:1].isdigit():
            return found.group()
    ends_sentence = found.group().endswith(".") and re.match(r"\s+[A-Z]|$", found.string[found.end():])
    return "." if ends_sentence else ""


def _without_lead(text: str, main: str) -> str:
    """``text`` from its subject on when an opening phrase sets the scene (rule lead-adjunct:
    "Under the terms of the deal, Quorvel shareholders will receive ..."), if the rest names the
    main company."""
    lead = _rule("lead-adjunct").match(text)
    if lead and (main.casefold() in text[lead.end():].casefold() or _PRONOUN_SUBJECT.match(text[lead.end():].capitalize())):
        rest = text[lead.end():]
        # "..., the Harlow Company said" -> "Harlow Company said": the name opens the title
        if rest[:4].casefold() == "the " and rest[4:].casefold().startswith(main.casefold()):
            rest = rest[4:]
        return rest
    return text


def _without_descriptor(text: str, main: str) -> str:
    """``text`` opening with the main company's name when a description comes before it (rule
    descriptor-before-name: "Swedish telecom equipment maker Ericsson completed" -> "Ericsson
    completed")."""
    at = text.casefold().find(main.casefold())
    return text[at:] if at > 0 and _rule("descriptor-before-name").fullmatch(text[:at]) else text


def _named_subject(text: str, main: str, view: SentenceView) -> str | None:
    """``text`` with the main company's name in place of the mention it opens with ("Orvane
    Therapeutics, Inc. today reported" -> "Orvane Therapeutics today reported"); None when it
    opens with none."""
    lead = len(text) - len(text.lstrip())
    # "the Walt Disney Company announced" -> "Walt Disney announced": the article goes with the name
    article = re.match(r"[Tt]he\s+", text[lead:])
    starts = {lead} | ({lead + article.end()} if article else set())
    base = view.start + len(view.text) - len(text)  # where ``text`` starts in the article
    for m in view.mentions:
        if m.name == main and m.start - base in starts:
            return main + text[m.start - base + len(m.text):]
    return None


@lru_cache(maxsize=1)
def _backshift() -> re.Pattern:
    """Rule backshift: "had" before a regular past participle, where reported speech put it."""
    return regex_code.compile(title_rules()["backshift"]["pattern"])


def _names(title: str, main: str, view: SentenceView) -> bool:
    """Whether a title names the main company, by its name or by a short form the sentence uses
    for it ("Harlow shares rose" names Harlow Foods)."""
    folded = title.casefold()
    return main.casefold() in folded or short_form(main).casefold() in folded or any(m.name == main and m.text.casefold() in folded for m in view.mentions)


def plain_act(text: str, main: str) -> str:
    """The act a sentence reports without its speaker's frame (rule report-frame: "Acme said on
    Tuesday it agreed to buy Brandt" -> "Acme agreed to buy Brandt", the subject shortened to the
    company's name when it names it) and without a closing attribution (rule closing-attribution:
    ", the company said")."""
    frame, _, _ = _patterns()
    found = frame.match(text)
    # the frame goes when the company speaks of itself ("it", "the company" after it); an analyst
    # or another company saying "it ..." reports no act of the speaker's
    if found and main.casefold() in found.group("subject").casefold():
        subject = found.group("subject")
        if len(subject) <= len(main) + 12:
            subject = main  # "Harlow Foods Plc" -> "Harlow Foods"
        text = f"{subject} {_backshift().sub('', text[found.end():], count=1)}"
    bare = without_attribution(text)
    return bare if len(bare.split()) >= 3 else text


@lru_cache(maxsize=1)
def _moods() -> tuple[tuple[str, re.Pattern], tuple[str, re.Pattern], str]:
    moods = _rules_file()["moods"]
    return ((moods["rumour"]["prefix"], regex_code.compile(moods["rumour"]["pattern"], re.I)),
            (moods["expected"]["prefix"], regex_code.compile(moods["expected"]["pattern"], re.I)), moods["planned"]["prefix"])


@lru_cache(maxsize=1)
def _forecast() -> re.Pattern:
    """The words of a forecast for a period that has begun but not ended ("expects fourth-quarter
    revenue of", published in the quarter): ``data/title_rules.json`` moods.expected.in_progress."""
    return regex_code.compile(_rules_file()["moods"]["expected"]["in_progress"], re.I)


def mood_prefix(sentence: str, when: PartialDate, published: date | None) -> str:
    """"Reports that ", "Expected: ", "Planned: " or "": how a title tells an event that is a
    report of others, an expectation or a plan (GUIDELINES; ``data/title_rules.json`` "moods")."""
    (rumour, told), (expected, expecting), planned = _moods()
    if told.search(sentence):
        return rumour
    if published is None or when.start is None:
        return ""
    if when.start <= published:
        # a forecast for the period under way ("expects fourth-quarter revenue of $2 billion", told
        # in October) is an expectation too; what the period has already seen is not
        return expected if when.end is not None and when.end > published and _forecast().search(sentence) else ""
    return expected if expecting.search(sentence) else planned


def with_mood(title: str, sentence: str, when: PartialDate, published: date | None) -> str:
    """``title`` with its ``mood_prefix``."""
    prefix = mood_prefix(sentence, when, published)
    return prefix + title if prefix and not title.startswith(prefix) else title


def without_attribution(text: str) -> str:
    """``text`` without the attribution that closes it (rule closing-attribution: "The deal is
    expected to close in the third quarter, Voltra said." -> "The deal is expected to close in
    the third quarter")."""
    _, attribution, _ = _patterns()
    return attribution.sub("", text.rstrip(" ."))


def aside_title(main: str, act: str) -> str:
    """The title of an aside's own act ("Foo, which bought Bar Inc in 2015, launched ..." ->
    "Foo bought Bar in 2015"): the main company, then the aside's words from its act's verb."""
    act = " ".join(_rule("legal-forms").sub(_legal_form_gone, act).split()).strip(" ,.;:)(–—-")
    words = act.split()
    if len(words) > MAX_WORDS:
        act = without_dangling_end(" ".join(words[:MAX_WORDS]))
    return f"{main} {act}"


def without_dangling_end(text: str) -> str:
    """A cut title without the prepositions, articles and conjunctions left at its end (rule
    dangling-end)."""
    _, _, dangling = _patterns()
    words = text.split()
    while len(words) > 3 and words[-1].casefold().strip(",;:") in dangling:
        words.pop()
    return " ".join(words)
