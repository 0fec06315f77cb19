#!/usr/bin/env python3
"""Article extraction quality and speed on real article pages with ground truth; print JSON.

usage:
  benchmarks/extraction.py --build-data MIRROR   # once: copy the pages out of a fetched mirror
  benchmarks/extraction.py [--table] [--split all|dev|test] [--pages N] [--extractors a,b]
  benchmarks/extraction.py --show ID_PREFIX      # one page's paragraphs, for checking by hand
  benchmarks/extraction.py --paragraph-check [--split dev] [--pages 20]

Data: ScrapingHub's article-extraction-benchmark (MIT licence): 181 real news and blog pages
saved as gzipped UTF-8 HTML, each with the article body written out by hand (``articleBody``).
``--build-data`` takes a checkout or the bare git directory of a mirror of that repository and
copies ``html/``, ``ground-truth.json`` and ``LICENSE`` into ``benchmarks/data/`` (gitignored:
third-party text is for measuring only, never committed). Nothing is downloaded here.

Contenders (each is given the page's bytes and its URL and timed alone, one page at a time):

* ``newsreader``: :func:`newsreader.web.extract.extract_article` (trafilatura, then boilerplate
  removal and the paragraph walker); scored on its paragraphs with the ``[n]`` link markers
  taken out, since they are not the page's text.
* ``trafilatura``: trafilatura alone with the same options (``fast``, no comments), plain text.
* ``trafilatura-full``: trafilatura with its readability/jusText fallbacks (``fast=False``).
* ``readability``: readability-lxml (``Document.summary``), its HTML reduced to text.

Scores: token precision/recall per page over ``\\w+`` tokens counted as a multiset, averaged over
pages, F1 from the two averages (the benchmark's own way of averaging); ``shingle_f1`` is the
same over 4-token shingles, the metric ScrapingHub publish, so figures can be compared with theirs.
A page where the extractor found nothing scores precision 1 (no wrong text) and recall 0.
``ms_median``/``ms_p95``: wall time of one extraction; ``cpu_ms_*`` the CPU time of the
thread doing it, which stays honest when other processes share the cores (wall time does not).
``dev`` is the pages whose id starts with 0-7, ``test`` the rest; the boilerplate patterns were
only ever looked at on ``dev`` pages.

``--paragraph-check`` compares newsreader's paragraphs with the ground truth's (blank-line
separated) page by page: ``glued`` counts our paragraphs that hold two or more of theirs,
``split`` their paragraphs found only in pieces across ours (the ground truth writes a list or a
table as one paragraph, so those show up here too), ``extra`` our paragraphs that are nowhere in
theirs (boilerplate, or text they left out), ``missing`` theirs that are nowhere in ours.

Extractors that are not installed are skipped
(readability-lxml is not a dependency: ``pip install -e .[bench]`` brings it).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DATA = ROOT / "benchmarks" / "data" / "article-extraction-benchmark"
EXTRACTORS = ("newsreader", "trafilatura", "trafilatura-full", "readability")
_TOKEN = re.compile(r"\w+")
_MARKER = re.compile(r" \[\d+\]")

Extractor = Callable[[bytes, str], str]


def build_data(mirror: Path, target: Path = DATA) -> int:
    """Copy the pages, the ground truth and the licence from ``mirror`` (a checkout, or a bare
    git directory such as the search tool's ``fetch`` gives); returns the number of pages."""
    wanted = ["html", "ground-truth.json", "LICENSE"]
    target.mkdir(parents=True, exist_ok=True)
    if (mirror / "ground-truth.json").is_file():
        for name in wanted:
            source = mirror / name
            if source.is_dir():
                shutil.copytree(source, target / name, dirs_exist_ok=True)
            else:
                shutil.copy2(source, target / name)
    else:
        with tempfile.TemporaryDirectory() as scratch:
            archive = Path(scratch) / "data.tar"
            subprocess.run(
                ["git", f"--git-dir={mirror}", "archive", "-o", str(archive), "HEAD", *wanted],
                check=True,
            )
            with tarfile.open(archive) as tar:
                tar.extractall(target, filter="data")
    return len(list((target / "html").glob("*.html.gz")))


def load_pages(data: Path = DATA) -> list[tuple[str, bytes, str, str]]:
    """``(id, html bytes, url, ground-truth text)`` for every page, sorted by id."""
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth):
        body = gzip.decompress((data / "html" / f"{page_id}.html.gz").read_bytes())
        item = truth[page_id]
        pages.append((page_id, body, item.get("url", ""), item.get("articleBody", "")))
    return pages


