"""Clean many documents in bounded worker processes: streaming, in input order, one Outcome per document.

    from cleaners.read import read_inputs
    from cleaners.parallel import clean_many

    for outcome in clean_many(read_inputs(paths), jobs=None, timeout=60.0):
        ...

* Workers are processes (a pebble ``ProcessPool``), recycled every ``max_tasks`` documents so a leak in a
  parser cannot grow without bound. They are started from a fork server that has imported the cleaners once
  (safe inside threaded hosts such as Prefect or Dask, unlike a bare fork, and cheap to recycle).
* At most ``max_in_flight`` documents (default: 4 per worker) are submitted ahead of the one being yielded,
  so memory does not grow with the input; a slow document holds back later results (order is preserved)
  but never more than that window.
* A document that runs longer than ``timeout`` seconds is killed with its worker and becomes an Outcome with
  quarantine_reason ``timeout``; a worker that dies (segfault, out of memory, ``os._exit``) gives
  ``worker_crashed``; an exception raised by the cleaner gives ``cleaner_error``. The stream goes on.
* ``jobs=1`` runs in this process, without a pool, for debugging (breakpoints, profilers). There the timeout
  CANNOT apply: a hanging document hangs the run, and a crash takes the caller down. Exceptions are still
  turned into ``cleaner_error`` outcomes.
* An input of a single page of at most ``SINGLE_PAGE_BYTES`` is cleaned in this process too: starting and warming
  the workers (seconds: a fork server, every language's lexicons and date tables) would cost far more than the page
  (which loads only what it needs). Big pages, where a pathological one hides, always go to a worker; the lone page
  is bounded by ``timeout`` through a timer signal where that is possible (in the main thread, between C calls).

``cleaner`` defaults to ``clean_document``; any picklable module-level function SourceDocument -> Outcome works.
"""

from __future__ import annotations

import itertools
import multiprocessing
import multiprocessing.forkserver
import os
import re
import signal
import threading
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import replace
from functools import partial

from pebble import ProcessExpired, ProcessPool

from cleaners.metadata.language import load_model_in_background
from cleaners.pipeline import clean_document, doc_id_of
from cleaners.read import SINGLE_PAGE_BYTES, single_page
from schemas import Outcome, Quarantined, Reason, SourceDocument

Cleaner = Callable[[SourceDocument], Outcome]

DEFAULT_TIMEOUT = 60.0
MAX_TASKS_PER_WORKER = 1000  # a worker is replaced after this many documents (bounds leaks; each start costs)
IN_FLIGHT_PER_WORKER = 4
_REMOTE_FRAME = re.compile(r'File "([^"]+)", line (\d+)')
PRELOAD = ["cleaners.warm"]  # imported (and warmed up) once in the fork server, inherited by every worker


def default_jobs() -> int:
    """The CPUs this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def clean_many(
    docs: Iterable[SourceDocument],
    jobs: int | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    *,
    cleaner: Cleaner = clean_document,
    max_in_flight: int | None = None,
    max_tasks: int = MAX_TASKS_PER_WORKER,
    warm: bool = True,
) -> Iterator[Outcome]:
    """One Outcome per document, in input order (see the module docstring). ``jobs`` None = all CPUs.

    ``warm``: each new worker first cleans a tiny sample page, so the cleaners' lazy loading (about a second)
    is not charged to a real document's timeout; turn off only where timeouts do not matter."""
    workers = jobs or default_jobs()
    docs = iter(docs)
    head = list(itertools.islice(docs, 2))  # enough to tell a lone page from a stream
    docs = itertools.chain(head, docs)
    if workers == 1 or _lone_page(head):
        load_model_in_background()  # the language model (on another core) while the first page is parsed
        bound = timeout if workers > 1 else None  # jobs=1 is for debuggers: no alarm interrupts them
        yield from (_cleaned_ahead(cleaner, doc) or _clean_in_process(cleaner, doc, bound) for doc in docs)
        return
    window = max_in_flight or workers * IN_FLIGHT_PER_WORKER
    yield from _clean_in_pool(docs, cleaner, workers, timeout, window, max_tasks, warm)


def _lone_page(head: list[SourceDocument]) -> bool:
    return len(head) == 1 and len(head[0].data) <= SINGLE_PAGE_BYTES


# Lone pages cleaned before the clean_many call that gets them, by (source, raw bytes): (cleaner, outcome).
_ahead: dict[tuple[str, bytes], tuple[Cleaner, Outcome]] = {}


def clean_ahead(
    docs: Iterable[SourceDocument], cleaner: Cleaner = clean_document, timeout: float = DEFAULT_TIMEOUT
) -> None:
    """Clean a lone small page now, in this thread, as ``clean_many`` would (in process, bounded by ``timeout``), for
    the ``clean_many`` call that later gets the same page and cleaner: for a caller that is waiting anyway (on a
    server starting) and would otherwise clean the page after the wait. Anything else is left alone."""
    head = list(itertools.islice(docs, 2))
    if _lone_page(head):
        doc = head[0]
        _ahead[(doc.source, doc.data)] = (cleaner, _clean_in_process(cleaner, doc, timeout))


def _cleaned_ahead(cleaner: Cleaner, doc: SourceDocument) -> Outcome | None:
    """The outcome ``clean_ahead`` made of this page with this cleaner (taken once), else None."""
    ahead = _ahead.pop((doc.source, doc.data), None)
    if ahead is None or not _same_cleaner(ahead[0], cleaner):
        return None
    outcome = ahead[1]
    outcome.doc = doc
    return outcome


