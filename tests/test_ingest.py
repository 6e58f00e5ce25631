"""tracker.ingest on small wire-style articles written for these tests, and on the seed corpus."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tracker.ingest import Article, extract, split_articles
from tracker.registry import Registry

ROOT = Path(__file__).resolve().parent.parent
NEWS = Path(__file__).resolve().parent / "fixtures" / "news"
ROWS = [
    {"name": "Acme Networks", "aliases": ["Acme"], "parent": None},
    {"name": "Borealis Telecom", "aliases": ["Borealis"], "parent": None},
    {"name": "Borealis Telecom Global", "aliases": ["BTG"], "parent": "Borealis Telecom"},
]


def registry() -> Registry:
    return Registry([dict(row, aliases=list(row["aliases"])) for row in ROWS])


def run(name: str, text: str | None = None, **kwargs):
    text = (NEWS / name).read_text(encoding="utf-8") if text is None else text
    events, new = extract(text, name, registry(), [], **kwargs)
    return text, events, new


def quotes_are_verbatim(text: str, events) -> None:
    for event in events:
        for source in event.sources:
            assert text[source.offset : source.offset + len(source.quote)] == source.quote


def test_dateline_dates_the_story_and_on_wednesday_is_the_wednesday_before():
    text, events, new = run("wire_dateline.txt")
    quotes_are_verbatim(text, events)
    contract = [e for e in events if e.type == "contract"]
    assert len(contract) == 1
    # 07 AUG 2017 is a Monday: "said on Wednesday" is Wednesday 2 August
    assert contract[0].date.value == "2017-08-02"
    assert contract[0].companies[0] == "Acme Networks"
    assert contract[0].sources[0].date_text == "Wednesday"


def test_company_not_in_registry_comes_back_as_new_row():
    _, events, new = run("wire_dateline.txt")
    assert [row["name"] for row in new] == ["Zentrix Robotics"]
    assert new[0]["review"] is True
    assert any("Zentrix Robotics" in e.companies for e in events)


def test_two_dates_in_one_sentence_give_the_event_its_own_date():
    text, events, _ = run("wire_dateline.txt")
    at = text.index("Acme Networks, established in 2012")
    told = {e.date.value: e.type for e in events if e.sources[0].offset == at}
    assert "2017-05-03" in told  # the launch is not dated by "established in 2012"
    # the founding is background of its own, an event of type other (GUIDELINES), when it is one
    assert told.get("2012", "other") == "other"


def test_quarters_and_comparison_dates():
    _, events, _ = run("wire_dateline.txt")
    results = [e for e in events if e.type == "financial_results"]
    assert [e.date.value for e in results] == ["2017-Q2"]  # "a year earlier" is no event


def test_false_friends_make_no_event_and_no_date():
    text, events, _ = run("wire_dateline.txt")
    at = text.index("The company may expand")
    assert not [e for e in events if any(s.offset == at for s in e.sources)]


def test_blog_headings_date_the_posts_below_them():
    text = (NEWS / "blog.txt").read_text(encoding="utf-8")
    articles = split_articles(text, "blog.txt", [])
    titled = [a for a in articles if a.title.startswith(("Borealis", "Acme"))]
    assert [(a.title, a.published) for a in titled] == [
        ("Borealis Telecom selects Acme Networks for 5G trial", date(2017, 6, 19)),
        ("Acme Networks partners with Borealis Telecom", date(2017, 6, 16)),
    ]
    assert all(isinstance(a, Article) and a.basis == "text" for a in titled)
    _, events, _ = run("blog.txt")
    by_quote = {e.sources[0].quote.split()[0]: e for e in events}
    assert by_quote["Borealis"].date.value == "2017-06-19"  # "... has selected Acme Networks" in the post of 19 June
    assert by_quote["Acme"].date.value == "2017-06-16"


def test_front_matter_and_last_week():
    text, events, _ = run("front_matter.md")
    articles = split_articles(text, "front_matter.md", [])
    assert articles[0].published == date(2018, 2, 13)
    board = [e for e in events if e.type == "leadership"]
    assert board and board[0].date.value == "2018-W06"
    assert [e.date.value for e in events if "net profit" in e.sources[0].quote] == ["2017-Q4"]


def test_same_event_reported_twice_is_one_event_with_two_sources():
    text, events, _ = run("twice.txt")
    quotes_are_verbatim(text, events)
    deals = [e for e in events if e.type == "partnership"]
    assert len(deals) == 1
    assert len(deals[0].sources) == 2
    assert set(deals[0].companies) == {"Borealis Telecom", "Acme Networks"}
    assert [e.date.value for e in events if e.type == "market_data"] == ["2017-05"]


def test_published_option_overrides_and_without_a_date_nothing_is_guessed():
    body = "Acme Networks said on Wednesday it had acquired a stake in Borealis Telecom.\n"
    _, events, _ = run("plain.txt", body)
    assert events and events[0].date.value is None
    _, events, _ = run("plain.txt", body, published=date(2017, 8, 7))
    assert events[0].date.value == "2017-08-02"


def test_publication_facts_are_looked_up_by_title():
    text = "Acme Networks buys a stake in Borealis\n\nAcme Networks said on Friday it had bought a 10% stake in Borealis Telecom.\n"
    facts = [{"doc": "f.txt", "title": "Acme Networks buys a stake in Borealis", "published": "2018-01-22", "basis": "outside"}]
    articles = split_articles(text, "f.txt", facts)
    assert articles[0].published == date(2018, 1, 22) and articles[0].basis == "outside"
    events, _ = extract(text, "f.txt", registry(), facts)
    assert events[0].date.value == "2018-01-19"
    assert events[0].type in ("investment", "acquisition")


def test_a_title_the_publication_facts_list_opens_its_article_even_with_a_full_stop_inside():
    text = ("Acme Networks buys a stake in Borealis\n\nAcme Networks said on Friday it had bought a 10% stake in "
            "Borealis Telecom.\n\nOperators Expect Consolidation. Now, They Want Spectrum.\n\n"
            "This week, Borealis Telecom said it had bid for new spectrum.\n")
    facts = [{"doc": "f.txt", "title": "Acme Networks buys a stake in Borealis", "published": "2018-01-22", "basis": "outside"},
             {"doc": "f.txt", "title": "Operators Expect Consolidation. Now, They Want Spectrum.", "published": "2018-01-05",
              "basis": "outside"}]
    articles = split_articles(text, "f.txt", facts)
    assert [a.published for a in articles] == [date(2018, 1, 22), date(2018, 1, 5)]
    events, _ = extract(text, "f.txt", registry(), facts)
    (bid,) = [e for e in events if "spectrum" in e.sources[0].quote]
    assert bid.date.value == "2018-W01"  # "this week" of the second article, not of the first


def test_longest_company_name_wins_and_possessives():
    text = "BEIJING, 14 JUN 2017 - Borealis Telecom Global launched a subsea cable service with Acme's help.\n"
    _, events, _ = run("long.txt", text)
    assert events[0].companies[0] == "Borealis Telecom Global"
    assert "Acme Networks" in events[0].companies


def test_windows_line_endings_and_very_long_lines():
    text = (NEWS / "twice.txt").read_text(encoding="utf-8").replace("\n", "\r\n")
    _, events, _ = run("twice.txt", text)
    quotes_are_verbatim(text, events)
    assert len([e for e in events if e.type == "partnership"]) == 1
    filler = "Analysts discussed the market at length. " * 3000
    long_text = "BEIJING, 14 JUN 2017 - " + filler + "Acme Networks signed a contract with Borealis Telecom on Tuesday. " + filler
    _, events, _ = run("long.txt", long_text)
    quotes_are_verbatim(long_text, events)
    assert [e.date.value for e in events] == ["2017-06-13"]


def test_empty_and_eventless_text():
    assert run("empty.txt", "")[1] == []
    assert run("none.txt", "Markets were quiet.\n\nNothing happened.\n")[1] == []


def _load_eval():
    spec = importlib.util.spec_from_file_location("ingest_eval", ROOT / "bench" / "ingest_eval.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not (ROOT / "events" / "log").is_dir(), reason="no curated log in this tree")
def test_seed_corpus_floor():
    """The seed corpus is in the models' training data (bench/train_ingest.py): this floor guards
    the pipeline's plumbing on long multi-article documents, not how well it generalises."""
    bench = _load_eval()
    _, totals, _, _ = bench.evaluate(ROOT / "seeds", ROOT / "events")
    figures = bench.figures(totals)
    # measured (session 4, learned pipeline): P .950, R .879, F1 .913, date .881, company .968, type .968
    assert figures["f1"] >= 0.85
    assert figures["date"] >= 0.80
    assert figures["company"] >= 0.90


