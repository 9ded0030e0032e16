"""The plain-text path. Entry point: ``extract_text(text, url)`` (``extract``): every line gets features
(``features``, ``patterns``, ``language``) and a score, the article is the best run of lines (``span``), refined by
page structure (``structure``, ``lists``), and the header zone above it gives title, byline and date (``header``)."""

from cleaners.text.extract import extract_text

__all__ = ["extract_text"]
