"""Extraction on Dask (tracker.distributed): a bag of files mapped to JSON Lines, merged by
``tracker import``, gives the log ``tracker ingest`` gives."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ONE_AT_A_TIME
from tests.test_ingest_parallel import BATCH, run, without_stamps

pytest.importorskip("dask.bag", reason="Dask is not installed (pip install 'tracker[dask]')")

from tracker.distributed import ingest_with_dask  # noqa: E402
from tracker.extraction import extract_events  # noqa: E402


def exported(db: Path) -> tuple[list[dict], list[dict]]:
    events = run("export", "-f", "jsonl", db=db)
    companies = run("companies", "-f", "jsonl", db=db)
    assert events.returncode == 0 and companies.returncode == 0, events.stderr + companies.stderr
    return without_stamps(events.stdout), [json.loads(line) for line in companies.stdout.splitlines()]


@ONE_AT_A_TIME  # Dask's own pool of processes
def test_dask_processes_then_import_equal_ingest(tmp_path):
    parts = tmp_path / "parts"
    made = subprocess.run([sys.executable, "-m", "tracker.distributed", str(BATCH), "--out", str(parts),
                           "--scheduler", "processes"], capture_output=True, text=True, timeout=300)
    assert made.returncode == 0, made.stderr
    assert "07_chart.png: not a text file" in made.stderr
    lines = b"".join(path.read_bytes() for path in sorted(parts.glob("part-*.jsonl")))
    imported = run("import", "-", "-f", "jsonl", db=tmp_path / "dask-log", input=lines.decode("utf-8"))
    assert imported.returncode == 0, imported.stderr
    ingested = run("ingest", BATCH, "-j", "1", db=tmp_path / "ingest-log")
    assert ingested.returncode == 0, ingested.stderr
    dask_events, dask_companies = exported(tmp_path / "dask-log")
    ingest_events, ingest_companies = exported(tmp_path / "ingest-log")
    assert dask_events == ingest_events
    # every company of these texts has an event, so import registers the ones ingest does
    assert dask_companies == ingest_companies
    merged = [e for e in dask_events if "Acme Networks signed a 5G partnership" in e["title"]]
    assert [len(e["sources"]) for e in merged] == [2]


def test_parts_hold_the_events_of_the_files_in_order(tmp_path):
    written = ingest_with_dask([str(BATCH)], tmp_path / "parts", scheduler="sync", partitions=3)
    assert [p.name for p in written] == ["part-00000.jsonl", "part-00001.jsonl", "part-00002.jsonl"]
    rows = [json.loads(line) for p in written for line in p.read_text(encoding="utf-8").splitlines() if line]
    expected = [event.to_dict() for path in sorted(BATCH.iterdir()) if path.suffix in (".txt", ".html")
                for event in extract_events(path.read_text(encoding="utf-8"), source=path.name)]
    assert rows == expected and len(rows) >= 10


def test_without_news_files_it_says_so_in_one_line(tmp_path):
    made = subprocess.run([sys.executable, "-m", "tracker.distributed", str(tmp_path / "nothere"), "--out",
                           str(tmp_path / "parts")], capture_output=True, text=True, timeout=120)
    assert made.returncode == 2 and made.stderr.strip().splitlines() == [f"tracker: error: {tmp_path / 'nothere'}: no such file or folder"]
