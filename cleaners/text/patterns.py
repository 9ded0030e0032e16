"""Precompiled, language-general patterns for header lines: dates, times, bylines, reading times.

Covers en, de, fr, es, it, pt, pl, ru, nl conventions. Used to find metadata lines (kind
``metadata_line``) and to pull raw strings for :class:`cleaners.types.RawMetadata`.
"""

from __future__ import annotations

import re

from cleaners.metadata.months import SEARCHED_MONTHS, names_pattern

_MONTHS = names_pattern(SEARCHED_MONTHS)
MONTH_NAMES = _MONTHS  # alternation of month names and abbreviations (en, de, nl, fr, es, it, pt, pl, ru)
MONTH_DATE = re.compile(
    rf"(\b\d{{1,2}}(st|nd|rd|th|er|º|\.)?\s*(de\s+)?({_MONTHS})\.?,?(\s+de)?\s+\d{{2,4}}\b"
    rf"|\b({_MONTHS})\.?\s+\d{{1,2}}(st|nd|rd|th)?\s*(,|/)?\s*\d{{4}}\b"
    rf"|\b\d{{1,2}}(st|nd|rd|th|\.)?\s+({_MONTHS})\b"
    rf"|\b({_MONTHS})\.?\s+\d{{1,2}}\b)",
    re.IGNORECASE,
)
NUMERIC_DATE = re.compile(r"\b(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})\b")
TIME = re.compile(r"\b([01]?\d|2[0-3])[:.h][0-5]\d(\s*(am|pm|a\.m\.|p\.m\.|uhr|h))?\b|\b\d{1,2}\s*(am|pm)\b", re.I)
RELATIVE_TIME = re.compile(
    r"\b\d+\s*(min(ute)?s?|hours?|hrs?|days?|weeks?|months?)\s+ago\b|\bvor\s+\d+\s+(minuten|stunden|tagen)\b"
    r"|\bil y a\s+\d+\s+(minutes?|heures?|jours?)\b|\bhace\s+\d+\s+(minutos?|horas?|días?)\b"
    r"|\b\d+\s+(minuti|ore|giorni)\s+fa\b|\bhá\s+\d+\s+(minutos?|horas?|dias?)\b"
    r"|\b\d+\s+(minut|godzin[y]?|dni)\s+temu\b|\b\d+\s+(минут[уы]?|час(а|ов)?|дн(я|ей))\s+назад\b"
    r"|\b\d+\s+(minuten|uur|dagen)\s+geleden\b|\b(yesterday|today|gestern|heute|hier|aujourd'hui|ayer|hoy|ieri|oggi"
    r"|ontem|hoje|wczoraj|dzisiaj|вчера|сегодня|gisteren|vandaag)\b",
    re.I,
)
DATE_LABEL = re.compile(
    r"^\s*(published|posted|updated|last updated|modified|post(ed)? (at|on)|date|first published|veröffentlicht"
    r"|aktualisiert|publié|mis à jour|publicado|actualizado|pubblicato|aggiornato|atualizado|opublikowano"
    r"|aktualizacja|zaktualizowano|опубликовано|обновлено|gepubliceerd|bijgewerkt)\b\s*(on|at|am|le|el|il|em|:)?\s*:?",
    re.I,
)
BYLINE = re.compile(
    r"^\s*(?i:by|written by|posted by|words by|reported by|von|par|por|di|de|door|przez|autor|autorka|автор|авторы"
    r"|texto|testo|tekst|text)\s*:?\s+(?=[\w'’-]*[A-ZÀ-ÞА-Я])",
)
# "... by Jane Doe" after a date: the byline of a "Published <date> by <name>" line
BY_INSIDE = re.compile(r"\b(?i:by|von|par|por|door|przez)\s+(?=[A-ZÀ-ÞА-Я])")
AUTHOR_LABEL = re.compile(r"^\s*(author|authors|autor|auteur|autore|autora|auteurs|автор)\s*:\s*", re.I)
READING_TIME = re.compile(
    r"(\b\d+\s*(-|–)?\s*(min(ute)?s?|minuten|minutos|minuti|minut|мин(ут[аы]?)?)\.?\s*"
    r"(read|reading|de lecture|de lectura|di lettura|de leitura|czytania|чтения|lesezeit|leestijd|lesen|leestijd)\b"
    r"|\b(reading time|lesezeit|temps de lecture|tiempo de lectura|tempo di lettura|tempo de leitura|czas czytania"
    r"|время чтения|leestijd)\s*:?\s*(ca\.\s*)?\d+\s*(min(ute)?s?|minuten|minutos|minuti|minut|мин(ут[аы]?)?)\.?)",
    re.I,
)
NEWS_DESK = re.compile(
    r"^(?P<site>.+?)\s+(news ?desk|staff|newsroom|editorial (team|staff|board)|redaktion|rédaction|redacción"
    r"|redazione|redação|redakcja|редакция|redactie)$",
    re.I,
)
COPYRIGHT_SITE = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*(?P<site>[^.|,©]{2,60}?)"
    r"\s*(?:[.|,]|all rights|$)",
    re.I,
)
# "— Jane Doe (@janedoe) November 1, 2019": the signature line of an embedded tweet, part of the quote
TWEET_SIGNATURE = re.compile(r"^\s*[—–-]\s*[^()]{1,80}\(@\w{1,15}\)")
TITLE_SEPARATOR = re.compile(r"\s+(?:\||–|—|-|::|»|·)\s+")


# Every MONTH_DATE match contains a month name as a whole run of letters ("12mars" splits at the digit):
# a trie of all spellings between non-letters rules most lines out at C speed.
_ANY_MONTH = re.compile(r"(?<![^\W\d_])(?:" + _MONTHS + r")(?![^\W\d_])", re.IGNORECASE)
# Exactly where MONTH_DATE can match: a month name may also follow an ordinal suffix ("1ermars 2024").
_MONTH_DATE_GATE = re.compile(
    r"(?:(?<![^\W\d_])|(?<=st|nd|rd|th|er)|(?<=º))(?:" + _MONTHS + r")(?![^\W\d_])", re.IGNORECASE
)


def has_date(text: str) -> bool:
    return bool(  # cheapest test first (the answer does not depend on the order)
        NUMERIC_DATE.search(text) or (_ANY_MONTH.search(text) and MONTH_DATE.search(text)) or RELATIVE_TIME.search(text)
    )


def has_reading_time(text: str) -> bool:
    """READING_TIME.search, skipped when the line lacks the "min" every match contains."""
    low = text.lower()
    return ("min" in low or "мин" in low) and READING_TIME.search(text) is not None


def date_part(text: str) -> str | None:
    """The date (plus an adjacent time) inside a longer string such as a byline, as written."""
    match = (_MONTH_DATE_GATE.search(text) and MONTH_DATE.search(text)) or NUMERIC_DATE.search(text)
    if not match:
        return None
    start, end = match.span()
    time = TIME.search(text, end)
    if time and time.start() - end <= 6:
        end = time.end()
    return text[start:end].strip(" ,|·•")


def strip_dates(text: str) -> str:
    """The text with dates, times and relative stamps removed (to see what else a line says)."""
    if _MONTH_DATE_GATE.search(text):  # MONTH_DATE is slow even where it finds nothing
        text = MONTH_DATE.sub(" ", text)
    for pattern in (NUMERIC_DATE, TIME, RELATIVE_TIME):
        text = pattern.sub(" ", text)
    return text
