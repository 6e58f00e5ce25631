"""tracker.prefilter: the substring test that lets ingest skip regex searches must never skip a match."""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pytest

from tracker.ingest.features import type_cues
from tracker.prefilter import Occurrences, finditer_at, fold, may_match, necessary_prefixes, required_strings, starts_a_word, WordHeads
from tracker.temporal.tagger import _compiled

FIXTURES = Path(__file__).parent / "fixtures" / "news"

# written for this test: dates, figures, cues, capitals, and the characters a case-insensitive
# match of an ASCII letter accepts that lower() does not give (dotted/dotless i, long s, Kelvin)
TEXT = (
    "On 3 May 2017 Acme Networks said it BOUGHT Borealis for $2.5bn; the deal closed in Q3 2017, "
    "two years after talks began. İSTANBUL, 12/05/2019 — ſhares of Kestrel rose 4% on Monday "
    "morning, 10:30 a.m. EST, the company said. It plans to invest 300 million yuan by the end of "
    "the decade (the 1990s were different). 2 000 Kelvin: \u212aelvin. The firm was fined in "
    "mid-2018, the third quarter of fiscal 2019, and last week. Shipments of 5G units rose 12 per cent."
)


def corpus() -> list[str]:
    texts = [TEXT, TEXT.upper(), TEXT.lower()]
    texts += [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.iterdir()) if p.is_file()]
    return texts


def test_fold_keeps_every_position_and_every_case_insensitive_match_of_an_ascii_character():
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    assert len(fold(every)) == len(every)
    for code in range(128):
        ch = chr(code)
        for pattern in (re.escape(ch), f"[{re.escape(ch)}]"):
            for m in re.finditer(pattern, every, re.I):
                assert fold(m.group()) == ch.lower(), (ch, hex(ord(m.group())))


@pytest.mark.parametrize("pattern, expected", [
    (r"\b(?:buy|bought)\b", {"buy", "boug"}),
    (r"(?<![\w$])x?y", {"x", "y"}),
    (r"[0-2]5", {"05", "15", "25"}),
    (r"(?:early|late)?\s*may", None),  # \s could be anything first: no prefix
    (r"\w+ed", None),
    (r"ſ", None),  # non-ASCII: not read
    (r"ab(?:c|d)e*f", {"abce", "abcf", "abde", "abdf"}),
])
def test_necessary_prefixes(pattern, expected):
    found = necessary_prefixes(re.compile(pattern, re.I))
    assert (None if found is None else set(found)) == expected


def test_may_match_says_no_only_when_there_is_no_match():
    prefixes = necessary_prefixes(re.compile(r"\b(?:acquir\w+|takeover)\b", re.I))
    assert may_match(prefixes, fold("Acme ACQUIRED Borealis"))
    assert not may_match(prefixes, fold("Acme bought Borealis"))
    assert may_match(None, "anything")


def patterns() -> list[re.Pattern]:
    return [regex for _rule, regex in _compiled()] + [pattern for _id, _kind, pattern in type_cues()]


def test_every_tagger_rule_and_type_cue_finds_the_same_matches_tried_only_where_its_prefixes_occur():
    checked = 0
    for text in corpus():
        occurrences = Occurrences(fold(text))
        for regex in patterns():
            prefixes = necessary_prefixes(regex)
            expected = [m.span() for m in regex.finditer(text)]
            if prefixes is None:
                continue
            assert may_match(prefixes, fold(text)) or not expected
            word_start = starts_a_word(regex)
            heads = WordHeads(fold(text))
            ways = [occurrences.starts(prefixes), occurrences.starts(prefixes, word_start)]
            if word_start:
                assert heads.meets(prefixes) or not expected
                assert heads.starts(prefixes) == occurrences.starts(prefixes, True)
                ways.append(heads.starts(prefixes))
            for starts in ways:
                for lo, hi in ((0, len(text)), (7, len(text) - 5)):
                    want = [m.span() for m in regex.finditer(text, lo, hi)]
                    assert [m.span() for m in finditer_at(regex, starts, text, lo, hi)] == want, regex.pattern[:80]
                    checked += len(want)
    assert checked > 500  # the texts do hold many matches


def test_fold_keeps_whether_a_character_is_a_word_character():
    every = [chr(c) for c in range(sys.maxunicode + 1)]
    assert all((ch.isalnum() or ch == "_") == (fold(ch).isalnum() or fold(ch) == "_") for ch in every)


