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


def test_reported_followups_of_two_companies_or_with_a_future_aside_are_no_events():
    text, events, _ = run("reported_followups.txt")
    quotes_are_verbatim(text, events)
    assert _by_quote(events, "OSLO")  # the act of the article
    for skipped in ("Borealis Telecom and Acme Networks noted that",  # two speakers restating the lead
                    "Acme Networks noted that with"):  # "in the future" dates no act of its own
        assert not _by_quote(events, skipped), skipped
    assert _by_quote(events, "The company noted that it signed")  # a new act, though reported


def test_what_a_company_says_of_the_act_just_reported_is_another_source_of_it():
    text, events, _ = run("statement_follow_up.txt")
    quotes_are_verbatim(text, events)
    (deployed,) = _by_quote(events, "OSLO")
    assert [s.quote[:30] for s in deployed.sources] == ["OSLO, 20 JUN 2017 (Reuters) - ", "Acme Networks stated that it h"]
    assert not _by_quote(events, "Acme Networks stated")
    # another company's statement, in another paragraph, is an event of its own
    assert _by_quote(events, "In a separate statement")[0].type == "statement"


def test_background_hedges_and_reported_context_are_no_events():
    text, events, _ = run("background.txt")
    quotes_are_verbatim(text, events)
    assert _by_quote(events, "JAKARTA")  # the act of the article
    for skipped in ("The Acme Networks data centres are also expected",  # a plan, an adverb before "expected to"
                    "Acme Networks is looking to",  # a plan, though a clause names a past date
                    "It also seems likely",  # the author's speculation
                    "Acme Networks has not built",  # what did not happen
                    "Borealis Telecom had previously deployed",  # an earlier act recalled, no date of its own
                    "The project awarded to Acme",  # "covers": how things stand; "awarded to" describes the subject
                    "Through the expanded agreement",  # "will be able to": "the expanded" is an adjective
                    "Acme Networks noted that the regional",  # what it said about something no company did
                    "Borealis Telecom noted that according",  # a forecast it reported, not a fact
                    ):
        assert not _by_quote(events, skipped), skipped
    assert _by_quote(events, "Borealis Telecom said on Friday that the company did not")  # a negation it stated
    assert _by_quote(events, "Previously, last December")  # an earlier act with its own date is news
    assert _by_quote(events, "Acme Networks noted that it has")  # what it said it did is news
    assert _by_quote(events, "Acme Networks claims that it has become the first")  # a first it claims is news
    (providing,) = _by_quote(events, "By the end of 2016")  # what a company was doing at a date it names
    assert providing.date.value == "2016-12"
    # "since August 2015" dates the one fact of the sentence, not a second fact next to an undated one
    assert [e.date.value for e in _by_quote(events, "Acme Networks has also been operating")] == ["2015-08"]
    # "in recent years", "over the past year": a trend over a span, no event; the dated fact of the sentence is one
    assert [e.date.value for e in _by_quote(events, "Acme Networks has increased its investments")] == ["2015-03"]
    assert not _by_quote(events, "The company claims 60 million")
    assert [e.date.value for e in _by_quote(events, "Borealis Telecom launched the compact router")] == ["2016"]


def test_the_month_may_is_no_modal_but_the_verb_may_is():
    text, events, _ = run("month_may.txt")
    quotes_are_verbatim(text, events)
    assert _by_quote(events, "OSLO, 18 MAY 2017")  # a dateline in capitals
    assert _by_quote(events, "In May, Borealis Telecom opened")
    assert not _by_quote(events, "Borealis Telecom may sign")


def test_undated_bullets_take_the_date_of_the_lead_sentence_and_recently_is_the_year():
    _, events, _ = run("followups.txt")
    lead = _by_quote(events, "HELSINKI")
    assert lead and lead[0].date.value == "2017-09-12"  # "on Tuesday" before Thursday 14 September
    (bullet,) = _by_quote(events, "Acme Networks delivered")
    assert bullet.date.value == lead[0].date.value
    (recent,) = _by_quote(events, "Acme Networks recently")
    assert recent.date.value == "2017" and recent.type == "expansion"


def test_the_date_of_a_cited_article_is_not_the_date_of_what_it_reports():
    _, events, _ = run("dates_cited_report.txt")
    cited = _by_quote(events, "However, according to")
    assert [e.date.value for e in cited] == ["2016-11"]  # "said in November", not "an article of January 24th"


def test_the_end_of_a_year_broken_over_lines_is_its_december():
    _, events, _ = run("dates_year_end.txt")
    (year_end,) = _by_quote(events, "As at the end")
    assert year_end.date.value == "2017-12"
    (plain,) = _by_quote(events, "Borealis Telecom kept investing")
    assert plain.date.value == "2017"


def test_a_shopping_festival_in_a_named_year_is_its_day_of_that_year():
    _, events, _ = run("dates_festival.txt")
    (festival,) = _by_quote(events, "In 2016, during the Singles’ Day")
    assert festival.date.value == "2016-11-11"  # the day within "2016", not the year


def test_a_date_named_in_one_list_item_does_not_date_the_items_after_it():
    _, events, _ = run("dates_list_items.txt")
    (contract,) = _by_quote(events, "Acme Networks signed a supply contract")
    assert contract.date.value == "2017-Q2"  # the report's quarter, not "as of mid-August 2017" of the item before


def test_a_fiscal_year_is_the_month_it_ends_only_when_the_text_says_when_that_is():
    text, events, _ = run("dates_fiscal_year.txt")
    sales = _by_quote(events, "TOKYO")
    assert "2017-03" in {e.date.value for e in sales}  # "the current fiscal year, ending March 2018"
    _, events, _ = run("dates_fiscal_year.txt", text=text.split("\n\nThe company expects")[0])
    sales = _by_quote(events, "TOKYO")
    assert "2017" in {e.date.value for e in sales} and "2017-03" not in {e.date.value for e in sales}


def test_recently_in_the_lead_dates_no_sentence_after_it():
    _, events, _ = run("dates_recently_lead.txt")
    (sued,) = _by_quote(events, "Borealis Telecom is being sued")
    assert sued.date.value == "2018-01-12"  # the day the dateline names, not the "2018" of "recently"


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


# -- the type from the event clause ----------------------------------------------------------------


