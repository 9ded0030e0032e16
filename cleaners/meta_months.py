"""Month names -> month numbers in the languages the date parsers cover (en, de, fr, es, it, pt, pl, ru, nl),
with the abbreviations and the genitive forms ("24 сентября", "3 października") dates are written with."""

from __future__ import annotations

_BY_MONTH: tuple[str, ...] = (
    "january jan januar jänner janvier janv enero ene gennaio gen janeiro stycznia styczeń sty января январь "
    "янв januari",
    "february feb februar février fevrier févr fevr febrero febbraio fevereiro fev lutego luty lut февраля "
    "февраль фев februari",
    "march mar märz mär mars marzo março marca marzec мар марта март maart mrt",
    "april apr avril avr abril aprile kwietnia kwiecień kwi апреля апрель апр",
    "may mai mayo maggio mag maio maja maj мая май mei",
    "june jun juni juin junio giugno giu junho czerwca czerwiec cze июня июнь",
    "july jul juli juillet juil julio luglio lug julho lipca lipiec lip июля июль",
    "august aug august août aout agosto ago sierpnia sierpień sie августа август авг augustus",
    "september sep sept septembre septiembre setiembre settembre set setembro września wrzesień wrz сентября "
    "сентябрь сен",
    "october oct oktober okt octobre octubre ottobre ott outubro out października październik paź октября "
    "октябрь",
    "november nov novembre noviembre novembro listopada listopad lis ноября ноябрь ноя",
    "december dec dezember dez décembre déc decembre diciembre dic dicembre dezembro grudnia grudzień gru "
    "декабря декабрь дек",
)

MONTH_NUMBERS: dict[str, int] = {
    name: number for number, names in enumerate(_BY_MONTH, start=1) for name in names.split()
}
