"""Every test gets a fresh, empty place for its event log, so none touches a real one."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
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


def _free_bytes(folder: str) -> int:
    try:
        info = os.statvfs(folder)
    except OSError:
        return 0
    return info.f_bavail * info.f_frsize


def pytest_configure(config):
    """Two costs of this development machine that tell nothing about tracker (issue 16).

    Temp folders in memory: the store fsyncs every file it commits and a bulk write calls
    os.sync(), and on a disk that other work keeps busy those flushes were most of the time of the
    store's process tests (tests/test_store_safety.py: 53 s, of which 13 s CPU). Where $TMPDIR is
    not set and /dev/shm (memory) can be written and has 2 GB free (a container's is often 64 MB),
    every tmp_path is made there: the same calls run, they only return sooner; what the crash tests
    check (SIGKILL at each step of a commit) never depended on the flushes, a killed process's
    writes are in the page cache. `TMPDIR=/tmp python -m pytest` runs the suite on disk.

    A shared bytecode cache: where PYTHONDONTWRITEBYTECODE is set (this machine sets it for every
    process), each of the ~600 tracker processes the suite starts compiled tracker's modules
    again (0.17 s of CPU each instead of 0.12 s), and each worker re-wrote every test module's
    asserts. The suite's processes (its workers too: this runs before they start) share one cache
    in the temp folder instead, nothing written into the checkout; the code they run is the same."""
    if "TMPDIR" not in os.environ and _free_bytes("/dev/shm") >= 2 * 1024**3 and os.access("/dev/shm", os.W_OK):
        os.environ["TMPDIR"] = "/dev/shm"
        tempfile.tempdir = None  # gettempdir() reads $TMPDIR again
    if os.environ.get("PYTHONDONTWRITEBYTECODE") and not os.environ.get("PYTHONPYCACHEPREFIX"):
        del os.environ["PYTHONDONTWRITEBYTECODE"]
        os.environ["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / f"tracker-tests-pycache-{os.getuid()}")


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
def spawned_workers(monkeypatch):
    """In-process ingests with -j 2 start their workers by spawn, as on macOS: a fork of the test
    runner (a pytest-xdist worker, with its threads and its pipes to the master) is nothing a user
    runs, and one whole-suite run lost an xdist worker about where such a test ran. The forked
    workers are tested in real tracker processes (tests/test_ingest_parallel.py)."""
    import multiprocessing

    from tracker import extraction

    monkeypatch.setattr(extraction, "_context", lambda: multiprocessing.get_context("spawn"))


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


@pytest.fixture
def found_events(cli, tmp_path):
    """The events ``tracker ingest --dry-run -f jsonl`` finds in a news text published on a day:
    found_events("Acme Corp said on Monday ...", "2020-03-03") -> [event dict, ...]."""
    def run(text: str, published: str = "2020-03-03") -> list[dict]:
        news = tmp_path / "found-events-news.txt"
        news.write_text(text, encoding="utf-8")
        result = cli("ingest", news, "--published", published, "--dry-run", "-f", "jsonl")
        assert result.exit_code == 0, result.output
        return [json.loads(line) for line in result.stdout.splitlines()]

    return run


@pytest.fixture
def explained(cli, tmp_path):
    """``tracker ingest --dry-run --explain`` of one news text published on a day, as a user runs
    it on a file: explained("Acme said ...", "2019-03-07") is its output (the run must succeed)."""
    def run(text: str, published: str) -> str:
        news = tmp_path / "news.txt"
        news.write_text(text + "\n", encoding="utf-8")
        result = cli("ingest", news, "--published", published, "--dry-run", "--explain")
        assert result.exit_code == 0, result.stderr
        return result.stdout

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
