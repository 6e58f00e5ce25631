"""tracker ingest page.html reads the article, not the markup: driven through the CLI on
hand-written pages (tests/fixtures/html/, invented companies)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker import curated
from tracker.api import Tracker
from tracker.ingest import extract, split_articles
from tracker.ingest.document import is_html, read_document
from tracker.model import Source
from tracker.textio import read_text
from tests.test_ingest import NEWS

PAGES = Path(__file__).resolve().parent / "fixtures" / "html"
NEWS_PAGE = PAGES / "news_page.html"
NEWS_URL = "https://news.example.com/2019/04/brightwave-norrland-fibre"
# Companies named only in scripts, cookie banners and teasers of the pages: none is in the article.
NOT_IN_ARTICLES = ("Quazor", "Vexilon", "Zentrix", "Halvard", "Cookiebot", "Pelago", "Fennick", "Braxo")
MARKUP = ("<", ">", "dataLayer", "document.write", "console.log", "cookie", "Accept all", "Home", "Sign in")


def dry_run(cli, *args) -> tuple[list[dict], str]:
    result = cli("ingest", *args, "--dry-run", "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()], result.stderr


def page_text(path: Path) -> str:
    return read_document(path.name, path.read_text(encoding="utf-8")).text


@pytest.mark.parametrize(
    "page, company, day, url",
    [
        # <meta property="article:published_time" content="2019-04-11..."> (a Thursday): "on Tuesday"
        ("news_page.html", "Brightwave Telecom", "2019-04-09", NEWS_URL),
        # JSON-LD datePublished 2021-09-02 (a Thursday): "on Monday"
        ("jsonld_page.html", "Kestrel Telecom", "2021-08-30", "https://techledger.example.org/articles/kestrel-ordovan"),
        # only <time datetime="2020-02-06..."> (a Thursday): "on Wednesday"; no canonical link
        ("time_only.html", "Harlow Telecom", "2020-02-05", None),
    ],
)
def test_a_page_gives_its_article_dated_by_the_page_with_its_address(cli, page, company, day, url):
    events, _ = dry_run(cli, PAGES / page)
    text = page_text(PAGES / page)
    main = [e for e in events if e["companies"][0] == company]
    assert main, events
    assert main[0]["date"] == day
    for event in events:
        seen = [event["title"], *event["companies"]] + [s[k] for s in event["sources"] for k in ("quote", "article")]
        for piece in MARKUP + NOT_IN_ARTICLES:
            assert not any(piece in part for part in seen), (piece, event)
        for source in event["sources"]:
            assert text[source["offset"] : source["offset"] + len(source["quote"])] == source["quote"]
            assert source["doc"] == page
            assert source.get("url") == url


def test_the_page_text_is_its_title_then_its_paragraphs():
    document = read_document("news_page.html", NEWS_PAGE.read_text(encoding="utf-8"))
    assert document.title == "Brightwave Telecom signs fibre deal with Norrland Cable"
    assert str(document.published) == "2019-04-11"
    assert document.url == NEWS_URL
    paragraphs = document.text.split("\n\n")
    assert paragraphs[0] == document.title  # the <h1> repeating the title is not a second paragraph
    assert paragraphs[1].startswith("Brightwave Telecom said on Tuesday")
    assert len(paragraphs) == 4 and not any(p.count("\n") for p in paragraphs[:-1])
    assert not any(name in document.text for name in NOT_IN_ARTICLES)


@pytest.mark.parametrize("page", ["jsonld_page.html", "time_only.html"])
def test_a_short_page_keeps_its_paragraphs_apart(page):
    # below trafilatura's default 250 characters, its fallback runs heading, dates and
    # paragraphs together into one line
    document = read_document(page, (PAGES / page).read_text(encoding="utf-8"))
    title, *paragraphs = document.text.split("\n\n")
    assert title == document.title and document.text.count(title) == 1
    assert len(paragraphs) == 2 and paragraphs[0].split()[1] == "Telecom"


def test_an_explicit_published_date_wins_over_the_page(cli):
    events, _ = dry_run(cli, NEWS_PAGE, "--published", "2019-05-02")  # a Thursday
    (event,) = _deal(events)
    assert event["date"] == "2019-04-30"


def test_a_page_without_date_markup_is_not_dated_from_dates_in_its_text(cli):
    # the page says "page updated 12 March 2016" in its text only: "on Thursday" stays undated
    events, _ = dry_run(cli, PAGES / "undated.html")
    (event,) = _deal(events)
    assert event["date"] is None
    events, _ = dry_run(cli, PAGES / "undated.html", "--published", "2016-03-10")
    assert [e["date"] for e in _deal(events)] == ["2016-03-10"]


def test_ingested_page_shows_its_url_and_exports_and_imports_it(cli, tmp_path):
    db = tmp_path / "pages.db"
    added = cli("ingest", "--db", db, NEWS_PAGE)
    assert added.exit_code == 0 and " added" in added.stderr, added.stderr
    (row,) = _deal([json.loads(line) for line in cli("timeline", "--db", db, "--source", "news_page.html", "-f", "jsonl").stdout.splitlines()])
    shown = cli("show", "--db", db, row["id"][:6])
    assert shown.exit_code == 0
    assert f"url: {NEWS_URL}" in shown.stdout
    assert "Brightwave Telecom said on Tuesday" in shown.stdout and "<" not in shown.stdout
    assert json.loads(cli("show", "--db", db, row["id"], "-f", "json").stdout)["sources"][0]["url"] == NEWS_URL
    # CSV export carries the address in its own column, and importing it back keeps it
    csv_file = tmp_path / "out.csv"
    assert cli("timeline", "--db", db, "--source", "news_page.html", "-o", csv_file).exit_code == 0
    assert "source_url" in csv_file.read_text().splitlines()[0] and NEWS_URL in csv_file.read_text()
    other = tmp_path / "other.db"
    assert cli("import", "--db", other, csv_file).exit_code == 0
    again = json.loads(cli("show", "--db", other, row["id"], "-f", "json").stdout)
    assert again["sources"] == row["sources"]
    markdown = cli("timeline", "--db", db, "--source", "news_page.html", "-f", "markdown").stdout
    assert f"[news\\_page.html]({NEWS_URL})" in markdown


def test_a_folder_reads_its_pages_and_text_files(cli, tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    shutil.copy(NEWS_PAGE, folder / "a.html")
    shutil.copy(PAGES / "time_only.html", folder / "b.htm")
    shutil.copy(NEWS / "wire_dateline.txt", folder / "c.txt")
    events, stderr = dry_run(cli, folder)
    assert "read 3 file(s)" in stderr and "skipped" not in stderr
    assert {s["doc"] for e in events for s in e["sources"]} == {"a.html", "b.htm", "c.txt"}


def test_a_page_is_known_by_its_first_tags_whatever_its_name(cli, tmp_path):
    misnamed = tmp_path / "page.txt"
    misnamed.write_text(NEWS_PAGE.read_text(encoding="utf-8"), encoding="utf-8")
    events, _ = dry_run(cli, misnamed)
    assert [e["date"] for e in _deal(events)] == ["2019-04-09"]
    from_stdin = cli("ingest", "-", "--dry-run", "-f", "jsonl", input=NEWS_PAGE.read_text(encoding="utf-8"))
    assert from_stdin.exit_code == 0
    (event,) = _deal([json.loads(line) for line in from_stdin.stdout.splitlines()])
    assert event["sources"][0]["doc"] == "stdin" and event["sources"][0]["url"] == NEWS_URL


@pytest.mark.parametrize(
    "name, text, html",
    [
        ("a.htm", "no tags at all", True),
        ("a.txt", "<!DOCTYPE html>\n<html><body><p>x</p></body></html>", True),
        ("a.txt", "\ufeff  <!-- saved page -->\n<html lang=en>", True),
        ("a", "<?xml version='1.0'?>\n<html xmlns='http://www.w3.org/1999/xhtml'>", True),
        ("a.txt", "Acme signs deal\n\nAcme said the <b>deal</b> and <html> tags are in its filings.", False),
        ("a.md", "---\ntitle: <html> in titles\n---\nText.", False),
    ],
)
def test_what_counts_as_a_web_page(name, text, html):
    assert is_html(name, text) is html


def test_a_text_file_passes_through_unchanged_with_its_front_matter_url(cli, tmp_path):
    body = (NEWS / "wire_dateline.txt").read_text(encoding="utf-8")
    document = read_document("wire.txt", body)
    assert (document.text, document.title, document.published, document.url) == (body, None, None, None)
    with_url = tmp_path / "wire.md"
    with_url.write_text("---\nurl: https://wire.example.net/story/1\n---\n" + body, encoding="utf-8")
    events, _ = dry_run(cli, with_url)
    assert events and all(s["url"] == "https://wire.example.net/story/1" for e in events for s in e["sources"])
    events, _ = dry_run(cli, NEWS / "wire_dateline.txt")
    assert events and not any("url" in s for e in events for s in e["sources"])


@pytest.mark.parametrize("name", sorted(p.name for p in NEWS.glob("*.txt")))
def test_a_text_file_ingests_exactly_as_before(tmp_path, name):
    """What ingest did before web pages were read: the decoded text straight into the splitter
    and the extractor."""
    path = NEWS / name
    facts = curated.shipped_articles()
    before = Tracker(tmp_path / "before")
    text, _ = read_text(str(path))
    expected, _ = extract(text, name, before.registry, facts, None, split_articles(text, name, facts))
    now = Tracker(tmp_path / "now").ingest([str(path)], dry_run=True)
    assert [_stable(e) for e in now.events] == [_stable(e) for e in expected]


def _deal(events: list[dict]) -> list[dict]:
    """The events of a page's news sentence ("X said on Tuesday it had signed ..."), whatever
    else the page's other sentences give."""
    return [e for e in events if " said on " in e["sources"][0]["quote"]]


