"""Terminal tables fit the terminal: widths in terminal cells (CJK takes two), companies and id
shrink before the title, no line wider than the terminal (issue 14, conventions)."""

from __future__ import annotations

import re

import pytest

from tests.terminal import run_on_terminal
from tracker.textwidth import cut, render_table, width

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_display_width_counts_wide_and_combining_characters():
    assert width("abc") == 3
    assert width("中兴通讯") == 8
    assert width("Zu\u0308rich") == 6
    assert width(cut("中兴通讯5G试验", 7)) <= 7 and cut("中兴通讯5G试验", 7).endswith("…")


def test_a_table_never_exceeds_its_width_and_keeps_columns_aligned():
    rows = [["2017", "中国联通; 华为", "trial", "中国联通与华为完成5G试验", "abcdef0123"], ["2018", "ZTE", "legal", "short", "0123456789"]]
    columns = ["date", "companies", "type", "title", "id"]
    for limit in (80, 45, 30, 12):
        lines = render_table(columns, rows, limit).splitlines()
        assert all(width(line) <= limit for line in lines), (limit, lines)


def shown(screen: str) -> list[str]:
    return [ANSI.sub("", line) for line in screen.splitlines() if line.strip()]


@pytest.fixture
def cjk_log(cli):
    for title in ("中国联通与华为在北京完成了第一阶段的5G新空口外场测试", "ZTE and China Mobile completed the second phase of field tests"):
        result = cli("add", "-c", "China Unicom", "-c", "Huawei", "-c", "ZTE", "-t", "trial", "-d", "2031-05-04", "--title", title)
        assert result.exit_code == 0, result.stderr
    return cli


@pytest.mark.parametrize("columns", [120, 80, 60, 40])
def test_terminal_table_of_cjk_titles_fits(cjk_log, columns):
    status, screen = run_on_terminal("timeline", "--on", "2031-05-04", columns=columns)
    assert status == 0, screen
    lines = shown(screen)
    assert len(lines) == 4, screen
    assert all(width(line) <= columns for line in lines), screen
    # aligned: the type column starts at the same cell on every row
    starts = {width(line[: line.index("trial")]) for line in lines[2:]}
    assert len(starts) == 1, lines


def test_companies_and_id_shrink_before_the_title(cjk_log):
    status, screen = run_on_terminal("timeline", "--on", "2031-05-04", columns=105)
    lines = shown(screen)
    assert any("ZTE and China Mobile completed the second phase of field tests" in line for line in lines), screen
    assert any("China Unico…" in line for line in lines), "companies were shortened first"
