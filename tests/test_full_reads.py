"""Whole-log listings stream (issue 16): `timeline` / `export` read the log one year at a time,
give the same rows in the same order as the whole-log read, and keep the store's guarantees
(one state of the log per read, a clear error for a damaged file)."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from operator import itemgetter

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import tracker_command
from tracker.api import Tracker
from tracker.event_formats import CSV_COLUMNS, csv_cells, event_cell, event_listing
from tracker.export import neutralise_formula, plain, render, render_body
from tracker.parallel_read import render_group
from tracker.model import Event, Source
from tracker.query import Query, by_date, by_date_items, order, select
from tracker.store import EventLog
from tracker.store import log as store_log
from tracker.store.layout import slug
from tracker.temporal.partial import PartialDate

DATES = [None, "2015", "2016-H2", "2016-Q3", "2016-07", "2016-W27", "2016-07-04", "2016-07-01", "2017-01-01",
         "2017", "2017-Q1", "2017-01", "2018-12-31", "2019-W01"]  # fmt: skip
COMPANIES = ["Acme", "Beta", "Gamma", "Delta"]


def event(n: int) -> Event:
    """Events with ties on start (a day, its month, quarter, half and year), on title, and with a
    second company (so a company's read meets a copy in its '-also' file)."""
    companies = [COMPANIES[n % 4]] + ([COMPANIES[(n + 1) % 4]] if n % 3 == 0 else [])
    return Event(
        date=PartialDate.parse(DATES[n % len(DATES)]),
        companies=tuple(companies),
        type=("trial", "contract", "partnership")[n % 3],
        title=f"title {n % 7}" + ("; =SUM(A1)" if n % 11 == 0 else ""),
        sources=(Source(doc=f"{n % 5:03d}.txt", quote=f"quote {n} about shanghai" if n % 4 else f"quote {n}", offset=n),),
    )


@pytest.fixture
def big_log(tmp_path):
    db = tmp_path / "log"
    EventLog(db, None).import_rows(event(n).to_dict() for n in range(400))
    return db


QUERIES = [
    Query(),
    Query(reverse=True),
    Query(limit=0),
    Query(limit=1),
    Query(limit=37),
    Query(reverse=True, limit=37),
    Query(since="2016-07-01", until="2017-01-31"),
    Query(since="2017-01-01", reverse=True),
    Query(until="2016-12-31", limit=5),
    Query(types={"trial"}),
    Query(search="shanghai", reverse=True),
    Query(source="003"),
    Query(companies=["Beta"]),
    Query(companies=["Beta", "Gamma"], reverse=True, limit=20),
    Query(companies=["Delta"], since="2016-01-01", until="2016-12-31"),
    Query(sort="company"),
    Query(sort="type", reverse=True, limit=9),
]


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: repr(q)[6:60])
def test_the_stream_is_the_whole_log_read_row_for_row(big_log, query):
    tracker = Tracker(big_log)
    expected = tracker.events(query)
    assert list(tracker.event_stream(query)) == expected
    if query.limit is None and not query.types and not query.search and not query.source:
        assert expected, "the query should find events"


def test_the_shipped_log_streams_too(tmp_path):
    tracker = Tracker(tmp_path / "nothing-yet")
    for query in (Query(), Query(reverse=True, limit=3), Query(since="2017-01-01")):
        assert list(tracker.event_stream(query)) == tracker.events(query)


def test_groups_are_years_in_order_and_undated_last(big_log):
    log = EventLog(big_log, None)
    for newest_first in (False, True):
        groups = list(log.row_groups(newest_first=newest_first))
        years = [{(row["start"] or "none")[:4] for row in group} for group in groups]
        assert all(len(year) == 1 for year in years), "a group holds one year"
        order = [year.pop() for year in years]
        assert order[-1] == "none"
        assert order[:-1] == sorted(order[:-1], reverse=newest_first)
        assert sum(map(len, groups)) == len(log.rows())


