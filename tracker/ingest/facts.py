"""One event per fact: the further facts a sentence tells, by rules of English business writing.

GUIDELINES "One event per fact": "A sentence that tells two facts gives two events with the same
quote: an announcement and the figure it announces ('Xiaomi said on Friday it shipped 23.16
million phones in Q2' gives a statement dated Friday and a market_data dated Q2)", and figures
of several companies are one event each when each is a separate clause about that company.
``data/fact_rules.json`` states the forms that show a further fact, each of a ``kind`` read by
its finder here (``FINDERS``); ``told_facts`` finds them in a sentence and ``with_facts`` makes
the sentence's events tell each fact once, the trace of every event a rule made or retyped
naming the rule (``tracker ingest --explain``: "fact     a fact of its own by rule <id>").

The pipeline's date-based second fact (``pipeline._second_fact``) comes first; the rules here
add what it does not find and leave what it found. A rule tried and dropped (a share move in a
participle clause): bench/README.md, "One event per fact, session 9"; the clause of its own about
another company, dropped there as within noise, is back: "Event decision, session 11".
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Callable

from tracker import regex_code
from tracker.ingest.actors import settled_main
from tracker.ingest.dating import date_rules, publication_candidates
from tracker.ingest.features import DATA, cues
from tracker.ingest.stages import Candidate, CompanyMention, DateCandidate, SentenceView
from tracker.ingest.titles import aside_title, dateline_end, make_title, without_dangling_end
from tracker.ingest.triggers import SAY, clause_trigger, without_asides


@lru_cache(maxsize=1)
def rules() -> dict[str, dict]:
    """``data/fact_rules.json``'s rules by id, as written there."""
    data = json.loads((DATA / "fact_rules.json").read_text(encoding="utf-8"))
    return {r["id"]: r for r in data["rules"]}


@lru_cache(maxsize=None)
def _pattern(rule_id: str, key: str) -> re.Pattern:
    return regex_code.compile(rules()[rule_id][key], re.I)


@dataclass(frozen=True)
class Fact:
    """A fact a sentence tells by a rule of ``fact_rules.json``."""

    rule: str  # the rule's id
    kind: str  # the rule's kind (the finder that reads it): speech, clause, plan, cause
    date: DateCandidate | None  # what dates it; None: the date of the sentence's event
    type: str | None = None  # its type when the rule settles it; None: the type model's
    company: str | None = None  # its main company when it is not the sentence's (a clause of its own)
    p: float = 0.0  # the date model's probability of its date, for --explain
    title: str | None = None  # the words of its own title after the sentence's company (a clause of cause)
    borrowed: bool = False  # its date is another clause's (a share move of the day its act names)


# ------------------------------------------------------------------------------------ finding


def own_dates(view: SentenceView, dates: list[DateCandidate]) -> list[DateCandidate]:
    """The sentence's own dated words among ``dates``, in text order: its timexes, and the
    readings of date_rules.json that replace a timex's (another reading beside the tagger's,
    "April 15" on the other side of publication, is no date the text names)."""
    rules_of = date_rules()
    own = [d for d in dates if view.start <= d.start and d.end <= view.end
           and (d.kind == "timex" or (d.kind == "reading" and rules_of[d.rule].supersedes))]
    return sorted(own, key=lambda d: d.start)


def told_facts(view: SentenceView, dates: list[tuple[float, DateCandidate]]) -> list[Fact]:
    """Every further fact the rules of ``fact_rules.json`` find in a sentence (``dates``: its
    date candidates with the date model's probability), each rule read by the finder of its kind."""
    own = own_dates(view, [d for _, d in dates])
    p_of = {id(d): p for p, d in dates}
    return [replace(fact, p=p_of.get(id(fact.date), 0.0) if fact.date is not None else 0.0) for rule in rules().values()
            for fact in FINDERS[rule["kind"]](rule, view, own)]


