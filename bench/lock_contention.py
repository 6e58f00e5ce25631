"""How long readers keep a writer waiting (issue 12, item 6), with real processes.

    python bench/lock_contention.py                       # 20,000 events, 8 readers, 5 adds per phase
    python bench/lock_contention.py --events 5000 --readers 4 --adds 3 --only alone,loop

Builds a log of N synthetic events (``bench/synth.py``'s generator, imported with the real
``tracker import``) under ``--out`` (default /tmp/tracker-locks/<N>, reused when present), then
times ``tracker add`` (one event to a company of its own) in phases:

- ``alone``: no other process;
- ``loop``: R readers each running ``tracker timeline`` into /dev/null in a loop;
- ``slow``: R readers each running ``tracker timeline`` into a pipe a slow consumer drains at
  about 1 MB/s (an analyst paging through it, a slow network);
- ``stuck``: one ``tracker export`` whose pipe nobody reads (its consumer stopped): the add runs
  with ``--lock-timeout 10``.

Prints per phase the median and worst add time, the adds that failed, the reads finished
meanwhile and the load average (the machine is shared: wall times follow its load).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

PY = sys.executable
SLOW_CONSUMER = (
    "import sys, time\n"
    "while sys.stdin.buffer.read1(32768):\n"
    "    time.sleep(0.03)\n"
)


def tracker_cmd() -> list[str]:
    found = os.environ.get("TRACKER_CMD") or shutil.which("tracker", path=str(Path(PY).parent)) or shutil.which("tracker")
    return found.split() if found else [PY, "-m", "tracker.cli"]


def build(events: int, out: Path) -> Path:
    import synth

    db = out / "db"
    if (db / "registry.json").exists():
        return db
    out.mkdir(parents=True, exist_ok=True)
    source = out / "events.jsonl"
    synth.write_jsonl(source, events)
    started = time.perf_counter()
    subprocess.run(tracker_cmd() + ["import", str(source), "--db", str(db)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    print(f"built {db}: {events:,} events imported in {time.perf_counter() - started:.1f} s", flush=True)
    return db


def reader_loop(db: Path, slow: bool) -> subprocess.Popen:
    """A shell loop of timelines; each finished read appends a line to the loop's stdout."""
    listing = " ".join(tracker_cmd() + ["timeline", "--db", str(db)])
    sink = f"| {PY} -c '{SLOW_CONSUMER}'" if slow else "> /dev/null"
    script = f"while :; do {listing} 2>/dev/null {sink}; echo done; done"
    return subprocess.Popen(["sh", "-c", script], stdout=subprocess.PIPE, start_new_session=True)


def stop(procs: list[subprocess.Popen]) -> int:
    """Stop the loops (their whole process groups); the number of reads they finished."""
    finished = 0
    for proc in procs:
        try:
            os.killpg(proc.pid, 9)
        except ProcessLookupError:
            pass
    for proc in procs:
        finished += proc.stdout.read().count(b"done")
        proc.wait()
    return finished


def timed_add(db: Path, n: int, extra: list[str] = ()) -> tuple[float, int, str]:
    argv = tracker_cmd() + [*extra, "add", "-c", "Lock Bench Co", "-t", "other", "--title", f"lock bench add {n} {time.time()}",
                            "-d", "2020-01-01", "--db", str(db)]
    started = time.perf_counter()
    result = subprocess.run(argv, capture_output=True, text=True)
    return time.perf_counter() - started, result.returncode, result.stderr.strip().splitlines()[-1:] and result.stderr.strip().splitlines()[-1] or ""


def phase(name: str, db: Path, readers: int, adds: int) -> dict:
    procs: list[subprocess.Popen] = []
    extra: list[str] = []
    if name in ("loop", "slow"):
        procs = [reader_loop(db, slow=name == "slow") for _ in range(readers)]
    elif name == "stuck":
        stuck = subprocess.Popen(tracker_cmd() + ["export", "-f", "jsonl", "--db", str(db)], stdout=subprocess.PIPE,
                                 stderr=subprocess.DEVNULL, start_new_session=True)  # nobody reads its pipe
        procs = [stuck]
        extra = ["--lock-timeout", "10"]
        adds = min(adds, 2)
    if procs:
        time.sleep(3.0)  # let the readers get going
    times, failed, last_error = [], 0, ""
    load = os.getloadavg()[0]
    for n in range(adds):
        seconds, status, error = timed_add(db, n, extra)
        times.append(seconds)
        if status != 0:
            failed += 1
            last_error = error
        time.sleep(0.5)
    if name == "stuck":
        stop(procs)
        reads = 0
    else:
        reads = stop(procs)
    row = {"phase": name, "median": statistics.median(times), "worst": max(times), "adds": adds, "failed": failed,
           "reads": reads, "load": load, "error": last_error}
    print(f"{name:<6} add median {row['median']:6.2f} s  worst {row['worst']:6.2f} s  failed {failed}/{adds}  "
          f"reads finished {reads}  load {load:.1f}" + (f"  ({last_error[:140]})" if last_error else ""), flush=True)
    return row


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--adds", type=int, default=5)
    parser.add_argument("--only", default="alone,loop,slow,stuck")
    parser.add_argument("--out", type=Path, default=Path("/tmp/tracker-locks"))
    args = parser.parse_args(argv)
    db = build(args.events, args.out / str(args.events))
    rows = [phase(name, db, args.readers, args.adds) for name in args.only.split(",")]
    print()
    print(f"| {args.events:,} events, {args.readers} readers | add median s | worst s | failed | reads finished | load |")
    print("|---|---|---|---|---|---|")
    for row in rows:
        print(f"| {row['phase']} | {row['median']:.2f} | {row['worst']:.2f} | {row['failed']}/{row['adds']} | {row['reads']} | {row['load']:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
