"""The main actor of a sentence's event: the company that acts, or the one a figure is about.

Two steps:

- ``assign_context`` (run by ``pipeline.read_article``) gives every sentence the companies it
  may speak of without naming them: ``context_company`` (what an "it" or "the company" stands
  for: the company the nearest earlier sentence named first) and an ``ActorContext``: the
  company the headline (else the lead) names first (the issuer of a press release, the subject
  of a report), the company the article names most, the other companies of the nearest earlier
  sentence, and every company named before;
- ``company_candidates`` lists the companies that may be the main actor: those named in the
  sentence and those implied by it; a linear model (``models/company.json``) ranks them on
  ``company_features``: order and position in the sentence, the words around each mention (a
  verb after it, "by" before it), how the article speaks of it, and which roles an implied
  company has.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tracker import regex_code
from tracker.ingest.features import _PRONOUN_START, words
from tracker.ingest.mentions import describes_another
from tracker.ingest.stages import ActorContext, CompanyMention, SentenceView
from tracker.prefilter import search_within

DATA = Path(__file__).resolve().parent / "data"

# how many sentences of the body may open an article before its lead company is looked for no more
_LEAD_SENTENCES = 2


# how many of the companies named earlier in an article stay candidates for a sentence that names
# none: the most recently named (a short article names fewer; a long blog page would make every
# sentence weigh every company of the page)
EARLIER = 8


def assign_context(views: list[SentenceView], mentions: list[CompanyMention]) -> None:
    """Set ``context_company`` and ``actors`` (an ``ActorContext``) of an article's sentence views."""
    counts = Counter(m.name for m in mentions)
    top = counts.most_common(1)[0][0] if counts else None
    lead = _lead_company(views)
    context = top
    recent: tuple[str, ...] = ()
    earlier: dict[str, None] = {}
    for view in views:
        view.context_company = context
        view.actors = ActorContext(lead=lead, top=top, recent=recent, earlier=tuple(earlier)[-EARLIER:])
        if view.mentions:
            describing = _describing(view) if len(view.mentions) > 1 else []
            context = next((m.name for m in view.mentions if m not in describing), view.mentions[0].name)
            recent = tuple(dict.fromkeys(m.name for m in view.mentions))
            for name in recent:  # most recently named last
                earlier.pop(name, None)
                earlier[name] = None


def _lead_company(views: list[SentenceView]) -> str | None:
    """The company the headline names first, else the one the first body sentences name first."""
    for view in views:
        if view.is_title and view.mentions:
            return view.mentions[0].name
    for view in views:
        if not view.is_title and view.index < _LEAD_SENTENCES and view.mentions:
            return view.mentions[0].name
    return None


