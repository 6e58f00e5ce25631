"""Whole-log listings in date order rendered one year of the log at a time (``render_group``),
by worker processes on a large log, else in the calling process.

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

from tracker.export import PIECE_FORMATS, item_function, join_items, render_body
from tracker.query import Query, by_date_items, filters_rows, kept, select
from tracker.store.log import bucket_rows, bucket_tables, snapshot

# Below this much shard data one process is faster than starting workers (fork, IPC).
MIN_BYTES = 64 * 1024 * 1024
JOBS_VARIABLE = "TRACKER_READ_JOBS"  # workers for a listing: 1 turns them off; unset: one per core


def jobs_for(plan: list[list[str]]) -> int:
    """How many worker processes a listing of these shard files gets (1: none)."""
    wanted = os.environ.get(JOBS_VARIABLE)
    if wanted is not None:
        return max(1, int(wanted)) if wanted.strip().isdigit() else 1
    cores = _cores()
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
    """The body of ``fmt`` for the rows of ``query``, in order, one year of the log per piece:
    rendered by worker processes on a large log and several cores, else in this process; None
    when the listing cannot be rendered in pieces (see ``usable``) or the log is not a database,
    for the caller to stream rows. ``make_listing(rows)`` builds the listing that renders rows."""
    if not usable(query, fmt) or not hasattr(log, "bucket_plan"):
        return None
    query = replace(query, limit=None)
    if os.environ.get(JOBS_VARIABLE, "").strip() == "1":
        return _in_process(log, query, fmt, make_listing)  # no need to size the log first
    plan_block = log.bucket_plan(query.companies, query.since, query.until, newest_first=query.reverse)
    plan = plan_block.__enter__()
    if plan is None:
        plan_block.__exit__(None, None, None)
        return None
    jobs = jobs_for(plan)
    if jobs < 2:
        plan_block.__exit__(None, None, None)
        return _in_process(log, query, fmt, make_listing)
    return _rendered(plan_block, plan, jobs, query, fmt, make_listing)


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _in_process(log, query: Query, fmt: str, make_listing) -> Iterator[str]:
    """The pieces of ``pieces`` rendered here, one group at a time. A generator: the read lock is
    taken when the first piece is asked for; the shard files are copied under it and it is let go
    before the first piece is rendered (``snapshot``), so a writer never waits for this reader's
    consumer; files too big to copy are read under the lock, held until the last piece."""
    with log.bucket_plan(query.companies, query.since, query.until, newest_first=query.reverse) as plan:
        if plan is None:  # no database yet: the shipped log's rows
            for group in log.row_groups(query.companies, query.since, query.until, newest_first=query.reverse):
                yield render_body(make_listing(select(group, query)), fmt)
            return
        contents = snapshot(plan)
        if contents is None:
            for paths in plan:
                yield render_group(paths, query, fmt, make_listing)
            return
    for paths in plan:
        yield render_group(paths, query, fmt, make_listing, contents)


def render_group(paths: list[str], query: Query, fmt: str, make_listing,
                 contents: dict[str, bytes | None] | None = None) -> str:
    """``render_body(make_listing(select(bucket_rows(paths, since, until), query)), fmt)``, made
    in one pass: each shard file's rows are filtered and turned into text (a line, or CSV cells)
    as soon as the file is read, and let go; only each row's date range, title and text are kept
    and put in date order at the end. Rows parsed from JSON cost more to keep and to free than to
    render, and far less while they are fresh in the processor's caches: this halves the cost of
    a whole-log timeline. A row the fast path cannot render exactly (a TSV cell with a formula
    start or a tab, a row of another shape) sends the group the whole-rows way."""
    listing = make_listing([])
    item = item_function(listing, fmt)
    text = None
    if item is not None:
        try:
            text = join_items(listing, _ordered_items(paths, query, item, contents), fmt)
        except (KeyError, TypeError, AttributeError):
            text = None  # the whole-rows way raises what it raises for such a row, or copes
    if text is None:
        text = render_body(make_listing(select(bucket_rows(paths, query.since, query.until, contents), query)), fmt)
    return text


def _ordered_items(paths: list[str], query: Query, item, contents=None) -> list:
    items: list[tuple] = []
    filtered = filters_rows(query)
    for table in bucket_tables(paths, query.since, query.until, contents):
        rows = kept(list(table.values()), query) if filtered else table.values()
        items += [(row.get("start"), row.get("end"), row["title"], item(row)) for row in rows]
        del table, rows
    return by_date_items(items, query.reverse)


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
        # not Pool.terminate(): a worker it kills may hold a queue's lock, and the pool's task
        # thread then waits on that lock for good (`tracker export | head -1` under load never
        # ended, 1 run in 8). The groups still out (at most 2 x jobs) finish, then the workers go.
        pool.close()
        for result in waiting:
            result.wait()
        pool.join()
        plan_block.__exit__(None, None, None)  # the read lock goes once no worker reads


_TASK: tuple | None = None


def _worker_start() -> None:
    # Ctrl-C reaches the whole process group: the parent handles it (and ends the workers), a
    # worker must not print a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _render_group(paths: list[str]) -> str:
    query, fmt, make_listing = _TASK
    return render_group(paths, query, fmt, make_listing)
