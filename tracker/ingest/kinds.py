"""The type of a sentence's event (partnership, acquisition, financial_results, ...).

A linear model (``models/type.json``) over ``type_features`` (the sentence features, and
``cue.<id>`` for each cue of ``data/type_cues.json`` that matches), whose probabilities are
raised by ``CUE_BOOST`` times the weight of the strongest cue of each type that fired: a cue is
strong evidence that a few hundred annotated events cannot teach for the rarer types, and a
cue of weight 2 (a settled case of the guidelines: a declared dividend, a buyback, job cuts, a
bankruptcy filing, a rating action, a joint venture formed) settles the type unless a cue of
another type is as strong.
"""

from __future__ import annotations

import re
from functools import lru_cache

from typing import Sequence

from tracker import regex_code

from tracker.ingest.context import CONTEXT_FEATURE, context_features, own_act
from tracker.ingest.features import stem, cues, sentence_features, type_cue_entries, words, words_weighed
from tracker.ingest.linear import LinearModel
from tracker.ingest.stages import DateCandidate, SentenceView
from tracker.ingest.titles import without_attribution
from tracker.ingest.triggers import aside_span, clause_trigger, main_trigger, without_asides

# The cues of data/type_cues.json were widened in round 6 (issue 11) by facts of business writing
# for the biggest confusions: mkt.share_price (weight 2), mkt.valuation, mkt.volume, mkt.rank,
# res.period, expand.capacity, inv.stake. Type accuracy by bench/type_errors.py (train CV, gold
# date): 0.561 -> 0.597; bench/cv_ingest.py: type 0.490 -> 0.533, strict 0.514 -> 0.518, F1
# 0.746 -> 0.743. Tried and dropped: features of the main company's predicate (the words after
# its mention, read past an appositive, and the cue types of its clause), with the company
# decided before the type: 0.597 per decision (0.599 without), end to end type 0.524 (0.533).
# Settled cases of GUIDELINES as weight-2 cues (inv.minority, acq.control, legal.regulator_suit) and
# other.corporate: 0.608 -> 0.610 per decision, end to end type 0.542 -> 0.547, F1 0.745 -> 0.747.
# expand.invest_own (money spent on its own sites is expansion): 0.610 -> 0.614, end to end type
# 0.551 -> 0.553. Tried and dropped: the headline's cue types as features of every sentence
# (0.620 per decision, end to end type 0.552 but F1 0.747 -> 0.744, strict 0.521 -> 0.518);
# weight 0 for the broad cues inv.fund, launch.product, contract.order, legal.court,
# reg.authority, network.roll (0.606-0.608 each, from 0.610).
# chosen by cross-validation on the train split (type accuracy 0.49 without; boost 0.3: 0.51,
# 0.5: 0.53, 0.7: 0.54, 1.0: 0.53). Weight-2 cues: 0.561 (as weight 1: 0.553, weight 1.5: 0.555)
CUE_BOOST = 0.7
SETTLED_WEIGHT = 2.0


@lru_cache(maxsize=1)
def cue_weights() -> dict[str, tuple[str, float]]:
    """cue id -> (its type, the weight of the raise it gives that type; default 1)."""
    return {c["id"]: (c["type"], float(c.get("weight", 1.0))) for c in type_cue_entries()}


@lru_cache(maxsize=1)
def cue_cancels() -> dict[str, frozenset[str]]:
    """cue id -> the ids of the cues whose raise it cancels when both fire (``cancels`` in
    ``type_cues.json``: "Jane Roe, Foo's chief executive, said" names a speaker, so the title's
    leadership cue raises nothing). Train CV (bench/README.md "Type decision, session 7, part 2")."""
    return {c["id"]: frozenset(c["cancels"]) for c in type_cue_entries() if c.get("cancels")}


# words either side of the event's date that speak of the fact it dates: "said on Friday" is a
# statement's, "revenue in the second quarter" a result's (GUIDELINES "One event per fact").
# Type accuracy by bench/type_errors.py (train CV): none 0.542; 1 word 0.565, 2: 0.578, 3: 0.561,
# 6: 0.561; 2 words kept apart by side: 0.567
NEAR_WORDS = 2

# types whose cues name no act of their own (plan and rumour are features only). When a cue of an
# act fires, the statement cue gives no raise (GUIDELINES "Types": the more specific act).
# bench/type_errors.py 0.599 -> 0.608; bench/cv_ingest.py type 0.533 -> 0.542, F1 0.743 -> 0.745
NOT_ACTS = frozenset({"statement", "plan", "rumour"})


