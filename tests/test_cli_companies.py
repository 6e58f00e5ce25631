"""The company registry commands: companies alias, rename, merge, parent, review, remove, and
names found by a unique prefix or without their legal form."""

from __future__ import annotations

import json

import pytest

from tests.conftest import ONE_AT_A_TIME, db_files
from tracker.registry import LEGAL_FORMS, short_form


def companies(cli) -> dict[str, dict]:
    return {row["name"]: row for row in json.loads(cli("companies", "-f", "json").stdout)}


def events_of(cli, name: str) -> list[dict]:
    result = cli("company", name, "-f", "jsonl")
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def add(cli, *companies_, title="Something happened", type_="contract", when="2017-05"):
    args = ["add", "-t", type_, "--title", title, "-d", when]
    for name in companies_:
        args += ["-c", name]
    result = cli(*args)
    assert result.exit_code == 0, result.stderr
    return result.stdout.strip()


def check_ok(cli):
    result = cli("check")
    assert result.exit_code == 0, result.stdout + result.stderr


def test_bare_companies_still_lists_the_registry(cli):
    result = cli("companies")
    assert result.exit_code == 0
    assert result.stdout.startswith("name\tevents\tfirst\tlast\tparent\taliases\n")
    assert "China Unicom\t" in result.stdout


def test_alias_finds_the_company_and_writes_the_users_log(cli, fresh_db):
    result = cli("companies", "alias", "unicom", "Liantong")
    assert result.exit_code == 0, result.stderr
    assert "'Liantong' is now an alias of China Unicom" in result.stderr
    assert fresh_db.exists()  # the shipped log is read-only: the first change creates the user's log
    assert "Liantong" in companies(cli)["China Unicom"]["aliases"]
    assert events_of(cli, "liantong") == events_of(cli, "China Unicom")
    check_ok(cli)


def test_alias_that_is_another_company_is_refused_and_changes_nothing(cli, fresh_db):
    add(cli, "Acme Widgets")
    before = db_files(fresh_db)
    result = cli("companies", "alias", "China Unicom", "Acme Widgets")
    assert result.exit_code == 2
    assert "is a company of its own" in result.stderr and "companies merge" in result.stderr
    assert result.stderr.count("\n") == 1
    assert db_files(fresh_db) == before


def test_a_failed_change_on_the_shipped_log_creates_nothing(cli, fresh_db):
    result = cli("companies", "merge", "Nowhere Corp", "China Unicom")
    assert result.exit_code == 2 and "unknown company 'Nowhere Corp'" in result.stderr
    assert not fresh_db.exists()


def test_merge_moves_the_events_and_keeps_the_old_name_as_an_alias(cli, fresh_db):
    old_id = add(cli, "Unicon", "ZTE", title="Unicon tests 5G with ZTE", type_="trial", when="2017-06-01")
    unicom_before = len(events_of(cli, "China Unicom"))
    result = cli("companies", "merge", "Unicon", "China Unicom")
    assert result.exit_code == 0, result.stderr
    assert "merged Unicon into China Unicom" in result.stderr and "1 event moved" in result.stderr
    old, new = result.stdout.split()  # the id changes with the content: OLD NEW
    assert old.startswith(old_id) and new != old
    registry = companies(cli)
    assert "Unicon" not in registry and "Unicon" in registry["China Unicom"]["aliases"]
    moved = events_of(cli, "China Unicom")
    assert len(moved) == unicom_before + 1
    assert [e["companies"] for e in moved if e["title"].startswith("Unicon tests")] == [["China Unicom", "ZTE"]]
    assert cli("show", new, "-f", "json").exit_code == 0
    assert cli("show", old).exit_code == 2
    assert events_of(cli, "Unicon") == moved  # the old name finds the company it became
    check_ok(cli)
    # the same event added again under the old name is the same event
    again = cli("add", "-c", "Unicon", "-c", "ZTE", "-t", "trial", "--title", "Unicon tests 5G with ZTE", "-d", "2017-06-01")
    assert "already recorded" in again.stderr


