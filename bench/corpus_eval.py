"""Score ingest per decision on every set, in one process, with the shared corpus scorer.

    python bench/corpus_eval.py                          # train, dev and seeds, one row each
    python bench/corpus_eval.py --sets train --show 20   # misses, false alarms, dates, types
    python bench/corpus_eval.py --repeat 5 --json        # throughput: median of 5 runs
    python bench/corpus_eval.py --extractor mypkg.ingest:extract
    python bench/corpus_eval.py --sets blind3           # the blind set: summary figures only

Sets: ``train`` and ``dev`` of ``SHARED/data/company-news/`` (``--shared``, default ``../shared``
from the repository root) and ``seeds`` (``seeds/`` scored against the shipped curated log
``events/log/``, loaded as ``bench/ingest_eval.py`` loads it). ``blind3`` (``bench/blind3/``, real news in the shared corpus's
layout, annotated before any run) is blind: never in the default run, and ``--show`` / ``--per-doc``
are refused on it, so that only its summary figures are ever seen.

Each document is extracted the way ``tracker ingest FILE --published DATE --dry-run`` does it
(``Tracker.ingest``: ``read_text``, ``split_articles``, ``extract`` with the shipped article facts
and ``published``, events of one id merged, rows in listing order), with a fresh copy of the
registry per document, as the shared ``score`` script gets by running one process per document.
Scoring is the shared scorer's (``score_events.py``, imported from the shared folder): its name
folding, span location, span score and date compatibility, and its greedy one-to-one matching.
``--check-shared`` also runs the shared scorer's own ``main`` on the same predictions and fails
when any figure differs.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import importlib
import importlib.util
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from ingest_eval import load_facts, load_registry  # noqa: E402  (the seed set is loaded as that bench loads it)

from tracker import curated  # noqa: E402
from tracker.api import IngestResult, read_when  # noqa: E402
from tracker.extraction import MAX_NEWS_BYTES  # noqa: E402
from tracker.curated import read_jsonl  # noqa: E402
from tracker.errors import TrackerError  # noqa: E402
from tracker.registry import Registry  # noqa: E402
from tracker.textio import read_text  # noqa: E402

CORPUS = Path("data") / "company-news"
CORPUS_SETS = ("train", "dev")
ALL_SETS = (*CORPUS_SETS, "seeds")  # the default run
# Real news kept in this repository in the shared corpus's layout, annotated blind: figures only
# (no error listings) and only when asked for by name, so that nothing is tuned on them.
BLIND_SETS = {"blind3": ROOT / "bench" / "blind3"}
KNOWN_SETS = (*ALL_SETS, *BLIND_SETS)


class BenchError(Exception):
    """A usage problem: printed as one line, exit 2."""


def default_shared() -> Path:
    """``../shared`` beside the repository; from a git worktree elsewhere, the one beside the main checkout."""
    here = ROOT.parent / "shared"
    if here.is_dir():
        return here
    try:
        common = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--path-format=absolute", "--git-common-dir"],
                                capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return here
    main_checkout_shared = Path(common).parent.parent / "shared"
    return main_checkout_shared if main_checkout_shared.is_dir() else here


# --- the shared scorer ----------------------------------------------------------------------


def load_scorer(shared: Path) -> ModuleType:
    """``score_events.py`` from the shared corpus folder, imported as a module (it has no package)."""
    path = shared / CORPUS / "score_events.py"
    if not path.is_file():
        raise BenchError(f"no shared scorer at {path} (give the shared folder with --shared DIR)")
    spec = importlib.util.spec_from_file_location("score_events", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class Scored:
    """The shared scorer's figures (``res``, same keys as its ``--json``) and what they count."""

    res: dict
    G: list[dict]
    P: list[dict]
    match: list[tuple[int, int]]
    se: ModuleType  # the scorer, for its date compatibility when listing errors

    @property
    def missed(self) -> list[dict]:
        used = {gi for gi, _ in self.match}
        return [g for i, g in enumerate(self.G) if i not in used]

    @property
    def false_alarms(self) -> list[dict]:
        used = {pi for _, pi in self.match}
        return [p for i, p in enumerate(self.P) if i not in used]

    def pairs(self):
        return [(self.G[gi], self.P[pi]) for gi, pi in self.match]


