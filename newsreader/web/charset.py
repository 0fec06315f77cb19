"""A web page's bytes as text, whatever its labels say.

Servers and authors mislabel pages often enough that no single label can be trusted: the HTTP
header may carry the server's default (``ISO-8859-1``) for a page its author saved as UTF-8, and
a ``<meta charset>`` copied from a template may name an encoding the bytes were never in. So the
bytes decide first: a byte order mark wins, and bytes that are valid UTF-8 with non-ASCII text are
UTF-8 whatever the labels say (Latin-1 text is almost never valid UTF-8 by accident). Otherwise
the labels are tried in the order the HTML standard gives them (header, then meta), a label that
the bytes do not decode under is passed over, and a server default of ISO-8859-1 gives way to the
page's own meta. With no usable label, charset-normalizer
guesses (Windows-1252 whenever its guess is just another Latin code page); Windows-1252, the
superset of Latin-1 that old pages really use, is the last resort.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

__all__ = ["DecodedPage", "decode_page"]

_CHARSET_PARAM = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", re.IGNORECASE)
# <meta charset="x"> or <meta http-equiv="Content-Type" content="text/html; charset=x">.
_META_CHARSET = re.compile(
    rb"<meta\b[^>]{0,512}?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.IGNORECASE
)
#: Where the standard says a meta charset must appear (browsers look no further).
_PRESCAN_BYTES = 1024 * 4
# Latin-script single-byte code pages a detector may confuse with Windows-1252.
_OTHER_LATIN = frozenset(
    {
        "cp1250", "cp1254", "cp1257", "iso8859-2", "iso8859-3", "iso8859-4", "iso8859-9",
        "iso8859-10", "iso8859-13", "iso8859-14", "iso8859-15", "iso8859-16", "mac-roman",
        "mac-latin2", "mac-iceland", "mac-turkish", "cp850", "cp437", "cp858", "latin-1",
    }
)  # fmt: skip
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True, slots=True)
class DecodedPage:
    """The page's text and the codec it was read with (``"utf-8"``, ``"cp1252"`` …)."""

    text: str
    encoding: str


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    # The standard reads every Latin-1 and ASCII label as Windows-1252, and so do browsers.
    return "cp1252" if codec in ("latin-1", "iso8859-1", "ascii") else codec


def declared_charsets(body: bytes, content_type: str | None) -> list[str]:
    """The codecs the header and the page's meta name, in the order they are to be tried."""
    header = _CHARSET_PARAM.search(content_type or "")
    meta = _META_CHARSET.search(body[:_PRESCAN_BYTES])
    meta_codec = _codec(meta.group(1).decode("ascii")) if meta else None
    header_codec = _codec(header.group(1) if header else None)
    order = [header_codec, meta_codec]
    if meta_codec and header_codec == "cp1252":
        order = [meta_codec, header_codec]
    found: list[str] = []
    for codec in order:
        # A UTF-16 meta in bytes we are reading as ASCII-compatible is a contradiction.
        if codec and codec not in found and not codec.startswith("utf-16"):
            found.append(codec)
    return found


def decode_page(body: bytes, content_type: str | None = None) -> DecodedPage:
    """``body`` as text (never raises; undecodable bytes become U+FFFD as a last resort)."""
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return DecodedPage(body[len(bom) :].decode(codec, errors="replace"), codec)
    try:
        return DecodedPage(body.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    for codec in declared_charsets(body, content_type):
        if codec == "utf-8":
            continue  # the bytes are not valid UTF-8: the label is wrong
        try:
            return DecodedPage(body.decode(codec), codec)
        except (UnicodeDecodeError, LookupError):
            continue
    guess = _guess(body)
    if guess is not None:
        return guess
    return DecodedPage(body.decode("cp1252", errors="replace"), "cp1252")


def _guess(body: bytes) -> DecodedPage | None:
    best = from_bytes(body[: 256 * 1024]).best()
    if best is None:
        return None
    codec = _codec(best.encoding)
    if codec is None:
        return None
    if codec in _OTHER_LATIN:
        # On a short Western text the detector cannot tell its Latin code pages apart, and
        # Windows-1252 is by far the likeliest of them.
        try:
            return DecodedPage(body.decode("cp1252"), "cp1252")
        except UnicodeDecodeError:
            pass
    try:
        return DecodedPage(body.decode(codec), codec)
    except UnicodeDecodeError:
        return None
