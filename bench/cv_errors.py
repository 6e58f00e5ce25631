"""The errors of end-to-end cross-validation on train, sorted into causes with counts.

    python bench/cv_errors.py [--shared ../shared] [--folds 5] [--show CAUSE] [--limit N]

Runs ``bench/cv_ingest.py``'s folds (every train document extracted by models that did not see
it, with ``--explain`` traces) and sorts, with the shared scorer's matching:
- missed gold events: ``taken`` (a prediction on the sentence shares a company but was paired
  with another gold event of it: a sentence telling more facts than the pipeline gives),
  ``company`` (a prediction on the sentence shares no company with the gold; ``-named`` when the
  gold main company's name is in the sentence, i.e. recognition or folding missed it),
  ``rejected`` (the event model said no; ``-nomention`` when the sentence has no company
  mention, ``-named`` when the gold main is named in the sentence but not recognised),
  ``nocand`` (no company could act in the sentence), ``title`` (a headline fact dropped), ``merged``
  (told again: folded into another event's sources elsewhere), ``nosentence`` (no sentence view
  overlaps the quote);
- false alarms: ``nogold`` (no gold event on the sentence), ``company`` (a gold event there,
  no shared company), ``extra`` (a gold event there with a shared company, paired with another
  prediction);
- wrong main companies and wrong dates among matches, the date by where it came from.
Train only: the dev split is never read.
"""

from __future__ import annotations

import argparse
import copy
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import corpus_eval  # noqa: E402
import cv_ingest  # noqa: E402
from tracker.api import IngestResult, read_when  # noqa: E402
from tracker.ingest import split_articles  # noqa: E402
from tracker.ingest.actors import company_candidates  # noqa: E402
from tracker.ingest.features import sentence_features  # noqa: E402
from tracker.ingest.pipeline import event_probability, extract  # noqa: E402
from tracker.registry import Registry  # noqa: E402