def _newsreader(body: bytes, url: str) -> str:
    from newsreader.web.extract import extract_article

    article = extract_article(body, url, "text/html; charset=utf-8")
    if article is None:
        return ""
    return "\n".join(_MARKER.sub("", p) for p in article.paragraphs)


def _trafilatura(fast: bool) -> Extractor:
    import trafilatura

    def extract(body: bytes, url: str) -> str:
        text = trafilatura.extract(body, url=url, fast=fast, include_comments=False)
        return text or ""

    return extract


def _readability(body: bytes, url: str) -> str:
    import lxml.html
    from readability import Document

    summary = Document(body.decode("utf-8", errors="replace"), url=url).summary(html_partial=True)
    if not summary.strip():
        return ""
    return str(lxml.html.fromstring(summary).text_content())


def extractor(name: str) -> Extractor | None:
    """The extractor called ``name``, or None when its package is not installed."""
    try:
        if name == "newsreader":
            import newsreader.web.extract  # noqa: F401

            return _newsreader
        if name == "trafilatura":
            return _trafilatura(fast=True)
        if name == "trafilatura-full":
            return _trafilatura(fast=False)
        if name == "readability":
            import readability  # noqa: F401

            return _readability
    except ImportError:
        return None
    raise ValueError(f"unknown extractor {name!r}")


def _ngrams(text: str, n: int) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    if n == 1:
        return Counter((t,) for t in tokens)
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))


def precision_recall(truth: str, predicted: str, n: int = 1) -> tuple[float, float]:
    """Token (n=1) or shingle precision and recall of ``predicted`` against ``truth``."""
    expected, got = _ngrams(truth, n), _ngrams(predicted, n)
    common = sum((expected & got).values())
    got_total, expected_total = sum(got.values()), sum(expected.values())
    precision = common / got_total if got_total else 1.0
    recall = common / expected_total if expected_total else 1.0
    return precision, recall


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(extract: Extractor, pages: Sequence[tuple[str, bytes, str, str]]) -> dict[str, Any]:
    token_p, token_r, shingle_p, shingle_r, seconds, cpu = [], [], [], [], [], []
    worst: list[tuple[float, str]] = []
    empty = 0
    for page_id, body, url, truth in pages:
        started, started_cpu = time.perf_counter(), time.thread_time()
        text = extract(body, url)
        seconds.append(time.perf_counter() - started)
        cpu.append(time.thread_time() - started_cpu)
        empty += not text.strip()
        p, r = precision_recall(truth, text)
        token_p.append(p)
        token_r.append(r)
        worst.append((_f1(p, r), page_id[:12]))
        p, r = precision_recall(truth, text, 4)
        shingle_p.append(p)
        shingle_r.append(r)
    precision, recall = statistics.mean(token_p), statistics.mean(token_r)
    return {
        "pages": len(pages),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(_f1(precision, recall), 4),
        "shingle_f1": round(_f1(statistics.mean(shingle_p), statistics.mean(shingle_r)), 4),
        "ms_median": round(1000 * statistics.median(seconds), 1),
        "ms_p95": round(1000 * _percentile(seconds, 0.95), 1),
        "cpu_ms_median": round(1000 * statistics.median(cpu), 1),
        "cpu_ms_p95": round(1000 * _percentile(cpu, 0.95), 1),
        "no_text": empty,
        "worst_pages": [f"{page_id} {score:.2f}" for score, page_id in sorted(worst)[:5]],
    }


def _split(pages: list[tuple[str, bytes, str, str]], split: str) -> list[Any]:
    if split == "dev":
        return [p for p in pages if p[0][0] in "01234567"]
    if split == "test":
        return [p for p in pages if p[0][0] not in "01234567"]
    return pages


