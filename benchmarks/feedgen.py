#!/usr/bin/env python3
"""Write a deterministic corpus of varied, real-world-shaped feeds for the feed benchmarks.

usage: benchmarks/feedgen.py OUT [--n 200] [--seed 1] [--max-bytes 2000000]

The corpus mixes RSS 2.0, Atom 1.0, RSS 1.0 and JSON Feed (1.0 and 1.1) with sizes from about
1 KB to ``max_bytes`` (2 MB), skewed towards small feeds as on the real web, so that 200 feeds
come to about 45 MB. Entries carry what real feeds carry: HTML paragraphs with links, images,
lists, block quotes, a tracking pixel and a share widget, quotes with attributions and the names
of people, organisations and places; some feeds give summaries only. All text is made from the
word lists below (written for this file), drawn from a seeded ``random.Random``, so the same
arguments always give the same bytes.

API for other benchmarks:

* ``generate(folder, n=200, seed=1, max_bytes=2_000_000) -> list[GeneratedFeed]`` writes the
  feeds (``feed-000.xml`` / ``.json`` …) and says what each one is.
* ``entries(n, seed=1) -> Iterator[ParsedEntry]`` yields ``n`` distinct entries already in the
  parsed form (paragraphs with ``[n]`` link markers, links, dates), without any XML: the
  quickest way to fill an archive with 100,000 entries. Guids are ``entry-<seed>-<i>``.

Prints one JSON object: ``{"feeds", "entries", "bytes", "kinds", "seconds"}``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from newsreader.feeds.model import ParsedEntry  # noqa: E402

__all__ = ["GeneratedFeed", "entries", "generate", "main"]

KINDS = ("rss20", "atom10", "rss10", "jsonfeed11", "rss20", "atom10", "rss20", "jsonfeed10")
SUFFIX = {"jsonfeed10": ".json", "jsonfeed11": ".json"}
START = datetime(2026, 11, 30, 18, 0, tzinfo=UTC)
#: Where a sentence template takes the story's person, organisation and place.
PERSON, ORG, PLACE = "\x01", "\x02", "\x03"

# --- word lists (written for this generator) ------------------------------------------------------

# fmt: off
GIVEN = (
    "Ada", "Bram", "Cora", "Dag", "Elin", "Fenna", "Gus", "Hedda", "Ivo", "Jora", "Kasimir",
    "Lotte", "Mads", "Nell", "Oskar", "Pia", "Quill", "Runa", "Sten", "Tove", "Ulla", "Vidar",
    "Wren", "Ximena", "Yusuf", "Zelda", "Amara", "Bartek", "Chiara", "Dmitri", "Esme", "Farid",
)
FAMILY = (
    "Achterberg", "Brandt", "Corrigan", "Dahlqvist", "Eberhardt", "Falkner", "Grønvold",
    "Holloway", "Isaksen", "Jaramillo", "Kettering", "Lindqvist", "Marsh", "Nakashima",
    "Okonjo", "Pettersen", "Quarrie", "Rosales", "Saltonstall", "Thornbury", "Ueda", "Vasquez",
    "Whitlock", "Yilmaz", "Zapata", "Abernathy", "Bellweather", "Castellan",
)
ROLES = (
    "harbourmaster", "mayor", "spokesperson", "chief engineer", "director", "chair",
    "deputy mayor", "head of research", "union representative", "treasurer", "councillor",
)
ORGS = (
    "Harbour Board", "Coastal Rescue Trust", "Northern Ferry Company", "Saltmarsh Rowing Club",
    "Institute of Tidal Studies", "Fishermen's Cooperative", "Lighthouse Preservation Society",
    "Regional Water Authority", "Chamber of Shipping", "Maritime Museum", "Weather Bureau",
    "Port Workers' Union", "Grainfield Council", "Kelp Growers Association",
)
PLACES = (
    "Kestrel Bay", "Port Alder", "Grainfield", "Saltmarsh", "Hollow Point", "Eastwick Quay",
    "Marram Sands", "Cape Oriel", "Lowmoor", "Rookhaven", "Fennick Island", "Westerby",
    "Brindle Harbour", "Tarn Mouth", "Gullstone", "Ashcombe",
)
NOUNS = (
    "pier", "breakwater", "ferry", "timetable", "budget", "lighthouse", "fish market",
    "sea wall", "storm barrier", "harbour crane", "tide gauge", "lifeboat", "dredger",
    "cannery", "boatyard", "footbridge", "fuel dock", "weather station", "ice plant",
)
PLURALS = (
    "boats", "visitors", "crates", "volunteers", "berths", "sailors", "permits", "nets",
    "containers", "households", "trawlers", "students", "inspections", "warnings",
)
ADJECTIVES = (
    "new", "ageing", "temporary", "larger", "quieter", "cheaper", "safer", "busier", "repaired",
    "seasonal", "overdue", "unexpected", "record", "modest",
)
VERBS = ("reopen", "close", "expand", "move", "be rebuilt", "be inspected", "double", "shrink")
PAST = ("rebuilt", "inspected", "counted", "registered", "repaired", "moved", "delayed", "added")
WHEN = (
    "next spring", "by the end of the year", "within six weeks", "before the winter storms",
    "after the summer season", "this weekend", "in March", "by the autumn fair",
)
MONTHS = ("January", "March", "May", "July", "September", "November")
# fmt: on


@dataclass(frozen=True, slots=True)
class GeneratedFeed:
    """One written feed: where it is, its format, how many entries, its size in bytes."""

    path: Path
    kind: str
    entries: int
    bytes: int


@dataclass(frozen=True, slots=True)
class _Story:
    """One entry before rendering: blocks are (kind, text, links) with links as (text, url)."""

    guid: str
    link: str
    title: str
    author: str
    published: datetime
    blocks: tuple[tuple[str, str], ...]
    links: tuple[tuple[str, str], ...]


class _Writer:
    """Sentences and stories from the word lists, one seeded RNG for a whole corpus.

    Sentences come from a pool of templates made once (the cast of each story is filled in by
    ``str.replace``), so a hundred thousand entries take seconds, not minutes.
    """

    POOL = 4096

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.statements = [self.statement() for _ in range(self.POOL // 4)]
        self.templates = [self.template() for _ in range(self.POOL)]

    def person(self) -> str:
        return f"{self.rng.choice(GIVEN)} {self.rng.choice(FAMILY)}"

    def statement(self) -> str:
        r = self.rng
        form = r.randrange(5)
        if form == 0:
            return (
                f"The {r.choice(NOUNS)} in {r.choice(PLACES)} will {r.choice(VERBS)} "
                f"{r.choice(WHEN)}"
            )
        if form == 1:
            return f"We have never seen so many {r.choice(PLURALS)} in {r.choice(MONTHS)}"
        if form == 2:
            return (
                f"Nobody at the {r.choice(ORGS)} expected the {r.choice(ADJECTIVES)} "
                f"{r.choice(NOUNS)} to cost this much"
            )
        if form == 3:
            return (
                f"If the {r.choice(NOUNS)} fails again, {r.choice(PLACES)} will lose its "
                f"{r.choice(PLURALS)}"
            )
        return f"This is a {r.choice(ADJECTIVES)} day for everyone who works on the water"

    def template(self) -> str:
        """A sentence with the story's cast left as markers (:data:`PERSON`, :data:`ORG` …)."""
        r = self.rng
        form = r.randrange(9)
        said = r.choice(self.statements)
        if form == 0:
            return f"\u201c{said},\u201d said {PERSON}, {r.choice(ROLES)} of the {ORG}."
        if form == 1:
            return f"\u201c{said},\u201d {PERSON}, {r.choice(ROLES)} of the {ORG}, told reporters."
        if form == 2:
            return f"\u201c{said},\u201d {PERSON} wrote in a statement."
        if form == 3:
            return f"\u201c{said}.\u201d"
        if form == 4:
            return (
                f"{PERSON} of the {ORG} said the {r.choice(NOUNS)} in {PLACE} would "
                f"{r.choice(VERBS)} {r.choice(WHEN)}."
            )
        if form == 5:
            return (
                f"According to the {ORG}, {r.randint(2, 900)} {r.choice(PLURALS)} were "
                f"{r.choice(PAST)} in {PLACE} last {r.choice(MONTHS)}."
            )
        if form == 6:
            return (
                f"The {r.choice(ADJECTIVES)} {r.choice(NOUNS)} at {PLACE} has been "
                f"{r.choice(PAST)} twice since {r.randint(1990, 2025)}."
            )
        if form == 7:
            return (
                f"Residents of {r.choice(PLACES)} asked the {r.choice(ORGS)} for a "
                f"{r.choice(NOUNS)} of their own."
            )
        return f"\u201c{said},\u201d added {PERSON}."

    def sentence(self, cast: tuple[str, str, str]) -> str:
        template = self.templates[self.rng.randrange(self.POOL)]
        return template.replace(PERSON, cast[0]).replace(ORG, cast[1]).replace(PLACE, cast[2])

    def story(self, i: int, seed: int, site: str, when: datetime) -> _Story:
        r = self.rng
        cast = (self.person(), r.choice(ORGS), r.choice(PLACES))
        title = f"{cast[2]}: {r.choice(ADJECTIVES)} {r.choice(NOUNS)} to {r.choice(VERBS)}"
        blocks: list[tuple[str, str]] = []
        links: list[tuple[str, str]] = []
        for _ in range(r.randint(2, 7)):
            text = " ".join(self.sentence(cast) for _ in range(r.randint(1, 4)))
            if r.random() < 0.35:
                anchor = r.choice(NOUNS)
                links.append((anchor, f"{site}/topics/{anchor.replace(' ', '-')}"))
                text = f"{text} More on the {anchor}."
            blocks.append(("p", text))
        if r.random() < 0.3:
            said = r.choice(self.statements)
            blocks.insert(1, ("quote", f"\u201c{said},\u201d {cast[0]} said."))
        if r.random() < 0.25:
            items = " | ".join(f"{r.randint(2, 60)} {r.choice(PLURALS)}" for _ in range(3))
            blocks.append(("list", items))
        if r.random() < 0.3:
            blocks.insert(0, ("image", f"The {r.choice(NOUNS)} at {cast[2]}"))
        slug = title.lower().replace(":", "").replace(" ", "-")
        return _Story(
            guid=f"entry-{seed}-{i}",
            link=f"{site}/{when:%Y/%m}/{slug}-{i}",
            title=title,
            author=cast[0],
            published=when,
            blocks=tuple(blocks),
            links=tuple(links),
        )