def score(se: ModuleType, gold: list[dict], companies: list[dict], texts: dict[str, str], preds: list[dict],
          dct_known: bool = False) -> Scored:
    """``score_events.main`` without its files: the same steps, in the same order, on loaded rows.

    ``gold``: flat gold rows (``to_gold.py``'s ``events.jsonl``); ``companies``: rows for name
    folding; ``texts``: document name -> text; ``preds``: event dicts as ``ingest --format jsonl``
    prints them. Kept line for line with the shared ``main`` (``--check-shared`` verifies it)."""
    amap = se.alias_map(companies)

    def text(doc):
        return texts[os.path.basename(doc)]

    gold_docs = {os.path.basename(g["doc"]) for g in gold}
    P = []
    for p in preds:
        srcs = p.get("sources") or [p.get("source") or {}]
        srcs = [s for s in srcs if isinstance(s, dict)]
        docs = [os.path.basename(s.get("doc") or p.get("doc") or "") for s in srcs]
        doc = next((d for d in docs if d in gold_docs), None)
        if doc is None:
            continue
        comps_p = [se.canon(c, amap) for c in (p.get("companies") or [])]
        spans = [se.locate(text(doc), s.get("quote") or "", s.get("offset")) for s, d in zip(srcs, docs) if d == doc]
        P.append(dict(doc=doc, comps=comps_p, spans=spans, date=p.get("date"), type=p.get("type"), raw=p))
    G = []
    for g in gold:
        doc = os.path.basename(g["doc"])
        G.append(dict(doc=doc, comps=[se.canon(c, amap) for c in g["companies"]],
                      span=((g["evidence_start"], g["evidence_end"]) if "evidence_start" in g
                            else se.locate(text(doc), g["evidence"])),
                      date=(g.get("date_if_dct_known") if dct_known and "date_if_dct_known" in g else g["date"]),
                      type=g["type"], raw=g))

    # candidate pairs scored by span overlap plus a date bonus, taken greedily best first
    pairs = []
    for gi, g in enumerate(G):
        for pi, p in enumerate(P):
            if p["doc"] != g["doc"] or not set(p["comps"]) & set(g["comps"]):
                continue
            s = max(se.span_score(sp, g["span"]) for sp in p["spans"])
            if s < 0:
                continue
            bonus = 1000 if p["date"] == g["date"] else (500 if se.compatible(p["date"], g["date"]) else 0)
            pairs.append((s + bonus, gi, pi))
    pairs.sort(reverse=True)
    used_g, used_p, match = set(), set(), []
    for s, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        match.append((gi, pi))

    n_g, n_p, n_m = len(G), len(P), len(match)
    dated = [(gi, pi) for gi, pi in match if G[gi]["date"]]
    exact = sum(1 for gi, pi in dated if P[pi]["date"] == G[gi]["date"])
    compat = sum(1 for gi, pi in dated if se.compatible(P[pi]["date"], G[gi]["date"]))

    def date_ok(g, p):
        if g["date"]:
            return p["date"] == g["date"]
        return not p["date"] or len(str(p["date"])) == 4

    strict = sum(1 for gi, pi in match if date_ok(G[gi], P[pi]) and main_ok(G[gi], P[pi]))
    typ = sum(1 for gi, pi in match if P[pi]["type"] == G[gi]["type"])

    def prf(m):
        p = m / n_p if n_p else 0.0
        r = m / n_g if n_g else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return round(p, 3), round(r, 3), round(f, 3)

    res = {
        "gold": n_g, "pred": n_p, "matched": n_m,
        "events_prf": prf(n_m),
        "dated_matches": len(dated),
        "date_exact_acc": round(exact / len(dated), 3) if dated else 0.0,
        "date_compatible_acc": round(compat / len(dated), 3) if dated else 0.0,
        "strict_prf": prf(strict),
        "type_acc": round(typ / n_m, 3) if n_m else 0.0,
    }
    per_doc = defaultdict(lambda: [0, 0, 0])
    for g in G:
        per_doc[g["doc"]][0] += 1
    for p in P:
        per_doc[p["doc"]][1] += 1
    for gi, pi in match:
        per_doc[G[gi]["doc"]][2] += 1
    res["per_doc"] = {d: dict(gold=v[0], pred=v[1], matched=v[2]) for d, v in sorted(per_doc.items())}
    return Scored(res, G, P, match, se)