def test_the_type_comes_from_the_verb_of_the_event_clause_and_its_object():
    text, events, _ = run("types.txt")
    quotes_are_verbatim(text, events)
    expected = {
        "OSLO": "contract",  # "announced that it won the bid": what was announced, not "shareholders"
        "Borealis Telecom announced the launch": "product_launch",  # the noun after a reporting verb
        "Acme Networks, founded in 1998": "product_launch",  # the aside is not the main verb
        "Separately, Borealis Telecom reported 40 million": "market_data",  # "in October" is no "may"
        "Borealis Telecom states that to date": "market_data",  # a running total
        "In October 2017, Acme Networks signed a memorandum": "partnership",
        "In October 2017, Acme Networks signed a EUR 20 million": "contract",  # a priced supply deal
        "In September 2017, Acme Networks and Borealis Telecom launched field tests": "trial",
        "In 2017, Borealis Telecom entered into": "partnership",
        "Acme Networks said in October 2017 that it expected": "statement",  # an expectation is what was said
        "Borealis Telecom rolled out its 5G network": "network_deployment",
        "According to the national regulator, Acme Networks ranked": "market_data",  # the lead is no clause
        "Acme Networks launched a new app": "product_launch",  # "partners" in a relative clause
        "After Borealis Telecom was fined": "legal",  # the police reported
    }
    for start, kind in expected.items():
        found = _by_quote(events, start)
        assert found, start
        assert found[0].type == kind, (start, found[0].type)


def test_event_types_of_vendor_work_systems_completed_work_joint_ventures_amounts_and_possible_ties():
    text, events, _ = run("event_types.txt")
    quotes_are_verbatim(text, events)
    expected = {
        "OSLO": "contract",  # "will help the Bergen branch of X to deploy": a vendor's work for an operator
        "At an investor conference": "other",  # "investor", "stakeholders" are no investment
        "In October 2017, Borealis Telecom set up a matrix": "other",  # an internal management system
        "Borealis Telecom established a targeted": "other",  # an unbranded marketing model
        "In September 2017, Acme Networks completed": "network_deployment",  # the first work completed
        "In August 2017": "joint_venture",  # the agreements signed form a joint venture, named late
        "In 2017, investment by": "financial_results",  # "amounted to EUR310 million": money spent
        "As at the end of 2016": "market_data",  # "amounted to 120T": a figure, not a network built
        "Executives of Acme Networks flew": "other",  # a possible cooperation is no partnership yet
        "In addition, as of September 30": "market_data",  # "had 2,400,000 paying customers": the number counts
        "As of mid-October 2017": "market_data",  # figures standing at a date ("is providing 14 types")
        "During its spring promotion": "other",  # subscribers named but not counted: no market data
        "On Tuesday, Acme Networks announced to join": "partnership",  # joining an initiative of several firms
        "In September 2017, Borealis Telecom launched": "contract",  # what was launched is a contract
    }
    for start, kind in expected.items():
        found = _by_quote(events, start)
        assert found, start
        assert found[0].type == kind, (start, found[0].type)


def test_a_participle_with_by_is_no_main_verb_and_its_list_of_makers_is_the_subject():
    _, events, _ = run("event_types.txt")
    (stores,) = _by_quote(events, "Smart experience stores jointly built by")
    assert stores.type == "expansion"  # the verb is "opened", not "built by"
    assert stores.companies[0] == "Acme Networks"  # the first of the makers, not the last after a comma


def test_after_said_that_the_main_company_is_the_subject_of_the_reported_clause():
    _, events, _ = run("event_types.txt")
    (goal,) = _by_quote(events, "Acme Networks noted that")
    assert goal.companies[0] == "Borealis Telecom"  # even when what it did has no type of its own


def test_a_second_date_of_a_sentence_is_typed_by_its_own_clause():
    _, events, _ = run("event_types.txt")
    deals = {e.date.value: e.type for e in _by_quote(events, "So far Borealis Telecom")}
    assert deals["2015"] == "investment"  # "and in 2015 bought a 12% stake": a stake, and not the 2012 purchase
    report = {e.date.value: e.type for e in _by_quote(events, "On Monday the Oslo daily")}
    assert report["2016"] == "financial_results"  # "and revenue of EUR2 billion in 2016", not the stake next to it


# -- the main company is the subject of the event clause -------------------------------------------


def test_the_main_company_is_the_subject_of_the_event_clause():
    rows = [{"name": "Zentrix Robotics", "aliases": [], "parent": None},
            {"name": "Kestrel Photonics", "aliases": [], "parent": None}]
    reg = registry()
    for row in rows:
        reg.canonical_or_new(row["name"])
    text = (NEWS / "subjects.txt").read_text(encoding="utf-8")
    events, _ = extract(text, "subjects.txt", reg, [])
    quotes_are_verbatim(text, events)
    expected = {
        "OSLO": "Acme Networks",  # the head of "Borealis Telecom's Acme Networks unit", not the possessive
        "Earlier this month": "Acme Networks",  # the actor of the reported act
        "In 2016, a group": "Zentrix Robotics",  # the commas of the aside between dashes do not cut the subject
        "Zentrix Robotics, Borealis Telecom and Acme Networks signed": "Zentrix Robotics",  # a list is one subject
        "Working with partners": "Borealis Telecom",  # "it": the company the paragraph before spoke of
    }
    for start, main in expected.items():
        found = _by_quote(events, start)
        assert found, start
        assert found[0].companies[0] == main, (start, found[0].companies)


# -- one sentence, several facts -------------------------------------------------------------------


def test_one_sentence_with_several_facts_gives_one_event_per_fact():
    reg = registry()
    reg.canonical_or_new("Zentrix Robotics")
    text = (NEWS / "several_facts.txt").read_text(encoding="utf-8")
    events, _ = extract(text, "several_facts.txt", reg, [])
    quotes_are_verbatim(text, events)
    awards = _by_quote(events, "STOCKHOLM")
    assert [e.type for e in awards] == ["award"] * 3  # one per award listed
    assert len({e.id for e in awards}) == 3 and all(e.date.value == "2017" for e in awards)
    lab = _by_quote(events, "In November 2017")
    assert sorted(e.type for e in lab) == ["partnership", "product_launch"]  # "set up a joint lab ... and launched"
    assert all(e.date.value == "2017-11" for e in lab)
    sales = _by_quote(events, "In the November sales week")
    assert sorted(e.companies[0] for e in sales) == ["Acme Networks", "Borealis Telecom", "Zentrix Robotics"]
    assert len({e.id for e in sales}) == 3  # distinct events, not merged into one


# -- machine-translated text in lower case ---------------------------------------------------------


