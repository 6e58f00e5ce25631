"""Counts of events by company, type and period (``tracker stats``), and a bar chart of them.

Rows are stored event rows (``date``, ``precision``, ``start``, ``end`` ...). A period groups an
event by its own date when that date is coarser than the period: with ``--by month`` an event
dated just ``2017-Q3`` counts under ``2017-Q3``, not under a month it may not belong to.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

GROUPS = ("company", "type", "year", "quarter", "month")
PERIODS = ("year", "quarter", "month")
UNDATED = "undated"
_FINER_THAN_QUARTER = ("day", "week", "month")


@dataclass(frozen=True)
class Count:
    keys: tuple[str, ...]  # one value per --by group, in its order
    events: int


def parse_groups(text: str) -> list[str]:
    """A --by list ("company,year"), checked: an unknown group is a ValueError naming the valid ones."""
    from tracker.export import checked_names

    wanted = checked_names(text, GROUPS, "group", "nothing to group by", "one or more of")
    if len(set(wanted)) != len(wanted):
        raise ValueError(f"a group named twice in {text!r}")
    return wanted


def period(row: dict, group: str) -> str:
    """The year, quarter or month of an event, or its own date when that is coarser."""
    start, precision = row.get("start"), row.get("precision")
    if not start:
        return UNDATED
    if group == "year":
        return start[:4]
    if precision in _FINER_THAN_QUARTER:
        if group == "month":
            return start[:7]  # a week counts in the month of its Monday
        return f"{start[:4]}-Q{(int(start[5:7]) - 1) // 3 + 1}"
    return row["date"]  # a quarter, half or year: as coarse as the period asked for, or coarser


def values(row: dict, group: str, companies: set[str] | None = None) -> list[str]:
    """An event's values for a group: every company it names counts for that company (only the
    ``companies`` asked for, when the listing was narrowed to some)."""
    if group == "company":
        return [c for c in row.get("companies", ()) if companies is None or c in companies]
    if group == "type":
        return [row["type"]]
    return [period(row, group)]


def count(rows: list[dict], groups: list[str], companies: set[str] | None = None) -> list[Count]:
    """The events of each combination of the groups' values, in a reading order: periods in time
    order, companies and types by their number of events (most first), then by name."""
    counts: Counter[tuple[str, ...]] = Counter()
    for row in rows:
        combos: list[tuple[str, ...]] = [()]
        for group in groups:
            combos = [combo + (value,) for combo in combos for value in values(row, group, companies)]
        counts.update(combos)
    totals = [Counter() for _ in groups]  # each group value's own total, for the order
    for keys, n in counts.items():
        for index, key in enumerate(keys):
            totals[index][key] += n

    def order(item: tuple[tuple[str, ...], int]) -> tuple:
        keys, _ = item
        return tuple(
            _period_order(key) if group in PERIODS else (-totals[index][key], key.casefold())
            for index, (group, key) in enumerate(zip(groups, keys))
        )

    return [Count(keys, n) for keys, n in sorted(counts.items(), key=order)]


def _period_order(label: str) -> tuple:
    """Time order, a coarser period before a finer one starting the same day, undated last."""
    from tracker.temporal.partial import PartialDate

    if label == UNDATED:
        return (1, "", 0)
    when = PartialDate.parse(label)
    return (0, when.start.isoformat(), -(when.end - when.start).days)


def bar(n: int, most: int, width: int) -> str:
    """A bar of n against the largest count, at most ``width`` cells; any count shows at least a sliver."""
    if most <= 0 or width <= 0:
        return ""
    eighths = max(1, round(n * width * 8 / most))
    full, part = divmod(eighths, 8)
    return "█" * full + ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")[part]