def main_ok(g: dict, p: dict) -> bool:
    """The shared strict rule's company half: the prediction's first company is one of the gold's."""
    return bool(p["comps"]) and p["comps"][0] in g["comps"]


def shared_main_figures(se: ModuleType, gold_dir: Path, preds: list[dict]) -> dict:
    """The shared scorer's own ``main --json`` on a gold folder and these predictions."""
    with tempfile.TemporaryDirectory() as tmp:
        pred_path = Path(tmp) / "pred.jsonl"
        pred_path.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in preds), encoding="utf-8")
        out, argv = io.StringIO(), sys.argv
        sys.argv = ["score_events.py", str(gold_dir), str(pred_path), "--json"]
        try:
            with contextlib.redirect_stdout(out):
                se.main()
        finally:
            sys.argv = argv
    return json.loads(out.getvalue())


# --- the sets -------------------------------------------------------------------------------


@dataclass
class Doc:
    path: Path
    published: str | None  # as the article facts give it; read with read_when like --published


@dataclass
class EvalSet:
    """One set to score: its documents, the flat gold, and what the extractor is given."""

    name: str
    gold_dir: Path  # a folder in the shared scorer's gold format (events, companies, docs/)
    docs: list[Doc]
    gold: list[dict]
    companies: list[dict]  # for name folding when scoring
    registry_rows: list[dict]  # what the extractor starts every document from
    facts: list[dict]


def corpus_set(name: str, split: Path, work: Path, se_dir: Path) -> EvalSet:
    """A corpus split through its own ``to_gold.py``, as the shared ``score`` script prepares it."""
    gold_dir = work / name
    done = subprocess.run([sys.executable, str(se_dir / "to_gold.py"), str(split), str(gold_dir)],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise BenchError(f"to_gold.py failed on {split}: {last}")
    articles = read_jsonl(gold_dir / "articles.jsonl")
    return EvalSet(
        name=name,
        gold_dir=gold_dir,
        docs=[Doc(gold_dir / "docs" / a["doc"], a["published"]) for a in articles],
        gold=read_jsonl(gold_dir / "events.jsonl"),
        companies=read_jsonl(gold_dir / "companies.jsonl"),
        # what `tracker ingest` with no database reads: the shipped registry and article facts
        registry_rows=curated.shipped_companies(),
        facts=curated.shipped_articles(),
    )


def seed_set(seeds: Path, events: Path, work: Path) -> EvalSet:
    """The seed documents against the curated log, in the shared scorer's gold format (as ``to_gold.py``)."""
    gold = []
    for path in sorted((events / "log").glob("*.jsonl")):
        for e in read_jsonl(path):
            s = e["sources"][0]
            gold.append({"id": e["id"], "doc": s["doc"], "date": e["date"], "precision": e.get("precision"),
                         "companies": e["companies"], "type": e["type"], "summary": e["title"],
                         "evidence_start": s["offset"], "evidence_end": s["offset"] + len(s["quote"])})
    registry_rows = load_registry(events)
    gold_dir = work / "seeds"
    gold_dir.mkdir(parents=True, exist_ok=True)
    (gold_dir / "docs").symlink_to(seeds.resolve())
    for fname, rows in (("events", gold), ("companies", registry_rows)):
        (gold_dir / f"{fname}.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return EvalSet("seeds", gold_dir, [Doc(p, None) for p in sorted(seeds.glob("*.txt"))], gold,
                   registry_rows, registry_rows, load_facts(events))


# --- extraction -----------------------------------------------------------------------------


Extract = Callable  # extract(text, doc, registry, facts, published, articles) -> (events, new_rows)


def load_extractor(spec: str) -> tuple[Extract, Callable]:
    """``MODULE:FUNC`` -> (the extract function, the split_articles to use with it).

    An extractor module with its own ``split_articles`` gets the articles from it; otherwise from
    ``tracker.ingest``."""
    module_name, _, func = spec.partition(":")
    if not module_name or not func:
        raise BenchError(f"--extractor {spec!r}: expected MODULE:FUNC, e.g. tracker.ingest:extract")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise BenchError(f"--extractor {spec!r}: cannot import {module_name} ({exc})") from None
    fn = getattr(module, func, None)
    if not callable(fn):
        raise BenchError(f"--extractor {spec!r}: {module_name} has no function {func}")
    from tracker.ingest import split_articles

    return fn, getattr(module, "split_articles", split_articles)


@dataclass
class Run:
    preds: list[dict]
    seconds: float  # extraction wall time (split_articles + extract), summed over documents
    text_bytes: int
    per_doc_seconds: dict[str, float] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)


