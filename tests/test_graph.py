"""Lineage queries: on a hand-made rejoin, on long chains, and as invariants (hypothesis).

The real record's lineages are checked in test_data.py."""

from __future__ import annotations

import click
from hypothesis import given, settings
from hypothesis import strategies as st

from genealogy import LineageGraph, check_text
from genealogy.lineage.graph import Branch
from genealogy.model import Date, Event, Genealogy, Organisation

REJOIN = """
sources: {s: {title: S}}
organisations:
  - {id: party, name: Party, kind: party, country: US, founded: 1901, sources: [s]}
  - {id: faction, name: Faction, kind: faction, country: US, founded: 1937, sources: [s]}
  - {id: splinter, name: Splinter, kind: party, country: US, founded: 1940, dissolved: 1958, sources: [s]}
events:
  - {id: out, type: expulsion, date: 1937, from: party, to: faction, sources: [s]}
  - {id: split, type: split, date: 1940, from: faction, to: splinter, sources: [s]}
  - {id: back, type: merger, date: 1958, from: splinter, to: party, sources: [s]}
"""


def test_a_group_that_rejoins_its_parent_is_history_not_a_cycle() -> None:
    report = check_text(REJOIN)
    assert report.problems == []
    graph = LineageGraph(report.genealogy)
    assert [r.org.id for r in graph.ancestors("faction")] == ["party"]  # not the 1958 splinter
    assert {r.org.id for r in graph.ancestors("party")} == {"splinter", "faction"}
    assert "party" not in {r.org.id for r in graph.ancestors("party")}


def test_a_real_cycle_of_births_is_an_error() -> None:
    text = REJOIN.replace("founded: 1901", "founded: 1958").replace("- {id: out,", "- {id: out2,")
    codes = {p.code for p in check_text(text).problems}
    assert "cycle" in codes


# -- invariants on random records --------------------------------------------------------------


@st.composite
def records(draw: st.DrawFn) -> Genealogy:
    """A random record in which each organisation after the first descends from earlier ones."""
    count = draw(st.integers(min_value=1, max_value=25))
    years = sorted(draw(st.lists(st.integers(1900, 2020), min_size=count, max_size=count)))
    orgs = {f"o{i}": Organisation(f"o{i}", f"Org {i}", "party", "FR", Date(year)) for i, year in enumerate(years)}
    events = []
    for index in range(1, count):
        parents = draw(st.sets(st.integers(0, index - 1), max_size=3))
        if parents:
            kind = "split" if len(parents) == 1 else "merger"
            events.append(
                Event(f"e{index}", kind, Date(years[index]), tuple(f"o{p}" for p in sorted(parents)), (f"o{index}",))
            )
    # Rejoins: a later organisation merges back into an earlier one, years on. History loops.
    for number, (later, earlier) in enumerate(
        draw(st.lists(st.tuples(st.integers(0, count - 1), st.integers(0, count - 1)), max_size=4))
    ):
        if years[later] >= years[earlier] and later != earlier:
            when = Date(draw(st.integers(years[later], 2025)))
            events.append(Event(f"r{number}", "merger", when, (f"o{later}",), (f"o{earlier}",)))
    return Genealogy("<random>", orgs, tuple(events), {})


@settings(max_examples=60, deadline=None)
@given(records())
def test_ancestry_and_descent_are_mirror_images(record: Genealogy) -> None:
    graph = LineageGraph(record)
    for a in record.organisations:
        descendants = {r.org.id for r in graph.descendants(a)}
        for b in record.organisations:
            assert (b in descendants) == (a in graph.ancestor_ids(b))


@settings(max_examples=60, deadline=None)
@given(records())
def test_nothing_is_its_own_ancestor_and_common_is_symmetric(record: Genealogy) -> None:
    graph = LineageGraph(record)
    ids = list(record.organisations)
    for a in ids:
        assert a not in graph.ancestor_ids(a)
    for a in ids[:6]:
        for b in ids[:6]:
            forward = sorted(c.org.id for c in graph.common(a, b))
            backward = sorted(c.org.id for c in graph.common(b, a))
            assert forward == backward


@settings(max_examples=80, deadline=None)
@given(records())
def test_a_parent_is_the_nearest_common_ancestor_of_itself_and_its_child(record: Genealogy) -> None:
    graph = LineageGraph(record)
    for parent, links in graph.children.items():
        for link in links:
            nearest = [c.org.id for c in graph.common(parent, link.child)]
            loop = link.child in graph.ancestor_ids(parent)  # the child is also an earlier ancestor
            assert parent in nearest or (loop and link.child in nearest), (parent, link.child, nearest)


def _tree_ids(branches: list[Branch]) -> tuple[list[str], int]:
    """Organisations expanded in a tree (each should appear once), and how many loop leaves it has."""
    expanded, loops, stack = [], 0, list(branches)
    while stack:
        branch = stack.pop()
        if branch.loop:
            loops += 1
        elif not branch.repeat:
            expanded.append(branch.org.id)
        stack.extend(branch.children)
    return expanded, loops


@settings(max_examples=80, deadline=None)
@given(records(), st.sampled_from([None, 1, 2, 3]))
def test_the_text_tree_and_the_json_list_agree(record: Genealogy, depth: int | None) -> None:
    graph = LineageGraph(record)
    for org_id in record.organisations:
        for upward in (True, False):
            walk = graph.walk(org_id, upward, depth)
            expanded, loops = _tree_ids(graph.tree(org_id, upward, depth))
            assert sorted(expanded) == sorted(walk.found)
            assert loops == len(walk.loops)


def _chain(length: int) -> Genealogy:
    orgs = {f"o{i}": Organisation(f"o{i}", f"Org {i}", "party", "FR", Date(1000 + i // 100)) for i in range(length)}
    events = tuple(Event(f"e{i}", "split", Date(1000 + i // 100), (f"o{i - 1}",), (f"o{i}",)) for i in range(1, length))
    return Genealogy("<chain>", orgs, events, {})


def test_a_chain_of_100000_links_works_in_every_query() -> None:
    from genealogy.cli.present import tree

    graph = LineageGraph(_chain(100_001))
    assert len(graph.descendants("o0")) == 100_000
    assert len(graph.ancestors("o100000")) == 100_000
    down = tree(graph, "o0", False, None)
    assert sum(" split " in line for line in down) == 100_000
    assert max(len(line) for line in down) < 200  # the indent starts again every 30 generations
    assert sum(" split " in line for line in tree(graph, "o100000", True, None)) == 100_000
    assert [c.org.id for c in graph.common("o50000", "o100000")] == ["o50000"]
    assert [c.org.id for c in graph.common("o99999", "o100000")] == ["o99999"]
    assert len(graph.path("o0", "o100000")) == 100_000


def test_a_loop_back_is_a_marked_leaf_in_text_and_json() -> None:
    from genealogy.cli.present import tree

    graph = LineageGraph(check_text(REJOIN).genealogy)
    # party -> faction (1937) -> splinter (1940) -> party (1958): going up from the party, it is met again
    assert [(r.org.id, r.via, r.depth) for r in graph.walk("party", True).loops] == [("party", "faction", 3)]
    assert graph.walk("splinter", False).loops == []  # from 1958 on, the party's 1937 link is in the past
    lines = tree(graph, "party", True, None)
    assert click.unstyle(lines[-1]).endswith("(the Party itself: the lineage loops back)")
    json_rows = [r.as_dict() for r in graph.ancestors("party", loops=True)]
    assert [(r["id"], r["loop"]) for r in json_rows][-1] == ("party", True)
