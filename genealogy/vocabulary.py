"""The words of the format: kinds of organisation and types of event.

Kept apart from the model so that the command line can offer them as choices without loading
the dataclasses (start-up time).
"""

# What a bibliography entry is, from the strongest kind of evidence to the weakest: a warning
# (weak-source) names records whose only sources are encyclopedias.
SOURCE_KINDS = ("scholarly", "archive", "organisation", "press", "encyclopedia")

KINDS = ("international", "party", "group", "faction", "tendency", "committee", "youth")

# Event types whose `from` -> `to` links are descent (lineage); the others are relations
# between organisations that both go on existing (membership, entrism). `based-on` is descent
# too: an organisation that already exists takes another as (also) its base, a second parent
# or a rebase (a distribution rebased on Debian), and from then on inherits from it; nothing
# ends, nothing is born, so lineage walks go through it from its date on, never before.
LINEAGE_TYPES = ("founding", "split", "merger", "reunification", "rename", "expulsion", "based-on")
RELATION_TYPES = ("affiliation", "disaffiliation", "entry")
EVENT_TYPES = LINEAGE_TYPES + RELATION_TYPES
