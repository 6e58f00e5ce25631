"""The company registry: canonical names, their aliases and parents.

Lookup is case-insensitive and forgiving about the small differences people type ("unicom",
"China Unicom's", curly apostrophes, extra spaces). A row is a plain dict, as stored:
``{"name": "China Unicom", "aliases": ["Unicom", ...], "parent": None, "review": False}``.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import orjson

from tracker.errors import UsageError

_POSSESSIVE = re.compile(r"[’']s?$")
_SPACES = re.compile(r"\s+")
LEGAL_FORMS = Path(__file__).parent / "data" / "legal_forms.jsonl"
# A typed prefix shorter than this ("ch") names too many companies to be meant as one.
MIN_PREFIX = 3


# a pure function of the name, asked for every name and alias each time a registry is built
# (ingest builds one per document): remembering the answers saves most of that work
@lru_cache(maxsize=1 << 16)
def lookup_key(name: str) -> str:
    """The form two spellings of one name share: casefolded, without accents ("Estacio" is
    "Estácio", whether its accent is one character or a combining mark), straight quotes, no
    possessive."""
    if not name.isascii():
        name = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
    key = _SPACES.sub(" ", name.replace("’", "'").strip()).casefold()
    return _POSSESSIVE.sub("", key).strip()


@lru_cache(maxsize=1)
def legal_form_entries() -> tuple[dict, ...]:
    """The entries of data/legal_forms.jsonl: words of legal forms written after a name
    ("Inc.", "Co., Ltd."), of a group's structure ("Holdings") and of forms written before it ("PT")."""
    return tuple(orjson.loads(line) for line in LEGAL_FORMS.read_bytes().splitlines() if line.strip())


def legal_forms(entry_id: str) -> tuple[str, ...]:
    """The words of one entry of data/legal_forms.jsonl, as spelled there."""
    return next(tuple(e["words"]) for e in legal_form_entries() if e["id"] == entry_id)


def legal_form_pattern(entry_id: str) -> str:
    """The words of one entry of data/legal_forms.jsonl as a regex alternation: the final dot of
    a one-word abbreviation is optional ("Inc" or "Inc."); a form with dots inside ("L.L.C.") is
    matched as spelled."""
    return "|".join(re.escape(w[:-1]) + r"\.?" if w.endswith(".") and "." not in w[:-1] else re.escape(w)
                    for w in legal_forms(entry_id))


@lru_cache(maxsize=1)
def legal_words() -> frozenset[str]:
    """The casefolded words of legal forms and group words written after a name, without their dots."""
    return frozenset(w.casefold().rstrip(".") for e in legal_form_entries() if e["position"] == "after" for w in e["words"])


@lru_cache(maxsize=1)
def lead_legal_words() -> frozenset[str]:
    """The casefolded words of legal forms written before a name ("PT", "PJSC")."""
    return frozenset(w.casefold() for e in legal_form_entries() if e["position"] == "before" for w in e["words"])


def short_form(name: str) -> str:
    """The name without its legal form ("Cisco Systems, Inc." -> "Cisco Systems", "PJSC Gazprom"
    -> "Gazprom"); a name that is nothing but such words stays as it is."""
    words = name.split()
    legal = legal_words()
    while len(words) > 1 and words[-1].casefold().strip(".,") in legal:
        words.pop()
    if len(words) > 1 and words[0].casefold() in lead_legal_words():
        words.pop(0)
    return " ".join(words).rstrip(",")


def new_company(name: str, parent: str | None = None) -> dict:
    """A company first met in the news: it joins the registry marked for review."""
    return {"name": name, "aliases": [], "parent": parent, "review": True}


class UnknownCompany(UsageError):
    def __init__(self, name: str, suggestions: list[str]):
        hint = f"; did you mean {', '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        super().__init__(f"unknown company {name!r}{hint} (see 'tracker companies')")
        self.suggestions = suggestions


class AmbiguousCompany(UsageError):
    def __init__(self, name: str, candidates: list[str], shown: int = 6):
        listed = ", ".join(candidates[:shown]) + (f" and {len(candidates) - shown} more" if len(candidates) > shown else "")
        super().__init__(f"company {name!r} is ambiguous: it could be {listed}; give more of the name")
        self.candidates = candidates


