"""Bylines -> author names: strip "By"/"Von"/"Par", roles, dates, reading times, e-mails; split on and/und/et/y.

``split_byline`` separates a byline line into its names, its date and its reading time, so a byline such as
"by A and B September 7, 2024 6:13 AM 2 min read" feeds authors, published_at and reading_time at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cleaners.metadata.dates import MONTH_WORD, WEEKDAY_WORD, find_date_start
from cleaners.metadata.reading import find_reading_time

MAX_AUTHOR_CHARS = 80

_EMAIL = re.compile(r"\S+@\S+\.\w+")
_URL = re.compile(r"https?://\S+|www\.\S+")
_HANDLE = re.compile(r"(?<!\w)@\w+")
_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_SPACES = re.compile(r"\s+")

# "By", "Analysis by", "Von", "Par", "Por", "Door", "Autor:", "Текст", ...
_PREFIX = re.compile(
    r"^\s*(?:(?:(?:an?\s+)?(?:analysis|opinion|commentary|story|written|words|reporting|report|review|interview"
    r"|posted|published|compiled|edited|photos?\s+and\s+text|text\s+and\s+photos?)\s+)?by\b"
    r"|(?:ein\s+(?:kommentar|gastbeitrag)\s+)?von\b|par\b|por\b|door\b|przez\b|от\b"
    r"|(?:autor(?:in|a|e)?|author|auteure?|autore|autorka|redakcja|tekst|text|texte|texto|testo|автор|текст"
    r"|written\s+by|geschrieben\s+von|escrito\s+por|scritto\s+da|écrit\s+par|geschreven\s+door)\s*[:：]?)\s*",
    re.I,
)
_DI_PREFIX = re.compile(r"^\s*di\s+(?=\S+\s+\S+)", re.I)  # Italian "Di Mario Rossi" (but not "Di Maio")
# Conjunctions are matched lower-case only, so initials ("E. Smith") never split a name.
_SPLIT = re.compile(r"\s*(?:[,;|/·•]|\s&\s|\s(?:and|und|et|y|e|i|en|и|oraz|with|mit|avec|sowie|ed)\s)\s*")
_ROLE_NOUNS = (
    "writer",
    "reporter",
    "correspondent",
    "editor",
    "editor-at-large",
    "columnist",
    "contributor",
    "producer",
    "journalist",
    "analyst",
    "photographer",
    "intern",
    "editors",
    "writers",
    "reporters",
    "correspondents",
    "redakteur",
    "redakteurin",
    "korrespondent",
    "korrespondentin",
    "reporterin",
    "autorin",
    "journalistin",
    "correspondant",
    "correspondante",
    "journaliste",
    "rédacteur",
    "rédactrice",
    "envoyé spécial",
    "envoyée spéciale",
    "corresponsal",
    "periodista",
    "redactor",
    "redactora",
    "corrispondente",
    "giornalista",
    "inviato",
    "inviata",
    "correspondente",
    "jornalista",
    "repórter",
    "redator",
    "redatora",
    "korespondent",
    "korespondentka",
    "dziennikarz",
    "dziennikarka",
    "redaktor",
    "корреспондент",
    "журналист",
    "обозреватель",
    "redacteur",
    "verslaggever",
    "correspondent",
    "journaliste",
)
_ROLE_TAIL = re.compile(
    r"(?:,|\s)\s*(?:(?:senior|chief|staff|special|contributing|national|political|foreign|white\s+house|business"
    r"|sports?|science|tech(?:nology)?|freelance|associate|deputy|managing|investigative|ap|cnn|bbc|auto)\s+)*"
    rf"(?:{'|'.join(re.escape(n) for n in _ROLE_NOUNS)})\s*$",
    re.I,
)
_GENERIC_ROLE = re.compile(
    r"^(?:(?:senior|chief|staff|special|contributing|guest|freelance|associate|deputy|managing|news|the)\s+)*"
    rf"(?:staff|{'|'.join(re.escape(n) for n in _ROLE_NOUNS)})$",
    re.I,
)
_TRAILING_NOISE = re.compile(
    r"(?:\s+|^)(?:published|updated|posted|aktualisiert|veröffentlicht|publié|mis\s+à\s+jour|publicado|actualizado"
    r"|pubblicato|aggiornato|atualizado|opublikowano|опубликовано|gepubliceerd|on|am|le|el|il|em|at|um|is|a|an|the)\s*[:,]?\s*$",
    re.I,
)
_NOISE_ONLY = re.compile(
    r"^(?:updated|published|posted|staff|admin|administrator|editor|anonymous|unknown|none|null|n/?a|"
    r"share|follow|twitter|facebook|email|e-mail|more|read more|view all posts|all posts|see all)$",
    re.I,
)
# Months that are also common first/last names are only dropped when clearly a date fragment.
_NAME_LIKE_MONTHS = {
    "may",
    "june",
    "april",
    "august",
    "mai",
    "jan",
    "mar",
    "juni",
    "maio",
    "mayo",
    "maj",
    "mei",
    "julio",
    "abril",
    "augusto",
    "julie",
    "juli",
    "marzo",
    "luty",
    "mars",
}
_CREDENTIAL = re.compile(r"^(?:[A-Z]{2,4}|Ph\.?\s?D\.?|M\.?D\.?|M\.?S\.?|R\.?N\.?|Jr\.?|Sr\.?|MBA|M\.?A\.?)$")
_WIRE_TAIL = re.compile(
    r"\s+(?:the\s+)?(?:associated\s+press|AP|reuters|AFP|dpa|ANSA|EFE|PAP|ТАСС|РИА\s+Новости)$", re.I
)


# A person's name as bylines print it without a label: capitalised words, initials, particles ("de", "van"),
# optionally credentials after a comma ("Jane Doe, MD")
_NAME_WORD = re.compile(
    r"^(?:[A-ZÀ-ÞА-ЯĀ-Ž][\w'’.-]*|[A-ZÀ-ÞА-Я]\.|(?:de|da|del|der|den|di|du|la|le|van|von|al|bin|ibn|y))$"
)
NAME_MAX_WORDS = 5


def looks_like_name(text: str) -> bool:
    """``text`` is shaped like a person's name: one to five capitalised words (or initials, or name particles),
    no digits, optionally followed by credentials after a comma ("Doris Munoz-Mantilla, MD, FOMA")."""
    name = text.split(",")[0].strip()
    words = name.split()
    if not 1 <= len(words) <= NAME_MAX_WORDS or any(ch.isdigit() for ch in text):
        return False
    return (
        _NAME_WORD.match(words[0]) is not None
        and all(_NAME_WORD.match(w) for w in words)
        and not (len(words) == 1 and _NAME_WORD.match(words[0]) and words[0].isupper() and len(words[0]) <= 3)
    )


@dataclass
class BylineParts:
    names: str
    date: str | None = None
    reading_time: int | None = None


def split_byline(byline: str) -> BylineParts:
    """Separate names, date and reading time in one byline line."""
    text = _SPACES.sub(" ", byline.replace("\u00a0", " ")).strip()
    minutes = None
    found = find_reading_time(text)
    if found:
        minutes = found[0]
        text = (text[: found[1]] + " " + text[found[2] :]).strip()
    date = None
    start = find_date_start(text)
    if start is not None:
        date = text[start:].strip(" |·•,;-–—") or None
        text = text[:start]
    return BylineParts(text.strip(" |·•,;-–—"), date, minutes)


def strip_prefix(text: str) -> str:
    for _ in range(2):
        stripped = _DI_PREFIX.sub("", _PREFIX.sub("", text, count=1), count=1)
        if stripped == text:
            break
        text = stripped
    return text


def names_writer(label: str) -> bool:
    """``label`` is only a byline's lead-in ("Written by", "Autor:", "Geschrieben von"): what follows it names the
    writer."""
    return bool(label.strip()) and _PREFIX.match(label) is not None and not _PREFIX.sub("", label, count=1).strip()


def _is_date_debris(word: str) -> bool:
    bare = word.strip(".,;:")
    if WEEKDAY_WORD.match(bare) or (MONTH_WORD.match(bare) and bare.lower() not in _NAME_LIKE_MONTHS):
        return True
    return bool(_TRAILING_NOISE.search(" " + word))


def strip_date_debris(name: str) -> str:
    """Drop trailing weekday/month words ("Carrie Arnold November", "Jeff Foust Monday") and labels."""
    words = name.split()
    while len(words) > 1 and _is_date_debris(words[-1]):
        words.pop()
    return " ".join(words)


def strip_role(name: str) -> str:
    """ "Jane Doe, Staff Writer" / "Tom Krisher AP Auto Writer" -> the name, when a name remains."""
    match = _ROLE_TAIL.search(name)
    if match and len(name[: match.start()].split()) >= 2:
        return name[: match.start()].strip(" ,")
    return name


_AGENCY_OR_MODIFIER = re.compile(
    r"^(?:[A-Z]{2,4}|(?i:senior|chief|staff|special|contributing|national|political|foreign|associate|deputy"
    r"|managing|freelance|investigative|sports?|science|business))\b",
)


def is_role_phrase(part: str) -> bool:
    """ "AP National Security Writer", "Senior Tech Reporter": a role with no name in front."""
    return bool(_ROLE_TAIL.search(" " + part)) and bool(_AGENCY_OR_MODIFIER.match(part)) and len(part.split()) <= 6


def is_role(part: str) -> bool:
    """A part that is only a role ("Staff Writer", "AP National Political Writer")."""
    words = part.split()
    return bool(_GENERIC_ROLE.match(part)) or (len(words) <= 5 and bool(_ROLE_TAIL.search(" " + part)))


def clean_part(part: str) -> str:
    part = part.strip(" \t-–—:,.;|·•\"'“”‘’")
    if WEEKDAY_WORD.match(part) or MONTH_WORD.match(part.rstrip(".")) or _CREDENTIAL.match(part):
        return ""
    part = strip_date_debris(part)
    if is_role_phrase(part):
        return ""
    part = strip_role(part)
    if len(_WIRE_TAIL.sub("", part).split()) >= 2:
        part = _WIRE_TAIL.sub("", part)
    return fix_case(part.strip(" \t-–—:,;|·•\"'“”‘’()[]<>"))


def fix_case(name: str) -> str:
    """ "STEVE PEOPLES" -> "Steve Peoples" (wire bylines shout); mixed case is kept as written."""
    letters = [ch for ch in name if ch.isalpha()]
    if len(letters) > 3 and all(ch.isupper() for ch in letters) and " " in name:
        return " ".join(w.capitalize() if len(w) > 2 or "." not in w else w for w in name.split())
    return name


def _pre_clean(text: str) -> str:
    text = _PAREN.sub(" ", text)
    text = _EMAIL.sub(" ", text)
    text = _URL.sub(" ", text)
    text = _HANDLE.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def split_names(text: str) -> list[str]:
    text = strip_prefix(_pre_clean(text))
    parts = [strip_prefix(p) for p in _SPLIT.split(text) if p and p.strip()]
    return [p for p in (clean_part(p) for p in parts) if p]


def validate_author(name: str) -> str | None:
    """Why ``name`` is not an author (too long, no letters), else None."""
    if len(name) > MAX_AUTHOR_CHARS:
        return f"authors: {name[:40]!r}... is {len(name)} chars long"
    if not any(ch.isalpha() for ch in name):
        return f"authors: {name!r} has no letters"
    return None


def _same(a: str, b: str) -> bool:
    return re.sub(r"\W", "", a).lower() == re.sub(r"\W", "", b).lower()


def normalize_authors(raw: list[str] | str | None, *, site_names: tuple[str, ...] = ()) -> tuple[list[str], list[str]]:
    """(authors, flags). Accepts one byline string or a list of raw author strings."""
    items = [raw] if isinstance(raw, str) else list(raw or [])
    candidates: list[str] = []
    flags: list[str] = []
    for item in items:
        if not isinstance(item, str) or not item.strip():
            continue
        if not any(ch.isalpha() for ch in item):
            flags.append(f"authors: {item.strip()[:40]!r} has no letters")
            continue
        candidates.extend(split_names(split_byline(item).names))
    authors: list[str] = []
    for name in candidates:
        problem = validate_author(name)
        if problem:
            flags.append(problem)
        elif not _NOISE_ONLY.match(name) and not any(_same(name, a) for a in authors):
            authors.append(name)
    people = [a for a in authors if not is_role(a)]
    authors = people or [a for a in authors if not _GENERIC_ROLE.match(a)]
    if len(authors) > 1:  # drop the publisher echoed next to real names ("Jane Doe, CNN")
        kept = [a for a in authors if not any(_same(a, s) for s in site_names if s)]
        authors = kept or authors
    return authors, flags