def extract_set(s: EvalSet, extract: Extract, split_articles: Callable) -> Run:
    """Every document of a set, one `tracker ingest FILE --published DATE --dry-run` each, in process."""
    run = Run([], 0.0, 0)
    for d in s.docs:
        doc = d.path.name
        try:
            text, _ = read_text(str(d.path), MAX_NEWS_BYTES)
            published: date | None = read_when(d.published).start if d.published else None
        except TrackerError as exc:
            run.failures.append(f"{doc}: {exc}")
            continue
        registry = Registry(copy.deepcopy(s.registry_rows))  # a new process per document in `score`
        started = time.perf_counter()
        try:
            articles = split_articles(text, doc, s.facts)
            found, _rows = extract(text, doc, registry, s.facts, published, articles)
        except Exception as exc:  # noqa: BLE001  `score` notes a failed ingest and goes on
            run.failures.append(f"{doc}: {type(exc).__name__}: {exc}")
            continue
        elapsed = time.perf_counter() - started
        run.seconds += elapsed
        run.per_doc_seconds[doc] = elapsed
        run.text_bytes += len(text.encode("utf-8"))
        # Tracker.ingest: one event per id (a second report adds its sources), rows in listing order
        events = {}
        for event in found:
            events[event.id] = events[event.id].with_sources(event.sources) if event.id in events else event
        run.preds.extend(IngestResult(events=list(events.values())).rows())
    return run


# --- report ---------------------------------------------------------------------------------


@dataclass
class SetResult:
    name: str
    scored: Scored
    kbps: float
    runs_kbps: list[float]
    failures: list[str]

    def row(self) -> dict:
        r, m = self.scored.res, self.scored.match
        main = sum(1 for g, p in self.scored.pairs() if main_ok(g, p))
        return {
            "set": self.name, "gold": r["gold"], "pred": r["pred"], "matched": r["matched"],
            "P": r["events_prf"][0], "R": r["events_prf"][1], "F1": r["events_prf"][2],
            "date_exact": r["date_exact_acc"], "date_compat": r["date_compatible_acc"],
            "main_company": round(main / len(m), 3) if m else 0.0,
            "type": r["type_acc"], "strict_F1": r["strict_prf"][2],
            "kb_per_s": round(self.kbps, 1),
        }


# (row key, header, width, value format)
COLUMNS = [("set", "set", 6, "<6"), ("gold", "gold", 5, ">5"), ("pred", "pred", 5, ">5"), ("matched", "match", 5, ">5"),
           ("P", "P", 6, ">6.3f"), ("R", "R", 6, ">6.3f"), ("F1", "F1", 6, ">6.3f"), ("date_exact", "date=", 6, ">6.3f"),
           ("date_compat", "date~", 6, ">6.3f"), ("main_company", "main", 6, ">6.3f"), ("type", "type", 6, ">6.3f"),
           ("strict_F1", "strict", 6, ">6.3f"), ("kb_per_s", "KB/s", 7, ">7.1f")]


def table(rows: list[dict]) -> str:
    head = " ".join(f"{label:{'<' if key == 'set' else '>'}{width}}" for key, label, width, _ in COLUMNS)
    lines = [head]
    for row in rows:
        lines.append(" ".join(f"{row[key]:{fmt}}" for key, _, _, fmt in COLUMNS))
    return "\n".join(lines)


def _quote(raw: dict) -> str:
    return " ".join((raw.get("summary") or raw.get("title") or "").split())[:100]


