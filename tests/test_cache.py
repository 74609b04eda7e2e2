"""The record cache: a hit gives the same record, any change is a miss, a broken cache is ignored."""

from __future__ import annotations

from pathlib import Path

import pytest

from genealogy import InvalidDataError, load
from genealogy.record.cache import cache_dir, load_cached

from .conftest import CASES

MINIMAL = (CASES / "valid" / "minimal.yaml").read_text(encoding="utf-8")


def test_hit_returns_the_same_record(tmp_path: Path, private_cache: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(MINIMAL)
    first = load_cached(path)
    assert len(list(private_cache.glob("*.pickle"))) == 1
    assert load_cached(path) == first == load(path)


def test_an_edit_is_a_miss(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(MINIMAL)
    assert load_cached(path).organisations["alpha"].name == "Alpha League"
    path.write_text(MINIMAL.replace("Alpha League", "Alpha Union"))
    assert load_cached(path).organisations["alpha"].name == "Alpha Union"


def test_invalid_data_is_never_cached(tmp_path: Path, private_cache: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(MINIMAL.replace("to: beta", "to: gamma"))
    with pytest.raises(InvalidDataError):
        load_cached(path)
    assert list(private_cache.iterdir()) == []


def test_a_corrupt_cache_entry_is_ignored(tmp_path: Path, private_cache: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(MINIMAL)
    load_cached(path)
    for entry in private_cache.glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert load_cached(path).organisations["beta"].name == "Beta Group"


def test_cache_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, private_cache: Path) -> None:
    monkeypatch.setenv("GENEALOGY_CACHE", "off")
    assert cache_dir() is None
    path = tmp_path / "r.yaml"
    path.write_text(MINIMAL)
    assert load_cached(path).organisations["alpha"].abbreviation == "AL"
    assert list(private_cache.iterdir()) == []


def test_an_unwritable_cache_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("GENEALOGY_CACHE", str(blocker / "cache"))
    path = tmp_path / "r.yaml"
    path.write_text(MINIMAL)
    assert load_cached(path).organisations["alpha"].name == "Alpha League"


def test_old_entries_are_pruned(tmp_path: Path, private_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("genealogy.record.cache.KEEP", 3)
    path = tmp_path / "r.yaml"
    for version in range(6):
        path.write_text(MINIMAL.replace("Alpha League", f"Alpha League {version}"))
        assert load_cached(path).organisations["alpha"].name == f"Alpha League {version}"
    assert len(list(private_cache.glob("*.pickle"))) == 3


def test_a_chart_from_the_cache_never_parses(tmp_path: Path, private_cache: Path) -> None:
    """The start-up a cached chart pays for: no YAML, no loader, no model, no pickle."""
    import subprocess
    import sys

    path = tmp_path / "r.yaml"
    path.write_text(MINIMAL)
    render = ["render", "--data", str(path), "--format", "dot", "-o", str(tmp_path / "c.dot")]
    code = (
        "import sys\n"
        "from genealogy.cli import cli\n"
        f"cli({render!r}, standalone_mode=False)\n"
        "heavy = {'yaml', 'pickle', 'genealogy.record.loader', 'genealogy.model', 'genealogy.chart.dot'}\n"
        "heavy &= set(sys.modules)\n"
        "assert not heavy, sorted(heavy)\n"
    )
    env = {"GENEALOGY_CACHE": str(private_cache), "PATH": "/usr/bin:/bin"}
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False)
    assert "AssertionError" in first.stderr  # the first run builds the chart, so it parses
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False)
    assert second.returncode == 0, second.stderr
