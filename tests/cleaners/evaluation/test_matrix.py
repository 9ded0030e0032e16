"""cleaners.evaluation.matrix: which text-path targets a renderer matrix misses."""

from __future__ import annotations

from cleaners.evaluation.matrix import HTML_MARGIN, WCXB_ARTICLE_F1, Cell, Matrix, missed_targets


def test_targets_missed_are_named_per_renderer_and_page_type():
    html = {"all": Cell(10, 0.90, None), "article": Cell(5, 0.97, None), "forum": Cell(5, 0.80, None)}
    good = {"all": Cell(10, 0.9, 0.8), "article": Cell(5, 0.96, 0.80), "forum": Cell(5, 0.70, 0.60)}
    bad = {"all": Cell(10, 0.8, 0.8), "article": Cell(5, 0.97 - HTML_MARGIN - 0.01, 0.8), "forum": Cell(5, 0.5, 0.6)}
    missed = missed_targets(Matrix("wcxb", "holdout", html, {"good": good, "bad": bad}))
    assert all(line.startswith("wcxb bad:") for line in missed)
    assert len(missed) == 3  # article below the HTML path, article below WCXB_ARTICLE_F1, forum below the whole page
    assert any(str(WCXB_ARTICLE_F1) in line for line in missed) and any("forum" in line for line in missed)


def test_aeb_is_compared_over_all_pages_only():
    html = {"all": Cell(10, 0.98, None)}
    rows = {"lynx": {"all": Cell(10, 0.90, 0.5)}, "soup": {"all": Cell(10, 0.95, 0.5)}}
    assert missed_targets(Matrix("aeb", "holdout", html, rows)) == [
        f"aeb lynx: all 0.900 < HTML path 0.980 - {HTML_MARGIN}"
    ]
