"""Issue 4: metadata normalization, table-driven over real-world date, byline and title conventions.

Strings follow the conventions of public news pages in en, de, fr, es, it, pt, pl, ru and nl.
Relative dates resolve against FETCHED (2024-09-12 12:00 UTC).
"""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest

from cleaners.metadata.authors import normalize_authors, split_byline
from cleaners.metadata.dates import (
    clean_date_text,
    labelled_part,
    parse_absolute,
    parse_date,
    parse_dotted,
    parse_numeric_inside,
    parse_written,
    parse_written_inside,
)
from cleaners.metadata.normalize import Metadata, normalize_metadata
from cleaners.metadata.reading import parse_reading_time
from cleaners.metadata.titles import clean_title
from cleaners.metadata.urls import normalize_url, registered_domain
from cleaners.types import RawMetadata

FETCHED = datetime(2024, 9, 12, 12, 0, tzinfo=UTC)

# (raw, language hint, expected published_at isoformat, tz_known)
DATES = [
    # en
    ("Post At: Sep 10/2024 11:50PM", None, "2024-09-10T23:50:00", False),
    ("September 7, 2024 6:13 AM", None, "2024-09-07T06:13:00", False),
    ("Published: September 7, 2024", None, "2024-09-07T00:00:00", False),
    ("7th September 2024", None, "2024-09-07T00:00:00", False),
    ("Sept. 6, 2024", None, "2024-09-06T00:00:00", False),
    ("Aug 30, 2024 at 9:05 pm", None, "2024-08-30T21:05:00", False),
    ("Updated 10:41 AM EST, Tue November 19, 2019", None, "2019-11-19T15:41:00+00:00", True),
    ("Nov. 19, 2019 5:12 p.m. ET", None, "2019-11-19T22:12:00+00:00", True),
    ("Sep 10, 2024, 11:50 AM EDT", None, "2024-09-10T15:50:00+00:00", True),
    ("Tue 19 Nov 2019 14.51 GMT", None, "2019-11-19T14:51:00+00:00", True),
    ("Thu 5 Sep 2024 07.00 BST", None, "2024-09-05T06:00:00+00:00", True),
    ("Wednesday 4 September 2024 22:00 CEST", None, "2024-09-04T20:00:00+00:00", True),
    ("01:38:07 PM IST Nov 20, 2019", None, "2019-11-20T08:08:07+00:00", True),
    ("Mon, 18 Nov 2019 16:07:38 -0600", None, "2019-11-18T22:07:38+00:00", True),
    ("2019-11-19T10:00:00Z", None, "2019-11-19T10:00:00+00:00", True),
    ("2024-09-07T06:13:00+03:00", None, "2024-09-07T03:13:00+00:00", True),
    ("2019-11-20T01:50:59.403", None, "2019-11-20T01:50:59.403000", False),
    ("2024-09-10", None, "2024-09-10T00:00:00", False),
    ("20240910", None, "2024-09-10T00:00:00", False),
    ("09/10/2024 11:50", "en", "2024-09-10T11:50:00", False),
    ("2 hours ago", None, "2024-09-12T10:00:00+00:00", True),
    ("Updated 5 minutes ago", None, "2024-09-12T11:55:00+00:00", True),
    # de
    ("07.09.2024, 06:13 Uhr", "de", "2024-09-07T06:13:00", False),
    ("Aktualisiert am 07.09.2024, 06:13 Uhr", "de", "2024-09-07T06:13:00", False),
    ("Veröffentlicht am 7. September 2024, 14:30 Uhr", "de", "2024-09-07T14:30:00", False),
    ("Stand: 10.09.2024 11:50 Uhr", "de", "2024-09-10T11:50:00", False),
    ("Montag, 9. September 2024", "de", "2024-09-09T00:00:00", False),
    ("09.09.24", "de", "2024-09-09T00:00:00", False),
    ("vor 3 Stunden", "de", "2024-09-12T09:00:00+00:00", True),
    ("vor 2 Tagen", "de", "2024-09-10T12:00:00+00:00", True),
    ("Gestern, 10:30", "de", "2024-09-11T10:30:00", False),
    # fr
    ("Publié le 7 septembre 2024 à 14h30", "fr", "2024-09-07T14:30:00", False),
    ("Mis à jour le 08/09/2024 à 09h15", "fr", "2024-09-08T09:15:00", False),
    ("lundi 9 septembre 2024", "fr", "2024-09-09T00:00:00", False),
    ("Publié le 10 sept. 2024 à 11:50", "fr", "2024-09-10T11:50:00", False),
    ("il y a 2 jours", "fr", "2024-09-10T12:00:00+00:00", True),
    ("il y a 3 heures", "fr", "2024-09-12T09:00:00+00:00", True),
    # es
    ("martes, 10 de septiembre de 2024, 12:30", "es", "2024-09-10T12:30:00", False),
    ("Publicado el 10/09/2024 a las 12:30", "es", "2024-09-10T12:30:00", False),
    ("Actualizado: 9 sep 2024 - 18:45", "es", "2024-09-09T18:45:00", False),
    ("10 de septiembre de 2024", "es", "2024-09-10T00:00:00", False),
    ("hace 5 minutos", "es", "2024-09-12T11:55:00+00:00", True),
    ("hace 1 día", "es", "2024-09-11T12:00:00+00:00", True),
    # it
    ("10 settembre 2024 ore 11:50", "it", "2024-09-10T11:50:00", False),
    ("Pubblicato il 9 settembre 2024 alle 18:45", "it", "2024-09-09T18:45:00", False),
    ("Aggiornato il 10/09/2024", "it", "2024-09-10T00:00:00", False),
    ("2 ore fa", "it", "2024-09-12T10:00:00+00:00", True),
    ("1 giorno fa", "it", "2024-09-11T12:00:00+00:00", True),
    # pt
    ("10 de setembro de 2024 às 11h50", "pt", "2024-09-10T11:50:00", False),
    ("Atualizado em 09/09/2024 18h45", "pt", "2024-09-09T18:45:00", False),
    ("terça-feira, 10 de setembro de 2024", "pt", "2024-09-10T00:00:00", False),
    ("há 2 horas", "pt", "2024-09-12T10:00:00+00:00", True),
    ("há 3 dias", "pt", "2024-09-09T12:00:00+00:00", True),
    # pl
    ("10 września 2024, 11:50", "pl", "2024-09-10T11:50:00", False),
    ("Opublikowano: 09.09.2024 18:45", "pl", "2024-09-09T18:45:00", False),
    ("wtorek, 10 września 2024", "pl", "2024-09-10T00:00:00", False),
    ("3 godziny temu", "pl", "2024-09-12T09:00:00+00:00", True),
    ("wczoraj, 10:30", "pl", "2024-09-11T10:30:00", False),
    # ru
    ("10 сентября 2024, 11:50", "ru", "2024-09-10T11:50:00", False),
    ("Опубликовано: 09.09.2024 18:45", "ru", "2024-09-09T18:45:00", False),
    ("2 часа назад", "ru", "2024-09-12T10:00:00+00:00", True),
    ("вчера в 10:30", "ru", "2024-09-11T10:30:00", False),
    # nl
    ("10 september 2024 11:50", "nl", "2024-09-10T11:50:00", False),
    ("Gepubliceerd op 9 september 2024 om 18:45", "nl", "2024-09-09T18:45:00", False),
    ("dinsdag 10 september 2024, 11:50", "nl", "2024-09-10T11:50:00", False),
    ("3 uur geleden", "nl", "2024-09-12T09:00:00+00:00", True),
    ("gisteren 10:30", "nl", "2024-09-11T10:30:00", False),
]


