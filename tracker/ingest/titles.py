"""A plain one-line title for an event, made from its sentence.

News sentences open with datelines ("BEIJING, June 12 (Reuters) -"), dates ("On Tuesday,"),
and pronouns ("We", "It", "The company"); a timeline wants the actor, the act and its object.
The title is the sentence with the dateline and an opening date phrase removed, a pronoun
subject replaced by the company's name, cut at a clause end near ``MAX_WORDS`` words; when the
sentence does not name its main company, the name leads ("Acme: ...").
"""

from __future__ import annotations

import re

from tracker.ingest.stages import SentenceView

MAX_WORDS = 20
# "SHANGHAI, 07 AUG 2017 (Reuters) - ", "LONDON — ", "(Reuters) - "
# (a place in capitals, or any place before a news agency in brackets)
_DATELINE = re.compile(r"^(?:[A-Z][A-Z .'-]{1,40}?(?:,\s*[^-–—()\n]{1,30}?)?\s*(?:\([^)]{1,30}\))?"
                       r"|[A-Z][A-Za-z .'-]{1,40}?(?:,\s*[^-–—()\n]{1,30}?)?\s*\([^)]{1,30}\))\s*[-–—]\s+"
                       r"|^\([^)]{1,30}\)\s*[-–—]\s*")


def dateline_end(sentence: str) -> int:
    """Where a story's dateline ends at the start of its first sentence (0 when it has none)."""
    found = _DATELINE.match(sentence)
    return found.end() if found else 0
_PRONOUN_SUBJECT = re.compile(r"^(?:We|It|The (?:company|Company|group|Group|firm|bank|carmaker|operator|carrier))\b(?!['’])")
_LEAD_ADVERBIAL = re.compile(r"^(?:(?:In|On|At|During|By|Since|As of|As at)\s+)?(?:the\s+)?$", re.I)


def make_title(view: SentenceView, main: str) -> str:
    text = view.text
    start = 0
    if not view.is_title:
        start = dateline_end(text)
        # an opening date phrase: "In June, we signed ..." -> "we signed ..."
        for d in view.dates:
            lead = text[start : d.start - view.start]
            after = text[d.end - view.start :]
            if _LEAD_ADVERBIAL.match(lead) and after.startswith(","):
                start = d.end - view.start + 1
            break
    text = " ".join(text[start:].split()).strip(" \"“”‘’'")
    text = _PRONOUN_SUBJECT.sub(main, text[:1].upper() + text[1:], count=1)
    words = text.split()
    if len(words) > MAX_WORDS:
        cut = " ".join(words[:MAX_WORDS])
        stop = max(cut.rfind(", "), cut.rfind("; "), cut.rfind(" – "), cut.rfind(" — "))
        text = cut[:stop] if stop > 40 else cut
    text = text.rstrip(" .,;:–—-")
    if main.casefold() not in text.casefold():
        text = f"{main}: {text}"
    return text[:1].upper() + text[1:]