@pytest.mark.parametrize(
    "articles, f1, date",
    [
        # measured (session 4, learned pipeline, no model trained on these sets): F1 .837, date .778;
        # the session-3 rules, written while reading these sets, had .898 / 1.000
        ("heldout", 0.75, 0.70),
        # F1 .675, date .842 (rules developed on it: .824 / .926)
        ("dev", 0.60, 0.75),
        # F1 .466, date .765 (rules: .563 / .900); most misses are one new company named otherwise
        # than the curator did
        ("heldout2", 0.40, 0.65),
    ],
)
def test_articles_written_for_the_benchmark_floor(articles, f1, date):
    """Short texts curated by hand before any extractor ran on them (bench/heldout, bench/dev,
    bench/heldout2); the learned models never trained on them."""
    bench = _load_eval()
    where = ROOT / "bench" / articles
    _, totals, _, _ = bench.evaluate(where / "seeds", where / "events", registry_dir=ROOT / "events")
    figures = bench.figures(totals)
    assert figures["f1"] >= f1
    assert figures["date"] >= date


SHARED_DEV = ROOT.parent / "shared" / "data" / "company-news" / "dev"


@pytest.mark.skipif(not SHARED_DEV.is_dir(), reason="../shared/data/company-news/dev is not beside this checkout")
def test_shared_corpus_dev_floor():
    """Real news the models were not trained on (the dev split chose between designs, so it is not
    blind), scored by bench/corpus_eval.py the way ../shared/data/company-news/score does."""
    run = subprocess.run([sys.executable, str(ROOT / "bench" / "corpus_eval.py"), "--sets", "dev", "--json"],
                         capture_output=True, text=True, check=True, env={**os.environ, "PYTHONHASHSEED": "0"})
    dev = json.loads(run.stdout)["sets"]["dev"]
    # measured (session 4): F1 .691 (P .776, R .623), exact date .728, strict F1 .448, type .404;
    # main at the start of session 4: F1 .384, date .729, strict .272, type .292
    assert dev["F1"] >= 0.65
    assert dev["date_exact"] >= 0.70
    assert dev["strict_F1"] >= 0.40
    assert dev["type"] >= 0.35


