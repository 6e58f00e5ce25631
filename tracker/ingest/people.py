"""The named persons of a sentence who act in its event: "Jane Doe, chief executive of X",
"said Jane Doe", "chief executive Jane Doe", "Mr Doe"."""

from __future__ import annotations

import re
from collections.abc import Iterable

from tracker import regex_code
from tracker.ingest.mentions import gazetteer

_NAME = r"((?:[A-Z][a-z]+|[A-Z]\.)(?:[ -](?:[A-Z][a-z]+|[A-Z]\.)){1,3})"
_ROLE = (r"(?:co-founder|founder|chairman|chairwoman|chair|chief executive(?: officer)?|chief financial officer|chief|CEO|CFO|"
         r"CTO|COO|president|head|director|vice president|SVP|EVP|VP|analyst|executive|manager|spokesman|spokeswoman|"
         r"spokesperson|partner)")
_PATTERNS = (
    regex_code.compile(_NAME + r",\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,3}" + _ROLE + r"\b"),  # "Jane Doe, chief executive of X"
    regex_code.compile(r"\b" + _ROLE + r"\s+" + _NAME + r"\b"),  # "chief executive Jane Doe"
    regex_code.compile(r"\bsaid\s+" + _NAME + r","),  # "said Jane Doe, ..."
    regex_code.compile(r"\b(?:Mr|Ms|Mrs|Dr)\.?\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)"),  # "Mr Doe"
)
_NOT_FIRST = {"The", "A", "An", "In", "On", "At", "For", "Its", "Their", "Chief", "Executive", "Officer", "President"}


def people_in(sentence: str, companies: Iterable[str] = ()) -> list[str]:
    """The persons a sentence names: by a role beside the name (the patterns above), or by a given
    name of ``data/not_companies.jsonl`` (first-names) opening a run of two or three capitalised
    words ("Motorola named Greg Brown as CEO") that is no company the sentence names
    (``companies``: the mentions' texts; "Morgan Stanley" is a bank)."""
    found: list[str] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(sentence):
            name = match.group(1).strip()
            if name.split()[0] in _NOT_FIRST or name in found:
                continue
            found.append(name)
    taken = [c for c in companies if c]
    for match in _GIVEN_NAME_RUN.finditer(sentence):
        name = match.group(0)
        if (gazetteer().kind(name.split()[0]) == "first-name" and name not in found
                and not any(name in company or company in name for company in taken)
                and not any(name in other for other in found)):
            found.append(name)
    return found


# a capitalised run of two or three words that a given name may open ("Greg Brown", "Mary T. Barra")
_GIVEN_NAME_RUN = regex_code.compile(r"\b[A-Z][a-z]+(?: (?:[A-Z]\.|[A-Z][a-z]+(?:-[A-Z][a-z]+)?)){1,2}\b")
