"""Date fast paths read what dateparser reads, and the month / weekday patterns come from one table."""

from __future__ import annotations

import itertools

import pytest

from cleaners.metadata.dates import (
    DATE_LANGUAGES,
    MONTH_WORD,
    WEEKDAY_WORD,
    _absolute_parser,
    clean_date_text,
    find_date_start,
    parse_absolute,
    parse_date,
    parse_written,
)
from cleaners.metadata.months import MONTH_NUMBERS, SEARCHED_MONTHS, WEEKDAY_NAMES
from cleaners.text.patterns import MONTH_DATE, date_part, has_date

TIME_FIRST = [  # (as written, page language): the time, maybe a zone and a weekday, then the date
    ("1:39 am EST, Wednesday, November 20, 2019", "en"),
    ("11:11 PM EST Nov 19, 2019", "en"),
    ("Fri 6:45 PM, Feb 16, 2018", "en"),
    ("10:48, Tue, Nov 19, 2019", "en"),
    ("Updated 10:01 pm PST, Tuesday, November 19, 2019", "en"),
    ("Published 7:07 PM EST Nov 19, 2019", None),
    ("9:05:07 am GMT 5 Mar 2020", "en"),
    ("12:00 am CET 19 Nov 1999", "en"),
    ("12:30 pm UTC Sept. 1, 2019", "ja"),
    ("17:19 Nov 18, 2019", "de"),
    ("0:13, 22 Jan 2018", "pt"),
    ("8:22AM EST Monday, November 18, 2019", "en"),
    ("6:05 PM JST 3 May 2024", "ko"),
]


def _same(fast: object, slow: object) -> bool:
    return fast == slow and (getattr(fast, "utcoffset", lambda: None)() is None) == (
        getattr(slow, "utcoffset", lambda: None)() is None
    )


@pytest.mark.parametrize(("raw", "hint"), TIME_FIRST, ids=[t[0] for t in TIME_FIRST])
def test_time_first_dates_are_read_directly_as_dateparser_reads_them(raw: str, hint: str | None) -> None:
    text = clean_date_text(raw)
    fast = parse_written(text, hint)
    assert fast is not None, text
    assert _same(fast, parse_absolute(text, hint))


TIMES = ["1:39 am", "11:11 PM", "17:19", "17:19 PM", "0:13", "12:00 am", "13:00 am", "9:05:07 pm"]
ZONES = ["", " EST", " PT", " ET", " CET", " MEZ", " SET", " XYZ"]
DATES = {
    "en": ["November 20, 2019", "Sat, 16 Feb 2019", "Thurs 4 June 2020", "Tue. Nov. 19, 2019", "19 de Nov de 2019"],
    "de": ["Mittwoch, 20. November 2019", "3. März 2024"],
    "fr": ["mercredi 20 novembre 2019", "6 févr. 2020"],
    "es": ["20 de noviembre de 2019", "miércoles, 3 de marzo 2021"],
    "it": ["20 novembre 2019", "mar 3 2021"],
    "pt": ["20 de novembro de 2019", "5 set 2019"],
    "pl": ["20 listopada 2019", "środa 3 marca 2021"],
    "nl": ["20 november 2019", "woensdag 3 mei 2021"],
    "ru": ["20 ноября 2019", "среда, 3 марта 2021"],
}
MIXED = [(f"{t}{z}, {d}", lang) for lang, dates in DATES.items() for t, z, d in itertools.product(TIMES, ZONES, dates)]


@pytest.mark.parametrize(("raw", "hint"), MIXED[::3])
def test_time_first_fast_path_reads_as_dateparser_or_leaves_it_to_dateparser(raw: str, hint: str) -> None:
    """Across languages, zones that are words elsewhere ("et", "set"), impossible hours and wrong weekdays."""
    text = clean_date_text(raw)
    fast = parse_written(text, hint)
    assert fast is None or _same(fast, parse_absolute(text, hint)), (text, fast)


