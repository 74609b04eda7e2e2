"""Reading a data file into located nodes: the only module that touches YAML.

The file is parsed with libyaml's event stream (PyYAML's C parser when present) and the node
tree is built here, iteratively, so that every value keeps its line and column, duplicate keys
are reported instead of silently dropped, aliases and Python tags are refused before anything
is built, and YAML 1.1 surprises (``NO`` as false, ``0755`` as octal, ``1953-11-23`` as a date)
never happen: scalars stay text unless they are plainly a number, a boolean or null.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from genealogy.errors import ERROR, LoadError, Problem
from genealogy.record.files import located, read_text
from genealogy.record.limits import MAX_SCALAR_CHARS

if TYPE_CHECKING:  # imported on first parse: a cached record never needs YAML
    import yaml

MAX_DEPTH = 64
# Values in one file: ten times the 200,000 of a 10,000-organisation record. Each costs some 200
# bytes once built, so 50 MB of `[[],[],...]` would take 3 GB; past this, the file is refused.
MAX_NODES = 2_000_000
TOO_DEEP = f"nesting is deeper than {MAX_DEPTH} levels"
OUT_OF_MEMORY = "there is not enough memory to read the file; split it up"
# The pure-Python parser reads about half a megabyte a second; past this, it is not asked.
MAX_REREAD_CHARS = 1024 * 1024

_PLAIN_TAGS = {None, "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
# The YAML 1.2 core schema, which is what people expect; everything else is text.
_NULL = frozenset(("~", "null", "Null", "NULL", ""))
_BOOL = frozenset(("true", "True", "TRUE", "false", "False", "FALSE"))
_WORDS = _NULL | _BOOL  # the plain scalars that are not text, but for numbers
_MAYBE_TYPED = frozenset("0123456789+-.~nNtTfF")  # first characters of a non-text plain scalar
_NUMBER_START = frozenset("0123456789+-.")
# Every integer matches too: its third group is empty and it has no ".".
_NUMBER = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")


class _Record:
    """What @dataclass(slots=True) gives a class of `__slots__` (its repr and ==), without the
    dataclass machinery at import: the two classes below took 0.9 ms to make as dataclasses."""

    __slots__ = ()
    __hash__ = None  # type: ignore[assignment]  # as a dataclass's: == compares values
    _fields: tuple[str, ...] = ()  # the attributes, in the order of the constructor's arguments

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self._fields)

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__name__}({shown})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, _Record)
        return self._values() == other._values()


class Node(_Record):
    """A parsed value with its position (1-based line and column).

    `kind` is "map", "seq" or "scalar". A scalar's `type` is "str", "int", "float", "bool" or
    "null" (quoted scalars are always "str"); its `value` is the text as written. A map's
    `value` is a dict of key text to value node, and `keys` the line and column of each key.
    """

    _fields = ("kind", "value", "line", "column", "type", "keys")
    __slots__ = _fields

    def __init__(
        self,
        kind: str,
        value: str | dict[str, Node] | list[Node],
        line: int,
        column: int,
        type: str = "str",
        keys: dict[str, tuple[int, int]] | None = None,  # a map's keys: where each is written
    ) -> None:
        self.kind = kind
        self.value = value
        self.line = line
        self.column = column
        self.type = type
        self.keys = keys

    @property
    def text(self) -> str:
        """A scalar's text as written."""
        assert isinstance(self.value, str)
        return self.value

    @property
    def mapping(self) -> dict[str, Node]:
        """A map's keys and value nodes."""
        assert isinstance(self.value, dict)
        return self.value

    @property
    def items(self) -> list[Node]:
        """A list's value nodes."""
        assert isinstance(self.value, list)
        return self.value

    @property
    def key_places(self) -> dict[str, tuple[int, int]]:
        """A map's keys: the line and column where each is written."""
        assert self.keys is not None
        return self.keys

    def describe(self) -> str:
        """What the value is, in words for a message: "a list", "a boolean", ..."""
        if self.kind == "map":
            return "a mapping"
        if self.kind == "seq":
            return "a list"
        return {"str": "text", "int": "a number", "float": "a number", "bool": "a boolean"}.get(
            self.type, "nothing (null)"
        )


