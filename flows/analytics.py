"""Analytics over landed articles: derived tables, full-text index, search, stories, export."""

from __future__ import annotations

from flows.warehouse import Warehouse


def refresh_analytics(wh: Warehouse) -> None:
    """Called by the ingest flow after all batches landed: refresh derived tables and indexes."""
