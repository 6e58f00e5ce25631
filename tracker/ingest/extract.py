"""From news text to dated company events.

The pipeline, per article of a document (``split_articles``):

1. temporal expressions of the whole article (``tracker.temporal.tag``), resolved against the
   article's publication date, so "two years later" counts from the date the text last named;
2. sentences (``tracker.ingest.text``), each with its company mentions (registry forms first,
   then organisations not in the registry, which come back as new registry rows);
3. a sentence that tells of something done by or to a company is an event: its type from the
   cue words (``classify``), its main company the subject, its date the temporal expression
   that belongs to the event (not "established in 2012" inside a sentence about a launch),
   else the date the paragraph is about, else the date the article is about;
4. the same event told twice (a summary bullet and its paragraph, two posts of a blog) becomes
   one event with two sources.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from tracker.ingest.articles import Article, _title_like, dateline, split_articles
from tracker.ingest.classify import EVENT_CUE as EVENT_VERB
from tracker.ingest.classify import (
    _MODAL, PAST_CUE, award_items, dated_fact_type, descriptive_follow_up, event_type, extent_follow_up, fact_clause,
    further_partners, gerund_act, market_count, names_act_object, not_event_cue, plan_or_state, present_state,
    recalled_background, reported_subject, reports_event, second_clauses, speaker_span, subject_span,
)
from tracker.ingest.companies import CompanyFinder, Mention, first_word_form
from tracker.ingest.periods import _END_OF, period_ending, period_value, value_date  # noqa: F401
from tracker.ingest.text import Span, paragraphs, sentences
from tracker.model import Event, Source
from tracker.temporal import tag, to_partial
from tracker.temporal.partial import PartialDate

# "it was revealed that ...", "it is understood that ...": an impersonal "it" that stands for no company
_IMPERSONAL_IT = r"(?!\s+(?:is|was|has\s+been)\s+(?:also\s+)?(?:revealed|reported|said|disclosed|claimed|understood|learned|believed|rumou?red)\s+that\b)"
_PRONOUN_SUBJECT = re.compile(r"^(?:[A-Z][^,]{0,60}(?:,\s+\d{4})?,\s+)?(?:it\b" + _IMPERSONAL_IT +
                              r"|the company|the firm|the group|the operator|the carrier|the vendor)\b", re.I)
# "the above start-up", "the aforementioned company": the company the sentence before named last
_BACK_REFERENCE = re.compile(r"\bthe\s+(?:above|above-mentioned|aforementioned|latter)\s+(?:start-?up|company|firm|venture|"
                             r"joint venture|operator|carrier)\b", re.I)
# the act just reported, referred to by its object: "the money", "the deal", "the stake"
_THE_ACT = re.compile(r"\bthe\s+(?:money|funds|funding|proceeds|deal|agreement|investment|acquisition|stake|purchase|merger)\b", re.I)
# a sentence opening with the bare verb of a tie: its subject, dropped, is the one of the sentence before
_SUBJECTLESS_TIE = re.compile(r"^\W*(?:Cooperate|Collaborate|Partner|Work|Team up)\s+with\b", re.I)
_WE = re.compile(r"\b(?:we|our|us|the Company)\b")
_BARE_VERB_START = re.compile(r"^(?:[A-Z][a-z]+ed|Built|Sped|Set|Took|Won|Led|Held|Made|Began|Ran|Rolled|Carried|Launching|Adding|Initiated)\b")
# Date phrases that date something else than the event of the sentence.
_ASIDE_BEFORE = re.compile(
    r"(?:established|founded|set up|launched|created|incorporated|listed|since|from|compared (?:with|to)|versus|vs\.?|"
    r"than|previous|prior|a year earlier|year-(?:over|on)-year|ended on|before|until|up from|down from)\s+(?:in|on|at)?\s*(?:the\s+)?$",
    re.I,
)
# "from 71% in Q4 2015", "up from $3.1 billion in 2016": the date of a baseline figure, which is not the
# date of the sentence's event but a dated figure of its own
_BASELINE_FIGURE_BEFORE = re.compile(
    r"\b(?:from|than|versus|vs\.?|compared (?:with|to))\s+(?:[$€£¥]|RMB\s?|US\$)?\d[\d.,]*\s*(?:%|per cent|percent|"
    r"million|billion|bn|m|k)?\s+(?:in|on|at|for)\s+(?:the\s+)?$",
    re.I,
)
# a sentence whose subject is a company's metric ("Operating loss from cloud computing was", "Annual active buyers reached")
# ("Its 4G user base stood at", "Net profit for the quarter fell", "Its prepaid base, by contrast, shrank")
_METRIC_SUBJECT = re.compile(r"^\W*(?:[\w-]+\s+){0,3}?(?:revenues?|sales|profits?|loss(?:es)?|income|earnings|EBITA|"
                             r"EBITDA|margins?|turnover|(?P<count>buyers|users|subscribers|customers|(?:user|customer|subscriber|prepaid|postpaid)\s+base))\b"
                             r"(?:\s+(?:from|of|on|in|for|over|during)\b[^,]{0,60})?(?:,\s+[^,]{1,30},)?"
                             r"\s+(?:was|were|reached|rose|fell|grew|increased|decreased|stood|totall?ed|climbed|jumped|slipped|"
                             r"dropped|declined|slid|narrowed|widened|shrank|improved|surged|doubled|tripled)\b", re.I)


def _metric_kind(sent: str) -> str | None:
    """The type of a sentence whose subject is a metric and that gives its figure: a count of users is
    market data ("Its prepaid base shrank to 476,000"), money is results ("Net profit fell 17% to S$30.2 million")."""
    metric = _METRIC_SUBJECT.match(sent)
    if metric is None or not re.search(r"\d", sent[metric.end():]):
        return None
    return "market_data" if metric.group("count") else "financial_results"


_BULLET = re.compile(r"(?:^|\n)[ \t]*[•*–-][\s\xa0]*$")
_TREND_SPAN = re.compile(r"(?:the\s+)?(?:(?:past|recent)\s+(?:\w+\s+)?(?:years?|months|quarters|decades?)|"
                         r"last\s+\w+\s+(?:years|months|quarters|decades))", re.I)  # not "last year": a date
_SINCE_BEFORE = re.compile(r"\bsince\s+(?:the\s+)?$", re.I)
# "The suit was filed ...", "The deal was signed ...": the act just told, named as a noun, with its date
_ACT_DATED_AFTER = re.compile(r"^\W*(?:The|That|This)\s+(?:[\w-]+\s+)?(?:suit|lawsuit|complaint|deal|contract|agreement|"
                              r"acquisition|purchase|investment|round|order)\s+(?:was|were|had been)\s+[a-z]+(?:ed|en)\b")
_FIRST_SINCE_BEFORE = re.compile(r"\bfirst\b[^.;,]{0,40}\bsince\s+(?:the\s+)?$", re.I)
# "according to a Fortune article of January 24th, X said in November": the date of the report
# that tells of the event, not the date of the event
_SOURCE_DATE_BEFORE = re.compile(
    r"\b(?:article|report|story|interview|post|column|statement|filing|release)\s+(?:of|dated|published\s+on)\s+(?:the\s+)?$",
    re.I,
)
# a clause that tells what cited figures show ("indicating it currently is the No.4 player")
_CITED_FIGURES_BEFORE = re.compile(r"\b(?:indicating|showing|suggesting)\b[^.;]*$", re.I)
# a sentence that adds a result to the event just reported, naming no company ("In addition, a rate of ... was achieved")
_ADDITIVE_START = re.compile(r"^\W*(?:In addition|Additionally|Also|Moreover|Furthermore),\s", re.I)
_STANDING = re.compile(r"^\W*(?:Currently|At present|Right now|Presently|To date|Nowadays)\b")
# "capabilities11 More than clients developed200": numbers of a table glued to its labels
_TABLE_RESIDUE = re.compile(r"\b[a-z]{3,}\d+\b")
_BASELINE_BEFORE = re.compile(
    r"(?:from|compared (?:with|to)|versus|vs\.?|than|over|until|to|through|of|for|ahead of|after|before|"
    r"average\s+\w+\s+\w+\s+in|up from|down from)\s+(?:in|on|at)?\s*(?:the\s+)?(?:\w+\s+)?$",
    re.I,
)
_FIGURE = re.compile(r"\d[\d.,]*\s?(?:%|per cent|percent|million|billion|bn|m\b|k\b)|[$€£¥]\s?\d|\b(?:RMB|US\$|USD|EUR|NT\$)\s?\d|\bNo\.\s?\d|\d{2,}[\d.,]*\s+\d[\d.,]*\s+\d", re.I)
_DATELINE_LEAD = re.compile(r"^[^\n]{0,80}?(?:\([A-Za-z .]+\)\s*)?[-–—]\s+")
# Comparison dates ("up 12% from a year earlier") date a figure's baseline, never an event.
_COMPARISON = re.compile(
    r"\b(?:year|quarter|month|period|week)s?\s+(?:earlier|ago|before)\b|\b(?:previous|prior|preceding)\b", re.I
)
# a count after a sales or ranking verb ("topped 13353", "selling 1916 phones", "sold only 366 units")
_COUNT = re.compile(r"\b(?:topped|sold|selling|sells|shipped|reached|ranked|had|has|with)\s+(?:only\s+|nearly\s+|about\s+|over\s+|"
                    r"more than\s+|\w+\s+)?\d[\d,.]*\b", re.I)
_RECENT = re.compile(r"\brecent(?:ly)?\b", re.I)
_LATER_THAT_YEAR = re.compile(r"later (?:that|the same|in the|in that) year", re.I)
# an act told as following the one dated before it, on a day unknown up to the text's own day
_AFTER_THAT = re.compile(r"\b(?:subsequently|afterwards|later)\b", re.I)
# an act under way or just done as the text is written: it is dated as "now" is
_UNDER_WAY = re.compile(r"\b(?:is|are)\s+being\s+[a-z]+(?:ed|en)\b|\b(?:has|have)\s+just\s+(?:been\s+)?[a-z]+(?:ed|en)\b", re.I)
_PERSON_ROLE = re.compile(
    r"\b((?:[A-Z][a-z]+|[A-Z]\.)(?:[ -](?:[A-Z][a-z]+|[A-Z]\.)){1,3}),\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,3}"
    r"(?:co-founder|founder|chairman|chairwoman|chief|CEO|CFO|CTO|president|head|director|vice president|"
    r"SVP|EVP|VP|analyst|executive|manager|spokesman|spokeswoman|spokesperson|partner)\b"
)
# "WeChat users have been arrested", "from his Sina Weibo account": the service a person uses, not a company that acts
_PLATFORM_NOUN_AFTER = re.compile(r"\s+(?:users?|accounts?|followers|posts|conversations|chats)\b")
_PERSON_SAID = re.compile(r"\bsaid\s+((?:[A-Z][a-z]+)(?:\s+[A-Z][a-z]+){1,2}),")
_HONORIFIC = re.compile(r"\b(?:Mr|Ms|Mrs|Dr)\.?\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)")


@dataclass
class _Candidate:
    start: int
    end: int
    quote: str
    article: Article
    companies: list[str]
    type: str
    date: PartialDate
    date_text: str
    people: list[str] = field(default_factory=list)
    words: set[str] = field(default_factory=set)
    sources: list[Source] = field(default_factory=list)
    title_text: str | None = None  # what the title says when the sentence tells of several facts


def extract(
    text: str,
    doc: str,
    registry,
    facts: list[dict] | None = None,
    published: date | None = None,
    articles: list[Article] | None = None,
):
    """Every dated company event of ``text`` and the registry rows of companies first met in it.

    ``articles``: the text's ``split_articles`` when the caller has them already.
    """
    facts = facts or []
    if articles is None:
        articles = split_articles(text, doc, facts)
    if published is not None:
        for article in articles:
            article.published, article.basis = published, "option"
    spans_all = sentences(text)
    lowercase = len(spans_all) >= 5 and sum(1 for sp in spans_all if sp.text[:1].islower()) >= 0.4 * len(spans_all)
    finder = CompanyFinder(registry, fold_acronyms=lowercase)
    # two passes, so the events do not depend on whether this text's new companies are already
    # in the registry (ingesting the same text twice gives the same events): first find the
    # organisations not yet known, then match every name against the registry they joined
    # the sentences of each article's body, split once for both passes
    bodies = [sentences(text, _body_start(text, article), article.end) for article in articles]
    new_rows = _discover(text, articles, bodies, finder, registry)
    if new_rows:
        finder = CompanyFinder(registry, fold_acronyms=lowercase)
    candidates: list[_Candidate] = []
    for article, spans in zip(articles, bodies):
        candidates.extend(_article_events(text, doc, article, spans, finder, registry))
    merged = _merge(_named_again(_heads_into_details(text, candidates)))
    events = []
    per_article = Counter(id(c.article) for c in merged)
    for cand in merged:
        title = _title(cand, single=per_article[id(cand.article)] == 1)
        events.append(
            Event(
                date=cand.date,
                companies=tuple(dict.fromkeys(cand.companies)),
                type=cand.type,
                title=title,
                people=tuple(dict.fromkeys(cand.people)),
                sources=tuple(cand.sources),
            )
        )
    return events, new_rows


# --------------------------------------------------------------------------------------------


def _body_start(text: str, article: Article) -> int:
    """Where the body of an article begins: after its title line when it has one."""
    if article.title and text.startswith(article.title, article.offset) and _title_like(article.title):
        return article.offset + len(article.title)
    return article.offset


def _within(mentions: list[Mention], starts: list[int], span: Span) -> list[Mention]:
    """The mentions (sorted by start; ``starts`` their starts) that lie inside ``span``, in order:
    found by bisection, not by testing every mention of the article for every sentence."""
    first, stop = bisect_left(starts, span.start), bisect_left(starts, span.end)
    return [m for m in mentions[first:stop] if m.end <= span.end]


def _discover(text: str, articles: list[Article], bodies: list[list[Span]], finder: CompanyFinder, registry) -> list[dict]:
    """Organisations not in the registry, added to it (marked for review); their new rows."""
    rows: list[dict] = []
    # a report: the author its cover names, unless the registry knows it under a shorter name ("Acme" of
    # "Acme Holdings Limited"); its section headings may split it into several articles
    author = _cover_author(text)
    if author is not None and not finder.known(author):
        _, row = registry.canonical_or_new(author)
        if row is not None:
            rows.append(row)
    found: list[str] = []
    named: set[str] = set()
    for article, spans in zip(articles, bodies):
        known = finder.known(text, article.offset, article.end)
        starts = [m.start for m in known]
        named.update(m.name for m in known)
        for span in spans:
            inside = _within(known, starts, span)
            found.extend(name for _, _, name in finder.unknown(text, span.start, span.end, inside))
    # "Tamsin's shares" where the text names Tamsin Systems: a short form of it, no company of its own
    short = {first_word_form(name) for name in named.union(found)}
    for name in found:
        if name not in short:
            _, row = registry.canonical_or_new(name)
            if row is not None:
                rows.append(row)
    return rows


@dataclass
class _ArticleView:
    """What an article tells as a whole, read once before its sentences."""

    text: str
    doc: str
    article: Article
    registry: object
    timexes: list[tuple[int, int, str, str]]  # (start, end, surface, value) of its DATE expressions
    spans: list[Span]
    para_of: dict[int, int]  # sentence start -> start of its paragraph
    para_before: dict[int, int]  # paragraph start -> start of the paragraph before it
    known: list[Mention]  # sorted by start
    known_starts: list[int]
    dominant: str | None  # its most named company (the "we" of a report)
    first_person: bool  # a company's own report, speaking as "we"
    covered_year: int | None
    capitalised_text: bool
    lowercase_text: bool
    people_of: dict[str, str]  # person -> the company they speak or act for

    @property
    def dct(self) -> date | None:
        return self.article.published

    @property
    def basis(self) -> str | None:
        return self.article.basis


@dataclass
class _Reading:
    """What the sentences read so far leave to the next one."""

    out: list[_Candidate] = field(default_factory=list)
    last_subject: str | None = None
    last_subject_para: int = -1
    # the sentence before, when it named a company: (sentence, offset, mentions, names)
    previous_named: tuple[str, int, list[Mention], list[str]] | None = None
    last_person: str | None = None
    list_owner: str | None = None  # the company of a lead-in ending in a colon, for the bullets after it
    first_sentence: bool = True
    lead_date: tuple[PartialDate, str] | None = None  # the date of the lead sentence of the article
    last_para_date: tuple[int, PartialDate, str] | None = None  # (paragraph, date, text)
    last_any_date: tuple[PartialDate, str] | None = None


@dataclass
class _Sentence:
    """One sentence of an article, with the companies and dates found in it."""

    view: _ArticleView
    span: Span
    para: int
    mentions: list[Mention]
    bullet: bool
    person: str | None
    dates: list[tuple[int, int, str, str]] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    words: set[str] = field(default_factory=set)

    @property
    def text(self) -> str:
        return self.span.text

    def source(self, date_text: str) -> Source:
        view = self.view
        return Source(doc=view.doc, quote=self.text, article=view.article.title, offset=self.span.start, date_text=date_text)

    def candidate(self, names: list[str], kind: str, when: PartialDate, when_text: str,
                  title_text: str | None = None) -> _Candidate:
        cand = _Candidate(
            start=self.span.start, end=self.span.end, quote=self.text, article=self.view.article, companies=list(names),
            type=kind, date=when, date_text=when_text, people=self.people, words=set(self.words), title_text=title_text,
        )
        cand.sources = [self.source(when_text)]
        return cand


def _article_events(text: str, doc: str, article: Article, spans: list[Span], finder: CompanyFinder,
                    registry) -> list[_Candidate]:
    view = _read_article(text, doc, article, spans, finder, registry)
    reading = _Reading()
    for span in view.spans:
        _read_sentence(view, reading, span)
    return reading.out


def _read_article(text: str, doc: str, article: Article, spans: list[Span], finder: CompanyFinder, registry) -> _ArticleView:
    """``spans``: the sentences of the article's body (after its title)."""
    body_start, body_end = article.offset, article.end
    dct = article.published
    timexes = []
    report_year = _cover_year(text) if dct is None else None
    for timex in tag(text[body_start:body_end], dct):
        if timex.type != "DATE":
            continue
        start = body_start + timex.start
        value = period_value(text, start, timex.text, timex.value)
        if report_year is not None and value.startswith("XXXX"):
            value = f"{report_year}{value[4:]}"  # "In April" of an annual report for 2018: April 2018
        timexes.append((start, body_start + timex.end, timex.text, value))
    title_end = _body_start(text, article)
    paras = paragraphs(text, title_end, body_end)
    para_starts = [p.start for p in paras]
    para_of = {span.start: _paragraph_of(paras, para_starts, span.start) for span in spans}
    known = finder.short_forms(text, body_start, body_end, finder.known(text, body_start, body_end))
    counts = Counter(m.name for m in known)
    dominant = counts.most_common(1)[0][0] if counts else None
    # a company's own report: it speaks as "we" and names itself far more than anyone else, or its cover
    # names it (then it is the "we" however often the body names a partner or a company it bought)
    author = _report_author(text, finder)
    first_person = author is not None and (author == dominant or _cover_author(text) is not None)
    if first_person:
        dominant = author
    # a line that starts in lower case where sentences start in capitals is a broken-off fragment
    capitals = sum(1 for sp in spans if sp.text[:1].isupper())
    return _ArticleView(
        text=text, doc=doc, article=article, registry=registry, timexes=timexes, spans=spans, para_of=para_of,
        # a results story gives one figure a paragraph: the paragraph before is still about the same company
        para_before={later.start: earlier.start for earlier, later in zip(paras, paras[1:])},
        known=known, known_starts=[m.start for m in known], dominant=dominant, first_person=first_person,
        covered_year=_covered_year(timexes, dct),
        capitalised_text=len(spans) >= 5 and capitals >= 0.8 * len(spans),
        # machine-translated text in lower case drops finite verbs ("ma and met with", "to discuss the
        # cooperation"): there an event cue is enough
        lowercase_text=len(spans) >= 5 and capitals <= 0.6 * len(spans),
        people_of=_people_companies(text, spans, known),
    )


