"""The settings file and `tracker config` (issue 14, conventions): default database, format,
date order, pager and colour; an invalid file is one error line naming it."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from tests.terminal import run_on_terminal


@pytest.fixture
def config(tmp_path, monkeypatch):
    """Write the settings file (at $XDG_CONFIG_HOME/tracker/config.toml): config('format = "csv"')."""
    home = tmp_path / "xdg"
    monkeypatch.delenv("TRACKER_CONFIG")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    path = home / "tracker" / "config.toml"

    def write(text: str):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write


def test_config_without_a_file_shows_the_defaults_and_where_it_looked(cli, config, tmp_path):
    result = cli("config")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[:2] == ["config", str(tmp_path / "xdg" / "tracker" / "config.toml")]
    assert "not found" in lines[0]
    assert any(line.startswith("date_order") and "(default)" in line for line in lines)
    facts = json.loads(cli("config", "-f", "json").stdout)
    assert set(facts) == {"config", "database", "format", "date_order", "pager", "color"}


def test_config_shows_the_files_settings(cli, config, monkeypatch):
    path = config('date_order = "dmy"\nformat = "csv"\npager = "more"\ncolor = "never"\ndatabase = "~/news-log"\n')
    monkeypatch.delenv("TRACKER_DB")
    facts = json.loads(cli("config", "-f", "json").stdout)
    assert facts["config"] == {"value": str(path), "from": "found"}
    assert facts["date_order"] == {"value": "DMY", "from": "config file"}
    assert facts["format"]["value"] == "csv" and facts["pager"]["value"] == "more" and facts["color"]["value"] == "never"
    assert facts["database"]["value"].endswith("/news-log") and facts["database"]["from"] == "config file"


def test_the_configured_database_is_used_when_neither_db_nor_the_environment_names_one(cli, config, monkeypatch, tmp_path):
    config(f'database = "{tmp_path / "configured"}"\n')
    monkeypatch.delenv("TRACKER_DB")
    assert cli("add", "-c", "Acme Quill", "-t", "trial", "-d", "2017", "--title", "x").exit_code == 0
    assert (tmp_path / "configured").is_dir()
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "env"))
    assert str(tmp_path / "env") in cli("info").stdout, "$TRACKER_DB still wins"


def test_the_configured_format_is_stdouts_default(cli, config):
    config('format = "csv"\n')
    out = cli("company", "zte").stdout
    assert next(csv.reader(io.StringIO(out)))[0] == "id"
    assert cli("company", "zte", "-f", "tsv").stdout.startswith("start\tend\t"), "-f still wins"


@pytest.mark.parametrize("order, expected", [("DMY", "2031-06-01"), ("MDY", "2031-01-06")])
def test_date_order_reads_numeric_days(cli, config, order, expected, tmp_path):
    config(f'date_order = "{order}"\n')
    assert cli("add", "-c", "Acme Quill", "-t", "trial", "-d", "01/06/2031", "--title", "numeric").exit_code == 0
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("date,companies,type,title\n01/06/2031,Acme Quill,trial,imported\n", encoding="utf-8")
    assert cli("import", sheet).exit_code == 0
    rows = json.loads(cli("company", "acme quill", "-f", "json").stdout)
    assert {r["date"] for r in rows} == {expected}
    assert len(cli("timeline", "--on", "01/06/2031", "-c", "acme quill").stdout.splitlines()) == 3


def test_without_a_date_order_a_numeric_day_stays_ambiguous(cli, config):
    config('format = "tsv"\n')
    result = cli("add", "-c", "Acme Quill", "-t", "trial", "-d", "01/06/2031", "--title", "numeric")
    assert result.exit_code == 2 and "ambiguous" in result.stderr


def test_date_order_does_not_turn_one_end_of_a_range_into_the_whole_window(cli, config):
    config('date_order = "DMY"\n')
    result = cli("timeline", "--since", "between 01/06/2017 and 2018", "-v")
    assert result.exit_code == 2 and "ambiguous" in result.stderr


@pytest.mark.parametrize(
    "text, message",
    [
        ("colour = true\n", "unknown setting 'colour' (known: database, format, date_order, pager, color)"),
        ("format = \n", "not valid TOML"),
        ('format = "xlsx"\n', "format = 'xlsx' is not one of table, csv, tsv, markdown, json, jsonl"),
        ('date_order = "YMD"\n', "date_order = 'YMD' is not DMY or MDY"),
        ("pager = 3\n", "pager = 3 is not a string"),
        ('color = "sometimes"\n', "color = 'sometimes' is not one of auto, always, never"),
    ],
)
def test_an_invalid_config_is_one_error_line_naming_the_file(proc, config, text, message):
    path = config(text)
    for command in (("company", "zte"), ("config",), ("add", "-c", "x", "-t", "trial", "--title", "x", "-d", "2017")):
        done = proc(*command)
        assert done.returncode == 2, done.stderr
        assert done.stdout == ""
        assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
        assert str(path) in done.stderr and message in done.stderr
    assert proc("--help").returncode == 0, "help never reads the settings"


def test_configured_pager_and_colour_on_a_terminal(config, tmp_path):
    copy = tmp_path / "paged.txt"
    config(f'pager = "tee {copy}"\ncolor = "never"\n')
    status, screen = run_on_terminal("timeline", env={"PAGER": "cat"})
    assert status == 0 and copy.exists(), "the config's pager comes before $PAGER"
    assert "\x1b[1m" not in screen
    config('pager = ""\n')
    status, screen = run_on_terminal("timeline", env={"PAGER": f"tee {tmp_path / 'other.txt'}"})
    assert status == 0 and not (tmp_path / "other.txt").exists() and screen.count("\n") > 100
    assert re.search(r"\x1b\[1m", screen), "colour on a terminal by default"


def test_colour_always_colours_a_piped_table(proc, config):
    config('color = "always"\n')
    assert "\x1b[1m" in proc("company", "zte", "-f", "table").stdout
