"""The dialogue of ``tracker ingest --review``: the events found, one at a time, the way
``git add -p`` walks hunks. Keep, reject, edit, keep the rest, or quit.

The session talks through three functions so that it does not depend on a terminal: ``ask(prompt)``
returns the line typed (None at end of input, taken as quit), ``say(text)`` prints, and
``edit_text(text)`` returns the text after an editor (None when it was not saved).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

import orjson

from tracker.errors import TrackerError
from tracker.model import Event, EventError

PROMPT = "Keep this event [y,n,e,E,a,q,?]? "
HELP = """y - keep this event
n - reject this event (remembered: ingesting the same text again leaves it out; 'tracker rejected' lists it)
e - edit its type, date and title (Enter keeps each), then decide
E - edit the whole event as JSON in $EDITOR, then decide
a - keep this event and all the rest
q - quit: keep none of the rest (they are not rejected either: the next ingest shows them again)
? - print this help"""


@dataclass
class Outcome:
    kept: list[Event] = field(default_factory=list)
    rejected: list[Event] = field(default_factory=list)
    left: list[Event] = field(default_factory=list)  # not decided (quit)
    edited: int = 0


@dataclass
class Session:
    ask: Callable[[str], str | None]
    say: Callable[[str], None]
    edit_text: Callable[[str], str | None]
    read_type: Callable[[str], str]  # a typed event type -> its canonical form (raises on a bad one)
    read_date: Callable[[str], object]  # a typed date -> PartialDate (raises on a bad one)
    known: Callable[[str], bool] = lambda name: True  # whether the registry has the company (else "new" is shown)

    def run(self, events: list[Event]) -> Outcome:
        outcome = Outcome()
        for number, event in enumerate(events, 1):
            decided = self._decide(event, f"({number}/{len(events)})", outcome)
            if decided == "a":
                outcome.kept.extend(events[number:])
                break
            if decided == "q":
                outcome.left.extend(events[number - 1:])
                break
        return outcome

    def _decide(self, event: Event, counter: str, outcome: Outcome) -> str:
        """Ask about one event until it is decided; the answer that ended it (y, n, a or q)."""
        original = event
        if not counter.startswith("(1/"):
            self.say("")  # a blank line between events, so each stands apart
        self.say(describe(event, counter, self.known))
        while True:
            answer = self.ask(PROMPT)
            if answer is None:
                return "q"
            answer = answer.strip()
            if answer in ("y", "a"):
                outcome.kept.append(event)
                outcome.edited += event is not original
                return answer
            if answer == "n":
                outcome.rejected.append(original)  # what a later ingest will find again is the original
                return "n"
            if answer == "q":
                return "q"
            if answer in ("e", "E"):
                event = (self._quick_edit if answer == "e" else self._json_edit)(event)
                self.say(describe(event, counter, self.known))
                continue
            self.say(HELP)

    def _quick_edit(self, event: Event) -> Event:
        event = self._field(event, "type", event.type, lambda text: replace(event, type=self.read_type(text), id=""))
        event = self._field(event, "date", event.date.value or "unknown", lambda text: replace(event, date=self.read_date(text), id=""))
        return self._field(event, "title", event.title, lambda text: replace(event, title=text.strip(), id=""))

    def _field(self, event: Event, name: str, shown: str, change: Callable[[str], Event]) -> Event:
        """Ask for one field until the answer is empty (keep it) or valid."""
        while True:
            typed = self.ask(f"{name} [{shown}]: ")
            if typed is None or not typed.strip():
                return event
            try:
                return change(typed)
            except (TrackerError, EventError, ValueError) as exc:
                self.say(f"  {exc}")

    def _json_edit(self, event: Event) -> Event:
        raw = {key: value for key, value in event.to_dict().items() if key != "id"}
        text = self.edit_text(orjson.dumps(raw, option=orjson.OPT_INDENT_2).decode() + "\n")
        if text is None:
            self.say("  not saved: the event is unchanged")
            return event
        try:
            edited = orjson.loads(text)
            if isinstance(edited, dict):
                edited.pop("id", None)  # the id follows the content
            return Event.from_dict(edited)
        except (orjson.JSONDecodeError, EventError) as exc:
            self.say(f"  not used: {str(exc).splitlines()[0]}; the event is unchanged")
            return event


def describe(event: Event, counter: str = "", known: Callable[[str], bool] = lambda name: True) -> str:
    """An event as the review shows it: date, companies (a company the registry does not know
    yet marked "(new)": it joins the registry if the event is kept), type, title, its sentence."""
    names = "; ".join(name if known(name) else f"{name} (new)" for name in event.companies)
    lines = [f"{counter} {event.date.value or 'undated'}  {names}  {event.type}".strip()]
    lines.append(f"    {event.title}")
    for source in event.sources[:2]:
        quote = " ".join(source.quote.split())
        lines.append(f"    “{quote}” ({source.doc})" if source.doc else f"    “{quote}”")
    return "\n".join(lines)


def summary(outcome: Outcome) -> str:
    parts = [f"kept {len(outcome.kept)}" + (f" ({outcome.edited} edited)" if outcome.edited else ""), f"rejected {len(outcome.rejected)}"]
    if outcome.left:
        parts.append(f"left {len(outcome.left)} undecided (the next ingest shows them again)")
    return "review: " + ", ".join(parts)
