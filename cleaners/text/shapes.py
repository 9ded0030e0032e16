"""Reading plain text in the shape its scraper gave it: one logical line per block of the page.

Scrapers hand over text in different shapes, and the line classifier wants one visible block per line:

* a browser's copy (one text node per line): read as it is;
* Markdown (html2text, markdownify): paragraphs joined over their soft line breaks; headings, bullets, table
  rows, quotes and code understood and kept as the line's Markdown; ``[text](url)`` and ``**emphasis**`` read
  as their text (the share of the line inside links is kept: a line that is all links is navigation);
  ``![alt](src)`` images and ``[1]: url`` reference definitions taken out as removed lines;
* text-browser dumps (``lynx -dump``, ``w3m -dump``): the numbered list of link targets at the end taken out,
  the ``[12]`` markers after link texts dropped;
* fixed-width dumps: lines the renderer wrapped (the next word would not have fitted) joined back;
* one text node per line with inline elements split off (``get_text("\\n")``): a line ending inside a sentence
  (a trailing space, or the next line starting with one) joined with the next;
* indentation and column padding: stripped (the classifier reads words, not layout).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

Label = tuple[str, str]  # (kind, reason)


@dataclass(slots=True)
class Line:
    """One logical line: its plain text, its Markdown (None when the same as the text), the share of its text
    inside links, and a label when reading alone decided it is not content."""

    text: str
    markdown: str | None = None
    link_share: float = 0.0
    label: Label | None = None


_MD_LINK = re.compile(
    r"(!?)\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*<?([^()\s>]*(?:\([^()\s]*\)[^()\s>]*)*)>?"
    r"(?:\s+\"[^\"]*\")?\s*\)"
)
_MD_REF_LINK = re.compile(r"(!?)\[([^\[\]]+)\]\[[^\[\]]*\]")
_MD_REF_DEF = re.compile(r"^ {0,3}\[[^\[\]]+\]:\s+\S+")
_MD_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_MD_BULLET = re.compile(r"^\s*([*+-]|\d{1,3}[.)])\s+(?=\S)")
_MD_RULE = re.compile(r"^\s*(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
_MD_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_MD_FENCE = re.compile(r"^\s*(```|~~~)")
_MD_QUOTE = re.compile(r"^\s*>\s?")
_MD_EMPHASIS = re.compile(
    r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"
    r"|(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])"
)
_MD_CODE = re.compile(r"`+([^`]*)`+")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<])")
_TABLE_RULE_CELL = re.compile(r"^:?-{2,}:?$")
_TEXT_BULLET = re.compile(r"^\s*([•·▪◦‣●○■□–*-])\s+(?=\S)")
_REF_MARKER = re.compile(r"\[\d{1,4}\]")
_REF_HEADER = re.compile(r"^\s*(?:References|Visible links|Hidden links|Links)\s*:?\s*$")
_REF_ENTRY = re.compile(r"^\s*\d{1,4}\.\s+\S+:\S+\s*$")
_CONTINUING = frozenset(",.;:!?)]")  # a line starting with one of these goes on from the line above

LAYOUT_CELL_CHARS = 200  # a table cell longer than this is a column of the page's layout, not data
MARKDOWN_MIN_MARKS = 3  # link or image syntax, headings or reference definitions that make a page Markdown
REFERENCES_MIN_ENTRIES = 3
WRAP_MIN_WIDTH, WRAP_MAX_WIDTH = 40, 132
WRAP_MIN_LINES = 6  # wrapped lines needed to tell a wrap width
WRAP_MIN_SHARE = 0.6  # of the lines followed by a line of text: wrapped (the next word would not have fitted)
WRAP_MAX_OVER = 0.02  # share of lines longer than the width (unbreakable URLs)
SPLIT_MIN_LINES = 10
SPLIT_MIN_SHARE = 0.05  # of the text lines ending in a space (one text node per line, inline elements split off)


def _strip_inline(text: str) -> tuple[str, float]:
    """Markdown inline syntax read as text: (plain text, share of it inside links)."""
    link_chars = 0

    def link(match: re.Match) -> str:
        nonlocal link_chars
        if match.group(1):  # an image inside a line: its alt text is not prose
            return " "
        inner = _MD_EMPHASIS.sub(_emphasis_text, match.group(2))
        link_chars += _visible(inner)
        return inner

    text = _MD_LINK.sub(link, text)
    text = _MD_REF_LINK.sub(link, text)
    text = _MD_CODE.sub(r"\1", text)
    text = _MD_EMPHASIS.sub(_emphasis_text, text)
    text = " ".join(_MD_ESCAPE.sub(r"\1", text).split())
    return text, (min(1.0, link_chars / _visible(text)) if text else 0.0)


def _visible(text: str) -> int:
    """Characters other than spaces (links apart in a menu are still all of its text)."""
    return len(text) - text.count(" ")


def markdown_as_text(text: str) -> str:
    """Markdown inline syntax read as text: links as their text, images, emphasis marks and escapes dropped."""
    return _strip_inline(text)[0]


def _emphasis_text(match: re.Match) -> str:
    return next(group for group in match.groups()[1:] if group is not None)


def _table_lines(raw: str) -> list[Line]:
    """A table row: one Line with the cells as Markdown, or one Line per cell when a cell holds a block of text
    (a layout table: its cells are the page's columns, e.g. a menu beside the article)."""
    cells = [_strip_inline(cell) for cell in raw.strip().strip("|").split("|")]
    cells = [(text, share) for text, share in cells if text and not _TABLE_RULE_CELL.match(text)]
    if any(len(text) > LAYOUT_CELL_CHARS for text, _ in cells):
        return [Line(text, None, share) for text, share in cells]
    text = " ".join(cell for cell, _ in cells)
    if not text:
        return []
    share = sum(len(cell) * cell_share for cell, cell_share in cells) / len(text)
    return [Line(text, "| " + " | ".join(cell for cell, _ in cells) + " |", share)]


def _markdown_lines(raw: str, in_code: bool) -> list[Line]:
    """One logical Markdown line as Lines (none for pure markup: rules, fences, table rules, empty syntax)."""
    if in_code:
        return [Line(raw.strip(), f"    {raw.strip()}")] if raw.strip() else []
    if _MD_RULE.match(raw) or _MD_TABLE_RULE.match(raw):
        return []
    if _MD_REF_DEF.match(raw):
        return [Line(raw.strip(), label=("navigation", "link target of a Markdown reference link"))]
    prefix = ""
    if heading := _MD_HEADING.match(raw):
        prefix, raw = heading.group(1) + " ", heading.group(2)
    elif quote := _MD_QUOTE.match(raw):
        prefix, raw = "> ", raw[quote.end() :]
    if bullet := _MD_BULLET.match(raw):
        marker = bullet.group(1)
        prefix += "* " if marker in "*+-" else marker + " "
        raw = raw[bullet.end() :]
    if raw.strip().startswith("|"):
        return _table_lines(raw)
    text, link_share = _strip_inline(raw)
    if not text:
        if any(m.group(1) for m in _MD_LINK.finditer(raw)):
            return [Line(raw.strip(), label=("photo_caption", "image in Markdown syntax"))]
        return []
    markdown = prefix + _emphasis_kept(raw)
    return [Line(text, markdown if markdown != text else None, link_share)]


def _emphasis_kept(raw: str) -> str:
    """The line's Markdown with links read as their text (emphasis, code kept)."""
    text = _MD_LINK.sub(lambda m: "" if m.group(1) else m.group(2), raw)
    return " ".join(_MD_REF_LINK.sub(lambda m: "" if m.group(1) else m.group(2), text).split())


def _starts_markdown_block(raw: str) -> bool:
    return bool(
        _MD_HEADING.match(raw)
        or _MD_BULLET.match(raw)
        or _MD_QUOTE.match(raw)
        or _MD_FENCE.match(raw)
        or _MD_RULE.match(raw)
        or _MD_TABLE_RULE.match(raw)
        or _MD_REF_DEF.match(raw)
        or raw.lstrip().startswith("|")
    )


def read_markdown(raw_lines: list[str]) -> list[Line]:
    """Markdown: a paragraph's lines (soft breaks) joined; each block element one Line."""
    out: list[Line] = []
    in_code = False
    logical: list[str] = []

    def flush() -> None:
        if logical:
            out.extend(_markdown_lines(" ".join(part.strip() for part in logical), False))
            logical.clear()

    for raw in raw_lines:
        if _MD_FENCE.match(raw):
            flush()
            in_code = not in_code
            continue
        if in_code:
            out.extend(_markdown_lines(raw, True))
            continue
        if not raw.strip():
            flush()
        elif _starts_markdown_block(raw) or (logical and _is_table_row(logical[-1])):
            flush()
            logical.append(raw)
        else:
            logical.append(raw)
    flush()
    return out


def _is_table_row(raw: str) -> bool:
    return raw.lstrip().startswith("|")


_MD_BLOCK_MARKS = re.compile(r"^ {0,3}(?:#{1,6}\s|\[[^\[\]\n]+\]:\s+\S)", re.M)


def _is_markdown(text: str) -> bool:
    """Link or image syntax, headings or reference definitions: MARKDOWN_MIN_MARKS of them."""
    marks = text.count("](")
    return marks >= MARKDOWN_MIN_MARKS or marks + len(_MD_BLOCK_MARKS.findall(text)) >= MARKDOWN_MIN_MARKS


_REF_HEADER_ANYWHERE = re.compile(_REF_HEADER.pattern, re.M)


def _reference_list(text: str, raw_lines: list[str]) -> int | None:
    """Index of the header of a text browser's numbered list of link targets at the end of the page."""
    if _REF_HEADER_ANYWHERE.search(text) is None:
        return None
    for i in range(len(raw_lines) - 1, -1, -1):
        if _REF_HEADER.match(raw_lines[i]):
            entries = sum(1 for raw in raw_lines[i + 1 :] if _REF_ENTRY.match(raw))
            if entries >= REFERENCES_MIN_ENTRIES and entries >= 0.8 * sum(1 for r in raw_lines[i + 1 :] if r.strip()):
                return i
    return None


def _wrap_width(raw_lines: list[str]) -> int | None:
    """The column a fixed-width renderer wrapped the text at, or None when lines were not wrapped.

    The width is the widest line once WRAP_MAX_OVER of the lines (unbreakable words) are left out. The text was
    wrapped there when most lines followed by another line of text would not have had room for its first word.
    """
    widths = sorted((len(raw.rstrip()) for raw in raw_lines if raw.strip()), reverse=True)
    if len(widths) < WRAP_MIN_LINES:
        return None
    width = widths[int(WRAP_MAX_OVER * len(widths))]
    if not WRAP_MIN_WIDTH <= width <= WRAP_MAX_WIDTH:
        return None
    # lines too short to have been wrapped even before the whole next line are ruled out first (most pages)
    candidates = [(line, nxt) for line, nxt in pairwise(raw_lines) if len(line) + len(nxt) >= width]
    wrapped = sum(
        1
        for line, nxt in candidates
        if nxt.strip()
        and len(line.rstrip()) + 1 + len(nxt.split(maxsplit=1)[0]) > width
        and not _TEXT_BULLET.match(nxt)
        and not _MD_BULLET.match(nxt)
    )
    if wrapped < WRAP_MIN_LINES:
        return None
    pairs = sum(
        1
        for line, nxt in pairwise(raw_lines)
        if line.strip() and nxt.strip() and not _TEXT_BULLET.match(nxt) and not _MD_BULLET.match(nxt)
    )
    return width if wrapped >= WRAP_MIN_SHARE * pairs else None


def _join_wrapped(raw_lines: list[str], width: int) -> list[str]:
    """Lines the renderer wrapped joined back: a line goes on in the next one when the next line's first word
    would not have fitted after it (and the next line is not a list item)."""
    out: list[str] = []
    previous = ""
    for raw in raw_lines:
        stripped = raw.strip()
        first = stripped.split(maxsplit=1)[0] if stripped else ""
        wrapped = previous.strip() and first and len(previous.rstrip()) + 1 + len(first) > width
        if wrapped and not _TEXT_BULLET.match(raw) and not _MD_BULLET.match(raw):
            out[-1] = out[-1].rstrip() + " " + stripped
        else:
            out.append(raw)
        previous = raw
    return out


_TRAILING_SPACE = re.compile(r"\S[ \t]+$", re.M)


def _split_inline(text: str, raw_lines: list[str]) -> bool:
    """One text node per line with inline elements split off: many lines of text end in a space."""
    trailing = len(_TRAILING_SPACE.findall(text))
    if trailing < SPLIT_MIN_SHARE * SPLIT_MIN_LINES:
        return False
    lines = sum(1 for raw in raw_lines if raw.strip())
    return lines >= SPLIT_MIN_LINES and trailing >= SPLIT_MIN_SHARE * lines


def _join_inline(raw_lines: list[str]) -> list[str]:
    """Inline pieces of one sentence joined: a line ending in a space, or followed straight away by one that starts
    with a single space or a comma, full stop, closing bracket..., goes on in the next line."""
    out: list[str] = []
    for raw in raw_lines:
        if (
            out
            and raw.strip()
            and out[-1].strip()
            and (out[-1][-1] == " " or (raw[0] == " " and raw[1:2] != " ") or raw[0] in _CONTINUING)
        ):
            out[-1] += raw
        else:
            out.append(raw)
    return out


def _plain_line(raw: str) -> Line:
    text = raw.strip()
    if _REF_MARKER.search(text):
        without = " ".join(_REF_MARKER.sub("", text).split())
        share = 1.0 if not without else min(1.0, len(_REF_MARKER.findall(text)) * 12 / max(len(without), 1))
        return Line(without or text, None, share, None if without else ("navigation", "link number"))
    if bullet := _TEXT_BULLET.match(raw):
        return Line(text, "* " + raw[bullet.end() :].strip())
    return Line(text)


def read_lines(text: str) -> list[Line]:
    """The page's logical lines, read according to its shape."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    raw_lines = text.split("\n")
    if _is_markdown(text):
        return read_markdown(raw_lines)
    tail: list[Line] = []
    if (refs := _reference_list(text, raw_lines)) is not None:
        tail = [
            Line(raw.strip(), label=("navigation", "numbered list of the page's links (text-browser dump)"))
            for raw in raw_lines[refs:]
            if raw.strip()
        ]
        raw_lines = raw_lines[:refs]
        lines = [_plain_line(raw) for raw in _joined(text, raw_lines) if raw.strip()]
        return lines + tail
    return [Line(line) for line in map(str.strip, _joined(text, raw_lines)) if line]


def _joined(text: str, raw_lines: list[str]) -> list[str]:
    if (width := _wrap_width(raw_lines)) is not None:
        return _join_wrapped(raw_lines, width)
    if _split_inline(text, raw_lines):
        return _join_inline(raw_lines)
    return raw_lines
