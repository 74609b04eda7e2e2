"""GraphML and GEXF, written as a stream of lines: the whole tree is never held in memory.

ElementTree took most of an export's time on big records (3.4 s of 4.1 s at 50,000 organisations);
the lines here are the ones ElementTree wrote (same indentation, escaping and empty elements), so
the files are byte-identical.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from genealogy.convert.mermaid import link_label
from genealogy.lineage.queries import link_fields, summary
from genealogy.lineage.selection import SelectionOptions, select
from genealogy.model import Event, Genealogy, Organisation, iso

# Characters XML 1.0 cannot carry at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# (attribute name, type) that GraphML and GEXF carry for an organisation and a link; JSON has the same with lists.
NODE_ATTRIBUTES = (
    ("label", "string"),
    ("name", "string"),
    ("abbreviation", "string"),
    ("kind", "string"),
    ("country", "string"),
    ("founded", "string"),
    ("dissolved", "string"),
    ("aliases", "string"),
    ("names", "string"),
    ("wikidata", "string"),
    ("sources", "string"),
    ("url", "string"),
    ("notes", "string"),
)
EDGE_ATTRIBUTES = (
    ("label", "string"),
    ("event", "string"),
    ("type", "string"),
    ("date", "string"),
    ("until", "string"),
    ("claims", "boolean"),
    ("disputed", "boolean"),
    ("description", "string"),
    ("sources", "string"),
    ("notes", "string"),
)


def _names_text(org: Organisation) -> str:
    """Other names as one line: "Unity Committee (UC) 1955–1957; ..."."""
    parts = []
    for other in org.names:
        text = f"{other.name} ({other.abbreviation})" if other.abbreviation else other.name
        if other.since or other.until:
            text += f" {iso(other.since) or '?'}–{iso(other.until) or ''}"
        parts.append(text)
    return "; ".join(parts)


def _node_values(genealogy: Genealogy, org: Organisation) -> dict[str, str | None]:
    """NODE_ATTRIBUTES as flat text (lists joined with "; "); None where the record has nothing."""
    plain = {key: value for key, value in summary(org).items() if key != "id"}
    return {
        "label": org.label(),
        **plain,
        "aliases": "; ".join(org.aliases) or None,
        "names": _names_text(org) or None,
        "wikidata": org.wikidata,
        "sources": "; ".join(org.sources) or None,
        "url": genealogy.first_url(org),
        "notes": org.notes,
    }


def _edge_values(event: Event, child: str) -> dict[str, str | bool | None]:
    """EDGE_ATTRIBUTES as flat values; `claims` says whether `child` claims to continue the parent."""
    flat = {k: ("; ".join(v) or None) if isinstance(v, list) else v for k, v in link_fields(event, child).items()}
    return {"label": link_label(event), **flat}


def _xml(text: str) -> str:
    """Text XML can hold: characters it forbids are dropped, line ends made \\n."""
    return _NOT_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _xml_value(value: str | bool) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else _xml(value)


def _text(value: str) -> str:
    """Escaped element text, as ElementTree escapes it."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attribute(value: str) -> str:
    """An escaped attribute value, as ElementTree escapes it."""
    value = _text(value).replace('"', "&quot;")
    return value.replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#09;")


def _tag(name: str, attributes: Mapping[str, str], text: str | None = None, close: bool = True) -> str:
    """One element on one line: `<name a="v">text</name>`, `<name a="v" />`, or an opening tag."""
    pairs = "".join(f' {key}="{_attribute(value)}"' for key, value in attributes.items())
    if not close:
        return f"<{name}{pairs}>"
    if text:
        return f"<{name}{pairs}>{_text(text)}</{name}>"
    return f"<{name}{pairs} />"


def _document(lines: Iterator[str]) -> str:
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + "\n".join(lines) + "\n"


def to_graphml(genealogy: Genealogy, options: SelectionOptions | None = None) -> str:
    """GraphML with typed keys (dates as strings, `claims` and `disputed` boolean), for yEd, Gephi, networkx."""
    return _document(_graphml_lines(genealogy, options or SelectionOptions()))