def _within(told: DateCandidate, said: DateCandidate) -> bool:
    """Whether a date is the speech date or lies within it ("this month, on the 5th" of "said
    this month"): the day of the saying, not a date of its own. A period that holds the speech
    day ("said on Tuesday it would add 16,000 jobs this year") dates a fact of its own."""
    return (told.date.value or "").startswith(said.date.value or "")


@lru_cache(maxsize=None)
def _verb_patterns(rule_id: str) -> tuple[re.Pattern, re.Pattern]:
    """A rule's reporting verb just before a date ("said on Friday") and just after one ("on
    July 2 reported"), compiled once: every sentence with a date asks."""
    verb = rules()[rule_id]["verb"]
    return regex_code.compile(rf"\b(?:{verb})\s+(?:on\s+)?$", re.I), regex_code.compile(rf"^\s*,?\s*(?:{verb})\b", re.I)


def speech_date(rule: dict, view: SentenceView, own: list[DateCandidate]) -> tuple[DateCandidate, int, int] | None:
    """The date a reporting verb of the sentence has of its own ("said on Friday", "today
    announced", "on July 2 reported"), with the span of the verb and its date."""
    # a saying is dated by a day, a week or a month ("said on Friday", "earlier this month said");
    # a period after the verb is what it reports ("reports fourth-quarter results")
    own = [d for d in own if d.date.precision in rule["speech_dated_by"]]
    before, after = _verb_patterns(rule["id"])
    for d in own:
        a, b = d.start - view.start, d.end - view.start
        m = before.search(view.text, 0, a)
        if m:
            return d, m.start(), b
    for d in own:
        a, b = d.start - view.start, d.end - view.start
        m = after.match(view.text[b:])
        if m:
            return d, a - (3 if view.text[:a].endswith("on ") else 0), b + m.end()
    return None


def speech_facts(rule: dict, view: SentenceView, own: list[DateCandidate]) -> list[Fact]:
    """``speech``: a statement of the speech day and the fact it announces, of its own date."""
    found = speech_date(rule, view, own)
    if found is None:
        return []
    said, lo, hi = found
    bare = without_asides(view.text)
    attached = _pattern(rule["id"], "attached")
    others = [d for d in own if d is not said and not _within(d, said)
              and bare[d.start - view.start : d.end - view.start].strip()  # an aside's date is the aside's fact
              and not attached.search(view.text, 0, d.start - view.start)]
    if not others:
        return []
    told = others[0]
    # what is announced: the words after the verb and its date, or before them when the
    # attribution closes the sentence ("... by April 15, the company said on Tuesday")
    if told.start - view.start >= hi:
        span = (hi, len(view.text))
    elif not view.text[hi:].strip(" .”’\"'\n"):
        span = (dateline_end(view.text), lo)
    else:
        return []
    words = list(view.text)
    for d in own:  # a date's digits are no figure
        for i in range(d.start - view.start, d.end - view.start):
            words[i] = " "
    if not _pattern(rule["id"], "figure").search("".join(words[span[0] : span[1]])):
        return []
    return [Fact(rule["id"], "speech", said, rule["type"]), Fact(rule["id"], "speech", told)]


def clause_facts(rule: dict, view: SentenceView, own: list[DateCandidate]) -> list[Fact]:
    """``clause``: a fact of each further company that is the subject of a clause of its own."""
    ms = sorted((m for m in view.mentions if view.start <= m.start and m.rule != "anaphor"), key=lambda m: m.start)
    out: list[Fact] = []
    seen: set[str] = set()
    for i, m in enumerate(ms):
        earlier = [p for p in ms[:i] if p.name != m.name and p.end <= m.start]
        if not earlier or m.name in seen or any(p.name == m.name for p in ms[:i]):
            continue
        if _own_clause(rule, view, earlier[-1], m):
            seen.add(m.name)
            out.append(Fact(rule["id"], "clause", _clause_date(view, m), None, m.name))
    return out


