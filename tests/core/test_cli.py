"""The scriptable CLI: the analyze JSON contract and one-line errors for unusable input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsreader.cli import main

REQUIRED_KEYS = {
    "id", "source", "start_line", "end_line", "title", "headline", "truncated",
    "paragraphs", "quotes", "entities",
}  # fmt: skip


def run_cli(
    *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsreader", *args],
        input=stdin.decode("utf-8", "replace") if stdin is not None else None,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def analyze(capsys: pytest.CaptureFixture[str], *paths: str) -> list[dict[str, object]]:
    assert main(["analyze", *paths]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_analyze_contract_on_seed(capsys: pytest.CaptureFixture[str], seed_path: Path) -> None:
    records = analyze(capsys, str(seed_path))
    assert [(r["start_line"], r["end_line"]) for r in records] == [
        (1, 16),
        (17, 17),
        (18, 18),
        (19, 19),
        (20, 20),
    ]
    for r in records:
        assert r.keys() >= REQUIRED_KEYS
        assert isinstance(r["paragraphs"], list)
        paragraphs = r["paragraphs"]
        for q in r["quotes"]:  # type: ignore[attr-defined]
            assert {"text", "speaker", "mention", "spans"} <= q.keys()
            pieces = [paragraphs[s["paragraph"]][s["start"] : s["end"]] for s in q["spans"]]  # type: ignore[index]
            assert " ".join(pieces).rstrip(",.") == q["text"]
        for e in r["entities"]:  # type: ignore[attr-defined]
            assert paragraphs[e["paragraph"]][e["start"] : e["end"]] == e["text"]  # type: ignore[index]
    assert [r["truncated"] for r in records] == [False, True, True, True, True]
    first = records[0]
    speakers = {q["speaker"] for q in first["quotes"]}  # type: ignore[attr-defined]
    assert "Ho Cheng-hui" in speakers
    labels = {(e["text"], e["label"]) for e in first["entities"]}  # type: ignore[attr-defined]
    assert ("Kinmen", "GPE") in labels


def test_analyze_ids_are_stable(
    capsys: pytest.CaptureFixture[str], seed_path: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_bytes(seed_path.read_bytes())
    first = [r["id"] for r in analyze(capsys, str(seed_path))]
    second = [r["id"] for r in analyze(capsys, str(copy))]
    assert first == second
    assert len(set(first)) == len(first)


def test_analyze_reads_stdin(seed_path: Path) -> None:
    proc = run_cli("analyze", "-", stdin=seed_path.read_bytes())
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.splitlines()) == 5
    assert json.loads(proc.stdout.splitlines()[0])["source"] == "<stdin>"


def test_analyze_directory_reads_txt_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text("One short story that ends here.\n", encoding="utf-8")
    (tmp_path / "ignored.bin").write_bytes(b"\x00\x01")
    records = analyze(capsys, str(tmp_path))
    assert {Path(str(r["source"])).name for r in records} == {"a.txt"}


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda p: p / "missing.txt", "no such file"),
        (lambda p: _mkdir(p / "empty"), "no .txt files"),
        (lambda p: _write(p / "bin.txt", bytes(range(256)) * 8), "binary"),
        (lambda p: _fifo(p / "fifo"), "not a regular file"),
    ],
)
def test_bad_paths_give_one_line_and_exit_2(tmp_path: Path, setup: object, message: str) -> None:
    path = setup(tmp_path)  # type: ignore[operator]
    for command in (["analyze", str(path)], [str(path)]):
        proc = run_cli(*command)
        assert proc.returncode == 2
        assert proc.stdout == ""
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and message in lines[0] and "Traceback" not in proc.stderr


def test_unreadable_file_gives_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Tests run as root, where chmod 000 does not stop reads; simulate the refusal instead.
    target = tmp_path / "secret.txt"
    target.write_text("text\n", encoding="utf-8")

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    assert main(["analyze", str(target)]) == 2
    assert "permission denied" in capsys.readouterr().err


def test_invalid_utf8_is_replaced_and_reported(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(
        "Caf\u00e9 owners said the rent doubled.\n".encode() + b"Broken \xff\xfe bytes here.\n"
    )
    proc = run_cli("analyze", str(bad))
    assert proc.returncode == 0
    assert "invalid UTF-8" in proc.stderr
    text = " ".join(p for line in proc.stdout.splitlines() for p in json.loads(line)["paragraphs"])
    assert "\ufffd" in text and "Café" in text


def test_utf16_with_bom_is_decoded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "u16.txt"
    f.write_bytes("The council said it would meet on Monday.\n".encode("utf-16"))
    records = analyze(capsys, str(f))
    assert records[0]["paragraphs"] == ["The council said it would meet on Monday."]


def test_unknown_option_is_one_line(tmp_path: Path) -> None:
    proc = run_cli("analyze", "--bogus", "x")
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1


def _mkdir(p: Path) -> Path:
    p.mkdir()
    return p


def _write(p: Path, data: bytes) -> Path:
    p.write_bytes(data)
    return p


def _fifo(p: Path) -> Path:
    os.mkfifo(p)
    return p


def test_search_takes_negated_words_and_needs_no_paths(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "db.json"
    assert main(["search", "--db", str(db), "kinmen"]) == 0
    with_kinmen = capsys.readouterr().out.splitlines()
    assert main(["search", "--db", str(db), "-kinmen"]) == 0
    without = capsys.readouterr().out.splitlines()
    assert len(with_kinmen) == 1 and len(without) == 4
    assert not db.exists(), "a read-only command must not create the database"


def test_search_minus_h_alone_is_help_but_minus_word_still_excludes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["search", "-h"]) == 0
    assert "usage: newsreader search" in capsys.readouterr().out
    assert main(["search", "--db", str(tmp_path / "db.json"), "-hualien"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 5  # no sample mentions Hualien


def test_stdin_at_a_terminal_says_how_to_end_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``newsreader -`` typed at a terminal waits for typing: a hint, not a silent hang."""
    import io

    class Typed(io.TextIOWrapper):
        def isatty(self) -> bool:
            return True

    typed = Typed(io.BytesIO(b"Storm warning\n\nA storm is coming, officials said.\n"))
    monkeypatch.setattr(sys, "stdin", typed)
    assert main(["analyze", "-"]) == 0
    captured = capsys.readouterr()
    assert "end with Ctrl+D" in captured.err
    assert len(captured.out.splitlines()) == 1


