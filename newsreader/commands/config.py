"""``newsreader config path`` and ``newsreader config check``: where the settings live, and
what in them is wrong (with line numbers; exit 1 when anything is).

The registry of commands is read from ``tui/keys.py`` without loading Textual; only checking
a theme's name loads Textual's list of themes.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any, TextIO

from newsreader.config import Config, ConfigProblem, config_path, load_config

ParserFactory = Callable[..., argparse.ArgumentParser]


def add_config_parser(make: ParserFactory) -> argparse.ArgumentParser:
    config = make(
        prog="newsreader config",
        description="The settings file ($XDG_CONFIG_HOME/newsreader/config.toml, created with "
        "every setting commented out on first use; $NEWSREADER_CONFIG names another).",
    )
    actions = config.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("path", help="print where the settings file is (creating it)")
    actions.add_parser(
        "check", help="report unknown or invalid settings with line numbers (exit 1 if any)"
    )
    return config


def read_config() -> Config:
    """The user's settings, checked against the command registry and Textual's themes."""
    from newsreader.tui.keys import registry_rows

    config = load_config(commands=registry_rows())
    if config.theme is not None and config.theme not in theme_names():
        problem = ConfigProblem(_theme_line(config), f"unknown theme {config.theme!r}")
        config = Config(**{**_fields(config), "theme": None,
                           "problems": (*config.problems, problem)})  # fmt: skip
    return config


def theme_names() -> set[str]:
    from newsreader.tui.themes import theme_names as names

    return names()


def _fields(config: Config) -> dict[str, Any]:
    return {name: getattr(config, name) for name in Config.__dataclass_fields__}


def _theme_line(config: Config) -> int:
    if config.path is None:
        return 0
    try:
        lines = config.path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return 0
    for number, line in enumerate(lines, start=1):
        if line.strip().startswith("theme"):
            return number
    return 0


def cmd_config(args: argparse.Namespace, out: TextIO) -> int:
    if args.action == "path":
        from newsreader.tui.keys import registry_rows

        load_config(commands=registry_rows())  # the first use creates it
        print(config_path(), file=out)
        return 0
    config = read_config()
    messages = config.messages()
    for message in messages:
        print(message, file=out)
    if not messages:
        print(f"{config.path}: OK", file=out)
    return 1 if messages else 0
