"""The HTML headline: the visible <h1> the page titles confirm, reconciled with og:title, JSON-LD and <title>."""

from __future__ import annotations

from types import SimpleNamespace

from cleaners.html.metadata import html_metadata
from cleaners.metadata.headlines import part_runs, reconcile_title, words_key
from cleaners.metadata.normalize import normalize_metadata
from cleaners.metadata.titles import clean_title, site_aliases
from cleaners.metadata.urls import slug_words


def _pick(h1s: list[str], titles: list[str], domain: str = "example.com", url: str = "") -> tuple[str, str] | None:
    aliases = site_aliases(None, domain)
    return reconcile_title(
        [(h, "html:h1") for h in h1s],
        [(t, f"title{i}") for i, t in enumerate(titles)],
        aliases,
        lambda t: clean_title(t, None, domain)[0] or t,
        slug_words(url),
    )


def test_words_key_and_title_parts() -> None:
    assert words_key("  What's NEW? — the 2024 list!") == "what s new the 2024 list"
    assert "council approves budget" in part_runs("Council approves budget | Politics | The Daily")
    assert "politics the daily" in part_runs("Council approves budget | Politics | The Daily")


def test_the_heading_a_page_title_holds_wins_over_a_section_label() -> None:
    found = _pick(
        ["Opinion", "Republicans Are Following Trump to Nowhere"],
        ["Opinion | Republicans Are Following Trump to Nowhere - The New York Times"],
        "nytimes.com",
    )
    assert found == ("Republicans Are Following Trump to Nowhere", "html:h1 (in title0)")


def test_a_heading_that_names_the_site_is_passed_over() -> None:
    found = _pick(
        ["The Rust Programming Language"], ["What is Ownership? - The Rust Programming Language"], "rust-lang.org"
    )
    assert found == ("What is Ownership?", "title0 (site heading removed)")


def test_a_heading_that_shares_words_with_the_page_title_or_the_url() -> None:
    assert (
        _pick(["Fitness Trends 2025: 9 Things to Keep an Eye On"], ["9 Fitness Trends to Keep An Eye On In 2025"])[0]
        == "Fitness Trends 2025: 9 Things to Keep an Eye On"
    )
    reddit = _pick(
        ["Enameled Cast Iron Pan and Metal"],
        ["Reddit - The heart of the internet"],
        "reddit.com",
        "https://www.reddit.com/r/castiron/comments/1abc/enameled_cast_iron_pan_and_metal/",
    )
    assert reddit == ("Enameled Cast Iron Pan and Metal", "html:h1 (confirmed by url)")


def test_without_a_confirmed_heading_the_first_page_title_is_kept() -> None:
    assert _pick(["Our BLOG"], ["Actuary's Industry Choice - Consulting or Insurance?"]) == (
        "Actuary's Industry Choice - Consulting or Insurance?",
        "title0",
    )
    assert _pick(["Only heading here"], []) == ("Only heading here", "html:h1")
    assert _pick([], []) is None


def test_a_heading_with_a_date_run_into_it_gives_the_page_title() -> None:
    found = _pick(["Dec 18 2025 Preparing a transition in Debusine"], ["Preparing a transition in Debusine"])
    assert found == ("Preparing a transition in Debusine", "title0 (ends the html:h1)")


def test_html_metadata_reads_the_visible_heading() -> None:
    page = (
        "<html><head><title>Council approves budget | The Daily</title>"
        "<meta property='og:site_name' content='The Daily'></head><body><header><h1>The Daily</h1></header>"
        "<article><h1>Council <br>approves budget<a class='anchor'>¶</a><script>x()</script></h1>"
        "<p>Text.</p></article></body></html>"
    )
    raw = html_metadata(None, page, "https://thedaily.example/news/council-approves-budget")
    assert raw.title == "Council approves budget"
    assert raw.sources["title"] == "html:h1 (in html:title)"


