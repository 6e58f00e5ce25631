"""Company mentions in text: registry names and aliases, and organisations not yet known.

Registry forms are matched longest first ("China Telecom Global" before "China Telecom"), with
possessives ("Unicom's") and case differences in ordinary names ("China unicom" in a machine
translation); an all-capital acronym ("ARM", "JD", "CTG") matches only as written, so the word
"arm" is not a company. Organisations not in the registry are recognised from company suffixes
("Xyz Networks Inc.", "Foo Co., Ltd.", "Foo Sdn Bhd"), appositions ("Foo, a Shenzhen-based drone maker") and
lists that name known companies' peers ("including Tencent, Sohu and Quxiu").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tracker.intervals import DisjointSpans, SpanIndex
from tracker.prefilter import HeadsOf, finditer_at, fold

_SUFFIX = (
    r"(?:Inc\.?|Incorporated|Corp\.?|Corporation|Co\.,?\s?Ltd\.?|Co\.|Company|Ltd\.?|Limited|LLC|L\.L\.C\.|PLC|plc|"
    r"(?:Sdn\.?|Pte\.?|Pty\.?)[ \t]+Ltd\.?|Sdn\.?[ \t]+Bhd\.?|Berhad|Bhd\.?|Tbk\.?|"
    r"GmbH|AG|S\.A\.|SA|N\.V\.|NV|Holdings?|Group|Technologies|Telecom|Telecommunications|Networks|"
    r"Communications|Semiconductor|Electronics|Motors|Bank|Capital|Ventures|Partners|Pharmaceuticals?|Airlines|Labs)"
)
_CAP_WORD = r"(?:[A-Z][\w&'’.-]*[\w&]|[A-Z]|\d+[A-Za-z][\w-]*)"
_NEW_BY_SUFFIX = re.compile(rf"\b((?:{_CAP_WORD}[ \t]+){{0,4}}?{_CAP_WORD})(?:[ \t]+|,[ \t]*)({_SUFFIX}(?:[ \t]+{_SUFFIX})*)(?![\w])")
# legal forms: a name that carries one is a company whatever its words
# matched where a suffix ends, not on a copy of the rest of the text
_CAPITAL_WORD_AFTER = re.compile(r"[ \t]+[A-Z][a-z]")
_LEGAL = re.compile(r"(?:Inc|Incorporated|Corp|Corporation|Co|Ltd|Limited|LLC|L\.L\.C|PLC|plc|GmbH|AG|S\.A|SA|N\.V|NV|"
                    r"Sdn|Pte|Pty|Bhd|Berhad|Tbk)\b")
# words that make up generic phrases ("Big Data Company", "Metropolitan Area Networks", "Promotion
# Group"): a name without a legal form needs at least one word that is not one of these
_GENERIC = set(
    """advanced area big business cloud commercial communication communications computing consumer content data
    development digital east economic electronic energy enterprise financial general global green group home
    industrial industry information innovation integrated intelligent international internet investment joint
    local management market media metropolitan mobile national network networks new north online open operating
    operation operations platform promotion public regional research retail rural security service services smart
    social software south state strategic system systems technical technology telecom telecommunications the
    trade urban video virtual west wireless world""".split()
)
_PERSON_ROLE_WORDS = re.compile(
    r"\b(?:chairman|chairwoman|chair|chief|CEO|CFO|CTO|COO|president|founder|co-founder|director|executive|"
    r"head|manager|lawyer|analyst|professor|spokes(?:man|woman|person)|partner at|student|minister|official|"
    r"secretary|vice|deputy|senior|engineer|researcher|economist|investor|entrepreneur|son|daughter|wife|husband)\b",
    re.I,
)
# "Cavium of San Jose, a supplier": a name right after "of", "in", "from" is a place
_PLACE_BEFORE = re.compile(r"\b(?:of|in|from|near|based in|headquartered in)\s+$")
_ROLE = (
    r"(?:company|firm|operator|carrier|provider|maker|manufacturer|developer|start-?up|vendor|supplier|"
    r"giant|group|platform|bank|retailer|producer|insurer|conglomerate|publisher|studio|subsidiary|"
    r"unit|affiliate|brand|service|specialist|integrator|distributor)"
)
_NEW_BY_APPOSITION = re.compile(
    rf"(?<![\w’'])((?:{_CAP_WORD}[ \t]+){{0,3}}{_CAP_WORD})(?:[ \t]*\([^)]{{1,20}}\))?,[ \t]+(?:a|an|the)[ \t]+[^,.;]{{0,80}}?\b{_ROLE}s?\b"
)
# what only a company has: "Kestrel Mobile's headquarters", "Foo's chief executive", "shares of Foo"
_BUSINESS_NOUN = (r"(?:headquarters|shares|shareholders|stock|board|chief executive|chief financial officer|"
                  r"chairman|founders?|subsidiary|revenue|net profit|annual report)")
_NEW_BY_OWNERSHIP = re.compile(
    rf"(?<![\w’'])((?:{_CAP_WORD}[ \t]+){{0,2}}{_CAP_WORD})[’']s[ \t]+{_BUSINESS_NOUN}\b"
    rf"|\b[Ss]hares[ \t]+(?:in|of)[ \t]+((?:{_CAP_WORD}[ \t]+){{0,2}}{_CAP_WORD})(?![\w&-])"
)
_LIST_CUE = re.compile(r"\b(?:including|such as|namely|like|peers|rivals|competitors|partners)\b[:\s]+")
_STOP_NAMES = {
    "the", "a", "an", "in", "on", "at", "for", "and", "of", "its", "it", "this", "that", "these", "those",
    "china", "chinese", "beijing", "shanghai", "hong kong", "asia", "europe", "africa", "america",
    "india", "indonesia", "malaysia", "singapore", "japan", "korea", "germany", "france", "us", "u.s.",
    "uk", "eu", "we", "our", "he", "she", "they", "his", "her", "their", "mr", "ms", "dr",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "internet", "iot", "ai", "5g", "4g", "cloud", "big data", "however", "meanwhile", "also", "but",
    "group", "company", "holdings", "bank", "telecom", "networks", "communications", "technologies",
    "state", "government", "ministry", "court", "police", "university", "council", "association",
}
_NOT_COMPANY_WORDS = re.compile(
    r"\b(?:University|Court|Ministry|Council|Association|Department|Bureau|Commission|Agency|Police|Army|"
    r"Party|Government|Committee|Institute|School|College|Hospital|Office|Conference|Forum|Congress|"
    r"Alliance|Award|Report|Policy|Strategy|Program(?:me)?|Project|Plan|Day|Week|Year|Quarter)\b"
)

# "weak in telecom,", "the telecom chairman", "the telecom to ...": the word as a name, not qualifying a noun
# ("telecom operators", "mobile phones")
_NAME_USE_AFTER = re.compile(r"\s*[,.;:)]|[’']s\b|\s+(?:chairman|chairwoman|president|CEO|chief|and|to|with|in|of|for|"
                             r"will|has|had|is|was|also|said|signed|launched)\b", re.I)
_NAME_WORD_BEFORE = re.compile(r"[A-Z][\w&.-]*\s+$")

# short English words that are also acronyms of companies: never matched in lower case
_ENGLISH_WORDS = set(
    """arm art ace aim air all and any are bat bay box can cat day dot eat era eye fly for fox fun gap gem
    hub ice its key lab law map max net new now oil one opp out pay run sea see set sky sun tap ten top two
    use via win zip able also area back base best blue book call care case core data deal easy edge fast
    file fire fish five four free game gold good hand home just life like line link live love made make mind
    more next nova open page park play plus real rock safe sage shop snap star step sure talk team time tree
    true unit vast view vivo wave well wide wind wise word work yes zoom""".split()
)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    name: str  # canonical name
    known: bool = True


class CompanyFinder:
    """Finds company mentions with one registry; ``find(text)`` -> mentions in order."""

    def __init__(self, registry, peer_lists: bool = False, fold_acronyms: bool = False):
        self.registry = registry
        # in a text written in lower case (machine translation: "zte", "unicom") an acronym matches
        # in any case, unless it is an English word ("arm") or too short to tell ("jd")
        self.fold_acronyms = fold_acronyms
        # names in a list with known companies ("such as VDF, Telefonica and AT&T") are too often
        # abbreviations, misspellings or products to join the registry: off unless asked for
        self.peer_lists = peer_lists
        exact: set[str] = set()
        folded: set[str] = set()
        for row in registry.rows.values():
            for form in (row["name"], *row.get("aliases", ())):
                form = form.strip()
                if len(form) < 2:
                    continue
                if fold_acronyms and len(form) >= 3 and form.casefold() not in _ENGLISH_WORDS and re.fullmatch(r"[A-Za-z0-9&]+", form):
                    folded.add(form)
                elif not any(ch.islower() for ch in form) or len(form) <= 3:
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

    def unknown(self, text: str, start: int, end: int, known: list[Mention]) -> list[tuple[int, int, str]]:
        """Organisations not in the registry: (start, end, name) spans that overlap no known mention."""
        found: list[tuple[int, int, str]] = []
        segment = text[start:end]

        def add(s: int, e: int, name: str) -> None:
            name = re.sub(r"\s+", " ", name).strip(" ,.’'")
            name = re.sub(r"^(?:The|A|An|In|On|At|By|For|And|But|As|With|From|Its|Their)\s+", "", name)
            if len(name) < 2 or name.casefold() in _STOP_NAMES or not name[0].isupper():
                return
            if _NOT_COMPANY_WORDS.search(name):
                return
            if any(not (e <= m.start or s >= m.end) for m in known):
                return
            if any(not (e <= fs or s >= fe) for fs, fe, _ in found):
                return
            found.append((s, e, name))

        for match in _NEW_BY_SUFFIX.finditer(segment):
            words = match.group(1).split()
            if len(words) == 1 and words[0].casefold() in _STOP_NAMES:
                continue
            suffix = match.group(2)
            name = match.group(1)
            parts = suffix.split()
            while parts and _LEGAL.match(parts[-1]):
                parts.pop()  # "Foo Networks Inc." is Foo Networks
            legal = len(parts) < len(suffix.split())
            suffix = " ".join(parts)
            if suffix and not legal:
                # "Advanced Telecom Computing Architecture": the suffix word is inside a longer name
                if _CAPITAL_WORD_AFTER.match(segment, match.end()):
                    continue
                # a generic phrase, not a name: every word is an ordinary word
                if all(w.strip(".,").casefold() in _GENERIC for w in words):
                    continue
            if suffix:
                # keep the suffix when it is part of the name ("Huawei Technologies", "Foo Networks")
                name = f"{name} {suffix}"
            add(start + match.start(), start + match.end(), name)
        for match in _NEW_BY_APPOSITION.finditer(segment):
            apposition = segment[match.end(1) : match.end()]
            if _PERSON_ROLE_WORDS.search(apposition):
                continue  # "Michael Yao, the chairman of ...": a person
            if _PLACE_BEFORE.search(segment[max(0, match.start(1) - 20) : match.start(1)]):
                continue  # "Cavium of San Jose, a supplier": a place
            add(start + match.start(1), start + match.end(1), match.group(1))
        for match in _NEW_BY_OWNERSHIP.finditer(segment):
            group = 1 if match.group(1) else 2
            add(start + match.start(group), start + match.end(group), match.group(group))
        if known and self.peer_lists:
            for cue in _LIST_CUE.finditer(segment):
                tail = segment[cue.end() : cue.end() + 200]
                tail = re.split(r"[.;:()]|\s[–—-]\s", tail, maxsplit=1)[0]
                items = re.split(r",\s*|\s+and\s+|\s+or\s+", tail)
                offset = cue.end()
                names_here = []
                for item in items:
                    at = segment.find(item, offset)
                    if at < 0:
                        break
                    offset = at + len(item)
                    names_here.append((at, item.strip()))
                in_list = [k for k in known if start + cue.end() <= k.start < start + cue.end() + len(tail)]
                if not in_list:
                    continue
                for at, item in names_here:
                    if re.fullmatch(rf"{_CAP_WORD}(?:\s+{_CAP_WORD}){{0,2}}", item) and item.casefold() not in _STOP_NAMES:
                        add(start + at, start + at + len(item), item)
        return sorted(found)


# a short form stands for the company as the subject of a verb, a speaker or an owner ("Norvane closed", "Kestrel said", "Kestrel's"),
# not as a place ("services in Nepal", "Nepal, via Tibet" of Nepal Telecom) nor a name's first word ("Norvane Edge")
_ACTS_AFTER = re.compile(r"[’']s\b|\s+(?:also\s+|now\s+|then\s+|later\s+)?(?:[a-z]+(?:s|ed)|will|would|can|could|"
                         r"has|had|is|was|said|told|sold|won|led|made|took|grew|hit|set|bought|began|built|sent|went)\b")
_SUFFIX_WORDS = re.compile(rf"(?:[ \t]+(?:{_SUFFIX}))+")


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
    # in the order the text names them (a set's order would change with string hashing between runs)
    for name in dict.fromkeys(m.name for m in known if m.text.casefold() == m.name.casefold()):
        form = form_of(name)
        if form is None:
            continue
        for match in re.compile(rf"(?<![\w&@/.-]){re.escape(form)}(?![\w&@-])", flags).finditer(text, start, end):
            s, e = match.span()
            if taken.overlaps(s, e) or not fits(text, s, e):
                continue
            out.append(Mention(s, e, text[s:e], name, True))
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
    ordered = sorted(forms, key=len, reverse=True)
    body = "|".join(re.escape(form).replace(r"\ ", r"\s+") for form in ordered)
    flags = re.IGNORECASE if ignore_case else 0
    return re.compile(rf"(?<![\w&@/.-])({body})(?![\w&@-]|\.\w)", flags)
