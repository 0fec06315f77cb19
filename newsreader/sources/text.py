"""Read plain-text news files, directories of them, or standard input.

Every failure a user can cause (missing path, a directory with nothing to read, a FIFO, a binary
file, no permission) becomes a ``SourceError`` with a one-line message, so the CLI can print it
and exit 2 instead of showing a traceback. Decoding is forgiving: invalid UTF-8 is replaced and
reported, never fatal, because a single bad byte must not hide the rest of an archive.
"""

from __future__ import annotations

import codecs
import stat
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from newsreader.text import clean_text, normalise_newlines

#: Share of NUL or other non-text bytes in the first block above which a file is called binary.
_BINARY_THRESHOLD = 0.10
SNIFF_BYTES = 8192


#: Byte-order marks and their codecs; UTF-32 first, since its LE mark starts like UTF-16's.
BOM_ENCODINGS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BOMS = tuple(bom for bom, _ in BOM_ENCODINGS)


class SourceError(Exception):
    """An input that cannot be read; ``str(error)`` is a one-line message for the user."""


@dataclass(frozen=True, slots=True)
class SourceText:
    """One input, decoded and cleaned, with what was wrong with it."""

    name: str
    text: str
    warnings: tuple[str, ...] = ()


def read_paths(paths: Iterable[str], *, clean: bool = True) -> list[SourceText]:
    """Read every path in order; ``-`` means standard input, a directory means its ``*.txt``
    (and saved pages, ``*.html``: see ``sources.html``).

    ``clean`` as for :func:`decode`.
    """
    return [
        read_stdin(clean=clean) if name == STDIN else read_file(Path(name), clean=clean)
        for name in resolve_inputs(paths)
    ]


#: The command-line name of standard input.
STDIN = "-"


def resolve_inputs(paths: Iterable[str]) -> list[str]:
    """Expand directories and check every file, without reading more than its first block.

    Returns file paths (and ``-``) in order. Every file is opened and sniffed here, so that a
    caller that reads the files later (the TUI, in a worker) has already turned every problem a
    user can cause into a :class:`SourceError`, before any screen is drawn.
    """
    out: list[str] = []
    for raw in paths:
        if raw == STDIN:
            out.append(raw)
            continue
        path = Path(raw)
        try:
            st = path.stat()
        except FileNotFoundError:
            raise SourceError(f"{raw}: no such file or directory") from None
        except OSError as exc:
            raise SourceError(f"{raw}: cannot access: {exc.strerror or exc}") from None
        if stat.S_ISDIR(st.st_mode):
            out.extend(str(p) for p in _directory_files(path))
        elif stat.S_ISREG(st.st_mode):
            _check_file(path)
            out.append(raw)
        else:
            raise SourceError(f"{raw}: not a regular file (a FIFO, socket or device?)")
    return out


#: The files a directory given as PATH contributes: text piles and saved web pages.
_SUFFIXES = (".txt", ".html", ".htm")


def _directory_files(path: Path) -> list[Path]:
    try:
        files = sorted(p for p in path.iterdir() if p.suffix.lower() in _SUFFIXES and p.is_file())
    except OSError as exc:
        raise SourceError(f"{path}: cannot list directory: {exc.strerror or exc}") from None
    if not files:
        raise SourceError(f"{path}: directory has no .txt files (nor saved .html pages)")
    for f in files:
        _check_file(f)
    return files


def _check_file(path: Path) -> None:
    data = _read_bytes(path, SNIFF_BYTES)
    if not data.startswith(_BOMS) and looks_binary(data):
        raise SourceError(f"{path}: looks like a binary file, not text")


def _read_bytes(path: Path, limit: int = -1) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(limit)
    except PermissionError:
        raise SourceError(f"{path}: permission denied") from None
    except IsADirectoryError:
        raise SourceError(f"{path}: is a directory") from None
    except OSError as exc:
        raise SourceError(f"{path}: cannot read: {exc.strerror or exc}") from None


def read_file(path: Path, *, clean: bool = True) -> SourceText:
    """Read one regular file; the source name is the path as given."""
    return decode(str(path), _read_bytes(path), clean=clean)


def read_stdin(*, clean: bool = True) -> SourceText:
    """Read all of standard input (``-`` on the command line)."""
    if sys.stdin is None or sys.stdin.closed:
        raise SourceError("-: standard input is not available")
    return decode("<stdin>", sys.stdin.buffer.read(), clean=clean)


def decode(name: str, data: bytes, *, clean: bool = True) -> SourceText:
    """Decode bytes to text, detecting BOMs and binary data.

    UTF-16/32 are recognised by their BOM only: guessing encodings from content misfires on
    ordinary news text. Everything else is UTF-8 with replacement characters for bad bytes.
    With ``clean=False`` only line endings are normalised and the line-local cleaning
    (:func:`newsreader.text.clean_lines`) is left to the consumer, which the TUI does window by
    window so that a huge file shows its first articles at once.
    """
    warnings: list[str] = []
    encoding = "utf-8"
    for bom, enc in BOM_ENCODINGS:
        if data.startswith(bom):
            encoding = enc
            break
    if encoding == "utf-8" and looks_binary(data):
        raise SourceError(f"{name}: looks like a binary file, not text")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        text = data.decode(encoding, errors="replace")
        bad = text.count("\ufffd") - data.decode(encoding, errors="ignore").count("\ufffd")
        label = encoding.upper().removesuffix("-SIG")
        warnings.append(f"{name}: {bad} invalid {label} byte sequence(s) replaced with �")
    if "\x00" in text:
        warnings.append(f"{name}: NUL bytes replaced with �")
    text = clean_text(text) if clean else normalise_newlines(text)
    if not text.strip():
        warnings.append(f"{name}: no text")
    return SourceText(name=name, text=text, warnings=tuple(warnings))


def looks_binary(data: bytes) -> bool:
    head = data[:SNIFF_BYTES]
    if not head:
        return False
    textish = set(range(0x20, 0x7F)) | {0x09, 0x0A, 0x0C, 0x0D} | set(range(0x80, 0x100))
    odd = sum(1 for b in head if b not in textish)
    return odd / len(head) > _BINARY_THRESHOLD


def default_sample_paths() -> list[str]:
    """The bundled samples: ``samples/`` next to a source checkout, or the copy in the wheel."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here.parent / "samples", here / "_samples"):
        if candidate.is_dir() and any(candidate.glob("*.txt")):
            return [str(candidate)]
    raise SourceError("no bundled samples found; give a PATH to read")


__all__ = [
    "BOM_ENCODINGS",
    "SNIFF_BYTES",
    "STDIN",
    "SourceError",
    "SourceText",
    "decode",
    "default_sample_paths",
    "looks_binary",
    "read_file",
    "read_paths",
    "resolve_inputs",
]
