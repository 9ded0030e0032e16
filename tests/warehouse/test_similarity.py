"""cleaners/similarity.py: pure functions for near-duplicates, stories and snippets."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta

from cleaners.pipeline import clean_document
from cleaners.read import read_file
from tests.paths import ROOT
from warehouse.similarity import (
    components,
    lead,
    near_duplicate_groups,
    shingles,
    snippet,
    stem,
    story_groups,
    terms,
    tfidf,
)

WIRE = (
    "The central bank raised its benchmark interest rate by a quarter point on Wednesday, the third increase this "
    "year, citing persistent inflation in services and a tight labour market. Officials signalled that further "
    "moves would depend on incoming data. Markets had largely expected the decision, and bond yields rose "
    "slightly after the announcement. The governor told reporters that wage growth remained too strong for "
    "inflation to return to target soon. Retailers warned that higher borrowing costs would weigh on spending "
    "before the holiday season, while banks said mortgage demand had already cooled in the past quarter."
)
OTHER = (
    "A rare orchid thought extinct for decades was rediscovered by hikers in a remote valley last month. "
    "Botanists confirmed the find after examining photographs and a small sample of the plant's leaves. "
    "The location is being kept secret to protect the flowers from collectors, a conservation group said."
)


def test_stem_and_terms_match_inflections_and_drop_stop_words():
    assert stem("missiles") == stem("missile") and stem("iranian") == stem("iran")
    assert stem("supplies") == stem("supplied") == stem("supply") == stem("supplying") == "supply"
    assert stem("formally") == stem("formal")
    assert stem("ukraine") == stem("ukrainian") and stem("class") == "class"
    assert terms("The U.S. said it will supply 2 Iranian missiles") == ["supply", "iran", "missil"]


def test_shingles():
    assert shingles("a b c d e f", size=5) == {b"a b c d e", b"b c d e f"}
    assert shingles("Short text", size=5) == {b"short text"}
    assert shingles("", size=5) == set()


def test_components_label_by_smallest_member():
    assert components(6, [(4, 1), (1, 3), (5, 2)]) == [0, 1, 2, 1, 1, 2]


def test_near_duplicates_survive_a_changed_sentence_but_not_a_different_text():
    edited = WIRE.replace(
        "Officials signalled that further moves would depend on incoming data.",
        "A spokesperson declined to comment on the timing of future changes.",
    )
    trimmed_boilerplate = "Advertisement. " + WIRE + " Share this article."
    labels = near_duplicate_groups([WIRE, OTHER, edited, trimmed_boilerplate, "", OTHER[:60]])
    assert labels[0] == labels[2] == labels[3] == 0
    assert labels[1] == 1 and labels[4] == 4 and labels[5] == 5


def test_tfidf_rows_are_unit_vectors():
    vectors = tfidf([WIRE, OTHER, ""])
    norms = vectors.multiply(vectors).sum(axis=1).A1
    assert [round(float(n), 6) for n in norms] == [1.0, 1.0, 0.0]


def test_the_seed_documents_form_a_story_on_their_own():
    """Even with only two articles (no corpus for IDF) one event from two outlets is one story."""
    records = [clean_document(read_file(p)).record for p in sorted((ROOT / "seeds").glob("*.txt"))]
    texts = [lead(r.title, r.body) for r in records]
    dates = [r.published_at for r in records]
    assert story_groups(texts, dates) == [0, 0]
    assert story_groups(texts, dates, window=timedelta(days=1)) == [0, 1]  # 3.7 days apart
    assert story_groups([*texts, OTHER], [*dates, None]) == [0, 0, 2]


def test_story_window_and_links():
    when = datetime(2024, 1, 1, tzinfo=UTC)
    texts = [WIRE, WIRE, OTHER]
    far = [when, when + timedelta(days=30), when]
    assert story_groups(texts, far) == [0, 1, 2]
    assert story_groups(texts, [when, None, None]) == [0, 0, 2]  # undated: compared with all
    assert story_groups(texts, far, links=[(1, 2)]) == [0, 1, 1]


def test_snippet_marks_matches_in_context():
    text = "Intro words here. " * 20 + "Iran sent ballistic missiles to Russia, officials said. " + "Filler. " * 30
    found = snippet(text, "ballistic missile Iranian", width=80)
    assert found.startswith("…") and found.endswith("…")
    assert "«Iran» sent «ballistic» «missiles» to Russia" in found
    assert snippet("No match at all in this text.", "zebra") == "No match at all in this text."
    assert snippet("one two three four", "three", mark=("[", "]")) == "one two [three] four"


def test_datasketch_and_scipy_load_only_when_two_bodies_are_compared():
    code = (
        "import sys; from datetime import datetime; from warehouse.similarity import Grouper; g = Grouper(); "
        "g.add('Council', 'The council met on Tuesday evening to vote.', datetime(2024, 3, 12), 'k1'); "
        "one = g.labels(); loaded = 'datasketch' in sys.modules or 'scipy.sparse' in sys.modules; "
        "g.add('Council', 'The council met on Tuesday evening to vote.', None, 'k2'); "
        "print(one, loaded, g.labels(), 'datasketch' in sys.modules and 'scipy.sparse' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["([0],", "[0])", "False", "([0,", "0],", "[0,", "0])", "True"]
