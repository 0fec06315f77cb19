"""Make the README's screenshot: the samples at 120x40, first article open, saved as SVG.

Run ``python -m newsreader.tui.screenshot docs/screenshot.svg``. It uses a throwaway database
and cache, so it never touches the user's bookmarks.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from newsreader.tui.app import NewsReaderApp

SIZE = (120, 40)


def sample_texts() -> list[tuple[str, str]]:
    """The bundled samples as (source name, text)."""
    here = Path(__file__).resolve().parent.parent
    for folder in (here.parent / "samples", here / "_samples"):
        if folder.is_dir():
            return [
                (path.name, path.read_text(encoding="utf-8", errors="replace"))
                for path in sorted(folder.glob("*.txt"))
            ]
    raise SystemExit("no samples folder found")


async def capture(out: Path, texts: list[tuple[str, str]], workdir: Path) -> None:
    app = NewsReaderApp(
        texts=texts, db_path=workdir / "screenshot.json", cache_dir=workdir / "cache", warnings=[]
    )
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause(0.3)
        app.save_screenshot(filename=out.name, path=str(out.parent))
        await pilot.press("q")


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    out = Path(args[0] if args else "docs/screenshot.svg").resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="newsreader-shot-") as tmp:
        asyncio.run(capture(out, sample_texts(), Path(tmp)))
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