def _html(story: _Story, site: str) -> str:
    """The entry's HTML with the furniture of real feeds (pixel, share widget)."""
    parts = []
    link_iter = iter(story.links)
    for kind, text in story.blocks:
        if kind == "p":
            body = escape(text, quote=False)
            anchor_link = (
                next(link_iter, None) if text.endswith(".") and "More on" in text else None
            )
            if anchor_link is not None:
                anchor, url = anchor_link
                body = body.replace(
                    f"More on the {escape(anchor)}.",
                    f'More on the <a href="{escape(url)}">{escape(anchor)}</a>.',
                )
            parts.append(f"<p>{body}</p>")
        elif kind == "quote":
            parts.append(f"<blockquote><p>{escape(text, quote=False)}</p></blockquote>")
        elif kind == "list":
            items = "".join(f"<li>{escape(item)}</li>" for item in text.split(" | "))
            parts.append(f"<ul>{items}</ul>")
        elif kind == "image":
            parts.append(f'<figure><img src="/img/{len(parts)}.jpg" alt="{escape(text)}"></figure>')
    parts.append(f'<img src="{site}/pixel.gif?e={story.guid}" width="1" height="1" alt="">')
    parts.append(
        f'<div class="share-links"><a href="https://share.example/?u={escape(story.link)}">'
        "Share</a></div>"
    )
    return "\n".join(parts)