def _paragraph_of(paras: list[Span], starts: list[int], at: int) -> int:
    """The start of the paragraph (of ``paras``, sorted and disjoint; ``starts`` their starts) that holds
    offset ``at``, else ``at``."""
    index = bisect_right(starts, at) - 1
    return paras[index].start if index >= 0 and at < paras[index].end else at


def _read_sentence(view: _ArticleView, reading: _Reading, span: Span) -> None:
    """The events one sentence tells, added to ``reading.out`` (or as sources of events told before)."""
    text, sent = view.text, span.text
    mentions = _acting_mentions(text, sent, _within(view.known, view.known_starts, span))
    names = _ordered_names(sent, span.start, mentions)
    para = view.para_of.get(span.start, span.start)
    before_named, reading.previous_named = reading.previous_named, (sent, span.start, mentions, names) if names else None
    bullet = _is_bullet(text, span)
    if not bullet:
        reading.list_owner = None
    person = _person_named(sent, view.people_of, reading.last_person)
    reading.last_person = person or reading.last_person
    sentence = _Sentence(view, span, para, mentions, bullet, person)
    implicit = None
    if not names:
        implicit, names = _implied_companies(sentence, reading, before_named)
    sentence.dates, chosen = _sentence_date(sentence, reading)
    is_lead = reading.first_sentence
    _remember_date(sentence, reading, chosen)
    if not names:
        return
    # "in the future" dates no act the sentence reports: it leaves a follow-up undated
    dated = chosen is not None or any(t[3] != "FUTURE_REF" for t in sentence.dates)
    if _tells_no_event(sentence, chosen, dated, is_lead):
        return
    metric_kind = _metric_kind(sent)
    figure = (bool(_FIGURE.search(sent)) and (len(sent) < 160 or chosen is not None) or metric_kind is not None) and not _MODAL.search(sent)
    if figure and plan_or_state(sent, dated):
        figure = False
    report_bullet = view.first_person and gerund_act(sent)  # "Launching promotion tools, with an aim to ..."
    tie_under_way = _working_with(sent, span.start, mentions)
    if not reports_event(sent, dated=dated or view.lowercase_text) and not figure and not report_bullet and not _company_statement(
            sent, span.start, mentions, person) and not tie_under_way:
        return
    when, when_text = chosen if chosen is not None else _undated_sentence_date(sentence, reading, figure)
    kind = "partnership" if tie_under_way else event_type(sent)
    if figure and not reports_event(sent, dated=chosen is not None):
        kind = "market_data"
    if figure and metric_kind is not None:
        kind = metric_kind
    main = _sentence_main(sentence, reading, names, implicit)
    companies = [main] + [n for n in names if n != main]
    reading.last_subject, reading.last_subject_para = main, para
    if sent.rstrip().endswith(":"):
        reading.list_owner = main
    sentence.people = _people(sent)
    sentence.words = _content_words(sent, mentions, span.start)
    previous, dates_it = _told_before(sentence, reading.out, kind, chosen, when)
    if previous is not None:
        previous.sources.append(sentence.source(when_text if dates_it else ""))
        if dates_it:
            previous.date, previous.date_text = when, when_text
        return
    primary = sentence.candidate(companies, kind, when, when_text)
    reading.out.append(primary)
    # "has nearly halved over the past two years", "has increased its investments in recent years": a trend
    # over a span, no event, also when the tagger dates no such span and the date came from the paragraph;
    # a dated fact of the same sentence still is one
    trend = _TREND_SPAN.fullmatch(when_text.strip()) is not None or (chosen is None and _TREND_SPAN.search(sent) is not None)
    if _other_dated_facts(sentence, reading.out, companies, when, when_text) or trend:
        reading.out.remove(primary)
    reading.out.extend(_further_acts(sentence, companies, kind, figure, when, when_text))


