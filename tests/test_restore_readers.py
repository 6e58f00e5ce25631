"""Readers never see a restore half done (issue 12, item 12), with real processes.

``check --restore`` repairs a damaged log (a broken registry, broken data files, a lost id
index) while readers run in a loop. The restore is slowed down (each file it puts back waits
0.5 s, through tests/faults) so that many reads overlap it. Every read must either fail with one
clean line (the log as it was: damaged) or see the whole repaired log, never a mix such as the
registry's backup (older counts) next to data files not yet put back.
"""

from __future__ import annotations

import json
import os
import subprocess
import threading
import time

from tests.conftest import ONE_AT_A_TIME, tracker_command
from tests.hardening_helpers import faults, one_clean_line

pytestmark = ONE_AT_A_TIME  # timed waits and loops of processes (tests/conftest.py)


def _rows(start: int, count: int) -> str:
    return "".join(
        json.dumps({
            "date": f"2019-{1 + n % 12:02d}-01",
            "companies": [f"Firm {n % 6}", f"Firm {(n + 1) % 6}"],
            "type": "contract",
            "title": f"deal {n}",
        }) + "\n"
        for n in range(start, start + count)
    )


def _run(*args, env=None):
    return subprocess.run(tracker_command() + list(args), capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=120)


def _state(db):
    """What a reader of the healthy log sees: the ids, the company counts, check's verdict."""
    export = _run("export", "-f", "jsonl", "--db", str(db))
    companies = _run("companies", "-f", "tsv", "--db", str(db))
    assert export.returncode == 0 and companies.returncode == 0, (export.stderr, companies.stderr)
    ids = sorted(json.loads(line)["id"] for line in export.stdout.splitlines())
    return ids, companies.stdout


def _damage(db):
    registry = db / "registry.json"  # its backup (before the second import) has older counts
    registry.write_bytes(registry.read_bytes()[:50])
    shards = sorted((db / "shards").glob("firm-*/2019.json"))
    assert len(shards) >= 4
    for path in shards[:3]:
        path.write_bytes(path.read_bytes()[:60])  # truncated mid-write
    for path in (db / "ids").glob("*.json"):
        path.unlink()


def test_readers_in_a_loop_never_see_a_restore_half_done(tmp_path):
    db = tmp_path / "db"
    for n, (start, count) in enumerate(((0, 60), (60, 30))):
        source = tmp_path / f"part{n}.jsonl"
        source.write_text(_rows(start, count))
        assert _run("import", str(source), "--db", str(db)).returncode == 0
    ids, companies = _state(db)
    _damage(db)
    broken_check = _run("check", "--db", str(db))
    assert broken_check.returncode != 0

    reads: list[tuple[str, subprocess.CompletedProcess, bool]] = []
    restoring = threading.Event()
    done = threading.Event()

    def reader(args):
        while not done.is_set():
            during = restoring.is_set()
            reads.append((args[0], _run(*args, "--db", str(db)), during))

    readers = [threading.Thread(target=reader, args=(args,)) for args in
               (["export", "-f", "jsonl"], ["companies", "-f", "tsv"], ["check"], ["timeline", "-f", "jsonl"])]
    for thread in readers:
        thread.start()
    time.sleep(1.0)  # a few reads of the damaged log first
    restoring.set()
    # the registry comes back at once (no window where it is missing), then each file slowly
    slow = faults({"call": "replace", "match": "restore-", "do": "sleep:0.5", "skip": 1},
                  {"call": "replace", "match": "ids/", "arg": 1, "do": "sleep:0.01"})
    restore = _run("check", "--restore", "--db", str(db), env=slow)
    started_after = len(reads)
    while len(reads) < started_after + 8:
        time.sleep(0.1)
    done.set()
    for thread in readers:
        thread.join(timeout=120)
    assert restore.returncode == 0, restore.stderr
    assert "Traceback" not in restore.stderr

    failed = whole = 0
    for command, result, during in reads:
        if result.returncode != 0:
            one_clean_line(result)  # the damaged log: refused with one clean line
            failed += 1
            continue
        whole += 1
        if command in ("export", "timeline"):
            seen = sorted(json.loads(line)["id"] for line in result.stdout.splitlines())
            assert seen == ids, f"{command} saw {len(seen)} of {len(ids)} events"
        elif command == "companies":
            assert result.stdout == companies, "company counts of a restore half done"
        else:
            assert result.stdout == "" and "ok:" in result.stderr, result.stdout  # check: no problem left
    assert failed and whole, (failed, whole)  # reads saw both the damaged and the repaired log
    assert any(during for _, _, during in reads)
    assert _state(db) == (ids, companies)
