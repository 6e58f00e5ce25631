"""Untrusted text never drives the terminal or a spreadsheet (issue 12, item 10)."""

from __future__ import annotations

import json
import os
import pty
import subprocess

import pytest

from tests.conftest import tracker_command

OSC52 = "\x1b]52;c;ZWNobyBwd25lZA==\x07"  # writes the clipboard
OSC8 = "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\"  # a hidden link
CLEAR = "\x1b[2J\x1b[H"
C1_CSI = "\x9b31m"
BIDI = "\u202eevil"
EVIL = f"Deal {OSC52}{OSC8}{CLEAR}{C1_CSI}{BIDI}\x07\x08 done"
RAW = ("\x1b", "\x9b", "\x07", "\x08", "\u202e")


@pytest.fixture
def evil_log(proc, tmp_path, fresh_db):
    events = [
        {"date": "2017-05-01", "companies": [f"Evil{CLEAR}Corp"], "type": "contract", "title": EVIL, "people": [OSC52],
         "sources": [{"doc": f"doc{OSC8}", "quote": f"quote {OSC52}", "offset": 1}]},
        {"date": "2017-06-01", "companies": ["Sheet Corp"], "type": "contract", "title": "=HYPERLINK(\"http://x\",\"y\")"},
        {"date": "2017-07-01", "companies": ["Sheet Corp"], "type": "contract", "title": "＝1+1 fullwidth"},
        {"date": "2017-08-01", "companies": ["<img src=x onerror=alert(1)>"], "type": "contract", "title": "html"},
    ]
    source = tmp_path / "evil.jsonl"
    source.write_text("\n".join(json.dumps(e) for e in events) + "\n")
    result = proc("import", source)
    assert result.returncode == 0, result.stderr
    return fresh_db


def _clean(text: str) -> None:
    for raw in RAW:
        assert raw not in text, (raw, text)


def _on_a_terminal(*args) -> str:
    """What tracker writes to a terminal (a pseudo-terminal on stdout and stderr)."""
    primary, secondary = pty.openpty()
    env = {**os.environ, "PAGER": "cat"}  # the text as written, not a pager waiting for keys
    process = subprocess.Popen(tracker_command() + list(args), stdout=secondary, stderr=secondary, stdin=subprocess.DEVNULL, env=env)
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(primary)
    shown = b"".join(chunks).decode("utf-8", "replace")
    return shown.replace("\x1b[1m", "").replace("\x1b[0m", "")  # tracker's own bold table headers


def test_tables_show_and_messages_neutralise_control_characters(proc, evil_log):
    table = proc("timeline", "-f", "table")
    _clean(table.stdout)
    assert "\\x1b]52;c;" in table.stdout  # shown, visibly, not sent
    rows = [json.loads(line) for line in proc("export", "-f", "jsonl").stdout.splitlines()]
    event_id = next(row["id"] for row in rows if row["title"] == EVIL)
    shown = proc("show", event_id)
    _clean(shown.stdout)
    assert "\\u202eevil" in shown.stdout
    added = proc("add", "-c", "Acme", "-t", "contract", "--title", f"Acme {OSC52} x")
    assert added.returncode == 0
    _clean(added.stderr)
    company = proc("company", f"Evil{CLEAR}Corp", "-f", "table")
    _clean(company.stdout + company.stderr)
    unknown = proc("company", f"Nobody{OSC52}")
    assert unknown.returncode == 2
    _clean(unknown.stderr)


@pytest.mark.parametrize("fmt", ["table", "tsv", "csv", "markdown", "jsonl"])
def test_any_format_on_a_terminal_is_neutralised(evil_log, fmt):
    _clean(_on_a_terminal("timeline", "-f", fmt))


def test_data_formats_in_a_pipe_keep_the_text_as_stored(proc, evil_log):
    exported = [json.loads(line) for line in proc("export", "-f", "jsonl").stdout.splitlines()]
    assert EVIL in [row["title"] for row in exported]


def test_tsv_and_csv_neutralise_formulas_alike_and_csv_reads_back(proc, evil_log, tmp_path):
    tsv = proc("timeline", "-f", "tsv").stdout
    assert "\t'=HYPERLINK(" in tsv and "\t'＝1+1 fullwidth" in tsv
    assert "\t=HYPERLINK(" not in tsv and "\t＝1+1" not in tsv
    csv_text = proc("export", "-f", "csv").stdout
    assert ",'＝1+1 fullwidth," in csv_text and "\"'=HYPERLINK(" in csv_text
    saved = tmp_path / "out.csv"
    saved.write_text(csv_text)
    other = tmp_path / "other"
    assert proc("import", saved, "--db", other).returncode == 0
    titles = {json.loads(line)["title"] for line in proc("export", "-f", "jsonl", "--db", other).stdout.splitlines()}
    assert {"＝1+1 fullwidth", "=HYPERLINK(\"http://x\",\"y\")", EVIL} <= titles


def test_companies_markdown_escapes_html(proc, evil_log):
    markdown = proc("companies", "-f", "markdown").stdout
    assert "<img" not in markdown and "&lt;img src=x onerror=alert(1)&gt;" in markdown
