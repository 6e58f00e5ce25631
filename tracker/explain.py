"""``tracker ingest --explain`` as text: for each event found, what decided it.

An ingest trace (``tracker.ingest.pipeline``) holds, per decision, the model's probability and
the features that pushed it most (``name +weight``), the company mentions of the sentence with
the rule that found each, and the date candidate chosen with the rule that read it.
"""

from __future__ import annotations


def _because(parts) -> str:
    return ", ".join(f"{name} {value:+.2f}" for name, value in parts) or "-"


def explanation(row: dict) -> str:
    """A readable block for one event row carrying an ``explain`` trace."""
    trace = row.get("explain") or {}
    source = (row.get("sources") or [{}])[0]
    lines = [f"{row.get('date') or 'undated'}  {'; '.join(row.get('companies') or [])}  [{row.get('type')}]  {row.get('title')}",
             f"  source   {source.get('doc')} @{source.get('offset')}: {source.get('quote')}"]
    if "event" in trace:
        cues = trace["event"].get("cues")  # kinds of sentence of ingest/data/event_cues.json, features of the event model
        cue = f"  event cues: {', '.join(cues)}" if cues else ""
        lines.append(f"  event    p={trace['event']['p']:.2f}  because {_because(trace['event']['because'])}{cue}")
    if "type" in trace:
        t = trace["type"]
        cue = f"  cue words of: {', '.join(t['cues'])}" if t.get("cues") else ""
        if t.get("trigger"):  # the verb or event noun of the main company's clause (ingest/triggers.py)
            cue += f"  trigger: {t['trigger']} ({t.get('trigger_type')})"
        if t.get("rule"):  # a settled type: of a two-fact sentence (founded-before, aside-trigger, main-clause-trigger) or from the article (context <phrase> -> <type>)
            cue += f"  rule: {t['rule']}"
        lines.append(f"  type     {t['label']} p={t['p']:.2f}  because {_because(t.get('because', []))}{cue}")
    if trace.get("fact_rule"):  # one event per fact: the rule of ingest/data/fact_rules.json that made or typed it
        lines.append(f"  fact     a fact of its own by rule {trace['fact_rule']}")
    if "company" in trace:
        c = trace["company"]
        lines.append(f"  company  {c['main']} p={c['p']:.2f}  because {_because(c.get('because', []))}")
        if c.get("mentions"):
            lines.append(f"           mentions: {'; '.join(c['mentions'])}")
    if "date" in trace:
        d = trace["date"]
        origin = d.get("from") or "none"
        if d.get("rule"):
            origin += f" ({d['rule']})"
        words = f' "{d["text"]}"' if d.get("text") else ""
        lines.append(f"  date     {d.get('value') or 'undated'} from {origin}{words} p={d['p']:.2f}  because {_because(d.get('because', []))}")
        if d.get("dropped"):  # tagged dates a rule of date_rules.json reads as no date of an act
            lines.append(f"           no date of the act: {'; '.join(d['dropped'])}")
    return "\n".join(lines)
