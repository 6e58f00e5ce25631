"""tracker as a real process in shell pipelines."""

from __future__ import annotations

import subprocess

from tests.conftest import tracker_command


def shell(pipeline: str) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-o", "pipefail", "-c", pipeline], capture_output=True, text=True, timeout=120)


def test_piped_timeline_cuts_and_sorts(proc):
    command = " ".join(tracker_command())
    result = shell(f"{command} timeline | cut -f1,2 | sort")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) > 150 and all(line.count("\t") == 1 for line in lines)


def test_the_readme_pipeline_sorts_coarse_dates_by_their_first_day(proc):
    """`2017-Q1`, `2017-H1`, `2017-W25` sort by the day they start, not after `2017-12` as text does."""
    from tracker.temporal.partial import PartialDate

    command = " ".join(tracker_command())
    result = shell(f"{command} timeline | cut -f1,3,4 | sort")
    assert result.returncode == 0, result.stderr
    dated = [line.split("\t") for line in result.stdout.splitlines() if line[:1].isdigit()]
    starts = [PartialDate.parse(date).start for _, date, _ in dated]
    assert len(dated) > 150 and starts == sorted(starts)
    assert {PartialDate.parse(date).precision for _, date, _ in dated} >= {"year", "quarter", "month", "day"}
    assert all(start == PartialDate.parse(date).start.isoformat() for start, date, _ in dated)


def test_closed_pipe_is_not_an_error(proc):
    command = " ".join(tracker_command())
    result = shell(f"{command} export -f jsonl | head -1")
    assert result.returncode == 0 and "Traceback" not in result.stderr and result.stdout.startswith("{")


def test_errors_exit_with_documented_codes(proc):
    unknown = proc("company", "Nonexistent Corp")
    assert unknown.returncode == 2 and unknown.stderr.startswith("tracker: error: unknown company")
    assert "Traceback" not in unknown.stderr
    assert proc("show", "nothere1").returncode == 2


def test_help_and_version(proc):
    result = proc("--help")
    assert result.returncode == 0
    for command in ("company", "timeline", "companies", "show", "add", "remove", "import", "export", "dates"):
        assert command in result.stdout
    assert proc("--version").stdout.startswith("tracker ")


def test_add_in_one_process_is_seen_by_the_next(proc):
    added = proc("add", "-c", "China Mobile", "-t", "trial", "--title", "Process test", "-d", "March 2018")
    assert added.returncode == 0, added.stderr
    event_id = added.stdout.strip()
    shown = proc("show", event_id)
    assert shown.returncode == 0 and "2018-03 (month)" in shown.stdout


def test_import_from_a_pipe(proc):
    exported = proc("export", "-c", "ZTE", "-f", "csv")
    result = proc("import", "-", input=exported.stdout)
    assert result.returncode == 0, result.stderr
    assert "already known" in result.stderr


def test_shell_completion_offers_company_names(proc):
    result = proc(env={"_TRACKER_COMPLETE": "complete_bash", "COMP_WORDS": "tracker company Uni", "COMP_CWORD": "2"})
    assert result.returncode == 0
    assert "Unicom" in result.stdout.split()
    assert proc("--show-completion", "bash").stdout.startswith("_tracker_completion()")


def run_in_terminal(args: list[str], env: dict | None = None) -> str:
    """tracker with its stdout and stderr on a pseudo-terminal, as a person at a shell runs it."""
    import os
    import pty

    leader, follower = pty.openpty()
    child = subprocess.Popen(tracker_command() + args, stdout=follower, stderr=follower, stdin=subprocess.DEVNULL,
                             env={**os.environ, "COLUMNS": "120", **(env or {})})
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:  # the terminal closes when the child exits
            break
        if not data:
            break
        chunks.append(data)
    child.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


def test_on_a_terminal_the_default_is_a_coloured_table_and_no_color_is_respected():
    shown = run_in_terminal(["company", "ZTE", "--limit", "2"])
    assert "\x1b[1mdate\x1b[0m" in shown and "----" in shown and "\t" not in shown
    plain = run_in_terminal(["company", "ZTE", "--limit", "2"], env={"NO_COLOR": "1"})
    assert "\x1b[" not in plain and plain.split()[:2] == ["date", "companies"]


def test_subsidiaries_title_names_the_company_asked_for(proc):
    out = proc("company", "alibaba", "--subsidiaries", "-f", "markdown").stdout
    assert out.startswith("# Alibaba Group and subsidiaries\n")
