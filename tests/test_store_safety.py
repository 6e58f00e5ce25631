"""Never lose an event (issue 5): concurrent writers and writers killed mid-write.

The crash test kills writers at each step of a commit; TRACKER_KILLS (default 3) adds kills at
random moments (a soak run: TRACKER_KILLS=200).
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from tracker.model import Event, Source
from tracker.store import EventLog
from tracker.temporal.partial import PartialDate

ROOT = Path(__file__).resolve().parent.parent


def make_event(tag: str, n: int, companies=("Acme",)) -> Event:
    return Event(
        date=PartialDate.parse(f"{2000 + n % 26}-{1 + n % 12:02d}"),
        companies=tuple(companies),
        type="contract",
        title=f"{tag} event {n}",
        sources=(Source(doc="000.txt", quote=f"{tag} quote {n}", offset=n),),
    )


def seed():
    return [make_event("seed", 0, ("China Unicom",))], [{"name": "China Unicom", "aliases": ["Unicom"], "parent": None}]


def _writer(path: str, worker: int, barrier) -> None:
    log = EventLog(Path(path), seed)
    barrier.wait()
    for n in range(25):
        companies = [f"Company {(worker + n) % 5}"] + ([f"Company {worker}"] if n % 2 else [])
        log.write(add=[make_event(f"w{worker}", n, companies)])


def test_eight_processes_adding_25_events_each_at_once_keep_all_200(tmp_path):
    path = tmp_path / "log"  # does not exist: the writers also race to create it from the seed
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(8)
    workers = [context.Process(target=_writer, args=(str(path), w, barrier)) for w in range(8)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
        assert worker.exitcode == 0
    log = EventLog(path, seed)
    titles = {row["title"] for row in log.rows()}
    expected = {f"w{w} event {n}" for w in range(8) for n in range(25)}
    assert expected <= titles
    assert len(titles) == 201  # and the seed event, once
    assert log.describe()["events"] == 201
    assert log.check() == []


# --- SIGKILL where it matters -------------------------------------------------------------------
#
# A writer is killed at each step of its commit (``files.Transaction.commit``), by a hook that makes
# the process SIGKILL itself just before a chosen system call: before the commit point the write
# must vanish, after it the next reader must roll it forward. A few more kills land at random
# moments, for the steps nobody thought of (TRACKER_KILLS sets how many; a soak run sets 200).

CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    sys.path.insert(0, {root!r})
    from tests.test_store_safety import arm, batch_events, seed
    from tracker.store import EventLog

    log = EventLog(Path({path!r}), seed)
    mode, batches, kill = sys.argv[1], [int(b) for b in sys.argv[2].split(",") if b], sys.argv[3]
    if mode == "read":
        arm(kill)
        log.rows()
    for index, batch in enumerate(batches):
        if kill and index == len(batches) - 1:
            arm(kill)  # the first batch commits; the kill lands in the last one
        events = batch_events(batch)
        if mode == "import":
            log.import_rows(e.to_dict() for e in events)
        elif mode == "remove":
            log.write(remove=[e.id for e in events])
        else:
            log.write(add=events)
        print(batch, flush=True)
    """
)
BATCH = 150  # about 300 files a commit: a bulk one (64 files or more), past every numbered kill point
SMALL = 12

# Where a writer dies, and whether its write is committed then (True: after the commit point).
# The first rename of a commit is the journal's (the commit point), then one per file; each file
# gets a backup link first; the journal is deleted once every file is in place.
KILL_POINTS = {
    "fsync:1": False,  # temps written, journal not yet
    "replace:1": False,  # the journal fully written, not renamed into place
    "replace:2": True,  # committed, no file moved yet
    "link:12": True,  # a backup link in the middle of moving the files
    "replace:20": True,  # in the middle of moving the files
    "unlink:journal": True,  # every file moved, the journal still there
}


