"""From news text to dated, typed company events, in visible stages.

    articles   split_articles: the articles of a document, each with its publication date
    sentences  text.sentences: verbatim sentence spans of an article's body (and its title line)
    mentions   the company mentions of the article (registry first, then names news gives companies)
    dates      tracker.temporal.tag: every temporal expression, resolved against the publication date
    events     per sentence, four learned decisions (``LinearModel``, weights in ``models/``):
               is it an event, of which type, which company acts, which date dates it
    titles     one plain line from the sentence

``read_article`` runs the stages up to the sentence views (what the trainer reads too);
``decide`` makes the decisions; ``extract`` does both for a document and returns
``tracker.model.Event`` objects and the registry rows of companies first met in it. The
registry given is not changed.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from tracker import regex_code
from tracker.ingest.articles import Article, _title_like, split_articles
from tracker.ingest.mentions import find_companies
from tracker.ingest.actors import assign_context, company_candidates, company_features, settled_main
from tracker.ingest.event_cues import deciding_cue, event_cues, news_cue
from tracker.ingest.dating import article_dates, covered_year, dates_itself, focus_period, date_candidates, date_features, named_last, news_days
from tracker.ingest.facts import told_facts, with_facts
from tracker.ingest.features import sentence_features, words_weighed
from tracker.ingest.context import referent
from tracker.ingest.kinds import context_type, trigger_trace, type_features, type_of
from tracker.ingest.linear import LinearModel
from tracker.ingest.people import people_in
from tracker.ingest.sections import boilerplate_spans
from tracker.ingest.stages import Candidate, CompanyMention, DateCandidate, SentenceView
from tracker.ingest.text import BLANKS, BULLET_MARKS, DIRECT_QUOTE, paragraphs, sentences
from tracker.ingest.triggers import Trigger, aside_span, aside_trigger, main_trigger, without_asides
from tracker.ingest.titles import aside_title, dateline_end, make_title, with_mood
from tracker.model import Event, Source
from tracker.registry import LayeredRegistry, Registry, new_company
from tracker.temporal.partial import PartialDate

# Chosen by end-to-end cross-validation on the train split (bench/cv_ingest.py, fold draws 7/1/2
# and --by-group) with the seed score, for the event model trained at rate 0.05 (bench/train_ingest.py
# SETTINGS): 0.25 / 0.30 / 0.35 gave mean F1 .773 / .772 / .771, strict .579 / .583 / .580, by group
# F1 .781 / .771 / .767, seeds F1 .864 / .879 / .879: .30 and .35 are one plateau, and .35 keeps a
# present-tense standing fact out ("Norvale Telecom operates in 12 countries and employs about 9,000
# people", p .302; GUIDELINES "Not events"). (At rate 0.3 the model was overconfident and 0.15 was best.)
# Chosen again with the event cues (data/event_cues.json) and rule clause.company of session 11:
# 0.25 / 0.30 / 0.35 / 0.40 gave mean F1 .804 / .804 / .799 / .793, strict .618 / .621 / .619 /
# .611, by group F1 .800 / .799 / .788 / -, seeds F1 - / .871 / .874 / -; at .30 the standing
# fact above has p .23 (bench/README.md "Event decision, session 11")
EVENT_THRESHOLD = 0.30


@dataclass
class Models:
    event: LinearModel
    type: LinearModel
    date: LinearModel
    company: LinearModel


@lru_cache(maxsize=1)
def shipped_models() -> Models:
    return Models(*(LinearModel.load(name) for name in ("event", "type", "date", "company")))


# ------------------------------------------------------------------------------------ stages


def company_mentions(text: str, articles: list[Article], registry) -> tuple[dict[int, list[CompanyMention]], list[dict]]:
    """The company mentions of each article (keyed by its offset) and registry rows for the
    companies the registry does not know yet (marked for review). The registry is not changed.

    Companies that ingest added and nobody has reviewed yet are not looked up, so what one
    ingest adds to the registry never changes what the next one finds (ingesting a text twice
    finds the same events); a second pass reads the text with the first pass's new companies
    known, so a short form of one ("Acacia" after "Acacia Communications Inc.") folds to it.
    """
    def find(reg) -> dict[int, list[CompanyMention]]:
        return {a.offset: find_companies(text, a.offset, a.end, reg) for a in articles}

    reviewed = Registry([row for row in registry.rows.values() if not row.get("review")])
    found = find(reviewed)
    new_rows: dict[str, dict] = {}
    for mentions in found.values():
        for m in mentions:
            if not m.known and m.name not in new_rows:
                new_rows[m.name] = new_company(m.name)
    if new_rows:
        found = find(LayeredRegistry(reviewed, list(new_rows.values())))
    for offset, mentions in found.items():
        found[offset] = [replace(m, known=m.name in reviewed.rows) for m in mentions]
    return found, [row for name, row in new_rows.items() if registry.canonical(name) is None]


def _body_start(text: str, article: Article) -> int:
    if article.title and text.startswith(article.title, article.offset) and _title_like(article.title):
        return article.offset + len(article.title)
    return article.offset


def read_article(text: str, article: Article, mentions: list[CompanyMention]) -> list[SentenceView]:
    """The sentence views of an article: its title line and body sentences, each with its company
    mentions, its dates and the company an "it" would stand for."""
    dropped: list[DateCandidate] = []  # tagged dates a rule reads as no date of an act (payment_date ...)
    dates = article_dates(text, article, dropped)
    body = _body_start(text, article)
    # a press release's profile, risk notice and contacts report no news (sections.py)
    spans = _outside_boilerplate(sentences(text, body, article.end), boilerplate_spans(text, article.offset, article.end))
    if body > article.offset:
        title_spans = sentences(text, article.offset, body)
    else:
        title_spans = []
    para_starts = {p.start for p in paragraphs(text, body, article.end)}
    covered = covered_year(dates, article.published)
    focus = focus_period(dates)
    days = news_days(dates, article.published)
    views: list[SentenceView] = []
    mentions_within, dates_within = _spans_within(mentions), _spans_within(dates)
    for index, span in enumerate([*title_spans, *spans]):
        is_title = index < len(title_spans)
        inside = mentions_within(span.start, span.end)
        # the dateline dates the story, not the act its sentence tells
        own = dates_within(span.start + dateline_end(span.text), span.end)
        own = [DateCandidate(d.kind, d.date, d.text, d.start, d.end, i, d.rule) for i, d in enumerate(own)]
        line_start = text.rfind("\n", 0, span.start) + 1
        views.append(SentenceView(
            start=span.start, end=span.end, text=span.text, index=max(0, index - len(title_spans)) if not is_title else 0,
            article=article, is_title=is_title,
            bullet=bool(_MARKED_LINE.match(text[line_start : span.start + 2])),
            paragraph_start=span.start in para_starts, mentions=inside, dates=own, covered_year=covered, focus=focus,
            news_days=days, dropped=[d for d in dropped if span.start <= d.start < span.end],
        ))
    assign_context(views, mentions)
    return views


def _outside_boilerplate(spans: list, boilerplate: list) -> list:
    """The sentences that start outside every boilerplate section."""
    if not boilerplate:
        return spans
    return [s for s in spans if not any(b.start <= s.start < b.end for b in boilerplate)]


# a line that opens with a list mark (the sentence splitter's marks; a numbered item is no bullet)
_MARKED_LINE = regex_code.compile(rf"[{BLANKS}]*[{BULLET_MARKS}][{BLANKS}]")


def _spans_within(items: list):
    """A function (start, end) -> the items (with .start and .end) that lie inside, in their
    order. Items in text order are found by bisection, so reading an article's sentences stays
    linear in its length (a scan of every item for every sentence was quadratic)."""
    starts = [item.start for item in items]
    if any(a > b for a, b in zip(starts, starts[1:])):
        return lambda lo, hi: [item for item in items if lo <= item.start and item.end <= hi]

    def within(lo: int, hi: int) -> list:
        return [item for item in items[bisect_left(starts, lo) : bisect_right(starts, hi)] if item.end <= hi]

    return within


# ------------------------------------------------------------------------------------ decisions


def decide(views: list[SentenceView], counts: dict[str, int], models: Models, explain: bool = False) -> list[Candidate]:
    out: list[Candidate] = []
    earlier: DateCandidate | None = None
    published = views[0].article.published if views else None
    for view in views:
        cands = company_candidates(view)
        # a headline that names no company tells no company's event ("New US factories announced
        # in December 2023"): on train none of the 11 such headlines holds one
        if (cands and not undated_quote(view) and not no_event_by_cue(view)
                and (view.mentions or not view.is_title)):
            feats = sentence_features(view)
            p_event = event_probability(feats, models)
            if p_event >= EVENT_THRESHOLD or news_of_the_day(view):
                dates = _main_act_dated_outside_asides(view, _restated(view, _ranked_dates(view, earlier, published, models)))
                before = [c.type for c in out]  # the article's events so far (context.py)
                cand = _decided(view, feats, p_event, cands, counts, dates, published, models, explain, before)
                first_at = len(out)
                out.append(cand)
                second = _second_fact(view, cand, p_event, dates, published, models)
                if second is not None and _aside_dated_main(view, dates, second):
                    # the main clause's date dates the main act, the aside's date the aside's fact
                    dates = _main_date_first(dates, second)
                    cand = _decided(view, feats, p_event, cands, counts, dates, published, models, explain, before)
                    out[-1] = cand
                    second = _second_fact(view, cand, p_event, dates, published, models)
                facts = told_facts(view, dates)
                if second is not None:
                    first = _main_act_typed(view, cand, second, dates)
                    if not facts:  # (a rule of fact_rules.json that reads the saying decides instead)
                        first, second = _announcement_typed(first, second)
                    out[-1] = _without_aside_parties(view, first, dates, second)
                    out.append(second)
                if facts:  # further facts by rules of business writing (facts.py, data/fact_rules.json)
                    out[first_at:] = with_facts(out[first_at:], facts, _type_at(view, feats, models))
        if view.dates:
            earlier = named_last(view)
    return out


def _type_at(view: SentenceView, feats: dict[str, float], models: Models):
    """``facts.TypeAt`` of a sentence: the type model's likeliest type for a fact dated by a
    date of the sentence, among the types not excluded."""
    def at(d: DateCandidate, not_types: frozenset[str]) -> str:
        f = type_features(view, feats, d)
        kind = type_of(f, models.type)[0]
        if kind not in not_types:
            return kind
        probs = models.type.probabilities(f)
        return max((k for k in probs if k not in not_types), key=probs.get)
    return at


def event_probability(feats: dict[str, float], models: Models) -> float:
    """The event model's probability that a sentence with these features (``sentence_features``)
    reports an event."""
    return models.event.probabilities(words_weighed(feats)).get("1", 0.0)


# the end of a quote that opened in an earlier sentence: the closing mark after the quote's own
# punctuation, or before a comma, then its attribution ("... market,' said Ginni Rometty")
_QUOTE_TAIL = regex_code.compile(r"(?:[,.!?][\"”’']|[\"”’'],)\s*(?:[\w.’'-]+\s+){0,6}?(?:said|says|added|adds|noted|told|wrote)\b")
_OPENING_MARK = regex_code.compile(r"(?:^|[\s(—–-])[\"“‘]")
# an apostrophe inside a word ("Alexion’s", "don’t") is no quote mark
_APOSTROPHE = regex_code.compile(r"(?<=\w)[’'](?=\w)")
# a quote that opens the sentence or follows its attribution ("Jane Roe said: “We ...") and
# closes in a later sentence
_OPENS_QUOTE = regex_code.compile(r"^\s*[\"“‘]|\b(?:said|says|added|adds|noted|wrote|stated|commented)\s*[,:]\s*[\"“‘]")
_CLOSING_MARK = regex_code.compile(r"[\"”’]")
# the last sentence of a quote that opened in an earlier one, with no attribution of its own
_CLOSES_QUOTE = regex_code.compile(r"[.!?][\"”’]\s*$")
# who said an opening quote: the speaker's name and roles (commas between them), then the verb
_ATTRIBUTION = regex_code.compile(r"\s*,?\s*(?:[\w.’'&()-]+,?\s+){0,10}?(?:said|says|added|adds|noted|notes|told|tells|wrote|writes"
                                  r"|commented|explained)\b", re.I)
# words that open a clause of its own after a speaker's name and roles ("said X, who ..."):
# more than an attribution
_CLAUSE_WORD = regex_code.compile(r"\b(?:that|which|who|after|before|when|while|as|because|to|will|would|has|have|had"
                                  r"|is|are|was|were)\b|\b\w+ed\b", re.I)


def undated_quote(view: SentenceView) -> bool:
    """Whether a sentence is mostly a direct quote and names no date of its own ("'It changes
    everything about the cloud market,' said Ginni Rometty"): a speaker's view, no event
    (GUIDELINES "Not events": quotes that report no act). On train, none of the 37 such
    sentences with a company holds an event (9 of the 16 quotes that name a date do). A quote
    that opened in an earlier sentence counts from the sentence's start to its closing mark (on
    train, none of the 9 sentences that end a quote so holds an event), or the whole sentence
    when only the speaker's name and roles follow the mark ("..., said Jane Roe, chief executive
    of Acme") or nothing does; a quote that opens and is not closed in the sentence runs to its
    end. Session 15: 4 train sentences more above the event threshold, none with an event. A
    period dropped as what an announcement is about ("Commenting on its Q4 2012 results, the
    operator said ... “including ...”") dates the sentence as the release's news (dated_news)."""
    if dates_itself(view):
        return False
    text = _APOSTROPHE.sub("x", view.text)
    quoted = sum(len(m.group()) for m in DIRECT_QUOTE.finditer(text))
    opened = _OPENS_QUOTE.search(text)
    if opened and not _CLOSING_MARK.search(text, opened.end()):
        quoted += len(text) - opened.end()
    opening = DIRECT_QUOTE.match(text.lstrip())
    if opening:
        # a sentence that opens with a quote and goes on only with who said it and where or to
        # whom ('"...," Jane Roe, chief executive of Acme, told reporters') is all a quote
        rest = text.lstrip()[opening.end():]
        said = _ATTRIBUTION.match(rest)
        if said and not _CLAUSE_WORD.search(rest, said.end()):
            quoted = len(text)
    if not quoted and not _OPENING_MARK.search(text):
        tail = _QUOTE_TAIL.search(text)
        if tail:
            quoted = len(text) if not _CLAUSE_WORD.search(text, tail.end()) else tail.start() + 1
        elif _CLOSES_QUOTE.search(text):
            quoted = len(text)
    return quoted > 0.5 * len(text)


def news_of_the_day(view: SentenceView) -> bool:
    """Whether a cue of ``data/event_cues.json`` that decides alone finds the news of the day in
    the sentence: a completed act by or to a company told in the simple past, with no date, at a
    news article's opening (GUIDELINES "What is an event": the news itself is dated by the
    publication date). Its event model's probability may be low: such sentences are few in the
    training articles (event_cues.news_cue; "with no date" is the cue's own ``undated``)."""
    if view.is_title:
        return False
    def company_at(lo: int, hi: int) -> bool:
        return any(lo <= m.start - view.start < hi for m in view.mentions)
    article_company = not view.mentions and any(implied for _name, _ms, implied in company_candidates(view))
    return news_cue(view.text, view.index, bool(view.dates), company_at, article_company) is not None


def no_event_by_cue(view: SentenceView) -> bool:
    """Whether a cue of ``data/event_cues.json`` that decides alone finds no event in the sentence
    (a page's date stamp; an economy's figure when the sentence names no company, mentions by
    "it" or "the company" aside; a standing holding when it names no date): GUIDELINES "Not
    events" (event_cues.deciding_cue)."""
    named = any(m.rule != "anaphor" for m in view.mentions)
    return deciding_cue(view.text, named, bool(view.dates)) is not None


def _ranked_dates(view: SentenceView, earlier, published, models: Models) -> list[tuple[float, DateCandidate]]:
    """The dates that may date a sentence's event with the date model's probability, most likely
    first (a tie goes to the candidate made first)."""
    scored = [(models.date.probabilities(date_features(d, view, published)).get("1", 0.0), i, d)
              for i, d in enumerate(date_candidates(view, earlier))]
    scored.sort(key=lambda r: (-r[0], r[1]))
    return [(p, d) for p, _, d in scored]


# a date in parentheses right after another ("recently (May 2023)", "last month (December 2023)")
_RESTATING_GAP = regex_code.compile(r"\s*[(\[]\s*$")
_RESTATING_END = regex_code.compile(r"\s*[)\]]")


def _restated(view: SentenceView, dates: list[tuple[float, DateCandidate]]) -> list[tuple[float, DateCandidate]]:
    """``dates`` (ranked) with a date that a parenthesised date restates replaced by the
    parenthesised one: "Foo recently (May 2023) cut 500 jobs" tells one fact, dated by the date
    the writer gave to make the vague one precise (it had been two events, "recently" the
    publication year and May 2023; GUIDELINES "One event per fact")."""
    timexes = [d for _, d in dates if d.kind == "timex" and d.start >= view.start]
    if len(timexes) < 2:
        return dates
    text, base = view.text, view.start
    restated: dict[int, DateCandidate] = {}  # id of the restated candidate -> the restating one
    for a in timexes:
        for b in timexes:
            if (b.start > a.end and _RESTATING_GAP.fullmatch(text, a.end - base, b.start - base)
                    and _RESTATING_END.match(text, b.end - base)):
                restated[id(a)] = b
    if not restated:
        return dates
    out: list[tuple[float, DateCandidate]] = []
    placed: set[int] = set()
    for p, d in dates:
        d = restated.get(id(d), d)
        if id(d) not in placed:
            placed.add(id(d))
            out.append((p, d))
    return out


def _main_act_dated_outside_asides(view: SentenceView, dates: list[tuple[float, DateCandidate]]) -> list[tuple[float, DateCandidate]]:
    """``dates`` with the best date outside the sentence's asides first, when the likeliest lies in
    an aside that tells an act of its own and the main clause has an act of its own (GUIDELINES: a
    date that belongs to something else in the sentence does not date the act; "Acme, founded in
    2012, launched a phone": the launch is the news, of the publication day, and the founding a
    fact of its own, 2012, which ``_second_fact`` gives)."""
    if not dates or not _in_aside(view, dates[0][1]) or _aside_act(view, dates[0][1]) is None:
        return dates
    main = main_trigger(view)
    if main is None or not without_asides(view.text)[main.start : main.start + len(main.text)].strip():
        return dates
    outside = next((r for r in dates if not _in_aside(view, r[1])), None)
    if outside is None:
        return dates
    return [outside] + [r for r in dates if r is not outside]


def _decided(view, feats, p_event, cands, counts, dates, published, models: Models, explain: bool,
             earlier: list[str] = ()) -> Candidate:
    type_feats = type_features(view, feats, dates[0][1] if dates else None, earlier)
    kind, p_type, cue_types = type_of(type_feats, models.type)
    scored = []
    for order, (name, ms, implied) in enumerate(cands):
        cf = company_features(name, ms, view, order, counts, implied) if ms or implied else {}
        scored.append((models.company.probabilities(cf).get("1", 0.0), order, name, cf))
    scored.sort(key=lambda s: (-s[0], s[1]))
    main = settled_main(view, kind) or scored[0][2]
    companies = [main] + [name for name, ms, implied in cands if name != main and not implied]
    if dates:
        p_date, chosen = dates[0]
        when, when_text = chosen.date, chosen.text if chosen.kind in ("timex", "reading") else ""
    else:
        p_date, chosen, when, when_text = 0.0, None, PartialDate.unknown(), ""
    trace = {}
    if explain:
        trace = {
            "event": {"p": round(p_event, 3), "because": models.event.contributions(words_weighed(feats), "1"),
                      "cues": list(event_cues(view.text))},
            "type": {"label": kind, "p": round(p_type, 3), "cues": cue_types, **trigger_trace(type_feats),
                     **_context_rule(view, earlier, type_feats, kind), "because": models.type.contributions(type_feats, kind)},
            "company": {"main": main, "p": round(scored[0][0], 3),
                        "because": models.company.contributions(scored[0][3], "1") if scored[0][3] else [],
                        "mentions": sorted({f"{m.text} -> {m.name} ({m.rule})" for m in view.mentions})},
            "date": {"value": when.value, "from": chosen.kind if chosen else None, "rule": chosen.rule if chosen else None, "text": when_text, "p": round(p_date, 3),
                     "because": models.date.contributions(date_features(chosen, view, published), "1") if chosen else [],
                     **({"dropped": [f"{d.text} ({d.rule})" for d in view.dropped]} if view.dropped else {})},
        }
    return Candidate(sentence=view, companies=companies, type=kind, date=when, date_text=when_text,
                     title=make_title(view, main), people=people_in(view.text, [m.text for m in view.mentions]), trace=trace)


def _context_rule(view: SentenceView, earlier: list[str], type_feats: dict[str, float], kind: str) -> dict[str, str]:
    """``{"rule": "context <phrase id> -> <type>"}`` when the article's earlier event typed the
    sentence (kinds.type_of, tracker/ingest/context.py), for ``--explain``; else empty."""
    ref = referent(view.text, earlier) if context_type(type_feats) == kind else None
    return {"rule": f"context {ref.anaphor} -> {ref.type}"} if ref is not None else {}


# both by bench/cv_ingest.py: F1 0.730 -> 0.736, strict 0.490 -> 0.510 (0.3-0.7 and 0.3-0.5 about the same)
SECOND_EVENT_THRESHOLD = 0.5
SECOND_DATE_THRESHOLD = 0.3


def _second_fact(view, cand: Candidate, p_event, dates, published, models: Models) -> Candidate | None:
    """A second event of a sentence that dates two facts ("X, which bought Y in 2015, said on
    Tuesday ..."; GUIDELINES "One event per fact"): when the sentence names a date of its own
    that neither is nor holds the first event's date and the date model finds it likely too."""
    if p_event < SECOND_EVENT_THRESHOLD:
        return None
    first = cand.date
    # a reading of date_rules.json may date the second fact too ("the December 2024 quarter");
    # CV on train, fold draws 7/1/2: strict F1 .523/.518/.528 -> .526/.523/.533, event F1 -.001/+.002/0
    best = next(((p, d) for p, d in dates
                 if d.kind in ("timex", "reading") and d.date.value and d.date.value != first.value
                 and not (first.value and (d.date.value.startswith(first.value) or first.value.startswith(d.date.value)))
                 and (p >= SECOND_DATE_THRESHOLD or (d.kind == "timex" and _aside_act(view, d) is not None))), None)  # the likeliest, as ``dates`` is ranked
    if best is None:
        return None
    d = best[1]
    # "X, founded in 2012, launched ...": a founding is background of its own (GUIDELINES: type other)
    founded = _FOUNDED_BEFORE.search(view.text, 0, max(0, d.start - view.start))
    kind, _, fired = ("other", 0.0, []) if founded else type_of(type_features(view, None, d), models.type)
    aside = _aside_act(view, d) if not founded else None
    if aside is not None:
        # the aside's own act dates by the aside's date ("which bought Bar in 2015": acquisition)
        kind = aside.type
    trace = {}
    if cand.trace:  # --explain: what dates the second fact, and that it is one
        because = models.date.contributions(date_features(d, view, published), "1")
        trace = dict(cand.trace, second_fact=True,
                     type=dict({k: v for k, v in cand.trace["type"].items() if k != "rule"}, label=kind, cues=fired,  # its own clause's cues
                               **({"rule": "founded-before"} if founded else {"rule": "aside-trigger"} if aside else {})),
                     date={"value": d.date.value, "from": d.kind, "rule": d.rule, "text": d.text, "p": round(best[0], 3),
                           "because": because})
    if aside is not None:
        return _aside_fact(view, cand, d, aside, kind, trace)
    return replace(cand, date=d.date, date_text=d.text, type=kind, trace=trace)


def _without_aside_parties(view: SentenceView, cand: Candidate, dates, second: Candidate) -> Candidate:
    """The main act without the companies named only in the aside that tells the second fact
    ("Foo, which bought Bar in 2015, launched a phone": Bar is no party of the launch)."""
    other = _second_date(dates, second)
    span = aside_span(view.text, other.start - view.start) if other is not None and other.start >= view.start else None
    if span is None:
        return cand
    lo, hi = span
    outside = {m.name for m in view.mentions if not lo <= m.start - view.start < hi}
    keep = [c for i, c in enumerate(cand.companies) if i == 0 or c in outside]
    return replace(cand, companies=keep) if keep != cand.companies else cand


def _aside_fact(view: SentenceView, cand: Candidate, d: DateCandidate, aside: Trigger, kind: str, trace) -> Candidate:
    """The aside's own act as an event of its own: the main company and the companies the aside
    names, titled by the aside's words from its verb ("Foo, which bought Bar in 2015, launched a
    phone": "Foo bought Bar in 2015", Foo and Bar)."""
    lo, hi = aside_span(view.text, d.start - view.start)
    main = cand.companies[0]
    inside = [m.name for m in view.mentions if lo <= m.start - view.start < hi and m.name != main]
    title = aside_title(main, view.text[aside.start : hi])
    return replace(cand, companies=[main] + list(dict.fromkeys(inside)), date=d.date, date_text=d.text, type=kind,
                   title=title, trace=trace)


def _aside_act(view: SentenceView, d: DateCandidate) -> Trigger | None:
    """The trigger of the aside that holds a date of the sentence, with an act of its own ("Foo,
    which bought Bar in 2015, said ...": acquisition); None for a date outside the sentence or its
    asides. A timex there dates a fact of its own, whatever the date model thinks of it as the
    sentence's date (GUIDELINES "One event per fact")."""
    return aside_trigger(view.text, d.start - view.start) if d.start >= view.start else None


def _in_aside(view: SentenceView, d: DateCandidate) -> bool:
    """Whether a date of the sentence stands in an aside ("Foo, which bought Bar in 2015, ...")."""
    if d.kind not in ("timex", "reading") or d.start < view.start:
        return False
    return not without_asides(view.text)[d.start - view.start : d.end - view.start].strip()


def _second_date(dates, second: Candidate) -> DateCandidate | None:
    return next((d for _, d in dates if d.date == second.date and d.text == second.date_text), None)


def _aside_dated_main(view: SentenceView, dates, second: Candidate) -> bool:
    """In a sentence telling two facts, whether the main act took the aside's date and the
    aside's fact the main clause's (GUIDELINES "One event per fact": each fact its own date)."""
    other = _second_date(dates, second)
    return other is not None and _in_aside(view, dates[0][1]) and not _in_aside(view, other)


def _main_date_first(dates, second: Candidate):
    """``dates`` with the second fact's date ranked first."""
    other = _second_date(dates, second)
    return [r for r in dates if r[1] is other] + [r for r in dates if r[1] is not other]


def _main_act_typed(view: SentenceView, cand: Candidate, second: Candidate, dates) -> Candidate:
    """The main act's type from its own clause's trigger when the aside's act took the type the
    model gave both ("Foo, which bought Bar in 2015, launched a phone on Tuesday": the launch is
    Tuesday's, the acquisition 2015's)."""
    main = main_trigger(view)
    if main is None or cand.type != second.type or main.type == second.type:
        return cand
    other = _second_date(dates, second)
    aside = _aside_act(view, other) if other is not None else None
    if aside is None or aside.type != second.type:
        return cand
    trace = dict(cand.trace, type=dict(cand.trace["type"], label=main.type, rule="main-clause-trigger")) if cand.trace else cand.trace
    return replace(cand, type=main.type, trace=trace)


# a saying whose reported act is still to come ("said on Friday it will unveil", "announced that
# it plans to open"): the day of the saying dates no act of its own
_SAID_IT_WILL = regex_code.compile(r"\b(?:said|says|announced|confirmed|told\s+[^,.]{1,40}?)\s+(?:on\s+)?(?:\w+\s+){0,2}?(?:that\s+)?"
                           r"(?:it|they|the\s+\w+|[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})\s+"
                           r"(?:will|would|is\s+to|are\s+to|plans?\s+to|intends?\s+to|aims?\s+to|is\s+set\s+to)\b")


def _announcement_typed(first: Candidate, second: Candidate) -> tuple[Candidate, Candidate]:
    """Two facts of one sentence that the model typed alike, one dated by a day, are an act still
    to come and its announcement when the sentence says it will do it: the day's fact is a
    ``statement`` (GUIDELINES "One event per fact": "Acme said Friday it will unveil a phone on
    May 7" is a statement of Friday and the planned launch of May 7; "Acme said Monday it agreed
    to buy Brandt, a deal expected to close in June" is the acquisition of Monday). A figure and
    its announcement ("Xiaomi said on Friday it shipped 23.16 million phones in Q2", "Acme
    reported Q1 earnings Tuesday") are told apart by the type decision itself, from the date of
    each (``kinds.announced_on_the_day``): a pair rule here gave a share move of the day ("Shares
    of Acme rose 12% Friday on its second-quarter earnings") the statement's type."""
    if first.type != second.type or first.type in SAYINGS:
        return first, second
    day, other = (first, second) if first.date.precision == "day" else (second, first)
    if day.date.precision != "day" or day.date.start is None or other.date.start is None:
        return first, second
    if not (other.date.start > day.date.start and _SAID_IT_WILL.search(day.sentence.text) is not None):
        return first, second
    trace = dict(day.trace, type=dict(day.trace["type"], label="statement", rule="announcement-of-plan")) if day.trace else day.trace
    said = replace(day, type="statement", trace=trace)
    return (said, second) if day is first else (first, said)


_FOUNDED_BEFORE = regex_code.compile(r"\b(?:founded|established|set up|incorporated|formed|created)\s+(?:in\s+|on\s+)?(?:the\s+)?$", re.I)


MERGED_PRECISIONS = ("day", "week", "month", "quarter")


def repeated_fact_key(cand: Candidate) -> tuple | None:
    """What makes two sentences of one article tell the same fact: the same main company, type
    and date. None when a candidate is never merged: undated, or dated only to a year or a half
    (an annual report tells many different facts of one company "in 2017"; merging those cost
    the seed set 0.12 of F1 and gained the train CV 0.009) unless it is a period's results, which
    the guidelines fold into one event (train CV, draws 7/1/2: F1 .768/.771/.775 ->
    .768/.773/.778, strict .567/.557/.555 -> .571/.560/.560)."""
    if not cand.date.value:
        return None
    # GUIDELINES "Settled cases": one financial_results event per company, period and announcement
    # (segment figures, revenue, profit and margins of the period fold into it), a year's too
    if cand.date.precision not in MERGED_PRECISIONS and cand.type != "financial_results":
        return None
    return (cand.companies[0], cand.type, cand.date.value)


def other_people(a: Event, b: Event) -> bool:
    """Two events that each name people and share none tell two facts, however alike their
    company, type and date: "Zander was stepping down" and "Motorola named Greg Brown as CEO"
    (GUIDELINES: appointments told in separate clauses are one event each)."""
    return bool(a.people) and bool(b.people) and not set(a.people) & set(b.people)


# a statement is what one company said, not an act between companies: two of them naming the
# same companies are two sayings ("Tesla said it plans to deliver prototypes to Toyota by the end of
# the month"; "Toyota's president said on Friday Toyota was interested in Tesla's batteries")
SAYINGS = frozenset({"statement"})


def same_deal(a: Event, b: Event) -> bool:
    """Two tellings of one act between companies: the same type, the same companies (in any
    order: "A and B announced a tie-up", "B announced a tie-up with A") and dates that agree (one
    holds the other)."""
    return (a.type == b.type and a.type not in SAYINGS and set(a.companies) == set(b.companies)
            and a.date.known and b.date.known and (a.date.start <= b.date.start <= b.date.end <= a.date.end
                                                   or b.date.start <= a.date.start <= a.date.end <= b.date.end))


def finer_of(first: Event, again: Event) -> Event:
    """The first telling, dated by the more precise date of the two (GUIDELINES: "with the most
    precise date any of them gives")."""
    if (again.date.end - again.date.start) < (first.date.end - first.date.start):
        return replace(first, date=again.date, id="")
    return first


def told_in_the_body(cands: list[Candidate]) -> list[Candidate]:
    """Without the headline's events that the body tells again: a fact told only in the headline
    is an event quoted from it; one the body tells is quoted from the body (GUIDELINES.md). The
    body tells it again when one of its events has the same main company and type, or the same
    two companies."""
    body = [c for c in cands if not c.sentence.is_title]

    def again(title: Candidate) -> bool:
        return any((c.companies[0] == title.companies[0] and c.type == title.type)
                   or (len(title.companies) > 1 and set(title.companies[:2]) <= set(c.companies)) for c in body)

    return [c for c in cands if not c.sentence.is_title or not again(c)]


# ------------------------------------------------------------------------------------ extract


def extract(
    text: str,
    doc: str,
    registry,
    facts: list[dict] | None = None,
    published: date | None = None,
    articles: list[Article] | None = None,
    explain: bool = False,
    models: Models | None = None,
):
    """Every dated company event of ``text`` (``list[Event]``) and the registry rows of companies first met in it."""
    models = models or shipped_models()
    facts = facts or []
    if articles is None:
        articles = split_articles(text, doc, facts)
    if published is not None:  # the caller's articles are left as they are
        articles = [replace(article, published=published, basis="option") for article in articles]
    mentions_of, new_rows = company_mentions(text, articles, registry)
    events: list[Event] = []
    traces: list[dict] = []
    # sources of later tellings, joined to their event once at the end: joining them one by one
    # rebuilt (and re-checked) the event each time, quadratic in how often a fact is told
    retold: dict[int, list[Source]] = {}
    for article in articles:
        mentions = mentions_of.get(article.offset, [])
        views = read_article(text, article, mentions)
        counts = Counter(m.name for m in mentions)
        told: dict[tuple, int] = {}  # fact key -> index in events of the article's first telling
        deals: list[int] = []  # indexes of the article's events between several companies
        for cand in told_in_the_body(decide(views, counts, models, explain)):
            source = Source(doc=doc, quote=cand.sentence.text, article=article.title, offset=cand.sentence.start,
                            date_text=cand.date_text)
            title = with_mood(cand.title, cand.sentence.text, cand.date, article.published)
            event = Event(date=cand.date, companies=tuple(dict.fromkeys(cand.companies)), type=cand.type, title=title,
                          people=tuple(dict.fromkeys(cand.people)), sources=(source,))
            key = repeated_fact_key(cand)
            if key is not None and key in told and not other_people(events[told[key]], event):
                # the same fact told again (GUIDELINES "One event per fact"): one event, two sources
                retold.setdefault(told[key], []).extend(event.sources)
                continue
            twice = next((i for i in deals if same_deal(events[i], event)), None)
            if twice is not None:
                events[twice] = finer_of(events[twice], event)
                retold.setdefault(twice, []).extend(event.sources)
                continue
            if key is not None:
                told[key] = len(events)
            if len(event.companies) > 1:
                deals.append(len(events))
            events.append(event)
            traces.append(cand.trace)
    for index, sources in retold.items():
        events[index] = events[index].with_sources(tuple(sources))
    if explain:
        return events, new_rows, traces
    return events, new_rows
