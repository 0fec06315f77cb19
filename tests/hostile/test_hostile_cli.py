"""Every hostile input ends in JSON or a one-line refusal: no traceback, no hang, no escapes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.cases import CASES, Case, as_params

TIMEOUT_S = 180  # a bound against hangs, not a speed assertion


def run_analyze(path: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "newsreader", "analyze", str(path)],
        capture_output=True,
        timeout=TIMEOUT_S,
    )


@pytest.mark.parametrize("case", as_params(CASES))
def test_analyze_hostile_file(case: Case, tmp_path: Path) -> None:
    path = tmp_path / f"{case.name}.txt"
    path.write_bytes(case.make())
    proc = run_analyze(path)
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err
    if case.expect == "refuse":
        assert proc.returncode == 2
        assert len(err.strip().splitlines()) == 1
        return
    assert proc.returncode == 0, err
    out = proc.stdout.decode("utf-8")
    # No control character may reach the output: JSON escapes them, and they were stripped before.
    assert "\x1b" not in out and "\\u001b" not in out and "\\u009b" not in out
    assert "\u202e" not in out and "\\u202e" not in out
    records = [json.loads(line) for line in out.splitlines()]
    text = "\n".join(p for r in records for p in r["paragraphs"])
    if case.readable:
        assert case.readable in text
    for r in records:
        for e in r["entities"]:
            assert r["paragraphs"][e["paragraph"]][e["start"] : e["end"]] == e["text"]


def test_directory_without_text_files(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    proc = run_analyze(tmp_path / "d")
    assert proc.returncode == 2 and b"no .txt files" in proc.stderr


def test_fifo_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    proc = run_analyze(fifo)
    assert proc.returncode == 2 and b"not a regular file" in proc.stderr


def test_fifo_inside_directory_is_skipped(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "real.txt").write_text("The museum reopened on Sunday.\n", encoding="utf-8")
    proc = run_analyze(tmp_path)
    assert proc.returncode == 0
    assert [json.loads(x)["paragraphs"] for x in proc.stdout.decode().splitlines()] == [
        ["The museum reopened on Sunday."]
    ]


def test_path_without_permission(tmp_path: Path) -> None:
    """Unreadable file and unlistable directory: real chmod when not root, else the refusal is
    simulated (root reads through chmod 000)."""
    secret = tmp_path / "secret.txt"
    secret.write_text("hidden\n", encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "a.txt").write_text("x\n", encoding="utf-8")
    secret.chmod(0)
    locked.chmod(0)
    try:
        for target in (secret, locked):
            as_root = os.geteuid() == 0
            proc = _run_with_refusals(target) if as_root else run_analyze(target)
            assert proc.returncode == 2, proc.stderr
            assert b"permission denied" in proc.stderr.lower() and b"Traceback" not in proc.stderr
            assert len(proc.stderr.strip().splitlines()) == 1
    finally:
        locked.chmod(0o755)


def _run_with_refusals(target: Path) -> subprocess.CompletedProcess[bytes]:
    """Run the CLI in a child whose file opens and directory listings of ``target`` fail."""
    code = (
        "import pathlib, sys\n"
        "from newsreader.cli import main\n"
        f"T = {str(target)!r}\n"
        "def refuse(*a, **k):\n"
        "    raise PermissionError(13, 'Permission denied')\n"
        "orig_open, orig_iter = pathlib.Path.open, pathlib.Path.iterdir\n"
        "pathlib.Path.open = lambda self, *a, **k: (\n"
        "    refuse() if str(self) == T else orig_open(self, *a, **k))\n"
        "pathlib.Path.iterdir = lambda self: refuse() if str(self) == T else orig_iter(self)\n"
        "sys.exit(main(['analyze', T]))\n"
    )
    return subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=TIMEOUT_S)
