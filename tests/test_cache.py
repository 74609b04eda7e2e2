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
    assert [p.name for p in private_cache.iterdir()] == ["key"]


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
        "heavy = {'yaml', 'pickle', 'genealogy.record.loader', 'genealogy.model', 'genealogy.chart.dot', '_hashlib'}\n"
        "heavy &= set(sys.modules)\n"
        "assert not heavy, sorted(heavy)\n"
    )
    env = {"GENEALOGY_CACHE": str(private_cache), "PATH": "/usr/bin:/bin"}
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False)
    assert "AssertionError" in first.stderr  # the first run builds the chart, so it parses
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False)
    assert second.returncode == 0, second.stderr


def test_a_chart_written_in_pieces_is_read_back_whole(
    tmp_path: Path, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Derived text is encoded and signed a piece at a time; the entry is then a hit, the same text."""
    from genealogy.record.cache import derived_text

    monkeypatch.setattr("genealogy.atomic.PIECE_CHARACTERS", 5)
    path = tmp_path / "r.yaml"
    path.write_text(MINIMAL)
    chart = 'digraph { "Fourth International – ★" }\n' * 30
    assert derived_text(path, "chart", lambda g: chart) == chart
    assert derived_text(path, "chart", lambda g: "rebuilt") == chart


def test_a_chart_made_as_it_is_read_is_stored_on_save_with_its_record(tmp_path: Path, private_cache: Path) -> None:
    """`derived` stores nothing until `save` (the command saves while Graphviz draws), then both entries."""
    from genealogy.record.cache import derived

    path = tmp_path / "r.yaml"
    path.write_text(MINIMAL)
    made = derived(path, "chart", lambda g: iter(["digraph {\n", f'  "{len(g.organisations)}";\n', "}\n"]))
    assert not _entries(private_cache, "pickle") and not _entries(private_cache, "txt")
    text = "".join(made.pieces)
    made.save()
    assert len(_entries(private_cache, "pickle")) == len(_entries(private_cache, "txt")) == 1
    again = derived(path, "chart", lambda g: pytest.fail("a hit makes nothing"))
    assert "".join(again.pieces) == text == 'digraph {\n  "2";\n}\n'


def test_a_chart_not_made_whole_is_not_stored(tmp_path: Path, private_cache: Path) -> None:
    from genealogy.record.cache import derived

    path = tmp_path / "r.yaml"
    path.write_text(MINIMAL)
    made = derived(path, "chart", lambda g: iter(["digraph {\n", "}\n"]))
    next(iter(made.pieces))  # Graphviz stopped reading after the first piece
    made.save()
    assert not _entries(private_cache, "txt")
    assert len(_entries(private_cache, "pickle")) == 1  # the record was checked whole: it is kept


# --- what another user or process plants in the cache is never run, and never reaches the output ---------


PLANTED = """
import os, pickle, sys
class Boom:
    def __reduce__(self):
        return (os.system, ("touch " + sys.argv[2],))
entry = sys.argv[1]
open(entry, "wb").write(pickle.dumps(Boom()))
"""


def _entries(folder: Path, suffix: str) -> list[Path]:
    return sorted(folder.glob(f"*.{suffix}"))


def test_a_planted_pickle_is_not_run(tmp_path: Path, private_cache: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "r.yaml"
    path.write_text(MINIMAL)
    load_cached(path)
    [entry] = _entries(private_cache, "pickle")
    marker = tmp_path / "ran"
    subprocess.run([sys.executable, "-c", PLANTED, str(entry), str(marker)], check=True)
    assert load_cached(path).organisations["alpha"].name == "Alpha League"
    assert not marker.exists()


def test_a_signed_entry_still_builds_only_the_model(tmp_path: Path, private_cache: Path) -> None:
    """Even with the key (say it leaked), the unpickler refuses anything but the model's classes."""
    import hashlib
    import os
    import pickle

    path = tmp_path / "r.yaml"
    path.write_text(MINIMAL)
    load_cached(path)
    [entry] = _entries(private_cache, "pickle")
    marker = tmp_path / "ran"
    payload = pickle.dumps(_Boom(str(marker)))
    key = (private_cache / "key").read_bytes()
    mac = hashlib.blake2b(entry.name.encode() + b"\0" + payload, key=key, digest_size=32).digest()
    entry.write_bytes(mac + payload)
    assert load_cached(path).organisations["alpha"].name == "Alpha League"
    assert not marker.exists()
    assert os.stat(entry).st_mode & 0o777 == 0o600


class _Boom:
    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        import os

        return (os.system, (f"touch {self.marker}",))


def test_a_planted_chart_does_not_reach_the_output(tmp_path: Path, private_cache: Path) -> None:
    from genealogy.record.cache import derived_text

    path = tmp_path / "r.yaml"
    path.write_text(MINIMAL)
    assert derived_text(path, "chart", lambda g: "honest") == "honest"
    [entry] = _entries(private_cache, "txt")
    entry.write_bytes(b'digraph { a [URL="javascript:alert(1)"] }')
    assert derived_text(path, "chart", lambda g: "honest") == "honest"


def test_folder_and_entries_are_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    folder = tmp_path / "fresh" / "genealogy"
    monkeypatch.setenv("GENEALOGY_CACHE", str(folder))
    path = tmp_path / "r.yaml"
    path.write_text(MINIMAL)
    load_cached(path)
    assert os.stat(folder).st_mode & 0o777 == 0o700
    assert {os.stat(p).st_mode & 0o777 for p in folder.iterdir()} == {0o600}


def test_a_folder_others_can_write_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    folder = tmp_path / "shared"
    folder.mkdir()
    os.chmod(folder, 0o777)
    monkeypatch.setenv("GENEALOGY_CACHE", str(folder))
    path = tmp_path / "r.yaml"
    path.write_text(MINIMAL)
    assert load_cached(path).organisations["alpha"].name == "Alpha League"
    assert list(folder.iterdir()) == []


def test_a_folder_that_is_a_link_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = tmp_path / "real"
    real.mkdir(mode=0o700)
    link = tmp_path / "link"
    link.symlink_to(real)
    monkeypatch.setenv("GENEALOGY_CACHE", str(link))
    path = tmp_path / "r.yaml"
    path.write_text(MINIMAL)
    load_cached(path)
    assert list(real.iterdir()) == []


def test_a_record_with_domains_is_a_hit(tmp_path: Path, private_cache: Path) -> None:
    """Every class of the model can come back from the cache (Domain once could not: a miss every time)."""
    from genealogy.record import cache

    path = tmp_path / "r.yaml"
    path.write_text(MINIMAL + "domains:\n  - {name: D, colour: '#112233', members: [alpha]}\n")
    first = load_cached(path)
    [entry] = _entries(private_cache, "pickle")
    signed = cache._entry(path, cache.text_digest(path.read_text()), "record", "pickle")
    assert signed is not None and signed.path == entry
    data = signed.read()
    assert data is not None and cache._unpickle(data) == first
    assert first.domains[0].members == ("alpha",)


def test_the_code_stamp_changes_with_the_code_and_not_with_its_bytecode(tmp_path: Path) -> None:
    """Entries are keyed by the package's files: an edit is a miss, compiling is not."""
    import os

    from genealogy.record.cache import files_stamp

    (tmp_path / "chart" / "templates").mkdir(parents=True)
    (tmp_path / "chart" / "__pycache__").mkdir()
    (tmp_path / "model.py").write_text("x = 1\n")
    (tmp_path / "chart" / "templates" / "explorer.html").write_text("<html>")
    before = files_stamp(tmp_path)
    assert "model.py:6:" in before and "chart/templates/explorer.html:6:" in before
    (tmp_path / "chart" / "__pycache__" / "dot.cpython-311.pyc").write_bytes(b"\0" * 10)
    (tmp_path / "notes.txt").write_text("not code")
    assert files_stamp(tmp_path) == before
    (tmp_path / "model.py").write_text("x = 2\n")
    os.utime(tmp_path / "model.py", ns=(1, 1))
    assert files_stamp(tmp_path) != before


def test_entries_are_not_flushed_to_disk_but_charts_are(
    tmp_path: Path, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache entry torn by a power cut is refused by its signature, so it is not fsynced; a chart is."""
    import os

    from genealogy.atomic import write_atomically

    synced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real_fsync(fd))[1])
    path = tmp_path / "r.yaml"
    path.write_text(MINIMAL)
    load_cached(path)
    assert len(_entries(private_cache, "pickle")) == 1 and synced == []
    write_atomically(tmp_path / "chart.svg", b"<svg/>")
    assert len(synced) == 1