def show(result: SetResult, n: int) -> str:
    """Misses, false alarms, wrong dates, wrong types (N of each) and the type confusion matrix."""
    sc = result.scored
    out = [f"\n## {result.name}: {len(sc.missed)} missed, {len(sc.false_alarms)} false alarms"]
    out.append(f"\n# missed gold events ({len(sc.missed)})")
    out += [f" - {g['doc']} {g['date']} {g['comps']} {g['type']}: {_quote(g['raw'])}" for g in sc.missed[:n]]
    out.append(f"\n# unmatched predictions ({len(sc.false_alarms)})")
    out += [f" - {p['doc']} {p['date']} {p['comps']} {p['type']}: {_quote(p['raw'])}" for p in sc.false_alarms[:n]]
    wrong_dates = [(g, p) for g, p in sc.pairs() if p["date"] != g["date"]]
    out.append(f"\n# date mismatches among matches ({len(wrong_dates)})")
    out += [f" - {g['doc']} gold {g['date']} pred {p['date']}"
            f"{' (compatible)' if sc.se.compatible(p['date'], g['date']) else ''}: {_quote(g['raw'])}" for g, p in wrong_dates[:n]]
    wrong_types = [(g, p) for g, p in sc.pairs() if p["type"] != g["type"]]
    out.append(f"\n# type mismatches among matches ({len(wrong_types)})")
    out += [f" - {g['doc']} gold {g['type']} pred {p['type']}: {_quote(g['raw'])}" for g, p in wrong_types[:n]]
    out.append("\n# types: gold (rows) x predicted (columns), matched pairs")
    out.append(confusion(sc))
    return "\n".join(out)


def confusion(sc: Scored) -> str:
    """Rows: gold types; columns: predicted types, numbered like the rows so the table stays narrow."""
    counts = Counter((g["type"], p["type"]) for g, p in sc.pairs())
    if not counts:
        return "(no matches)"
    types = sorted({t for pair in counts for t in pair}, key=str)
    number = {t: i for i, t in enumerate(types, 1)}
    width = max(len(f"{i} {t}") for t, i in number.items())
    lines = [f"{'gold / pred':<{width}} " + "".join(f"{i:>4}" for i in number.values()) + "  total"]
    for gt in sorted({g for g, _ in counts}, key=str):
        row = [counts.get((gt, pt), 0) for pt in types]
        lines.append(f"{f'{number[gt]} {gt}':<{width}} " + "".join(f"{v or '.':>4}" for v in row) + f"  {sum(row):>5}")
    return "\n".join(lines)


def per_doc_lines(result: SetResult, run: Run) -> str:
    out = [f"\n## {result.name} per document"]
    for doc, v in result.scored.res["per_doc"].items():
        ms = run.per_doc_seconds.get(doc, 0.0) * 1000
        out.append(f"  {doc:48} gold {v['gold']:3} pred {v['pred']:3} matched {v['matched']:3}  {ms:7.1f} ms")
    return "\n".join(out)


# --- main -----------------------------------------------------------------------------------


def parse_sets(text: str) -> list[str]:
    sets = [s.strip() for s in text.split(",") if s.strip()]
    unknown = [s for s in sets if s not in KNOWN_SETS]
    if unknown or not sets:
        raise BenchError(f"--sets {text!r}: unknown set {', '.join(unknown) or '(none)'} (one of: {', '.join(KNOWN_SETS)})")
    return list(dict.fromkeys(sets))


