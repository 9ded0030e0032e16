"""Issue 4 acceptance on the seeds, fed as RawMetadata with the strings the text path finds on each page.

(The plain-text extractor fills RawMetadata in parallel; these tests pin the normalization side alone.)
"""

from __future__ import annotations

import json

import pytest

from cleaners.metadata.normalize import normalize_metadata
from cleaners.types import RawMetadata
from tests.paths import FIXTURES

EXPECTED = FIXTURES / "seeds_expected"

SEED_RAW = {
    "000_dd2bd43269241356": RawMetadata(
        title="US Formally Accuses Iran of Supplying Russia With Missiles",
        section="War",
        date="Post At: Sep 10/2024 11:50PM",
        sources={"title": "text:first-line", "section": "text:section-line", "date": "text:dateline"},
    ),
    "004_7505dcc0a2ded50f": RawMetadata(
        title="Iranian missile transfer to Russia 'dramatic escalation' in war, US official says",
        byline="by Abbey Fenbert and The Kyiv Independent news desk September 7, 2024 6:13 AM 2 min read",
        sources={"title": "text:heading", "byline": "text:byline"},
    ),
}


def _expected(stem: str) -> dict:
    return json.loads((EXPECTED / f"{stem}.json").read_text(encoding="utf-8"))


def _normalized(stem: str):
    expected = _expected(stem)
    body = "\n\n".join(expected["body_paragraphs"])
    return expected, normalize_metadata(SEED_RAW[stem], body)


@pytest.mark.parametrize("stem", sorted(SEED_RAW))
def test_seed_metadata(stem: str) -> None:
    expected, meta = _normalized(stem)
    assert meta.title == expected["title"]
    assert meta.authors == expected["authors"]
    assert meta.published_at is not None
    assert meta.published_at.isoformat().startswith(expected["published_at"])
    assert meta.published_at_local.isoformat() == expected["published_at"]
    assert meta.published_at_tz_known is False  # the pages give no zone
    for key in ("site_name", "section", "reading_time_minutes"):
        if key in expected:
            assert getattr(meta, key) == expected[key], key
    assert meta.language == "en"
    assert meta.flags == []


def test_seed_sources_recorded() -> None:
    _, meta = _normalized("004_7505dcc0a2ded50f")
    assert meta.sources["authors"] == "text:byline"
    assert meta.sources["published_at"] == "text:byline"
    assert meta.sources["reading_time_minutes"] == "text:byline"
    _, meta = _normalized("000_dd2bd43269241356")
    assert meta.sources["published_at"] == "text:dateline"
    assert meta.sources["section"] == "text:section-line"


def test_seed_expectations_cover_the_fields() -> None:
    for stem in SEED_RAW:
        assert {"title", "authors", "published_at"} <= set(_expected(stem))