@dataclass(frozen=True)
class ActorCue:
    """A pattern of ``data/actor_cues.jsonl`` that tells what part a company plays in a sentence:
    matched on the words right ``after`` a mention, on those right ``before`` it (to their end), or
    on the whole ``sentence`` (what kind of act it tells)."""

    id: str
    side: str
    pattern: re.Pattern
    settled: bool = False  # a settled case of the guidelines: the company it marks is the main one
    opens: bool = False  # it reads the sentence from its start (a ``before`` cue): only the first company named
    # it fires only with one of these after cues on the same name ("Danish drug company [Novo]
    # acquired": a description, then the name as the subject of a verb)
    with_cues: tuple[str, ...] = ()
    unless_after: re.Pattern | None = None  # nor when the words after the name match this (a passive)
    then: re.Pattern | None = None  # only when the words after the name match this (a verb after the comma)
    starts: re.Pattern | None = None  # only in a sentence that opens so (with a direct quote)
    # the types of event whose main company it settles (empty: any): "to be acquired by X" settles
    # the buyer of an acquisition, not the company of "Shares of Acme jumped after it agreed to be
    # acquired by X", whose act is the share move
    settled_types: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def actor_cues() -> tuple[ActorCue, ...]:
    out = []
    for line in (DATA / "actor_cues.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            entry = json.loads(line)
            pattern = entry["pattern"] + ("$" if entry["side"] == "before" else "")
            out.append(ActorCue(entry["id"], entry["side"], regex_code.compile(pattern, re.I), entry.get("settled", False),
                                entry.get("opens", False), tuple(entry.get("with", ())),
                                unless_after=regex_code.compile(entry["unless_after"], re.I) if "unless_after" in entry else None,
                                then=regex_code.compile(entry["then"], re.I) if "then" in entry else None,
                                starts=regex_code.compile(entry["starts"]) if "starts" in entry else None,
                                settled_types=frozenset(entry.get("settled_types", ()))))
    return tuple(out)


_WINDOW = 120  # characters around a mention its cues look at
# an appositive that describes the name before it ("X, the majority owner of ..., said"), and its end
_APPOSITIVE_OPEN = regex_code.compile(r"[\w.)],\s+(?:the|a|an)\s+[^,;()]{0,80}$")
_APPOSITIVE_CLOSE = regex_code.compile(r"\s*(?:\([^()]{1,40}\)\s*)?,")
_VERB_CUES = frozenset({"speaker", "acts"})  # the after cues that say a name is the clause's subject


def mention_cues(text: str, start: int, end: int) -> list[str]:
    """The ids of the before/after cues that fire around ``text[start:end]``."""
    return list(_mention_cues(text, start, end))


# asked twice of each mention of a sentence with an event: by ``settled_main`` and by
# ``company_features``
@lru_cache(maxsize=256)
def _mention_cues(text: str, start: int, end: int) -> tuple[str, ...]:
    before = text[max(0, start - _WINDOW) : start]
    after = text[end : end + _WINDOW]
    # "SoftBank Group Corp, the majority owner of U.S. wireless carrier Sprint Corp, said": a
    # name that ends an appositive describing the name before it is not who speaks or acts
    closes_appositive = _APPOSITIVE_OPEN.search(before) is not None and _APPOSITIVE_CLOSE.match(after) is not None
    found = []
    for cue in actor_cues():
        if cue.side == "after" and cue.pattern.match(after):
            if closes_appositive and cue.id in _VERB_CUES:
                continue
            found.append(cue.id)
        elif cue.side == "before" and not (cue.opens and start > _WINDOW) and search_within(cue.pattern, before, 0, len(before)):
            if cue.starts is not None and not cue.starts.match(text):
                continue
            if cue.unless_after is not None and cue.unless_after.match(after):
                continue
            if cue.then is not None and not cue.then.match(after):
                continue
            found.append(cue.id)
    # a cue that needs another on the same name (``with``) stays only beside it
    return tuple(c for c in found if not _cue(c).with_cues or set(_cue(c).with_cues) & set(found))


def _cue(cue_id: str) -> ActorCue:
    return _cues_by_id()[cue_id]


@lru_cache(maxsize=1)
def _cues_by_id() -> dict[str, ActorCue]:
    return {cue.id: cue for cue in actor_cues()}


def settled_main(view: SentenceView, kind: str | None = None) -> str | None:
    """The main company a settled case of the guidelines names, whatever the model ranks first:
    the buyer of a divestment ("sold its unit to X"), the acquirer of a passive ("acquired by X");
    only when exactly one company of the sentence is so marked. A cue that reads the sentence
    from its start (``opens``: "The FCC voted to revoke the licence of X") marks only the first
    company the sentence names."""
    settled = {cue.id for cue in actor_cues() if cue.settled and (not cue.settled_types or kind in cue.settled_types)}
    opening = {cue.id for cue in actor_cues() if cue.opens}
    marked = {m.name for i, m in enumerate(view.mentions)
              if (settled - (opening if i else set())) & set(mention_cues(view.text, m.start - view.start, m.end - view.start))}
    if len(marked) == 1:
        return marked.pop()
    return _anaphor_subject(view) if not marked else None


def _anaphor_subject(view: SentenceView) -> str | None:
    """The company of a phrase that opens the sentence and stands for a company named before
    ("The carrier said the deal would close in June": the company ``mentions`` resolved it to):
    the sentence's subject is its actor, whatever company the article is about. (On train the
    event follows the phrase in each of the 38 such sentences; a lead company that the model
    preferred there is what this settles on other text.)"""
    if not view.mentions:
        return None
    first = view.mentions[0]
    if first.rule != "anaphor" or view.text[: first.start - view.start].strip(" \t\"“‘'(—–-"):
        return None
    return first.name


def sentence_cues(text: str) -> list[str]:
    return list(_sentence_cues(text))


@lru_cache(maxsize=64)  # asked of a sentence once for each company it may be about
def _sentence_cues(text: str) -> tuple[str, ...]:
    return tuple(cue.id for cue in actor_cues() if cue.side == "sentence" and cue.pattern.search(text))


def _implied(view: SentenceView) -> dict[str, list[str]]:
    """The companies a sentence may speak of without naming them, each with its roles."""
    roles: dict[str, list[str]] = {}
    ctx = view.actors or ActorContext()
    for role, name in (("context", view.context_company), ("lead", ctx.lead), ("top", ctx.top)):
        if name:
            roles.setdefault(name, []).append(role)
    for name in ctx.recent[1:]:
        roles.setdefault(name, []).append("recent")
    for name in ctx.earlier:
        roles.setdefault(name, []).append("earlier")
    return roles


def company_candidates(view: SentenceView) -> list[tuple[str, list[CompanyMention], bool]]:
    """(name, its mentions in the sentence, implied) for each company that may be the main actor."""
    out: dict[str, list[CompanyMention]] = {}
    for m in view.mentions:
        out.setdefault(m.name, []).append(m)
    describing = _describing(view)
    cands = [(name, ms, False) for name, ms in out.items() if not all(m in describing for m in ms) or len(out) == 1]
    cands += [(name, [], True) for name in _implied(view) if name not in out]
    return cands


def _describing(view: SentenceView) -> list[CompanyMention]:
    """The mentions a ``not_party`` cue marks ("Facebook" of "Facebook owner Meta"): they
    describe the company named next and take no part in the act (``data/actor_cues.jsonl``)."""
    return [m for m in view.mentions if describes_another(view.text, m.end - view.start)]


def _position(mention: CompanyMention, s: SentenceView) -> str:
    """Where in its sentence a mention is: start, early, middle or late."""
    rel = (mention.start - s.start) / max(1, len(s.text))
    return "start" if mention.start - s.start < 4 else "early" if rel < 0.3 else "middle" if rel < 0.6 else "late"


def company_features(name: str, mentions: list[CompanyMention], s: SentenceView, order: int, counts: dict[str, int],
                     implied: bool) -> dict[str, float]:
    """Whether a company is the main actor of its sentence's event (the one that acts, or the
    one a figure is about)."""
    f: dict[str, float] = {"bias": 1.0}
    roles = _implied(s).get(name, [])
    total = sum(counts.values()) or 1
    share = counts.get(name, 0) / total
    share_bucket = "high" if share > 0.4 else "mid" if share > 0.15 else "low"
    if implied:
        f["implied"] = 1.0
        pronoun = bool(_PRONOUN_START.match(s.text))
        for role in roles:
            f[f"implied&{role}"] = 1.0
            if pronoun:
                f[f"implied&{role}&pronoun_start"] = 1.0
            if not s.mentions:
                f[f"implied&{role}&no_mention"] = 1.0
        if pronoun:
            f["implied&pronoun_start"] = 1.0
        if not s.mentions:
            f["implied&no_mention"] = 1.0
        else:
            # what the sentence's first named company does: a named subject that speaks or acts
            # ("Shares in Volkswagen were down", "Exxon Mobil announced") leaves an implied company
            # less likely the actor than a name in a by-phrase or a list does
            named = s.mentions[0]
            f["implied&named_" + _position(named, s)] = 1.0
            for cue in mention_cues(s.text, named.start - s.start, named.end - s.start):
                f[f"implied&named_cue={cue}"] = 1.0
        return f
    first = mentions[0]
    f[f"order={min(order, 3)}"] = 1.0
    f["position=" + _position(first, s)] = 1.0
    before = words(s.text[max(0, first.start - s.start - 30) : first.start - s.start])[-2:]
    after_text = s.text[first.end - s.start : first.end - s.start + 40]
    after = words(after_text)[:2]
    if before:
        f[f"before1={before[-1]}"] = 1.0
    if after:
        f[f"after1={after[0]}"] = 1.0
    if len(after) > 1:
        f[f"after2={after[0]}_{after[1]}"] = 0.5
    if re.match(r"[’']s\b", after_text):
        f["possessive"] = 1.0
    if first.known:
        f["known"] = 1.0
    if len(mentions) > 1:
        f["repeated_in_sentence"] = 1.0
    f["article_share=" + share_bucket] = 1.0
    for role in roles:
        f[f"named&{role}"] = 1.0
    kinds = sentence_cues(s.text)
    for i, m in enumerate(mentions):
        for cue in mention_cues(s.text, m.start - s.start, m.end - s.start):
            f[f"cue={cue}"] = 1.0
            if i == 0:
                f[f"first.cue={cue}"] = 1.0
            for kind in kinds:
                f[f"{kind}&cue={cue}"] = 1.0
    for kind in kinds:
        f[f"{kind}&order={min(order, 2)}"] = 1.0
    if all(m.rule == "anaphor" for m in mentions):
        f["anaphor_only"] = 1.0
    if counts and name == max(counts, key=counts.get):
        f["article_top"] = 1.0
    if s.context_company == name:
        f["context_company"] = 1.0
    return f
