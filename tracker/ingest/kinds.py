"""The type of a sentence's event (partnership, acquisition, financial_results, ...).

A linear model (``models/type.json``) over ``type_features``, whose probabilities are raised by
``CUE_BOOST`` for the types whose cue words the sentence holds (``data/type_cues.json``, seen
as ``cue=<type>`` features): a cue is strong evidence that a few hundred annotated events
cannot teach for the rarer types.
"""

from __future__ import annotations

from tracker.ingest.features import sentence_features
from tracker.ingest.linear import LinearModel
from tracker.ingest.stages import SentenceView

# chosen by cross-validation on the train split (type accuracy 0.49 without; boost 0.3: 0.51,
# 0.5: 0.53, 0.7: 0.54, 1.0: 0.53)
CUE_BOOST = 0.7


def type_features(view: SentenceView) -> dict[str, float]:
    return sentence_features(view)


def type_of(features: dict[str, float], model: LinearModel) -> tuple[str, float, list[str]]:
    """(type, its model probability, the types whose cue words the sentence holds)."""
    probs = model.probabilities(features)
    present = sorted(name[4:] for name in features if name.startswith("cue=") and name[4:] in probs)
    scores = {kind: p + (CUE_BOOST if kind in present else 0.0) for kind, p in probs.items()}
    kind = max(scores, key=scores.get)
    return kind, probs[kind], present
