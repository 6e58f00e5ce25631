"""The reviewed data that ships with tracker: the seed event log, company registry and article facts.

Layout of ``events/`` (one JSON object per line, so reviews diff line by line):

- ``log/<doc-stem>.jsonl``      events, each with its source sentences (``Event.to_dict`` form)
- ``companies.jsonl``           the company registry: name, aliases, parent
- ``articles/<doc-stem>.jsonl`` the articles inside each seed document: title, character offset of
                                the title, publication date and where that date is known from

``python -m tracker.curated check`` checks all of it against the seed documents and prints one
line per problem (exit 1 when there is any). ``python -m tracker.curated fill FILE.jsonl`` fills
in what a reviewer should not compute by hand: ids, precisions, quote offsets, recorded stamps.
"""

from __future__ import annotations

import sys
from pathlib import Path

import orjson

from tracker.model import Event, EventError

CURATED_ON = "2026-11-21T00:00:00Z"


def shipped_dir() -> Path:
    """Where the curated data is: inside the installed package, else the checkout's ``events/``."""
    package = Path(__file__).resolve().parent
    installed = package / "_shipped"
    if installed.is_dir():
        return installed
    return package.parent / "events"


def read_jsonl(path: Path) -> list[dict]:
    rows = []
    for number, line in enumerate(path.read_bytes().splitlines(), 1):
        if line.strip():
            try:
                rows.append(orjson.loads(line))
            except orjson.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: not JSON ({exc})") from exc
    return rows


def shipped_events(root: Path | None = None) -> list[Event]:
    root = root or shipped_dir()
    events = []
    for path in sorted((root / "log").glob("*.jsonl")):
        for number, raw in enumerate(read_jsonl(path), 1):
            try:
                events.append(Event.from_dict(raw))
            except EventError as exc:
                raise ValueError(f"{path}:{number}: {exc}") from exc
    return events


def shipped_companies(root: Path | None = None) -> list[dict]:
    path = (root or shipped_dir()) / "companies.jsonl"
    return read_jsonl(path) if path.exists() else []


def shipped_articles(root: Path | None = None) -> list[dict]:
    root = root or shipped_dir()
    rows = []
    for path in sorted((root / "articles").glob("*.jsonl")):
        rows.extend(read_jsonl(path))
    return rows


def problems(root: Path, seeds: Path) -> list[str]:
    """Everything in the curated data that does not hold up against the seed documents."""
    found: list[str] = []
    texts = {p.name: p.read_text(encoding="utf-8") for p in seeds.glob("*.txt")}
    # companies-<doc>.jsonl files hold a reviewer's additions until they are merged into companies.jsonl
    names = {row["name"] for path in root.glob("companies*.jsonl") for row in read_jsonl(path)}
    articles = {}
    for article in shipped_articles(root):
        doc, title, offset = article.get("doc"), article.get("title", ""), article.get("offset")
        articles.setdefault(doc, set()).add(title)
        if doc not in texts:
            found.append(f"article {title!r}: unknown doc {doc!r}")
        elif not isinstance(offset, int) or texts[doc][offset : offset + len(title)] != title:
            found.append(f"article {title!r}: title not found at offset {offset} of {doc}")
    seen_ids = {}
    for path in sorted((root / "log").glob("*.jsonl")):
        for number, raw in enumerate(read_jsonl(path), 1):
            where = f"{path.name}:{number}"
            try:
                event = Event.from_dict(raw)
            except (EventError, ValueError) as exc:
                found.append(f"{where}: {exc}")
                continue
            if raw.get("id") and raw["id"] != _recomputed_id(raw):
                found.append(f"{where}: id {raw['id']} is not derived from the content ({_recomputed_id(raw)})")
            if event.id in seen_ids:
                found.append(f"{where}: same id as {seen_ids[event.id]}")
            seen_ids[event.id] = where
            for company in event.companies:
                if company not in names:
                    found.append(f"{where}: company {company!r} not in companies.jsonl")
            if not event.sources:
                found.append(f"{where}: no source")
            for source in event.sources:
                text = texts.get(source.doc)
                if text is None:
                    found.append(f"{where}: unknown doc {source.doc!r}")
                    continue
                if source.offset is None or text[source.offset : source.offset + len(source.quote)] != source.quote:
                    at = text.find(source.quote)
                    hint = f" (found at {at})" if at >= 0 else " (not found verbatim anywhere)"
                    found.append(f"{where}: quote not at offset {source.offset}{hint}: {source.quote[:60]!r}")
                if source.article not in articles.get(source.doc, set()):
                    found.append(f"{where}: article {source.article!r} not listed for {source.doc}")
                if source.date_text and source.date_text not in source.quote:
                    found.append(f"{where}: date_text {source.date_text!r} is not in the quote")
    return found


def _recomputed_id(raw: dict) -> str:
    clean = dict(raw)
    clean["id"] = ""
    return Event.from_dict(clean).id


def fill(path: Path, seeds: Path) -> None:
    """Rewrite a log file with ids, precisions, offsets and stamps derived from what a reviewer wrote."""
    rows = []
    for raw in read_jsonl(path):
        for source in raw.get("sources") or []:
            if source.get("offset") is None:
                text = (seeds / source["doc"]).read_text(encoding="utf-8")
                at = text.find(source["quote"])
                source["offset"] = at if at >= 0 else None
        raw["id"] = ""
        raw.setdefault("recorded", CURATED_ON)
        rows.append(Event.from_dict(raw).to_dict())
    path.write_bytes(b"".join(orjson.dumps(row) + b"\n" for row in rows))


def main(argv: list[str]) -> int:
    root = shipped_dir()
    seeds = root.parent / "seeds"
    if argv[:1] == ["fill"]:
        for name in argv[1:]:
            fill(Path(name), seeds)
        return 0
    found = problems(root, seeds)
    for line in found:
        print(line)
    events = shipped_events(root)
    print(f"{len(events)} events, {len(found)} problems", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
