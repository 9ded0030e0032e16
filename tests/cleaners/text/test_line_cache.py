"""Same input, same output: a page's record does not depend on what the worker cleaned before it, even when the
per-worker line cache fills up and is cleared mid-run."""

from __future__ import annotations

import pytest

from cleaners.parallel import clean_many
from cleaners.read import read_inputs
from cleaners.text import features
from schemas import Quarantined
from tests.paths import AEB


def _records(docs, cache_size: int, monkeypatch: pytest.MonkeyPatch) -> dict[str, tuple]:
    """Each page's record (or quarantine) after cleaning ``docs`` in this order in one process (one worker's
    cache), starting from an empty cache of ``cache_size`` lines."""
    monkeypatch.setattr(features, "_caches", {})
    monkeypatch.setattr(features, "LINE_CACHE_SIZE", cache_size)
    found = {}
    for outcome in clean_many(docs, jobs=1):
        if isinstance(outcome, Quarantined):
            found[outcome.doc.source] = ("quarantined", outcome.reason.value, outcome.detail)
        else:
            removed = tuple((b.kind, b.reason, b.text) for b in outcome.removed)
            found[outcome.doc.source] = (sorted(outcome.record.as_dict().items(), key=str), removed)
    return found


def test_records_do_not_depend_on_order_or_on_the_line_cache_clearing(monkeypatch: pytest.MonkeyPatch):
    docs = list(read_inputs([AEB / "plaintext"]))
    reference = _records(docs, features.LINE_CACHE_SIZE, monkeypatch)
    reversed_order = _records(docs[::-1], features.LINE_CACHE_SIZE, monkeypatch)
    tiny = _records(docs, 300, monkeypatch)  # cleared every few pages, between pages and within runs of them
    tiny_reversed = _records(docs[::-1], 300, monkeypatch)
    assert not any(r[0] == "quarantined" and r[1] == "cleaner_error" for r in reference.values())
    for run in (reversed_order, tiny, tiny_reversed):
        assert run.keys() == reference.keys()
        assert [source for source in reference if run[source] != reference[source]] == []
