"""The quotation marks, defined once for the quote finder, the speaker rules and the reader.

A module of constants only, so the reader can import them at start-up without the finder's
compiled patterns.
"""

from __future__ import annotations

#: Curly and angled double marks say whether they open or close; the straight ``"`` may do either.
OPENERS = frozenset("“„«")
CLOSERS = frozenset("”»")
STRAIGHT_DOUBLE = '"'
#: Every mark that may open / close a quotation, as strings (they are also used in regexes).
OPENING_MARKS = "".join(sorted(OPENERS)) + STRAIGHT_DOUBLE
CLOSING_MARKS = "".join(sorted(CLOSERS)) + STRAIGHT_DOUBLE
