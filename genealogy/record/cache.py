"""A cache of checked records and of what is derived from them (a chart's DOT text).

An unchanged file is then not parsed and checked again, and an unchanged chart request not
rebuilt. Entries are keyed by the file's bytes, its path (which messages carry), the package
version (and the package's own files) and, for derived text, the request, so an edit, a move
or an upgrade is a miss. Only
records that passed `load` are stored. The cache lives in $GENEALOGY_CACHE, else
$XDG_CACHE_HOME/genealogy, else ~/.cache/genealogy; GENEALOGY_CACHE=off turns it off. A cache
that cannot be read or written is ignored: it is never needed.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from genealogy import __version__
from genealogy.record.files import read_text

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
    """The package's own files (names, sizes, times): an edited checkout never reads stale entries."""
    package = Path(__file__).parents[1]
    stamps = []
    for folder in sorted({p.parent for p in package.rglob("*") if p.suffix in (".py", ".html")}):
        with contextlib.suppress(OSError):
            for entry in sorted(os.scandir(folder), key=lambda e: e.name):
                if entry.is_file():
                    info = entry.stat()
                    stamps.append(f"{folder.name}/{entry.name}:{info.st_size}:{info.st_mtime_ns}")
    return ";".join(stamps)


def cache_key(path: Path | str, text: str, purpose: str = "record") -> str:
    digest = hashlib.sha256(f"{__version__}\0{_code_stamp()}\0{path}\0{purpose}\0".encode())
    digest.update(text.encode("utf-8"))
    return digest.hexdigest()


def _entry(path: Path | str, text: str, purpose: str, suffix: str) -> Path | None:
    folder = cache_dir()
    return folder / f"{cache_key(path, text, purpose)}.{suffix}" if folder else None


def _record(path: Path | str, text: str) -> Genealogy:
    import pickle  # here, not at the top: a hit on derived text needs neither it nor the model

    from genealogy.model import Genealogy
    from genealogy.record.loader import gc_paused

    entry = _entry(path, text, "record", "pickle")
    if entry is not None:
        try:
            data = entry.read_bytes()
            with gc_paused():
                record = pickle.loads(data)
            if isinstance(record, Genealogy):
                return record
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            pass
    from genealogy.record.validate import load_text  # only on a miss: a hit never imports the checker or YAML

    record = load_text(text, str(path))
    if entry is not None:
        _store(entry, pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))
    return record


def load_cached(path: Path | str) -> Genealogy:
    """Like `validate.load`, but answered from the cache when the file has not changed."""
    return _record(path, read_text(path))


def derived_text(path: Path | str, request: str, make: Callable[[Genealogy], str]) -> str:
    """`make(record)` for the record in `path`, cached under `request` (which must say all it depends on)."""
    text = read_text(path)
    entry = _entry(path, text, request, "txt")
    if entry is not None:
        with contextlib.suppress(OSError, UnicodeDecodeError):
            return entry.read_text(encoding="utf-8")
    result = make(_record(path, text))
    if entry is not None:
        _store(entry, result.encode("utf-8"))
    return result


KEEP = 64  # entries; every edit of a record makes new ones, so the oldest are removed


def _store(entry: Path, data: bytes) -> None:
    from genealogy.atomic import write_atomically

    with contextlib.suppress(OSError):
        write_atomically(entry, data)
        _prune(entry.parent)


def _prune(folder: Path) -> None:
    """Keep the KEEP most recently written entries."""
    entries = [e for e in os.scandir(folder) if e.name.endswith((".pickle", ".txt"))]
    if len(entries) <= KEEP:
        return
    entries.sort(key=lambda e: e.stat().st_mtime_ns, reverse=True)
    for old in entries[KEEP:]:
        with contextlib.suppress(OSError):
            os.unlink(old.path)
