"""Kinds of sentence the guidelines do or do not count as events (tracker/ingest/event_cues.py,
data/event_cues.json): each cue's examples hold it and its counterexamples do not; the cues are
features of the event decision, and ``--explain`` names them on the event line."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tracker.ingest import split_articles
from tracker.ingest.pipeline import company_mentions, read_article
from tracker.registry import Registry

from tracker.ingest.event_cues import WEIGHT, cue_entries, event_cues, unquoted
from tracker.ingest.features import sentence_features

from tests.knowledge import example_cases

CUES = list(cue_entries())


@pytest.mark.parametrize("cue, text, fires", list(example_cases(CUES)))
def test_event_cue_examples(cue, text, fires):
    assert (cue["id"] in event_cues(text)) == fires, event_cues(text)


def test_every_cue_has_an_id_a_direction_a_fact_examples_and_counterexamples():
    ids = [c["id"] for c in CUES]
    assert len(ids) == len(set(ids))
    for cue in CUES:
        assert cue["says"] in ("event", "no event"), cue["id"]
        assert cue["fact"] and cue["examples"] and cue["counterexamples"], cue["id"]


def test_an_analysts_first_person_is_read_outside_quotes_only():
    # a chief executive's "we expect" inside a quote is the company's outlook, not an analyst's note
    quoted = '"We expect to sell 2 million phones in 2026," said Jane Roe, Foo\'s chief executive.'
    assert "view.analyst" not in event_cues(quoted)
    assert unquoted(quoted).strip().startswith("said Jane Roe")
    assert "view.analyst" in event_cues("We expect Foo to sell 2 million phones in 2026.")


def view_of(text: str):
    """The sentence view of a one-sentence text, as ingest reads it (Foo a known company)."""
    text += "\n"
    articles = [replace(a, published=date(2025, 6, 2), basis="option") for a in split_articles(text, "t.txt", [])]
    registry = Registry([{"name": "Foo", "aliases": [], "parent": None}])
    mentions, _ = company_mentions(text, articles, registry)
    (view,) = read_article(text, articles[0], mentions[articles[0].offset])
    return view


def test_the_cues_are_features_of_the_sentence_at_their_weight():
    feats = sentence_features(view_of("Foo plans to open 20 stores by 2027."))
    assert feats["ev=plan.own"] == WEIGHT
    assert not any(name.startswith("ev=") for name in sentence_features(view_of("Foo opened 20 stores in 2024.")))


def test_a_cue_that_only_decides_is_no_feature():
    feats = sentence_features(view_of("November 2019 might mark when Nigeria turned into a payments hub."))
    assert "subject.place_or_period" in event_cues("November 2019 might mark when Nigeria turned into a payments hub.")
    assert not any(name.startswith("ev=subject") for name in feats)


def test_the_type_decision_leaves_the_cues_out():
    from tracker.ingest.kinds import type_features
    view = view_of("Foo plans to open 20 stores by 2027.")
    assert "ev=plan.own" in sentence_features(view)
    assert not any(name.startswith("ev=") for name in type_features(view))


def test_explain_names_the_event_cues_of_the_sentence(explained):
    out = explained("Kestrel Mining intends to invest $3 billion in two new mines by 2030.", "2025-06-02")
    event_line = next(line for line in out.splitlines() if line.strip().startswith("event "))
    assert "event cues: plan.own" in event_line


def test_an_analysts_note_is_no_event_and_the_companys_own_plan_is(found_events):
    events = found_events("Kestrel Mining intends to invest $3 billion in two new mines by 2030.\n\n"
                          "We raised our fair value estimate for Kestrel Mining to $41 from $38 after its results.\n",
                          "2025-06-02")
    quotes = [e["sources"][0]["quote"] for e in events]
    assert any(q.startswith("Kestrel Mining intends") for q in quotes), quotes
    assert not any(q.startswith("We raised our fair value") for q in quotes), quotes


def test_a_page_stamp_and_an_economys_figure_decide_alone_that_a_sentence_tells_no_event():
    from tracker.ingest.pipeline import no_event_by_cue
    assert no_event_by_cue(view_of("Updated 14 November 2018"))
    assert no_event_by_cue(view_of("Inflation increased 3 percent in May."))
    # a sentence that names a company leaves the economy's words to the event model
    assert not no_event_by_cue(view_of("Foo's exports rose 12% in 2024."))
    assert not no_event_by_cue(view_of("Foo opened a plant in Ohio on Monday."))


def test_a_standing_holding_decides_alone_only_when_the_sentence_names_no_date():
    from tracker.ingest.pipeline import no_event_by_cue
    assert no_event_by_cue(view_of("Foo owns 49% of the company."))
    assert no_event_by_cue(view_of("The venture is 26% owned by Foo."))
    # with its date the holding is a dated figure: the event model reads it
    assert not no_event_by_cue(view_of("Foo owned 49% of the company as of June 30, 2024."))
    assert not no_event_by_cue(view_of("Foo owns 49% of the company as of June 30, 2024."))
    assert not no_event_by_cue(view_of("Foo now owns 49% of the company."))


def _assert_quotes(events: list[dict], kept: tuple[str, ...], dropped: tuple[str, ...]) -> None:
    """Each of ``kept`` opens the source sentence of an event ``found_events`` gave; none of
    ``dropped`` opens any."""
    quotes = [e["sources"][0]["quote"] for e in events]
    for start in kept:
        assert any(q.startswith(start) for q in quotes), (start, quotes)
    assert not any(q.startswith(dropped) for q in quotes), quotes


def test_the_article_company_is_not_given_a_page_stamp_or_an_economys_figure(found_events):
    events = found_events("Kestrel Mining opened a copper mine in Chile on Monday.\n\n"
                          "Updated 14 November 2018\n\n"
                          "Inflation increased 3 percent in May, the statistics office said on Tuesday.\n",
                          "2025-06-05")
    _assert_quotes(events, ("Kestrel Mining opened",), ("Updated", "Inflation"))


def test_the_article_company_is_not_given_a_countrys_or_a_years_story(found_events):
    events = found_events("Pilvora raises $40 million\n\nPilvora, a Lagos-based payments start-up, said on Monday "
                          "it had raised $40 million.\n\nNovember 2019 might mark when Nigeria turned into a "
                          "payments hub.\n\nKenya was slower to follow in 2020.\n\nIn November 2019, the company "
                          "opened an office in Nairobi.\n", "2020-03-04")
    _assert_quotes(events, ("Pilvora, a Lagos", "In November 2019, the company"), ("November 2019 might", "Kenya was"))


def test_a_stock_indexs_move_is_no_event_of_the_articles_company(found_events):
    events = found_events("Tokyo shares fall as Kestrel Optics disappoints\n\nKestrel Optics Inc. tumbled 5.3 percent "
                          "on Wednesday after cutting its profit forecast.\n\nThe Topix index fell 0.5 percent to "
                          "1,384.30 at the close in Tokyo.\n\nThe Nikkei 225 Stock Average retreated 0.4 percent.\n",
                          "2016-04-27")
    _assert_quotes(events, ("Kestrel Optics Inc. tumbled",), ("The Topix", "The Nikkei"))
    assert not any("Average" in e["companies"] for e in events)


def test_a_countrys_companies_as_a_whole_are_no_event_of_one_company(found_events):
    events = found_events("September roundup: African start-ups raise $138M\n\nIn September, African start-ups "
                          "collectively raised $138 million in deals exceeding $100,000.\n\nThough slightly below the "
                          "monthly average, 61 start-ups announced fundraising.\n\nAnother Egyptian fintech, Pilvora, "
                          "closed a $22 million extension to its Series B round in September.\n", "2024-10-07")
    _assert_quotes(events, ("Another Egyptian fintech",), ("In September, African", "Though slightly"))


def test_a_long_line_of_figures_is_read_in_linear_time():
    # the stamp's pattern once took 6 s for 20 figures and a word (each "12.3" read two ways)
    import time
    line = " ".join(["12.3"] * 3000)
    started = time.perf_counter()
    assert "page.stamp" not in event_cues(line + " total")
    assert "page.stamp" in event_cues(line)
    assert time.perf_counter() - started < 1.0


def test_a_negated_act_is_no_event_and_a_denial_is_a_statement(found_events):
    events = found_events("Orvane Power did not file for bankruptcy on Monday, its chief executive said.\n\n"
                          "Veltrix Corp has not agreed to the offer.\n\n"
                          "No deal was reached on Friday between Veltrix Corp and Orvane Power.\n\n"
                          "Veltrix Corp declined to comment on Wednesday.\n\n"
                          "Veltrix Corp denied on Thursday that it planned to sell its chip unit.\n",
                          "2021-03-05")
    quotes = [e["sources"][0]["quote"] for e in events]
    assert [q for q in quotes if q.startswith("Veltrix Corp denied")], quotes
    assert all(q.startswith("Veltrix Corp denied") for q in quotes), quotes


NEWS_OF_THE_DAY = ("Eye drug cleared for US market\n\n"
                   "Shares of Velandor Therapeutics rose sharply as investors cheered the news.\n\n"
                   "The FDA approved the company's Lumivex drug for geographic atrophy, a leading cause of blindness.\n\n"
                   "The drug is the first treatment for the condition, which affects about a million people.\n\n"
                   "Velandor Therapeutics had launched an earlier drug in Europe.\n\n"
                   "Velandor Therapeutics acquired a small biotech firm in Boston.\n")


def test_an_undated_act_told_in_the_simple_past_at_the_opening_is_the_news_of_the_day(found_events):
    # the approval had been below the event threshold (p .22: no date, a company named before)
    events = found_events(NEWS_OF_THE_DAY, "2023-02-20")
    approval = [e for e in events if e["sources"][0]["quote"].startswith("The FDA approved")]
    assert approval and approval[0]["date"] == "2023-02-20" and approval[0]["companies"][0] == "Velandor Therapeutics"


def test_the_news_of_the_day_is_decided_only_at_the_opening_and_with_no_date():
    from tracker.ingest.pipeline import news_of_the_day
    assert news_of_the_day(view_of("Foo was fined £500,000 by the regulator for failing to protect customer data."))
    assert news_of_the_day(view_of("The regulator fined Foo £500,000."))
    assert not news_of_the_day(view_of("Foo was fined £500,000 by the regulator in 2019."))  # dated: the model's
    assert not news_of_the_day(view_of("The regulator fined a rival £500,000."))  # no company acts or is acted on
    assert not news_of_the_day(view_of("Foo had acquired a small bakery chain."))
    text = "Foo news\n\n" + "".join(f"Foo opened store number {n}.\n\n" for n in range(4)) + "Foo acquired a bakery.\n"
    articles = [replace(a, published=date(2025, 6, 2), basis="option") for a in split_articles(text, "t.txt", [])]
    mentions, _ = company_mentions(text, articles, Registry([{"name": "Foo", "aliases": [], "parent": None}]))
    late = read_article(text, articles[0], mentions[articles[0].offset])[-1]
    assert late.text.startswith("Foo acquired") and not news_of_the_day(late)  # down the article: background


def test_the_news_of_the_day_in_the_present_perfect_and_an_authoritys_act_on_the_articles_company(found_events):
    from tracker.ingest.pipeline import news_of_the_day
    assert news_of_the_day(view_of("Foo has completed its acquisition of a small bakery chain."))
    assert news_of_the_day(view_of("Foo is laying off 10 per cent of its workforce."))
    assert not news_of_the_day(view_of("Foo has previously acquired a small bakery chain."))
    assert not news_of_the_day(view_of("Foo is considering a sale of its bakery chain."))
    # a regulator's approval of a product named alone is the act on the article's company (a real
    # page's "FDA regulators have finally stamped an approval on <drug>" had given no event)
    events = found_events("Velandor Therapeutics shares jump on approval\n\n"
                          "For Velandor Therapeutics, the third try worked.\n\n"
                          "Regulators have finally stamped their approval on Lumivex, an eye drug for geographic "
                          "atrophy, after two rejections.\n", "2023-02-20")
    approval = [e for e in events if e["sources"][0]["quote"].startswith("Regulators have")]
    assert approval and approval[0]["companies"][0] == "Velandor Therapeutics" and approval[0]["date"] == "2023-02-20"
    # counterexample: the same act with no authority as its subject, and no company, is the model's
    events = found_events("Velandor Therapeutics shares jump on approval\n\n"
                          "For Velandor Therapeutics, the third try worked.\n\n"
                          "Doctors have finally given their approval to Lumivex, an eye drug for geographic "
                          "atrophy, after two rejections.\n", "2023-02-20")
    assert not [e for e in events if e["sources"][0]["quote"].startswith("Doctors have")]


def test_an_opening_quote_followed_only_by_a_long_attribution_is_all_a_quote():
    from tracker.ingest.pipeline import undated_quote
    # the speaker's name and roles had made the quote less than half the sentence (a real page's
    # '"This is an ecstatic moment for us," <company> President <name> told <newspaper>' had been a
    # statement event, p .30)
    assert undated_quote(view_of("“This is an ecstatic moment for us,” Foo President and Chief Operating Officer "
                                 "Jane M. Roe told The Daily Courier."))
    assert undated_quote(view_of('"It is a proud day," Jane Roe, executive vice president, Foo Nigeria, said.'))
    # counterexamples: a clause of its own after the attribution, a date, a quote that does not open the sentence
    assert not undated_quote(view_of("“This is a proud day,” Foo President Jane M. Roe told reporters after the board "
                                     "approved the sale of its Danish unit."))
    assert not undated_quote(view_of("“This is a proud day,” Foo President Jane M. Roe told reporters on Tuesday."))
    assert not undated_quote(view_of("Foo President Jane M. Roe told The Daily Courier that the sale of its unit was "
                                     "“a proud day” for the company."))


def test_a_deals_term_told_with_a_modal_decides_no_event_when_undated():
    from tracker.ingest.pipeline import no_event_by_cue
    assert no_event_by_cue(view_of("Foo may solicit alternative proposals during a 45-day go-shop period."))
    assert not no_event_by_cue(view_of("Foo may solicit alternative proposals until March 3, 2026."))
    assert not no_event_by_cue(view_of("Foo paid a $1 billion break-up fee after regulators blocked the deal."))


def test_an_undated_plan_of_the_company_decides_no_event_and_a_dated_one_is_the_models():
    from tracker.ingest.pipeline import no_event_by_cue
    assert no_event_by_cue(view_of("Foo expects to fund the transaction with cash on hand and new debt."))
    assert no_event_by_cue(view_of("Foo plans to hire about 6,000 new employees to support its network."))
    assert not no_event_by_cue(view_of("Foo plans to hire about 6,000 new employees by 2027."))
    assert not no_event_by_cue(view_of("Foo plans to invest $2 billion over the next five years."))
    assert not no_event_by_cue(view_of("Jane Roe said Foo plans to hire 500 people."))


def test_years_spent_in_earlier_roles_are_a_career_told_as_background(found_events):
    # the career sentence had been an event of the company (p .80 on a real page of this form)
    events = found_events("Dorvel Mining names operating chief\n\n"
                          "Dorvel Mining appointed Jane Roe as chief operating officer on Monday, it said.\n\n"
                          "Jane Roe spent 37 years in \"operational management and leadership roles\" at Kestrel Gold, "
                          "Borealis Metals and Orvane Platinum, Dorvel Mining said in its statement.\n", "2014-08-04")
    _assert_quotes(events, ("Dorvel Mining appointed",), ("Jane Roe spent",))


def test_the_cues_that_decide_by_tense_are_no_features_of_the_event_model():
    # they only decide, so the trained models are those of the sentences' other features (as
    # features, a cue that decides when the sentence names no date had changed the event model's
    # training: draw 7 F1 .830 -> .827 with the same decisions)
    for text in ("Foo expects to fund the deal with cash on hand.",
                 "Foo acquired a small bakery chain."):
        assert not any(name in ("ev=plan.undated", "ev=news.past_act")
                       for name in sentence_features(view_of(text)))


def test_a_deals_price_told_against_a_market_price_decides_no_event_whatever_its_date():
    from tracker.ingest.pipeline import no_event_by_cue
    # the day names the price compared with, not an act: a real page's such sentence had been an
    # acquisition event dated the day before publication
    assert no_event_by_cue(view_of("The per-share purchase price represented a 25.1% premium to Foo's closing price Monday."))
    assert no_event_by_cue(view_of("The companies said the sale price represents a 46% premium to Foo's share price."))
    assert not no_event_by_cue(view_of("Bar agreed to buy Foo for $37 a share, a 45% premium to Monday's close."))
    assert not no_event_by_cue(view_of("Foo's shares closed at a premium to the offer price on Friday."))


def test_an_option_the_company_weighs_with_no_date_decides_no_event():
    from tracker.ingest.pipeline import no_event_by_cue
    assert no_event_by_cue(view_of("Foo will also look at disposing of a small printing business."))
    assert no_event_by_cue(view_of("Foo is considering a sale of its Danish unit."))
    assert not no_event_by_cue(view_of("Foo is considering a sale of its Danish unit, it said on Tuesday."))
    assert not no_event_by_cue(view_of("Foo executives said they are considering the sale of its Danish unit."))


def test_earlier_roles_and_what_an_act_means_are_no_events(found_events):
    events = found_events("Dorvel Mining names chief executive\n\n"
                          "Dorvel Mining appointed Jane Roe as chief executive on Monday, it said.\n\n"
                          "Dorvel Mining said the appointment, which was initiated by its chairman, marked a decisive "
                          "step in the evolution of its governance.\n\n"
                          "Prior to that, she worked in senior roles for companies including Kestrel Gold, Borealis "
                          "Metals and Orvane Platinum.\n", "2014-08-04")
    _assert_quotes(events, ("Dorvel Mining appointed",), ("Prior to that", "Dorvel Mining said the appointment"))


def test_the_place_names_of_a_cue_are_a_trie_that_matches_what_their_alternation_does():
    """``{PLACE}`` of a cue's pattern is a trie of the place names (event_cues._places): the same
    language as the alternation of the names (each space any white space) that it replaced, so
    each cue is found in the same sentences. Checked on every name and variants of it (cases,
    white space, cut short, run on), alone and inside sentences made up of them."""
    import json
    import re

    from tracker.ingest.event_cues import DATA, _places, event_cue_list

    names: set[str] = set()
    for line in (DATA / "not_companies.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip() and json.loads(line).get("kind") == "place":
            names.update(json.loads(line)["words"])
    assert len(names) > 300
    alternation = "(?:" + "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(names, key=lambda n: (-len(n), n))) + ")"
    old, new = re.compile(alternation, re.I), re.compile(_places(), re.I)
    assert new.pattern != old.pattern
    variants = set()
    for name in sorted(names):
        variants.update({name, name.upper(), name.lower(), name.replace(" ", "  "), name.replace(" ", "\n"),
                         name[:-1], name[1:], name + "s", name + " Republic", name.split()[0]})
    for text in sorted(variants):
        assert bool(old.fullmatch(text)) == bool(new.fullmatch(text)), text
        assert (old.match(text) is None) == (new.match(text) is None), text
    cues = [c for c in event_cue_list() if c.id in ("subject.generic_plural", "subject.place_or_period")]
    assert len(cues) == 2
    names_list = sorted(names)
    for i, name in enumerate(names_list):
        other = names_list[(i * 7) % len(names_list)]
        for sentence in (f"{name} companies raised $2 billion in 2023.", f"In 2023, {name} was the biggest market.",
                         f"The {name} banks said, {other} firms grew.", f"Many {other} start-ups closed in 2022.",
                         f"{name}'s carmakers sold more cars than {other}'s."):
            for cue in cues:
                before = re.compile(cue.pattern.pattern.replace(_places(), alternation), re.I)
                assert (before.search(sentence) is None) == (cue.pattern.search(sentence) is None), (cue.id, sentence)


def test_a_named_persons_appointment_is_an_event_of_the_article_company(found_events):
    # the second sentence names no company: the event model left it below its threshold (p .09)
    text = ("Kestrel Aero names new chief executive\n\n"
            "Kestrel Aero Corp said on Monday that its chief executive, John Doe, had resigned.\n\n"
            "In addition, board member Jane W. Roe will become non-executive chairman of the board effective immediately.\n")
    events = found_events(text, "2019-12-23")
    roe = [e for e in events if "Jane W. Roe" in e["sources"][0]["quote"]]
    assert roe and roe[0]["companies"][0] == "Kestrel Aero" and roe[0]["type"] == "leadership", events
    # a person who only speaks is no change
    assert not [e for e in found_events("Kestrel Aero Corp opened a plant.\n\nJane Roe, who was appointed CEO in 2015, "
                                        "said the plant would hire 200 people.\n", "2019-12-23")
                if "Jane Roe" in e["sources"][0]["quote"]]
