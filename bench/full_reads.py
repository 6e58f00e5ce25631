"""Full reads of a large log: `tracker timeline` and `tracker export` next to sqlite3 and jq (issue 16).

    python bench/full_reads.py                      # 1,000,000 events; builds the data once
    python bench/full_reads.py --events 100000 --runs 3
    python bench/full_reads.py --only timeline,export-jsonl --no-check

Data (built once, cached under ``--dir``, default ``$TRACKER_BENCH_DIR`` or /tmp/tracker-full-reads,
never in the repository): ``<N>/events.jsonl`` from ``bench/synth.py``'s generator (deterministic);
``<N>/db/`` made by the real command, ``tracker import events.jsonl --db db``; ``<N>/events.sqlite``
holding the same stored rows (read back from ``db/``): one table per output format holding what it
writes (the TSV line, the JSON record, the CSV cells), each with an index on (start, end DESC,
title), the order tracker lists events in; the best case for SQLite.

Each measurement is a fresh process writing to /dev/null; the figures are the median wall time of
``--runs`` runs, the median CPU time (user + system from GNU time, worker processes included) and
the peak RSS: the larger of GNU time's (one process) and the sampled sum over the command and its
worker processes (``tracker.parallel_read``). The tools:

- ``tracker``: the real command (``tracker timeline --db DB``: tab-separated in a pipe;
  ``tracker export -f jsonl``; ``tracker export -f csv``);
- ``sqlite3``: a Python process with the standard ``sqlite3`` module running the same query
  (dated rows ``ORDER BY start, end DESC, title``, then the undated ones by title) and writing the
  same bytes out (TSV lines, the stored JSON, or ``csv.writer`` rows);
- ``jq``: the JSON Lines file in file order (jq sorts only after slurping the whole file), so it
  is a floor for a streaming tool, not the same query.

With ``--check`` (the default) one more run of tracker and of sqlite3 per measurement is hashed:
the bench says whether tracker wrote the very bytes the SQLite reference wrote.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

# One row per measurement: (name, tracker arguments, sqlite output kind, jq filter or None).
MEASUREMENTS = {
    "timeline": (["timeline"], "tsv", '[.date // "", (.companies | join("; ")), .type, .title, .id] | @tsv'),
    "export-jsonl": (["export", "-f", "jsonl"], "jsonl", "."),
    "export-csv": (["export", "-f", "csv"], "csv", None),
}

SQLITE_LAYOUT = 2  # bumped when the reference's tables change, so a cached one is rebuilt

def sqlite_layout() -> str:
    """What the cached SQLite reference must have been built with: the table layout and the
    columns tracker writes (a column added to CSV since then means the reference is rebuilt)."""
    from tracker.event_formats import CSV_COLUMNS, TSV_COLUMNS

    return f"{SQLITE_LAYOUT}:{','.join(TSV_COLUMNS)}:{','.join(CSV_COLUMNS)}"


# --- the data -----------------------------------------------------------------------------------


def tracker_cmd() -> list[str]:
    found = os.environ.get("TRACKER_CMD") or shutil.which("tracker", path=str(Path(PY).parent))
    return found.split() if found else [PY, "-m", "tracker.cli"]


def build(folder: Path, count: int) -> dict:
    """The JSON Lines file, the tracker database and the SQLite reference (each made once)."""
    folder.mkdir(parents=True, exist_ok=True)
    manifest_path = folder / "manifest.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
    jsonl, db, lite = folder / "events.jsonl", folder / "db", folder / "events.sqlite"
    if "jsonl_bytes" not in manifest:
        from synth import write_jsonl

        started = time.perf_counter()
        size = write_jsonl(jsonl, count)["bytes"]
        manifest.update(jsonl_bytes=size, generate_seconds=round(time.perf_counter() - started, 1))
        manifest_path.write_text(json.dumps(manifest, indent=2))
        print(f"[data] {count} events, {size / 1e6:.0f} MB of JSON Lines", flush=True)
    if "import_seconds" not in manifest:
        shutil.rmtree(db, ignore_errors=True)
        seconds, peak, status, _ = timed(tracker_cmd() + ["import", str(jsonl), "--db", str(db)])
        if status != 0:
            raise SystemExit("tracker import failed")
        manifest.update(import_seconds=round(seconds, 1), import_peak_mb=round(peak))
        manifest_path.write_text(json.dumps(manifest, indent=2))
        print(f"[data] tracker import: {seconds:.1f} s, peak {peak:.0f} MB", flush=True)
    layout = sqlite_layout()
    if manifest.get("sqlite_layout") != layout:
        started = time.perf_counter()
        build_sqlite(db, lite)
        manifest.update(sqlite_seconds=round(time.perf_counter() - started, 1), sqlite_layout=layout)
        manifest_path.write_text(json.dumps(manifest, indent=2))
        print(f"[data] sqlite reference built in {manifest['sqlite_seconds']} s", flush=True)
    manifest.update(events=count, jsonl=str(jsonl), db=str(db), sqlite=str(lite))
    return manifest


def build_sqlite(db: Path, target: Path) -> None:
    """The stored rows of ``db`` in SQLite, as the best case for it: one table per output (the
    TSV line, the JSON record, the CSV cells), each indexed in listing order, so a query reads
    only the bytes it writes."""
    import orjson

    from tracker.event_formats import CSV_COLUMNS, event_cell, public, tsv_texts
    from tracker.export import neutralise_formula, one_line, plain
    from tracker.store import EventLog

    target.unlink(missing_ok=True)
    con = sqlite3.connect(target)
    cells = ", ".join(f'"c_{c}" TEXT' for c in CSV_COLUMNS)
    tables = {"tsv": "line TEXT", "jsonl": "json TEXT", "csv": cells}
    for kind, columns in tables.items():
        con.execute(f"CREATE TABLE {kind} (start TEXT, end TEXT, title TEXT, {columns})")
    batches: dict[str, list] = {kind: [] for kind in tables}

    def flush() -> None:
        for kind, batch in batches.items():
            if batch:
                con.executemany(f"INSERT INTO {kind} VALUES ({', '.join('?' * len(batch[0]))})", batch)
                batch.clear()

    for row in EventLog(db).rows():
        key = (row["start"], row["end"], row["title"])
        batches["tsv"].append((*key, "\t".join(one_line(c) for c in tsv_texts(row))))
        batches["jsonl"].append((*key, orjson.dumps(public(row)).decode()))
        batches["csv"].append((*key, *(neutralise_formula(plain(event_cell(row, c))) for c in CSV_COLUMNS)))
        if len(batches["tsv"]) == 20_000:
            flush()
    flush()
    for kind in tables:
        con.execute(f"CREATE INDEX {kind}_by_date ON {kind} (start, end DESC, title)")
    con.commit()
    con.close()


# The SQLite reference: one Python process, the standard sqlite3 module, the query tracker answers.
SQLITE_SCRIPT = r"""
import csv, sqlite3, sys
kind, path = sys.argv[1], sys.argv[2]
con = sqlite3.connect(path)
out = sys.stdout
cols = {"tsv": "line", "jsonl": "json", "csv": CSV_COLS}[kind]
queries = [
    f"SELECT {cols} FROM {kind} WHERE start IS NOT NULL ORDER BY start, end DESC, title",
    f"SELECT {cols} FROM {kind} WHERE start IS NULL ORDER BY title",
]
if kind == "csv":
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for sql in queries:
        writer.writerows(con.execute(sql))
