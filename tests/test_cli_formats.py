"""Every output format, on the shipped log and on a user database."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tracker.event_formats import CSV_COLUMNS


def test_json_and_jsonl_carry_every_field(cli):
    rows = json.loads(cli("company", "ZTE", "-f", "json").stdout)
    lines = [json.loads(line) for line in cli("company", "ZTE", "-f", "jsonl").stdout.splitlines()]
    assert rows == lines and rows
    for key in ("id", "date", "precision", "companies", "people", "type", "title", "sources", "tags", "recorded"):
        assert key in rows[0]
    assert {"doc", "article", "quote", "offset"} <= set(rows[0]["sources"][0])
    assert "start" not in rows[0], "the store's helper fields stay inside the store"


def test_csv_is_rfc4180_with_header_and_joined_lists(cli, tmp_path):
    target = tmp_path / "all.csv"
    cli("timeline", "-o", target)
    text = target.read_bytes().decode("utf-8")
    assert text.startswith(",".join(CSV_COLUMNS) + "\r\n")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    multi = [r for r in rows if "; " in r["companies"]]
    assert multi, "events with several companies join them with '; '"
    assert all(r["source_quote"] for r in rows)


def test_csv_neutralises_spreadsheet_formulas(cli):
    for title in ("=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)"):
        assert cli("add", "-c", "ZTE", "-t", "other", "--title", title, "-d", "2017").exit_code == 0
    rows = list(csv.DictReader(io.StringIO(cli("timeline", "-c", "ZTE", "-f", "csv").stdout, newline="")))
    titles = {r["title"] for r in rows}
    assert {"'=HYPERLINK(\"http://x\")", "'+1", "'-2", "'@SUM(A1)"} <= titles


def test_tsv_is_the_piped_default_one_line_per_event(cli):
    out = cli("timeline").stdout
    lines = out.splitlines()
    assert lines[0].split("\t") == ["start", "end", "date", "companies", "type", "title", "id"]
    assert all(line.count("\t") == 6 for line in lines)
    assert "\x1b[" not in out


def test_table_format_renders_columns(cli):
    out = cli("company", "ZTE", "-f", "table").stdout
    assert out.splitlines()[0].split() == ["date", "companies", "type", "title", "id"]
    assert "\x1b[" not in out, "no colour when not on a terminal"


def test_markdown_is_a_timeline_document_with_mermaid(cli):
    out = cli("company", "Unicom", "-f", "markdown").stdout
    assert out.startswith("# China Unicom\n")
    assert "```mermaid\ntimeline\n" in out
    assert "\n## 2017\n" in out and "\n### " in out
    mermaid = out.split("```mermaid")[1].split("```")[0]
    for line in mermaid.splitlines():
        if line.startswith("        "):
            date_part, *entries = line.strip().split(" : ")
            assert entries and all(":" not in e for e in entries), line


def test_markdown_escapes_pipes_and_line_breaks_in_cells(cli):
    from tracker.export import Listing, markdown_table

    listing = Listing([{"a": "x | y\nz"}], ["a"], lambda r, c: r[c])
    assert "x \\| y<br>z" in markdown_table(listing)
    lines = cli("companies", "-f", "markdown").stdout.splitlines()
    header = lines.index("| name | events | first | last | parent | aliases |")
    assert lines[header + 1] == "|---|---|---|---|---|---|"


@pytest.mark.parametrize("suffix, check", [
    (".csv", lambda t: t.startswith("id,date")),
    (".md", lambda t: t.startswith("# ")),
    (".jsonl", lambda t: json.loads(t.splitlines()[0])["id"]),
    (".json", lambda t: isinstance(json.loads(t), list)),
])
def test_output_file_format_follows_its_suffix(cli, tmp_path, suffix, check):
    target = tmp_path / f"report{suffix}"
    result = cli("company", "ZTE", "-o", target)
    assert result.exit_code == 0 and result.stdout == ""
    assert check(target.read_text(encoding="utf-8"))


def test_unwritable_output_is_a_one_line_error(cli, tmp_path, fresh_db):
    result = cli("timeline", "-o", tmp_path / "no" / "such" / "dir" / "x.csv")
    assert result.exit_code == 1 and "cannot write" in result.stderr
    result = cli("timeline", "-o", tmp_path)
    assert result.exit_code == 2 and "is a folder" in result.stderr


@pytest.mark.parametrize("fmt", ["tsv", "csv", "json", "jsonl", "markdown", "table"])
@pytest.mark.parametrize("args", [
    ["company", "Unicom"],
    ["company", "Alibaba Group", "--subsidiaries", "--since", "2017", "--until", "Q2 2017"],
    ["timeline", "--type", "partnership", "--type", "contract", "--sort", "company", "--reverse"],
    ["timeline", "--search", "5g", "--source", "003", "--limit", "7"],
    ["export", "-c", "ZTE", "-c", "China Mobile"],
])
def test_a_user_log_answers_like_the_shipped_one(cli, fresh_db, args, fmt):
    shipped = cli(*args, "-f", fmt)
    event_id = cli("add", "-c", "ZTE", "-t", "other", "--title", "temporary", "-d", "2017").stdout.strip()
    cli("remove", event_id)
    assert fresh_db.exists()
    stored = cli(*args, "-f", fmt)
    assert stored.exit_code == shipped.exit_code == 0
    assert stored.stdout == shipped.stdout and shipped.stdout
