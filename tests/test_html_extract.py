"""Behaviour of the HTML path (trafilatura backbone + block classifier) on small hand-written pages."""

from __future__ import annotations

from lxml import html as lxml_html

from cleaners.html_blocks import segments
from cleaners.html_extract import extract_html
from cleaners.types import BOILERPLATE_KINDS

PARAS = [
    "The city council voted on Tuesday to expand the bus network across the northern districts, "
    "a plan that officials say will shorten commutes for thousands of residents.",
    "Supporters of the measure argued that the new routes would connect neighbourhoods that have long been "
    "cut off from the centre, while critics questioned the cost of the additional vehicles.",
    "The transport authority expects the first new lines to open next spring, with the remaining routes "
    "following over the course of the next two years as drivers are hired and trained.",
    "Residents will be able to comment on the proposed timetables at a series of public meetings that "
    "begin next month in libraries and community centres around the city.",
]


def page(body: str, title: str = "Council expands bus network", description: str = "") -> str:
    meta = f'<meta name="description" content="{description}">' if description else ""
    return (
        f"<html><head><title>{title}</title>{meta}</head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article>{body}</article><footer>© 2024 Example Media. All rights reserved.</footer></body></html>"
    )


def paragraphs(items: list[str]) -> str:
    return "".join(f"<p>{p}</p>" for p in items)


def block_of(extraction, needle: str):
    return next(b for b in extraction.blocks if needle in b.text)


def test_article_paragraphs_are_kept_in_order():
    ex = extract_html(page(f"<h1>Council expands bus network</h1>{paragraphs(PARAS)}"))
    assert ex.body_blocks == PARAS
    assert ex.method.startswith("trafilatura")


def test_headline_is_removed_as_title():
    ex = extract_html(page(f"<h1>Council expands bus network</h1>{paragraphs(PARAS)}"))
    headline = block_of(ex, "Council expands bus network")
    assert headline.kind == "title" and headline.reason


def test_standfirst_heading_equal_to_description_is_removed():
    deck = "Officials say the northern districts will get six new routes and more frequent service"
    ex = extract_html(page(f"<h1>Council expands bus network</h1><h2>{deck}</h2>{paragraphs(PARAS)}", description=deck))
    assert not block_of(ex, "six new routes").kept
    assert ex.body_blocks == PARAS


def test_figure_caption_is_removed_as_photo_caption():
    figure = "<figure><img src='bus.jpg'><figcaption>A new electric bus at the depot on Monday.</figcaption></figure>"
    ex = extract_html(page(paragraphs(PARAS[:2]) + figure + paragraphs(PARAS[2:])))
    caption = [b for b in ex.blocks if "electric bus at the depot" in b.text]
    assert all(b.kind == "photo_caption" for b in caption)
    assert "electric bus" not in ex.body
    assert ex.body_blocks == PARAS


def test_newsletter_box_inside_article_is_removed():
    # a class trafilatura lets through: the classifier has to catch the box itself
    box = (
        "<div class='inline-optin'><h3>Get our morning briefing</h3>"
        "<p>The day's top stories from around the region, delivered to your inbox every weekday morning.</p></div>"
    )
    ex = extract_html(page(paragraphs(PARAS[:2]) + box + paragraphs(PARAS[2:])))
    removed = [b for b in ex.blocks if "inbox every weekday" in b.text]
    assert removed and all(b.kind == "newsletter_widget" for b in removed)
    assert "inbox" not in ex.body


def test_run_of_teaser_links_is_removed_as_related_content():
    teasers = "<ul>" + "".join(
        f"<li><a href='/story/{i}'>Another headline about the city number {i}</a></li>" for i in range(4)
    ) + "</ul>"
    ex = extract_html(page(paragraphs(PARAS[:3]) + teasers + paragraphs(PARAS[3:])))
    assert "Another headline" not in ex.body
    assert {b.kind for b in ex.blocks if "Another headline" in b.text} <= {"related_content", "navigation"}


