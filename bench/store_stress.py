"""The event log's promises under stress, with real processes on real files (issue 12).

    python bench/store_stress.py concurrency   # W writers + R readers at once: what was kept
    python bench/store_stress.py kills         # SIGKILL mid-write, N rounds: committed events lost
    python bench/store_stress.py damage        # each damage kind, then check --restore: repaired?
    python bench/store_stress.py hostile       # hostile inputs: exit codes, tracebacks, hangs
    python bench/store_stress.py all           # the four, one after the other

Each part prints what it did and one summary line, and exits 1 when a promise broke. Sizes are
options (``--writers 16 --readers 8 --adds 5 --imports 4 --import-size 1500``, ``--rounds 60``);
the defaults finish in a few minutes on a loaded 2-core machine. Work happens under a temporary
folder (``--keep`` leaves it). ``TRACKER_CMD`` selects the tracker to run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

PY = sys.executable


def tracker_cmd() -> list[str]:
    found = os.environ.get("TRACKER_CMD") or shutil.which("tracker", path=str(Path(PY).parent)) or shutil.which("tracker")
    return found.split() if found else [PY, "-m", "tracker.cli"]


def run(*args, db: Path | None = None, stdin=None, timeout: float = 300, env=None) -> subprocess.CompletedProcess:
    argv = tracker_cmd() + [str(a) for a in args] + (["--db", str(db)] if db else [])
    return subprocess.run(argv, capture_output=True, input=stdin, timeout=timeout, env={**os.environ, **(env or {})})


def exported_ids(db: Path) -> tuple[int, list[dict] | None, str]:
    result = run("export", "-f", "jsonl", db=db)
    if result.returncode != 0:
        return result.returncode, None, result.stderr.decode(errors="replace")
    return 0, [json.loads(line) for line in result.stdout.splitlines()], ""


def clean_error(result) -> bool:
    """One line on stderr starting with 'tracker: error:', no traceback."""
    err = result.stderr.decode(errors="replace") if isinstance(result.stderr, bytes) else result.stderr
    return "Traceback" not in err and any(line.startswith("tracker: error:") for line in err.splitlines())


def jsonl(rows) -> bytes:
    return b"".join(json.dumps(row).encode() + b"\n" for row in rows)


def batch(tag: str, count: int) -> list[dict]:
    return [{"date": f"{2001 + n % 20}-{1 + n % 12:02d}-{1 + n % 28:02d}", "companies": [f"Stress {tag} {n % 7}", "Stress Shared"],
             "type": "contract", "title": f"{tag} event {n}"} for n in range(count)]


# --- concurrency -----------------------------------------------------------------------------------

def concurrency(args, work: Path) -> bool:
    """W writers (adds, an import each for the first --imports of them, a remove of one of their
    adds) and R readers (export in a loop) at once on one log; then count what was kept, and check
    every read was whole (an import's events all there or none)."""
    db = work / "concurrent"
    assert run("add", "-c", "Stress Seed", "-t", "other", "--title", "seed", "-d", "2000-01-01", db=db).returncode == 0
    done = threading.Event()
    outcomes: dict[str, list] = {"add": [], "import": [], "remove": [], "read": []}
    lock = threading.Lock()
    imports = {f"w{w}": batch(f"w{w}", args.import_size) for w in range(min(args.imports, args.writers))}

    def writer(w: int):
        tag = f"w{w}"
        added = []
        for n in range(args.adds):
            result = run("add", "-c", f"Stress Writer {w}", "-t", "other", "--title", f"{tag} add {n}", "-d", f"2020-01-{1 + n:02d}", db=db)
            with lock:
                outcomes["add"].append((tag, n, result.returncode, result.stdout.decode().strip(), clean_error(result) or result.returncode == 0))
            if result.returncode == 0:
                added.append(result.stdout.decode().split()[-1] if result.stdout.strip() else None)
        if tag in imports:
            source = work / f"{tag}.jsonl"
            source.write_bytes(jsonl(imports[tag]))
            result = run("import", source, db=db)
            with lock:
                outcomes["import"].append((tag, result.returncode, result.stderr.decode(errors="replace")[-200:]))
        titles = [f"{tag} add 0"]
        ids = _ids_of_titles(db, titles)
        if ids:
            result = run("remove", ids[0], db=db)
            with lock:
                outcomes["remove"].append((tag, result.returncode, result.stderr.decode(errors="replace")[-200:]))

    def reader(r: int):
        while not done.is_set():
            code, rows, err = exported_ids(db)
            whole = True
            if rows is not None:
                by_tag: dict[str, int] = {}
                for row in rows:
                    words = row["title"].split()
                    if len(words) == 3 and words[0] in imports and words[1] == "event":
                        by_tag[words[0]] = by_tag.get(words[0], 0) + 1
                whole = all(count == args.import_size for count in by_tag.values())
            with lock:
                outcomes["read"].append((code, whole, err[-200:]))

    readers = [threading.Thread(target=reader, args=(r,)) for r in range(args.readers)]
    writers = [threading.Thread(target=writer, args=(w,)) for w in range(args.writers)]
    began = time.monotonic()
    for thread in readers + writers:
        thread.start()
    for thread in writers:
        thread.join()
    done.set()
    for thread in readers:
        thread.join()
    elapsed = time.monotonic() - began
    code, rows, err = exported_ids(db)
    titles = {row["title"] for row in rows or ()}
    adds_ok = [o for o in outcomes["add"] if o[2] == 0]
    adds_kept = sum(1 for tag, n, *_ in adds_ok if f"{tag} add {n}" in titles or n == 0)
    removed_gone = sum(1 for tag, rc, _ in outcomes["remove"] if rc == 0 and f"{tag} add 0" not in titles)
    imports_ok = [o for o in outcomes["import"] if o[1] == 0]
    imports_kept = sum(1 for tag, *_ in imports_ok if sum(1 for t in titles if t.startswith(f"{tag} event ")) == args.import_size)
    reads_ok = [o for o in outcomes["read"] if o[0] == 0]
    reads_half = [o for o in reads_ok if not o[1]]
    reads_failed = [o for o in outcomes["read"] if o[0] != 0]
    check = run("check", db=db)
    print(f"concurrency: {args.writers} writers + {args.readers} readers, {elapsed:.0f} s, load {os.getloadavg()[0]:.1f}")
    print(f"  adds: {len(adds_ok)}/{len(outcomes['add'])} succeeded, {adds_kept} kept (the first add of each writer was then removed)")
    print(f"  imports of {args.import_size:,}: {len(imports_ok)}/{len(outcomes['import'])} succeeded, {imports_kept} kept whole")
    print(f"  removes: {sum(1 for o in outcomes['remove'] if o[1] == 0)}/{len(outcomes['remove'])} succeeded, {removed_gone} gone")
    print(f"  reads: {len(reads_ok)} whole-log exports, {len(reads_half)} saw half an import, {len(reads_failed)} failed")
    for failure in (reads_failed + [o for o in outcomes["add"] if o[2] != 0] + [o for o in outcomes["import"] if o[1] != 0])[:5]:
        print(f"    failure: {failure}")
    print(f"  check: {'ok' if check.returncode == 0 else check.stdout.decode()[:300]}")
    ok = (len(adds_ok) == len(outcomes["add"]) == adds_kept and len(imports_ok) == imports_kept == len(outcomes["import"])
          and removed_gone == len(outcomes["remove"]) and not reads_half and not reads_failed and check.returncode == 0)
    print(f"SUMMARY concurrency: {args.writers} writers x {args.adds} adds + {len(imports)} imports of {args.import_size:,} + "
          f"{len(outcomes['remove'])} removes, {args.readers} readers: {adds_kept}/{len(outcomes['add'])} adds kept, "
          f"{imports_kept}/{len(imports)} imports whole, {removed_gone}/{len(outcomes['remove'])} removes, "
          f"{len(reads_ok)} reads ({len(reads_half)} half, {len(reads_failed)} failed) -> {'OK' if ok else 'BROKEN'}")
    return ok


def _ids_of_titles(db: Path, titles: list[str]) -> list[str]:
    out = []
    for title in titles:
        result = run("timeline", "-s", title, "-f", "jsonl", db=db)
        out += [row["id"] for row in map(json.loads, result.stdout.splitlines()) if row["title"] == title]
    return out


# --- kills -----------------------------------------------------------------------------------------

def kills(args, work: Path) -> bool:
    """N rounds: start a write (an add, an import of --kill-import events, or a remove), SIGKILL it
    after a random delay; then every event of a write that had finished must still be there, the
    killed write must be all there or not at all, and ``check`` must pass."""
    db = work / "kills"
    rng = random.Random(12)
    assert run("add", "-c", "Kill Seed", "-t", "other", "--title", "seed", "-d", "2000-01-01", db=db).returncode == 0
    # how long each kind of write takes here and now: kills land within that time
    began = time.monotonic()
    assert run("add", "-c", "Kill Seed", "-t", "other", "--title", "calibration add", "-d", "2000-01-02", db=db).returncode == 0
    took = {"add": time.monotonic() - began}
    source = work / "kill.jsonl"
    source.write_bytes(jsonl(batch("calibration", args.kill_import)))
    began = time.monotonic()
    assert run("import", source, db=db).returncode == 0
    took["import"] = time.monotonic() - began
    took["remove"] = took["add"]
    print(f"  uninterrupted: add {took['add']:.2f} s, import of {args.kill_import:,} {took['import']:.2f} s; kills land at {args.kill_from:.0%}-100% of that")
    committed: set[str] = set(t["title"] for t in exported_ids(db)[1])
    killed_mid = lost = partial = broken = finished = 0
    stages = {"before writing a file": 0, "while writing its files": 0, "after its commit point": 0}
    for round_ in range(args.rounds):
        kind = rng.choice(["add", "import", "import", "remove"])
        tag = f"k{round_}"
        if kind == "add":
            argv, new = ["add", "-c", f"Kill Co {round_ % 9}", "-t", "other", "--title", f"{tag} add", "-d", "2019-05-01"], {f"{tag} add"}
        elif kind == "import":
            source = work / "kill.jsonl"
            rows = batch(tag, args.kill_import)
            source.write_bytes(jsonl(rows))
            argv, new = ["import", str(source)], {row["title"] for row in rows}
        else:
            victims = sorted(t for t in committed if t.endswith(" add"))
            if not victims:
                continue
            title = rng.choice(victims)
            ids = _ids_of_titles(db, [title])
            if not ids:
                continue
            argv, new = ["remove", ids[0]], set()
        proc = subprocess.Popen(tracker_cmd() + argv + ["--db", str(db)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(args.kill_from, 1.0) * took[kind])
        proc.send_signal(signal.SIGKILL)
        status = proc.wait()
        if (db / "journal.json").exists():
            stages["after its commit point"] += 1
        elif any((db / "tmp").iterdir()):
            stages["while writing its files"] += 1
        elif status == -signal.SIGKILL:
            stages["before writing a file"] += 1
        code, rows, err = exported_ids(db)  # rolls a journal forward, as any command does
        if not (db / "journal.json").exists():
            for stale in (db / "tmp").iterdir():  # what the next writer would clear, so the next round starts clean
                stale.unlink()
        if rows is None:
            broken += 1
            print(f"  round {round_}: the log cannot be read after the kill: {err.strip()[:200]}")
            continue
        titles = {row["title"] for row in rows}
        if status == -signal.SIGKILL:
            killed_mid += 1
        else:
            finished += 1
        if kind == "remove":
            committed.discard(title)  # either outcome is fine; it is no longer promised
            missing = committed - titles
            if title in titles:
                committed.add(title)
        else:
            there = new & titles
            if there and there != new:
                partial += 1
                print(f"  round {round_}: {len(there)} of {len(new)} events of the killed {kind}")
            missing = committed - titles
            if status == 0 and there != new:
                missing |= new - there
            committed |= there
        if missing:
            lost += len(missing)
            print(f"  round {round_}: {len(missing)} committed events lost: {sorted(missing)[:3]}")
        if run("check", db=db).returncode != 0:
            broken += 1
            print(f"  round {round_}: check fails after the kill")
    print(f"  where the kills landed: {', '.join(f'{n} {stage}' for stage, n in stages.items())}")
    print(f"SUMMARY kills: {args.rounds} rounds, {killed_mid} killed before exiting ({finished} had finished; "
          f"{stages['while writing its files'] + stages['after its commit point']} with its files half written or half moved), "
          f"{len(committed):,} committed events at the end, {lost} lost, {partial} partial writes, {broken} broken logs "
          f"-> {'OK' if not (lost or partial or broken) else 'BROKEN'}")
    return not (lost or partial or broken)


# --- damage ----------------------------------------------------------------------------------------

def _shard(db: Path, company: str, name: str) -> Path:
    return next((db / "shards").glob(f"{company}-*")) / name


def _damages():
    """(kind, what it does to a log) for each kind of damage the issue lists."""
    def truncate(path):
        path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])

    return [
        ("truncated data file (backup holds all but its last write)", lambda db: truncate(_shard(db, "alpha", "2017.json"))),
        ("garbage in a data file", lambda db: _shard(db, "alpha", "2017.json").write_bytes(b"\x00garbage")),
        ("data file without backup deleted", lambda db: (_shard(db, "alpha", "2017.json").unlink(),
                                                        _shard(db, "alpha", "2017.json.bak").unlink(missing_ok=True))),
        ("data file of the wrong shape, no backup", lambda db: (_shard(db, "alpha", "2017.json").write_text('{"_default": []}'),
                                                               _shard(db, "alpha", "2017.json.bak").unlink(missing_ok=True))),
        ("data file no other file holds deleted, no backup", lambda db: (_shard(db, "gamma", "2018.json").unlink(),
                                                                 _shard(db, "gamma", "2018.json.bak").unlink(missing_ok=True))),
        ("second-company copy file deleted", lambda db: _shard(db, "beta", "2017-also.json").unlink()),
        ("registry.json deleted (backup kept)", lambda db: (db / "registry.json").unlink()),
        ("registry.json and its backup deleted", lambda db: ((db / "registry.json").unlink(), (db / "registry.json.bak").unlink())),
        ("registry.json truncated", lambda db: truncate(db / "registry.json")),
        ("an id index file deleted", lambda db: next((db / "ids").glob("*.json")).unlink()),
        ("every id index file deleted", lambda db: [p.unlink() for p in (db / "ids").glob("*.json")]),
        ("garbage journal", lambda db: (db / "journal.json").write_bytes(b"\xff not json")),
        ("journal of the wrong shape", lambda db: (db / "journal.json").write_text('{"pairs": 5}')),
        ("journal naming paths outside the log", lambda db: (db / "journal.json").write_text(
            json.dumps({"format": 1, "pairs": [["tmp/1-1.json", "../victim.txt"]]}))),
        ("counts in the registry wrong", lambda db: _edit_registry(db)),
        ("data file unreadable (chmod 000)", lambda db: _shard(db, "alpha", "2017.json").chmod(0)),
    ]


