"""A cheap test that a regular expression cannot match a text, so a search can be skipped.

Many of ingest's patterns (the temporal tagger's rules, the type cues) start with a look-behind
or ``\\b`` and are case-insensitive, which keeps Python's regex engine from skipping ahead to a
first character: each pattern is tried at every position of every text. Yet most patterns need
one of a few short strings at the start of any match ("acq", "buy", "bou" for an acquisition
cue), and a substring test over the whole text (``str.__contains__``, fast C code) tells that
none of them occurs, far faster than the search finds nothing.

``necessary_prefixes(pattern)`` reads the parsed pattern and gives those strings (lower case,
ASCII, 1-4 characters), or None when some match could start with anything. The test is exact
by construction: it only ever says "cannot match" when no match exists, because

- every string is what the start of a match must be, up to where the reading stopped (a
  prefix cut short is still necessary; the reading stops at anything it does not enumerate:
  ``\\w``, ``.``, large classes, non-ASCII characters);
- zero-width parts (``\\b``, look-arounds) are passed over, which only weakens the test;
- ``fold(text)`` maps every character that a case-insensitive match of an ASCII character
  accepts to that ASCII character (``tests/test_prefilter.py`` checks this for every code point),
  and the prefixes are lower case, so a pattern's case flag does not matter.

So a search is skipped only when it would find nothing: output stays byte-identical.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache
from itertools import chain
from pathlib import Path

import orjson

from tracker import regex_code

try:  # Python 3.11+
    from re import _constants as _c, _parser as _p
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

# Characters a case-insensitive match of an ASCII letter accepts that ``str.lower`` does not map
# to it, one to one: dotted capital I (lower() gives two characters), dotless i, long s.
# (The Kelvin sign lower-cases to "k" by itself.)
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})

_STOP = object()  # reading stops here: the prefix so far is what is known
# At most this many prefixes a pattern (else shorter ones, down to one character). Only the
# tagger's rules have more than 48 of 4 characters; they are looked up as word heads (one dict
# look-up each), and longer heads leave fewer positions to try: on company-news 102,000 tries of a
# rule instead of 172,000 (at 48, "duration" had 27 prefixes, most of one letter; at 200, 64).
_MAX_PREFIXES = 200
_CLASS_MAX = 10  # a character class of at most this many characters is enumerated ([0-9])


class _TooMany(Exception):
    pass


def fold(text: str) -> str:
    """The text as the prefixes are tested against it (see the module's docstring)."""
    # a text without the three characters _FOLD maps (nearly every text) needs no translate,
    # which looks every character up in a dict: five to fifty times the time of lower()
    if text.isascii() or ("\u0130" not in text and "\u0131" not in text and "\u017f" not in text):
        return text.lower()
    return text.translate(_FOLD).lower()


def _class_chars(items) -> list[str] | None:
    chars: list[str] = []
    for op, av in items:
        if op is _c.LITERAL:
            chars.append(chr(av))
        elif op is _c.RANGE and av[1] - av[0] < _CLASS_MAX:
            chars.extend(chr(code) for code in range(av[0], av[1] + 1))
        else:  # NEGATE, CATEGORY (\w, \d, \s), a long range
            return None
    if not all(ch.isascii() for ch in chars):
        return None
    out = sorted({ch.lower() for ch in chars})
    return out if len(out) <= _CLASS_MAX else None


def _walk(ops: list, prefix: str, size: int, out: set[str]) -> None:
    """Add to ``out`` the prefixes (up to ``size`` characters) a match of ``ops`` may start with,
    ``prefix`` already read."""
    if len(out) > _MAX_PREFIXES:
        raise _TooMany
    if len(prefix) >= size or not ops:
        out.add(prefix[:size])
        return
    (op, av), rest = ops[0], ops[1:]
    if op is _STOP:
        out.add(prefix)
    elif op is _c.LITERAL:
        ch = chr(av)
        if ch.isascii():
            _walk(rest, prefix + ch.lower(), size, out)
        else:
            out.add(prefix)
    elif op is _c.AT or op is _c.ASSERT or op is _c.ASSERT_NOT:
        _walk(rest, prefix, size, out)  # zero width
    elif op is _c.SUBPATTERN:
        _walk(list(av[-1]) + rest, prefix, size, out)
    elif getattr(_c, "ATOMIC_GROUP", None) is not None and op is _c.ATOMIC_GROUP:
        _walk(list(av) + rest, prefix, size, out)
    elif op is _c.BRANCH:
        for alternative in av[1]:
            _walk(list(alternative) + rest, prefix, size, out)
    elif op is _c.IN:
        chars = _class_chars(av)
        if chars is None:
            out.add(prefix)
        else:
            for ch in chars:
                _walk(rest, prefix + ch, size, out)
    elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) or op is getattr(_c, "POSSESSIVE_REPEAT", None):
        low, _high, item = av
        if low == 0:
            _walk(rest, prefix, size, out)  # no repetition
        _walk(list(item) + [(_STOP, None)], prefix, size, out)  # one or more: read the first only
    else:  # ANY, NOT_LITERAL, CATEGORY, GROUPREF...: could be anything
        out.add(prefix)


