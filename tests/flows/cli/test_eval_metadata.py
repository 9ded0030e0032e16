"""``newsdistill eval metadata`` on a benchmark folder of two pages per corpus, laid out as the real ones are."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows.cli import app

BODY = (
    "The council met on Tuesday evening to debate the proposal, and after a long discussion it voted to approve "
    "the new budget for the coming year. "
) * 6
HTML = """<html><head><title>{title} | The Daily</title><meta property="og:site_name" content="The Daily">
<meta name="author" content="Jane Doe"><meta property="article:published_time" content="2024-03-12T10:00:00Z">
</head><body><nav><a href="/">Home</a></nav><h1>{title}</h1><article><p>{body}</p></article></body></html>"""
TEXT = "Home\nNews\n{title}\nBy Jane Doe\nMarch 12, 2024\n{body}\n"
TITLES = {"0001": "Council approves the budget", "0002": "Mayor opens the new library"}


def _bench(root: Path) -> Path:
    wcxb, aeb = root / "wcxb", root / "aeb"
    for corpus in (wcxb, aeb):
        (corpus / "html").mkdir(parents=True)
        (corpus / "plaintext").mkdir()
    truth_wcxb, truth_aeb = {}, {}
    for page_id, title in TITLES.items():
        url = f"https://www.thedaily{page_id}.example/news/{title.lower().replace(' ', '-')}"
        for corpus in (wcxb, aeb):
            (corpus / "html" / f"{page_id}.html.gz").write_bytes(
                gzip.compress(HTML.format(title=title, body=BODY).encode())
            )
            (corpus / "plaintext" / f"{page_id}.txt").write_text(TEXT.format(title=title, body=BODY))
        truth_wcxb[page_id] = {
            "url": url,
            "page_type": "article",
            "title": title,
            "author": "Jane Doe",
            "publish_date": "2024-03-12",
            "main_content": BODY,
        }
        truth_aeb[page_id] = {"url": url, "articleBody": BODY}
    (wcxb / "ground-truth.json").write_text(json.dumps(truth_wcxb))
    (aeb / "ground-truth.json").write_text(json.dumps(truth_aeb))
    return root


@pytest.mark.slow
def test_eval_metadata_prints_both_paths_the_baseline_and_the_targets(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("NEWSDISTILL_BENCH", str(_bench(tmp_path)))
    result = CliRunner().invoke(app, ["eval", "metadata", "--split", "all", "--jobs", "1"], terminal_width=200)
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())  # (the console wraps long lines)
    assert "WCXB html path, split all" in output and "WCXB text path (plaintext), split all" in output
    assert "trafilatura 2.3.1 (with_metadata)" in output and "no baseline" in output
    assert "target title >= 0.92 and >= trafilatura" in output
    assert "AEB split all (2 pages): plain text beside HTML" in output
    assert "target plain-text title = HTML title >= 0.9: 1.000 met" in output
    # title, author and date right on both pages (a drawn table on a terminal, tab-separated on a pipe)
    assert re.search(r"\ball\W+2\W+1\.000\W+1\.000\W+1\.000\b", output), output


def test_eval_metadata_refuses_an_unknown_path() -> None:
    result = CliRunner().invoke(app, ["eval", "metadata", "--path", "pdf"])
    assert result.exit_code == 2 and "--path must be html, text or both" in result.output
