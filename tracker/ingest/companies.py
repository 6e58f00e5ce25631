"""Company mentions of the registry's companies in text: names and aliases, and their short forms.

Registry forms are matched longest first ("China Telecom Global" before "China Telecom"), with
possessives ("Unicom's") and case differences in ordinary names ("China unicom"); an all-capital
acronym ("ARM", "JD", "CTG") matches only as written, so the word "arm" is not a company. Short
forms: the last word of a "<place> <word>" name ("the telecom chairman" for China Telecom) and the
distinctive first word of a name ("Norvane" of Norvane Systems) where it acts or owns. Companies
not in the registry are found by ``tracker.ingest.mentions``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tracker import regex_code
from tracker.intervals import DisjointSpans, SpanIndex
from tracker.prefilter import HeadsOf, finditer_at, fold

DATA = Path(__file__).with_name("data")


@lru_cache(maxsize=1)
def _finder_entries() -> dict[str, dict]:
    """The word lists of data/finder_words.jsonl by id."""
    lines = (DATA / "finder_words.jsonl").read_text(encoding="utf-8").splitlines()
    return {e["id"]: e for e in (json.loads(line) for line in lines if line.strip())}


def finder_words(entry_id: str) -> list[str]:
    return list(_finder_entries()[entry_id]["words"])


_SUFFIX = (
    r"(?:Inc\.?|Incorporated|Corp\.?|Corporation|Co\.,?\s?Ltd\.?|Co\.|Company|Ltd\.?|Limited|LLC|L\.L\.C\.|PLC|plc|"
    r"(?:Sdn\.?|Pte\.?|Pty\.?)[ \t]+Ltd\.?|Sdn\.?[ \t]+Bhd\.?|Berhad|Bhd\.?|Tbk\.?|"
    r"GmbH|AG|S\.A\.|SA|N\.V\.|NV|Holdings?|Group|Technologies|Telecom|Telecommunications|Networks|"
    r"Communications|Semiconductor|Electronics|Motors|Bank|Capital|Ventures|Partners|Pharmaceuticals?|Airlines|Labs)"
)
# words of generic phrases (data/finder_words.jsonl): "Norvane" stands for Norvane Systems, whose
# other words are all generic; mention finding (mentions.py) needs a name of more than these
_GENERIC = frozenset(finder_words("generic-words"))
# "Cavium of San Jose, a supplier": a name right after "of", "in", "from" is a place
_PLACE_BEFORE = regex_code.compile(r"\b(?:of|in|from|near|based in|headquartered in)\s+$")
_STOP_NAMES = frozenset(finder_words("stop-names"))

# "weak in telecom,", "the telecom chairman", "the telecom to ...": the word as a name, not qualifying a noun
# ("telecom operators", "mobile phones")
_NAME_USE_AFTER = regex_code.compile(r"\s*[,.;:)]|[’']s\b|\s+(?:chairman|chairwoman|president|CEO|chief|and|to|with|in|of|for|"
                             r"will|has|had|is|was|also|said|signed|launched)\b", re.I)
_NAME_WORD_BEFORE = regex_code.compile(r"[A-Z][\w&.-]*\s+$")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    name: str  # canonical name
    known: bool = True


class CompanyFinder:
    """Finds company mentions with one registry; ``find(text)`` -> mentions in order."""

    def __init__(self, registry):
        self.registry = registry
        exact: set[str] = set()
        folded: set[str] = set()
        for row in registry.rows.values():
            for form in (row["name"], *row.get("aliases", ())):
                form = form.strip()
                if len(form) < 2:
                    continue
                if not any(ch.islower() for ch in form) or len(form) <= 3:
                    exact.add(form)
                else:
                    folded.add(form)
        self._exact = _alternation(exact, ignore_case=False)
        self._folded = _alternation(folded, ignore_case=True)
        self._folded_heads = _heads_of(frozenset(folded)) if len(folded) >= HEADS_FROM else None
        self._known_cache: dict[tuple[str, int, int], list[Mention]] = {}

    def known(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        # ingest reads each article twice with the same base registry (tracker.ingest.pipeline
        # company_mentions: a second pass with the first pass's new companies as a layer of
        # their own); the base layer's answer for the same text is the same
        end = len(text) if end is None else end
        remembered = self._known_cache.get((text, start, end))
        if remembered is None:
            remembered = self._known_cache[(text, start, end)] = self._find_known(text, start, end)
            if len(self._known_cache) > 64:
                del self._known_cache[next(iter(self._known_cache))]
        return list(remembered)

    def _find_known(self, text: str, start: int, end: int) -> list[Mention]:
        found: list[tuple[int, int]] = []
        for pattern, heads in ((self._exact, None), (self._folded, self._folded_heads)):
            if pattern is None:
                continue
            if heads is None:
                matches = pattern.finditer(text, start, end)
            else:  # tried only where a name's first letters start a word
                at = heads(fold(text[start:end]))
                starts = [start + q for q in at.starts(at.wanted)]
                matches = finditer_at(pattern, starts, text, start, end)
            for match in matches:
                found.append((match.start(1), match.end(1)))
        # longest first, no overlaps
        found.sort(key=lambda se: (se[0], -(se[1] - se[0])))
        out: list[Mention] = []
        taken = DisjointSpans()
        for s, e in sorted(found, key=lambda se: (-(se[1] - se[0]), se[0])):
            if taken.overlaps(s, e):
                continue
            surface = text[s:e]
            name = self.registry.canonical(surface)
            if name is None:
                continue
            taken.add(s, e)
            out.append(Mention(s, e, surface, name, True))
        out.sort(key=lambda m: m.start)
        return out

    def short_forms(self, text: str, start: int, end: int, known: list[Mention]) -> list[Mention]:
        """"the telecom chairman" for China Telecom: the bare last word of a "<place> <word>" name,
        where the text from ``start`` to ``end`` names that company in full (``known``), and not as
        a word that qualifies a noun ("telecom operators") nor ending another name ("Germany Telecom");
        and the distinctive first word of a name ("Norvane" of Norvane Systems) where it acts or owns."""
        out = _bare_forms(text, start, end, known, _last_word_form, re.I, _used_as_name)
        out.extend(_bare_forms(text, start, end, known, first_word_form, 0, _acts_or_owns))
        return sorted(known + out, key=lambda m: m.start)


# a short form stands for the company as the subject of a verb, a speaker or an owner ("Norvane closed", "Kestrel said", "Kestrel's"),
# not as a place ("services in Nepal", "Nepal, via Tibet" of Nepal Telecom) nor a name's first word ("Norvane Edge")
_ACTS_AFTER = regex_code.compile(r"[’']s\b|\s+(?:also\s+|now\s+|then\s+|later\s+)?(?:[a-z]+(?:s|ed)|will|would|can|could|"
                         r"has|had|is|was|said|told|sold|won|led|made|took|grew|hit|set|bought|began|built|sent|went)\b")
_SUFFIX_WORDS = regex_code.compile(rf"(?:[ \t]+(?:{_SUFFIX}))+")


def first_word_form(name: str) -> str | None:
    """The distinctive first word that may stand for a name whose other words are only generic or
    company-suffix words ("Norvane" of Norvane Systems, "Kestrel" of Kestrel Mobile); else None."""
    first, _, rest = name.partition(" ")
    if not rest or first.casefold() in _STOP_NAMES or not first[:1].isupper():
        return None
    if all(w.casefold() in _GENERIC for w in rest.split()) or _SUFFIX_WORDS.fullmatch(" " + rest):
        return first
    return None


def _last_word_form(name: str) -> str | None:
    """The last word of a "<place> <word>" name ("Telecom" of China Telecom); else None."""
    place, _, head = name.partition(" ")
    if place.casefold() not in _STOP_NAMES or not head or " " in head:
        return None
    return head


def _used_as_name(text: str, s: int, e: int) -> bool:
    """"the telecom chairman": the word stands as a name, not qualifying a noun nor ending another name."""
    return bool(_NAME_USE_AFTER.match(text, e)) and not _NAME_WORD_BEFORE.search(text, max(0, s - 30), s)


def _acts_or_owns(text: str, s: int, e: int) -> bool:
    """"Norvane closed", "Kestrel's": the word acts or owns, and is no place (``_ACTS_AFTER``)."""
    return not _PLACE_BEFORE.search(text, max(0, s - 20), s) and bool(_ACTS_AFTER.match(text, e))


def _bare_forms(text: str, start: int, end: int, known: list[Mention], form_of, flags, fits) -> list[Mention]:
    """Mentions of a shorter form (``form_of(name)``) of each company the text names in full, outside the
    known mentions, where ``fits(text, start, end)`` accepts its use."""
    out: list[Mention] = []
    taken = SpanIndex((m.start, m.end) for m in known)
    folded = None
    # in the order the text names them (a set's order would change with string hashing between runs)
    for name in dict.fromkeys(m.name for m in known if m.text.casefold() == m.name.casefold()):
        form = form_of(name)
        if form is None:
            continue
        regex = re.compile(rf"(?<![\w&@/.-]){re.escape(form)}(?![\w&@-])", flags)
        if form and form.isascii():
            # a match starts where the folded text holds the folded form (``fold`` keeps each
            # character at its place and maps what a match of an ASCII character accepts, with
            # or without the case flag, to it): tried there only, as ``finditer`` would find it
            # (the pattern opens with a look-behind, so the engine tried every position of the
            # article for each name: quadratic in a long paragraph naming many companies)
            if folded is None:
                folded = fold(text[start:end])
            matches = finditer_at(regex, _found_at(folded, form.lower(), start), text, start, end)
        else:
            matches = regex.finditer(text, start, end)
        for match in matches:
            s, e = match.span()
            if taken.overlaps(s, e) or not fits(text, s, e):
                continue
            out.append(Mention(s, e, text[s:e], name, True))
    return out


def _found_at(folded: str, needle: str, offset: int) -> list[int]:
    """Where ``needle`` occurs in ``folded`` (overlaps too), each plus ``offset``."""
    out, find = [], folded.find
    at = find(needle)
    while at >= 0:
        out.append(offset + at)
        at = find(needle, at + 1)
    return out


# A case-insensitive alternation of many names (the registry's ~100 with lower-case letters) is
# tried by the regex engine name by name at every position of an article: most of the time of
# finding the registry's companies. A match starts a word (the look-behind refuses a word
# character) with the first letters of one of the names, so the alternation is tried only at the
# words that start so (``tracker.prefilter``: ``HeadsOf``, ``finditer_at``; the same matches).
# A few names are matched faster by the engine alone than the heads are built.
HEADS_FROM = 32


@lru_cache(maxsize=16)
def _heads_of(forms: frozenset[str]) -> HeadsOf | None:
    """The word heads a case-insensitive match of one of ``forms`` starts with: each form's first
    characters, up to 4, folded (``prefilter.fold``), up to its first space (the alternation
    matches any white space there) or character outside ASCII (whose case-insensitive matches
    ``fold`` does not map); None when a form starts with such a character."""
    heads = set()
    for form in forms:
        head = ""
        for ch in form[:4]:
            if ch.isspace() or not ch.isascii():
                break
            head += ch.lower()
        if not head:
            return None
        heads.add(head)
    return HeadsOf(frozenset(heads))


def _alternation(forms: set[str], ignore_case: bool):
    return _compiled_alternation(frozenset(forms), ignore_case) if forms else None


# compiling the alternation of a registry's hundreds of names takes longer than matching it in a
# whole article, and extract builds a finder for every text (again when new companies join it):
# the same set of names compiles once
@lru_cache(maxsize=16)
def _compiled_alternation(forms: frozenset[str], ignore_case: bool):
    # longest first; names of one length in their own order, so that the pattern is the same in
    # every process (a set's order changes with string hashing). Which of two names of one length
    # comes first changes no match: both match the same span where both match (their characters
    # one by one, a space any run of white space)
    ordered = sorted(forms, key=lambda form: (-len(form), form))
    body = "|".join(re.escape(form).replace(r"\ ", r"\s+") for form in ordered)
    flags = re.IGNORECASE if ignore_case else 0
    # the shipped registry's two alternations (what a new event log starts with) are in the shipped
    # regex code (``tracker.regex_code``: its tool extracts with the shipped registry); any other
    # registry's are compiled here as before
    return regex_code.compile(rf"(?<![\w&@/.-])({body})(?![\w&@-]|\.\w)", flags)