def _implied_companies(sentence: _Sentence, reading: _Reading, before_named) -> tuple[str | None, list[str]]:
    """A sentence naming no company: the company it speaks of all the same, and its companies."""
    view, sent, person = sentence.view, sentence.text, sentence.person
    if person is not None and not _told_by_another(sent, person) and not _only_possessive(sent, person):
        # "He was apprehended by Interpol": the company of the founder or chief the article speaks of
        implicit = view.people_of[person]
        return implicit, [implicit]
    implicit = None
    same_para = reading.last_subject_para == sentence.para
    # "It ..." is the company the text last spoke of; a report's subjectless lines are its own
    if before_named is not None and _BACK_REFERENCE.search(sent):
        implicit = before_named[2][-1].name  # "... to launch the joint venture X. The above start-up signed": X
    elif reading.last_subject and _PRONOUN_SUBJECT.match(sent) and (not view.first_person or same_para):
        implicit = reading.last_subject
    elif (reading.last_subject and reading.last_subject_para in (sentence.para, view.para_before.get(sentence.para))
          and _METRIC_SUBJECT.match(sent)):
        implicit = reading.last_subject  # "Alibaba said ... grew. Operating loss from cloud computing was ...": its figure
    elif reading.list_owner is not None and sentence.bullet:
        implicit = reading.list_owner  # "including: • Revenue from cloud computing of ...": the lead-in's company
    elif reading.out and _ADDITIVE_START.match(sent):
        return None, list(reading.out[-1].companies)  # "In addition, a rate of 2 Gbit/s was achieved": the last event's companies
    elif view.first_person and view.dominant:
        implicit = view.dominant
        if before_named is not None and _third_person(sent):
            implicit = _main_company(*before_named, view.dominant, view.dominant)
    return implicit, [implicit] if implicit else []


def _sentence_date(sentence: _Sentence, reading: _Reading):
    """The DATE expressions of a sentence and the date chosen for its event (None when it names none)."""
    view, span, sent = sentence.view, sentence.span, sentence.text
    dct = view.dct
    sentence_dates = [t for t in view.timexes if span.start <= t[0] and t[1] <= span.end]
    lead = _DATELINE_LEAD.match(sent)
    if lead and dateline(sent):
        sentence_dates = [t for t in sentence_dates if t[0] >= span.start + lead.end()]
    chosen = _choose_date(view.text, span, sentence_dates, dct, view.basis)
    if chosen is None and dct is not None and _RECENT.search(sent) and not sentence_dates:
        # "recently", "a recent test": the year of the report
        hit = _RECENT.search(sent)
        chosen = (PartialDate.parse(str(dct.year)), hit.group(0))
    elif chosen is None and dct is not None and not sentence_dates and (under_way := _UNDER_WAY.search(sent)):
        # "is being sued", "has just been blocked": happening as the text is written, its "now"
        chosen = (value_date("PRESENT_REF", dct, view.basis), under_way.group(0))
    if chosen is not None and reading.last_any_date is not None and _LATER_THAT_YEAR.fullmatch(chosen[1].strip()):
        chosen = (_later_that_year(reading.last_any_date[0], chosen[0]), chosen[1])
    return sentence_dates, chosen


def _remember_date(sentence: _Sentence, reading: _Reading, chosen) -> None:
    """Keep a sentence's date for the sentences after it that name none."""
    if reading.first_sentence:
        # "We recently reported ...": a year inferred from the publication dates no sentence after it
        reading.lead_date = None if chosen is not None and _RECENT.fullmatch(chosen[1].strip()) else chosen
        reading.first_sentence = False
    if chosen is not None:
        when, when_text = chosen
        reading.last_para_date = (_date_scope(sentence.view.text, sentence.span.start, sentence.para), when, when_text)
        reading.last_any_date = (when, when_text)