def _same_cleaner(a: Cleaner, b: Cleaner) -> bool:
    """The same function with the same arguments (``functools.partial`` objects compare by identity)."""
    if isinstance(a, partial) and isinstance(b, partial):
        return a.func is b.func and a.args == b.args and a.keywords == b.keywords
    return a is b


class _PageTimeout(Exception):
    """Raised into a page cleaned in process when its time is up."""


@contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """Interrupt the page after ``seconds`` with a timer signal. Signals reach only the main thread, so elsewhere
    (and for ``None``) there is no bound; a signal also waits for a running C call (a parser) to return."""
    if seconds is None or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise _PageTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _clean_in_process(cleaner: Cleaner, doc: SourceDocument, timeout: float | None = None) -> Outcome:
    try:
        with _time_limit(timeout):
            return cleaner(doc)
    except _PageTimeout:
        return _timed_out(doc, timeout or 0)
    except Exception as exc:  # a cleaner bug must not stop the stream
        return _failed(doc, Reason.CLEANER_ERROR, _error_detail(exc))


def _clean_in_pool(
    docs: Iterable[SourceDocument],
    cleaner: Cleaner,
    workers: int,
    timeout: float,
    window: int,
    max_tasks: int,
    warm: bool,
) -> Iterator[Outcome]:
    pool = ProcessPool(
        max_workers=workers, max_tasks=max_tasks, context=_worker_context(), initializer=_start_worker, initargs=(warm,)
    )
    pending: deque[tuple[SourceDocument, Future]] = deque()
    finished = False
    try:
        for doc in docs:
            pending.append((doc, pool.schedule(_run_cleaner, args=(cleaner, doc), timeout=timeout)))
            if len(pending) >= window:
                yield _collect(*pending.popleft(), timeout)
        while pending:
            yield _collect(*pending.popleft(), timeout)
        finished = True
    finally:
        if finished:
            pool.close()
        else:  # the consumer stopped early or an input error escaped: do not wait for queued work
            pool.stop()
        pool.join()


def start_early(paths: Iterable[str | os.PathLike[str]] | None = None) -> None:
    """Start the fork server (its preload and warm-up take seconds) in the background now, so that it overlaps
    the caller's own start-up (e.g. Prefect's) instead of delaying the first document. For ``paths`` that name a
    single page file, that page is cleaned in process, where the warm-up would only compete for the CPU: only the
    language model is read ahead (mostly decompression, outside the GIL)."""
    if paths is not None and single_page(paths):
        load_model_in_background()
        return
    if _worker_context().get_start_method() == "forkserver":
        threading.Thread(target=multiprocessing.forkserver.ensure_running, daemon=True).start()


def _worker_context() -> multiprocessing.context.BaseContext:
    """A fork server (no fork of a threaded parent) that has already imported the cleaners."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    return context


def _start_worker(warm: bool) -> None:
    """In each new worker: leave Ctrl-C to the parent, which stops the pool (a worker interrupted mid-page would
    only print a traceback), then warm up."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if warm:
        warm_up()


def warm_up() -> None:
    """In each new worker, before its first document: make sure what the cleaners load lazily is loaded (a
    no-op after the fork server's preload; about a second under the spawn start method), so that time is
    not charged to the first document's timeout."""
    import cleaners.warm  # noqa: F401


def _run_cleaner(cleaner: Cleaner, doc: SourceDocument) -> Outcome:
    """In the worker: clean, and send the outcome back without the raw bytes (the parent has them)."""
    outcome = cleaner(doc)
    outcome.doc = replace(outcome.doc, data=b"")
    return outcome


def _timed_out(doc: SourceDocument, timeout: float) -> Outcome:
    return _failed(
        doc,
        Reason.TIMEOUT,
        f"cleaning took longer than {timeout:g} s and was stopped; the page is "
        "probably pathological (huge or deeply nested markup) -- inspect it, or raise the timeout",
    )


def _collect(doc: SourceDocument, future: Future, timeout: float) -> Outcome:
    try:
        outcome = future.result()
    except TimeoutError:
        return _timed_out(doc, timeout)
    except BrokenProcessPool as exc:  # the pool itself failed (workers cannot start): not the document's fault
        raise RuntimeError(
            f"the cleaning worker pool broke ({exc}); check the workers can import the "
            "cleaners, or run with jobs=1 to see the error"
        ) from exc
    except ProcessExpired as exc:
        return _failed(
            doc,
            Reason.WORKER_CRASHED,
            f"the worker process died while cleaning this document (exit code "
            f"{exc.exitcode}: a crash in a parser, or out of memory); inspect the page",
        )
    except Exception as exc:  # raised by the cleaner inside the worker
        return _failed(doc, Reason.CLEANER_ERROR, _error_detail(exc))
    outcome.doc = doc
    return outcome


def _failed(doc: SourceDocument, reason: Reason, detail: str) -> Quarantined:
    return Quarantined(doc, doc_id_of(doc), reason, detail)


def _error_detail(exc: BaseException) -> str:
    """What the cleaner raised and where (pebble carries a worker's traceback as text in ``exc.traceback``)."""
    remote = _REMOTE_FRAME.findall(getattr(exc, "traceback", "") or "")
    local = traceback.extract_tb(exc.__traceback__) if exc.__traceback__ else []
    where = remote[-1] if remote else (local[-1].filename, str(local[-1].lineno)) if local else None
    place = f" at {os.path.basename(where[0])}:{where[1]}" if where else ""
    return (
        f"the cleaner raised {type(exc).__name__}: {exc}{place}; this is a bug in the cleaner -- report it "
        "with the document"
    )
