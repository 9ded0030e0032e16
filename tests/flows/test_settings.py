"""flows.settings: the environment read in one place, flags over it, bad values named; the warehouse opened ahead."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaners.read import MAX_PAGE_BYTES
from flows.settings import BATCH_SIZE, DISTRIBUTED_BATCH_SIZE, SettingError, Settings, open_ahead, open_warehouse
from warehouse import WarehouseError


def test_defaults_then_environment_then_flags(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    plain = Settings.load({})
    assert plain.warehouse == str(tmp_path / "warehouse") and plain.jobs is None and plain.timeout == 60.0
    assert plain.batch_size_for("local") == BATCH_SIZE and plain.batch_size_for("dask") == DISTRIBUTED_BATCH_SIZE
    env = {
        "NEWSDISTILL_WAREHOUSE": "env-wh",
        "NEWSDISTILL_JOBS": "3",
        "NEWSDISTILL_TIMEOUT": "2.5",
        "NEWSDISTILL_CACHE": str(tmp_path / "c"),
        "NEWSDISTILL_BENCH": str(tmp_path / "b"),
        "NEWSDISTILL_MAX_PAGE_BYTES": "5000",
    }
    configured = Settings.load(env)
    assert (configured.warehouse, configured.jobs, configured.timeout) == (str(tmp_path / "env-wh"), 3, 2.5)
    assert configured.cache_dir == tmp_path / "c" and configured.bench_dir == tmp_path / "b"
    assert plain.max_page_bytes == MAX_PAGE_BYTES and configured.max_page_bytes == 5000
    assert Settings.load(env, max_page_bytes=10, timeout=1.5).max_page_bytes == 10
    flagged = Settings.load(env, warehouse="postgres:dbname=x", jobs=None, batch_size=7)
    assert (flagged.warehouse, flagged.jobs, flagged.batch_size_for("dask")) == ("postgres:dbname=x", 3, 7)


@pytest.mark.parametrize("value", ["many", "0", "-2"])
def test_a_bad_number_is_named(value: str) -> None:
    with pytest.raises(SettingError, match="NEWSDISTILL_JOBS"):
        Settings.load({"NEWSDISTILL_JOBS": value})


def test_an_unknown_flag_is_a_programming_error() -> None:
    with pytest.raises(TypeError):
        Settings.load({}, colour="blue")


def test_a_warehouse_opened_ahead_is_the_one_the_run_opens(tmp_path: Path) -> None:
    chosen = Settings.load(warehouse=str(tmp_path / "wh"))
    opening = open_ahead(chosen)
    ahead = opening.wait()
    with open_warehouse(chosen) as wh:
        assert wh is ahead  # taken once, with its tables made
        assert wh.query("SELECT count(*) FROM articles_latest").fetchone() == (0,)
    with open_warehouse(chosen) as again:
        assert again is not ahead  # later opens connect anew


def test_a_warehouse_that_cannot_be_opened_ahead_raises_once(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder")
    chosen = Settings.load(warehouse=str(tmp_path / "file" / "wh"))
    opening = open_ahead(chosen)
    with pytest.raises(WarehouseError, match="cannot create warehouse"):
        opening.wait()
    (tmp_path / "file").unlink()
    with open_warehouse(chosen) as wh:  # the earlier failure is not raised again
        wh.ensure_schema()
