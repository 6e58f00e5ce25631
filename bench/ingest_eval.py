"""Score ``tracker.ingest.extract`` on the seed corpus against the curated event log.

    python bench/ingest_eval.py [--seeds seeds] [--events events] [--registry events] [--errors] [--doc 003] [--json]

The extractor gets only the company registry (``events/companies*.jsonl``) and the publication
facts (``events/articles/*.jsonl``); the curated events (``events/log/``) are read here, to
score. An extracted event matches a curated one when they come from the same document, share a
company and a source sentence overlaps (character spans); matching is one-to-one, an optimal
assignment: the most pairs, then the most pairs with the same main company, type and date. Reported:
precision, recall and F1 of events; among matched pairs, the share with exactly the curated
date, the curated main company and the curated type; per document and overall; and the
extractor's throughput in KB of text per second.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tracker.curated import read_jsonl  # noqa: E402
from tracker.ingest import extract  # noqa: E402
from tracker.model import Event  # noqa: E402
from tracker.registry import Registry  # noqa: E402


def load_registry(events: Path) -> list[dict]:
    rows: dict[str, dict] = {}
    for path in sorted(events.glob("companies*.jsonl")):
        for row in read_jsonl(path):
            known = rows.get(row["name"])
            if known is None:
                rows[row["name"]] = {"name": row["name"], "aliases": list(row.get("aliases") or []), "parent": row.get("parent")}
            else:
                for alias in row.get("aliases") or []:
                    if alias not in known["aliases"]:
                        known["aliases"].append(alias)
                known["parent"] = known["parent"] or row.get("parent")
    return list(rows.values())


def load_facts(events: Path) -> list[dict]:
    facts = []
    for path in sorted((events / "articles").glob("*.jsonl")):
        for row in read_jsonl(path):
            facts.append({k: row.get(k) for k in ("doc", "title", "published", "basis")})
    return facts


def _spans(event: Event, doc: str) -> list[tuple[int, int]]:
    return [(s.offset, s.offset + len(s.quote)) for s in event.sources if s.doc == doc and s.offset is not None]


def _overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    best = 0
    for s1, e1 in a:
        for s2, e2 in b:
            best = max(best, min(e1, e2) - max(s1, s2))
    return best


def match(gold: list[Event], found: list[Event], doc: str) -> list[tuple[Event, Event]]:
    """The one-to-one pairing with the most pairs, and among those the most agreeing fields.

    A greedy pairing can pair two events of one sentence crosswise (the 2014 fact with the 2007
    one) or leave an event unpaired that an optimal pairing would match; an assignment over each
    group of events linked by overlapping sentences avoids both."""
    candidates: dict[tuple[int, int], int] = {}
    for i, g in enumerate(gold):
        gs = _spans(g, doc)
        for j, f in enumerate(found):
            if not set(g.companies) & set(f.companies):
                continue
            ov = _overlap(gs, _spans(f, doc))
            if ov <= 0:
                continue
            agree = (g.main_company == f.main_company) + (g.type == f.type) + (g.date.value == f.date.value)
            candidates[(i, j)] = 1000 + 10 * agree + min(ov, 9999) / 10000
    out = []
    for rows, cols in _components(candidates):
        for i, j in _assign(rows, cols, candidates):
            out.append((gold[i], found[j]))
    return out


def _components(candidates: dict[tuple[int, int], float]):
    """Groups of gold rows and found columns linked by candidate pairs."""
    parent: dict = {}

    def root(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in candidates:
        parent[root(("g", i))] = root(("f", j))
    groups: dict = {}
    for node in list(parent):
        groups.setdefault(root(node), []).append(node)
    for nodes in groups.values():
        yield sorted(n[1] for n in nodes if n[0] == "g"), sorted(n[1] for n in nodes if n[0] == "f")


def _assign(rows: list[int], cols: list[int], weight: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    """Maximum-weight assignment (Hungarian method on costs, rows padded to the longer side)."""
    n = max(len(rows), len(cols))
    top = max(weight.values())
    cost = [[top - weight[(rows[r], cols[c])] if r < len(rows) and c < len(cols) and (rows[r], cols[c]) in weight
             else top + 1 for c in range(n)] for r in range(n)]
    inf = float("inf")
    u, v, p, way = [0.0] * (n + 1), [0.0] * (n + 1), [0] * (n + 1), [0] * (n + 1)
    for r in range(1, n + 1):
        p[0], j0 = r, 0
        minv, used = [inf] * (n + 1), [False] * (n + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            for j in range(1, n + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(n + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    pairs = []
    for c in range(1, n + 1):
        r = p[c] - 1
        if r < len(rows) and c - 1 < len(cols) and (rows[r], cols[c - 1]) in weight:
            pairs.append((rows[r], cols[c - 1]))
    return pairs


def evaluate(seeds: Path, events: Path, only: str | None = None, registry_dir: Path | None = None):
    registry_rows = load_registry(registry_dir or events)
    facts = load_facts(events)
    per_doc = {}
    total_bytes, total_time = 0, 0.0
    details = {}
    for path in sorted(seeds.glob("*.txt")):
        doc = path.name
        if only and not doc.startswith(only):
            continue
        text = path.read_text(encoding="utf-8")
        gold_path = events / "log" / (path.stem + ".jsonl")
        gold = [Event.from_dict(r) for r in read_jsonl(gold_path)] if gold_path.exists() else []
        registry = Registry([dict(r) for r in registry_rows])
        started = time.perf_counter()
        found, _new = extract(text, doc, registry, facts)
        total_time += time.perf_counter() - started
        total_bytes += len(text.encode("utf-8"))
        pairs = match(gold, found, doc)
        per_doc[doc] = _scores(len(gold), len(found), pairs)
        details[doc] = (gold, found, pairs, text)
    totals = _sum(per_doc.values())
    kbps = (total_bytes / 1024) / total_time if total_time else 0.0
    return per_doc, totals, kbps, details


def _scores(n_gold: int, n_found: int, pairs) -> dict:
    matched = len(pairs)
    return {
        "gold": n_gold,
        "found": n_found,
        "matched": matched,
        "date_ok": sum(1 for g, f in pairs if g.date.value == f.date.value),
        "company_ok": sum(1 for g, f in pairs if g.main_company == f.main_company),
        "type_ok": sum(1 for g, f in pairs if g.type == f.type),
    }


def _sum(rows) -> dict:
    out = {"gold": 0, "found": 0, "matched": 0, "date_ok": 0, "company_ok": 0, "type_ok": 0}
    for row in rows:
        for key in out:
            out[key] += row[key]
    return out


def figures(row: dict) -> dict:
    p = row["matched"] / row["found"] if row["found"] else 0.0
    r = row["matched"] / row["gold"] if row["gold"] else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    m = row["matched"] or 1
    return {
        "precision": p,
        "recall": r,
        "f1": f1,
        "date": row["date_ok"] / m,
        "company": row["company_ok"] / m,
        "type": row["type_ok"] / m,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("--events", type=Path, default=ROOT / "events")
    parser.add_argument("--registry", type=Path, help="where companies*.jsonl are (default: --events)")
    parser.add_argument("--doc", help="only documents whose name starts with this")
    parser.add_argument("--errors", action="store_true", help="list misses, false alarms and wrong fields")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    per_doc, totals, kbps, details = evaluate(args.seeds, args.events, args.doc, args.registry)
    if args.json:
        print(json.dumps({"overall": {**totals, **figures(totals)}, "kb_per_s": kbps,
                          "documents": {d: {**r, **figures(r)} for d, r in per_doc.items()}}, indent=1))
        return 0
    header = f"{'document':<28} {'gold':>5} {'found':>5} {'match':>5} {'P':>6} {'R':>6} {'F1':>6} {'date':>6} {'comp':>6} {'type':>6}"
    print(header)
    for doc, row in [*per_doc.items(), ("overall", totals)]:
        f = figures(row)
        print(f"{doc:<28} {row['gold']:>5} {row['found']:>5} {row['matched']:>5} {f['precision']:>6.3f} {f['recall']:>6.3f} "
              f"{f['f1']:>6.3f} {f['date']:>6.3f} {f['company']:>6.3f} {f['type']:>6.3f}")
    print(f"throughput: {kbps:.1f} KB/s")
    if args.errors:
        for doc, (gold, found, pairs, text) in details.items():
            matched_g = {id(g) for g, _ in pairs}
            matched_f = {id(f) for _, f in pairs}
            print(f"\n== {doc}")
            for g in gold:
                if id(g) not in matched_g:
                    s = g.sources[0]
                    print(f"MISS  @{s.offset} {g.date.value} {list(g.companies)} {g.type}: {' '.join(s.quote.split())[:150]}")
            for f in found:
                if id(f) not in matched_f:
                    s = f.sources[0]
                    print(f"FALSE @{s.offset} {f.date.value} {list(f.companies)} {f.type}: {' '.join(s.quote.split())[:150]}")
            for g, f in pairs:
                wrong = []
                if g.date.value != f.date.value:
                    wrong.append(f"date {f.date.value} != {g.date.value} [{f.sources[0].date_text}|{g.sources[0].date_text}]")
                if g.main_company != f.main_company:
                    wrong.append(f"main {f.main_company} != {g.main_company}")
                if g.type != f.type:
                    wrong.append(f"type {f.type} != {g.type}")
                if wrong:
                    s = f.sources[0]
                    print(f"WRONG @{s.offset} {'; '.join(wrong)}: {' '.join(s.quote.split())[:110]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