@lru_cache(maxsize=None)
def _parsed(pattern: str, flags: int) -> list:
    return list(_p.parse(pattern, flags))


# --- the shipped table: what this module says of the ingest's own patterns, worked out once -----
#
# Parsing the tagger's rules, the type cues and the date rules to read their prefixes took ~0.05 s
# of CPU at the start of every ingest, before its workers fork. ``data/prefixes.json`` holds the
# answers for those patterns (``python -m tracker.prefilter_table`` writes it; a test checks it
# against this code), keyed by a hash of the pattern and its flags: a pattern changed since, or
# any other pattern, is not in it and is worked out here as before, so the answers are the same.

TABLE = Path(__file__).resolve().parent / "data" / "prefixes.json"


def table_key(pattern: str, flags: int) -> str:
    return hashlib.sha1(f"{flags}\0{pattern}".encode("utf-8", "surrogatepass")).hexdigest()


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[frozenset[str] | None, bool, frozenset[str] | None]]:
    try:
        return {
            entry["key"]: (None if entry["prefixes"] is None else frozenset(entry["prefixes"]), bool(entry["starts_a_word"]),
                           frozenset(entry["required"]) if "required" in entry else
                           None if entry["prefixes"] is None else frozenset(entry["prefixes"]))
            for entry in orjson.loads(TABLE.read_bytes())["entries"]
        }
    except (OSError, ValueError, KeyError, TypeError):
        return {}  # no table, or not ours (a trimmed install): every answer is worked out


def _shipped(pattern: str, flags: int) -> tuple[frozenset[str] | None, bool, frozenset[str] | None] | None:
    return _table().get(table_key(pattern, flags))


@lru_cache(maxsize=None)
def _worked_out(pattern: str, flags: int) -> frozenset[str] | None:
    parsed = _parsed(pattern, flags)
    for size in (4, 3, 2, 1):
        out: set[str] = set()
        try:
            _walk(list(parsed), "", size, out)
        except (_TooMany, RecursionError):
            continue
        if "" in out:
            return None
        # "acq" in a text whenever "acqu" is: keep the shortest of each chain
        kept = sorted(out, key=len)
        minimal = [p for i, p in enumerate(kept) if not any(p.startswith(q) for q in kept[:i])]
        return frozenset(minimal)
    return None


def table_entry(pattern: re.Pattern[str]) -> dict:
    """What ``data/prefixes.json`` holds for ``pattern``: worked out from the pattern, never read
    from the table."""
    pattern_text, flags = pattern.pattern, pattern.flags & ~re.UNICODE
    prefixes = _worked_out(pattern_text, flags)
    required = _required_worked_out(pattern_text, flags)
    return {
        "key": table_key(pattern_text, flags),
        "prefixes": None if prefixes is None else sorted(prefixes),
        "starts_a_word": _starts_a_word_worked_out(pattern_text, flags),
        **({"required": sorted(required)} if required != prefixes else {}),
    }


