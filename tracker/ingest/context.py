"""The type a sentence takes from its article: an act named only by a phrase that points back to
it ("the deal", "the transaction", "the ruling"; ``data/anaphors.json``) is the act an earlier
sentence reported, or the headline's.

"AB InBev shareholders also backed the transaction." says nothing of its type by itself; the
article's earlier events do. ``referent`` finds the nearest earlier event of the article whose
type the phrase can stand for; ``context_features`` gives the type decision that type as a
feature (``ctx.prev_type=<type>``) only when the sentence holds such a phrase, and
``kinds.type_of`` takes it as the type when the sentence names no act of its own
(``kinds.context_gated``). As a learned feature alone it moved nothing (bench/README.md
"Type from context, session 10").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from tracker import regex_code
from tracker.ingest.features import cues
from tracker.prefilter import finds, fold

DATA = Path(__file__).resolve().parent / "data"
CONTEXT_FEATURE = "ctx.prev_type="


@dataclass(frozen=True)
class Anaphor:
    """A kind of referring phrase of ``data/anaphors.json``: its id, the types it can stand for
    and its pattern (``{DEF}`` expanded)."""

    id: str
    refers_to: frozenset[str]
    pattern: re.Pattern


@dataclass(frozen=True)
class Reference:
    """A referring phrase found in a sentence and the type of the earlier event it stands for."""

    anaphor: str  # the id of the phrase's entry
    type: str  # the referent's type


@lru_cache(maxsize=1)
def anaphor_data() -> dict:
    """``data/anaphors.json`` as written there."""
    return json.loads((DATA / "anaphors.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def anaphors() -> tuple[Anaphor, ...]:
    data = anaphor_data()
    definite = data["definite"]
    return tuple(Anaphor(a["id"], frozenset(a["refers_to"]),
                         regex_code.compile(rf"\b(?:{a['pattern'].replace('{DEF}', definite)})\b", re.I))
                 for a in data["anaphors"])


@lru_cache(maxsize=256)
def anaphors_in(text: str) -> tuple[Anaphor, ...]:
    """The kinds of referring phrase ``text`` holds, in the order of the data file."""
    folded = fold(text)  # a phrase's noun ("deal", "ruling") is rarer than its "the": prefilter.required_strings
    return tuple(a for a in anaphors() if finds(a.pattern, text, folded))


def own_act(text: str, not_acts: frozenset[str]) -> bool:
    """Whether ``text`` names an act of its own: a type cue (``features.cues``) of an act
    (a type not in ``not_acts``) outside its referring phrases ("the acquisition" is a phrase
    that points back, "approved the acquisition of Brandt by the regulator" names a regulator's act)."""
    spans = [m.span() for a in anaphors_in(text) for m in a.pattern.finditer(text)]
    return any(kind not in not_acts and not any(a <= at < b for a, b in spans) for at, _id, kind in cues(text))


def referent(text: str, earlier: Sequence[str]) -> Reference | None:
    """The type of the act a referring phrase of ``text`` stands for: the type of the nearest
    earlier event (``earlier``: the types of the article's events before this sentence, in text
    order, the headline's first) that the phrase can stand for. None when the sentence holds no
    such phrase or no earlier event has such a type (the phrase then refers to nothing typed)."""
    found = anaphors_in(text)
    if not found:
        return None
    for kind in reversed(earlier):
        for a in found:
            if kind in a.refers_to:
                return Reference(a.id, kind)
    return None


def context_features(text: str, earlier: Sequence[str]) -> dict[str, float]:
    """``ctx.prev_type=<type>`` when a referring phrase of ``text`` stands for an earlier event of
    that type; nothing otherwise (the feature is gated on the phrase: a sentence that names its own
    act does not take the article's type)."""
    ref = referent(text, earlier)
    return {f"{CONTEXT_FEATURE}{ref.type}": 1.0} if ref is not None else {}
