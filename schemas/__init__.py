"""The record contract: typed records and outcomes (``records``), and a pyarrow schema for every warehouse table
(``tables``) with its version. Both the cleaners and the warehouse build on it; it imports neither."""

from typing import TYPE_CHECKING, Any

from schemas.records import (
    RECORD_FIELDS,
    Article,
    ArticleRecord,
    Outcome,
    Quarantined,
    Reason,
    RemovedBlock,
    Seen,
    SourceDocument,
)

if TYPE_CHECKING:
    from schemas.tables import SCHEMA_VERSION, TABLES, validate

__all__ = [
    "RECORD_FIELDS",
    "SCHEMA_VERSION",
    "TABLES",
    "Article",
    "ArticleRecord",
    "Outcome",
    "Quarantined",
    "Reason",
    "RemovedBlock",
    "Seen",
    "SourceDocument",
    "validate",
]


def __getattr__(name: str) -> Any:
    """The table schemas load on first use: they need pyarrow (a few hundred ms), which cleaning does not."""
    if name in ("SCHEMA_VERSION", "TABLES", "validate"):
        from schemas import tables

        return getattr(tables, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
