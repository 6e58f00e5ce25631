"""The persons an event names (tracker/ingest/people.py), and two people's changes told apart."""

from __future__ import annotations


def test_a_given_name_opening_a_capitalised_run_names_a_person(found_events):
    events = found_events("Tolvane names new chief\nTolvane Motors Corp on Friday named Greg Brown as its chief executive.\n",
                          "2007-11-30")
    assert [e["people"] for e in events] == [["Greg Brown"]]


def test_a_company_that_a_given_name_opens_is_no_person(found_events):
    events = found_events("Bank news\nMorgan Stanley Inc said on Friday it had appointed a new board.\n", "2007-11-30")
    assert events and all("Morgan Stanley" not in e["people"] for e in events)


def test_two_peoples_changes_told_in_two_sentences_are_two_events(found_events):
    events = found_events("Tolvane changes its chief\nTolvane Motors Corp said on Friday that its chief executive Ed Zander "
                          "was stepping down.\nTolvane Motors Corp named Greg Brown, its president, as chief executive on "
                          "Friday.\n", "2007-11-30")
    leadership = [e for e in events if e["type"] == "leadership"]
    assert sorted(p for e in leadership for p in e["people"]) == ["Ed Zander", "Greg Brown"]
    assert len(leadership) == 2