def test_lowercase_text_matches_names_in_any_case_and_takes_event_cues_without_a_finite_verb():
    reg = registry()
    reg.canonical_or_new("ZTE")
    text = (NEWS / "lowercase.txt").read_text(encoding="utf-8")
    events, _ = extract(text, "lowercase.txt", reg, [])
    quotes_are_verbatim(text, events)
    assert _by_quote(events, "shortly thereafter")[0].companies[:2] == ("Acme Networks", "Borealis Telecom Global")
    assert _by_quote(events, "in the talks")  # "to discuss the cooperation": no finite verb, still an event
    assert "ZTE" in _by_quote(events, "the zte")[0].companies  # an acronym in lower case
    assert not _by_quote(events, "borealis telecom will open")  # a plan is still no event
    assert not _by_quote(events, "I met")  # the author's own story


def test_acronyms_match_only_as_written_in_ordinary_text_and_never_as_english_words():
    from tracker.ingest.companies import CompanyFinder
    from tracker.registry import Registry

    reg = Registry([{"name": "ZTE", "aliases": [], "parent": None}, {"name": "ARM", "aliases": [], "parent": None}])
    assert [m.name for m in CompanyFinder(reg).known("the zte phone and the ARM chip")] == ["ARM"]
    folded = CompanyFinder(reg, fold_acronyms=True)
    assert [m.name for m in folded.known("the zte phone, an arm of the group")] == ["ZTE"]


def test_a_founder_or_chief_named_or_he_stands_for_the_company_the_article_ties_them_to():
    text, events, _ = run("people.txt")
    quotes_are_verbatim(text, events)
    (apprehended,) = _by_quote(events, "He was apprehended")  # "He": Berg, founder of Acme Networks
    assert apprehended.companies == ("Acme Networks",) and apprehended.type == "legal"
    assert apprehended.date.value == "2014-08"
    (fled,) = _by_quote(events, "When police started investigating Berg")
    assert fled.companies == ("Acme Networks",)
    (deleted,) = _by_quote(events, "He subsequently deleted")  # "He": Holm, chairman of Borealis Telecom
    assert deleted.companies[0] == "Borealis Telecom"
    assert not _by_quote(events, "A report by a state newspaper said Berg")  # someone else's account of him



def test_a_service_people_use_or_a_founder_named_only_as_an_owner_is_no_actor():
    text, events, _ = run("platform_mentions.txt")
    quotes_are_verbatim(text, events)
    assert not _by_quote(events, "Acme users have been questioned")  # the users of the service, not the company
    assert not _by_quote(events, "In a post dated January 27")  # "Lund’s wife": not Lund nor his company
    (grew,) = _by_quote(events, "Acme users grew")  # a count of users is the company's figure
    assert grew.companies == ("Acme Networks",) and grew.type == "market_data"


def test_what_a_company_or_its_chief_says_is_a_statement_even_of_intent_but_not_what_analysts_guess():
    _, events, _ = run("people.txt")
    (quoted,) = _by_quote(events, "“There will be another great story")  # said the chairman of Borealis Telecom
    assert quoted.companies == ("Borealis Telecom",)
    assert _by_quote(events, "In a statement on Thursday, Acme Networks said")  # "would never sell it"
    assert not _by_quote(events, "Acme Networks could return")  # a possibility analysts see
    (commented,) = _by_quote(events, "Ola Dahl, SVP of Acme Networks, commented")  # its SVP's view, stated
    assert commented.companies[0] == "Acme Networks"


def test_a_results_lead_in_with_its_own_figures_is_an_event_of_the_company_it_speaks_of():
    text, events, _ = run("results_list.txt")
    quotes_are_verbatim(text, events)
    (results,) = _by_quote(events, "For the most recent fiscal quarter")  # "..., the company reported ..., including:"
    assert results.companies == ("Acme Networks",) and results.type == "financial_results"
    for item in ("Revenue from core networks", "Revenue from cloud services"):  # its bullets: its figures
        (bullet,) = _by_quote(events, item)
        assert bullet.companies == ("Acme Networks",) and bullet.date.value == "2017-Q1"
    (loss,) = _by_quote(events, "Operating loss from cloud services")  # the figure after "Acme Networks said"
    assert loss.companies == ("Acme Networks",)


def test_a_figure_list_gives_one_event_per_company_but_not_for_a_unit_of_the_main_or_a_baseline():
    text, events, _ = run("figure_lists.txt")
    quotes_are_verbatim(text, events)
    ranking = [e.companies[0] for e in _by_quote(events, "OSLO")]
    assert sorted(ranking) == ["Acme Networks", "Borealis Telecom Global"]  # the parent's entry is the unit's figure
    additions = [e.companies[0] for e in _by_quote(events, "In March, Borealis Telecom's net addition")]
    assert additions == ["Borealis Telecom"]  # "higher than the Acme Networks number": a baseline
    # the main clause is typed otherwise ("suppliers"), the companies after "while" still have their own figures
    shares = {e.companies[0]: e.type for e in _by_quote(events, "According to industry estimates")}
    assert shares.get("Borealis Telecom") == "market_data" and shares.get("Borealis Telecom Global") == "market_data"


def test_currently_in_what_cited_figures_show_is_no_second_fact_but_after_a_dated_act_it_is():
    text, events, _ = run("cited_figures.txt")
    quotes_are_verbatim(text, events)
    assert [e.date.value for e in _by_quote(events, "OSLO")] == ["2016"]  # the figures' year, not "currently"
    assert sorted(e.date.value for e in _by_quote(events, "Borealis Telecom launched")) == ["2012", "2017-07-14"]


def test_the_date_of_a_baseline_figure_is_not_the_date_of_the_event_but_a_figure_of_its_own():
    text, events, _ = run("baselines.txt")
    quotes_are_verbatim(text, events)
    values = sorted(e.date.value for e in events)
    assert values == ["2016-Q3", "2017-Q3"]
    assert all(e.type == "market_data" for e in events)


# -- a company's own report ("we", subjectless bullets) ------------------------------------------


def test_in_a_report_a_sentence_naming_no_company_continues_the_company_of_the_sentence_before():
    text, events, _ = run("annual_report.txt")
    quotes_are_verbatim(text, events)
    assert _by_quote(events, "The number of directly")[0].companies[0] == "Kestrel Pay"
    assert _by_quote(events, "It has established")[0].companies[0] == "Fjord Credit"
    # the report's own voice: "we", "our" and subjectless bullets are the author's
    assert _by_quote(events, "Launched 12")[0].companies[0] == "Acme Networks"
    assert _by_quote(events, "Our hotline")[0].companies[0] == "Acme Networks"


