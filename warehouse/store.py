"""The connection to a DuckLake warehouse: attach the catalog (``location``), create the tables from ``schemas``
and the views, land batches atomically under the write lock (``locks``), query."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext, suppress
from functools import cache
from pathlib import Path

import duckdb
import duckdb_extensions
import pyarrow as pa

from schemas import SCHEMA_VERSION, TABLES
from schemas.tables import MIGRATIONS
from warehouse.location import Location, WarehouseError
from warehouse.locks import use_wal, write_lock

VIEWS_SQL = Path(__file__).resolve().parent / "views.sql"  # package data: installed with the package
DEFAULT_CACHE_DIR = Path("~/.cache/newsdistill").expanduser()  # local files of a PostgreSQL warehouse
ALIAS = "wh"
READING_STATEMENTS = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN}


class ReadOnlyError(WarehouseError):
    """A statement that writes was given where only reading is allowed."""


def quoted(path: Path | str) -> str:
    """A path inside a single-quoted SQL string literal."""
    return str(path).replace("'", "''")


def load_extensions(con: duckdb.DuckDBPyConnection, *names: str) -> None:
    """Load extensions from the offline wheels (never from the network)."""
    for name in names:
        duckdb_extensions.import_extension(name, con=con)


@cache
def schema_digest() -> str:
    """What this code's tables and views are: a warehouse storing another digest gets them (re)created."""
    ddl = [str(SCHEMA_VERSION), *(create_table_sql(name, schema) for name, schema in TABLES.items())]
    return hashlib.sha256("\n".join([*ddl, VIEWS_SQL.read_text(encoding="utf-8")]).encode()).hexdigest()


@cache
def view_names() -> set[str]:
    return set(re.findall(r"CREATE OR REPLACE VIEW (\w+)", VIEWS_SQL.read_text(encoding="utf-8")))


def _duck_type(field: pa.Field) -> str:
    t = field.type
    if pa.types.is_list(t):
        return _duck_type(pa.field("x", t.value_type)) + "[]"
    if pa.types.is_timestamp(t):
        return "TIMESTAMPTZ" if t.tz else "TIMESTAMP"
    return {
        pa.string(): "VARCHAR",
        pa.int32(): "INTEGER",
        pa.int64(): "BIGINT",
        pa.float64(): "DOUBLE",
        pa.bool_(): "BOOLEAN",
        pa.binary(): "BLOB",
    }[t]


def create_table_sql(name: str, schema: pa.Schema) -> str:
    cols = ", ".join(f'"{f.name}" {_duck_type(f)}{"" if f.nullable else " NOT NULL"}' for f in schema)
    return f"CREATE TABLE IF NOT EXISTS {name} ({cols})"


