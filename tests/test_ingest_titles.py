"""The title rules of tracker/ingest/data/title_rules.json (GUIDELINES "Titles": one plain line, the
main actor first, the act and its object): every example and counterexample is a (sentence, main
company, title) that ``make_title`` must give; and ingest shows such titles."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tracker.ingest.articles import Article
from tracker.ingest.pipeline import read_article
from tracker.ingest.titles import make_title, title_rules


def _title(sentence: str, main: str) -> str:
    article = Article(title="", offset=0, end=len(sentence), published=date(2020, 3, 3), basis="option")
    (view,) = read_article(sentence, article, [])
    return make_title(view, main)


def _cases():
    for rule in title_rules().values():
        for sentence, main, title in rule["examples"] + rule["counterexamples"]:
            yield pytest.param(sentence, main, title, id=f"{rule['id']}: {sentence[:40]}")


@pytest.mark.parametrize("sentence, main, title", list(_cases()))
def test_title_rule_examples(sentence: str, main: str, title: str) -> None:
    assert _title(sentence, main) == title


def test_every_rule_has_an_id_a_doc_and_examples() -> None:
    for rule_id, rule in title_rules().items():
        assert rule["doc"] and rule["examples"], rule_id
        assert ("pattern" in rule) != ("words" in rule), rule_id


def test_ingest_titles_drop_the_speakers_frame_and_the_legal_form(cli, tmp_path) -> None:
    news = tmp_path / "deal.txt"
    news.write_text("Harlow Foods to buy Orvane Snacks\n\nLONDON, March 3 (Wire) - Harlow Foods Plc said on Tuesday "
                    "it agreed to buy U.S. snack maker Orvane Snacks Inc for $2.1 billion in cash.\n", encoding="utf-8")
    result = cli("ingest", news, "--published", "2020-03-03", "--dry-run", "-f", "jsonl")
    assert result.exit_code == 0, result.output
    titles = [json.loads(line)["title"] for line in result.stdout.splitlines()]
    assert "Harlow Foods agreed to buy U.S. snack maker Orvane Snacks Inc for $2.1 billion in cash" in titles
