"""The reader's highlight colours as CSS: the user's overrides from the config file.

A config colour wins over the stylesheet's (``!important``), in dark and light themes alike;
the quote colour also colours the current quote and a speaker's later mentions, so a quote
never looks half recoloured.
"""

from __future__ import annotations

from collections.abc import Mapping

#: Which reader roles (``reader--<role>``) each config colour sets.
ROLES_OF: dict[str, tuple[str, ...]] = {
    "quote": ("quote", "quote-current", "mention"),
    "speaker": ("speaker",),
    "group": ("norp",),
}


def colour_css(colours: Mapping[str, str]) -> str:
    """CSS rules giving the reader's roles the config's colours (empty when none are set)."""
    rules = []
    for name, colour in colours.items():
        for role in ROLES_OF.get(name, (name,)):
            rules.append(f"Reader > .reader--{role} {{ color: {colour} !important; }}")
    return "\n".join(rules)