def test_a_participle_after_an_article_or_a_hyphen_is_an_adjective_not_something_done():
    text, events, _ = run("annual_report.txt")
    for skipped in ("Develop an integrated", "Enhancing billing management of value-added"):
        assert not _by_quote(events, skipped), skipped
    assert _by_quote(events, "Completed the migration")  # a participle as the verb still is


def test_at_present_dates_nothing_so_a_sentence_it_opens_is_a_standing_fact():
    text, events, _ = run("annual_report.txt")
    assert not _by_quote(events, "At present, Acme Networks has teamed up")
    assert _by_quote(events, "Acme Networks opened 30 new stores")


def test_a_report_tells_of_acts_a_news_story_rarely_does_submitted_participated_organised_granted():
    text, events, _ = run("annual_report.txt")
    for told in ("Participated in the work", "Submitted 40", "120 patent applications", "Acme Networks organised"):
        found = _by_quote(events, told)
        assert found and found[0].companies[0] == "Acme Networks", told


def test_being_the_first_to_do_something_is_an_act_even_when_reported():
    text, events, _ = run("annual_report.txt")
    assert _by_quote(events, "It was the first operator")[0].companies[0] == "Acme Networks"
    assert _by_quote(events, "Borealis Telecom claims that it has become the first")[0].companies[0] == "Borealis Telecom"


def test_actively_sought_is_a_continuing_effort_like_actively_engaged():
    text, events, _ = run("annual_report.txt")
    assert not _by_quote(events, "Acme Networks has actively sought")
    assert _by_quote(events, "In 2017, Kestrel Pay Limited signed")


def test_such_efforts_tells_the_effect_of_acts_told_before_not_an_act():
    text, events, _ = run("annual_report.txt")
    assert not _by_quote(events, "Such efforts")
    assert _by_quote(events, "Acme Networks migrated 400")


def test_a_report_bullet_in_the_gerund_tells_of_an_act_when_it_says_what_for():
    text, events, _ = run("annual_report.txt")
    assert _by_quote(events, "Launching a self-service app")[0].companies[0] == "Acme Networks"
    assert not _by_quote(events, "Introducing new services")  # a heading: an area of work
    assert not _by_quote(events, "Enhancing billing management")


def test_what_a_company_hopes_is_no_event_even_in_machine_translated_text():
    text, events, _ = run("machine_translation.txt")
    assert not _by_quote(events, "after the payment service, acme networks hopes")
    assert _by_quote(events, "shortly thereafter")


def test_already_without_the_perfect_tells_how_things_stood_not_an_act():
    text, events, _ = run("annual_report.txt")
    assert not _by_quote(events, "The Acme Networks cloud platform already had")
    assert _by_quote(events, "Acme Networks has already connected")  # the perfect: something done


def test_a_summary_line_whose_words_its_paragraph_holds_is_the_same_event_retold():
    text, events, _ = run("report_summary_lines.txt")
    quotes_are_verbatim(text, events)
    hybrid = _by_quote(events, "In 2017, Acme Networks launched a hybrid")[0]
    assert [s.quote.split()[:5] for s in hybrid.sources][1] == ["Acme", "Networks", "and", "Borealis", "Telecom"]
    # sharing "launched" and "cloud service" with it does not make another product the same fact
    backup = _by_quote(events, "Acme Networks also launched a cloud backup")[0]
    assert len(backup.sources) == 1


def test_a_bullet_heading_and_the_detail_after_it_on_its_line_are_one_event():
    text, events, _ = run("report_bullet_details.txt")
    quotes_are_verbatim(text, events)
    assert not _by_quote(events, "Upgraded the customer hotline")
    hotline = _by_quote(events, "The call-through rate")[0]
    assert hotline.type == "market_data"
    assert [s.quote for s in hotline.sources][1] == "Upgraded the customer hotline service."
    # acts in a row, and a bullet followed by a paragraph of its own, stay events of their own
    for alone in ("Submitted 40", "Participated in the work", "Completed the migration", "Acme Networks opened 30"):
        assert len(_by_quote(events, alone)[0].sources) == 1, alone


def test_a_sentence_soon_naming_the_same_quoted_product_again_tells_more_of_its_event():
    text, events, _ = run("named_again.txt")
    quotes_are_verbatim(text, events)
    launch = _by_quote(events, "In 2017, Acme Networks launched")[0]
    assert launch.type == "product_launch" and len(launch.sources) == 2
    assert launch.date.value == "2017-07"  # the finer date of the sentence that tells more
    assert not _by_quote(events, "In the first trial region")
    # the same name with a date of its own that cannot be the launch's is another event
    assert _by_quote(events, "In December 2016")[0].type == "trial"


def test_a_partnership_with_one_partner_per_topic_is_one_event_per_partner():
    text, events, _ = run("partner_topics.txt")
    quotes_are_verbatim(text, events)
    august = [e for e in events if e.date.value == "2017-08-03"]
    assert sorted(e.companies[1] for e in august) == ["Borealis Telecom", "Kestrel Bank"]
    assert all(e.type == "partnership" for e in august)
    # "with a bank as its adviser" names no topic of its own: one agreement
    assert len([e for e in events if e.date.value == "2017-05"]) == 1


def test_a_reputation_a_default_setting_a_reserved_right_or_a_guess_is_no_event():
    text, events, _ = run("standing_facts.txt")
    quotes_are_verbatim(text, events)
    assert _by_quote(events, "OSLO")[0].type == "legal"
    assert _by_quote(events, "Borealis Telecom signed")[0].type == "partnership"
    for skipped in ("Acme Networks gained notoriety", "A setting was on by default", "Acme Networks said in its user",
                    "A report by a local newspaper"):
        assert not _by_quote(events, skipped), skipped


def test_what_a_product_could_do_is_no_event_though_participles_describe_its_subject():
    text, events, _ = run("capability_claims.txt")
    quotes_are_verbatim(text, events)
    assert _by_quote(events, "OSLO")[0].type == "legal"
    assert not _by_quote(events, "Two mobile apps operated by")  # "operated by", "Oslo-listed" are no main verbs
    assert _by_quote(events, "Stores operated by Borealis Telecom sold")


def test_an_impersonal_it_was_revealed_stands_for_no_company():
    text, events, _ = run("impersonal_it.txt")
    quotes_are_verbatim(text, events)
    assert not _by_quote(events, "Recently, it was revealed")
    assert _by_quote(events, "Later, it signed")[0].companies[0] == "Acme Networks"  # "it" the company spoken of


