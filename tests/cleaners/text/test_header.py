"""The plain-text header zone: the headline the evidence points to, the byline and date under it, a site name
only from evidence that names the site, and no language for a text too short to tell."""

from __future__ import annotations

from cleaners.metadata.authors import looks_like_name
from cleaners.pipeline import clean_document
from cleaners.text.extract import extract_text
from schemas import SourceDocument

PROSE = (
    "The council met on Tuesday evening to debate the proposal, and after a long discussion it voted to "
    "approve the new budget for the coming year."
)
NAVIGATION = ["Skip to main content", "Home", "News", "Sport", "Sign in", "Subscribe"]


def _page(*lines: str, prose: int = 6) -> str:
    return "\n".join([*lines, *[f"{PROSE} Paragraph {i}." for i in range(prose)], "© 2024 Example Media"])


def test_the_headline_is_the_line_the_url_and_the_byline_point_to() -> None:
    text = _page(
        *NAVIGATION,
        "Top stories",
        "Council approves budget after long debate",
        "Jane Doe",
        "March 12, 2024",
        "Share this article",
    )
    meta = extract_text(text, "https://www.example.com/news/council-approves-budget-after-long-debate").meta
    assert meta.title == "Council approves budget after long debate"
    assert "url_words" in meta.sources["title"] and "metadata_below" in meta.sources["title"]
    assert (meta.byline, meta.date) == ("Jane Doe", "March 12, 2024")


def test_the_first_line_names_the_headline_among_several_headings() -> None:
    text = _page(
        "Council approves budget | The Example Times",
        *NAVIGATION,
        "Most read",
        "Council approves budget",
        "By Jane Doe and John Roe",
        "Published 12 March 2024, 10:15",
    )
    meta = extract_text(text).meta
    assert meta.title == "Council approves budget" and "first_line_part" in meta.sources["title"]
    assert meta.byline == "By Jane Doe and John Roe"
    assert meta.site_name == "The Example Times" and meta.sources["site_name"] == "text:first line"


def test_bylines_without_a_by() -> None:
    label_alone = extract_text(
        _page(*NAVIGATION, "Council approves budget", "Written by", "Jane Doe", "12 March 2024")
    ).meta
    name_and_date = extract_text(_page(*NAVIGATION, "Council approves budget", "Jane Doe October 11, 2024")).meta
    dated_by = extract_text(_page(*NAVIGATION, "Council approves budget", "Published August 7, 2023 by Jane Doe")).meta
    assert label_alone.byline == "Jane Doe"
    assert name_and_date.byline == "Jane Doe October 11, 2024"
    assert dated_by.byline == "by Jane Doe" and dated_by.date == "Published August 7, 2023 by Jane Doe"


def test_labelled_and_spaced_bylines_and_a_dateline_over_the_headline() -> None:
    url = "https://www.example.com/news/council-approves-budget"
    labelled = extract_text(
        _page(*NAVIGATION, "Council approves budget", "Author: Jane Doe", "12 March 2024"), url
    ).meta
    no_break = extract_text(_page(*NAVIGATION, "Council approves budget", "Written\xa0by\xa0Jane Doe", "|"), url).meta
    over = extract_text(_page(*NAVIGATION, "Jane Doe October 11, 2024", "Council approves budget"), url).meta
    assert labelled.byline == "Jane Doe"
    assert no_break.byline == "Written by Jane Doe"
    assert over.byline == "Jane Doe October 11, 2024"
    # a standfirst given twice (as the description and as the text) does not end the lines under the headline
    standfirst = "A guide to what the new budget pays for, who gains from it and what it leaves out this year."
    twice = extract_text(
        _page(*NAVIGATION, "Council approves budget", standfirst, standfirst, "Jane Doe", "October 11, 2024"), url
    ).meta
    assert twice.byline == "Jane Doe"


def test_the_byline_under_a_second_copy_of_the_headline() -> None:
    # the headline stands in a top bar, then over the article with its byline and date
    url = "https://www.example.com/news/council-approves-budget"
    lead = [f"{PROSE} Lead {i}." for i in range(3)]
    text = _page(
        *NAVIGATION, "Council approves budget", *lead, "Council approves budget", "By Jane Doe", "12 March 2024"
    )
    meta = extract_text(text, url).meta
    assert (meta.byline, meta.date) == ("By Jane Doe", "12 March 2024")


