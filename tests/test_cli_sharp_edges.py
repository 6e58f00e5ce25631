"""Issue 14, "wrong or destructive today": each behaviour driven as users drive it."""

from __future__ import annotations

import os
import stat
import threading

import pytest

from tests.conftest import ROOT, db_files


# --- 1. -o writes into devices, FIFOs and symlinks instead of replacing them ------------------


def test_output_to_dev_stdout_writes_to_the_stream(proc, tmp_path):
    # /dev/stdout is a symlink to /proc/self/fd/1; one of our own stands in for it, so a
    # regression run as root cannot replace the system's /dev/stdout with a file.
    stdout = tmp_path / "stdout"
    stdout.symlink_to("/proc/self/fd/1")
    result = proc("company", "ZTE", "-f", "tsv", "-o", stdout)
    assert result.returncode == 0, result.stderr
    assert "ZTE" in result.stdout and result.stdout.startswith("start\tend\tdate\t")
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


# --- 2. bare `tracker` shows the formatted help ---------------------------------------------


def test_bare_tracker_prints_the_formatted_help_and_succeeds(proc):
    result = proc()
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Usage: tracker")
    assert any(line.strip().startswith("company") for line in lines) and len(lines) > 10
    assert "error" not in result.stderr


# --- 3. -o without a suffix, or with one naming no format ---------------------------------


def test_export_to_a_file_without_suffix_is_json_lines_that_import_reads(cli, tmp_path, fresh_db):
    backup = tmp_path / "backup"
    assert cli("export", "-c", "ZTE", "-o", backup).exit_code == 0
    first = backup.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("{") and '"companies"' in first
    imported = cli("import", backup)
    assert imported.exit_code == 0, imported.output
    assert "already known" in imported.output


def test_timeline_to_a_file_without_suffix_is_its_documented_tsv(cli, tmp_path):
    out = tmp_path / "zte"
    assert cli("company", "ZTE", "-o", out).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("start\tend\tdate\t")


@pytest.mark.parametrize("name", ["x.xlsx", "x.pdf"])  # .html is the HTML page (tests/test_html_report.py)
def test_an_unknown_output_suffix_is_a_usage_error_naming_f(cli, tmp_path, name):
    result = cli("export", "-o", tmp_path / name)
    assert result.exit_code == 2
    assert "-f" in result.output and "suffix" in result.output
    assert not (tmp_path / name).exists()
    assert cli("export", "-f", "csv", "-o", tmp_path / name).exit_code == 0


# --- 10. small wrong answers ------------------------------------------------------------------


def test_info_refuses_an_unknown_format(cli):
    result = cli("info", "-f", "yaml")
    assert result.exit_code == 2 and "yaml" in result.output


def test_an_unknown_command_is_suggested_once(proc):
    result = proc("ingst")
    assert result.returncode == 2
    # once, whichever close names click offers ('init' is close to 'ingst' too)
    assert result.stderr.count("Did you mean") == 1 and "'ingest'" in result.stderr, result.stderr


@pytest.mark.parametrize("typed", ["Trial", "TRIAL", "trial"])
def test_type_filter_is_case_insensitive(cli, typed):
    result = cli("company", "ZTE", "--type", typed, "-f", "tsv")
    assert result.exit_code == 0, result.output
    rows = result.output.splitlines()[1:]
    assert rows and all("\ttrial\t" in row for row in rows)


def test_add_accepts_a_type_in_any_case_and_joint_venture_with_a_hyphen(cli):
    result = cli("add", "-c", "ZTE", "-t", "Joint-Venture", "--title", "ZTE formed a venture", "-d", "2017-05")
    assert result.exit_code == 0, result.output
    event_id = result.output.splitlines()[0]
    assert "joint_venture" in cli("show", event_id, "-f", "json").output


def test_importing_one_event_says_event_not_events(cli, tmp_path):
    one = tmp_path / "one.jsonl"
    one.write_text(cli("export", "-c", "ZTE", "-n", "1").output, encoding="utf-8")
    result = cli("import", one)
    assert result.exit_code == 0
    assert "imported 1 event from" in result.output


# --- 5. undated events go last in both directions ------------------------------------------


def _tsv_rows(output: str) -> list[dict]:
    lines = output.splitlines()
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"))) for line in lines[1:]]


