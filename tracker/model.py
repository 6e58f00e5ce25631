"""The event model: what one dated company event is, and its plain-dict form.

The dict form (``Event.to_dict`` / ``Event.from_dict``) is the one stored in the log, shipped in
``events/`` and written by the JSON exports, so export then import is lossless.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone

from tracker.event_types import EVENT_TYPES  # noqa: F401 (re-exported: the model checks types against it)
from tracker.temporal.partial import PartialDate


class EventError(ValueError):
    """An event record that breaks the model (bad date, unknown type, no company...)."""


# A character offset into a document; JSON readers beyond Python lose integers past 2**53.
MAX_OFFSET = 2**53 - 1


@dataclass(frozen=True)
class Source:
    doc: str
    quote: str
    article: str = ""
    offset: int | None = None
    # The temporal expression the date was read from ("last week"), so a reader can see why.
    date_text: str = ""
    # Where the document was published (a web page's canonical address), when it says.
    url: str = ""

    def to_dict(self) -> dict:
        out = {"doc": self.doc, "article": self.article, "quote": self.quote, "offset": self.offset}
        if self.date_text:
            out["date_text"] = self.date_text
        if self.url:
            out["url"] = self.url
        return out

    @classmethod
    def from_dict(cls, raw: dict) -> "Source":
        if not isinstance(raw, dict):
            raise EventError("a source must be an object with doc and quote")
        offset = raw.get("offset")
        if offset is not None and (
            isinstance(offset, bool) or not isinstance(offset, int) or not 0 <= offset <= MAX_OFFSET
        ):
            shown = repr(offset) if not isinstance(offset, int) or offset.bit_length() < 64 else "a number too large"
            raise EventError(f"source offset must be a non-negative integer below 2**53, not {shown}")
        return cls(
            doc=_text(raw.get("doc"), "source doc"),
            quote=_text(raw.get("quote"), "source quote"),
            article=_text(raw.get("article"), "source article"),
            offset=offset,
            date_text=_text(raw.get("date_text"), "source date_text"),
            url=_text(raw.get("url"), "source url"),
        )

    def same_place(self, other: "Source") -> bool:
        return source_place(self.to_dict()) == source_place(other.to_dict())


@dataclass(frozen=True)
class Event:
    date: PartialDate
    companies: tuple[str, ...]
    type: str
    title: str
    people: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    tags: tuple[str, ...] = ()
    recorded: str = ""
    id: str = field(default="")
    # When a person last changed the event (``tracker edit``, ``merge``, ``import --replace``);
    # the id stays the one it was recorded under, so links and notes that cite it keep working.
    edited: str = ""

    def __post_init__(self) -> None:
        if not self.companies:
            raise EventError("an event needs at least one company")
        _normalise_text(self)
        if self.type not in EVENT_TYPES:
            raise EventError(f"unknown event type {self.type!r} (one of: {', '.join(EVENT_TYPES)})")
        if not self.title.strip():
            raise EventError("an event needs a title")
        if "\n" in self.title or "\r" in self.title:
            raise EventError("a title is one line")
        _check_utf8(self)
        if not self.id:
            object.__setattr__(self, "id", event_id(self.date, self.companies, self.type, self.title))

    @property
    def main_company(self) -> str:
        return self.companies[0]

    def with_sources(self, extra: tuple[Source, ...]) -> "Event":
        """This event with the sources of a second report of it added (no source twice)."""
        merged = list(self.sources)
        places = {source_place(known.to_dict()) for known in merged}  # a set: one report found many times stays linear
        for source in extra:
            place = source_place(source.to_dict())
            if place not in places:
                places.add(place)
                merged.append(source)
        return replace(self, sources=tuple(merged))

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "date": self.date.value,
            "precision": self.date.precision,
            "companies": list(self.companies),
            "people": list(self.people),
            "type": self.type,
            "title": self.title,
            "sources": [s.to_dict() for s in self.sources],
            "tags": list(self.tags),
            "recorded": self.recorded,
            **({"edited": self.edited} if self.edited else {}),
        }

    @classmethod
    def from_dict(cls, raw: dict) -> "Event":
        if not isinstance(raw, dict):
            raise EventError("an event must be an object")
        try:
            when = PartialDate.parse(_text(raw.get("date"), "date") or None)
        except ValueError as exc:
            raise EventError(str(exc)) from exc
        precision = raw.get("precision")
        if precision not in (None, "", when.precision):
            raise EventError(f"precision {precision!r} does not match date {when.value!r}")
        sources = raw.get("sources")
        if sources is None and isinstance(raw.get("source"), dict):
            sources = [raw["source"]]
        return cls(
            date=when,
            companies=_names(raw.get("companies"), "companies"),
            type=_text(raw.get("type"), "type"),
            title=_text(raw.get("title"), "title").strip(),
            people=_names(raw.get("people"), "people"),
            sources=tuple(Source.from_dict(s) for s in _list(sources, "sources")),
            tags=_names(raw.get("tags"), "tags"),
            recorded=_text(raw.get("recorded"), "recorded"),
            id=_text(raw.get("id"), "id"),
            edited=_text(raw.get("edited"), "edited"),
        )


def source_place(source: dict) -> tuple:
    """What makes two sources the same report: document, sentence and offset (article,
    date_text and url are descriptions of it)."""
    return (source.get("doc"), source.get("quote"), source.get("offset"))


# Ids are hex digits of a sha1 of what the event is (date, companies, type, title), so the same
# event recorded twice gets the same id. ID_LENGTH = 20 hex digits (80 bits): the chance that two
# of a billion events share an id is about 4e-7 (at 10 digits, 40 bits, it was 36% at a million).
# Logs written before kept 10-digit ids (LEGACY_ID_LENGTH); the new id of the same event starts
# with its old one, so an old id still finds the event as a prefix. Tables show SHORT_ID digits.
ID_LENGTH = 20
LEGACY_ID_LENGTH = 10
SHORT_ID = 10


def identity_hash(date_value: str | None, companies, type_: str, title: str) -> str:
    """The full sha1 (40 hex digits) of what makes two records the same event."""
    names = "|".join(sorted(c.casefold() for c in companies))
    key = f"{date_value or ''}\n{names}\n{type_}\n{' '.join(title.casefold().split())}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


def row_identity(row: dict) -> str:
    """``identity_hash`` of a stored or exported row (``Event.to_dict`` form)."""
    return identity_hash(row.get("date"), row.get("companies") or (), row.get("type") or "", row.get("title") or "")


def event_id(when: PartialDate, companies, type_: str, title: str) -> str:
    """ID_LENGTH hex digits of a hash of what the event is, so the same event recorded twice collides."""
    return identity_hash(when.value, companies, type_, title)[:ID_LENGTH]


def now_stamp() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def nfc(text: str) -> str:
    """One Unicode form for one spelling: "Café" typed with a combining accent is "Café"."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def _normalise_text(event: "Event") -> None:
    """Names and the title in NFC, so two spellings that look the same are the same company
    (one shard, one registry row, one event id)."""
    for name in ("companies", "people", "tags"):
        values = getattr(event, name)
        if not all(v.isascii() for v in values):
            object.__setattr__(event, name, tuple(dict.fromkeys(nfc(v) for v in values)))
    if not event.title.isascii():
        object.__setattr__(event, "title", nfc(event.title))


def _check_utf8(event: "Event") -> None:
    """Text that cannot be written as UTF-8 (a lone surrogate: an argument or file name holding
    invalid UTF-8 bytes) is refused here, before it reaches a file, instead of failing there."""
    fields = [("title", event.title), *(("company", c) for c in event.companies), *(("person", p) for p in event.people),
              *(("tag", t) for t in event.tags)]
    for source in event.sources:
        fields += [("source doc", source.doc), ("source quote", source.quote), ("source article", source.article),
                   ("source date_text", source.date_text), ("source url", source.url)]
    for what, text in fields:
        if not text.isascii():
            try:
                text.encode("utf-8")
            except UnicodeEncodeError:
                raise EventError(f"{what} {text!r} is not valid UTF-8 text") from None


def _text(value, what: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise EventError(f"{what} must be text, not {type(value).__name__}")
    return value


def _list(value, what: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise EventError(f"{what} must be a list")
    return value


def _names(value, what: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [part for part in value.split(";")]
    names = []
    for item in _list(value, what):
        if not isinstance(item, str):
            raise EventError(f"{what} must be a list of text")
        if item.strip() and item.strip() not in names:
            names.append(item.strip())
    return tuple(names)
