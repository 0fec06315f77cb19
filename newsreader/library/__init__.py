"""The loaded corpus (``Library``) and its parts: loader, analysis cache, index builder, finder,
and the on-disk cache they share. See ``library.core`` for how they fit together."""

from newsreader.library.builder import IndexStatus
from newsreader.library.core import Library, default_library
from newsreader.library.finder import Counts

__all__ = ["Counts", "IndexStatus", "Library", "default_library"]
