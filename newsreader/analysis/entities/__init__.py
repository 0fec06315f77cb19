"""The built-in entity recogniser: rules and gazetteers, no model (``find.find_entities``)."""
