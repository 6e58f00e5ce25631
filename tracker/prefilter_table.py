"""Writes ``tracker/data/prefixes.json``: ``tracker.prefilter``'s answers (necessary prefixes, and
whether matches start a word) for the patterns ingest prefilters (tagger rules, type cues and triggers, date rules, the cues before a name, the sentence features' searches), worked out once here instead of
at the start of every ingest (see ``tracker.prefilter``'s shipped table).

    python -m tracker.prefilter_table          # after changing a tagger rule, a type cue or trigger, a date rule or a cue

``tests/test_prefilter.py`` fails while the file is out of date (the answers stay right without
it: a pattern missing from the table is worked out at run time, ~0.5 ms each).
"""

from __future__ import annotations

import re

import orjson

from tracker.prefilter import TABLE, table_entry


def ingest_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """(where it comes from, pattern) of every pattern ingest asks ``tracker.prefilter`` about."""
    from tracker.ingest.context import anaphors
    from tracker.ingest.dating import date_rules
    from tracker.ingest.event_cues import event_cue_list
    from tracker.ingest.features import type_cues
    from tracker.ingest.triggers import trigger_patterns
    from tracker.temporal.tagger import rule_patterns

    out = [(f"tagger:{name}", regex) for name, regex in rule_patterns()]
    out += [(f"type_cue:{cue_id}", pattern) for cue_id, _kind, pattern in type_cues()]
    out += [(f"date_rule:{name}", rule.pattern) for name, rule in date_rules().items() if rule.pattern is not None]
    # the fiscal periods' rules, searched in every article's whole text as ``PatternSet``s
    out += [(f"date_rule:{name}:fiscal_end", rule.fiscal_end) for name, rule in date_rules().items() if rule.fiscal_end is not None]
    out += [(f"date_rule:{name}:fiscal", rule.fiscal) for name, rule in date_rules().items() if rule.fiscal is not None]
    out += [(f"type_trigger:{trigger_id}", pattern) for trigger_id, pattern in trigger_patterns()]
    out += [(f"event_cue:{cue.id}", cue.pattern) for cue in event_cue_list()]
    out += [(f"anaphor:{a.id}", a.pattern) for a in anaphors()]
    out += [(f"window:{source}", pattern) for source, pattern in window_patterns()]
    out += [(f"sentence:{source}", pattern) for source, pattern in sentence_patterns()]
    return out


def window_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """(where it comes from, pattern) of the patterns ingest looks for in the words before a name
    or a date (``prefilter.may_match_within``): the company and actor cues before a mention, the
    authority and person rules, and the words before a date that a date rule dropping it needs."""
    from tracker.ingest.actors import actor_cues
    from tracker.ingest.mentions import cues, rules

    out = [(f"company_cue:{cue.id}", cue.pattern) for cue in cues() if cue.side == "before"]
    out += [(f"actor_cue:{cue.id}", cue.pattern) for cue in actor_cues() if cue.side == "before"]
    out += [(f"mention_rule:{rule_id}", rules()[rule_id]) for rule_id in ("authority-before", "person-title-before", "product-called")]
    # the words before a tagged date that a date rule dropping it needs (``dating._drop_rule``)
    from tracker.ingest.dating import date_rules

    for name, rule in date_rules().items():
        if rule.drops:
            out += [(f"date_drop:{name}:{side}", pattern) for side, pattern in (("before", rule.before), ("unless_before", rule.unless_before))
                    if pattern is not None]
    return out


def sentence_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """(name, pattern) of the sentence features' searches that ``prefilter.finds`` asks about."""
    from tracker.ingest.features import searched_patterns

    return searched_patterns()


def table() -> dict:
    entries = []
    for source, pattern in ingest_patterns():
        entries.append({"source": source, **table_entry(pattern)})
    return {
        "about": "tracker.prefilter's answers for ingest's patterns, keyed by sha1 of 'flags\\0pattern'; "
                 "written by `python -m tracker.prefilter_table`",
        "entries": entries,
    }


def render(data: dict) -> bytes:
    """JSON with one entry a line (a changed rule is a one-line diff)."""
    entries = b",\n".join(b"  " + orjson.dumps(entry) for entry in data["entries"])
    return b'{"about": ' + orjson.dumps(data["about"]) + b',\n "entries": [\n' + entries + b"\n]}\n"


def main() -> None:
    data = table()
    TABLE.write_bytes(render(data))
    print(f"wrote {TABLE} ({len(data['entries'])} patterns)")


if __name__ == "__main__":
    main()