def necessary_prefixes(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Lower-case strings one of which ``fold(text)`` holds wherever ``pattern`` matches in
    ``text``; None when the pattern gives no such strings (it may match anywhere)."""
    # asked for every sentence and window a pattern is tested on: the answer is kept by pattern
    # (the flags' arithmetic, RegexFlag's, cost more than the test), by the pattern's identity
    # (hashing a pattern hashes its engine code: ~2 us a look-up for a cue); the entry holds the
    # pattern, so no other pattern can take its id
    return _by_identity(_BY_PATTERN, pattern, _necessary)


_BY_PATTERN: dict[int, tuple[re.Pattern[str], frozenset[str] | None]] = {}


def _by_identity(cache: dict, pattern: re.Pattern[str], answer):
    """``answer(pattern's text, flags)``, kept in ``cache`` by the pattern's identity."""
    found = cache.get(id(pattern))
    if found is None or found[0] is not pattern:
        found = cache[id(pattern)] = (pattern, answer(pattern.pattern, pattern.flags & ~re.UNICODE))
    return found[1]


def required_strings(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Lower-case strings one of which ``fold(text)`` holds wherever ``pattern`` matches in
    ``text``, anywhere in the match (not only at its start): the ``necessary_prefixes``, or the
    prefixes of a part every match holds when they are rarer ("market" in "the (...) market grew",
    "deal" in "the (proposed) deal"); None when neither gives any. For a yes/no search of a
    sentence or of the words before a name (``finds``, ``may_match_within``), not for where a
    match starts."""
    return _by_identity(_REQUIRED_BY_PATTERN, pattern, _required)  # by identity, as ``necessary_prefixes``


_REQUIRED_BY_PATTERN: dict[int, tuple[re.Pattern[str], frozenset[str] | None]] = {}


@lru_cache(maxsize=None)
def _required_worked_out(pattern: str, flags: int) -> frozenset[str] | None:
    prefixes = _worked_out(pattern, flags)
    try:
        inner = _inner(list(_parsed(pattern, flags)), 4)
    except RecursionError:
        inner = None
    if inner is None:
        return prefixes
    inner = _minimal(inner)
    return inner if prefixes is None or _rarity(inner) < _rarity(prefixes) else prefixes


def _rarity(strings) -> float:
    """About how likely a text holds one of ``strings``: a longer string is rarer, and a space
    adds little ("the " is as common as "the"). A rough measure, only to choose between two sets
    that are both necessary."""
    return sum(8.0 ** -len(string.replace(" ", "")) for string in strings)


def _minimal(strings) -> frozenset[str]:
    """``strings`` without those that hold a shorter one of them at their start (kept: the
    shorter, which the text holds whenever it holds the longer)."""
    kept = sorted(strings, key=len)
    return frozenset(p for i, p in enumerate(kept) if not any(p.startswith(q) for q in kept[:i]))


_REPEATS = tuple(op for op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)) if op is not None)


def _inner(ops: list, size: int) -> set[str] | None:
    """Strings (up to ``size`` characters) one of which every match of the sequence ``ops`` holds:
    the prefixes of what the match holds from one of its parts on (a piece of the whole match),
    or what every match of a group, of a branch (each alternative giving such strings) or of a
    part repeated at least once holds. The rarest of them; None when no part gives any. Look-arounds are
    never read (what they test is outside the match)."""
    best: set[str] | None = None
    for index, (op, av) in enumerate(ops):
        found: list[set[str] | None] = []
        if op is _c.SUBPATTERN:
            found.append(_inner(list(av[-1]), size))
        elif op is _c.BRANCH:
            alternatives = [_inner(list(alternative), size) for alternative in av[1]]
            found.append(None if any(a is None for a in alternatives) else set().union(*alternatives))
        elif op in _REPEATS and av[0] >= 1:
            found.append(_inner(list(av[2]), size))
        if op is not _c.ASSERT and op is not _c.ASSERT_NOT:
            own: set[str] = set()  # how the match of this part and the parts after it starts
            try:
                _walk(ops[index:], "", size, own)
            except _TooMany:
                own = set()
            found.append(own)
        for strings in found:
            if strings and "" not in strings and (best is None or _rarity(strings) < _rarity(best)):
                best = strings
    return best


