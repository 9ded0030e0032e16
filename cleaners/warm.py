"""Imported by the cleaning pool's fork server: loads what the cleaners load lazily (language models,
stoplists, lexicons, date parsers; about two seconds and a hundred-odd MB) once, before any worker is forked.

Every worker then starts with it loaded (no warm-up per recycled worker) and shares those pages with its
siblings instead of holding its own copy. What is left lazy costs a worker seconds over its first hundreds of
pages, and again after every recycle: dateparser's per-language tables and regexes, its time-zone regexes and
htmldate's month words among them, so they are loaded here too."""

from __future__ import annotations

from datetime import UTC, datetime

from cleaners.html.extract import load_tree
from cleaners.html.metadata import htmldate_fallback
from cleaners.metadata.dates import DATE_LANGUAGES, parse_absolute, parse_date_text, zone_named
from cleaners.pipeline import clean_document
from cleaners.rules import languages, matcher_for
from cleaners.text.extract import KIND_ORDER, rule_languages
from schemas import SourceDocument

HTML_SAMPLE = (
    b"<html><head><title>Warm-up</title></head><body><article><p>The council met on Tuesday evening "
    b"to debate the proposal and voted to approve the new budget.</p></article></body></html>"
)
TEXT_SAMPLE = (
    b"Council approves budget\nBy A. Reporter\nPublished 12 March 2024, 10:15\n\nThe council met on "
    b"Tuesday evening to debate the proposal and voted to approve the new budget for the year.\nShare\n"
)
WARM_URL = "https://www.example.co.uk/news/council-approves-budget"
# a date only in the text, in htmldate's reach: its month-word tables load on the first such page
DATED_HTML = (
    "<html><body><div class='byline'>Updated on Tuesday, 12 March 2024</div>"
    "<p>The council met on Tuesday evening.</p></body></html>"
)


def warm_up() -> None:
    clean_document(SourceDocument("warm-up.html", HTML_SAMPLE, content_type="html"))
    # with a URL: its registered domain loads tld's public-suffix table (about 30 ms, on the first page with a URL)
    clean_document(SourceDocument("warm-up.txt", TEXT_SAMPLE, url=WARM_URL, content_type="text"))
    for lang in languages():  # the plain-text lexicon matcher of each language (about 0.5 s each to build)
        matcher_for(rule_languages(lang), KIND_ORDER)
    matcher_for(None, KIND_ORDER)  # all languages' lexicons: pages in a language without lexicons of its own
    _warm_dates()


def _warm_dates() -> None:
    zone_named("EST")  # dateparser's time-zone regexes
    for lang in DATE_LANGUAGES:  # each language's dateparser tables, in both of parse_absolute's passes
        parse_absolute("3 warm 2020 10:15", hint=lang)
    parse_date_text("2 days ago", fetched_at=datetime(2024, 3, 12, tzinfo=UTC))  # the relative-date parser
    tree, _ = load_tree(DATED_HTML)
    htmldate_fallback(tree, None)
    # htmldate's month names of every dateparser locale (about 0.15 s): built on the first page whose date text
    # has neither a year nor a month name htmldate knows, which no short sample reaches, so it is called directly
    try:
        from htmldate.extractors import month_words
    except ImportError:  # a newer htmldate without it: nothing to warm
        return
    month_words()


warm_up()
