"""The model helper: deterministic training, grouped cross-validation, shipped models loaded by name."""

from __future__ import annotations

import random

from cleaners.learn import booster


def _rows(n: int = 600) -> tuple[list[list[float]], list[int], list[str]]:
    rng = random.Random(3)
    rows, labels, groups = [], [], []
    for i in range(n):
        words, links = rng.randint(1, 80), rng.random()
        rows.append([float(words), links])
        labels.append(int(words > 20 and links < 0.5))
        groups.append(f"site{i % 12}")
    return rows, labels, groups


def test_training_twice_gives_the_same_model() -> None:
    rows, labels, _ = _rows()
    assert booster.fit(rows, labels, ["words", "links"], rounds=20) == booster.fit(
        rows, labels, ["words", "links"], rounds=20
    )


def test_cross_check_learns_a_separable_rule_and_keeps_sites_apart() -> None:
    rows, labels, groups = _rows()
    check = booster.check_scores(booster.cross_predict(rows, labels, groups, ["words", "links"], rounds=40), labels)
    assert check.rows == len(rows)
    assert check.accuracy > 0.95 and check.f1 > 0.9
    assert booster.fold_of("site3") == booster.fold_of("site3")
    assert len({booster.fold_of(f"site{i}") for i in range(12)}) > 1