def _edit_registry(db: Path):
    data = json.loads((db / "registry.json").read_text())
    for row in data.get("stats", {}).values():
        row["count"] = 999
    (db / "registry.json").write_text(json.dumps(data))


def damage(args, work: Path) -> bool:
    """Each damage kind on a fresh copy of one log, then ``check --restore`` and ``check``:
    repaired (every event back, check ok), reported (events lost are named, exit 1), or not."""
    pristine = work / "pristine"
    for n in range(1, 7):
        result = run("add", "-c", "Alpha", "-c", "Beta", "-t", "contract", "--title", f"deal {n}", "-d", f"2017-0{n}-01", db=pristine)
        assert result.returncode == 0, result.stderr
    for n in range(1, 3):  # events of one company only: no other file holds a copy
        assert run("add", "-c", "Gamma", "-t", "trial", "--title", f"trial {n}", "-d", f"2018-0{n}-01", db=pristine).returncode == 0
    code, rows, _ = exported_ids(pristine)
    want = sorted(row["id"] for row in rows)
    results = []
    for kind, harm in _damages():
        if "chmod" in kind and os.geteuid() == 0:
            print(f"  {kind:<58} skipped: root reads a file whatever its mode")
            continue
        db = work / "damaged"
        shutil.rmtree(db, ignore_errors=True)
        shutil.copytree(pristine, db)
        harm(db)
        restore = run("check", "--restore", db=db)
        for path in (db / "shards").rglob("*.json"):
            path.chmod(0o644)  # an unreadable file is left alone by design; make it readable again
        after = run("check", db=db)
        code, rows, err = exported_ids(db)
        have = sorted(row["id"] for row in rows or ())
        traceback = b"Traceback" in restore.stderr or b"Traceback" in after.stderr
        if traceback:
            verdict = "TRACEBACK"
        elif after.returncode == 0 and have == want:
            verdict = "repaired, nothing lost"
        elif after.returncode == 0 and restore.returncode != 0 and set(have) < set(want):
            lost = set(want) - set(have)
            named = all(event_id.encode() in restore.stderr for event_id in lost)
            verdict = f"repaired, {len(lost)} lost and {'named' if named else 'NOT NAMED'}"
        elif kind.startswith("data file unreadable") and b"not restored" in restore.stderr and have == want:
            verdict = "left alone (only unreadable), reported"
        elif kind.startswith("journal naming") and restore.returncode != 0 and clean_error(restore) and not (work / "victim.txt").exists():
            verdict = "refused, nothing moved, reported"
        else:
            verdict = f"NOT REPAIRED (restore exit {restore.returncode}, check exit {after.returncode}, {len(have)}/{len(want)} events)"
        results.append((kind, restore.returncode, verdict))
        print(f"  {kind:<58} restore exit {restore.returncode}  {verdict}")
    bad = [r for r in results if r[2].startswith(("NOT", "TRACEBACK")) or "NOT NAMED" in r[2]]
    print(f"SUMMARY damage: {len(results)} damage kinds, {len(results) - len(bad)} repaired or refused as designed, "
          f"{len(bad)} not -> {'OK' if not bad else 'BROKEN'}")
    return not bad


