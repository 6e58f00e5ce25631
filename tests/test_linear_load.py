"""The shipped models read as the standard json module reads them: the same labels, features and
floats to the last bit (LinearModel.load uses orjson for speed; a weight one ulp off would change
a decision at a threshold)."""

from __future__ import annotations

import random

import json
import struct

import pytest

from tracker.ingest.linear import MODELS, LinearModel


def _bits(values: list[float]) -> list[bytes]:
    return [struct.pack("<d", float(v)) for v in values]


@pytest.mark.parametrize("path", sorted(MODELS.glob("*.json")), ids=lambda p: p.stem)
def test_a_shipped_model_loads_with_the_weights_json_reads(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    model = LinearModel.load(path)
    assert model.labels == data["labels"]
    assert _bits(model.bias) == _bits(data["bias"])
    assert list(model.weights) == list(data["weights"])
    assert all(_bits(model.weights[name]) == _bits(row) for name, row in data["weights"].items())


def test_a_saved_model_loads_back(tmp_path):
    # floats as save() writes them (rounded to 5 places): tenths, ten-thousandths, negative zero
    model = LinearModel(labels=["0", "1", "2"], weights={"a": [0.1, -2.5e-04, 3.0], "b=x y": [0.00011, -0.0, 12345.67891]},
                        bias=[0.30000000000000004, -1.0, 0.0])
    model.save(tmp_path / "m.json")
    loaded = LinearModel.load(tmp_path / "m.json")
    data = json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))
    assert loaded.labels == model.labels and list(loaded.weights) == list(data["weights"]) == ["a", "b=x y"]
    assert _bits(loaded.bias) == _bits(data["bias"])
    assert all(_bits(loaded.weights[k]) == _bits(data["weights"][k]) for k in data["weights"])


def _scores_by_loop(model: LinearModel, features: dict[str, float]) -> list[float]:
    """The scores as a loop over labels adds them: bias, then weight times value, feature by feature."""
    out = list(model.bias)
    for name, value in features.items():
        row = model.weights.get(name)
        if row is not None:
            out = [o + w * value for o, w in zip(out, row)]
    return out


def test_the_type_model_scores_as_the_plain_loop_does_to_the_bit_again_and_again():
    # ``scores`` keeps a loaded model's rows times 0.5 (the words' weight): the same floats
    model = LinearModel.load("type")
    names = list(model.weights)[::97][:80]
    features = {name: (0.5 if i % 3 else 1.0) for i, name in enumerate(names)} | {"w=unseen": 0.5, "x": 0.3}
    for _ in range(2):
        assert _bits(model.scores(features)) == _bits(_scores_by_loop(model, features))
    assert _bits(model.scores({})) == _bits(model.bias) and model.scores({}) is not model.bias


def test_a_model_whose_weights_change_scores_with_the_new_weights():
    # a model in training changes its rows in place between two scorings: nothing may be kept
    model = LinearModel(labels=["a", "b", "c"], weights={"w=x": [0.1, 0.2, 0.3]}, bias=[0.0, 0.0, 0.0])
    before = model.scores({"w=x": 0.5})
    model.weights["w=x"][0] = 1.0
    assert model.scores({"w=x": 0.5}) == _scores_by_loop(model, {"w=x": 0.5}) != before
    trained = LinearModel.train([{"w=x": 0.5}, {"w=y": 0.5}, {"w=z": 1.0}], ["a", "b", "c"], epochs=3)
    assert _bits(trained.scores({"w=x": 0.5, "w=z": 1.0})) == _bits(_scores_by_loop(trained, {"w=x": 0.5, "w=z": 1.0}))


def _ranking_examples(extra: bool):
    """Three rankings of date candidates; ``extra`` gives the second one more candidate."""
    groups = [[({"kind=timex": 1.0, "index=0": 1.0}, "1"), ({"kind=published_day": 1.0}, "0")],
              [({"kind=timex": 1.0, "index=1": 1.0}, "0"), ({"kind=previous": 1.0}, "1")],
              [({"kind=timex": 1.0, "index=0": 1.0}, "1"), ({"kind=previous": 1.0}, "0")]]
    if extra:
        groups[1].append(({"kind=other_side": 1.0}, "0"))
    rows = [r for g in groups for r in g]
    return [f for f, _ in rows], [y for _, y in rows], [i for i, g in enumerate(groups) for _ in g]


def test_groups_of_one_example_train_the_model_that_rows_train():
    features, labels, _ = _ranking_examples(extra=False)
    alone = LinearModel.train(features, labels, epochs=4)
    grouped = LinearModel.train(features, labels, epochs=4, groups=list(range(len(features))))
    assert grouped.weights == alone.weights and grouped.bias == alone.bias


def test_a_group_with_one_more_example_keeps_the_first_step_of_a_group_shuffled_before_it():
    # shuffled by group, one more candidate in one ranking leaves the order of the rankings as it
    # was: after one epoch, a feature seen only in a ranking visited before the changed one has
    # the same weight; shuffled by row the order of every row moves
    def first_feature_weight(extra: bool, grouped: bool) -> list[float]:
        features, labels, groups = _ranking_examples(extra)
        model = LinearModel.train(features, labels, epochs=1, seed=0, groups=groups if grouped else None)
        return model.weights["index=0"]
    order = [g for g in range(3)]
    random.Random(0).shuffle(order)
    assert order.index(1) == 2  # seed 0 visits the changed ranking last
    assert first_feature_weight(False, True) == first_feature_weight(True, True)
    # shuffled by row, the extra candidate reorders every row
    assert first_feature_weight(False, False) != first_feature_weight(True, False)