else:
    if kind == "tsv":
        out.write("\t".join(TSV_HEADER) + "\n")
    for sql in queries:
        cursor = con.execute(sql)
        while True:
            chunk = cursor.fetchmany(4096)
            if not chunk:
                break
            out.write("\n".join([r[0] for r in chunk]) + "\n")
out.flush()
"""


def sqlite_cmd(kind: str, path: str) -> list[str]:
    from tracker.event_formats import CSV_COLUMNS, TSV_COLUMNS

    head = (
        f"CSV_COLS = {', '.join(f'c_{c}' for c in CSV_COLUMNS)!r}\n"
        f"HEADER = {CSV_COLUMNS!r}\nTSV_HEADER = {TSV_COLUMNS!r}\n"
    )
    return [PY, "-c", head + SQLITE_SCRIPT, kind, path]


# --- timing -------------------------------------------------------------------------------------


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants now (Linux /proc), in MB."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/statm") as handle:
                total += int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            with open(f"/proc/{current}/task/{current}/children") as handle:
                todo.extend(int(child) for child in handle.read().split())
        except (OSError, ValueError):
            continue
    return total / 2**20


class TreePeak:
    """Samples the memory of a process tree every 50 ms: the peak of the sum over a command and
    its worker processes (GNU time gives the largest single process)."""

    def __init__(self, pid: int):
        import threading

        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(pid,), daemon=True)
        self._thread.start()

    def _run(self, pid: int) -> None:
        while not self._stop.wait(0.05):
            self.peak = max(self.peak, tree_rss_mb(pid))

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak


def timed(argv: list[str]) -> tuple[float, float, int, float]:
    """(wall seconds, peak RSS in MB, exit status, CPU seconds) of one fresh process writing to
    /dev/null. CPU time (user + system) is the steadier figure on a machine shared with other work.

    The peak comes from GNU time when installed: ``wait4``'s figure for a child forked from a
    large parent can carry the parent's size over the exec."""
    gnu_time = shutil.which("time", path="/usr/bin:/bin")
    with open(os.devnull, "wb") as null, tempfile.TemporaryFile() as errors, tempfile.NamedTemporaryFile("r") as rss:
        command = [gnu_time, "-f", "%M %U %S", "-o", rss.name, *argv] if gnu_time else argv
        started = time.perf_counter()
        proc = subprocess.Popen(command, stdout=null, stderr=errors, cwd=ROOT)
        sampler = TreePeak(proc.pid)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - started
        tree_peak = sampler.stop()
        errors.seek(0)
        err = errors.read().decode(errors="replace").strip()
        if gnu_time:
            peak_kb, user, system = rss.read().split()[-3:]
            peak_kb, cpu = int(peak_kb), float(user) + float(system)
        else:
            peak_kb, cpu = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        print(f"  ! exit {code}: {' '.join(argv)[:120]}: {err[-300:]}", file=sys.stderr)
    return elapsed, max(peak_kb / 1024, tree_peak), code, cpu


