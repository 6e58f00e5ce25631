"""Safe files: validated reads, atomic multi-file transactions, inter-process locks.

A transaction stages every file it changes; ``commit`` then

1. writes each new file to ``<db>/tmp/`` and flushes it to disk (fsync; a bulk import writes
   them all and then calls ``os.sync`` once, which costs 0.02 s where 54,000 fsyncs cost 20 s);
2. under the exclusive read lock, writes the journal (temp + fsync + rename: the commit point)
   listing (temp, final) pairs;
3. for each pair: hard-links the old file to ``<file>.bak`` and renames the temp over the file;
4. fsyncs the directories and deletes the journal.

Any process that finds a journal rolls it forward (renames are idempotent: a pair whose temp is
gone is done). A writer starting with no journal deletes whatever is left in ``tmp/``. So a
process killed at any moment leaves the old or the new state of the whole transaction.

The temps live in ``<db>/tmp/`` rather than next to each file: a rename inside one file system is
atomic either way, and clearing stray temps is one small directory listing instead of a walk
over tens of thousands of shard folders.

Locks (``fcntl.flock``, released by the kernel when a process dies):

- ``.write.lock``: exclusive for a writer's whole read-modify-write, so writers are serialised
  and each one reads every file afresh under it (issue 5: a long-lived TinyDB object loses
  inserts even under a lock);
- ``.lock``: shared for readers, exclusive for a writer only while it applies its journal, so a
  reader never sees half a transaction and is never kept waiting for a long import to compute;
- ``.gate.lock``: taken before ``.lock`` (exclusive by a writer until it holds ``.lock``, shared
  and at once released by a reader), so a writer waits for the readers already in, not for
  every reader that comes after it.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import signal
import sys
import threading
import time
from contextlib import contextmanager, nullcontext
from pathlib import Path

import orjson
from tinydb.storages import Storage

from tracker.atomicfile import fsync_dir
from tracker.errors import TrackerError
from tracker.store.layout import EVENTS_TABLE, FORMAT, IDS_TABLE, JOURNAL, REJECTED_TABLE, TMP

# How error messages tell the user to repair a damaged file; the CLI may set its own wording.
RESTORE_HINT = "run `tracker check` to see all problems and `tracker check --restore` to restore backups"


class StoreError(TrackerError):
    """A storage failure with a one-line message for the user (exit code 1)."""


def backup_of(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def damaged(path: Path, reason: str) -> StoreError:
    bak = backup_of(path)
    if bak.exists():
        where = f"the previous version is kept in {bak}; {RESTORE_HINT}"
    else:
        where = f"there is no backup ({bak} does not exist); `tracker check --restore` rebuilds what the other files hold"
    return StoreError(f"{path} is damaged or not a tracker file ({reason}); it was left unchanged; {where}")


# --- validated reads -------------------------------------------------------------------------

def load_bytes(raw: bytes, path: Path, kind: str) -> dict:
    """Parse and check one database file's content. ``kind``: registry, shard, ids or any."""
    if not raw.strip():
        raise damaged(path, "empty file")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise damaged(path, f"not JSON: {str(exc).splitlines()[0]}") from None
    problem = shape_problem(data, kind)
    if problem:
        raise damaged(path, problem)
    return data


def shape_problem(data, kind: str) -> str | None:
    """Why parsed JSON is not a tracker file of this kind (None when it is)."""
    if not isinstance(data, dict):
        return f"expected a JSON object, found {type(data).__name__}"
    allowed = {"registry": ("companies", "stats", "meta", REJECTED_TABLE), "shard": (EVENTS_TABLE,), "ids": (IDS_TABLE,)}.get(kind)
    for name, table in data.items():
        if allowed is not None and name not in allowed:
            return f"unexpected table {name!r}"
        if not isinstance(table, dict):
            return f"table {name!r} is not an object"
        for key, row in table.items():
            if type(row) is not dict or not key.isdigit():
                return f"table {name!r} has a malformed document {key!r}"
    if kind == "registry":
        formats = [row.get("format") for row in data.get("meta", {}).values()]
        if FORMAT not in formats:
            return f"no {FORMAT!r} format mark in its meta table"
    return None


