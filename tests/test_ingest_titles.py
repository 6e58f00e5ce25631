"""The title rules of tracker/ingest/data/title_rules.json (GUIDELINES "Titles": one plain line, the
main actor first, the act and its object): every example and counterexample is a (sentence, main
company, title) that ``make_title`` must give; and ingest shows such titles."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tracker.ingest.articles import Article
from tracker.ingest.pipeline import read_article
from tracker.ingest.titles import RULES, dateline_end, make_title, mood_prefix, title_dateline_end, title_rules
from tracker.temporal.partial import PartialDate


def _title(sentence: str, main: str) -> str:
    article = Article(title="", offset=0, end=len(sentence), published=date(2020, 3, 3), basis="option")
    (view,) = read_article(sentence, article, [])
    return make_title(view, main)


def _cases():
    for rule in title_rules().values():
        for sentence, main, title in rule["examples"] + rule["counterexamples"]:
            yield pytest.param(sentence, main, title, id=f"{rule['id']}: {sentence[:40]}")


@pytest.mark.parametrize("sentence, main, title", list(_cases()))
def test_title_rule_examples(sentence: str, main: str, title: str) -> None:
    assert _title(sentence, main) == title


def test_every_rule_has_an_id_a_doc_and_examples() -> None:
    for rule_id, rule in title_rules().items():
        assert rule["doc"] and rule["examples"], rule_id
        assert ("pattern" in rule) != ("words" in rule), rule_id


def test_ingest_titles_drop_the_speakers_frame_and_the_legal_form(found_events) -> None:
    titles = [e["title"] for e in found_events("Harlow Foods to buy Orvane Snacks\n\nLONDON, March 3 (Wire) - Harlow Foods Plc "
                                                "said on Tuesday it agreed to buy U.S. snack maker Orvane Snacks Inc for $2.1 "
                                                "billion in cash.\n")]
    assert "Harlow Foods agreed to buy U.S. snack maker Orvane Snacks for $2.1 billion in cash" in titles


def test_ingest_titles_leave_out_descriptions_days_and_the_scene(cli, tmp_path) -> None:
    stories = {
        "deal.txt": "Swedish telecom equipment maker Ericsson said on Monday it had completed its $6.2 billion "
                    "acquisition of Vonage Holdings Corp, a cloud communications company.\n",
        "fine.txt": "The European Commission on Wednesday fined Harlow Foods Plc 2.4 billion euros for abusing its "
                    "dominance in snack retail.\n",
        "terms.txt": "Under the terms of the deal, which is expected to close in the first quarter of 2021, Quorvel "
                     "Inc shareholders will receive $23 per share in cash.\n",
    }
    for name, text in stories.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = cli("ingest", *(tmp_path / name for name in stories), "--published", "2020-03-04", "--dry-run", "-f", "jsonl")
    assert result.exit_code == 0, result.output
    titles = {json.loads(line)["title"] for line in result.stdout.splitlines()}
    assert titles >= {"Ericsson completed its $6.2 billion acquisition of Vonage Holdings",
                      "The European Commission fined Harlow Foods 2.4 billion euros for abusing its dominance in snack retail",
                      # dated after publication by an expectation: GUIDELINES' "Expected:" title
                      "Expected: Quorvel shareholders will receive $23 per share in cash"}, titles


@pytest.mark.parametrize("sentence, dateline", [
    ("BOSTON, Nov. 6, 2024 /PRNewswire/ -- Orvane Therapeutics said", "BOSTON, Nov. 6, 2024 /PRNewswire/ -- "),
    ("LOS ANGELES–(BUSINESS WIRE)–Orvane Therapeutics today reported", "LOS ANGELES–(BUSINESS WIRE)–"),
    ("SHANGHAI, 07 AUG 2017 (Reuters) - Acme said", "SHANGHAI, 07 AUG 2017 (Reuters) - "),
    ("SEOUL, June 10 (Yonhap) -- Acme said", "SEOUL, June 10 (Yonhap) -- "),
    ("LONDON — Acme said", "LONDON — "),
    ("RANCHO CUCAMONGA, CA / ACCESSWIRE / November 8, 2023 / Acme today reported",
     "RANCHO CUCAMONGA, CA / ACCESSWIRE / November 8, 2023 / "),
    ("U.S.-based Acme said on Monday", ""),
    ("Acme-Brandt said on Monday", ""),
])
def test_datelines_of_papers_and_wire_services(sentence: str, dateline: str) -> None:
    assert sentence[: title_dateline_end(sentence)] == dateline


def test_a_wire_services_dateline_still_dates_the_releases_statement() -> None:
    # its date is the announcement's day (GUIDELINES: a dated announcement is a statement of that day)
    assert dateline_end("BOSTON, Nov. 6, 2024 /PRNewswire/ -- Orvane Therapeutics said") == 0
    assert dateline_end("SHANGHAI, 07 AUG 2017 (Reuters) - Acme said") == len("SHANGHAI, 07 AUG 2017 (Reuters) - ")


def test_a_title_leaves_out_the_dateline_and_the_asides() -> None:
    sentence = ("BOSTON, Nov. 6, 2024 /PRNewswire/ -- Orvane Therapeutics, Inc. (NASDAQ: ORVT), a clinical-stage "
                "biotechnology company, today reported financial results for the third quarter.")
    assert _title(sentence, "Orvane Therapeutics") == "Orvane Therapeutics reported financial results for the third quarter"


PRESS_RELEASE = """Orvane Therapeutics Reports Third Quarter 2024 Financial Results

