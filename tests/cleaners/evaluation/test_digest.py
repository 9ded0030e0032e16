"""The cleaners' output on all 181 AEB pages, both paths, pinned by one digest: a refactoring or speed change must
leave it as it is; a deliberate cleaning change updates the pin in its own commit, saying why."""

from __future__ import annotations

import gzip
import json

import pytest

from cleaners.evaluation.digest import canonical, corpus_digest
from cleaners.pipeline import clean_document
from schemas import SourceDocument
from tests.paths import AEB, SEEDS

PINNED = {
    "html": "57b1ff7bb2b933522205816c189f031bcf7b59481073edb19e24d822af4713a9",
    "text": "66011741f89cc78850984ba34d68bb43e797efe1a59f6906ecb7aa2ed1361f1d",
}


def aeb_documents(path: str) -> list[SourceDocument]:
    truth = json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))
    docs = []
    for page_id in sorted(truth):
        if path == "html":
            data = gzip.decompress((AEB / "html" / f"{page_id}.html.gz").read_bytes())
        else:
            data = (AEB / "plaintext" / f"{page_id}.txt").read_bytes()
        docs.append(
            SourceDocument(f"aeb/{path}/{page_id}", data, url=truth[page_id].get("url") or None, content_type=path)
        )
    return docs


@pytest.mark.slow
@pytest.mark.parametrize("path", sorted(PINNED))
def test_the_aeb_outcomes_hash_as_pinned(path: str) -> None:
    assert corpus_digest(aeb_documents(path), jobs=2) == PINNED[path]


def test_the_digest_sees_a_change_in_any_part_of_an_outcome() -> None:
    outcome = clean_document(SourceDocument("seed.txt", next(SEEDS.glob("*.txt")).read_bytes()))
    before = canonical(outcome)
    outcome.removed[0].reason += " "
    assert canonical(outcome) != before
    outcome.removed[0].reason = outcome.removed[0].reason[:-1]
    assert canonical(outcome) == before
    outcome.record.metadata_sources["title"] = "elsewhere"
    assert canonical(outcome) != before
