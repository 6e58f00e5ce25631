"""Static word vectors (bench/wordvec.py) as features of ingest's type and event decisions, cross-validated.

    python bench/vector_cv.py [--shared ../shared] [--text sentence|predicate|masked|none] [--scale 1]
                              [--no-words] [--event] [--knn K] [--draws 7,1,2] [--end-to-end DRAW|g]

Without ``--end-to-end``: the type decision alone on gold sentences, as ``bench/type_errors.py``
measures it (its folds, one accuracy per fold draw), with ``vec.0..N`` added to every sentence's
type features. ``--end-to-end 7`` (or ``g``: one fold per topic group) runs ``bench/cv_ingest.py``
with the same features instead; ``--event`` gives the vector to the event decision too (as part of
``sentence_features``, which the type decision reads as well).

The features are added by wrapping ``type_features`` / ``sentence_features`` where the pipeline
and the trainer call them: the shipped code is not changed. Needs the table of
``bench/distill_vectors.py`` (bench/out/wordvec, or ``TRACKER_WORDVEC=DIR``).
Results: bench/README.md "Static word vectors, session 10".
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import train_ingest as T  # noqa: E402
import wordvec  # noqa: E402
from tracker.ingest import features, kinds, pipeline  # noqa: E402
from tracker.ingest.stages import SentenceView  # noqa: E402
from tracker.ingest.triggers import without_asides  # noqa: E402


def masked_text(view: SentenceView) -> str:
    """The sentence with the companies' names blanked (a name says nothing of the event's type)."""
    masked = list(view.text)
    for m in view.mentions:
        masked[m.start - view.start : m.end - view.start] = " " * (m.end - m.start)
    return "".join(masked)


def predicate_text(view: SentenceView) -> str:
    """What the sentence says of its main company: the text after the first company named outside
    an aside, asides and names blanked; the masked sentence when that leaves under three words."""
    bare, masked = without_asides(view.text), masked_text(view)
    subject = next((m.end - view.start for m in view.mentions
                    if bare[m.start - view.start : m.end - view.start].strip()), 0)
    predicate = "".join(" " if b == " " else c for c, b in zip(masked, bare))[subject:]
    return predicate if len(predicate.split()) >= 3 else masked


TEXTS = {"sentence": lambda view: view.text, "predicate": predicate_text, "masked": masked_text}


def install(text: str, words: bool, event: bool) -> None:
    """Wrap the feature functions the trainer and the pipeline call."""
    plain_type, plain_sentence = kinds.type_features, features.sentence_features
    text_of = TEXTS.get(text)

    def sentence_features(view):
        f = plain_sentence(view)
        if event and text_of:
            f.update(wordvec.vector_features(text_of(view)))
        return f

    def type_features(view, base=None, date=None):
        f = plain_type(view, base if base is not None else sentence_features(view), date)
        if not words:
            f = {name: value for name, value in f.items() if not name.startswith("w=")}
        if text_of and not event:
            f.update(wordvec.vector_features(text_of(view)))
        return f

    for module in (kinds, pipeline, T):
        if hasattr(module, "type_features"):
            module.type_features = type_features
        if hasattr(module, "sentence_features"):
            module.sentence_features = sentence_features


def knn_vote(vector, pool, k: int, weight: float, skip_doc=None) -> dict[str, float]:
    """``knn=<type>``: the share of each type among the ``k`` training sentences whose vectors are
    nearest (cosine; the vectors have one length), sentences of ``skip_doc`` left out so that a
    training sentence's vote is as blind as a held-out one's."""
    sims = sorted(((sum(x * y for x, y in zip(vector, v)), kind) for v, kind, doc in pool if doc != skip_doc),
                  key=lambda s: -s[0])[:k]
    votes = Counter(kind for _, kind in sims)
    return {f"knn={kind}": weight * n / k for kind, n in votes.items()}


def type_accuracy(args, draws: list[int]) -> list[float]:
    """bench/type_errors.py's accuracy for each fold draw; with ``args.knn``, the type vote of the
    nearest training sentences (names-blanked vectors) as features too."""
    docs = T.collect(args)
    corpus, seeds = [], []
    for d, (name, sents) in enumerate(docs):
        rows = [(T.type_features(s.view, None, T.gold_date(s.view, s.earlier, g)), g["type"],
                 wordvec.sentence_vector(masked_text(s.view)) if args.knn else None, d)
                for s in sents if T.company_candidates(s.view) for g in s.events]
        if name[:3].isdigit():
            seeds.extend(rows)
        else:
            corpus.append(rows)
    out = []
    for draw in draws:
        order = list(range(len(corpus)))
        random.Random(draw).shuffle(order)
        right = total = 0
        for held in (order[i::5] for i in range(5)):
            held_set = set(held)
            train = [r for i, rows in enumerate(corpus) if i not in held_set for r in rows] + seeds
            pool = [(v, y, d) for _, y, v, d in train]

            def with_vote(f, v, skip=None):
                return {**f, **knn_vote(v, pool, args.knn, args.knn_weight, skip)} if args.knn else f

            model = T.fit("type", [(with_vote(f, v, d), y) for f, y, v, d in train])
            for i in held:
                for f, y, v, _ in corpus[i]:
                    total += 1
                    right += kinds.type_of(with_vote(f, v), model)[0] == y
        out.append(right / max(1, total))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--no-seeds", action="store_true")
    ap.add_argument("--text", choices=[*TEXTS, "none"], default="sentence", help="whose vector: none for no vector")
    ap.add_argument("--scale", type=float, default=1.0, help="the vector's length (feature scale)")
    ap.add_argument("--no-words", action="store_true", help="drop the type decision's w= features")
    ap.add_argument("--event", action="store_true", help="the vector in sentence_features (event and type)")
    ap.add_argument("--knn", type=int, default=0, metavar="K", help="the type vote of the K nearest training sentences as features")
    ap.add_argument("--knn-weight", type=float, default=1.0)
    ap.add_argument("--draws", default="7,1,2")
    ap.add_argument("--end-to-end", metavar="DRAW", help="run bench/cv_ingest.py on this fold draw (g: --by-group)")
    args = ap.parse_args(argv)
    if not (wordvec.TABLE / "wordvec.json").exists():
        print(f"no vector table at {wordvec.TABLE}: run bench/distill_vectors.py first", file=sys.stderr)
        return 2
    wordvec.VEC_SCALE = args.scale
    install(args.text, not args.no_words, args.event)
    label = f"text={args.text} scale={args.scale} words={not args.no_words} event={args.event} knn={args.knn}x{args.knn_weight}"
    if args.end_to_end:
        import cv_ingest

        print(label, flush=True)
        draw = args.end_to_end
        return cv_ingest.main(["--shared", args.shared] + (["--by-group"] if draw == "g" else ["--fold-seed", draw]))
    accs = type_accuracy(args, [int(d) for d in args.draws.split(",")])
    print(f"{label}: type accuracy " + " / ".join(f"{a:.3f}" for a in accs) + f", mean {sum(accs) / len(accs):.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
