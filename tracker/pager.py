"""Long output on a terminal goes through a pager, as git and gh do.

The pager is the config file's ``pager``, else ``$PAGER``, else ``less -FRX`` (quit at once when
the text fits one screen, keep colours, leave the text on the screen). An empty pager or ``cat``
means none. Never used when standard output is not a terminal, nor with ``--no-pager``.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess

DEFAULT = "less -FRX"


def pager_command(configured: str | None = None) -> list[str] | None:
    """The pager to run as an argument list, or None for none."""
    chosen = configured if configured is not None else os.environ.get("PAGER", DEFAULT)
    try:
        words = shlex.split(chosen)
    except ValueError:
        return None
    if not words or words[0] == "cat":
        return None
    return words


def needs_paging(text: str, lines: int) -> bool:
    """More lines than the screen holds (one kept for the prompt)."""
    return text.count("\n") >= lines


def page(text: str, command: list[str]) -> bool:
    """Show ``text`` through the pager; False when the pager cannot be started (then the caller
    writes the text itself). The user quitting before the end is not an error."""
    if shutil.which(command[0]) is None:
        return False
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")  # as git does: a `less` named without options still behaves
    env.setdefault("LESSCHARSET", "utf-8")
    try:
        process = subprocess.Popen(command, stdin=subprocess.PIPE, env=env)
    except OSError:
        return False
    try:
        process.stdin.write(text.encode("utf-8", "replace"))
        process.stdin.close()
    except BrokenPipeError:  # quit before reading everything
        pass
    while True:
        try:
            process.wait()
            return True
        except KeyboardInterrupt:  # Ctrl-C belongs to the pager (less handles it); keep waiting
            continue
