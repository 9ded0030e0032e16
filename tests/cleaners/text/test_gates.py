"""Shortcuts in the per-line features give the same answers as the plain regexes they replace."""

from __future__ import annotations

import re
from bisect import bisect_right

import pytest

from cleaners.rules import Matcher, matcher_for
from cleaners.rules.doc_match import DocLines, Trigger, candidate_rules, trigger_regex
from cleaners.text.extract import KIND_ORDER
from cleaners.text.features import _WORD, CONTACT_DIGITS, has_contact
from cleaners.text.patterns import _ANY_MONTH, MONTH_DATE, NUMERIC_DATE, RELATIVE_TIME, has_date
from tests.paths import TESTS

TEXT_DIRS = (TESTS / "fixtures", TESTS / "aeb" / "plaintext")  # multilingual pages; the benchmark's dumps (some CJK)
_OLD_CONTACT = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|\+?\d[\d ()-]{7,}\d")

EXTRA = [
    "Call +1 (555) 010-2030 today",
    "Tel. +49 30 1234567",
    "mail: jane.doe+news@example.co.uk",
    "a@b",
    "x@y.z",
    "+12345678",
    "+123456789",
    "1234567890",
    "12 34 56 78 9",
    "(030) 12 34 56",
    "Téléphone : 01 23 45 67 89",
    "Телефон: +7 (495) 123-45-67",
    "電話 03-1234-5678 メール info@example.jp",
    "@handle 2024 10 11",
    "3 hours ago",
    "vor 3 Stunden",
    "il y a 2 jours",
    "hace 5 minutos",
    "2 giorni fa",
    "há 3 dias",
    "5 dni temu",
    "3 дня назад",
    "2 uur geleden",
    "12 mars 2024",
    "1er mars 2024",
    "March 3, 2024",
    "2024-03-01",
    "3.3.24",
    "١٢٣٤٥٦٧٨٩٠",
    "²³⁴ 1 2 3",
    "",
]


def _lines() -> list[str]:
    lines = list(EXTRA)
    for path in sorted(p for folder in TEXT_DIRS for p in folder.rglob("*.txt")):
        lines += path.read_text(encoding="utf-8", errors="replace").splitlines()
    return lines


LINES = _lines()


def _old_contact(text: str, digits: int) -> bool:
    return ("@" in text or digits >= CONTACT_DIGITS) and bool(_OLD_CONTACT.search(text))


def _old_has_date(text: str) -> bool:
    return bool(
        (_ANY_MONTH.search(text) and MONTH_DATE.search(text)) or NUMERIC_DATE.search(text) or RELATIVE_TIME.search(text)
    )


def test_fixture_lines_cover_several_languages() -> None:
    assert len(LINES) > 5000
    assert all(any(re.search(script, line) for line in LINES) for script in ("[а-я]", "ł", "[\u4e00-\u9fff]"))


@pytest.mark.parametrize("digits", [None, 0, CONTACT_DIGITS])
def test_has_contact_matches_the_single_alternation(digits: int | None) -> None:
    for line in LINES:
        count = sum(map(str.isdigit, _WORD.findall(line.lower()))) if digits is None else digits
        assert has_contact(line, count) == _old_contact(line, count), line


def test_has_date_order_does_not_change_the_answer() -> None:
    for line in LINES:
        assert has_date(line) == _old_has_date(line), line


# --- lexicon pre-filter: leading words of ``^`` rules are only looked for at a line's first token ------------

LANG_SETS = (
    None,
    ("en",),
    ("de", "en"),
    ("en", "fr"),
    ("en", "es"),
    ("en", "it"),
    ("en", "pt"),
    ("en", "pl"),
    ("en", "nl"),
    ("en", "ru"),
)
TRICKY = [
    "In",
    "  in the news",
    "— In depth",
    "«In» brief",
    "...",
    "",
    "\tWe are hiring",
    "x\rIn",
    "İn the news",
    "Informationen zum Datenschutz",
    "(In pictures) Storm",
    "12 in 2024",
    "in",
    "IN OTHER NEWS",
    "你好 in",
]


def _pages() -> list[list[str]]:
    pages = [TRICKY]
    for path in sorted(p for folder in TEXT_DIRS for p in folder.rglob("*.txt")):
        lines = [line.strip() for line in path.read_text(encoding="utf-8", errors="replace").splitlines()]
        pages.append(list(dict.fromkeys(line for line in lines if line)))
    return pages


def _combined_scan_candidates(matcher: Matcher, doc: DocLines, trigger: re.Pattern[str]) -> dict[int, set[int]]:
    """The former pre-filter: one scan for every leading word, a first-token check per hit of a ``^`` rule."""
    out: dict[int, set[int]] = {}
    for m in trigger.finditer(doc.low):
        found = m.group(1)
        word = Trigger(None, matcher._literal).rids(found)
        first = Trigger(None, matcher._literal_first).rids(found)
        line = bisect_right(doc.starts, m.start()) - 1
        if first and re.compile(r"\w").search(doc.low, doc.starts[line]).start() == m.start():  # type: ignore[union-attr]
            word = word | first
        if word:
            out.setdefault(line, set()).update(word)
    return out


@pytest.mark.parametrize("langs", LANG_SETS)
def test_candidate_rules_equal_the_combined_scan(langs: tuple[str, ...] | None) -> None:
    matcher = matcher_for(langs, KIND_ORDER)
    trigger = trigger_regex(set(matcher._literal) | set(matcher._literal_first))
    for lines in _pages():
        doc = DocLines(lines, matcher._odd_case)
        assert candidate_rules(matcher, doc) == _combined_scan_candidates(matcher, doc, trigger)


@pytest.mark.parametrize("langs", [None, ("de", "en"), ("en", "ru")])
def test_match_lines_equal_line_by_line_matching(langs: tuple[str, ...] | None) -> None:
    matcher = matcher_for(langs, KIND_ORDER)
    for lines in _pages()[:40]:
        assert matcher.match_lines(lines) == [matcher.match(line) for line in lines]
        assert matcher.match_lines(lines, [line.lower() for line in lines]) == matcher.match_lines(lines)
