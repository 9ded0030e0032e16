"""Behaviour of the HTML path (trafilatura backbone + block classifier) on small hand-written pages."""

from __future__ import annotations

from lxml import html as lxml_html

from cleaners.html.blocks import Ancestry, segments
from cleaners.html.classify import _thread_posts
from cleaners.html.extract import extract_html
from cleaners.types import BOILERPLATE_KINDS, Block

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
    teasers = (
        "<ul>"
        + "".join(f"<li><a href='/story/{i}'>Another headline about the city number {i}</a></li>" for i in range(4))
        + "</ul>"
    )
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
        "<h1>Council expands bus network</h1>"
        + paragraphs(PARAS[:2])
        + "<figure><figcaption>Photo: the depot.</figcaption></figure>"
        + "<div class='share-bar'><p>Share this article on your favourite network</p></div>"
        + paragraphs(PARAS[2:])
    )
    ex = extract_html(page(body))
    assert ex.removed
    for block in ex.removed:
        assert block.kind in BOILERPLATE_KINDS and block.reason


def test_multilingual_page_keeps_text_and_drops_caption():
    paras = DE_PARAS[:3]
    figure = "<figure><img src='bus.jpg'><figcaption>Ein neuer Elektrobus im Depot. Foto: Archiv</figcaption></figure>"
    ex = extract_html(
        page(
            "<h1>Stadt baut Busnetz aus</h1>" + paragraphs(paras[:1]) + figure + paragraphs(paras[1:]),
            title="Stadt baut Busnetz aus",
        )
    )
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
    tree = lxml_html.fromstring("<div><p>One <b>two</b><br>three</p><table><tr><td>a</td><td>b</td></tr></table></div>")
    assert [s.text for s in segments(tree)] == ["One two", "three", "a b"]


DE_PARAS = [
    "Der Stadtrat hat am Dienstag beschlossen, das Busnetz in den nördlichen Bezirken deutlich auszubauen, "
    "was die Pendelzeiten für tausende Bewohner verkürzen soll.",
    "Die Verkehrsbetriebe rechnen damit, dass die ersten neuen Linien im kommenden Frühjahr starten und die "
    "übrigen Strecken in den nächsten zwei Jahren folgen.",
    "Kritiker bemängeln die hohen Kosten für zusätzliche Fahrzeuge, Befürworter verweisen auf die bessere "
    "Anbindung bisher abgehängter Viertel an die Innenstadt.",
    "Die Bürgerinnen und Bürger können die geplanten Fahrpläne ab dem kommenden Monat in mehreren öffentlichen "
    "Versammlungen in Bibliotheken und Stadtteilzentren diskutieren.",
]


def de_page(body: str) -> str:
    return page(body, title="Stadt baut Busnetz aus")


def removed_as(extraction, needle: str) -> tuple[str, str]:
    """(kind, reason) of the block holding ``needle``; it must be among the blocks and out of the body."""
    block = block_of(extraction, needle)
    assert needle not in extraction.body
    return block.kind, block.reason


def test_box_hidden_by_a_utility_class_is_removed():
    modal = "<div class='hide'><p>Vielen Dank! Dieser Artikel wurde erfolgreich an Ihre Freunde versendet.</p></div>"
    ex = extract_html(de_page(paragraphs(DE_PARAS[:2]) + modal + paragraphs(DE_PARAS[2:])))
    assert removed_as(ex, "erfolgreich an Ihre Freunde") == ("other", "hidden element")
    assert ex.body_blocks == DE_PARAS


def test_paragraph_that_is_one_link_is_an_inline_teaser():
    teaser = "<p><a href='/verkehr/bahn-erhoeht-preise'>Die Bahn erhöht zum Dezember die Preise im Nahverkehr</a></p>"
    ex = extract_html(de_page(paragraphs(DE_PARAS[:2]) + teaser + paragraphs(DE_PARAS[2:])))
    assert removed_as(ex, "Die Bahn erhöht")[0] == "related_content"
    assert ex.body_blocks == DE_PARAS


