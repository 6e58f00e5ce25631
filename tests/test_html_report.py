"""--format html and --format timelinejs, without a browser: what the page holds, escaping of
hostile text, no address that would reach the network, TimelineJS's JSON shape."""

from __future__ import annotations

import html
import json
import re

import pytest

from tracker.html_report import script_json

HOSTILE = [
    {"date": "2017-Q2", "companies": ["Evil Corp"], "type": "trial", "title": "</script><script>alert(1)</script>",
     "sources": [{"doc": "<!--x.txt", "article": "<img src=x onerror=alert(2)>", "quote": "a \u2028 </script> <!-- & b",
                  "offset": 0, "url": "javascript:alert(3)"}]},
    {"date": "2017-05-03", "companies": ["Evil Corp", "<b>Bold</b> Ltd"], "type": "contract", "title": "<img src=x onerror=alert(1)>",
     "sources": [{"doc": "d.txt", "quote": "x", "offset": 1, "url": "https://example.com/a?b=1&c=\"2\""}]},
    {"date": "", "companies": ["Evil Corp"], "type": "other", "title": "undated <svg onload=alert(4)>", "sources": []},
]  # fmt: skip


@pytest.fixture
def hostile_db(cli, tmp_path):
    source = tmp_path / "hostile.jsonl"
    source.write_text("\n".join(json.dumps(row) for row in HOSTILE) + "\n", encoding="utf-8")
    assert cli("import", source).exit_code == 0
    return source


def _data(page: str) -> dict:
    block = re.search(r'<script type="application/json" id="tracker-data">(.*?)</script>', page, re.S).group(1)
    return json.loads(block)


def test_script_json_cannot_end_its_script_element_or_open_a_comment():
    text = script_json({"t": "</script><!-- & \u2028\u2029 >"})
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == {"t": "</script><!-- & \u2028\u2029 >"}


def test_hostile_fields_are_text_in_the_page(cli, hostile_db, tmp_path):
    page_path = tmp_path / "evil.html"
    assert cli("company", "evil corp", "-o", page_path).exit_code == 0
    page = page_path.read_text(encoding="utf-8")
    # The markup the page really has: its own tags only, whatever the events say.
    assert "<script>alert" not in page and "<img" not in page and "<svg onload" not in page and "<b>Bold" not in page
    assert page.count("<script") == 3 and page.count("</script>") == 3, "the page's own three: early, data, main"
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<!--" not in page
    data = _data(page)
    titles = {event[8] for event in data["events"]}
    assert titles == {row["title"] for row in HOSTILE}, "the script gets the titles back exactly"
    assert "javascript:" not in page.split('id="tracker-data"')[0], "a javascript: address is never a link"
    assert 'href="https://example.com/a?b=1&amp;c=&quot;2&quot;"' in page


def test_the_page_loads_nothing_and_links_only_to_event_sources(cli, hostile_db, tmp_path):
    page_path = tmp_path / "all.html"
    assert cli("timeline", "-o", page_path).exit_code == 0
    page = page_path.read_text(encoding="utf-8")
    addresses = _addresses(page)
    assert addresses == ["https://example.com/a?b=1&c=\"2\""], addresses
    assert not re.search(r"@import|url\(", page), "no stylesheet fetches anything"
    policy = html.unescape(re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page).group(1))
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy


def _addresses(page: str) -> list[str]:
    """Every address an element of the page names (src, href, action, data, poster, ...)."""
    from html.parser import HTMLParser

    found = []

    class Addresses(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.extend(v for k, v in attrs if k in ("src", "href", "action", "data", "poster", "srcset", "formaction", "xlink:href"))

    Addresses().feed(page)
    return found


def test_the_policy_names_the_inline_script_and_style_by_their_hashes(cli, tmp_path):
    import base64
    import hashlib

    page = cli("company", "Unicom", "-f", "html").stdout
    policy = html.unescape(re.search(r'content="(default-src[^"]*)"', page).group(1))
    script = page.rsplit("<script>", 1)[1].split("</script>")[0]
    style = page.split("<style>", 1)[1].split("</style>")[0]
    for text in (script, style):
        digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy


def test_without_javascript_the_page_is_a_dated_list_of_every_event(cli):
    page = cli("company", "Unicom", "-f", "html").stdout
    events = [json.loads(line) for line in cli("company", "Unicom", "-f", "jsonl").stdout.splitlines()]
    rows = re.findall(r'<tr data-i="(\d+)"[^>]*><td class="when">([^<]*)</td>', page)
    assert [int(i) for i, _ in rows] == list(range(len(events)))
    assert [when for _, when in rows] == [e["date"] or "undated" for e in events]
    assert page.startswith("<!DOCTYPE html>") and "<h1>China Unicom</h1>" in page
    assert f"{len(events)} events" in page and "filters: none" in page
    assert "log: the event log shipped with tracker" in page and " UTC</time> by tracker " in page


def test_the_header_names_the_filters_and_the_log(cli, hostile_db, fresh_db):
    page = cli("timeline", "-c", "Evil Corp", "--type", "trial", "--since", "2017", "-f", "html").stdout
    assert "filters: dated from 2017-01-01; type trial" in page
    assert f"log: {fresh_db}" in page


@pytest.mark.parametrize("suffix", [".html", ".htm", ".HTML"])
def test_an_html_suffix_picks_the_page(cli, tmp_path, suffix):
    target = tmp_path / f"report{suffix}"
    result = cli("export", "-c", "ZTE", "-o", target)
    assert result.exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_html_is_refused_for_listings_that_are_not_events(cli):
    result = CliRunnerNoCatch().invoke(["companies", "-f", "html"])
    assert result.exit_code == 2
    assert "format 'html' is for event listings" in result.output


class CliRunnerNoCatch:
    def invoke(self, args):
        from typer.testing import CliRunner

        from tracker.cli import app

        return CliRunner().invoke(app, args)


def test_timelinejs_spans_each_partial_date_and_groups_by_company(cli, hostile_db):
    document = json.loads(cli("timeline", "-c", "Evil Corp", "-f", "timelinejs").stdout)
    assert document["title"]["text"]["text"].startswith("2 dated events (1 undated left out)")
    by_date = {e["display_date"]: e for e in document["events"]}
    quarter = by_date["2017-Q2"]
    assert quarter["start_date"] == {"year": 2017, "month": 4, "day": 1}
    assert quarter["end_date"] == {"year": 2017, "month": 6, "day": 30}
    assert quarter["group"] == "Evil Corp"
    assert quarter["text"]["headline"] == "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
    assert "&lt;!-- &amp; b" in quarter["text"]["text"] and "javascript:" not in quarter["text"]["text"]
    day = by_date["2017-05-03"]
    assert day["start_date"] == {"year": 2017, "month": 5, "day": 3} and "end_date" not in day
    assert '<a href="https://example.com/a?b=1&amp;c=&quot;2&quot;">source</a>' in day["text"]["text"]


def test_timelinejs_of_the_shipped_log_has_every_dated_event(cli):
    rows = [json.loads(line) for line in cli("company", "Unicom", "-f", "jsonl").stdout.splitlines()]
    document = json.loads(cli("company", "Unicom", "-f", "timelinejs").stdout)
    assert [e["unique_id"] for e in document["events"]] == [r["id"] for r in rows if r["date"]]
    for slide in document["events"]:
        assert set(slide) >= {"start_date", "text", "group", "unique_id"}
        assert slide["text"]["headline"] and "<blockquote>" in slide["text"]["text"]
