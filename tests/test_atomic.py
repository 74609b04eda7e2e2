"""Atomic writes and `fmt` writing a file: links followed, mode and owner kept, edits never lost."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from genealogy.atomic import TEMPORARY_SUFFIX, FileChangedError, remove_stale, write_atomically
from genealogy.convert.fmt import format_file

from .conftest import ROOT
from .test_fmt import CANONICAL, MESSY


def test_fmt_follows_a_symbolic_link(run, tmp_path: Path) -> None:
    real = tmp_path / "real.yaml"
    real.write_text(MESSY)
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    assert run("fmt", str(link)).exit_code == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() == CANONICAL
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.yaml", "real.yaml"]


def test_fmt_keeps_the_mode_of_the_file(run, tmp_path: Path) -> None:
    path = tmp_path / "private.yaml"
    path.write_text(MESSY)
    path.chmod(0o600)
    assert run("fmt", str(path)).exit_code == 0
    assert path.read_text() == CANONICAL
    assert path.stat().st_mode & 0o7777 == 0o600


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_fmt_keeps_the_owner_of_the_file(run, tmp_path: Path) -> None:
    path = tmp_path / "theirs.yaml"
    path.write_text(MESSY)
    os.chown(path, 4321, 4321)
    assert run("fmt", str(path)).exit_code == 0
    assert (path.stat().st_uid, path.stat().st_gid) == (4321, 4321)


def test_an_explicit_mode_is_applied(tmp_path: Path) -> None:
    path = tmp_path / "key"
    path.write_bytes(b"old")
    path.chmod(0o644)
    write_atomically(path, b"new", mode=0o600)
    assert path.stat().st_mode & 0o777 == 0o600


def test_fmt_refuses_to_replace_a_file_edited_while_it_ran(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "record.yaml"
    path.write_text(MESSY)
    from genealogy.convert import fmt

    real_format = fmt.format_text

    def slow_format(text: str, name: str = "<string>") -> str:
        result = real_format(text, name)
        path.write_text(MESSY + "# an edit saved meanwhile\n")  # the same size would do: the hash tells
        return result

    monkeypatch.setattr(fmt, "format_text", slow_format)
    result = run("fmt", str(path))
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "changed on disk since it was read" in result.stderr
    assert str(path) in result.stderr
    assert path.read_text() == MESSY + "# an edit saved meanwhile\n"
    assert [p.name for p in tmp_path.iterdir()] == ["record.yaml"]


def test_a_same_size_edit_with_the_same_time_is_still_seen(tmp_path: Path) -> None:
    path = tmp_path / "record.yaml"
    path.write_text(MESSY)
    result = format_file(path)
    status = path.stat()
    path.write_text(MESSY.replace("Alpha", "Alphb"))
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
    with pytest.raises(FileChangedError):
        result.write()
    assert "Alphb" in path.read_text()


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_temporary_files_of_killed_writers_are_removed_by_the_next_write(tmp_path: Path) -> None:
    dead = tmp_path / f".chart.svg.{_dead_pid()}.0123abcd{TEMPORARY_SUFFIX}"
    dead.write_bytes(b"half")
    alive = tmp_path / f".chart.svg.{os.getppid()}.0123abcd{TEMPORARY_SUFFIX}"
    alive.write_bytes(b"being written")
    other = tmp_path / ".notes.txt.swp"
    other.write_bytes(b"not ours")
    write_atomically(tmp_path / "chart.svg", b"<svg/>")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["chart.svg", alive.name, other.name])
    assert remove_stale(tmp_path) == []


SLOW_WRITER = """
import sys, time
from pathlib import Path
from genealogy import atomic

real_fdopen = atomic.os.fdopen

class Slow:
    def __init__(self, handle):
        self.handle = handle
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        self.handle.close()
    def fileno(self):
        return self.handle.fileno()
    def flush(self):
        self.handle.flush()
    def write(self, data):
        for start in range(0, len(data), 1 << 20):  # a megabyte at a time, slowly
            self.handle.write(data[start : start + (1 << 20)])
            self.handle.flush()
            time.sleep(0.05)

atomic.os.fdopen = lambda fd, mode: Slow(real_fdopen(fd, mode))
atomic.write_atomically(Path(sys.argv[1]), b"x" * (200 << 20))
"""


def test_killing_a_writer_mid_write_keeps_the_old_file_whole(tmp_path: Path) -> None:
    """SIGKILL once the temporary file holds part of the new bytes: the old file is untouched."""
    target = tmp_path / "big.bin"
    old = b"old contents\n" * 1000
    target.write_bytes(old)
    child = subprocess.Popen([sys.executable, "-c", SLOW_WRITER, str(target)], cwd=ROOT)
    deadline = time.monotonic() + 30
    temporary: list[Path] = []
    while time.monotonic() < deadline:
        temporary = [p for p in tmp_path.iterdir() if p.name.endswith(TEMPORARY_SUFFIX)]
        if temporary and temporary[0].stat().st_size >= 2 << 20:
            break
        time.sleep(0.01)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert temporary, "the writer never started writing"
    assert 0 < temporary[0].stat().st_size < 200 << 20  # killed mid-write, not before or after
    assert target.read_bytes() == old
    write_atomically(tmp_path / "other.bin", b"next")  # the next write clears what the killed one left
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.bin", "other.bin"]


@pytest.mark.parametrize("unnamed_files", [True, False], ids=["unnamed", "no unnamed files"])
def test_an_unnamed_temporary_is_named_only_once_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, unnamed_files: bool
) -> None:
    """While it is written, the folder shows only the old file (or, where the system has no
    unnamed files, the old file and a named temporary); then the new bytes replace it, keeping
    its mode; a failure keeps the old file and leaves nothing else."""
    from genealogy import atomic

    if not unnamed_files:
        monkeypatch.setattr(atomic, "_unnamed_file", lambda folder, mode: None)
    target = tmp_path / "chart.svg"
    target.write_bytes(b"old")
    target.chmod(0o640)
    with atomic.atomic_file(target, unnamed=True) as out:
        out.write(b"new")
        out.flush()
        seen = sorted(p.name for p in tmp_path.iterdir())
    assert len(seen) == (1 if unnamed_files else 2) and "chart.svg" in seen
    assert target.read_bytes() == b"new" and target.stat().st_mode & 0o777 == 0o640
    with pytest.raises(RuntimeError), atomic.atomic_file(target, unnamed=True) as out:
        out.write(b"half")
        raise RuntimeError("stopped")
    assert target.read_bytes() == b"new" and [p.name for p in tmp_path.iterdir()] == ["chart.svg"]