def read_file(path: Path, kind: str) -> dict | None:
    """A database file's content, None when it does not exist; StoreError when it is damaged."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise damaged(path, "a folder where a file is expected") from None
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror}") from None
    return load_bytes(raw, path, kind)


# --- TinyDB storage ----------------------------------------------------------------------------

class TxStorage(Storage):
    """A TinyDB storage whose writes go into a transaction instead of straight to disk.

    ``TinyDB(path, storage=TxStorage, txn=txn, kind="shard")``: reads see what this transaction
    already staged, else the file on disk as it is now (never a cached copy); ``write`` stages
    the new content, which reaches the disk atomically with the rest of the transaction.
    """

    def __init__(self, path, txn: "Transaction", kind: str = "any"):
        self.path = Path(path)
        self.txn = txn
        self.kind = kind

    def read(self):
        return self.txn.load(self.path, self.kind)

    def write(self, data) -> None:
        self.txn.stage(self.path, data)

    def close(self) -> None:
        pass


# --- locks -------------------------------------------------------------------------------------

def _lock_fd(path: Path, mode: int, create: bool) -> int | None:
    try:
        fd = os.open(path, os.O_RDWR | (os.O_CREAT if create else 0), 0o644)
    except FileNotFoundError:
        if create and os.path.isdir(path.parent) and not os.access(path.parent, os.W_OK):
            return None  # a read-only folder: nobody can write it, so a reader needs no lock
        return None
    except OSError as exc:
        if exc.errno not in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise StoreError(f"cannot open lock file {path}: {exc.strerror}") from None
        # A read-only file system or folder: a read-only descriptor can still be locked.
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            return None
    try:
        _acquire(fd, mode, path)
    except BaseException:
        os.close(fd)
        raise
    return fd


# --- waiting for a lock: said on a terminal, given up after a timeout ---------------------------

LOCK_TIMEOUT_ENV = "TRACKER_LOCK_TIMEOUT"
DEFAULT_LOCK_TIMEOUT = 60.0


class LockTimeout(StoreError):
    """Another process held the log's lock for longer than the lock timeout."""


def lock_timeout() -> float:
    """Seconds to wait for a lock: $TRACKER_LOCK_TIMEOUT (set by --lock-timeout too), else 60."""
    raw = os.environ.get(LOCK_TIMEOUT_ENV, "").strip()
    if not raw:
        return DEFAULT_LOCK_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not value >= 0 or value == float("inf"):
        from tracker.errors import UsageError

        raise UsageError(f"{LOCK_TIMEOUT_ENV}={raw!r} is not a number of seconds (0 or more)")
    return value


def lock_holders(fd: int) -> list[int]:
    """The processes holding a lock on the file open at ``fd`` (Linux /proc/locks; [] elsewhere)."""
    info = os.fstat(fd)
    wanted = f"{os.major(info.st_dev):02x}:{os.minor(info.st_dev):02x}:{info.st_ino}"
    try:
        with open("/proc/locks") as table:
            lines = table.read().splitlines()
    except OSError:
        return []
    holders = []
    for line in lines:
        fields = line.split()
        if len(fields) > 5 and fields[1] != "->" and fields[5] == wanted and fields[4].isdigit():
            pid = int(fields[4])
            if pid != os.getpid() and pid not in holders:
                holders.append(pid)
    return holders


class _TimedOut(Exception):
    pass


def _acquire(fd: int, mode: int, path: Path) -> None:
    """flock, at once when free; else say who holds it (on a terminal) and wait at most the timeout."""
    try:
        fcntl.flock(fd, mode | fcntl.LOCK_NB)
        return
    except BlockingIOError:
        pass
    timeout = lock_timeout()
    holders = lock_holders(fd)
    who = f"process {', '.join(map(str, holders))}" if holders else "another process"
    if sys.stderr is not None and sys.stderr.isatty():
        sys.stderr.write(f"tracker: waiting for {who} (holding the lock of {path.parent})…\n")
        sys.stderr.flush()
    if not _wait_for(fd, mode, timeout):
        holders = lock_holders(fd) or holders
        who = f"process {', '.join(map(str, holders))}" if holders else "another process"
        raise LockTimeout(
            f"gave up after {timeout:g} s waiting for {who} holding the lock of {path.parent} "
            f"(a stopped or hung tracker?); wait longer with --lock-timeout SECONDS or ${LOCK_TIMEOUT_ENV}"
        )


