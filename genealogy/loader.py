"""Reading a data file into located nodes: the only module that touches YAML.

The file is parsed with libyaml's event stream (PyYAML's C parser when present) and the node
tree is built here, iteratively, so that every value keeps its line and column, duplicate keys
are reported instead of silently dropped, aliases and Python tags are refused before anything
is built, and YAML 1.1 surprises (``NO`` as false, ``0755`` as octal, ``1953-11-23`` as a date)
never happen: scalars stay text unless they are plainly a number, a boolean or null.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ERROR, LoadError, Problem

if TYPE_CHECKING:  # imported on first parse: a cached record never needs YAML
    import yaml

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_SCALAR_CHARS = 64 * 1024
MAX_DEPTH = 64

_PLAIN_TAGS = {None, "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
# The YAML 1.2 core schema, which is what people expect; everything else is text.
_NULL = re.compile(r"~|null|Null|NULL|")
_BOOL = re.compile(r"true|True|TRUE|false|False|FALSE")
_INT = re.compile(r"[-+]?[0-9]+")
_MAYBE_TYPED = frozenset("0123456789+-.~nNtTfF")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")


@dataclass(slots=True)
class Node:
    """A parsed value with its position (1-based line and column).

    `kind` is "map", "seq" or "scalar". A scalar's `type` is "str", "int", "float", "bool" or
    "null" (quoted scalars are always "str"); its `value` is the text as written. A map's
    `value` is a dict of key text to value node, and `keys` the line and column of each key.
    """

    kind: str
    value: object
    line: int
    column: int
    type: str = "str"
    keys: dict[str, tuple[int, int]] | None = None  # a map's keys: where each is written

    @property
    def text(self) -> str:
        assert self.kind == "scalar"
        return self.value  # type: ignore[return-value]

    def describe(self) -> str:
        """What the value is, in words for a message: "a list", "a boolean", ..."""
        if self.kind == "map":
            return "a mapping"
        if self.kind == "seq":
            return "a list"
        return {"str": "text", "int": "a number", "float": "a number", "bool": "a boolean"}.get(
            self.type, "nothing (null)"
        )


@dataclass(slots=True)
class Document:
    """The root node of a file and the non-fatal problems met while reading it."""

    path: str
    root: Node
    problems: list[Problem]


def _problem(path: str, line: int, column: int, code: str, message: str) -> LoadError:
    return LoadError(Problem(path, line, column, ERROR, code, message))


def _at_mark(path: str, mark: yaml.Mark, code: str, message: str) -> LoadError:
    return _problem(path, mark.line + 1, mark.column + 1, code, message)


def read_text(path: Path | str) -> str:
    """The file's text, or a LoadError that says what is wrong with the file itself."""
    name = str(path)
    file = Path(path)
    try:
        with file.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise _problem(name, 1, 1, "not-found", "no such file; check the path") from None
    except IsADirectoryError:
        raise _problem(name, 1, 1, "not-a-file", "this is a directory; give a YAML file") from None
    except OSError as error:
        raise _problem(name, 1, 1, "unreadable", f"cannot read the file: {error.strerror}") from None
    if len(data) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        raise _problem(name, 1, 1, "too-large", f"the file is over {limit} MiB; split it up")
    return decode(name, data)


