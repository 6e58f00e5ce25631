"""Writing commands: add, remove, import, and export -> import round trips."""

from __future__ import annotations

import json

import pytest

from tests.conftest import db_files


def test_first_write_creates_the_user_log_from_the_shipped_one(cli, fresh_db):
    shipped = len(cli("timeline", "-f", "jsonl").stdout.splitlines())
    result = cli("add", "-c", "unicom", "-c", "Tencent", "-t", "partnership", "--title", "Unicom and Tencent agreed X", "-d", "19 May 2017")
    assert result.exit_code == 0, result.stderr
    event_id = result.stdout.strip()
    assert fresh_db.exists()
    rows = [json.loads(l) for l in cli("timeline", "-f", "jsonl").stdout.splitlines()]
    assert len(rows) == shipped + 1
    added = next(r for r in rows if r["id"].startswith(event_id) and len(event_id) == 10)
    assert added["companies"] == ["China Unicom", "Tencent"]
    assert added["date"] == "2017-05-19" and added["precision"] == "day"
    assert added["recorded"]


@pytest.mark.parametrize("when, value, precision", [
    ("June 2017", "2017-06", "month"),
    ("Q2 2017", "2017-Q2", "quarter"),
    ("2017", "2017", "year"),
    ("2017-W25", "2017-W25", "week"),
])
def test_add_keeps_the_precision_of_the_date(cli, when, value, precision):
    event_id = cli("add", "-c", "ZTE", "-t", "trial", "--title", f"test {when}", "-d", when).stdout.strip()
    row = json.loads(cli("show", event_id, "-f", "json").stdout)
    assert (row["date"], row["precision"]) == (value, precision)


def test_add_same_event_twice_stores_it_once(cli):
    args = ("add", "-c", "ZTE", "-t", "trial", "--title", "Same thing", "-d", "2017-06-19")
    first, second = cli(*args), cli(*args)
    assert first.stdout == second.stdout
    assert "already recorded" in second.stderr
    assert len(json.loads(cli("timeline", "--search", "Same thing", "-f", "json").stdout)) == 1


def test_add_new_company_joins_the_registry_for_review(cli):
    result = cli("add", "-c", "Zeta Networks", "-t", "contract", "--title", "Zeta won a deal", "-d", "2018")
    assert "joined the registry" in result.stderr
    assert cli("company", "zeta networks").exit_code == 0


def test_a_name_is_found_with_or_without_its_accents_in_either_unicode_form(cli):
    result = cli("add", "-c", "Zürcher Kantonalbank", "-t", "statement", "--title", "ZKB said so", "-d", "2019")
    assert result.exit_code == 0, result.stderr
    for typed in ("Zurcher Kantonalbank", "zürcher kantonalbank", "Zu\u0308rcher Kantonalbank"):  # the last: u + combining diaeresis
        found = cli("company", typed, "-f", "jsonl")
        assert found.exit_code == 0, (typed, found.stderr)
        assert [json.loads(line)["companies"] for line in found.stdout.splitlines()] == [["Zürcher Kantonalbank"]]
    # a second spelling of the same name does not make a second company
    again = cli("add", "-c", "Zurcher Kantonalbank", "-t", "statement", "--title", "ZKB said more", "-d", "2019")
    assert again.exit_code == 0 and "joined the registry" not in again.stderr
    assert json.loads(cli("show", again.stdout.strip(), "-f", "json").stdout)["companies"] == ["Zürcher Kantonalbank"]


def test_remove_deletes_one_event(cli):
    event_id = cli("add", "-c", "ZTE", "-t", "trial", "--title", "Temporary", "-d", "2017").stdout.strip()
    assert cli("remove", event_id).exit_code == 0
    assert cli("show", event_id).exit_code == 2
    assert cli("remove", event_id).exit_code == 2


