"""Month and weekday names in the languages the date parsers cover (en, de, fr, es, it, pt, pl, ru, nl): the one
source of the tables that read dates and of the patterns that find them (meta_dates, text_patterns)."""

from __future__ import annotations

from collections.abc import Iterable

from cleaners.rules.doc_match import trie_regex

# Per month: the English names, then the others, abbreviations and the genitive forms dates are written with
# ("24 сентября", "3 października").
_BY_MONTH: tuple[str, ...] = (
    "january jan | januar jänner janvier janv enero ene gennaio gen janeiro stycznia styczeń sty января январь "
    "янв januari",
    "february feb | februar février fevrier févr fevr febrero febbraio fevereiro fev lutego luty lut февраля "
    "февраль фев februari",
    "march mar | märz mär mars marzo março marca marzec мар марта март maart mrt",
    "april apr | avril avr abril aprile kwietnia kwiecień kwi апреля апрель апр",
    "may | mai mayo maggio mag maio maja maj мая май mei",
    "june jun | juni juin junio giugno giu junho czerwca czerwiec cze июня июнь",
    "july jul | juli juillet juil julio luglio lug julho lipca lipiec lip июля июль",
    "august aug | august août aout agosto ago sierpnia sierpień sie августа август авг augustus",
    "september sep sept | septembre septiembre setiembre settembre set setembro września wrzesień wrz сентября "
    "сентябрь сен",
    "october oct | oktober okt octobre octubre ottobre ott outubro out października październik paź октября октябрь",
    "november nov | novembre noviembre novembro listopada listopad lis ноября ноябрь ноя",
    "december dec | dezember dez décembre déc decembre diciembre dic dicembre dezembro grudnia grudzień gru "
    "декабря декабрь дек",
)
# Per weekday: the English names dateparser reads (it does not know "thurs"), then the others.
_BY_WEEKDAY: tuple[str, ...] = (
    "mon monday | montag lundi lunes lunedì segunda-feira poniedziałek понедельник maandag",
    "tue tues tuesday | dienstag mardi martes martedì terça-feira wtorek вторник dinsdag",
    "wed wednesday | mittwoch mercredi miércoles mercoledì quarta-feira środa среда woensdag",
    "thu thursday | thurs donnerstag jeudi jueves giovedì quinta-feira czwartek четверг donderdag",
    "fri friday | freitag vendredi viernes venerdì sexta-feira piątek пятница vrijdag",
    "sat saturday | samstag samedi sábado sabato sobota суббота zaterdag",
    "sun sunday | sonntag dimanche domingo domenica niedziela воскресенье zondag",
)


def _numbered(table: tuple[str, ...], first: int, *, english_only: bool = False) -> dict[str, int]:
    """name -> its row's number, for every name of the table (or its English ones)."""
    return {
        name: number
        for number, row in enumerate(table, start=first)
        for name in (row.split("|")[0] if english_only else row.replace("|", " ")).split()
    }


MONTH_NUMBERS = _numbered(_BY_MONTH, 1)
ENGLISH_MONTHS = _numbered(_BY_MONTH, 1, english_only=True)
WEEKDAY_NUMBERS = _numbered(_BY_WEEKDAY, 0)  # Monday is 0, as datetime.weekday() counts
ENGLISH_WEEKDAYS = _numbered(_BY_WEEKDAY, 0, english_only=True)
WEEKDAY_NAMES: tuple[str, ...] = tuple(WEEKDAY_NUMBERS)

# Abbreviations that are also everyday words or names in a covered language ("set", "out", "ago", "mag", "lis",
# "sie"), or too rare to be worth the risk: read inside a date found by other means, never searched for.
_READ_ONLY_NAMES = (
    "ago cze dez dic ene fev fevr gen giu gru kwi lip lis lug lut mag mär ott out paź set sie sty wrz "
    "авг апр дек мар ноя сен фев янв"
)
_READ_ONLY = frozenset(_READ_ONLY_NAMES.split())
SEARCHED_MONTHS: tuple[str, ...] = tuple(name for name in MONTH_NUMBERS if name not in _READ_ONLY)


def names_pattern(names: Iterable[str]) -> str:
    """A regex alternation of ``names`` (lower case, prefix-factored: compile it with re.IGNORECASE)."""
    return trie_regex(sorted(names))
