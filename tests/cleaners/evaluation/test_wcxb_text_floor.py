"""Quality floor of the plain-text path per page type on the fixed WCXB holdout sample (tests/wcxb, 20 pages of each
type, never used for tuning), with the benchmark's own plain text. Raise the floors as the cleaners improve; never
lower them to make a change pass."""

from __future__ import annotations

import pytest

from cleaners.evaluation.wcxb import run_wcxb
from tests.paths import WCXB

pytestmark = pytest.mark.slow

FLOORS = {  # page type: word F1 (macro mean over the type's pages), measured with the line model minus 0.005
    "all": 0.659,
    "article": 0.950,
    "collection": 0.460,
    "documentation": 0.830,
    "forum": 0.465,
    "listing": 0.649,
    "product": 0.452,
    "service": 0.807,
}


@pytest.fixture(scope="module")
def report():
    return run_wcxb("text", "all", jobs=2, root=WCXB)


@pytest.mark.parametrize("page_type", sorted(FLOORS))
def test_text_path_stays_above_the_floor(report, page_type: str):
    row = next(r for r in report.rows if r.page_type == page_type)
    assert row.pages == (140 if page_type == "all" else 20)
    assert row.ours[2] >= FLOORS[page_type], (page_type, row.ours, f"whole page {row.baseline[2]:.3f}")
