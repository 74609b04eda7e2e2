"""The loader: located nodes, YAML 1.1 surprises pinned, hostile input refused in one line."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from genealogy import check_text
from genealogy.errors import LoadError
from genealogy.record.files import decode
from genealogy.record.loader import MAX_DEPTH, load_document, parse


def scalar(text: str, key: str = "v"):
    return parse(text).root.value[key]


@pytest.mark.parametrize(
    ("yaml_text", "kind", "value"),
    [
        ("v: NO", "str", "NO"),  # Norway, not False (YAML 1.1)
        ("v: yes", "str", "yes"),
        ("v: off", "str", "off"),
        ("v: 0755", "int", "0755"),  # kept as written, never 493
        ("v: 1953-11-23", "str", "1953-11-23"),  # never a datetime.date
        ("v: 1938", "int", "1938"),
        ("v: '1938'", "str", "1938"),
        ("v: 12:30", "str", "12:30"),  # not sexagesimal 750
        ("v: true", "bool", "true"),
        ("v: ~", "null", "~"),
        ("v:", "null", ""),
        ("v: 1.5", "float", "1.5"),
    ],
)
def test_scalars_keep_their_text(yaml_text: str, kind: str, value: str) -> None:
    node = scalar(yaml_text)
    assert (node.type, node.value) == (kind, value)


def test_nodes_carry_one_based_positions() -> None:
    root = parse("a:\n  b: [x, y]\n").root
    inner = root.value["a"].value["b"]
    assert (inner.line, inner.column) == (2, 6)
    assert [(n.line, n.column) for n in inner.value] == [(2, 7), (2, 10)]


@pytest.mark.parametrize(
    ("yaml_text", "line", "column"),
    [
        ("a: 1\na: 2\n", 2, 1),
        ("a:\n  b: 1\n  b: 2\n", 3, 3),
        ("a:\n  - b: 1\n    b: 2\n", 3, 5),
        ("a: {b: 1, b: 2}\n", 1, 11),
    ],
)
def test_duplicate_keys_at_every_level_are_reported(yaml_text: str, line: int, column: int) -> None:
    problems = parse(yaml_text).problems
    assert [(p.line, p.column, p.code) for p in problems] == [(line, column, "duplicate-key")]


def fatal(text: str) -> LoadError:
    with pytest.raises(LoadError) as caught:
        parse(text, "f.yaml")
    return caught.value


def test_python_tags_are_refused_not_executed(tmp_path: Path) -> None:
    marker = tmp_path / "owned"
    error = fatal(f'a: !!python/object/apply:os.system ["touch {marker}"]\n')
    assert error.problem.code == "tag"
    assert not marker.exists()


@pytest.mark.parametrize("tag", ["!!python/name:os.system", "!custom", "!!binary", "!!set", "!!timestamp"])
def test_every_non_plain_tag_is_refused(tag: str) -> None:
    assert fatal(f"a: {tag} x\n").problem.code == "tag"


def test_alias_bomb_is_refused_at_once() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for index in range(1, 12):
        prev = chr(ord("a") + index - 1)
        name = chr(ord("a") + index)
        lines.append(f"{name}: &{name} [{','.join('*' + prev for _ in range(9))}]")
    started = time.perf_counter()
    error = fatal("\n".join(lines) + "\n")
    assert error.problem.code == "alias"
    assert (error.problem.line, error.problem.column) == (2, 8)
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize("opener", ["[", "{a: "])
def test_deep_nesting_is_refused_without_recursion(opener: str) -> None:
    closer = "]" if opener == "[" else "}"
    error = fatal("a: " + opener * 10_000 + closer * 10_000 + "\n")
    assert error.problem.code == "too-deep"
    assert f"deeper than {MAX_DEPTH}" in error.problem.message


def test_deep_nesting_after_a_long_text_is_refused_quickly() -> None:
    """libyaml 0.2.6 stops at 1,000 levels; the slow parser must not read megabytes again."""
    text = "items:\n" + "  - x\n" * 600_000 + "deep: " + "[" * 2_000 + "]" * 2_000 + "\n"
    started = time.perf_counter()
    error = fatal(text)
    assert error.problem.code == "too-deep"
    assert error.problem.line == 600_002
    assert time.perf_counter() - started < 5


def test_deep_block_nesting_is_refused() -> None:
    text = "".join("  " * level + f"k{level}:\n" for level in range(200)) + "  " * 200 + "v: 1\n"
    assert fatal(text).problem.code == "too-deep"


def test_huge_scalar_is_refused_with_its_size() -> None:
    error = fatal("a: " + "x" * 30_000_000 + "\n")
    assert error.problem.code == "too-large"
    assert "30,000,000 characters" in error.problem.message


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("a: 1\n? [x, y]\n: 2\n", (2, 3), "a key must be plain text"),
        ("a: 1\n? " + "k" * 70_000 + "\n: 1\n", (2, 3), "a key of 70,000 characters; keys are limited to 65,536"),
    ],
    ids=["collection-as-key", "huge-key"],
)
def test_keys_that_are_not_short_text_are_refused_where_written(
    text: str, where: tuple[int, int], message: str
) -> None:
    problem = fatal(text).problem
    assert ((problem.line, problem.column), problem.message) == (where, message)


def test_huge_file_is_refused_before_parsing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("genealogy.record.files.MAX_FILE_BYTES", 1000)
    path = tmp_path / "big.yaml"
    path.write_text("a: " + "x" * 2000 + "\n")
    with pytest.raises(LoadError, match=r"over 0 MiB"):
        load_document(path)


@pytest.mark.parametrize("mark", [b"", b"\xef\xbb\xbf"], ids=["plain", "byte-order mark"])
@pytest.mark.parametrize(("data", "where"), [(b"a: 1\nb: caf\xe9\n", (2, 7)), (b"a: \xff\n", (1, 4))])
def test_bad_utf8_is_located(mark: bytes, data: bytes, where: tuple[int, int]) -> None:
    """Where the bad byte sits, and which it is, whether or not the file starts with a byte-order mark."""
    with pytest.raises(LoadError) as caught:
        decode("f.yaml", mark + data)
    assert (caught.value.problem.line, caught.value.problem.column) == where
    byte = data[data.index(b"\xe9") if b"\xe9" in data else data.index(b"\xff")]
    assert caught.value.problem.message == f"byte 0x{byte:02x} is not UTF-8; save the file as UTF-8"


def test_byte_order_mark_and_crlf_are_accepted() -> None:
    text = decode("f.yaml", b"\xef\xbb\xbfa: 1\r\nb: 2\r\n")
    root = parse(text).root
    assert list(root.value) == ["a", "b"]
    assert root.value["b"].line == 2


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "empty"),
        ("# only a comment\n", "empty"),
        ("a: [1,\n", "syntax"),
        ("a: 1\n---\nb: 2\n", "multiple-documents"),
        ("a: \x07\n", "syntax"),
        ("organisations:\n\t- id: x\n", "syntax"),
        ("? [a, b]\n: c\n", "wrong-type"),
    ],
)
def test_broken_documents_give_one_located_error(text: str, code: str) -> None:
    assert fatal(text).problem.code == code


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("just text\n", "the file should be a mapping of keys to values, not text"),
        ("- a\n- b\n", "the file should be a mapping of keys to values, not a list"),
        ("42\n", "the file should be a mapping of keys to values, not a number"),
    ],
)
def test_a_document_that_is_not_a_mapping(text: str, message: str) -> None:
    problems = check_text(text).problems
    assert [(p.line, p.column, p.message) for p in problems] == [(1, 1, message)]


@pytest.mark.parametrize("name", ["missing.yaml", "folder"])
def test_unreadable_paths(tmp_path: Path, name: str) -> None:
    (tmp_path / "folder").mkdir()
    with pytest.raises(LoadError) as caught:
        load_document(tmp_path / name)
    assert caught.value.problem.code in ("not-found", "not-a-file")


@pytest.mark.parametrize("enabled_before", [True, False])
def test_reading_pauses_the_collector_and_restores_it(enabled_before: bool) -> None:
    import gc

    from genealogy.record.loader import gc_paused

    (gc.enable if enabled_before else gc.disable)()
    try:
        with gc_paused():
            assert not gc.isenabled()
            parse("a: [1, 2, {b: c}]\n")
        assert gc.isenabled() is enabled_before
        assert gc.get_freeze_count() == 0  # nothing is left out of collection for good
    finally:
        gc.enable()


@pytest.mark.parametrize("command", ["validate", "list", "fmt", "diff"])
def test_a_fifo_is_refused_before_it_is_read(tmp_path: Path, command: str) -> None:
    """A named pipe as the data file used to block for ever; now one line names it, exit 1."""
    import os
    import subprocess
    import sys

    from .conftest import ROOT

    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    argv = {
        "validate": ["validate", str(fifo)],
        "list": ["--data", str(fifo), "list"],
        "fmt": ["fmt", str(fifo)],
        "diff": ["diff", str(fifo), str(fifo)],
    }[command]
    env = {**os.environ, "GENEALOGY_CACHE": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, "-m", "genealogy", *argv], cwd=ROOT, env=env, capture_output=True, text=True, timeout=20
    )
    assert done.returncode == 1
    expected = {
        "validate": f"{fifo}: error: this is a named pipe (FIFO); give a YAML file (not-a-file)\n",
    }.get(command, f"genealogy: error: this is a named pipe (FIFO): {fifo}; give a YAML file\n")
    assert expected in done.stdout + done.stderr


@pytest.mark.parametrize("special", ["/dev/zero", "/dev/null"])
def test_devices_are_refused(special: str) -> None:
    with pytest.raises(LoadError) as caught:
        load_document(special)
    assert caught.value.problem.message == "this is a character device; give a YAML file"


def test_too_many_values_are_refused_where_the_limit_is_passed(monkeypatch: pytest.MonkeyPatch) -> None:
    """50 MB of `[[],[],...]` took 3.3 GB and 32 s (MemoryError under ulimit -v 2G); now 0.5 GB, 3 s, one line."""
    from genealogy.record import loader

    monkeypatch.setattr(loader, "MAX_NODES", 100)
    text = "x: [" + ",".join(["[]"] * 200) + "]\n"
    problems = check_text(text).problems
    assert [(p.line, p.column, p.code, p.message) for p in problems] == [
        (1, 5 + 3 * 98, "too-large", "the file holds more than 100 values; split it up")  # the map, the list, 99th []
    ]
    assert check_text("x: [" + ",".join(["[]"] * 98) + "]\n").problems[0].code != "too-large"  # within the limit


@pytest.mark.parametrize("error", [MemoryError, SystemError])
def test_running_out_of_memory_while_parsing_is_one_located_line(
    monkeypatch: pytest.MonkeyPatch, error: type[Exception]
) -> None:
    from genealogy.record import loader

    def exhausted(*args: object) -> None:
        raise error()

    monkeypatch.setattr(loader, "_walk", exhausted)
    problems = check_text("x: 1\n", "big.yaml").problems
    assert [p.format() for p in problems] == [
        "big.yaml:1:1: error: there is not enough memory to read the file; split it up (too-large)"
    ]


def test_running_out_of_memory_while_checking_is_one_located_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from genealogy.record import validate

    def exhausted(*args: object) -> None:
        raise MemoryError

    monkeypatch.setattr(validate, "build", exhausted)
    assert [p.code for p in check_text("x: 1\n").problems] == ["too-large"]


def test_a_repeated_section_is_reported_and_its_records_left_out() -> None:
    """Records are built as they are read (structure.build), but not those of a section already given."""
    record = "  - {id: %s, name: %s, kind: party, country: GB, founded: 1930, sources: [s]}\n"
    text = "sources: {s: {title: S}}\norganisations:\n" + record % ("a", "A") + "events: []\n"
    report = check_text(text + "organisations:\n" + record % ("b", "B"))
    assert [(p.line, p.code) for p in report.problems] == [(5, "duplicate-key")]
    assert report.genealogy is not None and list(report.genealogy.organisations) == ["a"]