# --- hostile inputs ---------------------------------------------------------------------------------

def hostile(args, work: Path) -> bool:
    """Hostile inputs to the commands: each must end (in 60 s), with exit 0, 1 or 2, without a
    traceback, a failure in one line."""
    db = work / "hostile"
    assert run("add", "-c", "Acme", "-t", "contract", "--title", "baseline", "-d", "2017-05-01", db=db).returncode == 0
    files = work / "hostile-files"
    files.mkdir(exist_ok=True)
    (files / "huge-line.txt").write_bytes(b"Acme signed a deal on 1 May 2017. " * 30_000)  # 1 MB, no line break
    (files / "bad-utf8.txt").write_bytes(b"Acme \xff\xfe signed on 1 May 2017.")
    (files / "big-field.csv").write_text("date,companies,type,title\n2017-01-01,Acme,contract," + "x" * 200_000 + "\n")
    (files / "offset.jsonl").write_text(json.dumps({"date": "2017", "companies": ["Acme"], "type": "contract", "title": "t",
                                                    "sources": [{"doc": "d", "offset": 10 ** 30}]}) + "\n")
    (files / "not-json.jsonl").write_bytes(b"{\"date\": \n\x00\x01")
    (files / "escape.jsonl").write_text(json.dumps({"date": "2017", "companies": ["Acme"], "type": "contract",
                                                    "title": "\x1b]52;c;ZXZpbA==\x07\x1b[2J pwned"}) + "\n")
    (files / "nul.jsonl").write_text(json.dumps({"date": "2017", "companies": ["Acme"], "type": "contract", "title": "a\x00b"}) + "\n")
    cases = [
        ("ingest /dev/zero", ["ingest", "/dev/zero", "--dry-run"], None),
        ("dates /dev/urandom", ["dates", "/dev/urandom"], None),
        ("import /dev/zero", ["import", "/dev/zero"], None),
        ("endless stdin to ingest -", ["ingest", "-", "--dry-run"], b"y\n" * 40_000_000),
        ("1 MB: one sentence 30,000 times, one line", ["ingest", files / "huge-line.txt", "--dry-run"], None),
        ("invalid UTF-8 in a file", ["ingest", files / "bad-utf8.txt", "--dry-run"], None),
        ("invalid UTF-8 in an argument", ["company", os.fsdecode(b"\xff\xfe")], None),
        ("a CSV field of 200,000 characters", ["import", files / "big-field.csv"], None),
        ("a source offset of 10^30", ["import", files / "offset.jsonl"], None),
        ("an import that is not JSON", ["import", files / "not-json.jsonl"], None),
        ("terminal escapes in a title", ["import", files / "escape.jsonl"], None),
        ("the date 9999-W52", ["add", "-c", "Acme", "-t", "other", "--title", "t", "-d", "9999-W52"], None),
        ("a date in Arabic-Indic digits", ["add", "-c", "Acme", "-t", "other", "--title", "t", "-d", "٢٠١٧-٠٥-٠١"], None),
        ("a date that does not exist", ["timeline", "--since", "2017-02-30"], None),
        ("--db ''", ["timeline", "--db", ""], None),
        ("--db a file", ["timeline", "--db", "/etc/passwd"], None),
        ("--db a foreign folder", ["timeline", "--db", "/etc"], None),
        ("a company name of 100,000 characters", ["add", "-c", "A" * 100_000, "-t", "other", "--title", "t", "-d", "2017"], None),
        ("a NUL in an imported title", ["import", files / "nul.jsonl"], None),
        ("an id prefix of 3 characters", ["show", "abc"], None),
        ("an id that is hex garbage", ["remove", "ffffffffffffffffffff"], None),
        ("--lock-timeout nan", ["--lock-timeout", "nan", "timeline"], None),
        ("--limit -1", ["timeline", "--limit", "-1"], None),
        ("a formula as a company", ["add", "-c", "=HYPERLINK(\"http://x\")", "-t", "other", "--title", "t", "-d", "2017"], None),
    ]
    rows = []
    for label, argv, stdin in cases:
        if "--db" not in argv and argv[0] != "dates":
            argv = argv + ["--db", str(db)]
        began = time.monotonic()
        try:
            result = subprocess.run(tracker_cmd() + [str(a) if not isinstance(a, str) else a for a in argv], input=stdin,
                                    capture_output=True, timeout=60, stdin=None if stdin is not None else subprocess.DEVNULL)
            code, err = result.returncode, result.stderr.decode(errors="replace")
        except subprocess.TimeoutExpired:
            code, err = "hang", ""
        seconds = time.monotonic() - began
        tb = "Traceback" in err
        lines = [line for line in err.splitlines() if line.strip()]
        one_line = code == 0 or (len([line for line in lines if line.startswith("tracker: error:")]) == 1)
        good = code in (0, 1, 2) and not tb and one_line
        rows.append((label, code, tb, good))
        shown = next((line for line in lines if line.startswith("tracker: error:")), lines[-1] if lines else "")
        print(f"  {label:<38} exit {code!s:<4} {seconds:5.1f} s  {'ok ' if good else 'BAD'} {shown[:110]}")
    check = run("check", db=db)
    bad = [row for row in rows if not row[3]]
    print(f"SUMMARY hostile: {len(rows)} hostile inputs, {sum(r[1] == 0 for r in rows)} accepted, "
          f"{sum(r[1] in (1, 2) for r in rows)} refused in one line, {sum(r[2] for r in rows)} tracebacks, "
          f"{sum(r[1] == 'hang' for r in rows)} hangs; log check {'ok' if check.returncode == 0 else 'FAILS'} "
          f"-> {'OK' if not bad and check.returncode == 0 else 'BROKEN'}")
    return not bad and check.returncode == 0


