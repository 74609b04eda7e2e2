"""Shared fixtures: paths to the cases and the real record, a generated sample record, and a CLI runner.

Code tests use the cases and the sample; only test_data.py (and the README's examples) read the
real record, so that an edit to the history cannot break a test of the code.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from genealogy.cli import cli

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "cases"
REAL_DATA = ROOT / "data" / "orgs.yaml"
SHARED = ROOT.parent / "shared"

_spec = importlib.util.spec_from_file_location("synth", ROOT / "benchmarks" / "synth.py")
assert _spec is not None and _spec.loader is not None
synth = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(synth)


@pytest.fixture(scope="session")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated record of 150 organisations of every kind (benchmarks/synth.py, seed 7)."""
    path = tmp_path_factory.mktemp("sample") / "sample.yaml"
    path.write_text(synth.synthesise(150, 7), encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own record cache, so no test reads another's or the user's."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("GENEALOGY_CACHE", str(folder))
    return folder


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch):
    """Invoke the CLI in-process: run("lineage", "imt") -> Result with stdout and stderr apart."""
    monkeypatch.delenv("GENEALOGY_DATA", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)

    def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
        return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)

    return invoke


@pytest.fixture
def write(tmp_path: Path):
    """Write a small YAML file and return its path."""

    def make(text: str, name: str = "record.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return make
