"""The shipped line model (cleaners.text.line_model) on hand-made pages: it keeps prose, drops menus and link lists,
and every line it removes says why."""

from __future__ import annotations

from cleaners.text.extract import extract_text
from cleaners.text.line_model import keeps, shipped
from tests.cleaners.text.test_extract import EN_PARAGRAPHS, FR_PARAGRAPHS, NAV, page

LINKS = [
    "Ten things to know about the new budget",
    "Photos: the storm in pictures",
    "Opinion: why the bridge matters",
    "Live scores and results",
    "Weather for the weekend",
]
FOOTER = ["About us", "Contact", "Privacy policy", "Terms of use", "Advertise with us"]


def test_the_model_is_shipped() -> None:
    assert shipped()


def test_the_model_keeps_the_prose_and_drops_the_menu_and_the_link_list() -> None:
    for paragraphs in (EN_PARAGRAPHS, FR_PARAGRAPHS):
        extraction = extract_text(page("The Daily", NAV, "Council expands the bus network", paragraphs, LINKS, FOOTER))
        for paragraph in paragraphs:
            assert paragraph in extraction.body
        for line in (*NAV, *LINKS, *FOOTER):
            assert line not in extraction.body.split("\n\n"), line


def test_every_removed_line_says_why() -> None:
    extraction = extract_text(page("The Daily", NAV, "Council expands the bus network", EN_PARAGRAPHS, LINKS, FOOTER))
    removed = [b for b in extraction.blocks if not b.kept]
    assert removed and all(b.kind and b.reason for b in removed)


def test_the_rules_alone_still_run_when_asked() -> None:
    text = page("The Daily", NAV, "Council expands the bus network", EN_PARAGRAPHS, FOOTER)
    assert extract_text(text, model=False).body.split("\n\n")[-1] == EN_PARAGRAPHS[-1]


def test_the_model_overrules_the_rules_only_where_it_may_and_never_empties_a_page() -> None:
    kept, open_ = [True, True, False, False], [False, False, True, False]
    assert keeps(kept, open_, [0.9, 0.1, 0.8, 0.99]) == [True, False, True, False]  # the last: not open to it
    assert keeps(kept, open_, [0.1, 0.1, 0.1, 0.1]) == kept  # it would keep nothing: the rules stand