def _dry_run_jsonl(tmp_path, name: str, story: str, published: str) -> list[dict]:
    """The events ``tracker ingest FILE --published DATE --dry-run -f jsonl`` finds in a story, run
    as a user runs it (a subprocess on a file)."""
    path = tmp_path / name
    path.write_text(story, encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "tracker.cli", "ingest", str(path), "--published", published,
                          "--dry-run", "-f", "jsonl"], capture_output=True, text=True, env={**os.environ, "TRACKER_DB": str(tmp_path / "db")})
    assert out.returncode == 0, out.stderr
    return [json.loads(line) for line in out.stdout.splitlines()]


def test_a_crosshead_inside_a_story_opens_no_new_article(tmp_path):
    # a short label mid-story ("Harlow Freight revenue") is a crosshead: the figures below it are the
    # same story's, told by the same headline; a longer headline mid-page opens another story
    story = ("Harlow Freight swings to a profit\n\n"
             "Harlow Freight Inc said on Tuesday it swung to a first-quarter profit of $12 million.\n\n"
             "Harlow Freight revenue\n\n"
             "Harlow Freight's revenue rose 8% to $410 million in the quarter, the company said.\n\n"
             "Dorvel Air picks Harlow Freight for cargo handling at two airports\n\n"
             "Dorvel Air said on Wednesday it picked Harlow Freight to handle its cargo in Leeds.\n")
    assert [a.title for a in split_articles(story, "harlow.txt", [])] == [
        "Harlow Freight swings to a profit", "Dorvel Air picks Harlow Freight for cargo handling at two airports"]
    # a line that ends a quoted sentence is no headline either
    quoted = story.replace("Harlow Freight revenue", 'Analysts at Dorvel said Harlow Freight "had a good quarter."')
    assert len(split_articles(quoted, "harlow.txt", [])) == 2
    events = _dry_run_jsonl(tmp_path, "harlow.txt", story, "2024-04-24")
    articles = {e["sources"][0]["article"] for e in events}
    assert "Harlow Freight revenue" not in articles and "Harlow Freight swings to a profit" in articles


