"""tracker ingest and tracker dates driven as a user does."""

from __future__ import annotations

import json

from tests.conftest import SEEDS, db_files
from tests.test_ingest import NEWS

WIRE = """Acme Networks signs 5G deal with China Mobile

BEIJING, March 14, 2018 (Reuters) - China Mobile said on Wednesday it had signed a contract with Acme Networks Inc. to build a 5G trial network in Shanghai.

The company said in January it would spend $48 million on the network.
"""


def test_dry_run_jsonl_shows_every_field_and_writes_nothing(cli, tmp_path, fresh_db):
    news = tmp_path / "wire.txt"
    news.write_text(WIRE, encoding="utf-8")
    result = cli("ingest", news, "--dry-run", "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert events, result.stderr
    # the contract between the two (the January plan is China Mobile's: "The company" after its sentence)
    deal = next(e for e in events if {"China Mobile", "Acme Networks"} <= set(e["companies"]))
    source = deal["sources"][0]
    assert source["doc"] == "wire.txt"
    assert WIRE[source["offset"] : source["offset"] + len(source["quote"])] == source["quote"]
    assert deal["date"] == "2018-03-14"
    assert "would add" in result.stderr
    assert not fresh_db.exists()


def test_ingest_adds_events_once(cli, tmp_path):
    news = tmp_path / "wire.txt"
    news.write_text(WIRE, encoding="utf-8")
    first = cli("ingest", news)
    assert first.exit_code == 0 and "added" in first.stderr
    second = cli("ingest", news)
    assert ", 0 added," in second.stderr, second.stderr
    assert cli("timeline", "--source", "wire.txt", "-f", "jsonl").stdout.count("\n") >= 1


def test_ingesting_the_seeds_twice_adds_nothing_the_second_time(cli):
    cli("ingest", SEEDS)
    again = cli("ingest", SEEDS)
    assert again.exit_code == 0 and ", 0 added," in again.stderr, again.stderr


def test_files_that_are_not_text_are_skipped_and_the_rest_ingested(cli, tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "photo.jpg").write_bytes(b"\xff\xd8\xff\x00\x10JFIF\x00")
    (tmp_path / "news" / "wire.txt").write_text(WIRE.replace("\n", "\r\n"), encoding="utf-8")
    (tmp_path / "news" / "latin1.txt").write_bytes("Café Telecom said on Monday it had signed a deal with China Unicom.".encode("cp1252"))
    result = cli("ingest", tmp_path / "news", "--dry-run", "-f", "jsonl", "--published", "2018-03-16")
    assert result.exit_code == 0
    assert "warning: skipped" in result.stderr and "photo.jpg" in result.stderr
    assert "read 2 file(s)" in result.stderr


def test_ingest_from_stdin_with_a_publication_date(cli):
    text = "China Unicom announced on Tuesday that it had completed a 5G field trial with ZTE in Beijing.\n"
    result = cli("ingest", "-", "--published", "2017-06-22", "--dry-run", "-f", "json", input=text)
    events = json.loads(result.stdout)
    assert events and events[0]["date"] == "2017-06-20"


def test_ingest_errors(cli, tmp_path, fresh_db):
    assert cli("ingest", tmp_path / "missing.txt").exit_code == 1  # cat and grep: 1, like unreadable
    assert cli("ingest", "-", "--published", "not a date at all", input="x").exit_code == 2
    assert db_files(fresh_db) == {}


def test_dates_lists_timexes_with_offsets_and_values(cli):
    text = "ZTE completed 26 GHz field tests on Monday, June 19, 2017, and plans more in Q3 2017 — three years after 2014.\n"
    result = cli("dates", "-", "--published", "2017-06-20", "--format", "jsonl", input=text)
    assert result.exit_code == 0, result.stderr
    found = [json.loads(line) for line in result.stdout.splitlines()]
    for timex in found:
        assert text[timex["start"] : timex["end"]] == timex["text"]
    values = {t["text"]: t["value"] for t in found}
    assert "2017-06-19" in values.values() and "2017-Q3" in values.values()
    assert not any("26" == t["text"] or "GHz" in t["text"] for t in found)


def test_dates_on_a_seed_document(cli):
    result = cli("dates", SEEDS / "003_f65aabec53c44678.txt", "-f", "tsv")
    lines = result.stdout.splitlines()
    assert lines[0].split("\t") == ["start", "end", "type", "value", "text"]
    assert any(line.split("\t")[3] == "2017-06-19" for line in lines[1:])


def test_a_report_of_a_company_new_to_the_registry_gives_it_a_timeline(cli, fresh_db):
    """An annual report whose author the registry does not know: its cover names it, it joins the
    registry for review, and its "we" lines are its own events, dated by the report's year."""
    report = NEWS / "report_cover_author.txt"
    result = cli("ingest", report)
    assert result.exit_code == 0, result.stderr
    assert "'Langkawi Link Holdings'" in result.stderr and "marked for review" in result.stderr
    timeline = [json.loads(line) for line in cli("company", "Langkawi Link Holdings", "-f", "jsonl").stdout.splitlines()]
    by_title = {event["title"]: event for event in timeline}
    roaming = by_title["Langkawi Link Holdings signed a roaming agreement with Borealis Telecom for our prepaid customers"]
    assert roaming["companies"] == ["Langkawi Link Holdings", "Borealis Telecom"]
    assert roaming["date"] == "2018-06"  # "In June" of the Annual Report 2018
    assert all(event["companies"][0] == "Langkawi Link Holdings" for event in timeline)
