"""Bad input never crashes and never vanishes: every file in tests/bad_inputs/ (and the big ones generated
here) gives exactly the outcome tests/bad_inputs/README.md lists for it."""

from __future__ import annotations

import gzip
import time
from pathlib import Path

import pytest

from cleaners.pipeline import clean_document
from cleaners.read import MAX_PAGE_BYTES, read_inputs
from schemas import Article, Outcome, Quarantined, SourceDocument
from tests.paths import BAD_INPUTS

CORPUS = BAD_INPUTS

# source (relative to the corpus) -> quarantine reason, or "page_type:<type>" for a kept record
EXPECTED = {
    "bad_lines.jsonl#L1": "page_type:article",
    "bad_lines.jsonl#L2": "bad_json",
    "bad_lines.jsonl#L3": "bad_json",
    "bad_lines.jsonl#L5": "no_page_field",
    "bad_lines.jsonl#L6": "page_type:article",
    "binary_png.html": "binary",
    "cp1252_undeclared.html": "page_type:article",
    "empty.html": "empty",
    "empty.jsonl": "empty",
    "entity_bomb.html": "xml_entities",
    "error_page.html": "page_type:error_page",
    "index_page.html": "page_type:index",
    "invalid_utf8.html": "page_type:article",
    "koi8r_undeclared.txt": "page_type:article",
    "latin1_meta.html": "page_type:article",
    "login_wall.html": "page_type:login_wall",
    "mojibake_double_utf8.html": "page_type:article",
    "no_body.html": "no_body",
    "not_a_warc.warc#0": "bad_warc",
    "not_gzip.html.gz": "bad_gzip",
    "pages.warc.gz#0": "page_type:article",
    "pages.warc.gz#487": "page_type:article",
    "pages.warc.gz#1104": "not_text",
    "pages.warc.gz#1713": "page_type:article",
    "shift_jis_meta.html": "page_type:article",
    "truncated.html.gz": "truncated_gzip",
    "truncated.warc.gz#0": "page_type:article",
    "truncated.warc.gz#487": "truncated_warc",
    "utf16_bom.html": "page_type:article",
    "whitespace_only.txt": "empty",
}


def verdict(outcome: Outcome) -> str:
    if isinstance(outcome, Article):
        return f"page_type:{outcome.record.page_type}"
    assert isinstance(outcome, Quarantined), "an outcome is either an article or a quarantine"
    assert len(outcome.detail) > 30, f"detail too thin: {outcome.detail!r}"
    return outcome.reason


@pytest.fixture(scope="module")
def corpus_outcomes() -> dict[str, Outcome]:
    outcomes = {}
    for doc in read_inputs([CORPUS]):
        key = str(Path(doc.source).relative_to(CORPUS))
        assert key not in outcomes, f"{key} read twice"
        outcomes[key] = clean_document(doc)
    return outcomes


def test_every_corpus_input_has_exactly_the_expected_outcome(corpus_outcomes: dict[str, Outcome]) -> None:
    assert {k: verdict(o) for k, o in corpus_outcomes.items()} == EXPECTED


def test_every_corpus_file_is_read_and_listed_in_the_readme(corpus_outcomes: dict[str, Outcome]) -> None:
    files = {p.name for p in CORPUS.iterdir() if p.suffix not in (".md", ".py")}
    assert files == {k.split("#")[0] for k in corpus_outcomes}  # nothing vanished
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    assert all(f"`{name}`" in readme for name in files)


def test_legacy_encodings_decode_to_the_right_text(corpus_outcomes: dict[str, Outcome]) -> None:
    body = {k: o.record.body for k, o in corpus_outcomes.items() if isinstance(o, Article)}
    for name in ("cp1252_undeclared.html", "mojibake_double_utf8.html", "utf16_bom.html"):
        assert "Le café “Chez Zoë” a rouvert — naïve façade, déjà vu, 5 €" in body[name], name
    assert "naïve façade, déjà vu, les habitués" in body["latin1_meta.html"]
    assert "東京都は火曜日、新しい予算案を承認した" in body["shift_jis_meta.html"]
    assert "Городской совет во вторник вечером" in body["koi8r_undeclared.txt"]
    assert "naïve façade" in body["invalid_utf8.html"].replace("\ufffd", "")  # one bad byte, the rest intact


