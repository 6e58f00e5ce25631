"""Extraction past one machine with Dask: a bag of files mapped to JSON Lines that ``tracker import`` merges.

    pip install 'tracker[dask]'
    python -m tracker.distributed news/ --out parts/ [--scheduler processes] [--db LOG]
    cat parts/*.jsonl | tracker import - -f jsonl

Dask is not tracker's engine, only one that can run ``tracker.extraction.extract_events``, a
pure function of (text, publication date, registry), over many files: on this machine
(``scheduler="processes"`` or ``"sync"``) or on a cluster (a ``dask.distributed.Client``
made before the call is used by ``scheduler=None``). Each partition of the bag builds the
registry once and writes one part file; the parts, read in name order, hold the events in the
order of the files, as ``tracker ingest`` finds them.

``tracker import`` then merges what ``tracker ingest`` would have written: the same events
with the same ids and sources (an event told in two files is one event with both sources).
Two differences: import registers only the companies the events name (ingest also registers
companies a text names without an event of theirs), and it does not skip an event whose
sentence the log already holds under another id (ingest does, when texts are ingested again).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

import orjson

from tracker.registry import Registry


def document_rows(path: str, registry: Registry, published: date | None = None) -> list[bytes]:
    """The events of one news file as JSON Lines rows (``Event.to_dict``, no ``recorded``
    stamp: import stamps them); a file that cannot be read gives none."""
    from tracker.errors import TrackerError
    from tracker.extraction import MAX_NEWS_BYTES, extract_events
    from tracker.textio import read_text

    try:
        text, _ = read_text(path, MAX_NEWS_BYTES)
    except TrackerError as exc:
        print(f"tracker: warning: skipped {exc}", file=sys.stderr)
        return []
    events = extract_events(text, source=Path(path).name, published=published, registry=registry)
    return [orjson.dumps(event.to_dict()) for event in events]


def _partition_rows(paths, registry_rows: list[dict], published: date | None) -> list[str]:
    registry = Registry(registry_rows)  # once per partition, not per file
    return [row.decode("utf-8") for path in paths for row in document_rows(path, registry, published)]


def ingest_with_dask(paths: list[str], out: Path, registry_rows: list[dict] | None = None,
                     published: date | None = None, scheduler: str | None = "processes",
                     partitions: int | None = None) -> list[Path]:
    """Write the events of the news files (folders expanded as ``tracker ingest`` does) to
    ``out/part-NNNNN.jsonl``, extracting with Dask; the part files, in name order."""
    import dask.bag

    from tracker.extraction import shipped_registry
    from tracker.textio import news_files

    files = news_files(paths)
    if registry_rows is None:
        registry_rows = list(shipped_registry().rows.values())
    out.mkdir(parents=True, exist_ok=True)
    bag = dask.bag.from_sequence(files, npartitions=partitions or min(len(files), 100) or 1)
    rows = bag.map_partitions(_partition_rows, registry_rows, published)
    # last_endline: every line ends, so the parts can be concatenated
    written = rows.to_textfiles(str(out / "part-*.jsonl"), name_function=lambda i: f"{i:05d}", last_endline=True,
                                **({"scheduler": scheduler} if scheduler else {}))
    return sorted(Path(name) for name in written)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tracker.distributed", description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", help="news files or folders of them")
    parser.add_argument("--out", required=True, type=Path, help="folder for the part-NNNNN.jsonl files")
    parser.add_argument("--scheduler", default="processes", help="processes, threads or sync (default: processes)")
    parser.add_argument("--published", type=date.fromisoformat, help="publication date of every text (YYYY-MM-DD)")
    parser.add_argument("--db", type=Path, help="resolve companies with this event log's registry (default: the shipped one)")
    args = parser.parse_args(argv)
    from tracker.errors import TrackerError

    try:
        rows = None
        if args.db is not None:
            from tracker.api import Tracker

            rows = list(Tracker(args.db).registry.rows.values())
        parts = ingest_with_dask(args.paths, args.out, rows, args.published, args.scheduler)
    except ModuleNotFoundError as exc:
        if exc.name != "dask" and not (exc.name or "").startswith("dask."):
            raise
        print("tracker: error: Dask is not installed (pip install 'tracker[dask]')", file=sys.stderr)
        return 1
    except TrackerError as exc:
        print(f"tracker: error: {exc}", file=sys.stderr)
        return exc.exit_code
    print(f"wrote {len(parts)} part file(s) to {args.out}; merge them with: cat {args.out}/*.jsonl | tracker import - -f jsonl",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