def test_hidden_duplicate_is_removed():
    hidden = f"<div style='display: none'><p>{PARAS[0]}</p></div>"
    ex = extract_html(page(paragraphs(PARAS) + hidden))
    assert ex.body_blocks.count(PARAS[0]) == 1


def test_body_split_across_sibling_containers_is_recovered():
    extra = (
        "A fifth paragraph sits in a second body container further down the page, after an advertising slot, "
        "and it carries on the story with more detail about the schedule and the funding of the plan."
    )
    body = (
        f"<div class='article-body'>{paragraphs(PARAS)}</div>"
        "<div class='ad-slot'><div class='ad'></div></div><aside><p>Most read</p></aside>"
        f"<div class='article-body'><p>{extra}</p></div>"
    )
    ex = extract_html(page(body))
    assert extra in ex.body_blocks
    assert ex.body_blocks.index(extra) > ex.body_blocks.index(PARAS[-1])


def test_contact_line_after_the_article_is_removed():
    contact = "Write to the reporter at reporter@example.com"
    ex = extract_html(page(paragraphs(PARAS) + f"<p>{contact}</p>"))
    assert block_of(ex, "reporter@example.com").kind == "footer"


def test_every_removed_block_has_a_kind_and_reason():
    body = (
        "<h1>Council expands bus network</h1>" + paragraphs(PARAS[:2])
        + "<figure><figcaption>Photo: the depot.</figcaption></figure>"
        + "<div class='share-bar'><p>Share this article on your favourite network</p></div>" + paragraphs(PARAS[2:])
    )
    ex = extract_html(page(body))
    assert ex.removed
    for block in ex.removed:
        assert block.kind in BOILERPLATE_KINDS and block.reason


def test_multilingual_page_keeps_text_and_drops_caption():
    paras = [
        "Der Stadtrat hat am Dienstag beschlossen, das Busnetz in den nördlichen Bezirken deutlich auszubauen, "
        "was die Pendelzeiten für tausende Bewohner verkürzen soll.",
        "Die Verkehrsbetriebe rechnen damit, dass die ersten neuen Linien im kommenden Frühjahr starten und die "
        "übrigen Strecken in den nächsten zwei Jahren folgen.",
        "Kritiker bemängeln die hohen Kosten für zusätzliche Fahrzeuge, Befürworter verweisen auf die bessere "
        "Anbindung bisher abgehängter Viertel an die Innenstadt.",
    ]
    figure = "<figure><img src='bus.jpg'><figcaption>Ein neuer Elektrobus im Depot. Foto: Archiv</figcaption></figure>"
    ex = extract_html(page("<h1>Stadt baut Busnetz aus</h1>" + paragraphs(paras[:1]) + figure + paragraphs(paras[1:]),
                           title="Stadt baut Busnetz aus"))
    assert ex.body_blocks == paras


def test_page_without_article_falls_back_to_visible_text():
    html = (
        "<html><body><div><span>Short note.</span></div>"
        "<table><tr><td>The committee will publish its full findings on the bus network expansion next week, "
        "according to a statement released this afternoon by the transport department.</td></tr></table>"
        "<script>var x = 'not text';</script></body></html>"
    )
    ex = extract_html(html)
    assert "committee will publish its full findings" in ex.body
    assert "not text" not in ex.body


def test_empty_and_garbage_inputs_do_not_crash():
    for html in ("", "   ", "<html></html>", "not html at all", "<<<>>>"):
        ex = extract_html(html)
        assert isinstance(ex.body, str)


def test_segments_split_at_blocks_and_breaks_and_keep_cells_on_their_row():
    tree = lxml_html.fromstring(
        "<div><p>One <b>two</b><br>three</p><table><tr><td>a</td><td>b</td></tr></table></div>"
    )
    assert [s.text for s in segments(tree)] == ["One two", "three", "a b"]