def test_interface_words_beside_a_date_are_no_author() -> None:
    text = _page(
        *NAVIGATION,
        "Why is my query slow?",
        "Ask Question",
        "Asked March 12, 2024",
        "Ask a question about your query plan.",
    )
    assert extract_text(text).meta.byline is None


def test_looks_like_name() -> None:
    assert looks_like_name("Jane Doe") and looks_like_name("Doris Munoz-Mantilla, MD, FOMA")
    assert looks_like_name("Ludwig van Beethoven") and looks_like_name("J. R. Smith")
    assert not looks_like_name("Updated 2 hours ago") and not looks_like_name("share this article")
    assert not looks_like_name("One Two Three Four Five Six")


def test_a_site_name_needs_evidence_that_names_the_site() -> None:
    url = "https://www.kyivindependent.com/news/council-approves-budget"
    unnamed = _page(*NAVIGATION, "Council approves budget", "STATS 2018", "© 2019 and Reprint")
    assert extract_text(unnamed, url).meta.site_name is None
    named = _page(*NAVIGATION, "Council approves budget", "About The Kyiv Independent")
    meta = extract_text(named, url).meta
    assert (meta.site_name, meta.sources["site_name"]) == ("The Kyiv Independent", "text:domain written on the page")
    year_only = _page("Council approves budget | 2019", *NAVIGATION, "Council approves budget")
    assert extract_text(year_only).meta.site_name is None


def test_a_one_word_page_has_no_language_and_says_why() -> None:
    for data, kind in ((b"Hello\nHello", "text"), (b"<html><body><p>Hello</p></body></html>", "html")):
        record = clean_document(SourceDocument("one", data, content_type=kind)).record  # type: ignore[union-attr]
        assert record.language is None, kind  # (was "br": one word looks like many languages)
        assert "language: the text is too short to tell (1 words)" in record.metadata_flags


def test_a_line_the_url_spells_out_is_the_headline_when_the_lines_near_the_span_share_nothing_with_it() -> None:
    lead = [f"{PROSE} Lead {i}." for i in range(2)]
    text = _page(*lead, "Refinance", "About", "Donate", PROSE, "Average cost of online college")
    meta = extract_text(text, "https://www.example.org/average-cost-of-online-college").meta
    assert meta.title == "Average cost of online college"
    assert meta.sources["title"] == "text:headline (url_names_it)"
    assert extract_text(text, "https://www.example.org/guides").meta.title != "Average cost of online college"


def test_a_one_word_label_the_url_does_not_carry_is_dropped_from_the_headline() -> None:
    text = _page(*NAVIGATION, "Project: Weekend coding agent", "By Jane Doe")
    meta = extract_text(text, "https://www.example.com/reports/weekend-coding-agent").meta
    assert meta.title == "Weekend coding agent"
    assert "label 'Project:' dropped, not in the URL" in meta.sources["title"]
    kept = extract_text(text, "https://www.example.com/project/weekend-coding-agent").meta
    assert kept.title == "Project: Weekend coding agent"
    assert extract_text(text).meta.title == "Project: Weekend coding agent"


def test_a_short_tail_the_url_does_not_name_is_dropped_from_the_headline() -> None:
    text = _page(*NAVIGATION, "Hybrid quantum computing - Programming - Forum", "By Jane Doe")
    meta = extract_text(text, "https://www.example.com/7603790/hybrid-quantum-computing").meta
    assert meta.title == "Hybrid quantum computing"
    assert "'Programming - Forum' dropped: the URL names the rest" in meta.sources["title"]
    subtitled = _page(*NAVIGATION, "Budget review – council shoots for the moon, lands among the stars", "By Jane Doe")
    kept = extract_text(subtitled, "https://www.example.com/news/budget-review").meta
    assert kept.title == "Budget review – council shoots for the moon, lands among the stars"
