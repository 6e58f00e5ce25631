"""The rest of issue 12, item 12: racing commands, failed writes, read-only logs, --db ''."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from tests.conftest import ONE_AT_A_TIME, tracker_command
from tests.hardening_helpers import faults, one_clean_line

# Both processes resolve what they need, then wait a moment before taking the writer's lock,
# so they race exactly where two users' commands would.
LATE_LOCK = faults({"call": "open", "match": ".write.lock", "do": "sleep:1.0"})


def _start(*args, env=None):
    return subprocess.Popen(tracker_command() + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})})


def _both(*commands):
    running = [_start(*args, env=LATE_LOCK) for args in commands]
    return [(p.wait(timeout=120), p.stdout.read(), p.stderr.read()) for p in running]


def _rows(proc):
    return [json.loads(line) for line in proc("export", "-f", "jsonl").stdout.splitlines()]


@ONE_AT_A_TIME
def test_two_racing_removes_one_removes_the_other_finds_nothing(proc, fresh_db):
    added = proc("add", "-c", "Acme", "-t", "contract", "--title", "to remove", "-d", "2017-01-01")
    event_id = added.stdout.strip()
    results = _both(["remove", event_id], ["remove", event_id])
    said = sorted((err.startswith("removed"), code) for code, _, err in results)
    assert said == [(False, 2), (True, 0)], results
    assert any("not found" in err for _, _, err in results)
    assert proc("check").returncode == 0


@ONE_AT_A_TIME
def test_two_adds_meeting_one_new_company_in_two_cases_register_it_once(proc, fresh_db):
    assert proc("add", "-c", "Acme", "-t", "contract", "--title", "first", "-d", "2017-01-01").returncode == 0
    results = _both(["add", "-c", "Zeta Corp", "-t", "contract", "--title", "one", "-d", "2017-02-01"],
                    ["add", "-c", "ZETA CORP", "-t", "contract", "--title", "two", "-d", "2017-03-01"])
    assert [code for code, _, _ in results] == [0, 0], results
    names = [line.split("\t")[0] for line in proc("companies", "-f", "tsv").stdout.splitlines()[1:]]
    assert len([n for n in names if n.casefold() == "zeta corp"]) == 1, names
    assert {tuple(r["companies"]) for r in _rows(proc) if r["title"] in ("one", "two")} in ({("Zeta Corp",)}, {("ZETA CORP",)})
    assert proc("check").returncode == 0


@pytest.mark.parametrize("args", [["--db", ""], ["--db", " "]])
def test_an_empty_db_path_is_a_usage_error(proc, args):
    result = proc("timeline", *args)
    assert result.returncode == 2 and "--db" in one_clean_line(result)


def test_an_add_that_fails_after_its_commit_point_says_it_is_recorded(proc, fresh_db):
    assert proc("add", "-c", "Acme", "-t", "contract", "--title", "first", "-d", "2017-01-01").returncode == 0
    fault = faults({"call": "link", "match": "shards/", "after": "journal.json", "do": "enospc"})
    result = proc("add", "-c", "Acme", "-t", "contract", "--title", "late failure", "-d", "2017-02-01", env=fault)
    assert result.returncode == 0, result.stderr
    assert "warning: the write is recorded" in result.stderr and "Traceback" not in result.stderr
    assert "late failure" in [r["title"] for r in _rows(proc)]  # the next command finished it
    assert proc("check").returncode == 0


@pytest.mark.parametrize("fault", [
    {"call": "replace", "match": "journal.json", "arg": 1, "do": "enospc"},
    {"call": "builtins.open", "match": "db/tmp/", "do": "enospc", "skip": 3},
])
def test_a_failed_write_leaves_no_temp_file(proc, fresh_db, fault):
    assert proc("add", "-c", "Acme", "-t", "contract", "--title", "first", "-d", "2017-01-01").returncode == 0
    result = proc("add", "-c", "Acme", "-c", "Beta", "-t", "contract", "--title", "fails", "-d", "2017-02-01", env=faults(fault))
    assert "No space left" in one_clean_line(result)
    assert os.listdir(fresh_db / "tmp") == []
    assert "fails" not in [r["title"] for r in _rows(proc)]


def test_a_failed_import_leaves_no_temp_file(proc, fresh_db, tmp_path):
    source = tmp_path / "many.jsonl"
    source.write_text("".join(json.dumps({"date": "2017", "companies": [f"C{n}"], "type": "contract", "title": f"e{n}"}) + "\n"
                              for n in range(300)))
    fault = faults({"call": "builtins.open", "match": "db/tmp/", "do": "enospc", "skip": 100})
    result = proc("import", source, env=fault)
    assert "No space left" in one_clean_line(result)
    assert os.listdir(fresh_db / "tmp") == []


@pytest.fixture
def read_only_log(proc, tmp_path):
    mount = tmp_path / "ro"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(mount)], capture_output=True).returncode:
        pytest.skip("cannot mount a file system here (needs root)")
    try:
        db = mount / "log"
        assert proc("add", "-c", "Acme", "-t", "contract", "--title", "kept", "-d", "2017-01-01", "--db", db).returncode == 0
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        yield db
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)


def test_a_log_on_a_read_only_file_system_can_be_read(proc, read_only_log):
    for args in (["timeline"], ["companies"], ["company", "Acme"], ["check"], ["info"]):
        result = proc(*args, "--db", read_only_log)
        assert result.returncode == 0, (args, result.stderr)
    assert "kept" in proc("timeline", "--db", read_only_log).stdout
    write = proc("add", "-c", "Acme", "-t", "contract", "--title", "x", "--db", read_only_log)
    assert write.returncode == 1
    one_clean_line(write)
