"""Dating events: the readings of date_rules.json (its examples and counterexamples) and the
dates the shipped pipeline gives hand-written sentences."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.ingest.dating import date_rules, fiscal_year_end, named_last, sentence_candidates, sentence_view
from tracker.ingest.pipeline import extract
from tracker.registry import Registry

RULES = date_rules()


def _cases(key: str):
    return [pytest.param(rule.id, case, id=f"{rule.id}-{i}") for rule in RULES.values() for i, case in enumerate(getattr(rule, key))]


def _values(rule_id: str, case: dict) -> list[str]:
    published = date.fromisoformat(case["published"])
    return [c.date.value for c in sentence_candidates(case["text"], published) if c.rule == rule_id]


def _all_values(case: dict) -> list[str]:
    return [c.date.value for c in sentence_candidates(case["text"], date.fromisoformat(case["published"]))
            if c.kind in ("timex", "reading")]


@pytest.mark.parametrize("rule_id, case", _cases("examples"))
def test_rule_gives_its_examples_date(rule_id, case):
    if RULES[rule_id].fiscal_end is not None:  # a rule that says when a fiscal year ends: its month
        assert fiscal_year_end(case["text"]) == case["month"], case["text"]
    elif RULES[rule_id].not_publication_day:  # the publication day is no candidate
        assert case["value"] not in [c.date.value for c in sentence_candidates(case["text"], date.fromisoformat(case["published"]))]
    elif RULES[rule_id].fiscal_naming is not None:  # how the article names fiscal years: the year its "fiscal N" is
        assert case["value"] in _all_values(case), case["text"]
    elif RULES[rule_id].session is not None:  # a move of a trading session: the last sentence's date is its own day
        assert RULES[rule_id].session.search(case["text"].rsplit(". ", 1)[-1]), case["text"]
        assert case["value"] not in [c.date.value for c in _candidates_of_last_sentence(case["text"], date.fromisoformat(case["published"]))], case["text"]
    elif RULES[rule_id].not_previous and RULES[rule_id].pattern is None:
        # a rule that reads a tagged date as the sentence's own time: the date named before is no candidate
        assert case["value"] not in _previous_of_last_sentence(case["text"], date.fromisoformat(case["published"])), case["text"]
    elif RULES[rule_id].drops:  # a rule that drops a tagged date: its example's words date nothing
        assert case["value"] not in _all_values(case), case["text"]
    else:
        assert case["value"] in _values(rule_id, case), case["text"]


@pytest.mark.parametrize("rule_id, case", _cases("counterexamples"))
def test_rule_gives_nothing_for_its_counterexamples(rule_id, case):
    if RULES[rule_id].fiscal_end is not None:
        assert not RULES[rule_id].fiscal_end.search(case["text"]), case["text"]
    elif RULES[rule_id].not_publication_day:
        assert case["value"] in [c.date.value for c in sentence_candidates(case["text"], date.fromisoformat(case["published"]))]
    elif RULES[rule_id].fiscal_naming is not None:
        assert case["value"] not in _all_values(case), case["text"]
    elif RULES[rule_id].session is not None:
        assert not RULES[rule_id].session.search(case["text"]), case["text"]
    elif RULES[rule_id].not_previous and RULES[rule_id].pattern is None:
        assert case["value"] in _previous_of_last_sentence(case["text"], date.fromisoformat(case["published"])), case["text"]
    elif RULES[rule_id].drops:  # ... and its counterexample's words stay a date
        assert case["value"] in _all_values(case), case["text"]
    else:
        assert _values(rule_id, case) == [], case["text"]


@pytest.mark.parametrize("rule_id, case", _cases("hides"))
def test_rule_hides_the_tagged_reading_of_its_words(rule_id, case):
    # the rule's reading supersedes the tagger's ("by the end of the year" is the year, not December)
    published = date.fromisoformat(case["published"])
    values = [c.date.value for c in sentence_candidates(case["text"], published) if c.kind in ("timex", "reading")]
    assert case["value"] not in values, case["text"]
    assert _values(rule_id, case), case["text"]


def test_every_rule_has_an_example_and_patterns_compile():
    for rule in RULES.values():
        assert rule.examples, rule.id
        assert (rule.pattern is None and rule.fiscal is None) == (rule.reading is None), rule.id


def test_no_publication_date_no_publication_candidates():
    assert [c for c in sentence_candidates("Acme Networks opened a store.", None) if c.kind == "published"] == []


# --- the shipped pipeline on sentences written for these tests ----------------------------

ROWS = [{"name": "Acme Networks", "aliases": ["Acme"], "parent": None},
        {"name": "Borealis Telecom", "aliases": ["Borealis"], "parent": None}]


def dates_of(text: str, published: date) -> list[str | None]:
    """The date of each event found, in order (a sentence of two facts gives two)."""
    events, _ = extract(text, "t.txt", Registry([dict(r, aliases=list(r["aliases"])) for r in ROWS]), [], published=published)
    return [e.date.value for e in events]


@pytest.mark.parametrize("sentence, published, expected", [
    ("Acme Networks said on Tuesday it had agreed to buy Borealis Telecom for $2 billion.", date(2019, 3, 14), "2019-03-12"),
    ("Acme Networks plans to invest $3 billion in its network over the next five years.", date(2021, 6, 1), "2026"),
    ("Acme Networks agreed to buy Borealis Telecom for $2 billion.", date(2020, 5, 6), "2020-05-06"),
    # the year by_end_of_year reads, not the December the tagger reads in "the end of the year"
    ("Acme Networks said its chief executive will leave by the end of the year.", date(2020, 9, 11), "2020"),
    # fiscal_end_india, fiscal_part: an article counting in crore has April-March fiscal years; the
    # second quarter of FY24 is July-September 2023 (the tagger reads "the second quarter" of 2023)
    ("Acme Networks reported a net profit of Rs 3,000 crore in the second quarter of FY24.", date(2023, 11, 2), "2023-Q3"),
    # range_end: a range is dated by its start, and its end is no second fact
    ("Acme Networks will invest $5 billion from 2021 to 2023.", date(2020, 3, 1), "2021"),
    # years_ahead: "over the next decade" by the end it names
    ("Acme Networks will invest $5 billion over the next decade.", date(2019, 8, 1), "2029"),
    # a figure "at end-2018" is of December 2018, a target "by end-2020" of the year (GUIDELINES)
    ("Acme Networks had 30 million subscribers at end-2018.", date(2019, 3, 1), "2018-12"),
    ("Acme Networks aims to have 50 million subscribers by end-2020.", date(2019, 3, 1), "2020"),
    # period_ended, month_span: a fiscal quarter that is no calendar quarter is the calendar quarter
    # holding most of it, never its end day, and one event, not one per reading
    ("Acme Networks earned $176 million for the three months that ended Dec. 2.", date(2006, 12, 21), "2006-Q4"),
    ("Acme Networks sold 1.6 million phones in the March-May quarter.", date(2014, 6, 19), "2014-Q2"),
])
def test_pipeline_dates_the_event(sentence, published, expected):
    found = dates_of(sentence, published)
    assert found == [expected]


@pytest.mark.parametrize("text, published, expected", [
    # past_span_to_now: a figure over the past three months is told as of now, not of the period
    # the sentence before named (the share move is the second event)
    ("Acme Networks reported revenue of $5 billion for the second quarter of 2019 on Tuesday. "
     "Acme shares have gained 27% over the past three months.", date(2019, 5, 1), "2019-05-01"),
    # rumour_act_date: a rumour is dated by its report, the company's own plan by the planned date
    ("Acme Networks could sell its stake in Borealis Telecom in 2016, according to a source in the Finance Ministry.",
     date(2016, 2, 9), "2016-02-09"),
    ("Acme Networks could sell its stake in Borealis Telecom in 2016, its chief executive said.", date(2016, 2, 9), "2016"),
    # span_figure_between, span_figure_start: a figure over a span is dated by the figure it reports
    ("Between 2015 and 2024, Acme Networks' earnings per share went from $1.57 to $3.96.", date(2025, 9, 8), "2024"),
    ("Acme Networks' debt rose from $18 billion in 2008 to $110 billion in 2015.", date(2019, 6, 8), "2015"),
    # fiscal_year_relative: the article says its fiscal year ends in March; published in May, the
    # last fiscal year is the one that ended in March of that year
    ("Acme Networks' net profit rose 27% in the year ended March 31. "
     "Acme Networks' operating profit rose 36% to 3 trillion yen in the last fiscal year.", date(2022, 5, 11), "2022"),
    # fiscal_named_by_start: "fiscal 2017 through next March" names fiscal years by the year they
    # start in (the Japanese press), so its second quarter of fiscal 2017 is July-September 2017
    ("Acme Networks expects a record profit in fiscal 2017 through next March. Acme Networks said its sales "
     "rose 5% to 3 trillion yen in the second quarter of fiscal 2017.", date(2017, 11, 5), "2017-Q3"),
])
def test_pipeline_dates_the_last_event_by_its_own_time(text, published, expected):
    assert dates_of(text, published)[-1] == expected


@pytest.mark.parametrize("sentence, published, expected", [
    # a date in an aside that tells an act of its own dates that act, not the main clause's
    # (GUIDELINES "Dates": "founded in 2012" inside a sentence about a launch does not date it)
    ("Acme Networks, founded in 2012, launched a new phone.", date(2019, 8, 1), ["2019-08-01", "2012"]),
    ("Acme Networks, which went public in 2014, agreed to buy Borealis Telecom.", date(2021, 8, 1), ["2021-08-01", "2014"]),
    ("Acme Networks agreed to buy Borealis Telecom for $3 billion, its biggest deal since it bought Zeta Labs in 2019.",
     date(2021, 8, 1), ["2021-08-01", "2019"]),
])
def test_an_aside_dates_its_own_act_not_the_main_act(sentence, published, expected):
    assert dates_of(sentence, published) == expected


def test_an_announced_result_gives_the_period_and_the_day_of_the_announcement():
    # GUIDELINES "One event per fact": the result is dated by its period, the statement by its day
    found = dates_of("Acme Networks said on Thursday its net profit rose 12% to $40 million in the third quarter of 2018.",
                     date(2018, 11, 2))
    assert sorted(found) == ["2018-11-01", "2018-Q3"]


def _article_views(text: str, published: date):
    from tracker.ingest.articles import Article
    from tracker.ingest.pipeline import read_article

    article = Article(title="", offset=0, end=len(text), published=published, basis="option")
    return read_article(text, article, [])


def test_focus_is_the_period_the_article_names_most():
    text = ("Kestrel Mobile reported its results for the second quarter of 2019 on Monday. "
            "Revenue rose 12% in the second quarter of 2019. Margins were the highest since 2015. "
            "The company expects growth in 2020.")
    views = _article_views(text, date(2019, 8, 5))
    assert {v.focus for v in views} == {"2019-Q2"}


def test_no_focus_when_no_period_is_named_twice():
    text = "Kestrel Mobile opened a plant in 2018. It bought a rival in March 2019."
    assert {v.focus for v in _article_views(text, date(2019, 8, 5))} == {None}


def test_date_features_mark_the_focus_period_only():
    from tracker.ingest.dating import date_candidates, date_features

    text = ("Kestrel Mobile reported its results for the second quarter of 2019 on Monday. "
            "Revenue rose 12% in the second quarter of 2019, against 2018.")
    view = _article_views(text, date(2019, 8, 5))[1]
    marked = {c.date.value for c in date_candidates(view, None)
              if date_features(c, view, date(2019, 8, 5)).get("focus")}
    assert marked == {"2019-Q2"}


def test_explain_names_the_reading_that_dated_the_event(explained):
    out = explained("Acme Networks said its chief executive will leave by the end of the year.", "2020-09-11")
    assert 'date     2020 from reading (by_end_of_year) "by the end of the year"' in out, out


def test_date_features_mark_a_sentence_that_opens_a_paragraph():
    from tracker.ingest.dating import date_candidates, date_features

    text = "Kestrel Mobile opened a plant in 2018. It hired 300 people.\n\nKestrel Mobile bought a rival."
    views = _article_views(text, date(2019, 8, 5))
    marked = [any(k.endswith("&paragraph_start") for c in date_candidates(v, None) for k in date_features(c, v, date(2019, 8, 5)))
              for v in views]
    assert marked == [True, False, True]


def _candidates_of_last_sentence(text: str, published):
    """The date candidates of a text's last sentence, read in its article after the others."""
    from tracker.ingest.articles import Article
    from tracker.ingest.dating import date_candidates
    from tracker.ingest.pipeline import read_article

    article = Article(title="", offset=0, end=len(text), published=published, basis="option" if published else None)
    *before, last = read_article(text, article, [])
    earlier = [d for view in before for d in view.dates][-1]
    return date_candidates(last, earlier)


