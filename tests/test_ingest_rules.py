"""Rules of tracker.ingest, each on small wire-style articles written for these tests."""

from __future__ import annotations

from datetime import date

from tests.test_ingest import NEWS, quotes_are_verbatim, registry, run
from tracker.ingest import extract
from tracker.temporal import tag


def _by_quote(events, start: str):
    return [e for e in events if e.sources[0].quote.lstrip(" •").startswith(start)]


# -- idempotency and new companies ---------------------------------------------------------------


def test_same_events_whether_or_not_the_new_companies_already_joined_the_registry():
    text = (NEWS / "new_companies.txt").read_text(encoding="utf-8")
    reg = registry()
    first, new = extract(text, "n.txt", reg, [])
    assert new  # they joined reg
    second, again = extract(text, "n.txt", reg, [])
    assert again == []
    assert [(e.id, e.companies) for e in first] == [(e.id, e.companies) for e in second]


def test_new_companies_need_a_company_suffix_or_an_apposition_and_are_no_people_or_places():
    _, _, new = run("new_companies.txt")
    names = [row["name"] for row in new]
    assert "Kestrel Photonics" in names and "Solvane Systems" in names
    for wrong in ("Lina Okafor Brandt", "San Jose", "Metropolitan Area Networks", "Promotion Group", "CC",
                  "Big Data Company", "Vexa", "Telara"):
        assert wrong not in names


# -- the tagger on undated and quoted text -------------------------------------------------------


def test_a_count_is_no_year_and_without_a_publication_date_a_month_day_is_not_guessed():
    found = [(t.text, t.value) for t in tag("Acme sold 1916 phones in the first week. On 18 April, it signed a deal.")]
    assert found == [("18 April", "XXXX-04-18")]
    found = [(t.text, t.value) for t in tag("In 2012, Acme signed a deal on 18 April.")]
    assert found == [("2012", "2012"), ("18 April", "2012-04-18")]


def test_a_quotation_in_the_future_does_not_move_a_past_weekday_forward():
    text = "“We will deliver the first units next year,” said the chief executive of a start-up, on Wednesday."
    values = {t.text: t.value for t in tag(text, date(2017, 9, 14))}
    assert values["Wednesday"] == "2017-09-13"


# -- what is an event, and its date ----------------------------------------------------------------


def test_followups_plans_and_standing_facts_are_no_events():
    text, events, _ = run("followups.txt")
    quotes_are_verbatim(text, events)
    for skipped in ("Acme Networks noted that", "Currently,", "Acme Networks has been expanding",
                    "Borealis Telecom should", "Acme Networks will deploy"):
        assert not _by_quote(events, skipped), skipped


def test_undated_bullets_take_the_date_of_the_lead_sentence_and_recently_is_the_year():
    _, events, _ = run("followups.txt")
    lead = _by_quote(events, "HELSINKI")
    assert lead and lead[0].date.value == "2017-09-12"  # "on Tuesday" before Thursday 14 September
    (bullet,) = _by_quote(events, "Acme Networks delivered")
    assert bullet.date.value == lead[0].date.value
    (recent,) = _by_quote(events, "Acme Networks recently")
    assert recent.date.value == "2017" and recent.type == "expansion"


def test_a_founding_date_is_its_own_event_not_the_date_of_the_launch():
    _, events, _ = run("followups.txt")
    found = _by_quote(events, "Acme Networks, founded in 1998")
    assert {(e.date.value, e.type) for e in found} == {("2017-09-12", "product_launch"), ("1998", "other")}


def test_a_framework_agreement_is_a_partnership_unless_it_has_a_price():
    _, events, _ = run("followups.txt")
    (deal,) = _by_quote(events, "Borealis Telecom and Acme Networks announced a framework agreement")
    assert deal.type == "partnership"
    body = "OSLO, 05 JUN 2017 - Acme Networks signed a EUR 20 million framework agreement with Borealis Telecom.\n"
    _, events, _ = run("priced.txt", body)
    assert events[0].type == "contract"


def test_a_publication_date_known_only_from_outside_dates_nothing_the_text_does_not():
    text = "Acme Networks expands\n\nAcme Networks opened a research centre in Oulu.\n"
    facts = [{"doc": "o.txt", "title": "Acme Networks expands", "published": "2018-01-22", "basis": "outside"}]
    events, _ = extract(text, "o.txt", registry(), facts)
    assert [e.date.value for e in events] == [None]