def test_the_entity_bomb_is_not_expanded(corpus_outcomes: dict[str, Outcome]) -> None:
    outcome = corpus_outcomes["entity_bomb.html"]
    assert "billion laughs" in outcome.detail


def test_warc_metadata_and_encodings(corpus_outcomes: dict[str, Outcome]) -> None:
    chunked_gzip_cp1252 = corpus_outcomes["pages.warc.gz#487"]
    assert chunked_gzip_cp1252.doc.url == "https://news.example/b"
    assert chunked_gzip_cp1252.doc.headers["content-encoding"] == "gzip"
    assert chunked_gzip_cp1252.doc.fetched_at.isoformat() == "2024-05-01T12:00:00+00:00"
    assert "Zipped and chunked" in chunked_gzip_cp1252.record.title
    assert corpus_outcomes["pages.warc.gz#1713"].doc.url == "https://news.example/c"  # read past the request


def test_jsonl_lines_keep_url_and_fetch_time(corpus_outcomes: dict[str, Outcome]) -> None:
    first, last = corpus_outcomes["bad_lines.jsonl#L1"], corpus_outcomes["bad_lines.jsonl#L6"]
    assert first.doc.url == "https://news.example/ok"
    assert first.doc.fetched_at.isoformat() == "2024-05-01T12:00:00+00:00"
    assert last.doc.url == "https://news.example/text" and last.doc.content_type == "text"
    assert "line 2" in corpus_outcomes["bad_lines.jsonl#L2"].detail


def _big_page(size: int) -> bytes:
    paragraph = b"<p>The council met on Tuesday evening to debate the proposal and voted again.</p>\n"
    return b"<html><body>" + paragraph * (size // len(paragraph) + 1) + b"</body></html>"


@pytest.mark.parametrize("name", ["huge.html", "huge.html.gz"])
def test_a_50_mb_page_is_capped_without_being_read_whole(tmp_path: Path, name: str) -> None:
    data = _big_page(50 * 1024 * 1024)
    path = tmp_path / name
    path.write_bytes(gzip.compress(data, compresslevel=1) if name.endswith(".gz") else data)
    [doc] = read_inputs([path])
    assert len(doc.data) < MAX_PAGE_BYTES  # only a head is kept in memory
    outcome = clean_document(doc)
    assert outcome.reason == "too_large"
    assert str(MAX_PAGE_BYTES) in outcome.detail


def test_an_oversized_document_built_in_memory_is_capped_by_the_pipeline() -> None:
    outcome = clean_document(SourceDocument("mem", _big_page(MAX_PAGE_BYTES + 1), content_type="html"))
    assert outcome.reason == "too_large"


def test_100000_nested_divs_neither_crash_nor_hang(tmp_path: Path) -> None:
    depth = 100_000
    page = "<html><body>" + "<div>" * depth + "<p>Deep text.</p>" + "</div>" * depth + "</body></html>"
    path = tmp_path / "nested.html"
    path.write_text(page)
    start = time.perf_counter()
    outcomes = [clean_document(doc) for doc in read_inputs([path])]
    assert time.perf_counter() - start < 10
    assert [o.reason for o in outcomes] == ["unparsable"]


def test_a_truncated_warc_body_stops_that_file_cleanly(tmp_path: Path) -> None:
    whole = gzip.decompress((CORPUS / "pages.warc.gz").read_bytes())
    cut = whole.index(b"Last page</h1>")  # inside the body of the last record
    (tmp_path / "cut.warc").write_bytes(whole[:cut])
    docs = list(read_inputs([tmp_path / "cut.warc"]))
    assert [d.read_error for d in docs] == [None, None, "not_text", "truncated_warc"]
    assert "the record body has" in docs[-1].read_error_detail
    assert clean_document(docs[-1]).reason == "truncated_warc"
