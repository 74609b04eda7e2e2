"""Writing a file so that readers see the old bytes or the new ones, never half of either."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, NamedTuple

from genealogy.errors import GenealogyError

# A temporary file is `.NAME.PID.RANDOM.genealogy-tmp` beside its target: easy to find and to
# clean (`find -name '.*.genealogy-tmp'`), and the PID says whether its writer can still finish it.
TEMPORARY_SUFFIX = ".genealogy-tmp"
_TEMPORARY = r"\..+\.([0-9]+)\.[0-9a-f]{8}" + re.escape(TEMPORARY_SUFFIX)


class FileChangedError(GenealogyError):
    """The file changed on disk after it was read; it was not replaced, so that change is kept."""


class Snapshot(NamedTuple):
    """What a file was when it was read: its size, modification time and a hash of its bytes.

    A named tuple, not a frozen dataclass: every write imports this module, and the dataclass
    took 0.8 ms to define, the named tuple 0.2 ms (median of 21 fresh processes).
    """

    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def of(cls, data: bytes, status: os.stat_result) -> Snapshot:
        return cls(len(data), status.st_mtime_ns, _sha256(data))

    def matches(self, path: Path) -> bool:
        """Whether `path` still holds what was read (size and time first, then the bytes)."""
        try:
            status = os.stat(path)
            if (status.st_size, status.st_mtime_ns) != (self.size, self.mtime_ns):
                return False
            with open(path, "rb") as handle:
                return _sha256(handle.read(self.size + 1)) == self.sha256
        except OSError:
            return False


def _sha256(data: bytes) -> str:
    import hashlib  # here: loading OpenSSL took 2.5 ms of every write, and only `fmt` compares bytes

    return hashlib.sha256(data).hexdigest()


def temporary_path(path: Path) -> Path:
    """A new name for the temporary file beside `path`."""
    return path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}{TEMPORARY_SUFFIX}")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    except (OverflowError, OSError):
        return False
    return True


def remove_stale(folder: Path) -> list[Path]:
    """Remove the temporary files in `folder` left by writers that were killed; returns them.

    A temporary file whose process still runs may yet be renamed, so it is left alone.
    """
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not entry.name.endswith(TEMPORARY_SUFFIX):
            continue  # so the expression is compiled only where one is found (0.15 ms of a write)
        match = re.fullmatch(_TEMPORARY, entry.name)
        if match and int(match[1]) != os.getpid() and not _alive(int(match[1])):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


# Characters encoded at a time by `utf8_pieces`: a megabyte or less of bytes.
PIECE_CHARACTERS = 1 << 18


def utf8_pieces(text: str | Iterable[str]) -> Iterator[bytes]:
    """`text`, or the pieces of a text in order, as UTF-8 a piece at a time: to write a long text
    without holding it whole as bytes beside it (the DOT of 50,000 organisations would be 50 MB
    more, beside its 100 MB of text). A long piece is cut in PIECE_CHARACTERS."""
    for piece in [text] if isinstance(text, str) else text:
        for start in range(0, len(piece), PIECE_CHARACTERS):
            yield piece[start : start + PIECE_CHARACTERS].encode("utf-8")


def write_atomically(
    path: Path, data: bytes, mode: int | None = None, unchanged: Snapshot | None = None, follow_links: bool = True
) -> None:
    """Write `data` over `path` so that readers see the old bytes or the new ones: `atomic_file`, one write."""
    with atomic_file(path, mode, unchanged, follow_links) as out:
        out.write(data)


@contextlib.contextmanager
def atomic_file(
    path: Path,
    mode: int | None = None,
    unchanged: Snapshot | None = None,
    follow_links: bool = True,
    durable: bool = True,
    unnamed: bool = False,
) -> Iterator[BinaryIO]:
    """A sibling temporary file to write into; when the block ends, flushed to disk and renamed over `path`.

    What is written need never be in memory whole: a chart can be written by Graphviz itself.
    A symbolic link is followed (unless `follow_links` is false): the file it points to is
    replaced and the link kept. `mode` is
    the new file's permission bits; by default an existing file keeps its mode and, where the
    system allows, its owner and group, and a new one is 0644 less the umask. With `unchanged`,
    the file must still be as it was read, checked just before it is replaced, else
    FileChangedError and nothing is written.

    A crash or SIGKILL at any point leaves the previous file as it was; the temporary file is
    removed when the block raises or on any other failure this process survives, and one left by
    a killed process is removed by the next write to the same folder. Raises OSError.

    `durable` off skips flushing to disk before the rename, for what may be lost in a power cut
    (a cache entry, which its signature then refuses): two of a first render's writes, 1.5 ms.

    `unnamed` makes the temporary file without a name where Linux can (O_TMPFILE), named only
    once it is whole: a process killed while writing, such as a render Graphviz writes into
    itself, leaves nothing behind.
    """
    path = Path(os.path.realpath(path)) if follow_links and os.path.islink(path) else Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(path.parent)
    try:
        existing: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        existing = None
    temporary = temporary_path(path)
    handle = _unnamed_file(path.parent, mode) if unnamed else None
    named = handle is None
    if handle is None:
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644 if mode is None else mode)
    try:
        with os.fdopen(handle, "wb") as out:
            if existing is not None and mode is None:
                with contextlib.suppress(PermissionError):
                    os.fchown(out.fileno(), existing.st_uid, existing.st_gid)
                os.fchmod(out.fileno(), existing.st_mode & 0o7777)
            elif mode is not None:
                os.fchmod(out.fileno(), mode)
            yield out
            out.flush()
            if durable:
                os.fsync(out.fileno())
            if not named:  # whole: it gets its temporary name, then replaces `path` as a named one does
                _name(out.fileno(), temporary)
        if unchanged is not None and not unchanged.matches(path):
            message = f"{path} changed on disk since it was read; not replaced, so that change is kept; run again"
            raise FileChangedError(message)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _unnamed_file(folder: Path, mode: int | None) -> int | None:
    """A new file without a name in `folder`, open for writing, that can be linked in later; None
    where the system or the file system has no such files."""
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None or not os.path.isdir("/proc/self/fd"):
        return None
    try:
        return os.open(folder, flag | os.O_WRONLY, 0o644 if mode is None else mode)
    except OSError:
        return None


def _name(handle: int, path: Path) -> None:
    """Give the unnamed file open as `handle` the name `path` (linkat, following /proc's link to
    the file: os.link does so only given a folder descriptor; plain link(2) would fail)."""
    folder = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.link(f"/proc/self/fd/{handle}", path.name, dst_dir_fd=folder, follow_symlinks=True)
    finally:
        os.close(folder)
