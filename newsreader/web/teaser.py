"""Does a feed entry's text look like a teaser for the article rather than the article itself?

The per-feed ``full_text = auto`` setting fetches the web page only for such entries, so a miss
costs one page fetch and a false alarm one more; the rules are simple and visible on purpose:

* no text at all, or under :data:`TEASER_WORDS` words: a summary, not an article;
* the text ends in an ellipsis ("…", "...", "[…]", "[...]"), or its last paragraph is a
  "Read more" / "Continue reading" / "(more…)" link, the way excerpt feeds end.

WordPress's "The post X appeared first on Y." footer is set aside first: it ends excerpts and
whole posts alike. Link markers (``[3]``) and arrows after the last words are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["TEASER_WORDS", "looks_like_teaser"]

#: Fewer words than this is a summary: even a short news item runs to more.
TEASER_WORDS = 100

_WORD = re.compile(r"\w+")
# What may follow the last words: link markers, arrows, guillemets, stray punctuation.
_TRAILING = re.compile(r"(?:\s*(?:\[\d+\]|[→»›>:\-–—)\]]))+\s*$")
_ELLIPSIS = re.compile(r"(?:…|\.\.\.|\[\s*(?:…|\.\.\.)\s*\]|\(\s*(?:…|\.\.\.)\s*\))\s*$")
_READ_MORE = re.compile(
    r"(?:^|[\s.…(\[])(?:read more"
    r"|read the (?:full|whole|rest of the|complete) (?:story|article|post)"
    r"|continue reading|keep reading|read on|more…|more\.\.\.|full story|full article"
    r"|view (?:the )?(?:full )?(?:article|story|post)|click here to read)"
    r"(?:\s+(?:on|at|about|here)\b.{0,60})?[\s.…)\]]*$",
    re.IGNORECASE,
)
_WORDPRESS_FOOTER = re.compile(r"^The post .{1,300} appeared first on .{1,200}$", re.DOTALL)


def looks_like_teaser(paragraphs: Sequence[str]) -> bool:
    """True when ``paragraphs`` (an entry's text) look like a teaser for a longer article."""
    kept = [p.strip() for p in paragraphs if p.strip()]
    if kept and _WORDPRESS_FOOTER.match(kept[-1]):
        kept.pop()
    if not kept:
        return True
    if sum(len(_WORD.findall(p)) for p in kept) < TEASER_WORDS:
        return True
    last = _TRAILING.sub("", kept[-1])
    return bool(_ELLIPSIS.search(last) or _READ_MORE.search(last))