def starts_a_word(pattern: re.Pattern[str]) -> bool:
    """True when no match of ``pattern`` starts right after a word character (``\\w``): the
    pattern opens with a look-behind that refuses one (``(?<![\\w$.-])``), or with ``\\b``
    followed by a word character (every necessary prefix starts with one). Only for Unicode
    patterns, whose ``\\w`` is ``str.isalnum()`` or ``_`` (``fold`` keeps that of every character)."""
    return _starts_a_word(pattern.pattern, pattern.flags & ~re.UNICODE)


def _starts_a_word_worked_out(pattern: str, flags: int) -> bool:
    if flags & re.ASCII:
        return False
    parsed = _parsed(pattern, flags)
    if not parsed:
        return False
    op, av = parsed[0]
    if op is _c.ASSERT_NOT and av[0] == -1:  # a look-behind that must fail
        body = list(av[1])
        return (len(body) == 1 and body[0][0] is _c.IN and (_c.CATEGORY, _c.CATEGORY_WORD) in body[0][1]
                and not any(item[0] is _c.NEGATE for item in body[0][1]))
    if op is _c.AT and av is _c.AT_BOUNDARY:
        prefixes = _worked_out(pattern, flags)
        return bool(prefixes) and all(_is_word(p[0]) for p in prefixes)
    return False


def _shipped_or(field: int, worked_out):
    """A pattern's answer (text, flags) -> value from field ``field`` of the shipped table's entry
    when the table holds the pattern, else from ``worked_out``; kept for each pattern."""
    @lru_cache(maxsize=None)
    def answer(pattern: str, flags: int):
        shipped = _shipped(pattern, flags)
        return shipped[field] if shipped is not None else worked_out(pattern, flags)

    return answer


_necessary = _shipped_or(0, _worked_out)
_starts_a_word = _shipped_or(1, _starts_a_word_worked_out)
_required = _shipped_or(2, _required_worked_out)


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


_NON_WORD = re.compile(r"\W")


class WordHeads:
    """The strings of 1 to 4 characters that start at each position no word character precedes
    (the text's start, and after each non-word character), with those positions: where a match
    of a pattern that ``starts_a_word`` can start, found in one pass over a folded text."""

    def __init__(self, folded: str):
        self.at: dict[str, list[int]] = {}
        at, n = self.at, len(folded)
        get = at.get
        positions = [0]
        positions += [m.end() for m in _NON_WORD.finditer(folded)]
        for q in positions:
            # the four heads spelled out (one call of min() and of range() a word cost a fifth)
            if q + 4 <= n:
                heads = (folded[q], folded[q : q + 2], folded[q : q + 3], folded[q : q + 4])
            else:
                heads = [folded[q : q + k] for k in range(1, n - q + 1)]
            for head in heads:
                found = get(head)
                if found is None:
                    at[head] = [q]
                else:
                    found.append(q)
        self._starts: dict[frozenset[str], list[int]] = {}
        self.wanted: frozenset[str] | None = None  # every head, or only these (``HeadsOf``)

    @classmethod
    def _of(cls, at: dict[str, list[int]], wanted: frozenset[str]) -> "WordHeads":
        heads = cls.__new__(cls)
        heads.at, heads._starts, heads.wanted = at, {}, wanted
        return heads

    def meets(self, prefixes: frozenset[str]) -> bool:
        """Whether one of the ``necessary_prefixes`` of a pattern that starts a word is here."""
        if self.wanted is not None and not prefixes <= self.wanted:
            raise ValueError(f"asked for heads it was not built for: {sorted(prefixes - self.wanted)}")
        return not self.at.keys().isdisjoint(prefixes)

    def starts(self, prefixes: frozenset[str]) -> list[int]:
        """The positions (in order) where one of ``prefixes`` starts a word: where a match of a
        pattern with these ``necessary_prefixes`` that ``starts_a_word`` can start."""
        found = self._starts.get(prefixes)
        if found is None:
            if self.wanted is not None and not prefixes <= self.wanted:
                raise ValueError(f"asked for heads it was not built for: {sorted(prefixes - self.wanted)}")
            at = self.at
            # the heads found (a sentence holds few) or the prefixes asked (a rule has up to 200),
            # whichever is fewer: the same lists, and the positions are sorted below
            lists = ([found for head, found in at.items() if head in prefixes] if len(at) < len(prefixes)
                     else [at[p] for p in prefixes if p in at])
            # the lists joined in C (chain), then sorted: the same positions as a generator gave
            found = self._starts[prefixes] = lists[0] if len(lists) == 1 else sorted(chain.from_iterable(lists))
        return found


