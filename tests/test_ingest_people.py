"""The persons an event names (tracker/ingest/people.py), two people's changes told apart, and session 11's name and date facts through the CLI."""

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


def test_ordinary_words_short_forms_quarters_and_codes_as_a_user_sees_them(found_events):
    """Session 11's name and date facts through ingest: an ordinary word at a sentence start is no
    company, a name without its trailing company words is the same company, the March quarter
    read in January is the one under way, and a Reuters code leaves the title (at 2d97ab5:
    "Inflation" a company, 2019-Q1, "Tolvane Power 9502.T said ...")."""
    events = found_events(
        "Voltra results\n"
        "Inflation increased 3 percent in December, the statistics office said on Monday.\n"
        "Voltra Batteries International broke ground on a plant in Hungary on Monday.\n"
        "Voltra Batteries expects revenue of $2 billion for the March quarter.\n"
        "Tolvane Power Co 9502.T said on Monday it would appeal the fine.\n", "2020-01-28")
    companies = {c for e in events for c in e["companies"]}
    assert "Inflation" not in companies and "Voltra Batteries" not in companies
    assert "Voltra Batteries International" in companies
    assert any(e["date"] == "2020-Q1" for e in events if "Voltra Batteries International" in e["companies"])
    assert all("9502.T" not in e["title"] for e in events) and any("Tolvane Power" in e["companies"] for e in events)
