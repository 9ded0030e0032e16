"""Two metrics. AEB's: 4-token shingle multisets, per-page P/R averaged (``score_page``, ``score_corpus``).
WCXB's: word bags, per-page P/R/F1, macro mean over pages (``word_scores``, ``mean_f1``).

AEB metric:

Tokens are ``\\w+`` matches; each text becomes a multiset of overlapping 4-token shingles;
per page tp/fp/fn come from the multiset overlap, normalised to sum 1; corpus precision is the
mean over pages with a non-empty prediction, recall the mean over pages with a non-empty truth.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+", re.UNICODE)
SHINGLE = 4


def shingles(text: str, n: int = SHINGLE) -> Counter:
    tokens = _TOKEN.findall(text or "")
    if len(tokens) < n:  # short texts still count as one shingle
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


@dataclass
class PageScore:
    page_id: str
    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float:
        p, r = self.precision or 0.0, self.recall or 0.0
        return 2 * p * r / (p + r) if p + r else 0.0


def score_page(page_id: str, predicted: str, truth: str) -> PageScore:
    pred, true = shingles(predicted), shingles(truth)
    tp = sum((pred & true).values())
    fp = sum((pred - true).values())
    fn = sum((true - pred).values())
    total = tp + fp + fn
    if total == 0:
        return PageScore(page_id, 0.0, 0.0, 0.0)
    return PageScore(page_id, tp / total, fp / total, fn / total)


@dataclass
class CorpusScore:
    precision: float
    recall: float
    f1: float
    pages: int
    empty_predictions: int  # pages with a non-empty truth but an empty prediction


def score_corpus(pages: list[PageScore]) -> CorpusScore:
    precisions = [p.precision for p in pages if p.tp + p.fp > 0]
    recalls = [p.recall for p in pages if p.tp + p.fn > 0]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    empty = sum(1 for p in pages if p.tp + p.fp == 0 and p.fn > 0)
    return CorpusScore(precision, recall, f1, len(pages), empty)


def split_of(page_id: str) -> str:
    """Fixed tune/holdout split: about one page in three is held out of all tuning."""
    return "holdout" if int(hashlib.sha256(page_id.encode()).hexdigest(), 16) % 3 == 0 else "tune"


@dataclass
class WordScore:
    """One page under WCXB's metric: lower-cased ``\\w+`` tokens as bags of words."""

    page_id: str
    precision: float
    recall: float
    f1: float


def word_scores(page_id: str, predicted: str, truth: str) -> WordScore:
    pred = Counter(_TOKEN.findall((predicted or "").lower()))
    true = Counter(_TOKEN.findall((truth or "").lower()))
    if not pred and not true:
        return WordScore(page_id, 1.0, 1.0, 1.0)
    overlap = sum((pred & true).values())
    precision = overlap / sum(pred.values()) if pred else 0.0
    recall = overlap / sum(true.values()) if true else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return WordScore(page_id, precision, recall, f1)


def mean_scores(scores: list[WordScore]) -> tuple[float, float, float]:
    """Macro means (precision, recall, F1) over pages, as WCXB reports them."""
    if not scores:
        return 0.0, 0.0, 0.0
    n = len(scores)
    return (sum(s.precision for s in scores) / n, sum(s.recall for s in scores) / n, sum(s.f1 for s in scores) / n)
