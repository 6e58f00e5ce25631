"""The type decision (tracker.ingest.kinds): the examples of ``data/type_cues.json`` and
hand-written sentences through ``tracker.ingest.pipeline.extract``."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from tracker.ingest.features import DATA
from tracker.ingest.kinds import AS_OF, announced_on_the_day, cue_weights
from tracker.ingest.pipeline import extract
from tracker.registry import Registry

from tests.knowledge import assert_well_formed, example_cases

CUES = json.loads((DATA / "type_cues.json").read_text(encoding="utf-8"))["cues"]
NOT_ACTS = frozenset({"plan", "rumour"})  # cue types that are features only, no event type


@pytest.mark.parametrize("cue, text, fires", list(example_cases(CUES)))
def test_type_cue_examples(cue, text, fires):
    pattern = re.compile(rf"\b(?:{cue['pattern']})\b", re.I)
    assert bool(pattern.search(text)) == fires


def test_every_cue_has_an_id_a_known_type_examples_and_counterexamples():
    assert_well_formed(CUES, extra_types=NOT_ACTS)
    for cue in CUES:
        assert 0 <= cue.get("weight", 1) <= 2, cue["id"]


def test_strong_cues_are_weighted():
    assert cue_weights()["other.buyback"] == ("other", 2.0)
    assert cue_weights()["acq.buy"] == ("acquisition", 1.0)


# -- types through the whole pipeline, on sentences written for these tests ---------------------

PUBLISHED = date(2024, 3, 8)


def _types(text: str) -> dict[str, tuple[str, list[str]]]:
    """(type, cue ids of its trace) of each event, by the first words of its quote."""
    events, _, traces = extract(text, "t.txt", Registry([]), published=PUBLISHED, explain=True)
    return {" ".join(e.sources[0].quote.split()[:3]): (e.type, t["type"]["cues"]) for e, t in zip(events, traces)}


@pytest.mark.parametrize("sentence, kind, cue", [
    ("Brindle Foods Inc. said on Tuesday its board declared a quarterly dividend of 12 cents per share.",
     "financial_results", "results.dividend"),
    ("Harlow Motors Corp. on Tuesday announced a share buyback of up to $500 million.", "other", "other.buyback"),
    ("Quillon Bank Ltd. said on Monday it will cut 1,200 jobs across its branches.", "other", "other.jobcuts"),
    ("Ostrava Air Ltd. filed for Chapter 11 bankruptcy protection on Wednesday.", "legal", "legal.insolvency"),
    ("Pellmore Chemicals Inc. and Tavik Energy Corp. formed a joint venture on Monday to build a plant in Texas.",
     "joint_venture", "jv.strong"),
    # a rating action stays a statement whatever act another clause names (kinds.type_of: a
    # settled statement is not dropped for an act's cue)
    ("Harlow Ratings on Monday placed Quillon Bank Ltd.'s long-term ratings on review for downgrade, "
     "following settlements with regulators.", "statement", "statement.rating"),
    # a denial of a report is the company's statement, whatever act the report names
    ("Harlow Motors Corp. on Monday denied a report that it was in talks to buy Ferrand Parts Inc.",
     "statement", "statement.deny"),
])
def test_a_settled_case_takes_the_type_of_the_guidelines(sentence, kind, cue):
    found = _types(sentence)
    assert found, f"no event in {sentence!r}"
    (got, cues), = found.values()
    assert got == kind
    assert cue in cues


def test_an_acquisition_told_by_a_spokesman_is_an_acquisition():
    found = _types("Harlow Motors Corp. agreed on Tuesday to buy Ferrand Parts Inc. for $2 billion, the company said.")
    assert [kind for kind, _ in found.values()] == ["acquisition"]


@pytest.mark.parametrize("sentence, kind, cue", [
    ("Shares of Brindle Foods Inc. fell 8% on Tuesday after the company cut its forecast.", "market_data", "mkt.share_price"),
    ("Harlow Motors Corp. said on Monday it had opened its first factory in Morocco.", "expansion", "expand.capacity"),
    ("Quillon Bank Ltd. said on Tuesday it bought a 20% stake in Ferrand Payments Inc.", "investment", "inv.minority"),
    ("Harlow Motors Corp. took a controlling stake in Ferrand Parts Inc. on Friday.", "acquisition", "acq.control"),
    ("Ostrava Air Ltd. said on Wednesday it carried 4.2 million passengers in March.", "market_data", "mkt.volume"),
    ("Pellmore Chemicals Inc. said on Monday its net profit rose 12% to $310 million in the third quarter.",
     "financial_results", "res.period"),
    ("Brindle Foods Inc. rebranded as Brindle Group on Monday.", "other", "other.corporate"),
    # a market research firm's figure is a volume's, not a result's
    ("Quillon Mobile Ltd.'s smartphone sales in India grew 25% in the third quarter, according to Canalys.",
     "market_data", "mkt.research"),
    ("The telecom department on Friday allotted spectrum to Ostrava Telecom Ltd. for its 5G network.",
     "regulatory", "reg.fine"),
    # an authority's decision told in the passive, or its lifting of curbs, is its regulatory act
    ("Harlow Capital Ltd.'s proposal to buy Ferrand Parts Inc. was rejected by the antitrust authority on Tuesday.",
     "regulatory", "reg.approval"),
    ("The central bank lifted the curbs on Quillon Bank Ltd. on Friday, allowing it to issue new credit cards.",
     "regulatory", "reg.fine"),
])
def test_a_common_act_takes_its_type(sentence, kind, cue):
    # a result told with the day it was announced is two facts (GUIDELINES "One event per fact":
    # the result of its period and the statement of its day), in either order: one is the act.
    # The type of each comes from its own clause (kinds.event_clause): the cue is the clause's,
    # and the trace of a fact a rule of fact_rules.json adds keeps the first event's cues
    from tracker.ingest.features import cues
    events, _, traces = extract(sentence, "t.txt", Registry([]), published=PUBLISHED, explain=True)
    assert kind in [e.type for e in events], events
    assert cue in [cue_id for _, cue_id, _ in cues(sentence)]


def test_the_statement_cue_gives_way_to_the_act_it_reports():
    """GUIDELINES "Types": the more specific act; the trace does not claim "said" raised the type."""
    (got, cues), = _types("Harlow Motors Corp. agreed on Tuesday to buy Ferrand Parts Inc. for $2 billion, "
                          "the company said.").values()
    assert got == "acquisition" and "statement.say" not in cues
    (got, cues), = _types("Brindle Foods Inc. on Tuesday denied reports that it was in talks with its lenders.").values()
    assert got == "statement" and "statement.say" in cues


def test_a_title_beside_the_verb_of_saying_names_the_speaker_not_a_leadership_act():
    """``statement.speaker`` cancels the raise of ``lead.exec`` (``cancels`` in type_cues.json):
    the title says who speaks; a title given to someone still raises leadership."""
    (got, cues), = _types("Harlow Motors Corp. will close its Leeds plant on Friday, Jane Roe, Harlow's chief "
                          "executive, said on Tuesday.").values()
    assert "statement.speaker" in cues and "lead.exec" not in cues and got != "leadership"
    (got, cues), = _types("Harlow Motors Corp. named Jane Roe chief executive on Tuesday.").values()
    assert got == "leadership" and "lead.exec" in cues and "statement.speaker" not in cues


@pytest.mark.parametrize("sentence, kind, cue", [
    # share-price moves are market_data (GUIDELINES "What is an event"), however the price is told
    ("Brindle Foods Inc. hit a new all-time high on Tuesday.", "market_data", "mkt.price_record"),
    ("Shares in Brindle Foods Inc., Harlow Group's parent, soared 12% on Monday.", "market_data", "mkt.share_price"),
    # a person's time in a post is a leadership fact
    ("Jane Roe has served on the board of Quillon Bank Ltd. since 2020.", "leadership", "lead.tenure"),
    ("John Doe has been serving as chief operating officer of Harlow Motors Corp. since January.",
     "leadership", "lead.tenure"),
    # a trial in a court is legal; the trial type is for trials of products, networks and drugs
    ("The trial of Ostrava Air Ltd.'s former chief executive began on Monday.", "legal", "legal.court_trial"),
    # launching a partnership is the partnership's act
    ("Pellmore Chemicals Inc. launched a partnership with Tavik Energy Corp. on Thursday.", "partnership", "partner.tie"),
])
def test_a_share_move_a_tenure_a_court_trial_and_a_partnership_take_their_type(sentence, kind, cue):
    """Errors seen on real news pages (bench/README.md "Event types on real pages, session 14"),
    written again with fictional companies."""
    events, _, traces = extract(sentence, "t.txt", Registry([]), published=PUBLISHED, explain=True)
    assert (kind, True) in [(e.type, cue in t["type"]["cues"]) for e, t in zip(events, traces)], events


def test_an_order_of_aircraft_is_a_contract_whatever_its_figures(found_events):
    # the list price and the number of jets read as figures; the order settles the type (type cue
    # contract.fleet_order, GUIDELINES: contracts and orders)
    events = found_events("Okavia orders jets\n\nOkavia Airways has ordered 15 737 MAX aircraft, valued at $1.8 billion "
                          "at current list prices.\n", "2017-06-21")
    assert [e["type"] for e in events] == ["contract"], events


@pytest.mark.parametrize("sentence, kind", [
    # a period's results are dated by the period: the day that dates a result is the day it was
    # announced, that event the day's statement (GUIDELINES "One event per fact", "Settled cases")
    ("Brindle Foods Inc. said on Thursday it expected full-year adjusted earnings of $3 a share.", "statement"),
    # a snapshot as of a day is the figure of that day (GUIDELINES "Settled cases")
    ("Brindle Foods Inc. had $3.4 billion of debt outstanding as of Sept. 30, 2023.", "financial_results"),
    # a dividend is financial_results on the day it is declared
    ("Brindle Foods Inc. said on Tuesday its board declared a quarterly dividend of 12 cents per share.",
     "financial_results"),
])
def test_a_result_dated_by_a_day_is_the_statement_of_that_day(sentence, kind):
    assert [got for got, _ in _types(sentence).values()] == [kind]


def test_announced_on_the_day_reads_the_date_of_a_figure():
    said = {"dated=day": 1.0, "tense=past|dated": 1.0, "w=said": 0.5}
    assert announced_on_the_day("financial_results", said)
    # a result dated by the publication day is mostly one whose period the pipeline did not find
    assert not announced_on_the_day("financial_results", {"dated=published": 1.0, "tense=past|dated": 1.0})
    assert not announced_on_the_day("financial_results", {**said, "w=dividends": 0.5})
    assert not announced_on_the_day("financial_results", {**said, AS_OF: 1.0})
    assert not announced_on_the_day("financial_results", {"dated=day": 1.0, "tense=state|dated": 1.0})
    assert not announced_on_the_day("financial_results", {"dated=quarter": 1.0, "w=said": 0.5})
    assert not announced_on_the_day("acquisition", said)
    # a market figure is the day's statement only when the day stands next to the verb of saying
    assert not announced_on_the_day("market_data", said)
    assert announced_on_the_day("market_data", {**said, "near=said": 1.0})


# -- the event's own clause (kinds.event_clause, clause_features, head_features) ------------------

def _view(text: str):
    """The sentence view of a one-sentence text, as ingest reads it (companies Foo, Bar, Baz)."""
    from dataclasses import replace

    from tracker.ingest import split_articles
    from tracker.ingest.pipeline import company_mentions, read_article
    text += "\n"
    registry = Registry([{"name": name, "aliases": [], "parent": None} for name in ("Foo", "Bar", "Baz")])
    articles = [replace(a, published=PUBLISHED, basis="option") for a in split_articles(text, "t.txt", [])]
    mentions, _ = company_mentions(text, articles, registry)
    (view,) = read_article(text, articles[0], mentions[articles[0].offset])
    return view


def _clauses(text: str) -> dict[str, str]:
    """The words of each date of the sentence -> the words of its clause."""
    from tracker.ingest.kinds import event_clause
    view = _view(text)
    out = {}
    for d in view.dates:
        span = event_clause(view, d)
        out[d.text] = view.text[span[0]:span[1]].strip(" ,") if span else None
    return out


@pytest.mark.parametrize("text, clauses", [
    # a verb of saying with its day, and the fact it reports with a date of its own
    ("Foo said on Tuesday it achieved a record profit in 2023, with the bank also announcing buybacks.",
     {"Tuesday": "Foo said on Tuesday", "2023": "it achieved a record profit in 2023"}),
    # an aside's act is the aside's; what the saying reports has no date of its own, so the day
    # dates all of the main clause
    ("Foo, which posted a net loss in the third quarter, said on Tuesday that it plans to list its lifts unit.",
     {"the third quarter": "which posted a net loss in the third quarter",
      "Tuesday": "Foo, which posted a net loss in the third quarter, said on Tuesday that it plans to list its lifts unit."}),
    # the day of the announcement and a date in the act's own aside: what is announced is the
    # day's act ("announced its merger with Bar": GUIDELINES "Types"), the saying is no clause apart
    ("On March 12, 2019, Foo announced its merger with Bar, which resulted in the formation of Baz on June 19, 2019.",
     {"March 12, 2019": "On March 12, 2019, Foo announced its merger with Bar",
      "June 19, 2019": "which resulted in the formation of Baz on June 19, 2019."}),
    # a period told before the verb of saying dates what is said: a saying is dated by its day
    ("For 2024, Foo said it expects its net profit to fall 20% from the previous year.",
     {"2024": "For 2024, Foo said it expects its net profit to fall 20% from the previous year.",
      "the previous year": "it expects its net profit to fall 20% from the previous year."}),
])
def test_the_clause_of_each_date_is_its_own(text, clauses):
    found = _clauses(text)
    for words, clause in clauses.items():
        assert found.get(words) == clause, found


def test_a_sentence_of_one_date_has_no_clause_of_its_own():
    # one date dates the act the sentence reports, whatever clause it stands in
    assert _clauses("Foo said on Tuesday it had bought a 20% stake in Bar.") == {"Tuesday": None}


def test_each_fact_of_a_sentence_is_raised_by_its_own_clause():
    from tracker.ingest.kinds import clause_features
    view = _view("Foo said on Tuesday it achieved a record profit in 2023, with the bank also announcing buybacks.")
    by_date = {d.text: clause_features(view, d) for d in view.dates}
    assert "clause.cue.statement.say" in by_date["Tuesday"] and "clause.cue.other.buyback" not in by_date["Tuesday"]
    assert "clause.cue.other.buyback" not in by_date["2023"]
