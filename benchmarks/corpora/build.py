#!/usr/bin/env python3
"""Rebuild the held-out corpora (hold_*.txt + gold) from src/articles_*.src.

The authoring format and the excerpt/count rules are the dev set's, so this reuses the dev
builder (``../shared/dev/src/build.py``) instead of a second implementation that could drift:
only the source folder, the output folder and the corpus names differ.

usage: benchmarks/corpora/build.py [DEV_BUILD_PY]
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_BUILDER = HERE.parents[2] / "shared" / "dev" / "src" / "build.py"


def main(argv: list[str]) -> int:
    builder = Path(argv[1]) if len(argv) > 1 else DEFAULT_BUILDER
    spec = importlib.util.spec_from_file_location("dev_build", builder)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {builder}")
    mod: Any = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    mod.HERE = str(HERE / "src")
    mod.OUT = str(HERE)
    write = mod.write

    def renamed(out: str, name: str, lines: list[str], gold: list[dict[str, Any]]) -> None:
        write(out, name.replace("dev_", "hold_"), lines, gold)

    mod.write = renamed
    mod.main()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