@pytest.mark.parametrize(("raw", "hint", "expected", "tz_known"), DATES, ids=[d[0] for d in DATES])
def test_date_strings(raw: str, hint: str | None, expected: str, tz_known: bool) -> None:
    parsed, flag = parse_date(raw, fetched_at=FETCHED, hint=hint)
    assert flag is None
    assert parsed is not None
    assert parsed.value.isoformat() == expected
    assert parsed.tz_known is tz_known
    assert parsed.local.tzinfo is None


def test_zoned_date_keeps_wall_time_as_local() -> None:
    parsed, _ = parse_date("2024-09-07T06:13:00+03:00")
    assert parsed is not None
    assert parsed.local == datetime(2024, 9, 7, 6, 13)
    assert parsed.value == datetime(2024, 9, 7, 3, 13, tzinfo=UTC)


WRITTEN = [  # month-name dates the fast path reads without dateparser: it must read them as dateparser does
    ("November 18, 2019 11:03 PM", "en"),
    ("Tue., Nov. 19, 2019", "en"),
    ("Nov 19, 2019, 10:31 pm CST", "en"),
    ("Nov. 19, 2019 8:03 am ET", "en"),
    ("20 November 2019 08:05", "en"),
    ("19 Nov 2019 05:44 GMT", "en"),
    ("25. September 2018", "de"),
    ("Mittwoch, 3. Januar 2024, 14:05 Uhr", "de"),
    ("12 mars 2024 à 10h15", "fr"),
    ("22 de outubro de 2010 20:13", "pt"),
    ("5 de diciembre de 2023", "es"),
    ("3 ottobre 2022 ore 9:30", "it"),
    ("3 października 2022", "pl"),
    ("24 сентября 2018", "ru"),
    ("7 mei 2021 om 09:00", "nl"),
]