def test_search_without_a_query_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search"]) == 2
    assert "needs a QUERY" in capsys.readouterr().err


def test_export_then_import_round_trip_and_reading_list_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, seed_path: Path
) -> None:
    from newsreader.storage.store import ArticleMeta, Store

    db = tmp_path / "db.json"
    with Store(db) as store:
        store.toggle_bookmark("a" * 16, ArticleMeta("Title", "seed.txt", ("X: “quote”",)))
        store.add_tag("b" * 16, "Defence")
        store.mark_read("c" * 16)
    full, plain, copy = tmp_path / "full.json", tmp_path / "plain.json", tmp_path / "copy.json"
    assert main(["export", "--all", "--db", str(db), "-o", str(full)]) == 0
    assert main(["export", "--db", str(db), "-o", str(plain)]) == 0
    assert main(["import", str(full), "--db", str(copy)]) == 0
    assert "imported" in capsys.readouterr().out
    assert main(["export", "--all", "--db", str(copy)]) == 0
    assert capsys.readouterr().out == full.read_text(encoding="utf-8")
    assert main(["import", str(plain), "--db", str(copy)]) == 2
    assert "export --all" in capsys.readouterr().err
    assert main(["export", "--format", "markdown", "--db", str(db)]) == 0
    md = capsys.readouterr().out
    assert "## ★ Title" in md and "`defence`" in md
