"""One event per fact (tracker/ingest/facts.py, data/fact_rules.json): a sentence that tells two
facts gives two events with the same quote — an announcement dated apart from what it
announces is a statement of its day and the fact of its own date (GUIDELINES "One event per
fact"). Each rule's examples tell its facts, no counterexample does; ingest emits the facts and
``--explain`` names the rule."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tracker.ingest import split_articles
from tracker.ingest.dating import date_candidates
from tracker.ingest.facts import FINDERS, own_dates, rules
from tracker.ingest.pipeline import company_mentions, extract, read_article
from tracker.registry import Registry

from tests.knowledge import example_cases

# the examples' companies and day (a Friday), as fact_rules.json's "about" says
NAMES = ("Foo", "Bar", "Baz")
PUBLISHED = date(2019, 3, 15)
RULES = list(rules().values())


def registry() -> Registry:
    return Registry([{"name": name, "aliases": [], "parent": None} for name in NAMES])


def view_of(text: str):
    """The sentence view of a one-sentence text, as ingest reads it."""
    text += "\n"
    articles = split_articles(text, "t.txt", [])
    articles = [replace(a, published=PUBLISHED, basis="option") for a in articles]
    mentions, _ = company_mentions(text, articles, registry())
    views = read_article(text, articles[0], mentions[articles[0].offset])
    assert len(views) == 1, [v.text for v in views]
    return views[0]


def facts_found(rule: dict, text: str):
    view = view_of(text)
    return FINDERS[rule["kind"]](rule, view, own_dates(view, date_candidates(view, None)))


def events_of(text: str) -> list[tuple[str | None, str, tuple[str, ...]]]:
    events, _ = extract(text + "\n", "t.txt", registry(), [], published=PUBLISHED)
    return [(e.date.value, e.type, e.companies) for e in events]


@pytest.mark.parametrize("rule, text, fires", list(example_cases(RULES)))
def test_fact_rule_examples(rule, text, fires):
    found = facts_found(rule, text)
    assert bool(found) == fires, found
    assert all(f.rule == rule["id"] for f in found)


def test_every_rule_has_an_id_a_kind_a_fact_examples_and_counterexamples():
    ids = [r["id"] for r in RULES]
    assert len(ids) == len(set(ids))
    for r in RULES:
        assert r["kind"] in FINDERS, r["id"]
        assert r["fact"] and r["examples"] and r["counterexamples"], r["id"]


def test_an_announcement_dated_apart_is_a_statement_of_its_day_and_the_fact_of_its_period():
    facts = events_of("Foo said today it achieved a record profit of $2 billion in 2018.")
    assert ("2019-03-15", "statement", ("Foo",)) in facts, facts
    (year,) = [f for f in facts if f[0] == "2018"]
    assert year[1] != "statement", facts  # what is announced is a result, not the saying
    assert len(facts) == 2, facts


def test_an_announcement_that_names_only_its_subject_is_one_statement():
    facts = events_of("Foo today announced its financial results for the quarter ended December 31, 2018.")
    assert [f[0] for f in facts] == ["2019-03-15"], facts


def test_an_announcement_with_one_date_is_one_event():
    facts = events_of("Foo said on Friday it shipped 23.16 million phones.")
    assert len(facts) == 1, facts


def test_explain_names_the_rule_that_made_the_second_fact(explained):
    # a company the shipped registry does not know, found by its name as a user's news gives it
    out = explained("Norvale Telecom said today it achieved a record profit of $2 billion in 2018.", "2019-03-15")
    blocks = out.split("\n\n")
    # the statement of the day is the rule's; the date model may date the first event by either
    # date, and the rule then makes or retypes the other
    (said,) = [b for b in blocks if b.startswith("2019-03-15")]
    assert "[statement]" in said and "fact     a fact of its own by rule speech.dated" in said, out
    (told,) = [b for b in blocks if b.startswith("2018")]
    assert "[financial_results]" in told and 'date     2018 from timex (timex) "2018"' in told, told


def test_a_clause_of_its_own_about_another_company_is_that_companys_fact():
    facts = events_of("Foo's shipments increased 2.6 percent in the fourth quarter of 2018 while Bar recorded "
                      "its sixth consecutive quarter of growth.")
    mains = sorted(f[2][0] for f in facts)
    assert mains == ["Bar", "Foo"], facts
    (foo,) = [f for f in facts if f[2][0] == "Foo"]
    assert "Bar" not in foo[2], facts  # Bar is no party of Foo's shipments


def test_companies_that_share_one_verb_are_one_fact():
    facts = events_of("Foo and Bar signed a supply deal on Thursday.")
    assert len(facts) == 1, facts


def test_explain_names_the_clause_rule(explained):
    out = explained("Shares of Norvale Telecom fell 3% on Thursday and Kestrel Mining dropped more than 2%.", "2019-03-15")
    # each block opens "date  companies  [type]  title": Kestrel's own fact is the rule's
    (kestrel,) = [b for b in out.split("\n\n") if b.split("  ")[1] == "Kestrel Mining"]
    assert "fact     a fact of its own by rule clause.company" in kestrel, out


def test_an_act_and_what_it_schedules_are_two_facts_of_their_own_dates():
    facts = events_of("On March 11, 2019, Foo announced that it has called a special meeting of its shareholders "
                      "to be held on April 9, 2019.")
    assert sorted(f[0] for f in facts) == ["2019-03-11", "2019-04-09"], facts
    # an appointment with no date words is the news of the day; its start is the planned fact
    facts = events_of("Foo has appointed Jane Roe as CEO of its Asian business from September.")
    assert sorted(f[0] for f in facts) == ["2019-03-15", "2019-09"], facts


def test_the_effective_date_of_an_appointment_dates_the_one_appointment():
    facts = events_of("Foo named Jane Roe as its chief executive, effective in September.")
    assert len(facts) == 1, facts


def test_explain_names_the_plan_rule(explained):
    out = explained("Norvale Telecom has appointed Jane Roe as CEO of its Asian business from September.", "2019-03-15")
    blocks = out.split("\n\n")
    assert len(blocks) == 2, out
    assert any("fact     a fact of its own by rule plan.scheduled" in b for b in blocks), out


def test_a_share_move_and_the_act_that_moved_it_are_two_facts():
    facts = events_of("Shares of Foo jumped 27% on Friday after the company agreed to be acquired by Bar for $1.7 billion.")
    assert ("2019-03-15", "market_data", ("Foo", "Bar")) in facts, facts
    # the act is the buyer's (GUIDELINES settled cases: a divestment lists the buyer first)
    assert ("2019-03-15", "acquisition", ("Bar", "Foo")) in facts, facts
    assert len(facts) == 2, facts


def test_a_share_move_with_no_act_after_it_is_one_fact():
    assert len(events_of("Shares of Foo fell 6% on Friday as investors digested the results.")) == 1


def test_the_act_after_a_share_move_is_the_buyers_with_a_title_of_its_own(explained):
    out = explained("Shares of Norvale Telecom jumped 27% on Friday after the carrier agreed to be acquired by "
                    "Kestrel Mining for $1.7 billion.", "2019-03-15")
    (act,) = [b for b in out.split("\n\n") if "[acquisition]" in b]
    assert act.split("  ")[1] == "Kestrel Mining; Norvale Telecom", out
    assert "Norvale Telecom agreed to be acquired by Kestrel Mining for $1.7 billion" in act.splitlines()[0], act
    assert "fact     a fact of its own by rule cause.after" in act, act


def test_a_share_move_after_a_result_is_two_facts():
    # GUIDELINES "One event per fact": the share move of its day and the result of its period
    found = events_of("Foo shares tumbled 13.1% in morning trading on Tuesday after the company reported "
                      "weaker than expected results for the fourth quarter of 2018.")
    assert ("2019-03-12", "market_data", ("Foo",)) in found, found
    assert any(d == "2018-Q4" for d, _, _ in found), found


def test_the_act_of_another_company_in_an_after_clause_is_its_own_fact():
    found = events_of("Shares of Foo fell 11% on Tuesday after Bar announced it was selling 14.5 million shares in the group.")
    assert {c[0] for _, _, c in found} == {"Foo", "Bar"}, found
    assert next(t for _, t, c in found if c[0] == "Foo") == "market_data", found


def test_a_share_move_that_an_act_caused_is_its_own_fact():
    found = events_of("Foo reported a quarterly profit of $2 million on Thursday, sending its shares up 4.2 percent.")
    assert sorted(t for _, t, _ in found) == ["financial_results", "market_data"], found
    # the share move is Thursday's (the day its clause's act was told), never the quarter's; the
    # result is of the quarter (last_period_reported) or of the day, as the date model reads it
    assert ("2019-03-14", "market_data", ("Foo",)) in found, found
    assert {d for d, t, _ in found if t == "financial_results"} <= {"2019-03-14", "2018-Q4"}, found


def test_each_fact_of_a_clause_of_reaction_takes_its_own_clauses_date():
    # a result of a half reported on Tuesday: the half's result and Tuesday's share move
    found = events_of("Foo posted a first-half loss of $30 million on Tuesday, knocking its shares down 8 percent.")
    assert ("2019-03-12", "market_data", ("Foo",)) in found, found
    assert not any(t == "market_data" and d != "2019-03-12" for d, t, _ in found), found
    # a clause with a day of its own keeps it; the main fact keeps the main clause's
    found = events_of("Foo reported a quarterly profit of $2 million on Wednesday, sending its shares up 4.2 percent on Thursday.")
    assert ("2019-03-14", "market_data", ("Foo",)) in found, found
    # the result told on Wednesday keeps Wednesday (typed as its announcement there, kinds.announced_on_the_day)
    assert {d for d, t, _ in found if t != "market_data"} == {"2019-03-13"}, found
    assert {t for d, t, _ in found if d != "2019-03-14"} <= {"financial_results", "statement"}, found
    # counterexamples: a main clause with no day lends none (the act's year dates the move)
    found = events_of("Foo bought Bar in 2015, sending its shares up 30%.")
    assert {d for d, _, _ in found} == {"2015"}, found
    rule = rules()["cause.shares"]
    moved = facts_found(rule, "Foo reported a quarterly profit on Thursday, sending its shares up 4.2 percent.")[1]
    assert moved.date.date.value == "2019-03-14" and moved.borrowed, moved
    moved = facts_found(rule, "Foo bought Bar in 2015, sending its shares up 30%.")[1]
    assert moved.date is None, moved


def test_explain_names_the_rule_of_the_clause_of_cause():
    from tracker.ingest.pipeline import extract as extract_
    text = "Foo reported a better-than-expected quarterly profit on Thursday, sending its shares up 4.2 percent.\n"
    _, _, traces = extract_(text, "t.txt", registry(), [], published=PUBLISHED, explain=True)
    assert any(t.get("fact_rule") == "cause.shares" for t in traces), traces


def test_an_act_added_with_also_is_its_own_fact():
    found = events_of("Foo has closed a $125 million funding round on Tuesday, while also rebranding to Fooma and "
                      "launching operations in Ghana.")
    assert len(found) == 2 and len({t for _, t, _ in found}) == 2, found
    # a clause of the same fact's figures adds no act
    assert facts_found(rules()["cause.also"], "Foo reported a record profit of $2 billion for 2018, with revenue rising 5%.") == []