def test_merge_of_an_event_naming_both_companies_names_the_survivor_once(cli):
    add(cli, "Acacia", "Acacia Communications Inc", title="Acacia and itself")
    add(cli, "Acacia Communications Inc", title="Results", type_="financial_results", when="2017-08")
    result = cli("companies", "merge", "Acacia", "Acacia Communications Inc")
    assert result.exit_code == 0, result.stderr
    assert sorted(e["companies"] for e in events_of(cli, "Acacia Communications Inc")) == [
        ["Acacia Communications Inc"], ["Acacia Communications Inc"]]
    assert companies(cli)["Acacia Communications Inc"]["events"] == 2
    check_ok(cli)


def test_merge_that_makes_two_records_one_keeps_one_with_both_sources(cli):
    cli("add", "-c", "Acme", "-t", "contract", "--title", "Order won", "-d", "2017-05", "--source-doc", "a.txt", "--quote", "Acme won.")
    cli("add", "-c", "Acme Inc", "-t", "contract", "--title", "Order won", "-d", "2017-05", "--source-doc", "b.txt", "--quote", "Acme Inc won.")
    assert cli("companies", "merge", "Acme", "Acme Inc").exit_code == 0
    [event] = events_of(cli, "Acme Inc")
    full = json.loads(cli("show", event["id"], "-f", "json").stdout)
    assert sorted(s["doc"] for s in full["sources"]) == ["a.txt", "b.txt"]
    check_ok(cli)


def test_rename_keeps_the_old_name_as_an_alias_and_moves_children(cli):
    add(cli, "Foo Networks")
    add(cli, "Foo Cloud", title="Cloud thing")
    assert cli("companies", "parent", "Foo Cloud", "Foo Networks").exit_code == 0
    result = cli("companies", "rename", "Foo Networks", "Foo Networks Inc")
    assert result.exit_code == 0, result.stderr
    assert "kept as an alias" in result.stderr
    registry = companies(cli)
    assert "Foo Networks" in registry["Foo Networks Inc"]["aliases"]
    assert registry["Foo Cloud"]["parent"] == "Foo Networks Inc"
    assert [e["companies"] for e in events_of(cli, "Foo Networks")] == [["Foo Networks Inc"]]
    titles = [e["title"] for e in events_of(cli, "foo networks inc")]
    assert titles == ["Something happened"]
    assert len(cli("company", "Foo Networks Inc", "--subsidiaries", "-f", "jsonl").stdout.splitlines()) == 2
    check_ok(cli)


def test_rename_onto_another_company_is_refused(cli, fresh_db):
    add(cli, "Foo Networks")
    before = db_files(fresh_db)
    result = cli("companies", "rename", "Foo Networks", "ZTE")
    assert result.exit_code == 2 and "already names ZTE" in result.stderr and "merge" in result.stderr
    assert db_files(fresh_db) == before


def test_parent_refuses_a_cycle_and_clears(cli):
    add(cli, "Foo Group")
    add(cli, "Foo Cloud", title="x")
    assert cli("companies", "parent", "Foo Cloud", "Foo Group").exit_code == 0
    cycle = cli("companies", "parent", "Foo Group", "Foo Cloud")
    assert cycle.exit_code == 2 and "own parent" in cycle.stderr
    assert cli("companies", "parent", "Foo Cloud").exit_code == 2  # neither PARENT nor --clear
    assert cli("companies", "parent", "Foo Cloud", "--clear").exit_code == 0
    assert companies(cli)["Foo Cloud"]["parent"] is None


