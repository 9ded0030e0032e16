"""Regenerates the binary and legacy-encoded files of this corpus (run from anywhere; needs warcio).

    .venv/bin/python tests/bad_inputs/make_corpus.py

The text files (HTML pages, JSON lines) are written by hand; this script writes the ones that are awkward
to edit: other encodings, gzip, WARC, binary. Output is deterministic except WARC record ids and dates,
which are fixed here.
"""

from __future__ import annotations

import gzip
import io
import zlib
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  (registers the "sloppy-windows-1252" codec)
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).resolve().parent
PARAGRAPH = (
    "The council met on Tuesday evening to debate the proposal, and after three hours of discussion "
    "the members voted to approve the new budget for the coming year."
)


def page(title: str, body: str, head: str = "") -> str:
    return (
        f"<!DOCTYPE html>\n<html><head>{head}<title>{title}</title></head>\n<body><article>\n<h1>{title}</h1>\n"
        f"<p>{body}</p>\n<p>{PARAGRAPH}</p>\n</article></body></html>\n"
    )


def write_encodings() -> None:
    cafe = "Le café “Chez Zoë” a rouvert — naïve façade, déjà vu, 5 € le croissant; tout le quartier était là."
    (HERE / "cp1252_undeclared.html").write_bytes(page("Café news", cafe).encode("cp1252"))
    latin = "Le café de la gare a rouvert ses portes; naïve façade, déjà vu, les habitués étaient là très tôt."
    declared = '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
    (HERE / "latin1_meta.html").write_bytes(page("Café", latin, declared).encode("latin-1"))
    japanese = "東京都は火曜日、新しい予算案を承認したと発表しました。市民の生活に大きな影響を与える見込みです。"
    sjis = page("予算案", japanese, '<meta charset="shift_jis">').encode("shift_jis")
    (HERE / "shift_jis_meta.html").write_bytes(sjis)
    russian = (
        "Городской совет во вторник вечером утвердил новый бюджет на следующий год. Обсуждение заняло три часа, "
        "и депутаты долго спорили о расходах на транспорт и школы. Жители района собрались у здания совета.\n"
    )
    (HERE / "koi8r_undeclared.txt").write_bytes(("Новый бюджет\n\n" + russian * 3).encode("koi8-r"))
    (HERE / "utf16_bom.html").write_bytes(page("Budget news", cafe).encode("utf-16"))  # "utf-16" writes a BOM
    # UTF-8 read as windows-1252 and saved again as UTF-8 (ftfy's sloppy codec keeps the bytes cp1252 lacks)
    mojibake = page("Café news", cafe).encode("utf-8").decode("sloppy-windows-1252").encode("utf-8")
    (HERE / "mojibake_double_utf8.html").write_bytes(mojibake)
    valid = page("Café news", cafe).encode("utf-8")
    cut = valid.index("naïve".encode()) + 2  # a stray byte after "na"
    (HERE / "invalid_utf8.html").write_bytes(valid[:cut] + b"\xff" + valid[cut:])


def write_binary_and_gzip() -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    (HERE / "binary_png.html").write_bytes(png)
    full = gzip.compress(page("Truncated", PARAGRAPH).encode() * 20, mtime=0)
    (HERE / "truncated.html.gz").write_bytes(full[: len(full) // 2])
    (HERE / "not_gzip.html.gz").write_bytes(page("Not gzip", PARAGRAPH).encode())


def _fixed_ids(url: str, kind: str) -> dict[str, str]:
    """Fixed record id and date, so the file (and its record offsets) is the same on every run."""
    record_id = f"<urn:uuid:{zlib.crc32(f'{kind} {url}'.encode()):012d}>"
    return {"WARC-Date": "2024-05-01T12:00:00Z", "WARC-Record-ID": record_id}


def _response(writer: WARCWriter, url: str, payload: bytes, headers: list[tuple[str, str]]) -> None:
    http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url, "response", payload=io.BytesIO(payload), http_headers=http, warc_headers_dict=_fixed_ids(url, "response")
    )
    writer.write_record(record)


def warc_bytes() -> bytes:
    stream = io.BytesIO()
    writer = WARCWriter(stream, gzip=True)
    _response(
        writer,
        "https://news.example/a",
        page("Plain page", PARAGRAPH).encode(),
        [("Content-Type", "text/html; charset=utf-8")],
    )
    zipped = gzip.compress(page("Zipped and chunked", PARAGRAPH).encode("cp1252"), mtime=0)
    chunked = b"%x\r\n" % len(zipped) + zipped + b"\r\n0\r\n\r\n"
    encoded = [
        ("Content-Type", "text/html; charset=windows-1252"),
        ("Content-Encoding", "gzip"),
        ("Transfer-Encoding", "chunked"),
    ]
    _response(writer, "https://news.example/b", chunked, encoded)
    png = b"\x89PNG\r\n\x1a\n" + bytes(200)
    _response(writer, "https://news.example/logo.png", png, [("Content-Type", "image/png")])
    request = io.BytesIO(b"GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n")
    writer.write_record(
        writer.create_warc_record(
            "https://news.example/a",
            "request",
            payload=request,
            warc_headers_dict=_fixed_ids("https://news.example/a", "request"),
        )
    )
    _response(writer, "https://news.example/c", page("Last page", PARAGRAPH).encode(), [("Content-Type", "text/html")])
    return stream.getvalue()


def write_warcs() -> None:
    data = warc_bytes()
    (HERE / "pages.warc.gz").write_bytes(data)
    (HERE / "truncated.warc.gz").write_bytes(data[:700])  # inside the second record
    (HERE / "not_a_warc.warc").write_bytes(b"this is a text file, not a WARC archive\n" * 10)


if __name__ == "__main__":
    write_encodings()
    write_binary_and_gzip()
    write_warcs()
