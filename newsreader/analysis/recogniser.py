"""Which entity recogniser runs: the built-in rules, or spaCy combined with them.

The choice is made once, up front, so that asking for spaCy when it is missing fails with one
clear line before any work starts, and ``auto`` quietly falls back to the built-in. Nothing here
imports spaCy: checking for it reads package metadata only.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Mapping, Sequence

from newsreader.analysis import spacy_backend
from newsreader.analysis.spacy_backend import INSTALL_HINT, RecogniserError
from newsreader.model import Entity

__all__ = [
    "CHOICES",
    "ENV_VAR",
    "INSTALL_HINT",
    "RecogniserError",
    "recognise",
    "requested_recogniser",
    "resolve_recogniser",
    "spacy_available",
]

CHOICES = ("auto", "builtin", "spacy")

#: Environment setting read by the CLI and the TUI when no ``--entities`` option is given.
ENV_VAR = "NEWSREADER_ENTITIES"


def spacy_available() -> bool:
    """True when spaCy and an English pipeline are installed (neither is imported)."""
    return _spacy_installed() and spacy_backend.installed_pipeline() is not None


def _spacy_installed() -> bool:
    try:
        return importlib.util.find_spec("spacy") is not None
    except (ImportError, ValueError):
        return False


def requested_recogniser(option: str | None, environ: Mapping[str, str] | None = None) -> str:
    """The user's choice: the command-line option, else :data:`ENV_VAR`, else ``auto``."""
    env = os.environ if environ is None else environ
    return (option or env.get(ENV_VAR, "") or "auto").strip().lower()


def resolve_recogniser(choice: str) -> str:
    """``"builtin"`` or ``"spacy"`` for ``choice`` in :data:`CHOICES`.

    Raises :class:`RecogniserError` for an unknown choice, or for ``spacy`` when it is not
    installed, with the commands that install it.
    """
    wanted = choice.strip().lower()
    if wanted not in CHOICES:
        raise RecogniserError(
            f"unknown entity recogniser {choice!r}: choose auto, builtin or spacy"
        )
    if wanted == "builtin":
        return "builtin"
    if spacy_available():
        return "spacy"
    if wanted == "auto":
        return "builtin"
    if not _spacy_installed():
        missing = "spaCy is not installed"
    else:
        missing = "no spaCy English pipeline is installed"
    raise RecogniserError(
        f"the spacy entity recogniser is unavailable: {missing}; install it with: {INSTALL_HINT}"
    )


def recognise(paragraphs: Sequence[str], recogniser: str) -> list[Entity]:
    """The entities of one article with a *resolved* recogniser (``builtin`` or ``spacy``).

    ``spacy`` means spaCy combined with the built-in rules, never spaCy alone. May raise
    :class:`RecogniserError` if the pipeline turns out not to load.
    """
    # Imported here: the rules compile hundreds of patterns, and the TUI resolves its
    # recogniser before the first screen, which must not wait for them.
    from newsreader.analysis.entities.find import find_entities_with_guesses
    from newsreader.analysis.merge.combine import combine_entities

    builtin, guessed = find_entities_with_guesses(paragraphs)
    if recogniser == "builtin":
        return builtin
    if recogniser != "spacy":
        raise RecogniserError(f"unresolved entity recogniser {recogniser!r}")
    spacy = spacy_backend.spacy_entities(paragraphs)
    return combine_entities(spacy, builtin, paragraphs, guessed)