def test_review_lists_accepts_and_rejects(cli, fresh_db):
    add(cli, "Zeta Networks")
    cli("companies", "alias", "ZTE", "Zhongxing")  # a change that adds no company
    # a company with no events left: a junk name removed by hand
    junk = add(cli, "Christmas", title="Christmas came")
    assert cli("remove", junk).exit_code == 0
    add(cli, "Omega Labs", title="y")
    listed = cli("companies", "review", "-f", "json")
    assert [r["name"] for r in json.loads(listed.stdout)] == ["Christmas", "Omega Labs", "Zeta Networks"]

    assert cli("companies", "review", "--accept", "zeta").exit_code == 0  # a unique prefix
    refused = cli("companies", "review", "--reject", "Omega Labs")
    assert refused.exit_code == 2 and "1 event names Omega Labs" in refused.stderr
    not_marked = cli("companies", "review", "--reject", "ZTE")
    assert not_marked.exit_code == 2 and "not marked for review" in not_marked.stderr
    rejected = cli("companies", "review", "--reject", "Christmas")
    assert rejected.exit_code == 0, rejected.stderr
    assert [r["name"] for r in json.loads(cli("companies", "review", "-f", "json").stdout)] == ["Omega Labs"]
    assert "Christmas" not in companies(cli)
    assert cli("companies", "review", "--accept-all").exit_code == 0
    assert json.loads(cli("companies", "review", "-f", "json").stdout) == []
    check_ok(cli)


@pytest.mark.parametrize("args", [["--accept"], ["Foo"], ["--accept-all", "Foo"], ["--accept", "--reject", "Foo"]])
def test_review_usage_errors(cli, args):
    result = cli("companies", "review", *args)
    assert result.exit_code == 2 and result.stderr.count("\n") == 1


def test_remove_is_refused_while_events_name_the_company_and_works_after_a_merge(cli):
    add(cli, "Paint Stores Group", title="Paint thing")
    refused = cli("companies", "remove", "Paint Stores Group")
    assert refused.exit_code == 2 and "1 event names Paint Stores Group" in refused.stderr
    assert cli("companies", "remove", "Nokia").exit_code == 2  # a parent of others (and has events)
    assert cli("companies", "merge", "Paint Stores Group", "Sherwin").exit_code == 2  # unknown target
    add(cli, "Sherwin-Williams", title="Sherwin thing")
    assert cli("companies", "merge", "paint stores", "sherwin").exit_code == 0
    add(cli, "Empty Co", title="z")
    assert cli("remove", events_of(cli, "Empty Co")[0]["id"]).exit_code == 0
    removed = cli("companies", "remove", "Empty Co")
    assert removed.exit_code == 0, removed.stderr
    assert "Empty Co" not in companies(cli)
    assert cli("company", "Empty Co").exit_code == 2
    check_ok(cli)


def test_prefix_and_short_form_resolve_and_an_ambiguous_prefix_lists_candidates(cli):
    add(cli, "Acacia Communications Inc", title="a")
    add(cli, "Cisco Systems, Inc.", title="b")
    assert [e["title"] for e in events_of(cli, "acacia")] == ["a"]
    assert [e["title"] for e in events_of(cli, "Acacia Communications")] == ["a"]
    assert [e["title"] for e in events_of(cli, "cisco")] == ["b"]
    ambiguous = cli("company", "china")
    assert ambiguous.exit_code == 2 and ambiguous.stderr.count("\n") == 1
    assert "ambiguous: it could be China Film Group, China Future Mobility" in ambiguous.stderr and "more; give more of the name" in ambiguous.stderr
    assert cli("company", "ac").exit_code == 2  # too short to be a prefix


def test_legal_forms_data_examples_hold():
    for line in LEGAL_FORMS.read_text().splitlines():
        entry = json.loads(line)
        for name, short in entry["examples"] + entry["counterexamples"]:
            assert short_form(name) == short, name