PARTS = {"concurrency": concurrency, "kills": kills, "damage": damage, "hostile": hostile}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("part", choices=[*PARTS, "all"])
    parser.add_argument("--writers", type=int, default=16)
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--adds", type=int, default=5, help="adds per writer")
    parser.add_argument("--imports", type=int, default=4, help="writers that also import a batch")
    parser.add_argument("--import-size", type=int, default=1500)
    parser.add_argument("--rounds", type=int, default=60, help="kill rounds")
    parser.add_argument("--kill-import", type=int, default=3000, help="events per import in the kill rounds")
    parser.add_argument("--kill-from", type=float, default=0.4,
                        help="kill no earlier than this share of a write's uninterrupted time (start-up comes first)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="tracker-stress-"))
    os.environ.setdefault("TRACKER_CONFIG", str(work / "no-config.toml"))
    os.environ.pop("TRACKER_DB", None)
    ok = True
    try:
        for name in (PARTS if args.part == "all" else [args.part]):
            print(f"== {name} (load {os.getloadavg()[0]:.1f})", flush=True)
            began = time.monotonic()
            ok = PARTS[name](args, work) and ok
            print(f"   {name}: {time.monotonic() - began:.0f} s", flush=True)
    finally:
        if args.keep:
            print(f"work folder: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
