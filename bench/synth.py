"""Deterministic synthetic event logs for the storage benchmarks (issue 6).

    python bench/synth.py 10k 100k 1m [--out /tmp/tracker-bench] [--no-db] [--no-sqlite]

For each size N it writes, under ``<out>/<size>/``:

- ``events.jsonl``  N events in ``Event.to_dict`` form (what ``tracker export --format jsonl``
                    writes): ~700 bytes each; Zipf-like company popularity over 2,000 companies
                    (weight 1/rank), 1-2 companies per event, dates 2000-2025 of mixed precision
                    (about 5% unknown), realistic titles, quotes, articles and people;
- ``db/``           the same events as a tracker database, built with ``EventLog.import_rows``;
- ``events.sqlite`` the same events in SQLite (indexed by company and by start date), the
                    reference the benchmark compares with;
- ``manifest.json`` sizes, counts per company, and the company whose count is nearest 500.

The same N always gives the same bytes (seeded ``random.Random``). Bench data never goes in
the repository: the default output folder is /tmp/tracker-bench.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import sys
import time
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tracker.model import event_id  # noqa: E402
from tracker.temporal.partial import PartialDate  # noqa: E402

SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}
COMPANIES = 2_000
DEFAULT_OUT = Path("/tmp/tracker-bench")

_FIRST = "Sino Hua Zhong Tian Guo Xin Jin Hai Bei Nan Dong Xi Long Feng Yun Bao Kai Ming Da Heng Tai Rui Xing".split()
_SECOND = "tel com net link data soft wave star cloud mobile pay cast tron vision logic mind works gen".split()
_KIND = ["Telecom", "Technologies", "Holdings", "Networks", "Group", "Mobile", "Cloud", "Semiconductor", "Media", "Capital", "Electronics", "Software"]
_PEOPLE = "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Luo Gao".split()
_GIVEN = "Wei Fang Min Jing Lei Jun Yan Hui Tao Ping Xin Hong Bo Qiang Yu Lan Ning Jie".split()
_PLACES = ["Shanghai", "Beijing", "Shenzhen", "Guangzhou", "Hangzhou", "Chengdu", "Hong Kong", "Singapore", "Jakarta", "Kuala Lumpur", "Bangkok", "Nairobi", "Dubai", "Madrid"]
_THINGS = ["5G core network", "fibre backbone", "cloud data centre", "mobile payment service", "IoT platform", "smart city project", "undersea cable", "AI chip", "video streaming app", "satellite link", "edge computing nodes", "online marketplace"]
_TYPES = {
    "partnership": "{a} and {b} agree a strategic partnership on the {thing}",
    "joint_venture": "{a} forms a joint venture with {b} for the {thing} in {place}",
    "acquisition": "{a} acquires a {pct}% stake in {b}",
    "investment": "{a} invests {money} in the {thing} in {place}",
    "contract": "{a} wins a {money} contract to build the {thing} for {b}",
    "product_launch": "{a} launches its {thing} in {place}",
    "trial": "{a} completes a field trial of the {thing} with {b} in {place}",
    "network_deployment": "{a} switches on the {thing} across {place}",
    "expansion": "{a} opens offices in {place} to sell its {thing}",
    "financial_results": "{a} reports revenue of {money}, up {pct}% on the year",
    "market_data": "{a} passes {subs} million subscribers on its {thing}",
    "legal": "{b} sues {a} over patents on the {thing}",
    "regulatory": "Regulator fines {a} {money} over its {thing} in {place}",
    "leadership": "{a} appoints {person} as chief executive",
    "statement": "{a} says the {thing} will reach {place} next year",
    "award": "{a} wins an industry award for its {thing}",
}
_PRECISIONS = ["day"] * 50 + ["month"] * 20 + ["quarter"] * 8 + ["year"] * 8 + ["week"] * 5 + ["half"] * 4 + ["unknown"] * 5


def company_names(count: int = COMPANIES) -> list[str]:
    rng = random.Random(2000)
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < count:
        name = f"{rng.choice(_FIRST)}{rng.choice(_SECOND)} {rng.choice(_KIND)}"
        if name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return names


def _date(rng: random.Random) -> str | None:
    year = rng.randint(2000, 2025)
    precision = rng.choice(_PRECISIONS)
    if precision == "unknown":
        return None
    if precision == "year":
        return f"{year}"
    if precision == "half":
        return f"{year}-H{rng.randint(1, 2)}"
    if precision == "quarter":
        return f"{year}-Q{rng.randint(1, 4)}"
    if precision == "month":
        return f"{year}-{rng.randint(1, 12):02d}"
    if precision == "week":
        return f"{year}-W{rng.randint(1, 52):02d}"
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


_PARSED: dict = {}


def _partial(value):
    found = _PARSED.get(value)
    if found is None:
        found = _PARSED[value] = PartialDate.parse(value)
    return found


def events(count: int, seed: int = 6):
    """``count`` event dicts, deterministic for a given (count, seed)."""
    rng = random.Random(seed * 1_000_003 + count)
    names = company_names()
    weights = [1.0 / rank for rank in range(1, len(names) + 1)]
    cumulative = []
    total = 0.0
    for weight in weights:
        total += weight
        cumulative.append(total)
    types = list(_TYPES)
    for n in range(count):
        main = rng.choices(names, cum_weights=cumulative)[0]
        companies = [main]
        if rng.random() < 0.5:
            other = rng.choices(names, cum_weights=cumulative)[0]
            if other != main:
                companies.append(other)
        kind = rng.choice(types)
        fill = {
            "a": main,
            "b": companies[-1] if len(companies) > 1 else rng.choice(names),
            "thing": rng.choice(_THINGS),
            "place": rng.choice(_PLACES),
            "money": f"{rng.randint(2, 900)} million yuan",
            "pct": rng.randint(2, 60),
            "subs": rng.randint(1, 400),
            "person": f"{rng.choice(_PEOPLE)} {rng.choice(_GIVEN)}",
        }
        title = _TYPES[kind].format(**fill) + f" (#{n})"
        date = _date(rng)
        when = _partial(date)
        person = fill["person"]
        quote = (
            f"{main} said on {rng.choice(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'])} that "
            f"{_TYPES[kind].format(**fill).lower()}, a move analysts in {fill['place']} described as "
            f"the company's most important step this year, according to {person}, who added that the "
            f"{fill['thing']} would serve about {fill['subs']} million users once it is complete."
        )
        yield {
            "id": event_id(when, companies, kind, title),
            "date": date,
            "precision": when.precision,
            "companies": companies,
            "people": [person],
            "type": kind,
            "title": title,
            "sources": [
                {
                    "doc": f"news_{n % 5000:05d}.txt",
                    "article": f"{main} and the race for the {fill['thing']} in {fill['place']}",
                    "quote": quote,
                    "offset": rng.randint(0, 40_000),
                }
            ],
            "tags": [fill["thing"].split()[-1], fill["place"].lower()],
            "recorded": "2026-01-01T00:00:00Z",
        }


def write_jsonl(path: Path, count: int) -> dict:
    counts: dict[str, int] = {}
    size = 0
    with open(path, "wb", buffering=1 << 20) as out:
        for row in events(count):
            line = orjson.dumps(row) + b"\n"
            size += len(line)
            out.write(line)
            for company in row["companies"]:
                counts[company] = counts.get(company, 0) + 1
    return {"bytes": size, "counts": counts}


def jsonl_rows(path: Path):
    with open(path, "rb") as handle:
        for line in handle:
            yield orjson.loads(line)


def build_db(jsonl: Path, db: Path) -> float:
    from tracker.store import EventLog

    started = time.perf_counter()
    EventLog(db, None).import_rows(jsonl_rows(jsonl))
    return time.perf_counter() - started


def build_sqlite(jsonl: Path, target: Path) -> float:
    from tracker.store.layout import date_range

    started = time.perf_counter()
    target.unlink(missing_ok=True)
    con = sqlite3.connect(target)
    con.executescript(
        """
        PRAGMA journal_mode=WAL;
        CREATE TABLE events (id TEXT PRIMARY KEY, date TEXT, start TEXT, end TEXT, type TEXT, title TEXT, json TEXT);
        CREATE TABLE event_companies (id TEXT, company TEXT);
        """
    )
    batch, links = [], []
    for row in jsonl_rows(jsonl):
        start, end, _ = date_range(row["date"])
        batch.append((row["id"], row["date"], start, end, row["type"], row["title"], orjson.dumps(row).decode()))
        links.extend((row["id"], company) for company in row["companies"])
        if len(batch) >= 20_000:
            con.executemany("INSERT OR IGNORE INTO events VALUES (?,?,?,?,?,?,?)", batch)
            con.executemany("INSERT INTO event_companies VALUES (?,?)", links)
            batch, links = [], []
    con.executemany("INSERT OR IGNORE INTO events VALUES (?,?,?,?,?,?,?)", batch)
    con.executemany("INSERT INTO event_companies VALUES (?,?)", links)
    con.executescript(
        """
        CREATE INDEX by_company ON event_companies (company, id);
        CREATE INDEX by_start ON events (start, end);
        """
    )
    con.commit()
    con.close()
    return time.perf_counter() - started


def build(label: str, out: Path, with_db: bool = True, with_sqlite: bool = True) -> dict:
    count = SIZES[label]
    folder = out / label
    folder.mkdir(parents=True, exist_ok=True)
    manifest_path = folder / "manifest.json"
    jsonl = folder / "events.jsonl"
    started = time.perf_counter()
    facts = write_jsonl(jsonl, count)
    counts = facts.pop("counts")
    target = min(counts, key=lambda name: (abs(counts[name] - 500), name))
    manifest = {
        "events": count,
        "jsonl": str(jsonl),
        "jsonl_bytes": facts["bytes"],
        "bytes_per_event": round(facts["bytes"] / count),
        "companies_with_events": len(counts),
        "largest_company": max(counts.items(), key=lambda kv: kv[1]),
        "target_company": target,
        "target_events": counts[target],
        "generate_seconds": round(time.perf_counter() - started, 1),
    }
    print(f"[{label}] {count} events, {facts['bytes'] / 1e6:.0f} MB JSONL, target {target!r} ({counts[target]} events)", flush=True)
    if with_db:
        db = folder / "db"
        if db.exists():
            import shutil

            shutil.rmtree(db)
        manifest["db"] = str(db)
        manifest["db_import_seconds"] = round(build_db(jsonl, db), 1)
        print(f"[{label}] tracker db built in {manifest['db_import_seconds']} s", flush=True)
    if with_sqlite:
        manifest["sqlite"] = str(folder / "events.sqlite")
        manifest["sqlite_build_seconds"] = round(build_sqlite(jsonl, folder / "events.sqlite"), 1)
        print(f"[{label}] sqlite built in {manifest['sqlite_build_seconds']} s", flush=True)
    manifest_path.write_text(json.dumps(manifest, indent=2))
    return manifest


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", default=["10k", "100k", "1m"], choices=sorted(SIZES))
    parser.add_argument("--out", type=Path, default=Path(os.environ.get("TRACKER_BENCH_DIR", DEFAULT_OUT)))
    parser.add_argument("--no-db", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true")
    args = parser.parse_args(argv)
    for label in args.sizes:
        build(label, args.out, not args.no_db, not args.no_sqlite)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
