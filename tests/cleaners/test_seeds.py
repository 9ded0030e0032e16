"""Acceptance: each seed document cleans to its expected record (tests/fixtures/seeds_expected)."""

from __future__ import annotations

import json

import pytest

from cleaners.pipeline import clean_document
from cleaners.read import read_file
from schemas import Article
from tests.paths import FIXTURES, ROOT

EXPECTED = sorted((FIXTURES / "seeds_expected").glob("*.json"))


def _clean(expected: dict):
    outcome = clean_document(read_file(ROOT / "seeds" / expected["source_file"]))
    assert isinstance(outcome, Article), outcome
    return outcome


@pytest.fixture(params=EXPECTED, ids=lambda p: p.stem)
def seed(request):
    expected = json.loads(request.param.read_text(encoding="utf-8"))
    return expected, _clean(expected)


def test_body_keeps_every_paragraph_verbatim(seed):
    expected, outcome = seed
    for paragraph in expected["body_paragraphs"]:
        assert paragraph in outcome.record.body


def test_body_drops_boilerplate(seed):
    expected, outcome = seed
    for snippet in expected["must_drop"]:
        assert snippet not in outcome.record.body


def test_dropped_blocks_carry_their_kind(seed):
    expected, outcome = seed
    for kind, snippets in expected.get("dropped_kinds", {}).items():
        for snippet in snippets:
            kinds = [b.kind for b in outcome.removed if snippet in b.text]
            assert kind in kinds, f"{snippet!r} removed as {kinds}, expected {kind}"


def test_metadata(seed):
    expected, outcome = seed
    record = outcome.record
    assert record.title == expected["title"]
    assert record.authors == expected["authors"]
    assert record.published_at.isoformat().startswith(expected["published_at"])
    for key in ("site_name", "section", "reading_time_minutes"):
        if key in expected:
            assert getattr(record, key) == expected[key], key