def _wait_for(fd: int, mode: int, timeout: float) -> bool:
    """Block on the lock for at most ``timeout`` seconds; True once held."""
    if timeout > 0 and threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        # A blocking flock wakes as soon as the lock is free (polling would lose it to blocked
        # waiters); an interval timer interrupts it at the deadline.
        def expire(signum, frame):
            raise _TimedOut()

        previous = signal.signal(signal.SIGALRM, expire)
        try:
            signal.setitimer(signal.ITIMER_REAL, timeout)
            fcntl.flock(fd, mode)
            signal.setitimer(signal.ITIMER_REAL, 0)
            return True
        except _TimedOut:
            pass
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        return _try(fd, mode)  # the timer may have fired just as the lock came
    deadline = time.monotonic() + timeout
    pause = 0.005
    while True:
        if _try(fd, mode):
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(pause)
        pause = min(pause * 2, 0.1)


def _try(fd: int, mode: int) -> bool:
    try:
        fcntl.flock(fd, mode | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def _unlock(fd: int | None) -> None:
    if fd is not None:
        os.close(fd)  # closing the descriptor releases the flock


def wait_for_writer(root: Path) -> None:
    """Return once no process holds the log's writer lock (at once when none does)."""
    _unlock(_lock_fd(root / ".write.lock", fcntl.LOCK_SH, create=False))


# The gate in front of ``.lock``: flock grants a shared lock while an exclusive request waits,
# so readers in a loop kept a writer's commit waiting for minutes (issue 12: 4 of 5 adds gave up
# after 60 s beside 8 looping timelines). A writer holds the gate while it waits for ``.lock``;
# a reader passes through it (shared, released at once) and so queues behind a waiting writer.
GATE = ".gate.lock"


_read_locks_held = 0  # by this process: a read inside a read must not queue behind a writer waiting for it


def _gated_lock(root: Path, mode: int, create: bool) -> int | None:
    """``.lock`` in ``mode``, taken through the gate (see GATE)."""
    if mode == fcntl.LOCK_SH and _read_locks_held:
        return _lock_fd(root / ".lock", mode, create)
    gate = _lock_fd(root / GATE, mode, create)
    try:
        return _lock_fd(root / ".lock", mode, create)
    finally:
        _unlock(gate)


@contextmanager
def reading(root: Path):
    """Shared read lock; finishes an interrupted transaction first if one is found."""
    global _read_locks_held
    fd = _gated_lock(root, fcntl.LOCK_SH, create=False)
    try:
        if (root / JOURNAL).exists():
            _unlock(fd)
            fd = None
            if not os.access(root, os.W_OK):
                raise StoreError(f"{root} holds an interrupted write that needs write access to finish")
            fd = _gated_lock(root, fcntl.LOCK_EX, create=True)
            recover(root)
            _unlock(fd)
            fd = None
            fd = _gated_lock(root, fcntl.LOCK_SH, create=False)
        _read_locks_held += 1
        try:
            yield
        finally:
            _read_locks_held -= 1
    finally:
        _unlock(fd)


@contextmanager
def writing(root: Path):
    """Exclusive writer lock for a whole read-modify-write; recovers and clears stray temps first."""
    try:
        root.mkdir(parents=True, exist_ok=True)
        (root / TMP).mkdir(exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create the database folder {root}: {exc.strerror}") from None
    wfd = _lock_fd(root / ".write.lock", fcntl.LOCK_EX, create=True)
    if wfd is None:
        raise StoreError(f"cannot write to {root}: permission denied")
    try:
        rfd = _gated_lock(root, fcntl.LOCK_EX, create=True)
        try:
            recover(root)
            clear_temps(root)
        finally:
            _unlock(rfd)
        yield
    finally:
        _unlock(wfd)


@contextmanager
def applying(root: Path):
    fd = _gated_lock(root, fcntl.LOCK_EX, create=True)
    try:
        yield
    finally:
        _unlock(fd)


# --- transactions ------------------------------------------------------------------------------

def _write_synced(path: Path, data: bytes, sync: bool = True) -> None:
    with open(path, "wb") as handle:
        handle.write(data)
        if sync:
            handle.flush()
            os.fsync(handle.fileno())


def clear_temps(root: Path) -> None:
    """Delete temps a killed writer left before its commit point (there is no journal)."""
    tmp = root / TMP
    try:
        names = os.listdir(tmp)
    except FileNotFoundError:
        return
    for name in names:
        try:
            os.unlink(tmp / name)
        except OSError:
            pass


def recover(root: Path) -> bool:
    """Roll forward a committed but unfinished transaction. Caller holds the exclusive read lock."""
    journal = root / JOURNAL
    try:
        raw = journal.read_bytes()
    except FileNotFoundError:
        return False
    try:
        pairs = orjson.loads(raw)["pairs"]
    except (orjson.JSONDecodeError, KeyError, TypeError):
        # The journal is renamed into place only once complete, so this is foreign damage.
        raise damaged(journal, "unreadable journal of an interrupted write") from None
    problem = journal_problem(root, pairs)
    if problem:
        raise StoreError(
            f"{journal} is not a journal tracker wrote ({problem}); nothing was moved: "
            "a crafted or foreign log folder? move that file away only if you trust the folder"
        )
    apply_pairs(root, pairs)
    os.unlink(journal)
    fsync_dir(root)
    return True


# The only paths a journal of ours names (see ``layout``): a temp of ``Transaction.temp_path``
# moved onto the registry, a shard file or an id file. Anything else (``..``, an absolute path,
# another name) is a crafted journal and is never executed.
_JOURNAL_TEMP = re.compile(r"tmp/[0-9]{1,10}-[0-9]{1,12}\.json")
_JOURNAL_FINAL = re.compile(
    r"registry\.json|ids/[0-9a-f]{2}\.json|shards/[a-z0-9-]{1,40}-[0-9a-f]{8}/(?:[0-9]{4}|undated)(?:-also)?\.json"
)


def is_own_file(rel) -> bool:
    """Whether a relative path names one of the files a log writes (registry, id file, shard)."""
    return isinstance(rel, str) and _JOURNAL_FINAL.fullmatch(rel) is not None


def journal_problem(root: Path, pairs) -> str | None:
    """Why a journal's pairs are not ones this store writes (None when every one is)."""
    if not isinstance(pairs, list):
        return "its pairs are not a list"
    for pair in pairs:
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair)):
            return f"a pair is not two paths: {str(pair)[:80]!r}"
        tmp_rel, final_rel = pair
        if not _JOURNAL_TEMP.fullmatch(tmp_rel):
            return f"{tmp_rel[:80]!r} is not a temp file of this log"
        if not _JOURNAL_FINAL.fullmatch(final_rel):
            return f"{final_rel[:80]!r} is not a file of this log"
        # No step may pass through a symbolic link: it could lead out of the log folder.
        for rel in (tmp_rel, final_rel):
            parts = rel.split("/")
            for depth in range(1, len(parts) + 1):
                if os.path.islink(root.joinpath(*parts[:depth])):
                    return f"{'/'.join(parts[:depth])!r} is a symbolic link"
    return None


