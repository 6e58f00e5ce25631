"""Run tracker on a pseudo-terminal of a given size, for behaviour that depends on a terminal
(the pager, tables that fit, the stats chart)."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import termios
import time

from tests.conftest import tracker_command


def run_on_terminal(*args, columns: int = 80, lines: int = 24, env: dict | None = None, keys: bytes = b"",
                    timeout: float = 60) -> tuple[int, str]:
    """(exit status, everything written to the terminal) of `tracker ARGS` with stdin, stdout and
    stderr on a fresh pseudo-terminal of ``columns`` x ``lines``; ``keys`` are typed after start-up;
    an ``env`` value of None unsets that variable."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
    environment = {**os.environ, "TERM": "xterm", "COLUMNS": str(columns), "LINES": str(lines), **(env or {})}
    environment = {k: v for k, v in environment.items() if v is not None}  # None: unset it
    process = subprocess.Popen(
        tracker_command() + [str(a) for a in args], stdin=slave, stdout=slave, stderr=slave, env=environment,
        close_fds=True, start_new_session=True,
    )
    os.close(slave)
    out = bytearray()
    deadline = time.monotonic() + timeout
    typed = False
    while True:
        if not typed and keys and time.monotonic() > deadline - timeout + 1.5:
            os.write(master, keys)
            typed = True
        try:
            import select

            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                chunk = os.read(master, 65536)
                if not chunk:
                    break
                out.extend(chunk)
            elif process.poll() is not None and not ready:
                # drain what is left, then stop
                try:
                    while select.select([master], [], [], 0.05)[0]:
                        chunk = os.read(master, 65536)
                        if not chunk:
                            break
                        out.extend(chunk)
                except OSError:
                    pass
                break
        except OSError:  # EIO: the other side closed
            break
        if time.monotonic() > deadline:
            process.kill()
            raise TimeoutError(f"tracker {' '.join(map(str, args))} did not finish on the terminal: {bytes(out)[-500:]!r}")
    os.close(master)
    status = process.wait(timeout=10)
    return status, out.decode("utf-8", "replace").replace("\r\n", "\n")
