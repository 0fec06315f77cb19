"""Any feed's bytes as UTF-8, whatever its label says.

The declared charset (BOM, XML declaration, HTTP header) is trusted only when the bytes agree.
Bytes that are valid UTF-8 with non-ASCII text are read as UTF-8 whatever the label says (a
Latin-1 text is almost never valid UTF-8 by accident, while UTF-8 labelled Latin-1 is a common
server mistake); bytes that are not valid in the declared charset fall back to Windows-1252,
the superset of Latin-1 that old feeds really use. Each guess leaves a warning.
"""

from __future__ import annotations

import codecs
import re

from newsreader.feeds.entry_fields import ParseNotes

__all__ = ["utf8_bytes"]

_XML_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)[\"']")
_CHARSET_PARAM = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", re.IGNORECASE)


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def utf8_bytes(body: bytes, content_type: str | None, notes: ParseNotes) -> bytes:
    """The document as UTF-8 bytes, whatever it was labelled ."""
    if body.startswith(codecs.BOM_UTF8):
        return body[3:]
    if body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _reencode(body.decode("utf-16", errors="replace"))
    if body.startswith((b"<\x00?\x00", b"\x00<\x00?")):
        return _reencode(body.decode("utf-16-le" if body[0] == 0x3C else "utf-16-be", "replace"))
    match = _XML_DECLARATION.match(body[:512])
    declared = _codec(match.group(1).decode("ascii")) if match else None
    header = _CHARSET_PARAM.search(content_type or "")
    labelled = declared or _codec(header.group(1) if header else None)
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if labelled not in (None, "utf-8", "ascii") and not body.isascii():
            notes.add(f"the feed says it is {labelled} but it is UTF-8; read as UTF-8")
        return body
    if labelled not in (None, "utf-8"):
        try:
            return _reencode(body.decode(labelled))
        except (UnicodeDecodeError, LookupError):
            pass
    notes.add(f"the feed is not valid {labelled or 'UTF-8'}; read as Windows-1252")
    return _reencode(body.decode("cp1252", errors="replace"))


def _reencode(text: str) -> bytes:
    return text.lstrip("\ufeff").encode("utf-8", errors="replace")
