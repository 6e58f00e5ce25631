"""Issue 14, "wrong or destructive today": each behaviour driven as users drive it."""

from __future__ import annotations

import os
import stat
import threading

import pytest

from tests.conftest import ROOT


# --- 1. -o writes into devices, FIFOs and symlinks instead of replacing them ------------------


def test_output_to_dev_stdout_writes_to_the_stream(proc, tmp_path):
    # /dev/stdout is a symlink to /proc/self/fd/1; one of our own stands in for it, so a
    # regression run as root cannot replace the system's /dev/stdout with a file.
    stdout = tmp_path / "stdout"
    stdout.symlink_to("/proc/self/fd/1")
    result = proc("company", "ZTE", "-f", "tsv", "-o", stdout)
    assert result.returncode == 0, result.stderr
    assert "ZTE" in result.stdout and result.stdout.startswith("date\t")
    assert stdout.is_symlink()


def test_output_to_a_fifo_feeds_its_reader_and_leaves_it_a_fifo(proc, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text(encoding="utf-8")), daemon=True)
    reader.start()
    result = proc("company", "ZTE", "-f", "csv", "-o", fifo)
    reader.join(timeout=30)
    assert result.returncode == 0, result.stderr
    assert received and "ZTE" in received[0]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_output_through_a_symlink_writes_its_target_and_keeps_the_link(cli, tmp_path):
    target = tmp_path / "real.csv"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    result = cli("company", "ZTE", "-o", link)
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8").startswith("id,date,")
