"""A small modal for adding and removing an article's tags.

One line, one grammar: "defence, kinmen, -draft" adds two tags and removes one. Existing tags are
suggested as you type the current item, so the same tag is not spelled three ways.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Label

from newsreader.tags import tag_or_none
from newsreader.tui.keys import bindings
from newsreader.tui.safe import one_line


def _typed_tag(item: str) -> str:
    """The tag an edit item names: without its + or - and the "#" the list shows tags with
    (typing "#hash" means the tag "hash", not "#hash" shown as "##hash")."""
    item = item.strip()
    if item.startswith(("+", "-")):
        item = item[1:]
    return item.strip().lstrip("#")


def apply_tag_edit(current: Iterable[str], edit: str) -> tuple[str, ...]:
    """The tags after applying ``edit`` ("a, b, -c": add a and b, remove c) to ``current``."""
    tags = {tag for tag in map(tag_or_none, current) if tag}
    for item in edit.split(","):
        item = item.strip()
        remove = item.startswith("-")
        name = tag_or_none(_typed_tag(item))
        if name is None:
            continue
        if remove:
            tags.discard(name)
        else:
            tags.add(name)
    return tuple(sorted(tags))


def normalisation_notes(edit: str) -> list[str]:
    """How each typed tag was respelled, when it was: ``“#Cross Strait” → cross-strait``
    (tags are compared in one spelling; the user should see the one that was saved)."""
    notes = []
    for item in edit.split(","):
        typed = item.strip().lstrip("+-").strip()
        name = tag_or_none(_typed_tag(item))
        if name is not None and name != typed:
            notes.append(f"“{one_line(typed)}” → {one_line(name)}")
    return notes


class TagSuggester(Suggester):
    """Completes the item being typed in a comma-separated list from the known tags."""

    def __init__(self, tags: Iterable[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=False)
        self._tags = sorted({tag for tag in map(tag_or_none, tags) if tag})

    async def get_suggestion(self, value: str) -> str | None:
        head, _, item = value.rpartition(",")
        prefix = head + "," if head else ""
        spaces = item[: len(item) - len(item.lstrip())]
        word = item.strip()
        sign = ""
        if word.startswith(("+", "-")):
            sign, word = word[0], word[1:]
        if not word:
            return None
        for tag in self._tags:
            if tag.startswith(word) and tag != word:
                return prefix + spaces + sign + tag
        return None


class TagEditor(ModalScreen[tuple[str, ...] | None]):
    """Dismisses with the new tag list, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("tags")

    def __init__(self, title: str, current: Sequence[str], known: Iterable[str]) -> None:
        super().__init__()
        self._title = title
        self._current = tuple(current)
        self._known = tuple(known)
        #: How the typed tags were respelled (read after the editor is dismissed).
        self.notes: list[str] = []

    def compose(self) -> ComposeResult:
        current = ", ".join("#" + one_line(tag) for tag in self._current) or "none"
        with Vertical(id="tag-dialog"):
            yield Label(Content("Tags for: ") + Content(one_line(self._title)), id="tag-title")
            yield Label(Content("Current: " + current), id="tag-current")
            yield Input(
                placeholder="a, b, -c   (add a and b, remove c)",
                suggester=TagSuggester(self._known),
                id="tag-input",
            )
            yield Label(
                Content("Tab or → accepts a suggestion · Enter saves · Esc cancels"),
                id="tag-help",
            )

    def on_mount(self) -> None:
        self.query_one("#tag-input", Input).focus()

    @on(Input.Submitted, "#tag-input")
    def _save(self, event: Input.Submitted) -> None:
        event.stop()
        self.notes = normalisation_notes(event.value)
        self.dismiss(apply_tag_edit(self._current, event.value))

    def action_complete(self) -> None:
        """Tab takes the suggestion, as in a shell; with none, it stays put (the input is the
        dialog's only field, so moving the focus off it would only strand the typing)."""
        field = self.query_one("#tag-input", Input)
        field.cursor_position = len(field.value)
        field.action_cursor_right()

    def action_cancel(self) -> None:
        self.dismiss(None)