def test_a_trend_over_past_years_is_no_event_also_when_the_paragraph_dates_the_sentence():
    text, events, _ = run("trend_spans.txt", published=date(2017, 5, 2))
    quotes_are_verbatim(text, events)
    assert not _by_quote(events, "Borealis Telecom's share price has nearly halved")
    assert _by_quote(events, "Borealis Telecom sold its tower unit")


def test_a_follow_up_that_only_attributes_or_elaborates_the_act_just_reported_is_another_source_of_it():
    text, events, _ = run("follow_up_sources.txt")
    quotes_are_verbatim(text, events)
    (awarded,) = _by_quote(events, "OSLO")
    assert [s.quote[:22] for s in awarded.sources[1:]] == ["The company noted that", "In its statement, Acme"]
    (figures,) = _by_quote(events, "On May 18th, Borealis")
    assert [s.quote[:22] for s in figures.sources[1:]] == ["Borealis Telecom also "]
    (bemoaned,) = _by_quote(events, "This week, the chairman")
    assert [s.quote[:22] for s in bemoaned.sources[1:]] == ["“There is no real choi"]
    # a sentence that names a date of its own tells a new act
    assert _by_quote(events, "On Friday, Acme Networks said")[0].type == "partnership"


def test_a_reported_first_is_typed_by_the_act_it_was_the_first_to_do():
    text, events, _ = run("reported_firsts.txt")
    quotes_are_verbatim(text, events)
    assert _by_quote(events, "HELSINKI")[0].type == "trial"
    assert _by_quote(events, "Borealis Telecom said that it was the first")[0].type == "product_launch"


def test_an_undated_later_telling_that_names_the_object_of_the_act_again_is_another_source():
    text, events, _ = run("told_again.txt")
    quotes_are_verbatim(text, events)
    (tests,) = _by_quote(events, "HELSINKI")
    assert [s.quote[:30] for s in tests.sources[1:]] == ["Using its latest baseband unit"]
    assert not _by_quote(events, "Using its latest")
    assert _by_quote(events, "Acme Networks has also launched interoperability tests")  # other tests: its own act


def test_companies_named_only_as_examples_of_a_kind_of_company_have_no_act_of_their_own():
    text, events, _ = run("example_companies.txt")
    quotes_are_verbatim(text, events)
    assert not _by_quote(events, "And other Nordic internet giants such as")
    assert _by_quote(events, "A coalition of online video providers including")[0].type == "legal"


def test_an_analysts_reading_of_figures_is_no_event_but_the_figures_reported_are():
    text, events, _ = run("figure_commentary.txt")
    quotes_are_verbatim(text, events)
    assert _by_quote(events, "OSLO")[0].type == "market_data"
    assert _by_quote(events, "Acme Networks had 56.8 million")[0].type == "market_data"
    for skipped in ("The standout number", "On the 4G side, while Acme Networks continues to lead"):
        assert not _by_quote(events, skipped), skipped


def test_a_present_verb_after_a_relative_clause_with_its_own_verb_is_the_main_verb():
    text, events, _ = run("relative_subjects.txt")
    quotes_are_verbatim(text, events)
    assert _by_quote(events, "OSLO")[0].type == "product_launch"
    assert not _by_quote(events, "For the minister, the ease with which")  # "demonstrates": how things stand


def test_the_figures_of_a_deal_are_its_terms_not_a_figure_of_the_company_bought_into():
    text, events, _ = run("deal_figures.txt")
    quotes_are_verbatim(text, events)
    (stake,) = _by_quote(events, "OSLO")
    assert stake.type == "investment" and stake.companies == ("Acme Networks", "Borealis Telecom")
    # a list of companies each with its own figure still gives one event per company
    assert sorted(e.companies[0] for e in _by_quote(events, "In October")) == ["Acme Networks", "Borealis Telecom"]


def test_a_plan_the_company_states_after_its_act_is_another_source_of_the_act_not_an_event():
    text, events, _ = run("stated_plans.txt")
    quotes_are_verbatim(text, events)
    (trial,) = _by_quote(events, "OSLO")
    assert trial.type == "trial"
    assert [s.quote[:26] for s in trial.sources[1:]] == ["The commercial service wil"]
    assert not _by_quote(events, "The commercial service")  # a date after publication is no date of an act
    assert _by_quote(events, "In October, Borealis Telecom said")[0].type == "partnership"  # a past date of its own


def test_said_they_had_completed_the_first_call_is_one_trial():
    text, events, _ = run("first_calls.txt")
    quotes_are_verbatim(text, events)
    assert [e.type for e in _by_quote(events, "OSLO")] == ["trial"]
    assert _by_quote(events, "Borealis Telecom completed the migration")[0].type != "trial"


def test_a_recently_told_act_that_repeats_an_earlier_event_of_its_company_is_that_event_retold():
    text, events, _ = run("recently_retold.txt")
    quotes_are_verbatim(text, events)
    (plans,) = _by_quote(events, "RIGA")
    assert [s.quote for s in plans.sources[1:]] == ["Acme Networks recently announced a data centre in Latvia."]
    assert not _by_quote(events, "Acme Networks recently announced")
    assert _by_quote(events, "Acme Networks recently opened a sales office")  # not told before: an event


def test_a_sentence_retold_word_for_word_with_a_date_only_from_around_it_is_one_event():
    text, events, _ = run("verbatim_retold.txt")
    quotes_are_verbatim(text, events)
    (collaboration,) = events
    assert len(collaboration.sources) == 2
    # the telling its article dates to the day gives the date and who acted
    assert collaboration.date.value == "2017-06-14" and collaboration.companies[0] == "Borealis Telecom"


def test_a_second_date_of_a_whole_markets_count_is_part_of_the_report_not_a_fact_of_its_own():
    text, events, _ = run("market_counts.txt")
    quotes_are_verbatim(text, events)
    assert [e.date.value for e in _by_quote(events, "OSLO")] == ["2017-04-18"]
    # a company's own dated figure in the same kind of sentence is still a fact of its own
    assert sorted(e.date.value for e in _by_quote(events, "Acme Networks said it had signed")) == ["2016", "2017"]


