"""The names of one entity field (``person:``, ``org:``, ``place:``, ``said:``) with their postings.

Indexed by the folded names the analyser found: one word matches the start of any token of a
name (``person:ho`` finds "Ho Cheng-hui"), several must appear together in one name, the last
one as a prefix (``person:"ho ch"``).
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Iterable
from itertools import accumulate

__all__ = ["FieldNames"]


class FieldNames:
    """The names of one entity field with their postings.

    A one-word value (``person:ho``) is a prefix of any token of a name: answered from postings
    per name token, looked up like the word index. A longer value (``person:"ho cheng"``) must
    appear inside one name: the names are joined into one string and searched for it.
    """

    __slots__ = (
        "_joined",
        "_joined_count",
        "_sorted",
        "_sorted_count",
        "_starts",
        "names",
        "postings",
        "token_docs",
        "where",
    )

    def __init__(self) -> None:
        self.names: list[str] = []
        self.postings: list[array[int]] = []
        self.where: dict[str, int] = {}
        self.token_docs: dict[str, array[int]] = {}
        self._joined = ""
        self._joined_count = 0
        self._starts: list[int] = []
        self._sorted: list[str] = []
        self._sorted_count = 0

    def add(self, doc: int, names: Iterable[str]) -> None:
        """Record the names one document mentions (each once).

        In sorted order: the names come as sets, whose order follows the interpreter's hash
        seed, so without it two processes (the app and an analysis child, or two runs) number
        the same names differently and save different snapshots of the same index.
        """
        seen: set[str] = set()
        for name in sorted(names):
            i = self.where.get(name)
            if i is None:
                self.where[name] = len(self.names)
                self.names.append(name)
                self.postings.append(array("I", (doc,)))
            else:
                self.postings[i].append(doc)
            seen.update(name.split(" "))
        for token in sorted(seen):
            docs = self.token_docs.get(token)
            if docs is None:
                self.token_docs[token] = array("I", (doc,))
            else:
                docs.append(doc)

    def refresh(self) -> None:
        """Rebuild the joined names and sorted tokens that lookups search, if names were added."""
        count = len(self.names)
        if self._joined_count != count:
            names = self.names[:count]
            # Each name is stored after a space and followed by a newline: " ho cheng hui\n".
            joined = "".join(f" {name}\n" for name in names)
            starts = [0, *accumulate(len(name) + 2 for name in names)][:-1]
            self._joined, self._starts, self._joined_count = joined, starts, count
        if self._sorted_count != len(self.token_docs):
            self._sorted = sorted(self.token_docs)
            self._sorted_count = len(self._sorted)

    def tokens_with_prefix(self, prefix: str) -> list[str]:
        self.refresh()
        vocab = self._sorted
        lo = bisect.bisect_left(vocab, prefix)
        return vocab[lo : bisect.bisect_left(vocab, prefix + "\U0010ffff", lo)]

    def matching(self, value: str) -> list[int]:
        """Indices of the names containing ``value`` at a token boundary (last token a prefix)."""
        self.refresh()
        needle = " " + value
        found: set[int] = set()
        joined, starts = self._joined, self._starts
        pos = joined.find(needle)
        while pos >= 0:
            found.add(bisect.bisect_right(starts, pos) - 1)
            pos = joined.find(needle, pos + 1)
        return sorted(found)
