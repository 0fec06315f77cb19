"""The settings file: created commented out, valid and invalid settings with line numbers, a
broken file giving the defaults, ``config path``/``config check``, remembering a theme."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from newsreader.cli import main
from newsreader.config import COLOUR_ROLES, Config, config_path, load_config, remember_setting
from newsreader.tui.keys import registry_rows


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_first_use_creates_every_setting_commented_out(tmp_path: Path) -> None:
    path = tmp_path / "newsreader" / "config.toml"
    config = load_config(path, commands=registry_rows())
    assert config == Config(path=path)
    text = path.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    assert all(value == {} for value in data.values()), "everything is commented out"
    for setting in ("theme", "reading_width", "recogniser", "on_start", *COLOUR_ROLES):
        assert f"# {setting} = " in text
    for command_id, keys, _ in registry_rows():
        assert f'# {command_id} = "{keys}"' in text
    assert load_config(path, commands=registry_rows()).problems == ()
    # Uncommenting every setting gives a valid file that sets each one to its default.
    setting = re.compile(r"^# ([\w-]+ = )")
    path.write_text("\n".join(setting.sub(r"\1", line) for line in text.splitlines()))
    every = load_config(path, commands=registry_rows())
    assert every.problems == () and every.error is None
    assert every.keys == {command_id: keys for command_id, keys, _ in registry_rows()}


def test_valid_settings(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        'theme = "nord"\nreading_width = 72\nrecogniser = "builtin"\n'
        '[refresh]\non_start = true\n[keys]\nbookmark = "B, ctrl+b"\n'
        '[colours]\nperson = "#0b5cad"\nquote = "dark_orange"\n',
    )
    config = load_config(path, commands=registry_rows())
    assert config.problems == () and config.error is None
    assert (config.theme, config.reading_width, config.recogniser) == ("nord", 72, "builtin")
    assert config.refresh_on_start is True
    assert config.keys == {"bookmark": "B,ctrl+b"}
    assert config.colours == {"person": "#0b5cad", "quote": "dark_orange"}


def test_unknown_and_invalid_settings_are_reported_with_line_numbers(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        'reading_width = "wide"\ncolour = "red"\n\n[keys]\nbookmark = "b"\nfly = "f"\n'
        '[colours]\nperson = "not a colour!"\nsmell = "#fff"\n[refresh]\non_start = "yes"\n',
    )
    config = load_config(path, commands=registry_rows())
    shown = [str(problem) for problem in config.problems]
    assert shown == [
        "line 1: reading_width must be a whole number of columns, 20 or more",
        "line 2: unknown setting 'colour'",
        "line 6: unknown command id 'fly'",
        "line 8: colours.person is not a colour: 'not a colour!'",
        f"line 9: unknown colour 'smell': one of {', '.join(COLOUR_ROLES)}",
        "line 11: refresh.on_start must be true or false",
    ]
    assert config.keys == {"bookmark": "b"}, "the valid settings still apply"


def test_a_broken_file_gives_one_clear_error_and_the_defaults(tmp_path: Path) -> None:
    path = _write(tmp_path, 'theme = "nord"\n[keys\n')
    config = load_config(path)
    assert config.theme is None and config.keys == {}
    (message,) = config.messages()
    assert "not valid TOML" in message and "line 2" in message and str(path) in message


def test_remember_setting_keeps_the_rest_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    load_config(path)
    before = path.read_text(encoding="utf-8")
    remember_setting(path, "theme", "gruvbox")
    after = path.read_text(encoding="utf-8")
    assert 'theme = "gruvbox"' in after and '# theme = "textual-dark"' not in after
    assert len(after.splitlines()) == len(before.splitlines())
    assert load_config(path).theme == "gruvbox"
    remember_setting(path, "theme", "nord")
    assert load_config(path).theme == "nord"


def test_config_path_follows_xdg(tmp_path: Path) -> None:
    assert (
        config_path({"XDG_CONFIG_HOME": str(tmp_path)}) == tmp_path / "newsreader" / "config.toml"
    )
    assert config_path({"NEWSREADER_CONFIG": str(tmp_path / "x.toml")}) == tmp_path / "x.toml"


def test_cli_config_path_and_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["config", "path"]) == 0
    path = Path(capsys.readouterr().out.strip())
    assert path.is_file() and path == config_path()
    assert main(["config", "check"]) == 0
    assert "OK" in capsys.readouterr().out
    path.write_text('theme = "no-such-theme"\n[keys]\nnope = "x"\n', encoding="utf-8")
    assert main(["config", "check"]) == 1
    out = capsys.readouterr().out
    assert "line 3: unknown command id 'nope'" in out
    assert "line 1: unknown theme 'no-such-theme'" in out
