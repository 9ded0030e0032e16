"""Throughput benchmark: raw trafilatura vs the cleaners vs the Prefect ingest flow, and warehouse queries.

The corpus is made from ``tests/aeb``: its pages repeated with varied URLs and a tiny unique change each, so
every document has its own raw hash (nothing is skipped as a duplicate), as JSONL of HTML and of plain text.
"""

from __future__ import annotations

import gzip
import json
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cleaners.evaluation.corpora import corpus_dir
from flows.peak_memory import PeakRSS


def make_corpus(target: Path, docs: int, kinds: tuple[str, ...] = ("html", "text")) -> dict[str, Path]:
    """``html.jsonl`` and/or ``text.jsonl`` with ``docs`` pages each, cycling through the AEB pages."""
    truth = json.loads((corpus_dir("aeb") / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)
    target.mkdir(parents=True, exist_ok=True)
    paths = {kind: target / f"{kind}.jsonl" for kind in kinds}
    for kind, path in paths.items():
        pages = {i: _page(kind, i) for i in ids}
        with path.open("w", encoding="utf-8") as out:
            for n in range(docs):
                page_id = ids[n % len(ids)]
                base = truth[page_id].get("url") or f"https://bench.example/{page_id}"
                url = f"{base}{'&' if '?' in base else '?'}bench={n}"
                if kind == "html":
                    out.write(json.dumps({"url": url, "html": f"{pages[page_id]}\n<!-- bench copy {n} -->"}) + "\n")
                else:
                    out.write(json.dumps({"url": url, "text": pages[page_id] + " " * (n // len(ids) + 1)}) + "\n")
    return paths


# A copy keeps its page's canonical URL, which would make every copy a re-fetch of one article (landed once, then
# recorded as a duplicate); without it each copy is an article of its own, as in a corpus of distinct pages.
_CANONICAL = re.compile(r"<link[^>]*\bcanonical\b[^>]*>|<meta[^>]*\bog:url\b[^>]*>", re.I)


def _page(kind: str, page_id: str) -> str:
    if kind == "html":
        raw = (corpus_dir("aeb") / "html" / f"{page_id}.html.gz").read_bytes()
        html = gzip.decompress(raw).decode("utf-8", "replace")
        return _CANONICAL.sub("", html)
    return (corpus_dir("aeb") / "plaintext" / f"{page_id}.txt").read_text(encoding="utf-8", errors="replace")


def measure(name: str, pages: int, size: int, action: Callable[[], Any]) -> dict:
    with PeakRSS() as rss:
        start = time.perf_counter()
        extra = action() or {}
        seconds = extra.pop("timed_s", None) or time.perf_counter() - start  # an action may time itself
    if outcomes := extra.pop("outcomes_s", None):
        extra |= steady_rate(pages, outcomes["first"], outcomes["last"])
    return {
        "name": name,
        "pages": pages,
        "seconds": round(seconds, 3),
        "pages_per_s": round(pages / seconds, 2),
        "mb_per_s": round(size / seconds / 1e6, 3),
        "peak_rss_mb": round(rss.peak / 1e6, 1),
        "peak_pss_mb": round(rss.peak_pss / 1e6, 1),
        "pss_by_quarter_mb": rss.quarters_mb(),
        **extra,
    }


def steady_rate(pages: int, first: float | None, last: float | None) -> dict:
    """A run's start-up (until its first document is cleaned: worker start, lazy loading) and its pages/s from
    then to its last document, the rate a long run approaches."""
    if first is None or last is None or last <= first or pages < 2:
        return {}
    return {"startup_s": round(first, 3), "steady_pages_per_s": round((pages - 1) / (last - first), 2)}


def raw_trafilatura(paths: list[Path]) -> Callable[[], dict]:
    import trafilatura

    from cleaners.read import read_inputs

    pages = [(d.data.decode("utf-8-sig", "replace"), d.url) for d in read_inputs(paths)]

    def run() -> dict:
        found = sum(trafilatura.bare_extraction(html, url=url) is not None for html, url in pages)
        return {"extracted": found}

    return run


def clean_all(paths: list[Path]) -> Callable[[], dict]:
    from cleaners.read import read_inputs
    from flows.cleaning import clean_stream
    from schemas import Quarantined

    def run() -> dict:
        start = time.perf_counter()
        first = last = None  # seconds to the first and to the latest outcome
        quarantined = 0
        for outcome in clean_stream(read_inputs(paths)):
            last = time.perf_counter() - start
            first = last if first is None else first
            quarantined += isinstance(outcome, Quarantined)
        return {"quarantined": quarantined, "outcomes_s": {"first": first, "last": last}}

    return run


def ingest_run(paths: list[Path], warehouse: Path) -> Callable[[], dict]:
    """The ingest flow against a Prefect API that is already up, as in production (``prefect server start``,
    PREFECT_API_URL); the start of a temporary server, which a bare ``newsdistill ingest`` pays on every run,
    is timed on its own. The flow reports the seconds its own thread waited on reading and cleaning, on
    landing and on the analytics refresh, so the rest of its wall time is the orchestration overhead."""
    from flows.api import prefect_api
    from flows.ingest import run_ingest
    from flows.settings import Settings

    def run() -> dict:
        start = time.perf_counter()
        with prefect_api():
            server_start = time.perf_counter() - start
            start = time.perf_counter()
            result = run_ingest([str(p) for p in paths], Settings.load(warehouse=str(warehouse)))
            wall = time.perf_counter() - start
        waits = result["waits_s"]
        overhead = wall - sum(waits.values())
        return {
            "timed_s": wall,
            "outcomes_s": result["outcomes_s"],
            "ingested": result["ingested"],
            "clean_s": waits["cleaning"],
            "land_s": waits["landing"],
            "analytics_s": waits["analytics"],
            "prefect_overhead_s": round(overhead, 3),
            "prefect_overhead_share": round(overhead / wall, 4),
            "prefect_server_start_s": round(server_start, 3),
        }

    return run


QUERIES = {
    "daily_counts_per_site": "SELECT day, site, sum(articles) AS articles FROM daily_counts GROUP BY ALL ORDER BY ALL",
    "top100_by_word_count": "SELECT article_id, title, word_count FROM articles_latest "
    "ORDER BY word_count DESC, article_id LIMIT 100",
}


def query_bench(rows: int, warehouse: Path) -> dict:
    """Fill a fresh DuckLake with ``rows`` synthetic articles of 50 sites; time each query cold (first) and warm
    (best of 3)."""
    from flows.synthetic import fill_synthetic
    from warehouse.store import Warehouse

    with Warehouse(str(warehouse)) as wh:
        start = time.perf_counter()
        fill_synthetic(wh, rows, sites=50)
        result: dict[str, Any] = {"rows": rows, "load_s": round(time.perf_counter() - start, 3)}
    with Warehouse(str(warehouse), read_only=True) as wh:
        for name, sql in QUERIES.items():
            times = []
            for _ in range(4):
                start = time.perf_counter()
                wh.con.execute(sql).fetchall()
                times.append(time.perf_counter() - start)
            result[name] = {"cold_s": round(times[0], 4), "warm_s": round(min(times[1:]), 4)}
    return result


REPORT_ARTICLES, REPORT_SITES = 200_000, 1000


def report_bench(articles: int, sites: int, warehouse: Path, output: Path) -> dict:
    """Fill a fresh DuckLake with ``articles`` synthetic articles of ``sites`` sites; time ``newsdistill report``
    on it (opening the warehouse, the queries, writing the page) into ``output``."""
    from flows.synthetic import fill_synthetic
    from warehouse.report import write_report
    from warehouse.store import Warehouse

    with Warehouse(str(warehouse)) as wh:
        start = time.perf_counter()
        fill_synthetic(wh, articles, sites=sites)
        load = time.perf_counter() - start
    output.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    data = write_report(str(warehouse), output)
    seconds = time.perf_counter() - start
    return {
        "articles": data.totals["articles"],
        "sites": data.totals["sites"],
        "load_s": round(load, 3),
        "report_s": round(seconds, 3),
        "html": str(output),
        "html_mb": round(output.stat().st_size / 1e6, 2),
    }


def per_core(pages: int | None = None) -> list[dict]:
    """CPU pages/s in this one process over the distinct benchmark pages, each cleaned once (the corpus
    repeats pages, which flatters anything cached across documents): raw trafilatura (the body, as in the
    ingest target), trafilatura with its metadata too (like for like: a record has both), and clean_document
    on the HTML and on the plain-text dump of each page, after the warm-up every cleaning worker has. ``pages``:
    the first that many pages only (all by default)."""
    import trafilatura

    from cleaners.pipeline import clean_document
    from schemas import SourceDocument

    ids = sorted(json.loads((corpus_dir("aeb") / "ground-truth.json").read_text(encoding="utf-8")))[:pages]
    html = [gzip.decompress((corpus_dir("aeb") / "html" / f"{i}.html.gz").read_bytes()) for i in ids]
    text = [(corpus_dir("aeb") / "plaintext" / f"{i}.txt").read_bytes() for i in ids]
    import cleaners.warm  # noqa: F401  (loaded as in every cleaning worker: lexicons, models, date parsers)

    trafilatura.bare_extraction(html[0].decode("utf-8", "replace"))
    runs = [
        ("raw trafilatura", lambda: [trafilatura.bare_extraction(h.decode("utf-8", "replace")) for h in html]),
        (
            "raw trafilatura + metadata",
            lambda: [trafilatura.bare_extraction(h.decode("utf-8", "replace"), with_metadata=True) for h in html],
        ),
        (
            "clean_document, HTML",
            lambda: [clean_document(SourceDocument("p.html", h, content_type="html")) for h in html],
        ),
        (
            "clean_document, text",
            lambda: [clean_document(SourceDocument("p.txt", t, content_type="text")) for t in text],
        ),
    ]
    out = []
    for name, action in runs:
        start = time.process_time()
        action()
        seconds = time.process_time() - start
        out.append(
            {
                "name": name,
                "pages": len(ids),
                "cpu_s": round(seconds, 3),
                "pages_per_cpu_s": round(len(ids) / seconds, 1),
            }
        )
    for run in out:
        run["vs_raw_trafilatura"] = round(run["pages_per_cpu_s"] / out[0]["pages_per_cpu_s"], 2)
    return out


# The targets; ``targets`` judges each on what this run measured (the memory and Prefect-overhead bounds are
# stated for 2000 and 10 000 documents, so a shorter run only approximates them). Speed is judged against the
# trafilatura CLI on the same cores, what a user runs instead (not single-process ``bare_extraction``).
TEXT_PAGES_PER_CORE = 400
PEAK_MEMORY_MB = 1500
PREFECT_OVERHEAD_SHARE = 0.10
QUERY_SECONDS = 1.0
REPORT_SECONDS = 10.0
INGEST_VS_CLI = 1.5  # newsdistill ingest, start-up included, against the trafilatura CLI on the same cores
STARTUP_SECONDS = {
    "newsdistill ingest (temporary Prefect API)": 3.0,
    "newsdistill ingest (running Prefect API)": 2.0,
    "newsdistill clean": 1.5,
}


def targets(result: dict) -> list[dict]:
    """Each target this run can judge: {target, measured, met}."""
    runs = {r["name"]: r for r in result["runs"]}
    out = []

    def judge(target: str, measured: float, bound: float, higher_is_better: bool, shown: str) -> None:
        met = measured >= bound if higher_is_better else measured <= bound
        out.append({"target": target, "measured": shown, "met": met})

    if text := runs.get("newsdistill clean, text"):
        per_core = text["pages_per_s"] / result["cpus"]
        steady = text.get("steady_pages_per_s", text["pages_per_s"]) / result["cpus"]
        judge(
            f"plain-text clean >= {TEXT_PAGES_PER_CORE} pages/s per core",
            per_core,
            TEXT_PAGES_PER_CORE,
            True,
            f"{per_core:.0f} (steady {steady:.0f}) pages/s per core",
        )
    for corpus in result.get("commands", []):
        if ingest := next((r for r in corpus.get("runs", []) if r["name"].startswith("newsdistill ingest")), None):
            judge(
                f"ingest >= {INGEST_VS_CLI}x the trafilatura CLI ({corpus['corpus']}, start-up included)",
                ingest["vs_cli"],
                INGEST_VS_CLI,
                True,
                f"{ingest['vs_cli']:.2f}x over {corpus['pages']} pages on {corpus['jobs']} cores",
            )
    for run in result.get("startup", []):
        if run["name"] in STARTUP_SECONDS:
            judge(
                f"start-up of {run['name']} <= {STARTUP_SECONDS[run['name']]:g} s",
                run["seconds"],
                STARTUP_SECONDS[run["name"]],
                False,
                f"{run['seconds']} s for one small file",
            )
    ours = [
        *result["runs"],
        *(r for c in result.get("commands", []) for r in c.get("runs", []) if r["name"].startswith("newsdistill")),
    ]
    if ours:
        peak = max(ours, key=lambda r: r["peak_pss_mb"])
        judge(
            f"peak memory <= {PEAK_MEMORY_MB} MB (PSS)",
            peak["peak_pss_mb"],
            PEAK_MEMORY_MB,
            False,
            f"{peak['peak_pss_mb']:.0f} MB ({peak['name']}, {peak['pages']} documents)",
        )
    for run in (r for r in result["runs"] if "prefect_overhead_share" in r):
        share = run["prefect_overhead_share"]
        judge(
            f"Prefect overhead <= {PREFECT_OVERHEAD_SHARE:.0%} ({run['name']})",
            share,
            PREFECT_OVERHEAD_SHARE,
            False,
            f"{share:.1%} over {run['pages']} documents",
        )
    if q := result["queries"]:
        for name in QUERIES:
            judge(
                f"{name} < {QUERY_SECONDS:g} s",
                q[name]["cold_s"],
                QUERY_SECONDS,
                False,
                f"{q[name]['cold_s']} s cold over {q['rows']} rows",
            )
    if r := result.get("report"):
        judge(
            f"report < {REPORT_SECONDS:g} s",
            r["report_s"],
            REPORT_SECONDS,
            False,
            f"{r['report_s']} s over {r['articles']} articles of {r['sites']} sites",
        )
    return out


STEPS = (
    "startup",
    "cli-aeb",
    "cli-wcxb",
    "raw",
    "clean-html",
    "clean-text",
    "ingest-html",
    "ingest-text",
    "per-core",
    "queries",
    "report",
)
STEPS_BY_KIND = {"html": ("cli-aeb", "raw", "clean-html", "ingest-html"), "text": ("clean-text", "ingest-text")}
DEFAULT_STEPS = tuple(s for s in STEPS if s != "ingest-text")
WCXB_PAGES = 400


def run_bench(
    docs: int = 2000,
    query_rows: int = 100_000,
    workdir: Path | None = None,
    progress: Callable[[str], None] = print,
    only: tuple[str, ...] = DEFAULT_STEPS,
    report_articles: int = REPORT_ARTICLES,
    report_sites: int = REPORT_SITES,
    report_out: Path = Path("bench-results/report-synthetic.html"),
    wcxb_pages: int = WCXB_PAGES,
    repeat: int = 1,
    bench_dir: Path | None = None,
    per_core_pages: int | None = None,
) -> dict:
    """The steps in ``only`` (names in STEPS); ``vs_raw_trafilatura`` only when ``raw`` ran. The report step
    keeps its page in ``report_out``. ``startup``, ``cli-aeb`` and ``cli-wcxb`` run the commands as a user does
    (``flows.bench_commands``): ``cli-aeb`` on the HTML corpus, ``cli-wcxb`` on ``wcxb_pages`` WCXB pages, each
    command ``repeat`` times (the median kept)."""
    from cleaners.parallel import default_jobs
    from flows import bench_commands

    unknown = set(only) - set(STEPS)
    if unknown:
        raise ValueError(f"unknown bench steps {sorted(unknown)}; choose from {', '.join(STEPS)}")
    with tempfile.TemporaryDirectory(prefix="newsdistill-bench-", dir=workdir) as tmp:
        root = Path(tmp)
        kinds = tuple(k for k in ("html", "text") if any(s in only for s in STEPS_BY_KIND[k]))
        corpus = make_corpus(root / "corpus", docs, kinds) if kinds else {}
        html, text = [corpus.get("html")], [corpus.get("text")]
        html_mb, text_mb = (corpus[k].stat().st_size if k in corpus else 0 for k in ("html", "text"))
        startup: list[dict] = []
        if "startup" in only:
            startup = bench_commands.startup(root / "startup", default_jobs(), progress)
        commands = []
        corpora = (
            bench_commands.command_corpora(
                root, corpus.get("html") if "cli-aeb" in only else None, wcxb_pages, bench_dir
            )
            if {"cli-aeb", "cli-wcxb"} & set(only)
            else []
        )
        for name, folder, missing in corpora:
            if f"cli-{name}" not in only:
                continue
            if folder is None:
                progress(f"skipped: the command comparison on {name}: {missing}")
                commands.append({"corpus": name, "skipped": missing})
                continue
            commands.append(
                bench_commands.compare_on(name, folder, root / f"commands-{name}", default_jobs(), repeat, progress)
            )
        runs = []
        steps = {
            "raw": ("raw trafilatura (1 process)", html_mb, lambda: raw_trafilatura(html)),
            "clean-html": ("newsdistill clean, HTML", html_mb, lambda: clean_all(html)),
            "clean-text": ("newsdistill clean, text", text_mb, lambda: clean_all(text)),
            "ingest-html": ("newsdistill ingest, HTML", html_mb, lambda: ingest_run(html, root / "warehouse")),
            "ingest-text": ("newsdistill ingest, text", text_mb, lambda: ingest_run(text, root / "warehouse-text")),
        }
        for step in (s for s in STEPS if s in only and s in steps):
            name, size, make_action = steps[step]
            progress(f"running: {name}")
            runs.append(measure(name, docs, size, make_action()))
        if "raw" in only:
            base = runs[0]["pages_per_s"]
            for run in runs:
                run["vs_raw_trafilatura"] = round(run["pages_per_s"] / base, 2)
        cores: list[dict] = []
        if "per-core" in only:
            progress("running: one core over the distinct benchmark pages")
            cores = per_core(per_core_pages)
        queries: dict[str, Any] = {}
        if "queries" in only:
            progress(f"running: queries over {query_rows} synthetic articles")
            queries = query_bench(query_rows, root / "query-warehouse")
        report: dict[str, Any] = {}
        if "report" in only:
            progress(f"running: the report over {report_articles} synthetic articles of {report_sites} sites")
            report = report_bench(report_articles, report_sites, root / "report-warehouse", report_out)
    result = {
        "docs": docs,
        "cpus": default_jobs(),
        "startup": startup,
        "commands": commands,
        "runs": runs,
        "per_core": cores,
        "queries": queries,
        "report": report,
    }
    return result | {"targets": targets(result)}
