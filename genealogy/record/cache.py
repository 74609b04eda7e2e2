"""A cache of checked records and of what is derived from them (a chart's DOT text).

An unchanged file is then not parsed and checked again, and an unchanged chart request not
rebuilt. Entries are keyed by the file's bytes, its path (which messages carry), the package
version (and the package's own files) and, for derived text, the request, so an edit, a move
or an upgrade is a miss. Only
records that passed `load` are stored. The cache lives in $GENEALOGY_CACHE, else
$XDG_CACHE_HOME/genealogy, else ~/.cache/genealogy; GENEALOGY_CACHE=off turns it off. A cache
that cannot be read or written is ignored: it is never needed.

Nothing planted in the cache is used, let alone run. The folder must be the user's own and
writable by no one else (it is created 0700); every entry (0600) carries a keyed BLAKE2b MAC
under a per-user random key kept 0600 in the folder, over its name and bytes, so an entry written by
anyone without the key, or moved to another name, is a miss. Records are unpickled only after
that check, and then by an unpickler that can build nothing but the model's own classes.
"""

from __future__ import annotations

import contextlib
import functools
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from genealogy import __version__

# BLAKE2b, keyed (a MAC by design, RFC 7693) or not, and a constant-time comparison, from the
# modules hashlib and hmac take them from: importing those loads OpenSSL's libcrypto (4 ms and
# 3.7 MB here; 2-3 ms of the Linux sheet's first render) for SHA-256 and HMAC.
try:
    from _blake2 import blake2b
    from _operator import _compare_digest as compare_digest
except ImportError:  # another Python: the public names
    from hashlib import blake2b
    from hmac import compare_digest  # type: ignore[no-redef]
from genealogy.record.files import read_text

MAC_SIZE = 32

if TYPE_CHECKING:  # a hit on derived text never needs the model
    from genealogy.model import Genealogy


def cache_dir() -> Path | None:
    setting = os.environ.get("GENEALOGY_CACHE")
    if setting == "off":
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "genealogy"


@functools.cache
def _code_stamp() -> str:
    """The package's own files: an edited checkout never reads stale entries."""
    return files_stamp(Path(__file__).parents[1])


def files_stamp(folder: Path) -> str:
    """The names, sizes and times of the .py and .html files under `folder`.

    One scandir walk that skips __pycache__: Path.rglob, which went through the bytecode too,
    took 2-6 ms of every command's start; this takes 0.2-0.6 ms.
    """
    stamps: list[str] = []

    def walk(path: str, prefix: str) -> None:
        with contextlib.suppress(OSError), os.scandir(path) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        walk(entry.path, f"{prefix}{entry.name}/")
                elif entry.name.endswith((".py", ".html")):
                    with contextlib.suppress(OSError):
                        info = entry.stat()
                        stamps.append(f"{prefix}{entry.name}:{info.st_size}:{info.st_mtime_ns}")

    walk(str(folder), "")
    return ";".join(sorted(stamps))


def text_digest(text: str) -> bytes:
    """The file's bytes, hashed once for all the entries a command looks up (a record, a chart)."""
    return blake2b(text.encode("utf-8"), digest_size=32).digest()


def cache_key(path: Path | str, digest: bytes, purpose: str = "record") -> str:
    """An entry's name: the version, the package's files, the path, the purpose and the file's digest."""
    key = blake2b(f"{__version__}\0{_code_stamp()}\0{path}\0{purpose}\0".encode(), digest_size=32)
    key.update(digest)
    return key.hexdigest()


KEY_FILE = "key"


def _own_private_folder(folder: Path) -> bool:
    """A real folder (not a link), owned by this user, that no one else can write."""
    info = os.lstat(folder)
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o022


@functools.cache
def _secured(folder: Path) -> bytes | None:
    """The folder's key, creating folder (0700) and key (0600) if needed; None if either is not safe."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _own_private_folder(folder):
            return None
        key_path = folder / KEY_FILE
        try:
            handle = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(handle, "wb") as out:
                out.write(os.urandom(32))
        handle = os.open(key_path, os.O_RDONLY | os.O_NOFOLLOW)
        with os.fdopen(handle, "rb") as source:
            info = os.fstat(source.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
                return None
            key = source.read()
        return key if len(key) == 32 else None
    except OSError:
        return None


class _Entry:
    """One cache entry: its file, and the key that signs it."""

    def __init__(self, path: Path, key: bytes) -> None:
        self.path, self.key = path, key

    def _signer(self) -> blake2b:
        """The MAC of this entry's name, to be given its bytes."""
        return blake2b(self.path.name.encode() + b"\0", key=self.key, digest_size=MAC_SIZE)

    def _mac(self, data: bytes) -> bytes:
        signer = self._signer()
        signer.update(data)
        return signer.digest()

    def read(self) -> bytes | None:
        """The entry's bytes if this user's key signed them for this name; otherwise None."""
        try:
            handle = os.open(self.path, os.O_RDONLY | os.O_NOFOLLOW)
        except OSError:
            return None
        with os.fdopen(handle, "rb") as source:
            signed = source.read()
        mac, data = signed[:MAC_SIZE], signed[MAC_SIZE:]
        return data if len(mac) == MAC_SIZE and compare_digest(mac, self._mac(data)) else None

    def write(self, data: bytes) -> None:
        self.write_pieces([data])

    def write_pieces(self, pieces: Iterable[bytes]) -> None:
        """The entry written and signed a piece at a time: a chart's DOT need not be held once
        more as bytes (10 MB at 10,000 organisations), nor once again behind its signature."""
        from genealogy.atomic import atomic_file

        mac = self._signer()
        with contextlib.suppress(OSError):
            # Not flushed to disk: an entry a power cut tears is refused by its signature.
            with atomic_file(self.path, mode=0o600, follow_links=False, durable=False) as out:
                out.write(bytes(mac.digest_size))  # room for the signature, known once all is written
                for piece in pieces:
                    mac.update(piece)
                    out.write(piece)
                out.seek(0)
                out.write(mac.digest())
            _prune(self.path.parent)