def _tells_no_event(sentence: _Sentence, chosen, dated: bool, is_lead: bool) -> bool:
    """Whether a sentence naming a company is of a kind that tells no event (a standing fact, a view, ...)."""
    view, sent, start, mentions = sentence.view, sentence.text, sentence.span.start, sentence.mentions
    # "now", "currently" date nothing: "The board now includes ..." tells how things stand
    standing_only = not _names_its_date(chosen) and all(t[3] == "PRESENT_REF" for t in sentence.dates)
    if standing_only and _STANDING.match(sent):
        return True  # "Currently, we cooperate with 200 partners", "At present, X has teamed up with 20": a standing fact
    if not dated and not is_lead and not re.search(r"\bto date\b", sent) and descriptive_follow_up(sent):
        return True
    if not sentence.dates and recalled_background(sent):
        return True
    if _reports_on_no_company(sent, start, mentions):
        return True
    if _TABLE_RESIDUE.search(sent) or (view.capitalised_text and sent[:1].islower()):
        return True
    if view.first_person and sentence.bullet and _area_label(sent):
        return True  # "• Integration of data assets: Based on ...": a report's area of work described
    if not_event_cue(sent) or _quoted_view(sent, start, mentions):
        return True  # commentary, a continuing effort, a lead-in, a person's view: no event
    # "The platform serves as ...", "X is challenged by Y": how things stand, no event
    return standing_only and not view.lowercase_text and present_state(sent)


def _undated_sentence_date(sentence: _Sentence, reading: _Reading, figure: bool) -> tuple[PartialDate, str]:
    """The date of an event whose sentence names none: from the paragraph, the article or the text before."""
    view, sent = sentence.view, sentence.text
    dct = view.dct
    scope = _date_scope(view.text, sentence.span.start, sentence.para)
    when, when_text = _default_date(scope, reading.last_para_date, dct, view.basis, view.covered_year, sent, reading.lead_date)
    if figure and reading.last_any_date is not None and not EVENT_VERB.search(sent):
        # a table row or ranking line: dated by the heading of its table
        when = reading.last_any_date[0]
    elif dct is not None and when.known and when.start <= dct and _AFTER_THAT.search(sent):
        when = _spanning(when.start, dct) or when  # "He subsequently deleted the post": by publication
    return when, when_text


def _sentence_main(sentence: _Sentence, reading: _Reading, names: list[str], implicit: str | None) -> str:
    """The company that acts in a sentence."""
    view, sent, person = sentence.view, sentence.text, sentence.person
    same_para = reading.last_subject_para == sentence.para
    pronoun_ref = view.dominant if view.first_person else (reading.last_subject if same_para else None)
    if implicit is not None and view.first_person:
        pronoun_ref = implicit  # "It has established ..." after a sentence about a subsidiary
    main = _main_company(sent, sentence.span.start, sentence.mentions, names, pronoun_ref,
                         view.dominant if view.first_person else None)
    if person is not None and _is_subject(sent, person):
        main = view.people_of[person]  # "He posted photos with David Li, chairman of YY": He's company, not YY
    elif reading.last_subject is not None and same_para and _SUBJECTLESS_TIE.match(sent):
        main = reading.last_subject  # "China Telecom launched X. Cooperate with NetEase on Y": a translation drops the subject
    return main


def _told_before(sentence: _Sentence, out: list[_Candidate], kind: str, chosen,
                 when: PartialDate) -> tuple[_Candidate | None, bool]:
    """The event just reported when this sentence only tells more of it (so is another source of it), and
    whether the sentence gives that event its date."""
    if not out:
        return None, False
    view, span, sent = sentence.view, sentence.span, sentence.text
    # the act just reported: of the last sentence that told any, the one whose date the follow-up fits
    previous = next((c for c in reversed(out) if c.start == out[-1].start and _compatible(c.date, when)), None)
    if (previous is not None and not _dates_an_act(sentence.dates, view.dct, view.basis)
            and _follows_up(sent, span.start, sentence.mentions, kind, previous)):
        return previous, False
    told = out[-1]
    if (not told.date_text and chosen is not None and kind in (told.type, "statement")
            and not view.text[told.end : span.start].strip() and _ACT_DATED_AFTER.match(sent)):
        return told, True  # "X has sued Y ... The suit was filed last Thursday": the day of the act just told, undated there
    if (previous is not None and view.first_person and not sentence.mentions and not sentence.dates
            and not view.text[previous.end : span.start].strip() and extent_follow_up(sent)):
        # "We optimised the store workflow in pilot stores. The new workflow has been implemented at
        # over 1,000 stores.": the extent of the act just reported, another source of it (naming no
        # company, it speaks of whoever did that act)
        return previous, False
    return None, False


def _other_dated_facts(sentence: _Sentence, out: list[_Candidate], companies: list[str], when: PartialDate,
                       when_text: str) -> bool:
    """One sentence, several facts: the events the other dates of the sentence name ("launched in 2012 and
    currently supports"), added to ``out``. True when one of them is the sentence's only fact."""
    view, span, sent, text = sentence.view, sentence.span, sentence.text, sentence.view.text
    dct = view.dct
    only_fact = False
    seen_values = {when.value}
    for start, end, surface, value in sentence.dates:
        other = value_date(value, dct, view.basis)
        if other is None or other.value in seen_values or _COMPARISON.search(surface):
            continue
        before = text[max(span.start, start - 40) : start]
        if _SOURCE_DATE_BEFORE.search(before):
            continue
        if value == "PRESENT_REF" and _CITED_FIGURES_BEFORE.search(text, span.start, start):
            continue  # "cited figures from 2016, indicating it currently is No.4": the present of those figures
        if dct is not None and other.start > dct:
            continue  # a plan or a forecast ("to $1 trillion by 2020")
        if _RESULTS_ON_AFTER.match(text, end):
            continue  # "fourth-quarter earnings on Feb. 1": the period the results cover, reported that day
        if _day_results_were_told(text, span, start):
            continue  # "told analysts on Tuesday that its revenue rose ... in the third quarter": no act of its own
        if when.known and _compatible(other, when):
            continue  # "in June 2016 ... in 2016": one fact
        if _BASELINE_BEFORE.search(before) and not _BASELINE_FIGURE_BEFORE.search(before):
            continue  # "up 22% from 2016", "since 2015", "than in 2016": a baseline or a span
        if _FIRST_SINCE_BEFORE.search(before):
            continue  # "its first new deal in that market since 2015": the last such act, not told
        if _market_count_at(sent, span.start, sentence.mentions, start - span.start, end - span.start):
            continue  # "X reported that at the end of 2016 the number of subscribers in China had increased"
        seen_values.add(other.value)
        just_before = text[max(span.start, start - 25) : start]
        if re.search(r"\b(?:established|founded|set up|incorporated|created)\s+(?:in|on)?\s*$", just_before, re.I):
            kind_here = "other"
        else:
            kind_here = dated_fact_type(sent, start - span.start, end - span.start)
        out.append(sentence.candidate(companies, kind_here, other, surface))
        if not when_text and _SINCE_BEFORE.search(text[max(span.start, start - 12) : start]):
            # "has been operating a data centre in Singapore since August 2015": the one fact is the one
            # its date names; the sentence names no other date for an event of its own
            only_fact = True
    return only_fact


def _further_acts(sentence: _Sentence, companies: list[str], kind: str, figure: bool, when: PartialDate,
                  when_text: str) -> list[_Candidate]:
    """One sentence, several acts of the same date: more clauses, partners, awards, companies with figures."""
    span, sent, mentions = sentence.span, sentence.text, sentence.mentions
    main = companies[0]
    acts: list[_Candidate] = []
    # "set up a lab with Intel and launched 5 products"
    kinds = {kind}
    for at, kind2 in second_clauses(sent):
        if kind2 in kinds or kind2 in ("other", "statement"):
            continue
        kinds.add(kind2)
        tail = [m.name for m in mentions if m.start - span.start >= at]
        clause = re.split(r"[,;]", sent[at:], maxsplit=1)[0]
        acts.append(sentence.candidate([main] + [n for n in tail if n != main], kind2, when, when_text, f"{main} {clause}"))
    if kind == "partnership":
        for at, clause in further_partners(sent):
            partners = [m.name for m in mentions if m.start - span.start >= at and m.name != main]
            if partners:
                acts.append(sentence.candidate([main] + partners, kind, when, when_text, f"{main} cooperated {clause}"))
    # a list of awards: one event per award ("was awarded A by X, B by Y and C by Z")
    if kind == "award":
        for item in award_items(sent)[1:]:
            acts.append(sentence.candidate(companies, kind, when, when_text, f"{main} received {item}"))
    # a list of companies each with its own figure ("Microsoft ($1.4bn, 7.6%), IBM (...)",
    # "A's store sold 13353 phones, B ranked second selling 1916 phones"), also in a sentence whose
    # main clause has another type ("the top three suppliers ... were up 3.7 points, while Samsung lost ...")
    # the figures of a deal ("bought a 20% stake in Y for 300 million yuan") are its terms: Y has none of its own
    if (kind == "market_data" or figure) and kind not in ("acquisition", "investment"):
        with_figures = _figure_holders(sentence.view.text, span, mentions)
        if len(with_figures) >= 2:
            for name, piece in with_figures.items():
                if name != main and not _same_family(sentence.view.registry, name, main):
                    acts.append(sentence.candidate([name] + [n for n in companies if n != name], "market_data", when,
                                                   when_text, piece))
    return acts


