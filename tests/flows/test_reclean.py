"""`reclean` on a real DuckLake: stored raw pages re-cleaned by a newer cleaner become new article versions."""

from __future__ import annotations

from pathlib import Path

from cleaners.pipeline import CLEANER_VERSION, clean_document, sha256
from cleaners.read import read_inputs
from flows.reclean import reclean, stale_articles
from schemas import Article, Outcome, SourceDocument
from tests.paths import AEB
from warehouse.landing import land
from warehouse.store import Warehouse

AEB_TEXT = AEB / "plaintext"


def old_cleaner(doc: SourceDocument) -> Outcome:
    outcome = clean_document(doc)
    if isinstance(outcome, Article):
        outcome.record.cleaner_version = "0.0.1"
    return outcome


def improved_cleaner(doc: SourceDocument) -> Outcome:
    """Changes the body of every other page (by raw hash), leaves the rest as they were."""
    outcome = clean_document(doc)
    if isinstance(outcome, Article) and int(outcome.doc_id, 16) % 2:
        outcome.record.body += "\n\n(re-cleaned)"
        outcome.record.content_hash = sha256(outcome.record.body.encode())
    return outcome


def _ingest(location: str, pages: int) -> None:
    docs = list(read_inputs(sorted(AEB_TEXT.glob("*.txt"))[:pages]))
    with Warehouse(location) as wh:
        wh.ensure_schema()
        counts = land(wh, [old_cleaner(d) for d in docs], "first-run")
    assert counts.ingested == pages


def test_reclean_adds_versions_for_changed_bodies_only(warehouse_dir: Path):
    location = str(warehouse_dir)
    _ingest(location, 8)
    with Warehouse(location) as wh:
        assert len(stale_articles(wh)) == 8
        old = wh.query("SELECT article_id, body FROM articles ORDER BY article_id").fetchall()

    result = reclean(location, cleaner=improved_cleaner, jobs=1)
    changed = result["new_versions"]
    assert result["read"] == 8 and 0 < changed < 8 and result["unchanged"] == 8 - changed

    with Warehouse(location) as wh:
        assert wh.query("SELECT count(*) FROM articles").fetchone()[0] == 8 + changed
        latest = wh.query("SELECT version, body, cleaner_version FROM articles_latest").fetchall()
        assert sum(v == 2 for v, _, _ in latest) == changed
        assert all(body.endswith("(re-cleaned)") == (v == 2) for v, body, _ in latest)
        assert {c for v, _, c in latest if v == 2} == {CLEANER_VERSION}
        # the old versions are still there, unchanged
        assert wh.query("SELECT article_id, body FROM articles WHERE version = 1 ORDER BY article_id").fetchall() == old
        assert wh.query("SELECT count(*) FROM raw_documents").fetchone()[0] == 8  # no second copy of the bytes
        assert wh.query("SELECT count(*) FROM duplicates WHERE run_id = ?", [result["run_id"]]).fetchone()[0] == (
            8 - changed
        )


def test_since_selects_by_version_and_current_articles_are_skipped(warehouse_dir: Path):
    location = str(warehouse_dir)
    _ingest(location, 3)
    assert reclean(location, since="0.0.0", jobs=1)["stale"] == 0
    first = reclean(location, cleaner=improved_cleaner, jobs=1)
    assert first["stale"] == 3
    # pages whose body changed now carry the current version; re-running touches only the unchanged ones
    second = reclean(location, cleaner=improved_cleaner, jobs=1)
    assert second["stale"] == 3 - first["new_versions"] and second["new_versions"] == 0
    forced = reclean(location, since=CLEANER_VERSION, jobs=1)  # back to the real cleaner: bodies change again
    assert forced["stale"] == 3 and forced["new_versions"] == first["new_versions"]
