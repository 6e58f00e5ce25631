"""The HTML page in a real browser (headless Chromium): its script runs under the page's own
Content-Security-Policy, puts every event on the timeline and in the table, a filter in the URL
fragment narrows both, and hostile titles stay text. Skipped, with the reason, only where no
chromium is installed (.ci/run installs Debian's)."""

from __future__ import annotations

import json

import pytest

from tests.chromium import Dom, dump_dom, find_chromium, screenshot, with_alert_hook
from tests.test_html_report import HOSTILE

pytestmark = pytest.mark.skipif(
    find_chromium() is None, reason="no chromium on PATH: install Debian's 'chromium' package to run the browser tests"
)


@pytest.fixture
def page(cli, tmp_path):
    """The whole log (the shipped events plus three hostile ones) as one page, and its events."""
    source = tmp_path / "hostile.jsonl"
    source.write_text("\n".join(json.dumps(row) for row in HOSTILE) + "\n", encoding="utf-8")
    assert cli("import", source).exit_code == 0
    target = tmp_path / "all.html"
    assert cli("timeline", "-o", target).exit_code == 0
    events = [json.loads(line) for line in cli("timeline", "-f", "jsonl").stdout.split("\n") if line]
    return target, events


def _loaded(markup: str) -> Dom:
    dom = Dom(markup)
    assert dom.body.get("data-ready") == "1", "the page's script ran to its end"
    assert "js" in (dom.root.get("class") or "")
    return dom


def test_every_event_is_on_the_timeline_and_in_the_table(page):
    path, events = page
    dom = _loaded(dump_dom(path))
    everything = set(range(len(events)))
    assert dom.shown_rows() == everything == set(dom.displayed)
    assert set(dom.marks) == everything, f"missing from the timeline: {sorted(everything - set(dom.marks))[:10]}"
    assert f"showing {len(events)} of {len(events)} events" in dom.text("status")


def test_a_filter_in_the_url_narrows_the_timeline_and_the_table(page):
    path, events = page
    expected = {
        i for i, e in enumerate(events)
        if e["type"] == "trial" and "unicom" in json.dumps(e, ensure_ascii=False).casefold()
    }  # fmt: skip
    assert 0 < len(expected) < len(events)
    dom = _loaded(dump_dom(path, "q=Unicom&type=trial"))
    assert dom.shown_rows() == expected == set(dom.displayed)
    assert set(dom.marks) == expected
    assert dom.body.get("data-shown") == str(len(expected))
    narrower = _loaded(dump_dom(path, "q=Unicom&type=trial&company=China%20Unicom&lanes=type"))
    assert narrower.shown_rows() == set(narrower.marks) <= expected


def test_hostile_titles_are_text_and_run_nothing_even_without_the_policy(page, tmp_path):
    path, events = page
    hostile = {i: e for i, e in enumerate(events) if "Evil Corp" in e["companies"]}
    # Without the policy every hostile event is opened (escaping alone must hold); with it, one
    # (the page must still work under its own policy).
    for keep_policy, opened in ((False, hostile), (True, dict(list(hostile.items())[:1]))):
        copy = with_alert_hook(path, tmp_path / f"hooked-{keep_policy}.html", keep_policy)
        for index, event in opened.items():
            dom = _loaded(dump_dom(copy, f"event={event['id']}"))
            assert "data-alerted" not in dom.root, f"a script ran: {dom.root['data-alerted']}"
            assert "img" not in dom.tags and dom.tags.count("svg") == 3, "only the page's own svg: lane labels, marks, activity"
            details = dom.text("details")
            assert details.count(event["title"]) == 1, "the details show the title as text"
            assert all(name in details for name in event["companies"]), "a company called <b>Bold</b> Ltd too"
            assert index in dom.marks and dom.shown_rows() == set(range(len(events)))


def test_the_alert_hook_sees_a_script_that_runs(tmp_path):
    """The check above could not fail if the hook missed alerts: here one does run."""
    control = tmp_path / "control.html"
    control.write_text("<!DOCTYPE html><html><head></head><body><img src=x onerror=alert(7)></body></html>")
    dom = Dom(dump_dom(with_alert_hook(control, tmp_path / "hooked.html")))
    assert dom.root.get("data-alerted") == "7"


def test_the_details_of_an_event_come_from_the_url(cli, tmp_path):
    target = tmp_path / "unicom.html"
    assert cli("company", "Unicom", "-o", target).exit_code == 0
    event = next(json.loads(line) for line in cli("company", "Unicom", "-f", "jsonl").stdout.split("\n") if line and json.loads(line)["sources"])
    dom = _loaded(dump_dom(target, f"event={event['id']}"))
    details = dom.text("details")
    source = event["sources"][0]
    for part in (event["title"], event["type"].replace("_", " "), source["doc"], source["quote"], *event["companies"]):
        assert part in details, part
    if source.get("date_text"):
        assert source["date_text"] in details


