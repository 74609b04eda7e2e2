"""The explorer: one self-contained HTML page with the charts, search, details and a year filter.

The page holds both layouts, the tree and the timeline, with a switch between them; `plan` says
which it opens on and which it holds (a tree of thousands of organisations takes Graphviz many
minutes, so above TREE_LIMIT only one chart is embedded).

Everything is inline (SVG, data, script, style): the page works from file:// and makes no network
request. Data goes into the page as JSON inside a script element, escaped so that no name can
close the element or start markup; links are only made from http(s) addresses. The page's
Content-Security-Policy allows no inline code but the template's own script and style blocks,
named by their SHA-256, so markup that did get in could still run nothing.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Mapping
from importlib.resources import files

from genealogy.chart.styles import EDGE_STYLES, KIND_BARS
from genealogy.lineage.selection import Selection
from genealogy.model import Date, Event, Genealogy, iso

_PROLOG = re.compile(r"^(<\?xml[^>]*>\s*)?(<!DOCTYPE[^>]*>\s*)?(<!--.*?-->\s*)*", re.S)
# Graphviz's comments and <title>s (an edge's is "a0->b1", a node's its DOT name): a third of the
# elements of a large chart, read by nobody (the tooltips are the links' xlink:title).
_UNREAD = re.compile(r"<!--.*?-->\n?|<title>[^<]*</title>\n?", re.S)
# The link and tooltip around each piece of a chart: dropped from pages above TREE_LIMIT, where they
# are two more elements per piece and a fifth of the page; a click there shows the details anyway.
_WRAPPED = re.compile(r'<g id="a_[^"]*"><a [^>]*>\n(.*?)\n</a>\n</g>', re.S)
_SAFE_URL = re.compile(r"^https?://", re.I)
_CODE = re.compile(r"<(script|style)>(.*?)</\1>", re.S)  # blocks without attributes: not the JSON data

LAYOUTS = ("tree", "timeline")
TIMELINE_ABOVE = 150  # organisations: more than this and the page opens on the timeline
TREE_LIMIT = 2000  # organisations: more than this and the page holds one chart (Graphviz's tree takes minutes)


def plan(count: int, layout: str | None = None) -> tuple[str, tuple[str, ...]]:
    """The layout a page of `count` organisations opens on, and the layouts it holds.

    `layout` is the one asked for (`--layout`); without it the timeline for a large selection.

    >>> plan(40), plan(400), plan(40, "timeline")
    (('tree', ('tree', 'timeline')), ('timeline', ('tree', 'timeline')), ('timeline', ('tree', 'timeline')))
    >>> plan(10_000), plan(10_000, "tree")
    (('timeline', ('timeline',)), ('tree', ('tree',)))
    """
    chosen = layout or ("timeline" if count > TIMELINE_ABOVE else "tree")
    return chosen, LAYOUTS if count <= TREE_LIMIT else (chosen,)


def csp_sources(template: str) -> dict[str, str]:
    """The CSP sources of a template's script and style blocks: "'sha256-...'" of each block's exact text.

    >>> csp_sources("<style>a{}</style><script>1</script>")["{{SCRIPT_SRC}}"]
    "'sha256-a4ayc/80/OGda4BO/1o/V0etpOqiLx1JwB5S3beHW0s='"
    """
    found: dict[str, list[str]] = {"script": [], "style": []}
    for kind, body in _CODE.findall(template):
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        found[kind].append(f"'sha256-{digest}'")
    return {f"{{{{{kind.upper()}_SRC}}}}": " ".join(hashes) or "'none'" for kind, hashes in found.items()}


def script_json(data: object) -> str:
    """JSON that is safe inside <script>: no `</script>`, no `<!--`, no line separators.

    >>> print(script_json({"name": "</script><b>"}))
    {"name":"\\u003c/script\\u003e\\u003cb\\u003e"}
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for raw in "<>&\u2028\u2029":
        text = text.replace(raw, f"\\u{ord(raw):04x}")
    return text


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _bounds(date: Date | None) -> list[int] | None:
    """[earliest, latest] as yyyymmdd numbers, for the page's time-respecting walks."""
    if date is None:
        return None
    return [a * 10000 + b * 100 + c for a, b, c in (date.earliest(), date.latest())]


