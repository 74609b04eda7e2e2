"""The words of the format: kinds of organisation and types of event.

Kept apart from the model so that the command line can offer them as choices without loading
the dataclasses (start-up time).
"""

KINDS = ("international", "party", "group", "faction", "tendency", "committee", "youth")

# Event types whose `from` -> `to` links are descent (lineage); the others are relations
# between organisations that both go on existing (membership, entrism).
LINEAGE_TYPES = ("founding", "split", "merger", "reunification", "rename", "expulsion")
RELATION_TYPES = ("affiliation", "disaffiliation", "entry")
EVENT_TYPES = LINEAGE_TYPES + RELATION_TYPES
