"""The user's settings applied to the running app: keys, theme, NO_COLOR; a theme chosen
later (ctrl+p > Change theme) is written back to the config file.

The config itself is read by the CLI (``newsreader.config``) before Textual starts; the
registry is remapped and the colours become CSS in ``NewsReaderApp.__init__``, since both must
be in place before the widgets are made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.theme import Theme

from newsreader.config import remember_setting

if TYPE_CHECKING:
    from newsreader.tui.app import NewsReaderApp


class SettingsController:
    """Applies the settings on mount and remembers the theme."""

    def __init__(self, app: NewsReaderApp) -> None:
        self.app = app

    def apply(self) -> None:
        """Keys and theme from the settings; a theme chosen later (the palette) is saved."""
        app, config = self.app, self.app.config
        if app.no_color:
            app.add_class("-no-color")
        if config.keys:
            app.set_keymap(dict(config.keys))
        if config.reading_width is not None:
            app.reader.reading_width = config.reading_width
        if config.theme is not None:
            if config.theme in app.available_themes:
                app.theme = config.theme
            else:
                where = f"{config.path} " if config.path else ""
                app._messages.append((f"{where}unknown theme {config.theme!r}", "warning"))
        app.theme_changed_signal.subscribe(app, self._theme_changed)

    def _theme_changed(self, theme: Theme) -> None:
        path = self.app.config.path
        if path is None or theme.name == self.app.config.theme:
            return
        try:
            remember_setting(path, "theme", theme.name)
        except OSError as error:
            message = f"Could not save the theme in {path}: {error}"
            self.app.notify(message, severity="warning", markup=False)