def _stable(event) -> dict:
    return replace(event, recorded="").to_dict()


def test_an_empty_page_is_a_warning_not_an_error(cli, tmp_path):
    empty = tmp_path / "empty.html"
    empty.write_text("<html><head><script>var a = 1;</script></head><body></body></html>", encoding="utf-8")
    result = cli("ingest", empty, "--dry-run", "-f", "jsonl")
    assert result.exit_code == 0 and result.stdout == ""
    assert "empty.html: no article text found in the page" in result.stderr


def test_source_url_is_written_only_when_set_and_read_back():
    bare = Source(doc="a.txt", quote="q")
    assert "url" not in bare.to_dict()
    dressed = replace(bare, url="https://example.com/a")
    assert Source.from_dict(dressed.to_dict()) == dressed
    assert Source.from_dict(bare.to_dict()) == bare


def test_reading_text_does_not_import_the_page_extractor(tmp_path):
    code = (
        "import sys; from pathlib import Path; from tracker.api import Tracker; "
        f"Tracker(Path({str(tmp_path / 'db')!r})).ingest([{str(NEWS / 'wire_dateline.txt')!r}], dry_run=True); "
        "print('trafilatura' in sys.modules, 'lxml' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_a_page_in_the_encoding_it_declares_is_read_in_it(cli, tmp_path):
    page = NEWS_PAGE.read_text(encoding="utf-8").replace('<meta charset="utf-8">', '<meta charset="gbk">')
    page = page.replace("northern provinces", "northern provinces (北方省份)")
    (tmp_path / "gbk.html").write_bytes(page.encode("gbk"))
    events, _ = dry_run(cli, tmp_path / "gbk.html")
    assert any("(北方省份)" in event["sources"][0]["quote"] for event in events)


_TAGS = st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<script>", "</script>", "<br>", "<!--", "-->", "<h1>",
                         '<meta property="article:published_time" content="2019-13-45">', "<![CDATA[", "]]>",
                         '<link rel="canonical" href="javascript:alert(1)">', '<time datetime="0000-00-00">', "&amp;", "&#0;"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(st.one_of(_TAGS, st.text(max_size=30)), max_size=30))
def test_broken_pages_never_break_ingest_or_dates(cli, parts):
    page = "<html>" + "".join(parts)
    for args in (["ingest", "-", "--dry-run", "-f", "jsonl"], ["dates", "-", "-f", "jsonl"]):
        result = cli(*args, input=page)
        assert "Traceback" not in result.stderr
        if "\x00" in page:  # binary data on standard input: one clear line, as for any text
            assert result.exit_code == 1 and result.stderr.startswith("tracker: error:") and result.stderr.count("\n") == 1
        else:
            assert result.exit_code == 0, result.stderr


def test_dates_of_a_page_are_those_of_its_article_text(cli):
    result = cli("dates", NEWS_PAGE, "-f", "jsonl")
    assert result.exit_code == 0, result.stderr
    text = page_text(NEWS_PAGE)
    timexes = [json.loads(line) for line in result.stdout.splitlines()]
    assert {"text": "Tuesday", "value": "2019-04-09"}.items() <= timexes[0].items()
    for timex in timexes:
        assert text[timex["start"] : timex["end"]] == timex["text"]
    assert not any(t["text"] in ("Monday", "Wednesday", "Friday") for t in timexes)  # script, teaser, banner