@pytest.mark.parametrize(("raw", "hint"), WRITTEN, ids=[w[0] for w in WRITTEN])
def test_written_dates_are_read_directly_as_dateparser_reads_them(raw: str, hint: str) -> None:
    text = clean_date_text(raw)
    fast = parse_written(text)
    assert fast is not None, text
    assert fast == parse_absolute(text, hint)
    assert (fast.utcoffset() is None) == (parse_absolute(text, hint).utcoffset() is None)


@pytest.mark.parametrize("raw", ["Reuters November 18, 2019", "November 18", "Nov 18, 19", "Smarch 3, 2020"])
def test_written_fast_path_leaves_other_shapes_to_dateparser(raw: str) -> None:
    assert parse_written(clean_date_text(raw)) is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("October 9, 2018 by Olivia Larsen", datetime(2018, 10, 9)),
        ("Reuters November 18, 2019 11:03 PM", datetime(2019, 11, 18, 23, 3)),
        ("Texte : Marie Dupont, 12 mars 2024 à 10h15", datetime(2024, 3, 12, 10, 15)),
        ("Nov 19, 2019 8:59 pm UPDATED: Nov 20, 2019 10:16 pm", None),  # two dates: not guessed here
    ],
)
def test_written_date_among_words(raw: str, expected: datetime | None) -> None:
    assert parse_written_inside(clean_date_text(raw)) == expected


@pytest.mark.parametrize(
    "raw", ["Chris Davies Nov 19, 2019, 10:31 pm CST", "Monday November 18, 2019 7:45 am PST by Joe Rossignol"]
)
def test_a_zone_after_a_written_date_among_words_is_read_with_it(raw: str) -> None:
    text = clean_date_text(raw)
    start = text.index(next(w for w in text.split() if w[:3] in ("Nov", "Mon")))
    zone_at = text.index(next(w for w in text.split() if w in ("CST", "PST")))
    alone = parse_written(text[start : zone_at + 3])  # the date and its zone on their own
    assert alone is not None and alone.utcoffset() is not None
    assert parse_written_inside(text) == alone


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2019-11-19T12:48:14Z Science", datetime(2019, 11, 19, 12, 48, 14, tzinfo=UTC)),
        ("By admin 2018-09-16", datetime(2018, 9, 16)),
        ("11/19/2019 by Lars Brandle", datetime(2019, 11, 19)),
        ("13/06/2014 Tony Carter All, Books", datetime(2014, 6, 13)),
        ("[ 2018-08-25 15:24 ]", datetime(2018, 8, 25, 15, 24)),
        ("21:17 18.11.2019 Get short URL", datetime(2019, 11, 18, 21, 17)),
        ("by Jane Doe ／ 2016.12.01", datetime(2016, 12, 1)),
        ("Page 2 of 3, 2019-11-19", None),  # other numbers: left to dateparser
        ("Friday 5:11PM", None),
    ],
)
def test_numeric_date_among_words(raw: str, expected: datetime | None) -> None:
    assert parse_numeric_inside(clean_date_text(raw), "en") == expected


@pytest.mark.parametrize("raw", ["November 20", "Nov 18", "Friday 5:11PM", "Updated Nov 19, 6:55 AM"])
def test_a_date_without_a_year_is_not_given_one(raw: str) -> None:
    """dateparser would read "November 20" as 1 November 2020."""
    parsed, flag = parse_date(raw)
    assert parsed is None
    assert flag == f"published_at: {raw!r} has no year"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("19 Nov 19", datetime(2019, 11, 19)),
        ("18.11.19", datetime(2019, 11, 18)),
    ],
)
def test_a_two_digit_year_still_counts_as_a_year(raw: str, expected: datetime) -> None:
    parsed, flag = parse_date(raw)
    assert flag is None and parsed is not None
    assert parsed.value == expected