_SAYING = regex_code.compile(r"^\W*(?:said|says|reported|reports|told|added|noted)\b\W*$", re.I)
# after the subject: a possessive and up to three words ("Bar's share soared", "Bar (BAR) dropped",
# "Bar Motors' truck unit drove")
_SUBJECT_TAIL = r"^(?:[’'](?:s\b)?)?(?:\s*\([^)]*\))*(?:\s+[\w’'-]+){0,3}?\s+(?:%s)\b"


def _own_clause(rule: dict, view: SentenceView, first: CompanyMention, m: CompanyMention) -> bool:
    """Whether ``m`` is the subject of a clause joined to one of ``first``'s, each with a verb."""
    text, at = view.text, m.start - view.start
    join = _pattern(rule["id"], "join").search(text, 0, at)
    if join is None or join.start() < first.end - view.start:
        return False
    verb = rule["verb"]
    # the first clause has a verb of its own: "Foo and Bar signed" is one fact of two companies
    if not re.search(rf"\b(?:{verb})\b", text[first.end - view.start : join.start()], re.I):
        return False
    tail = text[m.end - view.start :]
    return bool(re.search(_SUBJECT_TAIL % verb, tail, re.I)) and not _SAYING.match(tail)


def _clause_date(view: SentenceView, m: CompanyMention) -> DateCandidate | None:
    """The first date of the clause ``m`` opens: it dates that fact ("..., while Bar fell 2% in
    March"); None when the clause names none (it shares the first fact's date)."""
    own = [d for d in view.dates if d.kind == "timex" and d.start >= m.end]
    return own[0] if own else None


_LEADING_PREPOSITION = regex_code.compile(r"(?:(?:from|starting|on|in|by|until)\s+)?", re.I)


def plan_facts(rule: dict, view: SentenceView, own: list[DateCandidate]) -> list[Fact]:
    """``plan``: an act done (``act``, before the plan's words) and what it schedules for a date
    of its own (``scheduled``, just before that date: "called a meeting to be held on October
    9"): the act of its own date (a date of the sentence before the plan's words, else the news
    day) and the planned fact of the scheduled date."""
    text = view.text
    scheduled = _pattern(rule["id"], "scheduled")
    act = _pattern(rule["id"], "act")
    bare = without_asides(text)
    for d in own:
        # a reading's words may open with its preposition ("from September"): read before its date words
        a = d.start - view.start + len(_LEADING_PREPOSITION.match(d.text).group())
        m = scheduled.search(text, 0, a)
        if m is None or not act.search(text, dateline_end(text), m.start()):
            continue
        before = [o for o in own if o.end - view.start <= m.start() and o is not d
                  and bare[o.start - view.start : o.end - view.start].strip()]  # an aside's date is the aside's
        if before:
            done = before[-1]
        else:
            done = next((c for c in publication_candidates(view.article.published) if c.rule == "published_day"), None)
        if done is None or done.date == d.date:
            return []
        return [Fact(rule["id"], "plan", done), Fact(rule["id"], "plan", d)]
    return []


_CLAUSE_BREAK = regex_code.compile(r"[;:]|,\s+(?!(?:and|or)\b)(?=\w+\s+(?:said|says|added|noted)\b)|\s[–—]\s")


