"""Remembered answers of pure functions that ingest asks again and again of the same text."""

from __future__ import annotations

import re
from functools import lru_cache


class Remembered:
    """A compiled pattern whose ``search`` and ``match`` answers for the last texts are kept: a
    feature function that asks a question of a whole sentence once per candidate (date features
    ask "does the sentence speak of the future?" of each of its dates) pays for one search.
    Other attributes are the pattern's own."""

    def __init__(self, pattern: re.Pattern[str], size: int = 256):
        self.pattern = pattern
        self.search = lru_cache(maxsize=size)(pattern.search)
        self.match = lru_cache(maxsize=size)(pattern.match)

    def __getattr__(self, name: str):
        return getattr(self.pattern, name)
