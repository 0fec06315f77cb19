"""The names of the list's orders (``S`` cycles them), apart from the code that sorts.

``library.order`` does the sorting; the TUI needs only these names, and importing them from
here keeps the library's modules off the way to the first screen.
"""

from __future__ import annotations

from typing import Literal

__all__ = ["SORTS", "SORT_NAMES", "Sort", "next_sort"]

Sort = Literal["file", "newest", "title", "source"]

#: The orders in the order ``S`` cycles through them.
SORTS: tuple[Sort, ...] = ("file", "newest", "title", "source")

#: How the status line names each order.
SORT_NAMES: dict[Sort, str] = {
    "file": "file order",
    "newest": "newest first",
    "title": "by title",
    "source": "by source",
}


def next_sort(sort: Sort) -> Sort:
    """The order after ``sort`` in the cycle."""
    return SORTS[(SORTS.index(sort) + 1) % len(SORTS)]
