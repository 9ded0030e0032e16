"""The contract: reasons with advice (and the README's table of them), typed outcomes, validation that refuses
keys a table does not have."""

from __future__ import annotations

import re
from dataclasses import fields

import pytest

from schemas import RECORD_FIELDS, ArticleRecord, Quarantined, Reason, SourceDocument, validate
from schemas.tables import ARTICLES
from tests.paths import ROOT


def readme_reasons() -> dict[str, str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("### Quarantine") : text.index("### Settings")]
    return dict(re.findall(r"^\| `(\w+)` \| (.+?) \|$", section, flags=re.M))


def test_the_readme_table_of_reasons_is_the_enum() -> None:
    assert readme_reasons() == {reason.value: reason.advice for reason in Reason}


def test_every_reason_says_what_to_do() -> None:
    for reason in Reason:
        assert len(reason.advice) > 40 and (";" in reason.advice or "--" in reason.advice), reason


def test_a_quarantine_takes_a_code_and_falls_back_to_the_reasons_advice() -> None:
    outcome = Quarantined(SourceDocument("x", b""), "id", "empty")
    assert outcome.reason is Reason.EMPTY and outcome.detail == Reason.EMPTY.advice
    with pytest.raises(ValueError):
        Quarantined(SourceDocument("x", b""), "id", "no_such_reason")


def test_every_record_field_is_an_articles_column() -> None:
    assert set(RECORD_FIELDS) <= set(ARTICLES.names)
    assert tuple(f.name for f in fields(ArticleRecord)) == RECORD_FIELDS


def test_validate_refuses_keys_the_table_does_not_have() -> None:
    row = {"doc_id": "d", "source": "s", "reason": "empty", "run_id": "r", "quarantined_at": None, "spurious": 1}
    with pytest.raises(ValueError, match="spurious"):
        validate("quarantine", [row])


def test_validate_refuses_a_missing_required_value() -> None:
    with pytest.raises(ValueError, match="quarantine"):
        validate(
            "quarantine", [{"doc_id": "d", "source": None, "reason": "empty", "run_id": "r", "quarantined_at": None}]
        )
