"""A small linear model over named features: multinomial logistic regression in pure Python.

Ingest's learned decisions (does a sentence report an event, of which type, which date in it
dates the event) are each one ``LinearModel``. Weights are trained by ``bench/train_ingest.py``
from the annotated corpus and shipped as JSON beside this module, so reading them needs no
numerical library and no download; a model can say which features pushed a decision
(``contributions``), which is what ``tracker ingest --explain`` prints.

Features are ``{name: value}`` dicts; a name the model never saw weighs nothing.
"""

from __future__ import annotations

import json
import math
import random
from operator import add
from dataclasses import dataclass
from pathlib import Path

import orjson

MODELS = Path(__file__).resolve().parent / "models"


@dataclass
class LinearModel:
    labels: list[str]
    weights: dict[str, list[float]]  # feature -> one weight per label
    bias: list[float]

    # ------------------------------------------------------------------ inference

    def scores(self, features: dict[str, float]) -> list[float]:
        # the same additions in the same order as a loop over labels (floating point sums
        # depend on their order), without the loop: two labels by name, more with zip
        get = self.weights.get
        if len(self.bias) == 2:
            no, yes = self.bias
            for name, value in features.items():
                row = get(name)
                if row is not None:
                    no += row[0] * value
                    yes += row[1] * value
            return [no, yes]
        # more labels (the type model's 18): each row added by ``map`` (C) instead of a list
        # comprehension; a row times a value other than 1 is computed once and kept (the sentence's
        # words weigh 0.5): ``o + w * value`` either way, the same float
        out = self.bias
        for name, value in features.items():
            row = get(name)
            if row is not None:
                if value != 1.0:
                    row = self._scaled_row(name, row, value)
                out = list(map(add, out, row))
        return list(out)

    def _scaled_row(self, name: str, row: list[float], value: float) -> list[float]:
        scaled = self.__dict__.get("_scaled")
        if scaled is None:  # weights that may change (training): nothing kept
            return [w * value for w in row]
        found = scaled.get((name, value))
        if found is None:
            found = scaled[(name, value)] = [w * value for w in row]
        return found

    def probabilities(self, features: dict[str, float]) -> dict[str, float]:
        scores = self.scores(features)
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {label: e / total for label, e in zip(self.labels, exps)}

    def predict(self, features: dict[str, float]) -> tuple[str, float]:
        probs = self.probabilities(features)
        label = max(probs, key=probs.get)
        return label, probs[label]

    def contributions(self, features: dict[str, float], label: str, top: int = 5) -> list[tuple[str, float]]:
        """The features that most raised ``label`` against the other labels (weight × value, minus the mean)."""
        k = self.labels.index(label)
        n = len(self.labels)
        parts = []
        for name, value in features.items():
            row = self.weights.get(name)
            if row is None:
                continue
            margin = row[k] - (sum(row) - row[k]) / (n - 1) if n > 1 else row[k]
            parts.append((name, margin * value))
        parts.sort(key=lambda p: -p[1])
        return [(name, round(v, 3)) for name, v in parts[:top] if v > 0]

    # ------------------------------------------------------------------ storage

    def to_json(self) -> dict:
        return {
            "labels": self.labels,
            "bias": [round(b, 5) for b in self.bias],
            "weights": {f: [round(w, 5) for w in row] for f, row in sorted(self.weights.items()) if any(abs(w) >= 1e-4 for w in row)},
        }

    def save(self, path: Path, meta: dict | None = None) -> None:
        data = {"meta": meta or {}, **self.to_json()}
        path.write_text(json.dumps(data, ensure_ascii=False, sort_keys=False, indent=0) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, name: str | Path) -> "LinearModel":
        path = Path(name) if isinstance(name, Path) else MODELS / f"{name}.json"
        # orjson: the type model's 0.9 MB in a third of json's time (start-up of every ingest);
        # both read a number as the nearest float (tests/test_linear_load.py checks the weights)
        data = orjson.loads(path.read_bytes())
        model = cls(labels=data["labels"], weights=data["weights"], bias=data["bias"])
        model._scaled = {}  # shipped weights do not change: scaled rows are kept (``scores``)
        return model

    # ------------------------------------------------------------------ training

    @classmethod
    def train(
        cls,
        examples: list[dict[str, float]],
        labels: list[str],
        epochs: int = 30,
        l2: float = 1e-3,
        rate: float = 0.3,
        weights: list[float] | None = None,
        seed: int = 13,
        groups: list[int] | None = None,
    ) -> "LinearModel":
        """Fit by stochastic gradient descent with AdaGrad steps and L2 regularisation. ``groups``
        (the group of each example, a ranking's candidates one group, its rows together): each
        epoch shuffles the groups, not the rows, so that a change of one group's rows (a date rule
        that adds or drops a candidate) leaves the order of every other group as it was."""
        classes = sorted(set(labels))
        index = {c: k for k, c in enumerate(classes)}
        n = len(classes)
        model = cls(labels=classes, weights={}, bias=[0.0] * n)
        grad_sq: dict[str, list[float]] = {}
        bias_sq = [1e-8] * n
        rows: list[list[int]] = [[i] for i in range(len(examples))]
        if groups is not None:
            rows = list(_grouped(groups).values())
        rng = random.Random(seed)
        for _ in range(epochs):
            rng.shuffle(rows)
            for i in (i for group in rows for i in group):
                feats, gold = examples[i], index[labels[i]]
                weight = weights[i] if weights else 1.0
                probs = list(model.probabilities(feats).values())
                for k in range(n):
                    g = (probs[k] - (1.0 if k == gold else 0.0)) * weight
                    bias_sq[k] += g * g
                    model.bias[k] -= rate * g / math.sqrt(bias_sq[k])
                for name, value in feats.items():
                    row = model.weights.setdefault(name, [0.0] * n)
                    sq = grad_sq.setdefault(name, [1e-8] * n)
                    for k in range(n):
                        g = (probs[k] - (1.0 if k == gold else 0.0)) * weight * value + l2 * row[k]
                        sq[k] += g * g
                        row[k] -= rate * g / math.sqrt(sq[k])
        return model


def _grouped(groups: list[int]) -> dict[int, list[int]]:
    """The indexes of the examples of each group, groups in the order they first appear."""
    out: dict[int, list[int]] = {}
    for i, g in enumerate(groups):
        out.setdefault(g, []).append(i)
    return out
