"""tracker ingest -j N: files extracted in worker processes, committed in file order by one
writer, so any N gives the log -j 1 gives (ids, sources, registry rows, messages)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import ONE_AT_A_TIME, SEEDS, tracker_command
from tracker import extraction
from tracker.extraction import Extracted, extract_events, extract_files
from tracker.registry import Registry

# Hand-written for these tests: a company new to the registry named in three files (in full and
# short), one wire story reprinted in a second file (one event, two sources), a web page (its
# date and address come from its markup), a file that is not text, and a new company spelled
# two ways in two files ("Fjordtel AS", "FjordTel AS").
BATCH = Path(__file__).resolve().parent / "fixtures" / "batch"


def run(*args, db: Path, input: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(tracker_command() + [str(a) for a in args] + ["--db", str(db)], input=input,
                          capture_output=True, text=True, timeout=300, env={**os.environ, "TRACKER_DB": ""})


def without_stamps(jsonl: str) -> list[dict]:
    """The exported rows without ``recorded``, the one field that tells when, not what."""
    return [{k: v for k, v in json.loads(line).items() if k != "recorded"} for line in jsonl.splitlines()]


def ingested(tmp_path: Path, jobs: int) -> dict:
    db = tmp_path / f"log-j{jobs}"
    ingest = run("ingest", BATCH, "-j", jobs, db=db)
    assert ingest.returncode == 0, ingest.stderr
    exported = run("export", "-f", "jsonl", db=db)
    companies = run("companies", "-f", "jsonl", db=db)
    assert exported.returncode == 0 and companies.returncode == 0, exported.stderr + companies.stderr
    return {"ids": ingest.stdout, "messages": ingest.stderr, "events": without_stamps(exported.stdout),
            "companies": [json.loads(line) for line in companies.stdout.splitlines()]}


def test_two_processes_write_the_log_one_writes(tmp_path):
    one, two = ingested(tmp_path, 1), ingested(tmp_path, 2)
    assert one == two
    batch = {path.name for path in BATCH.iterdir()}
    found = [e for e in one["events"] if any(s["doc"] in batch for s in e["sources"])]
    assert len(found) >= 8 and len(one["ids"].split()) == len(found)
    reprinted = [e for e in found if "Acme Networks signed a 5G partnership" in e["title"]]
    assert [[s["doc"] for s in e["sources"]] for e in reprinted] == [["02_wire_partnership.txt", "04_wire_reprint.txt"]]
    page = next(e for e in found if e["sources"][0]["doc"] == "06_page.html")
    assert page["sources"][0]["url"] == "https://news.example.org/2021/06/kestrel-solvik"
    new = {row["name"] for row in one["companies"] if row["review"]}
    assert {"Nordlicht Robotics", "Kestrel Ventures", "Solvik Batteries"} <= new  # "AS": a Norwegian legal form
    assert "skipped" in one["messages"] and "07_chart.png: not a text file" in one["messages"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_company_spelled_two_ways_in_two_files_is_one_company(tmp_path, jobs):
    """Each file is extracted with the registry the batch began with, so "Fjordtel AS" and
    "FjordTel AS" both come back new (as Fjordtel and FjordTel, "AS" a Norwegian legal form); the
    writer folds the second into the first, as import does."""
    db = tmp_path / "log"
    ingest = run("ingest", BATCH / "08_fjordtel.txt", BATCH / "09_fjordtel_again.txt", "-j", jobs, db=db)
    assert ingest.returncode == 0, ingest.stderr
    assert "1 new company joined the registry, marked for review: 'Fjordtel'" in ingest.stderr
    timeline = run("company", "FjordTel AS", "-f", "jsonl", db=db)
    assert timeline.returncode == 0, timeline.stderr
    events = [json.loads(line) for line in timeline.stdout.splitlines()]
    assert len(events) == 3 and {tuple(e["companies"]) for e in events} == {("Fjordtel",)}


def test_dry_run_lists_the_same_events_at_any_job_count(tmp_path):
    rows = {}
    for jobs in (1, 2, 3):
        result = run("ingest", BATCH, "--dry-run", "--explain", "-f", "jsonl", "-j", jobs, db=tmp_path / "none")
        assert result.returncode == 0, result.stderr
        rows[jobs] = without_stamps(result.stdout)
    assert rows[1] == rows[2] == rows[3] and all(row["explain"] for row in rows[1])


def test_standard_input_is_read_by_the_writer_beside_files(tmp_path):
    story = (BATCH / "05_results.txt").read_text(encoding="utf-8")
    both = {}
    for jobs in (1, 2):
        result = run("ingest", BATCH / "01_nordlicht_funding.txt", "-", "--dry-run", "-f", "jsonl", "-j", jobs,
                     db=tmp_path / "none", input=story)
        assert result.returncode == 0, result.stderr
        both[jobs] = without_stamps(result.stdout)
    assert both[1] == both[2]
    assert {s["doc"] for row in both[2] for s in row["sources"]} == {"01_nordlicht_funding.txt", "stdin"}


@pytest.mark.parametrize("value", ["0", "-3", "two"])
def test_a_job_count_below_one_is_a_usage_error(tmp_path, value):
    result = run("ingest", BATCH, "-j", value, db=tmp_path / "log")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "--jobs" in result.stderr
    assert not (tmp_path / "log").exists()


def test_help_names_the_option(tmp_path):
    result = run("ingest", "--help", db=tmp_path / "log")
    assert "--jobs" in result.stdout and "-j" in result.stdout


# ---------------------------------------------------------------------------- the order


# run in a process of its own: its pool forks that process (the patch reaches the workers by
# fork), never the pytest-xdist worker, whose threads and pipes a fork copies (tests/conftest.py)
_ORDER_SCRIPT = """
import os, sys, time
from tracker import extraction
from tracker.extraction import Extracted, extract_files
from tracker.registry import Registry