def _previous_of_last_sentence(text: str, published):
    return [c.date.value for c in _candidates_of_last_sentence(text, published) if c.kind == "previous"]


def test_an_undated_sentence_of_dated_news_does_not_continue_a_bare_year():
    # a year in news is background ("bought it in 2015"); the next undated sentence is the news
    assert _previous_of_last_sentence("Acme Networks bought Borealis Telecom in 2015. Acme Networks opened a plant.",
                                        date(2020, 5, 6)) == []


@pytest.mark.parametrize("text, published, expected", [
    # an annual report with no publication date continues the year it covers
    ("Acme Networks grew in 2017. Acme Networks opened 40 stores.", None, ["2017"]),
    # a report of a past year (published the next) continues the year it covers
    ("Acme Networks grew in 2017. Revenue rose 8% in 2017. Acme Networks opened 9 plants in 2017. "
     "It hired 300 people in 2017. Its users doubled in 2017. Acme Networks opened 40 stores.", date(2018, 4, 12), ["2017"]),
    # a month or a day named before may still date the next sentence
    ("Acme Networks bought Borealis Telecom in March 2015. Acme Networks paid $2 billion.", date(2020, 5, 6), ["2015-03"]),
    # a sentence with a date of its own keeps the year as a candidate beside it
    ("Acme Networks bought Borealis Telecom in 2015. In May, Acme Networks opened a plant.", date(2020, 5, 6), ["2015"]),
])
def test_the_date_named_before_stays_a_candidate_otherwise(text, published, expected):
    assert _previous_of_last_sentence(text, published) == expected


