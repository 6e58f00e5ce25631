"""Every test gets a fresh, empty place for its event log, so none touches a real one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tracker.cli import app

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

# The suite runs on every core (pytest-xdist, pyproject's addopts "-n auto --dist loadgroup").
# Tests that start many processes at once (eight writers, loops of readers, racing commands, a
# pool of workers) or that time how long something waits carry this mark: they run one after
# another on one worker, beside ordinary tests but never beside each other, so two of them
# never starve each other's processes of the cores their timings and races assume.
ONE_AT_A_TIME = pytest.mark.xdist_group("one-at-a-time")


def pytest_collection_modifyitems(items):
    # test_store_safety's writers are child processes that import that module: it does not import
    # pytest to carry the mark itself (0.15 s more in each of its ~20 children)
    for item in items:
        if item.nodeid.startswith("tests/test_store_safety.py::"):
            item.add_marker(ONE_AT_A_TIME)


@pytest.fixture(autouse=True)
def fresh_db(tmp_path, monkeypatch):
    db = tmp_path / "db"
    monkeypatch.setenv("TRACKER_DB", str(db))
    # no user's settings file (tracker config) may change what a test sees
    monkeypatch.setenv("TRACKER_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return db


@pytest.fixture
def cli(monkeypatch):
    """Run tracker in-process as a user would type it: cli('company', 'Unicom').

    Ingest reads files in this process (``-j`` defaults to 1 here): worker pools are tested in
    real tracker processes (tests/test_ingest_parallel.py), and forking the test runner itself,
    with its threads and captured descriptors, is nothing a user runs; twice a whole-suite run
    that did so ended with status 141 in the middle of such a test (not reproduced alone)."""
    from tracker import extraction

    monkeypatch.setattr(extraction, "default_jobs", lambda: 1)
    runner = CliRunner()

    def run(*args, input=None):
        return runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)

    return run


def tracker_command() -> list[str]:
    found = shutil.which("tracker", path=str(Path(sys.executable).parent)) or shutil.which("tracker")
    return [found] if found else [sys.executable, "-m", "tracker.cli"]


@pytest.fixture
def proc():
    """Run tracker as a real process with piped output: proc('timeline', input=...)."""

    def run(*args, input=None, env=None):
        return subprocess.run(
            tracker_command() + [str(a) for a in args],
            input=input,
            capture_output=True,
            text=isinstance(input, str) or input is None,
            env={**os.environ, **(env or {})},
            timeout=120,
        )

    return run


def db_files(db: Path) -> dict[str, bytes]:
    """Every file of an event log with its bytes, to prove a failed command changed nothing."""
    if not db.exists():
        return {}
    return {str(p.relative_to(db)): p.read_bytes() for p in sorted(db.rglob("*")) if p.is_file()}
