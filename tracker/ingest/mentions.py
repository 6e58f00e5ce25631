"""Company mentions in an article, with or without a registry that knows them.

News names a company far more often than any registry can list, so a name is recognised by
how the text writes about it, not by a list of companies:

1. candidates: runs of capitalised words ("Acacia Communications Inc.", "Challenger, Gray &
   Christmas, Inc.", "Bank of Avalon"), cut at titles and dates ("Lumeo CEO Priya Vance" gives
   "Lumeo" and "Priya Vance") and at possessives ("China's Yantra" gives "China" and "Yantra");
2. what is surely no company is set aside with a gazetteer of non-companies kept as data
   (``data/not_companies.jsonl``: places, authorities and markets, titles, dates, given names,
   words capitalised only at a sentence start) — a legal form or the registry overrides it;
3. a candidate is a company when the registry knows it, it carries a legal form or a company
   word ("... Technologies"), or a cue of ``data/company_cues.jsonl`` fires around it
   ("X said", "X's chief executive", "shares of X", "X, the Dallas-based maker of", "rival X",
   "peers such as A, B and C", "X (NYSE: XYZ)");
4. within the article, every other use of a name found so, and its short forms ("Acacia" of
   Acacia Communications, "Sherwin" of Sherwin-Williams, "AMD" defined in parentheses), is the
   same company: the short form folds to the full name.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from tracker import regex_code
from tracker.ingest.companies import _GENERIC, CompanyFinder, _found_at
from tracker.ingest.text import paragraphs
from tracker.intervals import DisjointSpans, SpanIndex
from tracker.prefilter import search_within
from tracker.registry import legal_form_pattern, legal_forms, lookup_key, short_form

DATA = Path(__file__).with_name("data")


@dataclass(frozen=True)
class CompanyMention:
    start: int  # offset into text
    end: int
    text: str  # == text[start:end], the surface form
    name: str  # canonical: the registry's name when known, else the short common form without legal suffixes
    known: bool  # True when the name is in the registry
    rule: str  # the rule or cue that decided it, for ``ingest --explain``


# ------------------------------------------------------------------------------------------
# knowledge kept as data


@dataclass(frozen=True)
class Cue:
    id: str
    side: str  # "after": matched at the candidate's end; "before": ends where it begins; "list": before a list
    pattern: re.Pattern
    # what may not follow the candidate for a "before" cue to hold ("the Ohio-based Wagons
    # manufacturer": a noun the capitalised word qualifies)
    not_after: re.Pattern | None = None


@dataclass(frozen=True)
class Gazetteer:
    kinds: dict[str, str]  # lookup key of a name -> its kind ("place", "authority", "title", ...)
    heads: frozenset[str]  # last words that make a name an institution, event or place

    def kind(self, name: str) -> str | None:
        return self.kinds.get(lookup_key(name))


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    kinds: dict[str, str] = {}
    heads: set[str] = set()
    for entry in _read_jsonl(DATA / "not_companies.jsonl"):
        if entry["kind"] == "authority-head":
            heads.update(entry["words"])
            continue
        for word in entry["words"]:
            kinds.setdefault(lookup_key(word), entry["kind"])
    return Gazetteer(kinds, frozenset(heads))


@lru_cache(maxsize=1)
def cues() -> tuple[Cue, ...]:
    return tuple(
        Cue(e["id"], e["side"], regex_code.compile(e["pattern"], re.I if "i" in e.get("flags", "") else 0),
            regex_code.compile(e["not_after"]) if "not_after" in e else None)
        for e in _read_jsonl(DATA / "company_cues.jsonl")
    )


@lru_cache(maxsize=1)
def rules() -> dict[str, re.Pattern | None]:
    """The rules of ``data/mention_rules.jsonl`` by id: their patterns (None for a rule kept in code)."""
    return {
        e["id"]: regex_code.compile(e["pattern"], re.I if "i" in e.get("flags", "") else 0) if "pattern" in e else None
        for e in _read_jsonl(DATA / "mention_rules.jsonl")
    }


def _rule(rule_id: str) -> re.Pattern:
    pattern = rules()[rule_id]
    assert pattern is not None, rule_id
    return pattern


def _read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# ------------------------------------------------------------------------------------------
# legal forms and company words

# the legal forms of data/legal_forms.jsonl (shared with the registry's short forms)
_LEGAL_WORDS = legal_form_pattern("legal-forms")
_LEGAL = regex_code.compile(rf"(?:{_LEGAL_WORDS})(?:,?[ \t]*(?:{_LEGAL_WORDS}))*")
# a legal form after the name, maybe after a comma: "Acacia Communications, Inc.", "Foo Co., Ltd."
_LEGAL_TAIL = regex_code.compile(rf"(?:,?[ \t]+|,)(?:{_LEGAL_WORDS})(?![\w])(?:(?:,?[ \t]+|,)(?:{_LEGAL_WORDS})(?![\w]))*")
# "PT Foo Tbk", "PJSC Gazprom": a legal form that leads the name
_LEGAL_LEAD = frozenset(legal_forms("legal-forms-before"))
_NAME_AFTER = regex_code.compile(r"[ \t]+[A-Z]")
_LEAD_BEFORE = regex_code.compile(r"(?<![\w.])(?:" + "|".join(map(re.escape, sorted(_LEGAL_LEAD))) + r")[ \t]+$")
# last words only companies carry ("Zenvia Technologies", "Halden Airlines"), data/company_words.jsonl
_COMPANY_WORDS = frozenset(_read_jsonl(DATA / "company_words.jsonl")[0]["words"])
_SEGMENT_AFTER = regex_code.compile(r"\s+(?:segment|segments|division|unit|business|operating segment|reportable segment)\b")
_ABBREVIATION = regex_code.compile(r"(?:[A-Z]\.){2,}|[A-Z]\.|(?:Inc|Corp|Co|Cos|Ltd|Ltda|Pte|Pty|Sdn|Bhd|Tbk|Jr|Sr|St|Mt|Dr|Mr|Mrs|Ms|Prof|No)\.|S\.p\.A\.|S\.A\.S\.")
_HYPHEN_ADJECTIVE = regex_code.compile(r"-(?:based|headquartered|listed|owned|backed|led|made|born|registered|controlled|focused|run|linked|related|style|era)$", re.I)
_PARTICLES = {"&", "de", "da", "du", "des", "del", "della", "di", "van", "von", "der", "den", "la", "le", "y", "e", "und", "et"}
# "Bank of Avalon", "Ministry of Trade": "of" joins a head word to what it is of
_OF_HEADS = {"Bank", "Ministry", "Department", "University", "Institute", "Bureau", "Office", "Board", "Republic", "Kingdom",
             "Commission", "Court", "Council", "Federation", "Association", "Society", "Academy", "Chamber", "Union", "State",
             "States", "Federal", "Government", "Secretary", "Minister", "Port", "City", "Province", "Museum", "School", "College",
             "Authority", "Agency", "Exchange", "Church", "Order", "Royal", "Court", "Tribunal", "Cabinet", "House",
             # documents: "Letter of Acceptance", "Memorandum of Understanding" (not_companies.jsonl authority-heads)
             "Letter", "Memorandum", "Certificate", "Notice", "Deed"}
_MONEY_AMOUNT = regex_code.compile(r"[A-Z]{0,3}[$€£¥][\d.,]+[a-zA-Z]{0,2}")
_MONEY_WORDS = regex_code.compile(r"^(?:US|HK|NT|S|A|C|NZ|RMB|EUR|USD|GBP|JPY|CNY|INR|R|Rs|RM|S\$|US\$)\$?$")


# ------------------------------------------------------------------------------------------
# candidates


class _Token(NamedTuple):  # a NamedTuple, not a frozen dataclass: made for every word (4x faster)
    start: int
    end: int
    text: str
    breaks: bool  # punctuation or a possessive ends the run after this token
    possessive: bool = False


@dataclass
class _Span:
    tokens: list[_Token]
    sentence_start: bool = False  # the run begins a sentence or a line
    after_title: bool = False  # a title ("CEO", "Mr") stood right before it
    decided: str | None = None  # the rule that made it a company
    blocked: str | None = None  # why it is no company
    name: str = ""

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end

    def words(self) -> list[str]:
        return [t.text for t in self.tokens]


# "Calif.--(BUSINESS WIRE)--Opus Bank": dashes part words
_RAW = regex_code.compile(r"(?:(?!--)[^\s—–])+")
_LEAD_PUNCT = "\"“‘'([{«*•-–—"
_TRAIL_PUNCT = ",;:!?)\"”’']}»*-"
# rule glued-sentence: "until March 2017.Reliance Industries had" is two sentences
_GLUED = regex_code.compile(r"(?<=[0-9a-z]{2})\.(?=[A-Z][a-z])")


# both passes of ingest (tracker/ingest/pipeline.py company_mentions) read the words of each
# article of a document (a seed document holds up to about 40 articles)
@lru_cache(maxsize=64)
def _tokens(text: str, start: int, end: int) -> tuple[_Token, ...]:
    out = []
    for s, e in _raw_spans(text, start, end):
        if text[s:e].isalnum():  # most words: no punctuation to strip, nothing breaks after them
            out.append(_Token(s, e, text[s:e], False, False))
            continue
        raw_end = e
        while s < e and text[s] in _LEAD_PUNCT:
            s += 1
        breaks = False
        possessive = False
        while e > s:
            if text[e - 1] in _TRAIL_PUNCT and not text[s:e].endswith(("'s", "’s")):
                e -= 1
                breaks = True
            elif text[s:e].endswith(("'s", "’s")):
                # rule name-s: "Kellogg’s, an American maker" (the comma already stripped), "Byju's
                # is", but not "Harlow's planned takeover"
                if (e == raw_end or breaks and text[e:raw_end].strip(_TRAIL_PUNCT + ".") == "") and e - s > 3 \
                        and _rule("name-s").match(text, e) and text[s].isupper():
                    breaks = True
                    break
                # rule name-s-inside: "Divi's Laboratories", "Orvane's Restaurants Inc": the 's
                # of a name that a company word or a legal form goes on with
                if e == raw_end and text[s].isupper() and _rule("name-s-inside").match(text, e):
                    break
                e -= 2
                breaks = possessive = True
            elif text[e - 1] == "." and not _ABBREVIATION.fullmatch(text[s:e]):
                e -= 1
                breaks = True
            else:
                break
        if e > s:
            breaks = breaks or e < raw_end and text[e] in ".,;:!?)" or text[e:raw_end].startswith(("'", "’"))
            out.append(_Token(s, e, text[s:e], breaks, possessive))
    return tuple(out)


def _raw_spans(text: str, start: int, end: int):
    find = text.find
    for raw in _RAW.finditer(text, start, end):
        s = raw.start()
        if find(".", s, raw.end()) < 0:  # no period, so nothing glued (most words)
            yield s, raw.end()
            continue
        for glued in _GLUED.finditer(text, raw.start(), raw.end()):
            yield s, glued.end()
            s = glued.end()
        yield s, raw.end()


@lru_cache(maxsize=8192)
def _capitalised(word: str) -> bool:
    if _HYPHEN_ADJECTIVE.search(word):
        return False
    first = word[0]
    if first.isupper():
        return True
    if first.isdigit():
        # "7-Eleven" is a name; "2nd", "5bn" and a number joined to a lower-case measure
        # ("12-month", "52-week", "10-year-old") are not
        # "3M" (digits and one capital) is a name where a cue names it; "3m", "5bn", "2nd" are not
        return (any(ch.isalpha() for ch in word) and (_DIGIT_NAME.fullmatch(word) is not None
                                                      or not re.fullmatch(r"\d+(?:st|nd|rd|th|s|m|bn|k|x|%|pc)", word, re.I))
                and not re.fullmatch(r"[\d.,]+(?:-[a-z]+)+", word))
    # "eBay", "iQiyi"; rule lowercase-first: "j2 Global", "e2open"
    return first.islower() and (any(ch.isupper() for ch in word[1:]) or re.match(r"[a-z]{1,2}\d", word) is not None)


def _sentence_start(text: str, at: int, start: int) -> bool:
    # a dash after a dateline or an agency opens the story ("(Bloomberg) — Drugmaker Alkermes PLC rose")
    before = text[max(start, at - 3) : at].rstrip(" \t\"“‘'(")
    return at <= start or not before or before[-1] in ".!?:\n" or (before[-1] in "—–" and _DATELINE_DASH.search(text, max(start, at - 60), at) is not None)


# a dateline or an agency's name in parentheses closed by a dash: "(Bloomberg) — ", "LONDON (Reuters) – "
_DATELINE_DASH = regex_code.compile(r"(?:\)|^[A-Z][A-Z .,'-]{1,40})\s*[—–]\s*$", re.M)


def _runs(text: str, start: int, end: int) -> list[_Span]:
    """Maximal runs of capitalised words, joined by particles ("Procter & Gamble", "Bank of Avalon")."""
    tokens = _tokens(text, start, end)
    runs: list[_Span] = []
    current: list[_Token] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if _capitalised(tok.text):
            gap = text[current[-1].end : tok.start] if current else ""
            # a name does not run on over a line break: a headline's last word and the next line's first are two
            if current and (gap.strip() or "\n" in gap):
                runs.append(_Span(current))
                current = []
            current.append(tok)
            if tok.breaks or (len(current) > 1 and _LEGAL.fullmatch(tok.text) and tok.text.endswith(".")):
                # a legal form ends a name: "Lucasfilm Ltd. Disney" is two
                runs.append(_Span(current))
                current = []
            i += 1
            continue
        joins = (
            current
            and not current[-1].breaks
            and i + 1 < len(tokens)
            and _capitalised(tokens[i + 1].text)
            and not tok.breaks
            and (tok.text in _PARTICLES or tok.text == "of" and current[-1].text in _OF_HEADS)
        )
        if not joins and current and _of_the(tokens, i, current):
            # rule of-the-name: "Office of the Comptroller of the Currency", "Department of the Treasury"
            current += tokens[i : i + 2]
            i += 2
            continue
        if joins or (current and _numbered_name(text, tok, current[-1])):
            current.append(tok)
        elif current:
            runs.append(_Span(current))
            current = []
        i += 1
    if current:
        runs.append(_Span(current))
    for run in runs:
        run.sentence_start = _sentence_start(text, run.start, start)
    return runs


def _numbered_name(text: str, tok: _Token, last: _Token) -> bool:
    """Whether a small number ends the name before it because a legal form follows ("SMG US Midco 2,
    Inc.", "Holdco 1 Ltd"): vehicles of a group are numbered, and the legal form says the number
    is part of the name, not a figure ("Foo sold 2 Inc. shares" has no capital before it)."""
    return (not last.breaks and tok.text.isdigit() and len(tok.text) <= 2
            and _LEGAL_TAIL.match(text, tok.end) is not None)


def _of_the(tokens, i: int, current: list[_Token]) -> bool:
    """Whether "of the" at ``tokens[i]`` continues a name that opens with a head word taking "of"
    ("Office of the Comptroller", "Bank of the West") into the capitalised word after it."""
    return (i + 2 < len(tokens) and tokens[i].text == "of" and not tokens[i].breaks and not current[-1].breaks
            and (current[-1].text in _OF_HEADS or any(t.text == "of" for t in current)) and tokens[i + 1].text == "the" and not tokens[i + 1].breaks
            and _capitalised(tokens[i + 2].text))


def _split(text: str, run: _Span, gaz: Gazetteer, lower_words: set[str]) -> list[_Span]:
    """A run cut at titles and dates, and stripped of leading sentence words ("The", "Shares")."""
    pieces: list[_Span] = []
    current: list[_Token] = []
    after_title = False
    sentence_start = run.sentence_start
    ric = _rule("ric-suffix")
    for i, tok in enumerate(run.tokens):
        kind = gaz.kind(tok.text)
        if ric.fullmatch(tok.text) and current:
            # rule ric-suffix: "Siemens Energy ENR1n.DE": the code ends the name and says it is listed
            pieces.append(_Span(current, sentence_start, after_title, decided="ric-suffix"))
            current, sentence_start, after_title = [], False, False
            continue
        if kind in ("title", "time") and not (current and current[-1].text in _PARTICLES) and not _titled_name(run, tok, kind) \
                and not _leads_name(run.tokens, i):
            if current:
                pieces.append(_Span(current, sentence_start, after_title))
            current, sentence_start = [], False
            after_title = kind == "title"
            continue
        # "Bank of America": a bank's name opens with "Bank" followed by "of" and a place
        bank_of = _bank_of(run.tokens, i) or _of_the(run.tokens, i + 1, [tok])
        # ... unless the run is a name that ends in a company word or a legal form ("Gold Fields
        # Ltd." where the text also writes "gold")
        # a word the text also writes in lower case opens a sentence, not a name, when nothing
        # capitalised follows it in the run ("Gold rose"); before another capitalised word it opens
        # the name ("General Motors said", where the text also writes "general")
        opening = (not current and sentence_start and tok is run.tokens[0]
                   and ((not _named_run(run) and ((tok.text.casefold() in lower_words and len(run.tokens) == 1) or _role_word(tok.text)))
                        or _DESCRIPTOR.fullmatch(tok.text) is not None or _adverb(tok.text)))
        # a name opener is capitalised as any word is only as the sentence's first word or after a
        # title; at the start it still opens a name that ends in a company word or a legal form
        # ("First Harbor Bancorp advised ...", "Energy Transfer Partners said ...")
        name_opener = kind == "name-word" and ((sentence_start and tok is run.tokens[0] and not _named_run(run)) or after_title)
        # a preposition capitalised inside a sentence before another capitalised word opens a
        # name ("shares of Under Armour", "a stake in Over Holdings"): it is no sentence's first word
        named_preposition = (kind == "word" and tok.text in _NAME_PREPOSITIONS and not after_title
                             and tok is run.tokens[0] and len(run.tokens) > 1
                             and (not sentence_start or _named_inside_a_sentence(text, tok.text + " " + run.tokens[1].text)))
        if not current and not bank_of and not named_preposition and (
                kind == "word" or name_opener or tok.text in _PARTICLES or tok.text == "of" or opening):
            continue  # "The Acme", "Shares Acme", "Moreover Acme" (a word the text also writes in lower case)
        current.append(tok)
    if current:
        pieces.append(_Span(current, sentence_start, after_title))
    for piece in pieces:
        while piece.tokens and (piece.tokens[-1].text in _PARTICLES or piece.tokens[-1].text == "of"):
            piece.tokens.pop()
        # rule trailing-abbreviation: "Thomson Reuters PR, IR units", "Alibaba IPO": an abbreviation
        # of business writing after a name is what the name's company does or has, not its name
        while len(piece.tokens) >= 2 and _trailing_abbreviation(piece.tokens[-1].text, gaz):
            piece.tokens.pop()
        _get_report(text, piece)
    return [p for p in pieces if p.tokens]


def _named_inside_a_sentence(text: str, phrase: str) -> bool:
    """Whether the text writes ``phrase`` ("Under Armour") after a word in lower case somewhere, so
    that its capitalised preposition opens a name there and at a sentence's start too."""
    return any(_after_a_lower_case_word(text[max(0, at - 20) : at].rstrip()) for at in _found_at(text, phrase, 0))


def _after_a_lower_case_word(before: str) -> bool:
    return bool(before) and (before[-1].islower() or before.endswith(("'s", "’s")))


_NAME_PREPOSITIONS = frozenset({"Under", "Over", "After", "Before", "Through", "With", "Against", "Across", "Into", "Beyond", "Above", "Below"})


def _drop_board_of(piece: _Span) -> None:
    """Rule board-of: "The Board of Royal Dutch Shell plc announced": a company's board acts for
    the company, which is the name after "Board of" when a legal form ends it ("Board of Trade",
    "Board of Governors" stay whole)."""
    words = piece.words()
    if len(words) >= 4 and words[0] == "Board" and words[1] == "of" and _LEGAL.fullmatch(words[-1]):
        del piece.tokens[:2]
        piece.sentence_start = False


# rule named-run-opener: a noun that says what a company is ("Drugmaker Alkermes PLC",
# "Retailer Quayside Ltd") opens no company's name, even a name a legal form ends
_DESCRIPTOR = regex_code.compile(r"[A-Z][a-z]*maker|Retailer|Conglomerate|Miner|Insurer|Lender|Brewer|Manufacturer|Producer|"
                                 r"Distributor|Supplier|Startup|Start-up|Telco|Refiner|Shipbuilder|Homebuilder")


def _trailing_abbreviation(word: str, gaz: Gazetteer) -> bool:
    """Whether a name's last word is an abbreviation that names no company ("PR", "IPO", "EV"; the
    generic words of not_companies.jsonl), not a legal form ("AG", "SA", "PLC")."""
    return word.isupper() and len(word) <= 5 and gaz.kind(word) == "word" and _LEGAL.fullmatch(word) is None


def _bank_of(tokens, i: int) -> bool:
    """Whether ``tokens[i]`` is the "Bank" of a bank's name "Bank of X" (kept, as "The" or
    "Shares" are not); a central bank is an authority by its listed name."""
    return tokens[i].text == "Bank" and i < len(tokens) - 2 and tokens[i + 1].text == "of" and tokens[i + 2].text[:1].isupper()


def _leads_name(tokens, i: int) -> bool:
    """Whether ``tokens[i]`` is a legal form written before a name ("PT Telkom Indonesia"), not
    the time zone of the same spelling ("10 a.m. PT")."""
    return tokens[i].text in _LEGAL_LEAD and i < len(tokens) - 1 and tokens[i + 1].text[:1].isupper()


def _titled_name(run: _Span, tok: _Token, kind: str | None) -> bool:
    """Whether a title word opens a company's name: first in a run that ends in a company word
    ("Prince International", "President Energy"); an abbreviation ("CEO") never does."""
    return (kind == "title" and tok is run.tokens[0] and len(run.tokens) >= 2 and not tok.text.isupper()
            and run.tokens[-1].text in _COMPANY_WORDS)


def _named_run(run: _Span) -> bool:
    """Whether a run of three or more capitalised words ends in a company word or a legal form."""
    last = run.tokens[-1].text
    return len(run.tokens) >= 3 and (last in _COMPANY_WORDS or _LEGAL.fullmatch(last) is not None)


_REPORT_AFTER = regex_code.compile(r"[ \t]+Report\b")


def _get_report(text: str, piece: _Span) -> None:
    """Rule get-report: a site's link text "Get Tesla Inc. Report" names Tesla Inc."""
    words = piece.words()
    if len(words) < 2 or words[0] != "Get":
        return
    if words[-1] == "Report" and len(words) >= 3:
        piece.tokens.pop()
    elif not _REPORT_AFTER.match(text, piece.end):
        return
    piece.tokens.pop(0)
    piece.sentence_start = False
    piece.decided = "get-report"


def _role_word(word: str) -> bool:
    """"Retailer Quayside cut prices": a role noun that opens a sentence is no part of the name."""
    return any(c.id == "role-before" and c.pattern.fullmatch(word.casefold() + " ") for c in cues())


def _adverb(word: str) -> bool:
    """"Individually Hyundai jumped 22%", "Reportedly Quayside ...": an adverb made of an ordinary
    word and -ly ("individual", "reported") opens a sentence, not a name. Short stems are left
    alone: "Early Warning", "Family Dollar", "Ally Financial" are names."""
    lower = word.casefold()
    return (lower.endswith("ly") and len(lower) >= 7 and lower in common_words()
            and lower[:-2] in common_words())


# ------------------------------------------------------------------------------------------
# deciding


_PERSON_AFTER = regex_code.compile(
    r"\s*,\s+(?:\d{2},|(?:the|a|an|its|his|her|our|their|[A-Z][\w&.’'-]*[’']s)\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:chief|CEO|CFO|COO|CTO|founder|co-founder|chairman|chairwoman|president|director|head|manager|analyst|"
    r"spokes(?:man|woman|person)|partner|professor|economist|minister|secretary|officer|executive|vice|senior|who)\b"
)
_PERSON_BEFORE = regex_code.compile(r"\b(?:Mr|Mrs|Ms|Dr|Sir|Prof)\.?\s+$")
# what only a person does: "after Dick Costolo resigned in June", "Dion Weisler stepped down"
_PERSON_ACTS = regex_code.compile(
    r"\s+(?:has\s+|had\s+|who\s+)?(?:resigned|resigns|stepped\s+down|steps\s+down|retired|retires|died|dies|passed\s+away)\b")


def _legal_form(span: _Span) -> bool:
    words = span.words()
    return len(words) >= 2 and (_LEGAL.fullmatch(words[-1]) is not None or words[0] in _LEGAL_LEAD)


# the company words that a place or nationality does not take as an adjective of a sector
# ("Chinese Technology firms", "European Media" are no companies)
_NATIONAL_COMPANY_WORDS = frozenset({"Airlines", "Airways", "Telecom", "Telecommunications", "Motors", "Steel", "Bank",
                                     "Petroleum", "Oil", "Holdings", "Shipping", "Mobile", "Electric", "Insurance"})


def _national_company(words: list[str], gaz: Gazetteer) -> bool:
    """Rule national-company: a place or nationality and a word only companies end with
    ("American Airlines", "Japan Airlines", "China Telecom") name a company, not a place."""
    return len(words) >= 2 and gaz.kind(words[0]) == "place" and words[-1] in _NATIONAL_COMPANY_WORDS


def _company_word(span: _Span) -> bool:
    words = span.words()
    if len(words) >= 3 and words[-2] in _COMPANY_WORDS and gazetteer().kind(words[-1]) == "place":
        # "Sequoia Capital China", "Harlow Bank Canada": a company word, then the country of the unit
        words = words[:-1]
    # "Global Technologies" is a phrase: some word must be more than a generic one
    return (len(words) >= 2 and words[-1] in _COMPANY_WORDS and words[0] not in _COMPANY_WORDS
            and not all(w.casefold() in _GENERIC or w in _COMPANY_WORDS for w in words))


@lru_cache(maxsize=8192)  # asked of every candidate in both passes (a pure function of the name)
def _strip_legal(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip()
    words = name.split(" ")
    if len(words) >= 2 and words[0] in _LEGAL_LEAD:
        words = words[1:]
    while len(words) >= 2 and _LEGAL.fullmatch(words[-1].rstrip(",")):
        words.pop()
        # "JPMorgan Chase & Co.": the "&" went with the "Co."
        while len(words) >= 2 and words[-1] in ("&", "and"):
            words.pop()
    out = " ".join(words).rstrip(" ,")
    return out[4:] if out.startswith("The ") and len(out) > 6 else out


def _blocked(text: str, span: _Span, gaz: Gazetteer, lower_words: set[str]) -> str | None:
    """Why a candidate is surely no company (None when it may be one)."""
    words = span.words()
    surface = text[span.start : span.end]
    kind = gaz.kind(surface)
    if kind == "news-outlet" and not _reports(text, span):
        kind = None  # a paper or agency named as a business is one ("Nikkei agreed to buy ...")
    if kind == "exchange" and _rule("exchange-acts").match(text, span.end):
        return None  # an exchange that acts as a business is one ("Nasdaq said", "Intercontinental Exchange agreed")
    if kind is not None:
        return kind
    if all(gaz.kind(part) == "time" for w in words for part in w.split("-")):
        return "time"  # "January-March", "Monday-Friday": a span of months or days
    if all(gaz.kind(w) in ("place", "word", "name-word", "time") for w in words) and not _national_company(words, gaz):
        return "place"  # "Hong Kong Shares", "Greater Europe"
    if words[-1] in gaz.heads or (len(words) >= 3 and "of" in words and words[0] in gaz.heads and "Bank" not in words):
        return "authority-head"  # "State Council of ...", but "State Bank of India" (central banks are listed)
    if all(_LEGAL.fullmatch(w) for w in words):
        return "legal-form-alone"  # "Inc." after a registry name or a comma
    if _MONEY_WORDS.match(words[0]) and len(words) == 1 or _MONEY_AMOUNT.fullmatch(words[0]):
        return "money"  # rule money-amount: "US$1.4"
    if span.after_title or _PERSON_BEFORE.search(text, max(0, span.start - 20), span.start):
        return "person"
    if 2 <= len(words) <= 3 and gaz.kind(words[0]) == "first-name" and all(w[:1].isupper() for w in words) \
            and words[-1] not in _COMPANY_WORDS:  # "Prince International", "Morgan Motors": a company's last word
        return "person"
    if 2 <= len(words) <= 3 and (_PERSON_AFTER.match(text, span.end) or _PERSON_ACTS.match(text, span.end)) \
            and all(re.fullmatch(r"[A-Z][a-z'’-]+\.?", w) for w in words):
        return "person"
    if span.sentence_start and len(words) == 1 and words[0].casefold() in lower_words:
        return "word"  # "Sales rose": a word the text also writes in lower case
    if span.sentence_start and len(words) == 1 and _common_word_only_at_starts(text, span):
        return "common-word"  # "Inflation increased", "Regulators had": no sign of a name
    if len(words) == 1 and len(words[0]) < 2:
        return "letter"
    if re.fullmatch(r"[\d.,%$€£¥-]+[A-Za-z]{0,3}", words[0]) and len(words) == 1 and not _digit_name(text, span):
        return "number"
    return None


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Ordinary English words (``data/common_words.txt``, built by bench/build_common_words.py)."""
    lines = (DATA / "common_words.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w for w in lines if w and not w.startswith("#"))


_TICKER_AFTER = regex_code.compile(r"\s*\((?:[A-Z]+:\s*)?[A-Z0-9]{1,6}(?:\.[A-Z]{1,3})?\)")


def _common_word_only_at_starts(text: str, span: _Span) -> bool:
    """An ordinary English word that the text capitalises only where English capitalises any
    word (a sentence's or a line's start) shows no sign of being a name: "Inflation increased",
    "Regulators had investigated" (rule common-word). A name the registry knows never gets here;
    one capitalised mid-sentence anywhere in the text ("shares of Ford"), or followed by its
    ticker ("Ford (F.N) said"), stays a candidate."""
    word = text[span.start : span.end]
    if word.casefold() not in common_words() or _TICKER_AFTER.match(text, span.end):
        return False
    for at in _whole_word_at(text, word):
        if not _sentence_start(text, at, 0):
            return False
    return True


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # the regex engine's \w of a str pattern


def _whole_word_at(text: str, word: str):
    """Where ``re.finditer(r"(?<![\\w&.'’-])" + re.escape(word) + r"(?![\\w&-])", text)`` matches
    (``word`` not empty), found with ``str.find``: a pattern compiled for each word cost more than
    the rest of the check, and each one pushed a module's pattern out of ``re``'s cache. As the
    search does: after a match it goes on from its end, after a refused place from the next."""
    size, n = len(word), len(text)
    at = text.find(word)
    while at >= 0:
        end = at + size
        if (at == 0 or not (_is_word_char(text[at - 1]) or text[at - 1] in "&.'’-")) and \
                (end >= n or not (_is_word_char(text[end]) or text[end] in "&-")):
            yield at
            at = text.find(word, end)
        else:
            at = text.find(word, at + 1)


def _reports(text: str, span: _Span) -> bool:
    """Rules news-source-after and news-source-before: a news outlet that reports ("Reuters
    reported", "according to Bloomberg", "told The Economic Times")."""
    return (_rule("news-source-after").match(text, span.end) is not None
            or _rule("news-source-before").search(text, max(0, span.start - 30), span.start) is not None)


# digits and one capital letter: "3M", "7G" (a name only where a cue names it: "3M said", "shares of 3M")
_DIGIT_NAME = regex_code.compile(r"\d{1,2}[A-Z]")


def _digit_name(text: str, span: _Span) -> bool:
    """Whether a span is a single digits-and-capital token with no currency sign or number before
    it ("$3M", "up 3M" stay numbers) and no unit noun after it ("3M users")."""
    words = span.words()
    if len(words) != 1 or _DIGIT_NAME.fullmatch(words[0]) is None:
        return False
    before = text[max(0, span.start - 2) : span.start]
    return not re.search(r"[$€£¥\d.,+-]\s?$", before) and not re.match(r"\s+[a-z]+s\b", text[span.end : span.end + 20])


def _segment_like(text: str, span: _Span, lower_words: set[str]) -> bool:
    """"Paint Stores Group" in a company's results: a business segment of ordinary words."""
    if _SEGMENT_AFTER.match(text, span.end):
        return True
    words = span.words()
    return words[-1] in {"Group", "Division", "Segment", "Unit", "Business"} and all(
        w.casefold() in lower_words for w in words[:-1]
    )


def _cue(text: str, span: _Span, start: int, all_cues: tuple[Cue, ...]) -> str | None:
    if all_cues is cues():  # both passes of an article (pipeline.company_mentions) ask this of each span
        return _shipped_cue(text, span.start, span.end, start)
    return _first_cue(text, span.start, span.end, start, all_cues)


def _first_cue(text: str, s: int, e: int, start: int, all_cues: tuple[Cue, ...]) -> str | None:
    for cue in all_cues:
        if cue.side == "after" and cue.pattern.match(text, e):
            return cue.id
        if (cue.side == "before" and search_within(cue.pattern, text, max(start, s - 80), s)
                and not (cue.not_after and cue.not_after.match(text, e))):
            return cue.id
    return None


@lru_cache(maxsize=4096)
def _shipped_cue(text: str, s: int, e: int, start: int) -> str | None:
    return _first_cue(text, s, e, start, cues())


def _list_cue(text: str, s: int, start: int, all_cues: tuple[Cue, ...]) -> bool:
    """A list cue ("rivals such as") ends within the 80 characters before a span."""
    if all_cues is cues():
        return _shipped_list_cue(text, s, start)
    return any(c.side == "list" and c.pattern.search(text, max(start, s - 80), s) for c in all_cues)


@lru_cache(maxsize=4096)
def _shipped_list_cue(text: str, s: int, start: int) -> bool:
    return any(c.side == "list" and c.pattern.search(text, max(start, s - 80), s) for c in cues())


_LIST_GAP = regex_code.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|as well as)\s+")


# ------------------------------------------------------------------------------------------
# the article


@dataclass(frozen=True)
class _Candidates:
    """What an article gives before any registry is asked: the words it writes in lower case,
    its candidate names (runs of capitalised words cut by ``_split``) and its title-case lines."""
    lower_words: frozenset[str]
    snapshots: tuple[tuple, ...]  # each piece's fields, its tokens as a tuple
    title_lines: tuple[tuple[int, int], ...]

    def pieces(self) -> list[_Span]:
        """Fresh spans: the steps after this one change their spans (tokens, blocked, decided)."""
        return [_Span(list(tokens), *rest) for tokens, *rest in self.snapshots]


# both passes of ingest read each article (tracker/ingest/pipeline.py company_mentions), and the
# second registry (with the first pass's new companies) changes nothing of this: read it once
@lru_cache(maxsize=64)
def _candidates(text: str, start: int, end: int) -> _Candidates:
    gaz = gazetteer()
    lower_words = frozenset(w.casefold() for w in re.findall(r"(?<![\w.])[a-z][a-z’'-]+", text[start:end]))
    snapshots = tuple(
        (tuple(piece.tokens), piece.sentence_start, piece.after_title, piece.decided, piece.blocked, piece.name)
        for run in _runs(text, start, end) for piece in _split(text, run, gaz, lower_words)
    )
    return _Candidates(lower_words, snapshots, tuple(_title_case_lines(text, start, end)))


def find_companies(text: str, start: int, end: int, registry) -> list[CompanyMention]:
    """Every company mention in text[start:end] (an article), sorted, non-overlapping."""
    gaz = gazetteer()
    all_cues = cues()
    candidates = _candidates(text, start, end)
    lower_words = candidates.lower_words
    # an exchange the registry knows (one an earlier sentence named as acting) is a company only
    # where it acts too: "on the Nasdaq" stays the market
    known = [m for m in _registry_mentions(text, start, end, registry)
             if gaz.kind(m.text) != "exchange" or _rule("exchange-acts").match(text, m.end)]
    known_spans = SpanIndex((m.start, m.end) for m in known)
    spans: list[_Span] = []
    for piece in candidates.pieces():
        spans.extend(_outside(piece, known_spans))
    title_lines = candidates.title_lines
    spans = [s for s in spans if not any(a <= s.start < b for a, b in title_lines)]
    for span in spans:
        _extend_legal(text, span, end)
        _drop_board_of(span)
    spans = _join_and_legal(text, spans)
    for span in spans:
        span.blocked = None if _legal_form(span) else _blocked(text, span, gaz, lower_words)
        if span.blocked is None and span.decided != "and-legal-form" and _segment_of(text, span):
            span.blocked = "segment-of"
    _block_by_role(text, start, spans)
    _block_persons(text, spans)
    _decide(text, start, spans, registry, gaz, all_cues, lower_words)
    _conjuncts(text, spans, known)
    persons = _person_forms(text, spans)
    mentions = [CompanyMention(m.start, m.end, m.text, m.name, True, "registry") for m in known]
    mentions += _fold(text, spans, persons, registry, known)
    mentions = _resolve_overlaps(mentions)
    mentions += _in_title_lines(text, title_lines, mentions)
    mentions = _resolve_overlaps(mentions + _cover(text, start, end, registry))
    return _resolve_overlaps(mentions + _anaphors(text, start, end, mentions))


# a report's cover line: its issuer in capitals with its legal form ("ACME TELECOM HOLDINGS BERHAD")
_COVER = regex_code.compile(r"[ \t]*((?:[A-Z][A-Z0-9&.'’-]*[ \t]+){1,6}[A-Z][A-Z.]*)[ \t]*$", re.M)


def _cover(text: str, start: int, end: int, registry) -> list[CompanyMention]:
    """The issuer a report's first line names in capitals with a legal form (title-cased, the form stripped)."""
    first = _COVER.match(text, start, min(end, start + 120))
    if first is None or "\n" in first.group(0):
        return []
    words = first.group(1).split()
    if not _LEGAL.fullmatch(words[-1].title()) and not _LEGAL.fullmatch(words[-1]):
        return []
    name = _strip_legal(" ".join(w if len(w) <= 3 and w.isalpha() and w not in ("THE",) else w.title() for w in words))
    if name == " ".join(words) or len(name) < 3:
        return []
    canonical = registry.canonical(name)
    return [CompanyMention(first.start(1), first.end(1), first.group(1), canonical or name, canonical is not None, "report-cover")]


# "the company", "The Company", "the Swedish company", "the firm", "the group", "the board": the
# article's company most named so far (a report's "the Company" is its author)
_ANAPHOR = regex_code.compile(
    r"\b[Tt]he\s+(?:(?:[A-Z][\w-]*|[a-z][\w-]*)\s+){0,2}?(?:company|Company|firm|group|Group|carmaker|automaker|lender|bank|Bank|"
    r"airline|retailer|insurer|miner|operator|carrier|chipmaker|drugmaker|brewer)(?![\w-])(?!\s+(?:of|and|that|which)\b)"
    # "The board (of directors) has elected ...": a company's board acts for the company
    r"|\b[Tt]he\s+(?:company's\s+)?board(?:\s+of\s+directors)?(?![\w-])(?!\s+(?:of|and|that|which)\b)"
)


def _anaphors(text: str, start: int, end: int, mentions: list[CompanyMention]) -> list[CompanyMention]:
    # ``mentions`` are in text order and do not overlap: the names before a phrase, their counts
    # and the first mention after it are kept as the phrases go, so that an article's phrases
    # cost no more than its mentions (a scan of every mention for each phrase was quadratic)
    out = []
    starts = [m.start for m in mentions]
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    known_of: dict[str, bool] = {}
    k = 0  # mentions[:k] end before the phrase
    para_starts: list[int] | None = None  # where the text's paragraphs start, once a phrase asks
    described: dict[str, list] = {}  # _described_as's progress through the mentions, by head word
    for match in _ANAPHOR.finditer(text, start, end):
        while k < len(mentions) and mentions[k].end <= match.start():
            m = mentions[k]
            counts[m.name] = counts.get(m.name, 0) + 1
            first.setdefault(m.name, k)
            known_of.setdefault(m.name, m.known)
            k += 1
        if not k:
            continue
        after = bisect_left(starts, match.end())
        if any(m.start < match.end() and match.start() < m.end for m in mentions[k:after]):
            continue
        if after < len(mentions) and not text[match.end() : mentions[after].start].strip():
            # "the private equity firm American Securities", "the Swedish company Spotify": the
            # words describe the name that follows them, they do not stand for an earlier one
            continue
        subject = _attributed_subject(text, match, mentions, k) or _previous_subject(text, match, mentions, k)
        name = subject.name if subject is not None else _described_as(text, match, mentions, k, described)
        if name is None:
            if para_starts is None:
                para_starts = [p.start for p in paragraphs(text, start, end)]
            opener = _paragraph_subject(text, para_starts, match, mentions, k)
            name = opener.name if opener is not None else max(counts, key=lambda n: (counts[n], -first[n]))
        out.append(CompanyMention(match.start(), match.end(), match.group(0), name, known_of[name], "anaphor"))
    return out


# rule attribution-subject: ", the company said" closing a sentence speaks of the company the
# sentence opened with ("Kestrel Airlines will resume flights to Moscow, the company said")
_CLOSING_ATTRIBUTION = regex_code.compile(r"\s+(?:also\s+)?(?:said|says|added|adds|told|stated|announced|reported|confirmed|noted)\b")
_SENTENCE_START = regex_code.compile(r"(?:[.!?][\"”’']?\s+|\n)(?=[\"“‘']?[A-Z0-9])")


# the words of an anaphor that say what kind of company it is ("the wireless carrier"): a company
# the text introduced with the same word ("U.S. wireless carrier Sprint Corp", "Aeromexico, the
# Mexican carrier") is the one it stands for
_GENERIC_HEADS = frozenset({"company", "firm", "group"})


def _described_as(text: str, match: re.Match, mentions: list[CompanyMention], k: int,
                  described: dict[str, list] | None = None) -> str | None:
    """Rule described-as: the company that ``mentions[:k]`` introduced with the anaphor's own
    head word right before its name ("wireless carrier Sprint") or in an appositive after it
    ("Aeromexico, the Mexican carrier"), the latest such when several; None for a generic head
    ("the company") or when no company was so described. ``described`` (one per text and
    ``mentions``, asked with ``k`` never falling): each head word's [mentions read, the latest
    so described], so that each mention is read once per head word instead of once per anaphor
    (quadratic in a long text: an 80 KB paragraph's anaphors read every earlier mention)."""
    head = match.group(0).split()[-1].lower()
    if head in _GENERIC_HEADS:
        return None
    before, after, within = _described_by(head)
    progress = [0, None] if described is None else described.setdefault(head, [0, None])
    read, found = progress
    for m in mentions[read:k]:
        if (before.search(text[max(0, m.start - 40) : m.start]) or after.match(text[m.end : m.end + 60])
                or within.search(m.name)):
            found = m.name
    if k > read:
        progress[0], progress[1] = k, found
    return found


@lru_cache(maxsize=64)
def _described_by(head: str) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """The patterns of rule described-as for an anaphor's head word, compiled once per word: the
    word right before a name, an appositive after it that ends in the word, and the word inside a
    name."""
    return (regex_code.compile(rf"\b{head}\s+$", re.I),
            regex_code.compile(rf"\s*(?:\([^()]{{1,20}}\)\s*)?,\s+(?:a|an|the)\s+(?:[\w.'’-]+\s+){{0,3}}?{head}\b", re.I),
            # a name that holds the word ("Bank of Avalon" for "the bank", "Kestrel Airline" for "the airline")
            regex_code.compile(rf"\b{head}\b", re.I))


# rule paragraph-subject: a news paragraph is about the company it opens with ("Acme Corp reported
# Q1 earnings of ... First-quarter sales were ... The company lifted its outlook"): "the company"
# or "the bank" later in it stands for that company, not for one named more often elsewhere
def _paragraph_subject(text: str, para_starts: list[int], match: re.Match, mentions: list[CompanyMention], k: int) -> CompanyMention | None:
    """The company that opens the paragraph of an anaphor ("the company", "the bank", "the
    Romanian carrier"; not a defined "the Company" nor "the combined company"), when the
    paragraph opens with its name as its subject (not "Acme's rival Brandt", not "Facebook owner
    Meta"); None otherwise. ``mentions[:k]`` end before the anaphor; ``para_starts``: where the
    text's paragraphs start (``text.paragraphs``)."""
    words = match.group(0).split()
    if words[-1] in ("Company", "board") or _OTHER_COMPANY.intersection(w.casefold() for w in words):
        return None
    para = para_starts[max(0, bisect_right(para_starts, match.start()) - 1)]
    i = _first_from(mentions, k, para)
    if i >= k:
        return None
    first = mentions[i]
    opening = text[para : first.start].strip(" \t\n\"“‘'")
    if (opening and not _INTRODUCTORY.fullmatch(opening)) or text.startswith(("'s", "’s"), first.end) or describes_another(text, first.end):
        return None
    return first


# an introductory phrase closed by a comma before a paragraph's subject ("Separately, Acme ...",
# "On Monday, Acme ...", "In a statement, Acme ..."): a connective, a time or a setting, short
# and naming no one (words in lower case, numbers, days and months)
_INTRODUCTORY = regex_code.compile(
    r"[A-Z][a-z]+(?:\s+(?:[a-z]+|\d[\d,]*|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
    r"April|May|June|July|August|September|October|November|December)\b)){0,3},")


# the words that make an anaphor stand for a company other than the one the text is about ("the
# combined company", "the parent company", "the acquiring firm")
_OTHER_COMPANY = frozenset({"combined", "merged", "new", "enlarged", "resulting", "joint", "parent", "acquiring",
                            "acquired", "target", "rival", "other", "former", "same"})




def _attributed_subject(text: str, match: re.Match, mentions: list[CompanyMention], k: int) -> CompanyMention | None:
    """The first company named in the sentence that a closing attribution by an anaphor ends
    (``mentions[:k]``: the mentions before the anaphor)."""
    if (not text[max(0, match.start() - 20) : match.start()].rstrip().endswith(",")
            or not _CLOSING_ATTRIBUTION.match(text, match.end())):
        return None
    lo = max(0, match.start() - 400)
    starts = [m.end() for m in _SENTENCE_START.finditer(text, lo, match.start())]
    sentence_start = starts[-1] if starts else lo
    i = _first_from(mentions, k, sentence_start)
    return mentions[i] if i < k else None


def _first_from(mentions: list[CompanyMention], k: int, at: int) -> int:
    """The index of the first of ``mentions[:k]`` that starts at or after ``at`` (k when none)."""
    return bisect_left(mentions, at, 0, k, key=_start)


def _start(mention: CompanyMention) -> int:
    return mention.start


def _previous_subject(text: str, match: re.Match, mentions: list[CompanyMention], k: int) -> CompanyMention | None:
    """Rule previous-subject: "The company" (in lower case, with no word between) opening a
    sentence is the company the sentence before opened with ("Thermax Ltd. recorded an increase in profit. The company's
    profit after tax rose 45%"), when that sentence names one; a defined "the Company" stays the
    company named most (a report's author)."""
    words = match.group(0).split()
    if "Company" in words or words[0] != "The" or len(words) != 2:
        return None  # (a described one, "The combined company", "The new company", is another)
    # (the search runs past the phrase's first letter: the sentence start's lookahead needs it)
    starts = [m.end() for m in _SENTENCE_START.finditer(text, max(0, match.start() - 600), match.start() + 1)]
    if not starts or starts[-1] != match.start():
        return None
    if len(starts) < 2:
        return None
    i = _first_from(mentions, k, starts[-2])
    first = next((m for m in mentions[i:k] if m.start < starts[-1] and not describes_another(text, m.end)), None)
    # the sentence opened with it: a few words at most before it ("Shares of Thermax rose"), not a
    # name further on ("The deal will be financed with ... a facilities agreement with Harlow Bank")
    if first is not None and len(text[starts[-2] : first.start].split()) > _OPENING_WORDS:
        return None
    return first


# how many words may come before the name a sentence opens with ("Shares of", "In 2019, the")
_OPENING_WORDS = 4


@lru_cache(maxsize=1)
def _not_party_cues() -> tuple[re.Pattern, ...]:
    """The actor cues (``data/actor_cues.jsonl``) that mark a name describing another ("Facebook"
    of "Facebook owner Meta"): such a name is no sentence's subject."""
    return tuple(regex_code.compile(e["pattern"], re.I) for e in _read_jsonl(DATA / "actor_cues.jsonl") if e.get("not_party"))


def describes_another(text: str, end: int) -> bool:
    """Whether the name that ends at ``end`` describes the company named after it ("Facebook" of
    "Facebook owner Meta"): a ``not_party`` actor cue marks it."""
    return any(p.match(text, end) for p in _not_party_cues())


def _registry_mentions(text: str, start: int, end: int, registry):
    # a registry in layers (``LayeredRegistry``: the reviewed registry and a text's new companies)
    # is matched layer by layer, so the large layer's finder is built once for every text
    layers = getattr(registry, "layers", None) or (registry,)
    finders = [_finder(layer) for layer in layers]
    finder = finders[0]
    found = [m for layer_finder in finders for m in layer_finder.known(text, start, end)]
    taken = DisjointSpans()
    known = []
    for m in sorted(found, key=lambda m: (-(m.end - m.start), m.start)):
        if not taken.overlaps(m.start, m.end):
            taken.add(m.start, m.end)
            known.append(m)
    known = [m for m in sorted(known, key=lambda m: m.start) if not _alias_before_group(text, m, end)]
    out = []
    for m in finder.short_forms(text, start, end, known):
        tail = _legal_tail(text, m.end, end)
        if tail:  # "Apple Inc." is Apple
            m = type(m)(m.start, tail.end(), text[m.start : tail.end()].rstrip(","), m.name, True)
        lead = _LEAD_BEFORE.search(text, max(start, m.start - 8), m.start)
        if lead:  # "PJSC Gazprom", "PT Telkom" (rule legal-form-before)
            m = type(m)(lead.start(), m.end, text[lead.start() : m.end], m.name, True)
        out.append(m)
    return out


_GROUP_AFTER = regex_code.compile(r"[ \t]+(?:" + "|".join(map(re.escape, legal_forms("group-words"))) + r")\b")


def _alias_before_group(text: str, m, end: int) -> bool:
    """Rule group-of-alias: "Volvo Group" names the group, not Volvo Cars, whose alias "Volvo" it
    opens: a group word after a registry form that is neither the company's name nor its short
    form makes another company of the whole ("Alibaba Group" is still Alibaba)."""
    return (_GROUP_AFTER.match(text, m.end, end) is not None
            and lookup_key(m.text) not in (lookup_key(m.name), lookup_key(short_form(m.name))))


def _finder(registry) -> CompanyFinder:
    """One finder per registry content (a bounded cache: ingest builds registries per document)."""
    key = tuple(sorted((row["name"], tuple(row.get("aliases") or ())) for row in registry.rows.values()))
    return _finder_for(key)


@lru_cache(maxsize=8)
def _finder_for(key: tuple) -> CompanyFinder:
    from tracker.registry import Registry

    return CompanyFinder(Registry([{"name": name, "aliases": list(aliases), "parent": None} for name, aliases in key]))


def _outside(span: _Span, known) -> list[_Span]:
    """The parts of a candidate that no registry mention covers."""
    pieces: list[_Span] = []
    current: list[_Token] = []
    for tok in span.tokens:
        if known.overlaps(tok.start, tok.end):
            if current:
                pieces.append(_Span(current, span.sentence_start and current[0] is span.tokens[0], span.after_title))
            current = []
            continue
        current.append(tok)
    if current:
        pieces.append(_Span(current, span.sentence_start and current[0] is span.tokens[0], span.after_title))
    if len(pieces) == 1 and pieces[0].tokens == span.tokens:
        return [span]
    # what is left beside a registry name is rarely a company of its own ("Inc.", "Group")
    return [p for p in pieces if not all(_LEGAL.fullmatch(t.text) or t.text in _COMPANY_WORDS for t in p.tokens)]


def _legal_tail(text: str, at: int, end: int):
    """The legal form that ends the name ending at ``at`` ("Acacia Communications, Inc."), unless
    it follows a comma, has no dot and a capitalised word follows it: then it opens the next name
    (rule legal-form-before: "Separately, AB Volvo said" gives no company "Separately"; Swedish
    "AB" and Indonesian "PT" are written before the name as well as after it)."""
    tail = _LEGAL_TAIL.match(text, at, end)
    if tail is None:
        return None
    legal = text[tail.start() : tail.end()]
    if legal.startswith(",") and not legal.endswith(".") and _NAME_AFTER.match(text, tail.end(), end):
        return None
    return tail


def _extend_legal(text: str, span: _Span, end: int) -> None:
    """Take in a legal form after a comma ("Acacia Communications, Inc."), and the names listed
    before an ampersand ("Challenger, Gray & Christmas, Inc.")."""
    if span.tokens[-1].possessive:
        return
    tail = _legal_tail(text, span.end, end)
    if tail is not None:
        legal = text[tail.start() : tail.end()]
        s = tail.start() + len(legal) - len(legal.lstrip(", \t"))
        span.tokens.append(_Token(s, tail.end(), text[s : tail.end()], True))
    if "&" in span.words():
        before = _NAMES_BEFORE_AMPERSAND.search(text, max(0, span.start - 80), span.start)
        # without a legal form, only where a role names the whole a firm ("consulting firm
        # Challenger, Gray & Christmas"): a list of companies is joined by "and", not "&"
        if before and (tail is not None or search_within(_rule("firm-role-before"), text, max(0, before.start() - 40), before.start())):
            s = before.start()
            e = s + len(before.group(0).rstrip(", \t"))
            span.tokens.insert(0, _Token(s, e, text[s:e], False))


_NAMES_BEFORE_AMPERSAND = regex_code.compile(r"(?:[A-Z][\w'’-]*,\s+)+$")


_DEFINED_ACRONYM = regex_code.compile(r"\s*\(\s*(?:the\s+)?[“\"]?([A-Z][A-Za-z0-9&.-]{1,9})[”\"]?\s*\)")


def _block_by_role(text: str, start: int, spans: list[_Span]) -> None:
    """Rules authority-acronym, authority-before, product-called and product-apposition: an
    acronym defined after an authority's name ("... Protection Commission (FCCPC)") and a name its
    role gives ("the competition watchdog, X") are authorities throughout the article; a name a
    product noun calls so ("its drug, called Aristada") or stands beside ("Rytary, its drug for
    Parkinson's") is a product throughout it."""
    before = _rule("authority-before")
    product = _rule("product-called")
    apposition = _rule("product-apposition")
    found: dict[str, str] = {}
    for span in spans:
        if span.blocked in ("authority", "authority-head"):
            match = _DEFINED_ACRONYM.match(text, span.end)
            if match:
                found.setdefault(match.group(1), "authority-acronym")
        elif not _legal_form(span) and search_within(before, text, max(start, span.start - 80), span.start):
            found.setdefault(text[span.start : span.end], "authority-before")
        elif not _legal_form(span) and search_within(product, text, max(start, span.start - 60), span.start):
            found.setdefault(text[span.start : span.end], "product-called")
        elif not _legal_form(span) and apposition.match(text, span.end):
            found.setdefault(text[span.start : span.end], "product-apposition")
    if found:
        for span in spans:
            rule = found.get(text[span.start : span.end])
            if rule and not _legal_form(span):
                span.blocked = rule


_PLAIN_NAME = regex_code.compile(r"[A-Z][a-z]+(?:[’'-][A-Z]?[a-z]+)?")
# an initial is no name alone ("C and N Touristic AG"), unlike an acronym ("IBM and Red Hat Inc")
_INITIAL = regex_code.compile(r"[A-Z]")


def _block_persons(text: str, spans: list[_Span]) -> None:
    """Rules person-as-title, person-pronoun, person-surname: a name a person cue follows ("X will
    take over as CEO", "X had announced his plan") is a person's; so is its surname, and every
    "First Last" of a surname known so, throughout the article."""
    as_title, pronoun, title_before = _rule("person-as-title"), _rule("person-pronoun"), _rule("person-title-before")
    names: dict[str, str] = {}  # surface -> rule
    surnames: set[str] = set()
    plain = [s for s in spans if len(s.tokens) <= 3 and all(_PLAIN_NAME.fullmatch(w) for w in s.words())
             and not _legal_form(s) and not _company_word(s)]
    for span in plain:
        surface = text[span.start : span.end]
        rule = None
        if span.blocked == "person" or span.after_title:
            rule = "person"
        elif search_within(title_before, text, max(0, span.start - 40), span.start):
            rule = "person-title-before"
        elif as_title.match(text, span.end):
            rule = "person-as-title"
        elif len(span.tokens) == 1 and pronoun.match(text, span.end):
            rule = "person-pronoun"
        if rule:
            names.setdefault(surface, rule)
            surnames.add(_unpossessed(span.tokens[-1].text))
    for span in plain:
        surface = text[span.start : span.end]
        if surface in names:
            span.blocked = names[surface]
        elif _unpossessed(span.tokens[-1].text) in surnames and (len(span.tokens) > 1 or span.blocked is None):
            span.blocked = "person-surname"


def _unpossessed(word: str) -> str:
    return word[:-2] if word.endswith(("'s", "’s")) else word


# an exchange and its ticker in parentheses after a name: "Research in Motion (NASDAQ: RIMM)"
_LISTING_AFTER = regex_code.compile(r"\s*\(\s*[A-Z][A-Za-z]{1,9}(?:\s[A-Z][A-Za-z]{1,9})?:\s*[A-Z0-9][A-Z0-9.]{0,8}\s*\)")


def _join_and_legal(text: str, spans: list[_Span]) -> list[_Span]:
    """Rule and-legal-form: "Nippon Telegraph and Telephone Corp", "Research in Motion Ltd.",
    "Research in Motion (NASDAQ: RIMM)" is one name when a legal form or a listing ends it,
    unless its first part is named alone elsewhere in the article ("Nissan and Mitsubishi Motors
    Corp"); the same words elsewhere in the article are the same name ("a spokesperson for
    Research in Motion")."""
    gap_words = _rule("and-legal-form")

    def gap(previous: _Span | None, span: _Span) -> bool:
        return (previous is not None and not previous.tokens[-1].breaks
                and gap_words.fullmatch(text, previous.end, span.start) is not None)

    def closed(span: _Span) -> bool:
        return _legal_form(span) or _LISTING_AFTER.match(text, span.end) is not None

    def surface(previous: _Span, span: _Span) -> str:
        return " ".join(text[previous.start : span.end].split())

    names = {surface(previous, span) for previous, span in zip([None, *spans], spans) if gap(previous, span) and closed(span)}

    def joined(previous: _Span | None, span: _Span) -> bool:
        return gap(previous, span) and (closed(span) or surface(previous, span) in names)

    # how often each name stands alone (not as the first part of such a name: "Research in
    # Motion Ltd." told twice names "Research" alone nowhere), with or without its legal form
    # ("Titagarh Wagons Ltd. won ... Titagarh Wagons and Bharat Heavy Electricals Ltd.": two)
    def key(span: _Span) -> str:
        return short_form(" ".join(span.words()))

    def joinable(previous: _Span | None, span: _Span) -> bool:
        return (joined(previous, span)
                and not _company_word(previous)
                and not _legal_form(previous)  # "Harlow Foods Inc and Orvane Ltd": two names, each closed by its form
                and all(_PLAIN_NAME.fullmatch(w) or _INITIAL.fullmatch(w) for w in previous.words()))

    counts: dict[str, int] = {}
    for previous, span in zip([None, *spans], spans):
        name = key(span)
        counts[name] = counts.get(name, 0) + 1
        if joinable(previous, span):
            counts[key(previous)] -= 1
    out: list[_Span] = []
    for span in spans:
        previous = out[-1] if out else None
        if joinable(previous, span) and counts.get(key(previous), 0) == 0:
            word = text[previous.end : span.start].strip()
            at = text.index(word, previous.end)
            and_token = _Token(at, at + len(word), word, False)
            out[-1] = _Span(previous.tokens + [and_token] + span.tokens, previous.sentence_start, previous.after_title,
                            decided="and-legal-form")
            continue
        out.append(span)
    return out


_SEGMENT_HEADS = frozenset({"Group", "Division", "Segment", "Unit", "Business", "Groups", "Division", "Solutions"})
_OWNER_BEFORE = regex_code.compile(r"(?:\b(?:its|their)|[’']s?)\s+(?:new\s+|own\s+)?$")


def _segment_of(text: str, span: _Span) -> bool:
    """Rule segment-of: "its Client Computing Group", "Intel's Data Center Group": what a company owns."""
    return (len(span.tokens) >= 2 and span.tokens[-1].text in _SEGMENT_HEADS
            and _OWNER_BEFORE.search(text, max(0, span.start - 12), span.start) is not None)


def _decide(text, start, spans, registry, gaz, all_cues, lower_words) -> None:
    in_list = False
    previous: _Span | None = None
    for span in spans:
        surface = text[span.start : span.end]
        listed = in_list and previous is not None and _LIST_GAP.fullmatch(text, previous.end, span.start) is not None
        if span.blocked is None and registry.canonical(_strip_legal(surface)) is not None:
            span.decided = "registry"
        elif _legal_form(span):
            span.decided = "and-legal-form" if span.decided == "and-legal-form" else "legal-form"
        elif span.blocked is not None:
            span.decided = None
        elif _company_word(span) and not _segment_like(text, span, lower_words):
            span.decided = "company-word"
        elif listed:
            span.decided = "peer-list"
        else:  # a rule of the split ("get-report", "ric-suffix") or a cue
            span.decided = span.decided or _cue(text, span, start, all_cues)
        list_cue = _list_cue(text, span.start, start, all_cues)
        in_list = (list_cue and span.blocked is None) or (listed and span.blocked is None)
        if list_cue and span.blocked is None and span.decided is None:
            span.decided = "peer-list"
        previous = span


_AND = regex_code.compile(r"\s+and\s+")
_NAME_TAIL = regex_code.compile(r"(?:\b[A-Z][\w&.'’-]*|\bThe) $")


def _conjuncts(text: str, spans: list[_Span], known) -> None:
    """Rule conjunct: a name joined by 'and' to a company's ("Voltra Batteries and Brightwell
    Pharma announced", "Brightwell Pharma and Voltra Batteries") is a company too: news joins
    companies to companies, and persons, places and authorities are blocked before this."""
    companies = [*known, *(sp for sp in spans if sp.decided)]
    starts = {c.start for c in companies}
    ends = {c.end for c in companies}
    for span in spans:
        if span.decided or span.blocked is not None or _NAME_TAIL.search(text, max(0, span.start - 40), span.start):
            continue  # (the tail of a longer name: "Google Play", "The Globe and Mail")
        after = _AND.match(text, span.end) or _listed(text, span.end)
        # where the "and" (or a list's comma) before the name starts: a name ending there joins it
        joint = next((m.start() for m in _AND.finditer(text, max(0, span.start - 6), span.start) if m.end() == span.start), None)
        if joint is None and text[max(0, span.start - 2) : span.start] == ", " and _LIST_END.match(text, span.end):
            joint = span.start - 2
        if (after and after.end() in starts) or joint in ends:
            span.decided = "conjunct"


# a list of names closed by "and" or "or" ("UBS, Goldman Sachs International, Bank of Scotland and
# Standard Chartered Bank were fined"): its commas join names as its "and" does
_LIST_END = regex_code.compile(r"(?:,\s+[^,.;:()]{2,60}?)*?(?:,?\s+(?:and|or)\s+)")
_LIST_COMMA = regex_code.compile(r",\s+")


def _listed(text: str, end: int) -> re.Match | None:
    """The comma after a name that opens or continues a list closed by "and"/"or", else None."""
    comma = _LIST_COMMA.match(text, end)
    return comma if comma is not None and _LIST_END.match(text, end) else None


def _person_forms(text: str, spans: list[_Span]) -> set[str]:
    """Names of persons and their surnames ("Tim Cook" then "Cook said")."""
    out: set[str] = set()
    for span in spans:
        if (span.blocked or "").startswith("person") or (span.after_title and span.decided is None):
            out.add(text[span.start : span.end])
            out.add(span.tokens[-1].text)
    return out


def _fold(text: str, spans: list[_Span], persons: set[str], registry, known=()) -> list[CompanyMention]:
    """Mentions of the candidates found companies, and of every other candidate that names one of
    them again or by a short form; short forms take the full name. The registry's mentions of the
    article (``known``) give full names too: "Harlow" after "Harlow Foods Plc" is Harlow Foods
    whether the registry knows Harlow Foods already or not (a second pass of ingest does)."""
    full: dict[str, str] = {}  # lookup key of a surface -> the name it stands for
    for m in known:
        full.setdefault(lookup_key(m.name), m.name)
    for span in spans:
        if span.decided and text[span.start : span.end] not in persons:
            name = _canonical(text[span.start : span.end], registry)
            full.setdefault(lookup_key(text[span.start : span.end]), name)
            full.setdefault(lookup_key(name), name)
    short = _short_forms(text, spans, full, registry)
    out: list[CompanyMention] = []
    for span in spans:
        surface = text[span.start : span.end]
        key = lookup_key(surface)
        if span.decided and surface in persons and span.decided not in ("legal-form", "registry", "company-word"):
            continue
        if span.decided:
            # (a decided name that is also a person's keeps its own canonical form)
            name = short.get(key, full.get(key)) or _canonical(surface, registry)
            rule = span.decided
        elif span.blocked is None and key in full and surface not in persons:
            name, rule = full[key], "same-name"
        elif span.blocked is None and key in short and surface not in persons:
            name, rule = short[key], "short-form"
        else:
            continue
        if not any(ch.isalnum() for ch in name):
            continue  # what a legal form leaves of a run: "& Co." after the registry's "Kate Spade"
        known = registry.canonical(name) is not None
        out.append(CompanyMention(span.start, span.end, surface, registry.canonical(name) or name, known, rule))
    return out


def _canonical(surface: str, registry) -> str:
    name = _strip_legal(surface)
    return registry.canonical(name) or name


def _abbreviates(short: str, name: str) -> bool:
    """Whether ``short`` names ``name`` with its later words cut ("Dishman Pharma" of Dishman
    Pharmaceuticals): as many words, the first the same, each later one a shorter start (four
    letters at least) of the other's."""
    a, b = short.split(), name.split()
    return (len(a) == len(b) >= 2 and a[0] == b[0] and a != b
            and all(x == y or (len(x) >= 4 and len(x) < len(y) and y.startswith(x)) for x, y in zip(a[1:], b[1:])))


def _short_forms(text: str, spans: list[_Span], full: dict[str, str], registry) -> dict[str, str]:
    """Short forms of the full names: first word ("Acacia"), the part before a hyphen ("Sherwin"),
    the name without its company words ("Kestrel" of Kestrel Mobile) or without those it ends
    with ("Micro Focus" of Micro Focus International), an acronym given in
    parentheses or made of the initials ("AMD", "B&B" of Bradford & Bingley)."""
    gaz = gazetteer()
    out: dict[str, str] = {}
    claims: dict[str, dict[str, None]] = {}  # lookup key of a short form -> the names it could stand for
    # longest first, and among names of one length the one the text named first (a set's order
    # would change with string hashing: "Siemens" went to Siemens Energy or Siemens Gamesa by run)
    names = sorted(dict.fromkeys(full.values()), key=len, reverse=True)
    named = set(names)
    for name in names:
        words = name.split()
        # another name that this one ends with after a space (each end after a space looked up,
        # not each other name tried: a long text names hundreds)
        if any(name[i + 1 :] in named for i, ch in enumerate(name) if ch == " "):
            continue  # "Thyssenkrupp Tata Steel": a venture of two companies stands for neither
        if name.endswith(("'s", "’s")):
            out.setdefault(lookup_key(name[:-2]), name)
        forms = []
        if len(words) >= 2:
            forms.append(words[0])
            core = [w for w in words if w not in _COMPANY_WORDS]
            if core and len(core) < len(words):
                forms.append(" ".join(core))
            # the name without the company words it ends with: "Micro Focus" of Micro Focus
            # International, where "Micro" is a company word too and the core above is "Focus"
            # and each shorter head on the way: "APC Technology" of APC Technology Group, where
            # "Technology" is a company word too (a headline's short name and the body's full one)
            head = list(words)
            while len(head) > 1 and head[-1] in _COMPANY_WORDS:
                head.pop()
                if len(head) > 1:
                    forms.append(" ".join(head))
            initials = "".join(w[0] for w in words if w[0].isupper())
            if len(initials) >= 2:
                # and spelled with stops, as some papers write every acronym ("R.I.M." of Research In Motion)
                forms += [initials, "".join(c + "." for c in initials)]
            if "&" in words:  # "B&B" of Bradford & Bingley, "J&J" of Johnson & Johnson
                forms.append("".join("&" if w == "&" else w[0] for w in words if w == "&" or w[0].isupper()))
        if "-" in words[0] and len(words[0].split("-")[0]) >= 3:
            forms.append(words[0].split("-")[0])
        # the name after the place it opens with: "Zotye" and "Zotye Automobile" of Anhui Zotye
        # Automobile; not when the word after the place is an ordinary
        # word ("Express" of American Express) or a company word ("Airlines" of Japan Airlines)
        # (and not when the text names a company by that word alone: "U.S. Nestlé Group" of a
        # text that names Nestlé keeps Nestlé its own)
        if len(words) >= 2 and gaz.kind(words[0]) == "place" and words[1] not in _COMPANY_WORDS \
                and words[1].casefold() not in common_words() and words[1][:1].isupper() and lookup_key(words[1]) not in full:
            forms.append(words[1])
            if len(words) >= 3:
                forms.append(" ".join(words[1:]))
        for form in forms:
            key = lookup_key(form)
            if lookup_key(full.get(key, form)) != key or len(form) < 2 or gaz.kind(form) is not None or form in _COMPANY_WORDS or form in _PARTICLES:
                continue
            claims.setdefault(key, {}).setdefault(name, None)
    for key, claimants in claims.items():
        if not _shared_short_form(list(claimants)):
            out.setdefault(key, next(iter(claimants)))
    # "Dishman Pharma" of Dishman Pharmaceuticals, "Kestrel Tech" of Kestrel Technologies: a name
    # whose words begin the words of a longer one, its first word whole (a headline's short name)
    # (only names of as many words with the same first word can be so: each name is tried against
    # those, in the order of ``names``, not against every other name)
    alike: dict[tuple[str, int], list[str]] = {}
    for name in names:
        words = name.split()
        if words:
            alike.setdefault((words[0], len(words)), []).append(name)
    for name in names:
        words = name.split()
        for longer in alike.get((words[0], len(words)), ()) if words else ():
            if longer != name and _abbreviates(name, longer):
                out.setdefault(lookup_key(name), longer)
                break
    # "Advanced Micro Devices (AMD)": an acronym defined right after a company's name
    for span in spans:
        if not span.decided:
            continue
        match = _DEFINED_ACRONYM.match(text[span.end : span.end + 20])
        if match:
            name = _canonical(text[span.start : span.end], registry)
            out.setdefault(lookup_key(match.group(1)), full.get(lookup_key(name), name))
    # a full name that is itself the short form of a longer one ("Acacia" said, "Acacia Communications Inc." bought)
    for key, name in list(full.items()):
        if key in out:
            full[key] = out[key]
    return out


def _shared_short_form(names: list[str]) -> bool:
    """Rule shared-short-form: a short form that two different names of the article share stands
    for neither of them. "Siemens" beside Siemens Energy and Siemens Gamesa, "Tata" beside Tata
    Steel and Tata Motors: the bare word is the family's parent, or a company of its own. Names of
    one line ("Kestrel Energy", "Kestrel Energy Holdings") share it as one company does."""
    shortest = min(names, key=len)
    return any(name != shortest and not name.startswith(shortest + " ") for name in names)


def _title_case_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Headlines written in title case: every word capitalised, so no capital tells a name."""
    out = []
    for line in re.finditer(r"[^\n]+", text[start:end]):
        words = re.findall(r"[A-Za-z][\w’'-]*", line.group(0))
        long = [w for w in words if len(w) > 3]
        # rule continued-line: a hard-wrapped line whose next line goes on in lower case is body text
        after = text[start + line.end() : start + line.end() + 3].lstrip("\n")
        continued = after[:1].islower()
        if (len(long) >= 3 and sum(w[0].isupper() for w in long) >= 0.8 * len(long) and not line.group(0).rstrip().endswith(".")
                and not continued):
            out.append((start + line.start(), start + line.end()))
    return out


def _in_title_lines(text: str, lines: list[tuple[int, int]], mentions: list[CompanyMention]) -> list[CompanyMention]:
    """In a title-case headline: only the names the body found, by their surface forms."""
    if not lines:  # most articles: compiling the forms' pattern for nothing cost more than the rest
        return []
    forms: dict[str, CompanyMention] = {}
    for m in mentions:
        forms.setdefault(m.text, m)
    # a form matches as written (no flags) within a line: one that no line holds cannot match, and
    # leaving it out keeps the others' order (a headline holds one or two of an article's names)
    held = [text[s:e] for s, e in lines]
    present = [f for f in sorted(forms, key=len, reverse=True) if any(f in line for line in held)]
    if not present:
        return []
    pattern = re.compile(r"(?<![\w&-])(" + "|".join(re.escape(f) for f in present) + r")(?![\w&-])")
    out = []
    for s, e in lines:
        for match in pattern.finditer(text, s, e):
            m = forms[match.group(1)]
            out.append(CompanyMention(match.start(), match.end(), match.group(1), m.name, m.known, "same-name"))
    return out


def _resolve_overlaps(mentions: list[CompanyMention]) -> list[CompanyMention]:
    """Longest first, then the earliest; no two mentions overlap."""
    kept: list[CompanyMention] = []
    taken = DisjointSpans()
    for m in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        if not taken.overlaps(m.start, m.end):
            taken.add(m.start, m.end)
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)
