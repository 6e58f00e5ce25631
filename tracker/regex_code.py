"""Ingest's fixed regexes, compiled ahead: their engine code is shipped in ``data/regex_code.bin``,
so that a process does not parse and compile them again at every start.

``re.compile`` parses a pattern and generates the regex engine's code in Python (``re._parser``,
``re._compiler``), then hands the code to the C engine (``_sre.compile``, which checks it). For the
~330 patterns ingest builds from its data files (the tagger's rules, the type cues and triggers,
the date rules, the cues before a name, the prefilter's head tries, ...) the Python part took
~0.15-0.2 s of CPU at every ``tracker ingest``, before the workers fork: time no worker can share.
The code depends only on the pattern, its flags and the Python that made it, so it is made once,
by ``python -m tracker.regex_code`` (after changing any of those data files, as
``python -m tracker.prefilter_table``), and read back here (~10 ms for all of them).

``compile(pattern, flags)`` gives what ``re.compile`` gives (an equal pattern: same pattern text,
flags and code; ``tests/test_regex_code.py`` compares every entry): from the table when it holds
the pattern and was written by this Python (implementation, version, the engine's ``MAGIC`` and
code size), else from ``re.compile``. So a pattern changed or added since the table was written,
or another Python, only costs the compile time; nothing is ever read wrong.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from pathlib import Path

TABLE = Path(__file__).resolve().parent / "data" / "regex_code.bin"

_recording: list[tuple[str, int]] | None = None  # the tool's: every (pattern, flags) asked


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - re.compile's name, on purpose
    """``re.compile(pattern, flags)``, with the engine code of the shipped table when it has it."""
    flags = int(flags)
    if _recording is not None:
        _recording.append((pattern, flags))
    entry = _table().get((pattern, flags))
    if entry is not None:
        import _sre
        from array import array

        all_flags, code, groups, groupindex, indexgroup = entry
        try:
            return _sre.compile(pattern, all_flags, array("I", code).tolist(), groups, groupindex, indexgroup)
        except Exception:  # an engine that wants other code after all: compile as usual
            pass
    return re.compile(pattern, flags)


def python_key() -> str:
    """What the shipped code is valid for: the Python implementation and version, and the regex
    engine's code version and word size (CPython's ``_sre``)."""
    try:
        import _sre
    except ImportError:
        return ""
    return f"{sys.implementation.name} {sys.version_info[0]}.{sys.version_info[1]}.{sys.version_info[2]} " \
           f"sre {getattr(_sre, 'MAGIC', '?')}/{getattr(_sre, 'CODESIZE', '?')} unicode {sys.maxunicode}"


@lru_cache(maxsize=1)
def _table() -> dict:
    key = python_key()
    if not key or _recording is not None:
        return {}
    try:
        import marshal
        import zlib

        data = marshal.loads(zlib.decompress(TABLE.read_bytes()))
    except (OSError, ValueError, EOFError, TypeError, zlib.error):
        return {}
    if not isinstance(data, dict) or data.get("python") != key:
        return {}
    return data.get("entries", {})


def entry_of(pattern: str, flags: int) -> tuple:
    """The table's entry of a pattern: what ``re._compiler.compile`` hands ``_sre.compile``
    besides the pattern (all flags, the code as 4-byte words, groups, group index, index group)."""
    from array import array
    from re import _compiler, _parser

    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return flags | parsed.state.flags, array("I", code).tobytes(), parsed.state.groups - 1, groupindex, tuple(indexgroup)


def asked_patterns() -> list[tuple[str, int]]:
    """The (pattern, flags) ingest asks ``compile`` for when it starts (the warm-up before the
    workers fork) and reads the seeds, in a process that has asked none yet."""
    global _recording
    _recording = []  # before the imports: the ingest modules compile their own patterns when imported
    try:
        from tracker import curated
        from tracker.extraction import extract_document
        from tracker.ingest.document import read_document
        from tracker.registry import Registry

        registry = Registry(curated.shipped_companies())
        facts = curated.shipped_articles()
        # what extraction's warm-up reads, then the seeds
        texts = [("warm-up.txt", "Acme Networks said on Monday it had signed a deal.\n")]
        texts += [(p.name, p.read_text(encoding="utf-8"))
                  for p in sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))]
        for name, text in texts:
            extract_document(read_document(name, text), registry, facts)
        return sorted(set(_recording))
    finally:
        _recording = None


def write() -> int:
    import marshal
    import zlib

    patterns = asked_patterns()
    data = {"python": python_key(), "entries": {key: entry_of(*key) for key in patterns}}
    TABLE.write_bytes(zlib.compress(marshal.dumps(data), 9))
    _table.cache_clear()
    return len(patterns)


if __name__ == "__main__":
    from tracker import regex_code as _module  # the module the call sites use (this one is __main__)

    print(f"wrote {_module.TABLE} ({_module.write()} patterns, {_module.python_key()})")
