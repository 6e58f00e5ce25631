"""Events a reviewer rejected (``tracker ingest --review``, ``tracker reject``, or ``tracker
remove`` of an event ingest found), remembered in the log so that ingesting the same text again
does not bring them back.

They are kept in the registry file's "rejected" table (``store.layout.REJECTED_TABLE``), keyed
like every stored event by ``doc_id(event id)``: an event's id is a hash of its content, and
ingest finds the same content in the same text, so the id is what a later ingest is checked
against. Each row is the event dict plus ``rejected_at``, so ``tracker rejected --restore`` can
bring the event back whole. The functions here make the ``registry_edit`` of a store write.
"""

from __future__ import annotations

from tracker.model import Event, now_stamp
from tracker.store.layout import REJECTED_TABLE, doc_id


def found_in_text(row: dict) -> bool:
    """Whether a stored event is one ingest found in news text (a source sentence with its
    place in the document): ingesting that text again would find it again, so removing it
    remembers it as rejected. An event added by hand has no such source."""
    return any(source.get("quote") and source.get("offset") is not None for source in row.get("sources") or ())


def record(events: list[Event]):
    """A registry edit that remembers these events as rejected (a second rejection is one)."""
    stamp = now_stamp()

    def edit(registry: dict) -> None:
        table = registry.setdefault(REJECTED_TABLE, {})
        for event in events:
            table[doc_id(event.id)] = {**event.to_dict(), "rejected_at": stamp}

    return edit


def forget(event_ids: list[str]):
    """A registry edit that drops these ids from the rejected events."""

    def edit(registry: dict) -> None:
        table = registry.setdefault(REJECTED_TABLE, {})
        for event_id in event_ids:
            table.pop(doc_id(event_id), None)

    return edit


def matcher(rows: list[dict]):
    """Whether a found event is one of these rejected ones: the same id, or the same report
    (sentence, document, type and date) under another company name, which is what a company
    renamed or merged since the rejection changes (the title too: it may start with the name)."""
    ids = {row["id"] for row in rows}
    reports = {key for row in rows for key in _report_keys(row.get("sources") or (), row)}

    def rejected(event: Event) -> bool:
        if event.id in ids:
            return True
        raw = event.to_dict()
        return any(key in reports for key in _report_keys(raw["sources"], raw))

    return rejected


def _report_keys(sources, row: dict):
    for source in sources:
        if source.get("quote"):
            yield (source.get("doc"), source.get("quote"), row.get("type"), row.get("date"))


def as_event(row: dict) -> Event:
    """The rejected event, as it was found."""
    return Event.from_dict({key: value for key, value in row.items() if key != "rejected_at"})