def test_a_stream_reads_a_year_only_when_it_gets_there(big_log, monkeypatch):
    read = []  # the files parsed (a small log's bytes are copied first, then parsed a year at a time)
    real = store_log._collect
    monkeypatch.setattr(store_log, "_collect", lambda found, path, *rest: read.append(path) or real(found, path, *rest))
    stream = Tracker(big_log).event_stream(Query())
    first = next(stream)
    assert first["start"].startswith("2015")
    assert read and all(os.path.basename(path) == "2015.json" for path in read)
    stream.close()


@pytest.mark.parametrize("copied", [True, False])
def test_a_streamed_read_sees_one_state_and_a_writer_waits_only_for_a_large_one(big_log, monkeypatch, copied):
    """A read whose files are too big to copy (``SNAPSHOT_BYTES``) holds the shared read lock
    until it is closed: a writer's commit waits. A smaller one copies them under the lock and
    releases it (issue 12: a writer must not wait for a reader's consumer): the writer finishes
    at once. Either way the rows read after the writer started are those of the state the read
    began in."""
    if not copied:
        monkeypatch.setattr(store_log, "SNAPSHOT_BYTES", 0)
    stored = len(EventLog(big_log, None).rows())
    stream = Tracker(big_log).event_stream(Query())
    seen = [next(stream)]
    add = [*tracker_command(), "add", "--db", str(big_log), "-c", "Acme", "-t", "trial", "-d", "2019-12-30",
           "--title", "written during the read"]  # fmt: skip
    writer = subprocess.Popen(add, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        if copied:
            assert writer.wait(timeout=60) == 0, "the writer waited for a read that holds no lock"
        for _ in range(0 if copied else 30):  # 1.5 s: time enough for a writer that did not wait to finish
            time.sleep(0.05)
            assert writer.poll() is None, f"the writer did not wait for the read: {writer.communicate()}"
            assert not (big_log / "journal.json").exists()
        seen.extend(stream)
    finally:
        stream.close()
    out, err = writer.communicate(timeout=60)
    assert writer.returncode == 0, err
    assert "written during the read" not in {row["title"] for row in seen}
    assert len(seen) == stored
    assert any(row["title"] == "written during the read" for row in Tracker(big_log).event_stream(Query()))


def rendered(rows, fmt: str) -> str:
    out = io.StringIO()
    render(event_listing(rows, "Timeline"), fmt, out)
    return out.getvalue()


@pytest.mark.parametrize("args, fmt", [
    ([], "tsv"), (["-f", "csv"], "csv"), (["-f", "jsonl"], "jsonl"), (["-f", "json"], "json"),
    (["-r", "-n", "50", "-f", "csv"], "csv"), (["--since", "2016-07", "--until", "2017"], "tsv"),
    (["-c", "beta", "-f", "jsonl"], "jsonl"), (["-f", "markdown"], "markdown"),
])  # fmt: skip
def test_cli_listings_write_what_the_whole_log_listing_writes(cli, big_log, args, fmt):
    tracker = Tracker(big_log)
    for command in ("timeline", "export"):
        result = cli(command, "--db", big_log, *args, *(["-f", fmt] if "-f" not in args else []))
        assert result.exit_code == 0, result.stderr
        query = Query(
            companies=["Beta"] if "-c" in args else None,
            since="2016-07-01" if "--since" in args else None,
            until="2017-12-31" if "--until" in args else None,
            reverse="-r" in args,
            limit=50 if "-n" in args else None,
        )
        expected = rendered(tracker.events(query), fmt)
        if fmt == "markdown":
            expected = expected.replace("# Timeline", "# Beta", 1) if "-c" in args else expected
        assert result.stdout == expected.replace("\r\n", "\n")  # the runner reads text with universal newlines


def test_json_is_written_record_by_record_as_one_array():
    rows = [Event.from_dict(event(n).to_dict()).to_dict() | {"start": None, "end": None} for n in range(3)]
    for some in (rows, rows[:1], []):
        public = [{k: v for k, v in r.items() if k not in ("start", "end")} for r in some]
        assert rendered(some, "json") == orjson.dumps(public, option=orjson.OPT_INDENT_2).decode() + "\n"


def test_a_damaged_file_met_mid_stream_is_one_clear_error(big_log):
    (big_log / "shards" / slug("Acme") / "2018.json").write_bytes(b'{"events": {"1": ')
    result = subprocess.run([*tracker_command(), "timeline", "--db", str(big_log)], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 1
    assert result.stderr.startswith("tracker: error:") and result.stderr.count("\n") == 1, result.stderr
    assert "2018.json is damaged" in result.stderr and "Traceback" not in result.stderr


# --- worker processes (tracker.parallel_read) -------------------------------------------------


@pytest.mark.parametrize("args", [
    ["timeline"], ["export"], ["export", "-f", "csv"], ["timeline", "-r", "-f", "jsonl"],
    ["timeline", "--since", "2016-07", "--until", "2017", "-t", "trial"], ["company", "beta", "-f", "csv", "-r"],
    ["timeline", "-n", "5"], ["timeline", "-f", "json"], ["timeline", "--search", "nothing like it"],
])  # fmt: skip
def test_listings_by_worker_processes_are_byte_for_byte_those_of_one_process(cli, big_log, monkeypatch, args):
    monkeypatch.setenv("TRACKER_READ_JOBS", "1")
    alone = cli(*args, "--db", big_log)
    monkeypatch.setenv("TRACKER_READ_JOBS", "3")
    workers = cli(*args, "--db", big_log)
    assert alone.exit_code == workers.exit_code == 0, workers.stderr
    assert workers.stdout == alone.stdout
    assert alone.stdout.count("\n") > (1 if "nothing like it" not in args else 0) or "-n" in args


def test_pieces_come_from_workers_only_for_a_large_log(big_log, monkeypatch):
    from tracker import parallel_read

    monkeypatch.delenv("TRACKER_READ_JOBS", raising=False)
    make = lambda rows: event_listing(rows)  # noqa: E731
    expected = rendered(Tracker(big_log).events(Query()), "tsv").split("\n", 1)[1]
    real_context = parallel_read.multiprocessing.get_context
    pools = []
    monkeypatch.setattr(parallel_read.multiprocessing, "get_context", lambda kind: pools.append(kind) or real_context(kind))
    assert "".join(parallel_read.pieces(EventLog(big_log, None), Query(), "tsv", make)) == expected
    assert pools == []  # a few KB: rendered in this process
    monkeypatch.setattr(parallel_read, "MIN_BYTES", 1)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    assert "".join(parallel_read.pieces(EventLog(big_log, None), Query(), "tsv", make)) == expected
    assert pools == ["fork"]
    assert parallel_read.pieces(EventLog(big_log, None), Query(limit=3), "tsv", make) is None
    assert parallel_read.pieces(EventLog(big_log, None), Query(sort="type"), "tsv", make) is None
    assert parallel_read.pieces(EventLog(big_log, None), Query(), "json", make) is None


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_reader_that_goes_away_ends_the_listing_quietly(big_log, jobs):
    """`tracker timeline | head -1`: exit 0, nothing on stderr (no worker's traceback either), and
    the log is not left locked."""
    rows = [event(n).to_dict() | {"title": f"event {n}", "id": None} for n in range(3000)]  # more than a pipe holds
    EventLog(big_log, None).import_rows(rows)
    command = [*tracker_command(), "export", "--db", str(big_log)]
    env = {**os.environ, "TRACKER_READ_JOBS": jobs}
    # stderr goes to a file and the test waits for the process, not for the pipes' end: in a
    # whole-suite run, a process another test left behind in this one can fork while the pipe
    # is open, inherit it and keep it open (two CI runs waited on communicate() so)
    with tempfile.TemporaryFile() as errors:
        listing = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, env=env, bufsize=0)
        assert listing.stdout.read(10)
        listing.stdout.close()
        listing.wait(timeout=120)
        time.sleep(0.3)  # a worker's traceback would come after its parent is gone
        errors.seek(0)
        err = errors.read()
    assert listing.returncode == 0 and err == b"", err.decode()
    EventLog(big_log, None).write(add=[event(1000)])  # not locked out


def test_a_damaged_file_read_by_a_worker_is_one_clear_error(big_log):
    (big_log / "shards" / slug("Acme") / "2018.json").write_bytes(b'{"events": {"1": ')
    result = subprocess.run([*tracker_command(), "export", "--db", str(big_log)], capture_output=True, text=True,
                            timeout=120, env={**os.environ, "TRACKER_READ_JOBS": "2"})
    assert result.returncode == 1
    assert result.stderr.startswith("tracker: error:") and result.stderr.count("\n") == 1, result.stderr
    assert "2018.json is damaged" in result.stderr


# --- the fast paths give what the slow ones give ----------------------------------------------


def by_date_reference(rows):
    """The order by_date gave before it sorted per (start, end) bucket: three stable sorts."""
    dated = [r for r in rows if r.get("start")]
    undated = [r for r in rows if not r.get("start")]
    for part in (dated, undated):
        part.sort(key=itemgetter("title"))
    dated.sort(key=itemgetter("end"), reverse=True)
    dated.sort(key=itemgetter("start"))
    return dated + undated


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(DATES), st.sampled_from(["a", "b", "B", "é"]), st.integers(0, 3))))
def test_by_date_is_the_three_stable_sorts(specs):
    rows = []
    for number, (value, title, copy) in enumerate(specs):
        when = PartialDate.parse(value)
        start = when.start.isoformat() if when.start else None
        rows.append({"start": start, "end": when.end.isoformat() if when.end else None, "title": title,
                     "n": number, "copy": copy})  # fmt: skip
    assert by_date(list(rows)) == by_date_reference(list(rows))
    items = [(r["start"], r["end"], r["title"], r["n"]) for r in rows]  # what a group's reader keeps of a row
    for reverse in (False, True):
        assert by_date_items(list(items), reverse) == [r["n"] for r in order(list(rows), reverse=reverse)]


