"""Non-English news pages: the article survives, the site chrome around it does not.

Fixtures in tests/fixtures/multilingual/ are hand-written pages (original article text, chrome phrased as
sites in each language phrase it): ``<lang>.txt`` plain-text dumps (the <title> first, one text node a line)
and ``<lang>.html`` pages. ``expected.json`` lists, per path and language, the article paragraphs that must
be kept verbatim ("keep") and the chrome lines that must be dropped ("drop"). Lines in neither list (title,
headline, byline, subheadings) may go either way.
"""

from __future__ import annotations

import json
from functools import cache

import pytest

from cleaners.html.extract import extract_html
from cleaners.text.extract import extract_text
from cleaners.types import BOILERPLATE_KINDS, Extraction
from tests.paths import FIXTURES

FIXTURES = FIXTURES / "multilingual"
EXPECTED = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))
SUBSTRING_MIN_CHARS = 25  # a dropped line this long must not appear anywhere in the body, not even inside a block

# Known gaps: (path, lang, "keep" | "drop", line) -> reason. Each is a general weakness, not a fixture quirk.
KNOWN_GAPS: dict[tuple[str, str, str, str], str] = {}


@cache
def extraction(path: str, lang: str) -> Extraction:
    if path == "text":
        return extract_text((FIXTURES / f"{lang}.txt").read_text(encoding="utf-8"))
    return extract_html((FIXTURES / f"{lang}.html").read_text(encoding="utf-8"), f"https://example.{lang}/artikel/1")


def _cases(which: str) -> list:
    out = []
    for path, pages in EXPECTED.items():
        for lang, expected in pages.items():
            for line in expected[which]:
                reason = KNOWN_GAPS.get((path, lang, which, line))
                marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
                out.append(pytest.param(path, lang, line, marks=marks, id=f"{path}-{lang}-{line[:40]}"))
    return out


def test_every_language_has_a_text_fixture_and_some_have_html():
    assert set(EXPECTED["text"]) >= {"de", "fr", "es", "it", "pt", "pl", "nl", "ru"}
    assert len(EXPECTED["html"]) >= 3
    for pages in EXPECTED.values():
        for expected in pages.values():
            assert len(expected["keep"]) >= 5 and expected["drop"]


@pytest.mark.parametrize(("path", "lang", "paragraph"), _cases("keep"))
def test_article_paragraph_is_kept(path: str, lang: str, paragraph: str):
    ex = extraction(path, lang)
    why = [(b.kind, b.reason) for b in ex.blocks if paragraph in b.text]
    assert paragraph in ex.body, f"article paragraph dropped: {why}"


@pytest.mark.parametrize(("path", "lang", "line"), _cases("drop"))
def test_chrome_line_is_dropped(path: str, lang: str, line: str):
    ex = extraction(path, lang)
    assert line not in ex.body_blocks
    if len(line) >= SUBSTRING_MIN_CHARS:
        assert line not in ex.body


@pytest.mark.parametrize(("path", "lang"), [(path, lang) for path, pages in EXPECTED.items() for lang in pages])
def test_every_removed_block_has_a_kind(path: str, lang: str):
    for block in extraction(path, lang).blocks:
        if not block.kept:
            assert block.kind in BOILERPLATE_KINDS and block.reason, (block.kind, block.reason, block.text)