def cause_facts(rule: dict, view: SentenceView, own: list[DateCandidate]) -> list[Fact]:
    """``cause``: a main clause that tells a fact of its own and a clause that tells the act it
    followed or the share move it caused (``clause``: "..., after Bar reported ...", ", sending
    its shares up 4%"): the main fact, of the first date of the sentence outside the clause (else
    the news day), and the clause's fact, of the clause's first date (None: the same),
    its main company the clause's subject when a company of its own opens it, its type the rule's
    when it settles one."""
    text = view.text
    start = dateline_end(text)
    m = _pattern(rule["id"], "clause").search(text, start)
    if m is None or _pattern(rule["id"], "empty_main").match(text, start, m.start()) \
            or not re.search(rf"\b(?:{rule['main_verb']})\b", text[start : m.start()], re.I):
        return []
    brk = _CLAUSE_BREAK.search(text, m.end())
    end = brk.start() if brk else len(text)
    lo, hi = view.start + m.start(), view.start + end
    bare = without_asides(text)
    outside = [d for d in own if not (lo <= d.start < hi) and bare[d.start - view.start : d.end - view.start].strip()]
    inside = [d for d in own if lo <= d.start < hi]
    company = main_company = None
    if rule.get("subject_window"):
        window = view.start + m.start() + rule["subject_window"]
        names = [c for c in sorted(view.mentions, key=lambda c: c.start) if c.rule != "anaphor"]
        subject = next((c for c in names if lo <= c.start < min(hi, window)), None)
        company = subject.name if subject else None
        # the main clause's own company, when it names one ("Shares of Foo fell after Bar announced")
        named = next((c for c in names if view.start + start <= c.start < lo), None)
        main_company = named.name if named else None
    # a main clause with no date of its own is the news of the day (GUIDELINES "the news itself")
    main_date = outside[0] if outside else next(
        (c for c in publication_candidates(view.article.published) if c.rule == "published_day"), None)
    kind, title = rule.get("type"), None
    if rule.get("act"):
        kind, settled, title = _clause_act(rule, view, m.end(), end)
        company = company or settled
    # a share move as the main clause is a figure of the market (GUIDELINES "What is an event")
    moved = "market_data" if rule.get("move") and _pattern(rule["id"], "move").search(text, start, m.start()) else None
    caused_date, borrowed = (inside[0] if inside else None), False
    if caused_date is None and rule.get("of_the_day"):
        # a share move is a figure of a day: with no date of its own it is the move of the day
        # the main clause names ("reported a quarterly profit on Thursday, sending its shares up":
        # Thursday's move, whatever period the result is of)
        caused_date = next((d for d in outside if d.date.precision == "day"), None)
        borrowed = caused_date is not None
    return [Fact(rule["id"], "cause", main_date, moved, main_company),
            Fact(rule["id"], "cause", caused_date, kind, company, title=title, borrowed=borrowed)]


def _clause_act(rule: dict, view: SentenceView, start: int, end: int) -> tuple[str | None, str | None, str | None]:
    """The act a clause of cause tells ("after the company agreed to be acquired by Bar"): its type
    by the clause's trigger (a verb of saying passes to the act it reports), else by its first type
    cue, None for a figure, a result or a saying (``rule["act"]["model"]``: the type model types
    those); the company a settled case of actor_cues.jsonl names for that type (the buyer of "to
    be acquired by Bar"); and the clause's words from its verb on, for the act's own title (the
    subject of "the company agreed ..." is the sentence's company, "Bar announced ..." keeps Bar)."""
    text = view.text[:end]
    act = clause_trigger(text, start)
    if act is not None and act.id == SAY:
        act = clause_trigger(text, act.start + len(act.text))
    kind = act.type if act is not None else next((t for _, _, t in cues(text[start:])), None)
    if kind in rule["act"]["model"]:
        kind = None
    subject = _pattern(rule["id"], "subject").match(text, start)
    # the sentence's company as the subject ("it", "the carrier"): not a name of another ("the FDA")
    own = subject is not None and not subject.group("name") and not re.search(r"\s[A-Z]", subject.group())
    words = text[subject.end():] if own else None
    return kind, settled_main(view, kind) if kind else None, words


# the finder of each kind of rule: (rule, sentence, its own dates) -> the facts it tells
FINDERS: dict[str, Callable[[dict, SentenceView, list[DateCandidate]], list[Fact]]] = {
    "speech": speech_facts, "clause": clause_facts, "plan": plan_facts, "cause": cause_facts,
}


# ------------------------------------------------------------------------------------ emitting

TypeAt = Callable[[DateCandidate, frozenset[str]], str]