# the sentence's words weigh half in the type decision too (features.words_weighed): with the main
# clause's trigger (triggers.py), the words of the articles seen count less against the facts of
# English (bench/type_errors.py, fold draws 7/1/2: see bench/README.md "Type decision, session 7")


# the types a sentence may name beside a phrase that points back and still take the article's type
# from it (context.py): a plan or a rumour names no act; a statement does ("Walmex said it would
# challenge the decision" is Walmex's statement, not the regulator's decision). With the statement
# cue open too, train CV end to end was the same within noise (type .603/.589/.607, by group .588;
# closed: .605/.589/.607, .586; bench/README.md "Type from context, session 10")
CONTEXT_OPEN = frozenset({"plan", "rumour"})


def context_gated(text: str) -> bool:
    """Whether the sentence's act is only a phrase that points back to an earlier one: it names
    no act of its own outside such phrases ("Shareholders also backed the transaction")."""
    # (a closing attribution, ", Voltra said", names who speaks, not an act of the sentence's own)
    return not own_act(without_attribution(text), CONTEXT_OPEN)


def context_type(features: dict[str, float]) -> str | None:
    """The type the article's context gives a sentence (``ctx.prev_type=<type>`` among its
    features), None when it gives none."""
    return next((name[len(CONTEXT_FEATURE):] for name in features if name.startswith(CONTEXT_FEATURE)), None)


def type_features(view: SentenceView, base: dict[str, float] | None = None,
                  date: DateCandidate | None = None, earlier: Sequence[str] = ()) -> dict[str, float]:
    """The sentence's features (``base`` when the event decision has made them already), the id
    of every cue it holds, and the words around the date that dates the event (``date``), so
    that two facts of one sentence with dates of their own can differ in type."""
    # the event cues (ev=<id>: an analyst's view, a company's profile, ...) say whether a sentence
    # tells an event, not of what type: left to the event decision (with them the retrained type
    # model split a tie between two tellings of one fact, which then no longer merged)
    f = {name: value for name, value in words_weighed(base if base is not None else sentence_features(view)).items()
         if not name.startswith("ev=")}
    for _, cue_id, _ in cues(view.text):
        f[f"cue.{cue_id}"] = 1.0
    trigger = main_trigger(view)
    if trigger is not None:
        f[f"trigger={trigger.type}"] = 1.0
        f[f"trigger.{trigger.id}"] = 1.0
    f.update(date_context(view, date))
    f.update(clause_features(view, date))
    if earlier:
        # the referring phrase first: most sentences hold none, and whether the sentence names an
        # act of its own asks the type cues again of the sentence without its attribution
        context = context_features(view.text, earlier)
        if context and context_gated(view.text):
            f.update(context)
    return f


def trigger_trace(features: dict[str, float]) -> dict[str, str]:
    """``{"trigger": id, "trigger_type": type}`` of the main clause's trigger among ``features``
    (``type_features``'), for ``--explain``; empty when the clause has none."""
    ids = [name[len("trigger."):] for name in features if name.startswith("trigger.")]
    kinds = [name[len("trigger="):] for name in features if name.startswith("trigger=")]
    return {"trigger": ids[0], "trigger_type": kinds[0]} if ids and kinds else {}


# a figure told as of a day ("debt outstanding as of Sept. 30", "the deficit at 30 June 2017"):
# a snapshot, dated to the day (GUIDELINES "Settled cases"), not the day the figure was announced
AS_OF = "date.as_of"
_AS_OF = regex_code.compile(r"\b(?:as\s+(?:of|at)|at)\s+(?:the\s+end\s+of\s+)?$", re.I)


# the clause of a sentence that tells several facts (GUIDELINES "One event per fact"): an aside
# ("which posted a net loss last month"), a verb of saying with the day beside it ("HSBC said
# today"), the fact it reports ("it achieved a record profit in 2023"), a clause joined by a
# conjunction (", with the bank also announcing buybacks"; "after revealing a sharp improvement")
_SAY_CLAUSE = regex_code.compile(r"\b(?:said|says|announced|reported|confirmed|disclosed|stated|told\s+(?:\w+\s+){0,3}?\w+)\b", re.I)
_CLAUSE_SPLIT = regex_code.compile(r";|:\s|,\s+(?:and|but|while|whereas|with|sending|after|following|as|which|who|whose)\s|"
                                   r"\s(?:while|whereas|after|following|amid|as)\s+(?!well\b|part\b|of\b|a\s+result\b)", re.I)
