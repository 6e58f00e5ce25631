"""Run tracker on a pseudo-terminal of a given size, for behaviour that depends on a terminal
(the pager, tables that fit, the stats chart)."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import termios
import time

from tests.conftest import tracker_command

KEYS_AFTER = 1.5  # seconds: time for tracker to start and the pager to show its first screen


def run_on_terminal(*args, columns: int = 80, lines: int = 24, env: dict | None = None, keys: bytes = b"",
                    timeout: float = 60) -> tuple[int, str]:
    """(exit status, everything written to the terminal) of `tracker ARGS` with stdin, stdout and
    stderr on a fresh pseudo-terminal of ``columns`` x ``lines``; ``keys`` are typed after
    KEYS_AFTER seconds; an ``env`` value of None unsets that variable."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
    environment = {**os.environ, "TERM": "xterm", "COLUMNS": str(columns), "LINES": str(lines), **(env or {})}
    environment = {k: v for k, v in environment.items() if v is not None}
    process = subprocess.Popen(
        tracker_command() + [str(a) for a in args], stdin=slave, stdout=slave, stderr=slave, env=environment,
        close_fds=True, start_new_session=True,
    )
    os.close(slave)
    out = bytearray()
    started = time.monotonic()
    pending = keys
    try:
        while True:
            if pending and time.monotonic() - started > KEYS_AFTER:
                os.write(master, pending)
                pending = b""
            if time.monotonic() - started > timeout:
                process.kill()
                raise TimeoutError(f"tracker {' '.join(map(str, args))} did not finish: {bytes(out)[-500:]!r}")
            if select.select([master], [], [], 0.1)[0]:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # EIO: every process on the terminal has closed it
                    break
                if not chunk:
                    break
                out.extend(chunk)
            elif process.poll() is not None:
                break  # exited and nothing left to read
    finally:
        os.close(master)
    status = process.wait(timeout=10)
    return status, out.decode("utf-8", "replace").replace("\r\n", "\n")
