#!/usr/bin/env python3
"""Search latency of the inverted index against a naive linear scan, and what the cache buys.

usage: benchmarks/search_latency.py [--sizes 1000,10000,100000] [--queries 50] [--seed 1]
                                    [--analyzer fast|builtin] [--scan-queries K]

For each N, N articles are made with ``make_corpus.Generator`` (recombined sample paragraphs and
topic templates, fixed seed; each generated article is used as one ``Article``, so the splitter's
speed is not part of these figures). Entities come from a fast stand-in analyser that tags the
generator's own cast (its people, organisations and places) with a regex, because the built-in
analyser needs minutes at 100k articles and the index does not care who found the names;
``--analyzer builtin`` uses the real one instead.

Then, in one run:

- build: seconds to tokenise and index words (about six characters a word for words/s), to
  index the pairs of frequent words, and to index entities;
- search: p50/p95/max milliseconds over 50 queries (words, prefixes as typed, phrases, tag:,
  is:, person:/org:/place:/said:, exclusions), each query parsed and answered by
  ``SearchIndex.search`` against a user state with N/10 tagged, N/10 bookmarked and N/2 read
  articles; every query runs once, as a keystroke would, after the others (so caches are warm
  from earlier, different queries, never from the same one);
- scan: the same queries answered by a linear scan over every article's (pre-lower-cased, accent
  folded) text with whole-word regexes and set look-ups for the state: the naive baseline;
- cache: size of the saved index, seconds to write it and to restore it, and for the articles
  the time to the first batch and to the whole corpus.

Prints one JSON object per size.
"""

from __future__ import annotations

import argparse
import functools
import gc
import json
import random
import re
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import make_corpus  # noqa: E402

from newsreader.library.cache import CorpusCache  # noqa: E402
from newsreader.model import Analysis, Article, Entity, Quote  # noqa: E402
from newsreader.search.index import SearchIndex  # noqa: E402
from newsreader.search.query import fold, parse_query, tokens  # noqa: E402
from newsreader.search.tokens import entity_names  # noqa: E402
from newsreader.sources.key import SourceKey  # noqa: E402


def synthesise(n: int, seed: int) -> list[Article]:
    """N distinct articles from the corpus generator, one ``Article`` per generated story."""
    out = []
    for i, g in enumerate(make_corpus.Generator(seed).articles(n)):
        lines = tuple(g.lines)
        title = g.headline or (lines[0] if len(lines[0]) <= 80 else lines[0][:80].rsplit(" ", 1)[0])
        out.append(
            Article(
                id=f"{seed:x}-{i:07d}",
                source="corpus.txt",
                start_line=i + 1,
                end_line=i + len(lines),
                title=title,
                headline=g.headline,
                truncated=g.truncated,
                paragraphs=lines,
            )
        )
    return out


def _names_pattern() -> re.Pattern[str]:
    surnames = "|".join(re.escape(s) for s, _ in make_corpus.SURNAMES)
    given = "|".join(re.escape(g) for g, _ in make_corpus.GIVEN)
    first = "|".join(re.escape(f) for f in make_corpus.WESTERN_FIRST)
    last = "|".join(re.escape(x) for x in make_corpus.WESTERN_LAST)
    orgs = sorted(
        {o[0] for o in make_corpus.ORGS} | {o[1] for o in make_corpus.ORGS if o[1]},
        key=len,
        reverse=True,
    )
    places = sorted(
        {p for p, _ in make_corpus.TW_PLACES}
        | set(make_corpus.WORLD_PLACES)
        | {"Kinmen", "Taiwan", "China"},
        key=len,
        reverse=True,
    )
    return re.compile(
        rf"(?P<PERSON>\b(?:{surnames}) (?:{given})-[a-z]+\b|\b(?:{first}) (?:{last}|{surnames})\b)"
        rf"|(?P<ORG>\b(?:{'|'.join(map(re.escape, orgs))})\b)"
        rf"|(?P<GPE>\b(?:{'|'.join(map(re.escape, places))})\b)"
    )


_NAMES = _names_pattern()


def fast_analyze(article: Article) -> Analysis:
    """Entities of the generator's cast by regex; a quote's speaker is the paragraph's person."""
    entities: list[Entity] = []
    quotes: list[Quote] = []
    for p, text in enumerate(article.paragraphs):
        people = []
        for m in _NAMES.finditer(text):
            label = m.lastgroup or "ORG"
            entities.append(Entity(m.group(), label, p, m.start(), m.end()))
            if label == "PERSON":
                people.append(m.group())
        if people and "“" in text:
            quotes.append(Quote(text[:40], people[0], people[0], ()))
    return Analysis(quotes=tuple(quotes), entities=tuple(entities))


@dataclass
class State:
    marked: frozenset[str]
    tagged: dict[str, frozenset[str]]
    read: frozenset[str]

    def bookmarks(self) -> frozenset[str]:
        return self.marked

    def ids_with_tag(self, tag: str) -> frozenset[str]:
        return self.tagged.get(tag, frozenset())

    def read_ids(self) -> frozenset[str]:
        return self.read


