"""A large whole-log listing rendered by worker processes, one year of the log per task.

Reading a shard file means parsing its JSON into Python objects, which is most of the cost of a
million-event timeline and holds the interpreter's lock; so years go to worker processes (forked:
they start with tracker loaded), each reads, filters, sorts and renders one year as TSV, CSV or
JSON Lines text, and the parent writes the texts in order. The parent holds the log's read lock
the whole time (``EventLog.bucket_plan``), so the workers read one state of the log, as a
single-process read does; at most two tasks per worker are in flight, so memory stays bounded
when the output is slower than the workers. The bytes are those of the single-process listing.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Iterator
from dataclasses import replace

from tracker.export import PIECE_FORMATS, render_body
from tracker.query import Query, select

# Below this much shard data one process is faster than starting workers (fork, IPC).
MIN_BYTES = 64 * 1024 * 1024
JOBS_VARIABLE = "TRACKER_READ_JOBS"  # workers for a listing: 1 turns them off; unset: one per core


def jobs_for(plan: list[list[str]]) -> int:
    """How many worker processes a listing of these shard files gets (1: none)."""
    wanted = os.environ.get(JOBS_VARIABLE)
    if wanted is not None:
        return max(1, int(wanted)) if wanted.strip().isdigit() else 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if cores < 2 or len(plan) < 2:
        return 1
    size = 0
    for paths in plan:
        for path in paths:
            try:
                size += os.path.getsize(path)
            except OSError:
                pass
            if size >= MIN_BYTES:
                return cores
    return 1


def usable(query: Query, fmt: str) -> bool:
    """Whether a listing can be rendered in pieces: date order, no limit (a limit stops reading
    early anyway), a format whose rows need nothing of each other."""
    return fmt in PIECE_FORMATS and query.sort == "date" and query.limit is None


def pieces(log, query: Query, fmt: str, make_listing) -> Iterator[str] | None:
    """The body of ``fmt`` for the rows of ``query``, in order, rendered by worker processes; None
    when workers would not pay (a small log, one core, the shipped log), for the caller to stream
    in one process. ``make_listing(rows)`` builds the listing that renders a group's rows."""
    if not usable(query, fmt) or not hasattr(log, "bucket_plan"):
        return None
    plan_block = log.bucket_plan(query.companies, query.since, query.until, newest_first=query.reverse)
    plan = plan_block.__enter__()
    if plan is None:
        plan_block.__exit__(None, None, None)
        return None
    jobs = jobs_for(plan)
    if jobs < 2:
        plan_block.__exit__(None, None, None)
        return None
    return _rendered(plan_block, plan, jobs, replace(query, limit=None), fmt, make_listing)


def _rendered(plan_block, plan, jobs, query, fmt, make_listing) -> Iterator[str]:
    global _TASK
    _TASK = (query, fmt, make_listing)  # inherited by the forked workers
    pool = multiprocessing.get_context("fork").Pool(jobs, initializer=_worker_start)
    try:
        waiting: deque = deque()
        groups = iter(plan)
        for paths in groups:
            waiting.append(pool.apply_async(_render_group, (paths,)))
            if len(waiting) >= 2 * jobs:
                yield waiting.popleft().get()
        while waiting:
            yield waiting.popleft().get()
    finally:
        pool.terminate()
        pool.join()
        plan_block.__exit__(None, None, None)  # the read lock goes once no worker reads


_TASK: tuple | None = None


def _worker_start() -> None:
    # Ctrl-C reaches the whole process group: the parent handles it (and ends the workers), a
    # worker must not print a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _render_group(paths: list[str]) -> str:
    from tracker.store.log import bucket_rows

    query, fmt, make_listing = _TASK
    rows = select(bucket_rows(paths, query.since, query.until), query)
    return render_body(make_listing(rows), fmt)
