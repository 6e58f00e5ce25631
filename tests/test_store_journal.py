"""A crafted log folder must not write outside itself (issue 12, item 2).

Every command rolls ``journal.json`` forward; its paths are checked against the store's own
layout first, and a journal naming anything else is reported in one line and never executed.
"""

from __future__ import annotations

import json

import pytest

from tracker.store.layout import slug


@pytest.fixture
def log_folder(proc, fresh_db):
    result = proc("add", "-c", "Acme", "-t", "other", "--title", "something happened", "-d", "2020-01-01")
    assert result.returncode == 0, result.stderr
    return fresh_db


def _plant(db, pairs, temps=("tmp/evil", "tmp/1-1.json")):
    (db / "tmp").mkdir(exist_ok=True)
    for name in temps:
        (db / name).write_text("EVIL")
    (db / "journal.json").write_text(json.dumps({"format": "tracker-log/1", "pairs": pairs}))


def _refused(result, db):
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "journal.json" in lines[0] and "Traceback" not in result.stderr, result.stderr
    assert (db / "journal.json").exists()  # kept for a person to look at, not executed


def test_a_journal_pointing_outside_the_log_is_not_executed(proc, log_folder, tmp_path):
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "config.txt").write_text("original")
    _plant(log_folder, [["tmp/evil", "../victim/config.txt"]])
    for command in (["companies"], ["timeline"], ["add", "-c", "Acme", "-t", "other", "--title", "x"], ["check", "--restore"]):
        _refused(proc(*command), log_folder)
    assert (victim / "config.txt").read_text() == "original"
    assert (log_folder / "tmp" / "evil").read_text() == "EVIL"  # nothing moved


def test_absolute_paths_create_nothing(proc, log_folder, tmp_path):
    target = tmp_path / "elsewhere" / "deep" / "file.json"
    _plant(log_folder, [["tmp/1-1.json", str(target)]])
    _refused(proc("companies"), log_folder)
    assert not (tmp_path / "elsewhere").exists()


@pytest.mark.parametrize(
    "final",
    ["registry.json.bak", "shards/../../x.json", "ids/zz.json", "shards/acme/2020.json", "tmp/1-2.json", ".lock"],
)
def test_names_of_other_shapes_are_refused(proc, log_folder, final):
    before = {p: p.read_bytes() for p in log_folder.rglob("*") if p.is_file()}
    _plant(log_folder, [["tmp/1-1.json", final]])
    _refused(proc("companies"), log_folder)
    after = {p: p.read_bytes() for p in log_folder.rglob("*") if p.is_file()}
    assert {p: b for p, b in after.items() if p.name != "journal.json" and "tmp" not in p.parts} == {
        p: b for p, b in before.items() if "tmp" not in p.parts
    }


def test_a_symbolic_link_inside_the_log_does_not_lead_out(proc, log_folder, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    company = slug("Evil Corp")
    (log_folder / "shards" / company).symlink_to(outside, target_is_directory=True)
    _plant(log_folder, [["tmp/1-1.json", f"shards/{company}/2020.json"]])
    _refused(proc("companies"), log_folder)
    assert list(outside.iterdir()) == []


def test_a_journal_of_the_stores_own_shape_still_rolls_forward(proc, log_folder):
    # What a writer killed after its commit point leaves: the temp and the journal naming it.
    registry = json.loads((log_folder / "registry.json").read_text())
    registry["companies"]["999"] = {"name": "Rolled Forward Ltd", "aliases": [], "parent": None, "review": True}
    (log_folder / "tmp").mkdir(exist_ok=True)
    (log_folder / "tmp" / "7-1.json").write_text(json.dumps(registry))
    (log_folder / "journal.json").write_text(json.dumps({"format": "tracker-log/1", "pairs": [["tmp/7-1.json", "registry.json"]]}))
    result = proc("companies", "-f", "jsonl")
    assert result.returncode == 0, result.stderr
    assert "Rolled Forward Ltd" in result.stdout and not (log_folder / "journal.json").exists()
