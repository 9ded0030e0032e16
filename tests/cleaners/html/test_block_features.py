"""Features of the HTML block model on a small hand-made page, and the shipped model's decisions on one (the model is
off by default: the tests that read its decisions turn it on)."""

from __future__ import annotations

from cleaners.html import block_model
from cleaners.html.block_features import NAMES, explain, lexicon_rules, page_features
from cleaners.html.block_model import THRESHOLDS, keeps
from cleaners.html.extract import choose, extract_html, load_tree
from tests.cleaners.html.test_extract import PARAS

MENU = "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(8))
HTML = (
    "<html><head><title>Council expands bus network</title></head><body>"
    f"<nav class='main-menu'><ul>{MENU}</ul></nav>"
    "<div class='content'><h1>Council expands bus network</h1>"
    + "".join(f"<p>{p}</p>" for p in PARAS)
    + "</div><footer class='site-footer'><p>© 2024 Example Media. All rights reserved.</p></footer></body></html>"
)


def _rows(html: str) -> tuple[list[str], list[list[float]]]:
    tree, _ = load_tree(html)
    choice = choose(html, "https://example.com/news/bus", tree)
    return [s.text for s in choice.dom], page_features(choice, lexicon_rules(choice.dom))


def test_every_block_gets_one_row_of_every_feature():
    texts, rows = _rows(HTML)
    assert len(rows) == len(texts) and all(len(row) == len(NAMES) for row in rows)
    assert len(set(NAMES)) == len(NAMES)


def test_a_menu_link_and_an_article_paragraph_differ_where_they_should():
    texts, rows = _rows(HTML)
    at = {name: i for i, name in enumerate(NAMES)}
    menu, paragraph = rows[texts.index("Section 3")], rows[texts.index(PARAS[1])]
    assert menu[at["in_nav"]] == 1 and paragraph[at["in_nav"]] == 0
    assert menu[at["box_nav"]] < paragraph[at["box_nav"]]
    assert paragraph[at["box_content"]] < menu[at["box_content"]]
    assert menu[at["link_share"]] == 1 and paragraph[at["link_share"]] == 0
    assert paragraph[at["words"]] > 20 and menu[at["words"]] == 2
    assert paragraph[at["trafilatura_kept"]] == 1 and paragraph[at["rule_kept"]] == 1
    assert menu[at["rule_kept"]] == 0 and paragraph[at["sentence_end"]] == 1


def test_features_are_the_same_on_every_run():
    assert _rows(HTML) == _rows(HTML)


def test_the_shipped_model_keeps_the_text_and_drops_the_menu_on_a_page_it_decides(monkeypatch):
    monkeypatch.setattr(block_model, "ENABLED", True)
    product = '{"@context": "https://schema.org", "@type": "Product", "offers": {"price": "20.00"}}'
    html = HTML.replace("</head>", f'<script type="application/ld+json">{product}</script></head>')
    found = extract_html(html, "https://example.com/shop/bus-pass")
    assert found.kind == "product"  # not an article: the model has the last word
    assert all(p in found.body for p in PARAS)
    assert "Section 3" not in found.body and "All rights reserved" not in found.body
    removed = found.removed + found.unchosen
    assert any("Section 3" in b.text for b in removed)
    assert all(b.kind and b.reason for b in removed)


def test_the_model_decides_kept_and_unchosen_blocks_but_not_the_head_or_what_the_rules_removed():
    texts, rows = _rows(HTML)
    paragraph, menu = rows[texts.index(PARAS[1])], rows[texts.index("Section 3")]
    title = rows[texts.index("Council expands bus network")]  # the <title>, in the page's head
    items = THRESHOLDS
    assert keeps(paragraph, 0.9, items) and not keeps(paragraph, 0.1, items)  # kept by the rules: a low score drops it
    assert keeps(paragraph, 0.01) and not keeps(menu, 0.99)  # ... except on an article page: the rules decide
    assert keeps(menu, 0.9, items) and not keeps(menu, 0.3, items)  # never chosen: a high score brings it in
    assert not keeps(title, 0.99, items)
    removed_by_rules = [row for row in rows if row[NAMES.index("rule_decided")] and not row[NAMES.index("rule_kept")]]
    assert removed_by_rules and not any(keeps(row, 0.99, items) for row in removed_by_rules)


def test_a_block_the_model_removes_is_described_to_a_person():
    texts, rows = _rows(HTML)
    menu = explain(rows[texts.index("Section 3")])
    assert menu == "link share 1.00, 2 words, inside nav, not chosen by the extractor"
    assert explain(rows[texts.index(PARAS[0])]) == "link share 0.00, 27 words"
