"""tracker.regex_code: ingest's fixed regexes from the shipped engine code, the same patterns as
re.compile makes, and the table up to date with what ingest compiles."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tracker import regex_code

ROOT = Path(__file__).resolve().parent.parent
TEXT = ("SHANGHAI, 07 AUG 2017 (Reuters) - Acme Networks Inc said on Monday it had agreed to buy Borealis "
        "for $2.8 billion in the third quarter of 2017, analysts said; the deal is expected to close by June 30.")


def shipped_key() -> str:
    import marshal
    import zlib

    return marshal.loads(zlib.decompress(regex_code.TABLE.read_bytes()))["python"]


needs_this_python = pytest.mark.skipif(
    shipped_key() != regex_code.python_key(),
    reason="the shipped code was written by another Python (ingest compiles as usual): python -m tracker.regex_code")


@needs_this_python
def test_every_shipped_pattern_is_the_pattern_re_compile_makes():
    table = regex_code._table()
    assert len(table) > 150
    for (pattern, flags) in table:
        ours, theirs = regex_code.compile(pattern, flags), re.compile(pattern, flags)
        # Pattern equality compares the pattern text, the flags and the engine code
        assert ours == theirs and ours is not theirs, pattern[:80]
        assert (ours.flags, ours.groups, ours.groupindex) == (theirs.flags, theirs.groups, theirs.groupindex)
        assert [m.span() for m in ours.finditer(TEXT)] == [m.span() for m in theirs.finditer(TEXT)]


@needs_this_python
def test_a_shipped_pattern_is_not_parsed_again():
    (pattern, flags) = next(iter(regex_code._table()))
    parses = []
    parse = re._parser.parse

    def counted(*args, **kwargs):
        parses.append(args[0])
        return parse(*args, **kwargs)

    re._parser.parse = counted  # only around the two calls (pytest compiles patterns of its own)
    try:
        shipped = regex_code.compile(pattern, flags)
        new = regex_code.compile(pattern + "(?:x)?", flags)  # not in the table: parsed, as re.compile does
    finally:
        re._parser.parse = parse
    assert shipped.pattern == pattern and new.pattern == pattern + "(?:x)?"
    assert parses == [pattern + "(?:x)?"]


def test_another_python_or_a_new_pattern_compiles_as_usual(monkeypatch):
    pattern, flags = r"\b(?P<w>acqui(?:re|red))\b", re.I
    assert regex_code.compile(pattern, flags) == re.compile(pattern, flags)  # not in the table
    monkeypatch.setattr(regex_code, "python_key", lambda: "cpython 0.0.0 sre 0/4 unicode 1114111")
    regex_code._table.cache_clear()
    try:
        assert regex_code._table() == {}
        for (shipped, shipped_flags) in list(_shipped_keys())[:20]:
            assert regex_code.compile(shipped, shipped_flags) == re.compile(shipped, shipped_flags)
    finally:
        monkeypatch.undo()
        regex_code._table.cache_clear()


def _shipped_keys():
    import marshal
    import zlib

    return marshal.loads(zlib.decompress(regex_code.TABLE.read_bytes()))["entries"].keys()


@needs_this_python
def test_the_shipped_table_holds_what_ingest_compiles_now():
    """Fails after a tagger rule, cue, trigger, date rule or other data file's pattern changes until
    `python -m tracker.regex_code` is run (ingest stays right meanwhile: a pattern not in the table
    is compiled as usual, paying the start-up the table saves). A fresh process: in this one, the
    patterns are compiled already."""
    script = "import json; from tracker import regex_code; print(json.dumps(regex_code.asked_patterns()))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    asked = {(pattern, flags) for pattern, flags in json.loads(out)}
    assert len(asked) > 150
    assert asked == set(_shipped_keys()), "run: python -m tracker.regex_code"
    # the patterns the ingest modules compile when imported are asked too (recorded before the imports)
    from tracker.ingest import mentions, text

    for pattern in (mentions._RAW, mentions._GLUED, text._TERMINAL):
        assert (pattern.pattern, pattern.flags & ~re.UNICODE) in asked
