"""The publication date a text gives ingest, and what ingest says when it has none: relative dates
("on Tuesday") count from it, so without it they stay undated and the user is told how to give it."""

from __future__ import annotations

import json

NEWS = "Orvane Foods agreed to buy Kestrel Bakeries for $2 billion, the companies said on Tuesday.\n"


def _events(result) -> list[tuple[str, str]]:
    return [(e["date"], e["type"]) for e in map(json.loads, result.stdout.splitlines())]


def test_a_header_line_gives_the_publication_date(cli, tmp_path):
    for header in ("published: 2024-03-06\n\n", "---\npublished: 2024-03-06\n---\n", "Date: 2024-03-06\n\n"):
        news = tmp_path / "deal.txt"
        news.write_text(header + NEWS, encoding="utf-8")
        result = cli("ingest", news, "--dry-run", "-f", "jsonl")
        assert result.exit_code == 0, result.output
        # the Tuesday before a Wednesday's story; the header line is no sentence of the story
        assert _events(result) == [("2024-03-05", "acquisition")], header
        assert "warning" not in result.stderr


def test_a_text_with_no_publication_date_says_so_and_how_to_give_it(cli, tmp_path):
    news = tmp_path / "deal.txt"
    news.write_text(NEWS, encoding="utf-8")
    result = cli("ingest", news, "--dry-run", "-f", "jsonl")
    assert result.exit_code == 0
    assert _events(result) == [(None, "acquisition")]
    assert "tracker: warning: deal.txt: 1 event(s) undated, as the text names no publication date" in result.stderr
    assert "--published DATE" in result.stderr
    given = cli("ingest", news, "--dry-run", "-f", "jsonl", "--published", "2024-03-06")
    assert _events(given) == [("2024-03-05", "acquisition")] and "warning" not in given.stderr


def test_a_date_line_with_its_time_and_age_gives_the_publication_date(cli, tmp_path):
    # news archives print the line with the time of day and how long ago it was
    for line in ("March 6, 2024 / 7:51 AM / 2 years ago", "March 6, 2024 10:22 a.m. ET", "6 March 2024 / 14:05 GMT"):
        news = tmp_path / "deal.txt"
        news.write_text(f"Orvane Foods buys Kestrel Bakeries\n{line}\n\n" + NEWS, encoding="utf-8")
        result = cli("ingest", news, "--dry-run", "-f", "jsonl")
        assert result.exit_code == 0, result.output
        assert _events(result) == [("2024-03-05", "acquisition")], line
        assert "warning" not in result.stderr, line


def test_a_datelines_place_may_give_its_state(cli, tmp_path):
    news = tmp_path / "release.txt"
    news.write_text("Kestrel Robotics Acquires Orvane Vision\n\nAUSTIN, Texas, March 4, 2025 - Kestrel Robotics today "
                    "announced it has acquired Orvane Vision, a computer vision company based in Denver.\n", encoding="utf-8")
    result = cli("ingest", news, "--dry-run", "-f", "jsonl")
    assert _events(result) == [("2025-03-04", "acquisition")]
    assert "warning" not in result.stderr


def test_an_aside_runs_past_the_comma_of_a_date():
    from tracker.ingest.triggers import without_asides

    text = "The acquisition, which closed on February 28, 2025, will add vision to its robots."
    assert " ".join(without_asides(text).split()) == "The acquisition will add vision to its robots."
    text = "Orvane, which Kestrel bought in 2019, said on March 4, 2025 that sales rose."
    assert " ".join(without_asides(text).split()) == "Orvane said on March 4, 2025 that sales rose."


def test_a_folder_of_undated_files_gets_one_warning(cli, tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    for n in range(5):
        (folder / f"deal{n}.txt").write_text(NEWS.replace("Kestrel", f"Kestrel{n}"), encoding="utf-8")
    result = cli("ingest", folder, "--dry-run", "-f", "jsonl")
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1, warnings
    assert "5 files name no publication date, so 5 of their events are undated: deal0.txt" in warnings[0]
    assert "and 2 more" in warnings[0]