# (byline as on the page, expected authors)
BYLINES = [
    (
        "by Abbey Fenbert and The Kyiv Independent news desk September 7, 2024 6:13 AM 2 min read",
        ["Abbey Fenbert", "The Kyiv Independent news desk"],
    ),
    ("By Jane Doe, Staff Writer", ["Jane Doe"]),
    ("By Jane Doe and John Roe, Correspondents", ["Jane Doe", "John Roe"]),
    ("Jane Doe, Senior Reporter", ["Jane Doe"]),
    ("By Jane Doe Reporter", ["Jane Doe"]),
    ("By MEG KINNARD and ERRIN HAINES Associated Press", ["Meg Kinnard", "Errin Haines"]),
    ("Analysis by Chris Cillizza, CNN Editor-at-large", ["Chris Cillizza"]),
    ("By Jane Doe | Updated 2 hours ago", ["Jane Doe"]),
    ("By Jane Doe (jane.doe@example.com)", ["Jane Doe"]),
    ("Jane Doe & John Roe", ["Jane Doe", "John Roe"]),
    ("By Sarah Lee\nPublished September 7, 2024", ["Sarah Lee"]),
    ("Written by Tom Smith on September 7, 2024", ["Tom Smith"]),
    ("By Theresa May", ["Theresa May"]),
    ("Mike Wuerthele; Malcolm Owen Monday; November", ["Mike Wuerthele", "Malcolm Owen"]),
    ("Carrie Arnold November", ["Carrie Arnold"]),
    ("Tom Krisher; Ap Auto Writer", ["Tom Krisher"]),
    ("ROBERT BURNS; AP National Security Writer", ["Robert Burns"]),
    ("Ilana Muhlstein; MS; RDN", ["Ilana Muhlstein"]),
    ("Detroit News wire services Published", ["Detroit News wire services"]),
    ("Jerusalem Post Staff", ["Jerusalem Post Staff"]),
    ("Staff Writer", []),
    ("Von Anna Müller und Peter Schmidt", ["Anna Müller", "Peter Schmidt"]),
    ("Autorin: Lisa Meier | 07.09.2024, 06:13 Uhr | Lesezeit: 3 Minuten", ["Lisa Meier"]),
    ("Von Anna Müller, Redakteurin", ["Anna Müller"]),
    ("Par Jean Dupont et Marie Curie", ["Jean Dupont", "Marie Curie"]),
    ("Par Jean Dupont (avec AFP) Publié le 7 septembre 2024 à 14h30", ["Jean Dupont"]),
    ("Por Juan Pérez y María García", ["Juan Pérez", "María García"]),
    ("Di Mario Rossi e Luca Bianchi", ["Mario Rossi", "Luca Bianchi"]),
    ("Di Maio", ["Di Maio"]),
    ("Por João Silva e Ana Souza", ["João Silva", "Ana Souza"]),
    ("Autor: Jan Kowalski i Anna Nowak", ["Jan Kowalski", "Anna Nowak"]),
    ("Автор: Иван Петров и Мария Иванова", ["Иван Петров", "Мария Иванова"]),
    ("Текст: Венера Ерофеева", ["Венера Ерофеева"]),
    ("Door Jan de Vries en Piet van Dam", ["Jan de Vries", "Piet van Dam"]),
]


@pytest.mark.parametrize(("byline", "expected"), BYLINES, ids=[b[0][:40] for b in BYLINES])
def test_bylines(byline: str, expected: list[str]) -> None:
    authors, flags = normalize_authors(byline)
    assert authors == expected
    assert flags == []


@pytest.mark.parametrize(
    ("byline", "date", "minutes"),
    [
        ("by A B and C D September 7, 2024 6:13 AM 2 min read", "September 7, 2024 6:13 AM", 2),
        ("Autorin: Lisa Meier | 07.09.2024, 06:13 Uhr | Lesezeit: 3 Minuten", "07.09.2024, 06:13 Uhr", 3),
        ("Par Jean Dupont 7 septembre 2024 5 min de lecture", "7 septembre 2024", 5),
        ("Jane Doe", None, None),
    ],
)
def test_split_byline(byline: str, date: str | None, minutes: int | None) -> None:
    parts = split_byline(byline)
    assert parts.date == date
    assert parts.reading_time == minutes


