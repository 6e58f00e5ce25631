"""A set of disjoint character spans that answers "does this span overlap one taken?" in log time.

The tagger and the company finder keep the longest matches first and drop any match that
overlaps one kept; testing each candidate against every kept span made that quadratic in the
number of matches, which grows with the text.
"""

from __future__ import annotations

from bisect import bisect_left


class DisjointSpans:
    """Half-open spans ``[start, end)`` that do not overlap one another, kept sorted by start."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        self.probes = 0  # overlap tests answered: a count that tests use as a measure of work

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` overlaps a span of the set (``s < end and start < e``)."""
        self.probes += 1
        # the spans are disjoint and sorted, so their ends are sorted too: of those starting before
        # ``end``, the last one reaches furthest right; if it ends at or before ``start``, all do
        at = bisect_left(self._starts, end)
        return at > 0 and self._ends[at - 1] > start

    def add(self, start: int, end: int) -> None:
        """Add a span that overlaps none of the set."""
        at = bisect_left(self._starts, start)
        self._starts.insert(at, start)
        self._ends.insert(at, end)


class SpanIndex:
    """Fixed spans, which may overlap one another, asked "does this span overlap one of them?"."""

    def __init__(self, spans) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        # the furthest end among the spans that start at or before each one
        self._reach: list[int] = []
        furthest = -1
        for _, end in ordered:
            furthest = max(furthest, end)
            self._reach.append(furthest)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` overlaps a span (``s < end and start < e`` for one of them)."""
        at = bisect_left(self._starts, end)
        return at > 0 and self._reach[at - 1] > start
