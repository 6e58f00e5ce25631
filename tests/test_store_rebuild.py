"""Damage check --restore repairs from the data itself (issue 12, items 4 and 5), with real
processes: what the files on disk can rebuild is rebuilt, no committed event is dropped silently,
and the report says what changed."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.hardening_helpers import faults


def _ids(proc, db=None):
    args = ["export", "-f", "jsonl"] + (["--db", db] if db else [])
    result = proc(*args)
    assert result.returncode == 0, result.stderr
    return sorted(json.loads(line)["id"] for line in result.stdout.splitlines())


@pytest.fixture
def log(proc, fresh_db):
    for n in range(1, 4):
        result = proc("add", "-c", "Acme", "-c", "Beta Co", "-t", "contract", "--title", f"deal {n}", "-d", f"2017-0{n}-01")
        assert result.returncode == 0, result.stderr
    return fresh_db


def _restored(proc, db):
    result = proc("check", "--restore")
    assert "Traceback" not in result.stderr
    check = proc("check")
    assert check.returncode == 0, (result.stderr, check.stdout, check.stderr)
    return result


def _shard(db, company, name):
    return next((db / "shards").glob(f"{company}-*")) / name


@pytest.mark.parametrize("with_backup", [True, False])
def test_a_missing_registry_is_restored_or_rebuilt(proc, log, with_backup):
    events = _ids(proc)
    (log / "registry.json").unlink()
    if not with_backup:
        (log / "registry.json.bak").unlink()
    result = _restored(proc, log)
    assert result.returncode == 0
    assert "registry.json" in result.stderr and ("restored from" in result.stderr if with_backup else "rebuilt" in result.stderr)
    assert _ids(proc) == events
    assert "Beta Co" in proc("companies", "-f", "tsv").stdout


def test_a_missing_data_file_is_rebuilt_from_the_other_copies(proc, log):
    events = _ids(proc)
    path = _shard(log, "acme", "2017.json")
    path.unlink()
    path.with_name("2017.json.bak").unlink(missing_ok=True)
    result = _restored(proc, log)
    assert "2017.json: was missing" in result.stderr and "rebuilt from their copy" in result.stderr
    assert _ids(proc) == events


def test_a_missing_data_file_no_copy_holds_is_named(proc, log):
    assert proc("add", "-c", "Solo", "-t", "contract", "--title", "alone", "-d", "2018-01-01").returncode == 0
    solo = [i for i in _ids(proc) if i not in []]
    path = _shard(log, "solo", "2018.json")
    path.unlink()
    path.with_name("2018.json.bak").unlink(missing_ok=True)
    result = proc("check", "--restore")
    assert result.returncode == 1 and "dropped 1 event" in result.stderr
    assert len(_ids(proc)) == len(solo) - 1


def test_a_missing_index_file_is_rebuilt(proc, log):
    events = _ids(proc)
    for path in (log / "ids").glob("*.json*"):
        path.unlink()
    result = _restored(proc, log)
    assert "id index, counts and registry rows rebuilt" in result.stderr and "indexed again" in result.stderr
    assert _ids(proc) == events


@pytest.mark.parametrize("content", [b"[]", b'{"events": []}', b'{"events": {"1": "x"}}', b'{"other": {}}'])
def test_a_data_file_of_the_wrong_shape_without_backup_is_rebuilt(proc, log, content):
    events = _ids(proc)
    path = _shard(log, "beta-co", "2017-also.json")
    path.write_bytes(content)
    path.with_name("2017-also.json.bak").unlink(missing_ok=True)
    result = _restored(proc, log)
    assert "2017-also.json" in result.stderr and "damaged file is kept" in result.stderr
    assert _ids(proc) == events


@pytest.mark.parametrize("journal", [b"garbage", b"[1, 2]", b'{"pairs": [[1, 2]]}'])
def test_a_garbage_journal_is_set_aside(proc, log, journal):
    events = _ids(proc)
    (log / "journal.json").write_bytes(journal)
    assert proc("companies").returncode == 1  # every command refuses it ...
    result = _restored(proc, log)  # ... until check --restore sets it aside
    assert "moved aside to journal.json.damaged" in result.stderr
    assert (log / "journal.json.damaged").read_bytes() == journal
    assert _ids(proc) == events


def test_an_interrupted_restore_is_finished_by_the_next(proc, log):
    events = _ids(proc)
    pristine = {p: p.read_bytes() for p in log.rglob("*") if p.is_file()}
    # killed inside the restore: after its first file came back, and inside the index rebuild's commit
    for rule in ({"call": "replace", "match": "restore-", "do": "kill", "skip": 1},
                 {"call": "replace", "match": "ids/", "arg": 1, "after": "journal.json", "do": "kill"}):
        for path, content in pristine.items():
            path.write_bytes(content)
        (log / "registry.json").unlink()
        _shard(log, "acme", "2017.json").write_bytes(b"{broken")
        for path in (log / "ids").glob("*.json"):
            path.unlink()
        killed = proc("check", "--restore", env=faults(rule))
        assert killed.returncode == -9, killed.stderr
        _restored(proc, log)
        assert _ids(proc) == events


def test_a_kill_while_the_first_import_commits_does_not_brick_the_log(proc, tmp_path, fresh_db):
    source = tmp_path / "many.jsonl"
    source.write_text("".join(
        json.dumps({"date": f"20{n % 20:02d}-01-01", "companies": [f"Company {n % 50}"], "type": "contract", "title": f"event {n}"}) + "\n"
        for n in range(2000)
    ))
    for skip in (0, 40):  # early in its renames, and later
        shutil.rmtree(fresh_db, ignore_errors=True)
        # the import's own commit (the first write commits the shipped sample on its own before it)
        rule = {"call": "replace", "match": "shards/company-", "arg": 1, "after": "journal.json", "do": "kill", "skip": skip}
        assert proc("import", source, env=faults(rule)).returncode == -9
        for command in (["companies"], ["timeline"], ["check"]):
            result = proc(*command)
            assert result.returncode == 0, (command, result.stderr)
        assert sum('"event ' in line for line in proc("export", "-f", "jsonl").stdout.splitlines()) == 2000
