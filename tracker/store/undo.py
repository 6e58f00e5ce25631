"""Undo of the last write, from the backups every commit keeps (``FILE.bak``, see ``files``).

A commit leaves beside each file it replaced that file's previous version as ``FILE.bak``; a
file it created has none. That is one level of history per file, not per write: an older write's
``.bak`` of a file the last write did not touch is no undo of anything. So a commit that carries a
label records, in ``<db>/undo.json``, which files it wrote and the identity (inode, size,
modification time) of each new file and of its backup. ``tracker undo`` puts the backups back only
when every one of those files is still exactly what that write left:

- the record is deleted before a commit's point of no return (its journal), and written only
  after the commit is applied, so a crash never leaves a record describing another write;
- a write without a label (``check --restore``'s rebuild, an undo itself) leaves no record, and a
  file replaced by anything else afterwards no longer matches: undo then refuses and says why.

Undo itself is an ordinary transaction (journal, atomic renames, locks); a file the undone write
created is emptied in it, then deleted with its backup once the undo is committed (up to
``TIDY_LIMIT`` of them; more stay as empty files).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import orjson

from tracker.atomicfile import fsync_dir
from tracker.store.layout import EVENTS_TABLE, IDS, IDS_TABLE, REGISTRY, TMP

UNDO = "undo.json"
# Files the undone write created are emptied by the undo's commit (what it holds is then the same
# as no file); deleting them too costs two unlinks each, which on some file systems is 2 ms apiece
# (undoing a 20,000-event import made 16,000 files: 90 s). Past this many, they stay, empty.
TIDY_LIMIT = 256


@dataclass(frozen=True)
class Undone:
    """What ``undo_last`` did: the label of the write it undid, when that write was made, and how
    many files it put back."""

    label: str
    at: str
    files: int


def forget(root: Path) -> None:
    """Drop the undo record: called before a commit's journal is written."""
    try:
        os.unlink(root / UNDO)
    except FileNotFoundError:
        return
    fsync_dir(root)


def _identity(path: Path) -> list | None:
    try:
        facts = os.stat(path, follow_symlinks=False)
    except FileNotFoundError:
        return None
    return [facts.st_ino, facts.st_size, facts.st_mtime_ns]


def remember(root: Path, label: str, finals: list[Path]) -> None:
    """Record the write just applied (``finals``: the files it replaced or created)."""
    from tracker.model import now_stamp
    from tracker.store.files import backup_of

    if len(set(finals)) != len(finals):
        return  # a file written twice in one commit: its backup is not its state before the write
    files = [[str(path.relative_to(root)), _identity(path), _identity(backup_of(path))] for path in finals]
    record = orjson.dumps({"label": label, "at": now_stamp(), "files": files})
    part = root / TMP / "undo.json.part"
    with open(part, "wb") as handle:
        handle.write(record)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(part, root / UNDO)
    fsync_dir(root)


def _kind(rel: str) -> str:
    if rel == REGISTRY:
        return "registry"
    return "ids" if rel.startswith(IDS + "/") else "shard"


def _empty(kind: str) -> dict:
    return {IDS_TABLE: {}} if kind == "ids" else {EVENTS_TABLE: {}}


def undo_last(root: Path) -> Undone:
    """Put back the files of the last labelled write. The caller holds ``writing(root)``."""
    from tracker.errors import TrackerError
    from tracker.store.files import StoreError, Transaction, applying, backup_of, read_file

    try:
        record = orjson.loads((root / UNDO).read_bytes())
        label, at, files = record["label"], record["at"], record["files"]
    except FileNotFoundError:
        raise TrackerError(
            "nothing to undo: the last write was already undone, made no change, or cannot be undone "
            "(tracker undo undoes one write, the last one)"
        ) from None
    except (orjson.JSONDecodeError, KeyError, TypeError):
        raise StoreError(f"{root / UNDO} is damaged; nothing was undone") from None
    txn = Transaction(root)
    created: list[Path] = []  # files the undone write made: emptied now, deleted after
    for rel, new, old in files:
        path = root / rel
        if not _safe_relative(rel) or _identity(path) != new or _identity(backup_of(path)) != old:
            raise StoreError(
                f"cannot undo {label!r}: {path} changed after that write (a later repair or a change by hand); nothing was undone"
            )
        kind = _kind(rel)
        if old is None:
            txn.stage(path, _empty(kind))
            created.append(path)
        else:
            txn.stage(path, read_file(backup_of(path), kind))
    txn.commit()  # no label: an undo leaves no undo record
    if len(created) > TIDY_LIMIT:
        return Undone(label, at, len(files))
    with applying(root):
        for path in created:  # now empty: the write had made them
            for leftover in (path, backup_of(path)):
                try:
                    os.unlink(leftover)
                except FileNotFoundError:
                    pass
            if _kind(str(path.relative_to(root))) == "shard":
                try:
                    os.rmdir(path.parent)  # a company folder the write had made (kept if not empty)
                except OSError:
                    pass
    return Undone(label, at, len(files))


def _safe_relative(rel) -> bool:
    """A path of the record is one of the log's own files (the same rule the journal follows)."""
    from tracker.store.files import is_own_file

    return is_own_file(rel)
