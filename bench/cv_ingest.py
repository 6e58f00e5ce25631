"""End-to-end cross-validation of ingest on the train split, scored by the shared corpus scorer.

    python bench/cv_ingest.py [--shared ../shared] [--folds 5] [--fold-seed 7] [--by-group] [--no-seeds] [--show N]

``--by-group`` holds out one topic group of the corpus at a time (the first letter of the
documents' names) instead of random folds: a stricter test of news from an unseen industry.

The train documents are cut into K folds (the same folds as ``bench/train_ingest.py --folds``).
For each fold the four models are trained on the other folds (and the seed corpus, unless
``--no-seeds``), and the held-out documents are extracted with
``pipeline.extract(..., models=Models(...))`` the way ``bench/corpus_eval.py`` extracts a set
(``extract_set``). The predictions of all folds are scored at once by the shared scorer
(``score_events.py``, on the gold ``to_gold.py`` makes of the train split), so the figures read
like ``corpus_eval.py --sets train`` but no document is scored by models that saw it.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from dataclasses import replace
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import corpus_eval  # noqa: E402
import train_ingest  # noqa: E402
from tracker.ingest import split_articles  # noqa: E402
from tracker.ingest.pipeline import Models, extract  # noqa: E402


def fold_models(examples: list[dict], train_idx: list[int]) -> Models:
    models = {}
    for decision in train_ingest.DECISIONS:
        rows = [r for i in train_idx for r in examples[i][decision]]
        models[decision] = train_ingest.fit(decision, rows)
    return Models(**models)


def cv_folds(args):
    """(docs, examples, seeds, folds): the documents of ``train_ingest.collect``, the examples of
    each per decision, the indexes of the seed documents (in every fold's training set) and the
    corpus documents' indexes in ``args.folds`` folds drawn by ``args.fold_seed``."""
    docs = train_ingest.collect(args)
    examples = [train_ingest.examples_of(sents) for _, sents in docs]
    corpus = [i for i, (name, _) in enumerate(docs) if not train_ingest.always_trained(name)]
    seeds = [i for i, (name, _) in enumerate(docs) if train_ingest.always_trained(name)]
    if getattr(args, "by_group", False):
        # one fold per topic group of the corpus (the first letter of a document's name: Asian
        # telecom, Western tech, industry, results, courts and regulators, emerging markets):
        # each group is extracted by models that saw none of its articles, closer to a user's
        # news from another industry than random folds, where an article's neighbours share its topic
        groups = sorted({docs[i][0][0] for i in corpus})
        return docs, examples, seeds, [[i for i in corpus if docs[i][0][0] == g] for g in groups]
    order = list(range(len(corpus)))
    random.Random(args.fold_seed).shuffle(order)  # 7: the folds of train_ingest.cross_validate
    folds = [[corpus[j] for j in order[i :: args.folds]] for i in range(args.folds)]
    return docs, examples, seeds, folds


def cv_runs(args, tmp: Path):
    """What a cross-validation run needs: each train document's sentences, the train split as
    corpus_eval reads it (gold, registry, facts; its files under ``tmp``), and per fold its held-out
    document indexes with the models trained on the other folds and the seeds (one fold's models
    at a time, as the run asks for them)."""
    docs, examples, seeds, folds = cv_folds(args)
    split = args.shared / corpus_eval.CORPUS / "train"
    s = corpus_eval.corpus_set("train", split, tmp, args.shared / corpus_eval.CORPUS)
    trained = ((held, fold_models(examples, [i for f in folds if f is not held for i in f] + seeds)) for held in folds)
    return docs, s, trained


def scored_run(se, s, preds: list[dict]):
    """The shared scorer's figures of a run's predictions on the train split, and the texts."""
    texts = {d.path.name: d.path.read_text(encoding="utf-8", errors="replace") for d in s.docs}
    return corpus_eval.score(se, s.gold, s.companies, texts, preds), texts


def run(args) -> dict:
    se = corpus_eval.load_scorer(args.shared)
    with tempfile.TemporaryDirectory() as tmp:
        docs, s, trained = cv_runs(args, Path(tmp))
        by_name = {d.path.name: d for d in s.docs}
        preds = []
        for held, models in trained:
            held_names = {docs[i][0] for i in held}
            held_set = replace(s, docs=[by_name[n] for n in sorted(held_names) if n in by_name])
            preds += corpus_eval.extract_set(held_set, partial(extract, models=models), split_articles).preds
        scored, _texts = scored_run(se, s, preds)
    result = corpus_eval.SetResult("cv-groups" if args.by_group else f"cv{args.folds}", scored, 0.0, [0.0], [])
    print(corpus_eval.table([result.row()]))
    if args.show:
        print(corpus_eval.show(result, args.show))
    return result.row()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--no-seeds", action="store_true")
    ap.add_argument("--no-type-examples", action="store_true", help="leave bench/type_examples.jsonl out of the type model's training")
    ap.add_argument("--by-group", action="store_true",
                    help="one fold per topic group (the documents' first letter) instead of random folds")
    ap.add_argument("--fold-seed", type=int, default=7,
                    help="another draw of the folds (7 = train_ingest's): a change that wins on one draw only is noise")
    ap.add_argument("--show", type=int, default=0, metavar="N", help="list N misses, false alarms, wrong dates, wrong types")
    args = ap.parse_args(argv)
    args.shared = args.shared or corpus_eval.default_shared()
    if args.folds < 2:
        print("cv_ingest: --folds must be at least 2", file=sys.stderr)
        return 2
    if not (args.shared / corpus_eval.CORPUS / "train" / "docs").is_dir():
        print(f"cv_ingest: no training data at {args.shared / corpus_eval.CORPUS / 'train'}", file=sys.stderr)
        return 2
    run(args)
    return 0


if __name__ == "__main__":
    corpus_eval.pin_hash_seed()
    sys.exit(main())