def test_in_a_report_the_extent_or_means_of_the_act_just_told_is_another_source_of_it():
    text, events, _ = run("report_extent_followups.txt")
    quotes_are_verbatim(text, events)
    for act, detail in (("Launched a simpler store workflow", "The new store workflow has been implemented"),
                        ("Acme Networks launched a remote clinic", "More than 300 rural nurses"),
                        ("Acme Networks opened a customer care", "It used a chat robot"),
                        ("Acme Networks released a credit score", "Meanwhile, the score has been applied")):
        (event,) = _by_quote(events, act)
        assert [s.quote[: len(detail)] for s in event.sources][1:] == [detail], act
        assert not _by_quote(events, detail), detail
    # acts told one after another, each naming its company, stay events of their own
    assert len(_by_quote(events, "Acme Networks signed a roaming")[0].sources) == 1
    assert _by_quote(events, "The Acme Networks board approved")



def test_a_report_whose_author_is_not_in_the_registry_adds_the_company_its_cover_names_for_review():
    text, events, new = run("report_unknown_author.txt")
    quotes_are_verbatim(text, events)
    assert [(row["name"], row["review"]) for row in new] == [("Halvard Grid", True)]
    assert _by_quote(events, "In 2017, Halvard Grid signed")[0].companies == ("Halvard Grid", "Borealis Telecom")
    # the same lines without a report title on the cover: no author, the capitals are only a heading
    _, events, new = run("report_unknown_author.txt", text.replace("Annual Report 2017", "Business update"))
    assert new == [] and _by_quote(events, "In 2017, Halvard Grid signed")[0].companies == ("Borealis Telecom",)


def test_a_report_cover_names_the_we_of_the_report_even_when_the_body_names_another_company_more():
    text, events, new = run("report_cover_author.txt")
    quotes_are_verbatim(text, events)
    # a Malaysian legal form on the cover ("Berhad"), left out of the name as in running text ("Sdn Bhd")
    assert [row["name"] for row in new] == ["Langkawi Link Holdings", "Pelita Towers"]
    assert _by_quote(events, "In June, we signed")[0].companies == ("Langkawi Link Holdings", "Borealis Telecom")
    assert _by_quote(events, "On 3 May 2018, the Group")[0].companies == ("Langkawi Link Holdings", "Pelita Towers")
    assert _by_quote(events, "1,200 new fibre sites")[0].companies == ("Langkawi Link Holdings",)
    assert not _by_quote(events, "Looking ahead, we expect")  # a forecast, not a result
    # a chain of legal forms on the cover ("Corporation Limited") is left out too
    _, events, _ = run("report_cover_author.txt", text.replace("HOLDINGS BERHAD", "CORPORATION LIMITED"))
    assert _by_quote(events, "In June, we signed")[0].companies == ("Langkawi Link", "Borealis Telecom")


def test_in_a_report_standing_practice_and_praise_of_results_are_no_events():
    text, events, _ = run("report_standing_practice.txt")
    quotes_are_verbatim(text, events)
    # "In-store" opens the subject, not a leading "In ..., ": the present passive tells how things are done
    assert not _by_quote(events, "In-store promotion")
    assert not _by_quote(events, "Complaint handling")  # praise that names no result
    for told in ("In 2017, Acme Networks opened 20", "Acme Networks hosted a customer day"):
        assert _by_quote(events, told), told


def test_a_report_types_the_gatherings_it_ran_its_branded_models_gerund_acts_and_ties_it_only_sought():
    text, events, _ = run("report_act_types.txt")
    quotes_are_verbatim(text, events)
    types = {e.sources[0].quote.lstrip(" •")[:30]: e.type for e in events}
    assert types["In 2017, Acme Networks organis"] == "other"  # a tournament, though an "Alliance" names it
    assert types["On 5 May 2017, Acme Networks h"] == "other"  # a conference it held
    assert types["In 2017, Acme Networks establi"] == "product_launch"  # a model with a brand name
    assert types["Transformed 40 stores into exp"] == "other"  # cooperation sought is no partnership yet
    assert types["Adding an online payment funct"] == "product_launch"
    assert types["In 2017, Acme Networks selecte"] == "contract"  # a company chosen as partner
    assert types["In 2017, Acme Networks pushed "] == "network_deployment"  # "pushed forward": an act
    # choosing customers for credit is no contract: the model is the one event of its sentence
    assert len(_by_quote(events, "In 2017, Acme Networks established")) == 1


def test_an_act_followed_by_a_description_of_what_it_made_is_an_event_but_a_description_alone_is_not():
    text, events, _ = run("act_then_description.txt")
    quotes_are_verbatim(text, events)
    assert _by_quote(events, "Acme Networks has also built")
    for skipped in ("Acme Networks noted that it aims", "The Borealis Telecom network is designed"):
        assert not _by_quote(events, skipped), skipped


def test_a_report_bullet_that_opens_with_the_label_of_an_area_of_work_describes_it_and_is_no_event():
    text, events, _ = run("report_area_labels.txt")
    quotes_are_verbatim(text, events)
    for described in ("Integration of data assets", "Operational capabilities"):
        assert not _by_quote(events, described), described
    assert _by_quote(events, "Launched a data service")  # a bullet that opens with its act


def test_having_the_lowest_rate_among_peers_is_a_ranking_and_a_contract_based_package_no_contract():
    text, events, _ = run("report_rankings.txt")
    quotes_are_verbatim(text, events)
    assert _by_quote(events, "In 2017, Acme Networks had the lowest")[0].type == "market_data"
    assert _by_quote(events, "Simplified the tariffs")[0].type != "contract"


# -- acts told without naming the company that did them ---------------------------------------------


def test_a_result_added_a_reported_act_and_the_above_start_up_are_events_of_the_companies_told_before():
    text, events, _ = run("missed_acts.txt")
    quotes_are_verbatim(text, events)
    # "In addition, ... was achieved": a result of the event just reported, by its companies
    (added,) = _by_quote(events, "In addition, a dual-carrier rate")
    assert set(added.companies) == {"Acme Networks", "Borealis Telecom"}
    # "X stated that ... it provided": what the company says it did is an act, not a description
    (provided,) = _by_quote(events, "Acme Networks stated that as part")
    assert provided.companies[0] == "Acme Networks"
    # "the above start-up": the company the sentence before named last
    (opened,) = _by_quote(events, "In May 2017 it was reported")
    assert opened.companies[0] == "Bergen Smart Grid" and opened.date.value == "2017-05"


def test_an_act_under_way_or_just_done_is_dated_as_now_is():
    text = (NEWS / "dates_under_way.txt").read_text(encoding="utf-8")
    facts = [{"doc": "u.txt", "title": "Operators under pressure over privacy", "published": "2018-01-22", "basis": "outside"}]
    events, _ = extract(text, "u.txt", registry(), facts)
    # "is being sued", "has just been blocked": the month of a publication date known from outside, as "now" is
    assert [e.date.value for e in _by_quote(events, "Borealis Telecom, the largest")] == ["2018-01"]
    assert [e.date.value for e in _by_quote(events, "A roaming partnership")] == ["2018-01"]
    assert [e.date.value for e in _by_quote(events, "Acme Networks opened")] == [None]  # no "now": undated


