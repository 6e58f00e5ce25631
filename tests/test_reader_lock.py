"""Readers do not keep writers waiting (issue 12, item 6), with real processes.

A listing copies the log's files under the read lock and writes its output after releasing it,
so a reader whose consumer stopped holds no lock; readers in a loop pass through a gate a waiting
writer closes, so they cannot keep a writer's commit waiting until it gives up.
"""

from __future__ import annotations

import json
import os
import subprocess
import time

from tests.conftest import ONE_AT_A_TIME, tracker_command
from tests.hardening_helpers import faults

pytestmark = ONE_AT_A_TIME  # timed waits and loops of processes (tests/conftest.py)


def _import(proc, tmp_path, count, years=1):
    source = tmp_path / "events.jsonl"
    source.write_text("".join(
        json.dumps({"date": f"{2010 + n % years}-{1 + n % 12:02d}-01", "companies": ["Acme"], "type": "contract",
                    "title": f"a contract {n}"}) + "\n"
        for n in range(count)
    ))
    assert proc("import", source).returncode == 0


def _add(proc, title):
    began = time.monotonic()
    result = proc("--lock-timeout", "20", "add", "-c", "Beta", "-t", "other", "--title", title, "-d", "2019-01-01")
    return result, time.monotonic() - began


def test_a_listing_whose_reader_stopped_does_not_block_a_writer(proc, tmp_path, fresh_db):
    # more rows than the listing buffers (4096 lines) and a pipe holds, over nine years: it
    # blocks writing while the log still has years to read
    _import(proc, tmp_path, 9000, years=9)
    stuck = subprocess.Popen(tracker_command() + ["export", "-f", "jsonl"], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL)  # nobody reads the pipe: it blocks writing
    try:
        time.sleep(3.0)
        assert stuck.poll() is None  # still writing
        result, seconds = _add(proc, "added while a listing is stuck")
        assert result.returncode == 0, result.stderr
        assert seconds < 15, seconds
        # and the stuck listing still writes the log as it was when it read it
        out = stuck.stdout.read()
        assert stuck.wait(timeout=60) == 0
        titles = [json.loads(line)["title"] for line in out.splitlines()]
        assert sum(title.startswith("a contract") for title in titles) == 9000
        assert "added while a listing is stuck" not in titles
    finally:
        stuck.kill()
        stuck.wait()


def test_readers_in_a_loop_cannot_starve_a_writer(proc, tmp_path, fresh_db):
    _import(proc, tmp_path, 50)  # one data file of Acme's
    # each reader holds the read lock 2 s (it sleeps opening a data file under it); four of them
    # started half a second apart hold it without a gap
    slow_read = faults({"call": "builtins.open", "match": "shards/acme-", "do": "sleep:2"})
    loop = f"while :; do {' '.join(tracker_command())} timeline > /dev/null 2>&1; done"
    readers = []
    try:
        for _ in range(4):
            readers.append(subprocess.Popen(["sh", "-c", loop], env={**os.environ, **slow_read}, start_new_session=True))
            time.sleep(0.5)
        time.sleep(2.0)
        for n in range(2):
            result, seconds = _add(proc, f"added among readers {n}")
            assert result.returncode == 0, result.stderr
            assert seconds < 12, seconds  # one reader's hold and its own work, not the readers' whole loop
    finally:
        for reader in readers:
            os.killpg(reader.pid, 9)
            reader.wait()
