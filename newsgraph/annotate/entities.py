"""Named entities from the spaCy parse.

Reads: the Doc. Returns Entity records for names (people, organisations,
places, nationalities...). Dates and numbers are left to the time stage.
"""
from __future__ import annotations

from spacy.tokens import Doc

from newsgraph.model import Entity

NAME_LABELS = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
)


def find_entities(doc: Doc) -> list[Entity]:
    entities = []
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS:
            continue
        start, end = ent.start_char, ent.end_char
        text = ent.text
        # spaCy keeps a possessive or a trailing quote inside some entities.
        for suffix in ("’s", "'s", "’", "'"):
            if text.endswith(suffix) and len(text) > len(suffix):
                text, end = text[: -len(suffix)], end - len(suffix)
                break
        entities.append(Entity(text=text, start=start, end=end, label=ent.label_))
    return entities