def test_long_list_of_tag_links_and_its_label_are_removed():
    names = (
        "ônibus da zona norte",
        "prefeitura de são paulo",
        "transporte público municipal",
        "obras viárias 2024",
        "mobilidade urbana",
        "tarifa zero",
        "linhas de ônibus novas",
        "câmara municipal",
        "orçamento da cidade",
    )
    tags = ", ".join(f"<a href='/tag/{i}' rel='tag'>{t}</a>" for i, t in enumerate(names))
    ex = extract_html(page(paragraphs(PARAS) + f"<p><strong>Tags</strong><br>{tags}</p>"))
    assert removed_as(ex, "transporte público") == ("related_content", "list of short links (tags)")
    assert block_of(ex, "Tags").kind == "related_content"
    assert ex.body_blocks == PARAS


def test_page_address_and_unrendered_shortcode_are_removed():
    url = "https://news.example.com/2024/05/council-bus-network"
    body = (
        f"<p>{url}</p>"
        + paragraphs(PARAS[:2])
        + '<p>[button link="/send-us-your-story" type="big"] Envíanos tu historia[/button]</p>'
        + paragraphs(PARAS[2:])
    )
    ex = extract_html(page(body), url=url + "?utm_source=feed")
    assert removed_as(ex, url) == ("other", "the page's own address")
    assert removed_as(ex, "Envíanos tu historia") == ("other", "unrendered shortcode")


def test_short_run_after_the_closing_share_line_is_removed():
    tail = (
        "<p>Síguenos en Facebook, Twitter e Instagram.</p>"
        "<p>Escucha nuestro programa en directo cada mañana a las 8:00 o a la carta.</p>"
    )
    ex = extract_html(page(paragraphs(PARAS) + tail))
    assert removed_as(ex, "Escucha nuestro programa") == ("other", "after the closing share_bar")
    assert ex.body_blocks == PARAS


def test_heading_with_no_article_text_after_it_is_removed():
    tail = "<h3>Qu'en pensez-vous ?</h3><p>Commentaires</p>"
    ex = extract_html(page(paragraphs(PARAS) + tail))
    assert removed_as(ex, "Qu'en pensez-vous") == ("other", "heading with no article text after it")
    assert ex.body_blocks == PARAS


def test_hover_card_is_cut_out_of_its_paragraph():
    card = (
        "<span class='person'><a href='/people/jane-roe'>Jane Roe</a><span class='card'><span>"
        "<img src='roe.jpg'><a href='/people/jane-roe'>Jane Roe</a>"
        "<a href='/story/1'>Roe opposes the transit levy in a close vote</a> "
        "<a href='/story/2'>Senators call for a review of bus contracts</a></span></span></span>"
    )
    lead = (
        f"<p>The plan was backed by Sen. {card} (D-Ohio), who said the northern districts had waited "
        "long enough for buses.</p>"
    )
    ex = extract_html(page(lead + paragraphs(PARAS)))
    assert "Sen. Jane Roe (D-Ohio), who said" in ex.body
    assert "Senators call for a review" not in ex.body
    assert block_of(ex, "Senators call for a review").kind == "related_content"


def test_block_moved_by_trafilatura_does_not_break_the_alignment():
    from cleaners.html.blocks import Segment
    from cleaners.html.extract import _align

    owner = lxml_html.fromstring("<p>x</p>")
    dom = [Segment(t, owner, i) for i, t in enumerate(["Headline", "First paragraph", "Second paragraph", "Teaser"])]
    kept = [Segment(t, owner, i) for i, t in enumerate(["Teaser", "Headline", "First paragraph", "Second paragraph"])]
    assert [s.index if s else None for s in _align(kept, dom)] == [3, 0, 1, 2]


def test_item_of_a_share_toolbar_goes_with_its_removed_siblings():
    tools = "<ul class='tools'><li>Artikel teilen</li><li>Nachdrucke bestellen</li></ul>"
    ex = extract_html(de_page("<h1>Stadt baut Busnetz aus</h1>" + tools + paragraphs(DE_PARAS)))
    assert removed_as(ex, "Nachdrucke bestellen") == ("share_bar", "item of a list of removed buttons or links")
    assert ex.body_blocks == DE_PARAS


