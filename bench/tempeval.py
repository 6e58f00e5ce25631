"""Score tracker's temporal tagger on TempEval-3 TimeML files, the way TempEval-3 Task A did.

    python bench/tempeval.py /work/shared/data/tempeval3/train [--errors] [--limit N]

Text of a file = the character data of its <TEXT> element with every tag removed and XML
entities decoded; offsets are Python string positions in that text. The document creation
time (DCT) is the date of the CREATION_TIME TIMEX3.

Measures (as in UzZaman et al. 2013):
  strict    P/R/F1 of spans that match exactly;
  relaxed   P/R/F1 of spans that overlap (precision counts system timexes that overlap a gold
            one, recall gold timexes that overlap a system one);
  value F1  relaxed F1 x the share of relaxed matches whose value is exactly the gold value
            (each gold timex paired with the first system timex overlapping it);
  type acc  the share of relaxed matches with the gold type.
"DATE" repeats the figures with gold and system timexes restricted to type DATE.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class Doc:
    name: str
    text: str
    dct: date
    gold: list[Gold]


def read_tml(path: Path) -> Doc:
    raw = path.read_text(encoding="utf-8")
    dct_match = re.search(r"<TIMEX3[^>]*functionInDocument=\"CREATION_TIME\"[^>]*>", raw)
    if dct_match is None:
        raise ValueError(f"{path}: no CREATION_TIME TIMEX3")
    dct_value = dict(_ATTR.findall(dct_match.group(0)))["value"]
    dct = date.fromisoformat(dct_value[:10])
    body = raw[raw.index("<TEXT>") + len("<TEXT>") : raw.index("</TEXT>")]
    parts: list[str] = []
    length = 0
    gold: list[Gold] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    pos = 0
    for tag in _TAG.finditer(body):
        chunk = html.unescape(body[pos : tag.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = tag.end()
        closing, name = tag.group(1), tag.group(2)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(_ATTR.findall(tag.group(3))))
        elif open_timex is not None:
            start, attrs = open_timex
            open_timex = None
            text = "".join(parts)[start:length]
            gold.append(Gold(start, length, text, attrs.get("type", ""), attrs.get("value", "")))
    parts.append(html.unescape(body[pos:]))
    return Doc(path.name, "".join(parts), dct, gold)


def _prf(matched_sys: int, n_sys: int, matched_gold: int, n_gold: int) -> tuple[float, float, float]:
    p = matched_sys / n_sys if n_sys else 0.0
    r = matched_gold / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


class Tally:
    def __init__(self) -> None:
        self.n_gold = self.n_sys = 0
        self.strict_gold = self.strict_sys = 0
        self.relaxed_gold = self.relaxed_sys = 0
        self.value_ok = self.type_ok = 0

    def add(self, gold: list, system: list) -> list[tuple[str, object, object]]:
        """Count one document; return its errors as (kind, gold, system)."""
        errors: list[tuple[str, object, object]] = []
        self.n_gold += len(gold)
        self.n_sys += len(system)
        spans_sys = {(s.start, s.end) for s in system}
        spans_gold = {(g.start, g.end) for g in gold}
        self.strict_gold += sum((g.start, g.end) in spans_sys for g in gold)
        self.strict_sys += sum((s.start, s.end) in spans_gold for s in system)
        for s in system:
            if any(g.start < s.end and s.start < g.end for g in gold):
                self.relaxed_sys += 1
            else:
                errors.append(("false alarm", None, s))
        for g in gold:
            partner = next((s for s in system if g.start < s.end and s.start < g.end), None)
            if partner is None:
                errors.append(("miss", g, None))
                continue
            self.relaxed_gold += 1
            self.value_ok += partner.value == g.value
            self.type_ok += partner.type == g.type
            if (partner.start, partner.end) != (g.start, g.end):
                errors.append(("extent", g, partner))
            if partner.value != g.value or partner.type != g.type:
                errors.append(("value", g, partner))
        return errors

    def rows(self) -> dict[str, float]:
        strict = _prf(self.strict_sys, self.n_sys, self.strict_gold, self.n_gold)
        relaxed = _prf(self.relaxed_sys, self.n_sys, self.relaxed_gold, self.n_gold)
        value_acc = self.value_ok / self.relaxed_gold if self.relaxed_gold else 0.0
        type_acc = self.type_ok / self.relaxed_gold if self.relaxed_gold else 0.0
        return {
            "gold": self.n_gold,
            "system": self.n_sys,
            "strict_p": strict[0], "strict_r": strict[1], "strict_f1": strict[2],
            "relaxed_p": relaxed[0], "relaxed_r": relaxed[1], "relaxed_f1": relaxed[2],
            "value_f1": relaxed[2] * value_acc,
            "type_acc": type_acc,
        }


def evaluate(folder: Path, limit: int | None = None, collect_errors: bool = False) -> dict:
    """Run the tagger over every .tml file under ``folder``; return scores (and errors)."""
    from tracker.temporal import tag

    paths = sorted(folder.rglob("*.tml"))[:limit]
    docs = [read_tml(p) for p in paths]
    overall, dates = Tally(), Tally()
    errors: list[tuple[str, str, str, object, object]] = []
    tag("warm up: compile the rules", None)   # time the tagging, not the first-use compilation
    started = time.perf_counter()
    outputs = [tag(doc.text, doc.dct) for doc in docs]
    elapsed = time.perf_counter() - started
    for doc, system in zip(docs, outputs):
        for kind, g, s in overall.add(doc.gold, system):
            errors.append((doc.name, doc.text, kind, g, s))
        dates.add([g for g in doc.gold if g.type == "DATE"], [s for s in system if s.type == "DATE"])
    return {
        "documents": len(docs),
        "overall": overall.rows(),
        "DATE": dates.rows(),
        "ms_per_doc": 1000 * elapsed / max(len(docs), 1),
        "errors": errors if collect_errors else [],
    }


def _context(text: str, start: int, end: int, width: int = 60) -> str:
    left = text[max(0, start - width) : start].replace("\n", " ")
    right = text[end : end + width].replace("\n", " ")
    return f"{left}[[{text[start:end]}]]{right}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--errors", action="store_true", help="list misses, false alarms, extents and wrong values")
    parser.add_argument("--kind", action="append", help="only these error kinds (miss, false alarm, extent, value)")
    parser.add_argument("--limit", type=int, help="only the first N files")
    args = parser.parse_args(argv)
    result = evaluate(args.folder, args.limit, args.errors)
    if args.errors:
        for name, text, kind, g, s in result["errors"]:
            if args.kind and kind not in args.kind:
                continue
            span = g if g is not None else s
            gold = f"gold {g.type} {g.value} {g.text!r}" if g else ""
            system = f"sys {s.type} {s.value} {s.text!r}" if s else ""
            print(f"{kind:11} {name:28} {gold:45} {system:45} | {_context(text, span.start, span.end)}")
        print()
    print(f"{result['documents']} documents, {result['ms_per_doc']:.2f} ms per document")
    print(f"{'':8} {'gold':>5} {'sys':>5} {'strict P':>9} {'R':>6} {'F1':>6} {'relaxed P':>10} {'R':>6} {'F1':>6} {'value F1':>9} {'type acc':>9}")
    for label in ("overall", "DATE"):
        r = result[label]
        print(
            f"{label:8} {r['gold']:5d} {r['system']:5d} {100 * r['strict_p']:9.1f} {100 * r['strict_r']:6.1f} "
            f"{100 * r['strict_f1']:6.1f} {100 * r['relaxed_p']:10.1f} {100 * r['relaxed_r']:6.1f} "
            f"{100 * r['relaxed_f1']:6.1f} {100 * r['value_f1']:9.1f} {100 * r['type_acc']:9.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