def slow_first(name, registry, facts, published=None, explain=False, document=None):
    time.sleep(0.2 if name.endswith(("doc0.txt", "doc1.txt")) else 0.01)
    return Extracted(name=name, articles=os.getpid())

extraction.extract_file = slow_first
names = sys.argv[1:]
for r in extract_files(names, Registry([]), [], jobs=3):
    print(r.name, r.articles, os.getpid())
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the patch reaches workers by fork")
def test_workers_run_in_other_processes_and_results_keep_the_file_order(tmp_path):
    """The first files take longest, so a pool that gave results as they finish would reorder them."""
    names = [str(tmp_path / f"doc{i}.txt") for i in range(12)]
    done = subprocess.run([sys.executable, "-c", _ORDER_SCRIPT, *names], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    rows = [line.split() for line in done.stdout.splitlines()]
    assert [name for name, _, _ in rows] == names
    workers = {worker for _, worker, _ in rows}
    assert rows[0][2] not in workers and len(workers) >= 2


def test_one_job_runs_in_this_process(monkeypatch, tmp_path):
    names = [str(tmp_path / f"doc{i}.txt") for i in range(3)]
    monkeypatch.setattr(extraction, "extract_file",
                        lambda name, *args, **kwargs: Extracted(name=name, articles=os.getpid()))
    assert {r.articles for r in extract_files(names, Registry([]), [], jobs=1)} == {os.getpid()}


# ---------------------------------------------------------------------------- the public function


def test_extract_events_is_what_ingest_finds_in_one_document(tmp_path):
    path = BATCH / "03_nordlicht_short.txt"
    listed = run("ingest", path, "--dry-run", "-f", "jsonl", "-j", "1", db=tmp_path / "none")
    events = extract_events(path.read_text(encoding="utf-8"), source=path.name)
    mine = [{k: v for k, v in e.to_dict().items() if k != "recorded"} for e in events]
    assert sorted(mine, key=lambda r: r["id"]) == sorted(without_stamps(listed.stdout), key=lambda r: r["id"])
    assert events and all(e.sources[0].doc == path.name for e in events)


def test_the_package_names_it_without_importing_the_extractor_at_start_up():
    import tracker

    code = "import sys, tracker; assert 'tracker.extraction' not in sys.modules; print(tracker.extract_events.__module__)"
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert shown.stdout.strip() == "tracker.extraction", shown.stderr
    assert tracker.extract_events is extract_events
    with pytest.raises(AttributeError):
        tracker.no_such_name


def test_extract_events_reads_a_web_page_and_obeys_published_and_registry():
    page = (BATCH / "06_page.html").read_text(encoding="utf-8")
    own = extract_events(page, source="06_page.html")
    assert own and own[0].date.value == "2021-06-15" and own[0].sources[0].url.startswith("https://news.example.org/")
    told = extract_events("Kestrel Ventures said on Tuesday it had invested 12 million euros in Solvik Batteries AS.",
                          source="brief.txt", published=date(2021, 6, 17))
    assert [e.date.value for e in told] == ["2021-06-15"]
    # a registry row with an alias folds the text's name to the canonical one
    known = extract_events(page, source="06_page.html",
                           registry=[{"name": "Kestrel Capital", "aliases": ["Kestrel Ventures"], "parent": None}])
    assert known[0].companies[0] == "Kestrel Capital"


# ---------------------------------------------------------------------------- stopping


def _many_files(folder: Path, copies: int = 10) -> Path:
    """Long documents (the seeds, ~1 s of work a chunk of them), enough that workers are still
    busy when the test stops them, and that waiting for their chunks to end would show."""
    folder.mkdir()
    for n in range(copies):
        for path in SEEDS.glob("*.txt"):
            (folder / f"{n:03d}_{path.name}").write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def _workers_of(pid: int, timeout: float = 60.0) -> list[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        if len(children) >= 2:
            time.sleep(1.0)  # past the fork: a signal that lands inside it is lost (logging's at-fork hook eats it)
            return [int(c) for c in children]
        time.sleep(0.05)
    raise AssertionError("no worker processes started")


def _started(tmp_path: Path) -> subprocess.Popen:
    import signal

    return subprocess.Popen(tracker_command() + ["ingest", str(_many_files(tmp_path / "news")), "-j", "2", "--db", str(tmp_path / "log")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


@ONE_AT_A_TIME  # times how soon the workers stop
@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="finds the workers in /proc")
def test_an_interrupt_stops_the_workers_at_once_and_writes_nothing(tmp_path):
    import signal

    process = _started(tmp_path)
    workers = _workers_of(process.pid)
    os.killpg(process.pid, signal.SIGINT)  # as Ctrl-C does: to the whole process group
    start = time.monotonic()
    _, err = process.communicate(timeout=20)
    assert process.returncode == 130 and "Traceback" not in err
    assert time.monotonic() - start < 2.5  # the workers are stopped, not waited for
    assert not (tmp_path / "log").exists()
    time.sleep(0.2)
    assert not [w for w in workers if Path(f"/proc/{w}").exists() and "zombie" not in Path(f"/proc/{w}/status").read_text()]


@ONE_AT_A_TIME  # two workers busy on long texts
@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="finds the workers in /proc")
def test_a_worker_killed_is_one_error_line_and_nothing_written(tmp_path):
    import signal

    process = _started(tmp_path)
    os.kill(_workers_of(process.pid)[0], signal.SIGKILL)  # as the kernel's out-of-memory killer does
    _, err = process.communicate(timeout=60)
    assert process.returncode == 1 and "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("tracker: error: a worker process ended abruptly")
    assert not (tmp_path / "log").exists()