class Document(_Record):
    """The root node of a file and the non-fatal problems met while reading it."""

    _fields = ("path", "root", "problems")
    __slots__ = _fields

    def __init__(self, path: str, root: Node, problems: list[Problem]) -> None:
        self.path = path
        self.root = root
        self.problems = problems


# Called with each item of a top-level list that is a list or a mapping (an organisation, an
# event, ...) as soon as it is read, and the name of that list ("organisations"); True if it took
# the item, which is then left out of the tree.
Take = Callable[[str, Node], bool]


@contextmanager
def gc_paused() -> Iterator[None]:
    """Hold the cyclic garbage collector while a record is read or unpickled.

    Reading 10,000 organisations makes some 500,000 objects, none in a cycle; the collector
    would walk the growing heap again and again for nothing (a fifth of the time). The input
    is bounded (MAX_FILE_BYTES), so the pause is too; the previous setting is restored.
    Objects made during a pause still count as new, so the first allocation after it would
    scan all of them at once (0.15 s); freeze-then-unfreeze files them with the long-lived
    objects instead, where they are examined only in the rare full collections.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        if was_enabled:
            gc.enable()


def _at_mark(path: str, mark: yaml.Mark, code: str, message: str) -> LoadError:
    return located(path, mark.line + 1, mark.column + 1, code, message)


def _tag_error(path: str, mark: yaml.Mark, tag: str) -> LoadError:
    shown = tag.replace("tag:yaml.org,2002:", "!!")
    return _at_mark(path, mark, "tag", f"the tag {shown} is not allowed; remove it (data files hold plain values only)")


def load_document(path: Path | str, take: Take | None = None) -> Document:
    """Read and parse a file; fatal problems raise LoadError, others are in `problems` (`take`: see `parse`)."""
    return parse(read_text(path), str(path), take, named=True)


def parse(text: str, path: str = "<string>", take: Take | None = None, *, named: bool = False) -> Document:
    """Build the node tree from YAML text. See the module docstring for what is refused.

    With `take`, the items of top-level lists can be handed over as soon as each is read: a
    caller that builds records from them then never holds the tree of the whole file.
    `named`: the text was read from the file `path`, whose name may say it is a CSV sheet.
    """
    from genealogy.record.hints import csv_sheet

    if (sheet := csv_sheet(text, path, named)) is not None:  # once: a file was looked at twice
        raise sheet
    import yaml

    # libyaml's parser is several times faster; the pure-Python one is the fallback.
    fast = getattr(yaml, "CSafeLoader", None)
    try:
        return _walk(text, path, fast or yaml.SafeLoader, take)
    except (MemoryError, SystemError):  # libyaml reports a failed allocation as a SystemError
        raise located(path, 1, 1, "too-large", OUT_OF_MEMORY) from None
    except _LibyamlTooDeep as deep:
        # libyaml 0.2.6 stops at 1,000 levels while reading ahead, so past the place where
        # nesting passed our 64. The pure-Python parser has no limit of its own: on the text up
        # to libyaml's mark it reaches ours and says where. A long text is not read again.
        if deep.mark.index <= MAX_REREAD_CHARS:
            try:
                _walk(text[: deep.mark.index + 1], path, yaml.SafeLoader)
            except LoadError as error:
                if error.problem.code == "too-deep":
                    raise
        raise _at_mark(path, deep.mark, "too-deep", TOO_DEEP) from None


class _LibyamlTooDeep(Exception):
    """libyaml's own nesting limit, met before ours; `mark` is where libyaml stopped."""

    def __init__(self, mark: yaml.Mark) -> None:
        super().__init__()
        self.mark = mark


