"""Press-release boilerplate (tracker/ingest/data/sections.json): every example heading opens its
rule's section and no counterexample opens any; a section runs to the next other heading."""

from __future__ import annotations

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
