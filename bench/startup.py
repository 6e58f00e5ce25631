"""Whole-process wall time of everyday commands on the shipped log (issue 6 start-up targets).

    python bench/startup.py [--runs 15]

Prints the median (and min/max) of fresh processes with output to a pipe, against the targets:
--help and commands that need no date parsing or table rendering <= 0.15 s, `tracker company
NAME` on the shipped log <= 0.2 s. A bare `python -c pass` is timed too, as the floor.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PY = sys.executable
TRACKER = shutil.which("tracker", path=str(Path(PY).parent)) or "tracker"

CASES = [
    ("python -c pass (floor)", [PY, "-c", "pass"], None),
    ("tracker --help", [TRACKER, "--help"], 0.15),
    ("tracker --version", [TRACKER, "--version"], 0.15),
    ("tracker info", [TRACKER, "info"], 0.15),
    ("tracker companies", [TRACKER, "companies"], 0.15),
    ("tracker show ID", [TRACKER, "show", "{id}"], 0.15),
    ("tracker company Unicom", [TRACKER, "company", "Unicom"], 0.2),
    ("tracker company Unicom -f json", [TRACKER, "company", "Unicom", "-f", "json"], 0.2),
    ("tracker stats", [TRACKER, "stats"], 0.2),
    ("tracker timeline --since 2017 (ISO)", [TRACKER, "timeline", "--since", "2017"], None),
    ("tracker timeline --since 'last year' (phrase)", [TRACKER, "timeline", "--since", "last year"], None),
]


def timed(command: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    env = {**os.environ, "TRACKER_DB": tempfile.mkdtemp() + "/none"}  # no user log: the shipped one
    first = subprocess.run([TRACKER, "company", "ZTE"], capture_output=True, text=True, env=env, check=True)
    event_id = first.stdout.splitlines()[1].split("\t")[-1]
    print(f"{'command':<48} {'median':>8} {'min':>7} {'max':>7}  target")
    for label, command, target in CASES:
        command = [part.replace("{id}", event_id) for part in command]
        timed(command, env)  # warm the page cache and .pyc files
        runs = [timed(command, env) for _ in range(args.runs)]
        median = statistics.median(runs)
        verdict = "" if target is None else f"<= {target:.2f} s {'ok' if median <= target else 'MISSED'}"
        print(f"{label:<48} {median:>7.3f}s {min(runs):>6.3f}s {max(runs):>6.3f}s  {verdict}")


if __name__ == "__main__":
    main()
