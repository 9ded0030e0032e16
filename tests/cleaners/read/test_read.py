"""Decoders: encodings, folders, JSON lines and WARC reading."""

from __future__ import annotations

import gzip
import inspect
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cleaners.read import JSONL_FIELDS, decode_bytes, read_inputs
from cleaners.read.jsonl import parse_timestamp
from cleaners.read.warc import decode_http_body
from tests.paths import BAD_INPUTS

CORPUS = BAD_INPUTS
FRENCH = "Le café “Chez Zoë” a rouvert — naïve façade, déjà vu, 5 € le croissant; tout le quartier était là."
LATIN = "Le café de la gare a rouvert ses portes; naïve façade, déjà vu, les habitués étaient là très tôt."
RUSSIAN = "Городской совет во вторник вечером утвердил новый бюджет на следующий год, обсуждение заняло три часа."


def html(body: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body><p>{body}</p></body></html>"


# ------------------------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    ("data", "headers", "expected"),
    [
        pytest.param(
            html(FRENCH).encode("cp1252"),
            {"content-type": "text/html; charset=windows-1252"},
            FRENCH,
            id="cp1252-header",
        ),
        pytest.param(html(FRENCH).encode("cp1252"), None, FRENCH, id="cp1252-undeclared"),
        pytest.param(
            html("naïve “quoted”").encode("cp1252"),
            {"content-type": "text/html; charset=ISO-8859-1"},
            "naïve “quoted”",
            id="latin1-label-means-cp1252",
        ),
        pytest.param(html(LATIN).encode("latin-1"), None, LATIN, id="latin1-undeclared"),
        pytest.param(
            html("東京都は予算案を承認した。", '<meta charset="shift_jis">').encode("shift_jis"),
            None,
            "東京都は予算案を承認した。",
            id="shift_jis-meta",
        ),
        pytest.param(
            html(
                "東京都は予算案を承認した。", '<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">'
            ).encode("shift_jis"),
            None,
            "東京都は予算案を承認した。",
            id="shift_jis-http-equiv",
        ),
        pytest.param((RUSSIAN * 3).encode("koi8-r"), None, RUSSIAN, id="koi8-r-undeclared"),
        pytest.param(html(FRENCH).encode("utf-16"), None, FRENCH, id="utf-16-bom"),
        pytest.param(
            b"\xef\xbb\xbf" + html(FRENCH).encode(),
            {"content-type": "text/html; charset=koi8-r"},
            FRENCH,
            id="utf-8-bom-beats-header",
        ),
        pytest.param(
            html(FRENCH).encode().decode("cp1252", errors="ignore").encode(),
            None,
            "café “Chez Zoë",
            id="double-encoded-utf8-mojibake",
        ),
        pytest.param(
            html(FRENCH).encode(),
            {"content-type": "text/html; charset=nonsense-8"},
            FRENCH,
            id="unknown-label-falls-through",
        ),
    ],
)
def test_decode_bytes(data: bytes, headers: dict[str, str] | None, expected: str) -> None:
    assert expected in decode_bytes(data, headers)


def test_header_charset_beats_meta_and_meta_beats_utf8_guess() -> None:
    data = html("ÀÉ", '<meta charset="koi8-r">').encode("cp1252")
    assert "ÀÉ" in decode_bytes(data, {"content-type": "text/html; charset=windows-1252"})
    assert "ÀÉ" not in decode_bytes(data)  # without the header the page's own (wrong) meta wins


def test_mojibake_repair_leaves_good_text_alone() -> None:
    text = "He said “don’t” — fine. 5 € & <b>bold</b> &amp; ﬁ"
    assert decode_bytes(text.encode()) == text  # no quote uncurling, no entity or ligature changes


def test_the_utf8_mojibake_screen_finds_exactly_the_character_pairs() -> None:
    from cleaners.read.encoding import _MOJIBAKE_PAIR, _MOJIBAKE_PAIR_UTF8

    for first in range(0xC0, 0x100):
        for second in range(0x70, 0x2200):
            text = f"x{chr(first)}{chr(second)}y"
            assert bool(_MOJIBAKE_PAIR.search(text)) == bool(_MOJIBAKE_PAIR_UTF8.search(text.encode())), text