def arm(point: str) -> None:
    """Make this process SIGKILL itself just before a system call: ``replace:N`` (the N-th
    os.replace), ``link:N``, ``fsync:N``, or ``unlink:journal`` (deleting the journal)."""
    name, _, which = point.partition(":")
    real = getattr(os, name)
    calls = 0

    def hooked(*args, **kwargs):
        nonlocal calls
        calls += 1
        if (str(args[0]).endswith("journal.json") if which == "journal" else calls == int(which)):
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)

    setattr(os, name, hooked)


def batch_events(batch: int) -> list[Event]:
    """An odd batch: BATCH events (a bulk commit of hundreds of files); an even one: SMALL events
    (a commit of fewer than 64 files, each fsynced)."""
    size = SMALL if batch % 2 == 0 else BATCH
    return [make_event(f"b{batch}", n, [f"Company {(batch * 31 + n) % 97}", f"Company {n % 13}"]) for n in range(size)]


def batch_ids(batch: int) -> set[str]:
    return {e.id for e in batch_events(batch)}


def kill_rounds(randoms: int, rng: random.Random) -> list[tuple[str, str, str]]:
    """(mode, kill, reader's kill) for each round. Every kill point in both ways a commit goes:
    a bulk one ("import": temps unsynced, one os.sync) and a small one ("write" of a few events:
    each temp fsynced); removals at the commit point; a reader killed while it rolls the killed
    writer's committed write forward (the next reader finishes it); then kills at random moments
    ("random:<delay>")."""
    rounds = [(mode, point, "") for point in KILL_POINTS for mode in ("import", "write")]
    rounds += [("remove", "replace:1", ""), ("remove", "replace:2", "")]
    rounds += [("import", "replace:2", "replace:3"), ("write", "unlink:journal", "unlink:journal")]
    rounds += [(("import", "write", "remove")[n % 3], f"random:{rng.uniform(0.05, 1.5):.2f}", "") for n in range(randoms)]
    return rounds


def test_writers_killed_where_it_matters_never_lose_committed_events(tmp_path):
    rng = random.Random(5)
    path = tmp_path / "log"
    log = EventLog(path, seed)
    base = [
        make_event("base", n, [f"Company {n % 97}"] + ([f"Company {n % 13}"] if n % 3 == 0 else [])).to_dict()
        for n in range(1_500)
    ]
    log.import_rows(base)
    base_ids = {row["id"] for row in base}
    script = CHILD.format(root=str(ROOT), path=str(path))

    present: set[int] = set()  # batches whose events must all be in the log
    absent: set[int] = set()  # batches none of whose events may be in the log
    fresh = {"import": 1, "write": 2}  # odd batches are bulk commits, even ones small commits
    ids_of = {}
    outcomes = {"committed": 0, "interrupted": 0}
    for round_, (mode, kill, reader_kill) in enumerate(kill_rounds(int(os.environ.get("TRACKER_KILLS", "3")), rng)):
        if mode == "remove":
            batches = rng.sample(sorted(present), 2)
        else:
            batches = [fresh[mode], fresh[mode] + 2]
            fresh[mode] += 4
        delay = float(kill.partition(":")[2]) if kill.startswith("random:") else None
        argv = [sys.executable, "-c", script, mode, ",".join(map(str, batches)), "" if delay else kill]
        child = subprocess.Popen(argv, stdout=subprocess.PIPE, text=True)
        if delay:
            time.sleep(delay)
            child.send_signal(signal.SIGKILL)
        out, _ = child.communicate(timeout=120)
        assert child.returncode == -signal.SIGKILL or delay, f"round {round_}: {mode} {kill} was not killed"
        reported = {int(line) for line in out.split()}
        if reader_kill:
            reader = subprocess.run([sys.executable, "-c", script, "read", "", reader_kill], timeout=120)
            assert reader.returncode == -signal.SIGKILL, f"round {round_}: the reader was not killed ({reader_kill})"
            assert (path / "journal.json").exists(), f"round {round_}: a reader killed rolling forward leaves the journal"

        stored = {row["id"] for row in EventLog(path, seed).rows()}  # loads (rolling forward if needed)
        assert not (path / "journal.json").exists()
        assert base_ids <= stored, f"round {round_}: events of the base log lost"
        for batch in batches:
            ids = ids_of.setdefault(batch, batch_ids(batch))
            all_there, none_there = ids <= stored, not (ids & stored)
            assert all_there or none_there, f"round {round_}: batch {batch} half applied ({mode}, {kill})"
            done = batch in reported or (batch == batches[-1] and KILL_POINTS.get(kill, False))
            if done:
                assert all_there if mode != "remove" else none_there, f"round {round_}: committed batch {batch} lost ({kill})"
            elif delay is None:
                assert none_there if mode != "remove" else all_there, f"round {round_}: batch {batch} not committed yet applied"
            (present if all_there else absent).add(batch)
            (absent if all_there else present).discard(batch)
            outcomes["committed" if all_there != (mode == "remove") else "interrupted"] += 1
        for batch in present:
            assert ids_of[batch] <= stored
        for batch in absent:
            assert not (ids_of[batch] & stored)
    final = EventLog(path, seed)
    assert final.check() == []
    assert final.describe()["events"] == len(final.rows())
    print(f"{round_ + 1} kills survived; batch outcomes: {outcomes}")


