"""The record contract: typed records and outcomes (``records``), and a pyarrow schema for every warehouse table
(``tables``) with its version. Both the cleaners and the warehouse build on it; it imports neither."""

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
