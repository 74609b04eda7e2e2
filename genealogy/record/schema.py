"""The record format as one table of fields: the validator checks it, the JSON Schema is made from it.

Keeping both in one place is what keeps them in step: `json_schema()` generates the file shipped
under genealogy/schema/, and a test fails when the shipped file differs from what it generates.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from genealogy.record.limits import URL_PATTERN
from genealogy.vocabulary import EVENT_TYPES, KINDS, SOURCE_KINDS

SCHEMA_FILE = Path(__file__).parents[1] / "schema" / "genealogy.schema.json"
SCHEMA_ID = "https://genealogy.invalid/schema/genealogy.schema.json"

# ISO 3166-1 alpha-2, plus the codes of states that no longer exist but that a history needs
# (SU Soviet Union, YU Yugoslavia, CS Czechoslovakia, DD East Germany, BU Burma, ZR Zaire,
# VD North Vietnam, YD South Yemen).
_ISO_CODES = """
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT
BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER
ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID
IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV
LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR
NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL
SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC
VE VG VI VN VU WF WS YE YT ZA ZM ZW
SU YU CS DD BU ZR VD YD
"""
COUNTRIES = (*_ISO_CODES.split(), "international")
# Codes people reach for that ISO spells otherwise.
COUNTRY_HINTS = {"UK": "GB", "EN": "GB", "USSR": "SU", "INT": "international", "INTL": "international"}

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SOURCE_KEY_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$"
DATE_PATTERN = r"^(c\. ?)?[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?\??$"
WIKIDATA_PATTERN = r"^Q[1-9][0-9]*$"
COLOUR_PATTERN = r"^#[0-9a-fA-F]{6}$"


class Field(NamedTuple):
    """One key of a record. `type` names a value type in `VALUE_SCHEMAS`.

    A named tuple, not a dataclass: immutable all the same, and made at import in a third of the
    time (0.2 ms, not 0.7), which every check pays.
    """

    name: str
    type: str
    required: bool = False
    description: str = ""


NAME_FIELDS = (
    Field("name", "text", True, "The other name, in full."),
    Field("abbreviation", "text", False, "Its abbreviation, if any."),
    Field("since", "date", False, "When the organisation took this name."),
    Field("until", "date", False, "When it stopped using it."),
)

SOURCE_FIELDS = (
    Field("author", "text", False, "Author(s) or editor(s)."),
    Field("title", "text", True, "Title of the work, article or page."),
    Field(
        "kind",
        "source-kind",
        False,
        "scholarly, archive (document archives such as ETOL), organisation (its own), press or encyclopedia.",
    ),
    Field("year", "text", False, "Year of publication."),
    Field("publisher", "text", False, "Publisher, journal or website."),
    Field("url", "url", False, "An http(s) address where it can be read."),
    Field("chapter", "text", False, "Chapter or section of a book or long page that supports the facts cited."),
    Field("pages", "text", False, "Pages that support the facts cited."),
    Field("notes", "text", False, "What the source is and what it supports."),
)

ORGANISATION_FIELDS = (
    Field("id", "id", True, "Stable slug: lower-case letters, digits and hyphens. Never reuse one."),
    Field("name", "text", True, "The name the organisation is best known by."),
    Field("abbreviation", "text", False, "Its usual abbreviation."),
    Field("kind", "kind", True, "What sort of organisation it is."),
    Field("country", "country", True, "ISO 3166-1 alpha-2 code, or 'international'."),
    Field("founded", "date", True, "YYYY, YYYY-MM or YYYY-MM-DD; 'c. ' before if approximate, '?' after if uncertain."),
    Field("dissolved", "end-date", False, "When it ended, or 'unknown' if no source says; omit while it exists."),
    Field("names", "names", False, "Other names of this same organisation over time."),
    Field("aliases", "texts", False, "Informal names, for search."),
    Field("wikidata", "wikidata", False, "Its Wikidata item, e.g. Q379364."),
    Field("colour", "colour", False, "Its own colour on charts, #rrggbb, instead of its country's."),
    Field("sources", "source-keys", False, "Bibliography keys that support this record."),
    Field("notes", "text", False, "Free text: disagreements between sources belong here."),
)

EVENT_FIELDS = (
    Field("id", "id", True, "Stable slug for the event, e.g. fi-split-1953."),
    Field("type", "event-type", True, "What happened; decides what `from` and `to` mean."),
    Field("date", "date", True, "When it happened, as precisely as the sources allow."),
    Field("from", "ids", False, "The organisation(s) the event starts from: an id or a list of ids."),
    Field("to", "ids", True, "The organisation(s) the event leads to: an id or a list of ids."),
    Field("claims", "ids", False, "Which of `to` claim to be the continuation of `from`."),
    Field("until", "date", False, "Entry only: when the entry ended."),
    Field("description", "text", False, "One line for charts and queries."),
    Field("disputed", "bool", False, "True when the relation itself is contested by sources."),
    Field("sources", "source-keys", False, "Bibliography keys that support this event."),
    Field("notes", "text", False, "Free text: disagreements between sources belong here."),
)

DOMAIN_FIELDS = (
    Field("name", "text", True, "What the group of organisations is called, written on its band."),
    Field("colour", "colour", True, "The band's colour, #rrggbb; charts draw it light."),
    Field("members", "ids", True, "The organisations in it: an id or a list of ids."),
    Field("notes", "text", False, "Free text: what holds the group together."),
)

TOP_FIELDS = (
    Field("title", "text", False, "Title of the record, shown on charts."),
    Field("sources", "bibliography", False, "The bibliography: key -> entry."),
    Field("organisations", "organisations", True, "Every organisation, one entry each."),
    Field("events", "events", False, "Foundings, splits, mergers and the other links."),
    Field("domains", "domains", False, "Named groups of organisations, drawn as bands behind their lines."),
)

RECORDS = {
    "organisation": ORGANISATION_FIELDS,
    "event": EVENT_FIELDS,
    "source": SOURCE_FIELDS,
    "name": NAME_FIELDS,
    "domain": DOMAIN_FIELDS,
    "file": TOP_FIELDS,
}


def _properties(fields: tuple[Field, ...]) -> dict[str, object]:
    properties: dict[str, object] = {}
    for item in fields:
        schema = dict(VALUE_SCHEMAS[item.type])
        schema["description"] = item.description
        properties[item.name] = schema
    return properties


def _record(fields: tuple[Field, ...]) -> dict[str, object]:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [f.name for f in fields if f.required],
        "properties": _properties(fields),
    }


VALUE_SCHEMAS: dict[str, dict[str, object]] = {
    "text": {"type": ["string", "number"]},
    "texts": {"type": "array", "items": {"type": ["string", "number"]}},
    "bool": {"type": "boolean"},
    "id": {"$ref": "#/$defs/id"},
    "ids": {"oneOf": [{"$ref": "#/$defs/id"}, {"type": "array", "items": {"$ref": "#/$defs/id"}}]},
    "date": {"$ref": "#/$defs/date"},
    "end-date": {"oneOf": [{"$ref": "#/$defs/date"}, {"const": "unknown"}]},
    "kind": {"enum": list(KINDS)},
    "source-kind": {"enum": list(SOURCE_KINDS)},
    "country": {"enum": list(COUNTRIES)},
    "event-type": {"enum": list(EVENT_TYPES)},
    "wikidata": {"type": "string", "pattern": WIKIDATA_PATTERN},
    "url": {"type": "string", "pattern": URL_PATTERN},
    "colour": {"type": "string", "pattern": COLOUR_PATTERN},
    "source-keys": {"type": "array", "items": {"type": "string", "pattern": SOURCE_KEY_PATTERN}},
    "names": {"type": "array", "items": {"$ref": "#/$defs/name"}},
    "bibliography": {
        "type": "object",
        "propertyNames": {"pattern": SOURCE_KEY_PATTERN},
        "additionalProperties": {"$ref": "#/$defs/source"},
    },
    "organisations": {"type": "array", "items": {"$ref": "#/$defs/organisation"}},
    "events": {"type": "array", "items": {"$ref": "#/$defs/event"}},
    "domains": {"type": "array", "items": {"$ref": "#/$defs/domain"}},
}


def json_schema() -> dict[str, object]:
    """The JSON Schema (draft 2020-12) of a data file, for editors and other tools."""
    schema: dict[str, object] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "genealogy data file",
        "description": "Organisations and the events that link them. See docs/format.md.",
    }
    schema.update(_record(TOP_FIELDS))
    schema["$defs"] = {
        "id": {"type": "string", "pattern": ID_PATTERN},
        "date": {
            "oneOf": [
                {"type": "string", "pattern": DATE_PATTERN},
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ]
        },
        "name": _record(NAME_FIELDS),
        "source": _record(SOURCE_FIELDS),
        "organisation": _record(ORGANISATION_FIELDS),
        "event": _record(EVENT_FIELDS),
        "domain": _record(DOMAIN_FIELDS),
    }
    return schema


def schema_text() -> str:
    """The schema as the shipped file holds it: sorted nothing, indented two, newline-terminated."""
    import json  # here: every check reads the field table, only `genealogy schema` writes JSON

    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
