"""Issue 16 in one run: ingest on every core and on Dask, full reads at 1M events, the suite's time.

    python bench/scale.py                       # everything (about 15-25 minutes on 2 cores)
    python bench/scale.py --skip-suite          # without the test suite's run
    python bench/scale.py --skip-reads --skip-suite   # ingest and Dask only (a minute or two)
    python bench/scale.py --json scale.json     # also the figures as JSON

It runs the pieces that measure each part, in this order, and prints one table at the end:

- ingest (``bench/ingest_parallel.py``'s functions): ``tracker ingest FOLDER -j 1`` and ``-j 2``
  as real processes into fresh logs, over the seeds and over the shared corpus's train and dev
  texts (``--corpus``, default ``../shared/data/company-news``, skipped when absent): the best
  wall time of ``--repeat`` runs, KB/s, the speedup over -j 1, and whether every -j gives the
  same log; then ``python -m tracker.distributed`` on Dask's local process scheduler and
  ``tracker import`` of its parts: the time and whether its events are those ``tracker ingest``
  finds;
- full reads (``bench/full_reads.py``): ``tracker timeline``, ``export -f jsonl`` and ``export -f
  csv`` of a 1,000,000-event log next to sqlite3 (and jq with ``--jq``), ``--runs`` runs each,
  peak memory of the process tree, and whether tracker wrote sqlite3's bytes (the data is built
  once and cached under /tmp/tracker-full-reads);
- the test suite: ``python -m pytest -p no:cacheprovider --durations=40`` as CI runs it (pyproject's
  addopts add ``-q -n auto --dist loadgroup``: one pytest-xdist worker per core), its wall time
  and exit status (``--suite-log FILE`` keeps its output and slowest tests).

The machine's load average is printed with each part: on a shared machine it explains the wall
times (the CPU seconds are steadier).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import full_reads  # noqa: E402
import ingest_parallel  # noqa: E402


def default_corpus() -> Path:
    """``../shared/data/company-news`` beside the checkout, or beside its parent folder (a git
    worktree such as ``wt/NAME`` sits one level deeper than the main checkout)."""
    for base in (ROOT.parent, ROOT.parent.parent):
        if (base / "shared" / "data" / "company-news").is_dir():
            return base / "shared" / "data" / "company-news"
    return ingest_parallel.SHARED


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def ingest_part(corpus: Path, repeat: int) -> list[dict]:
    """One row per (set, -j) and one per set for Dask."""
    out = []
    with tempfile.TemporaryDirectory(prefix="scale-ingest-") as tmp:
        work = Path(tmp)
        sets = [("seeds", ROOT / "seeds"), ("company-news train+dev", ingest_parallel.corpus_copy(corpus, work / "corpus"))]
        for label, folder in sets:
            if folder is None:
                out.append({"set": label, "skipped": f"{corpus} is absent"})
                continue
            kb = sum(p.stat().st_size for p in folder.iterdir() if p.is_file()) / 1024
            runs: dict[int, list] = {1: [], 2: []}
            for _ in range(repeat):  # alternating, so a burst of other work hits both alike
                for jobs in runs:
                    runs[jobs].append(ingest_parallel.ingest_run(folder, jobs, work))
            base_time, _, base_log = min(runs[1], key=lambda r: r[0])
            for jobs, done in runs.items():
                best, cpu, _ = min(done, key=lambda r: r[0])
                out.append({"set": label, "jobs": jobs, "kb": kb, "seconds": best, "kb_s": kb / best, "cpu": cpu,
                            "speedup": base_time / best, "same_log": all(log == base_log for _, _, log in done)})
            dask = ingest_parallel.dask_run(folder, work)
            if "skipped" in dask:
                out.append({"set": label, "dask": dask["skipped"]})
            else:
                out.append({"set": label, "dask": "processes", "kb": kb, "seconds": dask["extract"],
                            "with_import": dask["total"], "same_events": dask["same_events"],
                            "same_log": ingest_parallel.log_difference(dask["imported"], base_log)})
            print(f"[ingest] {label} done (load {load()})", flush=True)
    return out


def reads_part(runs: int, jq: bool, events: int) -> dict:
    """full_reads.py as a process (its table on our stdout), its figures from its JSON."""
    with tempfile.NamedTemporaryFile(suffix=".json") as figures:
        command = [sys.executable, str(ROOT / "bench" / "full_reads.py"), "--runs", str(runs), "--events", str(events),
                   "--json", figures.name] + ([] if jq else ["--no-jq"])
        code = subprocess.run(command, cwd=ROOT).returncode
        data = json.loads(Path(figures.name).read_text() or "{}") if Path(figures.name).stat().st_size else {}
    return {"exit": code, **data}


def suite_part(log: Path | None) -> dict:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--durations=40"], cwd=ROOT,
                            capture_output=True, text=True)
    if log:
        log.write_text(result.stdout + result.stderr)
    seconds = time.perf_counter() - started
    summary = next((line for line in reversed(result.stdout.splitlines()) if " in " in line and ("passed" in line or "failed" in line)), "")
    return {"seconds": seconds, "exit": result.returncode, "summary": summary.strip("= ")}


def report(figures: dict) -> str:
    lines = ["| part | measurement | figure | check |", "|---|---|---|---|"]
    for row in figures.get("ingest", []):
        if "skipped" in row:
            lines.append(f"| ingest | {row['set']} | skipped: {row['skipped']} | |")
        elif "dask" in row and "seconds" not in row:
            lines.append(f"| Dask | {row['set']} | skipped: {row['dask']} | |")
        elif "dask" in row:
            lines.append(f"| Dask (local processes) | {row['set']}, {row['kb']:.0f} KB | extract {row['seconds']:.2f} s "
                         f"({row['kb'] / row['seconds']:.1f} KB/s), with import {row['with_import']:.2f} s | "
                         f"same events as ingest: {row['same_events']}; imported log = ingested: {row['same_log']} |")
        else:
            lines.append(f"| ingest -j {row['jobs']} | {row['set']}, {row['kb']:.0f} KB | {row['seconds']:.2f} s, "
                         f"{row['kb_s']:.1f} KB/s, speedup {row['speedup']:.2f}x, CPU {row['cpu']:.2f} s | "
                         f"same log as -j 1: {row['same_log']} |")
    reads = figures.get("reads") or {}
    names = {"timeline": "timeline (TSV)", "export-jsonl": "export -f jsonl", "export-csv": "export -f csv"}
    for name, row in (reads.get("results") or {}).items():
        parts = []
        for tool in ("tracker", "sqlite3", "jq"):
            if tool in row:
                got = row[tool]
                parts.append(f"{tool} {got['median']:.2f} s (CPU {got['cpu']:.2f} s, peak {got['peak_mb']:.0f} MB)")
        ratio = (f"; tracker/sqlite3 {row['tracker']['median'] / row['sqlite3']['median']:.2f}x wall, "
                 f"{row['tracker']['cpu'] / row['sqlite3']['cpu']:.2f}x CPU") if "tracker" in row and "sqlite3" in row else ""
        same = row.get("same_bytes")
        lines.append(f"| full read, {reads.get('events', 0):,} events | {names.get(name, name)} | {'; '.join(parts)}{ratio} | "
                     f"same bytes as sqlite3: {'–' if same is None else same} |")
    suite = figures.get("suite")
    if suite:
        lines.append(f"| test suite | `python -m pytest -p no:cacheprovider` | {suite['seconds']:.0f} s wall | "
                     f"exit {suite['exit']}: {suite['summary']} |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=default_corpus(),
                        help="the annotated news corpus (default: ../shared/data/company-news beside the checkout)")
    parser.add_argument("--repeat", type=int, default=1, help="ingest runs per -j (the best counts)")
    parser.add_argument("--runs", type=int, default=1, help="runs per full-read measurement (the median counts)")
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--jq", action="store_true", help="also time jq on the full reads")
    parser.add_argument("--skip-ingest", action="store_true")
    parser.add_argument("--skip-reads", action="store_true")
    parser.add_argument("--skip-suite", action="store_true", help="do not run the test suite (4-5 minutes on 2 busy cores)")
    parser.add_argument("--suite-log", type=Path, help="write pytest's output (with its 40 slowest tests) here")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"{cores} cores; python {sys.version.split()[0]}; load average {load()}; {ingest_parallel.bytecode_state()}", flush=True)
    figures: dict = {"cores": cores, "load": {}}
    if not args.skip_ingest:
        figures["ingest"] = ingest_part(args.corpus, args.repeat)
        figures["load"]["after ingest"] = load()
    if not args.skip_reads:
        figures["reads"] = reads_part(args.runs, args.jq, args.events)
        figures["load"]["after reads"] = load()
    if not args.skip_suite:
        print(f"[suite] running (load {load()})", flush=True)
        figures["suite"] = suite_part(args.suite_log)
        figures["load"]["after suite"] = load()
    print()
    print(report(figures))
    print()
    print("load average (1, 5, 15 min): " + "; ".join(f"{k}: {v}" for k, v in figures["load"].items()))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, default=str))
    failed = (figures.get("suite", {}).get("exit", 0) != 0 or figures.get("reads", {}).get("exit", 0) != 0
              or any(row.get("same_log") is False for row in figures.get("ingest", [])))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
