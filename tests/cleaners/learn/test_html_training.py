"""Training the HTML block model: labels from a ground-truth body, and ``newsdistill train html`` on a tiny sample."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from cleaners.evaluation.metrics import split_of
from cleaners.evaluation.wcxb import domain_split
from cleaners.learn.html_training import label_blocks
from flows.cli import app
from tests.paths import AEB, WCXB

TRUTH = (
    "Home\n\nThe council voted on Tuesday to expand the bus network across the northern districts.\n\n"
    "Officials say the plan will shorten commutes for thousands of residents."
)


def test_a_block_is_kept_when_its_words_run_in_the_truth():
    texts = [
        "Home",
        "The council voted on Tuesday to expand the bus network",
        "Officials say the plan will shorten commutes",
        "Tuesday network council the voted bus to on expand",  # the same words, not in order
        "Subscribe to our newsletter for more stories",
    ]
    assert label_blocks(texts, TRUTH) == [1, 1, 1, 0, 0]


def test_a_short_string_far_from_the_article_is_not_kept():
    texts = ["Home", "News", "Sport", "Weather", "Opinion", "The council voted on Tuesday to expand the bus"]
    assert label_blocks(texts, TRUTH) == [0, 0, 0, 0, 0, 1]


def _sample(root: Path) -> Path:
    """Three AEB tune pages and three WCXB pages given tune-split addresses: a bench folder in miniature."""
    aeb_truth = json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))
    aeb_ids = [pid for pid in sorted(aeb_truth) if split_of(pid) == "tune"][:3]
    (root / "aeb" / "html").mkdir(parents=True)
    for pid in aeb_ids:
        shutil.copy(AEB / "html" / f"{pid}.html.gz", root / "aeb" / "html")
    (root / "aeb" / "ground-truth.json").write_text(json.dumps({pid: aeb_truth[pid] for pid in aeb_ids}))
    wcxb_truth = json.loads((WCXB / "ground-truth.json").read_text(encoding="utf-8"))
    tune_sites = [f"site{i}.example" for i in range(40) if domain_split(f"https://site{i}.example/") == "tune"]
    (root / "wcxb" / "html").mkdir(parents=True)
    picked = {}
    for pid, site in zip(sorted(wcxb_truth)[:3], tune_sites, strict=False):
        shutil.copy(WCXB / "html" / f"{pid}.html.gz", root / "wcxb" / "html")
        picked[pid] = {**wcxb_truth[pid], "url": f"https://{site}/page"}
    (root / "wcxb" / "ground-truth.json").write_text(json.dumps(picked))
    return root


def test_train_html_on_a_tiny_sample_writes_the_same_model_twice(tmp_path: Path):
    bench = _sample(tmp_path / "bench")
    runner = CliRunner()
    models = []
    for run in ("a", "b"):
        target = tmp_path / f"{run}.txt"
        args = ["train", "html", "--bench-dir", str(bench), "--rounds", "3", "--jobs", "1", "-o", str(target)]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        assert "page F1 rules" in result.output
        models.append(target.read_bytes())
    assert models[0] == models[1] and b"Tree=2" in models[0]