# --- session 9: starts, spans to now, parts of today, the news day of an article ---------------


def test_a_start_named_without_a_year_is_never_the_past_one(explained):
    # published in November 2024, "from March" is March 2025 (start_ahead), not March 2024: the
    # appointment is dated by that March or by its announcement (GUIDELINES: both are events),
    # never by the March before (other_side_of_publication gave 2024-03 before start_ahead hid it)
    out = explained("Jane Roe will become chief executive of Acme Networks from March.", "2024-11-20")
    dated = [line.split()[1] for line in out.splitlines() if line.startswith("  date ")]
    assert dated and set(dated) <= {"2025-03", "2024-11-20"}, out
    assert "2024-03" not in out, out


@pytest.mark.parametrize("text, expected", [
    ("Acme Networks said on Monday it would cut 500 jobs.", "before"),   # published on the Tuesday
    ("Acme Networks said on Tuesday it would cut 500 jobs.", "pub"),
    ("Acme Networks said on Monday it would cut 500 jobs. Its shares fell on Tuesday.", "both"),
    ("Acme Networks said in March it would cut 500 jobs.", ""),
])
def test_news_days_says_which_day_the_article_dates_its_news_to(text, expected):
    views = _article_views(text, date(2021, 6, 8))  # a Tuesday
    assert {v.news_days for v in views} == {expected}


