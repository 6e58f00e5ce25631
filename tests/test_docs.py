"""The README documents every command and keeps its two command lines first."""

from __future__ import annotations

import re

from tests.conftest import ROOT
from tracker.cli import app


def test_every_command_is_in_the_readme():
    import typer

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = typer.main.get_command(app).commands
    missing = [name for name in commands if f"tracker {name}" not in readme]
    assert not missing, f"commands missing from README.md: {missing}"


def test_readme_starts_with_the_two_command_lines_and_ci_runs_the_second():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "```" and lines[3] == "```"
    install_and_run, install_and_test = lines[1], lines[2]
    assert "pip install ." in install_and_run and "tracker company" in install_and_run
    assert "pip install '.[test]'" in install_and_test and "pytest" in install_and_test
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert install_and_test in ci
    assert re.search(r"^set -euo pipefail$", ci, re.M)


def test_tests_read_shared_data_relative_to_the_checkout():
    """Data outside the repository is ../shared beside it, never one machine's absolute path."""
    offenders = [
        p.name
        for p in (ROOT / "tests").glob("*.py")
        if re.search(r"""Path\(\s*["']/(work|home|root|Users|tmp)/""", p.read_text(encoding="utf-8"))
    ]
    assert not offenders


def test_the_seed_comparison_skips_with_a_reason_when_the_shared_seeds_are_absent(tmp_path, monkeypatch):
    """From a checkout with no ../shared beside it: skipped, with a reason, not passed (the test
    run in this process with its ROOT moved, instead of a copy of the checkout and a second pytest)."""
    import pytest

    from tests import test_curated

    monkeypatch.setattr(test_curated, "ROOT", tmp_path / "repo")
    with pytest.raises(pytest.skip.Exception, match="no shared seed documents at " + re.escape(str(tmp_path / "shared"))):
        test_curated.test_seeds_are_the_shared_documents_unchanged()
