"""``check --restore`` never drops a committed event silently (issue 12, item 3).

Rolling a shard back to its backup loses that file's last write: the restore names every event
that went, rebuilds the ones another company's file still holds, and leaves a file that is
merely unreadable alone.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess

import pytest

from tests.conftest import tracker_command
from tracker.store.layout import slug


def _add(proc, title, *companies, date="2020-01-01"):
    args = ["add", "-t", "other", "--title", title, "-d", date]
    for company in companies:
        args += ["-c", company]
    result = proc(*args)
    assert result.returncode == 0, result.stderr
    return title


def _ids(proc, *args) -> dict[str, str]:
    result = proc(*args, "-f", "jsonl")
    assert result.returncode == 0, result.stderr
    return {row["title"]: row["id"] for row in map(json.loads, result.stdout.splitlines())}


def _shard(db, company):
    return db / "shards" / slug(company) / "2020.json"


def test_a_rolled_back_shard_gets_its_last_events_back_from_other_copies(proc, fresh_db):
    _add(proc, "first", "Acme", "Beta")
    _add(proc, "second", "Acme", "Beta")  # Acme's file now has a backup without "second"
    second = _ids(proc, "timeline", "--since", "2020")["second"]
    _shard(fresh_db, "Acme").write_bytes(b"\x00 damaged")
    result = proc("check", "--restore")
    assert result.returncode == 0, result.stderr
    assert second in result.stderr and "rebuilt" in result.stderr
    # Not only under Beta: the timeline (main companies' files) and exports have it again.
    assert set(_ids(proc, "timeline", "--since", "2020")) == {"first", "second"}
    assert set(_ids(proc, "company", "Acme")) == {"first", "second"}
    assert proc("check").returncode == 0


def test_events_no_copy_holds_are_named_and_the_exit_code_says_so(proc, fresh_db):
    _add(proc, "kept", "Acme")
    _add(proc, "only in the damaged file", "Acme")
    gone = _ids(proc, "timeline", "--since", "2020")["only in the damaged file"]
    shard = _shard(fresh_db, "Acme")
    shard.write_bytes(shard.read_bytes()[:40])  # truncated
    result = proc("check", "--restore")
    assert result.returncode == 1
    assert "LOST" in result.stderr and gone in result.stderr
    assert gone in result.stderr.strip().splitlines()[-1]  # the last line names it again
    # What remains is consistent, and the damaged file is kept for a person to look at.
    assert set(_ids(proc, "timeline", "--since", "2020")) == {"kept"}
    assert proc("check").returncode == 0
    assert shard.with_name("2020.json.damaged").exists()


def _without_root_powers() -> list[str]:
    """A command prefix under which a file with mode 000 cannot be read."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root, which reads any file, and setpriv is not there to drop that power")
    return [setpriv, "--bounding-set", "-dac_override,-dac_read_search"]


def test_a_file_that_is_only_unreadable_is_not_rolled_back(proc, fresh_db):
    _add(proc, "first", "Acme")
    _add(proc, "second", "Acme")
    shard = _shard(fresh_db, "Acme")
    before = shard.read_bytes()
    shard.chmod(0)
    try:
        result = subprocess.run(
            _without_root_powers() + tracker_command() + ["check", "--restore"],
            capture_output=True, text=True, timeout=120,
        )
    finally:
        shard.chmod(stat.S_IRUSR | stat.S_IWUSR | stat.S_IRGRP | stat.S_IROTH)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "not restored" in result.stderr and "cannot be read" in result.stderr
    assert shard.read_bytes() == before  # not rolled back to its backup
    assert not shard.with_name("2020.json.damaged").exists()
    assert set(_ids(proc, "timeline", "--since", "2020")) == {"first", "second"}
    assert proc("check").returncode == 0