def test_date_features_give_the_news_day_to_publication_candidates_only():
    from tracker.ingest.dating import date_candidates, date_features

    text = "Acme Networks said on Monday it would cut 500 jobs. It also closed a plant."
    view = _article_views(text, date(2021, 6, 8))[1]
    marked = {c.rule for c in date_candidates(view, None)
              if any(k.endswith("&news_days=before") for k in date_features(c, view, date(2021, 6, 8)))}
    assert marked == {"published_day", "published_week", "week_before", "published_month", "published_year", "day_before"}


@pytest.mark.parametrize("text, expected", [
    ("Kestrel Mobile raised $20 million last week.", "week_before"),          # published on a Tuesday
    ("Kestrel Mobile said on Monday it raised $20 million last week.", "before+week_before"),
    ("Kestrel Mobile will open two stores this week.", "week"),
])
def test_news_days_names_the_weeks_around_publication_too(text, expected):
    assert {v.news_days for v in _article_views(text, date(2021, 6, 8))} == {expected}


def test_ingest_dates_no_event_by_the_year_of_a_statute(found_events):
    events = found_events("The UK Secretary of State has approved Harlow Holdings' acquisition of Orvane Plc under the "
                          "National Security and Investment Act 2021, Orvane announced on Wednesday.\n", "2025-06-25")
    dates = [e["date"] for e in events]
    assert dates and "2021" not in dates, dates


# --- session 11: dates that date no act, comparisons ---------------------------------------