def run_folds(args):
    se = corpus_eval.load_scorer(args.shared)
    p_event: dict[tuple[str, int], float] = {}
    traces: dict[tuple[str, int, str], dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        docs, s, trained = cv_ingest.cv_runs(args, Path(tmp))
        by_name = {d.path.name: d for d in s.docs}
        preds = []
        for held, models in trained:
            for i in held:
                name, sents = docs[i]
                for sent in sents:
                    if company_candidates(sent.view):
                        p_event[(name, sent.view.start)] = event_probability(sentence_features(sent.view), models)
                d = by_name[name]
                text = d.path.read_text(encoding="utf-8")
                published = read_when(d.published).start if d.published else None
                articles = split_articles(text, name, s.facts)
                found, _rows, trs = extract(text, name, Registry(copy.deepcopy(s.registry_rows)), s.facts, published,
                                            articles, explain=True, models=models)
                for event, trace in zip(found, trs):
                    traces[(name, event.sources[0].offset, event.date.value or "")] = trace
                events = {}
                for event in found:
                    events[event.id] = events[event.id].with_sources(event.sources) if event.id in events else event
                preds.extend(IngestResult(events=list(events.values())).rows())
        scored, texts = cv_ingest.scored_run(se, s, preds)
    views = {name: [sent.view for sent in sents] for name, sents in docs}
    return scored, views, p_event, traces, texts


def _ev(texts, g) -> str:
    a, b = g["span"] or (0, 0)
    return texts[g["doc"]][a:b]


def overlaps(a, b) -> bool:
    return a is not None and b is not None and min(a[1], b[1]) > max(a[0], b[0])


def classify(scored, views, p_event, texts, threshold: float):
    G, P, match = scored.G, scored.P, scored.match
    g_of_p = {pi: gi for gi, pi in match}
    p_of_g = {gi: pi for gi, pi in match}
    misses, alarms = defaultdict(list), defaultdict(list)
    for gi, g in enumerate(G):
        if gi in p_of_g:
            continue
        doc, span = g["doc"], g["span"]
        here = [pi for pi, p in enumerate(P) if p["doc"] == doc and any(overlaps(sp, span) for sp in p["spans"])]
        sent = next((v for v in views.get(doc, []) if overlaps((v.start, v.end), span)), None)
        main = g["comps"][0]
        named = sent is not None and any(w in sent.text.lower() for w in [main.split()[0]] if len(w) > 2)
        mentioned = sent is not None and bool(sent.mentions)
        if any(set(P[pi]["comps"]) & set(g["comps"]) for pi in here):
            cause = "taken"
        elif here:
            cause = "company-named" if named else "company"
        elif sent is None:
            cause = "nosentence"
        elif not company_candidates(sent):
            cause = "nocand"
        elif p_event.get((doc, sent.start), 0.0) < threshold:
            cause = "rejected-" + ("nomention" if not mentioned else "named" if named and not any(
                main.split()[0] in m.name.lower() for m in sent.mentions) else "mention")
        elif sent.is_title:
            cause = "title"
        else:
            cause = "merged"
        misses[cause].append((g, sent, p_event.get((doc, sent.start)) if sent else None, [P[pi] for pi in here]))
    for pi, p in enumerate(P):
        if pi in g_of_p:
            continue
        here = [gi for gi, g in enumerate(G) if g["doc"] == p["doc"] and any(overlaps(sp, g["span"]) for sp in p["spans"])]
        if not here:
            cause = "nogold"
        elif any(set(p["comps"]) & set(G[gi]["comps"]) for gi in here):
            cause = "extra"
        else:
            cause = "company"
        alarms[cause].append((p, [G[gi] for gi in here]))
    return misses, alarms


def date_cause(g, p, trace) -> str:
    d = (trace or {}).get("date") or {}
    origin = d.get("rule") or d.get("from") or "none"
    if not p["date"]:
        return "undated"
    if scored_compatible(p["date"], g["date"]):
        return f"{origin}:compatible"
    return f"{origin}:wrong"


def scored_compatible(a, b) -> bool:
    return bool(a and b and (a.startswith(b) or b.startswith(a)))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--no-seeds", action="store_true")
    ap.add_argument("--fold-seed", type=int, default=7, help="the draw of the folds (7 = bench/cv_ingest.py's default)")
    ap.add_argument("--show", action="append", default=[], help="print the cases of a cause (miss:CAUSE, alarm:CAUSE, main, date)")
    ap.add_argument("--limit", type=int, default=40)
    args = ap.parse_args(argv)
    args.shared = args.shared or corpus_eval.default_shared()
    from tracker.ingest.pipeline import EVENT_THRESHOLD

    scored, views, p_event, traces, texts = run_folds(args)
    result = corpus_eval.SetResult(f"cv{args.folds}", scored, 0.0, [0.0], [])
    print(corpus_eval.table([result.row()]))
    misses, alarms = classify(scored, views, p_event, texts, EVENT_THRESHOLD)
    print("\nmissed gold events by cause:", {k: len(v) for k, v in sorted(misses.items(), key=lambda kv: -len(kv[1]))})
    print("false alarms by cause:", {k: len(v) for k, v in sorted(alarms.items(), key=lambda kv: -len(kv[1]))})
    pairs = scored.pairs()
    wrong_main = [(g, p) for g, p in pairs if not corpus_eval.main_ok(g, p)]
    print("wrong main company among matches:", len(wrong_main), "of", len(pairs))
    dates = Counter()
    wrong_dates = []
    for g, p in pairs:
        if g["date"] and p["date"] != g["date"]:
            src = (p["raw"].get("sources") or [{}])[0]
            trace = traces.get((p["doc"], src.get("offset"), p["date"] or ""))
            cause = date_cause(g, p, trace)
            dates[cause] += 1
            wrong_dates.append((cause, g, p, trace))
    print("wrong dates among matches by (origin:kind):", dict(dates.most_common()))
    for what in args.show:
        kind, _, cause = what.partition(":")
        print(f"\n### {what}")
        if kind == "miss":
            for g, sent, pe, here in misses.get(cause, [])[: args.limit]:
                print(f"- {g['doc']} {g['date']} {g['comps']} {g['type']}  p_event={pe if pe is None else round(pe, 2)}")
                print("   ", " ".join(_ev(texts, g).split())[:300])
                if sent is not None:
                    print("    mentions:", [f"{m.text}->{m.name}({m.rule})" for m in sent.mentions], "context:", sent.context_company)
                for p in here:
                    print("    pred:", p["date"], p["comps"], p["type"])
        elif kind == "alarm":
            for p, golds in alarms.get(cause, [])[: args.limit]:
                src = (p["raw"].get("sources") or [{}])[0]
                print(f"- {p['doc']} {p['date']} {p['comps']} {p['type']}")
                print("   ", " ".join((src.get("quote") or "").split())[:300])
                for g in golds:
                    print("    gold:", g["date"], g["comps"], g["type"])
        elif kind == "main":
            for g, p in wrong_main[: args.limit]:
                print(f"- {g['doc']} gold {g['comps']} pred {p['comps']}: {' '.join(_ev(texts, g).split())[:250]}")
        elif kind == "date":
            for c, g, p, trace in wrong_dates[: args.limit] if not cause else [w for w in wrong_dates if w[0].startswith(cause)][: args.limit]:
                d = (trace or {}).get("date") or {}
                print(f"- {g['doc']} gold {g['date']} pred {p['date']} [{c}] text={d.get('text')!r}: "
                      f"{' '.join(_ev(texts, g).split())[:250]}")
                quote = " ".join(((p["raw"].get("sources") or [{}])[0].get("quote") or "").split())
                if quote[:60] != " ".join(_ev(texts, g).split())[:60]:
                    print(f"    (predicted on another sentence: {quote[:200]})")
    return 0


if __name__ == "__main__":
    corpus_eval.pin_hash_seed()
    sys.exit(main())