# (title, site_name, domain, expected)
TITLES = [
    ("Google Stadia Is Here - WSJ", "WSJ", "wsj.com", "Google Stadia Is Here"),
    (
        "Iranian missile transfer to Russia 'dramatic escalation' in war, US official says | The Kyiv Independent",
        "The Kyiv Independent",
        "kyivindependent.com",
        "Iranian missile transfer to Russia 'dramatic escalation' in war, US official says",
    ),
    (
        "Le Monde — La réforme des retraites adoptée au Sénat",
        "Le Monde",
        "lemonde.fr",
        "La réforme des retraites adoptée au Sénat",
    ),
    (
        "Simple Hiking Survival Kit (with Kids) - The Anti-June Cleaver",
        None,
        "theantijunecleaver.com",
        "Simple Hiking Survival Kit (with Kids)",
    ),
    (
        "Opinion | Republicans Are Following Trump to Nowhere",
        "NYTimes",
        "nytimes.com",
        "Republicans Are Following Trump to Nowhere",
    ),
    (
        "Star Wars Jedi: Fallen Order review - shoots for the moon, lands among the stars",
        "VG247",
        "vg247.com",
        "Star Wars Jedi: Fallen Order review - shoots for the moon, lands among the stars",
    ),
    (
        "Pixel 9 review - great camera, short battery",
        "The Verge",
        "theverge.com",
        "Pixel 9 review - great camera, short battery",
    ),
    (
        "Merkel: Trump war von Putin fasziniert | tagesschau.de",
        None,
        "tagesschau.de",
        "Merkel: Trump war von Putin fasziniert",
    ),
    (
        "Die elektronische Patientenakte (ePA) – der lange Marsch ins Digitale",
        "Comwrap",
        "comwrap.com",
        "Die elektronische Patientenakte (ePA) – der lange Marsch ins Digitale",
    ),
    (
        "Réforme des retraites : le texte adopté - Le Figaro",
        "Le Figaro",
        "lefigaro.fr",
        "Réforme des retraites : le texte adopté",
    ),
    ("El Gobierno aprueba los presupuestos | EL PAÍS", "El País", "elpais.com", "El Gobierno aprueba los presupuestos"),
    ("Governo approva la manovra - Corriere.it", None, "corriere.it", "Governo approva la manovra"),
    ("Governo aprova o Orçamento - Público", "Público", "publico.pt", "Governo aprova o Orçamento"),
    ("Rząd przyjął budżet - Wiadomości - WP", "Wirtualna Polska", "wp.pl", "Rząd przyjął budżet - Wiadomości"),
    ("Правительство одобрило бюджет — РИА Новости", "РИА Новости", "ria.ru", "Правительство одобрило бюджет"),
    ("Kabinet presenteert begroting | NOS", "NOS", "nos.nl", "Kabinet presenteert begroting"),
    (
        "BREAKING: Lawan moves motion for Senate’s adjournment",
        "The Paradigm",
        "theparadigmng.com",
        "BREAKING: Lawan moves motion for Senate’s adjournment",
    ),
    ("Apple &amp; Google face\u00a0new probe", None, None, "Apple & Google face new probe"),
    # a section label between the headline and the site goes with the site
    ("Plugin Recommendations? - Help - Obsidian Forum", None, "obsidian.md", "Plugin Recommendations?"),
    (
        "How to help babies sleep through the night | Patient Education | UC Davis Health",
        None,
        "ucdavis.edu",
        "How to help babies sleep through the night",
    ),
    # the site's name in the middle, a slogan after it
    (
        "10 Tips to Complete Online Courses – Journey To College – Realize your potential.",
        "Journey To College",
        "journeytocollege.org",
        "10 Tips to Complete Online Courses",
    ),
    ("Healthy Eating Plate • The Nutrition Source", "The Nutrition Source", "harvard.edu", "Healthy Eating Plate"),
]


@pytest.mark.parametrize(("raw", "site", "domain", "expected"), TITLES, ids=[t[0][:40] for t in TITLES])
def test_titles(raw: str, site: str | None, domain: str | None, expected: str) -> None:
    title, _ = clean_title(raw, site, domain)
    assert title == expected


def test_title_with_long_site_name_as_written() -> None:
    title, removed = clean_title(
        "LinkNaija | Nigeria's popular news platform: Nollywood Actress Is Looking Stunning",
        "LinkNaija",
        "linknaija.com",
        raw_site_name="LinkNaija | Nigeria's popular news platform",
    )
    assert title == "Nollywood Actress Is Looking Stunning"
    assert removed == ["LinkNaija | Nigeria's popular news platform"]


def test_enough_real_world_strings_across_languages() -> None:
    assert len(DATES) + len(BYLINES) + len(TITLES) >= 60
    assert len({hint for _, hint, _, _ in DATES if hint}) >= 6


# --- reading time, URLs, language ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "minutes"),
    [
        ("2 min read", 2),
        ("Lesezeit: 3 Minuten", 3),
        ("5 min de lecture", 5),
        ("Tiempo de lectura: 4 minutos", 4),
        ("Tempo di lettura: 6 minuti", 6),
        ("3 мин чтения", 3),
        ("Leestijd: 7 minuten", 7),
        ("Czas czytania: 8 min", 8),
        ("4-minute read", 4),
        ("9 min", 9),
        ("0 min read", None),
        ("soon", None),
        ("", None),
    ],
)
def test_reading_time(raw: str, minutes: int | None) -> None:
    assert parse_reading_time(raw) == minutes


def test_reading_time_computed_at_230_wpm_min_1() -> None:
    assert normalize_metadata(RawMetadata(), "word " * 690).reading_time_minutes == 3
    assert normalize_metadata(RawMetadata(), "just a few words").reading_time_minutes == 1
    stated = normalize_metadata(RawMetadata(reading_time="Lesezeit: 3 Minuten"), "word " * 2000)
    assert stated.reading_time_minutes == 3


@pytest.mark.parametrize(
    ("url", "domain"),
    [
        ("https://www.bbc.co.uk/news/x", "bbc.co.uk"),
        ("https://profootballtalk.nbcsports.com/a", "nbcsports.com"),
        ("http://hosted.ap.org/x", "ap.org"),
        ("https://www.lemonde.fr/a.html", "lemonde.fr"),
        ("https://www.jaraguadosul.sc.gov.br/news/x", "jaraguadosul.sc.gov.br"),
    ],
)
def test_registered_domain(url: str, domain: str) -> None:
    assert registered_domain(url) == domain


