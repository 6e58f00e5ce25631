"""A new log's seed, written while ingest's workers extract and published when the ingest writes.

Why: the first write to a log is two commits, the seed and then the write itself (so that
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


class EarlySeed:
    """The seed of the log at ``target``, staged by ``stage`` (when the log does not exist yet),
    moved into place by ``publish`` and deleted by ``discard`` when not published."""

    def __init__(self, target: Path, seed):
        self.target = Path(target)
        self.seed = seed
        self._folder: Path | None = None  # the private folder holding the staged log

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
            EventLog(folder / "log", seed=self.seed).create()
        except (OSError, TrackerError):
            self.discard()

    def _may_stage(self) -> bool:
        """Nothing at the log's path, its folder there, and the temp folder on its file system."""
        if os.path.lexists(self.target):
            return False
        try:
            return device_of(self.target.absolute().parent) == device_of(Path(tempfile.gettempdir()))
        except OSError:
            return False

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
