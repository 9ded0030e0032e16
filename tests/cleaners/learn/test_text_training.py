"""Training the plain-text line model (cleaners.learn.text_training, ``newsdistill train text``) on a tiny sample."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaners.learn.text_training import label_lines
from flows.cli import app
from tests.paths import AEB, WCXB


def test_a_line_is_kept_when_its_words_run_as_in_the_reference_body() -> None:
    truth = "The council voted on Tuesday to expand the bus network. Home owners were not asked."
    lines = ["The council voted on Tuesday", "Subscribe to our newsletter", "", "Bus network: the vote", "Bus network"]
    assert label_lines(lines, truth) == [1, 0, 0, 0, 1]
    assert label_lines(["Home", "Tuesday news"], truth) == [1, 0]  # a short line: all of it, as whole words


@pytest.mark.slow
def test_train_text_on_a_tiny_sample_prints_the_check_and_writes_the_same_model_twice(
    tmp_path: Path, monkeypatch
) -> None:
    bench = tmp_path / "bench"
    bench.mkdir()
    (bench / "aeb").symlink_to(AEB)
    (bench / "wcxb").symlink_to(WCXB)  # the fixed holdout sample: no tune page, nothing read from it
    monkeypatch.setenv("NEWSDISTILL_CACHE", str(tmp_path / "cache"))
    models = []
    for run in ("a", "b"):
        out = tmp_path / f"{run}.txt"
        args = ["train", "text", "--bench-dir", str(bench), "--limit", "3", "--rounds", "5", "-j", "1", "-o", str(out)]
        result = CliRunner().invoke(app, args, terminal_width=200)
        assert result.exit_code == 0, result.output
        assert "cross-check grouped by site" in result.output and "page word F1" in result.output
        models.append(out.read_bytes())
    assert models[0] == models[1] and models[0].startswith(b"tree")