@pytest.mark.parametrize("pattern, expected", [
    (r"(?<![\w$.-])(?:may|june)", True),
    (r"\b(?:buy|bought)\b", True),
    (r"\b(?:\$\d+)", False),  # a \b before a non-word character follows a word character
    (r"(?<![$.-])may", False),  # the look-behind allows a word character before
    (r"may", False),
])
def test_starts_a_word(pattern, expected):
    assert starts_a_word(re.compile(pattern, re.I)) is expected


def test_most_rules_and_cues_have_prefixes():
    """The speed-up works only if the patterns give prefixes; a pattern rewritten so that it gives
    none still runs (whole-text search), but should be noticed."""
    found = [necessary_prefixes(p) is not None for p in patterns()]
    assert sum(found) >= 0.9 * len(found)


def test_heads_of_a_known_set_answer_as_every_head_does():
    """``HeadsOf`` (the regex-built heads the type cues and the tagger use) gives, for every head it was built
    for, the positions ``WordHeads`` gives; a head it was not built for is refused, not missed."""
    from tracker.ingest.features import _cue_set
    from tracker.prefilter import HeadsOf

    from tracker.temporal.tagger import _rule_heads, _rule_prefixes

    cue_heads = _cue_set().heads
    tagger_sets = [prefixes for prefixes, starts_word in _rule_prefixes() if prefixes and starts_word]
    word_start = [prefixes for prefixes, starts_word in _cue_set().prefixes if prefixes and starts_word]
    # heads of every length, one a prefix of another, and characters the regex must escape
    mixed = HeadsOf(frozenset({"a", "ac", "acm", "acme", "2", "20", "$", "(", "q3", "i̇s", "ſh", "the ", "x.y"}))
    compared = 0
    for text in [*corpus(), "", "a", "ac", "(Acme) acme,acme-ACME the  the\nthe x.y x-y"]:
        full = WordHeads(fold(text))
        for heads, sets in ((cue_heads(fold(text)), word_start), (mixed(fold(text)), [frozenset({h}) for h in mixed.wanted]),
                            (_rule_heads()(fold(text)), tagger_sets)):
            for prefixes in sets:
                assert heads.meets(prefixes) == full.meets(prefixes)
                assert heads.starts(prefixes) == full.starts(prefixes)
                compared += len(full.starts(prefixes))
    assert compared > 500
    with pytest.raises(ValueError):
        mixed(fold(TEXT)).starts(frozenset({"zz"}))


def test_a_pattern_set_gives_every_pattern_the_matches_finditer_gives():
    """``PatternSet`` (the type cues and the type triggers) leaves out only patterns with no match
    in the text, and gives the others' matches as ``finditer`` does; patterns without prefixes and
    with prefixes that need not start a word are tried as well."""
    from tracker.ingest.features import type_cues
    from tracker.ingest.triggers import _triggers
    from tracker.prefilter import PatternSet

    mixed = [re.compile(p, re.I) for p in (r"\w+ed\b", r"(?<![$.-])may", r"\$\d+", r"\b(?:buy|bought)\b", r"q[1-4]")]
    sets = [[pattern for _id, _kind, pattern in type_cues()], [pattern for _id, _kind, pattern in _triggers()], mixed]
    texts = [*corpus(), "", "Acme bought it", "$5 in Q3, and MAY bought.", *TEXT.split(". ")]
    compared = 0
    for patterns in sets:
        pattern_set = PatternSet(patterns)
        for text in texts:
            given = {index: [m.span() for m in matches] for index, matches in pattern_set.finditers(text)}
            assert list(given) == sorted(given)
            for index, pattern in enumerate(patterns):
                want = [m.span() for m in pattern.finditer(text)]
                assert given.get(index, []) == want, (pattern.pattern[:60], text[:60])
                compared += len(want)
            # patterns with no prefixes are tried wherever one of their required strings is
            folded = fold(text)
            assert all(index in given for index, (prefixes, _) in enumerate(pattern_set.prefixes)
                       if prefixes is None and may_match(required_strings(patterns[index]), folded))
    assert compared > 500


