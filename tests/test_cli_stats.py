"""tracker stats: counts by company, type and period for the filtered events (issue 14)."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from tests.terminal import run_on_terminal


def tsv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text), delimiter="\t"))


def timeline(cli, *args) -> list[dict]:
    return json.loads(cli("timeline", "-f", "json", *args).stdout)


def test_counts_by_type_add_up_to_the_events(cli):
    rows = tsv(cli("stats").stdout)
    events = timeline(cli)
    assert sum(int(r["events"]) for r in rows) == len(events)
    counts = {r["type"]: int(r["events"]) for r in rows}
    assert counts["legal"] == sum(1 for e in events if e["type"] == "legal")
    assert [int(r["events"]) for r in rows] == sorted((int(r["events"]) for r in rows), reverse=True)


def test_counts_follow_the_filters(cli):
    rows = tsv(cli("stats", "--by", "company", "-c", "zte,huawei", "-t", "trial,partnership", "--since", "2017").stdout)
    assert {r["company"] for r in rows} == {"ZTE", "Huawei"}, "only the companies asked for"
    zte = timeline(cli, "-c", "zte", "-t", "trial,partnership", "--since", "2017")
    assert {r["company"]: int(r["events"]) for r in rows}["ZTE"] == len(zte)


def test_by_year_is_in_time_order_with_undated_last(cli):
    rows = tsv(cli("stats", "--by", "year").stdout)
    years = [r["year"] for r in rows]
    assert years[-1] == "undated"
    assert years[:-1] == sorted(years[:-1])
    events = timeline(cli)
    assert {r["year"]: int(r["events"]) for r in rows}["2017"] == sum(1 for e in events if (e["date"] or "")[:4] == "2017")


def test_by_month_keeps_coarser_dates_as_they_are(cli):
    rows = tsv(cli("stats", "--by", "month", "--on", "2017").stdout)
    labels = [r["month"] for r in rows]
    assert "2017" in labels and "2017-Q1" in labels and "2017-06" in labels
    assert labels.index("2017") < labels.index("2017-Q1") < labels.index("2017-01") < labels.index("2017-04")


def test_two_groups_count_each_combination(cli):
    rows = json.loads(cli("stats", "--by", "company,type", "-c", "zte", "-f", "json").stdout)
    assert rows and set(rows[0]) == {"company", "type", "events"}
    zte = timeline(cli, "-c", "zte")
    for row in rows:
        assert row["events"] == sum(1 for e in zte if e["type"] == row["type"])


@pytest.mark.parametrize("by", ["bogus", "company,company", ""])
def test_a_wrong_group_is_a_usage_error(cli, by):
    result = cli("stats", "--by", by)
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and result.stdout == ""


def test_on_a_terminal_a_table_with_a_bar_chart_that_fits(fresh_db):
    status, screen = run_on_terminal("stats", "--by", "type", columns=60)
    assert status == 0, screen
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in screen.splitlines() if line.strip()]
    assert "chart" in lines[0]
    market = next(line for line in lines if line.startswith("market_data"))
    apology = next(line for line in lines if line.startswith("apology"))
    assert market.count("█") > apology.count("█") and "█" in market
    assert all(len(line) <= 60 for line in lines)
