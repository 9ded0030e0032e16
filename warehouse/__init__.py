"""The DuckLake warehouse: where it is (``location``), the connection with its write lock and retries (``store``),
landing outcomes as rows (``landing``), analytics and full-text search (``analytics``, ``similarity``), upkeep
(``maintenance``), the HTML report (``report``) and the views (``views.sql``, package data).

Entry point: ``Warehouse(location)``. The generated catalog and Parquet data of the default warehouse live in this
folder too (git-ignored)."""

from warehouse.location import WarehouseError
from warehouse.retries import with_retries
from warehouse.store import Warehouse

__all__ = ["Warehouse", "WarehouseError", "with_retries"]
