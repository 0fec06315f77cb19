"""Links that ride through the article extractor inside the text.

trafilatura chooses a different (often worse) part of the page when asked to keep links, since
its link-density tests then treat them differently; so it runs without links, and each link's
words are wrapped in sentinels before it runs: a private-use character opens the link's text and
one from plane 15, whose offset is the link's index, closes it. The extractor keeps them as text;
:func:`restore_links` turns them back into ``<a>`` elements in its output. Pages never need these
characters, and the caller removes them from the page first (:data:`SENTINELS`).
"""

from __future__ import annotations

import re
from html import escape as html_escape

import lxml.html

__all__ = ["LINKED_TEXT", "MAX_LINKS", "SENTINELS", "mark_links", "restore_links"]

LINK_OPEN = "\ue002"
_LINK_CLOSE_BASE = 0xF0000
#: Links past this many keep their words but lose their targets.
MAX_LINKS = 0xFFFD
#: Every sentinel character, to remove from input and from leftovers.
SENTINELS = re.compile("[\ue002\U000f0000-\U000ffffd]")
_MARKED_LINK = re.compile("\ue002([^\ue002<>\U000f0000-\U000ffffd]*)([\U000f0000-\U000ffffd])")
#: A marked link's words, sentinels included (to measure how much of a block is links).
LINKED_TEXT = re.compile("\ue002[^\ue002\U000f0000-\U000ffffd]*[\U000f0000-\U000ffffd]")
_GLUED_AFTER_LINK = re.compile(r"</a>(?=\w)")


def mark_links(root: lxml.html.HtmlElement) -> list[str]:
    """Wrap each link's text under ``root`` in sentinels; the targets, index by index."""
    targets: list[str] = []
    for anchor in root.iter("a"):
        href = anchor.get("href")
        if not href or len(targets) >= MAX_LINKS:
            continue
        close = chr(_LINK_CLOSE_BASE + len(targets))
        targets.append(href)
        anchor.text = LINK_OPEN + (anchor.text or "")
        if len(anchor):
            last = anchor[-1]
            last.tail = (last.tail or "") + close
        else:
            anchor.text += close
    return targets


def restore_links(markup: str, targets: list[str]) -> str:
    """``markup`` with each sentinel-wrapped text made a link again (text that ended up split
    across blocks loses its link but keeps its words)."""

    def link(match: re.Match[str]) -> str:
        href = targets[ord(match.group(2)) - _LINK_CLOSE_BASE]
        text = match.group(1)
        words = text.strip()
        if not words:
            return text
        # Spaces inside the link go outside it, so the marker never glues to the next word.
        before, after = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
        return f'{before}<a href="{html_escape(href, quote=True)}">{words}</a>{after}'

    markup = SENTINELS.sub("", _MARKED_LINK.sub(link, markup))
    # A link followed at once by a word (a hidden pop-up's text, a missing space) would glue
    # its [n] marker to that word.
    return _GLUED_AFTER_LINK.sub("</a> ", markup)
