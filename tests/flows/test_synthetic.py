"""The synthetic warehouse the bench times queries and the report on: what it holds adds up."""

from __future__ import annotations

from pathlib import Path

from flows.synthetic import PAGE_TYPES, fill_synthetic
from warehouse import Warehouse


def test_synthetic_warehouse_is_consistent(tmp_path: Path):
    with Warehouse(str(tmp_path / "wh")) as wh:
        counts = fill_synthetic(wh, 3000, sites=40, chunk=1000)  # three chunks
        assert counts["articles"] == 3000 and counts["quarantine"] == 60 and counts["ingest_runs"] == 540
        sites, undated, types = wh.query(
            "SELECT count(DISTINCT coalesce(site_name, domain)), count(*) FILTER (WHERE published_at IS NULL), "
            "list(DISTINCT page_type) FROM articles"
        ).fetchone()
        assert 30 <= sites <= 40 and 100 < undated < 320  # 7 % undated
        assert set(types) <= {name for name, _ in PAGE_TYPES}
        # every article's removed_* columns are the sums of its removed blocks
        mismatched = wh.query(
            "SELECT count(*) FROM articles a LEFT JOIN (SELECT article_id, count(*) AS n, sum(length(text)) AS c "
            "FROM removed_blocks GROUP BY 1) b USING (article_id) "
            "WHERE a.removed_blocks <> coalesce(b.n, 0) OR a.removed_chars <> coalesce(b.c, 0)"
        ).fetchone()[0]
        assert mismatched == 0 and counts["removed_blocks"] > 3000
        # the largest site holds many more articles than the smallest: a long tail, as in real crawls
        largest, smallest = wh.query(
            "SELECT max(n), min(n) FROM (SELECT count(*) AS n FROM articles GROUP BY domain)"
        ).fetchone()
        assert largest > 20 * smallest