def _graphml_lines(genealogy: Genealogy, options: SelectionOptions) -> Iterator[str]:
    selection = select(genealogy, options)
    yield _tag(
        "graphml",
        {
            "xmlns": "http://graphml.graphdrawing.org/xmlns",
            "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
            "xsi:schemaLocation": "http://graphml.graphdrawing.org/xmlns "
            "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
        },
        close=False,
    )
    for name in ("title", "subtitle"):
        yield "  " + _tag("key", {"id": f"g_{name}", "for": "graph", "attr.name": name, "attr.type": "string"})
    for prefix, scope, attributes in (("n", "node", NODE_ATTRIBUTES), ("e", "edge", EDGE_ATTRIBUTES)):
        for name, kind in attributes:
            yield "  " + _tag("key", {"id": f"{prefix}_{name}", "for": scope, "attr.name": name, "attr.type": kind})
    yield "  " + _tag("graph", {"id": "genealogy", "edgedefault": "directed"}, close=False)
    yield "    " + _tag("data", {"key": "g_title"}, _xml(selection.title))
    yield "    " + _tag("data", {"key": "g_subtitle"}, _xml(selection.subtitle))
    for org in selection.organisations:
        data = [(f"n_{name}", _xml(value)) for name, value in _node_values(genealogy, org).items() if value is not None]
        yield from _element("node", {"id": _xml(org.id)}, data)
    for event, parent, child in selection.links:
        ends = {"id": _xml(event.link_id(parent, child)), "source": _xml(parent), "target": _xml(child)}
        values = _edge_values(event, child).items()
        yield from _element("edge", ends, [(f"e_{k}", _xml_value(v)) for k, v in values if v is not None])
    yield "  </graph>"
    yield "</graphml>"


def _element(name: str, attributes: Mapping[str, str], data: list[tuple[str, str]]) -> Iterator[str]:
    """A node or edge with its `data` children, indented as inside `<graph>`."""
    if not data:
        yield "    " + _tag(name, attributes)
        return
    yield "    " + _tag(name, attributes, close=False)
    for key, value in data:
        yield "      " + _tag("data", {"key": key}, value)
    yield f"    </{name}>"


def to_gexf(genealogy: Genealogy, options: SelectionOptions | None = None) -> str:
    """GEXF 1.3 for Gephi: labelled nodes and edges with typed attributes (dates as strings)."""
    return _document(_gexf_lines(genealogy, options or SelectionOptions()))


def _gexf_lines(genealogy: Genealogy, options: SelectionOptions) -> Iterator[str]:
    selection = select(genealogy, options)
    yield _tag(
        "gexf",
        {
            "xmlns": "http://gexf.net/1.3",
            "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
            "xsi:schemaLocation": "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
            "version": "1.3",
        },
        close=False,
    )
    yield "  <meta>"
    yield "    <creator>genealogy</creator>"
    yield "    " + _tag("description", {}, _xml(f"{selection.title} · {selection.subtitle}"))
    yield "  </meta>"
    yield "  " + _tag("graph", {"defaultedgetype": "directed", "mode": "static"}, close=False)
    # The label is GEXF's own attribute of nodes and edges, not a declared one.
    for scope, attributes in (("node", NODE_ATTRIBUTES), ("edge", EDGE_ATTRIBUTES)):
        yield "    " + _tag("attributes", {"class": scope, "mode": "static"}, close=False)
        for name, kind in attributes[1:]:
            yield "      " + _tag("attribute", {"id": name, "title": name, "type": kind})
        yield "    </attributes>"
    yield from _gexf_group(
        "nodes",
        (
            ("node", {"id": _xml(org.id), "label": _xml(org.label())}, _node_values(genealogy, org))
            for org in selection.organisations
        ),
    )
    yield from _gexf_group(
        "edges",
        (
            (
                "edge",
                {
                    "id": _xml(event.link_id(parent, child)),
                    "source": _xml(parent),
                    "target": _xml(child),
                    "label": _xml(link_label(event)),
                },
                _edge_values(event, child),
            )
            for event, parent, child in selection.links
        ),
    )
    yield "  </graph>"
    yield "</gexf>"


def _gexf_group(
    group: str, items: Iterator[tuple[str, dict[str, str], Mapping[str, str | bool | None]]]
) -> Iterator[str]:
    """`<nodes>` or `<edges>`: each item with its `attvalues` (all but the label, which is an XML attribute)."""
    first = True
    for name, attributes, values in items:
        if first:
            yield f"    <{group}>"
            first = False
        present = [(k, v) for k, v in values.items() if k != "label" and v is not None]
        if not present:
            yield "      " + _tag(name, attributes)
            continue
        yield "      " + _tag(name, attributes, close=False)
        yield "        <attvalues>"
        for key, value in present:
            yield "          " + _tag("attvalue", {"for": key, "value": _xml_value(value)})
        yield "        </attvalues>"
        yield f"      </{name}>"
    yield f"    </{group}>" if not first else f"    <{group} />"
