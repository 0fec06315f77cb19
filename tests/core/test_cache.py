"""The on-disk cache: exact round trips, and any damage reads as a miss, never as an error."""

from __future__ import annotations

import hashlib
import os
import pickle
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest

from newsreader.library.cache import (
    BATCH,
    FORMAT_VERSION,
    MAGIC,
    CacheError,
    CorpusCache,
    code_fingerprint,
    default_cache_dir,
)
from newsreader.model import Article
from newsreader.sources.key import SourceKey, file_key, source_key
from newsreader.sources.stream import file_digest


def make_articles(n: int, source: str = "src.txt") -> list[Article]:
    return [
        Article(
            id=f"id{i}",
            source=source,
            start_line=i + 1,
            end_line=i + 2,
            title=f"Title {i} “quoted” 何",
            headline=f"Title {i} “quoted” 何" if i % 2 else None,
            truncated=i % 3 == 0,
            paragraphs=(f"Title {i} “quoted” 何", f"Body {i} with \ud800 odd text"),
        )
        for i in range(n)
    ]


KEY = SourceKey("src.txt", 10, 0, "abc", "code")


def read_all(cache: CorpusCache, key: SourceKey) -> list[Article] | None:
    found = cache.read_articles(key)
    if found is None:
        return None
    count, batches = found
    articles = [a for batch in batches for a in batch]
    assert len(articles) == count
    return articles


def test_articles_round_trip_in_batches(tmp_path: Path) -> None:
    cache = CorpusCache(tmp_path)
    articles = make_articles(BATCH * 2 + 5)
    assert cache.write_articles(KEY, "src.txt", articles)
    found = cache.read_articles(KEY)
    assert found is not None
    sizes = [len(b) for b in found[1]]
    assert sizes == [BATCH, BATCH, 5]
    assert read_all(cache, KEY) == articles


def test_empty_source_round_trips(tmp_path: Path) -> None:
    cache = CorpusCache(tmp_path)
    assert cache.write_articles(KEY, "src.txt", [])
    assert read_all(cache, KEY) == []


def test_missing_entry_is_a_miss(tmp_path: Path) -> None:
    assert CorpusCache(tmp_path / "nowhere").read_articles(KEY) is None
    assert CorpusCache(tmp_path).read_index("nothing") is None


def test_other_key_is_a_miss(tmp_path: Path) -> None:
    cache = CorpusCache(tmp_path)
    cache.write_articles(KEY, "src.txt", make_articles(3))
    other = SourceKey("src.txt", 10, 0, "abd", "code")
    assert read_all(cache, other) is None
    # Even a file renamed to the other key's name is refused: the header carries the key.
    os.replace(cache.articles_path(KEY), cache.articles_path(other))
    assert read_all(cache, other) is None


def test_other_format_version_is_a_miss(tmp_path: Path) -> None:
    cache = CorpusCache(tmp_path)
    path = cache.articles_path(KEY)
    path.parent.mkdir(parents=True, exist_ok=True)
    header = pickle.dumps({"version": FORMAT_VERSION + 1, "kind": "articles", "key": KEY.token})
    path.write_bytes(MAGIC + struct.pack("<II", len(header), zlib.crc32(header)) + header)
    assert read_all(cache, KEY) is None


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty"])
def test_damaged_file_is_never_fatal(tmp_path: Path, damage: str) -> None:
    cache = CorpusCache(tmp_path)
    articles = make_articles(BATCH + 10)
    cache.write_articles(KEY, "src.txt", articles)
    path = cache.articles_path(KEY)
    data = bytearray(path.read_bytes())
    if damage == "truncate":
        data = data[: len(data) - 20]
    elif damage == "flip":
        data[len(data) // 2] ^= 0xFF
    elif damage == "garbage":
        data = bytearray(b"\x00garbage" * 10)
    else:
        data = bytearray()
    path.write_bytes(bytes(data))
    found = cache.read_articles(KEY)
    if found is None:
        return  # refused at the header: fine
    with pytest.raises(CacheError):
        list(found[1])


def test_a_pickled_class_is_refused(tmp_path: Path) -> None:
    """A cache file can only ever produce plain data, even a deliberately crafted one."""
    cache = CorpusCache(tmp_path)
    cache.write_articles(KEY, "src.txt", make_articles(1))
    path = cache.articles_path(KEY)
    data = path.read_bytes()
    head_len = struct.unpack("<I", data[len(MAGIC) : len(MAGIC) + 4])[0]
    start = len(MAGIC) + 8 + head_len
    evil = pickle.dumps(Path("/etc/passwd"))
    frame = struct.pack("<II", len(evil), zlib.crc32(evil)) + evil
    path.write_bytes(data[:start] + frame)
    found = cache.read_articles(KEY)
    assert found is not None
    with pytest.raises(CacheError):
        list(found[1])


def test_index_round_trip_and_damage(tmp_path: Path) -> None:
    cache = CorpusCache(tmp_path)
    snapshot = {"n": 3, "blob": b"\x00\x01" * 100, "words": ["a", "b"]}
    assert cache.write_index("tok", snapshot)
    assert cache.read_index("tok") == snapshot
    assert cache.read_index("other") is None
    path = cache.index_path("tok")
    path.write_bytes(path.read_bytes()[:-3])
    assert cache.read_index("tok") is None


def test_unwritable_folder_returns_false(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = CorpusCache(blocker / "cache")
    assert cache.write_articles(KEY, "src.txt", make_articles(2)) is False
    assert cache.write_index("tok", {}) is False
    assert read_all(cache, KEY) is None


def test_no_temp_files_are_left_behind(tmp_path: Path) -> None:
    cache = CorpusCache(tmp_path)
    cache.write_articles(KEY, "src.txt", make_articles(5))
    assert [p.name for p in tmp_path.iterdir()] == [cache.articles_path(KEY).name]


def test_prune_keeps_the_newest(tmp_path: Path) -> None:
    cache = CorpusCache(tmp_path)
    keys = [SourceKey(f"s{i}", i, 0, "d", "c") for i in range(5)]
    for i, key in enumerate(keys):
        cache.write_articles(key, "s", make_articles(1))
        os.utime(cache.articles_path(key), ns=(i * 10**9, i * 10**9))
    cache.prune(keep=2)
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted(cache.articles_path(k).name for k in keys[-2:])


def test_source_key_of_a_file_uses_its_stat(tmp_path: Path) -> None:
    path = tmp_path / "news.txt"
    path.write_text("hello", encoding="utf-8")
    key = source_key(str(path), "hello", "c")
    st = path.stat()
    assert key.name == str(path.resolve()) or key.name == os.path.abspath(path)
    assert (key.size, key.mtime_ns) == (st.st_size, st.st_mtime_ns)
    assert source_key(str(path), "hellp", "c").token != key.token  # content matters
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1000))
    assert source_key(str(path), "hello", "c").token != key.token  # so does mtime
    assert source_key(str(path), "hello", "d").token != key.token  # and the code


