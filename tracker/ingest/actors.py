"""The main actor of a sentence's event: the company that acts, or the one a figure is about.

Candidates are the companies named in the sentence and, for a sentence that names none or
opens with "it"/"the company", the company the text spoke of last. A linear model
(``models/company.json``) ranks them on ``company_features``: order and position in the
sentence, the words around the first mention (a verb after it, "by" before it), and how much
the article speaks of it.
"""

from __future__ import annotations

import re

from tracker.ingest.features import _PRONOUN_START, words
from tracker.ingest.stages import CompanyMention, SentenceView


def company_candidates(view: SentenceView) -> list[tuple[str, list[CompanyMention], bool]]:
    """(name, its mentions in the sentence, implied) for each company that may be the main actor."""
    out: dict[str, list[CompanyMention]] = {}
    for m in view.mentions:
        out.setdefault(m.name, []).append(m)
    cands = [(name, ms, False) for name, ms in out.items()]
    if view.context_company and view.context_company not in out:
        cands.append((view.context_company, [], True))
    return cands


def company_features(name: str, mentions: list[CompanyMention], s: SentenceView, order: int, counts: dict[str, int],
                     implied: bool) -> dict[str, float]:
    """Whether a company is the main actor of its sentence's event (the one that acts, or the
    one a figure is about)."""
    f: dict[str, float] = {"bias": 1.0}
    if implied:
        f["implied"] = 1.0
        if _PRONOUN_START.match(s.text):
            f["implied&pronoun_start"] = 1.0
        if not s.mentions:
            f["implied&no_mention"] = 1.0
        return f
    first = mentions[0]
    f[f"order={min(order, 3)}"] = 1.0
    rel = (first.start - s.start) / max(1, len(s.text))
    f["position=" + ("start" if first.start - s.start < 4 else "early" if rel < 0.3 else "middle" if rel < 0.6 else "late")] = 1.0
    before = words(s.text[max(0, first.start - s.start - 30) : first.start - s.start])[-2:]
    after_text = s.text[first.end - s.start : first.end - s.start + 40]
    after = words(after_text)[:2]
    if before:
        f[f"before1={before[-1]}"] = 1.0
    if after:
        f[f"after1={after[0]}"] = 1.0
    if len(after) > 1:
        f[f"after2={after[0]}_{after[1]}"] = 0.5
    if re.match(r"[’']s\b", after_text):
        f["possessive"] = 1.0
    if first.known:
        f["known"] = 1.0
    if len(mentions) > 1:
        f["repeated_in_sentence"] = 1.0
    total = sum(counts.values()) or 1
    share = counts.get(name, 0) / total
    f["article_share=" + ("high" if share > 0.4 else "mid" if share > 0.15 else "low")] = 1.0
    if counts and name == max(counts, key=counts.get):
        f["article_top"] = 1.0
    if s.context_company == name:
        f["context_company"] = 1.0
    return f
