"""The core must stay usable without a terminal: only newsreader/tui/ may import Textual."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.helpers import imported_modules

PACKAGE = Path(__file__).resolve().parents[2] / "newsreader"


def test_no_textual_outside_tui() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if "tui" in path.relative_to(PACKAGE).parts:
            continue
        if any(n == "textual" or n.startswith("textual.") for n in imported_modules(path)):
            offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []


def test_core_commands_do_not_load_textual() -> None:
    """Importing the CLI and running the scriptable core must not pull Textual in at runtime."""
    code = (
        "import sys, newsreader.cli, newsreader.analysis, newsreader.split, "
        "newsreader.storage.store, newsreader.library, newsreader.search.index; "
        "print(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
