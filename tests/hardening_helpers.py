"""Helpers of the issue-12 hardening tests: fault injection into a real tracker process."""

from __future__ import annotations

import json
import os
from pathlib import Path

FAULTS = Path(__file__).resolve().parent / "faults"


def faults(*rules: dict) -> dict:
    """The environment that makes a tracker process meet these faults (tests/faults/sitecustomize.py)."""
    path = os.pathsep.join(filter(None, [str(FAULTS), os.environ.get("PYTHONPATH")]))
    return {"PYTHONPATH": path, "TRACKER_FAULTS": json.dumps(list(rules))}


def one_clean_line(result) -> str:
    """The error of a failed command: one line on stderr, no traceback."""
    assert result.returncode != 0, (result.stdout, result.stderr)
    stderr = result.stderr if isinstance(result.stderr, str) else result.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr and "Error:" not in stderr.replace("error:", ""), stderr
    lines = [line for line in stderr.splitlines() if line.startswith("tracker: error:")]
    assert lines, stderr
    return lines[-1]