def test_results_reported_on_a_day_are_dated_that_day_not_by_the_period_they_cover():
    _, events, _ = run("dates_results_day.txt")
    # the day named for the report, though after publication; the quarter it covers is no event of its own
    assert [e.date.value for e in _by_quote(events, "Acme Networks reports")] == ["2018-02-01"]


def test_the_entrepreneur_as_a_subject_is_the_person_last_named_and_stands_for_their_company():
    text, events, _ = run("person_epithet.txt")
    quotes_are_verbatim(text, events)
    (sentenced,) = _by_quote(events, "The disgraced Norwegian entrepreneur")  # Berg, founder of Acme Networks
    assert sentenced.companies == ("Acme Networks",) and sentenced.date.value == "2016"
    assert _by_quote(events, "The court that")[0].companies[0] == "Borealis Telecom"  # no epithet: as before


def test_an_act_told_as_following_a_dated_one_is_dated_by_the_span_after_it():
    text, events, _ = run("dates_after_that.txt")
    quotes_are_verbatim(text, events)
    # after Wednesday 7 February and by Friday 9 February, the day of the text: that week
    assert [e.date.value for e in _by_quote(events, "He subsequently deleted")] == ["2018-W06"]
    # "later that year" after November 2013: November or December, its fourth quarter
    assert [e.date.value for e in _by_quote(events, "When regulators started")] == ["2013-Q4"]
    # after March 2015 the rest of the year spans three quarters: the year
    assert [e.date.value for e in _by_quote(events, "Acme Networks opened a second office")] == ["2015"]


def test_a_bare_last_word_of_a_company_named_in_full_is_that_company_unless_it_qualifies_a_noun():
    text = (NEWS / "short_names.txt").read_text(encoding="utf-8")
    reg = registry()
    reg.canonical_or_new("Malaysia Telecom")
    events, _ = extract(text, "s.txt", reg, [])
    quotes_are_verbatim(text, events)
    (visit,) = _by_quote(events, "Earlier this month")  # "the telecom chairman": Malaysia Telecom's
    assert visit.companies[0] == "Malaysia Telecom"
    (supply,) = _by_quote(events, "Acme Networks also signed")  # "telecom operators": no company
    assert "Malaysia Telecom" not in supply.companies


def test_a_chief_named_after_the_company_and_title_stands_for_that_company_in_any_case():
    text, events, _ = run("people_titled.txt")
    quotes_are_verbatim(text, events)
    (signed,) = _by_quote(events, "Shortly afterwards, Berg")  # "Acme Networks chairman Lars Berg"
    assert signed.companies[0] == "Acme Networks"
    (talks,) = _by_quote(events, "In the talks, Mr Holm")  # "the Borealis Telecom chairman nils holm"
    assert talks.companies[0] == "Borealis Telecom"


def test_a_company_working_with_another_named_company_is_a_partnership_under_way():
    text, events, _ = run("ties_under_way.txt")
    quotes_are_verbatim(text, events)
    (tie,) = _by_quote(events, "In Norway, Acme Networks is working with")
    assert tie.type == "partnership" and tie.companies == ("Acme Networks", "Borealis Telecom")
    assert not _by_quote(events, "Acme Networks is working on")  # work under way with no partner: a state


def test_a_sentence_opening_with_the_bare_verb_of_a_tie_keeps_the_subject_of_the_sentence_before():
    text, events, _ = run("subjectless_tie.txt")
    quotes_are_verbatim(text, events)
    (tie,) = _by_quote(events, "Cooperate with acme networks")  # a translation that dropped "borealis telecom will"
    assert tie.companies[0] == "Borealis Telecom"


def test_a_results_figure_after_the_results_lead_is_the_reporting_company_s_own():
    text, events, _ = run("results_metric_lines.txt")
    quotes_are_verbatim(text, events)
    # a paragraph that opens with a metric speaks of the company of the paragraph before
    (profit,) = _by_quote(events, "Operating profit for the quarter")
    assert profit.companies == ("Acme Networks",) and profit.type == "financial_results"
    # a count of users is market data, even as a bare number after an aside
    (users,) = _by_quote(events, "Its mobile user base")
    assert users.companies == ("Acme Networks",) and users.type == "market_data" and users.date.value == "2018-09"
    (margins,) = _by_quote(events, "Margins narrowed")
    assert margins.type == "financial_results"
    # two paragraphs on, with no figure of its own, a metric is no event of the company
    assert not _by_quote(events, "Revenue from fixed lines")


def test_digest_verbs_picked_showed_off_named_and_threw_out_report_acts():
    text, events, _ = run("digest_verbs.txt")
    quotes_are_verbatim(text, events)
    expected = {"Borealis Telecom picked": ("contract", "2018-06-11"),
                "Acme Networks showed off": ("product_launch", "2018-06-12"),
                "Borealis Telecom named": ("leadership", "2018-06-13"),
                "An Oslo court threw out": ("legal", "2018-06-14")}
    for start, (kind, day) in expected.items():
        (event,) = _by_quote(events, start)
        assert (event.type, event.date.value) == (kind, day)


def test_goods_ordered_from_a_vendor_are_a_contract_and_an_order_to_pay_is_a_ruling():
    text, events, _ = run("orders_and_recalled_deals.txt")
    quotes_are_verbatim(text, events)
    (fibre,) = _by_quote(events, "Borealis Telecom also ordered")
    assert fibre.type == "contract" and fibre.companies == ("Borealis Telecom", "Acme Networks")
    (ruling,) = _by_quote(events, "A Bergen court")
    assert ruling.type == "legal" and ruling.date.value == "2018-05-30"
    # "Meanwhile" without a comma heads the main clause: the contract handed over, not what the operator said
    (handed,) = _by_quote(events, "Meanwhile Acme handed")
    assert handed.type == "contract"


def test_an_act_recalled_later_with_its_day_in_an_aside_is_a_second_source_and_first_since_is_no_event():
    text, events, _ = run("orders_and_recalled_deals.txt")
    (deal,) = _by_quote(events, "Borealis Telecom signed a contract")
    assert deal.date.value == "2018-06-01"
    assert any(src.quote.startswith("The vendor has been busy. Its core contract") or src.quote.startswith("Its core contract")
               for src in deal.sources)
    assert not _by_quote(events, "Its core contract") and not _by_quote(events, "The vendor has been busy")
    assert all(e.date.value != "2014" for e in events)  # "its first new deal since 2014": the last one, untold


