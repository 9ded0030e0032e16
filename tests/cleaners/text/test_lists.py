"""cleaners.text.lists: numbered items are told from numbers that merely start a line."""

from __future__ import annotations

import pytest

from cleaners.rules import matcher_for
from cleaners.text.extract import KIND_ORDER, rule_languages
from cleaners.text.features import document_features
from cleaners.text.language import stoplist
from cleaners.text.lists import enumerated_items, leading_number


@pytest.mark.parametrize(
    ("line", "number"),
    [("1) Kyle Busch", 1), ("2 Kyle Busch 5040", 2), ("No. 3 seed", 3), ("№ 4", 4), ("3a etapa: Lyon", 3)],
)
def test_a_leading_item_number_is_read(line: str, number: int):
    assert leading_number(line) == number


@pytest.mark.parametrize("line", ["2024 was a year", "12,000 people came", "Kyle Busch 1", ""])
def test_a_year_a_quantity_or_no_number_is_not_an_item(line: str):
    assert leading_number(line) is None


def test_only_a_run_of_consecutive_numbers_is_a_list():
    lines = [
        "Standings after the race:",
        "1. Kyle Busch 5040",
        "2. Denny Hamlin 5035",
        "3. Joey Logano 5020",
        "7. A stray number later on",
    ]
    feats = document_features(lines, stoplist("en"), matcher_for(rule_languages("en"), KIND_ORDER))
    assert {1, 2, 3} <= enumerated_items(feats) and 4 not in enumerated_items(feats)
