"""Event ids (issue 12, item 1): long enough that different events never share one, old logs
with 10-digit ids still work, and a collision keeps both events and says so.

The pair below was found by a birthday search over 1.6 million titles (3 s): the two events
differ only in their title, and the first 10 hex digits of their content hash are the same
(9968c43de3), so the old 10-digit ids collide and the second event used to vanish.
"""

from __future__ import annotations

import hashlib
import json

from tracker.store import EventLog

PAIR = ("collision probe 812576", "collision probe 1633666")
OLD_ID = "9968c43de3"


def row_identity(row: dict) -> str:
    """The content hash ids are cut from (written out here so the rule is pinned by the test)."""
    names = "|".join(sorted(c.casefold() for c in row["companies"]))
    key = f"{row['date'] or ''}\n{names}\n{row['type']}\n{' '.join(row['title'].casefold().split())}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


def _row(title: str, id_length: int | None = None, content_of: str | None = None) -> dict:
    """An event dict; its id the first ``id_length`` digits of the content hash of
    ``content_of`` (default: its own title), as an old log or a crafted file would hold it."""
    row = {"date": "2020-01-01", "precision": "day", "companies": ["Acme"], "people": [], "type": "other",
           "title": title, "sources": [], "tags": [], "recorded": "2020-01-02T00:00:00Z"}
    other = dict(row, title=content_of or title)
    row["id"] = row_identity(other)[: id_length or 20]
    return row


def _timeline(proc) -> list[dict]:
    result = proc("company", "Acme", "-f", "jsonl")
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_the_pair_shares_its_old_ten_digit_id():
    assert row_identity(_row(PAIR[0]))[:10] == row_identity(_row(PAIR[1]))[:10] == OLD_ID


def test_two_events_whose_old_ids_collide_are_both_added(proc):
    for title in PAIR:
        result = proc("add", "-c", "Acme", "-t", "other", "--title", title, "-d", "2020-01-01")
        assert result.returncode == 0, result.stderr
        assert "added:" in result.stderr and "already recorded" not in result.stderr
    rows = _timeline(proc)
    assert sorted(r["title"] for r in rows) == sorted(PAIR)
    assert len({r["id"] for r in rows}) == 2 and all(len(r["id"]) == 20 for r in rows)
    # The printed ids are prefixes that tell the two apart, and show finds each.
    assert proc("check").returncode == 0


def test_importing_the_colliding_pair_keeps_both(proc, tmp_path):
    source = tmp_path / "pair.jsonl"
    source.write_text("".join(json.dumps(_row(t, 10)) + "\n" for t in PAIR))  # ids as an old export wrote them
    result = proc("import", source)
    assert result.returncode == 0, result.stderr
    assert "2 new, 0 already known" in result.stderr
    assert sorted(r["title"] for r in _timeline(proc)) == sorted(PAIR)


def test_a_log_with_ten_digit_ids_opens_and_knows_its_events(proc, fresh_db, tmp_path):
    # A log as tracker wrote it before: the event stored under the 10-digit id of its content.
    EventLog(fresh_db).write(add=[_row(PAIR[0], 10)])
    assert proc("show", OLD_ID, "-f", "json").returncode == 0
    # The same event again (its id is 20 digits now) is known, not added twice ...
    again = proc("add", "-c", "Acme", "-t", "other", "--title", PAIR[0], "-d", "2020-01-01")
    assert again.returncode == 0 and "already recorded" in again.stderr
    assert again.stdout.strip() == OLD_ID
    source = tmp_path / "again.jsonl"
    source.write_text(json.dumps(_row(PAIR[0])) + "\n")
    assert "0 new, 1 already known" in proc("import", source).stderr
    assert [r["id"] for r in _timeline(proc)] == [OLD_ID]
    # ... and a different event whose new id starts with the old id is added, with a warning.
    other = proc("add", "-c", "Acme", "-t", "other", "--title", PAIR[1], "-d", "2020-01-01")
    assert other.returncode == 0 and "added:" in other.stderr
    assert "id collision" in other.stderr and OLD_ID in other.stderr
    new_id = row_identity(_row(PAIR[1]))[:20]
    assert len(other.stdout.strip()) > 10 and new_id.startswith(other.stdout.strip())
    assert sorted(r["id"] for r in _timeline(proc)) == sorted([OLD_ID, new_id])
    # show OLDID names the old event exactly; the printed prefix names the new one.
    assert json.loads(proc("show", OLD_ID, "-f", "json").stdout)["title"] == PAIR[0]
    assert json.loads(proc("show", other.stdout.strip(), "-f", "json").stdout)["title"] == PAIR[1]
    assert proc("check").returncode == 0


def test_a_different_event_holding_the_full_id_is_kept_apart(proc, fresh_db):
    # A crafted (or imported-by-an-old-tracker) row: the content of one event under the id of another.
    EventLog(fresh_db).write(add=[_row("someone else's event", 20, content_of=PAIR[1])])
    result = proc("add", "-c", "Acme", "-t", "other", "--title", PAIR[1], "-d", "2020-01-01")
    assert result.returncode == 0 and "added:" in result.stderr, result.stderr
    assert "id collision" in result.stderr
    rows = _timeline(proc)
    assert sorted(r["title"] for r in rows) == sorted([PAIR[1], "someone else's event"])
    kept = next(r for r in rows if r["title"] == PAIR[1])
    assert len(kept["id"]) == 24 and kept["id"] == row_identity(kept)[:24]
    assert proc("check").returncode == 0


def test_tables_show_ten_digits_and_more_where_two_share_them(proc):
    for title in PAIR:
        proc("add", "-c", "Acme", "-t", "other", "--title", title, "-d", "2020-01-01")
    proc("add", "-c", "Acme", "-t", "other", "--title", "a lone event", "-d", "2020-01-02")
    table = proc("company", "Acme", "-f", "table").stdout
    ids = {r["title"]: r["id"] for r in _timeline(proc)}
    assert ids["a lone event"][:10] in table and ids["a lone event"][:11] not in table
    for title in PAIR:  # the pair share 10 digits: the table shows enough to tell them apart
        assert ids[title][:11] in table
