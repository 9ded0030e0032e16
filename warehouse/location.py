"""Where a warehouse is: a folder (SQLite catalog ``catalog.sqlite`` + Parquet under ``data/``), or
``postgres:<libpq string>`` with a data path (a PostgreSQL catalog that many hosts share)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class WarehouseError(RuntimeError):
    """The warehouse could not be reached or used; the message names it and the cause."""


@dataclass(frozen=True)
class Location:
    catalog: str  # the string after "ducklake:"
    data_path: str
    lock_file: Path | None  # local file lock serializing writers (SQLite catalogs)
    display: str
    pg_dsn: str | None = None  # libpq string of a PostgreSQL catalog
    metadata_schema: str = "main"  # PostgreSQL schema holding the catalog tables

    @classmethod
    def parse(cls, location: str, data_path: str | None = None) -> Location:
        if location.startswith("postgres:"):
            return cls._parse_postgres(location, data_path)
        root = Path(location).expanduser().resolve()
        return cls(f"sqlite:{root / 'catalog.sqlite'}", str(root / "data") + "/", root / ".write.lock", str(root))

    @classmethod
    def _parse_postgres(cls, location: str, data_path: str | None) -> Location:
        """``postgres:<libpq keywords> [schema=NAME] [data_path=DIR_OR_URL]``."""
        words = location.removeprefix("postgres:").split()
        options = dict(w.split("=", 1) for w in words if w.split("=", 1)[0] in ("schema", "data_path"))
        dsn = " ".join(w for w in words if w.split("=", 1)[0] not in ("schema", "data_path"))
        data = data_path or options.get("data_path")
        if not data:
            raise WarehouseError(
                f"warehouse {location!r}: a PostgreSQL catalog needs a data path for the Parquet files; "
                "add data_path=DIR_OR_URL to the location, pass --data-path or set NEWSDISTILL_DATA_PATH"
            )
        schema = options.get("schema", "main")
        return cls(f"postgres:{dsn}", data.rstrip("/") + "/", None, f"postgres:{dsn} schema={schema}", dsn, schema)

    @property
    def is_local(self) -> bool:
        return self.lock_file is not None
