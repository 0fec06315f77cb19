"""Every kind of damaged database: the app still starts, says where the file went, keeps it."""

from __future__ import annotations

import builtins
from pathlib import Path
from typing import Any

import pytest

from newsreader.tui.app import NewsReaderApp

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "000_f977d078cdb8bfdf.txt"

CASES = {
    "truncated_json": b'{"_default": {"1": {"schema_version": 1, "gener',
    "garbage": b"\x89PNG\r\n\x1a\n not a database at all",
    "wrong_shape": b'[1, 2, 3, "not tables"]',
    "zero_bytes": b"",
}


def _app(tmp_path: Path) -> NewsReaderApp:
    cache = tmp_path / "cache"
    cache.mkdir(exist_ok=True)
    return NewsReaderApp(
        texts=[(SAMPLE.name, SAMPLE.read_text(encoding="utf-8"))],
        db_path=tmp_path / "db.json",
        cache_dir=cache,
    )


async def _started_with_warning(app: NewsReaderApp) -> list[str]:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(app.library.articles) == 5
        warnings = list(app.store.warnings)
        shown = [n.message for n in app._notifications]
        assert warnings and all(w in shown for w in warnings)
        await pilot.press("b")  # the app works on a fresh database
        await pilot.pause()
        assert app.store.bookmarks()
    return warnings


@pytest.mark.parametrize("case", sorted(CASES))
async def test_damaged_database_is_kept_aside(tmp_path: Path, case: str) -> None:
    data = CASES[case]
    (tmp_path / "db.json").write_bytes(data)
    warnings = await _started_with_warning(_app(tmp_path))
    kept = [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == data
    assert any(str(kept[0]) in w for w in warnings)


async def test_unreadable_database_is_kept_aside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root reads through chmod 000, so the refusal is simulated for the first open only."""
    db = tmp_path / "db.json"
    db.write_bytes(b'{"_default": {}}')
    real_open = builtins.open
    refused: list[str] = []

    def refusing_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if str(file) == str(db) and not refused:
            refused.append(str(file))
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refusing_open)
    import io
    import os

    real_os_open = os.open

    def refusing_os_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if str(path) == str(db) and not refused:
            refused.append(str(path))
            raise PermissionError(13, "Permission denied", str(path))
        return real_os_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_os_open)
    monkeypatch.setattr(io, "open", refusing_open)
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert refused, "the store did try to read the database"
        assert app.store.warnings
        shown = [n.message for n in app._notifications]
        assert any(w in shown for w in app.store.warnings)
        assert len(app.library.articles) == 5
    monkeypatch.undo()
    survivors = [p for p in tmp_path.iterdir() if p.name.startswith("db.json")]
    assert any(p.read_bytes() == b'{"_default": {}}' for p in survivors if p.is_file())
