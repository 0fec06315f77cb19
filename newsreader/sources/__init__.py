"""Input readers: turn paths (files, directories, stdin) into cleaned text with a source name."""

from newsreader.sources.text import SourceError, SourceText, read_paths, read_stdin

__all__ = ["SourceError", "SourceText", "read_paths", "read_stdin"]
