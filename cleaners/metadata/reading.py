"""Reading time: stated on the page ("2 min read", "Lesezeit: 3 Minuten"), else estimated from the word count."""

from __future__ import annotations

import re

WORDS_PER_MINUTE = 230

_UNIT = r"(?:minuten|minutes|minutos|minuti|minuty|minuta|minute|minut|minuto|mins|min|минуты|минута|минут|мин)\b\.?"
_LABEL = (
    r"(?:read(?:ing)?(?:\s+time)?|lesezeit|lesedauer|de\s+lecture|temps\s+de\s+lecture|lecture"
    r"|de\s+lectura|tiempo\s+de\s+lectura|lectura|di\s+lettura|tempo\s+di\s+lettura|lettura"
    r"|de\s+leitura|tempo\s+de\s+leitura|leitura|czytania|czas\s+czytania|czas\s+lektury"
    r"|чтения|время\s+чтения|на\s+чтение|leestijd|lezen|leesduur)"
)
_NUMBER = r"(?P<n>\d{1,3})(?:\s*[-–]\s*\d{1,3})?"
# "2 min read", "3-minute read", "3 Min. Lesezeit", "3 min de lecture", "5 мин чтения"
_NUM_FIRST = re.compile(rf"{_NUMBER}\s*[-\s]?\s*{_UNIT}\.?\s*{_LABEL}\b", re.I)
# "Lesezeit: 3 Minuten", "Reading time: 4 minutes", "Temps de lecture : 3 min", "Время чтения: 3 минуты"
_LABEL_FIRST = re.compile(rf"{_LABEL}\s*[:：]?\s*(?:ca\.?\s*|~\s*|approx\.?\s*|около\s+)?{_NUMBER}\s*{_UNIT}", re.I)
_BARE = re.compile(rf"^\s*(?:ca\.?\s*|~\s*)?{_NUMBER}\s*{_UNIT}\s*$", re.I)


def find_reading_time(text: str, *, bare_ok: bool = False) -> tuple[int, int, int] | None:
    """(minutes, start, end) of a reading-time phrase in ``text``; ``bare_ok`` accepts "3 min" alone."""
    for pattern in (_NUM_FIRST, _LABEL_FIRST) + ((_BARE,) if bare_ok else ()):
        match = pattern.search(text)
        if match:
            return int(match["n"]), match.start(), match.end()
    return None


def parse_reading_time(raw: str | None) -> int | None:
    """Minutes stated by the page, or None. Zero or absurd values (> 600) are rejected."""
    if not raw or not isinstance(raw, str):
        return None
    found = find_reading_time(raw, bare_ok=True)
    if not found or not 0 < found[0] <= 600:
        return None
    return found[0]


def strip_reading_time(text: str) -> str:
    found = find_reading_time(text)
    return (text[: found[1]] + " " + text[found[2] :]).strip() if found else text


def estimate_reading_time(word_count: int) -> int:
    return max(1, round(word_count / WORDS_PER_MINUTE))
