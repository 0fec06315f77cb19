"""Command palette providers: the registry's commands, and one filter per tag.

The palette runs the very action a key would, so the two can never disagree. Commands scoped to
the list or reader run on that widget, wherever the focus is.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.dom import DOMNode
from textual.fuzzy import Matcher
from textual.markup import escape

from newsreader.tui.keys import Command, palette_commands
from newsreader.tui.widgets.sidebar import tag_query

if TYPE_CHECKING:
    from newsreader.tui.app import NewsReaderApp


class KeyCommands(Provider):
    """Every palette-worthy command in the registry, with its key."""

    def _entries(self) -> list[tuple[str, str, Callable[[], object]]]:
        app = cast("NewsReaderApp", self.app)
        entries: list[tuple[str, str, Callable[[], object]]] = []
        for command in palette_commands():
            if command.id == "palette":
                continue
            target = _target(app, command)
            if target is None:
                continue
            help_text = escape(f"{command.explanation} (key: {command.key_display})")
            entries.append(
                (command.description, help_text, partial(app.run_action, command.action, target))
            )
        return entries

    async def discover(self) -> Hits:
        for name, help_text, callback in self._entries():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._entries():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, _highlight(matcher, name), callback, help=help_text)


class TagFilters(Provider):
    """'Show tag: defence' for each tag in the store, and the built-in filters."""

    def _entries(self) -> list[tuple[str, str]]:
        app = cast("NewsReaderApp", self.app)
        entries = [("Show unread", "is:unread"), ("Show bookmarked", "is:bookmarked")]
        entries.extend((f"Show tag: {tag}", tag_query(tag)) for tag in sorted(app.tag_counts()))
        return entries

    async def search(self, query: str) -> Hits:
        app = cast("NewsReaderApp", self.app)
        matcher = self.matcher(query)
        for name, text in self._entries():
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score,
                    _highlight(matcher, name),
                    partial(app.apply_query, text),
                    help=escape(f"Search for {text}"),
                )


def _target(app: NewsReaderApp, command: Command) -> DOMNode | None:
    if command.scope == "app":
        return app
    if command.scope == "list":
        return app.article_list
    if command.scope == "reader":
        return app.reader
    return None  # keys of a bar, sidebar or modal only mean something while it is open


def _highlight(matcher: Matcher, text: str) -> Content:
    """Like ``Matcher.highlight`` but for literal text: tag names are user data, not markup."""
    content = Content(text)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
