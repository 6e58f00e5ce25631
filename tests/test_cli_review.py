"""tracker ingest --review in a real pseudo-terminal (as a user types), and tracker rejected."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import db_files, tracker_command

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

# Five dated events by hand, in the order ingest finds them (Sogou is new to the registry).
NEWS = """BEIJING, June 20, 2017 (Reuters) - ZTE said on Monday it had completed 5G field tests with China Mobile in Beijing.

Huawei signed a contract with Vodafone on Tuesday to build a network in Spain.

China Unicom said on Wednesday it had appointed Wang Xiaochu as its new chairman.

Tencent announced on June 15 that it would acquire a stake in Sogou for $200 million.

Alibaba Group reported results on June 1, 2017, with revenue up 60 percent.
"""
PROMPT = "Keep this event [y,n,e,E,a,q,?]? "
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


class Terminal:
    """tracker running on a pseudo-terminal: ``expect`` waits for text, ``send`` types a line."""

    def __init__(self, args: list[str], env: dict):
        master, slave = pty.openpty()
        self.master = master
        self.proc = subprocess.Popen(
            tracker_command() + args, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True
        )
        os.close(slave)
        self.seen = ""

    def read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.master, 4096)
        except OSError:  # the other side closed: the process ended
            return False
        if not chunk:
            return False
        self.seen += ANSI.sub("", chunk.decode("utf-8", "replace").replace("\r\n", "\n"))
        return True

    def expect(self, text: str, timeout: float = 60) -> str:
        """Wait for ``text``; return what came before it (and consume both)."""
        deadline = time.monotonic() + timeout
        while text not in self.seen:
            if time.monotonic() > deadline or (not self.read(0.2) and self.proc.poll() is not None and not self.read(0.2)):
                raise AssertionError(f"never saw {text!r}; the terminal showed:\n{self.seen}")
        before, _, self.seen = self.seen.partition(text)
        return before

    def send(self, line: str) -> None:
        os.write(self.master, (line + "\n").encode())

    def finish(self, timeout: float = 60) -> tuple[int, str]:
        deadline = time.monotonic() + timeout
        while self.proc.poll() is None and time.monotonic() < deadline:
            self.read(0.2)
        while self.read(0.1):
            pass
        code = self.proc.wait(timeout=5)
        os.close(self.master)
        return code, self.seen


@pytest.fixture
def news(tmp_path) -> Path:
    path = tmp_path / "news.txt"
    path.write_text(NEWS, encoding="utf-8")
    return path


def review(news: Path, db: Path, extra_env: dict | None = None) -> Terminal:
    env = {**os.environ, "TRACKER_DB": str(db), "NO_COLOR": "1", "TERM": "dumb", **(extra_env or {})}
    return Terminal(["ingest", "--review", str(news)], env)


def stored(cli, *args) -> list[dict]:
    return [json.loads(line) for line in cli("timeline", "-f", "jsonl", "--since", "2017-06", "--until", "2017-06", *args).stdout.splitlines()]


def test_a_scripted_review_keeps_rejects_edits_and_the_rejected_event_stays_out(cli, news, fresh_db):
    term = review(news, fresh_db)
    first = term.expect(PROMPT)
    assert "(1/5) 2017-06-19  ZTE; China Mobile" in first and "completed 5G field tests" in first
    term.send("?")
    assert "a - keep this event and all the rest" in term.expect(PROMPT)
    term.send("y")
    second = term.expect(PROMPT)
    assert "(2/5) 2017-06-20  Huawei; Vodafone  contract" in second
    term.send("n")
    third = term.expect(PROMPT)
    assert "(3/5) 2017-06-14  China Unicom  " in third  # its type is the extractor's call
    term.send("e")
    term.expect("type [")
    term.send("AWARD")  # any case, as --type takes it; a type no extractor gives this sentence
    term.expect("date [2017-06-14]: ")
    term.send("")
    term.expect("title [")
    term.send("")
    assert "(3/5) 2017-06-14  China Unicom  award" in term.expect(PROMPT)
    term.send("a")
    code, rest = term.finish()
    assert code == 0, rest
    assert "review: kept 4 (1 edited), rejected 1" in rest
    assert "5 events found, 4 added, 1 rejected, 0 already known" in rest

    titles = {e["title"]: e for e in stored(cli)}
    assert not any(t.startswith("Huawei signed") for t in titles)
    unicom = next(e for t, e in titles.items() if t.startswith("China Unicom appointed Wang Xiaochu"))
    assert unicom["type"] == "award"
    assert any(t.startswith("Tencent announced") for t in titles)  # kept by 'a'

    listed = cli("rejected", "-f", "json")
    [gone] = json.loads(listed.stdout)
    assert gone["companies"] == ["Huawei", "Vodafone"] and gone["rejected_at"]

    # the same text again: nothing to review, the rejected event stays out and is counted
    before = db_files(fresh_db)
    again = cli("ingest", str(news))
    assert again.exit_code == 0, again.stderr
    assert "skipped 1 event(s) rejected or removed before" in again.stderr
    assert "0 added" in again.stderr
    assert not any(e["title"].startswith("Huawei signed") for e in stored(cli))
    assert db_files(fresh_db) == before

    # restored, it is in the log and no longer rejected
    restored = cli("rejected", "--restore", gone["id"][:8])
    assert restored.exit_code == 0, restored.stderr
    assert any(e["title"].startswith("Huawei signed") for e in stored(cli))
    assert json.loads(cli("rejected", "-f", "json").stdout) == []
    assert cli("check").exit_code == 0


def test_quit_keeps_what_was_decided_and_a_rejected_new_company_does_not_join(cli, news, fresh_db):
    term = review(news, fresh_db)
    for answer in ("y", "y", "y"):
        term.expect(PROMPT)
        term.send(answer)
    assert "Tencent; Sogou (new)" in term.expect(PROMPT)
    term.send("n")
    term.expect(PROMPT)
    term.send("q")
    code, rest = term.finish()
    assert code == 0, rest
    assert "review: kept 3, rejected 1, left 1 undecided" in rest
    names = {row["name"] for row in json.loads(cli("companies", "-f", "json").stdout)}
    assert "Sogou" not in names  # only the rejected event named it
    # the undecided event comes back on the next review; the rejected one does not, even when
    # its company has been renamed since (its id, a hash that names Tencent, is another now)
    assert cli("companies", "rename", "Tencent", "Tencent Holdings").exit_code == 0
    term = review(news, fresh_db)
    shown = term.expect(PROMPT)
    assert "(1/1) 2017-06-01  Alibaba Group" in shown
    term.send("n")
    code, rest = term.finish()
    assert code == 0 and "skipped 1 event(s) rejected" in rest
    assert len(json.loads(cli("rejected", "-f", "json").stdout)) == 2


def test_edit_as_json_in_the_editor(cli, news, fresh_db, tmp_path):
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import json, sys\n"
        "path = sys.argv[1]\n"
        "event = json.load(open(path))\n"
        "event['title'] = 'ZTE finished 5G field tests'\n"
        "event['tags'] = ['5g']\n"
        "event['companies'].append('Newco Labs')\n"
        "json.dump(event, open(path, 'w'))\n"
    )
    term = review(news, fresh_db, {"EDITOR": f"{sys.executable} {editor}", "VISUAL": ""})
    term.expect(PROMPT)
    term.send("E")
    assert "ZTE finished 5G field tests" in term.expect(PROMPT)
    term.send("y")
    term.expect(PROMPT)
    term.send("q")
    code, rest = term.finish()
    assert code == 0, rest
    [event] = stored(cli, "--search", "finished 5G")
    assert event["tags"] == ["5g"] and event["companies"] == ["ZTE", "China Mobile", "Newco Labs"]
    registry = {row["name"]: row for row in json.loads(cli("companies", "-f", "json").stdout)}
    assert registry["Newco Labs"]["review"]  # a company the edit named joins, marked for review


def test_review_without_a_terminal_is_a_usage_error_naming_the_scriptable_path(cli, news, fresh_db):
    result = cli("ingest", "--review", str(news))
    assert result.exit_code == 2
    assert "--dry-run -f jsonl" in result.stderr and "tracker import" in result.stderr
    assert result.stderr.count("\n") == 1
    assert not fresh_db.exists()


def test_rejected_restore_of_an_unknown_id_is_a_usage_error(cli):
    result = cli("rejected", "--restore", "abcdef12")
    assert result.exit_code == 2 and "no rejected event" in result.stderr


def test_review_with_dry_run_or_standard_input_is_a_usage_error(cli, news):
    dry = cli("ingest", "--review", "--dry-run", str(news))
    assert dry.exit_code == 2 and "choose one" in dry.stderr
    piped = cli("ingest", "--review", "-", input=NEWS)
    assert piped.exit_code == 2 and "not '-'" in piped.stderr


def test_a_bad_answer_to_a_quick_edit_is_said_and_asked_again():
    from tracker.api import read_when
    from tracker.cli import _event_type
    from tracker.model import Event
    from tracker.review import Session
    from tracker.temporal.partial import PartialDate

    answers = iter(["e", "bogus", "trial", "last Blursday", "2017-06", "", "x", "y"])
    said: list[str] = []
    session = Session(lambda prompt: next(answers), said.append, lambda text: None, _event_type, read_when)
    event = Event(PartialDate.parse("2017-06-19"), ("ZTE",), "contract", "ZTE did a thing")
    outcome = session.run([event])
    text = "\n".join(said)
    assert "unknown event type 'bogus'" in text and "cannot read 'last Blursday'" in text
    assert "y - keep this event" in text  # 'x' is no answer: the help is shown
    [kept] = outcome.kept
    assert (kept.type, kept.date.value, kept.title) == ("trial", "2017-06", "ZTE did a thing")
    assert kept.id != event.id and outcome.edited == 1 and outcome.rejected == []


def test_reject_removes_stored_events_and_keeps_them_out_of_later_ingests(cli, news, fresh_db):
    assert cli("ingest", str(news)).exit_code == 0
    [huawei] = [e for e in stored(cli) if e["companies"] == ["Huawei", "Vodafone"]]
    result = cli("reject", huawei["id"][:10])
    assert result.exit_code == 0, result.stderr
    assert f"rejected {huawei['id']}" in result.stderr
    assert huawei["id"] not in {e["id"] for e in stored(cli)}
    again = cli("ingest", str(news))
    assert "skipped 1 event(s) rejected" in again.stderr and "0 added" in again.stderr
    assert cli("reject", "ffffffffff").exit_code == 2  # no such event: nothing written
    assert cli("rejected", "--restore", huawei["id"]).exit_code == 0
    assert huawei["id"] in {e["id"] for e in stored(cli)}
    assert cli("check").exit_code == 0


def ids_of(cli) -> set[str]:
    return {e["id"] for e in stored(cli)}


def rejected_ids(cli) -> set[str]:
    return {json.loads(line)["id"] for line in cli("rejected", "-f", "jsonl").stdout.splitlines()}


def test_removing_an_ingested_event_keeps_it_out_of_later_ingests_until_undone(cli, news, fresh_db):
    assert cli("ingest", str(news)).exit_code == 0
    [huawei] = [e for e in stored(cli) if e["companies"] == ["Huawei", "Vodafone"]]
    removed = cli("remove", huawei["id"][:10])
    assert removed.exit_code == 0, removed.stderr
    assert "came from news text: ingesting that text again leaves it out" in removed.stderr
    assert rejected_ids(cli) == {huawei["id"]}
    again = cli("ingest", str(news))
    assert "skipped 1 event(s) rejected or removed before" in again.stderr and "0 added" in again.stderr
    assert huawei["id"] not in ids_of(cli)
    # undo takes back the removal and its rejection, in one step: the event is back and the
    # next ingest treats it as any stored event (known, not skipped)
    assert cli("undo").exit_code == 0
    assert huawei["id"] in ids_of(cli) and rejected_ids(cli) == set()
    third = cli("ingest", str(news))
    assert "skipped" not in third.stderr and "0 added" in third.stderr
    assert cli("check").exit_code == 0


def test_remove_forget_lets_the_next_ingest_bring_the_event_back(cli, news, fresh_db):
    assert cli("ingest", str(news)).exit_code == 0
    [huawei] = [e for e in stored(cli) if e["companies"] == ["Huawei", "Vodafone"]]
    removed = cli("remove", "--forget", huawei["id"])
    assert removed.exit_code == 0 and "leaves" not in removed.stderr
    assert rejected_ids(cli) == set()
    again = cli("ingest", str(news))
    assert "1 added" in again.stderr and huawei["id"] in ids_of(cli)


def test_a_removed_ingested_event_is_restored_from_the_rejected_list(cli, news, fresh_db):
    assert cli("ingest", str(news)).exit_code == 0
    [unicom] = [e for e in stored(cli) if e["companies"] == ["China Unicom"] and "Wang Xiaochu" in e["title"]]
    assert cli("remove", unicom["id"]).exit_code == 0
    restored = cli("rejected", "--restore", unicom["id"][:8])
    assert restored.exit_code == 0, restored.stderr
    assert unicom["id"] in ids_of(cli) and rejected_ids(cli) == set()
    assert "skipped" not in cli("ingest", str(news)).stderr


def test_removing_an_event_added_by_hand_remembers_nothing(cli, fresh_db):
    added = cli("add", "-c", "ZTE", "-t", "trial", "-d", "2017-06-05", "--title", "ZTE tested a thing",
                "--source-doc", "notes.txt", "--quote", "ZTE tested a thing.")
    assert added.exit_code == 0, added.stderr
    removed = cli("remove", added.stdout.strip())
    assert removed.exit_code == 0 and "leaves" not in removed.stderr
    assert rejected_ids(cli) == set()


def test_a_removed_event_stays_out_after_its_company_is_renamed_and_merged(cli, news, fresh_db):
    """The closing scenario's order: ingest, remove a wrong event, curate the companies it
    names, ingest again: the event's id changed with its company's name, its report did not."""
    assert cli("ingest", str(news)).exit_code == 0
    [sogou] = [e for e in stored(cli) if "Sogou" in e["companies"]]
    assert cli("remove", sogou["id"]).exit_code == 0
    renamed = cli("companies", "rename", "Sogou", "Sogou Inc")
    assert renamed.exit_code == 0, renamed.stderr
    again = cli("ingest", str(news))
    assert "skipped 1 event(s)" in again.stderr and "0 added" in again.stderr, again.stderr
    assert cli("add", "-c", "Sohu", "-t", "statement", "--title", "Sohu spoke", "-d", "2017-06-02").exit_code == 0
    merged = cli("companies", "merge", "Sogou Inc", "Sohu")
    assert merged.exit_code == 0, merged.stderr
    third = cli("ingest", str(news))
    assert "skipped 1 event(s)" in third.stderr and "0 added" in third.stderr, third.stderr
    assert not [e for e in stored(cli) if "Sogou" in e["title"]]