def _walk(text: str, path: str, loader: type, take: Take | None = None) -> Document:
    """One pass over the events of `loader` (a PyYAML loader class), building nodes as they come."""
    import yaml

    from genealogy.record.hints import syntax_hint

    problems: list[Problem] = []
    parser = loader(text)
    # This loop runs once per YAML event (430,000 for 10,000 organisations), so the state of the
    # innermost open collection is kept in local names and saved on `stack` only on entering a
    # nested one: `values` is its list or dict, `keys` a map's key places (None for a list),
    # `pending` a map's key whose value comes next and `place` its (line, column). A collection
    # is entered only once its key is used, so no key is pending in those saved on `stack`.
    get_event, scalar_event = parser.get_event, yaml.ScalarEvent
    mapping_start, sequence_start, plain_tags = yaml.MappingStartEvent, yaml.SequenceStartEvent, _PLAIN_TAGS
    collection_end, stream_end = (yaml.MappingEndEvent, yaml.SequenceEndEvent), yaml.StreamEndEvent
    stack: list[tuple[Any, Any]] = []
    root: Node | None = None
    # Any, not the union they hold: narrowing them once per event would cost this loop a call each.
    values: Any = None  # dict[str, Node] | list[Node] | None
    keys: dict[str, tuple[int, int]] | None = None
    pending: Any = None  # str | None
    place = (0, 0)
    # One str object for each distinct text and one int for each line number, shared by every
    # node and key that holds it (and later by the model): a record repeats its keys, kinds,
    # countries, dates, source keys and ids thousands of times, and libyaml makes a new object
    # for each. At 10,000 organisations the whole tree took 70 MB, now 50 MB; the model 48, now 34.
    texts: dict[str, str] = {}
    share = texts.setdefault
    row, line = -1, 0  # libyaml's 0-based line of the last event, and its 1-based number
    section = None  # the name of the open top-level list, whose items go to `take`
    documents = 0
    room = MAX_NODES  # values still allowed
    try:
        while True:
            event = get_event()
            kind = type(event)
            if kind is scalar_event:
                tag, value, mark = event.tag, share(event.value, event.value), event.start_mark
                if tag is not None and tag not in plain_tags:
                    raise _tag_error(path, mark, tag)
                if mark.line != row:
                    row = mark.line
                    line = row + 1
                if keys is not None and pending is None:  # a key: its text and place, no node
                    if len(value) > MAX_SCALAR_CHARS:
                        message = f"a key of {len(value):,} characters; keys are limited to {MAX_SCALAR_CHARS:,}"
                        raise _at_mark(path, mark, "too-large", message)
                    pending, place = value, (line, mark.column + 1)
                    continue
                if len(value) <= MAX_SCALAR_CHARS and (
                    not event.implicit[0]  # quoted (or tagged !!str): text as written
                    or (value and value[0] not in _NUMBER_START and value not in _WORDS)
                    # a date such as 1993-07-16: _NUMBER takes a "-" only first or after an exponent's e
                    or (value.find("-", 1) > 0 and "e" not in value and "E" not in value)
                ):
                    # Text, as _scalar would find, with no regex and no call: the Linux sheet's 10,600 of
                    # its 10,700 values. With its dates and quoted colours left to _scalar, 1.7 ms more.
                    node = Node("scalar", value, line, mark.column + 1)
                else:
                    node = _scalar(event, value, line, mark.column + 1, path)
            elif kind is mapping_start or kind is sequence_start:
                tag, mark = event.tag, event.start_mark
                if tag is not None and tag not in plain_tags:
                    raise _tag_error(path, mark, tag)
                if keys is not None and pending is None:
                    raise _at_mark(path, mark, "wrong-type", "a key must be plain text")
                if len(stack) >= MAX_DEPTH:
                    raise _at_mark(path, mark, "too-deep", TOO_DEEP)
                if mark.line != row:
                    row = mark.line
                    line = row + 1
                if kind is mapping_start:
                    node = Node("map", {}, line, mark.column + 1, "str", {})  # not keys={}: 0.3 ms of 2,100 maps
                else:
                    node = Node("seq", [], line, mark.column + 1)
            elif kind in collection_end:
                values, keys = stack.pop()
                pending = None
                if len(stack) == 2 and section is not None and take is not None and take(section, values[-1]):
                    values.pop()  # an item of a top-level list, taken: it does not join the tree
                continue
            elif kind is stream_end:
                break
            elif kind is yaml.AliasEvent:
                raise _at_mark(
                    path, event.start_mark, "alias", "aliases (*name) are not supported; write the value out"
                )
            else:
                if kind is yaml.DocumentStartEvent:
                    documents += 1
                    if documents > 1:
                        message = "the file holds more than one YAML document; keep one"
                        raise _at_mark(path, event.start_mark, "multiple-documents", message)
                continue
            # Attach the new node to the open collection, then open it if it is one.
            room -= 1
            if room < 0:
                message = f"the file holds more than {MAX_NODES:,} values; split it up"
                raise _at_mark(path, event.start_mark, "too-large", message)
            if keys is not None:
                key, pending = pending, None
                if key in values:
                    problems.append(_duplicate(path, key, place[0], place[1], keys[key][0]))
                    key = None  # left out: nor are its items taken
                else:
                    values[key] = node
                    keys[key] = place
            elif values is not None:
                values.append(node)
            elif root is None:
                root = node
            if kind is not scalar_event:
                if len(stack) == 1:  # a section of the file
                    section = key if kind is sequence_start and keys is not None else None
                stack.append((values, keys))
                values, keys = node.value, node.keys
    except yaml.MarkedYAMLError as error:
        if "maximum nesting depth" in (error.problem or "") and error.problem_mark:
            raise _LibyamlTooDeep(error.problem_mark) from None
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(part for part in (error.context, error.problem) if part)
        if mark and mark.index < len(text) and text[mark.index] == "\t":
            what += " (a tab: indent with spaces)"
        line, column, what = syntax_hint(text, error, line, column, what)
        raise located(path, line, column, "syntax", f"YAML syntax error: {what}") from None
    except yaml.reader.ReaderError as error:  # control characters and the like
        before = text[: error.position]
        line, column = before.count("\n") + 1, error.position - (before.rfind("\n") + 1) + 1
        character = f"U+{error.character:04X}" if isinstance(error.character, int) else repr(error.character)
        raise located(
            path, line, column, "syntax", f"character {character} is not allowed in YAML; remove it or escape it"
        ) from None
    except yaml.YAMLError as error:
        raise located(path, 1, 1, "syntax", f"YAML error: {str(error).splitlines()[0]}") from None
    finally:
        parser.dispose()
    if root is None:
        raise located(path, 1, 1, "empty", "the file is empty; it should hold `organisations:` and `events:`")
    return Document(path, root, problems)


def _scalar(event: yaml.ScalarEvent, value: str, line: int, column: int, path: str) -> Node:
    if len(value) > MAX_SCALAR_CHARS:
        raise located(
            path,
            line,
            column,
            "too-large",
            f"a value of {len(value):,} characters; values are limited to {MAX_SCALAR_CHARS:,}",
        )
    first = value[:1]
    kind = "str"  # quoted, tagged, or plain text that only looks like something else
    if not (event.implicit[0] and event.tag is None) or (first and first not in _MAYBE_TYPED):
        pass  # most values: no regular expression needed
    elif first and first in _NUMBER_START:  # dates such as 1938-09 land here: one match, not two
        number = _NUMBER.fullmatch(value)
        if number:
            kind = "float" if number[3] is not None or "." in value else "int"
    elif value in _NULL:
        kind = "null"
    elif value in _BOOL:
        kind = "bool"
    return Node("scalar", value, line, column, kind)


def _duplicate(path: str, key: str, line: int, column: int, first_line: int) -> Problem:
    return Problem(
        path, line, column, ERROR, "duplicate-key",
        f"duplicate key {key!r} (first at line {first_line}); YAML keeps only one, so merge or remove it",
    )  # fmt: skip