def apply_pairs(root: Path, pairs) -> None:
    dirs = set()
    for tmp_rel, final_rel in pairs:
        tmp, final = root / tmp_rel, root / final_rel
        if not tmp.exists():
            continue  # done before an interruption
        if final.parent not in dirs:
            final.parent.mkdir(parents=True, exist_ok=True)
        bak = backup_of(final)
        try:
            os.unlink(bak)
        except FileNotFoundError:
            pass
        try:
            os.link(final, bak)
        except FileNotFoundError:
            pass
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.EXDEV, errno.EMLINK):
                raise
            _write_synced(bak, final.read_bytes())  # no hard links here: copy instead
        os.replace(tmp, final)
        dirs.add(final.parent)
    if len(dirs) > 16:
        os.sync()  # one flush instead of a directory fsync per company (1 ms each)
    else:
        for folder in dirs:
            fsync_dir(folder)
        fsync_dir(root / TMP)


class Transaction:
    """Files staged for one atomic write. Use only under ``writing(root)``. A ``label`` (what the
    write does, in words) makes it the write ``tracker undo`` undoes (see ``undo``)."""

    def __init__(self, root: Path, label: str | None = None):
        self.root = root
        self.label = label
        self.pending: dict[Path, dict] = {}
        self.written: list[tuple[Path, Path]] = []  # temps already on disk (bulk path)
        self.warnings: list[str] = []  # what went wrong after the commit point (see commit)
        self._count = 0
        # empty files made ahead on this file system (``tracker.store.early.Spares``): a temp is
        # one renamed into place instead of created here
        self.spares = None

    def load(self, path: Path, kind: str) -> dict | None:
        if path in self.pending:
            return self.pending[path]
        return read_file(path, kind)

    def stage(self, path: Path, data: dict) -> None:
        self.pending[path] = data

    def temp_path(self) -> Path:
        self._count += 1
        return self.root / TMP / f"{os.getpid()}-{self._count}.json"

    def add_written(self, tmp: Path, final: Path) -> None:
        self.written.append((tmp, final))

    def write_temp(self, final: Path, data: bytes, sync: bool) -> None:
        tmp = self.temp_path()
        try:
            if self.spares is not None:
                self.spares.file_as(tmp)
            _write_synced(tmp, data, sync)
        except OSError as exc:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            self.discard()
            raise StoreError(f"cannot write {final}: {exc.strerror}; nothing was written") from None
        self.written.append((tmp, final))

    def discard(self) -> None:
        """Delete the temps of a write that failed before its commit point."""
        for tmp, _ in self.written:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        self.written = []
        for name in ("journal.json.part",):
            try:
                os.unlink(self.root / TMP / name)
            except OSError:
                pass

    def commit(self, locked: bool = False) -> None:
        """Write everything staged atomically. ``locked``: the caller holds the exclusive read
        lock already (a restore holds it throughout, so no reader sees it half done).

        A failure before the commit point deletes this write's temps and raises (nothing was
        written); one after it (the journal is in place, so the write is made) is kept in
        ``warnings`` instead: the next command that opens the log finishes it."""
        self.warnings: list[str] = []
        bulk = len(self.pending) + len(self.written) > 64
        try:
            for path, data in self.pending.items():
                self.write_temp(path, orjson.dumps(data), sync=not bulk)
            self.pending = {}
            if not self.written:
                return
            if bulk:
                os.sync()  # one flush for all temps of a bulk write
            fsync_dir(self.root / TMP)
        except BaseException:
            self.discard()
            raise
        pairs = [[str(t.relative_to(self.root)), str(f.relative_to(self.root))] for t, f in self.written]
        from tracker.store.undo import forget, remember

        forget(self.root)  # before the commit point: a record never describes another write
        with (nullcontext() if locked else applying(self.root)):
            staging = self.root / TMP / "journal.json.part"
            try:
                _write_synced(staging, orjson.dumps({"format": FORMAT, "pairs": pairs}))
                os.replace(staging, self.root / JOURNAL)  # the commit point
            except OSError as exc:
                self.discard()
                raise StoreError(f"cannot write to {self.root}: {exc.strerror}; nothing was written") from None
            except BaseException:
                self.discard()
                raise
            try:
                fsync_dir(self.root)
                apply_pairs(self.root, pairs)
                os.unlink(self.root / JOURNAL)
                fsync_dir(self.root)
            except OSError as exc:
                self.warnings.append(
                    f"the write is recorded, but finishing it failed ({exc.strerror}); "
                    "the next tracker command completes it"
                )
            else:
                if self.label:
                    remember(self.root, self.label, [final for _, final in self.written])
        self.written = []
        if bulk:
            try:  # a folder that held thousands of temps stays big (and slow to list) until recreated
                os.rmdir(self.root / TMP)
                os.mkdir(self.root / TMP)
            except OSError:
                pass