class Registry:
    def __init__(self, rows: list[dict]):
        self.rows = {row["name"]: row for row in rows}
        self._by_key: dict[str, str] = {}
        self._index(rows)

    def _index(self, rows: list[dict]) -> None:
        for row in rows:
            for form in (row["name"], *row.get("aliases", ())):
                # a canonical name always wins over another company's alias of the same spelling
                if form == row["name"] or lookup_key(form) not in self._by_key:
                    self._by_key[lookup_key(form)] = row["name"]

    def __contains__(self, name: str) -> bool:
        return name in self.rows

    def names(self) -> list[str]:
        return sorted(self.rows, key=str.casefold)

    def canonical(self, name: str) -> str | None:
        return self._by_key.get(lookup_key(name))

    def resolve(self, name: str) -> str:
        """The canonical name for what a user typed; an unknown name is a usage error with suggestions."""
        found = self.canonical(name)
        if found is not None:
            return found
        candidates = self.matches(name)
        if len(candidates) == 1:
            return candidates[0]
        if candidates:
            raise AmbiguousCompany(name, candidates)
        raise UnknownCompany(name, self.suggestions(name))

    def matches(self, name: str) -> list[str]:
        """Companies a name that is not one of theirs still points to: those whose short form
        (legal form dropped: "acacia communications") it is, and those whose name, alias or
        short form starts with it ("acacia", "cisco"), as git takes a unique prefix of an id.
        Both kinds count: "ck hutchison group" is CK Hutchison's short form and the start of CK
        Hutchison Group Telecom Holdings, so it names neither alone."""
        key = lookup_key(name)
        if len(key) < MIN_PREFIX:
            return []
        short = lookup_key(short_form(name))
        found = {canonical for form, canonical in self._forms() if form in (key, short) or form.startswith(key)}
        return sorted(found, key=str.casefold)

    def look_alikes(self, name: str, limit: int = 3, forms: dict[str, list[tuple[str, str]]] | None = None) -> list[str]:
        """Other companies a newly met name may be ("Acacia" beside Acacia Communications Inc,
        "Unicon" beside China Unicom's alias Unicom): one's short form starts the other's, or
        the two differ by a letter or so. ``forms``: ``forms_by_head()``, when asked of many names."""
        key = lookup_key(short_form(name))
        if len(key) < MIN_PREFIX:
            return []
        found = []
        # each test below needs the two to start alike: a form that starts the other (both of at
        # least MIN_PREFIX characters) or a typo (``_typo_apart``) shares its first two characters
        for form, canonical in (self.forms_by_head() if forms is None else forms).get(key[:2], ()):
            if canonical == name or canonical in found or len(form) < MIN_PREFIX:
                continue
            if _starts_word(form, key) or _starts_word(key, form) or _typo_apart(key, form):
                found.append(canonical)
        return sorted(found, key=str.casefold)[:limit]

    def _forms(self) -> list[tuple[str, str]]:
        """(lookup key, canonical name) of every name, alias and their short forms."""
        forms = list(self._by_key.items())
        forms.extend((lookup_key(short_form(form)), canonical) for form, canonical in self._by_key.items())
        return forms

    def forms_by_head(self) -> dict[str, list[tuple[str, str]]]:
        """``_forms()`` by their first two characters, in their order (what ``look_alikes`` reads:
        ``tracker ingest`` asks it of up to 20 new names, each of which read every form, 1,200
        after an ingest of company-news: 60 ms after the write)."""
        by_head: dict[str, list[tuple[str, str]]] = {}
        for form, canonical in self._forms():
            by_head.setdefault(form[:2], []).append((form, canonical))
        return by_head

    def suggestions(self, name: str, limit: int = 3) -> list[str]:
        key = lookup_key(name)
        if not key:
            return []
        close = difflib.get_close_matches(key, list(self._by_key), n=limit * 2, cutoff=0.6)
        containing = [form for form in self._by_key if key in form or form in key.split()]
        ordered = []
        for form in close + sorted(containing, key=len):
            canonical = self._by_key[form]
            if canonical not in ordered:
                ordered.append(canonical)
        return ordered[:limit]

    def family(self, name: str) -> list[str]:
        """The company and every company below it (subsidiaries, their subsidiaries...)."""
        members = [name]
        for member in members:
            members.extend(row["name"] for row in self.rows.values() if row.get("parent") == member and row["name"] not in members)
        return members

    def canonical_or_new(self, name: str) -> tuple[str, dict | None]:
        """The canonical name of a company met in input, and a new registry row when it is unknown."""
        found = self.canonical(name)
        if found is not None:
            return found, None
        clean = _SPACES.sub(" ", name.strip())
        row = new_company(clean)
        self.rows[clean] = row
        self._by_key[lookup_key(clean)] = clean
        return clean, row


def _typo_apart(one: str, other: str) -> bool:
    """Two names of five letters or more that differ by at most two letters ("unicon", "unicom").
    Only names that start alike are compared letter by letter (a typo is seldom at the start,
    and comparing every pair would cost a large registry seconds)."""
    if min(len(one), len(other)) < 5 or abs(len(one) - len(other)) > 2 or one[:2] != other[:2]:
        return False
    same = sum(block.size for block in difflib.SequenceMatcher(None, one, other).get_matching_blocks())
    return max(len(one), len(other)) - same <= 2


def _starts_word(text: str, start: str) -> bool:
    """``text`` begins with the words of ``start`` ("acacia communications" with "acacia")."""
    return text.startswith(start) and (len(text) == len(start) or not text[len(start)].isalnum())


class LayeredRegistry(Registry):
    """A registry with more rows on top of another, that says which rows came from which layer
    (``layers``), so that what is built from the large base layer can be built once."""

    def __init__(self, base: Registry, extra_rows: list[dict]):
        # what ``Registry([*base.rows.values(), *extra_rows])`` holds, without working out the
        # base's lookup keys again (ingest layers each document's new companies on the registry);
        # the same for a base built from rows of distinct names and changed since only by
        # ``canonical_or_new`` (ingest's reviewed registry is built just before)
        self.rows = dict(base.rows)
        self._by_key = dict(base._by_key)
        for row in extra_rows:
            self.rows[row["name"]] = row
        self._index(extra_rows)
        self.layers = (base, Registry(extra_rows))
