"""Where the user's event log lives: --db PATH, else $TRACKER_DB, else the user's data directory."""

from __future__ import annotations

import os
import sys
from pathlib import Path

DB_ENV = "TRACKER_DB"


def user_data_dir() -> Path:
    if sys.platform == "win32":
        base = os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming"
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "tracker"


def database_path(option: str | None) -> Path:
    """--db, else $TRACKER_DB, else the config file's ``database``, else the user's data directory."""
    chosen = option or os.environ.get(DB_ENV)
    if chosen:
        return Path(chosen).expanduser()
    from tracker.config import settings

    return settings().database or user_data_dir() / "log"