@pytest.mark.parametrize("args, message", [
    (["add", "-c", "ZTE", "-t", "merger", "--title", "x"], "unknown event type"),
    (["add", "-c", "ZTE", "-t", "trial", "--title", "x", "-d", "someday soon-ish"], "cannot read"),
    (["add", "-c", "ZTE", "-t", "trial", "--title", "  "], "title"),
    (["add", "-t", "trial", "--title", "x"], "--company"),
    (["remove", "0000000000"], "no event with id"),
])
def test_failed_writes_change_nothing(cli, fresh_db, args, message):
    cli("add", "-c", "ZTE", "-t", "trial", "--title", "setup", "-d", "2017")
    before = db_files(fresh_db)
    result = cli(*args)
    assert result.exit_code == 2 and message in result.stderr, result.stderr
    assert db_files(fresh_db) == before


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "json"])
def test_export_then_import_is_lossless(cli, tmp_path, fmt, monkeypatch):
    cli("add", "-c", "ZTE", "-t", "trial", "--title", "=formula; with | odd\tchars", "-d", "Q2 2017",
        "--quote", "A \"quoted\"\nsentence.", "--source-doc", "mine.txt", "-p", "Jane Doe", "--tag", "5G")
    exported = tmp_path / f"all.{fmt}"
    assert cli("export", "-o", exported).exit_code == 0
    original = json.loads(cli("export", "-f", "json").stdout)
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "other"))
    result = cli("import", exported)
    assert result.exit_code == 0, result.stderr
    # the new log starts as a copy of the shipped one, so only the hand-added event is new
    assert f"imported {len(original)} events" in result.stderr and "1 new" in result.stderr
    assert json.loads(cli("export", "-f", "json").stdout) == original
    again = cli("import", exported)
    assert f"0 new, {len(original)} already known" in again.stderr


def test_import_from_stdin(cli):
    line = json.dumps({"date": "2016", "companies": ["Baidu"], "type": "other", "title": "From stdin"})
    result = cli("import", "-", input=line + "\n")
    assert result.exit_code == 0, result.stderr
    assert cli("timeline", "--search", "From stdin").stdout.count("\n") == 2


@pytest.mark.parametrize("content, message", [
    ('{"date": "2017", "companies": ["ZTE"], "type": "trial", "title": "ok"}\n{not json\n', "line 2"),
    ('{"date": "2017", "companies": ["ZTE"], "type": "trial", "title": "ok"}\n{"date": "May", "companies": ["ZTE"], "type": "trial", "title": "x"}\n', "line 2"),
    ('{"date": "2017", "companies": [], "type": "trial", "title": "x"}\n', "company"),
    ('{"date": "2017", "companies": ["ZTE"], "type": "gossip", "title": "x"}\n', "unknown event type"),
])
def test_bad_import_names_the_row_and_imports_nothing(cli, tmp_path, fresh_db, content, message):
    cli("add", "-c", "ZTE", "-t", "trial", "--title", "setup", "-d", "2017")
    before = db_files(fresh_db)
    bad = tmp_path / "bad.jsonl"
    bad.write_text(content, encoding="utf-8")
    result = cli("import", bad)
    assert result.exit_code == 2 and message in result.stderr and "nothing was imported" in result.stderr
    assert db_files(fresh_db) == before


def test_bad_csv_import_names_the_row(cli, tmp_path, fresh_db):
    bad = tmp_path / "bad.csv"
    bad.write_text("date,companies,type,title\n2017,ZTE,trial,fine\n2017,ZTE,bogus,not fine\n", encoding="utf-8")
    result = cli("import", bad)
    assert result.exit_code == 2 and "row 3" in result.stderr
    assert not fresh_db.exists()


@pytest.mark.parametrize("make, code", [
    (lambda p: p, 2),  # a folder
    (lambda p: p / "missing.jsonl", 2),
])
def test_import_of_missing_or_folder_is_a_usage_error(cli, tmp_path, make, code):
    result = cli("import", make(tmp_path))
    assert result.exit_code == code and result.stderr.startswith("tracker: error:")


def test_damaged_log_is_a_one_line_error_and_check_restore_repairs_it(cli, fresh_db):
    event_id = cli("add", "-c", "ZTE", "-t", "trial", "--title", "kept safe", "-d", "2017-06-19").stdout.strip()
    second = cli("add", "-c", "ZTE", "-t", "trial", "--title", "second write makes a backup", "-d", "2017-06-20").stdout.strip()
    from tracker.store.layout import slug

    shard = fresh_db / "shards" / slug("ZTE") / "2017.json"
    shard.write_bytes(b'{"events": {"1": trunc')
    damaged = shard.read_bytes()
    for args in (["company", "ZTE"], ["add", "-c", "ZTE", "-t", "trial", "--title", "x", "-d", "2017"]):
        result = cli(*args)
        assert result.exit_code == 1, result.stderr
        assert str(shard) in result.stderr and ".bak" in result.stderr and result.stderr.count("\n") == 1
        assert shard.read_bytes() == damaged, "a damaged file is never overwritten"
    problems = cli("check")
    assert problems.exit_code == 1 and str(shard) in problems.stdout
    repaired = cli("check", "--restore")
    # The backup predates the second event and no other file holds it: restored, and said so.
    assert repaired.exit_code == 1 and second in repaired.stderr and "LOST" in repaired.stderr, repaired.stderr
    assert cli("show", event_id).exit_code == 0
    assert cli("check").exit_code == 0