def test_a_pattern_set_over_part_of_a_text_gives_finditer_s_matches_there():
    """``PatternSet.finditers(text, start, end)`` (the fiscal rules over an article of a document)
    gives what ``finditer(text, start, end)`` gives, look-behinds reading before ``start`` included
    ("Q3" is no word start after "AQ")."""
    from tracker.ingest.dating import date_rules
    from tracker.prefilter import PatternSet

    rules = date_rules().values()
    fiscal = [p for rule in rules for p in (rule.fiscal, rule.fiscal_end, rule.fiscal_naming) if p is not None]
    mixed = [re.compile(p, re.I) for p in (r"\w+ed\b", r"(?<![$.-])may", r"\$\d+", r"\b(?:buy|bought)\b", r"\bq[1-4]")]
    texts = [*corpus(), "AQ3 profit in Q3 of fiscal 2019, the year ended March 31; Rs 5 crore.", TEXT]
    rng = random.Random(3)
    compared = 0
    for patterns in (fiscal, mixed):
        pattern_set = PatternSet(patterns)
        for text in texts:
            for _ in range(6):
                start = rng.randint(0, len(text))
                end = rng.randint(start, len(text))
                for a, b in ((start, end), (0, len(text)), (1, len(text))):
                    given = {index: [m.span() for m in matches] for index, matches in pattern_set.finditers(text, a, b)}
                    for index, pattern in enumerate(patterns):
                        want = [m.span() for m in pattern.finditer(text, a, b)]
                        assert given.get(index, []) == want, (pattern.pattern[:60], text[a:b][:60])
                        compared += len(want)
    assert compared > 100


def test_a_window_is_searched_unless_none_of_the_patterns_prefixes_is_in_it():
    """``may_match_within`` (the cues before a name, in windows of 40-120 characters) says no only
    where the search finds nothing, and it does say no in most windows."""
    from tracker.prefilter import may_match_within
    from tracker.prefilter_table import window_patterns

    patterns = [pattern for _source, pattern in window_patterns()]
    assert len(patterns) > 10
    found = skipped = 0
    for text in corpus()[:4]:
        for end in range(0, len(text) + 1, 7):
            for width in (40, 120):
                start = max(0, end - width)
                for pattern in patterns:
                    match = pattern.search(text, start, end)
                    if not may_match_within(pattern, text, start, end):
                        assert match is None, (pattern.pattern[:60], text[start:end])
                        skipped += 1
                    found += match is not None
    assert found > 20 and skipped > found * 10


def test_finds_answers_as_the_search_does():
    from tracker.prefilter import finds
    from tracker.prefilter_table import sentence_patterns

    answers = []
    for text in [*corpus(), *TEXT.split(". "), "", "We will.", "Our plan: it has grown, Acme said"]:
        for _name, pattern in sentence_patterns():
            answer = finds(pattern, text, fold(text))
            assert answer == (pattern.search(text) is not None), (pattern.pattern[:60], text[:60])
            answers.append(answer)
    assert any(answers) and not all(answers)



def test_finds_answers_as_the_search_does_for_the_event_cues_and_referring_phrases():
    """The event cues and the referring phrases are asked through ``finds`` with the strings a
    part of every match holds (``required_strings``: "market" in "the (...) market grew")."""
    from tracker.ingest.context import anaphors
    from tracker.ingest.event_cues import event_cue_list, unquoted
    from tracker.ingest.text import sentences
    from tracker.prefilter import finds, required_strings

    patterns = [cue.pattern for cue in event_cue_list()] + [a.pattern for a in anaphors()]
    # most of them hold a part rarer than how a match starts ("the", "it") or have no such start
    assert sum(required_strings(p) != necessary_prefixes(p) for p in patterns) >= 12
    texts = [s.text for text in corpus() for s in sentences(text)]
    texts += ["The smartphone market grew 5% last year.", "The deal is expected to close in June.",
              "It expects revenue to rise.", "Shareholders backed the transaction.", ""]
    hits = skipped = 0
    for text in texts:
        for pattern in patterns:
            for variant in (text, unquoted(text)):
                answer = finds(pattern, variant, fold(variant))
                assert answer == (pattern.search(variant) is not None), (pattern.pattern[:60], variant[:80])
                hits += answer
                skipped += not may_match(required_strings(pattern), fold(variant))
    assert hits > 20 and skipped > hits * 5


@pytest.mark.parametrize("pattern, required", [
    (r"\b(?:the|a)\s+(?:\w+\s+){0,3}?(?:market|sector)\b", {"mark", "sect"}),  # rarer than "the", "a"
    (r"\b(?:the|a)\s+(?:\w+\s+){0,3}?(?:market|sector)\s+grew\b", {"grew"}),  # the rarest part
    (r"(?:deal|\w+)\s+closed", {"clos"}),  # an alternative without strings gives none for the branch
    (r"(?:x|y)(?:deal|merger)(?:z)?", {"deal", "merg"}),  # the rarest part; the optional one never
    (r"(?:bought|acquired)+ it", {"boug", "acqu"}),  # repeated at least once
    (r"\w+(?:deal)?", None),  # optional: no string every match holds
    (r"\w+(?=deal)", None),  # a look-ahead tests what follows the match, not the match
    (r"(?<=deal )\w+", None),
    (r"said", {"said"}),
])
def test_required_strings_come_from_a_part_every_match_holds(pattern, required):
    from tracker.prefilter import required_strings

    compiled = re.compile(pattern, re.I)
    found = required_strings(compiled)
    assert (None if found is None else set(found)) == required
    for text in ("He said the deal closed.", "The smartphone market grew.", "xdealz", "bought it", "nothing here"):
        if found is not None and not may_match(found, fold(text)):
            assert compiled.search(text) is None