# a relative clause that closes the sentence (", which resulted in the formation of Baz on June
# 19"): its date is its own fact's, not the reported act's
_RELATIVE = regex_code.compile(r",\s+(?:which|who|whose|where)\b")
# the precisions that date a period's fact, never a saying (event_clause)
SAID_OF_A_PERIOD = frozenset({"year", "half", "quarter"})
CLAUSE_CUE = "clause.cue."
# bench/type_cv.py switches them: the clause's features, and the raise by its cues only
CLAUSE = True
CLAUSE_RAISE = True


def event_clause(view: SentenceView, date: DateCandidate | None) -> tuple[int, int] | None:
    """The bounds (in ``view.text``) of the clause that holds the event's date, when the sentence
    has two dates or more (facts of their own); None otherwise."""
    if date is None or date.kind not in ("timex", "reading") or date.start < view.start or len(view.dates) < 2:
        return None
    at = date.start - view.start
    span = aside_span(view.text, at)
    if span is not None:
        return span
    bare = without_asides(view.text)
    cuts = {0, len(bare)}
    for m in _CLAUSE_SPLIT.finditer(bare):
        cuts.add(m.start())
    timexes = [(d.start - view.start, d.end - view.start) for d in view.dates if d.kind == "timex" and d.start >= view.start]
    for m in _SAY_CLAUSE.finditer(bare):
        # the day told beside the verb of saying is the saying's ("said on Tuesday that it ...");
        # what it reports is a fact of its own only when a date of its own dates it ("said today
        # it achieved a record profit in 2023"): "announced on Monday its merger with Bar" is the
        # merger (GUIDELINES "Types": an acquisition that is announced is an acquisition)
        if at < m.start() and date.date.precision in SAID_OF_A_PERIOD:
            # a period told before the verb of saying dates what is said, not the saying ("For the
            # current business year, Foo said it expects its net profit to fall 20%"): a saying
            # is dated by its day
            continue
        end = m.end()
        for lo, hi in timexes:
            if 0 <= lo - end <= 4:
                end = hi
        if any(lo >= end and bare[lo:hi].strip() and not _RELATIVE.search(bare, end, lo) for lo, hi in timexes):
            cuts.add(end)
    cuts = sorted(cuts)
    lo = max(c for c in cuts if c <= at)
    hi = min(c for c in cuts if c > at) if any(c > at for c in cuts) else len(bare)
    return lo, hi


def clause_features(view: SentenceView, date: DateCandidate | None) -> dict[str, float]:
    """``clause.cue.<id>`` for each type cue of the event's own clause (``event_clause``), and
    ``clause.trigger=<type>`` for its trigger; empty for a sentence of one date."""
    if not CLAUSE:
        return {}
    span = event_clause(view, date)
    if span is None:
        return {}
    lo, hi = span
    # an aside's own words; a clause of the main sentence without its asides
    text = view.text[lo:hi] if aside_span(view.text, date.start - view.start) else without_asides(view.text)[lo:hi]
    f = {"clause": 1.0}
    for _, cue_id, kind in cues(text):
        f[f"{CLAUSE_CUE}{cue_id}"] = 1.0
        f[f"clause.cue={kind}"] = 1.0
    trigger = clause_trigger(text)
    if trigger is not None:
        f[f"clause.trigger={trigger.type}"] = 1.0
    return f


def date_context(view: SentenceView, date: DateCandidate | None) -> dict[str, float]:
    """``dated=<precision>`` and ``near=<stem>`` for the words next to a timex of the sentence;
    ``dated=published`` when the event is dated by the publication day (the news itself)."""
    if date is None:
        return {"dated=none": 1.0}
    if date.kind != "timex" or date.start < view.start:
        return {f"dated={date.kind}": 1.0}
    f = {f"dated={date.date.precision}": 1.0}
    if _AS_OF.search(view.text[: date.start - view.start]):
        f[AS_OF] = 1.0
    if len(view.dates) < 2:
        # one date: it dates the act the sentence reports, whatever verb stands next to it
        # ("said on Friday it had bought a stake" is an investment, GUIDELINES "Types")
        return f
    before = words(view.text[: date.start - view.start])[-NEAR_WORDS:]
    after = words(view.text[date.end - view.start :])[:NEAR_WORDS]
    for w in before + after:
        if not w[0].isdigit():
            f[f"near={stem(w)}"] = 1.0
    return f


