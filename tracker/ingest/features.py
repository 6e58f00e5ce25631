"""Features of sentences, date candidates and company candidates, for ingest's linear models.

One function per decision; the trainer (``bench/train_ingest.py``) and the extractor call the
same functions, so what was learned is what runs. Features are named by what they test
(``w=acquire``, ``date.before=founded``) so that ``--explain`` reads as reasons.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from tracker import regex_code
from tracker.ingest import event_cues as _event_cues
from tracker.ingest.stages import SentenceView
from tracker.prefilter import PatternSet, finds, fold

_WORD = regex_code.compile(r"[A-Za-z][A-Za-z'’-]*|\d+(?:[.,]\d+)*")
# a sum of money: a currency sign, or a currency's code or name. Two searches (a match of the
# alternation of both is a match of one of them): the engine scans for the signs' characters, and
# the words are searched only in a sentence that holds their heads (``prefilter.finds``); the
# alternation of both, which has no such heads, was tried at every position of every sentence
_MONEY_SIGN = regex_code.compile(r"[$€£¥₹]", re.I)
_MONEY_WORD = regex_code.compile(r"\b(?:USD|EUR|RMB|yuan|won|yen|rupees?|dollars?|euros?|pounds?|ringgit|rand|naira|reais|pesos?)\b", re.I)
# a scale word, or a figure with a scale's letters ("5bn", "300 m"): ``_SCALE`` (dating) is the
# alternation of the two; the sentence features search each alone (as the money searches above)
_SCALE_WORD = regex_code.compile(r"\b(?:million|billion|trillion|bn|mln|crore|lakh)\b", re.I)
_SCALE_FIGURE = regex_code.compile(r"\d\s?(?:m|bn|k)\b", re.I)
_SCALE = regex_code.compile(rf"{_SCALE_WORD.pattern}|{_SCALE_FIGURE.pattern}", re.I)
_PERCENT = regex_code.compile(r"%|\bper ?cent\b|\bpercent\b", re.I)
_PRONOUN_START = regex_code.compile(r"^\W*(?:it|its|we|our|they|he|she|the (?:company|firm|group|bank|carrier|operator|"
                            r"carmaker|automaker|airline|retailer|insurer|miner|lender|maker|startup|start-up|"
                            r"giant|chipmaker|business|brand|unit|board))\b", re.I)
_QUOTE_START = regex_code.compile(r"^\W{0,2}[\"“‘]")
_FUTURE = regex_code.compile(r"\b(?:will|would|could|might|may|should|shall|plans?|planned|planning|intends?|expects?|expected|"
                     r"aims?|targets?|hopes?|seeks?|forecasts?|projects?|proposed|likely|potential)\b", re.I)
_HEDGE_REPORT = regex_code.compile(r"\b(?:reportedly|rumou?red|according to (?:people|sources|reports)|sources said|people familiar)\b", re.I)
_SUFFIX_STEM = regex_code.compile(r"(?:ing|ed|es|s)$")
DATA = Path(__file__).resolve().parent / "data"


@lru_cache(maxsize=1)
def type_cue_entries() -> tuple[dict, ...]:
    """The cues of ``data/type_cues.json`` as written there."""
    return tuple(json.loads((DATA / "type_cues.json").read_text(encoding="utf-8"))["cues"])


@lru_cache(maxsize=1)
def type_cues() -> list[tuple[str, str, re.Pattern]]:
    """(id, type, pattern) of each cue of ``data/type_cues.json``."""
    return [(c["id"], c["type"], regex_code.compile(rf"\b(?:{c['pattern']})\b", re.I)) for c in type_cue_entries()]


@lru_cache(maxsize=1)
def _cue_set() -> PatternSet:
    """The cues' patterns, each tried only in a sentence that holds one of its prefixes
    (``tracker.prefilter``; asked of every sentence)."""
    return PatternSet([pattern for _id, _kind, pattern in type_cues()])


@lru_cache(maxsize=64)
def cues(text: str) -> tuple[tuple[int, str, str], ...]:
    """(offset, cue id, type) of every cue that matches ``text``, in order (the event and the type
    decisions both ask, of the same sentence)."""
    found = []
    entries = type_cues()
    # most cues cannot match a given sentence, and finding the cues' word heads says so faster
    # than a search per cue
    for index, matches in _cue_set().finditers(text):
        cue_id, kind, _pattern = entries[index]
        for m in matches:
            found.append((m.start(), cue_id, kind))
    return tuple(sorted(found))


def words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def stem(word: str) -> str:
    """A crude stem that folds inflections of the verbs that carry events (acquired/acquires/acquiring)."""
    if len(word) > 5 and not word[0].isdigit():
        return _stem(word)
    return word


@lru_cache(maxsize=16384)  # every word of every sentence with a company: most words come again
def _stem(word: str) -> str:
    return _SUFFIX_STEM.sub("", word)


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if n <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"


# what a sentence holds, each a feature of its own when found
# ("money" and "scale" twice: a sentence holds one where either search finds)
_MARKS = (("money", _MONEY_SIGN), ("money", _MONEY_WORD), ("scale", _SCALE_WORD), ("scale", _SCALE_FIGURE),
          ("percent", _PERCENT), ("number", re.compile(r"\d")),
          ("future", _FUTURE), ("rumour", _HEDGE_REPORT), ("quote_start", _QUOTE_START))


def sentence_features(s: SentenceView) -> dict[str, float]:
    """What a sentence says about whether it reports an event and of what type."""
    text = s.text
    f: dict[str, float] = {"bias": 1.0}
    toks = words(text)
    stems = [stem(w) for w in toks if not w[0].isdigit()]
    for w in set(stems):
        f[f"w={w}"] = 1.0
    f["len=" + _bucket(len(toks), (6, 12, 25, 40, 60))] = 1.0
    found = cues(text)
    for _, cue_id, kind in found:
        f[f"cue={kind}"] = 1.0
    if found:
        f[f"first_cue={found[0][2]}"] = 1.0
        after = [c for c in found if not s.mentions or c[0] > s.mentions[0].start - s.start]
        if after:
            f[f"cue_after_company={after[0][2]}"] = 1.0
    n_comp = len({m.name for m in s.mentions})
    f["companies=" + _bucket(n_comp, (0, 1, 2))] = 1.0
    if s.mentions and s.mentions[0].start - s.start < 4:
        f["company_first"] = 1.0
    if not s.mentions and s.context_company:
        f["implied_company"] = 1.0
    if _PRONOUN_START.match(text):
        f["pronoun_start"] = 1.0
    precisions = {d.date.precision for d in s.dates}
    f["dates=" + _bucket(len(s.dates), (0, 1, 2))] = 1.0
    for p in precisions:
        f[f"date_precision={p}"] = 1.0
    for d in s.dates:
        for w in words(d.text):
            if not w[0].isdigit():
                f[f"date_word={w}"] = 1.0
    folded = fold(text)
    _verb_features(s, f, toks, folded)
    for name, pattern in _MARKS:  # (no feature before has these names: "money" is set once, by the first search that finds)
        if name not in f and finds(pattern, text, folded):
            f[name] = 1.0
    for cue_id in _event_cues.event_cues(text):  # kinds of sentence GUIDELINES (do not) count: data/event_cues.json
        if cue_id not in _event_cues.deciding_only():
            f[f"ev={cue_id}"] = _event_cues.WEIGHT
    if text.rstrip().endswith("?"):
        f["question"] = 1.0
    if text.rstrip().endswith(":"):
        f["lead_in"] = 1.0
    if s.is_title:
        f["title"] = 1.0
    if s.index == 0:
        f["lead"] = 1.0
    elif s.index < 3:
        f["early"] = 1.0
    if s.bullet:
        f["bullet"] = 1.0
    if s.paragraph_start:
        f["paragraph_start"] = 1.0
    if not _TERMINAL.search(text):
        f["no_terminal"] = 1.0
    _dated_features(s, f, folded)
    return f


# the sentence's words weigh half in the event and type decisions: beside the cues, triggers and
# the sentence's shape, which are facts of English, the words of the articles seen (names, topics)
# count less, so that the models carry to other companies' news (event: bench/cv_ingest.py, random
# folds 7/1/2 F1 .737/.759/.745 -> .749/.758/.751, --by-group .743 -> .747; type: see kinds.py)
WORD_WEIGHT = 0.5


def words_weighed(features: dict[str, float]) -> dict[str, float]:
    """A copy of a sentence's features (``sentence_features``) with its words at ``WORD_WEIGHT``:
    the event decision's features, and the base of the type decision's (``kinds.type_features``)."""
    return {name: (WORD_WEIGHT if name.startswith("w=") else value) for name, value in features.items()}


_PRESENT_STATE = regex_code.compile(r"\b(?:is|are|remains?|owns?|operates?|employs?|has|have|holds?|makes?|sells?|offers?|"
                            r"provides?|serves?|speciali[sz]es?|accounts? for|controls?)\b", re.I)
_NOW = regex_code.compile(r"\b(?:today|now|currently|this (?:week|month|year|quarter)|on (?:mon|tues|wednes|thurs|fri|satur|sun)day)\b", re.I)


def _dates_itself(s: SentenceView) -> bool:
    from tracker.ingest.dating import dates_itself  # (dating reads this module's patterns)
    return dates_itself(s)


def _dated_features(s: SentenceView, f: dict[str, float], folded: str) -> None:
    """Tense and aspect crossed with whether the sentence dates itself: the guidelines take a past
    act, a plan or a figure as an event when a date goes with it, a present-tense state or a
    quote without one as no event (``folded``: ``prefilter.fold`` of its text)."""
    dated = "dated" if _dates_itself(s) else "undated"
    if finds(_NOW, s.text, folded):
        f["now_word"] = 1.0
    tense = ("future" if f.get("modal") or f.get("future") else
             "past" if f.get("past_verb") or f.get("present_perfect") else
             "state" if finds(_PRESENT_STATE, s.text, folded) else "other")
    f[f"tense={tense}|{dated}"] = 1.0
    if f.get("money") or f.get("percent") or f.get("scale"):
        f[f"figure|{dated}"] = 1.0
    if f.get("has_quote_marks"):
        f[f"quote|{dated}"] = 1.0
    if s.is_title or s.index == 0:
        f[f"lead|{tense}"] = 1.0
    named = {m.name for m in s.mentions}
    if s.actors and named and named <= set(s.actors.earlier):
        f["companies_named_before"] = 1.0


_PAST_IRREGULAR = set("""said sold bought won made took led began grew fell rose hit set built sent went paid
    became brought chose cut drew drove fought found gave held kept lost met overtook put ran saw shut spent
    stood struck told wrote agreed""".split())
_NOT_VERB_ED = set("""based listed limited united red bed need seed speed feed hundred related owned advanced
    diversified integrated unexpected expected estimated adjusted combined""".split())
_AUXILIARY = {"has", "have", "had", "is", "are", "was", "were", "will", "would", "could", "may", "might", "can",
              "should", "plans", "expects", "aims", "intends"}


def searched_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """(name, pattern) of the sentence features' yes/no searches that ``prefilter.finds`` asks
    about (``tracker.prefilter_table``)."""
    named = {"_NOW": _NOW, "_PRESENT_STATE": _PRESENT_STATE, "_PRESENT_PERFECT": _PRESENT_PERFECT, "_MODAL": _MODAL,
             "_FIRST_PERSON": _FIRST_PERSON, "_ATTRIBUTION_END": _ATTRIBUTION_END}
    return [*_MARKS, *named.items()]


# the searches of ``_verb_features``, compiled once (each is asked of every sentence)
_PRESENT_PERFECT = regex_code.compile(r"\b(?:has|have)\s+(?:\w+ly\s+|just\s+|already\s+|also\s+)?(?:been\s+)?\w+(?:ed|en|un|wn|ld|nt|ght)\b", re.I)
_MODAL = regex_code.compile(r"\b(?:will|would|could|may|might|shall)\s+(?:\w+\s+)?\w+", re.I)
_QUOTE_MARK = regex_code.compile(r"[“”\"]")
_FIRST_PERSON = regex_code.compile(r"\b(?:we|our|us)\b", re.I)
_ATTRIBUTION_END = regex_code.compile(r",\s+(?:[A-Z][\w.&-]*\s+){1,4}(?:said|says|told|added|reported)\W*$")
_TERMINAL = regex_code.compile(r"[.!?\"”’)]\W*$")


def _verb_features(s: SentenceView, f: dict[str, float], toks: list[str], folded: str) -> None:
    """The words right after the first company named (its verb, mostly) and the tense of the
    sentence (``toks``: its ``words``; ``folded``: ``prefilter.fold`` of its text)."""
    past = [w for w in toks if (w.endswith("ed") and len(w) > 4 and w not in _NOT_VERB_ED) or w in _PAST_IRREGULAR]
    if past:
        f["past_verb"] = 1.0
    if finds(_PRESENT_PERFECT, s.text, folded):
        f["present_perfect"] = 1.0
    if finds(_MODAL, s.text, folded):
        f["modal"] = 1.0
    if _QUOTE_MARK.search(s.text):
        f["has_quote_marks"] = 1.0
    if finds(_FIRST_PERSON, s.text, folded):
        f["first_person"] = 1.0
    if finds(_ATTRIBUTION_END, s.text, folded):
        f["attribution_end"] = 1.0
    if not s.mentions:
        return
    rest = s.text[s.mentions[0].end - s.start :]
    after = words(rest)[:3]
    if rest.startswith(("'s", "’s")):
        f["company_possessive"] = 1.0
        after = after[1:]
    for i, w in enumerate(after[:2]):
        f[f"after_company{i}={stem(w)}"] = 1.0
        if w in _AUXILIARY:
            f[f"after_company{i}=AUX"] = 1.0
        elif w.endswith("ed") or w in _PAST_IRREGULAR:
            f[f"after_company{i}=PAST"] = 1.0
        elif w.endswith("s") and not w.endswith("ss"):
            f[f"after_company{i}=S"] = 1.0
