"""The curated event log that ships with tracker holds up against the seed documents."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.conftest import ROOT, SEEDS
from tracker import curated


def test_every_quote_is_verbatim_at_its_offset_and_every_name_is_registered():
    assert curated.problems(ROOT / "events", SEEDS) == []


def test_seeds_are_the_shared_documents_unchanged():
    shared = ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip(f"no shared seed documents at {shared} to compare with")
    assert {p.name: p.read_bytes() for p in shared.glob("*.txt")} == {p.name: p.read_bytes() for p in SEEDS.glob("*.txt")}


def test_the_log_covers_every_seed_document():
    events = curated.shipped_events(ROOT / "events")
    per_doc = Counter(s.doc for e in events for s in e.sources)
    assert set(per_doc) == {p.name for p in SEEDS.glob("*.txt")}
    assert len(events) > 150


def test_no_event_from_an_undated_article_has_an_invented_day():
    articles = {(a["doc"], a["title"]): a for a in curated.shipped_articles(ROOT / "events")}
    for event in curated.shipped_events(ROOT / "events"):
        article = articles[(event.sources[0].doc, event.sources[0].article)]
        if article["published"] is None and event.date.precision == "day":
            assert event.sources[0].date_text, f"{event.id}: a day with no date words in an undated article"