def test_the_act_just_told_undated_takes_the_day_of_the_next_sentence_that_names_it():
    text, events, _ = run("act_dated_after.txt")
    quotes_are_verbatim(text, events)
    (suit,) = _by_quote(events, "Acme Networks has sued")
    assert suit.type == "legal" and suit.date.value == "2018-09-14"  # "last Friday" before Thursday 20 September
    assert [src.quote[:9] for src in suit.sources] == ["Acme Netw", "The suit "]
    assert not _by_quote(events, "The suit was filed")


def test_the_first_word_of_a_new_company_s_name_stands_for_it_when_it_acts_or_owns():
    text, events, new = run("short_forms.txt")
    quotes_are_verbatim(text, events)
    assert [row["name"] for row in new] == ["Tamsin Systems"]
    # "Tamsin closed": the company named in full above, not the investor named after it
    assert _by_quote(events, "In May 2018, Tamsin closed")[0].companies == ("Tamsin Systems", "Acme Networks")
    assert _by_quote(events, "Tamsin's shares rose")[0].companies == ("Tamsin Systems",)
    # "Tamsin Cloud runs": the first word of a product's name, no mention of the company
    assert not _by_quote(events, "The company did not disclose")
    assert not _by_quote(events, "Tamsin Cloud runs")


def test_a_name_with_a_chief_executive_or_shares_of_its_own_is_a_new_company_a_person_or_place_is_not():
    text, events, new = run("owned_names.txt")
    quotes_are_verbatim(text, events)
    # "Marrow Radio's chief executive", "Shares of Quellin": only a company has them; "Dahl's plan" and
    # "Bergen's old harbour" own no such thing
    assert [row["name"] for row in new] == ["Marrow Radio", "Quellin"]
    assert _by_quote(events, "OSLO, 9 Oct 2018")[0].companies == ("Borealis Telecom", "Quellin", "Marrow Radio")
    assert _by_quote(events, "Shares of Quellin rose")[0].companies == ("Quellin",)


def test_state_penalties_and_licences_are_regulatory_named_rounds_investments_first_sessions_trials():
    text, events, _ = run("state_penalties_rounds.txt")
    quotes_are_verbatim(text, events)
    assert [e.type for e in _by_quote(events, "OSLO")] == ["regulatory"]  # a watchdog's fine, not a court's
    assert [e.type for e in _by_quote(events, "A district court fined")] == ["legal"]
    assert [e.type for e in _by_quote(events, "Borealis Telecom won the only")] == ["regulatory"]
    assert [e.type for e in _by_quote(events, "Also on Monday")] == ["investment"]  # a Series B round
    assert [e.type for e in _by_quote(events, "Borealis Telecom and Acme Networks ran")] == ["trial"]


def test_the_three_months_to_a_month_are_the_quarter_that_ends_with_it():
    _, events, _ = run("state_penalties_rounds.txt")
    assert [e.date.value for e in _by_quote(events, "Borealis Telecom said it added")] == ["2017-Q4"]


def test_a_relative_date_opening_a_sentence_dates_its_act_but_a_figures_baseline_dates_nothing():
    text, events, _ = run("dates_opening_relative.txt")
    quotes_are_verbatim(text, events)
    # a week before Wednesday 3 October 2018: the ISO week of 26 September
    assert [e.date.value for e in _by_quote(events, "A week earlier")] == ["2018-W39"]
    assert [e.date.value for e in _by_quote(events, "Acme Networks reported third-quarter")] == ["2018-Q3"]


def test_results_told_on_a_day_are_dated_by_the_period_they_cover_when_the_sentence_names_one():
    text, events, _ = run("results_told_day.txt")
    quotes_are_verbatim(text, events)
    # the quarter, not the Tuesday of the call, and no second event for that day
    assert [(e.date.value, e.type) for e in _by_quote(events, "OSLO")] == [("2018-Q3", "financial_results")]
    # no period named: the day they were told; a day said of any other act stays its date
    assert [e.date.value for e in _by_quote(events, "Acme Networks said on Tuesday")] == ["2018-10-23"]
    assert [e.date.value for e in _by_quote(events, "Acme Networks said on Monday")] == ["2018-10-22"]


def test_a_short_form_that_speaks_is_the_company_and_a_party_speaking_of_the_money_follows_up_the_deal():
    text, events, new = run("references_back.txt")
    quotes_are_verbatim(text, events)
    assert [row["name"] for row in new] == ["Tarrow Mobile"]
    # "Tarrow said it sold": the short form of the company named in full above, speaking
    assert _by_quote(events, "Tarrow said it sold")[0].companies == ("Tarrow Mobile",)
    # "Tarrow said the money will pay ...": the investee speaks of the investment just told, no event of its own
    (deal,) = _by_quote(events, "Acme Networks agreed")
    assert deal.type == "investment" and [s.quote[:20] for s in deal.sources] == ["Acme Networks agreed", "Tarrow said the mone"]
    assert not _by_quote(events, "Tarrow said the money")


def test_a_report_without_a_publication_date_dates_its_bare_months_and_quarters_in_its_cover_year():
    text, events, _ = run("report_year_dates.txt")
    quotes_are_verbatim(text, events)
    # "a year earlier" after a figure is its baseline: the quarter after it is still the report's year
    assert [e.date.value for e in _by_quote(events, "In the fourth quarter")] == ["2016-Q4"]
    # a month with no year in a report titled for 2016
    assert [e.date.value for e in _by_quote(events, "In March")] == ["2016-03"]


def test_a_suit_in_reply_a_court_turning_down_a_request_and_goods_going_on_sale_are_acts():
    text, events, _ = run("court_replies_and_sales.txt")
    quotes_are_verbatim(text, events)
    expected = {"Acme Networks struck back": ("legal", "2018-09-20"),
                "On 16 October, the Oslo court rejected": ("legal", "2018-10-16"),
                "The disputed Acme Networks handset, the Fjord 2, went on sale": ("product_launch", "2018-10-01"),
                "Borealis Telecom put its own new phone on sale": ("product_launch", "2018-10-08")}
    for start, (kind, day) in expected.items():
        (event,) = _by_quote(events, start)
        assert (event.type, event.date.value) == (kind, day)
