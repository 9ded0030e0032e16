"""cleaners.text.structure: a related-stories box is a header over teaser headlines, in any of our languages."""

from __future__ import annotations

import pytest

from cleaners.rules import matcher_for
from cleaners.text.extract import KIND_ORDER, rule_languages
from cleaners.text.features import document_features
from cleaners.text.language import stoplist
from cleaners.text.structure import is_link_line, related_boxes

PROSE = "The council met on Tuesday and agreed to extend the bus line to the new hospital by next spring."


def _features(lines: list[str], lang: str):
    return document_features(lines, stoplist(lang), matcher_for(rule_languages(lang), KIND_ORDER))


@pytest.mark.parametrize(
    ("lang", "header"), [("en", "Related articles"), ("de", "Lesen Sie auch"), ("fr", "À lire aussi")]
)
def test_a_header_over_teaser_headlines_is_a_box(lang: str, header: str):
    teasers = [
        "Bus fares rise again",
        "New tram stop opens downtown",
        "Bridge closed for repairs",
        "Night buses return",
    ]
    feats = _features([PROSE, PROSE, header, *teasers], lang)
    assert related_boxes(feats, (0, len(feats) - 1)) == [(2, 6)]
    assert all(is_link_line(f) for f in feats[3:]) and not is_link_line(feats[0])


def test_a_header_with_prose_under_it_is_no_box():
    feats = _features([PROSE, "Related articles", PROSE, PROSE], "en")
    assert related_boxes(feats, (0, 3)) == []