class HeadsOf:
    """``WordHeads`` of texts for a known set of heads (the prefixes of a fixed set of patterns),
    found by the regex engine: one pattern, the heads as a trie after a look-behind refusing a
    word character, gives at each word start the longest head there; the shorter heads there are
    its prefixes. The type cues' 350 heads are almost all 4 characters long, and a sentence holds
    few of them: slicing and storing every word's heads of 1-4 characters cost four times more
    (and a pattern per head length, one scan each, twice this). A ``WordHeads`` so made answers
    ``meets`` and ``starts`` as the full one does, for these heads (and refuses any other)."""

    def __init__(self, wanted: frozenset[str]):
        self.wanted = frozenset(wanted)
        # the trie tries a longer head before its prefix (greedy), so a match is the longest;
        # a zero-width match (the head in a look-ahead) lets the next word start match too
        self._regex = regex_code.compile(rf"(?<!\w)(?=({_trie(sorted(self.wanted))}))") if self.wanted else None
        # each head with the wanted heads it starts with, shortest first
        self._heads_at = {head: tuple(head[:k] for k in range(1, len(head) + 1) if head[:k] in self.wanted)
                          for head in self.wanted}

    def __call__(self, folded: str) -> WordHeads:
        at: dict[str, list[int]] = {}
        if self._regex is not None:
            heads_at = self._heads_at
            for m in self._regex.finditer(folded):  # word starts in order
                q = m.start()
                for head in heads_at[m.group(1)]:
                    found = at.get(head)
                    if found is None:
                        at[head] = [q]
                    else:
                        found.append(q)
        return WordHeads._of(at, self.wanted)


