"""--columns picks the fields of a listing, in order, in every format (issue 14, conventions)."""

from __future__ import annotations

import csv
import io
import json

import pytest

EVENT = {
    "date": "2017-06-19",
    "companies": ["ZTE", "China Mobile"],
    "type": "trial",
    "title": "ZTE, China Mobile test 26 GHz",
    "people": ["Ada Quill"],
    "tags": ["5G", "quill-tag"],
    "sources": [
        {"doc": "zte-news.html", "quote": "ZTE completed tests.", "url": "https://example.com/zte", "article": "", "offset": 0}
    ],
}


@pytest.fixture
def one_event(cli, tmp_path):
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(EVENT) + "\n", encoding="utf-8")
    assert cli("import", path).exit_code == 0
    return cli


def test_tsv_and_csv_carry_the_chosen_columns_in_order(one_event):
    cli = one_event
    out = cli("company", "zte", "--tag", "quill-tag", "--columns", "url,date,companies,people,tags,source,precision,title").stdout
    lines = out.splitlines()
    assert lines[0] == "url\tdate\tcompanies\tpeople\ttags\tsource\tprecision\ttitle"
    assert lines[1] == "https://example.com/zte\t2017-06-19\tZTE; China Mobile\tAda Quill\t5G; quill-tag\tzte-news.html\tday\tZTE, China Mobile test 26 GHz"
    rows = list(csv.DictReader(io.StringIO(cli("timeline", "-c", "zte", "--tag", "quill-tag", "--columns", "title,start,end,id", "-f", "csv").stdout)))
    assert list(rows[0]) == ["title", "start", "end", "id"]
    assert rows[0]["title"] == "ZTE, China Mobile test 26 GHz" and rows[0]["start"] == rows[0]["end"] == "2017-06-19"
    assert len(rows[0]["id"]) == 20, "whole ids outside tables"


def test_json_carries_only_the_chosen_fields(one_event):
    out = one_event("export", "-c", "zte", "--tag", "quill-tag", "--columns", "date,companies,url").stdout
    assert [json.loads(line) for line in out.splitlines()] == [
        {"date": "2017-06-19", "companies": ["ZTE", "China Mobile"], "url": "https://example.com/zte"}
    ]


def test_table_shows_the_columns_with_short_ids(one_event):
    out = one_event("company", "zte", "--tag", "quill-tag", "--columns", "date,id,title", "-f", "table").stdout
    header, rule, row = out.splitlines()
    assert header.split() == ["date", "id", "title"]
    assert len(row.split()[1]) == 10


@pytest.mark.parametrize("columns", ["date,nosuch", "", "date,,Title,colour"])
def test_unknown_column_is_a_usage_error_listing_the_valid_ones(cli, columns):
    result = cli("timeline", "--columns", columns)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "valid: date, start, end, precision, companies, people, type, title, tags, source, url" in result.stderr


def test_columns_in_a_real_pipe(proc):
    done = proc("timeline", "-c", "zte,huawei", "--columns", "start,companies,type")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "start\tcompanies\ttype" and len(lines) > 10
    assert all(len(line.split("\t")) == 3 for line in lines)
