"""Press-release boilerplate (tracker/ingest/data/sections.json): every example heading opens its
rule's section and no counterexample opens any; a section runs to the next other heading."""

from __future__ import annotations

import json

import pytest

from tracker.ingest.sections import boilerplate_rule, boilerplate_spans, section_rules


def _cases():
    for rule in section_rules():
        for line in rule["examples"]:
            yield pytest.param(line, rule["id"], id=f"{rule['id']}+ {line}")
        for line in rule["counterexamples"]:
            yield pytest.param(line, None, id=f"{rule['id']}- {line}")


@pytest.mark.parametrize("line, rule_id", list(_cases()))
def test_heading_examples(line: str, rule_id: str | None) -> None:
    assert boilerplate_rule(line) == rule_id


def test_rules_have_ids_docs_and_examples() -> None:
    ids = [rule["id"] for rule in section_rules()]
    assert len(ids) == len(set(ids))
    assert all(rule["doc"] and rule["examples"] and rule["counterexamples"] for rule in section_rules())


def test_a_section_runs_from_its_heading_to_the_next_heading_of_news() -> None:
    text = ("Acme opened a plant on Monday.\n\nAbout Acme\nAcme makes snacks. It was founded in 1990.\n\n"
            "Safe Harbor Statement\nThis release contains forward-looking statements.\n\n"
            "Second Plant Update\nAcme will open a second plant in May.\n")
    spans = boilerplate_spans(text, 0, len(text))
    assert [(s.text, text[s.start : s.end].split("\n")[0]) for s in spans] == [("company-profile", "About Acme")]
    assert text[spans[0].end :].startswith("Second Plant Update")
    assert boilerplate_spans("Acme opened a plant.\nAbout 300 jobs will go.\n", 0, 40) == []


RELEASE_PAGE = """<!DOCTYPE html><html><head><title>Orvane Therapeutics Reports Third Quarter 2024 Results</title>
<meta property="article:published_time" content="2024-11-06T07:00:00-05:00"></head>
<body><nav>Home | News</nav><article><h1>Orvane Therapeutics Reports Third Quarter 2024 Results</h1>
<p>In October 2024, Orvane Therapeutics initiated a Phase 3 trial of ORV-101 in patients with lupus.</p>
<h2>About Orvane Therapeutics</h2>
<p>Orvane Therapeutics, founded in 2015 and headquartered in Boston, develops medicines for autoimmune diseases.</p>
<h2>Forward-Looking Statements</h2>
<p>Risks are described in Orvane's Annual Report on Form 10-K for the year ended December 31, 2023.</p>
</article><footer>Copyright 2024</footer></body></html>
"""


def test_a_release_page_gives_no_event_of_its_profile_or_risk_notice(cli, tmp_path):
    # the page's headings become lines of their own ("About Orvane Therapeutics" even opens an article)
    page = tmp_path / "release.html"
    page.write_text(RELEASE_PAGE, encoding="utf-8")
    result = cli("ingest", page, "--dry-run", "-f", "jsonl")
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(e["date"], e["type"]) for e in events] == [("2024-10", "trial")]