def test_a_home_page_keeps_its_leading_site_name() -> None:
    title = "Airtable: Build Enterprise-ready AI Workflows, Apps & Agents"
    home = normalize_metadata(html_metadata(None, f"<title>{title}</title><p>x</p>", "https://www.airtable.com/"), "")
    inner = normalize_metadata(
        html_metadata(None, f"<title>{title}</title><p>x</p>", "https://www.airtable.com/product"), ""
    )
    assert home.title == title
    assert inner.title == "Build Enterprise-ready AI Workflows, Apps & Agents"
    # the site's own name before a pipe is a label there too
    piped = "<title>Todoist | A To-Do List to Organize Your Work & Life</title><p>x</p>"
    assert normalize_metadata(html_metadata(None, piped, "https://todoist.com/"), "").title == (
        "A To-Do List to Organize Your Work & Life"
    )


def test_a_count_or_byline_run_into_the_heading_yields_to_the_page_title() -> None:
    found = _pick(
        ["Top Strategies to Optimize Blockchain Performance Posted on July 1, 2024 by infuy"],
        ["Top Strategies to Optimize Blockchain Performance"],
    )
    assert found == ("Top Strategies to Optimize Blockchain Performance", "title0 (starts the html:h1)")
    # words that only go on (no number) keep the longer visible heading
    found = _pick(["Plumbing Tips: 11 Best Practices to Prevent Issues"], ["Plumbing Tips: 11 Best Practices"])
    assert found is not None and found[0] == "Plumbing Tips: 11 Best Practices to Prevent Issues"
    # a lower-case run-on with a year in it is the heading going on, not a count
    found = _pick(["Top 7 Kitchen Appliance Trends from the 2023 shows"], ["Top 7 Kitchen Appliance Trends"])
    assert found is not None and found[0] == "Top 7 Kitchen Appliance Trends from the 2023 shows"


def test_a_heading_that_ends_a_page_title_led_by_the_site_is_the_headline() -> None:
    # "Site | Headline": the last part is the headline, not the site's name
    found = _pick(
        ["State of SEO in 2026: Trends and Predictions"],
        ["Pipefeed | State of SEO in 2026: Trends and Predictions"],
        "pipefeed.com",
    )
    assert found == ("State of SEO in 2026: Trends and Predictions", "html:h1 (in title0)")


def test_a_heading_that_adds_a_word_to_the_site_name_names_a_page() -> None:
    # "Toolbox" is the domain's name; "Toolbox playbooks" is a page of it, and the title's last part is the site
    found = _pick(["Toolbox playbooks"], ["Toolbox playbooks — Toolbox Community Documentation"], "toolbox.com")
    assert found == ("Toolbox playbooks", "html:h1 (in title0)")
    # the site's name with an article or a possessive is still only the site
    assert _pick(["The Toolbox"], ["Hammer guide - The Toolbox"], "toolbox.com") == (
        "Hammer guide",
        "title0 (site heading removed)",
    )


def test_a_site_name_guessed_from_the_headline_is_not_taken_for_the_site() -> None:
    # trafilatura guesses the site's name from "<title>" ("Headline - Site") and can take the headline for it: a
    # name that is the title's first part and unrelated to the domain is dropped, so the headline is not stripped
    title = "Screen flickers after driver update - Gadget Forum"
    page = f"<html><head><title>{title}</title></head><body><p>x</p></body></html>"
    guess = SimpleNamespace(sitename="Screen flickers after driver update")
    raw = html_metadata(guess, page, "https://forum.gadgetboard.example/showthread.php?t=1")
    assert raw.site_name is None
    assert normalize_metadata(raw, "").title == "Screen flickers after driver update"
    # a name the domain confirms stays, even when it opens the title
    home = SimpleNamespace(sitename="Gadgetboard")
    raw = html_metadata(
        home, "<title>Gadgetboard - Screens and drivers</title><p>x</p>", "https://gadgetboard.example/a"
    )
    assert raw.site_name == "Gadgetboard"
