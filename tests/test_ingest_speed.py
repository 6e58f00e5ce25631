"""Ingest work grows in proportion to the text, whatever its line breaks.

No clock here (the speed targets live in bench/ingest_speed.py): the measure of work is the
number of characters handed to the regular expressions of a module (the text each search or scan
is given, from its start position to its end; what an anchored match matches). A search from every position of all the
text before a sentence end, as the sentence splitter once did, makes that count grow with the
square of the text; the regexes themselves are linear in what they are given.
"""

from __future__ import annotations

import random
import re
from types import SimpleNamespace

import pytest

from tracker.ingest import text as text_module
from tracker.ingest.text import _word_before, sentences
from tracker.intervals import DisjointSpans, SpanIndex
from tracker.temporal import tagger as tagger_module

# written for this test: abbreviations, initials, dates and figures in one run-on paragraph
SENTENCES = [
    "Acme Networks Co. said on Monday it had signed a deal with Borealis Telecom worth $2.5 million.",
    "The U.S. unit of Acme opened an office in Lyon on 3 May 2017, a month after its rival did.",
    "Mr. Tan, who joined in early 2016, told reporters the plan would take two years.",
    "Sales rose 12% in the third quarter of 2017 to 4.1 billion yuan, the company said.",
    "Borealis Telecom Global, a unit of Borealis, will launch the service next week in J. Smith's home town.",
]


def paragraph(copies: int, separator: str = " ") -> str:
    return separator.join(SENTENCES * copies)


_GIVEN_TEXT = ("search", "match", "fullmatch", "finditer", "findall")


class _Counted:
    """A compiled pattern that adds to ``counter.chars`` the length of text each call is given."""

    def __init__(self, pattern: re.Pattern, counter: SimpleNamespace):
        self._pattern, self._counter = pattern, counter

    def __getattr__(self, name):
        method = getattr(self._pattern, name)
        if name not in _GIVEN_TEXT:
            return method

        def counted(string, pos=0, endpos=None):
            found = method(string, pos) if endpos is None else method(string, pos, endpos)
            if name == "match":  # anchored: it reads what it matches, not the text after it
                self._counter.chars += found.end() - pos if found else 1
            else:
                end = len(string) if endpos is None else min(endpos, len(string))
                self._counter.chars += max(0, end - pos)
            return found

        return counted


class _CountedRe:
    """The ``re`` module as a module sees it, counting the text its functions are given."""

    def __init__(self, counter: SimpleNamespace):
        self._counter = counter

    def __getattr__(self, name):
        function = getattr(re, name)
        if name not in (*_GIVEN_TEXT, "split", "sub"):
            return function

        def counted(pattern, *args, **kwargs):
            string = args[1] if name == "sub" else args[0]
            self._counter.chars += len(string)
            return function(pattern, *args, **kwargs)

        return counted


def counting(monkeypatch, module) -> SimpleNamespace:
    """Count the characters handed to ``module``'s regexes: its compiled patterns and its ``re`` calls."""
    counter = SimpleNamespace(chars=0)
    for name, value in list(vars(module).items()):
        if isinstance(value, re.Pattern):
            monkeypatch.setattr(module, name, _Counted(value, counter))
    monkeypatch.setattr(module, "re", _CountedRe(counter))
    return counter


def work(counter: SimpleNamespace, run) -> int:
    counter.chars = 0
    run()
    return counter.chars


@pytest.mark.parametrize("separator", [" ", "\n"])
def test_splitting_a_paragraph_twice_as_long_does_about_twice_the_work(monkeypatch, separator):
    counter = counting(monkeypatch, text_module)
    short, long = paragraph(20, separator), paragraph(40, separator)
    assert len(sentences(short)) == 100 and len(sentences(long)) == 200  # the abbreviations end no sentence
    ratio = work(counter, lambda: sentences(long)) / work(counter, lambda: sentences(short))
    assert ratio <= 2.5, ratio


def test_tagging_a_paragraph_twice_as_long_does_about_twice_the_work(monkeypatch):
    """A guard against a search of the text before or after each date; the tagger's other former
    quadratic steps (overlap tests against every kept match, find through the whole text) are not
    regexes: bench/ingest_speed.py measures them."""
    counter = counting(monkeypatch, tagger_module)
    rules = tuple((rule, _Counted(pattern, counter)) for rule, pattern in tagger_module._compiled())
    monkeypatch.setattr(tagger_module, "_compiled", lambda: rules)
    short, long = paragraph(20), paragraph(40)
    assert len(tagger_module.tag(long)) == 2 * len(tagger_module.tag(short)) > 0
    ratio = work(counter, lambda: tagger_module.tag(long)) / work(counter, lambda: tagger_module.tag(short))
    assert ratio <= 2.5, ratio


