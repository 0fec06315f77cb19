"""The user's settings: ``$XDG_CONFIG_HOME/newsreader/config.toml``, read with ``tomllib``.

The file is created on first use with every setting present but commented out, so the user
sees what can be set and the defaults stay the program's. Reading never fails: a file that is
not valid TOML gives one clear error and the defaults; a setting that is unknown or has a value
of the wrong kind is reported with its line number (``newsreader config check`` lists them and
exits non-zero) and the rest of the file still applies.

Nothing here imports Textual: key names are checked only for their spelling, command ids
against the registry the caller passes (``tui/keys.py`` has it), theme names by the TUI.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from newsreader.model import CATEGORIES

__all__ = [
    "COLOUR_ROLES",
    "Config",
    "ConfigProblem",
    "config_path",
    "default_text",
    "load_config",
    "remember_setting",
]

#: What the reader colours and the config may recolour: quotes, their speakers and the entity
#: categories (the legend's names: person, org, place, group, date, number, other).
COLOUR_ROLES: tuple[str, ...] = ("quote", "speaker", *CATEGORIES)

RECOGNISERS = ("auto", "builtin", "spacy")

#: A Textual key name, or several separated by commas ("j,down", "ctrl+n", "question_mark").
_KEYS = re.compile(r"^\s*[\w+\-]+(\s*,\s*[\w+\-]+)*\s*$")
_COLOUR = re.compile(
    r"^(#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}|[a-z_]+[0-9]*|rgb\(\s*\d+\s*,\s*\d+\s*,\s*\d+\s*\))$"
)


@dataclass(frozen=True, slots=True)
class ConfigProblem:
    """A setting that was not applied, and why (``line`` 0: not tied to one line)."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


@dataclass(frozen=True)
class Config:
    """The settings; ``None`` (or empty) means "the program's default"."""

    path: Path | None = None
    theme: str | None = None
    reading_width: int | None = None
    recogniser: str | None = None
    refresh_on_start: bool | None = None
    #: Command id -> keys, Textual's names, comma-separated ("bookmark" = "b,ctrl+b").
    keys: Mapping[str, str] = field(default_factory=dict)
    #: Colour role (``COLOUR_ROLES``) -> a colour ("#7a5200", "ansi_bright_red").
    colours: Mapping[str, str] = field(default_factory=dict)
    #: The file could not be read or parsed at all (then every setting is the default).
    error: str | None = None
    problems: tuple[ConfigProblem, ...] = ()

    def messages(self) -> list[str]:
        """Everything wrong with the file, one line each, naming the file."""
        where = str(self.path) if self.path else "config"
        if self.error:
            return [f"{where}: {self.error}; using the default settings."]
        return [f"{where} {problem}" for problem in self.problems]


def config_path(environ: Mapping[str, str] | None = None) -> Path:
    """``$XDG_CONFIG_HOME/newsreader/config.toml`` (``~/.config`` when unset; the platform's
    place on macOS and Windows); ``$NEWSREADER_CONFIG`` names another file."""
    env = os.environ if environ is None else environ
    if env.get("NEWSREADER_CONFIG"):
        return Path(env["NEWSREADER_CONFIG"]).expanduser()
    xdg = env.get("XDG_CONFIG_HOME")
    if xdg:
        return Path(xdg) / "newsreader" / "config.toml"
    return Path(platformdirs.user_config_dir("newsreader", appauthor=False)) / "config.toml"


def default_text(commands: Collection[tuple[str, str, str]] = ()) -> str:
    """The file written on first use: every setting, commented out. ``commands`` are the
    registry's ``(id, keys, description)``, so every remappable command is listed."""
    lines = [
        "# newsreader settings. Every setting below is commented out, so the defaults apply;",
        '# remove the "# " in front of one to change it. `newsreader config check` reports',
        "# mistakes with their line numbers.",
        "",
        "# A Textual theme: textual-dark, textual-light, nord, gruvbox, dracula, tokyo-night,",
        "# monokai, flexoki, catppuccin-mocha, solarized-light ... (ctrl+p > Change theme",
        "# remembers the one chosen here).",
        '# theme = "textual-dark"',
        "",
        "# The widest the reader's text may be, in columns (centred in a wider pane).",
        "# reading_width = 88",
        "",
        '# Who finds names: "auto" (spaCy when installed), "builtin" or "spacy";',
        "# --entities and $NEWSREADER_ENTITIES win over this.",
        '# recogniser = "auto"',
        "",
        "[refresh]",
        "# Refresh the feeds in the background as the reader opens (like --refresh).",
        "# on_start = false",
        "",
        "[colours]",
        '# The reader\'s colours for quotes, speakers and each entity category: "#rrggbb",',
        '# "#rgb", a colour name ("ansi_bright_red", "dark_orange") or "rgb(r, g, b)".',
        "# By default they are derived from the theme.",
    ]
    lines += [f'# {role} = "#808080"' for role in COLOUR_ROLES]
    lines += [
        "",
        "[keys]",
        "# Any command by its id; several keys separated by commas, in Textual's names",
        '# ("ctrl+n", "question_mark", "pagedown"). The key bar, ? help and the palette',
        "# show the keys set here.",
    ]
    lines += [f'# {command_id} = "{keys}"  # {what}' for command_id, keys, what in commands]
    return "\n".join(lines) + "\n"


