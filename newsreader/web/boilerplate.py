"""Blocks that survive a main-content extractor but are not the article.

The extractor chooses the article's container well, but sites put their widgets inside it: a
cookie notice, "Sign up for our newsletter", "Related: …" link lists, photo credits, "Advertisement"
slugs, and the paywall's "Subscribe to continue reading". Each is a short block with a recognisable
wording, so a block is dropped only when it is short (:data:`LONGEST_BOILERPLATE` characters) and
matches one of the patterns below: an article paragraph that merely mentions cookies or a
newsletter is long enough to stay. A heading such as "Related stories" takes the list right after
it along, or else the blocks after it that are nothing but a link each. A paywall prompt is
reported, so the reader can say the text is an excerpt.

The patterns are English: the extractor's own heuristics are language-neutral and carry other
languages; these only polish the common case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from newsreader.web.linkmarks import LINKED_TEXT

__all__ = ["LONGEST_BOILERPLATE", "Removed", "remove_boilerplate"]

#: Longer blocks are taken to be article text whatever their words.
LONGEST_BOILERPLATE = 300

_COOKIES = re.compile(
    r"\b(?:(?:we|this (?:web)?site|our (?:web)?site) uses? cookies"
    r"|accept (?:all )?cookies|cookie (?:policy|settings|preferences|consent))\b",
    re.IGNORECASE,
)
_NEWSLETTER = re.compile(
    r"\b(?:(?:sign up|subscribe|register) (?:now )?(?:for|to) .{0,40}"
    r"(?:newsletter|email|bulletin)s?"
    r"|get (?:our|the) .{0,40}newsletter"
    r"|(?:delivered |sent )?(?:straight |directly |right )?(?:to|in|into) your inbox"
    r"|enter your e-?mail address|thanks? (?:you )?for (?:signing up|subscribing)"
    r"|keep an eye on your inbox|error processing your subscription)\b"
    r"|^[\w ]{0,30}\bnewsletters?$",
    re.IGNORECASE,
)
_PAYWALL = re.compile(
    r"\b(?:(?:subscribe|sign in|log in|register|become a (?:subscriber|member))"
    r"(?: now| today)? to (?:continue|read|keep reading|unlock|access)"
    r"|already an? (?:subscriber|member)\b"
    r"|(?:this|the) (?:article|story|content) is (?:only )?(?:available|reserved|exclusive)"
    r" (?:to|for) (?:our )?(?:subscribers|members)"
    r"|to continue reading(?: this| the)? (?:article|story)?"
    r"|to read the (?:full|whole|rest of the) (?:story|article))",
    re.IGNORECASE,
)
_SOCIAL = re.compile(
    r"^(?:follow|like|join) (?:us|@?[\w.]+(?: [\w.]+){0,6}) on (?:facebook|twitter|x|instagram"
    r"|linkedin|youtube|tiktok|threads|bluesky|mastodon)\b"
    r"|^(?:(?:like|liked|enjoy|enjoyed) this (?:story|article|post)\?\s*)?"
    r"share (?:it|this (?:story|article|post)) with (?:a friend|your friends)",
    re.IGNORECASE,
)
_TAGS = re.compile(
    r"^(?:filed under|tags?|tagged(?: with| as)?|topics?|categories|category|posted in)\s*:",
    re.IGNORECASE,
)
_RELATED_HEADING = re.compile(
    r"^(?:related(?: stories| articles| content| coverage| links| posts| reading)?"
    r"|read (?:more|next|also)|see also|also read|more|more (?:from|on|stories)\b.*"
    r"|recommended(?: for you| reading)?|you (?:may|might) also (?:like|be interested in)"
    r"|most (?:read|popular)|popular (?:on|in|now)\b.*|more on this story|further reading)"
    r"\s*[:.…|»›>-]*\s*$",
    re.IGNORECASE,
)
_RELATED_LINE = re.compile(
    r"^[\[(]?(?:related(?: posts?| stories| story| articles?| content| coverage| reading)?"
    r"|read more|see also|also read|read next|recommended|more)\s*[:|»›>-]\s*\S"
    r"|^also on [\w.-]+\.[a-z]{2,}\b",
    re.IGNORECASE,
)
_CAPTION = re.compile(
    r"^(?:photo|image|picture|illustration|graphic|video)s?(?: credit)?\s*[:|/©]"
    r"|^\(?(?:photo|image)s? (?:by|courtesy of)\b"
    r"|^(?:credit|image source|photograph)\s*:"
    r"|\((?:photo|image|credit)s?(?: by)?:? [^)]{1,80}\)\s*$"
    r"|\b(?:getty images|shutterstock|ap photo/|reuters/|afp via getty|afp/getty)\b",
    re.IGNORECASE,
)
_SLUG = re.compile(
    r"^(?:advertisement|sponsored(?: content)?|ad|share(?: this)?(?: article| story)?"
    r"|share on (?:facebook|twitter|x)|tweet|print|email|comments?"
    r"|(?:story|article) continues (?:below|after)(?: this)?(?: advertisement| ad)?"
    r"|continue reading (?:below|the main story)|skip (?:to|past) .{0,30}"
    r"|reading time:? .{0,20}|\d+ ?min(?:ute)?s? read)\s*[.:]?\s*$",
    re.IGNORECASE,
)
# Private-use characters carry no words (the extractor marks links with them).
_PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U0010ffff]")
_WORD = re.compile(r"\w+")
_BLOCKS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "div", "td")
_LISTS = ("ul", "ol", "dl", "table")


@dataclass(frozen=True, slots=True)
class Removed:
    """What :func:`remove_boilerplate` took out: the kinds found, and whether one was a
    paywall prompt (the text on the page is then only the start of the article)."""

    kinds: tuple[str, ...]
    paywall: bool


def _kind(text: str) -> str | None:
    if _PAYWALL.search(text):
        return "paywall"
    if _COOKIES.search(text):
        return "cookies"
    if _NEWSLETTER.search(text):
        return "newsletter"
    if _RELATED_HEADING.match(text) or _RELATED_LINE.match(text):
        return "related"
    if _SLUG.match(text):
        return "slug"
    if _SOCIAL.match(text):
        return "social"
    if _TAGS.match(text):
        return "tags"
    if _CAPTION.search(text):
        return "caption"
    return None


def remove_boilerplate(body: etree._Element) -> Removed:
    """Drop the boilerplate blocks under ``body`` in place."""
    kinds: list[str] = []
    for el in list(body.iter(*_BLOCKS)):
        if el.getparent() is None:
            continue  # removed with an ancestor
        text = " ".join(_PRIVATE_USE.sub("", "".join(el.itertext())).split())
        if not text or len(text) > LONGEST_BOILERPLATE:
            continue
        kind = _kind(text)
        if kind is None:
            continue
        kinds.append(kind)
        if kind == "related" and _RELATED_HEADING.match(text):
            following = el.getnext()
            if following is not None and following.tag in _LISTS:
                drop_keeping_tail(following, blank_tail=False)
            else:
                while following is not None and _only_links(following):
                    after = following.getnext()
                    drop_keeping_tail(following, blank_tail=False)
                    following = after
        drop_keeping_tail(el, blank_tail=False)
    return Removed(kinds=tuple(dict.fromkeys(kinds)), paywall="paywall" in kinds)


def _only_links(el: etree._Element) -> bool:
    """True for a short block whose words are (nearly) all link text: a related-stories item."""
    text = "".join(el.itertext())
    if not text.strip() or len(text) > LONGEST_BOILERPLATE:
        return False
    outside = LINKED_TEXT.sub("", text)
    for anchor in el.iter("a"):
        outside = outside.replace("".join(anchor.itertext()), "", 1)
    return outside != text and len(_WORD.findall(_PRIVATE_USE.sub("", outside))) <= 3


def drop_keeping_tail(el: etree._Element, *, blank_tail: bool = True) -> None:
    """Remove ``el`` but not the text after it (its tail), which joins its neighbour's; a
    tail of only spaces goes with it unless ``blank_tail``. The root is never removed."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail and (blank_tail or tail.strip()):
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)
