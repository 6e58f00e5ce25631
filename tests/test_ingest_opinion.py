"""Precision on news and opinion text: sentences that name a company and have a verb but report no
event (tests/fixtures/news/opinion.txt, a wire-style article written for these tests)."""

from __future__ import annotations

import pytest

from tests.test_ingest import quotes_are_verbatim, run
from tracker.ingest.classify import not_event_cue, present_state


def _quotes(events):
    return [e.sources[0].quote for e in events]


@pytest.fixture(scope="module")
def article():
    text, events, _ = run("opinion.txt")
    quotes_are_verbatim(text, events)
    return events


def _has(events, start: str) -> bool:
    return any(q.startswith(start) for q in _quotes(events))


def test_the_acts_of_the_article_are_kept(article):
    assert _has(article, "OSLO, 21 NOV 2017 (Reuters) - Acme Networks signed")
    assert _has(article, "Borealis Telecom has launched a video service")  # the perfect: something done


@pytest.mark.parametrize("start", [
    "Acme Networks has literally reshaped",       # hedge: the author's argument
    "When Borealis Telecom denied the claims",    # lead-in: ends in a colon
    "“We see the potential",                      # a quotation naming companies, said by a person
    "Mr. Hansen said he did not believe",         # a private person's view
    "Acme Networks actively engaged in",          # a continuing effort, no act
    "Borealis Telecom is also challenged by",     # present-tense state
    "The Acme Networks platform serves as",       # present-tense state
    "Borealis Telecom, Acme Networks and their",  # present-tense standing figure, no date
    "The expanded Borealis Telecom board now",    # "now" dates no act: how things stand
])
def test_commentary_views_efforts_and_states_are_no_events(article, start):
    assert not _has(article, start)


def test_not_event_cue_reasons():
    assert not_event_cue("The dispute was reported by Caixin:") == "lead-in"
    assert not_event_cue("Acme is arguably the strongest vendor.") == "hedge"
    assert not_event_cue("Acme made full efforts to build a data-based product system.") == "effort"
    assert not_event_cue("Ms. Berg, a student in Oslo, said she no longer trusted Acme.") == "person-view"
    # an act next to the effort words, or a person reporting an act, is still an event
    assert not_event_cue("Acme actively engaged in talks and signed a deal with Borealis.") is None
    assert not_event_cue("Mr. Berg said Acme signed a deal with Borealis.") is None
    assert not_event_cue("Acme signed a deal with Borealis on Monday.") is None


def test_present_state_is_the_main_verb_not_a_word_of_a_clause():
    assert present_state("Unicom has been under huge pressure from rivals.")
    assert present_state("It has a daily processing capacity of 710 billion entries.")
    assert present_state("In China, Baidu, Alibaba and Tencent account for 80% of the market.")
    assert not present_state("Acme has altogether deployed 41 resource pools.")
    assert not present_state("Acme is being sued by a consumer group that claims it collected data.")
    assert not present_state("Camtel states that to date it has deployed 8,000 km of fibre that covers 10 towns.")
    assert not present_state("Launched 95 products, to satisfy customers' diverse needs.")
    assert not present_state("Acme, which serves 20 cities, signed a deal.")
    assert not present_state("The government is now requesting seats on the boards of Acme and Borealis.")
    assert present_state("The expanded Acme board now includes two executives of Borealis.")
