"""Endless or huge input ends in one clear line, in bounded time and memory (issue 12, item 7)."""

from __future__ import annotations

import subprocess

import pytest

from tests.conftest import tracker_command
from tests.hardening_helpers import one_clean_line

LIMIT_S = 60  # each of these used to read until memory ran out


def _run(shell: str, env=None):
    command = " ".join(tracker_command())
    return subprocess.run(shell.replace("tracker", command, 1) if shell.startswith("tracker") else shell.replace("| tracker", "| " + command),
                          shell=True, capture_output=True, text=True, timeout=LIMIT_S, env=env)


@pytest.mark.parametrize(
    "shell",
    [
        "tracker ingest /dev/zero",
        "tracker ingest --dry-run /dev/urandom",
        "tracker dates /dev/urandom",
        "tracker dates /dev/zero",
        "tracker import /dev/zero",
        "tracker import -f jsonl /dev/zero",
        "tracker import -f csv /dev/urandom",
        "yes | tracker ingest -",
        "yes | tracker dates -",
        "yes | tracker import -",
        "yes | tracker import -f csv -",
        "tr '\\0' 'a' < /dev/zero | tracker import -f jsonl -",
        "tr '\\0' 'a' < /dev/zero | tracker ingest -",
    ],
)
def test_endless_input_is_refused_in_one_line(shell, fresh_db):
    result = _run(shell)
    line = one_clean_line(result)
    assert result.returncode in (1, 2), line


def test_the_cap_is_configurable_and_named_in_the_error(tmp_path, proc):
    # A cap of a fraction of a megabyte proves what 1 and 3 MB did, on files a test ingests in a
    # second (ingesting 2 MB of blank lines took 75 s of the suite).
    news = tmp_path / "big.txt"
    news.write_text("Acme signed a contract with Beta Corp on 3 May 2017.\n" + " \n" * 40_000)  # ~80 KB
    env = {"TRACKER_MAX_INPUT_MB": "0.0625"}
    line = one_clean_line(proc("ingest", "--dry-run", news, env=env))
    assert "larger than 0.0625 MB" in line and "TRACKER_MAX_INPUT_MB" in line
    assert proc("ingest", "--dry-run", news, env={"TRACKER_MAX_INPUT_MB": "0.125"}).returncode == 0
    record = tmp_path / "one.jsonl"
    record.write_text('{"date":"2017","companies":["Acme"],"type":"contract","title":"' + "x" * 75_000 + '"}\n')
    line = one_clean_line(proc("import", record, env=env))
    assert "TRACKER_MAX_INPUT_MB" in line
    assert proc("import", record, env={"TRACKER_MAX_INPUT_MB": "0.125"}).returncode == 0
