"""The words of the format: kinds of organisation and types of event.

Kept apart from the model so that the command line can offer them as choices without loading
the dataclasses (start-up time).
"""

# What a bibliography entry is, from the strongest kind of evidence to the weakest: a warning
# (weak-source) names records whose only sources are encyclopedias.
SOURCE_KINDS = ("scholarly", "archive", "organisation", "press", "encyclopedia")

KINDS = ("international", "party", "group", "faction", "tendency", "committee", "youth")

# Event types whose `from` -> `to` links are descent (lineage); the others are relations
# between organisations that both go on existing (membership, entrism).
LINEAGE_TYPES = ("founding", "split", "merger", "reunification", "rename", "expulsion")
RELATION_TYPES = ("affiliation", "disaffiliation", "entry")
EVENT_TYPES = LINEAGE_TYPES + RELATION_TYPES
