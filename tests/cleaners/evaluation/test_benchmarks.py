"""cleaners.evaluation: where the corpora are, WCXB's split by domain and its word metric."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaners.evaluation.corpora import CorpusMissing, corpus_dir
from cleaners.evaluation.metrics import mean_scores, word_scores
from cleaners.evaluation.wcxb import detection_rows, domain_split, registered_domain
from tests.paths import AEB


def test_the_aeb_copy_of_the_tests_is_found_when_nothing_else_is(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    found = corpus_dir("aeb", tmp_path / "nowhere")
    assert (found / "ground-truth.json").is_file()
    assert found == AEB or found.parent.name == "bench"


def test_a_missing_corpus_says_where_it_looked(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("cleaners.evaluation.corpora.CHECKOUT", tmp_path / "checkout")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CorpusMissing, match="--bench-dir"):
        corpus_dir("wcxb", tmp_path / "nowhere")


def test_a_domain_is_on_one_side_of_the_split_only() -> None:
    urls = ["https://news.example.co.uk/a", "https://www.example.co.uk/b", "http://blog.example.co.uk/c?d=1"]
    assert {registered_domain(u) for u in urls} == {"example.co.uk"}
    assert len({domain_split(u) for u in urls}) == 1
    sides = {domain_split(f"https://site{i}.com/") for i in range(60)}
    assert sides == {"tune", "holdout"}


def test_word_scores_are_bags_of_lower_cased_words() -> None:
    score = word_scores("p", "The cat the CAT sat", "the cat sat on the mat")
    assert (round(score.precision, 3), round(score.recall, 3)) == (0.8, round(4 / 6, 3))
    assert word_scores("e", "", "").f1 == 1.0 and word_scores("z", "", "text").f1 == 0.0
    assert mean_scores([score, word_scores("q", "a", "a")])[2] == pytest.approx((score.f1 + 1) / 2)


def test_detector_rows_give_accuracy_and_per_type_precision_and_recall() -> None:
    score = word_scores("p", "a b", "a b")
    scored = [("article", score, "article"), ("article", score, "listing"), ("listing", score, "index")]
    rows = {r.page_type: r for r in detection_rows(scored)}
    assert rows["all"].recall == pytest.approx(2 / 3)  # an index page counts as a listing
    assert rows["article"].recall == 0.5 and rows["article"].precision == 1.0
    assert rows["listing"].recall == 1.0 and rows["listing"].precision == 0.5
    assert rows["article"].detected_as == {"article": 1, "listing": 1}


def test_a_wcxb_report_names_each_target_it_misses() -> None:
    from cleaners.evaluation.wcxb import TypeRow, WcxbReport

    rows = [
        TypeRow("all", 10, (0.9, 0.9, 0.88), (0.8, 0.8, 0.80)),
        TypeRow("article", 5, (0.9, 0.9, 0.95), (0.9, 0.9, 0.93)),
        TypeRow("forum", 5, (0.7, 0.7, 0.70), (0.7, 0.7, 0.72)),
    ]
    missed = WcxbReport("html", "holdout", "trafilatura", rows).missed_targets()
    assert missed == ["article: F1 0.950 < 0.96", "forum: F1 0.700 < trafilatura 0.720"]
    assert WcxbReport("text", "holdout", "whole page", rows[:2]).missed_targets() == []