class PatternSet:
    """A fixed list of patterns asked of many short texts (the type cues, the type triggers): in
    a text, only the patterns one of whose ``necessary_prefixes`` occurs there are tried, those
    that start a word only where a prefix starts one. The heads of every word-starting pattern
    are found in one pass (``HeadsOf``) and an index from head to pattern names the patterns
    that may match, instead of asking each pattern in turn whether its heads are there (most
    patterns cannot match a given sentence)."""

    def __init__(self, patterns: list[re.Pattern[str]]):
        self.patterns = tuple(patterns)
        self.prefixes = tuple((necessary_prefixes(p), starts_a_word(p)) for p in self.patterns)
        self._by_head: dict[str, list[int]] = {}
        self._always: list[int] = []  # no prefixes: tried in every text that holds one of their required strings
        self._anywhere: list[int] = []  # prefixes that need not start a word: a substring test
        for index, (prefixes, word_start) in enumerate(self.prefixes):
            if prefixes is None:
                self._always.append(index)
            elif word_start:
                for head in prefixes:
                    self._by_head.setdefault(head, []).append(index)
            else:
                self._anywhere.append(index)
        self.heads = HeadsOf(frozenset(self._by_head)) if self._by_head else None
        # a pattern with no prefixes may still need a string somewhere in its match ("stak" of a
        # stake cue opening with a number): a substring test says it cannot match most texts
        self._always_required = [(index, required_strings(self.patterns[index])) for index in self._always]

    def finditers(self, text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, Iterator[re.Match[str]]]]:
        """(index, its matches in ``text[start:end]`` as ``finditer(text, start, end)`` gives them) of
        every pattern that may match there, in the patterns' order; the patterns left out have no
        match there. (A word start found at ``start`` may follow a word character before it: one
        position more to try, which the pattern's own look-behind or ``\\b`` refuses.)"""
        end = len(text) if end is None else end
        folded = fold(text[start:end] if start or end != len(text) else text)
        tried = {index for index, required in self._always_required if may_match(required, folded)}
        # the word-start positions of each pattern's heads, gathered in one pass over the heads
        # found (what ``WordHeads.starts`` gives for the pattern's prefixes, without a pass over
        # the heads found for each pattern tried)
        at: dict[int, list[list[int]]] = {}
        if self.heads is not None:
            by_head = self._by_head
            for head, found in self.heads(folded).at.items():
                for index in by_head[head]:
                    lists = at.get(index)
                    if lists is None:
                        at[index] = [found]
                    else:
                        lists.append(found)
            tried.update(at)
        tried.update(i for i in self._anywhere if may_match(self.prefixes[i][0], folded))
        for index in sorted(tried):
            prefixes, word_start = self.prefixes[index]
            pattern = self.patterns[index]
            if prefixes is not None and word_start:
                lists = at[index]
                starts = lists[0] if len(lists) == 1 else sorted(chain.from_iterable(lists))
                if start:
                    starts = [start + q for q in starts]
                yield index, finditer_at(pattern, starts, text, start, end)
            else:
                yield index, pattern.finditer(text, start, end)


def _trie(strings: list[str], token=re.escape) -> str:
    """A regex matching exactly ``strings`` (non-empty), factored by common prefixes ("ab|ac" ->
    "a(?:b|c)"), so the engine compares each character once instead of trying every string.
    ``token(ch)``: the regex of one character (``re.escape``; ``trie`` may spell a space as
    ``\\s+``). Built on the sorted strings, whose runs that share a prefix are its trie's nodes, the
    children in character order: the string a trie of nested dicts, sorted at each node, gave
    (tests/test_prefilter.py), in half its time (eight tries at every ingest's start, ~25 ms)."""
    strings = sorted(strings)
    spelled: dict[str, str] = {}

    def emit(lo: int, hi: int, depth: int) -> str:
        # strings[lo:hi] share their first ``depth`` characters; one of them that ends there
        # sorts first (with its duplicates)
        ends, alternatives, i = False, [], lo
        while i < hi and len(strings[i]) == depth:
            ends, i = True, i + 1
        while i < hi:
            ch, j = strings[i][depth], i + 1
            while j < hi and strings[j][depth] == ch:
                j += 1
            spelling = spelled.get(ch)
            if spelling is None:
                spelling = spelled[ch] = token(ch)
            alternatives.append(spelling + emit(i, j, depth + 1))
            i = j
        if ends and alternatives:  # a string ends here and longer ones go on
            return "(?:" + "|".join(alternatives) + ")?"
        if not alternatives:
            return ""
        return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"

    return emit(0, len(strings), 0)


def trie(strings: list[str], token=re.escape) -> str:
    """A non-capturing group matching exactly what ``(?:token-spelled s1|s2|...)`` matches, with
    the strings factored by common prefixes (``_trie``): an alternation of hundreds of names
    (place names) under ``re.I`` is tried branch by branch at each position, its trie compares
    each character once. Which match a search gives may differ from the alternation's (its
    order); whether there is one does not."""
    return "(?:" + _trie(sorted(set(strings)), token) + ")"


