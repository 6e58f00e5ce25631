"""--help says what every argument and option is for, lists the choices, and shows examples;
the shell completes companies, types and formats (issue 14, conventions)."""

from __future__ import annotations

import os
import subprocess

import pytest
import typer

from tests.conftest import tracker_command
from tracker.cli import app
from tracker.event_types import EVENT_TYPES

COMMANDS = sorted(typer.main.get_command(app).commands)


def one_line(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_shows_its_arguments_help_and_an_example(cli, command):
    result = cli(command, "--help")
    assert result.exit_code == 0
    click_command = typer.main.get_command(app).commands[command]
    for param in click_command.params:
        if param.param_type_name == "argument":
            assert param.help, f"{command}: argument {param.name} has no help"
            assert one_line(param.help) in one_line(result.stdout), f"{command}: help of {param.name} not shown"
    assert "Examples:" in result.stdout
    examples = result.stdout.split("Examples:", 1)[1]
    assert f"tracker {command}" in examples or f"| tracker {command}" in examples
    assert "Positional arguments" not in result.stdout, "the arguments are listed once"


def test_company_help_says_what_name_is(cli):
    out = cli("company", "--help").stdout
    assert "NAME  Company name or alias, any case" in out


def test_choices_are_listed(cli):
    out = one_line(cli("timeline", "--help").stdout)
    for event_type in EVENT_TYPES:
        assert event_type in out
    assert "[table|csv|tsv|markdown|json|jsonl|html|timelinejs]" in out
    assert "[date|company|type]" in out
    assert "[csv|tsv|jsonl|json]" in one_line(cli("import", "--help").stdout)


def complete(words: str, env: dict | None = None) -> list[str]:
    parts = words.split(" ")
    env = {**os.environ, "_TRACKER_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(len(parts) - 1), **(env or {})}
    env = {k: v for k, v in env.items() if v is not None}  # None: unset
    done = subprocess.run(tracker_command(), env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    return done.stdout.split()


def test_completion_of_companies_types_formats_and_sort():
    assert "Huawei" in complete("tracker timeline -c Hua")
    assert "huawei" in complete("tracker timeline -c hua"), "any case"
    assert "zte,unicom" in complete("tracker timeline -c zte,unic")
    assert complete("tracker timeline -t trial,pa") == ["trial,partnership"]
    assert complete("tracker add -t leg") == ["legal"]
    assert complete("tracker company ZTE -f j") == ["json", "jsonl"]
    assert complete("tracker timeline --sort c") == ["company"]
    assert complete("tracker stats --by company,ye") == ["company,year"]
    assert complete("tracker timeline --columns date,ur") == ["date,url"]


def test_completion_is_silent_when_the_settings_file_is_bad(tmp_path):
    bad = tmp_path / "config.toml"
    bad.write_text("bogus = 1\n")
    # without --db or $TRACKER_DB the log's place comes from the settings file, which is bad
    assert complete("tracker company Hua", env={"TRACKER_CONFIG": str(bad), "TRACKER_DB": None}) == []