def test_url_normalization_drops_trackers_and_fragment() -> None:
    url = "HTTPS://WWW.Example.COM:443/a/b?utm_source=x&id=3&fbclid=y&gclid=z&srcref=rss#comments"
    assert normalize_url(url) == "https://www.example.com/a/b?id=3"
    assert normalize_url("javascript:alert(1)") is None
    assert normalize_url("/news/1", base="https://example.com/a/b") == "https://example.com/news/1"


def test_language_detected_from_body_then_declared() -> None:
    german = "Die Bundesregierung hat am Mittwoch einen neuen Haushaltsentwurf vorgelegt, der deutliche " * 3
    assert normalize_metadata(RawMetadata(language="en"), german).language == "de"
    assert normalize_metadata(RawMetadata(language="fr-FR"), "Ok.").language == "fr"
    meta = normalize_metadata(RawMetadata(), "Ok.", headers={"Content-Language": "pl-PL"})
    assert meta.language == "pl"
    assert meta.sources["language"] == "input:header[content-language]"


# --- input-side precedence and sources -------------------------------------------------------------


def test_input_side_url_wins_and_is_recorded() -> None:
    raw = RawMetadata(
        url="https://m.example.com/story?utm_medium=x",
        canonical_url="/story",
        sources={"canonical_url": "html:link[canonical]"},
    )
    meta = normalize_metadata(raw, "body", url="https://www.bbc.co.uk/news/x?utm_source=tw")
    assert meta.url == "https://www.bbc.co.uk/news/x"
    assert meta.domain == "bbc.co.uk"
    assert meta.canonical_url == "https://www.bbc.co.uk/story"
    assert meta.sources["url"] == "input:url"
    assert meta.sources["domain"] == "input:url"
    assert meta.sources["canonical_url"] == "html:link[canonical]"


def test_link_header_canonical_wins_over_page() -> None:
    meta = normalize_metadata(
        RawMetadata(canonical_url="https://example.com/page"),
        "body",
        url="https://example.com/page?x=1",
        headers={"Link": '<https://example.com/canonical>; rel="canonical"'},
    )
    assert meta.canonical_url == "https://example.com/canonical"
    assert meta.sources["canonical_url"] == "input:header[link]"


def test_sources_record_page_fields() -> None:
    raw = RawMetadata(
        date="2024-09-07T06:13:00+03:00",
        byline="By Jane Doe",
        sources={"date": "html:meta[article:published_time]", "byline": "text:byline"},
    )
    meta = normalize_metadata(raw, "body")
    assert meta.sources["published_at"] == "html:meta[article:published_time]"
    assert meta.sources["authors"] == "text:byline"
    assert meta.published_at == datetime(2024, 9, 7, 3, 13, tzinfo=UTC)
    assert meta.published_at_local == datetime(2024, 9, 7, 6, 13)
    assert meta.published_at_tz_known is True
    assert meta.published_at_raw == "2024-09-07T06:13:00+03:00"


def test_site_timezone_makes_wall_time_utc() -> None:
    meta = normalize_metadata(RawMetadata(date="September 7, 2024 6:13 AM"), "body", site_timezone="Europe/Kyiv")
    assert meta.published_at == datetime(2024, 9, 7, 3, 13, tzinfo=UTC)
    assert meta.published_at_local == datetime(2024, 9, 7, 6, 13)
    assert meta.published_at_tz_known is True


def test_naive_wall_time_without_zone() -> None:
    meta = normalize_metadata(RawMetadata(date="07.09.2024, 06:13 Uhr"), "body", fetched_at=FETCHED)
    assert meta.published_at == datetime(2024, 9, 7, 6, 13)
    assert meta.published_at.tzinfo is None
    assert meta.published_at_tz_known is False


def test_byline_date_used_when_no_date_field() -> None:
    raw = RawMetadata(byline="Par Jean Dupont Publié le 7 septembre 2024 à 14h30", language="fr")
    meta = normalize_metadata(raw, "Le gouvernement a présenté mercredi son projet de budget pour l'année prochaine.")
    assert meta.authors == ["Jean Dupont"]
    assert meta.published_at == datetime(2024, 9, 7, 14, 30)
    assert meta.sources["published_at"] == "text:byline"


def test_whole_byline_passed_as_date_still_parses() -> None:
    meta = normalize_metadata(RawMetadata(date="by Abbey Fenbert September 7, 2024 6:13 AM 2 min read"), "body")
    assert meta.published_at == datetime(2024, 9, 7, 6, 13)