def test_file_key_hashes_the_bytes(tmp_path: Path) -> None:
    path = tmp_path / "news.txt"
    path.write_bytes(b"caf\xc3\xa9")
    st = path.stat()
    with path.open("rb") as fh:
        digest = file_digest(fh)
    assert digest == hashlib.sha1(b"caf\xc3\xa9").hexdigest()
    key = file_key(str(path), digest, st, "c")
    assert (key.size, key.mtime_ns) == (st.st_size, st.st_mtime_ns)
    assert key.token != source_key(str(path), "café", "c").token  # bytes and text never mix
    other = hashlib.sha1(b"other").hexdigest()
    assert file_key(str(path), other, st, "c").token != key.token


def test_source_key_of_stdin_hashes_the_text() -> None:
    a = source_key("<stdin>", "text one")
    b = source_key("<stdin>", "text two")
    assert a.mtime_ns == 0 and a.name == "<stdin>"
    assert a.token != b.token
    assert source_key("<stdin>", "text one").token == a.token
    assert source_key("<stdin>", "odd \ud800 surrogate").digest  # never raises


def test_code_fingerprint_depends_on_the_callables() -> None:
    def one() -> None: ...

    def two() -> None: ...

    assert code_fingerprint(one) == code_fingerprint(one)
    assert code_fingerprint(one) != code_fingerprint(two)
    assert code_fingerprint("a") == code_fingerprint("a")


def test_default_folder_is_under_the_user_cache_dir() -> None:
    # conftest points XDG_CACHE_HOME at a temporary folder.
    folder = default_cache_dir()
    assert "xdg" in str(folder)
    assert CorpusCache().folder == folder


def test_the_fingerprint_tells_recognisers_apart() -> None:
    """A string names what produced the result (``analyze:builtin``): its value counts, so a
    switch of recogniser never answers ``person:`` from the other recogniser's index."""
    builtin = code_fingerprint("newsreader.analysis.analyze:builtin")
    assert builtin == code_fingerprint("newsreader.analysis.analyze:builtin")
    assert builtin != code_fingerprint("newsreader.analysis.analyze:spacy")


def test_an_index_built_with_one_recogniser_is_not_read_with_another(tmp_path: Path) -> None:
    """The issue's reproduction without spaCy: two analysers that disagree, one cache."""
    from newsreader.library import Library
    from newsreader.model import Analysis, Entity

    text = "Kinmen ferry\n\nThe ferry from Kinmen left on time, officials said.\n"

    def finds(name: str) -> Any:
        def analyse(article: Any) -> Analysis:
            return Analysis((), (Entity(name, "PERSON", 0, 0, len(name)),), "x")

        return analyse

    def persons(name: str, key: str) -> list[int]:
        library = Library(cache_dir=tmp_path / "cache", analyzer=finds(name), analyzer_key=key)
        library.load_texts([("k.txt", text)])
        library.ensure_index()
        found = library.search('person:"' + name.lower() + '"')
        library.close()
        return found

    assert persons("The ferry", "test.analyse:first") == [0]
    assert persons("Kinmen", "test.analyse:second") == [0]
    assert persons("The ferry", "test.analyse:second") == []
