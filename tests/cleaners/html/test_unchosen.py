"""cleaners.html.unchosen: every visible block of an HTML page ends in the body or among the removed blocks."""

from __future__ import annotations

from cleaners.pipeline import clean_document
from schemas import Article, SourceDocument

PROSE = (
    "The city council voted on Tuesday to extend the tram line to the new hospital, a project that has been "
    "debated for more than a decade and that residents of the northern districts have long asked for. "
)
PAGE = f"""<html><head><title>Tram line to reach the hospital</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<div class="promo-box">Subscribe to our weekly newsletter for the best stories</div>
<article><h1>Tram line to reach the hospital</h1>
<p>{PROSE * 2}</p><p>{PROSE}Work is to start next spring.</p><p>{PROSE}The budget was approved too.</p>
</article>
<div style="display:none">Loading the next story</div>
<div class="sidebar">Most read: Bridge closed for repairs</div>
<footer>Copyright 2024 Example News. All rights reserved.</footer>
</body></html>"""


def test_every_visible_block_is_kept_or_removed_with_a_kind_and_reason():
    outcome = clean_document(SourceDocument("page.html", PAGE.encode(), content_type="html"))
    assert isinstance(outcome, Article)
    removed = {block.text: block for block in outcome.removed}
    for text in ("Home News Sport", "Loading the next story", "Copyright 2024 Example News. All rights reserved."):
        assert text in removed, (text, sorted(removed))
    assert removed["Home News Sport"].kind == "navigation" and "<nav>" in removed["Home News Sport"].reason
    assert "hidden" in removed["Loading the next story"].reason
    assert removed["Copyright 2024 Example News. All rights reserved."].kind == "footer"
    assert all(block.kind != "content" and block.reason for block in outcome.removed)
    assert "Work is to start next spring." in outcome.record.body
    assert not any(text in outcome.record.body for text in removed if len(text) > 20)  # nothing counted twice


def test_the_head_and_the_body_text_are_not_removed_blocks():
    outcome = clean_document(SourceDocument("page.html", PAGE.encode(), content_type="html"))
    texts = [block.text for block in outcome.removed]
    assert not any(PROSE.strip()[:60] in text for text in texts)
    assert texts.count("Tram line to reach the hospital") <= 1  # the headline once (the <title> is not a block)
