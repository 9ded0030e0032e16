"""Pure cleaning: no Prefect, no DuckDB, no I/O beyond what it is handed.

Entry points: ``clean_document(doc) -> Article | Quarantined`` (``pipeline``) for one document, and
``clean_many(docs)`` (``parallel``) for a stream of them in bounded worker processes. Inside: ``read`` (inputs to
documents), ``html`` and ``text`` (the two extraction paths), ``metadata``, ``rules`` (the boilerplate lexicons, as
data), ``page_type`` and ``evaluation``. Both are loaded on first use, so importing a light part (``read``) does not
load the extractors.
"""

from typing import Any

__all__ = ["clean_document", "clean_many"]


def __getattr__(name: str) -> Any:
    if name == "clean_document":
        from cleaners.pipeline import clean_document

        return clean_document
    if name == "clean_many":
        from cleaners.parallel import clean_many

        return clean_many
    raise AttributeError(f"module 'cleaners' has no attribute {name!r}")
