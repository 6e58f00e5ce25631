"""The trigger lexicon (tracker/ingest/triggers.py, data/type_triggers.json): each example's main
clause gives its trigger, no counterexample's does; asides do not count; --explain names it."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.ingest.pipeline import extract
from tracker.ingest.triggers import clause_trigger, lexicon, without_asides
from tracker.registry import Registry

from tests.knowledge import assert_well_formed, example_cases

TRIGGERS = lexicon()["triggers"]


def _subject_end(text: str) -> int:
    """The examples are written with the subject "Foo" (or "Foo's ...")."""
    at = text.index("Foo")
    return at + len("Foo's") if text.startswith("Foo's", at) else at + len("Foo")


@pytest.mark.parametrize("trigger, text, fires", list(example_cases(TRIGGERS)))
def test_trigger_examples(trigger, text, fires):
    found = clause_trigger(text, _subject_end(text))
    assert (found is not None and found.id == trigger["id"]) == fires, found


def test_every_trigger_has_an_id_a_type_examples_and_counterexamples():
    assert_well_formed(TRIGGERS)


def test_asides_are_blanked_and_offsets_kept():
    text = "Foo, which bought Bar in 2015, launched a phone (its first) on Tuesday."
    bare = without_asides(text)
    assert len(bare) == len(text)
    assert "bought" not in bare and "its first" not in bare and "launched a phone" in bare


def test_an_aside_that_ends_with_a_list_of_names_runs_to_the_comma_after_the_list():
    text = "Kestrel Foods, the owner of Alder, Birch Grill and Cedar, bought a bakery on Monday."
    bare = without_asides(text)
    assert "Birch" not in bare and "Cedar" not in bare and "bought a bakery" in bare
    # a list that is the main clause's object is no aside: the verb after the comma is lower case
    text = "Kestrel Foods, the owner of Alder, bought Birch Grill and Cedar, its rivals."
    assert "bought Birch Grill and Cedar" in without_asides(text)


def test_a_phrase_that_opens_the_sentence_with_what_the_act_follows_is_an_aside():
    text = "On the heels of its bankruptcy filing, Kestrel Foods said on Thursday it will stop making meals."
    assert without_asides(text).lstrip().startswith("Kestrel Foods said")
    assert clause_trigger(text, 0).id == "say"
    # a date that opens the sentence dates its act; a clause after "After" tells an act of its own
    for kept in ("In 2019, Kestrel Foods bought Alder.", "After Alder was fined in 2016, Kestrel Foods sued it."):
        assert without_asides(kept) == kept


def test_the_clause_after_the_subject_decides_not_the_first_trigger_of_the_sentence():
    text = "Foo, which bought Bar in 2015, launched a phone on Tuesday."
    assert clause_trigger(text, 3).id == "launch"
    assert clause_trigger(text, 0).id == "launch"  # the relative clause is an aside either way
    assert clause_trigger("Foo said on Monday it would cut 1,200 jobs.", 3).id == "say"


def test_explain_names_the_trigger_of_the_main_clause(explained):
    # the verb of saying passes to the act it reports: an announced acquisition is an acquisition
    out = explained("Acme Networks said on Tuesday it had agreed to buy Borealis Telecom for $2 billion.", "2019-03-07")
    assert "trigger: acquire (acquisition)" in out and "[acquisition]" in out, out
    # a saying that reports no act of a trigger stays the statement's
    out = explained("Acme Networks said on Tuesday it was confident about the year ahead.", "2019-03-07")
    assert "trigger: say (statement)" in out, out


def test_the_trigger_is_in_the_trace():
    text = "Harlow Motors Corp., which bought Ferrand Parts Inc. in 2015, launched an electric van on Tuesday.\n"
    events, _, traces = extract(text, "t.txt", Registry([]), published=date(2024, 3, 8), explain=True)
    assert events and traces[0]["type"]["trigger"] == "launch"
