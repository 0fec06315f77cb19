"""The inverted index behind search-as-you-type, and the match spans the reader highlights.

Every keystroke runs a query, so at 100k articles a query must take a few milliseconds. The
shapes that make that possible:

* **Sets of documents are Python ints used as bitmaps** (bit ``d`` = document ``d``): AND, OR
  and NOT of two 100k-document sets are one C loop over 12.5 kB, whatever their sizes.
* **Postings** are append-only ``array('I')`` of document numbers per folded token (so the index
  can grow in a worker while the UI queries it). Once the corpus is in, ``compact`` turns every
  list covering 1/32 of the documents or more into its bitmap, which is then no bigger than the
  list, is saved with the index, and makes the common words free at query time.
* **Prefixes** (the word still being typed) look up a sorted vocabulary with ``bisect``; a
  one-letter prefix uses postings kept per first letter, as it would touch most words.
* **Phrases** are checked exactly on each article's canonical form: its tokens spelt as one
  character per token id, so a phrase is a substring test. Only articles that have every word
  and pass every other filter are checked, and pairs of frequent words (``index_pairs``) have
  postings of their own: "of the" is answered without reading a single text.
* **Entities and speakers** (``person:``, ``org:``, ``place:``, ``said:``) are indexed by the
  folded names the analyser found: one word matches the start of any token of a name
  (``person:ho`` finds "Ho Cheng-hui"), several must appear together in one name, the last one
  as a prefix (``person:"ho ch"``).

One writer thread (the indexer) and any number of reader threads share an index. Readers take a
lock that the writer holds only while appending a document, never while tokenising it.

The parts live beside it: ``tokens`` (what an article's terms are), ``bitmaps`` and ``codec``
(sets of documents in memory and on disk), ``names`` (the entity fields), ``state`` (the user's
bookmarks, tags and read marks). This module is the index proper: one class, because its
postings, vocabulary and caches share one lock and one writer (hence its length).
"""

from __future__ import annotations

import bisect
import operator
import threading
from array import array
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import compress, repeat
from typing import Any

from newsreader.model import Analysis, Article
from newsreader.search.bitmaps import bitmap, bitmap_docs, mask_bitmap, union_bitmap
from newsreader.search.codec import pack, pack_chunks, unpack, unpack_chunks
from newsreader.search.names import FieldNames
from newsreader.search.query import ENTITY_FIELDS, SEPARATOR, Query, tokens
from newsreader.search.state import ReadState, resolve_state
from newsreader.search.tokens import DocTerms, PairWords, article_tokens, entity_names

__all__ = ["PAIR_DENSITY", "SNAPSHOT_CHUNKED", "SearchIndex"]

#: Snapshot parts that may come in several pieces (lists, concatenated on reading).
SNAPSHOT_CHUNKED = frozenset({"canon", "postings", "frozen"})
#: Postings covering at least 1/_DENSE of the documents are kept as bitmaps (at that density a
#: bitmap is no bigger than the array of numbers).
_DENSE = 32
#: Pairs of words each in at least 1/PAIR_DENSITY of the documents are indexed (see
#: ``SearchIndex.index_pairs``); a phrase with a rarer word leaves at most that share to check.
PAIR_DENSITY = 8
#: The vocabulary's unsorted tail is merged into the sorted part beyond this many tokens.
_TAIL = 4096
#: Recent phrases whose answer over the whole corpus is kept.
_PHRASE_CACHE = 32
#: Recent prefixes whose union of postings is kept (typing "kinm" then "kinme" reuses "kin"…).
_PREFIX_CACHE = 64
#: Sets of ids (bookmarks, read, a tag) whose bitmap is kept.
_STATE_CACHE = 64


class _Vocabulary(dict[str, int]):
    """Token -> id, handing out the next id (and an empty postings array) to a new token.

    Only the index's single writer looks tokens up through ``__getitem__``; readers use ``get``,
    which never assigns. The postings array exists before the id is published, so a reader that
    sees an id can always follow it.
    """

    def __init__(self, index: SearchIndex) -> None:
        super().__init__()
        self._index = index
        self.fresh: list[str] = []

    def __missing__(self, word: str) -> int:
        index = self._index
        wid = len(index._words)
        if wid >= _MAX_WORDS:
            raise OverflowError("vocabulary full")
        index._postings.append(array("I"))
        index._words.append(word)
        index._initial.append(word[:1])
        self[word] = wid
        self.fresh.append(word)
        return wid


