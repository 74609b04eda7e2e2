"""A canvas of DOT statements at given points: the edges and text nodes the timeline is drawn with.

Graphviz only draws what is placed here (`nop2`): an edge's whole drawing is its `pos` spline, a
text node is pinned with `pos="x,y!"`. Every piece of user text goes through `quote`.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping

from genealogy.chart.geometry import LINE_SPACING, text_width
from genealogy.chart.quoting import quote

Point = tuple[float, float]
# Every edge runs between two invisible anchor nodes (its drawing is its `pos`). The WebAssembly
# Graphviz overflows its stack on thousands of edges between one pair, so each pair takes this many.
EDGES_PER_ANCHOR = 500


ANCHORS = '  { node [shape=point, width=0, height=0, style=invis, label=""]; %s }'


class Canvas:
    """DOT statements for edges and text nodes at given points (Graphviz y grows upwards), kept in
    the order drawn until `drain` takes them: the chart is fed to Graphviz while it is drawn.

    With `outputorder=edgesfirst`, Graphviz draws every edge before every node, each in the order
    given, whatever the order of their statements.
    """

    def __init__(self) -> None:
        self.statements: list[str] = []
        self.edges = 0
        self.right = 0.0  # the rightmost point drawn: long names may pass the axis' end

    def drain(self) -> list[str]:
        """The statements drawn since the last drain, taken out."""
        taken, self.statements = self.statements, []
        return taken

    def line(self, id_: str, points: list[Point], css: str = "", **attributes: str | float) -> None:
        """A polyline through `points`; an `arrowhead` other than none ends it with that arrow at the last point."""
        arrow = attributes.get("arrowhead", "none") != "none"
        if len(points) == 2 and not arrow:  # most lines: a straight piece, written at once (a third of `line`'s time)
            (x0, y0), (x1, y1) = points
            dx, dy = x1 - x0, y1 - y0
            pos = f"{x0:.2f},{y0:.2f} {x0 + dx * 1 / 3:.2f},{y0 + dy * 1 / 3:.2f} "
            pos += f"{x0 + dx * 2 / 3:.2f},{y0 + dy * 2 / 3:.2f} {x1:.2f},{y1:.2f}"
            self._edge(id_, pos, css, attributes, max(x0, x1))
            return
        spline = [points[0]]
        for a, b in itertools.pairwise(points):
            spline += [*_thirds(a, b), b]
        prefix = ""
        if arrow:
            tip, before = spline[-1], spline[-2]
            length = 10 * float(attributes.get("arrowsize", 1))
            dx, dy = tip[0] - before[0], tip[1] - before[1]
            norm = max((dx * dx + dy * dy) ** 0.5, 1e-9)
            base = (tip[0] - dx / norm * length, tip[1] - dy / norm * length)
            spline = [*spline[:-3], *_thirds(spline[-4], base), base]
            prefix = f"e,{tip[0]:.2f},{tip[1]:.2f} "
        pos = prefix + " ".join(f"{x:.2f},{y:.2f}" for x, y in spline)
        self._edge(id_, pos, css, attributes, max(x for x, _ in points))

    def _edge(self, id_: str, pos: str, css: str, attributes: Mapping[str, str | float], right: float) -> None:
        self.right = max(self.right, right)
        anchor, used = divmod(self.edges, EDGES_PER_ANCHOR)
        if not used:  # a new pair of anchors, made before its first edge can make them plain nodes
            self.statements.append(ANCHORS % f'"a{anchor}" [pos="0,0!"]; "b{anchor}" [pos="0,0!"];')
        self.edges += 1
        head = f'id={quote(id_)}, pos="{pos}"' + (f", class={quote(css)}" if css else "")  # pos is only figures
        more = f", {dot_attributes(attributes)}" if attributes else ""
        self.statements.append(f'  "a{anchor}" -> "b{anchor}" [{head}{more}];')

    def text(
        self,
        id_: str,
        at: Point,
        lines: Iterable[str],
        size: float,
        left: bool = True,
        css: str = "",
        link: Mapping[str, str] | None = None,
        **more: str,
    ) -> None:
        """Text with its left end (or, `left` off, its centre) at `at`, vertically centred there."""
        lines = list(lines)
        width = max(text_width(line, size) for line in lines)
        height = len(lines) * size * LINE_SPACING
        x = at[0] + width / 2 if left else at[0]
        self.right = max(self.right, x + width / 2)
        end = "\\l" if left else "\\n"
        label = '"' + "".join(quote(line)[1:-1] + end for line in lines) + '"'
        figures = f'width="{width / 72:.3f}", height="{height / 72:.3f}", fontsize="{size:g}"'  # need no quoting
        rest = {**more, **({"class": css} if css else {}), **(link or {})}
        pairs = f"id={quote(id_)}, {figures}" + (f", {dot_attributes(rest)}" if rest else "")
        self.statements.append(f'  {quote(id_)} [label={label}, pos="{x:.2f},{at[1]:.2f}!", {pairs}];')


def _thirds(a: Point, b: Point) -> list[Point]:
    """The inner control points of a straight cubic Bézier piece from a to b."""
    return [(a[0] + (b[0] - a[0]) * k / 3, a[1] + (b[1] - a[1]) * k / 3) for k in (1, 2)]


def dot_attributes(pairs: Mapping[str, str | float]) -> str:
    # A number needs no quoting check: 2,300 of the Linux sheet's 20,000 values.
    return ", ".join(f"{k}={quote(v)}" if isinstance(v, str) else f'{k}="{v:g}"' for k, v in pairs.items())