@pytest.mark.parametrize(
    "text",
    ["10:00 AM Thurs. 4 June, 2020", "10:00 AM Sat. 4 June, 2020", "13:00 am Nov 19, 2019", "10:00 AM ET, 4 juin 2020"],
)
def test_time_first_fast_path_declines_what_dateparser_reads_otherwise(text: str) -> None:
    assert parse_written(text, "en") is None


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("Chris Davies Nov 19, 2019, 10:31 pm CST", "en"),
        ("23 Nov 2017", "it"),
        ("24 сентября 2018", "de"),
        ("Friday 5:11PM", "en"),
        ("13/06/2014 Tony Carter", "en"),
        ("sexta-feira, 22 de outubro de 2010", "pt"),
        ("11.14.2019 09:00 AM", "en"),
        ("mercredi 3 mars 2021", None),
    ],
)
def test_second_dateparser_pass_skips_the_languages_of_the_first(text: str, hint: str | None) -> None:
    """Each language is tried on its own, so leaving out those that already failed changes no result."""
    first = tuple(dict.fromkeys(lang for lang in ((hint or "")[:2], "en") if lang in DATE_LANGUAGES))
    expected = _absolute_parser(first).get_date_data(text).date_obj
    order = (hint,) if hint in DATE_LANGUAGES else ()
    expected = (
        expected or _absolute_parser(tuple(dict.fromkeys((*order, *DATE_LANGUAGES)))).get_date_data(text).date_obj
    )
    assert parse_absolute(text, hint) == expected


def test_date_with_time_first_parses_to_utc() -> None:
    parsed, flag = parse_date("Updated 1:39 am EST, Wednesday, November 20, 2019", hint="en")
    assert flag is None and parsed is not None and parsed.tz_known
    assert (parsed.value.hour, parsed.local.hour) == (6, 1)


@pytest.mark.parametrize("name", SEARCHED_MONTHS)
def test_every_searched_month_is_found_by_both_patterns(name: str) -> None:
    for text in (f"5 {name} 2024", f"{name.capitalize()} 5, 2024", f"Posted {name.upper()} 5, 2024"):
        assert has_date(text) and MONTH_DATE.search(text) and date_part(text), text
        assert find_date_start(f"by Jane Doe {text}") is not None, text
    assert MONTH_WORD.match(name)


@pytest.mark.parametrize("name", sorted(set(MONTH_NUMBERS) - set(SEARCHED_MONTHS)))
def test_read_only_abbreviations_are_not_searched_but_read(name: str) -> None:
    assert not MONTH_DATE.search(f"5 {name} 2024") and not MONTH_WORD.match(name)
    assert parse_written(f"5 {name} 2024") is not None


@pytest.mark.parametrize("name", WEEKDAY_NAMES)
def test_every_weekday_is_a_weekday_word(name: str) -> None:
    assert WEEKDAY_WORD.match(name) and WEEKDAY_WORD.match(name.upper())
    assert find_date_start(f"by Jane Doe {name}, 5 March 2024") is not None


@pytest.mark.parametrize(
    ("raw", "day"),
    [
        ("Posted on June 29, 2020November 12, 2021", (2020, 6, 29)),  # a renderer ran two dates together
        ("by Jane Doe 25 août 2025 29 août 2025", (2025, 8, 25)),
        ("October 17, 20236:01 PM", (2023, 10, 17)),  # the year run into the time
    ],
)
def test_a_year_run_into_the_next_word_and_two_dates_side_by_side(raw: str, day: tuple[int, int, int]) -> None:
    parsed, problem = parse_date(raw, field="published_at")
    assert problem is None and parsed is not None and parsed.local.timetuple()[:3] == day
    # of the two dates side by side, the second is the update
    updated, _ = parse_date("June 29, 2020 November 12, 2021", field="updated_at")
    assert updated is not None and updated.local.timetuple()[:3] == (2021, 11, 12)
