"""Time the event log as whole processes, next to jq and sqlite3 on the same data (issue 6).

    python bench/synth.py 10k 100k 1m          # once: builds /tmp/tracker-bench/<size>/
    python bench/store_bench.py [--runs 5] [--slow-runs 3] [--via cli,store] [--skip-import]

Every figure is the median wall time of fresh processes (output to /dev/null), so Python
start-up and imports count as they do for a user. Two ways to run tracker:

- ``cli``: the real command (``tracker company NAME --db PATH`` ...), what users run;
- ``store``: a tiny ``python -c`` process calling ``tracker.store`` directly and printing
  tab-separated rows, which isolates the storage layer from the CLI's work.

``TRACKER_CMD`` (default: the ``tracker`` next to this Python) selects the CLI. The table goes
to stdout and, with every raw timing, to ``<out>/results.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
WINDOW = ("2017-01-01", "2017-12-31")

# --- the commands --------------------------------------------------------------------------------

# gc.disable() and os._exit(): what a listing command can do too (rows are acyclic; freeing
# millions of objects one by one at exit takes seconds and serves no purpose).
_PRINT = """
import gc, os, sys
gc.disable()
def out(rows):
    rows.sort(key=lambda r: (r['start'] is None, r['start'] or '', r['end'] or ''))
    w = sys.stdout.write
    for r in rows:
        w(f"{r['date'] or ''}\\t{'; '.join(r['companies'])}\\t{r['type']}\\t{r['title']}\\t{r['id']}\\n")
    sys.stdout.flush()
    os._exit(0)
