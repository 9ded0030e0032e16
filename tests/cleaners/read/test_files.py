"""cleaners.read.files and documents: which paths hold pages, and the page cap."""

from __future__ import annotations

import gzip
from pathlib import Path

from cleaners.read.documents import HEAD_BYTES, MAX_PAGE_BYTES, too_large_detail, too_large_doc
from cleaners.read.files import SINGLE_PAGE_BYTES, container_kind, input_kind, iter_files, read_file, single_page
from schemas import Reason


def test_kinds_come_from_the_suffix_before_gz() -> None:
    assert input_kind(Path("a.HTML.gz")) == "html" and input_kind(Path("b.txt")) == "text"
    assert input_kind(Path("c.jsonl")) is None and container_kind(Path("c.jsonl.gz")) == "jsonl"
    assert container_kind(Path("d.warc.gz")) == "warc" and container_kind(Path("e.html")) is None


def test_folders_are_walked_in_order_without_hidden_or_unsupported_files(tmp_path: Path) -> None:
    for name in ("b.html", "a.txt", ".hidden.txt", "notes.md", "sub/c.jsonl", ".git/d.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    assert [p.relative_to(tmp_path).as_posix() for p in iter_files([tmp_path])] == ["a.txt", "b.html", "sub/c.jsonl"]
    assert list(iter_files([tmp_path / "notes.md"])) == [tmp_path / "notes.md"]  # named explicitly: reported later


def test_a_gzipped_page_is_read_and_a_broken_one_quarantined(tmp_path: Path) -> None:
    good, bad = tmp_path / "good.html.gz", tmp_path / "bad.html.gz"
    good.write_bytes(gzip.compress(b"<p>hello</p>"))
    bad.write_bytes(b"not gzip at all")
    assert read_file(good).data == b"<p>hello</p>" and read_file(good).content_type == "html"
    broken = read_file(bad)
    assert broken.read_error is Reason.BAD_GZIP and broken.data == b"not gzip at all"


def test_an_oversize_page_keeps_its_head_and_says_the_cap() -> None:
    doc = too_large_doc("big.html", b"x" * (HEAD_BYTES + 10), MAX_PAGE_BYTES)
    assert doc.read_error is Reason.TOO_LARGE and len(doc.data) == HEAD_BYTES
    assert str(MAX_PAGE_BYTES) in doc.read_error_detail and "123 bytes" in too_large_detail(123)


def test_a_single_small_page_file_is_told_from_a_stream(tmp_path: Path) -> None:
    page = tmp_path / "one.html"
    page.write_text("<p>one page</p>")
    assert single_page([page]) and single_page([tmp_path])  # the file, or a folder holding only it
    (tmp_path / "feed.jsonl").write_text('{"html": "<p>a</p>"}\n')
    assert not single_page([tmp_path])  # two files
    assert not single_page([tmp_path / "feed.jsonl"])  # one file, but a container of pages
    big = tmp_path / "big" / "page.html"
    big.parent.mkdir()
    big.write_bytes(b"<p>x</p>" * (SINGLE_PAGE_BYTES // 8 + 1))
    assert not single_page([big])  # a big page goes to a worker, where the timeout applies
