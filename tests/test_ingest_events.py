"""The event decision of ingest through ``tracker.ingest.pipeline.extract``, on articles written
for these tests (GUIDELINES "What is an event", "One event per fact"): a fact told twice is one
event with two sources, a sentence that dates two facts gives two events, standing facts and
opinions give none."""

from __future__ import annotations

from datetime import date

from tracker.ingest.pipeline import extract
from tracker.registry import Registry

PUBLISHED = date(2024, 3, 8)  # a Friday: "on Tuesday" is 2024-03-05


def _events(text: str, explain: bool = False):
    found = extract(text, "t.txt", Registry([]), published=PUBLISHED, explain=explain)
    return found if explain else found[0]


RETOLD = ("Norvale Telecom buys Kestrin\n\n"
          "Norvale Telecom said on Tuesday it had agreed to buy Kestrin Networks for $200 million. "
          "The deal values Kestrin at twice its sales. "
          "Norvale Telecom agreed on Tuesday to buy Kestrin Networks, the companies said, and the purchase "
          "is expected to close in June.\n")


def test_a_fact_told_twice_is_one_event_with_two_sources():
    events = _events(RETOLD)
    deals = [e for e in events if e.type == "acquisition" and e.date.value == "2024-03-05"]
    assert len(deals) == 1
    quotes = [s.quote for s in deals[0].sources]
    assert quotes[0].startswith("Norvale Telecom said on Tuesday")  # the first telling is the quote
    assert any(q.startswith("Norvale Telecom agreed on Tuesday") for q in quotes[1:])
    keys = [(e.companies[0], e.type, e.date.value) for e in events]
    assert len(keys) == len(set(keys))


def test_merging_keeps_explain_traces_in_step_with_events():
    events, _, traces = _events(RETOLD, explain=True)
    assert len(traces) == len(events)
    assert all("event" in t for t in traces)


def test_a_sentence_that_dates_two_facts_gives_two_events():
    events = _events("Norvale cuts jobs\n\nNorvale Telecom, which bought Kestrin Networks in 2015, said on "
                     "Tuesday it would cut 500 jobs.\n")
    assert {e.date.value for e in events} == {"2015", "2024-03-05"}
    assert len({e.sources[0].quote for e in events}) == 1


def test_a_sentence_with_one_date_gives_one_event():
    events = _events("Norvale hires\n\nNorvale Telecom said on Tuesday it had hired 300 engineers for its "
                     "network unit.\n")
    assert [e.date.value for e in events] == ["2024-03-05"]


def test_standing_facts_and_opinions_are_no_events():
    events = _events("Norvale profile\n\nNorvale Telecom operates in 12 countries and employs about 9,000 people. "
                     "Analysts think the market is crowded.\n")
    assert events == []


def test_a_date_in_parentheses_that_restates_a_vague_one_gives_one_event():
    # published 2024-03-08: "recently" alone is 2024; the writer's "(December 2023)" makes it precise
    events = _events("Norvale cuts jobs\n\nNorvale Telecom recently (December 2023) cut 500 jobs at its plant "
                     "in Ohio.\n")
    assert [e.date.value for e in events] == ["2023-12"]
    # a comparison in parentheses is no restatement: the sentence's own date stays
    events = _events("Norvale results\n\nNorvale Telecom said on Tuesday its revenue rose to $5 million in "
                     "2023 (2022: $4 million).\n")
    assert "2022" not in {e.date.value for e in events}
