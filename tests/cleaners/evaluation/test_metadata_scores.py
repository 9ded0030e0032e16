"""What counts as right metadata (the ground truth's own conventions), and the figures over the AEB pages."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from cleaners.evaluation.metadata import Found, Truth, as_day, judge, names_domain, tally_by_type, truth_language
from cleaners.evaluation.metadata_runs import AEB_TITLE_AGREEMENT, agree, run_aeb_metadata
from tests.paths import AEB

TRUTH = Truth("What's New: the 2024 List", "Jane Doe, MD", date(2024, 3, 12), "kyivindependent.com", "en")


def test_each_field_is_judged_by_the_truths_convention() -> None:
    right = Found(
        "what s new -- The 2024 list!", ("Dr. X", "Jane Doe"), date(2024, 3, 12), "The Kyiv Independent", "en"
    )
    assert judge(right, TRUTH) == dict.fromkeys(("title", "author", "date", "site_name", "language"), True)
    wrong = Found("What's New", ("John Roe",), date(2024, 3, 13), "2019", "de")
    assert judge(wrong, TRUTH) == dict.fromkeys(("title", "author", "date", "site_name", "language"), False)
    assert judge(Found("x"), Truth(None, None, None, None, None)) == dict.fromkeys(
        ("title", "author", "date", "site_name", "language")
    )  # nothing to judge against
    assert judge(Found(authors=("Jane Doe",)), TRUTH)["author"] and judge(Found(authors=("Doe",)), TRUTH)["author"]


def test_site_names_are_judged_by_the_domain_they_name() -> None:
    assert names_domain("The Motley Fool", "fool.com") and names_domain("NPR", "npr.org")
    assert names_domain("National Public Radio", "npr.org")  # initials
    assert not names_domain("STATS 2018", "espn.com") and not names_domain(None, "npr.org")


def test_days_are_the_wall_time_days_as_written() -> None:
    assert as_day(datetime(2024, 3, 12, 23, 30)) == date(2024, 3, 12)
    assert as_day("2024-03-12T23:30:00-05:00") == date(2024, 3, 12)
    assert as_day("12 March 2024") is None and as_day(None) is None


def test_a_short_reference_body_tells_no_language() -> None:
    assert truth_language("Hello there") is None
    assert truth_language("The council met on Tuesday evening to debate the proposal and voted to approve it.") == "en"


def test_tallies_per_page_type() -> None:
    found = Found("What's New: the 2024 List", (), None, "Kyiv Independent", None)
    tallies = tally_by_type([("article", judge(found, TRUTH), found), ("forum", judge(Found(), TRUTH), Found())])
    assert list(tallies) == ["all", "article", "forum"]
    assert (tallies["all"].share("title"), tallies["article"].share("title"), tallies["forum"].share("title")) == (
        0.5,
        1.0,
        0.0,
    )
    assert tallies["all"].named == 1 and tallies["forum"].share("site_name") is None


def test_the_two_paths_agree_when_they_find_the_same() -> None:
    html = Found("Council approves budget", ("Jane Doe",), date(2024, 3, 12), "The Daily", "en")
    text = Found("council approves budget!", ("jane doe",), date(2024, 3, 12), None, "en")
    assert agree(html, text) == {"title": True, "authors": True, "date": True, "site_name": False, "language": True}
    assert agree(Found(), Found())["title"]


@pytest.mark.slow
def test_the_plain_text_path_finds_the_html_paths_title_on_the_aeb_pages() -> None:
    report = run_aeb_metadata(root=AEB)
    agreement, html = report.agreement(), report.coverage("html")
    differing = [(p, h.title, t.title) for p, h, t in report.disagreements("title", 5)]
    assert agreement["title"] >= AEB_TITLE_AGREEMENT, differing
    assert html["title"] >= 0.98 and html["date"] >= 0.85 and html["language"] == 1.0, html
