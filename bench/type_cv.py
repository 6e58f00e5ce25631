"""The type decision alone, per decision, on every measure at once: train CV draws, by group, dev.

    PYTHONHASHSEED=0 python bench/type_cv.py [--shared ../shared] [--draws 7,1,2] [--no-dev] [VARIANT ...]

Each row is a gold event of a sentence with a company candidate, its features ``type_features``
with the gold date (as ``bench/type_errors.py``), decided by ``kinds.type_of``. Printed per
variant: accuracy on train's 5-fold CV draws (``--draws``, the folds of ``type_errors.py``), with
one topic group held out at a time (``cv_ingest.py --by-group``'s groups), and on ``dev``'s gold
events with the model trained on all of train, the seeds and the typed examples: one aggregate
number, nothing of dev's sentences printed. Variants (``--list``) change the features or the
training; ``start`` is the shipped code. ``--cues FILE`` reads another type-cue lexicon and
``--examples FILE`` another typed-examples file (both for the whole run: one lexicon per process).
bench/README.md "Type decision, session 13" holds the figures of every variant.
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
from tracker.ingest.kinds import announced_on_the_day, type_features, type_of  # noqa: E402
from tracker.ingest.linear import LinearModel  # noqa: E402
from ingest_eval import load_registry  # noqa: E402


def rows_of(docs):
    out = []
    for name, sents in docs:
        rows = [(type_features(s.view, None, T.gold_date(s.view, s.earlier, g), before), g["type"], s.view)
                for s, before in zip(sents, T.earlier_types(sents)) if T.company_candidates(s.view) for g in s.events]
        out.append((name, rows))
    return out


def dev_docs(shared: Path):
    scorer = T._scorer(shared)
    shipped = load_registry(ROOT / "events")
    docs = []
    for name, text, published, gold, companies in T.corpus_docs(shared, "dev"):
        docs.append((name, T.sentences_of(name, text, published, gold, T.Folder(scorer, companies), shipped)))
    return docs


# ---------------------------------------------------------------- variants

def identity(f, view):
    return f


import math  # noqa: E402
from tracker.ingest.features import stem, words  # noqa: E402
from tracker.ingest.triggers import main_trigger, without_asides  # noqa: E402

_STOP = frozenset("a an the its their his her of to in on for and with by at from as that this it is was were be has had have will would new".split())


def object_words(view, n=3):
    """The first ``n`` content words after the main clause's trigger (its object), stemmed."""
    t = main_trigger(view)
    if t is None:
        return None, []
    rest = without_asides(view.text)[t.start + len(t.text):]
    out = [stem(w) for w in words(rest) if w not in _STOP and not w[0].isdigit()][:n]
    return t, out


def with_object(weight=1.0, n=3, act=True):
    def feats(f, view):
        t, obj = object_words(view, n)
        if t is None:
            return f
        f = dict(f)
        for w in obj:
            f[f"obj={w}"] = weight
        if act and obj:
            f[f"act={t.id}|{obj[0]}"] = weight
        return f
    return feats


def train_l2_words(examples, labels, epochs=30, l2=1e-3, rate=0.3, seed=13, word_l2=None):
    """LinearModel.train with L2 ``word_l2`` on the ``w=`` features, ``l2`` on the others."""
    classes = sorted(set(labels))
    index = {c: k for k, c in enumerate(classes)}
    n = len(classes)
    model = LinearModel(labels=classes, weights={}, bias=[0.0] * n)
    grad_sq = {}
    bias_sq = [1e-8] * n
    rows = [[i] for i in range(len(examples))]
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(rows)
        for i in (i for group in rows for i in group):
            feats, gold = examples[i], index[labels[i]]
            probs = list(model.probabilities(feats).values())
            for k in range(n):
                g = probs[k] - (1.0 if k == gold else 0.0)
                bias_sq[k] += g * g
                model.bias[k] -= rate * g / math.sqrt(bias_sq[k])
            for name, value in feats.items():
                row = model.weights.setdefault(name, [0.0] * n)
                sq = grad_sq.setdefault(name, [1e-8] * n)
                lam = word_l2 if name.startswith("w=") else l2
                for k in range(n):
                    g = (probs[k] - (1.0 if k == gold else 0.0)) * value + lam * row[k]
                    sq[k] += g * g
                    row[k] -= rate * g / math.sqrt(sq[k])
    return model