def load_config(
    path: Path | None = None,
    *,
    commands: Collection[tuple[str, str, str]] = (),
    create: bool = True,
) -> Config:
    """The settings in ``path`` (default :func:`config_path`), creating it commented out if it
    does not exist (unless ``create`` is false). ``commands`` are the registry's ``(id, keys,
    description)``: ids outside it are unknown; with none given, ids are not checked."""
    path = path or config_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        if create:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(default_text(commands), encoding="utf-8")
            except OSError:
                pass  # a read-only home: the defaults do
        return Config(path=path)
    except OSError as error:
        return Config(path=path, error=f"cannot read it ({error.strerror or error})")
    try:
        text = raw.decode("utf-8")
        data = tomllib.loads(text)
    except UnicodeDecodeError:
        return Config(path=path, error="it is not UTF-8 text")
    except tomllib.TOMLDecodeError as error:
        return Config(path=path, error=f"not valid TOML ({error})")
    return _parse(path, data, _Lines(text), {command_id for command_id, _, _ in commands})


class _Lines:
    """Where each ``key =`` is in the file (tomllib gives values, not line numbers)."""

    def __init__(self, text: str) -> None:
        self.where: dict[tuple[str, str], int] = {}
        section = ""
        for number, line in enumerate(text.splitlines(), start=1):
            stripped = line.strip()
            header = re.match(r"^\[\s*([^\]]+?)\s*\]", stripped)
            if header:
                section = header.group(1).strip().strip('"')
                self.where.setdefault((section, ""), number)
                continue
            key = re.match(r'^"?([\w\-.]+)"?\s*=', stripped)
            if key:
                self.where.setdefault((section, key.group(1)), number)

    def __call__(self, section: str, key: str = "") -> int:
        return self.where.get((section, key), 0)


def _parse(path: Path, data: dict[str, Any], line: _Lines, known: set[str]) -> Config:
    problems: list[ConfigProblem] = []

    def problem(section: str, key: str, message: str) -> None:
        problems.append(ConfigProblem(line(section, key), message))

    values: dict[str, Any] = {}
    for key, value in data.items():
        if key == "theme":
            if isinstance(value, str) and value.strip():
                values["theme"] = value.strip()
            else:
                problem("", key, "theme must be a theme's name in quotes")
        elif key == "reading_width":
            if isinstance(value, int) and not isinstance(value, bool) and 20 <= value <= 1000:
                values["reading_width"] = value
            else:
                problem("", key, "reading_width must be a whole number of columns, 20 or more")
        elif key == "recogniser":
            if isinstance(value, str) and value.strip().lower() in RECOGNISERS:
                values["recogniser"] = value.strip().lower()
            else:
                problem("", key, f"recogniser must be one of {', '.join(RECOGNISERS)}")
        elif key == "refresh" and isinstance(value, dict):
            for name, setting in value.items():
                if name == "on_start" and isinstance(setting, bool):
                    values["refresh_on_start"] = setting
                elif name == "on_start":
                    problem("refresh", name, "refresh.on_start must be true or false")
                else:
                    problem("refresh", name, f"unknown setting refresh.{name}")
        elif key == "colours" and isinstance(value, dict):
            colours = {}
            for role, colour in value.items():
                if role not in COLOUR_ROLES:
                    known_roles = ", ".join(COLOUR_ROLES)
                    problem("colours", role, f"unknown colour {role!r}: one of {known_roles}")
                elif not isinstance(colour, str) or not _COLOUR.match(colour.strip()):
                    problem("colours", role, f"colours.{role} is not a colour: {colour!r}")
                else:
                    colours[role] = colour.strip()
            values["colours"] = colours
        elif key == "keys" and isinstance(value, dict):
            keys = {}
            for command_id, spec in value.items():
                if known and command_id not in known:
                    problem("keys", command_id, f"unknown command id {command_id!r}")
                elif not isinstance(spec, str) or not _KEYS.match(spec):
                    why = 'must be key names in quotes, separated by commas ("b" or "ctrl+b,B")'
                    problem("keys", command_id, f"keys.{command_id} {why}")
                else:
                    keys[command_id] = ",".join(part.strip() for part in spec.split(","))
            values["keys"] = keys
        elif key in ("refresh", "colours", "keys"):
            problem("", key, f"{key} must be a [{key}] table")
        else:
            problem("", key, f"unknown setting {key!r}")
    return Config(path=path, problems=tuple(problems), **values)


def remember_setting(path: Path, name: str, value: str) -> None:
    """Set top-level setting ``name`` to the string ``value`` in the file, keeping the rest of
    it as the user wrote it: the line that sets it (or its commented-out default) is
    replaced; failing that, the setting goes first. Raises OSError when it cannot write."""
    setting = f"{name} = {_toml_string(value)}"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        lines = []
    pattern = re.compile(rf"^\s*(#\s*)?{re.escape(name)}\s*=")
    for number, line in enumerate(lines):
        if line.lstrip().startswith("["):
            break  # past the top-level settings
        if pattern.match(line):
            lines[number] = setting
            break
    else:
        lines.insert(0, setting)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def _toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
