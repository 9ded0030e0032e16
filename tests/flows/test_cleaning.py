"""flows.cleaning: the clean command's stream, in input order, with or without a progress bar."""

from __future__ import annotations

import io

from rich.console import Console

from cleaners.read import read_inputs
from flows.cleaning import clean_stream
from schemas import Article
from tests.paths import SEEDS


def test_outcomes_come_in_input_order_with_a_bar_on_a_terminal() -> None:
    paths = sorted(SEEDS.glob("*.txt"))
    terminal = Console(file=io.StringIO(), force_terminal=True)
    outcomes = list(clean_stream(read_inputs(paths), jobs=1, progress=terminal, total=60))
    assert [o.doc.source for o in outcomes] == [str(p) for p in paths]
    assert all(isinstance(o, Article) for o in outcomes)
    assert "cleaning" in terminal.file.getvalue()