def test_central_european_detection_is_not_overridden_by_the_western_preference() -> None:
    czech = "Městská rada v úterý večer schválila nový rozpočet na příští rok, diskuse trvala tři hodiny."
    assert decode_bytes(czech.encode("cp1250")) == czech


def test_invalid_utf8_still_decodes() -> None:
    data = html(FRENCH).encode()
    broken = data[:40] + b"\xff" + data[40:]
    assert "naïve façade, déjà vu" in decode_bytes(broken)


# ------------------------------------------------------------------------------------------------ files


def test_folders_are_walked_recursively_skipping_hidden_and_unsupported(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    (tmp_path / "a" / "b" / "page.HTML").write_text(html("x"))
    (tmp_path / "a" / "page.htm.gz").write_bytes(gzip.compress(html("y").encode()))
    (tmp_path / "notes.txt").write_text("text")
    (tmp_path / ".hidden.html").write_text(html("hidden"))
    (tmp_path / ".git" / "inside.html").write_text(html("hidden"))
    (tmp_path / "style.css").write_text("body {}")
    docs = list(read_inputs([tmp_path]))
    names = [Path(d.source).relative_to(tmp_path).as_posix() for d in docs]
    assert names == ["a/b/page.HTML", "a/page.htm.gz", "notes.txt"]
    assert [d.content_type for d in docs] == ["html", "html", "text"]
    assert b"y" in docs[1].data  # decompressed


def test_read_inputs_is_a_lazy_generator(tmp_path: Path) -> None:
    stream = read_inputs([tmp_path / "missing.html"])
    assert inspect.isgenerator(stream)
    [doc] = stream
    assert doc.read_error == "missing"


# ------------------------------------------------------------------------------------------ JSON lines


def _jsonl(tmp_path: Path, rows: list[object], name: str = "pages.jsonl") -> Path:
    text = "\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n"
    path = tmp_path / name
    path.write_bytes(gzip.compress(text.encode()) if name.endswith(".gz") else text.encode())
    return path


def test_jsonl_default_field_names(tmp_path: Path) -> None:
    path = _jsonl(
        tmp_path,
        [
            {
                "link": "https://x/1",
                "raw_html": html("one"),
                "crawled_at": "2024-05-01T14:00:00+02:00",
                "headers": {"Content-Type": "text/html; charset=koi8-r"},
            },
            {"source_url": "https://x/2", "content": "plain text page", "date_fetched": 1714564800},
        ],
        name="pages.ndjson",
    )
    first, second = read_inputs([path])
    assert (first.source, first.url, first.content_type) == (f"{path}#L1", "https://x/1", "html")
    assert first.fetched_at == datetime(2024, 5, 1, 12, tzinfo=UTC)
    assert first.headers == {"content-type": "text/html; charset=koi8-r"}
    assert "one" in decode_bytes(first.data, first.headers)  # the BOM outranks the recorded charset
    assert (second.url, second.content_type, second.fetched_at) == ("https://x/2", "text", first.fetched_at)


def test_jsonl_fields_can_be_overridden(tmp_path: Path) -> None:
    path = _jsonl(tmp_path, [{"page": html("mine"), "where": "https://x/own", "url": "https://x/ignored"}])
    [doc] = read_inputs([path], fields={"html": ["page"], "url": "where"})
    assert doc.url == "https://x/own" and doc.read_error is None
    assert JSONL_FIELDS["url"] == ("url", "link", "source_url", "source")  # the defaults are untouched
    with pytest.raises(ValueError, match="unknown JSONL field"):
        list(read_inputs([path], fields={"body": ["x"]}))


def test_a_malformed_line_does_not_stop_the_stream(tmp_path: Path) -> None:
    path = _jsonl(tmp_path, [{"html": html("a")}, '{"html": "<p>broken', {"html": html("c")}])
    docs = list(read_inputs([path]))
    assert [d.read_error for d in docs] == [None, "bad_json", None]
    assert "line 2" in docs[1].read_error_detail and "Unterminated string" in docs[1].read_error_detail


def test_a_truncated_jsonl_gz_yields_its_good_lines_then_an_error(tmp_path: Path) -> None:
    path = _jsonl(tmp_path, [{"html": html(f"page {i} " + "x" * 2000)} for i in range(50)], name="p.jsonl.gz")
    path.write_bytes(path.read_bytes()[:-200])
    docs = list(read_inputs([path]))
    assert docs[-1].read_error == "truncated_gzip"
    assert all(d.read_error is None for d in docs[:-1]) and len(docs) > 1


def test_an_over_long_line_is_skipped_over_not_read_whole(tmp_path: Path) -> None:
    path = _jsonl(tmp_path, [{"html": "x" * 5000}, {"html": html("after")}])
    docs = list(read_inputs([path], max_page_bytes=500))  # lines longer than twice the cap are not read whole
    assert [d.read_error for d in docs] == ["too_large", None]
    assert docs[1].source.endswith("#L2") and len(docs[0].data) < 5000


def test_every_reader_applies_the_page_cap_it_is_given(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(html("x" * 600))
    lines = _jsonl(tmp_path, [{"html": html("y" * 600)}])
    capped = list(read_inputs([page, lines, CORPUS / "pages.warc.gz"], max_page_bytes=300))
    assert {d.read_error for d in capped} == {"too_large", "not_text"}  # the WARC's image stays not_text
    assert all("300-byte cap" in d.read_error_detail for d in capped if d.read_error == "too_large")
    assert all(d.read_error is None for d in read_inputs([page, lines]))  # the default cap is 20 MiB


# ------------------------------------------------------------------------------------------------ WARC


def test_warc_response_records_become_documents() -> None:
    docs = list(read_inputs([CORPUS / "pages.warc.gz"]))
    assert [d.url for d in docs] == [
        "https://news.example/a",
        "https://news.example/b",
        "https://news.example/logo.png",
        "https://news.example/c",
    ]
    assert all(d.source.startswith(f"{CORPUS / 'pages.warc.gz'}#") for d in docs)
    assert all(d.fetched_at == datetime(2024, 5, 1, 12, tzinfo=UTC) for d in docs)
    assert docs[0].headers["content-type"] == "text/html; charset=utf-8"  # lower-case keys
    assert docs[1].data.startswith(b"<!DOCTYPE html>")  # de-chunked and gunzipped
    assert "Zipped and chunked" in decode_bytes(docs[1].data, docs[1].headers)
    assert (docs[2].read_error, docs[2].content_type) == ("not_text", None)


def test_http_body_decoding_rejects_a_corrupt_gzip_body() -> None:
    whole = gzip.compress(b"<p>hello</p>" * 100)
    assert decode_http_body(whole, {"content-encoding": "gzip"}) == b"<p>hello</p>" * 100
    with pytest.raises(ValueError, match="ends early"):
        decode_http_body(whole[:-30], {"content-encoding": "gzip"})
    with pytest.raises(ValueError, match="unsupported"):
        decode_http_body(b"x", {"content-encoding": "compress"})


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-05-01T12:00:00Z", datetime(2024, 5, 1, 12, tzinfo=UTC)),
        ("2024-05-01 12:00:00", datetime(2024, 5, 1, 12, tzinfo=UTC)),  # naive means UTC
        ("Wed, 01 May 2024 12:00:00 GMT", datetime(2024, 5, 1, 12, tzinfo=UTC)),
        (1714564800, datetime(2024, 5, 1, 12, tzinfo=UTC)),
        (1714564800000, datetime(2024, 5, 1, 12, tzinfo=UTC)),
        ("yesterday", None),
        (None, None),
        (True, None),
    ],
)
def test_parse_timestamp(value: object, expected: datetime | None) -> None:
    assert parse_timestamp(value) == expected
