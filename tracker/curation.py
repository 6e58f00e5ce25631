"""Changes to the company registry: alias, rename, merge, parent, accept, remove.

Each change is a *plan* for ``EventLog.change``: a function of the log as it is under the writer
lock (``rows_of(names)``, the registry tables) that checks the request against it and returns
the events to move, a function that edits the registry tables, and a report for the user. The
same plan runs first on the log as read (``preview``), so a wrong request is refused before
anything is written, on the shipped sample log too.

Events name companies by their canonical name, and an event's id is a hash of its content
(companies included), so an event that follows its company to a new name gets a new id; the
report lists the old and new ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from tracker.errors import UsageError
from tracker.model import Event
from tracker.registry import Registry, lookup_key


@dataclass
class CompanyReport:
    """What a registry command did: a sentence for the user and the ids of the events that moved."""

    message: str
    moved: list[tuple[str, str]] = field(default_factory=list)  # (old id, new id)


def company_rows(registry: dict) -> list[dict]:
    table = registry.get("companies", {})
    return [table[key] for key in sorted(table, key=int)]


def _row(registry: dict, name: str) -> dict:
    for row in registry.get("companies", {}).values():
        if row.get("name") == name:
            return row
    raise UsageError(f"unknown company {name!r}")  # checked before: only a race gets here


def _drop(registry: dict, name: str) -> None:
    table = registry.get("companies", {})
    for key in [k for k, row in table.items() if row.get("name") == name]:
        del table[key]


def _naming(rows_of, name: str) -> list[dict]:
    """The stored events that name this company (exactly: a shard folder is shared by spellings
    that differ in case only)."""
    return [row for row in rows_of([name]) if name in row.get("companies", ())]


def _renamed_events(rows: list[dict], old: str, new: str) -> tuple[list[dict], list[str], list[tuple[str, str]]]:
    """The events naming ``old`` rewritten to name ``new`` (once), with their content ids."""
    add, remove, moved = [], [], []
    for row in rows:
        names = list(dict.fromkeys(new if name == old else name for name in row["companies"]))
        raw = {key: value for key, value in row.items() if key not in ("start", "end")}
        event = replace(Event.from_dict(raw), companies=tuple(names), id="")
        add.append(event.to_dict())
        remove.append(row["id"])
        moved.append((row["id"], event.id))
    return add, remove, moved


def _aliases_with(row: dict, extra: list[str]) -> list[str]:
    """The row's aliases plus ``extra``, none twice (by lookup key) and none equal to its name."""
    seen = {lookup_key(row["name"])}
    out = []
    for alias in [*(row.get("aliases") or ()), *extra]:
        key = lookup_key(alias)
        if key and key not in seen:
            seen.add(key)
            out.append(alias)
    return out


def _events_phrase(count: int, verb: str = "") -> str:
    """'1 event names', '2 events name': the count, and the verb agreeing with it."""
    noun = "event" if count == 1 else "events"
    if verb:
        verb = " " + (verb + "s" if count == 1 else verb)
    return f"{count} {noun}{verb}"


def alias(name: str, new_alias: str):
    def plan(rows_of, registry: dict):
        companies = Registry(company_rows(registry))
        target = companies.resolve(name)
        clean = " ".join(new_alias.split())
        if not clean:
            raise UsageError("an alias cannot be empty")
        holder = companies.canonical(clean)
        if holder == target:
            return [], [], None, CompanyReport(f"{clean!r} already names {target}")
        if holder is not None and holder == clean:
            raise UsageError(f"{clean!r} is a company of its own; to make it one with {target}: tracker companies merge {clean!r} {target!r}")
        if holder is not None:
            raise UsageError(f"{clean!r} is already an alias of {holder}")

        def edit(data: dict) -> None:
            row = _row(data, target)
            row["aliases"] = _aliases_with(row, [clean])
            row["review"] = False

        return [], [], edit, CompanyReport(f"{clean!r} is now an alias of {target}")

    return plan


def rename(old: str, new: str):
    def plan(rows_of, registry: dict):
        companies = Registry(company_rows(registry))
        source = companies.resolve(old)
        clean = " ".join(new.split())
        if not clean:
            raise UsageError("a company name cannot be empty")
        holder = companies.canonical(clean)
        if holder is not None and holder != source:
            raise UsageError(
                f"{clean!r} already names {holder}; to make {source} one with it: tracker companies merge {source!r} {holder!r}"
            )
        if clean == source:
            return [], [], None, CompanyReport(f"{source} is already called so")
        add, remove, moved = _renamed_events(_naming(rows_of, source), source, clean)

        def edit(data: dict) -> None:
            row = _row(data, source)
            row["name"] = clean
            row["aliases"] = _aliases_with(row, [source])
            row["review"] = False
            for child in data.get("companies", {}).values():
                if child.get("parent") == source:
                    child["parent"] = clean

        kept = f"; {source!r} is kept as an alias" if lookup_key(source) != lookup_key(clean) else ""
        message = f"renamed {source} to {clean}{kept}; {_events_phrase(len(moved), 'follow')} it"
        return add, remove, edit, CompanyReport(message, moved)

    return plan