def _summary(story: _Story) -> str:
    return next((text for kind, text in story.blocks if kind == "p"), story.title)


def _rss20(title: str, site: str, stories: list[_Story], summary_only: bool) -> str:
    items = []
    for s in stories:
        content = (
            ""
            if summary_only
            else f"<content:encoded><![CDATA[{_html(s, site)}]]></content:encoded>"
        )
        items.append(
            f"<item><title>{escape(s.title)}</title><link>{s.link}</link>"
            f'<guid isPermaLink="false">{s.guid}</guid>'
            f"<pubDate>{format_datetime(s.published)}</pubDate>"
            f"<dc:creator>{escape(s.author)}</dc:creator>"
            f"<description>{escape(_summary(s))}</description>{content}</item>\n"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>'
        f"<title>{escape(title)}</title><link>{site}/</link>"
        "<description>Generated news</description><ttl>30</ttl>\n"
        + "".join(items)
        + "</channel></rss>\n"
    )


def _atom10(title: str, site: str, stories: list[_Story], summary_only: bool) -> str:
    entries = []
    for s in stories:
        stamp = s.published.isoformat().replace("+00:00", "Z")
        body = (
            f'<summary type="text">{escape(_summary(s))}</summary>'
            if summary_only
            else f'<content type="html">{escape(_html(s, site))}</content>'
        )
        entries.append(
            f"<entry><id>{s.guid}</id><title>{escape(s.title)}</title>"
            f'<link rel="alternate" href="{s.link}"/><published>{stamp}</published>'
            f"<updated>{stamp}</updated><author><name>{escape(s.author)}</name></author>"
            f"{body}</entry>\n"
        )
    updated = stories[0].published.isoformat() if stories else START.isoformat()
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f'<title>{escape(title)}</title><link rel="alternate" href="{site}/"/>'
        f"<id>{site}/</id><updated>{updated}</updated>\n" + "".join(entries) + "</feed>\n"
    )


