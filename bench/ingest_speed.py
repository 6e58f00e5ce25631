"""How ingest time grows with the size of a text, whatever its line breaks.

    python bench/ingest_speed.py                  # all texts, whole extract and its pieces
    python bench/ingest_speed.py --sizes 20 40 80 --repeat 3
    python bench/ingest_speed.py --profile single-80   # cProfile of extract on one text

Texts are built at run time, never stored: (a) the seeds in ``seeds/`` as they are; (b) one
single paragraph of N KB, sentences joined with spaces and no line break; (c) the same sentences
with a line break after each. The sentences come from ``../shared/data/company-news/train/docs``
when that folder is there, else from the seeds. Reported per text: KB and KB/s of
``tracker.ingest.extract`` and of its pieces run alone on the whole text (article splitting,
``sentences``, the temporal tagger, company finding), least CPU time of ``--repeat`` runs; extract's
overall throughput on the seeds. A piece whose KB/s falls as the size doubles grows faster than
the text.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from ingest_eval import load_facts, load_registry  # noqa: E402

from tracker.ingest import extract, split_articles  # noqa: E402
from tracker.ingest.companies import CompanyFinder  # noqa: E402
from tracker.ingest.text import sentences  # noqa: E402
from tracker.registry import Registry  # noqa: E402
from tracker.temporal import tag  # noqa: E402

# ../shared beside the checkout, or beside its parent folder (a git worktree such as wt/NAME)
CORPUS = next(
    (base / "shared" / "data" / "company-news" for base in (ROOT.parent, ROOT.parent.parent)
     if (base / "shared" / "data" / "company-news").is_dir()),
    ROOT.parent / "shared" / "data" / "company-news",
)
TRAIN_DOCS = CORPUS / "train" / "docs"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def source_sentences() -> list[str]:
    """Sentences (one line each) of the train docs when present, else of the seeds."""
    folder = TRAIN_DOCS if TRAIN_DOCS.is_dir() else ROOT / "seeds"
    out = []
    for path in sorted(folder.glob("*.txt")):
        for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
            flat = " ".join(block.split())
            out.extend(s for s in _SENTENCE_END.split(flat) if len(s) > 20 and s[-1] in ".!?")
    return out


def built_text(kb: int, separator: str, pool: list[str]) -> str:
    """About ``kb`` KB of the pool's sentences in order (cycling), joined by ``separator``."""
    parts: list[str] = []
    size, index = 0, 0
    while size < kb * 1024:
        sentence = pool[index % len(pool)]
        parts.append(sentence)
        size += len(sentence.encode("utf-8")) + 1
        index += 1
    return separator.join(parts)


def texts(sizes: list[int]) -> dict[str, str]:
    out = {f"seed-{p.name[:3]}": p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))}
    pool = source_sentences()
    for kb in sizes:
        out[f"single-{kb}"] = built_text(kb, " ", pool)
    for kb in sizes:
        out[f"lines-{kb}"] = built_text(kb, "\n", pool)
    return out


def best_time(fn, repeat: int) -> float:
    """The least CPU time of ``repeat`` runs: CPU time, not wall time, so that other work on a shared
    machine counts less (the code runs on one thread: on an idle machine the two are the same)."""
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        fn()
        best = min(best, time.process_time() - started)
    return best


def pieces(text: str, name: str, rows: list[dict], facts: list[dict]) -> dict:
    """Callables for extract and each piece of it, run on the whole text."""
    finder = CompanyFinder(Registry([dict(r) for r in rows]))

    def companies() -> None:
        known = finder.known(text)
        finder.short_forms(text, 0, len(text), known)

    return {
        "extract": lambda: extract(text, name, Registry([dict(r) for r in rows]), facts),
        "articles": lambda: split_articles(text, name, facts),
        "sentences": lambda: sentences(text),
        "tag": lambda: tag(text),
        "companies": companies,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20, 40, 80], help="KB of the built texts")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measure; the best counts")
    parser.add_argument("--only", nargs="+", help="only these texts (seed-000, single-80, lines-40...)")
    parser.add_argument("--extract-only", action="store_true", help="time extract alone, not its pieces")
    parser.add_argument("--profile", metavar="TEXT", help="cProfile extract on one text and print the top 25")
    args = parser.parse_args(argv)
    rows, facts = load_registry(ROOT / "events"), load_facts(ROOT / "events")
    tag("warm-up: the rules compile on first use, 1 May 2017")
    corpus = texts(args.sizes)
    if args.profile:
        text = corpus[args.profile]
        profiler = cProfile.Profile()
        profiler.runcall(extract, text, args.profile, Registry([dict(r) for r in rows]), facts)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(15)
        return 0
    names = [n for n in corpus if not args.only or n in args.only]
    columns = ["extract"] if args.extract_only else ["extract", "articles", "sentences", "tag", "companies"]
    print(f"{'text':<12} {'KB':>6} " + " ".join(f"{c + ' s':>10} {'KB/s':>7}" for c in columns))
    seed_kb, seed_s = 0.0, 0.0
    for name in names:
        text = corpus[name]
        kb = len(text.encode("utf-8")) / 1024
        calls = pieces(text, name, rows, facts)
        cells = []
        for column in columns:
            seconds = best_time(calls[column], args.repeat)
            cells.append(f"{seconds:>10.3f} {kb / seconds:>7.0f}")
            if column == "extract" and name.startswith("seed-"):
                seed_kb, seed_s = seed_kb + kb, seed_s + seconds
        print(f"{name:<12} {kb:>6.1f} " + " ".join(cells), flush=True)
    if seed_s:
        print(f"extract on the seeds: {seed_kb:.1f} KB in {seed_s:.2f} s = {seed_kb / seed_s:.1f} KB/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
