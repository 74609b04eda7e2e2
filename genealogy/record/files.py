"""Finding and reading a data file: the default record, the size limit, UTF-8 with its errors located.

Kept apart from the YAML loader because every command starts here, and a chart or an answer
served from the cache needs the file's text but never its parse.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from genealogy.errors import ERROR, LoadError, Problem

MAX_FILE_BYTES = 64 * 1024 * 1024

_SPECIAL = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def located(path: str, line: int, column: int, code: str, message: str) -> LoadError:
    """The error that stops reading a file, at a 1-based line and column."""
    return LoadError(Problem(path, line, column, ERROR, code, message))


def special_kind(mode: int) -> str | None:
    """What a file that is not a regular file is ("a named pipe (FIFO)"), or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((what for test, what in _SPECIAL if test(mode)), "not a regular file")


def read_bytes(path: Path | str, what: str = "a YAML file") -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file and its status as read; LoadError says what is wrong with the file.

    A FIFO, device or directory is refused before it is opened for reading, as reading one can
    block for ever; the file is opened without blocking and checked again through its descriptor,
    so one swapped in between is refused too.
    """
    name = str(path)
    try:
        mode = os.stat(path).st_mode
        kind = special_kind(mode)
        if kind:
            raise located(name, 1, 1, "not-a-file", f"this is {kind}; give {what}")
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise located(name, 1, 1, "not-found", "no such file; check the path") from None
    except OSError as error:
        raise located(name, 1, 1, "unreadable", f"cannot read the file: {error.strerror}") from None
    with os.fdopen(handle, "rb") as source:
        status = os.fstat(source.fileno())
        kind = special_kind(status.st_mode)
        if kind:
            raise located(name, 1, 1, "not-a-file", f"this is {kind}; give {what}")
        try:
            data = source.read(MAX_FILE_BYTES + 1)
        except OSError as error:
            raise located(name, 1, 1, "unreadable", f"cannot read the file: {error.strerror}") from None
    if len(data) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        raise located(name, 1, 1, "too-large", f"the file is over {limit} MiB; split it up")
    return data, status


def read_text(path: Path | str, what: str = "a YAML file") -> str:
    """The file's text, or a LoadError that says what is wrong with the file itself (`what`: what to give)."""
    data, _ = read_bytes(path, what)
    return decode(str(path), data)


def decode(name: str, data: bytes) -> str:
    """UTF-8 (a byte-order mark is allowed); a bad byte is reported where it sits."""
    # What "utf-8-sig" does, without importing that codec's module (0.25 ms of a start): the mark
    # cut off and the rest read as UTF-8. An error is located in that rest: the mark is no column.
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        before = body[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        byte = body[error.start]
        raise located(
            name, line, column, "encoding", f"byte 0x{byte:02x} is not UTF-8; save the file as UTF-8"
        ) from None
    return text.replace("\r\n", "\n")


def default_data_path() -> Path:
    """The record queries read when no --data or GENEALOGY_DATA is given.

    In a checkout (or an editable install) that is the checkout's data/orgs.yaml; an installed
    wheel carries a copy inside the package, so queries work from any directory.
    """
    package = Path(__file__).resolve().parents[1]
    checkout = package.parent / "data" / "orgs.yaml"
    if checkout.is_file():
        return checkout
    return package / "data" / "orgs.yaml"
