"""The typed data that passes between ingest's stages.

document text → ``Article`` (with its publication date) → ``SentenceView`` (a sentence with
its company mentions and date candidates) → ``Candidate`` (a dated, typed event with the trace
of what decided it) → ``tracker.model.Event``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tracker.ingest.articles import Article
from tracker.ingest.mentions import CompanyMention  # noqa: F401  (the mentions stage's output)
from tracker.temporal.partial import PartialDate


@dataclass(frozen=True)
class DateCandidate:
    """A date that may date a sentence's event: one of its temporal expressions, another reading
    of its words, the article's publication day (or a period around it), or the date the text
    named last."""

    kind: str  # "timex", "reading", "published", "previous"
    date: PartialDate
    text: str = ""  # the words of a timex ("last Tuesday")
    start: int = -1  # offset of a timex in the document
    end: int = -1
    index: int = 0  # which timex of the sentence (0 = first)
    rule: str = ""  # the id of the rule that made it (tracker/ingest/data/date_rules.json, or "timex"/"previous")


@dataclass(frozen=True)
class ActorContext:
    """The companies a sentence may speak of without naming them (set by ``actors.assign_context``)."""

    lead: str | None = None  # the company the headline (else the lead) names first
    top: str | None = None  # the company the article names most
    recent: tuple[str, ...] = ()  # the companies of the nearest earlier sentence that names one
    earlier: tuple[str, ...] = ()  # every company the article named before this sentence


@dataclass
class SentenceView:
    """One sentence of an article and what the earlier stages found in it."""

    start: int
    end: int
    text: str
    index: int  # position in the article (0 = the first sentence of the body)
    article: Article
    is_title: bool
    bullet: bool
    paragraph_start: bool
    mentions: list[CompanyMention]
    dates: list[DateCandidate]  # timexes of the sentence only
    context_company: str | None = None  # the company an "it"/"the company" would stand for
    covered_year: PartialDate | None = None  # the past year an article reports on (an annual report)
    actors: ActorContext | None = None  # what the article said of its companies before this sentence
    focus: str | None = None  # the period the article names most (a results report's quarter)
    news_days: str = ""  # which of the publication day and the day before the article names (``news_days``)
    dropped: list[DateCandidate] = field(default_factory=list)  # tagged dates a date rule reads as no date of an act (--explain)


@dataclass
class Candidate:
    """A sentence's event as decided: companies (main first), type, date, with the reasons."""

    sentence: SentenceView
    companies: list[str]
    type: str
    date: PartialDate
    date_text: str
    title: str
    people: list[str] = field(default_factory=list)
    trace: dict = field(default_factory=dict)  # decision -> what made it (features, rules, scores)
