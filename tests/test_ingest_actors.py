"""The main company of an event (tracker.ingest.actors): the examples of ``data/actor_cues.jsonl``
and hand-written articles through ``tracker.ingest.pipeline.extract``."""

from __future__ import annotations

import json
import re

import pytest

from tracker import curated
from tracker.ingest.actors import DATA, mention_cues, sentence_cues
from tracker.ingest.pipeline import extract
from tracker.registry import Registry


def _marked(example: str) -> tuple[str, list[tuple[int, int]], list[tuple[int, int]]]:
    """The plain text of an example, the spans marked [fires] and those marked <does not fire>."""
    text, fires, quiet = "", [], []
    for piece in re.split(r"(\[[^\]]+\]|<[^>]+>)", example):
        if piece[:1] == "[" and piece[-1:] == "]":
            fires.append((len(text), len(text) + len(piece) - 2))
            text += piece[1:-1]
        elif piece[:1] == "<" and piece[-1:] == ">":
            quiet.append((len(text), len(text) + len(piece) - 2))
            text += piece[1:-1]
        else:
            text += piece
    return text, fires, quiet


def _cue_examples():
    for line in (DATA / "actor_cues.jsonl").read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        for example in entry["examples"]:
            yield pytest.param(entry["id"], entry["side"], example, True, id=f"{entry['id']}+ {example[:40]}")
        for example in entry.get("counterexamples", []):
            yield pytest.param(entry["id"], entry["side"], example, False, id=f"{entry['id']}- {example[:40]}")


@pytest.mark.parametrize("cue, side, example, fires", list(_cue_examples()))
def test_actor_cue_examples(cue, side, example, fires):
    text, marked, quiet = _marked(example)
    if side == "sentence":
        assert (cue in sentence_cues(text)) == fires, example
        return
    assert marked or quiet, f"{cue}: mark the company in {example!r}"
    for start, end in marked:
        assert cue in mention_cues(text, start, end), f"{cue} should fire at {text[start:end]!r}: {example!r}"
    for start, end in quiet:
        assert cue not in mention_cues(text, start, end), f"{cue} should not fire at {text[start:end]!r}: {example!r}"


def test_every_cue_has_examples_and_counterexamples():
    for line in (DATA / "actor_cues.jsonl").read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        assert entry["examples"] and entry["counterexamples"], entry["id"]
