"""CSV export then import gives back every field as it was (issue 12, item 8)."""

from __future__ import annotations

import json

import pytest


def _export_import(proc, tmp_path, events):
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(e) for e in events) + "\n")
    first, second = tmp_path / "first", tmp_path / "second"
    assert proc("import", source, "--db", first).returncode == 0
    csv_file = tmp_path / "out.csv"
    assert proc("export", "-o", csv_file, "--db", first).returncode == 0
    result = proc("import", csv_file, "--db", second)
    assert result.returncode == 0, result.stderr
    back = [json.loads(line) for line in proc("export", "-f", "jsonl", "--db", second).stdout.splitlines()]
    before = [json.loads(line) for line in proc("export", "-f", "jsonl", "--db", first).stdout.splitlines()]
    return before, back


def test_a_field_over_131072_characters_reads_back(proc, tmp_path):
    quote = "A long quote. " * 20_000  # 280,000 characters
    events = [{"date": "2017-05-01", "companies": ["Acme"], "type": "contract", "title": "long",
               "sources": [{"doc": "d.txt", "quote": quote, "offset": 0}]}]
    before, back = _export_import(proc, tmp_path, events)
    assert [r for r in back if r["title"] == "long"][0]["sources"][0]["quote"] == quote
    assert sorted(json.dumps(r, sort_keys=True) for r in before) == sorted(json.dumps(r, sort_keys=True) for r in back)


@pytest.mark.parametrize(
    "companies, people, tags",
    [
        (["Smith; Jones LLC", "Acme"], ["Doe; John", "Roe"], ["a; b"]),
        (["Back\\slash; Co"], ["[\"json\"]"], ["x;y", ";lead"]),
        (["[not, a, list]", "Acme"], [], []),
    ],
)
def test_names_holding_the_list_separator_read_back_whole(proc, tmp_path, companies, people, tags):
    events = [{"date": "2017-05-01", "companies": companies, "type": "contract", "title": "names", "people": people, "tags": tags}]
    _, back = _export_import(proc, tmp_path, events)
    row = [r for r in back if r["title"] == "names"][0]
    assert (row["companies"], row["people"], row["tags"]) == (companies, people, tags)


def test_a_csv_written_before_the_escaping_still_reads_as_before(proc, tmp_path):
    old = tmp_path / "old.csv"
    old.write_text("date,companies,type,title,people\n2017,Acme; Beta,contract,old,Ann; Bob\n")
    assert proc("import", old).returncode == 0
    row = [json.loads(l) for l in proc("export", "-f", "jsonl").stdout.splitlines() if '"old"' in l][0]
    assert row["companies"] == ["Acme", "Beta"] and row["people"] == ["Ann", "Bob"]
