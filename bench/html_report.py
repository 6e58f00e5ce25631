"""Size and browser render time of the HTML timeline page (issue 15).

    python bench/html_report.py                      # 10,000 synthetic events (bench/synth.py)
    python bench/html_report.py --sizes 1000 10000 50000 --runs 3
    python bench/html_report.py --screenshot docs/unicom-timeline.png   # the README's picture

For each size: the page's bytes, the time tracker takes to write it, and the time headless
Chromium takes to show it, as the page measures it itself (``performance.now()`` from the start
of navigation to when its script has built the timeline, the table state and the chart and the
page is laid out: the ``data-render-ms`` attribute), plus the wall time of a whole
``chromium --screenshot`` process (load, script, layout, paint) beside that of an empty page
(browser start-up). The machine's load average is printed: on a busy machine every time grows. Budgets: under 10 MB and under 3 s at 10,000
events; the exit status is 1 when one is exceeded.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from synth import events as synthetic_events  # noqa: E402
from tests.chromium import Dom, dump_dom, find_chromium, screenshot  # noqa: E402
from tracker.event_formats import event_listing  # noqa: E402
from tracker.html_report import write_html  # noqa: E402
from tracker.query import order  # noqa: E402
from tracker.store.layout import to_row  # noqa: E402

MAX_BYTES = 10 * 1024 * 1024
MAX_RENDER_MS = 3000


def page_for(count: int, folder: Path) -> tuple[Path, float]:
    rows = order([to_row(e) for e in synthetic_events(count)])
    listing = event_listing(rows, f"{count} synthetic events", "", "bench/synth.py")
    started = time.perf_counter()
    buffer = io.StringIO()
    write_html(listing, buffer)
    seconds = time.perf_counter() - started
    path = folder / f"page-{count}.html"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path, seconds


def browser_times(path: Path, runs: int) -> tuple[list[int], list[float], int]:
    """(in-page render ms per run, screenshot process wall seconds per run, events on the timeline)."""
    in_page, wall, marked = [], [], 0
    for _ in range(runs):
        dom = Dom(dump_dom(path, budget_ms=None))
        if dom.body.get("data-ready") != "1":
            raise SystemExit(f"{path}: the page's script did not finish")
        in_page.append(int(dom.body["data-render-ms"]))
        marked = len(set(dom.marks))
        wall.append(screenshot_wall(path))
    return in_page, wall, marked


def screenshot_wall(path: Path) -> float:
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        screenshot(path, Path(folder) / "shot.png")
        return time.perf_counter() - started


def shoot_unicom(target: Path) -> None:
    """The shipped log's China Unicom page, as the README shows it, with the details of its
    first event dated to the day open (the URL fragment selects it)."""
    import json
    import subprocess

    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "unicom.html"
        tracker = [sys.executable, "-m", "tracker.cli", "company", "Unicom", "--db", str(Path(folder) / "no-db")]
        subprocess.run([*tracker, "-o", str(page)], check=True, cwd=ROOT, capture_output=True)
        rows = subprocess.run([*tracker, "-f", "jsonl"], check=True, cwd=ROOT, capture_output=True, text=True).stdout
        chosen = next(e for e in map(json.loads, filter(None, rows.split("\n"))) if e["precision"] == "day" and e["sources"])
        screenshot(page, target.resolve(), fragment=f"event={chosen['id']}", size="1400,1300")
    print(f"wrote {target}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--screenshot", type=Path, help="write the China Unicom page's screenshot here and stop")
    args = parser.parse_args(argv)
    if find_chromium() is None:
        print("no chromium on PATH (Debian: apt-get install chromium)", file=sys.stderr)
        return 2
    if args.screenshot:
        shoot_unicom(args.screenshot)
        return 0
    failed = False
    with tempfile.TemporaryDirectory(prefix="tracker-html-bench-") as folder:
        empty = Path(folder) / "empty.html"
        empty.write_text("<!DOCTYPE html><title>empty</title>", encoding="utf-8")
        baseline = statistics.median(screenshot_wall(empty) for _ in range(args.runs))
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; chromium --screenshot of an empty page: {baseline:.2f} s")
        print("| events | page MB | write s | render ms in page (median; runs) | --screenshot wall s (median) | events on the timeline |")
        print("|---|---|---|---|---|---|")
        for count in args.sizes:
            path, write_s = page_for(count, Path(folder))
            size = path.stat().st_size
            in_page, wall, marked = browser_times(path, args.runs)
            render = statistics.median(in_page)
            print(
                f"| {count:,} | {size / 1024 / 1024:.2f} | {write_s:.2f} | {render:.0f} ({'; '.join(map(str, in_page))}) "
                f"| {statistics.median(wall):.2f} | {marked:,} |"
            )
            if count <= 10_000 and (size > MAX_BYTES or render > MAX_RENDER_MS):
                failed = True
    if failed:
        print(f"over budget: a page of up to 10,000 events must stay under {MAX_BYTES:,} bytes and {MAX_RENDER_MS} ms")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
