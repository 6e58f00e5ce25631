"""Static wordpiece vectors: a sentence's meaning as a few dozen numbers, in pure Python.

A cue list or a bag of words knows only the words it has seen; a sentence model knows that
"buy" and "acquire" mean much the same. ``bench/distill_vectors.py`` distils all-MiniLM-L6-v2
(Apache-2.0) once, offline, into one vector per wordpiece of its vocabulary (model2vec's
technique), quantised to one byte a value, in ``TABLE`` (``wordvec.json``, ``wordvec.i8``).
Here BERT's uncased wordpiece tokenizer (greedy longest match) cuts a sentence into pieces, and
the mean of their vectors, scaled to a fixed length, is the sentence's vector:
``vector_features`` names its values ``vec.0`` .. ``vec.N`` for ingest's linear models.

An experiment of session 10 (bench/README.md "Static word vectors, session 10",
``bench/vector_cv.py``): the vectors did not improve ingest's decisions beyond noise, so this
module and its table stay in bench/, outside the package. The table is read on first use.
"""

from __future__ import annotations

import math
import os
import re
import unicodedata
from array import array
from dataclasses import dataclass
from functools import lru_cache
from operator import add
from pathlib import Path

import orjson

# where bench/distill_vectors.py writes the table (bench/out/ is not in git; 64 dims: 2.2 MB)
TABLE = Path(os.environ.get("TRACKER_WORDVEC", Path(__file__).resolve().parent / "out" / "wordvec"))

# BERT's limit: a longer "word" (a URL, a run of digits) is one unknown piece
MAX_WORD_CHARS = 100

# the sentence vector's length (the features' scale): the logistic regression regularises every
# weight alike, so this sets how much the dense features may say against the sparse ones
VEC_SCALE = 1.0

# printable ASCII that BERT splits off as punctuation (every non-alphanumeric one)
_ASCII_TOKEN = re.compile(r"[a-z0-9]+|[!-/:-@\[-`{-~]")


@dataclass(frozen=True)
class VectorTable:
    """The distilled vectors: ``rows[piece]`` is a piece's row in ``values`` (``dims`` signed
    bytes a row); value ``j`` of a row is ``byte * scale[j] / 127``."""

    rows: dict[str, int]
    values: array
    scale: tuple[float, ...]
    dims: int

    def row(self, index: int) -> array:
        return self.values[index * self.dims : (index + 1) * self.dims]


@lru_cache(maxsize=1)
def table() -> VectorTable:
    meta = orjson.loads((TABLE / "wordvec.json").read_bytes())
    values = array("b")
    values.frombytes((TABLE / "wordvec.i8").read_bytes())
    dims = meta["dims"]
    if len(values) != dims * len(meta["vocab"]):
        raise ValueError(f"wordvec.i8 holds {len(values)} values, not {len(meta['vocab'])} rows x {dims}")
    return VectorTable({piece: i for i, piece in enumerate(meta["vocab"])}, values,
                       tuple(s / 127 for s in meta["scale"]), dims)


# ------------------------------------------------------------------------------ tokenizer


def _is_punctuation(ch: str) -> bool:
    cp = ord(ch)
    return 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126 or unicodedata.category(ch).startswith("P")


def _is_cjk(cp: int) -> bool:
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF or 0x2A700 <= cp <= 0x2B73F
            or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)


def _split_unicode(word: str) -> list[str]:
    """BERT's basic tokenizer on a non-ASCII word: accents stripped, control, format and unassigned
    characters dropped, punctuation and CJK characters each a token of their own."""
    word = "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn")
    out, current = [], []
    for ch in word:
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD or unicodedata.category(ch).startswith("C"):
            continue
        if _is_punctuation(ch) or _is_cjk(cp) or ch.isspace():
            if current:
                out.append("".join(current))
                current = []
            if not ch.isspace():
                out.append(ch)
        else:
            current.append(ch)
    if current:
        out.append("".join(current))
    return out


def basic_tokens(text: str) -> list[str]:
    """The words and punctuation marks of ``text``, lowercased, as BERT uncased splits them."""
    out: list[str] = []
    for word in text.lower().split():
        if word.isascii():
            out.extend(_ASCII_TOKEN.findall(word))
        else:
            out.extend(_split_unicode(word))
    return out


def pieces_of(word: str, vocab, unk: str = "[UNK]") -> tuple[str, ...]:
    """Greedy longest-match wordpieces of one word in ``vocab`` (continuations prefixed ``##``);
    the whole word is one unknown piece when some part of it matches no piece."""
    if len(word) > MAX_WORD_CHARS:
        return (unk,)
    rows = vocab
    out, start = [], 0
    while start < len(word):
        end = len(word)
        while end > start:
            piece = word[start:end] if start == 0 else "##" + word[start:end]
            if piece in rows:
                break
            end -= 1
        else:
            return (unk,)
        out.append(piece)
        start = end
    return tuple(out)


@lru_cache(maxsize=50_000)
def _pieces(word: str) -> tuple[str, ...]:
    return pieces_of(word, table().rows)


def wordpieces(text: str, vocab=None) -> list[str]:
    """``text`` as all-MiniLM-L6-v2's tokenizer cuts it (BERT uncased wordpieces; the table's
    vocabulary unless ``vocab``)."""
    if vocab is not None:
        return [p for word in basic_tokens(text) for p in pieces_of(word, vocab)]
    return [p for word in basic_tokens(text) for p in _pieces(word)]


# ------------------------------------------------------------------------------ vectors


@lru_cache(maxsize=256)
def sentence_vector(text: str) -> tuple[float, ...]:
    """The mean vector of ``text``'s known pieces, scaled to length ``VEC_SCALE`` (all zeros
    when no piece is known)."""
    t = table()
    total = [0] * t.dims
    n = 0
    for piece in wordpieces(text):
        index = t.rows.get(piece)
        if index is None or piece == "[UNK]":
            continue
        total = list(map(add, total, t.row(index)))
        n += 1
    if not n:
        return tuple([0.0] * t.dims)
    mean = [v * s for v, s in zip(total, t.scale)]
    norm = math.sqrt(sum(v * v for v in mean)) or 1.0
    return tuple(v * VEC_SCALE / norm for v in mean)


def vector_features(text: str, prefix: str = "vec") -> dict[str, float]:
    """``{prefix.0: v0, ...}``: the sentence vector as features of a linear model."""
    return {f"{prefix}.{j}": v for j, v in enumerate(sentence_vector(text))}


def cosine(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    dot = sum(x * y for x, y in zip(a, b))
    na, nb = math.sqrt(sum(x * x for x in a)), math.sqrt(sum(y * y for y in b))
    return dot / (na * nb) if na and nb else 0.0
