"""One financial_results event per company and period (GUIDELINES "Settled cases": segment
figures, revenue, profit and margins of the period fold into it), a year's as well as a quarter's;
other facts dated only to a year stay apart (an annual report tells many of them "in 2019")."""

from __future__ import annotations

from datetime import date

from tracker.ingest.pipeline import extract
from tracker.registry import Registry

ROWS = [{"name": "Acme Networks", "aliases": ["Acme"], "parent": None},
        {"name": "Borealis Telecom", "aliases": ["Borealis"], "parent": None}]


def events_of(text: str):
    events, _ = extract(text, "t.txt", Registry([dict(r, aliases=list(r["aliases"])) for r in ROWS]), [],
                        published=date(2020, 3, 2))
    return [(e.date.value, e.type, e.companies[0], len(e.sources)) for e in events]


def test_a_years_results_told_in_two_sentences_are_one_event():
    found = events_of("Acme Networks reported a net profit of $52 million for 2019, up 8% from a year earlier. "
                      "Acme Networks' revenue rose 12% to $610 million in 2019.")
    assert found == [("2019", "financial_results", "Acme Networks", 2)]


def test_two_companies_results_of_one_year_stay_two_events():
    found = events_of("Acme Networks reported a net profit of $52 million for 2019. "
                      "Borealis Telecom's revenue rose 12% to $610 million in 2019.")
    assert found == [("2019", "financial_results", "Acme Networks", 1), ("2019", "financial_results", "Borealis Telecom", 1)]


def test_other_acts_of_one_year_stay_apart():
    found = events_of("Acme Networks launched a new router in 2019. Acme Networks bought a small software maker in 2019.")
    assert found == [("2019", "product_launch", "Acme Networks", 1), ("2019", "acquisition", "Acme Networks", 1)]