cell_values = st.one_of(
    st.none(), st.text(max_size=6), st.sampled_from(["=1+1", "+x", "-3", "@a", "'=x", "'a", "\tx", "a\n=b", ""]),
    st.integers(-3, 3), st.booleans(), st.lists(st.one_of(st.text(max_size=4), st.none(), st.integers()), max_size=3),
)
source_like = st.one_of(
    st.fixed_dictionaries({"doc": cell_values, "quote": cell_values},
                          optional={"article": cell_values, "offset": cell_values, "date_text": cell_values, "url": cell_values}),
    cell_values,
)  # fmt: skip
row_like = st.fixed_dictionaries(
    {name: cell_values for name in ("id", "date", "start", "end", "precision", "type", "title", "recorded")}
    | {name: st.one_of(st.lists(st.text(max_size=5), max_size=3), cell_values) for name in ("companies", "people", "tags")}
    | {"sources": st.one_of(st.lists(source_like, max_size=3), st.none())}
)

texts = st.one_of(st.text(max_size=6), st.sampled_from(["=1+1", "+x", "-3", "@a", "'=x", "'a", "\tx", "a\n=b", "a\nb", ""]))
stored_like = st.fixed_dictionaries(  # rows of the shape the store holds, text anywhere a user writes
    {name: texts for name in ("id", "precision", "type", "title", "recorded")}
    | {name: st.one_of(st.none(), texts) for name in ("date", "start", "end")}
    | {name: st.lists(texts, max_size=3) for name in ("companies", "people", "tags")}
    | {"sources": st.lists(st.fixed_dictionaries(
        {"doc": texts, "quote": texts, "article": texts, "offset": st.one_of(st.none(), st.integers(-2, 99))},
        optional={"date_text": texts, "url": texts}), max_size=3)}
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.one_of(stored_like, row_like))
def test_csv_cells_are_the_per_cell_csv_cells(row):
    try:
        expected = [neutralise_formula(plain(event_cell(row, column))) for column in CSV_COLUMNS]
    except Exception as exc:  # a row the per-cell way fails on: the fast way fails the same
        with pytest.raises(type(exc)):
            csv_cells(row)
        return
    got = csv_cells(row)
    out, want = io.StringIO(), io.StringIO()
    csv.writer(out).writerow(got)
    csv.writer(want).writerow(expected)
    assert out.getvalue() == want.getvalue()


