"""Durable, crash-safe files under the store: atomic snapshot writes, the journal, the lock.

Nothing here knows about bookmarks as a product feature; :mod:`newsreader.storage.store` puts
the pieces together behind the API the CLI and the TUI use.
"""
