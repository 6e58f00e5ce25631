"""A user's news from outside the corpus's wording, through the CLI: an accepted buyout offer told
with no date words (the news itself), a private-equity owner described before its name, and a
'trailing 12-month' figure. Session 8's lexicon (a buyout offer is an acquisition) and name fixes
(a description is no anaphor; '12-month' is no company) together; at 242ab04 the story gave one
financial_results event of 'Hollin Freight; 12-month' and no acquisition."""

from __future__ import annotations

import json

STORY = ("Hollin Freight accepts buyout offer\n\n"
         "Hollin Freight Inc. has accepted a buyout offer of $31 per share from Dorvel Partners, a portfolio "
         "company of the private equity firm Kestrel Capital. The offer values Hollin Freight at $1.2 billion, "
         "or 11.2 times its trailing 12-month adjusted EBITDA.\n")


def test_an_accepted_buyout_offer_is_the_story_acquisition_and_12_month_no_company(cli, tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    result = cli("ingest", story, "--published", "2024-03-05", "--dry-run", "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    acquisitions = [e for e in events if e["type"] == "acquisition"]
    assert [(e["companies"][0], e["date"]) for e in acquisitions] == [("Hollin Freight", "2024-03-05")]
    assert "Dorvel Partners" in acquisitions[0]["companies"]
    assert not any("12-month" in e["companies"] for e in events)
    assert "12-month" not in result.stderr  # nor among the new companies ingest announces there

    cli("ingest", story, "--published", "2024-03-05")
    companies = cli("companies", "--format", "jsonl").stdout
    assert "Hollin Freight" in companies and "12-month" not in companies
