"""Quality floor of the HTML path per page type on the fixed WCXB holdout sample (tests/wcxb, 20 pages of each type,
never used for tuning), and of the page-type detector against the sample's labels. Raise the floors as the cleaners
improve; never lower them to make a change pass."""

from __future__ import annotations

from functools import cache

import pytest

from cleaners.evaluation.wcxb import WcxbReport, run_wcxb
from tests.paths import WCXB

pytestmark = pytest.mark.slow

FLOORS = {  # page type: word F1 (macro mean over the type's pages), measured 0.755 / 0.921 / ... minus 0.01
    "all": 0.745,
    "article": 0.911,
    "collection": 0.562,
    "documentation": 0.933,
    "forum": 0.806,
    "listing": 0.583,
    "product": 0.597,
    "service": 0.823,
}
DETECTOR_FLOOR = 0.594  # share of the sample's pages whose page_type matches the label, measured 0.614 minus 0.02


@cache
def sample_report() -> WcxbReport:
    """The HTML path over the sample, once for every test of this module."""
    return run_wcxb("html", "all", jobs=2, root=WCXB)


@pytest.mark.parametrize("page_type", sorted(FLOORS))
def test_html_path_stays_above_the_floor_on_each_page_type(page_type: str):
    found = {row.page_type: row for row in sample_report().rows}[page_type]
    assert found.pages == (140 if page_type == "all" else 20)
    assert found.ours[2] >= FLOORS[page_type], (page_type, found.ours, f"trafilatura {found.baseline[2]:.3f}")


def test_page_type_detector_stays_above_the_floor():
    report = sample_report()
    assert report.detection_accuracy >= DETECTOR_FLOOR, [(d.page_type, d.detected_as) for d in report.detection]