"""


def store_cmd(body: str) -> list[str]:
    return [PY, "-c", "from pathlib import Path\nfrom tracker.store import EventLog\n" + _PRINT + body]


def tracker_cmd() -> list[str]:
    found = os.environ.get("TRACKER_CMD") or shutil.which("tracker", path=str(Path(PY).parent)) or shutil.which("tracker")
    return found.split() if found else [PY, "-m", "tracker.cli"]


def jq_filter(select: str) -> str:
    return f'{select} | [.date // "", (.companies | join("; ")), .type, .title, .id] | @tsv'


def commands(kind: str, data: dict, via: list[str], run: int = 0) -> dict[str, list[str] | None]:
    """name -> argv for one measurement; None where a tool has no equivalent."""
    db, jsonl, sqlite = data["db"], data["jsonl"], data.get("sqlite")
    name = data.get("company")
    cli = tracker_cmd()
    out: dict[str, list[str] | None] = {}
    if kind == "company":
        if "cli" in via:
            out["tracker"] = cli + ["company", name, "--db", db]
        if "store" in via:
            out["store"] = store_cmd(f"out(EventLog(Path({db!r})).rows([{name!r}]))")
        out["jq"] = ["jq", "-r", jq_filter(f'select(any(.companies[]; . == "{name}"))'), jsonl]
        out["sqlite3"] = _sqlite(
            sqlite,
            "SELECT e.date, e.type, e.title, e.id FROM event_companies c JOIN events e USING (id) "
            f"WHERE c.company = '{name}' ORDER BY e.start",
        )
    elif kind == "window":
        since, until = WINDOW
        if "cli" in via:
            out["tracker"] = cli + ["timeline", "--since", since, "--until", until, "--db", db]
        if "store" in via:
            out["store"] = store_cmd(f"out(EventLog(Path({db!r})).rows(None, {since!r}, {until!r}))")
        # jq has no day ranges: a date value starting with the year is the closest cheap test
        out["jq"] = ["jq", "-r", jq_filter(f'select(.date != null and (.date | startswith("{since[:4]}")))'), jsonl]
        out["sqlite3"] = _sqlite(
            sqlite, f"SELECT date, type, title, id FROM events WHERE start <= '{until}' AND end >= '{since}' ORDER BY start"
        )
    elif kind == "full":
        if "cli" in via:
            out["tracker"] = cli + ["timeline", "--db", db]
        if "store" in via:
            out["store"] = store_cmd(f"out(EventLog(Path({db!r})).rows())")
        out["jq"] = ["jq", "-r", jq_filter("."), jsonl]
        out["sqlite3"] = _sqlite(sqlite, "SELECT date, type, title, id FROM events ORDER BY start IS NULL, start")
    elif kind.startswith("add"):
        stamp = f"{os.getpid()}-{run}-{time.time_ns()}"
        title = f"Benchmark event {stamp}"
        who = name
        if "cli" in via:
            out["tracker"] = cli + ["add", "--company", who, "--date", "2024-05-01", "--type", "contract", "--title", title, "--db", db]
        if "store" in via:
            out["store"] = store_cmd(
                "from tracker.model import Event\nfrom tracker.temporal.partial import PartialDate\n"
                f"EventLog(Path({db!r})).write(add=[Event(PartialDate.parse('2024-05-01'), ({who!r},), 'contract', {title + ' s'!r})])"
            )
        line = json.dumps({"id": stamp, "date": "2024-05-01", "companies": [who], "type": "contract", "title": title})
        out["jq"] = ["sh", "-c", f"printf '%s\\n' '{line}' >> {data['append']}"]  # appending a JSON line
        out["sqlite3"] = _sqlite(
            sqlite,
            f"BEGIN; INSERT INTO events VALUES ('{stamp}', '2024-05-01', '2024-05-01', '2024-05-01', 'contract', '{title}', '{{}}'); "
            f"INSERT INTO event_companies VALUES ('{stamp}', '{who}'); COMMIT;",
        )
    elif kind == "import":
        target = data["import_db"]
        if "cli" in via:
            out["tracker"] = cli + ["import", jsonl, "--db", target]
        if "store" in via:
            out["store"] = store_cmd(
                "import orjson\n"
                f"rows = (orjson.loads(line) for line in open({jsonl!r}, 'rb'))\n"
                f"EventLog(Path({target!r})).import_rows(rows)"
            )
    return out


def _sqlite(path: str | None, sql: str) -> list[str] | None:
    if not path or not shutil.which("sqlite3"):
        return None
    return ["sqlite3", "-separator", "\t", path, sql]


# --- timing ---------------------------------------------------------------------------------------

def timed(argv: list[str]) -> tuple[float, float, int]:
    """(wall seconds, peak RSS in MB, exit status) of one fresh process."""
    started = time.perf_counter()
    with open(os.devnull, "wb") as sink, tempfile.TemporaryFile() as errors:
        proc = subprocess.Popen(argv, stdout=sink, stderr=errors, cwd=ROOT)  # a file: a pipe could fill up
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        err = errors.read().decode(errors="replace").strip()
    if proc.returncode != 0:
        print(f"  ! exit {proc.returncode}: {' '.join(argv)[:120]}: {err[-300:]}", file=sys.stderr)
    return elapsed, usage.ru_maxrss / 1024, proc.returncode


def measure(label: str, kind: str, data: dict, via: list[str], runs: int, results: dict, before_each=None) -> None:
    tools = list(commands(kind, data, via))
    row = results.setdefault(label, {})
    for tool in tools:
        times, peaks = [], []
        for run in range(runs):
            if before_each:
                before_each(tool)
            argv = commands(kind, data, via, run)[tool]
            if argv is None:
                break
            seconds, peak, status = timed(argv)
            if status != 0:
                times = []
                break
            times.append(seconds)
            peaks.append(peak)
        if times:
            row[tool] = {"median": statistics.median(times), "runs": times, "peak_mb": max(peaks)}
            print(f"  {label:<38} {tool:<8} {statistics.median(times):8.3f} s  (runs {', '.join(f'{t:.3f}' for t in times)}; peak {max(peaks):.0f} MB)", flush=True)


def load(size: str, out: Path) -> dict | None:
    manifest = out / size / "manifest.json"
    if not manifest.exists():
        return None
    facts = json.loads(manifest.read_text())
    return {
        "db": facts["db"],
        "jsonl": facts["jsonl"],
        "sqlite": facts.get("sqlite"),
        "company": facts["target_company"],
        "company_events": facts["target_events"],
        "largest": facts["largest_company"][0],
        "largest_events": facts["largest_company"][1],
        "append": str(out / size / "append.jsonl"),
        "import_db": str(out / size / "import-db"),
        "events": facts["events"],
    }


def table(results: dict) -> str:
    tools = ["tracker", "store", "jq", "sqlite3"]
    head = "| measurement | " + " | ".join(f"{t} (s)" for t in tools) + " | tracker/jq | tracker/sqlite3 |"
    lines = [head, "|" + "---|" * (len(tools) + 3)]
    for label, row in results.items():
        cells = [f"{row[t]['median']:.3f}" if t in row else "–" for t in tools]
        ours = row.get("tracker") or row.get("store")
        ratio = lambda other: f"{ours['median'] / row[other]['median']:.2f}" if ours and other in row else "–"  # noqa: E731
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {ratio('jq')} | {ratio('sqlite3')} |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(os.environ.get("TRACKER_BENCH_DIR", "/tmp/tracker-bench")))
    parser.add_argument("--runs", type=int, default=5, help="runs of each fast measurement")
    parser.add_argument("--slow-runs", type=int, default=3, help="runs of each measurement on 1M events")
    parser.add_argument("--via", default="cli,store", help="cli, store or both (comma-separated)")
    parser.add_argument("--skip-import", action="store_true", help="do not time the 1M import")
    parser.add_argument("--only", default="", help="comma-separated measurement kinds: company,add,window,full,import")
    args = parser.parse_args(argv)
    via = args.via.split(",")
    only = set(args.only.split(",")) if args.only else {"company", "add", "window", "full", "import"}
    for tool in ("jq", "sqlite3"):
        if not shutil.which(tool):
            print(f"note: {tool} is not installed (apt-get install {tool}); its column stays empty", file=sys.stderr)

    sizes = {size: load(size, args.out) for size in ("10k", "100k", "1m")}
    missing = [s for s, d in sizes.items() if d is None]
    if missing:
        print(f"note: no synthetic log for {', '.join(missing)}; run: python bench/synth.py {' '.join(missing)}", file=sys.stderr)
    results: dict = {}
    print(f"tracker: {' '.join(tracker_cmd())}; python {sys.version.split()[0]}; {os.cpu_count()} CPUs", flush=True)

    if "company" in only:
        for size, data in sizes.items():
            if data:
                runs = args.slow_runs if size == "1m" else args.runs
                label = f"company ({data['company_events']} events), {size} log"
                measure(label, "company", data, via, runs, results)
    big = sizes.get("1m") or sizes.get("100k") or sizes.get("10k")
    size = "1m" if sizes.get("1m") else ("100k" if sizes.get("100k") else "10k")
    if big and "add" in only:
        measure(f"add one event ({big['company_events']}-event company), {size}", "add", big, via, args.runs, results)
        largest = dict(big, company=big["largest"])
        measure(f"add one event (largest company, {big['largest_events']} events), {size}", "add", largest, via, args.runs, results)
    if big and "window" in only:
        measure(f"timeline --since/--until {WINDOW[0][:4]}, {size}", "window", big, via, args.slow_runs, results)
    if big and "full" in only:
        measure(f"full timeline, {size}", "full", big, via, args.slow_runs, results)
    if big and "import" in only and not args.skip_import:
        def fresh(_tool):
            shutil.rmtree(big["import_db"], ignore_errors=True)

        measure(f"import {big['events']:,} events from JSON Lines", "import", big, via, 1, results, before_each=fresh)
        fresh(None)

    print()
    print(table(results))
    for label, row in results.items():
        for tool, facts in row.items():
            if label.startswith("import"):
                print(f"peak RSS, {label}, {tool}: {facts['peak_mb']:.0f} MB")
    (args.out / "results.json").write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
