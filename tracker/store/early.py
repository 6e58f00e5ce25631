"""What ``tracker ingest -j N`` prepares for its write while its workers extract (``Ahead``): a
new log's seed (``EarlySeed``), published when the ingest writes, and spare empty files
(``Spares``) that the write renames into place instead of creating them.

Why the seed: the first write to a log is two commits, the seed and then the write itself (so that
``undo`` of the first write leaves the seed, see ``EventLog.write``). The seed is ~500 files and
folders, and creating them costs 0.05-0.6 s of system time depending on the file system's state,
serial after the extraction. While ``tracker ingest -j N`` waits for its workers, this process
is idle: it builds the seed as a complete log in a private folder of the system's temp folder
and, when the ingest writes, renames that folder onto the log's path in one step, if nothing is
there yet. Until then nothing exists at the user's path, so an ingest that is interrupted,
fails or finds nothing writes nothing, as before; the staged folder is deleted in every case.

The rename is atomic and never replaces a log: onto a path that holds anything but an empty
folder it fails, and the write creates the seed in place as before. Only where the temp folder
is on the log's file system (a rename cannot cross file systems); elsewhere nothing changes.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from tracker.atomicfile import fsync_dir
from tracker.errors import TrackerError


def device_of(path: Path) -> int:
    """The file system ``path`` is on (OSError when it is missing)."""
    return os.stat(path).st_dev


def on_temp_file_system(folder: Path) -> bool:
    """Whether ``folder`` is on the temp folder's file system, where a rename from there can
    reach it (False when it is missing)."""
    try:
        return device_of(folder) == device_of(Path(tempfile.gettempdir()))
    except OSError:
        return False


class EarlySeed:
    """The seed of the log at ``target``, staged by ``stage`` (when the log does not exist yet),
    moved into place by ``publish`` and deleted by ``discard`` when not published."""

    def __init__(self, target: Path, seed):
        self.target = Path(target)
        self.seed = seed
        self._folder: Path | None = None  # the private folder holding the staged log
        self.news: frozenset[str] = frozenset()  # the documents the staged seed's events are told in

    def stage(self) -> None:
        """Write the seed log in a private folder; quietly nothing when it cannot (the write
        then creates the seed in place, and says what went wrong if it is a real problem)."""
        from tracker.store.log import EventLog

        if self._folder is not None or not self._may_stage():
            return
        try:
            folder = Path(tempfile.mkdtemp(prefix="tracker-seed-"))
        except OSError:
            return
        self._folder = folder
        try:
            events, companies = self.seed()
            EventLog(folder / "log", seed=lambda: (events, companies)).create()
        except (OSError, TrackerError):
            self.discard()
            return
        self.news = frozenset(source.doc for event in events for source in event.sources)

    def _may_stage(self) -> bool:
        """Nothing at the log's path, its folder there, and the temp folder on its file system."""
        return not os.path.lexists(self.target) and on_temp_file_system(self.target.absolute().parent)

    def publish(self) -> bool:
        """Move the staged log onto the log's path if nothing is there yet (True when moved)."""
        if self._folder is None:
            return False
        try:
            os.rename(self._folder / "log", self.target)  # fails on a file or a folder that is not empty
        except OSError:
            self.discard()
            return False
        fsync_dir(self.target.absolute().parent)
        self.discard()  # the empty private folder
        return True

    def discard(self) -> None:
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None


# Files a first ingest wrote per KB of news (company-news train+dev, 198 KB: 791 files): how many
# ``Spares`` to make for a batch. News a new log's seed tells already (the seeds themselves)
# counts for nothing: its events are in the seed. Other news the log holds already leaves most
# unused: made beside the workers, deleted in one go. At most MAX_SPARES, whatever the batch.
FILES_PER_KB = 4
MAX_SPARES = 4096


class Spares:
    """Empty files made ahead, in a private folder of the temp folder on the log's file system,
    while the files are extracted: the write then renames one into place for each temp it writes
    (``Transaction.write_temp``) instead of creating it. Creating a file costs 0.03-0.8 ms of
    system time on this machine's ext4 (more than the rest of its write), a rename 0.01 ms. A
    spare not used is deleted with the folder (``discard``: an empty file frees no block, 0.02 ms
    each); when they run out, the write creates files as before.

    No spare folders: a folder holds a block, and deleting one that was not used frees it, which
    on this machine's file system (mounted with ``discard``, no journal) waits for the device,
    ~3 ms each against the 0.1-0.5 ms its ``mkdir`` saves the write. Company-news into a new log
    left 129 of its 397 spare folders unused (0.3-0.5 s of wall time after the write), a second
    ingest of the same news all 397 (1.4 s)."""

    def __init__(self, target: Path):
        self.target = Path(target)
        self._folder: Path | None = None
        self._files: list[Path] = []

    def make(self, files: int) -> None:
        """Make up to ``files`` empty files (fewer when it cannot)."""
        try:
            parent = self.target.absolute().parent
            while not parent.exists():  # a log in a folder not made yet: its nearest existing one
                parent = parent.parent
            if not on_temp_file_system(parent):
                return
            self._folder = Path(tempfile.mkdtemp(prefix="tracker-spares-"))
            for n in range(files):
                path = self._folder / f"{n}.json"
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
                self._files.append(path)
        except OSError:
            pass

    def file_as(self, path: Path) -> None:
        """Rename a spare file to ``path`` (which does not exist: a new temp's name), if one is left."""
        if self._files:
            try:
                os.rename(self._files[-1], path)
            except OSError:
                return
            self._files.pop()

    def discard(self) -> None:
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder, self._files = None, []


class Ahead:
    """What ``tracker ingest`` prepares for its write while its workers extract: the seed of a
    log that does not exist yet (``EarlySeed``) and spare files (``Spares``)."""

    def __init__(self, log, seed):
        self.log = log
        self.seed = None if log.exists else EarlySeed(log.path, seed)
        self.spares = Spares(log.path)

    def prepare(self, names: list[str]) -> None:
        """Run by the ingest's process once its workers have their files."""
        told = frozenset()
        if self.seed is not None:
            self.seed.stage()
            told = self.seed.news
        kb = sum(_size(name) for name in names if os.path.basename(name) not in told) / 1024
        self.spares.make(min(MAX_SPARES, round(FILES_PER_KB * kb)))

    def ready(self) -> None:
        """Just before the write: the seed in place (if the log is still missing), the spares
        handed to the log's next write."""
        if self.seed is not None:
            self.seed.publish()
        self.log.spares = self.spares

    def discard(self) -> None:
        self.log.spares = None
        if self.seed is not None:
            self.seed.discard()
        self.spares.discard()


def _size(name: str) -> int:
    try:
        return os.stat(name).st_size
    except OSError:  # standard input, a missing file
        return 0