@pytest.mark.parametrize("command", [
    ["companies"], ["companies", "alias"], ["companies", "rename"], ["companies", "merge"], ["companies", "parent"],
    ["companies", "review"], ["companies", "remove"], ["rejected"], ["reject"], ["ingest"],
])
def test_help_of_the_curation_commands_has_an_example(cli, command):
    result = cli(*command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout and f"tracker {' '.join(command)}" in result.stdout


def test_db_given_before_the_subcommand_is_used(cli, tmp_path, fresh_db):
    other = tmp_path / "other"
    result = cli("companies", "--db", str(other), "alias", "ZTE", "Zhongxing")
    assert result.exit_code == 0, result.stderr
    assert other.exists() and not fresh_db.exists()


@ONE_AT_A_TIME  # eleven tracker processes at once
def test_racing_registry_changes_lose_nothing(tmp_path):
    """Eight processes change one company's row at once, half of them while the log is being
    created from the shipped one, with adds of events under a company being merged: every alias
    and every event is there after (each change reads the registry under the writer lock)."""
    import subprocess
    import sys

    from tests.conftest import tracker_command

    db = str(tmp_path / "log")
    commands = [["companies", "alias", "ZTE", f"ZTE alias {n}", "--db", db] for n in range(6)]
    commands += [["add", "-c", "Acme Old", "-t", "other", "--title", f"Acme thing {n}", "-d", "2019", "--db", db] for n in range(4)]
    procs = [subprocess.Popen(tracker_command() + c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for c in commands]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    merge = subprocess.Popen(tracker_command() + ["companies", "merge", "Acme Old", "ZTE", "--db", db], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    late = [subprocess.Popen(tracker_command() + ["companies", "alias", "ZTE", f"late {n}", "--db", db], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for n in range(3)]
    for proc in [merge, *late]:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    listed = subprocess.run(tracker_command() + ["companies", "-f", "json", "--db", db], capture_output=True, text=True, timeout=60)
    row = next(r for r in json.loads(listed.stdout) if r["name"] == "ZTE")
    assert {f"ZTE alias {n}" for n in range(6)} | {f"late {n}" for n in range(3)} | {"Acme Old"} <= set(row["aliases"])
    events = subprocess.run(tracker_command() + ["company", "ZTE", "-s", "Acme thing", "-f", "jsonl", "--db", db], capture_output=True, text=True, timeout=60)
    assert len(events.stdout.splitlines()) == 4
    check = subprocess.run(tracker_command() + ["check", "--db", db], capture_output=True, text=True, timeout=60)
    assert check.returncode == 0, check.stdout + check.stderr


def test_a_change_refused_under_the_lock_writes_nothing(tmp_path):
    """The check before the lock can pass and the one under it fail (another writer came
    first): then nothing is written."""
    from tracker.api import Tracker
    from tracker.curation import merge

    db = tmp_path / "log"
    tracker = Tracker(db)
    tracker.change_companies(merge("China Unicom Big Data Company", "China Unicom"))
    before = db_files(db)
    stale = merge("China Unicom Big Data Company", "China Unicom")  # its source is gone now
    with pytest.raises(Exception, match="are the same company"):
        tracker._writable().change(stale)
    assert db_files(db) == before


def test_a_new_name_that_looks_like_a_known_company_gets_a_merge_hint(cli):
    typo = cli("add", "-c", "Unicon", "-t", "trial", "--title", "x", "-d", "2017")
    assert "'Unicon' may be China Unicom: if so, tracker companies merge 'Unicon' 'China Unicom'" in typo.stderr
    cli("add", "-c", "Acacia Communications Inc", "-t", "trial", "--title", "y", "-d", "2017")
    short = cli("add", "-c", "Acacia", "-t", "trial", "--title", "y", "-d", "2017")
    assert "'Acacia' may be Acacia Communications Inc" in short.stderr
    plain = cli("add", "-c", "Christmas", "-t", "other", "--title", "z", "-d", "2017")
    assert "joined the registry" in plain.stderr and "may be" not in plain.stderr


def test_two_new_look_alikes_are_named_once(cli):
    both = cli("add", "-c", "Quillon Foods Holdings", "-c", "Quillon Foods", "-t", "contract", "--title", "q", "-d", "2017")
    assert both.stderr.count("may be") == 1
    assert "'Quillon Foods Holdings' may be Quillon Foods" in both.stderr


def test_look_alikes_read_by_first_letters_are_those_of_every_form():
    """``Registry.look_alikes`` reads only the forms that start with the name's first two
    characters (``forms_by_head``): the same companies as a test of every form, on the shipped
    registry and names made from its own (typos, short forms, other cases)."""
    import random

    from tracker.curated import shipped_companies
    from tracker.registry import MIN_PREFIX, Registry, _starts_word, _typo_apart, lookup_key

    registry = Registry(shipped_companies() + [{"name": "Unicon", "aliases": []}, {"name": "Acacia", "aliases": []}])

    def every_form(name: str, limit: int = 3) -> list[str]:  # the loop before forms_by_head
        key = lookup_key(short_form(name))
        if len(key) < MIN_PREFIX:
            return []
        found = []
        for form, canonical in registry._forms():
            if canonical == name or canonical in found or len(form) < MIN_PREFIX:
                continue
            if _starts_word(form, key) or _starts_word(key, form) or _typo_apart(key, form):
                found.append(canonical)
        return sorted(found, key=str.casefold)[:limit]

    rng = random.Random(11)
    names = [row["name"] for row in shipped_companies()]
    made = []
    for name in names:
        at = rng.randrange(len(name))
        made += [name, name.upper(), name.split()[0], name[:at] + rng.choice("aeiouxz") + name[at + 1 :], name[:at] + name[at + 1 :]]
    forms = registry.forms_by_head()
    hinted = 0
    for name in made + ["Unicom", "Acacia Communications Inc", "Christmas", "ab", "Öresund"]:
        assert registry.look_alikes(name, forms=forms) == registry.look_alikes(name) == every_form(name), name
        hinted += bool(every_form(name))
    assert hinted > 100


def test_a_short_form_that_starts_another_name_is_ambiguous(cli):
    add(cli, "CK Hutchison", title="a")
    add(cli, "CK Hutchison Group Telecom Holdings", title="b")
    both = cli("company", "ck hutchison group")
    assert both.exit_code == 2
    assert "it could be CK Hutchison, CK Hutchison Group Telecom Holdings" in both.stderr
    assert [e["title"] for e in events_of(cli, "ck hutchison group telecom")] == ["b"]
    assert [e["title"] for e in events_of(cli, "CK Hutchison Holdings")] == ["a"]  # short form, no prefix of another


def test_rename_to_its_own_alias_or_another_case(cli):
    result = cli("companies", "rename", "China Unicom", "unicom")  # its alias Unicom, typed in lower case
    assert result.exit_code == 0, result.stderr
    row = companies(cli)["unicom"]
    assert "China Unicom" in row["aliases"] and "Unicom" not in row["aliases"]
    again = cli("companies", "rename", "unicom", "Unicom")  # the case only: no alias of itself
    assert again.exit_code == 0, again.stderr
    row = companies(cli)["Unicom"]
    assert "unicom" not in row["aliases"] and "China Unicom" in row["aliases"]
    assert {tuple(e["companies"]).count("Unicom") for e in events_of(cli, "China Unicom")} == {1}
    check_ok(cli)


def test_reading_the_review_list_of_the_shipped_log_creates_nothing(cli, fresh_db):
    result = cli("companies", "review")
    assert result.exit_code == 0 and result.stdout.startswith("name\tevents")
    assert not fresh_db.exists()


def test_a_change_that_changes_nothing_writes_nothing(cli, fresh_db):
    assert cli("companies", "review", "--accept-all").exit_code == 0
    same = cli("companies", "alias", "China Unicom", "unicom")
    assert same.exit_code == 0 and "already names China Unicom" in same.stderr
    assert not fresh_db.exists()


def test_a_change_refused_under_the_lock_of_a_log_not_yet_made_creates_nothing(tmp_path):
    """While there is no log, a plan reads the seed; when it refuses, no log is made."""
    from tracker.api import shipped_seed
    from tracker.errors import UsageError
    from tracker.store import EventLog

    def refuse(rows_of, registry):
        assert rows_of(["China Unicom"]) and any(r["name"] == "China Unicom" for r in registry["companies"].values())
        raise UsageError("refused")

    log = EventLog(tmp_path / "log", seed=shipped_seed)
    with pytest.raises(UsageError):
        log.change(refuse)
    assert not log.exists
    assert set(db_files(tmp_path / "log")) <= {".write.lock", ".lock", ".gate.lock"}  # the lock files only