def _rss10(title: str, site: str, stories: list[_Story], summary_only: bool) -> str:
    items = []
    for s in stories:
        content = (
            ""
            if summary_only
            else f"<content:encoded><![CDATA[{_html(s, site)}]]></content:encoded>"
        )
        items.append(
            f'<item rdf:about="{s.link}"><title>{escape(s.title)}</title><link>{s.link}</link>'
            f"<dc:date>{s.published.isoformat()}</dc:date>"
            f"<dc:creator>{escape(s.author)}</dc:creator>"
            f"<description>{escape(_summary(s))}</description>{content}</item>\n"
        )
    seq = "".join(f'<rdf:li rdf:resource="{s.link}"/>' for s in stories)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/">\n'
        f'<channel rdf:about="{site}/"><title>{escape(title)}</title><link>{site}/</link>'
        f"<description>Generated news</description><items><rdf:Seq>{seq}</rdf:Seq></items>"
        "</channel>\n" + "".join(items) + "</rdf:RDF>\n"
    )


def _json_feed(
    title: str, site: str, stories: list[_Story], summary_only: bool, version: str
) -> str:
    items = []
    for s in stories:
        item: dict[str, object] = {
            "id": s.guid,
            "url": s.link,
            "title": s.title,
            "date_published": s.published.isoformat(),
            "summary": _summary(s),
        }
        if not summary_only:
            item["content_html"] = _html(s, site)
        if version == "1.1":
            item["authors"] = [{"name": s.author}]
        else:
            item["author"] = {"name": s.author}
        items.append(item)
    feed = {
        "version": f"https://jsonfeed.org/version/{version}",
        "title": title,
        "home_page_url": f"{site}/",
        "items": items,
    }
    return json.dumps(feed, ensure_ascii=False, indent=1) + "\n"


