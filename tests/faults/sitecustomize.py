"""Fault injection for tests that run tracker as a real process (PYTHONPATH=tests/faults).

``TRACKER_FAULTS`` holds a JSON list of rules; each names a function of ``os`` to wrap
("replace", "link", "open", "scandir", "listdir"; "builtins.open" for Python's open), a text its first path argument (or,
with "arg": 1, its second) must contain, and what to do instead of or before the call:

- ``{"call": "replace", "match": "journal.json", "arg": 1, "do": "enospc"}``: fail with ENOSPC;
- ``"do": "kill"``: SIGKILL the process itself (a crash at that exact point);
- ``"do": "sleep:0.8"``: sleep, then make the call; ``"do": "eacces"``: fail with EACCES;
- ``"after": "journal.json"``: only once a path containing that text was renamed into place
  (after the commit point); ``"skip": N``: let the first N matching calls through.
"""

import errno
import json
import os
import signal
import time

_RULES = json.loads(os.environ.get("TRACKER_FAULTS") or "[]")
_seen_after: set[str] = set()


def _wrap(name, original):
    rules = [r for r in _RULES if r["call"] == name]

    def wrapper(*args, **kwargs):
        for rule in rules:
            index = rule.get("arg", 0)
            target = os.fsdecode(args[index]) if len(args) > index and isinstance(args[index], (str, bytes, os.PathLike)) else ""
            if rule.get("match", "") not in target:
                continue
            if rule.get("after") and rule["after"] not in _seen_after:
                continue
            if rule.get("skip", 0) > 0:
                rule["skip"] -= 1
                continue
            action = rule["do"]
            if action == "kill":
                os.kill(os.getpid(), signal.SIGKILL)
            elif action.startswith("sleep:"):
                time.sleep(float(action[6:]))
            else:
                code = {"enospc": errno.ENOSPC, "eacces": errno.EACCES, "erofs": errno.EROFS}[action]
                raise OSError(code, os.strerror(code), target)
        result = original(*args, **kwargs)
        if name == "replace" and len(args) > 1:
            for rule in _RULES:
                if rule.get("after") and rule["after"] in os.fsdecode(args[1]):
                    _seen_after.add(rule["after"])
        return result

    return wrapper


import builtins

for _name in {rule["call"] for rule in _RULES} | {"replace"}:
    if _name == "builtins.open":  # files written through open(): the transaction's temps
        builtins.open = _wrap(_name, builtins.open)
    else:
        setattr(os, _name, _wrap(_name, getattr(os, _name)))
