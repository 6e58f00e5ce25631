"""Reading commands on the event log that ships with tracker (no user database yet)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.conftest import db_files


def tsv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))


def test_company_timeline_is_china_unicoms_events_oldest_first(cli, fresh_db):
    result = cli("company", "Unicom")
    assert result.exit_code == 0, result.stderr
    rows = tsv_rows(result.stdout)
    assert len(rows) >= 20
    assert all("China Unicom" in r["companies"].split("; ") for r in rows)
    dated = [r["date"] for r in rows if r["date"]]
    assert dated == sorted(dated, key=lambda d: d[:4]), "years must ascend"
    assert not fresh_db.exists(), "a read must not create the user's database"


@pytest.mark.parametrize("name", ["unicom", "CHINA UNICOM", "China Unicom (Hong Kong) Limited", "China Unicom's"])
def test_company_lookup_is_case_insensitive_and_alias_aware(cli, name):
    assert tsv_rows(cli("company", name).stdout) == tsv_rows(cli("company", "China Unicom").stdout)


def test_unknown_company_is_a_usage_error_that_suggests_names(cli):
    result = cli("company", "Unicon")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "unknown company 'Unicon'" in result.stderr and "China Unicom" in result.stderr


def test_required_events_are_in_the_shipped_log(cli):
    rows = tsv_rows(cli("timeline").stdout)
    def has(date, company, word):
        return any(r["date"] == date and company in r["companies"] and word.lower() in r["title"].lower() for r in rows)
    assert has("2018-02-07", "", "Wang Xin")
    assert has("2017-06-19", "ZTE", "26")
    assert has("2017-05-19", "Nokia Shanghai Bell", "")
    assert has("2018-01-04", "Ant Financial", "apolog")
    assert len(rows) > 150


def test_timeline_sorts_by_range_start_coarser_first(cli):
    rows = json.loads(cli("timeline", "--format", "json").stdout)
    from tracker.temporal.partial import PartialDate

    keys = [PartialDate.parse(r["date"]).sort_key() for r in rows]
    assert keys == sorted(keys)


def test_since_until_keep_events_overlapping_the_window(cli):
    rows = json.loads(cli("timeline", "--since", "2017", "--until", "May 2017", "-f", "json").stdout)
    assert rows
    for row in rows:
        from tracker.temporal.partial import PartialDate

        when = PartialDate.parse(row["date"])
        assert str(when.end) >= "2017-01-01" and str(when.start) <= "2017-05-31"
    assert any(r["date"] == "2017-05-19" for r in rows)
    assert any(r["date"] == "2017" for r in rows), "a year-precise 2017 event overlaps the window"


def test_filters_by_type_search_source_and_limit(cli):
    legal = tsv_rows(cli("timeline", "--type", "legal").stdout)
    assert legal and {r["type"] for r in legal} == {"legal"}
    found = json.loads(cli("timeline", "--search", "QVOD", "-f", "json").stdout)
    assert found and all("qvod" in json.dumps(r).lower() for r in found)
    blog = json.loads(cli("timeline", "--source", "003", "-f", "json").stdout)
    assert blog and all(any(s["doc"].startswith("003") for s in r["sources"]) for r in blog)
    assert len(tsv_rows(cli("timeline", "--limit", "3").stdout)) == 3


def test_reverse_and_sort_by_company(cli):
    forward = tsv_rows(cli("timeline").stdout)
    backward = tsv_rows(cli("timeline", "--reverse").stdout)
    dated = [r for r in forward if r["date"]]
    assert backward[: len(dated)] == dated[::-1]  # newest first, the undated still last
    by_company = tsv_rows(cli("timeline", "--sort", "company").stdout)
    firsts = [r["companies"].split("; ")[0].casefold() for r in by_company]
    assert firsts == sorted(firsts)


def test_subsidiaries_option_adds_child_companies(cli):
    own = json.loads(cli("company", "Alibaba Group", "-f", "json").stdout)
    family = json.loads(cli("company", "Alibaba Group", "--subsidiaries", "-f", "json").stdout)
    assert len(family) > len(own)
    assert any("Alibaba Cloud" in r["companies"] and "Alibaba Group" not in r["companies"] for r in family)


def test_companies_lists_registry_with_counts_and_dates(cli):
    rows = tsv_rows(cli("companies").stdout)
    unicom = next(r for r in rows if r["name"] == "China Unicom")
    assert int(unicom["events"]) > 20
    assert unicom["first"] <= unicom["last"]
    assert "Unicom" in unicom["aliases"].split("; ")


def test_show_prints_one_event_with_its_source_sentence(cli):
    first = tsv_rows(cli("company", "ZTE").stdout)[0]
    result = cli("show", first["id"])
    assert result.exit_code == 0
    assert first["id"] in result.stdout and "source" in result.stdout and "“" in result.stdout
    as_json = json.loads(cli("show", first["id"][:6], "--format", "json").stdout)
    assert as_json["id"] == first["id"] and as_json["sources"][0]["quote"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["show", "zzzzzzzz"], "no event with id"),
        (["timeline", "--since", "the day after never"], "cannot read"),
        (["timeline", "--type", "merger"], "unknown event type"),
        (["timeline", "--format", "xml"], "unknown format"),
        (["timeline", "--sort", "size"], "cannot sort"),
        (["timeline", "--since", "2018", "--until", "2017"], "is after"),
        (["timeline", "--limit", "-1"], "--limit"),
        (["nosuchcommand"], "No such command"),
    ],
)
def test_bad_arguments_are_one_line_usage_errors(cli, fresh_db, args, message):
    result = cli(*args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert result.stderr.startswith("tracker: error:") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
    assert db_files(fresh_db) == {}


def test_empty_result_is_success(cli):
    result = cli("company", "ZTE", "--since", "1990", "--until", "1991")
    assert result.exit_code == 0 and tsv_rows(result.stdout) == []


def test_info_says_where_the_log_lives(cli, fresh_db):
    result = cli("info")
    assert result.exit_code == 0 and str(fresh_db) in result.stdout and "ships with tracker" in result.stdout


def test_version(cli):
    from tracker import __version__

    assert cli("--version").stdout.strip() == f"tracker {__version__}"
