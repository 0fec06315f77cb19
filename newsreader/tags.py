"""What a tag is: the one spelling rule every part of the app compares tags by.

The store saves tags, the tag editor edits them, the search bar filters by them and exports list
them; if each lower-cased and hyphenated in its own way, "Cross Strait" typed in one place would
miss "cross-strait" saved from another. So they all call :func:`normalise_tag`.
"""

from __future__ import annotations

import re

_SPACES = re.compile(r"\s+")


def normalise_tag(tag: str) -> str:
    """``"  Cross Strait "`` -> ``"cross-strait"``; raises ValueError for a blank tag."""
    if not isinstance(tag, str):
        raise ValueError("a tag must be text")
    norm = _SPACES.sub("-", tag.strip().lower())
    if not norm:
        raise ValueError("a tag cannot be empty")
    return norm


def tag_or_none(text: str) -> str | None:
    """The tag ``text`` spells, or None when it is blank (input being typed may be)."""
    return normalise_tag(text) if text.strip() else None
