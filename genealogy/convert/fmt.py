"""`genealogy fmt`: a data file in canonical form, comments kept, data proven unchanged.

Canonical form: top-level keys, and the keys of every record, in the order of the field table
(genealogy/schema.py); records in block style, lists of ids and keys in flow style; two-space
indentation, each value on one line. The round trip uses ruamel.yaml, which keeps comments;
the result is parsed again with the project's own loader and must hold exactly the same data,
or nothing is written.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any

from genealogy.atomic import Snapshot, write_atomically
from genealogy.errors import GenealogyError
from genealogy.record import schema
from genealogy.record.files import decode, read_bytes
from genealogy.record.loader import Node, parse

WIDTH = 4096  # never fold: one line per value keeps diffs whole and lines free of trailing blanks


class FormatError(GenealogyError):
    """The file cannot be put in canonical form without changing it; nothing was written."""


@dataclass(frozen=True)
class Formatted:
    path: str
    original: str
    text: str
    snapshot: Snapshot | None = None  # the file as it was read, when it came from one

    @property
    def changed(self) -> bool:
        return self.original != self.text

    def diff(self) -> str:
        lines = difflib.unified_diff(
            self.original.splitlines(keepends=True), self.text.splitlines(keepends=True),
            f"{self.path} (now)", f"{self.path} (formatted)",
        )  # fmt: skip
        return "".join(lines)

    def write(self) -> None:
        """Replace the file with its formatted text, keeping its mode and owner and following a link.

        FileChangedError (and nothing written) if the file no longer holds what was read, so an
        edit saved while fmt ran is not lost. Raises OSError.
        """
        write_atomically(Path(self.path), self.text.encode("utf-8"), unchanged=self.snapshot)


def plain(node: Node) -> object:
    """The data a node holds, as plain values: what must survive formatting unchanged."""
    if node.kind == "map":
        return {key: plain(value) for key, value in sorted(node.mapping.items())}
    if node.kind == "seq":
        return [plain(item) for item in node.items]
    return (node.type, "" if node.type == "null" else node.text)  # ~, null and nothing are one value


def _order(mapping: Any, fields: tuple[schema.Field, ...]) -> None:
    known = [f.name for f in fields]
    for key in [k for k in known if k in mapping] + [k for k in mapping if k not in known]:
        mapping.move_to_end(key)


def _lift_item_comments(items: Any) -> None:
    """Move the comment after a flow record (`- {id: b, ...}  # c`) into the record, now in block style.

    ruamel.yaml keeps it on the list item, and writes it after the `-` of the block record, ahead of
    the keys; read back it lands elsewhere, so a second run would move it again. Its first line goes
    to the end of the record's first line; lines after it (comments about what follows) to the end
    of the record, where they were.
    """
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    for index, item in enumerate(items):
        slot = items.ca.items.get(index)
        if not isinstance(item, CommentedMap) or not item or not slot or slot[0] is None:
            continue
        token, keys = slot[0], list(item)
        head, newline, rest = token.value.partition("\n")
        first, last = item.ca.items.get(keys[0]), item.ca.items.get(keys[-1])
        if head.strip() and (first is None or first[2] is None) and (last is None or last[2] is None or rest == ""):
            del items.ca.items[index]
            item.ca.items.setdefault(keys[0], [None, None, None, None])[2] = CommentToken(
                head + newline, CommentMark(0)
            )
            if rest.strip():
                if len(keys) == 1:
                    item.ca.items[keys[0]][2] = token
                else:
                    item.ca.items.setdefault(keys[-1], [None, None, None, None])[2] = CommentToken(
                        "\n" + rest, CommentMark(0)
                    )


def _canonical(data: Any) -> None:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    def block(item: Any) -> None:
        if isinstance(item, CommentedMap):
            item.fa.set_block_style()

    def flow_lists(record: Any) -> None:
        for value in record.values():
            if isinstance(value, CommentedSeq) and all(not isinstance(v, (dict, list)) for v in value):
                value.fa.set_flow_style()

    if not isinstance(data, CommentedMap):
        return
    _order(data, schema.TOP_FIELDS)
    block(data)
    sources = data.get("sources")
    if isinstance(sources, CommentedMap):
        block(sources)
        for entry in sources.values():
            if isinstance(entry, CommentedMap):
                _order(entry, schema.SOURCE_FIELDS)
                block(entry)
    for key, fields in (
        ("organisations", schema.ORGANISATION_FIELDS),
        ("events", schema.EVENT_FIELDS),
        ("domains", schema.DOMAIN_FIELDS),
    ):
        records = data.get(key)
        if not isinstance(records, CommentedSeq):
            continue
        records.fa.set_block_style()
        _lift_item_comments(records)
        for record in records:
            if not isinstance(record, CommentedMap):
                continue
            _order(record, fields)
            block(record)
            flow_lists(record)
            if isinstance(record.get("names"), CommentedSeq):
                _lift_item_comments(record["names"])
            for name in record.get("names") or []:
                if isinstance(name, CommentedMap):
                    _order(name, schema.NAME_FIELDS)
                    block(name)


def format_text(text: str, path: str = "<string>") -> str:
    """The canonical form of a data file's text; FormatError if that would change its data."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    before = parse(text, path)  # refuses what the loader refuses (aliases, tags, ...)
    if before.problems:
        raise FormatError(f"{before.problems[0].format()}; fix it before formatting")
    yaml = YAML()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = WIDTH
    yaml.preserve_quotes = True
    try:
        data = yaml.load(text)
        _canonical(data)
        out = StringIO()
        yaml.dump(data, out)
    except YAMLError as error:
        raise FormatError(f"{path}: cannot format: {str(error).splitlines()[0]}") from None
    result = out.getvalue()
    if plain(parse(result, path).root) != plain(before.root):
        raise FormatError(f"{path}: formatting would change the data; not written (please report this file)")
    return result


def format_file(path: Path) -> Formatted:
    data, status = read_bytes(path)
    text = decode(str(path), data)
    return Formatted(str(path), text, format_text(text, str(path)), Snapshot.of(data, status))
