"""Document language (guessed once per document) and per-language stoplists for the plain-text path."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

import numpy as np

from cleaners.metadata.language import identifier_from_model

# ISO 639-1 code -> jusText stoplist name (only languages jusText ships a stoplist for).
JUSTEXT_NAMES: dict[str, str] = {
    "af": "Afrikaans",
    "ar": "Arabic",
    "bg": "Bulgarian",
    "ca": "Catalan",
    "cs": "Czech",
    "cy": "Welsh",
    "da": "Danish",
    "de": "German",
    "el": "Greek",
    "en": "English",
    "eo": "Esperanto",
    "es": "Spanish",
    "et": "Estonian",
    "eu": "Basque",
    "fa": "Persian",
    "fi": "Finnish",
    "fr": "French",
    "ga": "Irish",
    "gl": "Galician",
    "he": "Hebrew",
    "hi": "Hindi",
    "hr": "Croatian",
    "hu": "Hungarian",
    "hy": "Armenian",
    "id": "Indonesian",
    "is": "Icelandic",
    "it": "Italian",
    "ka": "Georgian",
    "kk": "Kazakh",
    "ko": "Korean",
    "lt": "Lithuanian",
    "lv": "Latvian",
    "mk": "Macedonian",
    "ms": "Malay",
    "mt": "Maltese",
    "nb": "Norwegian_Bokmal",
    "nl": "Dutch",
    "nn": "Norwegian_Nynorsk",
    "no": "Norwegian_Bokmal",
    "pl": "Polish",
    "pt": "Portuguese",
    "ro": "Romanian",
    "ru": "Russian",
    "sk": "Slovak",
    "sl": "Slovenian",
    "sq": "Albanian",
    "sr": "Serbian",
    "sv": "Swedish",
    "sw": "Swahili",
    "tl": "Tagalog",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "ur": "Urdu",
    "vi": "Vietnamese",
}
SAMPLE_CHARS = 500  # two or three sentences give a stable guess; langid walks the sample byte by byte in Python
SAMPLE_MAX_LINE = 1200  # longer lines are often language pickers or scripts, not prose
# Languages the guess may return: every stoplist language plus major scripts without one.
CANDIDATES = tuple(sorted(set(JUSTEXT_NAMES) - {"nb", "nn"} | {"ja", "zh", "th", "ko", "ar", "he", "hi"}))
_PROSE_END = re.compile(r"[.!?。！？]\W*$")


@cache
def stoplist(lang: str) -> frozenset[str]:
    """Lower-cased stopwords for an ISO code; empty when jusText has no list for it."""
    name = JUSTEXT_NAMES.get(lang)
    if not name:
        return frozenset()
    import justext

    return frozenset(word.lower() for word in justext.get_stoplist(name))


@lru_cache(maxsize=1)
def _identifier() -> Any:
    """A private py3langid identifier limited to CANDIDATES (the global one is left untouched); its probabilities
    are normalized over them (which does not change the best language)."""
    identifier = identifier_from_model(norm_probs=True)
    identifier.set_languages([lang for lang in CANDIDATES if lang in identifier.nb_classes])
    # the column subset above is a strided view: rows laid out in order make gathering a text's feature rows
    # faster
    identifier.nb_ptc = np.ascontiguousarray(identifier.nb_ptc)
    return identifier


def _sample(lines: list[str]) -> str:
    """The longest sentence-like lines (prose is the most reliable evidence of the language)."""
    prose = [line for line in lines if len(line) <= SAMPLE_MAX_LINE and _PROSE_END.search(line)]
    picked: list[str] = []
    size = 0
    for line in sorted(prose or lines, key=len, reverse=True):
        picked.append(line)
        size += len(line)
        if size >= SAMPLE_CHARS:
            break
    return "\n".join(picked)


def detect_language(lines: list[str]) -> tuple[str, float]:
    """(ISO 639-1 guess, its probability) from the document's longest lines (langid runs once per document);
    ("en", 0.0) when there is no text to tell."""
    sample = _sample(lines)
    if not sample.strip():
        return "en", 0.0
    lang, probability = _identifier().classify(sample)
    return str(lang), float(probability)