def may_match(prefixes: frozenset[str] | None, folded: str) -> bool:
    """False only when a pattern with these ``necessary_prefixes`` cannot match the text
    ``folded`` was folded from."""
    if prefixes is None:
        return True
    for prefix in prefixes:  # a loop, not any() over a generator: this is asked very often
        if prefix in folded:
            return True
    return False


def may_match_within(pattern: re.Pattern[str], text: str, pos: int, endpos: int) -> bool:
    """False only when ``pattern.search(text, pos, endpos)`` finds nothing: none of the pattern's
    ``required_strings`` occurs in ``text[pos:endpos]``, which holds any match (a cue looked
    for in the few words before a name: a substring test of each prefix there is cheaper than
    trying the pattern at each of their positions)."""
    prefixes = required_strings(pattern)
    return prefixes is None or may_match(prefixes, fold(text[pos:endpos]))


def search_within(pattern: re.Pattern[str], text: str, pos: int, endpos: int) -> re.Match[str] | None:
    """``pattern.search(text, pos, endpos)``, not tried when ``may_match_within`` says it finds
    nothing (the cues looked for in the words before a name)."""
    return pattern.search(text, pos, endpos) if may_match_within(pattern, text, pos, endpos) else None


def finds(pattern: re.Pattern[str], text: str, folded: str) -> bool:
    """Whether ``pattern.search(text)`` finds a match (``folded``: ``fold(text)``), without the
    search when none of the pattern's ``required_strings`` is in the text (a sentence asked
    whether it speaks of the future, in the first person, ...: most do not)."""
    prefixes = required_strings(pattern)
    return (prefixes is None or may_match(prefixes, folded)) and pattern.search(text) is not None


class Occurrences:
    """Where strings occur in a folded text, each string looked for once (rules share prefixes:
    digits, month names)."""

    def __init__(self, folded: str):
        self.folded = folded
        self._at: dict[tuple[str, bool], list[int]] = {}
        self._starts: dict[tuple[frozenset[str], bool], list[int]] = {}

    def of(self, needle: str, word_start: bool = False) -> list[int]:
        """Where ``needle`` occurs; with ``word_start``, only where no word character precedes it."""
        found = self._at.get((needle, word_start))
        if found is None:
            if word_start:
                folded = self.folded
                found = [i for i in self.of(needle) if i == 0 or not _is_word(folded[i - 1])]
            else:
                found, find, i = [], self.folded.find, self.folded.find(needle)
                while i >= 0:
                    found.append(i)
                    i = find(needle, i + 1)
            self._at[(needle, word_start)] = found
        return found

    def starts(self, prefixes: frozenset[str], word_start: bool = False) -> list[int]:
        """Every position at which one of ``prefixes`` occurs (with ``word_start``, not after a
        word character), in order: the only places where a match of a pattern with these
        ``necessary_prefixes`` (that ``starts_a_word``) can start (``fold`` keeps every character
        at its position, and whether it is a word character)."""
        found = self._starts.get((prefixes, word_start))
        if found is None:
            found = self._starts[(prefixes, word_start)] = sorted({i for p in prefixes for i in self.of(p, word_start)})
        return found


def finditer_at(regex: re.Pattern[str], starts: list[int], text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """The matches ``regex.finditer(text, start, end)`` gives, when matches can only start at
    ``starts`` (sorted positions) and are never empty: the pattern is tried at those positions
    only. A search
    tries each position in turn and returns the first match; finditer goes on from its end; so
    trying only the positions where a match may start finds the same matches."""
    pos = start
    for q in starts[bisect_left(starts, start):]:
        if q >= end:
            break
        if q < pos:
            continue
        m = regex.match(text, q, end)
        if m is not None:
            yield m
            pos = m.end()
