"""The line model's inputs (cleaners.text.line_features) on a small hand-made page."""

from __future__ import annotations

from cleaners.text.extract import read_page
from cleaners.text.line_features import FEATURE_NAMES, describe, line_vectors
from tests.cleaners.text.test_extract import EN_PARAGRAPHS, NAV, page

TEXT = page("Council expands the bus network | The Daily", NAV, "Council expands the bus network", EN_PARAGRAPHS)


def _vectors() -> tuple[list[str], list[dict[str, float]]]:
    reading = read_page(TEXT)
    assert reading is not None
    return [f.text for f in reading.feats], [dict(zip(FEATURE_NAMES, v, strict=True)) for v in line_vectors(reading)]


def test_every_line_gets_a_vector_of_every_feature_and_the_same_one_each_time() -> None:
    lines, vectors = _vectors()
    assert len(vectors) == len(lines) == 1 + len(NAV) + 1 + len(EN_PARAGRAPHS)
    assert all(len(v) == len(FEATURE_NAMES) for v in vectors)
    assert _vectors() == (lines, vectors)


def test_a_menu_line_and_a_prose_line_differ_where_it_matters() -> None:
    lines, vectors = _vectors()
    menu, prose = vectors[lines.index("Politics")], vectors[lines.index(EN_PARAGRAPHS[1])]
    assert menu["log_words"] < prose["log_words"] and menu["stop_density"] < prose["stop_density"]
    assert menu["sentence_end"] == 0 and prose["sentence_end"] == 1
    assert menu["kept"] == 0 and prose["kept"] == 1 and prose["in_span"] == 1 and menu["in_span"] == 0
    assert menu["window_log_words"] < prose["window_log_words"]
    assert menu["page_lines"] == prose["page_lines"]  # page-level: the same on every line


def test_a_line_is_described_in_words_for_a_removal_reason() -> None:
    lines, vectors = _vectors()
    assert describe(list(vectors[lines.index("Politics")].values())) == "1 word, link-like, outside the main run"
