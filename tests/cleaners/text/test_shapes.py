"""The plain-text path reads each scraper's shape: Markdown, text-browser dumps, fixed-width wrapping, one text
node per line. Pages are rendered from one HTML article by the evaluation renderers (real packages)."""

from __future__ import annotations

import textwrap

import pytest

from cleaners.evaluation.renderers import RENDERERS, render
from cleaners.text.extract import extract_text
from cleaners.text.shapes import read_lines
from tests.cleaners.text.test_extract import EN_PARAGRAPHS

MENU = ["Home", "World", "Politics", "Business", "Sport", "Culture", "Search"]
ITEMS = [
    "Route 14 to the university campus",
    "Route 15 to the northern hospital",
    "Route 16 along the river road",
    "Route 17 to the airport terminals",
]


def article_html() -> str:
    menu = "".join(f'<li><a href="/{word.lower()}">{word}</a></li>' for word in MENU)
    paragraphs = [
        p.replace("bus network", '<a href="/buses">bus network</a>', 1).replace(
            "transport fund", "<strong>transport fund</strong>"
        )
        for p in EN_PARAGRAPHS
    ]
    items = "".join(f"<li>{item}</li>" for item in ITEMS)
    page = (
        f"<html><head><title>Council expands the city bus network</title></head><body><nav><ul>{menu}</ul></nav>"
        f"<article><h1>Council expands the city bus network</h1><p>{paragraphs[0]}</p><p>{paragraphs[1]}</p>"
        f"<h2>The new routes</h2><p>{paragraphs[2]}</p><ul>{items}</ul><p>{paragraphs[3]}</p></article>"
        '<footer><a href="/about">About us</a> <a href="/contact">Contact</a> <a href="/privacy">Privacy</a>'
        "</footer></body></html>"
    )
    return page.replace("><", ">\n<")  # a page's source has its elements on lines of their own


@pytest.mark.parametrize("renderer", sorted(RENDERERS))
def test_every_renderer_gives_back_the_article_paragraphs_whole(renderer: str):
    extraction = extract_text(render(renderer, article_html(), "https://example.org/news/buses"))
    for paragraph in EN_PARAGRAPHS:
        assert paragraph in extraction.body.split("\n\n"), (renderer, paragraph[:40], extraction.body[:400])
    assert "https://" not in extraction.body and "](" not in extraction.body
    assert "Privacy" not in extraction.body


@pytest.mark.parametrize("renderer", ["html2text", "markdownify"])
def test_markdown_structure_is_kept_in_body_markdown(renderer: str):
    extraction = extract_text(render(renderer, article_html(), "https://example.org/news/buses"))
    markdown = extraction.body_markdown
    assert "## The new routes" in markdown
    assert "\n".join(f"* {item}" for item in ITEMS) in markdown  # one list: items on consecutive lines
    assert "**transport fund**" in markdown and "transport fund" in extraction.body and "**" not in extraction.body
    assert "[" not in markdown  # links read as their text


def test_a_line_of_markdown_links_is_navigation_not_prose():
    lines = read_lines(
        "# Title\n\n[Home](/) [World](/world) [Politics](/politics) [Business](/business)\n\n"
        "Text with [one link](/x) in a long sentence that goes on for a while.\n"
    )
    assert [round(line.link_share, 1) for line in lines] == [0.0, 1.0, 0.1]


def test_markdown_images_and_reference_definitions_are_removed_with_a_reason():
    lines = read_lines(
        "Intro [see][1] here.\n\n![A map of the routes](/map.png)\n\n[1]: https://example.org/a\n"
        "[2]: https://example.org/b\n"
    )
    assert [(line.text, line.label) for line in lines] == [
        ("Intro see here.", None),
        ("![A map of the routes](/map.png)", ("photo_caption", "image in Markdown syntax")),
        ("[1]: https://example.org/a", ("navigation", "link target of a Markdown reference link")),
        ("[2]: https://example.org/b", ("navigation", "link target of a Markdown reference link")),
    ]


def test_fixed_width_wrapping_is_joined_but_short_lines_stay_apart():
    wrapped = "\n\n".join(textwrap.fill(p, 72) for p in EN_PARAGRAPHS * 3)
    text = "Home\nWorld\nPolitics\n\n" + wrapped
    assert [line.text for line in read_lines(text)] == ["Home", "World", "Politics", *EN_PARAGRAPHS * 3]


def test_a_text_browser_link_list_is_navigation_and_its_markers_go():
    body = "\n\n".join(
        textwrap.fill(p.replace("network", "network[1]"), 76, initial_indent="   ", subsequent_indent="   ")
        for p in EN_PARAGRAPHS * 3
    )
    text = (
        body + "\n\nReferences\n\n   1. https://example.org/buses\n   2. https://example.org/a\n   3. https://x.org/b\n"
    )
    lines = read_lines(text)
    assert [line.text for line in lines if line.label is None] == EN_PARAGRAPHS * 3
    assert [line.label[0] for line in lines if line.label] == ["navigation"] * 4


def test_inline_pieces_on_their_own_lines_are_joined():
    pieces = "\n".join(["The council voted to expand the ", "bus network", " on Tuesday."] * 12)
    assert read_lines(pieces)[0].text == "The council voted to expand the bus network on Tuesday." * 1


def test_a_browser_copy_is_read_line_by_line():
    text = "Home\nWorld\n\nA headline\nBy Jane Doe\n" + "\n".join(EN_PARAGRAPHS)
    assert [line.text for line in read_lines(text)] == ["Home", "World", "A headline", "By Jane Doe", *EN_PARAGRAPHS]
