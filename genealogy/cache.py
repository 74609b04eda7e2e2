"""A cache of checked records, so queries and charts skip parsing and checking an unchanged file.

Keyed by the file's bytes, its path (which messages carry) and the package version, so an edit,
a move or an upgrade is a miss. Only records that passed `load` are stored. The cache lives in
$GENEALOGY_CACHE, else $XDG_CACHE_HOME/genealogy, else ~/.cache/genealogy; GENEALOGY_CACHE=off
turns it off. A cache that cannot be read or written is ignored: it is never needed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from pathlib import Path

from . import __version__
from .loader import read_text
from .model import Genealogy


def cache_dir() -> Path | None:
    setting = os.environ.get("GENEALOGY_CACHE")
    if setting == "off":
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "genealogy"


def cache_key(path: Path | str, text: str) -> str:
    digest = hashlib.sha256(f"{__version__}\0{path}\0".encode())
    digest.update(text.encode("utf-8"))
    return digest.hexdigest()


def load_cached(path: Path | str) -> Genealogy:
    """Like `validate.load`, but answered from the cache when the file has not changed."""
    folder = cache_dir()
    text = read_text(path)
    entry = folder / f"{cache_key(path, text)}.pickle" if folder else None
    if entry is not None:
        try:
            record = pickle.loads(entry.read_bytes())
            if isinstance(record, Genealogy):
                return record
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            pass
    from .validate import load_text  # only on a miss: a hit never imports the checker or YAML

    record = load_text(text, str(path))
    if entry is None:
        return record
    _store(entry, record)
    return record


def _store(entry: Path, record: Genealogy) -> None:
    from .atomic import write_atomically

    with contextlib.suppress(OSError):
        write_atomically(entry, pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))
