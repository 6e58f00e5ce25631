"""Dump what ingest produces on every text at hand, to check a speed-up changes nothing.

    python bench/ingest_dump.py /tmp/before.jsonl
    python bench/ingest_dump.py /tmp/after.jsonl && cmp /tmp/before.jsonl /tmp/after.jsonl

One JSON line per text and stage: ``extract`` (events and new registry rows), ``articles``,
``sentences`` and ``tag`` (the low-level stages other pipelines call directly). Texts: the seeds
(with the shipped registry and article facts, as ``bench/ingest_eval.py`` runs them), every
``tests/fixtures/news/*`` (with the tests' registry), the company-news train docs when present
(with their registry and facts), and the built single-paragraph and one-sentence-a-line texts of
``bench/ingest_speed.py`` (20 and 40 KB). ``--dev`` adds the company-news dev docs (with their
registry and facts): a file to compare with ``cmp``, not to read.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from ingest_eval import load_facts, load_registry  # noqa: E402
from ingest_speed import CORPUS, TRAIN_DOCS, built_text, source_sentences  # noqa: E402

from tracker.ingest import extract, split_articles  # noqa: E402
from tracker.ingest.text import sentences  # noqa: E402
from tracker.registry import Registry  # noqa: E402
from tracker.temporal import tag  # noqa: E402

TEST_ROWS = [  # the registry of tests/test_ingest.py
    {"name": "Acme Networks", "aliases": ["Acme"], "parent": None},
    {"name": "Borealis Telecom", "aliases": ["Borealis"], "parent": None},
    {"name": "Borealis Telecom Global", "aliases": ["BTG"], "parent": "Borealis Telecom"},
]


def cases():
    """(name, text, registry rows, facts) of every text to dump."""
    rows, facts = load_registry(ROOT / "events"), load_facts(ROOT / "events")
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        yield f"seeds/{path.name}", path.name, path.read_text(encoding="utf-8"), rows, facts
    for path in sorted((ROOT / "tests" / "fixtures" / "news").iterdir()):
        yield f"fixtures/{path.name}", path.name, path.read_text(encoding="utf-8"), TEST_ROWS, []
    if TRAIN_DOCS.is_dir():
        train = TRAIN_DOCS.parent
        train_rows, train_facts = load_registry(train), load_facts(train / "events")
        for path in sorted(TRAIN_DOCS.glob("*.txt")):
            yield f"train/{path.name}", path.name, path.read_text(encoding="utf-8"), train_rows, train_facts
    dev_docs = CORPUS / "dev" / "docs"
    if "--dev" in sys.argv and dev_docs.is_dir():  # output only, for cmp: nobody reads dev's dump
        dev_rows, dev_facts = load_registry(dev_docs.parent), load_facts(dev_docs.parent / "events")
        for path in sorted(dev_docs.glob("*.txt")):
            yield f"dev/{path.name}", path.name, path.read_text(encoding="utf-8"), dev_rows, dev_facts
    pool = source_sentences()
    for kb in (20, 40):
        for label, sep in (("single", " "), ("lines", "\n")):
            yield f"built/{label}-{kb}", f"{label}-{kb}", built_text(kb, sep, pool), rows, facts


def main(argv: list[str]) -> int:
    args = [a for a in argv if a != "--dev"]
    if len(args) != 1 or args[0].startswith("-"):
        print("usage: python bench/ingest_dump.py OUT.jsonl [--dev]", file=sys.stderr)
        return 2
    with open(args[0], "w", encoding="utf-8") as out:
        for key, doc, text, rows, facts in cases():
            registry = Registry([dict(r, aliases=list(r.get("aliases") or [])) for r in rows])
            events, new = extract(text, doc, registry, facts)
            records = {
                "extract": {"events": [e.to_dict() for e in events], "new": new},
                "articles": [asdict(a) for a in split_articles(text, doc, facts)],
                "sentences": [(s.start, s.end) for s in sentences(text)],
                "tag": [asdict(t) for t in tag(text)],
            }
            for stage, value in records.items():
                out.write(json.dumps({"text": key, "stage": stage, "value": value}, sort_keys=True, default=str) + "\n")
            print(key, len(events), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