def with_facts(cands: list[Candidate], facts: list[Fact], type_at: TypeAt) -> list[Candidate]:
    """The sentence's events (``cands``, the first the sentence's event) with each fact of
    ``facts`` told once: a fact an event already tells (its date) is that event, retyped when
    the rule settles the type; another is a new event. ``type_at(date, not_types)`` is the type
    model's likeliest type for a fact of that date among the types not in ``not_types``."""
    out = list(cands)
    speech = [f for f in facts if f.kind == "speech"]
    if speech:
        out = _speech(out, speech[:2], type_at)  # a sentence's first dated announcement
    for fact in facts:
        if fact.kind == "clause":
            out = _clause(out, fact)
        elif fact.kind == "plan":
            out = _planned(out, fact, type_at)
    cause = [f for f in facts if f.kind == "cause"]
    if cause:
        out = _caused(out, cause[:2], type_at)  # the sentence's first clause of a cause or a reaction
    return out


def _traced(cand: Candidate, fact: Fact, **changes) -> Candidate:
    """``cand`` with ``changes``, its trace naming the rule (and the new type and date)."""
    new = replace(cand, **changes)
    if cand.trace:
        trace = dict(cand.trace, fact_rule=fact.rule)
        if "type" in changes:
            trace["type"] = dict(cand.trace["type"], label=new.type, rule=fact.rule)
        if "date" in changes:
            trace["date"] = {"value": new.date.value, "from": fact.date.kind, "rule": fact.date.rule,
                             "text": new.date_text, "p": round(fact.p, 3), "because": []}
        new.trace = trace
    return new


def _dated(fact: Fact) -> dict:
    return {"date": fact.date.date, "date_text": fact.date.text if fact.date.kind in ("timex", "reading") else ""}


def _speech(cands: list[Candidate], facts: list[Fact], type_at: TypeAt) -> list[Candidate]:
    """A statement of the speech day and the announced fact of its own date: an event already
    of that day is the statement; one already of the fact's date keeps its type unless the
    model made it the statement too."""
    said, told = facts
    out = list(cands)
    at = {c.date.value: i for i, c in reversed(list(enumerate(out)))}
    i = at.get(said.date.date.value)
    if i is not None:
        if out[i].type != "statement":
            out[i] = _traced(out[i], said, type="statement")
    else:
        out.append(_traced(out[0], said, type="statement", **_dated(said)))
    j = at.get(told.date.date.value)
    if j is not None and j != i:
        if out[j].type == "statement":  # what is announced is an act or a figure, not the saying
            out[j] = _traced(out[j], told, type=type_at(told.date, frozenset({"statement"})))
    else:
        out.append(_traced(out[0], told, type=type_at(told.date, frozenset({"statement"})), **_dated(told)))
    return out


def _planned(cands: list[Candidate], fact: Fact, type_at: TypeAt) -> list[Candidate]:
    """The act or the planned fact of its own date, unless an event of the sentence already has
    that date; typed by the type model at that date."""
    if any(c.date.value == fact.date.date.value for c in cands):
        return cands
    return cands + [_traced(cands[0], fact, type=type_at(fact.date, frozenset()), **_dated(fact))]


def _clause(cands: list[Candidate], fact: Fact) -> list[Candidate]:
    """The further company's own fact, of its clause's date (else the first event's), and the
    first event without that company: it is no party of the first fact ("HP's shipments rose
    ..., while Dell recorded ..." are HP's fact and Dell's)."""
    if any(c.companies[0] == fact.company for c in cands):
        return cands
    first = cands[0]
    out = [replace(first, companies=[n for n in first.companies if n != fact.company])] + cands[1:]
    changes = dict(companies=[fact.company], title=make_title(first.sentence, fact.company))
    if fact.date is not None:
        changes.update(_dated(fact))
    return out + [_traced(first, fact, **changes)]