from tracker.ingest.features import _WORD  # noqa: E402


def proper_stems(view):
    """Stems of the words the sentence capitalises past its first word and never writes in lower
    case (names of companies, people, places, months)."""
    toks = [w.replace("’", "'") for w in _WORD.findall(view.text)]
    lower = {stem(w) for w in toks if not w[0].isupper()}
    return {stem(w.lower()) for w in toks[1:] if w[0].isupper() and not w[0].isdigit()} - lower


def without_names(after=True, near=True, drop_after_words=False, after_weight=None):
    def feats(f, view):
        names = proper_stems(view)
        out = {}
        for n, x in f.items():
            if n.startswith("w=") and n[2:] in names:
                continue
            if near and n.startswith("near=") and n[5:] in names:
                continue
            if n.startswith("after_company") and "=" in n:
                w = n.split("=", 1)[1]
                if w not in ("AUX", "PAST", "S"):
                    if drop_after_words or (after and w in names):
                        continue
                    if after_weight is not None:
                        x = after_weight
            out[n] = x
        return out
    return feats


# a sentence that announces a figure ("Toyota said Wednesday its operating profit rose 36% in the
# last fiscal year") tells two facts (GUIDELINES "One event per fact"): the event dated by the day
# next to the verb of saying is the statement, the one dated by the figure's period the figure
SAY_NEAR = frozenset({"said", "say", "says", "announc", "told", "stated", "confirm", "disclos"})


def say_dated(decide=type_of, kinds=("financial_results", "market_data")):
    def run(f, model):
        kind, p, fired = decide(f, model)
        if (kinds is None or kind in kinds) and f.get("dated=day") and any(n[5:] in SAY_NEAR for n in f if n.startswith("near=")):
            return "statement", p, fired
        return kind, p, fired
    return run


def with_day_rule(rule):
    """``type_of`` with ``kinds.announced_on_the_day`` replaced by ``rule(kind, features)``."""
    import tracker.ingest.kinds as K

    def run(f, model):
        kept, K.announced_on_the_day = K.announced_on_the_day, rule
        try:
            return type_of(f, model)
        finally:
            K.announced_on_the_day = kept
    return run


def _said_only(kind, f):
    # session 14's rule: a figure dated by a day next to a verb of saying
    import tracker.ingest.kinds as K
    return kind in K.FIGURES and K.said_on_the_day(f)


def _results_only(kind, f, _rule=announced_on_the_day):
    # session 15's rule without the said-on-the-day part for market_data
    return kind == "financial_results" and _rule(kind, f)


def switched(name, value):
    """A decision with ``kinds.<name>`` set to ``value`` (a switch of the type decision)."""
    import tracker.ingest.kinds as K

    def decide(f, model):
        before = getattr(K, name)
        setattr(K, name, value)
        try:
            return type_of(f, model)
        finally:
            setattr(K, name, before)
    return decide


def drop(f, *prefixes):
    """The features without those whose names start with one of ``prefixes``."""
    return {n: x for n, x in f.items() if not n.startswith(prefixes)}


# the features that state facts of English (cues, triggers, the date's and the clause's words,
# tense, figures), not the words of the articles seen
ENGLISH = ("bias", "cue", "first_cue=", "trigger", "dated=", "date.", "near=", "clause", "tense=", "figure|", "money",
           "scale", "percent", "future", "rumour", "modal", "past_verb", "present_perfect", "now_word", "ctx.")


