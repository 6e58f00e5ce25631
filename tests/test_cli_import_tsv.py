"""Import reads TSV (what `tracker timeline` writes in a pipe), headers in any case, and dates in
words in CSV as `add --date` reads them (issue 14, conventions)."""

from __future__ import annotations

import json
import os


def events_of(cli, company: str) -> list[dict]:
    result = cli("company", company, "-f", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_timeline_tsv_imports_into_another_log(proc, tmp_path):
    for title, when in (('Acme Quill says "hello"\u2014twice', "2017-06-19"), ("Acme Quill's second", "2018-Q2")):
        assert proc("add", "-c", "Acme Quill", "-t", "trial", "-d", when, "--title", title).returncode == 0
    listing = tmp_path / "log.tsv"
    done = proc("timeline", "-c", "acme quill")
    assert done.returncode == 0
    listing.write_text(done.stdout, encoding="utf-8")
    other = {"TRACKER_DB": str(tmp_path / "other")}
    imported = proc("import", listing, env=other)
    assert imported.returncode == 0, imported.stderr
    assert "imported 2 events" in imported.stderr and "2 new" in imported.stderr
    again = proc("company", "acme quill", "-f", "json", env=other)
    assert {(r["date"], r["title"]) for r in json.loads(again.stdout)} == {
        ("2017-06-19", 'Acme Quill says "hello"\u2014twice'),
        ("2018-Q2", "Acme Quill's second"),
    }


def test_tsv_from_standard_input_is_recognised_by_its_content(proc, tmp_path):
    assert proc("add", "-c", "Acme Quill", "-t", "trial", "-d", "2017", "--title", "piped").returncode == 0
    tsv = proc("timeline", "-c", "acme quill").stdout
    done = proc("import", "-", input=tsv, env={"TRACKER_DB": str(tmp_path / "other")})
    assert done.returncode == 0, done.stderr
    assert "1 new" in done.stderr


def test_csv_headers_in_any_case_and_dates_in_words(cli, tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_text(
        " Date ,COMPANIES,Type,Title\n"
        "19 May 2017,Acme Quill,Trial,tested in May\n"
        "Q2 2018,Acme Quill,joint venture,a venture\n"
        "June 2016,Acme Quill,trial,a month\n",
        encoding="utf-8",
    )
    result = cli("import", path)
    assert result.exit_code == 0, result.stderr
    rows = {r["title"]: r for r in events_of(cli, "acme quill")}
    assert rows["tested in May"]["date"] == "2017-05-19" and rows["tested in May"]["type"] == "trial"
    assert rows["a venture"]["date"] == "2018-Q2" and rows["a venture"]["type"] == "joint_venture"
    assert rows["a month"]["date"] == "2016-06" and rows["a month"]["precision"] == "month"


def test_an_unreadable_date_names_the_row_and_imports_nothing(cli, tmp_path, fresh_db):
    path = tmp_path / "bad.tsv"
    path.write_text("date\tcompanies\ttype\ttitle\n2017\tAcme Quill\ttrial\tfine\nsoon-ish maybe\tAcme Quill\ttrial\tbad\n")
    result = cli("import", path)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "row 3" in result.stderr and "soon-ish maybe" in result.stderr and "nothing was imported" in result.stderr
    assert not os.path.exists(fresh_db), "nothing written"


def test_tsv_missing_a_column_says_tsv(cli, tmp_path):
    path = tmp_path / "cut.tsv"
    path.write_text("date\ttitle\n2017\tx\n")
    result = cli("import", path)
    assert result.exit_code == 2 and "TSV header lacks column(s) companies, type" in result.stderr
