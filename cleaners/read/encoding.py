"""Raw bytes to text: byte-order mark, HTTP charset, ``<meta charset>``, UTF-8, then a detector; mojibake
repaired (ftfy)."""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Mapping
from functools import cache, partial

from charset_normalizer import from_bytes

_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)
_META_CHARSET = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)
_META_SCAN_BYTES = 4096
_CLOSE_CHAOS = 0.15  # charset-normalizer mess ratios this close count as a tie
_RARE_ON_THE_WEB = {
    "cp1257",
    "cp775",
    "cp437",
    "cp850",
    "cp1006",
    "cp1125",
    "mac_latin2",
    "mac_roman",
    "mac_iceland",
    "mac_turkish",
    "mac_greek",
    "mac_cyrillic",
}
# WHATWG: these labels mean windows-1252 in browsers (pages labelled latin-1 routinely use cp1252 quotes).
_WINDOWS_1252_LABELS = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "ascii", "us-ascii", "cp819"}


def bom_encoding(data: bytes) -> str | None:
    return next((name for bom, name in _BOMS if data.startswith(bom)), None)


def header_charset(headers: Mapping[str, str] | None) -> str | None:
    match = _HEADER_CHARSET.search((headers or {}).get("content-type", ""))
    return match.group(1) if match else None


def meta_charset(data: bytes) -> str | None:
    """The charset a <meta charset> or http-equiv Content-Type tag declares in the first 4 KB."""
    match = _META_CHARSET.search(data[:_META_SCAN_BYTES])
    if not match:
        return None
    label = match.group(1).decode("ascii", errors="ignore")
    return None if label.lower().startswith("utf-16") else label  # an ASCII-readable page is not UTF-16


def _try_decode(data: bytes, label: str | None) -> tuple[str, str] | None:
    """(text, codec): strictly decoded with a declared label (windows-1252 for latin-1 labels); None if it does
    not fit, or the text is empty (the next way of decoding is tried)."""
    if not label:
        return None
    candidates = ["cp1252", label] if label.lower() in _WINDOWS_1252_LABELS else [label]
    for name in candidates:
        try:
            codec = codecs.lookup(name).name
            text = data.decode(codec)
        except (LookupError, UnicodeDecodeError):
            continue
        return (text, codec) if text else None
    return None


def _detect(data: bytes) -> str:
    """charset-normalizer's best guess; but when that is a code page rarely seen on the web (cp1257, Mac and DOS
    pages) and windows-1252 (the web's default legacy encoding) fits about as well, windows-1252: on short
    Western text the detector cannot tell them apart. UTF-8 with replacement characters if nothing fits."""
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return data.decode("utf-8", errors="replace")
    if best.encoding not in _RARE_ON_THE_WEB:
        return str(best)
    close = (m for m in matches if m.chaos <= best.chaos + _CLOSE_CHAOS and m.coherence >= best.coherence - 0.02)
    return str(next((m for m in close if m.encoding == "cp1252"), best))


def decode_bytes(data: bytes, headers: Mapping[str, str] | None = None) -> str:
    """Bytes to text: BOM, HTTP charset header, <meta> charset, UTF-8, then charset-normalizer; then mojibake
    repair (ftfy, only when the text looks mis-decoded)."""
    if bom := bom_encoding(data):
        return repair_mojibake(data.decode(bom, errors="replace").removeprefix("\ufeff"))
    decoded = (
        _try_decode(data, header_charset(headers))
        or _try_decode(data, meta_charset(data))
        or _try_decode(data, "utf-8")
    )
    if decoded is None:
        return repair_mojibake(_detect(data))
    text, codec = decoded
    # strict UTF-8 decoding round-trips: the input bytes are the text's UTF-8, no need to encode it again
    return repair_mojibake(text, data if codec == "utf-8" else None)


# UTF-8 bytes read as cp1252/latin-1 leave a lead byte (Â..ô) followed by a continuation-range character
# (U+0080..U+00BF, or what cp1252 maps those bytes to). Without such a pair there is nothing for ftfy to
# repair, and its badness check costs a third of a page's cleaning time on long pages.
_MOJIBAKE_PAIR = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2122]"
)
# The same pairs in the text's UTF-8 bytes: the literal first byte lets ``re`` skip ahead, twice as fast
# as testing every character against a class, encoding included.
_MOJIBAKE_PAIR_UTF8 = re.compile(
    rb"\xc3[\x82-\xb4](?:\xc2[\x80-\xbf]|\xc5[\x92\x93\xa0\xa1\xb8\xbd\xbe]|\xc6\x92"
    rb"|\xcb[\x86\x9c]|\xe2\x80[\x93-\xbf]|\xe2[\x81-\x83][\x80-\xbf]|\xe2\x84[\x80-\xa2])"
)


@cache
def _ftfy() -> tuple[Callable[[str], str], Callable[[str], bool]]:
    """ftfy's repair and its check, imported on the first page that needs them (most never do; the import costs
    a third of a second of every command's start-up)."""
    import ftfy
    from ftfy.badness import is_bad

    config = ftfy.TextFixerConfig(  # mojibake repair only: no quote uncurling, entity or width changes
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        remove_control_chars=False,
        normalization=None,
    )
    return partial(ftfy.fix_text, config=config), is_bad


def repair_mojibake(text: str, utf8: bytes | None = None) -> str:
    """ftfy's encoding repair, run only when the text has a mojibake-shaped pair and ftfy's check agrees.
    ``utf8``: the text's UTF-8 encoding, when the caller has it."""
    if text.isascii():
        return text
    if not _MOJIBAKE_PAIR_UTF8.search(utf8 if utf8 is not None else text.encode("utf-8", "surrogatepass")):
        return text
    fix, is_bad = _ftfy()
    return fix(text) if is_bad(text) else text