def test_captions_kept() -> None:
    meta = normalize_metadata(RawMetadata(), "body", captions=["A photo. (Getty)", "A photo. (Getty)", " ", None])
    assert meta.image_captions == ["A photo. (Getty)"]


def test_site_name_from_desk_byline_when_page_has_none() -> None:
    meta = normalize_metadata(RawMetadata(byline="by Abbey Fenbert and The Kyiv Independent news desk"), "body")
    assert meta.site_name == "The Kyiv Independent"
    assert meta.sources["site_name"] == "text:desk-byline"


# --- invalid values are nulled and flagged; nothing raises -----------------------------------------


@pytest.mark.parametrize(
    ("raw", "flag"),
    [
        ("2091-01-01", "published_at: 2091-01-01 is in the future"),
        ("1985-03-02", "published_at: 1985-03-02 is before 1990"),
        ("0001-01-01T00:00:00Z", "published_at: 0001-01-01 is before 1990"),
        ("2024-09-20T10:00:00Z", "published_at: 2024-09-20 is in the future"),
        ("not a date at all", "published_at: 'not a date at all' is not a date"),
        ("31.02.2024", "published_at: '31.02.2024' is not a date"),
    ],
)
def test_invalid_dates_nulled_and_flagged(raw: str, flag: str) -> None:
    meta = normalize_metadata(RawMetadata(date=raw), "body", fetched_at=FETCHED)
    assert meta.published_at is None
    assert meta.published_at_local is None
    assert meta.published_at_raw == raw
    assert flag in meta.flags


def test_future_checked_against_now_without_fetched_at() -> None:
    meta = normalize_metadata(RawMetadata(date="2024-09-20"), "body", now=FETCHED)
    assert meta.published_at is None
    assert "published_at: 2024-09-20 is in the future" in meta.flags


def test_relative_date_without_fetched_at_is_nulled_and_flagged() -> None:
    meta = normalize_metadata(RawMetadata(date="vor 3 Stunden"), "body")
    assert meta.published_at is None
    assert any("relative date 'vor 3 Stunden'" in f and "no fetched_at" in f for f in meta.flags)


def test_relative_date_with_fetched_at_is_resolved() -> None:
    meta = normalize_metadata(RawMetadata(date="il y a 2 jours"), "body", fetched_at=FETCHED)
    assert meta.published_at == datetime(2024, 9, 10, 12, 0, tzinfo=UTC)
    assert meta.published_at_tz_known is True
    assert "relative to fetched_at" in meta.sources["published_at"]


def test_invalid_updated_at_flagged() -> None:
    meta = normalize_metadata(RawMetadata(date="2024-09-01", updated="3000-01-01"), "body", fetched_at=FETCHED)
    assert meta.published_at == datetime(2024, 9, 1)
    assert meta.updated_at is None
    assert "updated_at: 3000-01-01 is in the future" in meta.flags


@pytest.mark.parametrize(
    ("authors", "flag_part"),
    [(["x" * 120], "is 120 chars long"), (["12345"], "has no letters"), (["---"], "has no letters")],
)
def test_invalid_authors_nulled_and_flagged(authors: list[str], flag_part: str) -> None:
    meta = normalize_metadata(RawMetadata(authors=["Jane Doe", *authors]), "body")
    assert meta.authors == ["Jane Doe"]
    assert any(f.startswith("authors:") and flag_part in f for f in meta.flags)


def test_long_byline_is_nulled_and_flagged() -> None:
    sentence = "This is not a byline but a whole paragraph that a scraper put where the byline should be " * 2
    meta = normalize_metadata(RawMetadata(byline=sentence), "body")
    assert meta.authors == []
    assert any(f.startswith("authors:") for f in meta.flags)


def test_bad_site_name_and_url_flagged() -> None:
    meta = normalize_metadata(RawMetadata(site_name="Copyright 2014", url="javascript:void(0)"), "body")
    assert meta.site_name is None
    assert meta.url is None
    assert any(f.startswith("site_name:") for f in meta.flags)
    assert any(f.startswith("url:") for f in meta.flags)


GARBAGE: list[object] = [
    None,
    "",
    " ",
    0,
    12.5,
    [],
    {},
    object(),
    "\x00\x01\x02",
    "💥" * 500,
    "<script>",
    "by by by",
    "99999999999999999999",
    "2024-13-45T99:99:99Z",
    "-" * 1000,
    "\ud800" if False else "\u200b",
]


@pytest.mark.parametrize("value", GARBAGE, ids=[repr(v)[:20] for v in GARBAGE])
def test_garbage_never_raises(value: object) -> None:
    raw = RawMetadata()
    for name in (
        "title",
        "subtitle",
        "byline",
        "date",
        "updated",
        "site_name",
        "section",
        "url",
        "canonical_url",
        "language",
        "reading_time",
    ):
        setattr(raw, name, value)
    raw.authors = value  # type: ignore[assignment]
    raw.tags = value  # type: ignore[assignment]
    raw.sources = value  # type: ignore[assignment]
    meta = normalize_metadata(raw, value, fetched_at=value, url=value, headers=value, captions=value)  # type: ignore[arg-type]
    assert isinstance(meta, Metadata)


