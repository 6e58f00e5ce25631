"""tracker's storage: the user's event log as a folder of TinyDB files keyed by company.

``open_log(path, seed)`` gives the user's ``EventLog`` when it exists, else the read-only
``ShippedLog`` built from ``seed()``; the first write to an ``EventLog`` creates the database
from the seed. Layout in ``layout``, crash safety and locking in ``files``, bulk import in
``bulk``, what a write and a bulk import share in ``writes``, check/restore in ``repair``, what
ingest prepares for its write while it extracts in ``early``.

Importing this package loads tinydb and orjson only (no date parsing, no table rendering).
"""

from __future__ import annotations

from pathlib import Path

from tracker.store.early import Ahead
from tracker.store.files import StoreError
from tracker.store.layout import to_row
from tracker.store.log import EventLog
from tracker.store.shipped import ShippedLog
from tracker.store.writes import WriteResult

__all__ = ["Ahead", "StoreError", "EventLog", "ShippedLog", "WriteResult", "open_log", "to_row"]


def open_log(path: Path, seed) -> "EventLog | ShippedLog":
    """The user's database at ``path``; the shipped log (``seed()``) while nothing is stored there."""
    log = EventLog(Path(path), seed)
    if log.exists:
        return log
    log.check_root()  # a file or a foreign folder is an error, not an empty log
    events, companies = seed() if seed else ([], [])
    return ShippedLog(events, companies)
