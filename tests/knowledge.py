"""What ingest's knowledge files owe their tests (``type_cues.json``, ``type_triggers.json``): one
test case per example and counterexample, and entries with unique ids, a known type, examples
and counterexamples."""

from __future__ import annotations

import pytest

from tracker.event_types import EVENT_TYPES


def example_cases(entries: list[dict]):
    """``pytest.param(entry, text, fires)`` for each example (fires) and counterexample (does not)."""
    for entry in entries:
        for text in entry["examples"]:
            yield pytest.param(entry, text, True, id=f"{entry['id']}+ {text[:40]}")
        for text in entry["counterexamples"]:
            yield pytest.param(entry, text, False, id=f"{entry['id']}- {text[:40]}")


def assert_well_formed(entries: list[dict], extra_types: frozenset[str] = frozenset()) -> None:
    """Unique ids; every entry of an event type (or one of ``extra_types``) with examples and counterexamples."""
    ids = [entry["id"] for entry in entries]
    assert len(ids) == len(set(ids))
    for entry in entries:
        assert entry["type"] in set(EVENT_TYPES) | extra_types, entry["id"]
        assert entry["examples"] and entry["counterexamples"], entry["id"]