def _entry(path: Path | str, digest: bytes, purpose: str, suffix: str) -> _Entry | None:
    folder = cache_dir()
    if folder is None:
        return None
    key = _secured(folder)
    return _Entry(folder / f"{cache_key(path, digest, purpose)}.{suffix}", key) if key else None


def signed_entry(name: str) -> _Entry | None:
    """The signed entry `name` in the cache folder; None when the cache is off or its folder unsafe.

    For what other modules keep beside the records (chart/wasm_cache.py: the compiled Graphviz).
    """
    folder = cache_dir()
    if folder is None:
        return None
    key = _secured(folder)
    return _Entry(folder / name, key) if key else None


def _unpickle(data: bytes) -> object:
    """pickle.loads that can build the model's classes and nothing else (no function, no import)."""
    import io
    import pickle
    from dataclasses import is_dataclass

    from genealogy import dates, model

    homes = {module.__name__: module for module in (model, dates)}  # Date lives in dates.py

    class ModelOnly(pickle.Unpickler):
        def find_class(self, module: str, name: str) -> type:
            home = homes.get(module)
            found = getattr(home, name, None) if home is not None else None
            if isinstance(found, type) and found.__module__ == module and is_dataclass(found):
                return found  # a record's own class (Organisation, Event, Domain, Date, ...), nothing else
            raise pickle.UnpicklingError(f"{module}.{name} is not part of a record")

    return ModelOnly(io.BytesIO(data)).load()


def _record(path: Path | str, text: str, digest: bytes, later: list[Callable[[], None]] | None = None) -> Genealogy:
    """The checked record, from the cache or checked anew and stored; with `later`, storing it is
    put there instead, for the caller to do when it would otherwise wait (see `Derived`)."""
    import pickle  # here, not at the top: a hit on derived text needs neither it nor the model

    from genealogy.model import Genealogy
    from genealogy.record.loader import gc_paused

    entry = _entry(path, digest, "record", "pickle")
    data = entry.read() if entry is not None else None
    if data is not None:
        try:
            with gc_paused():
                record = _unpickle(data)
            if isinstance(record, Genealogy):
                return record
        except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError, IndexError):
            pass
    from genealogy.record.validate import load_text  # only on a miss: a hit never imports the checker or YAML

    record = load_text(text, str(path))
    if entry is not None:
        store = functools.partial(_store_record, entry, record)
        if later is None:
            store()
        else:
            later.append(store)
    return record


def _store_record(entry: _Entry, record: Genealogy) -> None:
    import pickle

    entry.write(pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))


def load_cached(path: Path | str) -> Genealogy:
    """Like `validate.load`, but answered from the cache when the file has not changed."""
    text = read_text(path)
    return _record(path, text, text_digest(text))


class Derived:
    """Text derived from a record (a chart's DOT): read from the cache, or made as its pieces are read.

    `save` then stores what was made, and the record if it was checked anew. A command calls it
    once the pieces are read, while Graphviz draws them: for the first render of the Linux sheet,
    storing both takes 15-18 ms, which were waited for when they were stored before the drawing.
    """

    def __init__(self, pieces: Iterable[str], saves: list[Callable[[], None]]) -> None:
        self.pieces, self._saves = pieces, saves

    def save(self) -> None:
        """Store what was made (only what was made whole: an interrupted chart is not kept)."""
        saves, self._saves = self._saves, []
        for store in saves:
            store()

    def text(self) -> str:
        """The whole text, saved."""
        whole = "".join(self.pieces)
        self.save()
        return whole


def derived(path: Path | str, request: str, make: Callable[[Genealogy], Iterable[str]]) -> Derived:
    """`make(record)` for the record in `path`, cached under `request` (which must say all it depends on).

    The record is read and checked now, and `make` called now, so that their errors come first;
    the pieces it returns may be made as they are read.
    """
    text = read_text(path)
    digest = text_digest(text)
    entry = _entry(path, digest, request, "txt")
    data = entry.read() if entry is not None else None
    if data is not None:
        with contextlib.suppress(UnicodeDecodeError):
            return Derived([data.decode("utf-8")], [])
    saves: list[Callable[[], None]] = []
    made = make(_record(path, text, digest, saves))
    pieces = [made] if isinstance(made, str) else made
    if entry is None:
        return Derived(pieces, saves)
    kept: list[str] = []
    finished: list[bool] = []

    def keeping() -> Iterator[str]:
        for piece in pieces:
            kept.append(piece)
            yield piece
        finished.append(True)

    def store() -> None:
        from genealogy.atomic import utf8_pieces

        if finished:
            entry.write_pieces(utf8_pieces(kept))

    return Derived(keeping(), [store, *saves])


def derived_text(path: Path | str, request: str, make: Callable[[Genealogy], str]) -> str:
    """`derived` for text made whole."""
    return derived(path, request, make).text()


KEEP = 64  # entries; every edit of a record makes new ones, so the oldest are removed


def _prune(folder: Path) -> None:
    """Keep the KEEP most recently written entries."""
    entries = [e for e in os.scandir(folder) if e.name.endswith((".pickle", ".txt"))]
    if len(entries) <= KEEP:
        return
    entries.sort(key=lambda e: e.stat().st_mtime_ns, reverse=True)
    for old in entries[KEEP:]:
        with contextlib.suppress(OSError):
            os.unlink(old.path)