# "higher than the China Mobile number": a company named as the baseline of a comparison has no figure of its own
_COMPARED_BEFORE = re.compile(r"\b(?:than|compared (?:with|to)|versus|vs\.?)\s+(?:the\s+|that of\s+)?$", re.I)


def _acting_mentions(text: str, sent: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions of a sentence that name a company, not the service people use ("WeChat users have
    been arrested"); with a figure ("WeChat users reached 1 billion") the count is the company's."""
    if _FIGURE.search(sent):
        return mentions
    return [m for m in mentions if not _PLATFORM_NOUN_AFTER.match(text, m.end)]


def _figure_holders(text: str, span: Span, mentions: list[Mention]) -> dict[str, str]:
    """The companies of a sentence each followed by a figure of its own, with the piece of text that gives it."""
    with_figures: dict[str, str] = {}
    for i, m in enumerate(mentions):
        stop = mentions[i + 1].start if i + 1 < len(mentions) else span.end
        tail = text[m.end : min(stop, span.end, m.end + 60)]
        if _COMPARED_BEFORE.search(text[max(span.start, m.start - 20) : m.start]):
            continue
        if (_FIGURE.search(tail[:45]) or _COUNT.search(tail)) and m.name not in with_figures:
            with_figures[m.name] = re.split(r"[;]", text[m.start : stop])[0].strip(" ,;–-")
    return with_figures


def _same_family(registry, name: str, other: str) -> bool:
    """Whether one company is a unit of the other ("Alibaba" next to "Aliyun" in a ranking is the same entry)."""
    return name in registry.family(other) or other in registry.family(name)


_PERSON_NAME = r"([A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})"
# a person tied to the company named right after: "He Xiaopeng, the co-founder and chairman of electric car
# start-up Xiaopeng Motors", "Wang, a graduate of X, founded online video service Qvod"
_PERSON_OF_COMPANY = (
    re.compile(_PERSON_NAME + r",\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,2}(?:co-founder|founder|chairman|chairwoman|"
               r"chief executive|CEO|CFO|CTO|SVP|EVP|VP|vice president|president|owner)(?:\s+and\s+[\w\s-]{0,30})?\s+of\s+(?:[\w-]+\s+){0,4}$"),
    re.compile(_PERSON_NAME + r"(?:,[^,]{1,80},)?\s+(?:co-)?founded\s+(?:[\w-]+\s+){0,4}$"),
)
# "Alibaba chairman Jack Ma", "the unicom chairman chang xiaobing" (a translation in lower case): the company's
# chief, named after the title
_COMPANY_ROLE_PERSON = re.compile(r"\s+(?:chairman|chairwoman|CEO|chief executive|president|founder|co-founder)\s+"
                                  r"((?:[A-Z][a-z]+|[a-z]{2,})\s+(?:[A-Z][a-z]+|[a-z]{2,}))\b")
_NOT_NAME_WORDS = {"and", "or", "of", "the", "a", "an", "to", "in", "on", "at", "for", "with", "said", "says", "is", "was",
                   "has", "had", "will", "would", "also", "who", "that", "which"}
# "He", "She", "The controversial internet entrepreneur": the person the text last spoke of
_HE_SHE = re.compile(r"^(?:He|She|The\s+(?:[\w-]+\s+){0,4}?(?:entrepreneur|businessman|businesswoman|billionaire|tycoon))\b")


def _people_companies(text: str, spans: list[Span], known: list[Mention]) -> dict[str, str]:
    """The people of an article tied to a company (its founder, its chief), by full name and by each
    part of it ("Wang Xin", "Wang"), so that a later "Wang" or "He" stands for that company."""
    people: dict[str, str] = {}
    starts = [span.start for span in spans]
    for m in known:
        at = bisect_right(starts, m.start) - 1
        if at < 0:
            continue
        before = text[max(starts[at], m.start - 160) : m.start]
        found = [match.group(1) for match in (pattern.search(before) for pattern in _PERSON_OF_COMPANY) if match]
        titled = _COMPANY_ROLE_PERSON.match(text, m.end)
        if titled and not _NOT_NAME_WORDS.intersection(titled.group(1).lower().split()):
            found.append(titled.group(1))
        for name in found:
            parts = name.split()
            for key in dict.fromkeys([name, parts[0], parts[-1]]):
                people.setdefault(key, m.name)
                people.setdefault(key.title(), m.name)  # "wang xiaochu" of a lower-case translation is "Mr Wang"
    return people


def _person_named(sent: str, people_of: dict[str, str], last_person: str | None) -> str | None:
    """The person of ``people_of`` a sentence speaks of: "He"/"She" as its subject (the person the text last
    spoke of), else the one named as its subject ("Wang founded", "said He Xiaopeng"), else the first named."""
    lead = _LEAD.sub("", sent.strip())
    if _HE_SHE.match(lead) and last_person is not None:
        return last_person
    # a name not in the sentence has no match: test that first, not a regex for every person of the article
    named = sorted((match.start(), -len(key), key) for key in people_of if key in sent
                   for match in re.finditer(r"\b" + re.escape(key) + r"\b", sent))
    if not named:
        return None
    for at, _, key in named:
        if sent.startswith(key, len(sent) - len(lead)) or re.search(r"\bsaid\s+$", sent[:at]):
            return key
    return named[0][2]


_SPEAKER_PRONOUN = re.compile(r"\b(?:it|its|they|their|we|our|the company|the firm|the group|the companies)\b", re.I)


def _reports_on_no_company(sent: str, base: int, mentions: list[Mention]) -> bool:
    """"ZTE added that China started to build the test program", "Equinix noted that the market is forecast
    to grow": what a company said about something no company did, without a figure, is context, not an event."""
    about = reported_subject(sent)
    if about is None or _FIGURE.search(sent, about[0]):
        return False
    subject = sent[about[0] : about[1]]
    return not _SPEAKER_PRONOUN.search(subject) and not any(about[0] <= m.start - base < about[1] for m in mentions)


_SAID = re.compile(r"\b(?:said|says|stated|told|commented|added)\b")


def _market_count_at(sent: str, base: int, mentions: list[Mention], start: int, end: int) -> bool:
    """Whether the clause of the date at ``start:end`` tells a count of a whole market, naming no company:
    a figure the speaker reports, part of its report, no fact of a company of its own."""
    begin, stop = fact_clause(sent, start, end)
    return market_count(sent[begin:stop]) and not any(begin <= m.start - base < stop for m in mentions)


def _dates_an_act(sentence_dates, dct: date | None, basis: str | None) -> bool:
    """Whether a sentence names a date an act of its own could have: not "now" or "these days", nor a date
    after publication ("The trial will begin in the first quarter of 2018, X said": a plan)."""
    for _, _, _, value in sentence_dates:
        if value in ("PRESENT_REF", "FUTURE_REF"):
            continue
        when = value_date(value, dct, basis)
        if when is None or dct is None or when.start <= dct:
            return True
    return False


# "it sold 120,000 units on the first day": the sales of a product, a market figure of their own
_UNITS_SOLD = re.compile(r"\b(?:sold|shipped)\s+(?:about\s+|over\s+|more than\s+)?\d[\d.,]*\s*(?:million\s+)?"
                         r"(?:units|phones|handsets|devices|vehicles|cars)\b", re.I)


def _follows_up(sent: str, base: int, mentions: list[Mention], kind: str, previous: _Candidate) -> bool:
    """Whether a sentence naming no date of its own only attributes or elaborates the act just reported
    ("ZTE recently announced it had implemented X. ZTE stated that it had migrated 60 million users",
    "Acme also claimed 78% ...", "The company noted that ...", "In its statement, Acme said ..."): its speaker
    is the company of that act, or it is the quotation that words the statement just reported; it tells no
    other kind of act. Such a sentence is another source of that act."""
    if kind not in ("statement", previous.type) or (previous.type == "product_launch" and _UNITS_SOLD.search(sent)):
        return False
    if _OPEN_QUOTE.match(sent) and previous.type == "statement":
        return True  # "This week, Li bemoaned a lack of privacy. “There’s no privacy,” Li said at a forum."
    speaker = speaker_span(sent)
    if speaker is None:
        return False
    said_by = [m.name for m in mentions if speaker[0] <= m.start - base < speaker[1]]
    if said_by:
        # not its customer's "separate statement"; but a party to the act that speaks of "the money", "the
        # deal" speaks of that act ("X invested in Y. Y said the money will fund ...")
        return said_by[0] == previous.companies[0] or (said_by[0] in previous.companies and _THE_ACT.search(sent) is not None)
    return _SPEAKER_PRONOUN.fullmatch(sent[speaker[0] : speaker[1]].strip()) is not None


def _company_statement(sent: str, base: int, mentions: list[Mention], person: str | None) -> bool:
    """Whether the sentence is what a company, or its founder or chief, said ("Tencent said that the company
    did not store chat history and would never use it", "“...,” said He Xiaopeng"): a statement, even of
    intent, where the same words from analysts would only be a possibility reported."""
    said = _SAID.search(sent)
    if said is None:
        return False
    if person is not None and (_speaker_after(sent, said, person) or _is_subject(sent, person)):
        return True
    span = subject_span(sent)
    return span is not None and any(span[0] <= m.start - base < span[1] for m in mentions)


# a report bullet's label, a noun phrase and a colon before its text ("Monetisation of data: Opening up ...")
_AREA_LABEL = re.compile(r"[A-Z][a-z]+(?:\s+[a-z]+){1,6}:\s+\S")


def _area_label(sent: str) -> bool:
    """Whether a bullet opens with the label of an area of work, not with a verb of something done."""
    label = _AREA_LABEL.match(sent.strip())
    return label is not None and PAST_CUE.search(label.group(0)) is None


# "X is working with Y to ...": a tie under way between two named companies is news, not a standing state
_WORKING_WITH = re.compile(r"\b(?:is|are)\s+(?:now\s+|also\s+)?(?:working|partnering|cooperating|collaborating|teaming up)\s+with\s+$")


def _working_with(sent: str, base: int, mentions: list[Mention]) -> bool:
    """True when a company named in ``sent`` is said to be working (partnering, ...) with another named company."""
    return any(_WORKING_WITH.search(sent[: m.start - base]) for m in mentions[1:])


def _is_bullet(text: str, span: Span) -> bool:
    """Whether the sentence is an item of a bulleted list (the bullet is left out of the sentence)."""
    return bool(_BULLET.search(text, max(0, span.start - 12), span.start))


def _told_by_another(sent: str, person: str) -> bool:
    """Whether someone else says it of the person ("A report by Global Times said Wang showed remorse"):
    a third party's account, not an act of the person's company."""
    said = _SAID.search(sent)
    if said is None or re.search(r"\b" + re.escape(person) + r"\b", sent[: said.start()]):
        return False
    return not _speaker_after(sent, said, person)


def _only_possessive(sent: str, person: str) -> bool:
    """Whether the sentence names the person only as an owner ("Wang’s wife thanked Wang’s supporters"):
    someone close to the person acts, not the person or their company."""
    named = list(re.finditer(r"\b" + re.escape(person) + r"\b", sent))
    return bool(named) and all(sent[m.end() : m.end() + 2] in ("'s", "’s") for m in named)


def _speaker_after(sent: str, said: re.Match, person: str) -> bool:
    """Whether the person is the speaker named after the verb ("..., said He Xiaopeng, the co-founder"),
    not the subject of what was said ("said Wang showed remorse")."""
    return bool(re.match(r"\s+" + re.escape(person) + r"(?:\s+[A-Z][a-z]+)*\s*(?:[,.;]|$)", sent[said.end() :]))


def _is_subject(sent: str, person: str) -> bool:
    """Whether the person (or "He"/"She" standing for them) is the subject of the sentence's event clause."""
    span = subject_span(sent)
    if span is None:
        return False
    subject = sent[span[0] : span[1]]
    return bool(re.search(r"\b" + re.escape(person) + r"\b", subject) or _HE_SHE.match(subject.strip()))


_OPEN_QUOTE = re.compile(r"^\W{0,3}?[“\"]")


def _names_its_date(chosen) -> bool:
    """Whether the date chosen for a sentence is one the sentence names (not "now")."""
    return chosen is not None and bool(chosen[1]) and not re.fullmatch(r"(?i)(?:right\s+)?now|currently|at present", chosen[1].strip())


def _quoted_view(sent: str, base: int, mentions: list[Mention]) -> bool:
    """A sentence that opens with a quotation whose companies are all inside the quote, the speaker
    outside it naming none ("“We see upside for YouTube,” the analyst said"): a person's words about
    companies, not something a company did."""
    opened = _OPEN_QUOTE.match(sent)
    if not opened or not mentions:
        return False
    close = re.search(r"[”\"]", sent[opened.end():])
    if close is None:
        return False
    end = opened.end() + close.start()
    if sent[end - 1 : end] not in (",", ".", "!", "?"):
        return False  # a name in quotes ("“Smart River Chief” platform"), not words spoken
    return all(m.end - base <= end for m in mentions)


_AUTHOR_CACHE: dict[int, tuple[str, str | None]] = {}


def _third_person(sent: str) -> bool:
    """In a company's report, whether a sentence that names no company speaks of something else than
    the report's "we": not "we"/"our", not a subjectless line ("Launched 95 products"), so its subject
    ("It", "The number of partner banks") continues the sentence before."""
    return not _WE.search(sent) and not _BARE_VERB_START.match(sent.strip().lstrip("•‧-–* "))


def _report_author(text: str, finder: CompanyFinder) -> str | None:
    """The company a whole document speaks for as "we" (a company report), if any."""
    key = id(text)
    cached = _AUTHOR_CACHE.get(key)
    if cached is not None and cached[0] is text:
        return cached[1]
    counts = Counter(m.name for m in finder.known(text))
    cover = _cover_author(text)
    author = finder.registry.canonical(cover) if cover is not None else None
    if author is None and counts:
        name, count = counts.most_common(1)[0]
        if len(_WE.findall(text)) >= 5 and count >= 10 and count >= 0.5 * sum(counts.values()):
            author = name
    _AUTHOR_CACHE.clear()
    _AUTHOR_CACHE[key] = (text, author)
    return author


# a report's cover: among its first lines the report's title ("Annual Report 2017") and its author's name
# with a legal form, on a line of its own or before that title ("Acme Networks Limited", "ACME NETWORKS
# LIMITED ANNUAL REPORT 2017"); a legal form may be in capitals there, not in running text
_REPORT_KIND = r"(?:annual|interim|sustainability|ESG|corporate social responsibility|CSR)\s+report"
_REPORT_TITLE = re.compile(r"\b" + _REPORT_KIND + r"\b", re.I)
_COVER_LEGAL = r"(?i:limited|ltd\.?|inc\.?|incorporated|corporation|corp\.?|plc|berhad|bhd\.?)"
# one legal form or a chain of them ("Corporation Limited"), all left out of the name
_COVER_NAME = re.compile(r"((?:[A-Z][\w&'’.-]*\s+){1,5}?)" + _COVER_LEGAL + r"(?:\s+" + _COVER_LEGAL + r")*"
                         r"\s*(?:$|(?i:" + _REPORT_KIND + r")(?:\s+\d{4})?\s*$)")
_COVER_LINES = 6


def _cover_lines(text: str) -> list[str]:
    """The first lines of a text with words on them: where a report's cover names its title and author."""
    return [line.strip() for line in text[:2000].splitlines() if line.strip()][:_COVER_LINES]


@lru_cache(maxsize=4)
def _cover_author(text: str) -> str | None:
    """The company a report speaking as "we" names as its author on its cover (see ``_COVER_NAME``),
    without its legal form ("Acme Networks"); None for other texts."""
    if len(_WE.findall(text)) < 5:
        return None
    cover = _cover_lines(text)
    if not any(_REPORT_TITLE.search(line) for line in cover):
        return None
    found = next((m for m in map(_COVER_NAME.match, cover) if m), None)
    if found is None:
        return None
    name = " ".join(found.group(1).split())
    return name.title() if name.isupper() else name


_COVER_YEAR = re.compile(r"\b(?:(?P<before>(?:19|20)\d\d)\s+" + _REPORT_KIND + r"|" + _REPORT_KIND +
                         r"\s+(?P<after>(?:19|20)\d\d))\b", re.I)


@lru_cache(maxsize=4)
def _cover_year(text: str) -> int | None:
    """The year a report's cover titles it for ("Annual Report 2018", "2018 Sustainability Report"): the
    year its months and quarters without one fall in when the text has no publication date."""
    cover = _cover_lines(text)
    found = next((m for m in map(_COVER_YEAR.search, cover) if m), None)
    return int(found.group("before") or found.group("after")) if found else None


def _ordered_names(sent: str, base: int, mentions: list[Mention]) -> list[str]:
    names: list[str] = []
    for m in mentions:
        if m.name not in names:
            names.append(m.name)
    return names


_PRONOUN_ONLY = re.compile(r"\s*(?:we|it|they|the company|the group|the firm|the operator|the carrier|the vendor)?\s*", re.I)
_MODIFIER_AFTER = re.compile(r"-(?:parent|owned|backed|based|led)\b")


def _main_company(sent: str, base: int, mentions: list[Mention], names: list[str], pronoun_ref: str | None = None,
                  author: str | None = None) -> str:
    """The subject: the company named in the subject of the event clause (the head of "Alibaba's Aliyun
    unit", the actor of a reported act), "we"/"it" the company the text speaks of; else the first
    company named before the verb, skipping "Google-parent"-style modifiers."""
    span = subject_span(sent)
    if span is not None:
        s0, s1 = span
        inside = [m for m in mentions if s0 <= m.start - base and m.end - base <= s1
                  and not _MODIFIER_AFTER.match(sent[m.end - base : m.end - base + 8])]
        for i, m in enumerate(inside):
            if sent[m.end - base : m.end - base + 2] in ("'s", "’s") and i + 1 < len(inside):
                continue  # "Alibaba's Aliyun cloud unit": the head is Aliyun
            return m.name
        subject = sent[s0:s1]
        if not inside and _PRONOUN_ONLY.fullmatch(subject):
            ref = author if not subject.strip() else pronoun_ref
            if ref is not None:
                return ref
    for m in mentions:
        after = sent[m.end - base : m.end - base + 8]
        if re.match(r"-(?:parent|owned|backed|based|led)\b", after):
            continue
        before = sent[max(0, m.start - base - 30) : m.start - base]
        # "a subsidiary of X", "with X", "from X" : X is not the actor when something came before
        if re.search(r"\b(?:of|with|from|by|to|for|between|and|including)\s+(?:the\s+)?$", before) and m is not mentions[-1]:
            if any(o.start < m.start for o in mentions):
                continue
        return m.name
    return names[0]


def _choose_date(text: str, span: Span, found, dct, basis):
    """The date of the event of a sentence: its temporal expression that is not an aside."""
    usable, speech_days = [], []
    for start, end, surface, value in found:
        before = text[max(span.start, start - 40) : start]
        if _ASIDE_BEFORE.search(before) or _BASELINE_FIGURE_BEFORE.search(before):
            continue  # "established in 2012", "up from 2016", "from 71% in Q4 2015": dates something else
        if _SOURCE_DATE_BEFORE.search(before):
            continue  # "a Fortune article of January 24th": the date of the cited report
        if _COMPARISON.search(surface) and not _opens_sentence(text, span, start, end):
            continue
        partial = value_date(value, dct, basis)
        if partial is None:
            continue
        if _RESULTS_DAY_BEFORE.search(before):
            return partial, surface  # "reports fourth-quarter earnings on Feb. 1": the day of the report, even ahead
        dated = (partial, surface, bool(_PERIOD_END_BEFORE.search(before)))
        if _day_results_were_told(text, span, start):
            speech_days.append(dated)  # "told analysts on Tuesday that its revenue rose ... in the third quarter"
        else:
            usable.append(dated)
    if dct is not None:
        # a date after publication is a plan; the event is the one the text reports as done
        usable = [u for u in usable if u[0].start <= dct]
    # results are dated by the period they cover; the day they were told only when the sentence names no period
    usable = usable or speech_days
    return _narrowed(usable) if usable else None


def _opens_sentence(text: str, span: Span, start: int, end: int) -> bool:
    """Whether a date opens its sentence as an adverbial ("A week earlier, it had completed ..."): it dates
    the act told after it, counted from the date told before, not a figure's baseline ("up 5% from a year earlier")."""
    return not text[span.start : start].strip() and text[end : end + 1] == ","


# "said on Tuesday", "told analysts on Tuesday": the day a company spoke
_SPEECH_DAY_BEFORE = re.compile(r"\b(?:said|says|told\s+(?:analysts|reporters|investors|journalists|shareholders)|"
                                r"announced|disclosed)\s+(?:on\s+)?$", re.I)
# a financial result with its figure ("service revenue rose 2.1% to S$196.3 million")
_RESULTS_FIGURE = re.compile(r"\b(?:revenues?|sales|(?:net|operating|pre-tax)\s+(?:income|profit|loss)|profits?|earnings|"
                             r"EBITDA?)\b[^.;]{0,40}?\b(?:rose|fell|grew|climbed|jumped|slipped|dropped|declined|increased|"
                             r"decreased|was|were|of)\b", re.I)


def _day_results_were_told(text: str, span: Span, start: int) -> bool:
    """Whether the date at ``start`` is the day a company told the results its sentence reports."""
    return bool(_SPEECH_DAY_BEFORE.search(text, max(span.start, start - 40), start)) and \
        _RESULTS_FIGURE.search(span.text) is not None


# "reports fourth-quarter earnings on Feb. 1": the day a company gives its results, not the period they cover
_RESULTS_DAY_BEFORE = re.compile(r"\b(?:reports?|posts?|releases?|announces?|publishes)\s+(?:its\s+)?(?:[\w-]+\s+){0,2}"
                                 r"(?:earnings|results)\s+on\s+$", re.I)
_RESULTS_ON_AFTER = re.compile(r"\s*(?:[\w-]+\s+)?(?:earnings|results)\s+on\b", re.I)
# "the quarter ended March 31, 2017": the day closes the period the sentence is about
_PERIOD_END_BEFORE = re.compile(r"\b(?:ended|ending|ends)\s+(?:on\s+)?$", re.I)


def _narrowed(usable):
    """The first date of a sentence, or a later one that lies within it and is finer: "in 2012,
    on Double 11" names one day of 2012; not the day that closes it ("the quarter ended March 31")."""
    first = usable[0][:2]
    for when, surface, closes_period in usable[1:]:
        if closes_period:
            continue
        if first[0].start <= when.start and when.end <= first[0].end and _finer(when, first[0]):
            first = (when, surface)
    return first












_ITEM_LINE = re.compile(r"[ \t\u00a0]*[•‧·▪●◦■□*–-][ \t\u00a0]+\S")


def _date_scope(text: str, start: int, para: int) -> int:
    """How far a date named in the sentence at ``start`` carries: through its paragraph, or, on a
    bulleted line, through that list item only (the line's offset), not into the items after it."""
    line_start = text.rfind("\n", 0, start) + 1
    return line_start if _ITEM_LINE.match(text, line_start) else para




def _covered_year(timexes, dct: date | None) -> int | None:
    """The year a report covers: the year it names most, when that is before its publication."""
    years = Counter()
    for _, _, _, value in timexes:
        match = re.match(r"^(\d{4})", value)
        if match:
            years[int(match.group(1))] += 1
    if not years or dct is None:
        return None
    year, count = years.most_common(1)[0]
    if count >= 5 and year < dct.year and count >= 0.6 * sum(years.values()):
        return year
    return None


def _default_date(scope: int, last_para_date, dct: date | None, basis: str | None, covered_year: int | None, sent: str,
                  lead_date=None):
    """The date of an event whose sentence names none.

    The date the paragraph last named, else the date of the article's lead sentence (bullets
    and follow-up sentences report what the lead reports), else the year a report covers, else
    the day the text dates itself. A publication date known only from outside the text dates
    nothing the text does not date itself.
    """
    if last_para_date is not None and last_para_date[0] == scope:
        return last_para_date[1], ""
    if lead_date is not None:
        return lead_date[0], ""
    if covered_year is not None:
        return PartialDate.parse(str(covered_year)), ""
    if dct is None:
        return PartialDate.unknown(), ""
    if basis in ("text", "option"):
        return PartialDate.of_day(dct), ""
    return PartialDate.unknown(), ""


def _spanning(first: date, last: date) -> PartialDate | None:
    """The finest partial date (a week, month, quarter, half or year) holding every day from ``first``
    to ``last``: when an act took place between two known days; None when they lie in two years."""
    week = first.isocalendar()
    quarter, half = (first.month - 1) // 3 + 1, (first.month - 1) // 6 + 1
    for value in (f"{week.year}-W{week.week:02d}", f"{first:%Y-%m}", f"{first.year}-Q{quarter}", f"{first.year}-H{half}",
                  str(first.year)):
        span = PartialDate.parse(value)
        if span.start <= first and last <= span.end:
            return span
    return None


def _later_that_year(before: PartialDate, year: PartialDate) -> PartialDate:
    """"In November 2013 ... later that year": from the date named before to the end of its year (2013-Q4)."""
    if before.start is None or not year.start <= before.start <= year.end:
        return year
    return _spanning(before.start, year.end) or year


_STOP = set(
    "a an the and or of to in on at for by with as from is are was were be been has have had it its this that these "
    "those which who will would can could also its their our we us than into over under more most such other new "
    "said says announced company".split()
)


def _content_words(sent: str, mentions: list[Mention], base: int) -> set[str]:
    cleaned = sent
    for m in sorted(mentions, key=lambda m: -m.start):
        cleaned = cleaned[: m.start - base] + " " + cleaned[m.end - base :]
    words = {w.casefold() for w in re.findall(r"[A-Za-z][\w-]+|\d[\d.,]*", cleaned)}
    return {_BRITISH_TRE.sub("ter", w)[:6] for w in words if w not in _STOP and len(w) > 2}


_BRITISH_TRE = re.compile(r"(?<=[a-z])tre(?=s?$)")  # "centre", "centres": one word with "center"


def _people(sent: str) -> list[str]:
    found = []
    for pattern in (_PERSON_ROLE, _PERSON_SAID, _HONORIFIC):
        for match in pattern.finditer(sent):
            name = match.group(1).strip()
            if name.split()[0] in {"The", "A", "An", "In", "On", "China", "Chinese"}:
                continue
            if name not in found:
                found.append(name)
    return found


def _compatible(a: PartialDate, b: PartialDate) -> bool:
    if not a.known or not b.known:
        return True
    return not (a.end < b.start or b.end < a.start)


# "• Upgraded our hotline service. The call-through rate stood at 87%.": a report's bullet that opens
# with a subjectless verb in the past names the act its next sentence tells in detail
_HEAD_VERB = re.compile(r"^[A-Z][a-z]+ed\b")


def _heads_into_details(text: str, cands: list[_Candidate]) -> list[_Candidate]:
    """A bullet's heading sentence and the sentence right after it on its line are one event: the detail's,
    told with the heading as a second source."""
    out: list[_Candidate] = []
    for cand in cands:
        head = out[-1] if out else None
        if head is not None and _is_heading_of(text, head, cand):
            out.pop()
            _absorb(cand, head)
        out.append(cand)
    return out


def _is_heading_of(text: str, head: _Candidate, detail: _Candidate) -> bool:
    return (
        head.article is detail.article
        and head.companies[0] == detail.companies[0]
        and _compatible(head.date, detail.date)
        and _HEAD_VERB.match(head.quote) is not None
        and _HEAD_VERB.match(detail.quote) is None  # "Participated in A. Submitted B.": acts in a row
        and _is_bullet(text, Span(head.start, head.end, head.quote))
        and head.end < detail.start
        and text[head.end : detail.start].strip(" \t") == ""
    )


# a product or project named in quotes ("launched a service called “Wanjia Video”"), not a quoted remark
_QUOTED_NAME = re.compile(r"[“\"]([A-Z][^”\"]{1,40})[”\"]")
_NAMED_AGAIN_WITHIN = 400  # characters: the sentences that follow a launch, not a later section


def _named_again(cands: list[_Candidate]) -> list[_Candidate]:
    """A sentence that soon after an event names the same quoted product or project again, of the same
    company, tells more of that event ("... launched “Wanjia Video”. At Xuchang, the first trial region of
    the “Wanjia Video” project, 1074 clinics joined"): it is a second source, whatever its own type."""
    out: list[_Candidate] = []
    for cand in cands:
        names = _quoted_names(cand.quote)
        earlier = next((prev for prev in reversed(out) if _tells_more_of(prev, cand, names)), None)
        if earlier is None:
            out.append(cand)
        else:
            _absorb(earlier, cand)
    return out


def _quoted_names(sent: str) -> set[str]:
    return {m.group(1).casefold() for m in _QUOTED_NAME.finditer(sent) if len(m.group(1).split()) <= 5}


def _tells_more_of(prev: _Candidate, cand: _Candidate, names: set[str]) -> bool:
    return (
        bool(names & _quoted_names(prev.quote))
        and prev.article is cand.article
        and prev.end <= cand.start <= prev.end + _NAMED_AGAIN_WITHIN
        and prev.companies[0] == cand.companies[0]
        and _compatible(prev.date, cand.date)
    )


_RETOLD_MIN = 4
_RETOLD_SHARE = 0.7


def _merge(cands: list[_Candidate]) -> list[_Candidate]:
    """One event per fact: a second report of the same fact adds a source to the first."""
    out: list[_Candidate] = []
    for cand in cands:
        for prev in out:
            if prev.type != cand.type and not _recently_retold(prev, cand):
                continue
            if any(src.offset == cand.start for src in prev.sources):
                continue  # two facts of one sentence are two events
            if prev.companies[0] != cand.companies[0] and not (
                prev.companies[0] in cand.companies and cand.companies[0] in prev.companies
            ):
                continue
            union = prev.words | cand.words
            if not union:
                continue
            overlap = len(prev.words & cand.words) / len(union)
            same_time = _compatible(prev.date, cand.date)
            if not same_time and not _verbatim_undated(prev, cand, overlap):
                continue
            if overlap >= 0.5 or (overlap >= 0.35 and prev.date.known and prev.date == cand.date) or _retold(prev, cand) \
                    or _told_again(prev, cand) or _recalled_by_aside(prev, cand):
                if not same_time and _finer(cand.date, prev.date):
                    _lead_with(prev, cand.companies[0])  # of two verbatim tellings, the finer dated tells who acted
                _absorb(prev, cand)
                break
        else:
            out.append(cand)
    return out


def _retold(prev: _Candidate, cand: _Candidate) -> bool:
    """A shorter telling of a fact whose words the longer one mostly holds (a report's summary line
    and its paragraph) is the same fact, though the longer telling adds many words of its own."""
    shorter = min(prev.words, cand.words, key=len)
    return len(shorter) >= _RETOLD_MIN and len(prev.words & cand.words) >= _RETOLD_SHARE * len(shorter)


_VERBATIM = 0.8  # share of content words two tellings of one sentence have in common


def _verbatim_undated(prev: _Candidate, cand: _Candidate, overlap: float) -> bool:
    """The same sentence told again word for word, one telling dated only by the text around it ("Earlier this
    month. X and Y announced a collaboration to ..." in a later article): one fact, whatever date that gave it."""
    return overlap >= _VERBATIM and not (prev.date_text and cand.date_text)


_RECENTLY_MIN = 3  # content words besides "recently": enough to name what was done


def _recently_retold(prev: _Candidate, cand: _Candidate) -> bool:
    """A sentence dated only by "recently" that mostly repeats the words of an earlier event of its company
    ("X announced plans to build data centres in Malaysia and Indonesia ... X recently announced a data centre
    in Malaysia"): the earlier event retold, whatever type each telling was given."""
    if cand.date_text.strip().casefold() != "recently" or prev.start >= cand.start:
        return False
    told = cand.words - {"recent"}
    return len(told) >= _RECENTLY_MIN and len(told & prev.words) >= _RETOLD_SHARE * len(told)


_TOLD_AGAIN_WITHIN = 2000  # characters: the rest of a news item, not another section of a long report


def _told_again(prev: _Candidate, cand: _Candidate) -> bool:
    """A later sentence of the same article that names no date of its own and names the object of the act again
    ("became the first vendor to conduct 26 GHz field tests ... ZTE has launched field tests designed to"):
    the same act told again, in other words (``_merge`` has checked the type, the company and the date)."""
    return (
        prev.article is cand.article
        and prev.end <= cand.start <= prev.end + _TOLD_AGAIN_WITHIN
        and not cand.date_text
        and prev.date.known
        and prev.date == cand.date
        and any(names_act_object(cand.type, pair) for pair in _word_pairs(prev.quote) & _word_pairs(cand.quote))
    )


# "Its packet-core contract with X, signed on 2 April, was ...": an act recalled as a noun, its day in an aside
_RECALLING_ASIDE = re.compile(r",\s+(?:signed|agreed|announced|awarded|struck|sealed|launched|unveiled|completed|"
                              r"opened|won)\s+(?:on\s+)?$", re.I)


def _recalled_by_aside(prev: _Candidate, cand: _Candidate) -> bool:
    """A later sentence that recalls an act of the same type, company and day as the subject of something
    else, its day in a participle aside, is that act told again (``_merge`` has checked type and company)."""
    at = cand.quote.find(cand.date_text) if cand.date_text else -1
    return (
        at > 0
        and prev.date.known
        and prev.date.precision == "day"
        and prev.date == cand.date
        and _RECALLING_ASIDE.search(cand.quote[:at]) is not None
    )


def _word_pairs(sent: str) -> set[str]:
    """Consecutive content words ("field tests"): what a sentence names, beyond single words."""
    words = [w.casefold() for w in re.findall(r"[A-Za-z][\w-]+", sent)]
    return {f"{a} {b}" for a, b in zip(words, words[1:]) if not {a, b} & _STOP and len(a) > 2 and len(b) > 2}


def _lead_with(event: _Candidate, name: str) -> None:
    """Make ``name`` the main company of ``event``."""
    if name in event.companies:
        event.companies.remove(name)
    event.companies.insert(0, name)


def _absorb(event: _Candidate, retold: _Candidate) -> None:
    """Make ``retold`` a second source of ``event``, which takes its companies, people and finer date."""
    for src in retold.sources:
        if not any(src.same_place(known) for known in event.sources):
            event.sources.append(src)
    for name in retold.companies:
        if name not in event.companies:
            event.companies.append(name)
    for person in retold.people:
        if person not in event.people:
            event.people.append(person)
    if retold.date.known and (not event.date.known or _finer(retold.date, event.date)):
        event.date = retold.date
    event.words |= retold.words


def _finer(a: PartialDate, b: PartialDate) -> bool:
    return (a.end - a.start) < (b.end - b.start)


_LEAD = re.compile(
    r"^(?:(?:In|On|At|By|As (?:of|at)|During|Since|Earlier|Later|Last|This|Recently|Meanwhile|Also|Additionally|"
    r"In addition|Furthermore|Moreover|However|Previously|Separately)\b[^,]{0,60},\s*)+"
)


def _title(cand: _Candidate, single: bool) -> str:
    if cand.title_text:
        text = " ".join(cand.title_text.split()).rstrip(" .,;")
        return text[:1].upper() + text[1:]
    if single and cand.article.title and len(cand.article.title) <= 140:
        return " ".join(cand.article.title.split())
    text = " ".join(cand.quote.split())
    lead = _DATELINE_LEAD.match(text)
    if lead and dateline(text):
        text = text[lead.end() :]  # "HELSINKI, 14 SEP 2017 (Reuters) - " is no part of the title
    text = _LEAD.sub("", text)
    text = re.sub(r"^(?:We|The Company|It)\b", cand.companies[0], text)
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    text = text.rstrip(" .")
    if len(text) > 140:
        cut = text[:140]
        stop = max(cut.rfind(", "), cut.rfind("; "), cut.rfind(" – "))
        text = (cut[:stop] if stop > 60 else cut[: cut.rfind(" ")]).rstrip(" ,;") + "…"
    return text or cand.companies[0]
