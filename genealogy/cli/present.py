"""Plain-text answers for the terminal (the CLI layer): tables, trees and records.

Styling goes through click.style, which click.echo strips when the output is not a terminal
or NO_COLOR is set, so piped output is always plain text.
"""

from __future__ import annotations

import textwrap

import click

from genealogy.errors import Problem
from genealogy.lineage.graph import Branch, CommonAncestor, LineageGraph, Link
from genealogy.lineage.queries import Match
from genealogy.model import Genealogy, Organisation

BRANCH, LAST, PIPE, SPACE = "├─ ", "└─ ", "│  ", "   "


def bold(text: str) -> str:
    return click.style(text, bold=True)


def dim(text: str) -> str:
    return click.style(text, dim=True)


def headline(org: Organisation) -> str:
    where = "" if org.country == "international" else f" · {org.country}"
    return f"{bold(org.label())}  {dim(f'{org.kind}{where} · {org.lifespan()}')}"


def problem(item: Problem) -> str:
    from genealogy.cli.common import FILE_CODES

    colour = {"error": "red", "warning": "yellow"}.get(item.severity, "cyan")
    # A missing or unreadable file has no place in it to point at: "path: error: no such file".
    location = f"{item.path}:" if item.code in FILE_CODES else f"{item.path}:{item.line}:{item.column}:"
    return f"{location} {click.style(item.severity + ':', fg=colour, bold=True)} {item.message} {dim(f'({item.code})')}"