VARIANTS = {
    "start": dict(),
    "said-only": dict(decide=with_day_rule(_said_only)),
    "no-day-rule": dict(decide=with_day_rule(lambda kind, f: False)),
    "results-only": dict(decide=with_day_rule(_results_only)),
    "nonames": dict(features=without_names()),
    "nonames-w": dict(features=without_names(after=False, near=False)),
    "noafterwords": dict(features=without_names(after=False, near=False, drop_after_words=True)),
    "noafter1": dict(features=lambda f, v: {n: x for n, x in f.items() if not (n.startswith("after_company1=") and n.split("=", 1)[1] not in ("AUX", "PAST", "S"))}),
    "noafter+obj3": dict(features=lambda f, v: with_object()(without_names(after=False, near=False, drop_after_words=True)(f, v), v)),
    "after.5": dict(features=lambda f, v: {n: (0.5 if n.startswith("after_company") and n.split("=", 1)[1] not in ("AUX", "PAST", "S") else x) for n, x in f.items()}),
    "nonames-after.5": dict(features=without_names(after_weight=0.5)),
    "prune2": dict(prune=2),
    "prune3": dict(prune=3),
    "prune5": dict(prune=5),
    "wl2x5": dict(word_l2=1e-2),
    "wl2x25": dict(word_l2=5e-2),
    "obj3": dict(features=with_object()),
    "obj3-noact": dict(features=with_object(act=False)),
    "obj2-half": dict(features=with_object(0.5, 2)),
    "l2x2": dict(settings=dict(l2=4e-3)),
    "ep20": dict(settings=dict(epochs=20)),
    "ep5": dict(settings=dict(epochs=5)),
    "noclause": dict(features=lambda f, v: {n: x for n, x in f.items() if not n.startswith("clause")}, decide=switched("CLAUSE_RAISE", False)),
    "clause": dict(),
    "clause-raise": dict(decide=switched("CLAUSE_RAISE", True)),
    "noclause-raise": dict(decide=switched("CLAUSE_RAISE", False)),
    "clause-half": dict(features=lambda f, v: {n: (0.5 * x if n.startswith("clause.") else x) for n, x in f.items()}),
    "clause-ids": dict(features=lambda f, v: {n: x for n, x in f.items() if not n.startswith(("clause.cue=", "clause.trigger="))}),
    # the model trained without the clause's features, the decision raising by the clause's cues
    "clause-raise-only": dict(fit_features=lambda f, v: {n: x for n, x in f.items() if n == "clause" or not n.startswith("clause")}),
    # session 18: ablations for the gap between train CV and dev (feature groups left out, the
    # words weighed less, stronger L2, another cue raise)
    "now": dict(features=lambda f, v: drop(f, "w=")),
    "w.25": dict(features=lambda f, v: {n: (0.25 if n.startswith("w=") else x) for n, x in f.items()}),
    "nonear": dict(features=lambda f, v: drop(f, "near=")),
    "nodateword": dict(features=lambda f, v: drop(f, "date_word=")),
    "noafter": dict(features=lambda f, v: drop(f, "after_company", "company_possessive")),
    "noshape": dict(features=lambda f, v: drop(f, "len=", "lead", "early", "paragraph_start", "bullet", "title",
                                                 "no_terminal", "question", "companies=", "company_first", "pronoun_start")),
    "nocueid": dict(features=lambda f, v: drop(f, "cue.", "clause.cue.")),
    "nocuetype": dict(features=lambda f, v: drop(f, "cue=", "first_cue=", "cue_after_company=")),
    "english": dict(features=lambda f, v: {n: x for n, x in f.items() if n.startswith(ENGLISH)}),
    "l2x5": dict(settings=dict(l2=1e-2)),
    "l2x2.5": dict(settings=dict(l2=5e-3)),
    "l2x.5": dict(settings=dict(l2=1e-3)),
    "boost.5": dict(decide=switched("CUE_BOOST", 0.5)),
    "boost1": dict(decide=switched("CUE_BOOST", 1.0)),
    "saydate": dict(decide=say_dated()),
    "saydate-all": dict(decide=say_dated(kinds=None)),
}


