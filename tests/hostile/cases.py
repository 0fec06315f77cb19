"""Hostile inputs, generated at test time so that no large or nasty file lives in git.

Each case is a name, the bytes to write and what the CLI must do with it: ``ok`` (exit 0, JSON out)
or ``refuse`` (exit 2 and a one-line message). The huge ones are marked ``slow`` (see
``as_params``) so a developer can leave them out locally with ``-m "not slow"``; CI runs them all.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import pytest


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[], bytes]
    expect: str  # "ok" | "refuse"
    #: a substring that must be in the shown text (proves the rest stays readable)
    readable: str | None = None
    #: seconds rather than a fraction of one: marked ``slow``
    slow: bool = False


MARKUP = (
    "[bold red]Not bold[/] and [link=file:///etc/passwd]not a link[/link] and "
    "[@click=app.quit]not a button[/] said the [b]council[/b].\n"
    "“The [i]markup[/i] stays literal,” Mayor Lin Mei-hua said on Monday.\n"
)
ANSI = (
    "Colour \x1b[31mred\x1b[0m and cursor \x1b[2J\x1b[H moves.\n"
    "An OSC 8 \x1b]8;;http://evil.example\x07link\x1b]8;;\x07 and a clipboard write "
    "\x1b]52;c;ZXZpbA==\x07 here.\n"
    "A title change \x1b]0;pwned\x07 and C1 \x9b31m controls \x85 and BEL \x07 too.\n"
    "The harbour reopened on Tuesday, officials said.\n"
)
BIDI = "The file invoice\u202etxt.exe was opened by the clerk, police said.\nThe court adjourned.\n"

CASES: tuple[Case, ...] = (
    Case("binary", lambda: bytes(range(256)) * 64, "refuse"),
    Case(
        "nul_bytes_in_text",
        lambda: b"The ministry\x00 said on Friday it would review the plan.\n" * 20,
        "ok",
        "review the plan",
    ),
    Case(
        "invalid_utf8",
        lambda: (
            b"Valid start of a story.\n\xff\xfe\xfa broken \xc3\x28 bytes.\nThe end came quietly.\n"
        ),
        "ok",
        "The end came quietly.",
    ),
    Case(
        "utf16_bom",
        lambda: (
            codecs.BOM_UTF16_LE
            + "Officials said the bridge would open in May.\n".encode("utf-16-le")
        ),
        "ok",
        "bridge would open",
    ),
    Case("empty", lambda: b"", "ok"),
    Case("single_20mb_line", lambda: b"A" * (20 * 1024 * 1024), "ok", slow=True),
    Case("half_million_one_word_lines", lambda: b"word\n" * 500_000, "ok", slow=True),
    Case("markup", lambda: MARKUP.encode(), "ok", "[bold red]Not bold[/]"),
    Case(
        "ansi_and_controls", lambda: ANSI.encode("utf-8"), "ok", "The harbour reopened on Tuesday"
    ),
    Case("bidi_override", lambda: BIDI.encode(), "ok", "The court adjourned."),
    Case(
        "unbalanced_quotes",
        lambda: ('“He said “no” and then ” left “ again " " "\n' * 50).encode(),
        "ok",
    ),
    Case(
        "thousands_of_quote_marks",
        lambda: ("“" * 5000 + "\n" + '"' * 5000 + "\n" + "”‘’" * 3000 + "\n").encode(),
        "ok",
    ),
)


def as_params(cases: Iterable[Case]) -> list[Any]:
    """The cases for ``pytest.mark.parametrize``, named, with the slow ones marked."""
    return [
        pytest.param(case, id=case.name, marks=[pytest.mark.slow] if case.slow else [])
        for case in cases
    ]
