"""Text from news, imports or a crafted log, made safe to show on a terminal.

A title may hold escape sequences: OSC 52 writes the clipboard, OSC 8 hides a link behind
innocent text, CSI sequences clear the screen or move the cursor, and bidirectional overrides
reorder what is shown. ``terminal_text`` shows every such character as a visible escape
(``\\x1b``, ``\\u202e``) instead of sending it: every writer of untrusted text to a terminal
goes through it (tables, ``show``, messages on stderr, any format when stdout is a terminal).
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls (0x9b is CSI, 0x9d OSC on 8-bit terminals),
# and the bidirectional embeddings, overrides and isolates.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _shown(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_text(text: str) -> str:
    """``text`` with every control character but tab and newline shown as a visible escape."""
    if text.isascii() and text.isprintable():
        return text  # the common case, without a regular expression
    return _UNSAFE.sub(_shown, text)


class TerminalStream:
    """A text stream that passes everything written to it through ``terminal_text``."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(terminal_text(text))

    def flush(self) -> None:
        self.stream.flush()

    def __getattr__(self, name):
        return getattr(self.stream, name)