def test_explain_names_the_rule_that_dropped_a_payment_date(explained):
    # GUIDELINES: a declared dividend is dated by its declaration, not by when it is payable
    out = explained("Acme Networks today declared a quarterly dividend of 30 cents a share, payable on "
                    "March 15 to shareholders of record as of March 1.", "2021-02-10")
    assert "no date of the act: March 15 (payment_date); March 1 (payment_date)" in out, out
    dated = [line.split()[1] for line in out.splitlines() if line.startswith("  date ")]
    assert dated and "2021-03-15" not in dated and "2021-03-01" not in dated, out


def test_a_range_of_two_years_dates_its_event_by_the_first(found_events):
    # GUIDELINES settled cases: "in 2020 and 2021" is dated by its start
    found = found_events("Acme Networks said it will suspend its share buyback in 2021 and 2022.", "2020-10-01")
    assert [e["date"] for e in found] == ["2021"], found


def test_a_time_of_day_dates_its_day(found_events):
    """A clock time with no day of its own is of the publication day ("At 1pm, X was trading at
    ..."), and one with a day dates that day; before, a TIME expression dated nothing and the
    sentence took the previous sentence's quarter."""
    events = found_events(
        "Harlow Bank Q2 profit up 20%\n\n"
        "Harlow Bank Ltd on Tuesday reported a 20.1% jump in its September quarter net profit.\n\n"
        "Net bad loans were at 0.43% in the September quarter compared to 0.44% in the previous quarter.\n\n"
        "At 1pm, Harlow Bank was trading at Rs1,864 on the BSE, up 0.07% from previous close.\n\n"
        "Orvane Foods Plc completed its purchase of Quell Snacks at 5 p.m. on Friday.\n",
        "2017-10-24")
    dates = {e["sources"][0]["quote"][:20]: e["date"] for e in events}
    assert dates.get("At 1pm, Harlow Bank ") == "2017-10-24", events
    assert dates.get("Orvane Foods Plc com") == "2017-10-20", events


# The period a figure is compared with ("up from $1.01 a year earlier") is not the period the
# next sentences go on about: an undated figure after it is of the figure's own period.
YEAR_AGO_COMPARISON = (
    "Harlow Foods reports results\n\n"
    "Harlow Foods (HRF) reported first-quarter earnings Tuesday of $1.20 per share, up from $1.01 a year earlier. "
    "Harlow Foods shares were down 0.3%.\n"
)


def test_a_comparison_period_does_not_date_the_next_sentence(found_events):
    dates = {e["date"] for e in found_events(YEAR_AGO_COMPARISON, "2024-04-16")}
    assert dates and not any(d.startswith("2023") for d in dates), dates


def test_the_date_named_last_is_the_compared_figure_s_period():
    view = sentence_view("Revenue was $2.1 billion in the first quarter, up from $1.9 billion a year earlier.", date(2024, 4, 16))
    assert view.dates[-1].date.value == "2023-Q1" and named_last(view).date.value == "2024-Q1"
    view = sentence_view("Sales rose 11% to 3.2 billion euros, from 2.9 billion euros in the same period last year.", date(2024, 4, 16))
    assert named_last(view).date.value.startswith("2024") and view.dates[-1].date.value.startswith("2023")
    # a date that is no comparison is continued as read
    view = sentence_view("Revenue was $2.1 billion in the first quarter of 2023.", date(2024, 4, 16))
    assert named_last(view) == view.dates[-1]


def test_the_release_of_results_a_sentence_names_is_the_news_of_its_day():
    # results_named_announced drops the quarter the release is about; the release is of the
    # publication day, not of the quarter the headline named before it (dated_news: no 'previous')
    text = ("Acme Networks second quarter 2019 production\n\n"
            "Acme Networks is pleased to announce its second quarter production results for 2019.\n")
    assert "2019-07-17" in dates_of(text, date(2019, 7, 17)), dates_of(text, date(2019, 7, 17))
    assert "2019-Q2" not in dates_of(text, date(2019, 7, 17))[1:], dates_of(text, date(2019, 7, 17))
    # counterexample: a release with a figure keeps its quarter
    text = ("Acme Networks second quarter 2019 production\n\n"
            "Acme Networks produced 15,532 ounces of gold in the second quarter of 2019.\n")
    assert "2019-Q2" in dates_of(text, date(2019, 7, 17)), dates_of(text, date(2019, 7, 17))