BOSTON, Nov. 6, 2024 /PRNewswire/ -- Orvane Therapeutics, Inc. (NASDAQ: ORVT), a clinical-stage biotechnology company, today reported financial results for the third quarter ended September 30, 2024.

In October 2024, Orvane initiated a Phase 3 trial of ORV-101 in patients with lupus.

About Orvane Therapeutics
Orvane Therapeutics, founded in 2015 and headquartered in Boston, develops medicines for autoimmune diseases.

Forward-Looking Statements
Risks are described in Orvane's Annual Report on Form 10-K for the year ended December 31, 2023.

Media Contact:
Jane Roe, +1 617 555 0100
"""


def test_a_press_release_gives_its_news_with_plain_titles_and_nothing_of_its_boilerplate(cli, tmp_path) -> None:
    news = tmp_path / "release.txt"
    news.write_text(PRESS_RELEASE, encoding="utf-8")
    result = cli("ingest", news, "--dry-run", "-f", "jsonl")
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines()]
    titles = {e["title"] for e in events}
    assert "Orvane Therapeutics initiated a Phase 3 trial of ORV-101 in patients with lupus" in titles
    assert any(t.startswith("Orvane Therapeutics reported financial results") for t in titles), titles
    # the profile's founding and the risk notice's fiscal year are no events of the release
    assert not [e for e in events if e["date"] in ("2015", "2023")], events
    assert not [t for t in titles if "BOSTON" in t or "PRNewswire" in t or "NASDAQ" in t]


def test_a_title_opens_with_the_name_not_with_its_article(found_events) -> None:
    # "The Harlow Company": the name that the registry keeps is Harlow, and the title opens with it
    events = found_events("Harlow buys Orvane\n\nThe Harlow Company announced on Tuesday that it had agreed to buy "
                          "Orvane Snacks for $2 billion.\n", "2020-03-05")
    assert events and events[0]["title"].startswith("Harlow ")


def _mood_cases():
    moods = json.loads(RULES.read_text(encoding="utf-8"))["moods"]
    for mood, entry in moods.items():
        if mood == "about":
            continue
        for sentence, published, when, prefix in entry["examples"] + entry["counterexamples"]:
            yield pytest.param(sentence, published, when, prefix, id=f"{mood}: {sentence[:40]}")


@pytest.mark.parametrize("sentence, published, when, prefix", list(_mood_cases()))
def test_title_mood_examples(sentence: str, published: str, when: str, prefix: str) -> None:
    assert mood_prefix(sentence, PartialDate.parse(when), date.fromisoformat(published)) == prefix


def test_a_plan_and_a_report_of_others_say_so_in_their_titles(found_events) -> None:
    events = found_events("Kestrel plans\n\nKestrel Airlines will resume flights to Moscow from June 1, the company said "
                          "on Friday.\nHarlow Foods is reportedly in talks to buy Kestrel Airlines, people familiar with "
                          "the matter said on Thursday.\n", "2024-03-09")
    titles = {e["date"]: e["title"] for e in events}
    assert titles["2024-06-01"].startswith("Planned: Kestrel Airlines")
    assert titles["2024-03-07"].startswith("Reports that Harlow Foods")


def test_a_number_s_comma_ends_no_aside(found_events) -> None:
    """", the fintech claims to serve up to 200,000 customers;" is no aside closed by the comma
    of 200,000: the title had lost "the fintech claims to serve up to 200," and read "... 000 customers"."""
    titles = [e["title"] for e in found_events("Orvane Pay raises $13 million\n\nOrvane Pay Ltd raised $13 million in seed funding on Monday.\n\n"
                                               "On the consumer side of things, the fintech claims to serve up to 200,000 customers; "
                                               "it hopes to increase that number to 1 million by December.\n", "2022-09-07")]
    assert not any(" 000 customers" in t for t in titles), titles


def test_an_appositive_holds_no_finite_verb() -> None:
    from tracker.ingest.triggers import without_asides
    main_clause = "As outlined in a statement, the company will update shareholders during its earnings call, to be held Oct. 23."
    assert without_asides(main_clause) == main_clause
    assert without_asides("Harlow, an American maker of snacks, set up a plant.").split() == ["Harlow", "set", "up", "a", "plant."]


def test_an_opening_date_after_earlier_or_later_is_left_out_of_the_title() -> None:
    # "Earlier on 10 June, the company announced ...": the date says when, the title tells what
    assert _title("Earlier on 10 June, the company announced two new orders worth $48 million.", "Harlow") == \
        "Harlow announced two new orders worth $48 million"
    # a word before the date that is no adverb of time keeps the opening as it is
    assert "Orders placed on 10 June" in _title("Orders placed on 10 June, the company said, were worth $48 million.", "Harlow")


def test_a_wire_dateline_with_a_day_and_an_opening_date_with_no_comma_are_left_out() -> None:
    assert _title("June 7 (Reuters) – Shares of Harlow rose more than 16% on Friday.", "Harlow") == \
        "Shares of Harlow rose more than 16%"
    title = _title("This morning Harlow announced that it had bought Orvane.", "Harlow")
    assert title.startswith("Harlow ") and "morning" not in title


def test_an_apposition_that_says_whose_part_a_company_is_and_a_role_noun_subject_leave_the_title() -> None:
    assert _title("The telco, part of U.K. telecoms company Harlow Group, said it expects to add 45 cities next year.",
                  "Harlow") == "Harlow said it expects to add 45 cities next year"
