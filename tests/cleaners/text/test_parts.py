"""Pages of many parts (cleaners.text.parts): a page whose content is a list keeps the list, not only its one
paragraph; an article is left as the main span found it."""

from __future__ import annotations

from cleaners.text.extract import extract_text
from cleaners.types import CONTENT

MENU = ["Home", "Courses", "People", "Contact"]
INTRO = (
    "This is a graduate class on the algorithms behind modern data analysis, and the list below holds the "
    "topics of every lecture of the term with the readings that go with them."
)
ITEMS = [
    f"Week {n}, part {part}: {topic}; notes, slides, two readings"
    for part in (1, 2, 3)
    for n, topic in enumerate(
        [
            "Tensor methods and moments",
            "Spectral clustering on graphs",
            "Robust regression under noise",
            "Sampling by diffusion processes",
            "Sum of squares proofs in practice",
            "Learning mixtures of Gaussians",
            "Online learning and regret bounds",
            "Sparse recovery and compressed sensing",
            "Random matrices for data scientists",
            "Kernel methods and their limits",
            "Boosting and margin theory",
            "Final project presentations",
        ],
        start=1,
    )
]


def test_a_page_of_many_parts_keeps_its_list_items() -> None:
    blocks = extract_text("\n".join([*MENU, INTRO, *ITEMS])).blocks
    kept = {b.text for b in blocks if b.kind == CONTENT}
    assert INTRO in kept
    assert len(kept & set(ITEMS)) >= 0.9 * len(ITEMS)  # the span's edge may stop one item short
    assert not kept & set(MENU)
    assert all(b.reason for b in blocks if b.kind != CONTENT)


def test_an_article_is_not_widened_over_short_lines() -> None:
    paragraphs = [INTRO.replace("list below", f"part {n} of the story") for n in range(6)]
    blocks = extract_text("\n".join([*MENU, *paragraphs, *ITEMS[:3]])).blocks
    kept = {b.text for b in blocks if b.kind == CONTENT}
    assert set(paragraphs) <= kept
    assert not kept & set(ITEMS[:3])
