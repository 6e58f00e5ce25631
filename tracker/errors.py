"""Exit codes and the errors that carry them, so every failure ends as one line and a known code."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FAILURE = 1  # the command was right but could not be carried out (unreadable file, corrupt log)
    USAGE = 2  # the command itself was wrong (unknown company, bad date, type, format or id)
    INTERRUPTED = 130


class TrackerError(Exception):
    """A failure the user can act on: its message is the whole error line."""

    exit_code = ExitCode.FAILURE


class UsageError(TrackerError):
    exit_code = ExitCode.USAGE