def _year(date: Date | None) -> int | None:
    return date.year if date else None


def page_data(genealogy: Genealogy, selection: Selection) -> dict[str, object]:
    """What the page's script needs: organisations, events, sources and the drawn links."""
    shown = {o.id for o in selection.organisations}
    ends = genealogy.known_ends()  # the year filter: an unknown end counts as the last date known
    events = [e for e in genealogy.events if shown & {*e.from_ids, *e.to_ids}]
    cited = {key for o in selection.organisations for key in o.sources} | {key for e in events for key in e.sources}
    used = sorted({e.type for e, _, _ in selection.links}, key=list(EDGE_STYLES).index)
    return {
        "title": selection.title,
        "legend": [
            {"type": t, "meaning": EDGE_STYLES[t].meaning, "color": EDGE_STYLES[t].color, "glyph": EDGE_STYLES[t].glyph}
            for t in used
        ],
        "bars": [style.meaning for style in KIND_BARS.values()],
        "organisations": [
            {
                "id": o.id, "name": o.name, "abbreviation": o.abbreviation, "kind": o.kind, "country": o.country,
                "founded": iso(o.founded),
                "dissolved": o.dissolved_text(),
                "from": _year(o.founded), "until": _year(ends[o.id]),
                "names": [
                    {"name": n.name, "abbreviation": n.abbreviation, "since": iso(n.since),
                     "until": iso(n.until)}
                    for n in o.names
                ],
                "aliases": list(o.aliases), "notes": o.notes, "wikidata": o.wikidata, "sources": list(o.sources),
            }
            for o in selection.organisations
        ],
        "events": [
            {
                "id": e.id, "type": e.type, "date": iso(e.date), "span": _bounds(e.date),
                "lineage": e.is_lineage, "from": list(e.from_ids), "to": list(e.to_ids), "claims": list(e.claims),
                "disputed": e.disputed, "description": e.description, "sources": list(e.sources),
            }
            for e in sorted(events, key=Event.sort_key)
        ],
        "sources": {
            key: {
                "citation": s.citation() if not s.url else s.citation().replace(f" <{s.url}>", ""),
                "url": s.url if s.url and _SAFE_URL.match(s.url) else None,
            }
            for key, s in sorted(genealogy.sources.items())
            if key in cited
        },
    }  # fmt: skip


def explorer(
    genealogy: Genealogy, selection: Selection, charts: str | Mapping[str, str], layout: str | None = None
) -> str:
    """The whole page. `charts`: Graphviz's SVG of the same selection in each layout (an SVG alone: the tree).

    The page opens on `layout` (default: the first chart given); the others wait, hidden, for the switch.
    All start hidden: the browser neither lays out nor paints a large chart while it is still parsing it.
    """
    charts = {"tree": charts} if isinstance(charts, str) else dict(charts)
    if not charts or set(charts) - set(LAYOUTS):
        raise ValueError(f"charts must be some of {', '.join(LAYOUTS)}, not {', '.join(charts) or 'none'}")
    shown = layout if layout in charts else next(iter(charts))
    template = files("genealogy.chart").joinpath("templates/explorer.html").read_text(encoding="utf-8")
    large = len(selection.organisations) > TREE_LIMIT

    def inline(svg: str) -> str:
        svg = _UNREAD.sub("", _PROLOG.sub("", svg.strip(), count=1))
        return _WRAPPED.sub(r"\1", svg) if large else svg

    boxes = "".join(
        f'<div class="layout" id="ui_{name}" data-layout="{name}" hidden>'  # the script shows one, once laid out
        f"{inline(charts[name])}</div>"
        for name in LAYOUTS
        if name in charts
    )
    data = {**page_data(genealogy, selection), "layout": shown, "layouts": [n for n in LAYOUTS if n in charts]}
    replacements = {
        "{{TITLE}}": _escape(selection.title),
        "{{SUBTITLE}}": _escape(selection.subtitle),
        "{{DATA}}": script_json(data),
        "{{CHARTS}}": boxes,
        **csp_sources(template),
    }
    pattern = r"\{\{(TITLE|SUBTITLE|DATA|CHARTS|SCRIPT_SRC|STYLE_SRC)\}\}"
    return re.sub(pattern, lambda m: replacements[m.group(0)], template)