def test_new_lexicon_entries_fire_in_several_languages():
    from cleaners.rules import first_match

    samples = {
        "repost_disclaimer": [
            "This copy is for your personal, non-commercial use only.",
            "Nur für den persönlichen, nicht-kommerziellen Gebrauch bestimmt.",
            "Reproduction réservée à un usage personnel, non commercial.",
        ],
        "paywall_appeal": [
            "If you enjoyed this article, please consider supporting us: become a member.",
            "Se ti è piaciuto questo articolo, sostieni il nostro lavoro con un abbonamento.",
            "Get the magazine delivered every month: 12 issues for £11.99.",
            "Prenumerata: 12 numerów za 99 zł.",
        ],
    }
    for kind, texts in samples.items():
        for text in texts:
            rule = first_match(text)
            assert rule is not None and rule.kind == kind, text


def test_closed_tab_and_accordion_panels_are_content():
    tabs = (
        f"<div role='tablist'><button>Plan</button><button>Cost</button></div>"
        f"<div role='tabpanel' id='tab-1'><p>{PARAS[2]}</p></div>"
        f"<div role='tabpanel' id='tab-2' hidden><p>{PARAS[3]}</p></div>"
    )
    ex = extract_html(page(paragraphs(PARAS[:2]) + tabs))
    assert ex.body_blocks == PARAS
    accordion = f"<div class='accordion-item'><div class='accordion-panel' hidden><p>{PARAS[3]}</p></div></div>"
    ex = extract_html(page(paragraphs(PARAS[:3]) + accordion))
    assert ex.body_blocks == PARAS


def test_hidden_menus_and_repeated_panels_are_still_removed():
    doc = lxml_html.fromstring(
        "<div><div class='collapse navbar-collapse' hidden><p>Menu</p></div>"
        "<div class='accordion-body' role='dialog' hidden><p>Dialog</p></div>"
        "<div class='tab-pane' hidden><p>Panel</p></div><div hidden><p>Box</p></div></div>"
    )
    ancestry = Ancestry()
    hidden = {p.text: (ancestry.is_hidden(p), ancestry.in_panel(p)) for p in doc.iter("p")}
    assert hidden == {"Menu": (True, False), "Dialog": (True, False), "Panel": (False, True), "Box": (True, False)}
    repeat = f"<div class='tab-pane' hidden><p>{PARAS[0]}</p></div>"
    ex = extract_html(page(paragraphs(PARAS) + repeat))
    assert ex.body_blocks == PARAS
    assert [b.reason for b in ex.blocks if b.text == PARAS[0] and not b.kept] == ["repeated block"]


def test_a_figure_of_text_alone_is_content():
    table = (
        "<figure class='wp-block-table'><table><tr><td>Northern line</td><td>12 stops, opening in the spring</td></tr>"
        "<tr><td>Eastern line</td><td>9 stops, opening next autumn</td></tr></table></figure>"
    )
    ex = extract_html(page(paragraphs(PARAS[:2]) + table + paragraphs(PARAS[2:])))
    assert ex.body_blocks == [
        *PARAS[:2],
        "Northern line 12 stops, opening in the spring",
        "Eastern line 9 stops, opening next autumn",
        *PARAS[2:],
    ]


def test_posts_marked_up_as_comments_are_the_content_of_a_thread_page():
    def thread(kept: list[str]) -> list[Block]:
        posts = [Block(text, "comments", "inside box div[comment-content]") for text in PARAS]
        return [Block("Council expands bus network", "title", "headline"), *(Block(t) for t in kept), *posts]

    blocks = thread(["Started by Ana"])
    _thread_posts(blocks)
    assert [b.text for b in blocks if b.kept] == ["Started by Ana", *PARAS]
    blocks = thread(PARAS[:3])  # an article with comments under it keeps them out
    _thread_posts(blocks)
    assert [b.kind for b in blocks[4:]] == ["comments"] * len(PARAS)