def type_of(features: dict[str, float], model: LinearModel) -> tuple[str, float, list[str]]:
    """(type, its model probability, the ids of the cues that raised a type)."""
    probs = model.probabilities(features)
    context = context_type(features)
    if context in probs:
        # a sentence whose act is only "the deal", "the ruling" is the act the article reported
        # before (context.py): the model's weight for the feature alone trusted it too little
        # (bench/README.md "Type from context, session 10")
        return context, probs[context], []
    weights = cue_weights()
    raised: dict[str, float] = {}
    fired = []
    present = {name[4:] for name in features if name.startswith("cue.")}
    if CLAUSE_RAISE and "clause" in features:
        # a sentence that tells several facts: each event's type is raised by its own clause's cues
        own = {name[len(CLAUSE_CUE):] for name in features if name.startswith(CLAUSE_CUE)}
        if own:
            present = own
            features = {name: x for name, x in features.items() if not name.startswith("cue.") or name[4:] in own}
    cancelled = set().union(*(ids for cue_id, ids in cue_cancels().items() if cue_id in present))
    for name in features:
        if name.startswith("cue.") and name[4:] in weights and name[4:] not in cancelled:
            kind, weight = weights[name[4:]]
            if kind in probs and weight > 0:
                fired.append(name[4:])
                raised[kind] = max(raised.get(kind, 0.0), weight)
    if set(raised) - NOT_ACTS and raised.get("statement", 0.0) < SETTLED_WEIGHT:
        # GUIDELINES "Types": when two fit, the more specific act; "said"/"announced" is only
        # the statement's evidence when no act's cue fires. A settled statement (a credit-rating
        # action, an analyst's rating) stays: "Baz placed Foo's ratings on review for downgrade,
        # following settlements with regulators" is no regulator's act
        raised.pop("statement", None)
        fired = [cue_id for cue_id in fired if weights[cue_id][0] != "statement"]
    scores = {kind: p + CUE_BOOST * raised.get(kind, 0.0) for kind, p in probs.items()}
    settled = [k for k, w in raised.items() if w >= SETTLED_WEIGHT]
    # a settled case of the guidelines settles the type when no other type's cue is as strong
    # ("formed a joint venture to build a plant" is a joint_venture however strongly the model
    # reads an expansion): train CV 0.610 either way, end to end type 0.547 -> 0.551
    kind = settled[0] if len(settled) == 1 else max(scores, key=scores.get)
    if "statement" in probs and announced_on_the_day(kind, features):
        return "statement", probs["statement"], sorted(fired)
    return kind, probs[kind], sorted(fired)


# a sentence that announces a figure tells two facts (GUIDELINES "One event per fact": "Toyota said
# Wednesday its operating profit rose 36% in the last fiscal year" is Wednesday's statement and the
# fiscal year's result): the event dated by the day next to the verb of saying is the statement,
# the one dated by the figure's period the figure. ``near=`` words are there only when the sentence
# has two dates or more (date_context), so a figure told with its day alone stays a figure.
# bench/README.md "Event types on real pages, session 14"
FIGURES = frozenset({"financial_results", "market_data"})
SAY_NEAR = frozenset({"said", "say", "says", "announc", "told", "stated", "confirm", "disclos"})


def said_on_the_day(features: dict[str, float]) -> bool:
    """Whether the event is dated by a day that stands next to a verb of saying."""
    return "dated=day" in features and any(name[5:] in SAY_NEAR for name in features if name.startswith("near="))


# a period's results are dated by the period (GUIDELINES "Dates"); the day the text names for a
# result is the day it was announced ("Today (15 May), Foo reported a 33% drop in Q4 net profit",
# "Foo said on Thursday it expected full-year earnings of $3 a share", a press release's "today
# reported financial results for the quarter"): that event is the day's statement. A dividend is
# the exception the guidelines settle: financial_results on the day it is declared. On train's
# gold events 10 of the 12 results dated by a day are dividends; 17 statements are results' days.
# Only a day the sentence names: a result the pipeline dates by the publication day is mostly one
# whose period it did not find (end to end, train CV draws 7/1 with the publication day too: F1
# .815/.819, strict .651/.645; the named day only: .816/.821, .654/.649). bench/README.md
# "Event types, session 15"
DAY_DATED = ("dated=day",)
DATED_BY_ITS_DAY = frozenset({"dividend", "dividends"})  # results the guidelines date by their day


def announced_on_the_day(kind: str, features: dict[str, float]) -> bool:
    """Whether an event the decision gives a figure's type is the announcement of the day that
    dates it: a result (not a dividend) dated by a day, or a figure dated by a day that stands
    next to a verb of saying (GUIDELINES "One event per fact")."""
    if kind not in FIGURES:
        return False
    if kind == "financial_results" and any(name in features for name in DAY_DATED):
        # a snapshot as of the day, or a figure told as the present state ("Today, it is 13.5%"),
        # is the figure itself
        if AS_OF in features or any(name.startswith("tense=state") for name in features):
            return False
        return not any(name[2:].lower() in DATED_BY_ITS_DAY for name in features if name.startswith("w="))
    return said_on_the_day(features)