def table(rows: list[list[str]], header: list[str]) -> str:
    """Columns padded to their widest cell; the last column is left ragged."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header) - 1)]
    lines = []
    for index, row in enumerate([header, *rows]):
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)] + [row[-1]]
        line = "  ".join(cells).rstrip()
        lines.append(bold(line) if index == 0 else line)
    return "\n".join(lines)


def organisations(orgs: list[Organisation]) -> str:
    if not orgs:
        return "no organisations match"
    rows = [[o.id, o.abbreviation or "", o.kind, o.country, o.lifespan(), o.name] for o in orgs]
    return table(rows, ["id", "abbr.", "kind", "country", "years", "name"])


def matches(found: list[Match]) -> str:
    """Search results: the organisation table with the field that matched before the name."""
    if not found:
        return "no organisations match"
    rows = [[m.org.id, m.org.abbreviation or "", m.org.kind, m.org.country, m.org.lifespan(), m.field, m.org.name]
            for m in found]  # fmt: skip
    return table(rows, ["id", "abbr.", "kind", "country", "years", "matched", "name"])


def _link_text(branch: Branch, upward: bool) -> str:
    link, other = branch.link, branch.org
    when = link.event.date.iso() if link.event.date else "undated"
    arrow = "from" if upward else "→"
    then = other.label_at(link.event.date)
    name = bold(then) + (dim(f", later {other.label()}") if then != other.label() else "")
    marks = []
    if other.id in link.event.claims and not upward:
        marks.append("claims continuity")
    if link.event.disputed:
        marks.append("disputed")
    extra = f"  [{', '.join(marks)}]" if marks else ""
    return f"{link.relation} {when} {arrow} {name} {dim(other.lifespan())}{extra}"


INDENT_LEVELS = 30  # deeper than this, a tree restarts at the margin: 100,000 generations stay readable


def tree(graph: LineageGraph, start: str, upward: bool, depth: int | None) -> list[str]:
    """An indented tree of links; a branch met twice is shown once and then marked (see above).

    Drawn with a stack rather than recursion, so a lineage of any length prints; every
    INDENT_LEVELS generations the indentation starts again at the margin, under a line that
    says where it continues from (an indent that grew forever would make the output quadratic).
    """
    lines: list[str] = []
    stack: list[tuple[list[Branch], int, str, int]] = [(graph.tree(start, upward, depth), 0, "", 1)]
    while stack:
        branches, index, prefix, level = stack.pop()
        if index >= len(branches):
            continue
        branch = branches[index]
        last = index == len(branches) - 1
        if branch.loop:
            mark = dim(f"  (the {branch.org.abbreviation or branch.org.name} itself: the lineage loops back)")
        else:
            mark = dim("  (see above)") if branch.repeat else ""
        lines.append(prefix + (LAST if last else BRANCH) + _link_text(branch, upward) + mark)
        stack.append((branches, index + 1, prefix, level))
        inner = prefix + (SPACE if last else PIPE)
        if branch.children and level % INDENT_LEVELS == 0:
            lines.append(dim(f"── generation {level + 1} onwards, from {branch.org.label()}:"))
            inner = ""
        stack.append((branch.children, 0, inner, level + 1))
    return lines


def lineage(graph: LineageGraph, org: Organisation, ancestors: bool, descendants: bool, depth: int | None) -> str:
    out = [headline(org)]
    for wanted, upward, title in ((ancestors, True, "ancestors"), (descendants, False, "descendants")):
        if not wanted:
            continue
        lines = tree(graph, org.id, upward, depth)
        out.append(f"{title}:" if lines else f"{title}: none recorded")
        out.extend(lines)
    return "\n".join(out)


def record(genealogy: Genealogy, graph: LineageGraph, org: Organisation) -> str:
    """Everything known about one organisation, labelled, for `show`."""
    rows: list[tuple[str, str]] = [("id", org.id), ("kind", org.kind), ("country", org.country)]
    rows.append(("existed", org.existed()))
    for other in org.names:
        span = "–".join(str(d) if d else "" for d in (other.since, other.until)) if (other.since or other.until) else ""
        label = other.name + (f" ({other.abbreviation})" if other.abbreviation else "")
        rows.append(("also", label + (f", {span}" if span else "")))
    if org.aliases:
        rows.append(("aliases", ", ".join(org.aliases)))
    if org.wikidata:
        rows.append(("wikidata", org.wikidata))
    for link in graph.parents[org.id]:
        rows.append(("parent", f"{graph.org(link.parent).label()} ({link.relation} {link.event.date or ''})".strip()))
    for link in graph.children[org.id]:
        rows.append(("child", f"{graph.org(link.child).label()} ({link.relation} {link.event.date or ''})".strip()))
    for event in genealogy.events_of(org.id):
        text = f"{event.date or 'undated'} {event.type}: {event.description or event.id}"
        rows.append(("event", text + (" [disputed]" if event.disputed else "")))
    if org.notes:
        rows.append(("notes", org.notes))
    for key in org.sources:
        source = genealogy.sources.get(key)
        rows.append(("source", f"[{key}] {source.citation() if source else '(missing from the bibliography)'}"))
    width = max(len(label) for label, _ in rows)
    out = [bold(org.label())]
    for label, value in rows:
        wrapped = textwrap.wrap(value, 100 - width - 4) or [""]
        out.append(f"  {dim(label.ljust(width))}  {wrapped[0]}")
        out.extend(f"  {' ' * width}  {more}" for more in wrapped[1:])
    return "\n".join(out)


def chain(graph: LineageGraph, start: Organisation, links: tuple[Link, ...]) -> str:
    if not links:
        return bold(start.label()) + dim(" (itself)")
    parts = [bold(graph.org(links[0].parent).label())]
    for link in links:
        when = link.event.date.short() if link.event.date else "?"
        parts.append(f"—{link.relation} {when}→ {bold(graph.org(link.child).label())}")
    return " ".join(parts)


def common(graph: LineageGraph, a: Organisation, b: Organisation, found: list[CommonAncestor]) -> str:
    if not found:
        return f"{a.label()} and {b.label()} have no common ancestor in this record"
    out = [f"nearest common ancestor{'s' if len(found) > 1 else ''} of {bold(a.label())} and {bold(b.label())}:"]
    for item in found:
        out.append(f"  {headline(item.org)}")
        out.append(f"    {chain(graph, item.org, item.path_to_a)}")
        out.append(f"    {chain(graph, item.org, item.path_to_b)}")
    return "\n".join(out)