class Warehouse:
    """One connection to a DuckLake warehouse. Use as a context manager."""

    def __init__(
        self, location: str, data_path: str | None = None, read_only: bool = False, cache_dir: Path = DEFAULT_CACHE_DIR
    ):
        self.location = Location.parse(location, data_path)
        self.read_only = read_only
        self.cache_dir = cache_dir  # where a PostgreSQL warehouse keeps its local files (the search index)
        self.con = self._connect()

    def _connect(self) -> duckdb.DuckDBPyConnection:
        loc = self.location
        if loc.is_local:
            try:
                Path(loc.data_path).mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise WarehouseError(
                    f"cannot create warehouse {loc.display}: {exc}; choose a writable folder "
                    "with --warehouse or NEWSDISTILL_WAREHOUSE"
                ) from exc
        con = duckdb.connect()
        load_extensions(con, "ducklake", "sqlite" if loc.is_local else "postgres")
        # Inlining off: every insert lands as Parquet, readable by read_parquet directly.
        options = f"DATA_PATH '{loc.data_path}', DATA_INLINING_ROW_LIMIT 0"
        if loc.is_local:  # a folder's data is always its data/: the folder may have been moved or copied
            options += ", OVERRIDE_DATA_PATH true"
        if loc.pg_dsn:
            options += f", METADATA_SCHEMA '{loc.metadata_schema}'"
        if self.read_only:
            options += ", READ_ONLY"
        try:
            # first ATTACH creates the catalog: two processes doing it at once would collide
            with nullcontext() if self.read_only else self.write_lock():
                if loc.is_local and not self.read_only:
                    use_wal(loc.catalog.removeprefix("sqlite:"))
                con.execute(f"ATTACH 'ducklake:{loc.catalog}' AS {ALIAS} ({options})")
            con.execute(f"USE {ALIAS}")
        except duckdb.Error as exc:
            con.close()
            raise WarehouseError(
                f"cannot open warehouse {loc.display}: {exc}. Check the path or connection string and that "
                "the catalog server is running."
            ) from exc
        return con

    def sibling(self) -> Warehouse:
        """Another connection to this same open warehouse, for a second thread: one DuckDB connection must
        not be used by two threads at once. Close it before this one."""
        other = object.__new__(Warehouse)
        other.location, other.read_only, other.cache_dir = self.location, self.read_only, self.cache_dir
        other.con = self.con.cursor()
        other.con.execute(f"USE {ALIAS}")
        return other

    def __enter__(self) -> Warehouse:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    @contextmanager
    def write_lock(self) -> Iterator[None]:
        """Serialize writers: a file lock for a local catalog, a PostgreSQL advisory lock across hosts.

        Landing decides what is new and inserts it under this lock, so concurrent runs never double a record.
        """
        with write_lock(self.location):
            yield

    def ensure_schema(self, locked: bool = False) -> None:
        """Create what is missing (tables, views); ``locked``: the caller holds the write lock already.

        A warehouse already made by this code (its stored schema digest is ours and every table and view exists) is
        left alone: one read per run. Otherwise everything is made in ONE transaction, one catalog commit instead of
        one per CREATE (about twenty: two seconds of a new warehouse's first run, a tenth of that in one)."""
        if self._schema_current():
            return
        with nullcontext() if locked else self.write_lock(), self.transaction():
            self.con.execute("CREATE TABLE IF NOT EXISTS warehouse_info (key VARCHAR, value VARCHAR)")
            row = self.con.execute("SELECT value FROM warehouse_info WHERE key = 'schema_version'").fetchone()
            if row is None:
                self.con.execute("INSERT INTO warehouse_info VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
            elif int(row[0]) > SCHEMA_VERSION:
                raise WarehouseError(
                    f"warehouse {self.location.display} has schema v{row[0]}, newer than the v{SCHEMA_VERSION} this "
                    "newsdistill writes; upgrade newsdistill or use another warehouse"
                )
            for name, schema in TABLES.items():
                self.con.execute(create_table_sql(name, schema))
            if row is not None and int(row[0]) < SCHEMA_VERSION:
                self._migrate(int(row[0]))
            self.apply_views()
            self.con.execute("DELETE FROM warehouse_info WHERE key = 'schema_digest'")
            self.con.execute("INSERT INTO warehouse_info VALUES ('schema_digest', ?)", [schema_digest()])

    def _schema_current(self) -> bool:
        try:
            info = dict(self.con.execute("SELECT key, value FROM warehouse_info").fetchall())
        except duckdb.CatalogException:
            return False  # a new warehouse
        if info.get("schema_digest") != schema_digest() or info.get("schema_version") != str(SCHEMA_VERSION):
            return False
        present = self.con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_catalog = ?", [ALIAS]
        ).fetchall()
        return set(TABLES) | view_names() <= {name for (name,) in present}

    def _migrate(self, version: int) -> None:
        """Bring a warehouse of an older schema version up to this one (inside ``ensure_schema``'s transaction)."""
        for step in range(version + 1, SCHEMA_VERSION + 1):
            for statement in MIGRATIONS.get(step, []):
                self.con.execute(statement)
        self.con.execute("UPDATE warehouse_info SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION)])

    def apply_views(self) -> None:
        self.con.execute(VIEWS_SQL.read_text(encoding="utf-8"))

    def query(self, sql: str, params: list | None = None) -> duckdb.DuckDBPyRelation | None:
        return self.con.execute(sql, params or [])

    def statements(self, sql: str, write: bool = False) -> list[duckdb.Statement]:
        """The statements of a user's SQL text; unless ``write``, only ones that read (SELECT, EXPLAIN): a DELETE,
        DROP, COPY or ATTACH is refused before anything runs."""
        found = self.con.extract_statements(sql)
        if not found:
            raise WarehouseError("no SQL statement given (the text is empty or only comments)")
        if not write:
            for statement in found:
                if statement.type not in READING_STATEMENTS:
                    kind = statement.type.name.replace("_", " ")
                    raise ReadOnlyError(
                        f"{kind} changes the warehouse or files, and queries are read-only; pass "
                        "--write to allow it (`newsdistill restore` can undo a change)"
                    )
        return found

    def _lookup(self, column: str, keys: list[str], sql: str) -> list[tuple]:
        """Run ``sql`` joined against the keys, registered as table ``_probe`` with one ``column``."""
        if not keys:
            return []
        self.con.register("_probe", pa.table({column: keys}))
        try:
            return self.con.execute(sql).fetchall()
        finally:
            self.con.unregister("_probe")

    def known_doc_ids(self, doc_ids: list[str]) -> dict[str, str]:
        """doc_id -> source, for those already recorded in raw_documents."""
        sql = "SELECT r.doc_id, any_value(r.source) FROM raw_documents r JOIN _probe USING (doc_id) GROUP BY 1"
        return dict(self._lookup("doc_id", doc_ids, sql))

    def latest_versions(self, article_ids: list[str]) -> dict[str, tuple[int, str]]:
        """article_id -> (latest version, its content_hash)."""
        sql = (
            "SELECT a.article_id, max(a.version), arg_max(a.content_hash, a.version) "
            "FROM articles a JOIN _probe USING (article_id) GROUP BY 1"
        )
        return {aid: (version, chash) for aid, version, chash in self._lookup("article_id", article_ids, sql)}

    def append(self, tables: dict[str, pa.Table]) -> None:
        """Insert several tables in ONE transaction: all land or none."""
        with self.transaction():
            for name, table in tables.items():
                if table.num_rows == 0:
                    continue
                self.con.register("_batch", table)
                self.con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM _batch")
                self.con.unregister("_batch")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """BEGIN, then COMMIT, or ROLLBACK on an error. A COMMIT that failed (e.g. the catalog was locked) may
        have ended the transaction already: the error re-raised, which decides a retry, is the original one."""
        self.con.execute("BEGIN")
        try:
            yield
            self.con.execute("COMMIT")
        except Exception:
            with suppress(duckdb.Error):
                self.con.execute("ROLLBACK")
            raise