# --- the shipped table (tracker/data/prefixes.json) -----------------------------------------------


def test_the_shipped_prefix_table_is_what_the_patterns_give_now():
    """Fails after a tagger rule, type cue or date rule changes until `python -m
    tracker.prefilter_table` is run (ingest stays right meanwhile: the changed pattern is not in
    the table and is worked out, but pays the start-up the table saves)."""
    from tracker.prefilter import TABLE
    from tracker.prefilter_table import render, table

    assert TABLE.read_bytes() == render(table()), "run: python -m tracker.prefilter_table"


def test_the_table_answers_as_working_it_out_does_and_spares_the_parsing(monkeypatch):
    from tracker import prefilter
    from tracker.prefilter_table import ingest_patterns

    patterns = [pattern for _source, pattern in ingest_patterns()]
    assert len(patterns) > 90
    worked_out = [prefilter.table_entry(p) for p in patterns]  # never reads the table
    for cache in (prefilter._parsed, prefilter._necessary, prefilter._starts_a_word, prefilter._worked_out, prefilter._table):
        cache.cache_clear()
    prefilter._BY_PATTERN.clear()
    answers = [(necessary_prefixes(p), starts_a_word(p)) for p in patterns]
    assert prefilter._parsed.cache_info().currsize == 0  # nothing parsed: all from the table
    assert answers == [
        (None if entry["prefixes"] is None else frozenset(entry["prefixes"]), entry["starts_a_word"]) for entry in worked_out
    ]
    assert sum(prefixes is not None for prefixes, _ in answers) > 80 and any(word for _, word in answers)

    # a pattern the table does not hold is worked out; so is every pattern without the table
    other = re.compile(r"\b(?:zorbex|zeta)\s+corp", re.I)
    assert necessary_prefixes(other) == frozenset({"zorb", "zeta"}) and starts_a_word(other)
    monkeypatch.setattr(prefilter, "TABLE", Path("/nonexistent/prefixes.json"))
    for cache in (prefilter._necessary, prefilter._starts_a_word, prefilter._table):
        cache.cache_clear()
    prefilter._BY_PATTERN.clear()
    assert [(necessary_prefixes(p), starts_a_word(p)) for p in patterns] == answers
    for cache in (prefilter._necessary, prefilter._starts_a_word, prefilter._table):
        cache.cache_clear()
    prefilter._BY_PATTERN.clear()


def test_fold_without_the_mapped_characters_is_lower_case():
    from tracker.prefilter import _FOLD

    for text in [*corpus(), "Ünal’s “deal”", "ASCII only", "İSTANBUL ſhip ıt", "x\u0130", "\u017f", ""]:
        assert fold(text) == text.translate(_FOLD).lower()


def _nested_trie(strings, token=re.escape):
    """The trie as nested dicts, each node's children sorted: what ``prefilter._trie`` gave before
    it was built on the sorted strings (the reference its strings are compared with)."""
    trie: dict = {}
    for string in strings:
        node = trie
        for ch in string:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node):
        alternatives = [token(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if "" in node and alternatives:
            return "(?:" + "|".join(alternatives) + ")?"
        if not alternatives:
            return ""
        return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"

    return emit(trie)


def test_the_trie_of_sorted_strings_is_the_nested_tries_string():
    from tracker.ingest.event_cues import _place_token
    from tracker.ingest.features import _cue_set
    from tracker.prefilter import _trie

    rng = random.Random(11)
    alphabet = "ab.c d\\*é'"
    cases = [sorted(_cue_set().heads.wanted), ["a"], ["", "a", "ab"], ["ab", "ab", "abc"], ["b", "a"]]
    for _ in range(2000):
        cases.append(sorted({"".join(rng.choice(alphabet) for _ in range(rng.randint(0, 6)))
                             for _ in range(rng.randint(1, 30))}))
    cases.append(["Abu Dhabi", "Abuja", "Accra", "Africa", "African", "America", "Americas"])
    for strings in cases:
        for token in (re.escape, _place_token):
            assert _trie(strings, token) == _nested_trie(strings, token), strings
