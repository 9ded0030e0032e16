"""Dates as written on news pages -> datetimes (UTC when the zone is known, else naive wall time).

Fast paths (ISO 8601, dotted D.M.Y) run first; dateparser, with an explicit language list and cached
parsers, handles the rest. Relative dates ("2 hours ago", "vor 3 Stunden") need ``fetched_at``.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from functools import cache, lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from cleaners.metadata.months import (
    ENGLISH_MONTHS,
    ENGLISH_WEEKDAYS,
    MONTH_NUMBERS,
    SEARCHED_MONTHS,
    WEEKDAY_NAMES,
    names_pattern,
)
from cleaners.metadata.reading import strip_reading_time

DATE_LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "pl", "ru", "nl")
MIN_DATE = datetime(1990, 1, 1)
FUTURE_SLACK = timedelta(days=2)

# Labels in front of dates: "Published:", "Updated", "Aktualisiert am", "Publié le", "Post At:" ...
_LABEL_WORDS = (
    r"first\s+published(?:\s+on)?|last\s+updated(?:\s+on)?|last\s+modified|published(?:\s+on)?|updated(?:\s+on)?"
    r"|post(?:ed)?(?:\s+(?:at|on))?|date|released|created|modified|originally\s+published(?:\s+on)?"
    r"|veröffentlicht(?:\s+am)?|aktualisiert(?:\s+am)?|zuletzt\s+aktualisiert(?:\s+am)?|erstellt(?:\s+am)?|stand|datum"
    r"|publié(?:\s+le)?|mis\s+à\s+jour(?:\s+le)?|modifié(?:\s+le)?|actualisé(?:\s+le)?|date\s+de\s+publication"
    r"|publicado(?:\s+(?:el|em|a|às|en))?|actualizado(?:\s+(?:el|a))?|fecha|atualizado(?:\s+(?:em|a|às))?"
    r"|pubblicato(?:\s+il)?|aggiornato(?:\s+(?:il|alle))?|data"
    r"|opublikowano|zaktualizowano|aktualizacja|publikacja|data\s+publikacji"
    r"|опубликовано|обновлено|дата\s+публикации|дата"
    r"|gepubliceerd(?:\s+op)?|bijgewerkt(?:\s+op)?|laatst\s+bijgewerkt(?:\s+op)?|geplaatst(?:\s+op)?"
)
_LABEL = re.compile(rf"^\s*(?:{_LABEL_WORDS})\s*[:\-–—|]?\s*", re.I)
# Connector words between the date and the time that dateparser does not know.
_CONNECTORS = re.compile(
    r"\s(?:(?:um|à|às|a\s+las|alle|ore|o\s+godz\.?|godz\.?|в|om|at|le|el|il|am)\s(?=\d)|[-–—|]\s)", re.I
)
_UHR = re.compile(r"\s*\bUhr\b\.?", re.I)
_SLASH_YEAR = re.compile(r"(?<![\d/])(\b\d{1,2})\s*/\s*(\d{4})\b")  # "Sep 10/2024" -> "Sep 10 2024"
_FRENCH_TIME = re.compile(r"\b(\d{1,2})\s*h\s*(\d{2})\b")  # "14h30" -> "14:30"
_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b", re.I)
_DOTTED_AMPM = re.compile(r"\b([ap])\.m\.?", re.I)  # "5:12 p.m." -> "5:12 pm"
_SPACES = re.compile(r"\s+")
# A year run into the next word or clock by a renderer that dropped the space between two elements ("June 29,
# 2020November 12, 2021", "October 17, 20236:01 PM"): the space is put back
_YEAR_RUN_IN = re.compile(r"(?<![\d-])((?:19|20)\d{2})(?=[^\W\d_]{3}|\d{1,2}:\d{2}\b)")
_LETTERS = re.compile(r"[^\W\d_]+")
# Abbreviations dateparser reads differently from how news sites mean them (IST: India, not Israel).
_ZONE_ABBREVIATIONS = {
    "IST": "+0530",
    "PKT": "+0500",
    "SGT": "+0800",
    "HKT": "+0800",
    "AEST": "+1000",
    "AEDT": "+1100",
    "MSK": "+0300",
    "WIB": "+0700",
}
_ZONE_WORD = re.compile(rf"\b({'|'.join(_ZONE_ABBREVIATIONS)})\b")

_ISO = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?$", re.I
)
_ISO_COMPACT_OFFSET = re.compile(r"([+-]\d{2})$")  # "+01" -> "+01:00"
_DOTTED = re.compile(
    r"^(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{4}|\d{2})"
    r"(?:[,\s]+(?P<H>\d{1,2})[:.](?P<M>\d{2})(?:[:.](?P<S>\d{2}))?)?$"
)
_YEAR_FIRST_DOTTED = re.compile(  # "2016.12.01", "2019. 11. 18. 14:05" (East Asian and Hungarian usage)
    r"^(?P<y>\d{4})\.\s?(?P<m>\d{1,2})\.\s?(?P<d>\d{1,2})\.?"
    r"(?:[,\s]+(?P<H>\d{1,2})[:.](?P<M>\d{2})(?:[:.](?P<S>\d{2}))?)?$"
)
_CLOCK = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?$")

_SLASHED = re.compile(
    r"^(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})"
    r"(?:[,\s]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?\s*(?P<ampm>[ap]m)?)?$",
    re.I,
)
# A year to read: four digits, or two at the end of a numeric ("18.11.19") or written ("19 Nov 19") date.
_HAS_YEAR = re.compile(
    r"(?<!\d)\d{4}(?!\d)|(?<!\d)\d{1,2}([./-])\d{1,2}\1\d{2}(?!\d)"
    r"|(?<!\d)\d{1,2}\.?\s+[^\W\d_]{3,}\.?,?\s+'?\d{2}(?![\d:])|[^\W\d_]{3,}\.?\s+\d{1,2},?\s+'?\d{2}(?![\d:])"
)
_COMPACT = re.compile(r"^(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})$")
MONTH_FIRST_LANGUAGES = ("en",)  # "09/10/2024" is 10 September in en (US usage), 9 October elsewhere

_RELATIVE_DURATION = re.compile(
    r"\b(?:ago|vor|il\s+y\s+a|hace|fa|há|temu|назад|geleden|just\s+now|gerade\s+eben|à\s+l'instant)\b"
    r"|\b(?:an?|one|\d+)\s*(?:sec|min|hour|hr|day|week|month|year)s?\.?\s*$",
    re.I,
)
_RELATIVE_CALENDAR = re.compile(
    r"\b(?:today|yesterday|heute|gestern|aujourd'hui|hier|hoy|ayer|oggi|ieri|hoje|ontem|dzisiaj|dziś|wczoraj"
    r"|сегодня|вчера|vandaag|gisteren|tomorrow|morgen|demain|mañana|domani|amanhã|jutro|завтра)\b",
    re.I,
)


@dataclass(frozen=True)
class ParsedDate:
    value: datetime  # aware UTC when tz_known, else naive wall time
    local: datetime  # naive wall time as written on the page
    tz_known: bool
    relative: bool = False


def clean_date_text(raw: str) -> str:
    """Strip labels, reading times and connector words so the parsers see only the date."""
    text = _SPACES.sub(" ", raw.replace("\u00a0", " ")).strip(" \t|·•,;")
    text = _YEAR_RUN_IN.sub(r"\1 ", text)
    for _ in range(2):  # "Updated: Published 10:00" style double labels
        text = _LABEL.sub("", text)
    text = strip_reading_time(text)
    text = _UHR.sub("", text)
    text = move_zone_to_end(text)
    text = _SLASH_YEAR.sub(r"\1 \2", text)
    text = _FRENCH_TIME.sub(r"\1:\2", text)
    text = _ORDINAL.sub(r"\1", text)
    text = _DOTTED_AMPM.sub(r"\1m", text)
    text = _CONNECTORS.sub(" ", f" {text} ").strip()
    return text.strip(" ,;|·•-–—")


def move_zone_to_end(text: str) -> str:
    """ "01:38 PM IST Nov 20, 2019" -> "01:38 PM Nov 20, 2019 +0530" (dateparser wants offsets last)."""
    match = _ZONE_WORD.search(text)
    if not match:
        return text
    rest = (text[: match.start()] + text[match.end() :]).strip(" ,")
    return f"{_SPACES.sub(' ', rest)} {_ZONE_ABBREVIATIONS[match.group(1)]}"


def parse_iso(text: str) -> datetime | None:
    if not _ISO.match(text):
        return None
    text = text.replace(",", ".").replace(" Z", "Z")
    if _ISO_COMPACT_OFFSET.search(text) and len(text) > 10:
        text += ":00"
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def parse_dotted(text: str) -> datetime | None:
    """ "07.09.2024, 06:13" (day first, as where dots are used with a short year last), "2016.12.01" (year first)."""
    match = _DOTTED.match(text) or _YEAR_FIRST_DOTTED.match(text)
    if not match:
        return None
    return _build(int(match["y"]), int(match["m"]), int(match["d"]), match)


def _build(year: int, month: int, day: int, match: re.Match[str]) -> datetime | None:
    hour = int(match["H"] or 0)
    ampm = (match.groupdict().get("ampm") or "").lower()
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    year += 2000 if year < 100 else 0
    try:
        return datetime(year, month, day, hour, int(match["M"] or 0), int(match["S"] or 0))
    except ValueError:
        return None


def parse_slashed(text: str, hint: str | None = None) -> datetime | None:
    """ "09/10/2024 11:50": month first for English, day first elsewhere; an impossible order is swapped."""
    match = _SLASHED.match(text)
    if not match:
        return None
    a, b = int(match["a"]), int(match["b"])
    month_first = (hint or "en")[:2].lower() in MONTH_FIRST_LANGUAGES
    if (month_first and a > 12) or (not month_first and b > 12):
        month_first = not month_first
    month, day = (a, b) if month_first else (b, a)
    return _build(int(match["y"]), month, day, match)


def parse_compact(text: str) -> datetime | None:
    """ "20240910" (as in some URLs and CMS fields)."""
    match = _COMPACT.match(text)
    if not match:
        return None
    try:
        return datetime(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None


def parse_written(text: str, hint: str | None = None) -> datetime | None:
    """ "November 18, 2019 11:03 PM", "Tue., Nov. 19, 2019 8:03 am ET", "25. September 2018", "22 de outubro de
    2010 20:13", "1:39 am EST, Wednesday, November 20, 2019": a month name with day and four-digit year, and a
    time, is read directly (a zone is read with dateparser's own zone table); dateparser's full parse,
    milliseconds a call, is left the rest."""
    value = _from_match(_WRITTEN.match(text)) or _time_first(text, hint)
    if value is not None or not _ENDS_IN_ZONE.search(text):
        return value
    from dateparser.timezone_parser import pop_tz_offset_from_string

    rest, zone = pop_tz_offset_from_string(text)
    value = _from_match(_WRITTEN.match(rest.strip())) if zone is not None else None
    return value.replace(tzinfo=zone) if value is not None else None


def _time_first(text: str, hint: str | None = None) -> datetime | None:
    """ "11:11 PM EST Nov 19, 2019", "Fri 6:45 PM, Feb 16, 2018": the time (and its zone) before the date, in
    English. Read as dateparser reads it: a 12-hour clock hour is 1-12, a weekday must be the date's, and a zone
    is left to it on a page not in English (it may be a word there: "et", "set", "pt")."""
    match = _TIME_FIRST.match(text)
    value = _from_match(match)
    if value is None or not match or (match["ampm"] and not 1 <= int(match["H"]) <= 12):
        return None
    zone_word = (match["zone"] or "").lower()
    if not _english_words_of(value, text, zone_word):
        return None
    if not zone_word:
        return value
    zone = zone_named(zone_word.upper()) if _first_languages(hint) == ("en",) else None
    return value.replace(tzinfo=zone) if zone is not None else None


def _english_words_of(value: datetime, text: str, zone_word: str) -> bool:
    """Every word of ``text`` is am/pm, the zone, or the English name of ``value``'s month or weekday."""
    return all(
        word in ("am", "pm", zone_word)
        or ENGLISH_MONTHS.get(word) == value.month
        or ENGLISH_WEEKDAYS.get(word) == value.weekday()
        for word in _LETTERS.findall(text.lower())
    )


@lru_cache(maxsize=1024)
def zone_named(name: str) -> tzinfo | None:
    """The zone dateparser reads ``name`` as ("EST", "CET", "GMT+2"), or None."""
    from dateparser.timezone_parser import pop_tz_offset_from_string

    rest, zone = pop_tz_offset_from_string(f" {name}")  # (it wants a space before a zone)
    return zone if not rest.strip() else None


def parse_written_inside(text: str) -> datetime | None:
    """A written date among words ("Reuters November 18, 2019 11:03 PM", "October 9, 2018 by Olivia Larsen",
    "Chris Davies Nov 19, 2019, 10:31 pm CST"), when nothing else in the text is a number; a zone right after
    its time is read with it, as ``parse_written`` reads one. Else None (dateparser decides)."""
    match = _WRITTEN_INSIDE.search(text)
    if not match or re.search(r"\d", text[: match.start()] + text[match.end() :]):
        return None
    value = _from_match(match)
    following = text[match.end() :].split()[:1]
    if value is None or not (following and match["H"]):
        return value
    from dateparser.timezone_parser import pop_tz_offset_from_string

    zone = pop_tz_offset_from_string(f" {following[0]}")[1]  # (it wants a space before a zone)
    return value.replace(tzinfo=zone) if zone is not None else value


def written_pair(text: str, updated: bool = False) -> datetime | None:
    """Of two written dates side by side with no other number ("June 29, 2020 November 12, 2021": published, then
    updated), the first, or with ``updated`` the second; else None."""
    matches = list(_WRITTEN_INSIDE.finditer(text))
    if len(matches) != 2:
        return None
    rest = text[: matches[0].start()] + text[matches[0].end() : matches[1].start()] + text[matches[1].end() :]
    if re.search(r"\d", rest):
        return None
    return _from_match(matches[1] if updated else matches[0])


_TOKEN_EDGES = "()[]{},;"


def parse_numeric_inside(text: str, hint: str | None = None) -> datetime | None:
    """An ISO, dotted or slashed date (and time, before or after it) among words or brackets without other
    numbers ("2019-11-19T12:48:14Z Science", "By admin 2018-09-16", "21:17 18.11.2019 Get short URL"); else None."""
    tokens = [token.strip(_TOKEN_EDGES) for token in text.split()]
    numeric = [i for i, token in enumerate(tokens) if re.search(r"\d", token)]
    if not numeric or numeric[-1] - numeric[0] + 1 != len(numeric):
        return None  # no number, or numbers apart
    parts = tokens[numeric[0] : numeric[-1] + 1]
    if len(parts) > 1 and _CLOCK.match(parts[0]):  # "21:17 18.11.2019": the time before the date
        parts = [*parts[1:], parts[0]]
    date = " ".join(parts)
    return parse_iso(date) or parse_dotted(date) or parse_slashed(date, hint)


def _from_match(match: re.Match[str] | None) -> datetime | None:
    if not match:
        return None
    month = MONTH_NUMBERS.get((match["mon"] or match["mon2"]).lower())
    day = int(match["d"] or match["d2"])
    return _build(int(match["y"]), month, day, match) if month else None


def is_relative(text: str) -> bool:
    return bool(_RELATIVE_DURATION.search(text) or _RELATIVE_CALENDAR.search(text))


def language_order(hint: str | None) -> tuple[str, ...]:
    """The hinted language first (it decides day/month order for "10/09/2024"), then the rest."""
    hint = (hint or "").lower()[:2]
    if hint in DATE_LANGUAGES:
        return (hint, *(lang for lang in DATE_LANGUAGES if lang != hint))
    return DATE_LANGUAGES


_ABSOLUTE_SETTINGS: dict[str, Any] = {
    "PREFER_DAY_OF_MONTH": "first",
    "PREFER_DATES_FROM": "past",
    "REQUIRE_PARTS": ["month", "year"],
    "STRICT_PARSING": False,
}


def _first_languages(hint: str | None) -> tuple[str, ...]:
    """The page's language and English: the languages dateparser is tried with first."""
    return tuple(dict.fromkeys(lang for lang in ((hint or "").lower()[:2], "en") if lang in DATE_LANGUAGES))


@cache
def _absolute_parser(languages: tuple[str, ...]) -> Any:
    from dateparser.date import DateDataParser

    return DateDataParser(languages=list(languages), settings=dict(_ABSOLUTE_SETTINGS))


def parse_absolute(text: str, hint: str | None = None) -> datetime | None:
    """dateparser, first with the page's language and English only (most dates; dateparser spends most of its
    time deciding which of its languages apply), then with the rest of ours (the first ones would fail again:
    each language is tried on its own)."""
    likely = _first_languages(hint)
    rest = tuple(lang for lang in language_order(hint) if lang not in likely)
    for languages in (likely, rest):
        try:
            data = _absolute_parser(languages).get_date_data(text)
        except Exception:
            continue
        if data and data.date_obj:
            return data.date_obj
    return None


def parse_relative(text: str, base: datetime, hint: str | None = None) -> datetime | None:
    import dateparser

    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    try:
        return dateparser.parse(text, languages=list(language_order(hint)), settings=settings)
    except Exception:
        return None


def to_utc_naive(value: datetime) -> datetime:
    return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value


def make_parsed(value: datetime, site_tz: str | None = None) -> ParsedDate:
    """An aware value becomes UTC; a naive one stays wall time unless the site's zone is known."""
    local = value.replace(tzinfo=None)
    if value.tzinfo is None and site_tz:
        with contextlib.suppress(KeyError, ValueError):
            value = value.replace(tzinfo=ZoneInfo(site_tz))
    if value.tzinfo is None or value.utcoffset() is None:
        return ParsedDate(local, local, False)
    return ParsedDate(value.astimezone(UTC), local, True)


def parse_date_text(
    raw: str,
    *,
    fetched_at: datetime | None = None,
    hint: str | None = None,
    site_tz: str | None = None,
    updated: bool = False,
) -> ParsedDate | None:
    """Parse one date string; raises ``RelativeDateError`` when it is relative and there is no fetched_at.
    ``updated``: the string is read for the update time (of a published and an updated date, the latter)."""
    text = clean_date_text(raw)
    if not text or not re.search(r"\d|\w{3}", text):
        return None
    value = (
        parse_iso(text)
        or parse_dotted(text)
        or parse_slashed(text, hint)
        or parse_compact(text)
        or parse_written(text, hint)
    )
    if value is not None:
        return make_parsed(value, site_tz)
    if (part := labelled_part(text, updated)) is not None:
        return parse_date_text(part, fetched_at=fetched_at, hint=hint, site_tz=site_tz, updated=updated)
    if is_relative(text):
        return _parse_relative_text(text, fetched_at, hint)
    if (value := parse_written_inside(text) or parse_numeric_inside(text, hint)) is not None:
        return make_parsed(value, site_tz)
    if (value := written_pair(text, updated)) is not None:
        return make_parsed(value, site_tz)
    if not _HAS_YEAR.search(text):  # "Nov 18", "Friday 5:11PM": dateparser would take the day for the year
        if re.search(r"\d", text):
            raise DateWithoutYearError(text)
        return None
    value = parse_absolute(text[:100], hint)
    return make_parsed(value, site_tz) if value is not None else None


# "November 19, 2019 8:59 pm UPDATED: November 19, 2019 10:16 pm", "Nov. 19, 2019 8:21 am ET / Original Nov. 19,
# 2019 8:02 am ET": a label between two dates says which is which (an unlabelled one is the publication).
_UPDATED_WORDS = (
    r"(?:last\s+)?updated(?:\s+(?:on|at))?|(?:zuletzt\s+)?aktualisiert(?:\s+am)?|mis\s+à\s+jour(?:\s+le)?"
    r"|actualizado(?:\s+(?:el|a))?|aggiornato(?:\s+(?:il|alle))?|atualizado(?:\s+(?:em|às))?|zaktualizowano"
    r"|обновлено|(?:laatst\s+)?bijgewerkt(?:\s+op)?"
)
_PUBLISHED_WORDS = (
    r"original(?:ly)?(?:\s+published)?|(?:first\s+)?published(?:\s+(?:on|at))?|posted(?:\s+(?:on|at))?"
    r"|veröffentlicht(?:\s+am)?|publié(?:\s+le)?|publicado(?:\s+(?:el|em))?|pubblicato(?:\s+il)?|opublikowano"
    r"|опубликовано|gepubliceerd(?:\s+op)?"
)
_DATE_PART_LABEL = re.compile(
    rf"\s*[|/·•;,(]?\s*\b(?:(?P<updated>{_UPDATED_WORDS})|(?P<published>{_PUBLISHED_WORDS}))\b\s*:?\s*", re.I
)


def labelled_part(text: str, updated: bool = False) -> str | None:
    """Of two dates in ``text`` told apart by a label ("Updated", "Original", "Posted" ...), the publication
    date or, with ``updated``, the update (the part so labelled, else the unlabelled one beside a part with the
    other label), as text; None when there are not two such parts."""
    parts: list[tuple[str, str]] = []  # (label, text), in order; the first part may have no label
    label, start = "", 0
    for match in _DATE_PART_LABEL.finditer(text):
        parts.append((label, text[start : match.start()]))
        label, start = ("updated" if match["updated"] else "published"), match.end()
    parts.append((label, text[start:]))
    dated = [(label, part.strip(" ,;|/·•()")) for label, part in parts if re.search(r"\d", part)]
    if len(dated) != 2 or dated[0][0] == dated[1][0]:
        return None
    wanted = "updated" if updated else "published"
    return next((part for label, part in dated if label == wanted), None) or next(
        (part for label, part in dated if not label), None
    )


def has_update(raw: str) -> bool:
    """``raw`` holds two dates a label tells apart ("Published ... | Updated ...", "... / Original ...")."""
    return labelled_part(clean_date_text(raw), updated=True) is not None


class RelativeDateError(ValueError):
    """A relative date ("2 hours ago") with nothing to resolve it against."""


class DateWithoutYearError(ValueError):
    """A day and month, or a time, without a year ("Nov 18", "Friday 5:11 PM"): not a publication date."""


def _parse_relative_text(text: str, fetched_at: datetime | None, hint: str | None) -> ParsedDate | None:
    if fetched_at is None:
        raise RelativeDateError(text)
    base = to_utc_naive(fetched_at)
    value = parse_relative(text, base, hint)
    if value is None:
        return None
    if value.tzinfo is not None:
        value = to_utc_naive(value)
    if _RELATIVE_DURATION.search(text):  # an interval back from a known instant: the zone is UTC
        return ParsedDate(value.replace(tzinfo=UTC), value, True, relative=True)
    return ParsedDate(value, value, False, relative=True)  # "yesterday 10:30": a wall time


def check_range(parsed: ParsedDate, fetched_at: datetime | None, now: datetime | None = None) -> str | None:
    """Why the date is implausible (before 1990, or after fetched_at/now + 2 days), else None."""
    stamp = to_utc_naive(parsed.value)
    if stamp < MIN_DATE:
        return f"{stamp.date().isoformat()} is before 1990"
    limit = to_utc_naive(fetched_at) if fetched_at else to_utc_naive(now or datetime.now(UTC))
    if stamp > limit + FUTURE_SLACK:
        return f"{stamp.date().isoformat()} is in the future"
    return None


def parse_date(
    raw: str | None,
    *,
    field: str = "published_at",
    fetched_at: datetime | None = None,
    hint: str | None = None,
    site_tz: str | None = None,
    now: datetime | None = None,
) -> tuple[ParsedDate | None, str | None]:
    """(parsed date or None, flag or None). Never raises."""
    if not raw or not isinstance(raw, str) or not raw.strip():
        return None, None
    shown = raw.strip()[:80]
    try:
        parsed = parse_date_text(
            raw[:300], fetched_at=fetched_at, hint=hint, site_tz=site_tz, updated=field == "updated_at"
        )
    except RelativeDateError:
        return None, f"{field}: relative date {shown!r} and no fetched_at to resolve it"
    except DateWithoutYearError:
        return None, f"{field}: {shown!r} has no year"
    except Exception as exc:
        return None, f"{field}: {shown!r} could not be parsed ({type(exc).__name__})"
    if parsed is None:
        return None, f"{field}: {shown!r} is not a date"
    problem = check_range(parsed, fetched_at, now)
    if problem:
        return None, f"{field}: {problem}"
    return parsed, None


# --- finding a date inside a longer line (bylines) ------------------------------------------------

_MONTHS = names_pattern(SEARCHED_MONTHS)
_WEEKDAYS = names_pattern(WEEKDAY_NAMES)
_TIME = r"(?:(?:\s*[,•·/|]\s*|\s+)(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?\s*(?P<ampm>[ap]m)?)?"
_ENDS_IN_ZONE = re.compile(r"\d\s*(?:[ap]m)?\s*\(?(?:[a-z]{2,5}|[+-]\d{2}:?\d{2})\)?$", re.I)
_WEEKDAY = rf"(?:(?:{_WEEKDAYS})\.?,?\s+)?"
_DAY_MONTH_YEAR = (
    r"(?:(?P<mon>[^\W\d_]+)\.?\s+(?P<d>\d{1,2}),?"  # November 18, 2019
    r"|(?P<d2>\d{1,2})\.?\s+(?:de\s+)?(?P<mon2>[^\W\d_]+)\.?,?(?:\s+de)?)"  # 18 November 2019, 18 de noviembre de
    r"\s+(?P<y>\d{4})"
)
_WRITTEN_DATE = rf"{_WEEKDAY}{_DAY_MONTH_YEAR}{_TIME}"
_WRITTEN = re.compile(rf"^{_WRITTEN_DATE}$", re.I)
_TIME_FIRST = re.compile(  # "1:39 am EST, Wednesday, November 20, 2019"
    rf"^{_WEEKDAY}(?P<H>\d{{1,2}}):(?P<M>\d{{2}})(?::(?P<S>\d{{2}}))?\s*(?P<ampm>[ap]m)?(?:\s+(?P<zone>[a-z]{{2,4}}))?"
    rf",?\s+{_WEEKDAY}{_DAY_MONTH_YEAR}$",
    re.I,
)
_WRITTEN_INSIDE = re.compile(rf"(?<!\w){_WRITTEN_DATE}(?!\w)", re.I)
MONTH_WORD = re.compile(rf"^(?:{_MONTHS})$", re.I)
WEEKDAY_WORD = re.compile(rf"^(?:{_WEEKDAYS})$", re.I)
_DATE_START = re.compile(
    rf"(?:\b(?:{_LABEL_WORDS})\b\s*:?\s*)?(?:\b(?:{_WEEKDAYS})\b\.?,?\s+)?"
    rf"(?:\b(?:{_MONTHS})\b\.?\s*\d{{1,2}}\b"
    rf"|\b\d{{1,2}}(?:\.|st|nd|rd|th)?\s+(?:de\s+)?(?:{_MONTHS})\b"
    r"|\b\d{4}-\d{2}-\d{2}|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?"
    r"|\b(?:an?|one|\d+)\s+(?:minutes?|hours?|days?|weeks?)\s+ago\b"
    r"|\b(?:vor|il\s+y\s+a|hace|há)\s+(?:\d+|einer?|une?|un|una|uma?)\s+\w+"
    r"|\b\d+\s+\w+\s+(?:fa|temu|назад|geleden)\b"
    r"|\b(?:today|yesterday|heute|gestern)\b)",
    re.I,
)


def find_date_start(text: str) -> int | None:
    """Where a date (with its label) starts inside a longer line, or None."""
    match = _DATE_START.search(text)
    return match.start() if match else None