#: chr() reaches 0x10FFFF: the most distinct tokens one index can hold.
_MAX_WORDS = 0x110000


class SearchIndex:
    """An append-only inverted index over documents numbered 0, 1, 2, … in the order added.

    One thread may ``add`` (or ``prepare`` + ``add_terms``, and ``add_analysis``) while any
    number of others ``search``. Entity fields cover the documents whose analysis has been added
    (see ``analysed_count``).
    """

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._n = 0
        self._ids: list[str] = []
        self._doc_of: dict[str, int] = {}
        self._dups: dict[str, list[int]] = {}
        self._canon: list[str] = []
        # Token ids: 0 is the paragraph separator, never a word.
        self._words: list[str] = []
        self._initial: list[str] = []
        self._postings: list[array[int]] = []
        self._vocab = _Vocabulary(self)
        self._vocab[SEPARATOR]  # takes id 0
        self._vocab.fresh.clear()
        self._initials: dict[str, array[int]] = {}
        self._sorted: list[str] = []  # the vocabulary, sorted, for prefixes
        self._sorted_tail: list[str] = []  # words added since the last sort
        self._sources: list[str] = []
        self._source_keys: list[str] = []  # folded, " seed txt"
        self._source_docs: list[array[int]] = []
        self._truncated: array[int] = array("I")
        self._fields: dict[str, FieldNames] = {name: FieldNames() for name in ENTITY_FIELDS}
        self._analysed: bytearray = bytearray()
        self._analysed_count = 0
        # Adjacent pairs of frequent words ("of the"), once ``index_pairs`` has run: the ids
        # whose pairs are indexed (as chr -> chr, for ``dict.get``), and the pairs' postings.
        self._pair_words: PairWords | None = None
        self._pairs: dict[str, array[int]] = {}
        # Dense postings stored as bitmaps by ``compact``; their arrays keep later documents.
        self._frozen: dict[tuple[str, ...], int] = {}
        # Bitmaps of dense postings arrays: (array length when computed, bitmap).
        self._cache: dict[tuple[str, ...], tuple[int, int]] = {}
        self._prefix_cache: OrderedDict[str, tuple[int, int]] = OrderedDict()
        self._phrase_cache: OrderedDict[str, tuple[int, int]] = OrderedDict()
        self._state_cache: OrderedDict[tuple[str, ...], tuple[frozenset[str], int, int]] = (
            OrderedDict()
        )

    # -- sizes ---------------------------------------------------------------------------------

    def __len__(self) -> int:
        return self._n

    @property
    def analysed_count(self) -> int:
        """How many documents have their entities and speakers indexed."""
        return self._analysed_count

    def is_analysed(self, doc: int) -> bool:
        return doc < len(self._analysed) and bool(self._analysed[doc])

    @property
    def vocabulary_size(self) -> int:
        return len(self._words) - 1

    # -- building ------------------------------------------------------------------------------

    def add(self, doc: int, article: Article, analysis: Analysis | None = None) -> None:
        """Index ``article`` as document ``doc``, which must be the next number (``len(self)``)."""
        self.add_terms(doc, article, self.prepare(article))
        if analysis is not None:
            self.add_analysis(doc, analysis)

    def prepare(self, article: Article) -> DocTerms:
        """Tokenise ``article`` (the costly part of adding it) without taking the lock.

        Writer thread only: new tokens get their ids here.
        """
        vocab = self._vocab
        canon = "".join(map(chr, map(vocab.__getitem__, article_tokens(article))))
        distinct = set(canon)
        distinct.discard("\0")
        fresh = vocab.fresh
        vocab.fresh = []
        keep = self._pair_words
        pairs = None if keep is None else keep.pairs(canon)
        return DocTerms(canon, list(map(ord, distinct)), fresh, pairs)

    def add_terms(self, doc: int, article: Article, terms: DocTerms) -> None:
        """Publish a prepared document (``prepare`` must come from this index)."""
        with self._lock:
            if doc != self._n:
                raise ValueError(f"documents must be added in order: expected {self._n}, got {doc}")
            postings = self._postings
            for wid in terms.distinct:
                postings[wid].append(doc)
            initial = self._initial
            for letter in set(map(initial.__getitem__, terms.distinct)):
                docs = self._initials.get(letter)
                if docs is None:
                    self._initials[letter] = array("I", (doc,))
                else:
                    docs.append(doc)
            if terms.new_words:
                self._sorted_tail.extend(terms.new_words)
                if len(self._sorted_tail) > _TAIL:
                    self._merge_vocab()
            self._canon.append(terms.canon)
            keep = self._pair_words
            if keep is not None:
                pairs = terms.pairs if terms.pairs is not None else keep.pairs(terms.canon)
                for pair in pairs:
                    docs = self._pairs.get(pair)
                    if docs is None:
                        self._pairs[pair] = array("I", (doc,))
                    else:
                        docs.append(doc)
            self._add_source(doc, article.source)
            if article.truncated:
                self._truncated.append(doc)
            self._analysed.append(0)
            first = self._doc_of.setdefault(article.id, doc)
            if first != doc:
                self._dups.setdefault(article.id, []).append(doc)
            self._ids.append(article.id)
            self._n = doc + 1

    def add_analysis(self, doc: int, analysis: Analysis) -> None:
        """Index the entities and speakers of an already added document (once per document)."""
        self.add_names(doc, entity_names(analysis))

    def add_names(self, doc: int, names: Mapping[str, Iterable[str]]) -> None:
        """``add_analysis`` given the document's ``entity_names`` (found in another process)."""
        with self._lock:
            if doc >= self._n:
                raise ValueError(f"document {doc} has not been added")
            if self._analysed[doc]:
                return
            for field, values in names.items():
                if values:
                    self._fields[field].add(doc, values)
            self._analysed[doc] = 1
            self._analysed_count += 1

    def _add_source(self, doc: int, source: str) -> None:
        if self._sources and self._sources[-1] == source:
            self._source_docs[-1].append(doc)
            return
        try:
            i = self._sources.index(source)
        except ValueError:
            self._sources.append(source)
            self._source_keys.append(" " + " ".join(tokens(source)))
            self._source_docs.append(array("I", (doc,)))
        else:
            self._source_docs[i].append(doc)

    def _merge_vocab(self) -> None:
        merged = self._sorted + sorted(self._sorted_tail)
        merged.sort()  # two sorted runs: timsort merges them in linear time
        self._sorted = merged
        self._sorted_tail = []

    def index_pairs(self) -> None:
        """Index adjacent pairs of frequent words, and cache the bitmaps of frequent words.

        A phrase of common words ("of the", "said in a statement") is in most articles' word
        postings, so checking it means reading most canonical texts. Once the corpus is in
        (the word frequencies known), this indexes every adjacent pair of words found in at least
        1/``PAIR_DENSITY`` of the documents; any other phrase has a rarer word whose postings
        leave few texts to check. Documents added later get their pairs as they come. Writer
        thread only; searches go on meanwhile and use the pairs once they are all in.
        """
        n = self._n
        if n == 0 or self._pair_words is not None:
            return
        postings, words = self._postings, self._words
        keep = PairWords(
            wid
            for wid in range(1, len(postings))
            if self._df(("w", words[wid]), postings[wid]) * PAIR_DENSITY >= n
        )
        pairs: dict[str, array[int]] = {}
        canon = self._canon
        for doc in range(n):
            for pair in keep.pairs(canon[doc]):
                found = pairs.get(pair)
                if found is None:
                    pairs[pair] = array("I", (doc,))
                else:
                    found.append(doc)
        with self._lock:  # nothing was added meanwhile: this thread is the only writer
            self._pairs = pairs
            self._pair_words = keep
        self.compact()

    def compact(self) -> None:
        """Keep every dense postings list as a bitmap instead of an array of numbers.

        A list covering at least 1/``_DENSE`` of the documents is no smaller as an array than as
        a bitmap, and every query would otherwise rebuild its bitmap: so it becomes a bitmap
        (saved with the index, so the first queries after a restart are fast too) and its array
        is emptied, to collect only the documents added later. Writer thread only.
        """
        n = self._n
        staged = []
        for key, docs in self._all_postings():
            if docs and len(docs) * _DENSE >= n:
                staged.append((key, docs, bitmap(docs, n)))
        with self._lock:
            for key, docs, bm in staged:
                self._frozen[key] = self._frozen.get(key, 0) | bm
                del docs[:]
            self._cache.clear()
            for names in self._fields.values():
                names.refresh()

    def _all_postings(self) -> Iterator[tuple[tuple[str, ...], array[int]]]:
        words = self._words
        for wid, docs in enumerate(self._postings):
            if wid:
                yield ("w", words[wid]), docs
        for letter, docs in list(self._initials.items()):
            yield ("i", letter), docs
        for pair, docs in list(self._pairs.items()):
            yield ("2", pair), docs
        for i, docs in enumerate(self._source_docs):
            yield ("s", str(i)), docs
        yield ("truncated",), self._truncated
        for field, names in self._fields.items():
            for name, docs in zip(names.names, names.postings, strict=False):
                yield ("f", field, name), docs
            for token, docs in list(names.token_docs.items()):
                yield ("ft", field, token), docs

    @property
    def has_pairs(self) -> bool:
        return self._pair_words is not None

    # -- saving and restoring ------------------------------------------------------------------

    def snapshot(self) -> dict[str, Any]:
        """The index as plain builtins (for tests and tools); ``restore`` reads it back.

        ``snapshot_items`` gives the same parts one at a time, which is what the cache saves.
        """
        out: dict[str, Any] = {}
        for name, value in self.snapshot_items():
            if name in SNAPSHOT_CHUNKED:
                out.setdefault(name, []).extend(value)
            else:
                out[name] = value
        return out

    def snapshot_items(self) -> Iterator[tuple[str, Any]]:
        """The parts of the snapshot in order; a part named in ``SNAPSHOT_CHUNKED`` may come
        several times, each a list to be concatenated.

        Made one part at a time, so that whoever saves them never holds a second copy of the
        whole index (at 100k articles that copy was the peak of the cold start's memory). Call
        it from the writer's thread (or with no writer): it reads only what the writer changes,
        without the lock, so that searches do not wait while a big index is copied.
        """
        n = self._n
        yield "n", n
        yield "words", self._words[: len(self._postings)]
        for chunk in pack_chunks(self._postings):
            yield "postings", [chunk]
        letters = sorted(self._initials)
        yield "letters", letters
        yield "initials", pack([self._initials[k] for k in letters])
        yield "canon", self._canon[:n]
        yield (
            "fields",
            {
                name: (
                    list(f.names),
                    pack(f.postings),
                    list(f.token_docs),
                    pack(list(f.token_docs.values())),
                )
                for name, f in self._fields.items()
            },
        )
        yield "analysed", bytes(self._analysed[:n])
        yield (
            "pair_words",
            None if self._pair_words is None else sorted(map(ord, self._pair_words.chars)),
        )
        yield "pairs", (list(self._pairs), pack(list(self._pairs.values())))
        # (key, bitmap) pairs, saved a few per frame: together 20 MB at 100k articles.
        yield "frozen", list(self._frozen.items())

    @classmethod
    def restore(cls, snapshot: dict[str, Any], articles: Sequence[Article]) -> SearchIndex:
        """Rebuild an index saved by ``snapshot`` over the same ``articles`` (raises if not)."""
        n, words, canon, analysed = (
            snapshot["n"],
            snapshot["words"],
            snapshot["canon"],
            snapshot["analysed"],
        )
        if not (
            isinstance(n, int)
            and n <= len(articles)
            and isinstance(words, list)
            and words[:1] == [SEPARATOR]
            and isinstance(canon, list)
            and len(canon) == n
            and isinstance(analysed, bytes)
            and len(analysed) == n
        ):
            raise ValueError("index snapshot does not fit these articles")
        index = cls()
        postings = unpack_chunks(snapshot["postings"])
        if len(postings) != len(words):
            raise ValueError("index snapshot is inconsistent")
        for doc in range(n):
            article = articles[doc]
            index._add_source(doc, article.source)
            if article.truncated:
                index._truncated.append(doc)
            first = index._doc_of.setdefault(article.id, doc)
            if first != doc:
                index._dups.setdefault(article.id, []).append(doc)
        index._ids = [a.id for a in articles[:n]]
        index._words = words
        index._initial = [w[:1] for w in words]
        index._postings = postings
        vocab = _Vocabulary(index)
        vocab.update(zip(words, range(len(words)), strict=True))
        index._vocab = vocab
        index._sorted = sorted(words[1:])
        letters = snapshot["letters"]
        index._initials = dict(zip(letters, unpack(snapshot["initials"]), strict=True))
        for name, (names, packed, tokens_, token_packed) in snapshot["fields"].items():
            field = index._fields[name]
            field.names = list(names)
            field.postings = unpack(packed)
            field.token_docs = dict(zip(tokens_, unpack(token_packed), strict=True))
            field.where = {value: i for i, value in enumerate(field.names)}
            if len(field.postings) != len(field.names):
                raise ValueError("index snapshot is inconsistent")
            field.refresh()
        pair_words = snapshot["pair_words"]
        if pair_words is not None:
            keys, packed = snapshot["pairs"]
            index._pair_words = PairWords(pair_words)
            index._pairs = dict(zip(keys, unpack(packed), strict=True))
        frozen = snapshot["frozen"]
        limit = 1 << n
        if not isinstance(frozen, list) or not all(
            isinstance(pair, tuple)
            and len(pair) == 2
            and isinstance(pair[0], tuple)
            and isinstance(pair[1], int)
            and 0 <= pair[1] < limit
            for pair in frozen
        ):
            raise ValueError("index snapshot is inconsistent")
        index._frozen = dict(frozen)
        index._canon = canon
        index._analysed = bytearray(analysed)
        index._analysed_count = analysed.count(1)
        index._n = n
        return index

    # -- searching -----------------------------------------------------------------------------

    def search(self, query: Query, state: ReadState | None = None) -> list[int]:
        """Ascending numbers of the documents matching ``query`` (all of them when it is empty)."""
        with self._lock:
            n = self._n
            if query.is_empty:
                return list(range(n))
            return bitmap_docs(self._match(query, state, n), n)

    def count(self, query: Query, state: ReadState | None = None) -> int:
        """How many documents match (for sidebar counts; skips building the list)."""
        with self._lock:
            n = self._n
            if query.is_empty:
                return n
            return self._match(query, state, n).bit_count()

    def _match(self, query: Query, state: ReadState | None, n: int) -> int:
        """The bitmap of matches: cheap filters first, the exact phrase check on what is left."""
        everything = (1 << n) - 1
        bm = everything
        for word in query.words:
            bm &= self._word(word, n)
            if not bm:
                return 0
        for phrase in query.phrases:
            for word in phrase.split(" "):
                bm &= self._word(word, n)
                if not bm:
                    return 0
        if query.prefix:
            bm &= self._prefix(query.prefix, n)
            if not bm:
                return 0
        for field in (*ENTITY_FIELDS, "source"):
            for value in query.field_values(field):
                bm &= self._field(field, value, n)
                if not bm:
                    return 0
        bm = self._state_filters(bm, query, state, n)
        for word in query.excluded_words:
            if not bm:
                return 0
            bm &= ~self._word(word, n)
        for field, value in query.excluded_fields:
            if not bm:
                return 0
            bm &= ~self._field(field, value, n)
        for phrase in query.phrases:
            if not bm:
                return 0
            bm = self._phrase(phrase, bm, n)
        for phrase in query.excluded_phrases:
            if not bm:
                return 0
            bm &= ~self._phrase(phrase, bm, n)
        return bm & everything

    def _state_filters(self, bm: int, query: Query, state: ReadState | None, n: int) -> int:
        flags, ex_flags = query.flags, query.excluded_flags
        if "truncated" in flags:
            bm &= self._postings_bitmap(("truncated",), self._truncated, n)
        if "truncated" in ex_flags:
            bm &= ~self._postings_bitmap(("truncated",), self._truncated, n)
        if not bm:
            return bm
        wanted = resolve_state(query, state)
        if wanted.nothing:
            return 0
        for key, ids in wanted.require:
            bm &= self._ids_bitmap(key, ids, n)
        for key, ids in wanted.exclude:
            bm &= ~self._ids_bitmap(key, ids, n)
        return bm

    # -- phrases -------------------------------------------------------------------------------

    def _needle(self, phrase: str) -> str | None:
        """The phrase spelt in token ids, or None when a word of it occurs nowhere."""
        get = self._vocab.get
        ids = [get(word) for word in phrase.split(" ")]
        if any(i is None for i in ids):
            return None
        return "".join(chr(i) for i in ids if i is not None)

    def _phrase(self, phrase: str, bm: int, n: int) -> int:
        """The documents of ``bm`` that contain ``phrase`` (its words already hold for all)."""
        cached = self._phrase_cache.get(phrase)
        if cached is not None and cached[0] == n:
            self._phrase_cache.move_to_end(phrase)
            return bm & cached[1]
        needle = self._needle(phrase)
        if needle is None:
            return 0
        having = self._words_bitmap(phrase.split(" "), n)
        keep = self._pair_words
        if keep is not None:
            covered = 0
            chars = keep.chars
            for pair in map(operator.add, needle[:-1], needle[1:]):
                if pair[0] in chars and pair[1] in chars:
                    docs = self._pairs.get(pair)
                    having &= 0 if docs is None else self._postings_bitmap(("2", pair), docs, n)
                    covered += 1
            if covered and len(needle) == 2:
                return bm & having  # the pair's postings are the answer
            bm &= having
            if not bm:
                return 0
        # When the other filters leave most documents that have the words, settle the phrase for
        # all of them once: the next keystroke (more words typed after it) reuses the answer.
        if bm.bit_count() * 2 >= having.bit_count():
            hits = self._containing(having, n, needle)
            self._phrase_cache[phrase] = (n, hits)
            while len(self._phrase_cache) > _PHRASE_CACHE:
                self._phrase_cache.popitem(last=False)
            return bm & hits
        return self._containing(bm, n, needle)

    def _containing(self, bm: int, n: int, needle: str) -> int:
        """The documents of ``bm`` whose canonical text contains ``needle``."""
        canon = self._canon
        if bm.bit_count() * 4 >= n:
            # Most documents are candidates: test them all in one C-level pass, no doc lists.
            mask = bytes(map(operator.contains, canon[:n], repeat(needle)))
            return bm & mask_bitmap(mask)
        docs = bitmap_docs(bm, n)
        found = compress(docs, map(operator.contains, map(canon.__getitem__, docs), repeat(needle)))
        return bitmap(list(found), n)

    # -- bitmaps of terms ----------------------------------------------------------------------

    def _postings_bitmap(self, key: tuple[str, ...], docs: array[int], n: int) -> int:
        """The documents of one postings list: its frozen bitmap (see ``compact``) and tail."""
        base = self._frozen.get(key, 0)
        if not docs:
            return base
        if len(docs) * _DENSE < n:
            return base | bitmap(docs, n)
        return base | self._tail_bitmap(key, docs, n)

    def _tail_bitmap(self, key: tuple[str, ...], docs: array[int], n: int) -> int:
        """The bitmap of a dense append-only array, cached and extended as the array grows."""
        length = len(docs)
        cached = self._cache.get(key)
        if cached is not None and cached[0] == length:
            return cached[1]
        if cached is not None and cached[0] < length:
            bm = cached[1] | bitmap(docs[cached[0] :], n)
        else:
            bm = bitmap(docs, n)
        self._cache[key] = (length, bm)
        return bm

    def _union(self, keyed: Iterable[tuple[tuple[str, ...], array[int]]], n: int) -> int:
        """The documents of any of several postings lists; sparse tails go into one byte mask."""
        frozen = self._frozen
        bm = 0
        sparse: list[array[int]] = []
        for key, docs in keyed:
            base = frozen.get(key)
            if base is not None:
                bm |= base
            if not docs:
                continue
            if len(docs) * _DENSE >= n:
                bm |= self._tail_bitmap(key, docs, n)
            else:
                sparse.append(docs)
        if sparse:
            bm |= union_bitmap(sparse, n)
        return bm

    def _df(self, key: tuple[str, ...], docs: array[int]) -> int:
        """How many documents a postings list holds, frozen part included."""
        base = self._frozen.get(key)
        return len(docs) + (0 if base is None else base.bit_count())

    def _word(self, word: str, n: int) -> int:
        wid = self._vocab.get(word)
        if wid is None or wid == 0:
            return 0
        return self._postings_bitmap(("w", word), self._postings[wid], n)

    def _words_bitmap(self, words: Iterable[str], n: int) -> int:
        bm = (1 << n) - 1
        for word in words:
            bm &= self._word(word, n)
        return bm

    def _prefix(self, prefix: str, n: int) -> int:
        """Documents with a token starting with ``prefix``."""
        if len(prefix) == 1:
            docs = self._initials.get(prefix)
            return 0 if docs is None else self._postings_bitmap(("i", prefix), docs, n)
        cached = self._prefix_cache.get(prefix)
        if cached is not None and cached[0] == n:
            self._prefix_cache.move_to_end(prefix)
            return cached[1]
        postings, vocab = self._postings, self._vocab
        bm = self._union(
            ((("w", word), postings[vocab[word]]) for word in self._words_with_prefix(prefix)), n
        )
        self._prefix_cache[prefix] = (n, bm)
        while len(self._prefix_cache) > _PREFIX_CACHE:
            self._prefix_cache.popitem(last=False)
        return bm

    def _words_with_prefix(self, prefix: str) -> list[str]:
        if len(self._sorted_tail) > _TAIL // 8:
            self._merge_vocab()
        vocab = self._sorted
        lo = bisect.bisect_left(vocab, prefix)
        hi = bisect.bisect_left(vocab, prefix + "\U0010ffff", lo)
        found = vocab[lo:hi]
        found.extend(word for word in self._sorted_tail if word.startswith(prefix))
        return found

    def _field(self, field: str, value: str, n: int) -> int:
        if field == "source":
            sources = [
                (("s", str(i)), self._source_docs[i])
                for i, key in enumerate(self._source_keys)
                if f" {value}" in key
            ]
            return self._union(sources, n)
        names = self._fields[field]
        if " " not in value:
            docs = names.token_docs
            return self._union(
                ((("ft", field, t), docs[t]) for t in names.tokens_with_prefix(value)), n
            )
        return self._union(
            ((("f", field, names.names[i]), names.postings[i]) for i in names.matching(value)), n
        )

    def _ids_bitmap(self, key: tuple[str, ...], wanted: frozenset[str], n: int) -> int:
        """Documents of a set of article ids; cached, and patched when the set changes a little."""
        cached = self._state_cache.get(key)
        if cached is not None:
            old, old_n, bm = cached
            self._state_cache.move_to_end(key)
            if old_n == n and (old is wanted or old == wanted):
                return bm
            if old_n == n and len(wanted) > 64:
                added, removed = wanted - old, old - wanted
                if len(added) + len(removed) < len(wanted) // 4:
                    bm |= bitmap(self._docs_of(added), n)
                    bm &= ~bitmap(self._docs_of(removed), n)
                    self._remember_state(key, wanted, n, bm)
                    return bm
        if len(wanted) * 8 < n:
            bm = bitmap(self._docs_of(wanted), n)
        else:
            mask = bytes(map(wanted.__contains__, self._ids[:n]))
            bm = mask_bitmap(mask)
        self._remember_state(key, wanted, n, bm)
        return bm

    def _remember_state(self, key: tuple[str, ...], ids: frozenset[str], n: int, bm: int) -> None:
        self._state_cache[key] = (ids, n, bm)
        self._state_cache.move_to_end(key)
        while len(self._state_cache) > _STATE_CACHE:
            self._state_cache.popitem(last=False)

    def _docs_of(self, ids: Iterable[str]) -> list[int]:
        out: list[int] = []
        doc_of, dups = self._doc_of, self._dups
        for article_id in ids:
            doc = doc_of.get(article_id)
            if doc is not None:
                out.append(doc)
                if dups and article_id in dups:
                    out.extend(dups[article_id])
        return out
