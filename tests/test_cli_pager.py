"""Long listings on a terminal go through a pager ($PAGER, default `less -FRX`); --no-pager and
pipes never page (issue 14, conventions). Run on a pseudo-terminal."""

from __future__ import annotations

import os

import pytest

from tests.terminal import run_on_terminal


@pytest.fixture
def paged(tmp_path):
    """A $PAGER that copies what it is given to a file and shows it."""
    copy = tmp_path / "paged.txt"
    return copy, {"PAGER": f"tee {copy}"}


def test_long_output_goes_through_the_pager(paged):
    copy, env = paged
    status, screen = run_on_terminal("timeline", env=env, lines=24)
    assert status == 0, screen
    assert copy.exists(), "the pager was not run"
    assert copy.read_text(encoding="utf-8").count("\n") > 100


def test_short_output_is_not_paged(paged):
    copy, env = paged
    status, screen = run_on_terminal("timeline", "-n", "3", env=env, lines=24)
    assert status == 0 and not copy.exists()
    assert screen.count("\n") >= 5


@pytest.mark.parametrize("args", [("timeline", "--no-pager"), ("--no-pager", "timeline"), ("stats", "--by", "company", "--no-pager")])
def test_no_pager(paged, args):
    copy, env = paged
    status, screen = run_on_terminal(*args, env=env, lines=24)
    assert status == 0 and not copy.exists()
    assert screen.count("\n") > 24


@pytest.mark.parametrize("pager", ["", "cat"])
def test_an_empty_pager_or_cat_means_none(pager):
    status, screen = run_on_terminal("timeline", env={"PAGER": pager}, lines=24)
    assert status == 0 and screen.count("\n") > 100


def test_a_pager_that_is_not_installed_falls_back_to_plain_output():
    status, screen = run_on_terminal("timeline", env={"PAGER": "no-such-pager-anywhere"}, lines=24)
    assert status == 0 and screen.count("\n") > 100


def test_never_in_a_pipe(proc, paged):
    copy, env = paged
    done = proc("timeline", env=env)
    assert done.returncode == 0 and not copy.exists()


@pytest.mark.skipif(not any(os.access(os.path.join(d, "less"), os.X_OK) for d in os.environ.get("PATH", "").split(os.pathsep)), reason="no less")
def test_default_pager_is_less_and_q_quits(fresh_db):
    status, screen = run_on_terminal("timeline", env={"PAGER": None, "LESS": None}, lines=24, keys=b"q")
    assert status == 0
    assert "China Mobile and ZTE" in screen or "date" in screen
    assert screen.count("\n") < 60, "less showed one screen, not the whole listing"
