"""The linear scan: does one article match a query? The reference semantics of search.

The library scans the articles the index has not reached yet; the index must agree with this
on every query the two share (a property test checks it).
"""

from __future__ import annotations

from newsreader.search.query import Query, tokens

__all__ = ["scan_match"]


def scan_match(query: Query, canon: str, source: str, truncated: bool) -> bool:
    """Does one article (its ``canonical_text``) match the text, source and ``is:truncated``
    parts of ``query``? Entity fields and user state are the caller's business.

    The reference semantics: the index must agree with this on every query it shares.
    """
    for word in (*query.words, *query.phrases):
        if f" {word} " not in canon:
            return False
    if query.prefix and f" {query.prefix}" not in canon:
        return False
    for word in (*query.excluded_words, *query.excluded_phrases):
        if f" {word} " in canon:
            return False
    if "truncated" in query.flags and not truncated:
        return False
    if "truncated" in query.excluded_flags and truncated:
        return False
    if query.sources or any(f == "source" for f, _ in query.excluded_fields):
        name = " " + " ".join(tokens(source))
        if not all(f" {v}" in name for v in query.sources):
            return False
        if any(f == "source" and f" {v}" in name for f, v in query.excluded_fields):
            return False
    return True