def evaluate(args) -> int:
    sets = parse_sets(args.sets)
    blind = [name for name in sets if name in BLIND_SETS]
    if blind and (args.show or args.per_doc):
        raise BenchError(f"{blind[0]} is blind: summary figures only, no --show or --per-doc (see bench/{blind[0]}/README.md)")
    if args.repeat < 1:
        raise BenchError("--repeat must be at least 1")
    se = load_scorer(args.shared)
    extract, split_articles = load_extractor(args.extractor)
    results, notes, checks, runs = [], [], [], {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for name in sets:
            if name == "seeds":
                s = seed_set(args.seeds, args.events, work)
            elif name in BLIND_SETS:
                s = corpus_set(name, BLIND_SETS[name], work, args.shared / CORPUS)
            else:
                split = args.shared / CORPUS / name
                if not (split / "docs").is_dir():
                    notes.append(f"note: set {name} skipped: {split} not found")
                    continue
                s = corpus_set(name, split, work, args.shared / CORPUS)
            # one untimed document first: the rules compile on first use, once per process
            extract_set(replace(s, docs=s.docs[:1]), extract, split_articles)
            timed = [extract_set(s, extract, split_articles) for _ in range(args.repeat)]
            run = timed[0]
            texts = {d.path.name: d.path.read_text(encoding="utf-8", errors="replace") for d in s.docs}
            scored = score(se, s.gold, s.companies, texts, run.preds)
            rates = [r.text_bytes / 1024 / r.seconds if r.seconds else 0.0 for r in timed]
            result = SetResult(name, scored, statistics.median(rates), rates, run.failures)
            results.append(result)
            runs[name] = run
            if args.check_shared:
                theirs = shared_main_figures(se, s.gold_dir, run.preds)
                checks.append((name, theirs == json.loads(json.dumps(scored.res))))  # tuples as JSON lists
    if args.json:
        print(json.dumps({"sets": {r.name: {**r.row(), "runs_kb_per_s": [round(x, 1) for x in r.runs_kbps],
                                            "failures": r.failures,
                                            **({"per_doc": r.scored.res["per_doc"]} if args.per_doc else {})}
                                   for r in results},
                          "extractor": args.extractor, "repeat": args.repeat,
                          "notes": notes, **({"check_shared": dict(checks)} if args.check_shared else {})}, indent=1))
    else:
        for note in notes:
            print(note, file=sys.stderr)
        print(table([r.row() for r in results]))
        print(f"(extractor {args.extractor}; KB/s: median of {args.repeat} run(s) of split_articles + extract, after one warm-up document)")
        for r in results:
            for failure in r.failures:
                print(f"warning: {r.name}: ingest failed on {failure}", file=sys.stderr)
            if args.per_doc:
                print(per_doc_lines(r, runs[r.name]))
            if args.show:
                print(show(r, args.show))
        for name, same in checks:
            print(f"check against the shared scorer's main on {name}: {'same figures' if same else 'DIFFERENT'}")
    return 1 if any(not same for _, same in checks) else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", default=",".join(ALL_SETS), help="comma-separated: train,dev,seeds (the default) or blind3 (blind: figures only)")
    parser.add_argument("--shared", type=Path, help="the shared folder (default ../shared from the repository root)")
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds", help=argparse.SUPPRESS)
    parser.add_argument("--events", type=Path, default=ROOT / "events", help=argparse.SUPPRESS)
    parser.add_argument("--repeat", type=int, default=1, metavar="N", help="extract N times; KB/s is the median")
    parser.add_argument("--show", type=int, default=0, metavar="N", help="list N misses, false alarms, wrong dates, wrong types; type confusion matrix")
    parser.add_argument("--per-doc", action="store_true", help="gold / pred / matched and time per document")
    parser.add_argument("--json", action="store_true", help="machine-readable figures")
    parser.add_argument("--extractor", default="tracker.ingest:extract", metavar="MODULE:FUNC",
                        help="extract(text, doc, registry, facts, published, articles) -> (events, new_rows)")
    parser.add_argument("--check-shared", action="store_true", help="also run the shared scorer's main on the same predictions and compare")
    args = parser.parse_args(argv)
    args.shared = args.shared or default_shared()
    try:
        return evaluate(args)
    except BenchError as exc:
        print(f"corpus_eval: {exc}", file=sys.stderr)
        return 2


def pin_hash_seed() -> None:
    """Run again with PYTHONHASHSEED=0 unless it is set: the extractor iterates sets of names in
    places, so string hashing can change a prediction between runs (as it can between the shared
    `score` script's processes); a fixed seed makes two runs of one code comparable. Set
    PYTHONHASHSEED yourself (e.g. to random) to see the spread."""
    if "PYTHONHASHSEED" not in os.environ:
        os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"})


if __name__ == "__main__":
    pin_hash_seed()
    sys.exit(main())