def table(results: dict[str, dict[str, Any]]) -> str:
    lines = [
        "| extractor | pages | token precision | token recall | token F1 | shingle F1 "
        "| ms median | ms p95 | CPU ms median | CPU ms p95 |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, r in results.items():
        lines.append(
            f"| {name} | {r['pages']} | {r['precision']:.3f} | {r['recall']:.3f} "
            f"| {r['f1']:.3f} | {r['shingle_f1']:.3f} | {r['ms_median']:.1f} | {r['ms_p95']:.1f} "
            f"| {r['cpu_ms_median']:.1f} | {r['cpu_ms_p95']:.1f} |"
        )
    return "\n".join(lines)


def show(prefix: str) -> None:
    from newsreader.web.extract import extract_article

    for page_id, body, url, _truth in load_pages():
        if page_id.startswith(prefix):
            article = extract_article(body, url, "text/html; charset=utf-8")
            print(f"# {page_id} {url}")
            if article is None:
                print("(no article)")
                continue
            print(f"title={article.title!r} author={article.author!r}")
            print(f"published={article.published} site={article.site_name!r}")
            for paragraph in article.paragraphs:
                print(f"  | {paragraph}")


def _words(text: str) -> str:
    return " ".join(_TOKEN.findall(_MARKER.sub("", text).lower()))


def paragraph_check(pages: Sequence[tuple[str, bytes, str, str]]) -> dict[str, Any]:
    from newsreader.web.extract import extract_article

    rows = {}
    totals = Counter[str]()
    for page_id, body, url, truth in pages:
        article = extract_article(body, url, "text/html; charset=utf-8")
        ours = [_words(p) for p in (article.paragraphs if article else ())]
        ours = [p for p in ours if p]
        theirs = [w for w in (_words(p) for p in truth.split("\n\n")) if w]
        all_theirs, all_ours = " ".join(theirs), " ".join(ours)
        counts = {
            "glued": sum(
                1
                for o in ours
                if len([t for t in theirs if t in o]) >= 2
                and len(o) > max(len(t) for t in theirs if t in o) + 5
            ),
            "split": sum(
                1
                for t in theirs
                if not any(t in o for o in ours) and any(o in t and len(o) < len(t) for o in ours)
            ),
            "extra": sum(1 for o in ours if o not in all_theirs),
            "missing": sum(1 for t in theirs if t not in all_ours),
        }
        totals.update(counts)
        rows[f"{page_id[:12]} {url[:60]}"] = counts
    return {"pages": rows, "total": dict(totals)}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-data", type=Path, metavar="MIRROR")
    parser.add_argument("--extractors", default=",".join(EXTRACTORS))
    parser.add_argument("--split", choices=("all", "dev", "test"), default="all")
    parser.add_argument("--pages", type=int, default=0, help="only the first N pages")
    parser.add_argument("--table", action="store_true", help="a markdown table, not JSON")
    parser.add_argument("--show", metavar="ID_PREFIX")
    parser.add_argument("--paragraph-check", action="store_true")
    args = parser.parse_args(argv)
    unknown = set(args.extractors.split(",")) - set(EXTRACTORS)
    if unknown:
        parser.error(f"unknown extractors: {', '.join(sorted(unknown))} (known: {EXTRACTORS})")
    if args.build_data:
        print(json.dumps({"pages": build_data(args.build_data), "data": str(DATA)}))
        return
    if args.show:
        show(args.show)
        return
    if not (DATA / "ground-truth.json").is_file():
        sys.exit(f"no data in {DATA}: run with --build-data MIRROR first")
    pages = _split(load_pages(), args.split)
    if args.pages:
        pages = pages[: args.pages]
    if args.paragraph_check:
        print(json.dumps(paragraph_check(pages), indent=2))
        return
    results = {}
    for name in args.extractors.split(","):
        extract = extractor(name)
        if extract is not None:
            extract(pages[0][1], pages[0][2])  # imports and first-call set-up are not timed
            results[name] = measure(extract, pages)
    if args.table:
        print(table(results))
    else:
        print(json.dumps({"split": args.split, "results": results}, indent=2))


if __name__ == "__main__":
    main()
