"""Score company-mention finding (``tracker.ingest.mentions.find_companies``) on the company-news corpus.

    python bench/mentions_eval.py train                 # development split
    python bench/mentions_eval.py dev                   # measurement only, once
    python bench/mentions_eval.py train --misses 30     # gold events whose main company was not found

The old finder of organisations not in the registry (``CompanyFinder.unknown``, the baseline of
session 6's figures in bench/README.md) was removed from the package in session 10, unused by ingest.

The finder gets only the text and tracker's shipped registry; the split's ``companies.jsonl``
(names and aliases) is read here only to fold names when scoring, with the corpus's own ``fold``.

  recall (any)   share of gold events for which some mention inside the event's quote sentence
                 folds to one of the event's companies
  recall (main)  the same for the event's first (main) company
  precision      share of the distinct predicted names of a doc that fold to a company of that
                 doc's gold events (an underestimate: gold lists only companies that have events);
                 the most frequent names that fold to none are printed for a human to judge
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = Path("/work/shared/data/company-news")

from tracker import curated  # noqa: E402
from tracker.ingest.mentions import find_companies  # noqa: E402
from tracker.registry import Registry  # noqa: E402


def _scorer():
    spec = importlib.util.spec_from_file_location("score_events", CORPUS / "score_events.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_split(split: str):
    base = CORPUS / split
    docs = {p.name: p.read_text(encoding="utf-8") for p in sorted((base / "docs").glob("*.txt"))}
    events: dict[str, list[dict]] = {name: [] for name in docs}
    for path in sorted((base / "events" / "log").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                event = json.loads(line)
                events.setdefault(event["sources"][0]["doc"], []).append(event)
    companies = [json.loads(l) for l in (base / "companies.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]
    return docs, events, companies


def new(text: str, registry: Registry) -> list[tuple[int, int, str]]:
    return [(m.start, m.end, m.name) for m in find_companies(text, 0, len(text), registry)]


def score(system, docs, events, companies, registry, misses: int = 0, show: int = 40) -> dict:
    sc = _scorer()
    amap = sc.alias_map(companies)
    fold = lambda name: sc.canon(name, amap)  # noqa: E731
    hit_any = hit_main = total = 0
    good = names_total = 0
    wrong: Counter[str] = Counter()
    missed: list[str] = []
    started = time.perf_counter()
    predicted = {doc: system(text, registry) for doc, text in docs.items()}
    elapsed = time.perf_counter() - started
    for doc, text in docs.items():
        mentions = predicted[doc]
        gold_names = {fold(c) for e in events.get(doc, []) for c in e["companies"]}
        for e in events.get(doc, []):
            src = e["sources"][0]
            s, t = sc.locate(text, src["quote"], src.get("offset"))
            inside = {fold(n) for ms, me, n in mentions if s <= ms and me <= t}
            total += 1
            hit_any += bool(inside & {fold(c) for c in e["companies"]})
            main = fold(e["companies"][0]) in inside
            hit_main += main
            if not main:
                found = sorted({n for ms, me, n in mentions if s <= ms and me <= t})
                missed.append(f"{doc}: main {e['companies'][0]!r}, found {found}: {src['quote'][:140]!r}")
        for name in {n for _, _, n in mentions}:
            names_total += 1
            if fold(name) in gold_names:
                good += 1
            else:
                wrong[name] += 1
    result = {
        "events": total,
        "recall_any": hit_any / total,
        "recall_main": hit_main / total,
        "precision": good / names_total if names_total else 0.0,
        "names": names_total,
        "ms_per_doc": 1000 * elapsed / len(docs),
    }
    print(f"  events {total}  recall any {result['recall_any']:.3f}  recall main {result['recall_main']:.3f}  "
          f"precision {result['precision']:.3f} ({good}/{names_total} names)  {result['ms_per_doc']:.1f} ms/doc")
    if show:
        print("  most frequent names that fold to no gold company:")
        print("   ", "; ".join(f"{n} ({c})" if c > 1 else n for n, c in wrong.most_common(show)))
    for line in missed[:misses]:
        print("  MISS", line)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("split", choices=["train", "dev"])
    parser.add_argument("--misses", type=int, default=0, help="list this many events whose main company was missed")
    parser.add_argument("--show", type=int, default=40, help="how many non-matching names to print")
    args = parser.parse_args()
    if not (CORPUS / args.split).is_dir():
        print(f"error: no corpus at {CORPUS / args.split}", file=sys.stderr)
        return 2
    docs, events, companies = load_split(args.split)
    registry = Registry(curated.shipped_companies())
    print(f"mentions ({args.split}, {len(docs)} docs)")
    score(new, docs, events, companies, registry, misses=args.misses, show=args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
