"""Make untrusted text safe to hold, index and show.

Article text comes from files and feeds we do not control. Escape sequences (colour, cursor moves,
OSC 8 links, OSC 52 clipboard writes, title changes) must never reach the terminal, and bidi
overrides must not reorder what the reader sees, so everything is cleaned once, on input, before
the splitter or the UI ever touches it. Markup is a separate concern: the UI never parses article
text as markup, so brackets are left alone here.
"""

from __future__ import annotations

import re

# ESC-introduced sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), DCS/SOS/PM/APC
# (ESC P/X/^/_ ... ST), and two-character escapes. The 8-bit C1 forms (U+009B CSI, U+009D OSC …)
# are covered as well. Bounded repetition keeps the pattern linear on hostile input.
_ESCAPE_SEQUENCE = re.compile(
    r"""
    (?:\x1b\[|\x9b)[\x30-\x3f]{0,64}[\x20-\x2f]{0,16}[\x40-\x7e]?     # CSI
  | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]{0,4096}(?:\x07|\x1b\\|\x9c)?  # OSC…
  | \x1b[\x20-\x2f]{0,4}[\x30-\x7e]?                                  # other ESC sequences
    """,
    re.VERBOSE,
)

# Any character that can open an escape sequence: a fast pre-check, most text has none.
_ESCAPE_START = re.compile(r"[\x1b\x90\x98\x9b\x9d\x9e\x9f]")

# Remaining C0 controls except tab and newline, DEL, and C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# Bidirectional embedding/override/isolate controls: a U+202E can make "exe.txt" read "txt.exe".
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")

#: What a stray control character becomes: visible, so the reader knows something was there.
PLACEHOLDER = "\ufffd"


def clean_text(text: str) -> str:
    """Return ``text`` with line endings normalised and every terminal control made harmless.

    Escape sequences are removed whole (their payload is not text), lone control characters are
    replaced by a visible placeholder, tabs become spaces and CR/CRLF become LF.
    """
    return clean_lines(normalise_newlines(text))


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF; a leading BOM goes. Cheap when there is nothing to do."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text[1:] if text.startswith("\ufeff") else text


def clean_lines(text: str) -> str:
    """The line-local part of :func:`clean_text`: it never adds or removes a line.

    Because it is line-local it can run window by window on a huge file (see ``split.stream``),
    so the first articles are on screen before the whole file has been cleaned.
    """
    text = text.replace("\ufeff", "")
    if _ESCAPE_START.search(text):
        text = _ESCAPE_SEQUENCE.sub("", text)
    text = text.replace("\t", " ")
    text = _CONTROL.sub(PLACEHOLDER, text)
    return _BIDI.sub("", text)
