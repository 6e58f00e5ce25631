"""Forms of real news pages met in session 18 (bench/README "Probing real pages, session 18"),
driven through ``tracker ingest FILE --published DAY --dry-run -f jsonl`` as a user runs it. The
texts are written for these tests (fictional companies), each in the form a real page had."""

from __future__ import annotations


def _companies(events: list[dict]) -> set[str]:
    return {name for e in events for name in e["companies"]}


def _quoting(events: list[dict], start: str) -> list[dict]:
    return [e for e in events if e["sources"][0]["quote"].startswith(start)]


def test_a_pages_copyright_notice_and_publication_stamp_are_no_events(found_events):
    events = found_events("Kestrel Foods cuts jobs\n\n"
                          "Published on 3/23/2020 in the Northfield Loan Daily.\n\n"
                          "Kestrel Foods Inc. said on Monday it had cut 300 jobs.\n\n"
                          "Copyright (c) 2020 Dunmore Jones & Company, Inc.\n", "2020-03-24")
    assert _quoting(events, "Kestrel Foods Inc. said")
    assert not _quoting(events, "Published on") and not _quoting(events, "Copyright")


def test_a_capitalised_preposition_inside_a_sentence_opens_a_company_name(found_events):
    events = found_events("Shares of Under Harbor Inc. rose 21% on Tuesday after the apparel maker raised its "
                          "full-year guidance.\n", "2018-10-30")
    assert "Under Harbor" in _companies(events) and "Harbor" not in _companies(events)


def test_a_span_of_months_dates_its_quarter_and_is_no_company(found_events):
    events = found_events("Kestrel Contracts Ltd won an order worth $70 million on Monday.\n\n"
                          "In its quarterly earnings for January-March, the company reported a 17% rise in net profit "
                          "during the quarter.\n", "2024-07-05")
    results = _quoting(events, "In its quarterly earnings")
    assert results and {e["date"] for e in results} == {"2024-Q1"}
    assert "January-March" not in _companies(events)
    # the opening phrase before "the company" is left out of the title
    assert results[0]["title"].startswith("Kestrel Contracts reported")


def test_a_name_beside_its_owners_product_noun_is_a_product(found_events):
    events = found_events("Orvane Therapeutics Inc said the regulator had approved Velmora, its drug for treating "
                          "migraine.\n\nVelmora is a tablet taken once a day.\n", "2015-01-08")
    assert events and "Velmora" not in _companies(events)


def test_an_opening_phrase_of_what_the_act_follows_is_left_out_of_its_title(found_events):
    events = found_events("On the heels of its bankruptcy filing, Kestrel Foods Inc. said on Thursday it will stop "
                          "making frozen meals this year.\n", "2012-02-09")
    assert events and all(e["title"].startswith(("Kestrel Foods", "Planned: Kestrel Foods")) for e in events), events


def test_analysts_estimates_are_no_events(found_events):
    events = found_events("Kestrel Foods Inc. reported a quarterly profit of $1.25 billion on Thursday.\n\n"
                          "Analysts surveyed by Dunmore Data had estimated the latest per-share number at $1.85.\n\n"
                          "Analysts on average in the Dunmore survey forecast $10.72 billion for the latest quarter.\n",
                          "2020-06-25")
    assert _quoting(events, "Kestrel Foods Inc. reported")
    assert not _quoting(events, "Analysts")


def test_the_company_is_not_a_bank_named_late_in_the_sentence_before(found_events):
    events = found_events("Kestrel Chemie announced Friday it has signed an agreement to acquire Orvane Materials "
                          "for $6 billion.\n\n"
                          "The deal will be financed with cash on hand and debt via a facilities agreement with "
                          "Harlow Bank Ltd, Birch Capital and Cedar Bank.\n\n"
                          "The company initiated a hostile takeover after Orvane initially stated it was not "
                          "interested in a deal.\n", "2019-04-12")
    assert events and not [e for e in events if e["companies"][0] == "Harlow Bank"], events
