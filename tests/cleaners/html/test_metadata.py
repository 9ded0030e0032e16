"""Issue 4, HTML side: html_metadata reads the page's own tags once."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cleaners.html.extract import extract_html
from cleaners.html.metadata import html_metadata
from cleaners.metadata.normalize import normalize_metadata

PAGE = """<!DOCTYPE html>
<html lang="de-DE"><head>
<meta charset="utf-8">
<title>Regierung legt Haushalt vor | Beispielzeitung</title>
<link rel="canonical" href="/politik/haushalt-2025?utm_source=feed">
<meta property="og:site_name" content="Beispielzeitung">
<meta property="article:section" content="Politik">
<meta property="article:modified_time" content="2024-09-08T10:00:00+02:00">
<meta name="keywords" content="Haushalt, Bundestag">
<script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
  {"@type": "WebSite", "name": "Beispielzeitung"},
  {"@type": "NewsArticle", "headline": "Regierung legt Haushalt vor",
   "datePublished": "2024-09-07T06:13:00+02:00",
   "author": [{"@type": "Person", "name": "Anna Müller"}, {"@type": "Person", "name": "Peter Schmidt"}],
   "publisher": {"@type": "Organization", "name": "Beispielzeitung"}}]}
</script>
</head><body><article><h1>Regierung legt Haushalt vor</h1>
<p>Die Bundesregierung hat am Samstag ihren Entwurf für den Haushalt des kommenden Jahres vorgelegt.</p>
<p>Der Entwurf sieht Ausgaben in Höhe von rund 480 Milliarden Euro vor, wie das Finanzministerium mitteilte.</p>
<p>Die Opposition kritisierte die Pläne als unzureichend und kündigte Widerstand im Bundestag an.</p>
</article></body></html>"""


def test_html_metadata_reads_page_tags_without_trafilatura() -> None:
    raw = html_metadata(None, PAGE, "https://www.beispiel.de/politik/haushalt-2025")
    assert raw.date == "2024-09-07T06:13:00+02:00"
    assert raw.sources["date"] == "html:jsonld[datePublished]"
    assert raw.updated == "2024-09-08T10:00:00+02:00"
    assert raw.authors == ["Anna Müller", "Peter Schmidt"]
    assert raw.sources["authors"] == "html:jsonld[author]"
    assert raw.site_name == "Beispielzeitung"
    assert raw.section == "Politik"
    assert raw.canonical_url == "/politik/haushalt-2025?utm_source=feed"
    assert raw.language == "de-DE"
    assert raw.tags == ["Haushalt", "Bundestag"]
    assert raw.title == "Regierung legt Haushalt vor"
    assert raw.sources["title"] == "html:h1 (in html:jsonld[headline])"  # the visible headline, confirmed


def test_html_path_end_to_end() -> None:
    url = "https://www.beispiel.de/politik/haushalt-2025?fbclid=abc"
    extraction = extract_html(PAGE, url)
    meta = normalize_metadata(extraction.meta, extraction.body, url=url)
    assert meta.title == "Regierung legt Haushalt vor"
    assert meta.authors == ["Anna Müller", "Peter Schmidt"]
    assert meta.published_at == datetime(2024, 9, 7, 4, 13, tzinfo=UTC)
    assert meta.published_at_local == datetime(2024, 9, 7, 6, 13)
    assert meta.updated_at == datetime(2024, 9, 8, 8, 0, tzinfo=UTC)
    assert meta.url == "https://www.beispiel.de/politik/haushalt-2025"
    assert meta.canonical_url == "https://www.beispiel.de/politik/haushalt-2025"
    assert meta.domain == "beispiel.de"
    assert meta.site_name == "Beispielzeitung"
    assert meta.section == "Politik"
    assert meta.language == "de"


def test_placeholder_dates_are_skipped_for_the_next_source() -> None:
    page = PAGE.replace('"datePublished": "2024-09-07T06:13:00+02:00"', '"datePublished": "0001-01-01T00:00:00Z"')
    page = page.replace("<head>", '<head><meta property="article:published_time" content="1970-01-01T00:00:00Z">')
    page = page.replace("<article>", '<article><time datetime="2024-09-07T06:13:00+02:00" pubdate>7. September</time>')
    raw = html_metadata(None, page, "https://www.beispiel.de/x")
    assert raw.date == "2024-09-07T06:13:00+02:00"
    assert raw.sources["date"] == "html:time[datetime]"


def test_site_name_that_is_a_url_or_handle_is_skipped() -> None:
    page = PAGE.replace('content="Beispielzeitung"', 'content="@beispiel"')
    raw = html_metadata(None, page, "https://www.beispiel.de/x")
    assert raw.site_name == "Beispielzeitung"  # from JSON-LD publisher
    assert raw.sources["site_name"] == "html:jsonld[publisher]"


@pytest.mark.parametrize(
    "html",
    [
        "",
        "<html",
        "\x00\x01",
        "<html><head><script type='application/ld+json'>{bad",
        "<?xml version='1.0' encoding='utf-8'?><html lang='en'><p>x</p></html>",
    ],
)
def test_broken_html_never_raises(html: str) -> None:
    raw = html_metadata(None, html, None)
    normalize_metadata(raw, "")


FORUM_THREAD = """<html><head><title>Which router for a small flat? - Networking - Example Forums</title>
<meta name="twitter:label1" content="Written by"><meta name="twitter:data1" content="Jane Roe">
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "DiscussionForumPosting", "headline": "Which router for a small flat?",
 "datePublished": "2024-03-02T10:00:00Z", "author": {"@type": "Person", "name": "netfan42"}}
</script></head><body><h1>Which router for a small flat?</h1><p>Looking for advice.</p></body></html>"""


def test_a_forum_threads_opening_post_names_its_author_and_date() -> None:
    raw = html_metadata(None, FORUM_THREAD, "https://forum.example.com/t/which-router")
    assert raw.authors == ["netfan42"]
    assert raw.sources["authors"] == "html:jsonld[author]"
    assert raw.date == "2024-03-02T10:00:00Z"


def test_a_writer_labelled_in_twitter_data_is_an_author() -> None:
    page = FORUM_THREAD.replace('"author": {"@type": "Person", "name": "netfan42"}', '"x": 1')
    raw = html_metadata(None, page, "https://forum.example.com/t/which-router")
    assert raw.authors == ["Jane Roe"]
    assert raw.sources["authors"] == "html:meta[twitter:data] (labelled as the writer)"


def test_an_organisation_as_author_yields_to_a_named_person() -> None:
    page = PAGE.replace(
        '"author": [{"@type": "Person", "name": "Anna Müller"}, {"@type": "Person", "name": "Peter Schmidt"}]',
        '"author": {"@type": "Organization", "name": "Beispielzeitung"}',
    ).replace("<head>", '<head><meta name="author" content="Anna Müller">')
    raw = html_metadata(None, page, "https://www.beispiel.de/politik/haushalt-2025")
    assert raw.authors == ["Anna Müller"]