def test_a_screenshot_of_the_unicom_page(cli, tmp_path):
    target = tmp_path / "unicom.html"
    assert cli("company", "Unicom", "-o", target).exit_code == 0
    shot = screenshot(target, tmp_path / "unicom.png")
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 20_000, "a drawn page, not a blank one"
    print(f"screenshot: {shot}")


def test_ten_thousand_events_fit_in_10_mb_and_all_reach_the_page(tmp_path):
    """The issue's size budget, on bench/synth.py's events; its time budget (under 3 s to render)
    is measured by bench/html_report.py, which prints the page's own render time: a clock in a
    test on a shared machine proves nothing and cost a second browser run when it was slow."""
    import sys

    from tests.conftest import ROOT

    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from html_report import page_for
    finally:
        sys.path.remove(str(ROOT / "bench"))
    path, _ = page_for(10_000, tmp_path)
    assert path.stat().st_size < 10 * 1024 * 1024
    dom = _loaded(dump_dom(path, budget_ms=None))
    assert int(dom.body["data-render-ms"]) > 0  # the page says how long it took (bench/html_report.py reads it)
    assert set(dom.marks) == set(range(10_000)) and len(dom.shown_rows()) == 10_000
    assert len(dom.displayed) == 500, "a page of rows is shown, the rest one click away"


def test_sorting_from_the_url_reorders_the_table(page):
    path, events = page
    dom = _loaded(dump_dom(path, "sort=title&desc=1"))
    order = list(dom.rows)  # a dict keeps the order of the rows in the document
    titles = [events[i]["title"].lower() for i in order]
    assert titles == sorted(titles, reverse=True)
    assert order != list(range(len(events)))


def test_an_empty_listing_is_a_page_that_says_so(cli, tmp_path):
    target = tmp_path / "none.html"
    assert cli("company", "Unicom", "--since", "2030", "-o", target).exit_code == 0
    dom = _loaded(dump_dom(target))
    assert dom.rows == {} and dom.marks == []
    assert "No event matches the filters." in dom.text("timeline")
    assert "showing 0 of 0 events" in dom.text("status")


# Runs after the page's own script in a copy of the page (without its policy, which would block
# this script): uses the controls as a reader would and writes what it saw into the DOM.
DRIVER = """<script>
(function () {
  const seen = {};
  const shownRows = () => [...document.querySelectorAll("#events tbody tr:not([hidden])")].map((tr) => +tr.dataset.i);
  const marks = () => [...new Set([...document.querySelectorAll("#timeline [data-i]")].map((n) => +n.dataset.i))];
  const q = document.getElementById("q");
  q.value = "Unicom";
  q.dispatchEvent(new Event("input"));
  setTimeout(() => {
    seen.searchRows = shownRows(); seen.searchMarks = marks();
    document.querySelector('#counts input[data-type="market_data"]').click();
    seen.untickRows = shownRows(); seen.untickMarks = marks();
    seen.hash = location.hash;
    const company = document.getElementById("company");
    company.value = "Evil Corp"; company.dispatchEvent(new Event("change"));
    seen.companyRows = shownRows();
    company.value = ""; company.dispatchEvent(new Event("change"));
    const mark = document.querySelector("#timeline rect[data-i]");
    mark.dispatchEvent(new MouseEvent("click", { bubbles: true }));
    seen.clicked = +mark.dataset.i; seen.details = document.getElementById("details").textContent;
    seen.detailsHidden = document.getElementById("details").hidden;
    document.querySelector('#events th[data-sort="title"]').click();
    seen.sortedRows = shownRows();
    document.getElementById("reset").click();
    seen.resetRows = shownRows().length; seen.resetHash = location.hash;
    document.body.setAttribute("data-driver", JSON.stringify(seen));
  }, 500);
})();
</script>"""


def test_the_controls_filter_select_and_sort(page, tmp_path):
    path, events = page
    copy = with_alert_hook(path, tmp_path / "driven.html", keep_policy=False)
    copy.write_text(copy.read_text(encoding="utf-8").replace("</body>", DRIVER + "</body>"), encoding="utf-8")
    dom = _loaded(dump_dom(copy))
    seen = json.loads(dom.body["data-driver"])
    unicom = {i for i, e in enumerate(events) if "unicom" in json.dumps(e, ensure_ascii=False).casefold()}
    assert set(seen["searchRows"]) == set(seen["searchMarks"]) == unicom
    no_market = {i for i in unicom if events[i]["type"] != "market_data"}
    assert set(seen["untickRows"]) == set(seen["untickMarks"]) == no_market < unicom
    assert seen["hash"].startswith("#q=Unicom&type=") and "market_data" not in seen["hash"]
    assert set(seen["companyRows"]) == {i for i in no_market if "Evil Corp" in events[i]["companies"]}
    clicked = events[seen["clicked"]]
    assert not seen["detailsHidden"] and clicked["title"] in seen["details"]
    assert clicked["sources"][0]["quote"] in seen["details"]
    titles = [events[i]["title"].lower() for i in seen["sortedRows"]]
    assert titles == sorted(titles) and set(seen["sortedRows"]) == no_market
    assert seen["resetRows"] == len(events) and seen["resetHash"] == ""
