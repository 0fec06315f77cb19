"""The test suite mirrors the package and keeps its shared helpers out of test modules, so a
test file can be moved or deleted without breaking another one."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import imported_modules

TESTS = Path(__file__).resolve().parents[1]


def test_no_test_module_imports_another() -> None:
    offenders = [
        f"{path.relative_to(TESTS)} imports {name}"
        for path in sorted(TESTS.rglob("*.py"))
        for name in sorted(imported_modules(path))
        if name.split(".")[-1].startswith("test_") or name.split(".")[-1] == "conftest"
    ]
    assert offenders == []


def test_every_test_folder_is_a_package() -> None:
    """Two test files of the same name in different folders need ``__init__.py`` to coexist."""
    folders = {path.parent for path in TESTS.rglob("test_*.py")} - {TESTS}
    missing = [
        str(folder.relative_to(TESTS))
        for folder in sorted(folders)
        if "__snapshots__" not in folder.parts and not (folder / "__init__.py").exists()
    ]
    assert missing == []
