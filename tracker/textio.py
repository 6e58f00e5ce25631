"""Reading the text users hand to tracker: files, folders' files, or standard input."""

from __future__ import annotations

import codecs
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


def read_bytes(name: str) -> bytes:
    with open_input(name) as stream:
        try:
            return stream.read()
        except OSError as exc:
            raise TrackerError(f"{name}: cannot read ({exc.strerror})") from None


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
    too_large = NotText(f"{label}: larger than {(limit or 0) // (1024 * 1024)} MB, too large for news text")
    # A file's size is known before reading it; standard input's only after.
    if limit is not None and name != "-" and Path(name).stat().st_size > limit:
        raise too_large
    data = read_bytes(name)
    if limit is not None and len(data) > limit:
        raise too_large
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
