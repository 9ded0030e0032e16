"""clean_many: bounded worker processes, per-document timeout, crashes contained, input order kept."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from functools import partial

import pytest

from cleaners.parallel import clean_ahead, clean_many
from cleaners.pipeline import clean_document
from cleaners.read import SINGLE_PAGE_BYTES
from schemas import Article, Outcome, Quarantined, Reason, SourceDocument

ARTICLE = (
    b"<html><body><article><p>The council met on Tuesday evening to debate the proposal, and after three "
    b"hours of discussion the members voted to approve the new budget for the coming year.</p></article>"
    b"</body></html>"
)


def doc(name: str) -> SourceDocument:
    return SourceDocument(name, ARTICLE + name.encode(), content_type="html")


# Cleaners for the tests: module-level so the worker processes can import them by name.
def misbehaving_cleaner(document: SourceDocument) -> Outcome:
    if document.source == "hang":
        time.sleep(60)
    if document.source == "crash":
        os._exit(3)
    if document.source == "raise":
        raise ValueError("deliberate failure")
    return clean_document(document)


def pid_cleaner(document: SourceDocument) -> Outcome:
    """Says which process cleaned the document."""
    return Quarantined(document, "id", Reason.CLEANER_ERROR, str(os.getpid()))


def test_a_hanging_document_is_killed_and_quarantined_while_the_others_finish() -> None:
    names = ["a", "hang", "b", "crash", "c", "raise", "d"]
    start = time.perf_counter()
    outcomes = list(clean_many([doc(n) for n in names], jobs=2, timeout=1.5, cleaner=misbehaving_cleaner))
    assert time.perf_counter() - start < 20  # the 60 s sleep was cut short
    assert [o.doc.source for o in outcomes] == names  # input order, one outcome each
    reasons = {o.doc.source: getattr(o, "reason", None) for o in outcomes}
    assert reasons == {
        "a": None,
        "hang": "timeout",
        "b": None,
        "crash": "worker_crashed",
        "c": None,
        "raise": "cleaner_error",
        "d": None,
    }
    assert "1.5 s" in outcomes[1].detail
    assert "exit code 3" in outcomes[3].detail
    assert "ValueError: deliberate failure" in outcomes[5].detail
    assert all(o.record.page_type == "article" for o in outcomes if isinstance(o, Article))
    assert outcomes[0].doc.data == doc("a").data  # the raw bytes are restored in the parent


def test_workers_are_recycled_and_results_match_in_process_cleaning() -> None:
    docs = [doc(f"page-{i}") for i in range(5)]
    pooled = list(clean_many(docs, jobs=2, max_tasks=2, warm=False))
    serial = list(clean_many(docs, jobs=1))
    assert [o.record.body for o in pooled] == [o.record.body for o in serial]
    assert [o.doc_id for o in pooled] == [o.doc_id for o in serial]


def test_only_a_bounded_window_of_documents_is_read_ahead() -> None:
    pulled: list[int] = []

    def source() -> Iterator[SourceDocument]:
        for i in range(40):
            pulled.append(i)
            yield doc(f"page-{i}")

    stream = clean_many(source(), jobs=2, max_in_flight=3, warm=False)
    first = next(stream)
    assert first.doc.source == "page-0"
    assert len(pulled) <= 4  # not the whole iterable
    stream.close()  # stopping early shuts the pool down without draining the input
    assert len(pulled) <= 4


def test_jobs_1_runs_in_process_and_still_contains_exceptions() -> None:
    outcomes = list(clean_many([doc("raise"), doc("ok")], jobs=1, cleaner=misbehaving_cleaner))
    assert [getattr(o, "reason", None) for o in outcomes] == ["cleaner_error", None]


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_empty_input_gives_no_outcomes(jobs: int) -> None:
    assert list(clean_many([], jobs=jobs)) == []


def test_a_lone_small_page_is_cleaned_in_process_and_a_stream_or_a_big_page_in_workers() -> None:
    me = str(os.getpid())
    [alone] = clean_many([doc("one")], jobs=2, cleaner=pid_cleaner)
    assert alone.detail == me  # no pool to start for one page
    pooled = list(clean_many([doc("one"), doc("two")], jobs=2, cleaner=pid_cleaner, warm=False))
    assert [o.doc.source for o in pooled] == ["one", "two"] and all(o.detail != me for o in pooled)
    big = SourceDocument("big", b"<p>x</p>" * (SINGLE_PAGE_BYTES // 8 + 1), content_type="html")
    [alone_big] = clean_many([big], jobs=2, cleaner=pid_cleaner, warm=False)
    assert alone_big.detail != me  # where the timeout can stop it


def test_a_lone_hanging_page_cleaned_in_process_is_stopped_by_the_timeout() -> None:
    started = time.monotonic()
    [outcome] = clean_many([doc("hang")], jobs=2, timeout=0.5, cleaner=misbehaving_cleaner)
    assert isinstance(outcome, Quarantined) and outcome.reason == "timeout" and "0.5 s" in outcome.detail
    assert time.monotonic() - started < 10
    [fine] = clean_many([doc("fine")], jobs=2, timeout=0.5, cleaner=misbehaving_cleaner)
    assert isinstance(fine, Article)  # the timer is cleared after the page


CLEANED: list[str] = []  # what counting_cleaner cleaned in this process


def counting_cleaner(document: SourceDocument, max_page_bytes: int = SINGLE_PAGE_BYTES) -> Outcome:
    CLEANED.append(document.source)
    return clean_document(document, max_page_bytes=max_page_bytes)


def test_a_lone_page_cleaned_ahead_is_the_outcome_clean_many_gives_it_once() -> None:
    CLEANED.clear()
    clean_ahead([doc("ahead")], partial(counting_cleaner, max_page_bytes=1000))
    page = doc("ahead")  # read again: an equal document, not the same object
    [taken] = clean_many([page], jobs=2, cleaner=partial(counting_cleaner, max_page_bytes=1000))
    assert CLEANED == ["ahead"] and taken.doc is page  # not cleaned again
    [fresh] = clean_many([page], jobs=2, cleaner=partial(counting_cleaner, max_page_bytes=1000))
    assert CLEANED == ["ahead", "ahead"]  # taken once: cleaned anew now, to the same record
    assert fresh.record == taken.record and fresh.doc_id == taken.doc_id


def test_a_page_cleaned_ahead_is_not_used_with_another_cleaner_or_for_a_stream() -> None:
    CLEANED.clear()
    clean_ahead([doc("other")], partial(counting_cleaner, max_page_bytes=1000))
    list(clean_many([doc("other")], jobs=2, cleaner=partial(counting_cleaner, max_page_bytes=2000)))
    assert CLEANED == ["other", "other"]  # another page cap: cleaned by the cleaner asked for
    clean_ahead([doc("one"), doc("two")], counting_cleaner)  # not a lone page: nothing is cleaned ahead
    assert CLEANED == ["other", "other"]