def make_state(articles: Sequence[Article], rng: random.Random) -> State:
    ids = [a.id for a in articles]
    tenth = max(1, len(ids) // 10)
    tagged: dict[str, set[str]] = {f"t{i}": set() for i in range(8)}
    for ident in rng.sample(ids, tenth):
        tagged[f"t{rng.randrange(8)}"].add(ident)
    return State(
        marked=frozenset(rng.sample(ids, tenth)),
        tagged={k: frozenset(v) for k, v in tagged.items()},
        read=frozenset(rng.sample(ids, len(ids) // 2)),
    )


def make_queries(
    articles: Sequence[Article], analyses: Sequence[Analysis], count: int, rng: random.Random
) -> list[str]:
    """A fixed mix, drawn from the corpus itself so that most queries have answers."""
    sample = rng.sample(range(len(articles)), min(len(articles), 400))
    words: list[str] = []
    phrases: list[str] = []
    for i in sample:
        toks = tokens(" ".join(articles[i].paragraphs))
        if len(toks) < 4:
            continue
        words.append(rng.choice([t for t in toks if len(t) > 3] or toks))
        j = rng.randrange(len(toks) - 3)
        phrases.append(" ".join(toks[j : j + rng.choice((2, 2, 3))]))
    people = sorted({e.text for i in sample for e in analyses[i].entities if e.label == "PERSON"})
    orgs = sorted({e.text for i in sample for e in analyses[i].entities if e.label == "ORG"})
    places = sorted({e.text for i in sample for e in analyses[i].entities if e.label == "GPE"})
    people = people or ["Nobody"]
    orgs = orgs or ["Nobody"]
    places = places or ["Nowhere"]

    def w() -> str:
        return rng.choice(words)

    queries = [
        *(w() for _ in range(10)),
        *(f"{w()} {w()}" for _ in range(4)),
        *(w()[: rng.randint(2, 5)] for _ in range(6)),  # the word being typed
        *(f'"{rng.choice(phrases)}"' for _ in range(10)),
        *(f"tag:t{rng.randrange(8)}" for _ in range(3)),
        f"tag:t{rng.randrange(8)} {w()}",
        f"is:unread {w()}",
        f"is:bookmarked {w()}",
        *(f"person:{rng.choice(people).split()[0]}" for _ in range(3)),
        *(f'person:"{rng.choice(people)}"' for _ in range(2)),
        f"org:{rng.choice(orgs).split()[0]}",
        f"place:{rng.choice(places)}",
        f"said:{rng.choice(people).split()[0]}",
        f"{w()} -{w()}",
        f'{w()} -"{rng.choice(phrases)}"',
        f"person:{rng.choice(people).split()[0]} {w()}",
        f'"{rng.choice(phrases)}" is:unread',
    ]
    while len(queries) < count:
        queries.append(w())
    return queries[:count]


class NaiveScan:
    """What a first version would do: regexes over every article's folded text, every time."""

    def __init__(self, articles: Sequence[Article], analyses: Sequence[Analysis]) -> None:
        self.articles = articles
        self.texts = [fold("\n".join(a.paragraphs)) for a in articles]
        self.names = [
            {field: " | ".join(sorted(values)) for field, values in entity_names(an).items()}
            for an in analyses
        ]

    def search(self, text: str, state: State) -> list[int]:
        q = parse_query(text)
        if q.is_empty:
            return list(range(len(self.articles)))
        must = [_word_regex(x) for x in (*q.words, *q.phrases)]
        if q.prefix:
            must.append(re.compile(r"(?<!\w)" + re.escape(q.prefix)))
        never = [_word_regex(x) for x in (*q.excluded_words, *q.excluded_phrases)]
        fields = [
            (f, re.compile(r"(?<!\w)" + re.escape(v)))
            for f in ("person", "org", "place", "said")
            for v in q.field_values(f)
        ]
        out = []
        for i, body in enumerate(self.texts):
            ident = self.articles[i].id
            if q.bookmarked and ident not in state.marked:
                continue
            if q.unread and ident in state.read:
                continue
            if any(ident not in state.ids_with_tag(t) for t in q.tags):
                continue
            if not all(r.search(body) for r in must) or any(r.search(body) for r in never):
                continue
            if fields and not all(r.search(self.names[i][f]) for f, r in fields):
                continue
            out.append(i)
        return out


def _word_regex(phrase: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + r"[^\w\n]+".join(map(re.escape, phrase.split(" "))) + r"(?!\w)")


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    t = time.perf_counter()
    result = fn()
    return (time.perf_counter() - t) * 1000, result


def summary(ms: list[float]) -> dict[str, float]:
    ordered = sorted(ms)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "p50_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(p95, 2),
        "max_ms": round(ordered[-1], 2),
        "mean_ms": round(statistics.fmean(ordered), 2),
    }


def run(n: int, args: argparse.Namespace) -> dict[str, object]:
    rng = random.Random(args.seed)
    t0 = time.perf_counter()
    articles = synthesise(n, args.seed)
    gen_s = time.perf_counter() - t0
    chars = sum(len(p) + 1 for a in articles for p in a.paragraphs)
    analyze: Callable[[Article], Analysis] = fast_analyze
    if args.analyzer == "builtin":
        from newsreader.analysis import analyze as builtin

        analyze = builtin
    gc.collect()

    index = SearchIndex()
    t = time.perf_counter()
    for doc, article in enumerate(articles):
        index.add_terms(doc, article, index.prepare(article))
    words_s = time.perf_counter() - t
    t = time.perf_counter()
    index.index_pairs()  # what Library.ensure_index does once the words are in
    pairs_s = time.perf_counter() - t
    t = time.perf_counter()
    analyses = [analyze(a) for a in articles]
    analyse_s = time.perf_counter() - t
    t = time.perf_counter()
    for doc, analysis in enumerate(analyses):
        index.add_analysis(doc, analysis)
    index.compact()
    entities_s = time.perf_counter() - t

    state = make_state(articles, rng)
    queries = make_queries(articles, analyses, args.queries, rng)
    index_ms, scan_ms, hits = [], [], []
    scan = NaiveScan(articles, analyses)
    scan_every = max(1, len(queries) // max(1, args.scan_queries))
    mismatches = []

    def indexed(text: str) -> list[int]:
        return index.search(parse_query(text), state)

    for k, text in enumerate(queries):
        ms, found = timed(functools.partial(indexed, text))
        index_ms.append(ms)
        assert isinstance(found, list)
        hits.append(len(found))
        if k % scan_every == 0:
            ms, expected = timed(functools.partial(scan.search, text, state))
            scan_ms.append(ms)
            if expected != found:
                mismatches.append(text)
    again = [timed(functools.partial(indexed, text))[0] for text in queries]

    with tempfile.TemporaryDirectory() as tmp:
        cache = CorpusCache(Path(tmp))
        t = time.perf_counter()
        snapshot = index.snapshot()
        cache.write_index("bench", snapshot)
        write_s = time.perf_counter() - t
        index_mb = cache.index_path("bench").stat().st_size / 1e6
        del snapshot
        gc.collect()
        t = time.perf_counter()
        loaded = cache.read_index("bench")
        assert loaded is not None
        restored = SearchIndex.restore(loaded, articles)
        restore_s = time.perf_counter() - t
        assert restored.search(parse_query(queries[0]), state) == index.search(
            parse_query(queries[0]), state
        )
        del loaded, restored
        key = SourceKey("corpus.txt", chars, 0, "bench", "bench")
        t = time.perf_counter()
        cache.write_articles(key, "corpus.txt", articles)
        articles_write_s = time.perf_counter() - t
        articles_mb = cache.articles_path(key).stat().st_size / 1e6
        t = time.perf_counter()
        found = cache.read_articles(key)
        assert found is not None
        batches = found[1]
        first = next(batches)
        first_ms = (time.perf_counter() - t) * 1000
        count = len(first) + sum(len(b) for b in batches)
        articles_read_s = time.perf_counter() - t
        assert count == n

    idx = summary(index_ms)
    naive = summary(scan_ms)
    return {
        "articles": n,
        "corpus_mb": round(chars / 1e6, 1),
        "generate_s": round(gen_s, 2),
        "build": {
            "words_s": round(words_s, 2),
            "words_per_s": round(sum(len(a.paragraphs) for a in articles) and chars / 6 / words_s),
            "pairs_s": round(pairs_s, 2),
            "analyse_s": round(analyse_s, 2),
            "analyzer": args.analyzer,
            "entities_s": round(entities_s, 2),
            "vocabulary": index.vocabulary_size,
        },
        "queries": len(queries),
        "index": idx,
        "index_repeat": summary(again),
        "scan": {**naive, "queries": len(scan_ms)},
        "speedup_p50": round(naive["p50_ms"] / max(idx["p50_ms"], 1e-3), 1),
        "speedup_p95": round(naive["p95_ms"] / max(idx["p95_ms"], 1e-3), 1),
        "mismatches": mismatches,
        "median_hits": statistics.median(hits),
        "cache": {
            "index_mb": round(index_mb, 1),
            "index_write_s": round(write_s, 2),
            "index_restore_s": round(restore_s, 2),
            "articles_mb": round(articles_mb, 1),
            "articles_write_s": round(articles_write_s, 2),
            "articles_first_batch_ms": round(first_ms, 1),
            "articles_read_s": round(articles_read_s, 2),
        },
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "targets": {
            "p95_le_50ms": idx["p95_ms"] <= 50,
            "ge_10x_scan": naive["p95_ms"] >= 10 * idx["p95_ms"],
        },
        "example_queries": queries[:: max(1, len(queries) // 10)],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--queries", type=int, default=50)
    ap.add_argument(
        "--scan-queries", type=int, default=50, help="how many of them the scan answers"
    )
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--analyzer", choices=("fast", "builtin"), default="fast")
    args = ap.parse_args(argv)
    for size in (int(s) for s in args.sizes.split(",") if s):
        print(json.dumps(run(size, args)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
