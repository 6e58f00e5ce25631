"""The annotated train events whose main company the extractor cannot pick (not a candidate) or
does not rank first, for developing ``tracker/ingest/actors.py``.

    python bench/company_misses.py [--shared ../shared] [--ranked] [--limit N]

Prints per event: the sentence, its mentions (surface -> name), the context company, the
candidates and the gold main company (folded). ``--ranked`` lists the events whose gold main is
a candidate but not the top one under the shipped ``models/company.json`` instead.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from train_ingest import Folder, _scorer, corpus_docs, sentences_of  # noqa: E402
from ingest_eval import load_registry  # noqa: E402
from tracker.ingest.actors import company_candidates, company_features  # noqa: E402
from tracker.ingest.linear import LinearModel  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--ranked", action="store_true")
    ap.add_argument("--limit", type=int, default=1000)
    args = ap.parse_args(argv)
    scorer = _scorer(Path(args.shared))
    shipped = load_registry(ROOT / "events")
    model = LinearModel.load("company")
    shown, causes = 0, Counter()
    for name, text, published, gold, companies in corpus_docs(Path(args.shared), "train"):
        fold = Folder(scorer, companies)
        for s in sentences_of(name, text, published, gold, fold, shipped):
            cands = company_candidates(s.view)
            if not cands:
                continue
            for g, main in zip(s.events, s.folded_main):
                folded = [fold(c) for c, _, _ in cands]
                if args.ranked:
                    if main not in folded:
                        continue
                    scored = sorted(((model.probabilities(company_features(c, ms, s.view, i, s.counts, imp)).get("1", 0), c)
                                     for i, (c, ms, imp) in enumerate(cands)), reverse=True)
                    if fold(scored[0][1]) == main:
                        continue
                    extra = " ranked: " + ", ".join(f"{c}={p:.2f}" for p, c in scored)
                elif main in folded:
                    continue
                else:
                    extra = ""
                    causes["in_text" if main.casefold() in s.view.text.casefold() else "not_in_text"] += 1
                shown += 1
                if shown > args.limit:
                    continue
                v = s.view
                print(f"--- {name} #{v.index}{' title' if v.is_title else ''} [{g['type']}] gold={g['companies']} main={main}")
                print("   ", " ".join(v.text.split())[:400])
                print("    mentions:", [f"{m.text}->{m.name}" for m in v.mentions], "context:", v.context_company,
                      "cands:", [c for c, _, _ in cands], extra)
    print(f"{shown} events", dict(causes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
