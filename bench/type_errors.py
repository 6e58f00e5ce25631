"""Cross-validated errors of the type decision on the train split, to study (never dev).

    python bench/type_errors.py [--shared ../shared] [--no-seeds] [--folds 5] [--fold-seed 7] [--errors N]

Prints the confusion counts (gold -> predicted) and, per error, gold type, predicted type, the
rule/cue types that fired and the sentence. Uses the folds and the training of
``bench/train_ingest.py``, so its accuracy is the one ``--only type --cv-only`` prints.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import train_ingest as T  # noqa: E402
from tracker.ingest.kinds import type_features, type_of  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--no-seeds", action="store_true")
    ap.add_argument("--no-type-examples", action="store_true", help="leave bench/type_examples.jsonl out of the type model's training")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--fold-seed", type=int, default=7,
                    help="another draw of the folds (7 = train_ingest's), as bench/cv_ingest.py --fold-seed")
    ap.add_argument("--errors", type=int, default=400, help="errors to print (0: none)")
    args = ap.parse_args(argv)
    docs = T.collect(args)
    rows_of = []  # per document: (features, gold, text)
    for name, sents in docs:
        rows = [(type_features(s.view, None, T.gold_date(s.view, s.earlier, g), before), g["type"], s.view.text)
                for s, before in zip(sents, T.earlier_types(sents)) if T.company_candidates(s.view) for g in s.events]
        rows_of.append((name, rows))
    corpus = [r for name, r in rows_of if not T.always_trained(name)]
    seeds = [r for name, r in rows_of if T.always_trained(name)]
    order = list(range(len(corpus)))
    random.Random(args.fold_seed).shuffle(order)
    folds = [order[i:: args.folds] for i in range(args.folds)]
    confusion, errors, right, total = Counter(), [], 0, 0
    for held in folds:
        train = [(f, y) for i, rows in enumerate(corpus) if i not in set(held) for f, y, _ in rows]
        train += [(f, y) for rows in seeds for f, y, _ in rows]
        model = T.fit("type", train)
        for i in held:
            for f, y, text in corpus[i]:
                kind, p, cues = type_of(f, model)
                total += 1
                right += kind == y
                if kind != y:
                    confusion[(y, kind)] += 1
                    errors.append((y, kind, p, cues, text))
    print(f"type accuracy {right / max(1, total):.3f} ({right}/{total})")
    print("confusions (gold -> predicted):")
    for (gold, pred), n in confusion.most_common(40):
        print(f"  {n:3}  {gold:18} -> {pred}")
    for gold, pred, p, cues, text in sorted(errors)[: args.errors]:
        print(f"{gold:18} {pred:18} p={p:.2f} cues={','.join(cues)}\n    {' '.join(text.split())[:300]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