def test_reverse_with_a_limit_is_the_latest_dated_events(cli):
    everything = _tsv_rows(cli("timeline", "-f", "tsv").output)
    assert any(not row["date"] for row in everything), "the shipped log has undated events"
    latest = _tsv_rows(cli("timeline", "--reverse", "-n", "4", "-f", "tsv").output)
    assert len(latest) == 4 and all(row["date"] for row in latest)
    dated = [row for row in everything if row["date"]]
    assert [row["id"] for row in latest] == [row["id"] for row in dated[::-1][:4]]


@pytest.mark.parametrize("reverse", [[], ["--reverse"]])
def test_undated_events_come_last_either_way(cli, reverse):
    rows = _tsv_rows(cli("timeline", *reverse, "-f", "tsv").output)
    first_undated = next(i for i, row in enumerate(rows) if not row["date"])
    assert all(not row["date"] for row in rows[first_undated:])


# --- 7. ingest says what it did, and -o writes what it added -------------------------------

NEWS = "China Unicom announced on Tuesday that it had completed a 5G field trial with Zorbex Networks in Beijing.\n"


def _news(tmp_path, name="wire.txt"):
    path = tmp_path / name
    path.write_text(NEWS, encoding="utf-8")
    return path


def test_dry_run_does_not_claim_companies_joined_the_registry(cli, tmp_path, fresh_db):
    result = cli("ingest", _news(tmp_path), "--published", "2017-06-22", "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert "joined the registry" not in result.stderr
    assert "would join the registry" in result.stderr and "Zorbex Networks" in result.stderr
    assert db_files(fresh_db) == {}


def test_ingest_prints_the_ids_it_added(cli, tmp_path):
    result = cli("ingest", _news(tmp_path), "--published", "2017-06-22")
    assert result.exit_code == 0, result.stderr
    ids = result.stdout.split()
    assert len(ids) == 1
    assert "Zorbex Networks" in cli("show", ids[0]).stdout
    again = cli("ingest", _news(tmp_path), "--published", "2017-06-22")
    assert again.exit_code == 0 and again.stdout == ""


def test_ingest_with_output_writes_the_events_it_added(cli, tmp_path):
    out = tmp_path / "added.csv"
    result = cli("ingest", _news(tmp_path), "--published", "2017-06-22", "-o", out)
    assert result.exit_code == 0, result.stderr
    rows = out.read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("id,date,") and len(rows) == 2 and "Zorbex Networks" in rows[1]
    assert "Zorbex Networks" in cli("company", "Zorbex Networks", "-f", "tsv").stdout  # and it was added


# --- 8. an input that cannot be read: the rest is ingested, then exit 1 --------------------


def test_a_named_binary_file_is_skipped_and_the_exit_status_is_1(cli, tmp_path):
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\x00\x10JFIF\x00")
    result = cli("ingest", binary, _news(tmp_path), "--published", "2017-06-22")
    assert result.exit_code == 1
    assert "photo.jpg" in result.stderr and "Traceback" not in result.stderr
    assert "Zorbex Networks" in cli("company", "Zorbex Networks", "-f", "tsv").stdout


def test_a_single_binary_file_exits_1(proc, tmp_path):
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\x00\x10JFIF\x00")
    result = proc("ingest", binary, "--dry-run")
    assert result.returncode == 1 and "photo.jpg" in result.stderr


def test_a_missing_file_exits_1_after_ingesting_the_rest(proc, tmp_path):
    result = proc("ingest", tmp_path / "missing.txt", _news(tmp_path), "--published", "2017-06-22")
    assert result.returncode == 1
    assert "missing.txt" in result.stderr and "1 added" in result.stderr


# --- 9. the Markdown report says its filters; its diagram always renders ----------------------


def _mermaid_block(markdown: str) -> str:
    return markdown.split("```mermaid\n", 1)[1].split("\n```", 1)[0]


def test_markdown_header_says_which_filters_made_the_report(cli):
    out = cli("company", "Unicom", "-f", "markdown", "--since", "2017-06", "--until", "2017-12", "-t", "trial").stdout
    head = out.split("```mermaid")[0]
    assert head.startswith("# China Unicom\n")
    assert "2017-06-01 to 2017-12-31" in head and "type trial" in head
    assert "2017–2017" not in head
    unfiltered = cli("company", "Unicom", "-f", "markdown").stdout.split("```mermaid")[0]
    assert "Filters" not in unfiltered


def test_markdown_shows_types_in_words(cli):
    out = cli("timeline", "-t", "joint_venture", "-f", "markdown").stdout
    assert "· joint venture ·" in out and "joint_venture" not in out


@pytest.fixture
def crowded_log(cli, tmp_path):
    """690 events, 77 of them dated just "2017", with long titles: the size issue 14 measured."""
    import json

    lines = []
    for number in range(690):
        when = "2017" if number < 77 else f"{2010 + number % 8}-{1 + number % 12:02d}-{1 + number % 28:02d}"
        title = f"ZTE signed agreement number {number} with a partner about networks, devices and services in Asia"
        lines.append(json.dumps({"date": when, "companies": ["ZTE"], "type": "contract", "title": title}))
    source = tmp_path / "crowded.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert cli("import", source).exit_code == 0


def test_markdown_mermaid_stays_under_the_mermaid_limit_on_a_large_log(cli, crowded_log):
    out = cli("timeline", "-f", "markdown").stdout
    block = _mermaid_block(out)
    assert len(block) < 50_000
    for line in block.splitlines():
        if line.startswith("        "):
            assert len(line.split(" : ")) - 1 <= 11, line  # a period, then at most ~10 entries


def test_markdown_mermaid_puts_at_most_ten_events_on_a_period_line(cli, crowded_log):
    out = cli("timeline", "--since", "2017", "--until", "2017", "-f", "markdown").stdout
    block = _mermaid_block(out)
    assert len(block) < 50_000
    year_line = next(line for line in block.splitlines() if line.strip().startswith("2017 : "))
    entries = year_line.strip().split(" : ")[1:]
    assert len(entries) <= 10 and entries[-1].startswith("and ") and "more" in entries[-1]


# --- 4. dates users type: no year means the last one, ranges, ambiguity said -----------------


def _window(cli, *args) -> tuple[str, str]:
    """The window a filter used, as --verbose reports it."""
    import re

    result = cli("timeline", *args, "--verbose", "-n", "0")
    assert result.exit_code == 0, result.stderr
    match = re.search(r"filters: dated (?:(\d{4}-\d\d-\d\d) to (\d{4}-\d\d-\d\d)|from (\d{4}-\d\d-\d\d))", result.stderr)
    assert match, result.stderr
    return (match.group(1) or match.group(3), match.group(2) or "")


def test_a_date_without_a_year_is_the_most_recent_one(cli):
    """Today is whatever the clock says: next month's first day, typed without a year, is last year's."""
    from datetime import date

    today = date.today()
    next_month = date(today.year + (today.month == 12), today.month % 12 + 1, 1)
    for phrase in (f"{next_month:%B} 1", f"since {next_month:%B}", f"from {next_month:%B}"):
        start, _ = _window(cli, "--since", phrase)
        assert start == date(next_month.year - 1, next_month.month, 1).isoformat(), phrase


def test_verbose_says_how_since_and_until_were_read(cli):
    result = cli("timeline", "--since", "6/2017", "--until", "2017/08", "-t", "trial", "--verbose")
    assert result.exit_code == 0, result.stderr
    assert "--since '6/2017' read as 2017-06 (2017-06-01 to 2017-06-30)" in result.stderr
    assert "filters: dated 2017-06-01 to 2017-08-31; type trial" in result.stderr


@pytest.mark.parametrize(
    "phrase, window",
    [
        ("between 2017 and 2018", ("2017-01-01", "2018-12-31")),
        ("from March 2017 to June 2017", ("2017-03-01", "2017-06-30")),
        ("end of 2017", ("2017-10-01", "")),
        ("late 2017", ("2017-10-01", "")),
        ("2017/06", ("2017-06-01", "")),
        ("13/06/2017", ("2017-06-13", "")),
    ],
)
def test_since_reads_ranges_numeric_months_and_narrowed_years(cli, phrase, window):
    assert _window(cli, "--since", phrase) == window


def test_rolling_windows_end_today(cli):
    from datetime import date, timedelta

    today = date.today()
    assert _window(cli, "--since", "last 30 days") == ((today - timedelta(days=30)).isoformat(), today.isoformat())
    start, end = _window(cli, "--since", "past 6 months")
    assert end == today.isoformat() and 180 <= (today - date.fromisoformat(start)).days <= 185


def test_an_ambiguous_numeric_date_is_refused_naming_both_readings(proc):
    result = proc("timeline", "--since", "01/06/2017")
    assert result.returncode == 2
    assert "6 January 2017" in result.stderr and "1 June 2017" in result.stderr
    assert result.stderr.count("\n") == 1


def test_mid_year_is_refused_rather_than_read_as_the_whole_year(cli):
    result = cli("timeline", "--since", "mid-2017")
    assert result.exit_code == 2 and "2017-Q2" in result.stderr
