"""The HTML path. Entry point: ``extract_html(html, url, tree=None)`` (``extract``): trafilatura's kept blocks
matched back into the page's DOM (``blocks``), each classified as content or boilerplate (``classify``), plus the
page's raw metadata (``metadata``, ``trafilatura_metadata``). ``load_tree`` parses a page once for every step."""

from cleaners.html.extract import extract_html, load_tree

__all__ = ["extract_html", "load_tree"]
