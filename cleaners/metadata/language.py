"""Language: detected from the clean body with py3langid (ISO 639-1), falling back to the declared one."""

from __future__ import annotations

import re
import threading
from functools import cache
from typing import Any

MIN_WORDS = 12  # below this, detection is a guess and the declared language is trusted
MIN_PROBABILITY = 0.6
SAMPLE_CHARS = 800  # py3langid reads text byte by byte in Python; a paragraph or two settles the language
_DECLARED = re.compile(r"^\s*([a-z]{2,3})(?:[-_][a-z0-9]+)*\s*$", re.I)
_THREE_TO_TWO = {
    "eng": "en",
    "deu": "de",
    "ger": "de",
    "fra": "fr",
    "fre": "fr",
    "spa": "es",
    "ita": "it",
    "por": "pt",
    "pol": "pl",
    "rus": "ru",
    "nld": "nl",
    "dut": "nl",
}


_model_lock = threading.Lock()  # one load, even when a background load and a page ask at once


def langid_model() -> Any:
    """py3langid's model, read once (about half a second) for every identifier built from it."""
    with _model_lock:
        return _read_model()


def load_model_in_background() -> None:
    """Start reading the model in a thread now: most of it is LZMA decompression, which releases the GIL, so it
    overlaps the caller's own imports and parsing instead of delaying its first page's language."""
    if _read_model.cache_info().currsize == 0:
        threading.Thread(target=langid_model, daemon=True).start()


@cache
def _read_model() -> Any:
    """The model itself. Its float16 weights are converted to float32 once here: every classification would
    convert its rows anyway (the same scores), a third of the time per call."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    model = LanguageIdentifier.from_model_file(MODEL_FILE)
    model.nb_ptc = model.nb_ptc.astype("float32")
    return model


def identifier_from_model(norm_probs: bool = False) -> Any:
    """A new py3langid identifier over the shared model's arrays (they are never changed in place)."""
    from py3langid.langid import LanguageIdentifier

    model = langid_model()
    return LanguageIdentifier(
        model.nb_ptc,
        model.nb_pc,
        model.nb_classes,
        model.tk_nextmove,
        model.tk_output,
        norm_probs=norm_probs,
        tk_row=model.tk_row,
    )


@cache
def _identifier() -> Any:
    return identifier_from_model(norm_probs=True)


def detect_language(text: str) -> tuple[str | None, float]:
    """(ISO 639-1 code, probability) of ``text``; (None, 0.0) when it cannot be told."""
    sample = (text or "")[:SAMPLE_CHARS]
    if not re.search(r"\w", sample):
        return None, 0.0
    try:
        lang, prob = _identifier().classify(sample)
    except Exception:
        return None, 0.0
    return str(lang), float(prob)


def declared_language(raw: str | None) -> str | None:
    """ "en-US" -> "en", "deu" -> "de"; anything else -> None."""
    if not raw or not isinstance(raw, str):
        return None
    match = _DECLARED.match(raw.split(",")[0])
    if not match:
        return None
    code = match.group(1).lower()
    return _THREE_TO_TWO.get(code, code if len(code) == 2 else None)


def choose_language(
    body: str, declared: str | None, word_count: int, page_language: str | None = None
) -> tuple[str | None, str]:
    """(language, source): the body's detected language unless the body is too short or detection unsure.
    ``page_language``: the language the extractor is already sure of (the body is not classified again).
    A body shorter than ``MIN_WORDS`` with no declared language gives (None, "too short"): a word or two of text
    looks like many languages (one word of English reads as Serbian)."""
    declared_code = declared_language(declared)
    if word_count < MIN_WORDS:  # detection would be a guess: not worth running
        return (declared_code, "declared") if declared_code else (None, "too short")
    if page_language:
        return page_language, "detected:page"
    detected, prob = detect_language(body)
    if detected and ((word_count >= MIN_WORDS and prob >= MIN_PROBABILITY) or not declared_code):
        return detected, "detected:body"
    if declared_code:
        return declared_code, "declared"
    return None, ""