def _render(kind: str, title: str, site: str, stories: list[_Story], summary_only: bool) -> str:
    if kind == "rss20":
        return _rss20(title, site, stories, summary_only)
    if kind == "atom10":
        return _atom10(title, site, stories, summary_only)
    if kind == "rss10":
        return _rss10(title, site, stories, summary_only)
    return _json_feed(title, site, stories, summary_only, "1.1" if kind == "jsonfeed11" else "1")


def _target_sizes(n: int, rng: random.Random, max_bytes: int) -> list[int]:
    """Sizes from ~1 KB to ``max_bytes``, most feeds small: 200 of them make about 45 MB."""
    low = 1_000
    sizes = [low + int((max_bytes - low) * (i / max(n - 1, 1)) ** 8.4) for i in range(n)]
    rng.shuffle(sizes)
    return sizes


def generate(
    folder: Path, n: int = 200, seed: int = 1, max_bytes: int = 2_000_000
) -> list[GeneratedFeed]:
    """Write ``n`` feeds into ``folder`` (created if needed) and describe them."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    writer = _Writer(rng)
    written = []
    for index, target in enumerate(_target_sizes(n, rng, max_bytes)):
        kind = KINDS[index % len(KINDS)]
        site = f"https://{rng.choice(PLACES).lower().replace(' ', '')}-{index}.example"
        title = f"The {rng.choice(PLACES)} {rng.choice(('Gazette', 'Tide', 'Herald', 'Log'))}"
        summary_only = rng.random() < 0.15
        stories: list[_Story] = []
        when = START - timedelta(minutes=rng.randint(0, 600))
        size = 500
        while size < target or not stories:
            story = writer.story(len(stories), seed * 1_000_000 + index, site, when)
            stories.append(story)
            body = len(_summary(story)) if summary_only else len(_html(story, site)) * 1.1
            size += 350 + int(body)
            when -= timedelta(minutes=rng.randint(5, 300))
        text = _render(kind, title, site, stories, summary_only)
        path = folder / f"feed-{index:03d}{SUFFIX.get(kind, '.xml')}"
        data = text.encode("utf-8")
        path.write_bytes(data)
        written.append(GeneratedFeed(path, kind, len(stories), len(data)))
    return written


def entries(n: int, seed: int = 1) -> Iterator[ParsedEntry]:
    """``n`` distinct entries in parsed form (no XML), newest first, for filling an archive."""
    rng = random.Random(seed)
    writer = _Writer(rng)
    site = "https://archive.example"
    when = START
    for i in range(n):
        story = writer.story(i, seed, site, when)
        when -= timedelta(seconds=rng.randint(30, 900))
        paragraphs = []
        links = []
        link_iter = iter(story.links)
        for kind, text in story.blocks:
            if kind == "p" and "More on the" in text:
                anchor_link = next(link_iter, None)
                if anchor_link is not None:
                    links.append(anchor_link[1])
                    text = f"{text[:-1]} [{len(links)}]."
            if kind == "quote":
                text = f"> {text}"
            elif kind == "image":
                text = f"[image: {text}]"
            elif kind == "list":
                paragraphs.extend(f"• {item}" for item in text.split(" | "))
                continue
            paragraphs.append(text)
        yield ParsedEntry(
            guid=story.guid,
            link=story.link,
            title=story.title,
            author=story.author,
            published=story.published,
            updated=None,
            paragraphs=tuple(paragraphs),
            links=tuple(links),
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-bytes", type=int, default=2_000_000)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    feeds = generate(args.out, args.n, args.seed, args.max_bytes)
    figures = {
        "feeds": len(feeds),
        "entries": sum(f.entries for f in feeds),
        "bytes": sum(f.bytes for f in feeds),
        "kinds": dict(Counter(f.kind for f in feeds)),
        "seconds": round(time.perf_counter() - started, 2),
    }
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
