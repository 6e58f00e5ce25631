"""Replacing a file so that a reader or a crash sees the old version or the new one, never half."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TextIO


def fsync_dir(directory: Path) -> None:
    """Make a rename inside ``directory`` durable (a no-op where directories cannot be opened)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_text(path: Path, write: Callable[[TextIO], None]) -> None:
    """Write through a temporary file in the same folder, flushed to disk, then renamed over ``path``."""
    path = Path(path)
    if path.is_dir():
        raise IsADirectoryError(str(path))
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        os.chmod(temp, 0o666 & ~_umask())  # mkstemp makes 0600; a report should get the usual mode
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        raise
    fsync_dir(path.parent)


def write_output(path: Path, write: Callable[[TextIO], None]) -> None:
    """Write a user's output file: atomically when it is a regular file or new, in place otherwise.

    A device (/dev/stdout), a FIFO or a socket must be opened and written: replacing it would turn
    it into a regular file and the reader at its other end would get nothing. A symlink is
    followed, so the file it points to gets the output and the link stays a link.
    """
    path = Path(path)
    try:
        mode = os.stat(path).st_mode  # follows symlinks
    except OSError:  # missing, or a dangling symlink: a new file
        mode = None
    if mode is not None and not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        with open(path, "w", encoding="utf-8", newline="") as out:
            write(out)
        return
    atomic_write_text(path.resolve() if path.is_symlink() else path, write)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
