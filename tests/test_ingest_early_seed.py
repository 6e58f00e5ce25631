"""tracker ingest -j N into a new log: the seed is written aside while the workers extract
(``tracker.store.early``) and moved into place when the ingest writes; the log, its undo and
what an interrupted or empty ingest leaves are as without it."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from tests.test_ingest_parallel import BATCH, run, without_stamps
from tracker.api import Tracker, shipped_seed
from tracker.model import Event
from tracker.store import EventLog
from tracker.store.early import EarlySeed

NOTHING = "The weather was mild all week and the harbour stayed quiet.\n"


@pytest.fixture(autouse=True)
def _workers_spawned(spawned_workers):
    """The in-process ingests with -j 2 below start their workers by spawn (tests/conftest.py)."""


@pytest.fixture
def temp(tmp_path, monkeypatch) -> Path:
    """A private temp folder (on the file system of ``tmp_path``) for this process and its children."""
    folder = tmp_path / "temp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def exported(db: Path) -> list[dict]:
    result = run("export", "-f", "jsonl", db=db)
    assert result.returncode == 0, result.stderr
    return without_stamps(result.stdout)


def test_a_first_ingest_on_workers_stages_the_seed_and_publishes_it(tmp_path, temp, monkeypatch):
    published = []
    publish = EarlySeed.publish
    monkeypatch.setattr(EarlySeed, "publish", lambda self: published.append(publish(self)) or published[-1])
    db = tmp_path / "log"
    result = Tracker(db).ingest([str(BATCH)], jobs=2)
    assert published == [True] and result.added >= 8
    assert db.is_dir() and not list(temp.iterdir())  # the staged folder was moved, nothing left behind
    made = tmp_path / "made-here"
    made.mkdir()
    assert db.stat().st_mode & 0o7777 == made.stat().st_mode & 0o7777  # not the private folder's 0700


def test_the_log_and_its_undo_are_those_of_one_process(tmp_path, temp):
    """-j 2 stages the seed, -j 1 writes it in place: the same log, and undo of the first ingest
    leaves the seed in both."""
    logs = {}
    for jobs in (1, 2):
        db = tmp_path / f"log-j{jobs}"
        assert run("ingest", BATCH, "-j", jobs, db=db).returncode == 0
        ingested = exported(db)
        undone = run("undo", db=db)
        assert undone.returncode == 0, undone.stderr
        logs[jobs] = (ingested, exported(db))
    assert logs[1] == logs[2]
    seed = exported(tmp_path / "no-log-here")  # a missing log reads as the shipped seed
    assert logs[2][1] == seed and len(logs[2][0]) > len(seed)
    assert not (tmp_path / "no-log-here").exists() and not list(temp.iterdir())


def test_an_ingest_that_finds_nothing_leaves_no_log_and_no_staged_seed(tmp_path, temp):
    news = tmp_path / "news"
    news.mkdir()
    for n in range(2):
        (news / f"quiet{n}.txt").write_text(NOTHING, encoding="utf-8")
    result = run("ingest", news, "-j", "2", db=tmp_path / "log")
    assert result.returncode == 0, result.stderr
    assert "0 events found" in result.stderr
    assert not (tmp_path / "log").exists() and not list(temp.iterdir())


def test_an_interrupt_after_staging_leaves_no_log_and_no_staged_seed(tmp_path, temp, monkeypatch):
    staged = []
    stage = EarlySeed.stage
    monkeypatch.setattr(EarlySeed, "stage", lambda self: stage(self) or staged.append(self._folder))

    def interrupted(number, total):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        Tracker(tmp_path / "log").ingest([str(BATCH)], jobs=2, progress=interrupted)
    assert staged and staged[0] is not None and staged[0].parent == temp  # it was staged, then deleted
    assert not (tmp_path / "log").exists() and not list(temp.iterdir())


def test_a_log_written_meanwhile_is_never_replaced(tmp_path, temp):
    db = tmp_path / "log"
    early = EarlySeed(db, shipped_seed)
    early.stage()
    assert list(temp.iterdir()) and not db.exists()
    event = Event.from_dict({"date": "2021-03-04", "companies": ["Acme Networks"], "type": "partnership",
                             "title": "Acme Networks signs a deal written meanwhile"})
    EventLog(db, seed=shipped_seed).write(add=[event])  # another process creates the log first
    assert early.publish() is False
    assert any(row["title"] == event.title for row in exported(db)) and not list(temp.iterdir())


@pytest.mark.parametrize("existing", ["file", "folder with a file"])
def test_nothing_is_staged_where_something_is(tmp_path, temp, existing):
    db = tmp_path / "log"
    if existing == "file":
        db.write_text("mine", encoding="utf-8")
    else:
        db.mkdir()
        (db / "notes.txt").write_text("mine", encoding="utf-8")
    early = EarlySeed(db, shipped_seed)
    early.stage()
    assert not list(temp.iterdir()) and early.publish() is False
    assert (db.read_text(encoding="utf-8") if existing == "file" else (db / "notes.txt").read_text(encoding="utf-8")) == "mine"


def test_nothing_is_staged_where_the_temp_folder_is_another_file_system(tmp_path, temp, monkeypatch):
    from tracker.store import early

    real = early.device_of
    monkeypatch.setattr(early, "device_of", lambda path: real(path) + (Path(path) == temp))
    staging = EarlySeed(tmp_path / "log", shipped_seed)
    staging.stage()
    assert not list(temp.iterdir()) and staging.publish() is False
    result = run("ingest", BATCH, "-j", "2", db=tmp_path / "log")  # the write creates the seed in place
    assert result.returncode == 0 and exported(tmp_path / "log") == exported_once(tmp_path)


def exported_once(tmp_path: Path) -> list[dict]:
    db = tmp_path / "log-j1"
    assert run("ingest", BATCH, "-j", "1", db=db).returncode == 0
    return exported(db)


# ---------------------------------------------------------------------------- spare files


def test_an_ingest_into_a_log_renames_spare_files_into_place(tmp_path, temp, monkeypatch):
    from tracker.store.early import Spares

    used = {"files": 0}
    file_as = Spares.file_as

    def spy(self, path):
        before = len(self._files)
        file_as(self, path)
        used["files"] += before - len(self._files)

    monkeypatch.setattr(Spares, "file_as", spy)
    db = tmp_path / "log"
    assert run("ingest", BATCH / "01_nordlicht_funding.txt", db=db).returncode == 0  # the log exists
    Tracker(db).ingest([str(BATCH)], jobs=2)
    assert used["files"] >= 5  # the temps
    assert not list(temp.iterdir())  # the spares not used went with their folder
    check = run("check", db=db)
    assert check.returncode == 0, check.stdout + check.stderr
    in_place = tmp_path / "in-place"
    assert run("ingest", BATCH / "01_nordlicht_funding.txt", db=in_place).returncode == 0
    assert run("ingest", BATCH, "-j", "1", db=in_place).returncode == 0
    assert exported(db) == exported(in_place)
    made = [p for p in (db / "shards").iterdir()] + [p for p in (db / "ids").iterdir()]
    modes = {p.stat().st_mode & 0o7777 for p in made if p.is_file()} | {p.stat().st_mode & 0o7777 for p in made if p.is_dir()}
    made_here = tmp_path / "made-here"
    made_here.mkdir()
    (made_here / "f").write_bytes(b"")
    assert modes <= {made_here.stat().st_mode & 0o7777, (made_here / "f").stat().st_mode & 0o7777}


def test_spares_are_empty_files_only(tmp_path, temp):
    """No spare folders: deleting an unused folder frees its block, which waits for the device
    on a file system mounted with discard (~3 ms each, more than its mkdir saves the write)."""
    from tracker.store.early import Spares

    spares = Spares(tmp_path / "log")
    spares.make(files=3)
    made = list(next(temp.iterdir()).iterdir())
    assert len(made) == 3 and all(p.is_file() and p.stat().st_size == 0 for p in made)
    spares.file_as(tmp_path / "taken.json")
    assert (tmp_path / "taken.json").is_file() and len(spares._files) == 2
    spares.discard()
    assert not list(temp.iterdir())


def test_news_the_new_logs_seed_tells_already_gets_no_spares(tmp_path, temp, monkeypatch):
    """A new log starts from the seed, which holds the events of the seed's own news: ingesting
    that news prepares no spare files for it (they would all be deleted unused); other news does."""
    from tracker.store.early import Spares

    asked = []
    make = Spares.make
    monkeypatch.setattr(Spares, "make", lambda self, files: asked.append(files) or make(self, files))
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    seed_news = sorted(str(p) for p in seeds.glob("*.txt"))
    result = Tracker(tmp_path / "log-seeds").ingest(seed_news[:2], jobs=2)
    assert asked == [0] and result.known > 0
    asked.clear()
    Tracker(tmp_path / "log-batch").ingest([str(BATCH)], jobs=2)
    assert asked and asked[0] > 0
    assert not list(temp.iterdir())