@settings(max_examples=150, deadline=None)
@given(st.lists(stored_like, max_size=4))
def test_tsv_in_blocks_is_the_per_row_tsv(rows):
    """The bulk TSV path (``tsv_block``: lines joined, then checked as one text) writes what the
    per-row path writes, or hands the rows to it: formula starts, apostrophes, tabs, line breaks."""
    fast = event_listing(rows)
    slow = replace(event_listing(rows), tsv_block=None, tsv_line=None)
    try:
        expected = render_body(slow, "tsv")
    except Exception as exc:
        with pytest.raises(type(exc)):
            render_body(fast, "tsv")
        return
    assert render_body(fast, "tsv") == expected


RISKY_TITLES = ["=SUM(A1)", "'quoted' start", "-3 percent", "+1 more", "@here", "＝full", "tab\tinside",
                "line\nbreak", "cr\rthere", "plain title", "'=x"]  # fmt: skip


@pytest.mark.parametrize("risky", [False, True])
def test_a_group_rendered_as_it_is_read_is_the_whole_rows_rendering(tmp_path, monkeypatch, risky):
    """``render_group`` (each shard file's rows rendered as read, then ordered) gives the bytes
    of rendering the group's rows whole, in every piece format, for filters, windows, reverse
    and a company read (which meets '-also' copies); risky titles send a TSV group the slow way."""
    db = tmp_path / "log"
    rows = [event(n).to_dict() for n in range(120)]
    if risky:
        for n, row in enumerate(rows[::7]):
            row["title"] = RISKY_TITLES[n % len(RISKY_TITLES)]
    EventLog(db, None).import_rows(rows)
    log = EventLog(db, None)
    from tracker import parallel_read

    whole_rows_way = []
    monkeypatch.setattr(parallel_read, "render_body", lambda *args: whole_rows_way.append(args[1]) or render_body(*args))
    for query in [Query(), Query(reverse=True), Query(since="2016-07-01", until="2017-01-31"), Query(types={"trial"}),
                  Query(search="shanghai", reverse=True), Query(companies=["Beta", "Gamma"])]:  # fmt: skip
        with log.bucket_plan(query.companies, query.since, query.until, newest_first=query.reverse) as plan:
            for paths in plan:
                whole = select(store_log.bucket_rows(paths, query.since, query.until), query)
                for fmt in ("tsv", "csv", "jsonl"):
                    assert render_group(paths, query, fmt, event_listing) == render_body(event_listing(whole), fmt)
    assert set(whole_rows_way) == ({"tsv"} if risky else set())  # only a TSV cell needs the per-row path


def test_csv_cells_of_a_stored_event():
    row = event(11).to_dict() | {"start": "2017-01-01", "end": "2017-12-31"}
    assert csv_cells(row)[CSV_COLUMNS.index("title")] == "title 4; =SUM(A1)"
    row["title"] = "=SUM(A1)"
    assert csv_cells(row)[CSV_COLUMNS.index("title")] == "'=SUM(A1)"
    assert csv_cells(row) == [neutralise_formula(plain(event_cell(row, c))) for c in CSV_COLUMNS]


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-q"]))
