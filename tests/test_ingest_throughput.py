"""How ingest hands documents to its workers: largest first, results in the order of the files."""

from __future__ import annotations

from tracker.extraction import _in_given_order, _largest_first, extract_files, shipped_facts, shipped_registry

# written for this test: one short and one long report, and a file that is missing
SHORT = "Acme Networks said on Monday it had signed a deal with Borealis Telecom.\n"
LONG = "".join(
    f"Acme Networks opened an office in Lyon on {day} March 2017, the company said.\n\n" for day in range(1, 29)
)


def test_workers_take_the_largest_file_first_and_give_results_in_the_files_order(tmp_path, spawned_workers):
    short, long_, missing = tmp_path / "a-short.txt", tmp_path / "b-long.txt", tmp_path / "c-missing.txt"
    short.write_text(SHORT, encoding="utf-8")
    long_.write_text(LONG, encoding="utf-8")
    tasks = [(str(short), None), (str(missing), None), (str(long_), None)]
    assert _largest_first(tasks) == [2, 0, 1]
    assert list(_in_given_order(iter(["long", "short", "missing"]), [2, 0, 1])) == ["short", "missing", "long"]

    # (tracker ingest leaves missing files out before extracting)
    names = [str(short), str(long_), str(short)]
    one = list(extract_files(names, shipped_registry(), shipped_facts(), jobs=1))
    two = list(extract_files(names, shipped_registry(), shipped_facts(), jobs=2))
    assert [e.name for e in two] == [e.name for e in one] == ["a-short.txt", "b-long.txt", "a-short.txt"]
    assert [[ev.to_dict() for ev in e.events] for e in two] == [[ev.to_dict() for ev in e.events] for e in one]
    assert len(one[1].events) > len(one[0].events) > 0
