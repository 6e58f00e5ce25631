"""A sentence telling two facts, one in an aside ("Foo, which bought Bar in 2015, launched a phone
on Tuesday"): each fact keeps its own clause's date and type (GUIDELINES "One event per fact")."""

from __future__ import annotations

from datetime import date

from tracker.ingest.pipeline import extract
from tracker.ingest.triggers import aside_trigger
from tracker.registry import Registry

ROWS = [{"name": "Acme Networks", "aliases": ["Acme"], "parent": None},
        {"name": "Borealis Telecom", "aliases": ["Borealis"], "parent": None}]


def facts_of(text: str, published: date) -> list[tuple[str | None, str]]:
    events, _ = extract(text, "t.txt", Registry([dict(r, aliases=list(r["aliases"])) for r in ROWS]), [], published=published)
    return [(e.date.value, e.type) for e in events]


def test_aside_trigger_is_the_act_of_the_aside_holding_the_offset():
    text = "Acme Networks, which bought Borealis Telecom in 2015, launched a new phone on Tuesday."
    found = aside_trigger(text, text.index("2015"))
    assert found is not None and found.type == "acquisition"
    assert aside_trigger(text, text.index("Tuesday")) is None  # the main clause is no aside
    assert aside_trigger("Acme Networks (founded in 2012) launched a phone.", 27).type == "other"


def test_the_main_act_takes_its_clause_type_and_the_aside_its_own():
    # the type model alone gave the launch "acquisition" and the acquisition "product_launch"
    facts = facts_of("Acme Networks, which bought Borealis Telecom in 2015, launched a new phone on Tuesday.", date(2019, 3, 14))
    assert facts == [("2019-03-12", "product_launch"), ("2015", "acquisition")]


def test_a_founding_aside_leaves_the_main_act_its_own_type():
    facts = facts_of("Acme Networks, which was founded in 2012, launched a new phone on Tuesday.", date(2019, 3, 14))
    assert facts == [("2019-03-12", "product_launch"), ("2012", "other")]


def test_one_fact_no_aside_keeps_the_model_type():
    facts = facts_of("Acme Networks launched a new phone on Tuesday.", date(2019, 3, 14))
    assert facts == [("2019-03-12", "product_launch")]


def test_explain_names_the_rule_that_typed_each_fact(explained):
    out = explained("Acme Networks, which bought Borealis Telecom in 2015, launched a new phone on Tuesday.", "2019-03-14")
    # the launch is the main clause's (by the model, or by rule main-clause-trigger when the model
    # took the aside's act); the acquisition the aside's, always by rule
    (launch,) = [b for b in out.split("\n\n") if "[product_launch]" in b]
    assert "rule: main-clause-trigger" in launch or "rule:" not in launch.split("type     ")[1].split("\n")[0], out
    assert "type     acquisition" in out and "rule: aside-trigger" in out, out


def test_a_figure_and_the_day_it_was_announced_are_the_figure_and_a_statement(found_events):
    # GUIDELINES "One event per fact" and "Settled cases": results of a period, and the day the
    # text dates their announcement, are financial_results of the period and a statement of the day
    events = found_events("Bank of Avalon beats estimates\n\nBank of Avalon (BOA) reported Q1 earnings Tuesday of $0.90 "
                          "per diluted share, up from $0.76 a year earlier and above the consensus estimate of $0.82.\n",
                          "2024-04-16")
    assert {(e["date"], e["type"]) for e in events} == {("2024-Q1", "financial_results"), ("2024-04-16", "statement")}


def test_a_saying_of_an_act_still_to_come_is_a_statement_of_its_day_and_the_planned_act(found_events):
    events = found_events("Orvane to unveil phone\n\nOrvane Mobile Ltd said on Friday it will unveil its new smartphone on "
                          "May 7 through an online event.\n", "2020-04-24")
    assert {(e["date"], e["type"]) for e in events} == {("2020-04-24", "statement"), ("2020-05-07", "product_launch")}