def test_not_even_raw_metadata_never_raises() -> None:
    assert isinstance(normalize_metadata(None, None), Metadata)  # type: ignore[arg-type]


def test_random_strings_never_raise() -> None:
    rng = random.Random(4)
    alphabet = "abcXYZ019 .,:;/-|&()@\n\tÄéøЖ—’%+T"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 120)))
        raw = RawMetadata(
            title=text,
            byline=text,
            date=text,
            updated=text,
            site_name=text,
            reading_time=text,
            url=text,
            canonical_url=text,
            language=text,
            authors=[text],
            tags=[text],
        )
        meta = normalize_metadata(raw, text, fetched_at=FETCHED, url=text)
        assert isinstance(meta, Metadata)
        assert all(len(a) <= 80 for a in meta.authors)


@pytest.mark.parametrize(
    ("raw", "published", "updated"),
    [
        (
            "November 19, 2019 8:59 pm UPDATED: November 19, 2019 10:16 pm",
            datetime(2019, 11, 19, 20, 59),
            datetime(2019, 11, 19, 22, 16),
        ),
        (
            "PUBLISHED: 10:48, Tue, Nov 19, 2019 | UPDATED: 11:05, Tue, Nov 19, 2019",
            datetime(2019, 11, 19, 10, 48),
            datetime(2019, 11, 19, 11, 5),
        ),
        (
            "Updated Nov. 19, 2019 8:21 am ET / Original Nov. 19, 2019 8:02 am ET",  # the original is the publication
            datetime(2019, 11, 19, 13, 2, tzinfo=UTC),
            datetime(2019, 11, 19, 13, 21, tzinfo=UTC),
        ),
        (
            "Veröffentlicht am 12.03.2024, 10:15 Aktualisiert am 14.03.2024, 08:00",
            datetime(2024, 3, 12, 10, 15),
            datetime(2024, 3, 14, 8, 0),
        ),
        (
            "Publié le 12 mars 2024 à 10h15, mis à jour le 14 mars 2024 à 08h00",
            datetime(2024, 3, 12, 10, 15),
            datetime(2024, 3, 14, 8, 0),
        ),
    ],
)
def test_a_published_and_an_updated_date_in_one_string_are_told_apart(
    raw: str, published: datetime, updated: datetime
) -> None:
    as_published, flag = parse_date(raw)
    as_updated, updated_flag = parse_date(raw, field="updated_at")
    assert flag is None and updated_flag is None
    assert as_published is not None and as_updated is not None
    assert (as_published.value, as_updated.value) == (published, updated)


@pytest.mark.parametrize("raw", ["Nov 19, 2019 by Jane Doe", "Originally published by The Times, 12 March 2024"])
def test_one_date_is_not_split_by_labels(raw: str) -> None:
    assert labelled_part(clean_date_text(raw)) is None


def test_the_published_part_still_needs_a_year() -> None:
    raw = "Updated Nov 19, 6:55 AM; Posted Nov 19, 6:51 AM"
    assert labelled_part(clean_date_text(raw)) == "Nov 19, 6:51 AM"
    assert parse_date(raw) == (None, "published_at: 'Updated Nov 19, 6:55 AM; Posted Nov 19, 6:51 AM' has no year")


def test_one_date_string_with_a_labelled_update_gives_both_dates() -> None:
    both = "PUBLISHED: 10:48, Tue, Nov 19, 2019 | UPDATED: 11:05, Tue, Nov 19, 2019"
    meta = normalize_metadata(RawMetadata(date=both), "body")
    assert (meta.published_at, meta.updated_at) == (datetime(2019, 11, 19, 10, 48), datetime(2019, 11, 19, 11, 5))
    only_published = normalize_metadata(RawMetadata(date="Nov 19, 2019 10:48"), "body")
    assert only_published.updated_at is None and not [f for f in only_published.flags if not f.startswith("language")]


@pytest.mark.parametrize(
    ("raw", "hint"),
    [
        ("2016.12.01", "ja"),
        ("2016.12.01 10:30", "ja"),
        ("2019. 11. 18.", "hu"),
        ("2019. 11. 18. 14:05", "en"),
        ("2016.1.5", "zh"),
    ],
)
def test_year_first_dotted_dates_are_read_as_dateparser_reads_them(raw: str, hint: str) -> None:
    text = clean_date_text(raw)
    assert parse_dotted(text) is not None
    assert parse_dotted(text) == parse_absolute(text, hint)
