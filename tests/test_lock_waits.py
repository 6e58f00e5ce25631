"""A stopped tracker holding the log's lock: the others say whom they wait for and give up (issue 12, item 6)."""

from __future__ import annotations

import os
import pty
import signal
import subprocess
import time

import pytest

from tests.conftest import ONE_AT_A_TIME, tracker_command
from tests.hardening_helpers import faults, one_clean_line

pytestmark = ONE_AT_A_TIME  # timed waits and loops of processes (tests/conftest.py)


@pytest.fixture
def log(proc, fresh_db):
    assert proc("add", "-c", "Acme", "-t", "contract", "--title", "first", "-d", "2017-05-01").returncode == 0
    return fresh_db


@pytest.fixture
def stopped_holder(log):
    """Start a tracker that takes the lock, then stop it (SIGSTOP) while it holds it.

    A writer holds both locks while it commits; a reader holds the read lock while it reads.
    """
    started = []

    def start(args, fault):
        process = subprocess.Popen(tracker_command() + args, env={**os.environ, **faults(fault)},
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        started.append(process)
        time.sleep(2.0)  # into its sleep, locks held
        os.kill(process.pid, signal.SIGSTOP)
        return process.pid

    yield start
    for process in started:
        os.kill(process.pid, signal.SIGKILL)
        os.kill(process.pid, signal.SIGCONT)
        process.wait(timeout=30)


WRITER = (["add", "-c", "Acme", "-t", "contract", "--title", "slow"], {"call": "replace", "match": "journal.json", "arg": 1, "do": "sleep:60"})
READER = (["timeline"], {"call": "listdir", "match": "shards", "do": "sleep:60"})


def _timed(proc, *args, env=None):
    began = time.monotonic()
    result = proc(*args, env=env)
    return result, time.monotonic() - began


@pytest.mark.parametrize("holder", ["writer", "reader"])
def test_a_stopped_process_holding_the_lock_makes_writers_give_up(proc, stopped_holder, holder):
    args, fault = WRITER if holder == "writer" else READER
    pid = stopped_holder(args, fault)
    result, took = _timed(proc, "add", "-c", "Acme", "-t", "contract", "--title", "blocked", env={"TRACKER_LOCK_TIMEOUT": "1"})
    line = one_clean_line(result)
    assert result.returncode == 1 and took < 20
    assert f"gave up after 1 s waiting for process {pid}" in line and "--lock-timeout" in line


def test_a_stopped_writer_makes_readers_give_up_and_the_option_sets_the_timeout(proc, stopped_holder):
    pid = stopped_holder(*WRITER)
    for args in (["--lock-timeout", "0.5", "timeline"], ["--lock-timeout", "0.5", "companies"]):
        result, took = _timed(proc, *args)
        assert f"gave up after 0.5 s waiting for process {pid}" in one_clean_line(result)
        assert took < 20


def test_a_terminal_is_told_whom_tracker_waits_for(stopped_holder, log):
    pid = stopped_holder(*WRITER)
    primary, secondary = pty.openpty()
    process = subprocess.Popen(tracker_command() + ["timeline"], stdout=subprocess.DEVNULL, stderr=secondary,
                               env={**os.environ, "TRACKER_LOCK_TIMEOUT": "1"})
    os.close(secondary)
    shown = b""
    while True:
        try:
            chunk = os.read(primary, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    assert process.wait(timeout=30) == 1
    os.close(primary)
    assert f"waiting for process {pid}".encode() in shown and b"gave up after 1 s" in shown


def test_a_free_lock_is_taken_at_once_whatever_the_timeout(proc, log):
    result = proc("timeline", env={"TRACKER_LOCK_TIMEOUT": "0"})
    assert result.returncode == 0 and result.stderr == ""


@pytest.mark.parametrize("value", ["soon", "-1", "inf", "nan"])
def test_a_timeout_that_is_no_number_of_seconds_is_a_usage_error(proc, value):
    result = proc("--lock-timeout", value, "timeline")
    assert result.returncode == 2
    one_clean_line(result)
