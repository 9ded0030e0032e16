"""Behaviour of the plain-text extractor (cleaners.text.extract) on small hand-written pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cleaners.rules import RULES_DIR, first_match, load_rules, matcher_for
from cleaners.text.extract import extract_text
from cleaners.types import BOILERPLATE_KINDS

EN_PARAGRAPHS = [
    "The city council voted on Tuesday to expand the bus network, adding four new routes that will connect "
    "the northern suburbs with the hospital and the university campus.",
    "Officials said the plan would cost about 12 million dollars over three years and that most of the money "
    "would come from a regional transport fund that was approved last spring.",
    "Residents who spoke at the meeting were mostly in favour, although some of them asked why the changes "
    "would not take effect until the end of next year.",
    "The mayor said that the council had listened to those concerns and that the first of the new routes could "
    "open earlier if the drivers are hired in time.",
]
DE_PARAGRAPHS = [
    "Der Stadtrat hat am Dienstag beschlossen, das Busnetz deutlich auszubauen, und dabei vier neue Linien "
    "genehmigt, die die nördlichen Vororte mit dem Krankenhaus verbinden sollen.",
    "Nach Angaben der Verwaltung kostet der Plan rund zwölf Millionen Euro, die zum größten Teil aus einem "
    "regionalen Fonds stammen, der im vergangenen Frühjahr beschlossen wurde.",
    "Die meisten Bürger, die sich in der Sitzung zu Wort meldeten, begrüßten das Vorhaben, auch wenn einige "
    "fragten, warum die Änderungen erst Ende nächsten Jahres gelten.",
]
FR_PARAGRAPHS = [
    "Le conseil municipal a voté mardi l'extension du réseau de bus, avec quatre nouvelles lignes qui relieront "
    "les quartiers du nord à l'hôpital et au campus de l'université.",
    "Selon la mairie, le projet coûtera environ douze millions d'euros sur trois ans, financés en grande partie "
    "par un fonds régional qui a été adopté au printemps dernier.",
    "La plupart des habitants qui ont pris la parole pendant la séance se sont montrés favorables, même si "
    "certains se sont demandé pourquoi il fallait attendre la fin de l'année prochaine.",
]
ES_PARAGRAPHS = [
    "El ayuntamiento aprobó el martes la ampliación de la red de autobuses, con cuatro nuevas líneas que unirán "
    "los barrios del norte con el hospital y con el campus de la universidad.",
    "Según el consistorio, el plan costará unos doce millones de euros en tres años, que saldrán en su mayor "
    "parte de un fondo regional que se aprobó la primavera pasada.",
    "La mayoría de los vecinos que hablaron en la sesión se mostraron a favor, aunque algunos preguntaron por qué "
    "los cambios no entrarán en vigor hasta el final del año que viene.",
]


def page(*parts: list[str] | str) -> str:
    lines: list[str] = []
    for part in parts:
        lines.extend([part] if isinstance(part, str) else part)
    return "\n".join(lines)


NAV = ["Home", "World", "Politics", "Business", "Sport", "Culture", "Search"]


def kinds_of(text: str, snippet: str) -> list[str]:
    return [b.kind for b in extract_text(text).blocks if snippet in b.text]


def test_article_paragraphs_kept_and_menu_removed() -> None:
    ex = extract_text(page(NAV, "Council expands the city bus network", EN_PARAGRAPHS, "© 2024 Example Media"))
    for paragraph in EN_PARAGRAPHS:
        assert paragraph in ex.body
    assert "Politics" not in ex.body
    assert kinds_of(page(NAV, EN_PARAGRAPHS), "Search") == ["navigation"]


def test_every_removed_block_has_a_known_kind_and_a_reason() -> None:
    ex = extract_text(
        page(
            NAV,
            "Council expands the city bus network",
            "By Jane Doe",
            EN_PARAGRAPHS,
            "Share this article",
            "Related: Trams return to the old town",
            "34 Comments",
        )
    )
    assert ex.removed
    for block in ex.removed:
        assert block.kind in BOILERPLATE_KINDS
        assert block.reason


def test_german_newsletter_box_is_newsletter_widget() -> None:
    box = [
        "Newsletter",
        "Melden Sie sich für unseren Newsletter an und erhalten Sie die wichtigsten Nachrichten.",
        "Ihre E-Mail-Adresse",
        "Anmelden",
        "Vielen Dank für Ihre Anmeldung!",
    ]
    text = page(["Startseite", "Politik", "Wirtschaft"], "Stadtrat baut das Busnetz aus", DE_PARAGRAPHS, box)
    ex = extract_text(text)
    for line in box:
        assert line not in ex.body
    assert "newsletter_widget" in kinds_of(text, "Melden Sie sich für unseren Newsletter")
    assert "newsletter_widget" in kinds_of(text, "Vielen Dank für Ihre Anmeldung")
    assert DE_PARAGRAPHS[1] in ex.body


def test_long_paragraph_that_mentions_subscribe_is_kept() -> None:
    mention = (
        "Several readers wrote to ask whether they would have to subscribe to a new service to see the "
        "timetables, and the council said that the schedules will stay free on its website and at every "
        "stop, and that nobody will need to sign up or pay to use the journey planner."
    )
    text = page(NAV, EN_PARAGRAPHS[:2], mention, EN_PARAGRAPHS[2:])
    assert mention in extract_text(text).body


def test_caption_followed_by_photo_credit_is_photo_caption() -> None:
    caption = "Passengers wait for a bus in the city centre on Monday morning."
    credit = "Jane Doe/Getty Images"
    text = page(NAV, EN_PARAGRAPHS[:2], caption, credit, EN_PARAGRAPHS[2:])
    assert kinds_of(text, caption) == ["photo_caption"]
    assert kinds_of(text, credit) == ["photo_caption"]
    assert EN_PARAGRAPHS[3] in extract_text(text).body


def test_parenthesised_agency_credit_is_photo_caption() -> None:
    line = "Passengers board a new electric bus at the depot on Monday. (AP Photo/John Smith)"
    assert kinds_of(page(NAV, EN_PARAGRAPHS[:2], line, EN_PARAGRAPHS[2:]), line) == ["photo_caption"]


def test_french_cookie_banner_and_share_bar() -> None:
    text = page(
        ["Accueil", "Politique", "Économie"],
        "Le réseau de bus s'agrandit",
        FR_PARAGRAPHS,
        "Partager sur Facebook",
        "Ce site utilise des cookies pour améliorer votre expérience.",
        "Tout accepter",
    )
    assert kinds_of(text, "Partager sur Facebook") == ["share_bar"]
    assert kinds_of(text, "Ce site utilise des cookies") == ["cookie_notice"]
    assert FR_PARAGRAPHS[2] in extract_text(text).body


def test_spanish_read_also_teaser_inside_article_is_related_content() -> None:
    teaser = "Lee también: El metro amplía su horario los fines de semana"
    text = page(
        ["Inicio", "Política", "Economía"],
        "El ayuntamiento amplía la red de autobuses",
        ES_PARAGRAPHS[:2],
        teaser,
        ES_PARAGRAPHS[2:],
    )
    ex = extract_text(text)
    assert kinds_of(text, teaser) == ["related_content"]
    for paragraph in ES_PARAGRAPHS:
        assert paragraph in ex.body


def test_comment_section_below_article_is_not_body() -> None:
    comment = (
        "I have taken the number 12 bus every day for ten years and I think that these new routes are "
        "long overdue, but the council should also fix the shelters before the winter comes."
    )
    text = page(NAV, EN_PARAGRAPHS, "3 Comments", "busfan99 says:", "March 3, 2024 at 9:14 am", comment)
    ex = extract_text(text)
    assert comment not in ex.body
    assert EN_PARAGRAPHS[-1] in ex.body
    assert kinds_of(text, "3 Comments") == ["comments"]


def test_teaser_cut_with_ellipsis_is_related_content() -> None:
    teaser = (
        "The regional transport authority has announced that the tram line to the airport will reopen "
        "next month after two years of works, according to a statement that…"
    )
    text = page(NAV, EN_PARAGRAPHS, "Trams return to the airport", teaser, "© 2024 Example Media")
    assert kinds_of(text, teaser) == ["related_content"]


def test_header_metadata_is_read_and_removed_from_body() -> None:
    text = page(
        "Become a member today and support independent journalism.",
        "Skip to content",
        "Council expands the city bus network",
        "Local",
        "By Jane Doe and John Roe March 3, 2024 9:14 AM",
        "4 min read",
        EN_PARAGRAPHS,
    )
    ex = extract_text(text)
    assert ex.meta.title == "Council expands the city bus network"
    assert ex.meta.section == "Local"
    assert ex.meta.byline and ex.meta.byline.startswith("By Jane Doe")
    assert ex.meta.date == "March 3, 2024 9:14 AM"
    assert ex.meta.reading_time == "4 min read"
    assert "Council expands" not in ex.body and "Jane Doe" not in ex.body
    assert kinds_of(text, "Council expands") == ["title"]
    assert kinds_of(text, "By Jane Doe") == ["metadata_line"]
    assert kinds_of(text, "Become a member") == ["paywall_appeal"]


def test_news_desk_byline_names_the_site() -> None:
    text = page("Council expands the city bus network", "by Jane Doe and The Example Herald news desk", EN_PARAGRAPHS)
    assert extract_text(text).meta.site_name == "The Example Herald"


def test_empty_input_gives_no_blocks() -> None:
    assert extract_text("\n \n").blocks == []


def test_length_guard_stops_rules_on_long_blocks() -> None:
    assert first_match("Subscribe") is not None
    assert first_match("Subscribe " + "and read more about the council and its plans " * 20) is None


def test_max_option_in_pattern_sets_the_guard() -> None:
    guarded = [r for r in load_rules() if r.pattern.pattern.startswith("(?#max=")]
    assert guarded
    for rule in guarded:
        assert rule.max_chars == int(re.match(r"\(\?#max=(\d+)\)", rule.pattern.pattern).group(1))


def _readme_examples() -> list[tuple[str, str]]:
    out = []
    for readme in sorted(Path(RULES_DIR).glob("*/README.md")):
        for example in re.findall(r"^- `(.+)`$", readme.read_text(encoding="utf-8"), flags=re.M):
            out.append((readme.parent.name, example))
    return out


@pytest.mark.parametrize(("kind", "example"), _readme_examples())
def test_readme_examples_match_their_kind(kind: str, example: str) -> None:
    rule = matcher_for(None).match_kind(example, kind)
    assert rule is not None, f"{example!r} is not matched by any {kind} rule"


def test_every_kind_covers_the_required_languages() -> None:
    required = {"en", "de", "fr", "es", "it", "pt", "pl", "ru", "nl"}
    for kind_dir in Path(RULES_DIR).iterdir():
        if kind_dir.is_dir() and not kind_dir.name.startswith("_"):
            assert required <= {p.stem for p in kind_dir.glob("*.txt")}, kind_dir.name


def test_whole_document_matching_equals_line_by_line() -> None:
    """``Matcher.match_lines`` (document pre-filters) must give exactly ``Matcher.match`` per line."""
    examples = [example for _, example in _readme_examples()]
    lines = [
        *examples,
        *EN_PARAGRAPHS,
        *DE_PARAGRAPHS,
        "Main image credit: Getty",
        "Privacy policy | More Newsletters",
        "Home > World > Europe",
        "İstanbul haberleri ve son dakika",
        "(Photo: Jane Doe/Reuters)",
    ]
    for langs in (None, ("en",), ("de", "en"), ("en", "ru")):
        matcher = matcher_for(langs)
        assert matcher.match_lines(lines) == [matcher.match(line) for line in lines]


def test_literal_prefixes_follow_groups_and_optional_parts() -> None:
    from cleaners.rules.doc_match import literal_prefixes

    assert literal_prefixes(r"\bthe views (and opinions )?expressed\b") == {
        "the views expressed",
        "the views and opinions expressed",
    }
    assert literal_prefixes(r"^(?:home|start)\b") == {"home", "start"}
    assert literal_prefixes(r"\b\d+ comments") is None


TEASER_SNIPPETS = [
    "The regional rail operator said on Monday that it would add two more trains to the morning timetable "
    "because the commuter services have been overcrowded since the start of the school year.",
    "A new survey of local businesses found that most of the shops in the old town expect their sales to "
    "grow next year, although many of them are still worried about the rising cost of rent.",
    "The hospital has opened a second emergency department on the northern side of the city, which its "
    "director said would cut the waiting times for patients who live in the suburbs.",
    "Engineers have started to repair the bridge over the river after an inspection found that some of the "
    "steel cables had been damaged by the storms that hit the coast in the spring.",
]


def test_rail_of_dated_teasers_after_the_article_is_cut() -> None:
    rail = []
    for n, snippet in enumerate(TEASER_SNIPPETS):
        rail += [
            f"Headline number {n} about the city",
            f"Reporter {'ABCD'[n]} Smith",
            f"Tuesday November {n + 10}, 2019",
            snippet,
        ]
    ex = extract_text(page("Council expands the city bus network", EN_PARAGRAPHS, "More from the Example Herald", rail))
    for paragraph in EN_PARAGRAPHS:
        assert paragraph in ex.body
    for snippet in TEASER_SNIPPETS:
        assert snippet not in ex.body


def test_a_single_dated_update_does_not_cut_the_article() -> None:
    text = page(
        "Council expands the city bus network",
        EN_PARAGRAPHS[:2],
        "Updated Tuesday November 12, 2019",
        EN_PARAGRAPHS[2:],
    )
    body = extract_text(text).body
    for paragraph in EN_PARAGRAPHS:
        assert paragraph in body


def test_numbered_standings_table_is_kept_as_content() -> None:
    rows = [f"{n} Driver Name{n} {5000 - 40 * n} {n % 4} {n % 3} {17 - n // 3} {27 - n // 2}" for n in range(1, 21)]
    text = page(
        "Final standings of the season | Example Racing",
        NAV,
        "Final standings of the season",
        "The final standings of the championship after the last race of the year are below.",
        "Pos. Driver Points Wins Poles Top 5 Top 10",
        rows,
        "© 2024 Example Racing",
    )
    body = extract_text(text).body
    for row in rows:
        assert row in body
    assert "Politics" not in body


def test_teasers_above_the_repeated_headline_are_not_the_article() -> None:
    teasers = [
        f"Teaser headline {n} about something else entirely A {n}-year-old resident told officials on Monday "
        "that the new market hall would open next spring, according to a statement from the city."
        for n in range(6)
    ]
    rail = [line for teaser, section in zip(teasers, NAV, strict=False) for line in (teaser, section)]
    text = page(
        "Council expands the city bus network - Example Herald",
        NAV,
        "Latest Headlines",
        rail,
        "Council expands the city bus network",
        "November 19, 2019 at 9:45 am",
        EN_PARAGRAPHS,
    )
    ex = extract_text(text)
    for paragraph in EN_PARAGRAPHS:
        assert paragraph in ex.body
    assert "Teaser headline" not in ex.body
    assert ex.meta.title == "Council expands the city bus network"


def test_rail_of_undated_teasers_after_the_article_is_cut() -> None:
    rail = []
    for n, snippet in enumerate(TEASER_SNIPPETS * 2):
        rail += [
            f"KICKER {n}",
            f"Headline number {n} about the city",
            f"{(n * 7) % 13 + 1} likes example.com News",
            f"{snippet.split(',')[0]} in district {n}.",
        ]
    ex = extract_text(page("Council expands the city bus network", EN_PARAGRAPHS, "Subscribe", rail))
    for paragraph in EN_PARAGRAPHS:
        assert paragraph in ex.body
    assert "likes example.com" not in ex.body
    assert "KICKER 3" not in ex.body


def test_list_introduced_by_a_colon_is_kept() -> None:
    dates = [f"June {n} -- Example Arena, City {n}, ST" for n in range(1, 9)]
    text = page(
        "Band announces summer tour",
        EN_PARAGRAPHS,
        "The band's summer tour dates:",
        dates,
        "Share this article",
        "© 2024 Example Media",
    )
    body = extract_text(text).body
    for line in dates:
        assert line in body


def test_line_cache_gives_the_same_result_on_a_second_run() -> None:
    text = page(NAV, "Council expands the city bus network", "By Jane Doe", EN_PARAGRAPHS, "Share this article")
    first = [(b.kind, b.reason) for b in extract_text(text).blocks]
    assert [(b.kind, b.reason) for b in extract_text(text).blocks] == first


def test_required_literals_of_unindexed_patterns() -> None:
    from cleaners.rules.required import required_literals

    assert required_literals(r"\b(please )?(enable|turn on) javascript\b") == {" javascript"}
    assert required_literals(r"\((getty images|reuters)\)") == {"getty images", "reuters"}
    assert required_literals(r"\s[>›»]\s*$") == {">", "›", "»"}  # punctuation is rare enough to scan for
    assert required_literals(r"\b\d+ (of|de) \d+") is None


def test_dated_list_under_a_short_heading_is_kept_but_a_menu_is_not() -> None:
    dates = [f"June {n} – City {n}, ST @ Example Arena" for n in range(1, 9)]
    body = extract_text(
        page("Band announces summer tour", EN_PARAGRAPHS, "The Band Tour Dates", dates, "Share this article")
    ).body
    for line in dates:
        assert line in body
    menu = ["Local News", "Weather Forecast", "Sports Results", "Traffic Updates", "Business Pages", "Opinion Pieces"]
    body = extract_text(page("Band announces summer tour", EN_PARAGRAPHS, "More From Our Site", menu)).body
    assert "Weather Forecast" not in body


def test_headline_repeated_in_a_box_at_the_end_does_not_cut_the_article() -> None:
    title = "Council expands the city bus network"
    above = "Teaser about another story: the regional rail operator said it would add two more trains to the timetable."
    text = page(
        f"{title} - Example Herald",
        NAV,
        above,
        title,
        "November 19, 2019 at 9:45 am",
        EN_PARAGRAPHS,
        "2H ago",
        title,
        "A short teaser about the same story with a few words in it.",
    )
    body = extract_text(text).body
    for paragraph in EN_PARAGRAPHS:
        assert paragraph in body


def test_german_related_box_inside_the_article_is_related_content() -> None:
    links = ["Neue Straßenbahn fährt ab Juni zum Flughafen", "Parkgebühren in der Innenstadt steigen im Herbst"]
    text = page(
        ["Startseite", "Politik"],
        "Stadtrat baut das Busnetz aus",
        DE_PARAGRAPHS[:2],
        "Mehr zum Thema",
        links,
        DE_PARAGRAPHS[2:],
        "© 2024 Beispiel Medien",
    )
    body = extract_text(text).body
    for link in links:
        assert kinds_of(text, link) == ["related_content"]
    for paragraph in DE_PARAGRAPHS:
        assert paragraph in body


LONG_ARTICLE = EN_PARAGRAPHS + TEASER_SNIPPETS


def test_related_box_after_the_article_ends_it() -> None:
    links = ["Trams return to the airport", "Why the old bridge is closed again", "Ten parks to visit this summer"]
    snippet = (
        "The library in the old town will stay open until ten in the evening from next month, the "
        "council said, after a survey of students."
    )
    body = extract_text(
        page(NAV, "Council expands the city bus network", LONG_ARTICLE, "Read next", links, snippet)
    ).body
    for paragraph in LONG_ARTICLE:
        assert paragraph in body
    assert "Trams return" not in body and snippet not in body


def test_italian_numbered_items_with_a_link_line_between_them_are_kept() -> None:
    intro = (
        "Ecco allora le offerte per i nostalgici degli anni Ottanta che abbiamo scelto per voi, con i prezzi "
        "più bassi dell'anno e la consegna gratuita in tutta Italia."
    )
    items = [
        line
        for n in range(1, 13)
        for line in (f"{n}) Prodotto da collezione numero {n}", f"http://example.com/offerta-{n}")
    ]
    body = extract_text(
        page(
            "Le offerte da non perdere",
            ["Home", "Cinema", "Musica"],
            intro,
            items,
            "Lascia un commento",
            "© 2024 Esempio",
        )
    ).body
    for line in items[:-1]:  # the last item's own link line is not between two items
        assert line in body


def test_caption_carrying_its_own_credit_does_not_make_the_line_above_a_caption() -> None:
    short = "The mayor said that the first of the routes would open in May."
    caption = "Buses wait at the depot on Monday (Image: Getty)"
    text = page(NAV, EN_PARAGRAPHS[:2], short, caption, EN_PARAGRAPHS[2:])
    assert kinds_of(text, short) == ["content"]
    assert kinds_of(text, caption) == ["photo_caption"]


def test_signature_of_an_embedded_tweet_stays_with_the_tweet() -> None:
    tweet = "Four new bus routes will connect the northern suburbs with the hospital. pic.twitter.com/abc123"
    signature = "— City Council (@citycouncil) November 1, 2019"
    text = page(NAV, EN_PARAGRAPHS[:2], tweet, signature, EN_PARAGRAPHS[2:])
    assert kinds_of(text, signature) == ["content"]


PT_STANDINGS = ["Pos. Piloto Pontos Vitórias"] + [f"{n} Piloto Nome{n} {5000 - 40 * n} {n % 4}" for n in range(1, 16)]
PT_SIDEBAR = [
    "» Coluna do editor",
    "Clique na foto do editor e veja as colunas sobre Fórmula 1, MotoGP e outras que ele escreve para o nosso site!",
    "» Horários dos treinos",
    "Clique na imagem ao lado e veja todas as datas, locais e horários de todos os treinos e corridas da temporada.",
    "» Ranking dos pilotos",
    "Clique na imagem acima e veja como está o ranking dos pilotos nesta temporada e no geral do campeonato.",
]


def test_portuguese_comments_notice_ends_a_standings_page() -> None:
    text = page(
        "Classificação do campeonato | Exemplo",
        ["Início", "Notícias"],
        "Classificação do campeonato",
        "Nesta página você terá sempre a classificação atualizada até a última corrida!",
        PT_STANDINGS,
        "* O calendário é composto por 36 corridas.",
        "Comentários com ofensas não serão aprovados pelo moderador.",
        PT_SIDEBAR,
    )
    body = extract_text(text).body
    assert PT_STANDINGS[-1] in body
    assert "Clique na foto" not in body


def test_article_under_the_headline_wins_over_a_sidebar_past_the_comments() -> None:
    stages = [f"{n}a etapa: {n + 5} de maio – Circuito {n}" for n in range(1, 13)]
    text = page(
        "Calendário do campeonato 2018 | Exemplo",
        ["Início", "Notícias"],
        "Calendário do campeonato 2018",
        "segunda-feira, 22 de janeiro de 2018",
        stages,
        "www.exemplo.com.br",
        "Tags",
        "Comentários com ofensas não serão aprovados pelo moderador.",
        PT_SIDEBAR,
        "Aqui no nosso site você não perde nada e acompanha todas as corridas da temporada com a gente!",
    )
    body = extract_text(text).body
    for stage in stages:
        assert stage in body
    assert "Clique na foto" not in body


def test_french_long_run_of_names_then_an_appeal_ends_the_article() -> None:
    article = [f"{p} La mairie l'a confirmé le {day} novembre." for day in (3, 4, 5) for p in FR_PARAGRAPHS]
    names = [
        "Rédaction",
        "Marie Dupont",
        "Jean Martin",
        "Claire Petit",
        "Luc Bernard",
        "Sophie Moreau",
        "Paul Laurent",
        "Anne Simon",
        "Marc Michel",
        "Julie Lefebvre",
    ]
    appeal = [
        "Chaque mois, des milliers de lecteurs nous envoient leurs questions et leurs remarques, et nous lisons "
        "chacune de ces lettres avec la plus grande attention avant de choisir nos prochains sujets.",
        "Nos journalistes vérifient ensuite chaque affirmation auprès de plusieurs sources, ce qui prend du temps "
        "et demande beaucoup de travail à toute notre équipe de la rédaction.",
        "C'est pourquoi nous avons besoin de vous pour continuer à publier chaque jour des enquêtes sur la vie de "
        "la ville et de ses quartiers.",
        "Depuis sa création, notre journal a publié plus de trois mille articles sur les transports, le logement, "
        "les écoles et la culture dans toute la région.",
    ]
    body = extract_text(page(["Accueil", "Politique"], "Le réseau de bus s'agrandit", article, names, appeal)).body
    for paragraph in article:
        assert paragraph in body
    assert "Marie Dupont" not in body and appeal[0] not in body


def test_leave_a_reply_header_ends_the_article() -> None:
    policy = "Please be mindful of our community standards and keep your comments civil and on topic at all times."
    body = extract_text(page(NAV, EN_PARAGRAPHS, "Leave a Reply Cancel reply", policy, "Name *", "Email *")).body
    assert EN_PARAGRAPHS[-1] in body
    assert policy not in body


def test_a_sure_page_language_is_the_records_language_without_a_second_detection(monkeypatch) -> None:
    import cleaners.metadata.language as meta_language
    from cleaners.pipeline import clean_document
    from schemas import SourceDocument

    page = "\n".join(["Startseite", "Politik", *DE_PARAGRAPHS, "Impressum"])
    assert extract_text(page).meta.detected_language == "de"

    def no_second_detection(text: str) -> tuple[str | None, float]:
        raise AssertionError("the body was classified again")

    monkeypatch.setattr(meta_language, "detect_language", no_second_detection)
    record = clean_document(SourceDocument("page.txt", page.encode(), content_type="text")).record
    assert record is not None
    assert record.language == "de"
    assert record.metadata_sources["language"] == "py3langid:page-text"


def test_an_unsure_page_language_is_detected_again_from_the_body(monkeypatch) -> None:
    import cleaners.text.extract as text_extract
    from cleaners.pipeline import clean_document
    from schemas import SourceDocument

    monkeypatch.setattr(text_extract, "detect_language", lambda lines: ("ms", 0.52))  # e.g. Indonesian or Malay
    page = "\n".join(EN_PARAGRAPHS)
    assert extract_text(page).meta.detected_language is None
    record = clean_document(SourceDocument("page.txt", page.encode(), content_type="text")).record
    assert record is not None
    assert (record.language, record.metadata_sources["language"]) == ("en", "py3langid:body")