def decode(name: str, data: bytes) -> str:
    """UTF-8 (a byte-order mark is allowed); a bad byte is reported where it sits."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        byte = data[error.start]
        raise _problem(
            name, line, column, "encoding", f"byte 0x{byte:02x} is not UTF-8; save the file as UTF-8"
        ) from None
    return text.replace("\r\n", "\n")


def load_document(path: Path | str) -> Document:
    """Read and parse a file; fatal problems raise LoadError, others are in `problems`."""
    return parse(read_text(path), str(path))


def parse(text: str, path: str = "<string>") -> Document:
    """Build the node tree from YAML text. See the module docstring for what is refused."""
    problems: list[Problem] = []
    stack: list[list] = []  # [collection, pending key node for maps]: mutable, so no tuple per node
    root: Node | None = None
    documents = 0
    import yaml

    # libyaml's parser is several times faster; the pure-Python one is the fallback.
    parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    # Local names: this loop runs once per YAML event (400,000 for 10,000 organisations).
    get_event, scalar_event, mapping_start, sequence_start = (
        parser.get_event,
        yaml.ScalarEvent,
        yaml.MappingStartEvent,
        yaml.SequenceStartEvent,
    )
    collection_end, stream_end, plain_tags = (
        (yaml.MappingEndEvent, yaml.SequenceEndEvent),
        yaml.StreamEndEvent,
        _PLAIN_TAGS,
    )
    try:
        while True:
            event = get_event()
            kind = type(event)
            if kind is scalar_event or kind is mapping_start or kind is sequence_start:
                mark = event.start_mark
                line, column = mark.line + 1, mark.column + 1
                if event.tag not in plain_tags:
                    tag = event.tag.replace("tag:yaml.org,2002:", "!!")
                    message = f"the tag {tag} is not allowed; remove it (data files hold plain values only)"
                    raise _problem(path, line, column, "tag", message)
                if kind is scalar_event:
                    value = event.value
                    if stack and stack[-1][1] is None and stack[-1][0].kind == "map":
                        # A key: only its text and place are kept (no node), its value comes next.
                        if len(value) > MAX_SCALAR_CHARS:
                            raise _problem(path, line, column, "too-large", f"a key of {len(value):,} characters")
                        stack[-1][1] = (value, line, column)
                        continue
                    if event.implicit[0] and value and value[0] not in _MAYBE_TYPED and len(value) <= MAX_SCALAR_CHARS:
                        node = Node("scalar", value, line, column)  # plain text: the common case, no regex
                    else:
                        node = _scalar(event, line, column, path)
                elif len(stack) >= MAX_DEPTH:
                    raise _problem(path, line, column, "too-deep", f"nesting is deeper than {MAX_DEPTH} levels")
                elif kind is mapping_start:
                    node = Node("map", {}, line, column, keys={})
                else:
                    node = Node("seq", [], line, column)
                if not stack:
                    root = node
                else:  # attach to the enclosing collection; inline, as this runs for every node
                    frame = stack[-1]
                    parent = frame[0]
                    if parent.kind == "seq":
                        parent.value.append(node)
                    elif frame[1] is None:  # this node is a key; its value comes next
                        if node.kind != "scalar":
                            raise _problem(path, line, column, "wrong-type", "a key must be plain text")
                        frame[1] = node
                    else:
                        (key, key_line, key_column), frame[1] = frame[1], None
                        if key in parent.value:
                            first_line = parent.keys[key][0]
                            problems.append(_duplicate(path, key, key_line, key_column, first_line))
                        else:
                            parent.value[key] = node
                            parent.keys[key] = (key_line, key_column)
                if node.kind != "scalar":
                    stack.append([node, None])
            elif kind in collection_end:
                stack.pop()
            elif kind is stream_end:
                break
            elif kind is yaml.AliasEvent:
                raise _at_mark(
                    path, event.start_mark, "alias", "aliases (*name) are not supported; write the value out"
                )
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    message = "the file holds more than one YAML document; keep one"
                    raise _at_mark(path, event.start_mark, "multiple-documents", message)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(part for part in (error.context, error.problem) if part)
        if mark and mark.index < len(text) and text[mark.index] == "\t":
            what += " (a tab: indent with spaces)"
        raise _problem(path, line, column, "syntax", f"YAML syntax error: {what}") from None
    except yaml.reader.ReaderError as error:  # control characters and the like
        before = text[: error.position]
        line, column = before.count("\n") + 1, error.position - (before.rfind("\n") + 1) + 1
        character = f"U+{error.character:04X}" if isinstance(error.character, int) else repr(error.character)
        raise _problem(
            path, line, column, "syntax", f"character {character} is not allowed in YAML; remove it or escape it"
        ) from None
    except yaml.YAMLError as error:
        raise _problem(path, 1, 1, "syntax", f"YAML error: {str(error).splitlines()[0]}") from None
    finally:
        parser.dispose()
    if root is None:
        raise _problem(path, 1, 1, "empty", "the file is empty; it should hold `organisations:` and `events:`")
    return Document(path, root, problems)


def _scalar(event: yaml.ScalarEvent, line: int, column: int, path: str) -> Node:
    value: str = event.value
    if len(value) > MAX_SCALAR_CHARS:
        raise _problem(
            path,
            line,
            column,
            "too-large",
            f"a value of {len(value):,} characters; values are limited to {MAX_SCALAR_CHARS:,}",
        )
    plain = event.implicit[0] and event.tag is None
    if not plain or (value and value[0] not in _MAYBE_TYPED):
        kind = "str"  # most values: no regular expression needed
    elif _NULL.fullmatch(value):
        kind = "null"
    elif _BOOL.fullmatch(value):
        kind = "bool"
    elif _INT.fullmatch(value):
        kind = "int"
    elif _FLOAT.fullmatch(value):
        kind = "float"
    else:
        kind = "str"
    return Node("scalar", value, line, column, kind)


def _duplicate(path: str, key: str, line: int, column: int, first_line: int) -> Problem:
    return Problem(
        path, line, column, ERROR, "duplicate-key",
        f"duplicate key {key!r} (first at line {first_line}); YAML keeps only one, so merge or remove it",
    )  # fmt: skip


def default_data_path() -> Path:
    """The record queries read when no --data or GENEALOGY_DATA is given.

    In a checkout (or an editable install) that is the checkout's data/orgs.yaml; an installed
    wheel carries a copy inside the package, so queries work from any directory.
    """
    package = Path(__file__).resolve().parent
    checkout = package.parent / "data" / "orgs.yaml"
    if checkout.is_file():
        return checkout
    return package / "data" / "orgs.yaml"
