"""Fit, check, save and load one gradient-boosted tree model (LightGBM), deterministically.

Training is reproducible: one thread, fixed seeds, LightGBM's deterministic mode. Cross-validation groups rows by
site (``groups``), so a score never comes from a site the model was trained on.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence

    import lightgbm

MODELS = "cleaners.models"
PARAMS: dict[str, Any] = {
    "objective": "binary",
    "learning_rate": 0.05,
    "num_leaves": 31,
    "min_data_in_leaf": 40,
    "feature_fraction": 0.8,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "seed": 7,
    "deterministic": True,
    "force_row_wise": True,
    "num_threads": 1,
    "verbosity": -1,
}
ROUNDS = 300
FOLDS = 5


@dataclass(frozen=True)
class CrossCheck:
    """Grouped cross-validation: accuracy and F1 of the 'keep' class at threshold 0.5, per fold and overall."""

    folds: int
    rows: int
    accuracy: float
    f1: float


def fold_of(group: str, folds: int = FOLDS) -> int:
    """A stable fold for a group (a site): the same on every machine and run."""
    return int(hashlib.sha1(group.encode("utf-8")).hexdigest(), 16) % folds


def _dataset(
    rows: Sequence[Sequence[float]],
    labels: Sequence[int],
    names: Sequence[str],
    weights: Sequence[float] | None = None,
) -> lightgbm.Dataset:
    import lightgbm
    import numpy

    return lightgbm.Dataset(
        numpy.asarray(rows, dtype=numpy.float64),
        label=numpy.asarray(labels, dtype=numpy.float64),
        weight=None if weights is None else numpy.asarray(weights, dtype=numpy.float64),
        feature_name=list(names),
        free_raw_data=True,
    )


def fit(
    rows: Sequence[Sequence[float]],
    labels: Sequence[int],
    names: Sequence[str],
    params: dict[str, Any] | None = None,
    rounds: int = ROUNDS,
    weights: Sequence[float] | None = None,
) -> str:
    """A model trained on every row (each counting ``weights[i]`` times, default once), as LightGBM's text format."""
    import lightgbm

    dataset = _dataset(rows, labels, names, weights)
    booster = lightgbm.train({**PARAMS, **(params or {})}, dataset, num_boost_round=rounds)
    return booster.model_to_string()


def cross_predict(
    rows: Sequence[Sequence[float]],
    labels: Sequence[int],
    groups: Sequence[str],
    names: Sequence[str],
    params: dict[str, Any] | None = None,
    rounds: int = ROUNDS,
    weights: Sequence[float] | None = None,
) -> list[float]:
    """Each row's score from a model trained on the other folds (groups never straddle folds)."""
    import lightgbm
    import numpy

    table, targets = numpy.asarray(rows, dtype=numpy.float64), numpy.asarray(labels, dtype=numpy.float64)
    weighting = None if weights is None else numpy.asarray(weights, dtype=numpy.float64)
    fold = numpy.asarray([fold_of(g) for g in groups])
    scores = numpy.zeros(len(targets))
    for k in range(FOLDS):
        train, test = fold != k, fold == k
        if not train.any() or not test.any():
            continue
        dataset = _dataset(table[train], targets[train], names, None if weighting is None else weighting[train])
        model = lightgbm.train({**PARAMS, **(params or {})}, dataset, num_boost_round=rounds)
        scores[test] = model.predict(table[test], num_threads=1)
    return [float(score) for score in scores]


def check_scores(scores: Sequence[float], labels: Sequence[int], threshold: float = 0.5) -> CrossCheck:
    """Accuracy and F1 of 'keep' for scores against labels."""
    right = true_pos = predicted = actual = 0
    for score, label in zip(scores, labels, strict=True):
        keep = score >= threshold
        right += keep == bool(label)
        true_pos += keep and bool(label)
        predicted += keep
        actual += bool(label)
    f1 = 2 * true_pos / (predicted + actual) if predicted + actual else 0.0
    return CrossCheck(FOLDS, len(scores), right / max(1, len(scores)), f1)


def save(model_text: str, path: Path) -> None:
    path.write_text(model_text, encoding="utf-8")


@cache
def load(name: str) -> lightgbm.Booster:
    """The shipped model ``cleaners/models/<name>.txt``, loaded once per process."""
    import lightgbm

    text = resources.files(MODELS).joinpath(f"{name}.txt").read_text(encoding="utf-8")
    return lightgbm.Booster(model_str=text)


def predict(name: str, rows: Sequence[Sequence[float]]) -> list[float]:
    """The probability of 'keep' for each row (a list of rows, or a 2-D array) under the shipped model ``name``."""
    import numpy

    if not len(rows):
        return []
    return load(name).predict(numpy.asarray(rows, dtype=numpy.float64), num_threads=1).tolist()
