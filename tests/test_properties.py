"""Invariants on random records from the synthetic generator, and random corruptions of them."""

from __future__ import annotations

import random
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from genealogy import LineageGraph, check_text
from genealogy.chart.dot import to_dot
from genealogy.convert.fmt import format_text

from .conftest import synth

sizes = st.integers(min_value=1, max_value=120)
seeds = st.integers(min_value=0, max_value=10_000)


@settings(max_examples=25, deadline=None)
@given(sizes, seeds)
def test_generated_records_check_clean(size: int, seed: int) -> None:
    report = check_text(synth.synthesise(size, seed))
    assert report.problems == []
    assert len(report.genealogy.organisations) == size


@settings(max_examples=5, deadline=None)
@given(st.integers(min_value=1, max_value=25), seeds)
def test_generated_records_are_in_canonical_form(size: int, seed: int) -> None:
    text = synth.synthesise(size, seed)
    assert format_text(text) == text


@settings(max_examples=15, deadline=None)
@given(st.integers(min_value=2, max_value=80), seeds)
def test_lineage_invariants_on_generated_records(size: int, seed: int) -> None:
    record = check_text(synth.synthesise(size, seed)).genealogy
    graph = LineageGraph(record)
    ids = list(record.organisations)
    descendants = {a: {r.org.id for r in graph.descendants(a)} for a in ids}
    for b in ids:
        ancestors = graph.ancestor_ids(b)
        assert b not in ancestors
        for a in ids:
            assert (b in descendants[a]) == (a in ancestors)
    sample = random.Random(seed).sample(ids, min(6, len(ids)))
    for a in sample:
        for b in sample:
            assert sorted(c.org.id for c in graph.common(a, b)) == sorted(c.org.id for c in graph.common(b, a))
    dot = to_dot(record)
    for org_id in ids:
        assert dot.count(f'\n  "{org_id}" [id="{org_id}"') == 1


def corrupt(text: str, rng: random.Random) -> str:
    """One random edit of the kind hand edits and bad merges make."""
    lines = text.splitlines(keepends=True)
    if not lines:
        return "organisations:\n"
    index = rng.randrange(len(lines))
    kind = rng.choice(["delete", "swap", "rename", "duplicate", "garbage", "truncate", "indent"])
    if kind == "delete":
        del lines[index]
    elif kind == "swap":
        other = rng.randrange(len(lines))
        a, b = lines[index], lines[other]
        if ":" in a and ":" in b:
            lines[index] = a.split(":", 1)[0] + ":" + b.split(":", 1)[1]
            lines[other] = b.split(":", 1)[0] + ":" + a.split(":", 1)[1]
    elif kind == "rename":
        lines[index] = lines[index].replace("o1", "o1x", 1).replace("s1", "s1x", 1)
    elif kind == "duplicate":
        lines.insert(index, lines[index])
    elif kind == "garbage":
        line = lines[index]
        spot = rng.randrange(len(line) + 1)
        lines[index] = (
            line[:spot] + rng.choice(["[", "{", ":", "- ", "'", '"', "&a ", "*a", "!!python/x ", "\t"]) + line[spot:]
        )
    elif kind == "truncate":
        lines = lines[:index]
    else:
        lines[index] = "  " + lines[index]
    return "".join(lines)


@settings(max_examples=150, deadline=None)
@given(seeds, st.integers(min_value=1, max_value=3))
def test_corruptions_never_crash_and_always_point_at_a_line(seed: int, edits: int) -> None:
    rng = random.Random(seed)
    text = synth.synthesise(12, seed % 7)
    for _ in range(edits):
        text = corrupt(text, rng)
    report = check_text(text, "corrupt.yaml")  # must not raise
    last_line = text.count("\n") + 1
    for problem in report.problems:
        assert 1 <= problem.line <= last_line, problem
        assert problem.column >= 1
        assert problem.path == "corrupt.yaml"
        assert problem.message and "\n" not in problem.message


# Text that YAML 1.2's core schema would read as something else ("0E0" is a number there, not in
# the YAML 1.1 that PyYAML's dumper writes for) is left out: that difference is deliberate.
_CORE_TYPED = re.compile(
    r"~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)"
)
_texts = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=12).filter(
    lambda text: not _CORE_TYPED.fullmatch(text)
)
_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**6), 10**6) | _texts,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_texts, inner, max_size=4),
    max_leaves=25,
)
_TYPES = {type(None): "null", bool: "bool", int: "int", str: "str"}


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(_texts, _values, min_size=1, max_size=5), st.booleans())
def test_loader_agrees_with_pyyaml_on_structure_text_and_places(data: dict, flow: bool) -> None:
    """The hand-rolled event loop builds what PyYAML composes: same nesting, text and positions."""
    import yaml

    from genealogy.record.loader import parse

    text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True, width=60, sort_keys=False)
    ours, theirs = parse(text).root, yaml.compose(text, Loader=yaml.SafeLoader)

    def same(node, other, value) -> None:  # type: ignore[no-untyped-def]
        assert (node.line, node.column) == (other.start_mark.line + 1, other.start_mark.column + 1)
        if isinstance(value, dict):
            assert node.kind == "map" and list(node.value) == list(value)
            for (key, child), (key_node, other_child) in zip(value.items(), other.value, strict=True):
                assert node.keys[key] == (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                same(node.value[key], other_child, child)
        elif isinstance(value, list):
            assert node.kind == "seq" and len(node.value) == len(value)
            for item, other_item, child in zip(node.value, other.value, value, strict=True):
                same(item, other_item, child)
        else:
            assert (node.kind, node.value, node.type) == ("scalar", other.value, _TYPES[type(value)])

    same(ours, theirs, data)
