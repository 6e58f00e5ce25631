"""No traceback on hostile input or a hostile environment (issue 12, item 9): one line, non-zero exit."""

from __future__ import annotations

import os
import subprocess

import pytest

from tests.conftest import tracker_command
from tests.hardening_helpers import faults, one_clean_line


@pytest.fixture
def log(proc, fresh_db):
    result = proc("add", "-c", "Acme", "-t", "contract", "--title", "Acme signs a deal", "-d", "2017-05-01")
    assert result.returncode == 0, result.stderr
    return fresh_db


def run_bytes(*args, env=None, **kwargs):
    """Run tracker with arguments given as bytes (not valid UTF-8 allowed)."""
    command = [os.fsencode(a) for a in tracker_command()] + [a if isinstance(a, bytes) else a.encode() for a in args]
    return subprocess.run(command, capture_output=True, env={**os.environ, **(env or {})}, timeout=120, **kwargs)


@pytest.mark.parametrize(
    "args",
    [
        [b"add", b"-c", b"Ac\xffme", b"-t", b"contract", b"--title", b"ok"],
        [b"add", b"-c", b"Acme", b"-t", b"contract", b"--title", b"t\xfe\xff"],
        [b"add", b"-c", b"Acme", b"-t", b"contract", b"--title", b"ok", b"--people", b"\xc3"],
        [b"company", b"\xff\xfe"],
        [b"timeline", b"--since", b"\xff"],
    ],
)
def test_invalid_utf8_in_arguments_is_one_line(log, args):
    result = run_bytes(*args)
    assert result.returncode == 2
    one_clean_line(result)


def test_a_search_for_invalid_utf8_finds_nothing_without_a_traceback(log):
    result = run_bytes("timeline", "--search", b"\xff")
    assert result.returncode == 0 and result.stderr == b""


def test_a_file_name_that_is_not_utf8_does_not_reject_its_folder(tmp_path, fresh_db):
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text("Acme signed a contract with Beta Corp on 3 May 2017.\n")
    with open(bytes(news) + b"/b\xff.txt", "w") as bad:
        bad.write("Acme signed a contract with Gamma Corp on 4 May 2017.\n")
    result = run_bytes("ingest", str(news))
    assert result.returncode == 0, result.stderr
    assert b"read 2 file(s)" in result.stderr
    shown = run_bytes("timeline", "-f", "jsonl")
    assert b"b\xef\xbf\xbd.txt" in shown.stdout  # the name kept, its bad byte shown as U+FFFD


@pytest.mark.parametrize("date", ["9999-W52", "9999-W53", "0000", "9999-12-32"])
def test_dates_past_the_calendar_are_usage_errors(proc, log, date):
    for args in (["add", "-c", "Acme", "-t", "contract", "--title", "x", "-d", date], ["timeline", "--since", date]):
        result = proc(*args)
        assert result.returncode == 2
        one_clean_line(result)


@pytest.mark.parametrize("offset", ["99999999999999999999999999999", "١٢", "１２", "-1", "1e5"])
def test_source_offsets_that_are_no_offsets_are_refused_by_csv_import(proc, log, tmp_path, offset):
    csv = tmp_path / "in.csv"
    csv.write_text(f"date,companies,type,title,source_doc,source_offset\n2017,Acme,contract,x,doc,{offset}\n")
    result = proc("import", csv)
    assert result.returncode == 2
    assert "source_offset" in one_clean_line(result)


@pytest.mark.parametrize("offset", ["18446744073709551615", "9007199254740992", '"12"', "1e300"])
def test_source_offsets_that_are_no_offsets_are_refused_by_jsonl_import(proc, log, tmp_path, offset):
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text(
        '{"date":"2017","companies":["Acme"],"type":"contract","title":"x",'
        f'"sources":[{{"doc":"d","quote":"q","offset":{offset}}}]}}\n'
    )
    result = proc("import", jsonl)
    assert result.returncode == 2
    one_clean_line(result)


@pytest.mark.parametrize("journal", ["[1, 2]", '"x"', '{"pairs": 5}', '{"pairs": [[1, 2]]}', "{", '{"format": 1}'])
def test_a_journal_of_the_wrong_shape_is_one_line(proc, log, journal):
    (log / "journal.json").write_text(journal)
    for args in (["companies"], ["timeline"], ["add", "-c", "Acme", "-t", "contract", "--title", "y"]):
        assert "journal.json" in one_clean_line(proc(*args))


def test_a_full_disk_while_writing_the_log_is_one_line(proc, log):
    for where in ("tmp/", "journal.json"):
        env = faults({"call": "replace", "match": where, "arg": 1, "do": "enospc"}) if where != "tmp/" else faults(
            {"call": "builtins.open", "match": "db/tmp/", "do": "enospc"}
        )
        result = proc("add", "-c", "Acme", "-t", "contract", "--title", f"full disk at {where}", env=env)
        assert "No space left" in one_clean_line(result)
    # nothing half done stays behind: the next command works and the events were not added
    assert proc("check").returncode == 0
    assert "full disk" not in proc("timeline").stdout


def test_an_unreadable_folder_is_reported_and_the_rest_ingested(proc, tmp_path, fresh_db):
    news = tmp_path / "news"
    (news / "locked").mkdir(parents=True)
    (news / "locked" / "a.txt").write_text("Acme signed a contract with Beta Corp on 3 May 2017.\n")
    (news / "b.txt").write_text("Acme signed a contract with Gamma Corp on 4 May 2017.\n")
    result = proc("ingest", news, env=faults({"call": "scandir", "match": "locked", "do": "eacces"}))
    assert result.returncode == 1
    assert "locked: cannot read the folder (Permission denied)" in one_clean_line(result)
    assert "read 1 file(s)" in result.stderr


def test_stdout_closed_is_one_line(log):
    result = subprocess.run(tracker_command() + ["timeline"], stdout=None, capture_output=False, stderr=subprocess.PIPE,
                            text=True, timeout=60, preexec_fn=lambda: os.close(1))
    assert result.returncode == 1
    assert "standard output is closed" in one_clean_line(result)


def test_stdout_full_is_one_line(log):
    for args in (["timeline"], ["companies"], ["info"], ["export"]):
        with open("/dev/full", "w") as full:
            result = subprocess.run(tracker_command() + args, stdout=full, stderr=subprocess.PIPE, text=True, timeout=60)
        assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr


def test_a_reader_that_goes_away_is_not_an_error(log):
    pipeline = subprocess.run(
        " ".join(tracker_command()) + " timeline | head -1", shell=True, capture_output=True, text=True, timeout=60
    )
    assert pipeline.returncode == 0 and "Traceback" not in pipeline.stderr and pipeline.stderr == ""