def fit(rows, variant):
    feats = [variant.get("fit_features", variant.get("features", identity))(f, v) for f, _, v in rows]
    labels = [y for _, y, _ in rows]
    if "prune" in variant:
        seen = Counter(name for f in feats for name in f if name.startswith("w="))
        feats = [{n: x for n, x in f.items() if not n.startswith("w=") or seen[n] >= variant["prune"]} for f in feats]
    settings = dict(T.SETTINGS["type"])
    settings.update(variant.get("settings", {}))
    if "word_l2" in variant:
        return train_l2_words(feats, labels, seed=T.TRAIN_SEED, word_l2=variant["word_l2"], **settings)
    return LinearModel.train(feats, labels, seed=T.TRAIN_SEED, **settings)


def accuracy(model, rows, variant):
    decide = variant.get("decide", type_of)
    feat = variant.get("features", identity)
    right = sum(1 for f, y, v in rows if decide(feat(f, v), model)[0] == y)
    return right, len(rows)


def evaluate(name, variant, corpus, always, groups, dev, draws, folds=5):
    out = []
    for seed in draws:
        order = list(range(len(corpus)))
        random.Random(seed).shuffle(order)
        parts = [order[i::folds] for i in range(folds)]
        right = total = 0
        for held in parts:
            hs = set(held)
            train = [r for i, (_, rows) in enumerate(corpus) if i not in hs for r in rows] + always
            model = fit(train, variant)
            a, b = accuracy(model, [r for i in held for r in corpus[i][1]], variant)
            right, total = right + a, total + b
        out.append(right / total)
    right = total = 0
    for g in groups:
        train = [r for (n, rows) in corpus if n[0] != g for r in rows] + always
        model = fit(train, variant)
        a, b = accuracy(model, [r for (n, rows) in corpus if n[0] == g for r in rows], variant)
        right, total = right + a, total + b
    out.append(right / total)
    if dev is not None:
        model = fit([r for _, rows in corpus for r in rows] + always, variant)
        a, b = accuracy(model, dev, variant)
        out.append(a / b)
    cv = out[: len(draws)]
    print(f"{name:28} draws {' / '.join(f'{x:.3f}' for x in cv)} (mean {sum(cv) / len(cv):.3f})  group {out[len(draws)]:.3f}"
          + (f"  dev {out[-1]:.3f}" if dev is not None else ""), flush=True)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--draws", default="7,1,2")
    ap.add_argument("--no-dev", action="store_true")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--cues", help="another type-cue lexicon instead of tracker/ingest/data/type_cues.json")
    ap.add_argument("--examples", help="another typed-examples file instead of bench/type_examples.jsonl")
    ap.add_argument("variants", nargs="*", default=["start"])
    args = ap.parse_args(argv)
    if args.list:
        print("\n".join(VARIANTS))
        return 0
    if args.cues:
        import json
        from functools import lru_cache
        import tracker.ingest.features as F
        import tracker.ingest.kinds as K
        entries = lru_cache(maxsize=1)(lambda: tuple(json.loads(Path(args.cues).read_text(encoding="utf-8"))["cues"]))
        F.type_cue_entries = K.type_cue_entries = entries
    if args.examples:
        T.type_example_docs.__defaults__ = (Path(args.examples),)
    args.no_seeds = False
    args.no_type_examples = False
    docs = T.collect(args)
    named = rows_of(docs)
    corpus = [(n, r) for n, r in named if not T.always_trained(n)]
    always = [x for n, r in named if T.always_trained(n) for x in r]
    groups = sorted({n[0] for n, _ in corpus})
    dev = None
    if not args.no_dev:
        dev = [x for _, r in rows_of(dev_docs(Path(args.shared))) for x in r]
    draws = [int(x) for x in args.draws.split(",")]
    for name in args.variants:
        evaluate(name, VARIANTS[name], corpus, always, groups, dev, draws)
    return 0


if __name__ == "__main__":
    sys.exit(main())