def _batch_writer(path: str, batches: int) -> None:
    log = EventLog(Path(path), seed)
    for batch in range(1, batches + 1):
        log.write(add=[make_event(f"b{batch}", n, [f"Company {(batch * 31 + n) % 97}", f"Company {n % 13}"]) for n in range(300)])


def test_readers_never_see_half_a_transaction(tmp_path):
    path = tmp_path / "log"
    EventLog(path, seed).write()
    context = multiprocessing.get_context("fork")
    writer = context.Process(target=_batch_writer, args=(str(path), 8))
    writer.start()
    sizes = []
    reads = 0
    while writer.is_alive() or reads == 0:
        titles = {row["title"] for row in EventLog(path, seed).rows()}
        for batch in range(1, 9):
            count = sum(1 for n in range(300) if f"b{batch} event {n}" in titles)
            assert count in (0, 300), f"a reader saw {count} of batch {batch}'s 300 events"
        sizes.append(len(titles))
        reads += 1
    writer.join()
    assert writer.exitcode == 0
    assert sizes == sorted(sizes) and len(set(sizes)) > 1, "the reads should have seen the log grow"


def test_a_reader_waits_for_the_writer_creating_the_log_instead_of_calling_it_damaged(tmp_path):
    """The first write makes a log's files one by one, its registry last: a command that meets the
    log half made while that writer holds its lock waits for it instead of saying the registry is
    damaged (eight writers racing to create one log met this)."""
    import fcntl

    db = tmp_path / "log"
    tracker = [sys.executable, "-m", "tracker.cli"]
    added = subprocess.run([*tracker, "add", "--db", str(db), "-c", "Acme", "-t", "other", "--title", "First", "-d", "2019"],
                           capture_output=True, text=True, timeout=60)
    assert added.returncode == 0, added.stderr
    registry = db / "registry.json"
    aside = tmp_path / "registry.aside"
    registry.rename(aside)  # as if the creating writer had not renamed it into place yet
    (db / "registry.json.bak").unlink(missing_ok=True)
    lock = os.open(db / ".write.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(lock, fcntl.LOCK_EX)
    reader = subprocess.Popen([*tracker, "companies", "--db", str(db)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
    try:
        time.sleep(1.0)
        assert reader.poll() is None, reader.communicate()[1]  # still waiting for the writer
        aside.rename(registry)  # the writer finishes
    finally:
        os.close(lock)
    out, err = reader.communicate(timeout=60)
    assert reader.returncode == 0, err
    assert "damaged" not in err and "ZTE" in out
