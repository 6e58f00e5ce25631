"""The named persons of a sentence who act in its event: "Jane Doe, chief executive of X",
"said Jane Doe", "chief executive Jane Doe", "Mr Doe"."""

from __future__ import annotations

import re

_NAME = r"((?:[A-Z][a-z]+|[A-Z]\.)(?:[ -](?:[A-Z][a-z]+|[A-Z]\.)){1,3})"
_ROLE = (r"(?:co-founder|founder|chairman|chairwoman|chair|chief executive(?: officer)?|chief financial officer|chief|CEO|CFO|"
         r"CTO|COO|president|head|director|vice president|SVP|EVP|VP|analyst|executive|manager|spokesman|spokeswoman|"
         r"spokesperson|partner)")
_PATTERNS = (
    re.compile(_NAME + r",\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,3}" + _ROLE + r"\b"),  # "Jane Doe, chief executive of X"
    re.compile(r"\b" + _ROLE + r"\s+" + _NAME + r"\b"),  # "chief executive Jane Doe"
    re.compile(r"\bsaid\s+" + _NAME + r","),  # "said Jane Doe, ..."
    re.compile(r"\b(?:Mr|Ms|Mrs|Dr)\.?\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)"),  # "Mr Doe"
)
_NOT_FIRST = {"The", "A", "An", "In", "On", "At", "For", "Its", "Their", "Chief", "Executive", "Officer", "President"}


def people_in(sentence: str) -> list[str]:
    found: list[str] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(sentence):
            name = match.group(1).strip()
            if name.split()[0] in _NOT_FIRST or name in found:
                continue
            found.append(name)
    return found