def test_the_word_before_a_period_is_what_a_search_of_all_the_text_before_finds():
    rng = random.Random(7)
    for _ in range(20000):
        text = "".join(rng.choice("ab.\n _é1,") for _ in range(rng.randint(0, 10)))
        start = rng.randint(0, len(text))
        pos = rng.randint(start, len(text))
        found = re.search(r"([\w.]+)$", text[start:pos])
        assert _word_before(text, start, pos) == (found.group(1) if found else ""), (text, start, pos)


def test_disjoint_spans_answer_overlaps_as_a_test_against_every_span_would():
    rng = random.Random(11)
    for _ in range(300):
        spans = DisjointSpans()
        kept: list[tuple[int, int]] = []
        for _ in range(40):
            start = rng.randint(0, 100)
            end = start + rng.randint(1, 12)
            expected = any(s < end and start < e for s, e in kept)
            assert spans.overlaps(start, end) == expected
            if not expected:
                spans.add(start, end)
                kept.append((start, end))


def test_a_span_index_answers_overlaps_as_a_test_against_every_span_would():
    rng = random.Random(13)
    for _ in range(300):
        kept = [(s, s + rng.randint(0, 15)) for s in (rng.randint(0, 100) for _ in range(rng.randint(0, 20)))]
        index = SpanIndex(kept)
        for _ in range(30):
            start = rng.randint(0, 110)
            end = start + rng.randint(1, 12)
            assert index.overlaps(start, end) == any(s < end and start < e for s, e in kept)


def test_a_fact_told_many_times_costs_in_proportion_to_the_text(monkeypatch):
    # one sentence repeated: every sentence has its dates and its event, and all tellings are one
    # event with many sources. Work counted: source fields checked when events are built (joining
    # each telling by rebuilding the event checked all sources so far) and dateline checks when
    # sentences take their dates (once per sentence and date when every date was scanned).
    from tracker import model
    from tracker.ingest import extract, pipeline
    from tracker.registry import Registry

    work = SimpleNamespace(chars=0)
    check, dateline = model._check_utf8, pipeline.dateline_end

    def counted_check(event):
        work.chars += 1 + len(event.sources)
        return check(event)

    def counted_dateline(sentence):
        work.chars += 1
        return dateline(sentence)

    monkeypatch.setattr(model, "_check_utf8", counted_check)
    monkeypatch.setattr(pipeline, "dateline_end", counted_dateline)
    told = "Acme Networks Co. said on Monday, June 3, 2019 it had agreed to buy Borealis Telecom for $2 billion. "
    costs = {}
    for copies in (100, 200):
        work.chars = 0
        events, _ = extract(told * copies, "repeated.txt", Registry([]))
        assert len(events) == 1 and len(events[0].sources) == copies
        costs[copies] = work.chars
    assert costs[200] <= 2.2 * costs[100], costs


def test_paragraphs_are_what_the_pattern_with_a_group_for_every_character_found():
    """``text.paragraphs``' pattern (runs of a line's characters) gives the spans of the slower
    one it replaced, on seeds' text and on random mixes of line breaks and blanks."""
    from pathlib import Path

    from tracker.ingest.text import paragraphs

    slower = re.compile(r"\S(?:.|\n(?![ \t\r\u00a0]*\n))*")
    rng = random.Random(5)
    seeds = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    texts += ["".join(rng.choice("ab \t\r\n\u00a0\u2028.") for _ in range(rng.randint(0, 40))) for _ in range(5000)]
    for text in texts:
        assert [(p.start, p.end) for p in paragraphs(text)] == [m.span() for m in slower.finditer(text)]
        cut = len(text) // 3
        assert [(p.start, p.end) for p in paragraphs(text, cut, 2 * cut)] == \
            [(cut + m.start(), cut + m.end()) for m in slower.finditer(text[cut:2 * cut])]


def test_a_title_rule_is_built_once_however_many_titles_are_made():
    """``titles._rule`` keeps every rule's pattern: a title asks for more rules than a small cache
    holds, which rebuilt each rule's pattern (legal forms and all) for every title."""
    from tracker.ingest import extract, titles
    from tracker.registry import Registry

    titles._rule.cache_clear()
    told = "Swedish snack maker Acme Plc said on Tuesday it agreed to buy Brandt Inc, the company said."
    events, _ = extract(" ".join(SENTENCES * 3) + " " + told, "titles.txt", Registry([]))
    info = titles._rule.cache_info()
    assert len(events) > 5 and info.currsize > 8, info  # more rules than the old cache held
    assert info.misses == info.currsize, info  # none built twice