def _told_apart(out: list[Candidate], main: Fact, caused: Fact, type_at: TypeAt) -> list[Candidate] | None:
    """The sentence's events when two of them already tell the main fact and the clause's fact
    of another date (the clause's fact the event of its date and company, the main fact the
    event of its date, else another event of another date), typed apart: the clause's fact
    by the rule, the main fact, when it had the clause's type, by the type model without it.
    None when they do not."""
    company = caused.company or out[0].companies[0]
    k = next((k for k, c in enumerate(out) if c.date.value == caused.date.date.value and c.companies[0] == company), None)
    others = [i for i, c in enumerate(out) if i != k and c.date.value != caused.date.date.value
              and (main.company is None or c.companies[0] == main.company)]
    # the main fact's event: of its date, else of another date of the sentence (a result's period
    # and its day are both the main clause's)
    i = next((i for i in others if out[i].date.value == main.date.date.value), others[0] if others else None)
    if k is None or i is None:
        return None
    out = list(out)
    if caused.type and out[k].type != caused.type:
        out[k] = _traced(out[k], caused, type=caused.type)
    if main.type and out[i].type != main.type:
        out[i] = _traced(out[i], main, type=main.type)
    if out[i].type == out[k].type:  # the fact no rule types takes the model's next likeliest type
        if caused.type is None:
            out[k] = _traced(out[k], caused, type=type_at(caused.date, frozenset({out[i].type})))
        else:
            out[i] = _traced(out[i], main, type=main.type or type_at(main.date, frozenset({out[k].type})))
    return out


def _caused(cands: list[Candidate], facts: list[Fact], type_at: TypeAt) -> list[Candidate]:
    """The main fact and the fact of its clause of cause or reaction ("..., after Bar reported
    ...", ", sending its shares up"). The sentence's event is the main fact; when it took the
    clause's date and the main clause has a date of its own, it takes that one. The clause's fact
    is a new event unless one of the sentence's events already tells it (its date and main
    company): of the clause's date (else the event's), its company's (else the event's), typed by
    the rule or else by the type model at its date, the main fact's type left out."""
    main, caused = facts
    out = list(cands)
    if caused.date is not None and main.date is not None and main.date.date.value != caused.date.date.value:
        told = _told_apart(out, main, caused, type_at)
        if told is not None:
            return told
    first = out[0]
    if (caused.date is not None and not caused.borrowed and main.date is not None
            and first.date.value == caused.date.date.value and main.date.date.value != caused.date.date.value):
        first = out[0] = _traced(first, main, **_dated(main))
    if (main.company and caused.company == first.companies[0] != main.company
            and main.company in first.companies):
        # the clause's company had been taken for the main fact's: the main clause names its own
        first = out[0] = _traced(first, main, companies=[main.company] + [n for n in first.companies if n != main.company],
                                 title=make_title(first.sentence, main.company))
    company = caused.company or first.companies[0]
    value = caused.date.date.value if caused.date is not None else first.date.value
    j = next((j for j in range(1, len(out)) if out[j].date.value == value and out[j].companies[0] == company), None)
    if j is not None:  # an event of the sentence tells it already: typed apart from the main fact
        if caused.type and out[j].type != caused.type:
            out[j] = _traced(out[j], caused, type=caused.type)
        elif not caused.type and out[j].type == first.type:
            out[j] = _traced(out[j], caused, type=type_at(caused.date, frozenset({first.type})))
        return out
    if company == first.companies[0] and value == first.date.value and caused.type == first.type:
        # the event was typed as the clause's fact ("..., sending its shares up 4%" made it a share
        # move): it is the main fact, of the model's next likeliest type
        first = out[0] = _traced(first, main, type=main.type or type_at(main.date, frozenset({first.type})))
    if caused.date is None and caused.type is not None and any(
            c.companies[0] == company and c.type == caused.type for c in out[1:]):
        return out  # undated, it is the event of its type the sentence has already ("on Thursday, sending its shares up")
    changes: dict = dict(type=caused.type or type_at(caused.date, frozenset({first.type})))
    if company != first.companies[0]:
        changes.update(companies=[company] + [n for n in first.companies if n != company],
                       title=make_title(first.sentence, company))
    if caused.title:  # the clause's act told of the sentence's company: "X agreed to be acquired by Bar ..."
        changes["title"] = aside_title(first.companies[0], without_dangling_end(caused.title))
    if caused.date is not None:
        changes.update(_dated(caused))
    return out + [_traced(first, caused, **changes)]
