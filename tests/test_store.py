"""The event log store: what it keeps, how it answers, and how it treats damaged files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.model import Event, Source
from tracker.store import EventLog, ShippedLog, StoreError, WriteResult, open_log
from tracker.store.layout import slug
from tracker.temporal.partial import PartialDate


def event(date, companies, title, quote="q", doc="000.txt", type_="partnership"):
    return Event(
        date=PartialDate.parse(date),
        companies=tuple(companies),
        type=type_,
        title=title,
        sources=(Source(doc=doc, quote=quote, offset=0),),
    )


SEED_EVENTS = [
    event("2017-05-19", ["Nokia", "China Unicom"], "Nokia Shanghai Bell joint venture agreed"),
    event("2018-02-07", ["Qvod"], "Wang Xin released from prison"),
    event(None, ["Tmall"], "Tmall launches something, date unknown"),
]
SEED_COMPANIES = [
    {"name": "China Unicom", "aliases": ["Unicom"], "parent": None},
    {"name": "Nokia", "aliases": [], "parent": None},
    {"name": "Qvod", "aliases": [], "parent": None},
    {"name": "Tmall", "aliases": ["day cat"], "parent": "Alibaba"},
]


def seed():
    return list(SEED_EVENTS), [dict(c) for c in SEED_COMPANIES]


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "log"


@pytest.fixture
def log(db) -> EventLog:
    return EventLog(db, seed)


def titles(rows):
    return sorted(row["title"] for row in rows)


# --- the shipped log and the first write --------------------------------------------------------

def test_no_database_reads_the_seed(db):
    shown = open_log(db, seed)
    assert isinstance(shown, ShippedLog)
    assert titles(shown.rows(["China Unicom"])) == ["Nokia Shanghai Bell joint venture agreed"]
    assert not db.exists()  # reading never creates anything


def test_first_write_creates_the_database_from_the_seed(db, log):
    assert not log.exists
    result = log.write(add=[event("2019", ["Tencent"], "Tencent thing")])
    assert result == WriteResult(added=1, known=0, removed=0)
    assert log.exists and isinstance(open_log(db, seed), EventLog)
    assert len(log.rows()) == 4
    assert {c["name"] for c in log.companies()} >= {"China Unicom", "Nokia", "Qvod", "Tmall", "Tencent"}
    new = [c for c in log.companies() if c["name"] == "Tencent"][0]
    assert new["review"] is True  # first met in an event: flagged for a person to check
    assert log.describe()["events"] == 4


def test_empty_write_on_a_new_database_still_creates_it(db, log):
    assert log.write() == WriteResult(0, 0, 0)
    assert log.exists and len(log.rows()) == 3


# --- multi-company events, ids, sources -----------------------------------------------------------

def test_multi_company_event_is_in_each_company_and_once_in_the_log(log):
    log.write(add=[event("2017-06-19", ["ZTE", "China Mobile"], "ZTE 26 GHz field test")])
    assert titles(log.rows(["ZTE"])) == ["ZTE 26 GHz field test"]
    assert titles(log.rows(["China Mobile"])) == ["ZTE 26 GHz field test"]
    both = log.rows(["ZTE", "China Mobile"])
    assert len(both) == 1
    everything = log.rows()
    assert len(everything) == len({row["id"] for row in everything}) == 4
    row = both[0]
    assert row["start"] == row["end"] == "2017-06-19"
    stored = log.get(row["id"])
    assert stored["companies"] == ["ZTE", "China Mobile"]
    assert (log.path / "shards" / slug("ZTE") / "2017.json").exists()
    assert (log.path / "shards" / slug("China Mobile") / "2017-also.json").exists()  # a second company


def test_same_event_twice_is_known_and_merges_sources(log):
    first = event("2017-06-19", ["ZTE", "China Mobile"], "ZTE 26 GHz field test", quote="one")
    again = event("2017-06-19", ["China Mobile", "ZTE"], "ZTE  26 GHz field TEST", quote="two")
    assert first.id == again.id
    assert log.write(add=[first]) == WriteResult(1, 0, 0)
    assert log.write(add=[again, first]) == WriteResult(0, 2, 0)
    for company in ("ZTE", "China Mobile"):
        (row,) = log.rows([company])
        assert [s["quote"] for s in row["sources"]] == ["one", "two"]
    assert log.stats()["ZTE"]["count"] == 1


def test_known_event_with_nothing_new_changes_no_file(log):
    first = event("2017-06-19", ["ZTE"], "ZTE test")
    log.write(add=[first])
    before = {p: p.read_bytes() for p in log.path.rglob("*.json")}
    assert log.write(add=[first]) == WriteResult(0, 1, 0)
    assert {p: p.read_bytes() for p in log.path.rglob("*.json")} == before


def test_resolve_and_get(log):
    log.write(add=[event("2016", ["Alibaba"], "Alibaba thing")])
    (row,) = log.rows(["Alibaba"])
    event_id = row["id"]
    assert log.resolve_id(event_id[:4]) == [event_id] or event_id in log.resolve_id(event_id[:4])
    assert log.resolve_id(event_id) == [event_id]
    assert log.resolve_id(event_id[:3]) == []
    assert log.resolve_id("zzzz") == []
    assert log.get(event_id)["title"] == "Alibaba thing"
    assert log.get("0000000000") is None
    assert log.get("not-an-id") is None


def test_resolve_ids_answers_each_prefix_as_resolve_id_does(log, tmp_path):
    events = [event(f"2016-{month:02d}", ["Alibaba"], f"Alibaba thing {month}") for month in range(1, 13)]
    log.write(add=events)
    stored = sorted(row["id"] for row in log.rows(["Alibaba"]))
    # prefixes of every length, two sharing an id file, bad ones, one twice
    asked = [stored[0][:4], stored[0][:2] + "ff", stored[1], stored[2][:12], stored[2][:12], "zzzz", "abc", "", "ABCD", stored[3][:5].upper()]
    assert log.resolve_ids(asked) == {prefix: log.resolve_id(prefix) for prefix in asked}
    assert log.resolve_ids(asked)[stored[1]] == [stored[1]]
    shipped = EventLog(tmp_path / "nothing-yet", seed)  # reads answer from the seed
    some = SEED_EVENTS[0].id
    assert shipped.resolve_ids([some[:5], "zzzz"]) == {some[:5]: [some], "zzzz": []}
    assert ShippedLog(SEED_EVENTS, SEED_COMPANIES).resolve_ids([some[:6]]) == {some[:6]: [some]}


def test_remove_takes_the_event_out_everywhere(log):
    e = event("2017-06-19", ["ZTE", "China Mobile"], "ZTE 26 GHz field test")
    log.write(add=[e])
    assert log.write(remove=[e.id, "0000000000", "junk"]) == WriteResult(0, 0, 1)
    assert log.rows(["ZTE"]) == [] and log.rows(["China Mobile"]) == []
    assert log.get(e.id) is None and log.resolve_id(e.id) == []
    assert log.stats()["ZTE"] == {"count": 0, "first": None, "last": None}
    assert log.check() == []


def test_stats_follow_adds_and_removes(log):
    events = [
        event("2015-Q2", ["Baidu"], "b1"),
        event("2015-04-01", ["Baidu"], "b2"),
        event("2019-W01", ["Baidu"], "b3"),
        event(None, ["Baidu"], "b4"),
    ]
    log.write(add=events)
    # on the same first day a coarser date comes first
    assert log.stats()["Baidu"] == {"count": 4, "first": "2015-Q2", "last": "2019-W01"}
    log.write(remove=[events[0].id, events[2].id])
    assert log.stats()["Baidu"] == {"count": 2, "first": "2015-04-01", "last": "2015-04-01"}
    assert log.check() == []


def test_registry_upsert(log):
    log.write(companies=[{"name": "ZTE", "aliases": ["ZTE Corporation"], "parent": None}])
    log.write(companies=[{"name": "ZTE", "aliases": ["ZTE Corp"], "parent": None, "review": False}])
    rows = [c for c in log.companies() if c["name"] == "ZTE"]
    assert rows == [{"name": "ZTE", "aliases": ["ZTE Corp"], "parent": None, "review": False}]


# --- dates ------------------------------------------------------------------------------------------

@pytest.fixture
def dated(log):
    log.write(
        add=[
            event("2016", ["Acme"], "year 2016"),
            event("2017-H1", ["Acme"], "first half 2017"),
            event("2017-05", ["Acme"], "May 2017"),
            event("2017-05-31", ["Acme"], "31 May 2017"),
            event("2017-06-01", ["Acme"], "1 June 2017"),
            event("2020-W01", ["Acme"], "ISO week starting 2019-12-30"),
            event(None, ["Acme"], "undated"),
        ]
    )
    return log


@pytest.mark.parametrize(
    "since, until, expected",
    [
        (None, None, 7),
        ("2017-01-01", None, 5),
        (None, "2017-05-31", 4),
        ("2017-05-15", "2017-05-31", 3),
        ("2017-06-01", "2017-06-01", 2),  # 1 June and the first half (ends 30 June)
        ("2020-01-01", "2020-01-31", 1),  # the week began in 2019 (bucket 2019) and is found
        ("2019-12-31", "2019-12-31", 1),
        ("2030-01-01", None, 0),
        (None, "1999-12-31", 0),
    ],
)
def test_windows_overlap_day_ranges(dated, since, until, expected):
    rows = dated.rows(["Acme"], since, until)
    assert len(rows) == expected
    if since or until:
        assert all(row["start"] is not None for row in rows)  # unknown dates only without a window
    whole = [row for row in dated.rows(None, since, until) if "Acme" in row["companies"]]
    assert titles(whole) == titles(rows)


def test_shipped_and_stored_logs_answer_alike(db):
    stored = EventLog(db, seed)
    extra = [event("2020-W01", ["Qvod"], "week"), event("2017", ["China Unicom", "Tencent"], "deal")]
    stored.write(add=extra)
    shipped = ShippedLog(SEED_EVENTS + extra, SEED_COMPANIES)
    for args in [(None, None, None), (["China Unicom"], None, None), (None, "2018-01-01", None), (["Qvod"], "2020-01-01", "2020-01-02")]:
        assert titles(stored.rows(*args)) == titles(shipped.rows(*args))
    assert stored.stats() == shipped.stats()
    some = extra[1].id
    assert stored.get(some) == shipped.get(some)
    assert stored.resolve_id(some[:5]) == shipped.resolve_id(some[:5])


# --- bulk import ------------------------------------------------------------------------------------

def synthetic(n, start=0):
    names = [f"Company {i}" for i in range(40)]
    for i in range(start, start + n):
        companies = [names[i % 40]] + ([names[(i * 7) % 40]] if i % 3 == 0 and (i * 7) % 40 != i % 40 else [])
        date = [f"{2000 + i % 26}", f"{2000 + i % 26}-{1 + i % 12:02d}", f"{2000 + i % 26}-{1 + i % 12:02d}-{1 + i % 28:02d}", None][i % 4]
        yield event(date, companies, f"Synthetic event {i}", quote=f"quote {i}").to_dict()


def test_import_rows_matches_one_by_one_writes(tmp_path):
    bulk = EventLog(tmp_path / "bulk", seed)
    steps = []
    result = bulk.import_rows(synthetic(3000), progress=lambda *a: steps.append(a))
    assert result == WriteResult(3000, 0, 0)
    assert steps[-1] == (64, 64)
    steps.clear()
    EventLog(tmp_path / "counted", seed).import_rows(synthetic(30_000), progress=lambda *a: steps.append(a), total=30_000)
    assert steps[0] == (10_000, 37_500) and steps[-1] == (37_500, 37_500)
    assert [done for done, _ in steps] == sorted(done for done, _ in steps)
    single = EventLog(tmp_path / "single", seed)
    single.write(add=[Event.from_dict(row) for row in synthetic(3000)])
    assert sorted(bulk.rows(), key=lambda r: r["id"]) == sorted(single.rows(), key=lambda r: r["id"])
    assert bulk.stats() == single.stats()
    assert sorted(c["name"] for c in bulk.companies()) == sorted(c["name"] for c in single.companies())
    assert bulk.check() == [] and single.check() == []
    assert bulk.describe()["events"] == 3003


def test_import_twice_counts_known_and_merges_sources(log):
    log.import_rows(synthetic(500))
    again = list(synthetic(10))
    for row in again:
        row["sources"] = [{"doc": "001.txt", "quote": "again", "article": "", "offset": 5}]
    repeat = list(synthetic(10)) + again + list(synthetic(5, start=500))
    assert log.import_rows(repeat) == WriteResult(5, 20, 0)
    row = log.get(again[0]["id"])
    assert [s["quote"] for s in row["sources"]] == ["quote 0", "again"]
    assert log.check() == []
    assert log.describe()["events"] == 3 + 505


def test_import_accepts_minimal_dicts(log):
    result = log.import_rows([{"date": "2017", "companies": ["ZTE"], "type": "trial", "title": "plain dict"}])
    assert result.added == 1
    (row,) = log.rows(["ZTE"])
    assert row["precision"] == "year" and len(row["id"]) == 20 and row["start"] == "2017-01-01"


# --- damaged files ----------------------------------------------------------------------------------

FIRST = event("2017-06-19", ["ZTE", "China Unicom"], "first")
SECOND = event("2017-06-20", ["ZTE", "China Unicom"], "second")


@pytest.fixture
def twice_written(log):
    """A database where the files below have a previous version (.bak)."""
    log.write(add=[FIRST])
    log.write(add=[SECOND])
    log.write(remove=[FIRST.id])
    log.write(add=[FIRST])
    return log


def zte_shard(log) -> Path:
    return log.path / "shards" / slug("ZTE") / "2017.json"


DAMAGE = {
    "garbage": b"\x00\xff not json at all",
    "truncated": None,  # the first half of the real file
    "empty": b"",
    "foreign": json.dumps({"_default": {"1": {"name": "my shopping list"}}}).encode(),
    "not an object": b"[1, 2, 3]",
}


@pytest.mark.parametrize("kind", sorted(DAMAGE))
@pytest.mark.parametrize("which", ["shard", "registry", "ids"])
def test_damaged_file_is_named_with_its_backup_never_overwritten_and_restorable(twice_written, kind, which):
    log = twice_written
    target = {
        "shard": zte_shard(log),
        "registry": log.path / "registry.json",
        "ids": log.path / "ids" / f"{FIRST.id[:2]}.json",
    }[which]
    assert target.with_name(target.name + ".bak").exists()
    good = target.read_bytes()
    bad = DAMAGE[kind] if DAMAGE[kind] is not None else good[: len(good) // 2]
    target.write_bytes(bad)

    reads = {
        "shard": lambda: log.rows(["ZTE"]),
        "registry": lambda: log.companies(),
        "ids": lambda: log.get(FIRST.id),
    }
    with pytest.raises(StoreError) as caught:
        reads[which]()
    message = str(caught.value)
    assert "\n" not in message
    assert str(target) in message and str(target) + ".bak" in message
    assert caught.value.exit_code == 1

    # Writes that need the damaged file fail and leave it byte for byte.
    attempts = [lambda: log.write(remove=[FIRST.id]), lambda: log.import_rows([FIRST.to_dict()])]
    if which != "ids":
        attempts.append(lambda: log.write(add=[event("2017-06-21", ["ZTE", "China Unicom"], "third")]))
    for attempt in attempts:
        with pytest.raises(StoreError):
            attempt()
        assert target.read_bytes() == bad

    problems = log.check()
    assert any(str(target) in p for p in problems)
    restored = log.restore()
    assert any(str(target) in line for line in restored)
    assert log.check() == []
    assert titles(log.rows(["ZTE"])) in (["first", "second"], ["second"])
    assert target.with_name(target.name + ".damaged").read_bytes() == bad


def test_restore_after_restore_of_a_shard_reindexes(twice_written):
    log = twice_written
    shard = zte_shard(log)
    shard.write_bytes(b"{")
    (line,) = log.restore()
    # ZTE's shard went back one version (before "first" was added again); China Unicom's copy
    # of "first" is intact, so ZTE's copy is rebuilt from it, and the restore says so by id
    assert "rebuilt" in line and FIRST.id in line and "LOST" not in line
    assert titles(log.rows(["ZTE"])) == ["first", "second"]
    assert log.get(FIRST.id)["title"] == "first"
    assert log.stats()["ZTE"]["count"] == 2
    assert log.check() == []
    # adding the event again changes nothing
    assert log.write(add=[FIRST]) == WriteResult(0, 1, 0)
    assert titles(log.rows(["ZTE"])) == ["first", "second"]
    assert log.stats()["ZTE"]["count"] == 2
    assert log.check() == []


def test_missing_registry_is_an_error_and_restorable(twice_written):
    log = twice_written
    (log.path / "registry.json").unlink()
    with pytest.raises(StoreError, match="registry.json.bak"):
        log.rows()
    with pytest.raises(StoreError):
        open_log(log.path, seed)
    assert log.restore()
    assert log.check() == []


def test_registry_without_backup_is_rebuilt_from_events(log):
    log.write(add=[event("2017", ["ZTE"], "only")])
    (log.path / "registry.json").write_bytes(b"garbage")
    (log.path / "registry.json.bak").unlink(missing_ok=True)
    with pytest.raises(StoreError, match="no backup"):
        log.stats()
    assert any("rebuilt" in line for line in log.restore())
    assert log.stats()["ZTE"]["count"] == 1
    assert log.check() == []


def test_path_that_is_a_file_or_a_foreign_folder(tmp_path):
    a_file = tmp_path / "events.json"
    a_file.write_text("{}")
    for call in (lambda: open_log(a_file, seed), lambda: EventLog(a_file, seed).write()):
        with pytest.raises(StoreError, match="is a file"):
            call()
    assert a_file.read_text() == "{}"
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "thesis.docx").write_text("precious")
    with pytest.raises(StoreError, match="not a tracker database"):
        EventLog(folder, seed).write(add=[event("2017", ["ZTE"], "x")])
    assert sorted(p.name for p in folder.iterdir()) == ["thesis.docx"]


def test_a_foreign_file_in_the_shards_is_reported(log):
    log.write(add=[event("2017", ["ZTE"], "x")])
    (log.path / "shards" / slug("ZTE") / "2018.json").write_text('{"events": {"1": {"id": "nope"}}}')
    assert any("does not match" in p for p in log.check())


def test_interrupted_transaction_is_rolled_forward_by_a_reader(log, monkeypatch):
    log.write(add=[event("2017", ["ZTE"], "before")])
    from tracker.store import files

    def die(*args, **kwargs):
        raise KeyboardInterrupt  # stands for a crash right after the commit point

    monkeypatch.setattr(files, "apply_pairs", die)
    with pytest.raises(KeyboardInterrupt):
        log.write(add=[event("2018", ["ZTE"], "after")])
    monkeypatch.undo()
    assert (log.path / "journal.json").exists()
    assert titles(log.rows(["ZTE"])) == ["after", "before"]
    assert not (log.path / "journal.json").exists()
    assert log.check() == []


def test_stray_temps_without_journal_are_cleared(log):
    log.write(add=[event("2017", ["ZTE"], "x")])
    (log.path / "tmp" / "123-1.json").write_text("half")
    log.write(add=[event("2018", ["ZTE"], "y")])
    assert list((log.path / "tmp").iterdir()) == []


# --- model-based: any sequence of writes answers like a plain dict -----------------------------

names = st.sampled_from(["Acme", "Beta", "Gamma"])
dates = st.sampled_from([None, "2016", "2017-H2", "2017-Q3", "2017-08", "2017-W33", "2017-08-15", "2018-01-01"])
events = st.builds(
    lambda d, cs, t, q: event(d, cs, f"title {t}", quote=f"q{q}"),
    dates,
    st.lists(names, min_size=1, max_size=2, unique=True),
    st.integers(0, 6),
    st.integers(0, 2),
)
steps = st.lists(st.tuples(st.lists(events, max_size=4), st.lists(st.integers(0, 30), max_size=2)), min_size=1, max_size=5)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=steps)
def test_any_sequence_of_writes_matches_a_model(tmp_path_factory, steps):
    log = EventLog(tmp_path_factory.mktemp("model") / "log", None)
    model: dict[str, dict] = {}
    order: list[str] = []
    for adds, removes in steps:
        ids = [order[i % len(order)] for i in removes] if order else []
        expected_removed = len({i for i in ids if i in model})
        result = log.write(add=adds, remove=ids)
        for i in ids:
            model.pop(i, None)
        added = known = 0
        for e in adds:
            if e.id in model:
                known += 1
                merged = Event.from_dict(model[e.id]).with_sources(e.sources)
                model[e.id] = merged.to_dict()
            else:
                added += 1
                model[e.id] = e.to_dict()
                order.append(e.id)
        assert result == WriteResult(added, known, expected_removed)
    got = {row["id"]: {k: v for k, v in row.items() if k not in ("start", "end")} for row in log.rows()}
    assert got == model
    for name in ("Acme", "Beta", "Gamma"):
        mine = {r["id"] for r in log.rows([name], "2017-08-01", "2017-08-31")}
        want = {
            i
            for i, r in model.items()
            if name in r["companies"] and PartialDate.parse(r["date"]).overlaps(
                PartialDate.parse("2017-08-01").start, PartialDate.parse("2017-08-31").start
            )
        }
        assert mine == want
    assert log.check() == []


# --- start-up cost -----------------------------------------------------------------------------------

def test_import_is_light():
    code = "import sys, tracker.store; print(sorted(m for m in ('dateparser','tabulate','typer','click','rich') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_import_of_a_known_event_with_companies_in_another_order(log):
    first = event("2017-06-19", ["ZTE", "China Mobile"], "ZTE 26 GHz field test", quote="one")
    again = event("2017-06-19", ["China Mobile", "ZTE"], "ZTE 26 GHz field test", quote="two")
    assert log.import_rows([first.to_dict()]) == WriteResult(1, 0, 0)
    assert log.import_rows([again.to_dict(), again.to_dict()]) == WriteResult(0, 2, 0)
    for company in ("ZTE", "China Mobile"):
        (row,) = log.rows([company])
        assert row["companies"] == ["ZTE", "China Mobile"]
        assert [s["quote"] for s in row["sources"]] == ["one", "two"]
    assert len([r for r in log.rows() if r["id"] == first.id]) == 1
    assert log.check() == []