def merge(first: str, second: str):
    """``first`` becomes one with ``second``: its events name ``second``, its name and aliases
    become aliases of ``second``, its subsidiaries ``second``'s."""

    def plan(rows_of, registry: dict):
        companies = Registry(company_rows(registry))
        source, target = companies.resolve(first), companies.resolve(second)
        if source == target:
            raise UsageError(f"{first!r} and {second!r} are the same company ({target})")
        add, remove, moved = _renamed_events(_naming(rows_of, source), source, target)

        def edit(data: dict) -> None:
            gone = _row(data, source)
            row = _row(data, target)
            row["aliases"] = _aliases_with(row, [source, *(gone.get("aliases") or ())])
            row["review"] = False
            if row.get("parent") == source:  # a subsidiary absorbing its parent takes its place
                row["parent"] = gone.get("parent")
            for child in data.get("companies", {}).values():
                if child.get("parent") == source:
                    child["parent"] = target
            _drop(data, source)

        message = f"merged {source} into {target} ({source!r} is now its alias); {_events_phrase(len(moved))} moved"
        return add, remove, edit, CompanyReport(message, moved)

    return plan


def parent(name: str, new_parent: str | None):
    def plan(rows_of, registry: dict):
        companies = Registry(company_rows(registry))
        child = companies.resolve(name)
        above = companies.resolve(new_parent) if new_parent is not None else None
        if above is not None and above in companies.family(child):
            raise UsageError(f"{above} is {child} or one of its subsidiaries: a company cannot be its own parent")

        def edit(data: dict) -> None:
            row = _row(data, child)
            row["parent"] = above
            row["review"] = False

        message = f"{child} is now a subsidiary of {above}" if above else f"{child} has no parent now"
        return [], [], edit, CompanyReport(message)

    return plan


def accept(names: list[str] | None):
    """Mark companies as reviewed (``None``: every company marked for review)."""

    def plan(rows_of, registry: dict):
        rows = company_rows(registry)
        companies = Registry(rows)
        chosen = [row["name"] for row in rows if row.get("review")] if names is None else [companies.resolve(n) for n in names]
        chosen = list(dict.fromkeys(chosen))

        def edit(data: dict) -> None:
            for name in chosen:
                _row(data, name)["review"] = False

        listed = ", ".join(chosen) if len(chosen) <= 10 else f"{', '.join(chosen[:10])} and {len(chosen) - 10} more"
        message = f"accepted {len(chosen)} compan{'y' if len(chosen) == 1 else 'ies'}" + (f": {listed}" if chosen else "")
        return [], [], edit if chosen else None, CompanyReport(message)

    return plan


def remove(names: list[str], only_for_review: bool = False):
    """Delete companies from the registry, with their aliases; refused for a company that events
    name or that is the parent of another (nothing is deleted then)."""

    def plan(rows_of, registry: dict):
        rows = company_rows(registry)
        companies = Registry(rows)
        chosen = list(dict.fromkeys(companies.resolve(name) for name in names))
        for name in chosen:
            if only_for_review and not companies.rows[name].get("review"):
                raise UsageError(f"{name} is not marked for review; to delete it: tracker companies remove {name!r}")
            named = _naming(rows_of, name)
            if named:
                raise UsageError(
                    f"{_events_phrase(len(named), 'name')} {name} (first: {named[0]['id'][:10]}); remove them "
                    f"(tracker remove ID) or merge {name} into the right company (tracker companies merge {name!r} OTHER)"
                )
            children = sorted(row["name"] for row in rows if row.get("parent") == name)
            if children:
                raise UsageError(
                    f"{name} is the parent of {', '.join(children[:5])}; give "
                    f"{'it' if len(children) == 1 else 'them'} another parent first (tracker companies parent NAME --clear)"
                )

        def edit(data: dict) -> None:
            for name in chosen:
                _drop(data, name)

        verb = "rejected" if only_for_review else "removed"
        return [], [], edit, CompanyReport(f"{verb} {', '.join(chosen)} (with {'its' if len(chosen) == 1 else 'their'} aliases)")

    return plan
