"""The user's settings file: $TRACKER_CONFIG, else $XDG_CONFIG_HOME/tracker/config.toml (else
~/.config/tracker/config.toml; %APPDATA%\\tracker\\config.toml on Windows).

    database = "~/news/log"    # the event log when neither --db nor $TRACKER_DB names one
    format = "table"           # stdout's format when -f and -o say nothing
    date_order = "DMY"         # how 01/06/2017 reads (DMY: 1 June; MDY: January 6); unset: refused
    pager = "less -FRX"        # before $PAGER; "" for none
    color = "auto"             # auto (a terminal without NO_COLOR), always or never

Read only by commands that need a setting, so --help and --version never touch it; a file that
is not valid is one error line naming the file and what is wrong.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from tracker.errors import UsageError

CONFIG_ENV = "TRACKER_CONFIG"
FORMATS = ("table", "csv", "tsv", "markdown", "json", "jsonl")  # tracker.export.FORMATS, without importing it
DATE_ORDERS = ("DMY", "MDY")
COLORS = ("auto", "always", "never")
KEYS = ("database", "format", "date_order", "pager", "color")


class ConfigError(UsageError):
    """The settings file cannot be used; the message names it."""


@dataclass(frozen=True)
class Settings:
    path: Path  # where settings are read from
    found: bool = False  # whether that file exists
    values: dict = field(default_factory=dict)  # the settings the file gives, checked

    @property
    def database(self) -> Path | None:
        value = self.values.get("database")
        if not value:
            return None
        path = Path(value).expanduser()
        return path if path.is_absolute() else self.path.parent / path  # relative to the file

    @property
    def format(self) -> str | None:
        return self.values.get("format")

    @property
    def date_order(self) -> str | None:
        return self.values.get("date_order")

    @property
    def pager(self) -> str | None:
        return self.values.get("pager")

    @property
    def color(self) -> str:
        return self.values.get("color", "auto")


def config_path() -> Path:
    if os.environ.get(CONFIG_ENV):
        return Path(os.environ[CONFIG_ENV]).expanduser()
    if sys.platform == "win32":
        base = os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming"
    else:
        base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "tracker" / "config.toml"


def settings() -> Settings:
    """The settings in use; ConfigError if the file is not valid. Read once per version of the
    file (a stat per call: a command asks several times, tests change the file between runs)."""
    path = config_path()
    try:
        stat = path.stat()
    except FileNotFoundError:
        return Settings(path)
    except OSError as exc:
        raise ConfigError(f"config {path}: cannot read it ({exc.strerror or exc})") from None
    return _read(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def _read(path: Path, mtime_ns: int, size: int) -> Settings:
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        raise ConfigError(f"config {path}: is a folder, not a file") from None
    except OSError as exc:
        raise ConfigError(f"config {path}: cannot read it ({exc.strerror or exc})") from None
    return Settings(path, True, parse(raw, path))


def parse(raw: bytes, path: Path) -> dict:
    """The checked settings of a config file's bytes."""
    import tomllib

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"config {path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config {path}: not valid TOML ({exc})") from None
    unknown = [key for key in data if key not in KEYS]
    if unknown:
        raise ConfigError(f"config {path}: unknown setting {unknown[0]!r} (known: {', '.join(KEYS)})")
    checked = {}
    for key, value in data.items():
        checked[key] = _check(key, value, path)
    return checked


def _check(key: str, value, path: Path):
    def wrong(expected: str) -> ConfigError:
        return ConfigError(f"config {path}: {key} = {value!r} is not {expected}")

    if key in ("database", "pager"):
        if key == "pager" and value is False:
            return ""  # pager = false: no pager
        if not isinstance(value, str):
            raise wrong("a string")
        return value
    if key == "format":
        if not isinstance(value, str) or value.lower() not in FORMATS:
            raise wrong(f"one of {', '.join(FORMATS)}")
        return value.lower()
    if key == "date_order":
        if not isinstance(value, str) or value.upper() not in DATE_ORDERS:
            raise wrong("DMY or MDY")
        return value.upper()
    if isinstance(value, bool):  # color = true / false
        return "auto" if value else "never"
    if not isinstance(value, str) or value.lower() not in COLORS:
        raise wrong(f"one of {', '.join(COLORS)} (or true/false)")
    return value.lower()
