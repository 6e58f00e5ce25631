"""Ingest throughput at -j 1 and -j 2, and the same extraction on Dask, with equality checks.

    python bench/ingest_parallel.py [--repeat 2] [--jobs 1 2]

Two sets of news files: the seeds (``seeds/``, 5 long documents) and the shared annotated corpus
(``../shared/data/company-news``, train and dev texts, 120 short articles; each copied at run time
into a temporary folder with its publication date as ``published:`` front matter, as the scorer
gives it with ``--published``; skipped when the folder is absent). For each set:

- ``tracker ingest FOLDER -j N`` into a fresh log, as real processes, the best wall time of
  ``--repeat`` runs (start-up included), in KB/s of the files' bytes, and the speedup over -j 1;
  the exported logs of every N are compared (all fields but the ``recorded`` stamp);
- ``python -m tracker.distributed FOLDER --scheduler processes`` then ``tracker import`` of the
  part files: its time, whether its events are those ``tracker ingest --dry-run`` finds (same
  ids and sources) and whether the imported log equals the ingested one.

Wall time on a shared machine: other work slows every run, so read the speedup with the machine's
load (printed) in mind; ``os.sched_getaffinity`` gives the cores this process may use. With
Linux's autogroup scheduling on (printed), the processes of one session share one session's
fair part of the CPU: while other sessions keep the cores busy, -j 2 gets the CPU time -j 1
gets, and only the CPU column shows what parallel work costs.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data" / "company-news"
PY = sys.executable
TRACKER = shutil.which("tracker", path=str(Path(PY).parent)) or "tracker"


def tracker(*args, db: Path, input: bytes | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "TRACKER_DB": str(db)}
    result = subprocess.run([TRACKER, *map(str, args)], input=input, capture_output=True, env=env)
    if result.returncode not in (0, 1):
        raise SystemExit(f"tracker {' '.join(map(str, args))} failed: {result.stderr.decode()[-500:]}")
    return result


def rows(jsonl: bytes) -> list[dict]:
    return [{k: v for k, v in json.loads(line).items() if k != "recorded"} for line in jsonl.splitlines() if line.strip()]


def corpus_copy(shared: Path, into: Path) -> Path | None:
    """The corpus texts with their publication dates as front matter, in one folder."""
    if not shared.is_dir():
        return None
    into.mkdir()
    for split in ("train", "dev"):
        published = {}
        for facts in (shared / split / "events" / "articles").glob("*.jsonl"):
            for line in facts.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    fact = json.loads(line)
                    published.setdefault(fact["doc"], fact.get("published"))
        for doc in sorted((shared / split / "docs").glob("*.txt")):
            when = published.get(doc.name)
            head = f"---\npublished: {when}\n---\n" if when else ""
            (into / doc.name).write_text(head + doc.read_text(encoding="utf-8"), encoding="utf-8")
    return into


def bytecode_state() -> str:
    """Whether tracker's modules have bytecode Python can load: without it (a checkout run with
    PYTHONDONTWRITEBYTECODE=1, as in the development sessions) every tracker process compiles
    tracker's sources first, ~0.15 s of CPU; an installed tracker (pip compiles on install) does
    not. ``python -m compileall -q tracker`` writes it."""
    import importlib.util

    sources = [p for p in (ROOT / "tracker").rglob("*.py") if "__pycache__" not in p.parts]
    missing = []
    for source in sources:
        compiled = Path(importlib.util.cache_from_source(str(source)))
        if not compiled.exists() or compiled.stat().st_mtime < source.stat().st_mtime:
            missing.append(source)
    if not missing:
        return "tracker's bytecode up to date"
    writes = "not written: PYTHONDONTWRITEBYTECODE is set" if sys.dont_write_bytecode else "written by the first run"
    return (f"tracker's bytecode missing for {len(missing)} of {len(sources)} modules ({writes}; each process then "
            "compiles them, ~0.15 s of CPU; python -m compileall -q tracker writes it)")


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def ingest_run(folder: Path, jobs: int, work: Path) -> tuple[float, float, list[dict]]:
    """Wall seconds, CPU seconds (the tracker process and its workers) and the exported log."""
    db = work / f"log-{jobs}-{time.monotonic_ns()}"
    cpu, start = children_cpu(), time.perf_counter()
    tracker("ingest", folder, "-j", jobs, db=db)
    seconds, cpu = time.perf_counter() - start, children_cpu() - cpu
    exported = rows(tracker("export", "-f", "jsonl", db=db).stdout)
    shutil.rmtree(db, ignore_errors=True)
    return seconds, cpu, exported


def merged_by_id(found: list[dict]) -> dict[str, dict]:
    """Rows of one id merged as ingest merges a second report: the sources of both, once each."""
    from tracker.model import Event

    out: dict[str, Event] = {}
    for row in found:
        event = Event.from_dict(row)
        out[event.id] = out[event.id].with_sources(event.sources) if event.id in out else event
    return {key: {k: v for k, v in event.to_dict().items() if k != "recorded"} for key, event in out.items()}


def dask_run(folder: Path, work: Path) -> dict:
    try:
        import dask  # noqa: F401
    except ImportError:
        return {"skipped": "dask not installed (pip install 'tracker[dask]')"}
    parts = work / f"parts-{time.monotonic_ns()}"
    start = time.perf_counter()
    made = subprocess.run([PY, "-m", "tracker.distributed", str(folder), "--out", str(parts), "--scheduler", "processes"],
                          capture_output=True)
    extracted = time.perf_counter() - start
    if made.returncode != 0:
        raise SystemExit(f"tracker.distributed failed: {made.stderr.decode()[-500:]}")
    lines = b"".join(p.read_bytes() for p in sorted(parts.glob("part-*.jsonl")))
    db = work / f"dask-log-{time.monotonic_ns()}"
    tracker("import", "-", "-f", "jsonl", db=db, input=lines)
    total = time.perf_counter() - start
    found = rows(tracker("ingest", folder, "--dry-run", "-f", "jsonl", "-j", "1", db=work / "none").stdout)
    # ids and sources: the rows are as extracted, before import spells companies as the batch first met them
    same_events = ({key: row["sources"] for key, row in merged_by_id(rows(lines)).items()}
                   == {row["id"]: row["sources"] for row in found})
    imported = rows(tracker("export", "-f", "jsonl", db=db).stdout)
    return {"extract": extracted, "total": total, "same_events": same_events, "imported": imported}


def log_difference(imported: list[dict], ingested: list[dict]) -> str:
    """True, or how the logs differ. One difference is expected (README, tracker.distributed):
    import adds events whose source sentence the log already holds under another id (ingest
    skips them: the seeds' curated events). Both spell a company as the batch first met it."""
    if imported == ingested:
        return "True"
    ids = {row["id"]: row for row in ingested}
    extra = [row for row in imported if row["id"] not in ids]
    respelled = [row for row in imported if row["id"] in ids and row != ids[row["id"]]
                 and [c.casefold() for c in row["companies"]] == [c.casefold() for c in ids[row["id"]]["companies"]]]
    other = [row for row in imported if row["id"] in ids and row != ids[row["id"]] and row not in respelled]
    missing = [row for row in ingested if row["id"] not in {r["id"] for r in imported}]
    return (f"False ({len(extra)} events more in the import (sentence already in the log), "
            f"{len(respelled)} with a company spelled as first met, {len(other)} other differences, {len(missing)} missing)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--corpus", type=Path, default=SHARED, help=f"the annotated corpus (default: {SHARED})")
    args = parser.parse_args()
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    autogroup = Path("/proc/sys/kernel/sched_autogroup_enabled")
    grouped = autogroup.exists() and autogroup.read_text().strip() == "1"
    print(f"cores {cores}, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} (other work on the machine slows every run)"
          f"{', autogroup scheduling on: this session shares one fair part of the CPU' if grouped else ''}")
    print(bytecode_state())
    with tempfile.TemporaryDirectory(prefix="ingest-parallel-") as tmp:
        work = Path(tmp)
        sets = [("seeds", ROOT / "seeds"), ("company-news train+dev", corpus_copy(args.corpus, work / "corpus"))]
        print(f"{'files':<24} {'docs':>5} {'KB':>6} {'-j':>3} {'best s':>7} {'KB/s':>7} {'speedup':>8} {'CPU s':>6}  same log as -j 1")
        for label, folder in sets:
            if folder is None:
                print(f"{label:<24} skipped: {args.corpus} is absent (--corpus PATH)")
                continue
            files = [p for p in folder.iterdir() if p.is_file()]
            kb = sum(p.stat().st_size for p in files) / 1024
            runs: dict[int, list] = {jobs: [] for jobs in args.jobs}
            for _ in range(args.repeat):  # alternating, so a burst of other work hits every -j alike
                for jobs in args.jobs:
                    runs[jobs].append(ingest_run(folder, jobs, work))
            base_time, _, base_log = min(runs[args.jobs[0]], key=lambda r: r[0])
            for jobs in args.jobs:
                best, cpu, _ = min(runs[jobs], key=lambda r: r[0])
                same = all(log == base_log for _, _, log in runs[jobs])
                print(f"{label:<24} {len(files):>5} {kb:>6.0f} {jobs:>3} {best:>7.2f} {kb / best:>7.1f} {base_time / best:>7.2f}x {cpu:>6.2f}  {same}")
            first = (base_time, base_log)
            dask = dask_run(folder, work)
            if "skipped" in dask:
                print(f"{label:<24} dask: {dask['skipped']}")
            else:
                print(f"{label:<24} dask (processes): extract {dask['extract']:.2f} s ({kb / dask['extract']:.1f} KB/s), "
                      f"with import {dask['total']:.2f} s; same event ids and sources as ingest finds: {dask['same_events']}; "
                      f"imported log equal to ingested log: {log_difference(dask['imported'], first[1])}")


if __name__ == "__main__":
    main()
