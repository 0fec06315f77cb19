"""Merging spaCy's entities with the built-in ones, and the repairs that merge needs
(``combine.combine_entities``)."""
