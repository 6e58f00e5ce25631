"""The analyst's desk: edit, remove several, undo, import --replace, merge, duplicates, init, source URLs."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import sys
import time

import pytest

from tests.conftest import db_files


def _add(cli, *extra, title="ZTE ran a desk trial", when="2017-06-19"):
    result = cli("add", "-c", "ZTE", "-t", "trial", "--title", title, "-d", when,
                 "--source-doc", "zte.txt", "--quote", f"{title}.", *extra)
    assert result.exit_code == 0, result.stderr
    return result.stdout.strip()


def _row(cli, event_id):
    result = cli("show", event_id, "-f", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _count(cli):
    return len(cli("timeline", "-f", "jsonl").stdout.splitlines())


# --- edit -----------------------------------------------------------------------------------


def test_edit_changes_every_field_by_option_and_keeps_id_recorded_and_sources(cli, fresh_db):
    event_id = _add(cli)
    before = _row(cli, event_id)
    assert before["id"] not in cli("timeline", "--since", "2017-06-25", "--until", "2017-06-30", "-f", "tsv").stdout
    result = cli("edit", event_id, "--date", "June 2017", "--type", "product-launch", "--title", "ZTE launched a 26 GHz base station",
                 "--add-company", "Huawei", "--people", "Xu Ming", "--tag", "5g", "--tag", "mmwave", "--url", "https://example.com/zte")
    assert result.exit_code == 0, result.stderr
    assert before["id"].startswith(result.stdout.strip())
    after = _row(cli, event_id)
    assert after["id"] == before["id"]
    assert (after["date"], after["precision"], after["type"]) == ("2017-06", "month", "product_launch")
    assert after["title"] == "ZTE launched a 26 GHz base station"
    assert after["companies"] == ["ZTE", "Huawei"] and after["people"] == ["Xu Ming"] and after["tags"] == ["5g", "mmwave"]
    assert after["recorded"] == before["recorded"] and after["edited"] >= after["recorded"]
    assert [(s["doc"], s["quote"]) for s in after["sources"]] == [(s["doc"], s["quote"]) for s in before["sources"]]
    assert after["sources"][0]["url"] == "https://example.com/zte"
    text = cli("show", event_id).stdout
    assert f"recorded   {before['recorded']}" in text and f"edited     {after['edited']}" in text
    # the event is found under its new company and no longer under its old date
    assert before["id"] in cli("company", "Huawei", "-f", "tsv").stdout
    assert before["id"] in cli("timeline", "--since", "2017-06-25", "--until", "2017-06-30", "-f", "tsv").stdout  # June overlaps
    assert cli("check").exit_code == 0


def test_edit_replaces_and_removes_companies_and_clears_lists(cli):
    event_id = _add(cli, "-p", "Someone", "--tag", "x")
    assert cli("edit", event_id, "--company", "unicom", "--company", "ZTE").exit_code == 0
    assert _row(cli, event_id)["companies"] == ["China Unicom", "ZTE"]
    assert cli("edit", event_id, "--remove-company", "zte", "--people", "", "--tag", "").exit_code == 0
    row = _row(cli, event_id)
    assert (row["companies"], row["people"], row["tags"]) == (["China Unicom"], [], [])
    assert cli("edit", event_id, "--date", "").exit_code == 0
    assert _row(cli, event_id)["date"] is None
    assert cli("check").exit_code == 0


def test_an_edit_that_names_a_new_company_says_it_joined_the_registry_for_review(cli, fresh_db):
    event_id = _add(cli)
    result = cli("edit", event_id, "--add-company", "Zorblax Networks")
    assert result.exit_code == 0, result.stderr
    assert "1 new company joined the registry, marked for review: 'Zorblax Networks'" in result.stderr
    listed = cli("companies", "review", "-f", "tsv").stdout
    assert "Zorblax Networks" in listed
    again = cli("edit", event_id, "--title", "ZTE ran another desk trial")
    assert "joined the registry" not in again.stderr


@pytest.mark.parametrize("args, message", [
    (["--type", "merger"], "unknown event type"),
    (["--remove-company", "Tencent"], "does not name"),
    (["--remove-company", "ZTE"], "at least one company"),
    (["--title", "  "], "title"),
    (["--date", "someday soon-ish"], "cannot read"),
    (["--url", "javascript:alert(1)"], "not a web address"),
])
def test_a_bad_edit_is_one_error_line_and_changes_nothing(cli, fresh_db, args, message):
    event_id = _add(cli)
    before = db_files(fresh_db)
    result = cli("edit", event_id, *args)
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert db_files(fresh_db) == before


def _editor_script(tmp_path, body: str):
    script = tmp_path / "editor.py"
    script.write_text(f"#!{sys.executable}\nimport json, sys\npath = sys.argv[1]\n{body}\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


def test_edit_without_options_opens_the_editor_on_the_event_as_json(proc, tmp_path, fresh_db):
    added = proc("add", "-c", "ZTE", "-t", "trial", "--title", "ZTE tested", "-d", "2017-06-19", "--source-doc", "a.txt", "--quote", "ZTE tested.")
    event_id = added.stdout.strip()
    editor = _editor_script(tmp_path, "row = json.load(open(path))\nrow['type'] = 'contract'\nrow['date'] = '2017-Q3'\n"
                                      "row['sources'][0]['url'] = 'https://example.com/a'\njson.dump(row, open(path, 'w'))")
    result = proc("edit", event_id, env={"EDITOR": editor, "VISUAL": ""})
    assert result.returncode == 0, result.stderr
    row = json.loads(proc("show", event_id, "-f", "json").stdout)
    assert (row["type"], row["date"], row["precision"]) == ("contract", "2017-Q3", "quarter")
    assert row["id"].startswith(event_id) and row["edited"] and row["sources"][0]["url"] == "https://example.com/a"
    # VISUAL wins over EDITOR, and an editor that saves nothing new changes nothing
    before = db_files(fresh_db)
    unchanged = proc("edit", event_id, env={"VISUAL": _editor_script(tmp_path, "pass"), "EDITOR": editor})
    assert unchanged.returncode == 0 and "no change" in unchanged.stderr
    assert db_files(fresh_db) == before


@pytest.mark.parametrize("body, message", [
    ("open(path, 'w').write('{not json')", "not JSON"),
    ("row = json.load(open(path)); row['id'] = 'ffffffffffffffffffff'; json.dump(row, open(path, 'w'))", "id of an event cannot change"),
    ("row = json.load(open(path)); row['type'] = 'merger'; json.dump(row, open(path, 'w'))", "unknown event type"),
    ("row = json.load(open(path)); row['companies'] = []; json.dump(row, open(path, 'w'))", "at least one company"),
    ("row = json.load(open(path)); row['colour'] = 'red'; json.dump(row, open(path, 'w'))", "'colour'"),
])
def test_a_bad_edit_in_the_editor_changes_nothing_and_keeps_the_text(proc, tmp_path, fresh_db, body, message):
    event_id = proc("add", "-c", "ZTE", "-t", "trial", "--title", "ZTE tested", "-d", "2017").stdout.strip()
    before = db_files(fresh_db)
    result = proc("edit", event_id, env={"EDITOR": _editor_script(tmp_path, body), "VISUAL": ""})
    assert result.returncode == 2, result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert db_files(fresh_db) == before
    kept = result.stderr.rsplit("kept in ", 1)[1].strip()
    assert os.path.exists(kept)
    os.unlink(kept)


def test_an_editor_that_fails_changes_nothing(proc, fresh_db):
    event_id = proc("add", "-c", "ZTE", "-t", "trial", "--title", "ZTE tested", "-d", "2017").stdout.strip()
    before = db_files(fresh_db)
    result = proc("edit", event_id, env={"EDITOR": "false", "VISUAL": ""})
    assert result.returncode == 1 and "exited with status 1" in result.stderr
    missing = proc("edit", event_id, env={"EDITOR": "no-such-editor-here", "VISUAL": ""})
    assert missing.returncode == 1 and "cannot run the editor" in missing.stderr
    assert db_files(fresh_db) == before


def test_edit_works_on_the_shipped_sample_and_creates_the_user_log(cli, fresh_db):
    unicom = json.loads(cli("company", "Unicom", "-n", "1", "-f", "json").stdout)[0]
    assert not fresh_db.exists()
    assert cli("edit", unicom["id"], "--tag", "reviewed").exit_code == 0
    assert fresh_db.exists() and _row(cli, unicom["id"])["tags"] == ["reviewed"]


def test_an_edited_event_told_again_as_first_recorded_is_known_not_new(cli, tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("---\ndate: 2017-06-20\n---\nZTE completed 26 GHz field tests in Beijing on Monday, the company said.\n", encoding="utf-8")
    found = [json.loads(l) for l in cli("ingest", story, "-f", "jsonl").stdout.splitlines()]
    assert found
    count = _count(cli)
    original = found[0]
    # the reviewer fixes the main company and the type; the same text ingested again adds nothing
    assert cli("edit", original["id"], "--company", "Huawei", "--add-company", "ZTE", "--type", "contract").exit_code == 0
    again = cli("ingest", story)
    assert again.exit_code == 0 and "0 added" in again.stderr, again.stderr
    re_added = cli("add", "-c", original["companies"][0], "-t", original["type"], "--title", original["title"], "-d", original["date"])
    assert "already recorded" in re_added.stderr and "collision" not in re_added.stderr
    assert _count(cli) == count
    assert _row(cli, original["id"])["companies"] == ["Huawei", "ZTE"]


# --- source URLs ------------------------------------------------------------------------------


def test_add_url_is_shown_and_exported_in_every_format(cli, tmp_path):
    event_id = _add(cli, "--url", "https://example.com/news/zte_(1)", title="ZTE linked story")
    assert "url: https://example.com/news/zte_(1)" in cli("show", event_id).stdout
    assert _row(cli, event_id)["sources"][0]["url"] == "https://example.com/news/zte_(1)"
    rows = list(csv.DictReader(io.StringIO(cli("export", "-c", "ZTE", "--search", "linked story", "-f", "csv").stdout)))
    assert rows[0]["source_url"] == "https://example.com/news/zte_(1)"
    jsonl = [json.loads(l) for l in cli("export", "-c", "ZTE", "--search", "linked story").stdout.splitlines()]
    assert jsonl[0]["sources"][0]["url"] == "https://example.com/news/zte_(1)"
    markdown = cli("export", "-c", "ZTE", "--search", "linked story", "-f", "markdown").stdout
    assert "[zte.txt](https://example.com/news/zte_%281%29)" in markdown
    # an address with no document name is its own link text
    bare = cli("add", "-c", "ZTE", "-t", "trial", "--title", "Linked only", "-d", "2018", "--url", "https://example.com/b").stdout.strip()
    assert "source     https://example.com/b" in cli("show", bare).stdout
    assert "[https://example.com/b](https://example.com/b)" in cli("export", "-c", "ZTE", "--search", "Linked only", "-f", "markdown").stdout
    assert cli("add", "-c", "ZTE", "-t", "trial", "--title", "x", "--url", "file:///etc/passwd").exit_code == 2


def test_ingest_keeps_the_front_matter_url(cli, tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("---\ntitle: ZTE news\ndate: 2017-06-20\nurl: https://news.example.com/zte-26ghz\n---\n"
                     "ZTE completed 26 GHz field tests in Beijing on Monday, the company said.\n", encoding="utf-8")
    result = cli("ingest", story, "-f", "jsonl")
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(l) for l in result.stdout.splitlines()]
    assert rows and all(s["url"] == "https://news.example.com/zte-26ghz" for r in rows for s in r["sources"])


# --- remove several, undo -----------------------------------------------------------------------


def test_remove_several_ids_and_ids_from_standard_input(cli, fresh_db):
    first, second, third = (_add(cli, title=f"event {n}") for n in (1, 2, 3))
    count = _count(cli)
    result = cli("remove", first, second, "--yes")
    assert result.exit_code == 0, result.stderr
    assert _count(cli) == count - 2 and cli("show", first).exit_code == 2
    piped = cli("remove", "-", "--yes", input=f"id\n{third}\tevent 3\n")
    assert piped.exit_code == 0, piped.stderr
    assert cli("show", third).exit_code == 2


def test_remove_of_several_without_a_terminal_needs_yes_and_a_wrong_id_removes_none(cli, fresh_db):
    first, second = _add(cli, title="one"), _add(cli, title="two")
    before = db_files(fresh_db)
    refused = cli("remove", first, second)
    assert refused.exit_code == 2 and "--yes" in refused.stderr
    wrong = cli("remove", first, "0000000000", "--yes")
    assert wrong.exit_code == 2 and "no event with id" in wrong.stderr
    assert db_files(fresh_db) == before
    assert cli("remove", first).exit_code == 0  # one id needs no --yes


def test_remove_asks_on_a_terminal(tmp_path, fresh_db, proc):
    import pty
    import subprocess

    from tests.conftest import tracker_command

    ids = [proc("add", "-c", "ZTE", "-t", "trial", "--title", f"pty {n}", "-d", "2017").stdout.strip() for n in (1, 2)]

    def run(answer: bytes) -> tuple[int, bytes]:
        main, secondary = pty.openpty()
        child = subprocess.Popen(tracker_command() + ["remove", *ids], stdin=secondary, stdout=secondary, stderr=secondary,
                                 env={**os.environ, "TRACKER_DB": str(fresh_db)}, close_fds=True)
        os.close(secondary)
        seen = b""
        deadline = time.time() + 60
        while b"[y/N]" not in seen and time.time() < deadline:
            seen += os.read(main, 1024)
        os.write(main, answer)
        code = child.wait(timeout=60)
        try:
            while True:
                seen += os.read(main, 1024)
        except OSError:
            pass
        os.close(main)
        return code, seen

    code, screen = run(b"n\n")
    assert code == 1 and b"Remove these 2 events?" in screen and b"pty 1" in screen
    assert proc("show", ids[0]).returncode == 0
    code, screen = run(b"y\n")
    assert code == 0, screen
    assert proc("show", ids[0]).returncode == 2 and proc("show", ids[1]).returncode == 2


def test_undo_puts_back_the_last_write_once_and_says_what(cli, fresh_db):
    keep = _add(cli, title="kept")
    before = db_files(fresh_db)
    gone = _add(cli, title="gone")
    assert cli("remove", gone).exit_code == 0
    undone = cli("undo")
    assert undone.exit_code == 0 and f"undid remove {_row(cli, gone)['id']}" in undone.stderr
    assert _row(cli, gone)["title"] == "gone"
    again = cli("undo")
    assert again.exit_code == 1 and "nothing to undo" in again.stderr
    # the add of "gone" is not undone by a second undo: one level, said so
    assert cli("show", gone).exit_code == 0 and cli("show", keep).exit_code == 0
    assert cli("check").exit_code == 0
    assert before != db_files(fresh_db)


def test_undo_of_an_edit_and_of_a_merge(cli):
    first, second = _add(cli, title="ZTE ran a trial"), _add(cli, title="ZTE ran a 5G trial")
    cli("edit", first, "--type", "contract", "--add-company", "Brand New Widgets")
    assert cli("undo").exit_code == 0
    row = _row(cli, first)
    assert row["type"] == "trial" and row["companies"] == ["ZTE"] and "edited" not in row
    assert "Brand New Widgets" not in cli("companies", "-f", "tsv").stdout  # the company the edit made is gone too
    assert cli("merge", first, second).exit_code == 0
    assert cli("show", second).exit_code == 2
    assert cli("undo").exit_code == 0
    assert len(_row(cli, first)["sources"]) == 1 and cli("show", second).exit_code == 0
    assert cli("check").exit_code == 0


def test_undo_of_the_first_write_leaves_the_shipped_sample(cli, fresh_db):
    shipped = _count(cli)
    _add(cli)
    assert cli("undo").exit_code == 0
    assert _count(cli) == shipped and cli("company", "Unicom").exit_code == 0


def test_undo_with_nothing_written_or_after_a_change_by_hand_refuses(cli, fresh_db):
    nothing = cli("undo")
    assert nothing.exit_code == 1 and "nothing to undo" in nothing.stderr
    event_id = _add(cli)
    shard = next(p for p in (fresh_db / "shards").rglob("2017.json") if p.parent.name.startswith("zte-"))
    content = shard.read_bytes()
    shard.unlink()
    shard.write_bytes(content)  # the same bytes in a new file: not the file the write left
    before = db_files(fresh_db)
    refused = cli("undo")
    assert refused.exit_code == 1 and "changed after that write" in refused.stderr
    assert db_files(fresh_db) == before and cli("show", event_id).exit_code == 0


def test_undo_waits_for_a_writer_holding_the_lock(proc, fresh_db):
    import fcntl
    import subprocess

    from tests.conftest import tracker_command

    event_id = proc("add", "-c", "ZTE", "-t", "trial", "--title", "locked", "-d", "2017").stdout.strip()
    fd = os.open(fresh_db / ".write.lock", os.O_RDWR)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        child = subprocess.Popen(tracker_command() + ["undo"], env={**os.environ, "TRACKER_DB": str(fresh_db)},
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(1.5)
        assert child.poll() is None  # still waiting for the lock
    finally:
        os.close(fd)
    assert child.wait(timeout=60) == 0
    assert proc("show", event_id).returncode == 2


# --- import --replace ----------------------------------------------------------------------------


def test_import_replace_updates_events_by_id_and_adds_the_rest(cli, fresh_db, tmp_path):
    event_id = _add(cli)
    stored = _row(cli, event_id)
    edited = dict(stored, type="contract", title="ZTE won a 26 GHz contract")
    fresh = dict(stored, id="", title="A new event from the file")
    path = tmp_path / "batch.jsonl"
    path.write_text(json.dumps(edited) + "\n" + json.dumps(fresh) + "\n", encoding="utf-8")
    count = _count(cli)
    result = cli("import", "--replace", path)
    assert result.exit_code == 0, result.stderr
    assert "1 new, 1 replaced, 0 already known" in result.stderr
    row = _row(cli, stored["id"])
    assert (row["type"], row["title"], row["recorded"]) == ("contract", "ZTE won a 26 GHz contract", stored["recorded"])
    assert row["edited"] and _count(cli) == count + 1
    again = cli("import", "--replace", path)
    assert "0 new, 0 replaced, 2 already known" in again.stderr and _count(cli) == count + 1
    assert cli("check").exit_code == 0


def test_import_without_replace_adds_an_edited_record_beside_the_original(cli, tmp_path):
    event_id = _add(cli)
    stored = _row(cli, event_id)
    path = tmp_path / "batch.jsonl"
    path.write_text(json.dumps(dict(stored, type="contract")) + "\n", encoding="utf-8")
    count = _count(cli)
    assert "1 new" in cli("import", path).stderr
    assert _count(cli) == count + 1 and _row(cli, event_id)["type"] == "trial"


def test_import_replace_with_a_bad_row_changes_nothing(cli, fresh_db, tmp_path):
    stored = _row(cli, _add(cli))
    path = tmp_path / "batch.jsonl"
    path.write_text(json.dumps(dict(stored, type="contract")) + "\n" + json.dumps(dict(stored, type="merger")) + "\n", encoding="utf-8")
    before = db_files(fresh_db)
    result = cli("import", "--replace", path)
    assert result.exit_code == 2 and "nothing was imported" in result.stderr
    assert db_files(fresh_db) == before


# --- merge and duplicates ----------------------------------------------------------------------


def test_duplicates_lists_a_likely_pair_and_merge_joins_it(cli):
    first = _add(cli, title="ZTE completed 26 GHz field tests", when="2017-06")
    second = cli("add", "-c", "ZTE", "-t", "trial", "--title", "ZTE completes 26GHz field test in Beijing", "-d", "2017-06-19",
                 "--source-doc", "other.txt", "--quote", "ZTE has completed the test.", "-p", "Xu").stdout.strip()
    pairs = json.loads(cli("duplicates", "-f", "json").stdout)
    pair = next(p for p in pairs if p["companies"] == ["ZTE"])
    ids = {_row(cli, first)["id"], _row(cli, second)["id"]}
    assert {pair["first"], pair["second"]} == ids and pair["similarity"] >= 0.7
    tsv = cli("duplicates", "-f", "tsv").stdout.splitlines()
    assert tsv[0].split("\t")[:3] == ["similarity", "first", "second"]
    result = cli("merge", first, second)
    assert result.exit_code == 0, result.stderr
    row = _row(cli, first)
    assert [s["doc"] for s in row["sources"]] == ["zte.txt", "other.txt"] and row["people"] == ["Xu"] and row["edited"]
    assert cli("show", second).exit_code == 2
    assert not any(p["companies"] == ["ZTE"] for p in json.loads(cli("duplicates", "-f", "json").stdout))
    assert cli("check").exit_code == 0


def test_duplicates_leaves_out_titles_with_different_numbers_and_other_companies(cli):
    _add(cli, title="ZTE had 10 million users", when="2017-03")
    _add(cli, title="ZTE had 12 million users", when="2017-03")
    cli("add", "-c", "Huawei", "-t", "trial", "--title", "Huawei had 10 million users", "-d", "2017-03")
    _add(cli, title="ZTE had 10 million users in March", when="2018-03")  # another year
    pairs = json.loads(cli("duplicates", "-f", "json").stdout)
    assert not [p for p in pairs if "million users" in p["first_title"]]


def test_merge_refuses_one_event_twice(cli, fresh_db):
    event_id = _add(cli)
    result = cli("merge", event_id, event_id)
    assert result.exit_code == 2 and "same event" in result.stderr


# --- init ----------------------------------------------------------------------------------------


def test_init_empty_starts_with_nothing_and_refuses_an_existing_log(cli, fresh_db):
    assert cli("company", "Unicom").exit_code == 0  # a fresh machine reads the sample
    result = cli("init", "--empty")
    assert result.exit_code == 0 and "0 events, 0 companies" in result.stderr
    assert cli("timeline", "-f", "jsonl").stdout == ""
    assert cli("company", "Unicom").exit_code == 2
    _add(cli)
    before = db_files(fresh_db)
    again = cli("init", "--sample")
    assert again.exit_code == 1 and "exists" in again.stderr
    assert db_files(fresh_db) == before
    assert cli("undo").exit_code == 0 and cli("undo").exit_code == 1  # init itself is not undone


def test_init_sample_is_the_shipped_log(cli, fresh_db):
    shipped = _count(cli)
    assert cli("init").exit_code == 0
    assert fresh_db.exists() and _count(cli) == shipped
    assert cli("init", "--empty", "--sample").exit_code == 2


@pytest.mark.parametrize("command", ["edit", "remove", "undo", "merge", "duplicates", "init", "import", "add"])
def test_help_of_each_desk_command_has_an_example(cli, command):
    result = cli(command, "--help")
    assert result.exit_code == 0
    example = result.stdout.split("Examples:", 1)[1].strip().splitlines()[0]
    assert example.startswith("tracker ") or example.startswith("$EDITOR")


def test_undo_of_a_bulk_import_and_of_an_ingest(cli, tmp_path):
    rows = [{"date": "2019", "companies": [f"Undo Co {n}", "ZTE"], "type": "contract", "title": f"deal {n}"} for n in range(3)]
    path = tmp_path / "batch.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    count = _count(cli)
    assert cli("import", path).exit_code == 0 and _count(cli) == count + 3
    undone = cli("undo")
    assert undone.exit_code == 0 and f"import {path}" in undone.stderr
    assert _count(cli) == count and "Undo Co" not in cli("companies", "-f", "tsv").stdout
    story = tmp_path / "story.txt"
    story.write_text("---\ndate: 2017-06-20\n---\nZTE completed 26 GHz field tests in Beijing on Monday, the company said.\n", encoding="utf-8")
    added = cli("ingest", story).stdout.split()
    assert added and cli("undo").exit_code == 0
    assert all(cli("show", short).exit_code == 2 for short in added)
    assert cli("check").exit_code == 0


def test_undo_of_a_large_write_leaves_the_files_it_made_empty_and_the_log_whole(cli, monkeypatch, fresh_db):
    import tracker.store.undo as undo_module

    monkeypatch.setattr(undo_module, "TIDY_LIMIT", 0)  # as if the write had made thousands of files
    before = json.loads(cli("info", "-f", "json").stdout)["companies_with_events"]
    cli("add", "-c", "Quite New Company", "-t", "contract", "--title", "A deal", "-d", "2019")
    assert json.loads(cli("info", "-f", "json").stdout)["companies_with_events"] == before + 1
    assert cli("undo").exit_code == 0
    assert list((fresh_db / "shards").glob("quite-new-company-*/*.json"))  # kept, empty
    assert json.loads(cli("info", "-f", "json").stdout)["companies_with_events"] == before
    assert cli("company", "Quite New Company").exit_code == 2 and cli("check").exit_code == 0
