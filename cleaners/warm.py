"""Imported by the cleaning pool's fork server: loads what the cleaners load lazily (language models,
stoplists, lexicons, date parsers; about a second and a hundred-odd MB) once, before any worker is forked.

Every worker then starts with it loaded (no warm-up per recycled worker) and shares those pages with its
siblings instead of holding its own copy."""

from __future__ import annotations

from cleaners.pipeline import clean_document
from cleaners.rules import languages, matcher_for
from cleaners.text_extract import KIND_ORDER, rule_languages
from cleaners.types import SourceDocument

HTML_SAMPLE = (b"<html><head><title>Warm-up</title></head><body><article><p>The council met on Tuesday evening "
               b"to debate the proposal and voted to approve the new budget.</p></article></body></html>")
TEXT_SAMPLE = (b"Council approves budget\nBy A. Reporter\nPublished 12 March 2024, 10:15\n\nThe council met on "
               b"Tuesday evening to debate the proposal and voted to approve the new budget for the year.\nShare\n")


def warm_up() -> None:
    clean_document(SourceDocument("warm-up.html", HTML_SAMPLE, content_type="html"))
    clean_document(SourceDocument("warm-up.txt", TEXT_SAMPLE, content_type="text"))
    for lang in languages():  # the plain-text lexicon matcher of each language (about 0.5 s each to build)
        matcher_for(rule_languages(lang), KIND_ORDER)
    matcher_for(None, KIND_ORDER)  # all languages' lexicons: pages in a language without lexicons of its own


warm_up()
