"""Reading the text users hand to tracker: files, folders' files, or standard input."""

from __future__ import annotations

import codecs
import io
import os
import re
import sys
from contextlib import nullcontext
from pathlib import Path
from typing import BinaryIO

from tracker.errors import TrackerError, UsageError

FALLBACK_ENCODINGS = ("cp1252", "latin-1")
# A web page saved in another encoding than UTF-8 names it near its top: <meta charset="gbk">,
# <meta http-equiv="Content-Type" content="text/html; charset=shift_jis">.
_DECLARED_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?([A-Za-z0-9_.:-]{1,40})", re.IGNORECASE)


class NotText(TrackerError):
    """A file that is not text (binary data), or cannot be read."""


MAX_INPUT_ENV = "TRACKER_MAX_INPUT_MB"
# No news article comes near this; past it a file is most likely a dump or data (or /dev/zero),
# and reading it would take minutes. One import record (a line of JSON Lines, a CSV row) has the
# same cap; an import file as a whole has none.
DEFAULT_MAX_INPUT_MB = 8
READ_CHUNK = 1 << 20


def max_input_bytes() -> int:
    """The cap on one document or one import record: $TRACKER_MAX_INPUT_MB megabytes, else 8."""
    raw = os.environ.get(MAX_INPUT_ENV, "").strip()
    if not raw:
        return DEFAULT_MAX_INPUT_MB * 1024 * 1024
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 < value < 1 << 20:
        raise UsageError(f"{MAX_INPUT_ENV}={raw!r} is not a number of megabytes")
    return int(value * 1024 * 1024)


def too_large(label: str, limit: int, what: str = "too large for news text") -> NotText:
    return NotText(f"{label}: larger than {limit / (1024 * 1024):g} MB, {what} ({MAX_INPUT_ENV} raises the cap)")


class CappedReader(io.RawIOBase):
    """A binary stream that refuses a line longer than ``limit`` bytes or a NUL byte, as it is
    read: an endless input (/dev/zero, ``yes``) fails at once instead of filling memory or disk.
    With ``copy``, every byte read is also written there (standard input spooled for a second
    reading while it is checked)."""

    def __init__(self, raw, limit: int, label: str, copy=None):
        self.raw, self.limit, self.label, self.copy = raw, limit, label, copy
        self.run = 0  # bytes since the last line break

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return self.copy is None and self.raw.seekable()

    def seek(self, offset: int, whence: int = 0) -> int:
        self.run = 0
        return self.raw.seek(offset, whence)

    def tell(self) -> int:
        return self.raw.tell()

    def readinto(self, buffer) -> int:
        try:
            data = self.raw.read(min(len(buffer), READ_CHUNK))
        except OSError as exc:
            raise TrackerError(f"{self.label}: cannot read ({exc.strerror})") from None
        size = len(data)
        if not size:
            return 0
        if b"\x00" in data:
            raise NotText(f"{self.label}: not a text file (binary data)")
        last = data.rfind(b"\n")
        self.run = self.run + size if last < 0 else size - last - 1
        if self.run > self.limit:
            raise too_large(self.label, self.limit, "in one line or record: not events as tracker writes them")
        if self.copy is not None:
            self.copy.write(data)
        buffer[:size] = data
        return size


def open_input(name: str) -> BinaryIO:
    """A binary stream for a file name, or standard input for '-'; a missing file is a usage error."""
    if name == "-":
        return nullcontext(sys.stdin.buffer)
    path = Path(name)
    if path.is_dir():
        raise UsageError(f"{name}: is a folder, expected a file")
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise UsageError(f"{name}: no such file") from None
    except OSError as exc:
        raise TrackerError(f"{name}: cannot read ({exc.strerror})") from None


def read_bytes(name: str, limit: int | None = None, label: str | None = None) -> bytes:
    """A file's bytes, read in bounded chunks: past ``limit`` bytes, NotText (too large)."""
    chunks, total = [], 0
    with open_input(name) as stream:
        while True:
            try:
                chunk = stream.read(READ_CHUNK)
            except OSError as exc:
                raise TrackerError(f"{label or name}: cannot read ({exc.strerror})") from None
            if not chunk:
                return b"".join(chunks)
            total += len(chunk)
            if limit is not None and total > limit:
                raise too_large(label or name, limit)
            chunks.append(chunk)


def decode(data: bytes, name: str) -> tuple[str, str]:
    """The text and the encoding it was read with: UTF-8, else a Windows or Latin-1 code page."""
    if b"\x00" in data[:65536]:
        raise NotText(f"{name}: not a text file (binary data)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for encoding in (*_declared_charset(data), *FALLBACK_ENCODINGS):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise NotText(f"{name}: not a text file")  # latin-1 decodes anything, so this is defensive only


def _declared_charset(data: bytes) -> list[str]:
    """The encoding a web page declares for itself, when Python knows it."""
    match = _DECLARED_CHARSET.search(data[:4096])
    if not match:
        return []
    try:
        return [codecs.lookup(match.group(1).decode("ascii")).name]
    except LookupError:
        return []


def read_text(name: str, limit: int | None = None) -> tuple[str, str]:
    """A file's text; with ``limit``, a file larger than that many bytes is refused as NotText."""
    label = "standard input" if name == "-" else name
    # A regular file's size is known before reading it; a device's or a pipe's only by reading.
    if limit is not None and name != "-" and Path(name).stat().st_size > limit:
        raise too_large(label, limit)
    data = read_bytes(name, limit, label)
    return decode(data, label)


def news_files(names: list[str], missing: list[str] | None = None, unreadable: list[str] | None = None) -> list[str]:
    """The files named, with folders expanded to the files inside them (hidden ones left out).

    A name that does not exist is a usage error, or, given a ``missing`` list, goes into it. A
    folder that cannot be listed goes into ``unreadable`` ("NAME: why"), and the rest is still
    read: one bad folder or file name does not reject the whole tree.
    """
    found: list[str] = []
    for name in names:
        path = Path(name)
        if name != "-" and path.is_dir():
            found.extend(_files_under(name, unreadable))
        elif name != "-" and not path.exists():
            if missing is None:
                raise UsageError(f"{printable_name(name)}: no such file or folder")
            missing.append(name)
        else:
            found.append(name)
    return found


def _files_under(top: str, unreadable: list[str] | None) -> list[str]:
    def failed(exc: OSError) -> None:
        problem = f"{printable_name(exc.filename or top)}: cannot read the folder ({exc.strerror})"
        if unreadable is None:
            raise TrackerError(problem)
        unreadable.append(problem)

    files = []
    for folder, subfolders, names in os.walk(top, onerror=failed):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        files.extend(os.path.join(folder, n) for n in sorted(names) if not n.startswith(".") and os.path.isfile(os.path.join(folder, n)))
    return files


def printable_name(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (kept by Python as lone surrogates, which
    no file or terminal takes) shown as U+FFFD."""
    if name.isascii():
        return name
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
