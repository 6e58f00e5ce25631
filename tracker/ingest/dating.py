"""Dating a sentence's event: which date of the text dates it.

Candidates are the sentence's own temporal expressions (from ``tracker.temporal.tag``, read as
the period the text means: "the end of 2017" is December 2017), the publication day of the
article (the news itself) and the date the text named last ("the same year"). A linear model
(``models/date.json``) ranks them on ``date_features``: the words around the expression, its
precision, where it stands in the sentence, and how it relates to the publication date.
"""

from __future__ import annotations

import re

from tracker.ingest.articles import Article
from tracker.ingest.features import _FUTURE, _PERCENT, _PRONOUN_START, _SCALE, _bucket, words
from tracker.ingest.periods import period_value, value_date
from tracker.ingest.stages import DateCandidate, SentenceView
from tracker.temporal import tag
from tracker.temporal.partial import PartialDate


def article_dates(text: str, article: Article) -> list[DateCandidate]:
    """The DATE expressions of an article that name a calendar period, resolved."""
    out = []
    for timex in tag(text[article.offset : article.end], article.published):
        if timex.type != "DATE":
            continue
        start = article.offset + timex.start
        value = period_value(text, start, timex.text, timex.value)
        when = value_date(value, article.published, article.basis)
        if when is None or not when.known:
            continue
        out.append(DateCandidate("timex", when, timex.text, start, article.offset + timex.end))
    return out


def date_candidates(view: SentenceView, earlier: DateCandidate | None) -> list[DateCandidate]:
    """The dates that may date a sentence's event: its own, the publication day, the date named last."""
    out = list(view.dates)
    published = view.article.published
    if published is not None:
        out.append(DateCandidate("published", PartialDate.of_day(published)))
    if earlier is not None:
        out.append(DateCandidate("previous", earlier.date, earlier.text))
    return out


def date_features(d: DateCandidate, s: SentenceView, published) -> dict[str, float]:
    """Whether a date candidate dates the event of its sentence."""
    f: dict[str, float] = {"bias": 1.0, f"kind={d.kind}": 1.0, f"precision={d.date.precision}": 1.0,
                           f"kind={d.kind}&precision={d.date.precision}": 1.0}
    n = len(s.dates)
    f[f"kind={d.kind}&dates={_bucket(n, (0, 1, 2))}"] = 1.0
    lowered = s.text.lower()
    if _FUTURE.search(s.text):
        f[f"kind={d.kind}&future"] = 1.0
    if re.search(r"\b(?:said|says|announced|reported|told|confirmed|disclosed|stated)\b", lowered):
        f[f"kind={d.kind}&speech"] = 1.0
    if _PERCENT.search(s.text) or _SCALE.search(s.text):
        f[f"kind={d.kind}&figure"] = 1.0
    if re.search(r"\b(?:has|have)\s+(?:\w+\s+)?\w+ed\b|\b(?:now|currently|today)\b", lowered):
        f[f"kind={d.kind}&present"] = 1.0
    if s.index == 0:
        f[f"kind={d.kind}&lead"] = 1.0
    if s.is_title:
        f[f"kind={d.kind}&title"] = 1.0
    if _PRONOUN_START.match(s.text):
        f[f"kind={d.kind}&pronoun_start"] = 1.0
    if published is not None and d.date.start is not None:
        if d.date.start > published:
            f["after_published"] = 1.0
        elif d.date.end is not None and d.date.end >= published:
            f["holds_published"] = 1.0
        elif (published - d.date.start).days > 400:
            f["years_before"] = 1.0
    if d.kind != "timex":
        return f
    before = s.text[: d.start - s.start]
    after = s.text[d.end - s.start :]
    bw = words(before)[-3:]
    aw = words(after)[:2]
    if bw:
        f[f"before1={bw[-1]}"] = 1.0
    if len(bw) >= 2:
        f[f"before2={bw[-2]}_{bw[-1]}"] = 1.0
        f[f"before2any={bw[-2]}"] = 0.5
    if len(bw) >= 3:
        f[f"before3any={bw[-3]}"] = 0.5
    if aw:
        f[f"after1={aw[0]}"] = 1.0
    for w in words(d.text):
        if not w[0].isdigit():
            f[f"timex_word={w}"] = 1.0
    f[f"index={min(d.index, 2)}"] = 1.0
    if d.index == n - 1 and n > 1:
        f["last_of_several"] = 1.0
    if not before.strip(" \t\"“‘("):
        f["opens_sentence"] = 1.0
    if re.search(r"\b(?:which|who|that|since|after|before|when|while|until)\b[^,;]{0,60}$", before, re.I):
        f["in_subordinate"] = 1.0
    if before.count("(") > before.count(")"):
        f["in_parentheses"] = 1.0
    if re.search(r",[^,]{0,50}$", before) and re.match(r"[^,]{0,50},", after):
        f["in_commas"] = 1.0
    return f


