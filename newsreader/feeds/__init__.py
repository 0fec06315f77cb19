"""Feeds: fetch them politely, parse any format, turn entries into clean text.

The package is a pipeline of plain functions over the dataclasses in :mod:`.model`:
``fetch`` (HTTP and local files, conditional GET, limits) → ``parse`` (RSS, Atom, JSON Feed)
→ ``content`` (entry HTML into paragraphs and numbered links) → the archive
(``storage.archive``) → articles for the Library (``sources.archive``). ``refresh`` runs the
pipeline for many feeds at once. Nothing here imports Textual.
"""
