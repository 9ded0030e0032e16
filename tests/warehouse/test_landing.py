"""Landing decisions against a real DuckLake warehouse: every input ends in exactly one outcome."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from cleaners.parallel import clean_many
from cleaners.read import read_inputs
from schemas import Quarantined, SourceDocument, validate
from tests.paths import BAD_INPUTS, SEEDS
from warehouse.landing import land
from warehouse.retries import with_retries
from warehouse.store import Warehouse


def test_bad_input_corpus_is_fully_accounted_for(tmp_path: Path):
    outcomes = list(clean_many(read_inputs([BAD_INPUTS]), jobs=1))
    with Warehouse(str(tmp_path / "wh")) as wh:
        wh.ensure_schema()
        counts = land(wh, outcomes, "run-1")
        assert counts.balanced() and counts.read == len(outcomes)
        assert counts.quarantined == sum(isinstance(o, Quarantined) for o in outcomes)
        stored = wh.query("SELECT count(*) FROM raw_documents").fetchone()[0]
        again = land(wh, outcomes, "run-2")
    assert stored == len(outcomes) - counts.duplicate  # a byte-identical copy is linked, not stored twice
    # read again from the same places: unchanged (counted); the copies from elsewhere are duplicates again
    assert (again.read, again.ingested, again.quarantined) == (len(outcomes), 0, 0) and again.balanced()
    assert again.unchanged == len(outcomes) - counts.duplicate and again.duplicate == counts.duplicate


def _recorded_duplicates(wh: Warehouse, run_id: str) -> int:
    return wh.query("SELECT count(*) FROM duplicates WHERE run_id = ?", [run_id]).fetchone()[0]


def test_the_duplicate_count_is_what_the_duplicates_table_records(tmp_path: Path):
    """A re-run of the same files is reported as unchanged and not recorded; a copy from another place is a
    duplicate, and every duplicate counted is a row in `duplicates`."""
    inbox = tmp_path / "inbox"
    shutil.copytree(SEEDS, inbox)
    with Warehouse(str(tmp_path / "wh")) as wh:
        wh.ensure_schema()
        first = land(wh, list(clean_many(read_inputs([inbox]), jobs=1)), "run-1")
        rerun = land(wh, list(clean_many(read_inputs([inbox]), jobs=1)), "run-2")
        shutil.copy(sorted(inbox.iterdir())[0], tmp_path / "copy.txt")
        copy = land(wh, list(clean_many(read_inputs([inbox, tmp_path / "copy.txt"]), jobs=1)), "run-3")
        recorded = [_recorded_duplicates(wh, run) for run in ("run-1", "run-2", "run-3")]
    assert (first.ingested, rerun.unchanged, rerun.duplicate) == (2, 2, 0)
    assert (copy.unchanged, copy.duplicate) == (2, 1) and all(c.balanced() for c in (first, rerun, copy))
    assert recorded == [first.duplicate, rerun.duplicate, copy.duplicate] == [0, 0, 1]


def test_forced_landing_brings_back_deleted_articles_without_storing_raw_pages_twice(tmp_path: Path):
    outcomes = list(clean_many(read_inputs([SEEDS]), jobs=1))
    with Warehouse(str(tmp_path / "wh")) as wh:
        wh.ensure_schema()
        land(wh, outcomes, "run-1")
        wh.query("DELETE FROM articles")
        assert land(wh, outcomes, "run-2").unchanged == 2  # without force: the ledger knows them
        forced = land(wh, outcomes, "run-3", force=True)
        articles = wh.query("SELECT count(*) FROM articles_latest").fetchone()[0]
        raw = wh.query("SELECT count(*) FROM raw_documents").fetchone()[0]
        again = land(wh, outcomes, "run-4", force=True)  # nothing deleted now: same URL and body
    assert (forced.ingested, articles, raw) == (2, 2, 2)
    assert (again.ingested, again.duplicate) == (0, 2)


def test_two_different_unreadable_inputs_are_not_duplicates_of_each_other(tmp_path: Path):
    broken = [
        SourceDocument("a.jsonl", b"", read_error="no_pages", read_error_detail="no page in file"),
        SourceDocument("b.warc", b"", read_error="bad_warc", read_error_detail="not a WARC file"),
        SourceDocument("c.txt", b""),
        SourceDocument("d.txt", b""),
    ]
    with Warehouse(str(tmp_path / "wh")) as wh:
        wh.ensure_schema()
        counts = land(wh, list(clean_many(broken, jobs=1)), "run-1")
        reasons = sorted(r for (r,) in wh.query("SELECT reason FROM quarantine").fetchall())
    assert (counts.quarantined, counts.duplicate) == (4, 0)
    assert reasons == ["bad_warc", "empty", "empty", "no_pages"]


def test_a_moved_warehouse_folder_opens_where_it_now_is(tmp_path: Path):
    with Warehouse(str(tmp_path / "old")) as wh:
        wh.ensure_schema()
        land(wh, list(clean_many(read_inputs([SEEDS]), jobs=1)), "run-1")
    shutil.move(tmp_path / "old", tmp_path / "new")
    for read_only in (True, False):
        with Warehouse(str(tmp_path / "new"), read_only=read_only) as wh:
            assert wh.query("SELECT count(*) FROM articles").fetchone()[0] == 2
            files = wh.query("SELECT data_file FROM ducklake_list_files('wh', 'articles')").fetchall()
    assert files and all(str(tmp_path / "new") in f for (f,) in files)


class _CommitLockedOnce:
    """The real connection, except that the first COMMIT ends the transaction and fails the way a locked SQLite
    catalog makes it fail."""

    def __init__(self, con):
        self.con, self.failed = con, False

    def execute(self, sql, *args):
        if sql == "COMMIT" and not self.failed:
            self.failed = True
            self.con.execute("ROLLBACK")
            raise duckdb.IOException("database is locked")
        return self.con.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self.con, name)


def test_a_commit_that_ends_its_transaction_keeps_its_error_and_is_retried(tmp_path: Path):
    """The ROLLBACK after a failed COMMIT must not replace "database is locked" with "no transaction is active",
    or the transient error would not be retried."""
    with Warehouse(str(tmp_path / "wh")) as wh:
        wh.ensure_schema()
        wh.con = _CommitLockedOnce(wh.con)
        row = {
            "doc_id": "x",
            "source": "s",
            "reason": "empty",
            "detail": "d",
            "run_id": "r",
            "quarantined_at": datetime.now(UTC),
        }
        batch = {"quarantine": validate("quarantine", [row])}
        with pytest.raises(duckdb.IOException, match="database is locked"):
            wh.append(batch)
        with_retries(lambda: wh.append(batch), first_delay=0.01)
        assert wh.con.execute("SELECT count(*) FROM quarantine").fetchone()[0] == 1
