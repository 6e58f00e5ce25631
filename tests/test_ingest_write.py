"""What `tracker ingest` writes and prints: its events in one transaction (a failure leaves the log
as it was), then each added event's short id, looked up for all of them at once
(``EventLog.resolve_ids``: one read lock, each id file read once) and as long as it must be."""

from __future__ import annotations

import json

from tracker.store.layout import doc_id

# written for this test: three facts about three companies on three days
NEWS = (
    "China Unicom announced on Tuesday that it had completed a 5G field trial with Zorbex Networks in Beijing.\n\n"
    "Separately, Kestrel Turbines said on 3 May 2017 it had agreed to buy Borealis Grid for $40 million.\n\n"
    "Vantor Robotics launched a warehouse robot on 12 June 2017, the company said.\n"
)


def _events(cli, news) -> list[dict]:
    result = cli("ingest", news, "--published", "2017-06-22", "--dry-run", "-f", "jsonl")
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_ingest_prints_a_short_id_for_each_event_longer_where_another_id_shares_its_digits(cli, tmp_path, fresh_db):
    news = tmp_path / "wire.txt"
    news.write_text(NEWS, encoding="utf-8")
    found = [event["id"] for event in _events(cli, news)]
    assert len(found) >= 3 and len(set(found)) == len(found)

    # a log holding, beside the seed, an id that shares the first 11 digits of one of them
    assert cli("add", "-c", "Acme", "-t", "contract", "--title", "make the log", "-d", "2017-01-01").exit_code == 0
    shared = found[1]
    twin = shared[:11] + ("0" if shared[11] != "0" else "1") + shared[12:]
    index = fresh_db / "ids" / f"{shared[:2]}.json"
    table = json.loads(index.read_text()) if index.exists() else {"ids": {}}
    table["ids"][doc_id(twin)] = {"shards": []}
    index.write_text(json.dumps(table))

    result = cli("ingest", news, "--published", "2017-06-22")
    assert result.exit_code == 0, result.stderr
    printed = result.stdout.split()
    assert len(printed) == len(found)
    for short in printed:
        (full,) = [event_id for event_id in found if event_id.startswith(short)]
        assert len(short) == (12 if full == shared else 10)  # git's way: as long as it takes to name one
        assert cli("show", short).exit_code == 0


# --- an ingest's one write: all of it or nothing ----------------------------------------------------

MORE_NEWS = (
    "Harlow Freight said on 4 April 2017 it had opened a depot in Leeds.\n\n"
    "Tamsin Mobile launched a prepaid plan on 9 August 2017, the operator said.\n"
)


def test_an_ingest_whose_write_fails_leaves_the_log_as_it_was_and_a_later_one_adds_it_all(proc, tmp_path, fresh_db):
    from tests.conftest import db_files
    from tests.hardening_helpers import faults, one_clean_line

    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text(NEWS, encoding="utf-8")
    second.write_text(MORE_NEWS, encoding="utf-8")
    assert proc("ingest", first, "--published", "2017-06-22", "-j", "1").returncode == 0
    before = db_files(fresh_db)

    # the disk fills up at the fourth file of the write (shards, id files and the registry: ~10)
    full = faults({"call": "builtins.open", "match": "db/tmp/", "do": "enospc", "skip": 3})
    failed = proc("ingest", second, "--published", "2017-09-01", "-j", "1", env=full)
    assert failed.returncode == 1 and "No space left" in one_clean_line(failed)
    assert db_files(fresh_db) == before  # not one file changed, no temp left
    assert proc("check").returncode == 0

    done = proc("ingest", second, "--published", "2017-09-01", "-j", "1")
    assert done.returncode == 0, done.stderr
    added = done.stdout.split()
    assert len(added) >= 2
    titles = proc("export", "-f", "jsonl").stdout
    assert "Harlow Freight" in titles and "Tamsin Mobile" in titles