def test_a_wire_lead_after_the_agency_is_read_and_its_role_noun_and_product_are_no_companies(tmp_path):
    # "(Bloomberg) — Drugmaker X PLC ...": the story's lead is its first paragraph (it had been
    # skipped as a line no title is taken from), "Drugmaker" says what X is, and the drug a
    # product noun calls "Velmora" is no company
    story = ("(Bloomberg) — Drugmaker Orvane Therapeutics PLC said on Monday it agreed to buy Kestrel Labs Inc for $2 billion.\n\n"
             "Orvane's drug, called Velmora, is a long-acting injectable medicine, the company said. "
             "Velmora helped patients in a final-stage trial.\n")
    events = _dry_run_jsonl(tmp_path, "orvane.txt", story, "2015-10-06")
    companies = {c for e in events for c in e["companies"]}
    assert "Velmora" not in companies and not any(c.startswith("Drugmaker") for c in companies)
    deal = [e for e in events if e["type"] == "acquisition"]
    assert deal and deal[0]["companies"][:2] == ["Orvane Therapeutics", "Kestrel Labs"] and deal[0]["date"] == "2015-10-05"


def test_a_name_that_begins_with_photo_is_no_caption():
    """A caption opens with the word "Photo" or "Image" ("Photo: Reuters"); a company whose name
    begins so ("Photo-Me", "Photobox") opens a headline and its lead, which had been skipped as
    captions (with every paragraph before the next title-like one)."""
    text = ("Snapfix-Me fined over data breach\n\nSnapfix-Me was fined by the regulator for failing to protect data.\n\n"
            "The company operates booths. It said it would appeal.\n")
    for head in ("Photo-Me", "Photobox", "Imagery Group"):
        articles = split_articles(text.replace("Snapfix-Me", head), "f.txt", [])
        assert articles[0].offset == 0 and articles[0].title == f"{head} fined over data breach"
    captioned = "Photo: Reuters\n\nAcme fined over data breach\n\nAcme was fined by the regulator.\n"
    assert split_articles(captioned, "f.txt", [])[0].title == "Acme fined over data breach"


def test_a_figure_the_sentence_does_not_date_is_of_the_period_the_article_is_about(tmp_path):
    # a report on one quarter: "posted a loss of $114 million" names no period; the article's
    # period (named twice) dates it, not the day the results were told nor the publication week
    story = ("Harlow Air and Dorvel Air post first-quarter losses\n\n"
             "Surging fuel costs hampered Harlow Air and Dorvel Air in the first quarter, with both airlines reporting losses Tuesday.\n\n"
             "Harlow Air said traffic and revenue were up during the first three months.\n\n"
             "Philadelphia's dominant airline posted a loss of $114 million, or 71 cents a share - more than double the "
             "$45 million loss, or 28 cents a share, a year ago.\n")
    events = _dry_run_jsonl(tmp_path, "air.txt", story, "2011-04-26")
    loss = [e for e in events if any("$114 million" in s["quote"] for s in e["sources"])]
    assert loss and {e["date"] for e in loss} == {"2011-Q1"}, [(e["date"], e["title"]) for e in events]


def test_a_share_move_in_a_trading_session_is_news_of_the_day_not_of_the_quarter(tmp_path):
    # trading_session: in a report on a quarter, "sent its shares soaring in after-hours trading"
    # names no date; it is the day's news, not the quarter the article (and the sentence before) names
    story = ("Harlow Air posts first-quarter profit\n\n"
             "Harlow Air Inc reported a first-quarter profit of $40 million on Tuesday, its best first quarter in a decade.\n\n"
             "Revenue in the first quarter rose 12% to $900 million.\n\n"
             "The results sent shares of Harlow Air soaring 6.1% in after-hours trading.\n")
    events = _dry_run_jsonl(tmp_path, "harlow.txt", story, "2011-04-27")
    move = [e for e in events if any("after-hours" in s["quote"] for s in e["sources"])]
    assert move and {e["date"] for e in move} <= {"2011-04-26", "2011-04-27"}, [(e["date"], e["title"]) for e in events]


def test_a_new_intraday_low_for_the_year_is_a_move_of_the_day(tmp_path):
    # record_span: "a new low for the year" names the span of the record, not the time of the move
    story = ("Harlow Air shares slide on job cuts\n\n"
             "Shares of Harlow Air Inc. slid 9.6% on Friday after the company said Thursday it would cut 900 jobs.\n\n"
             "Harlow Air shares reached a new intraday low for the year of $16.46.\n")
    events = _dry_run_jsonl(tmp_path, "harlow.txt", story, "2019-10-04")
    low = [e for e in events if any("intraday low" in s["quote"] for s in e["sources"])]
    assert low and all(e["precision"] == "day" for e in low), [(e["date"], e["title"]) for e in events]