def digest(argv: list[str]) -> str:
    """sha256 of what a command writes (one untimed run)."""
    sha = hashlib.sha256()
    with tempfile.TemporaryFile() as errors:
        proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=errors, cwd=ROOT)
        for block in iter(lambda: proc.stdout.read(1 << 20), b""):
            sha.update(block)
        proc.wait()
    return sha.hexdigest() if proc.returncode == 0 else f"exit {proc.returncode}"


def run(argv: list[str], runs: int) -> dict | None:
    times, peaks, cpus = [], [], []
    for _ in range(runs):
        seconds, peak, status, cpu = timed(argv)
        if status != 0:
            return None
        times.append(seconds)
        peaks.append(peak)
        cpus.append(cpu)
    return {"median": statistics.median(times), "runs": times, "peak_mb": max(peaks), "cpu": statistics.median(cpus)}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--dir", type=Path, default=Path(os.environ.get("TRACKER_BENCH_DIR", "/tmp/tracker-full-reads")))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", default="", help=f"comma-separated: {', '.join(MEASUREMENTS)}")
    parser.add_argument("--no-check", dest="check", action="store_false", help="skip the byte-equality check")
    parser.add_argument("--no-jq", dest="jq", action="store_false")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    data = build(args.dir / str(args.events), args.events)
    chosen = [m for m in MEASUREMENTS if not args.only or m in args.only.split(",")]
    cli = tracker_cmd()
    jq = shutil.which("jq") if args.jq else None
    print(f"tracker: {' '.join(cli)}; python {sys.version.split()[0]}; {os.cpu_count()} CPUs; "
          f"load {os.getloadavg()[0]:.1f}; {args.events} events; median of {args.runs}", flush=True)
    results: dict = {}
    for name in chosen:
        tracker_args, kind, jq_filter = MEASUREMENTS[name]
        commands = {
            "tracker": cli + tracker_args + ["--db", data["db"]],
            "sqlite3": sqlite_cmd(kind, data["sqlite"]),
        }
        if jq and jq_filter:
            commands["jq"] = [jq, "-r" if kind == "tsv" else "-c", jq_filter, data["jsonl"]]
        row = results[name] = {}
        for tool, command in commands.items():
            figure = run(command, args.runs)
            if figure is None:
                continue
            row[tool] = figure
            print(f"  {name:<14} {tool:<8} {figure['median']:7.2f} s  cpu {figure['cpu']:6.2f} s  peak {figure['peak_mb']:6.0f} MB"
                  f"  (runs {', '.join(f'{t:.2f}' for t in figure['runs'])})", flush=True)
        if args.check:
            same = digest(commands["tracker"]) == digest(commands["sqlite3"])
            row["same_bytes"] = same
            print(f"  {name:<14} tracker's output {'is byte-identical to' if same else 'DIFFERS from'} sqlite3's", flush=True)
    print()
    print(table(results, args.events))
    if args.json:
        args.json.write_text(json.dumps({"events": args.events, "results": results}, indent=2))
    return 0 if all(r.get("same_bytes", True) for r in results.values()) else 1


def table(results: dict, events: int) -> str:
    """Wall time (median), CPU time (user + system, median) and peak RSS of each tool; the ratio
    to sqlite3 of both times."""
    lines = [
        f"| {events:,} events | tracker wall s | cpu s | peak MB | sqlite3 wall s | cpu s | peak MB "
        "| jq wall s | cpu s | peak MB | tracker/sqlite3 wall | cpu | same bytes |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, row in results.items():
        cells = []
        for tool in ("tracker", "sqlite3", "jq"):
            figure = row.get(tool)
            cells += [f"{figure['median']:.2f}", f"{figure['cpu']:.2f}", f"{figure['peak_mb']:.0f}"] if figure else ["–"] * 3
        ours, theirs = row.get("tracker"), row.get("sqlite3")
        ratios = [f"{ours[k] / theirs[k]:.2f}" for k in ("median", "cpu")] if ours and theirs else ["–", "–"]
        same = {True: "yes", False: "NO"}.get(row.get("same_bytes"), "–")
        lines.append(f"| {' '.join(MEASUREMENTS[name][0])} | " + " | ".join(cells + ratios) + f" | {same} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
