"""The shipped models read as the standard json module reads them: the same labels, features and
floats to the last bit (LinearModel.load uses orjson for speed; a weight one ulp off would change
a decision at a threshold)."""

from __future__ import annotations

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
