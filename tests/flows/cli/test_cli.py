"""The newsdistill command line, driven as a user would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows.cli import app

runner = CliRunner()


def test_clean_prints_one_json_record_per_input(seeds_copy: Path):
    (seeds_copy / "empty.txt").write_bytes(b"")
    result = runner.invoke(app, ["clean", str(seeds_copy), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 3
    articles = [r for r in records if "quarantine" not in r]
    for record in articles:
        for key in ("source", "title", "body", "authors", "published_at", "site_name", "section", "language"):
            assert key in record
        assert all({"kind", "text"} <= set(block) for block in record["removed"])
    (quarantined,) = [r for r in records if "quarantine" in r]
    assert quarantined["quarantine"]["reason"] == "empty"


def test_clean_reads_gzip_and_writes_a_file(seeds_copy: Path, tmp_path: Path):
    import gzip

    seed = sorted(seeds_copy.glob("*.txt"))[0]
    packed = tmp_path / "page.txt.gz"
    packed.write_bytes(gzip.compress(seed.read_bytes()))
    target = tmp_path / "out.json"
    result = runner.invoke(app, ["clean", str(packed), "--format", "json", "-o", str(target), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    (record,) = json.loads(target.read_text())
    assert record["source"] == str(packed) and record["body"]


def test_clean_quarantines_pages_over_the_cap_given_by_flag_or_environment(seeds_copy: Path, monkeypatch):
    result = runner.invoke(app, ["clean", str(seeds_copy), "--max-page-bytes", "100", "--jobs", "2"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["quarantine"]["reason"] for r in lines] == ["too_large", "too_large"]
    assert "100-byte cap" in lines[0]["quarantine"]["detail"] and "--max-page-bytes" in lines[0]["quarantine"]["detail"]
    monkeypatch.setenv("NEWSDISTILL_MAX_PAGE_BYTES", "100")
    from_env = runner.invoke(app, ["clean", str(seeds_copy), "--jobs", "1"])
    assert [json.loads(line)["quarantine"]["reason"] for line in from_env.stdout.splitlines()] == ["too_large"] * 2
    flag_wins = runner.invoke(app, ["clean", str(seeds_copy), "--jobs", "1", "--max-page-bytes", "10000000"])
    assert all("quarantine" not in json.loads(line) for line in flag_wins.stdout.splitlines())


def test_clean_names_a_missing_path():
    result = runner.invoke(app, ["clean", "no/such/place"])
    assert result.exit_code == 2
    assert "no such file or folder: no/such/place" in result.output


def test_query_without_a_warehouse_says_what_to_do(tmp_path: Path):
    result = runner.invoke(app, ["query", "SELECT 1", "--warehouse", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert "run `newsdistill ingest PATH` first" in result.output


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_harness")
def test_ingest_then_query_as_csv_and_json(seeds_copy: Path, warehouse_dir: Path):
    result = runner.invoke(app, ["ingest", str(seeds_copy), "--warehouse", str(warehouse_dir)])
    assert result.exit_code == 0, result.output
    assert "ingested" in result.output
    csv_out = runner.invoke(app, ["query", "SELECT count(*) AS n FROM articles", "-f", "csv", "-w", str(warehouse_dir)])
    assert csv_out.stdout.splitlines() == ["n", "2"]
    json_out = runner.invoke(
        app, ["query", "SELECT source FROM raw_documents ORDER BY source", "-f", "json", "-w", str(warehouse_dir)]
    )
    assert [r["source"] for r in json.loads(json_out.stdout)] == sorted(str(p) for p in seeds_copy.iterdir())
    bad = runner.invoke(app, ["query", "SELECT * FROM nowhere", "-w", str(warehouse_dir)])
    assert bad.exit_code == 2 and "query failed" in bad.output


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_harness")
def test_ingest_verbose_logs_every_document_decision(seeds_copy: Path, warehouse_dir: Path, caplog):
    (seeds_copy / "empty.txt").write_bytes(b"")
    with caplog.at_level("INFO"):
        result = runner.invoke(app, ["ingest", str(seeds_copy), "-w", str(warehouse_dir), "--verbose"])
    assert result.exit_code == 0, result.output
    decisions = [r.getMessage() for r in caplog.records if r.getMessage().startswith("  ")]
    assert len(decisions) == 3
    assert any("empty.txt: quarantined (empty)" in line for line in decisions)
    assert sum(": ingested (article " in line for line in decisions) == 2


def _commands(group=None, path=()):
    """Every command of the app, with its path (('eval', 'aeb'), ...)."""
    import typer.main

    group = group or typer.main.get_command(app)
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            yield from _commands(command, (*path, name))
        else:
            yield (*path, name), command


COMMANDS = dict(_commands())


@pytest.mark.parametrize("path", sorted(COMMANDS), ids=" ".join)
def test_every_command_has_verbose_and_helpful_options(path: tuple[str, ...]):
    command = COMMANDS[path]
    options = [p for p in command.params if p.param_type_name == "option"]
    assert "--verbose" in {name for p in options for name in p.opts}
    assert command.help, "a command says what it does"
    for option in options:
        assert option.help, f"{option.opts} has no help text"
        # help is Rich markup: an unescaped "[default: ...]" would be taken as a tag and vanish from the screen
        assert "[default:" not in option.help.replace("\\[default:", ""), f"{option.opts}: escape the [ as \\["
        if option.is_bool_flag or isinstance(option.default, bool):
            assert option.is_flag and not option.secondary_opts, f"{option.opts} is not a plain flag"
            assert option.metavar == "", f"{option.opts}: the help would show a value (<bool>) for a flag"
    for argument in (p for p in command.params if p.param_type_name == "argument"):
        assert getattr(argument, "help", None), f"argument {argument.name} has no help text"


def test_version_and_short_help(capsys):
    from flows.cli import main

    for args, expected in (
        (["--version"], "newsdistill "),
        (["-h"], "Usage: newsdistill"),
        (["clean", "-h"], "--format"),
    ):
        with pytest.raises(SystemExit) as exit_info:
            main(args)
        assert exit_info.value.code == 0
        assert expected in capsys.readouterr().out


def test_clean_reads_standard_input_and_writes_one_file_per_input(seeds_copy: Path, tmp_path: Path):
    seed = sorted(seeds_copy.iterdir())[0]
    piped = runner.invoke(app, ["clean", "-", "--jobs", "1"], input=seed.read_bytes())
    assert piped.exit_code == 0, piped.output
    (record,) = [json.loads(line) for line in piped.stdout.splitlines()]
    assert record["source"] == "-" and record["body"]
    folder = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(seeds_copy), "-o", f"{folder}/", "-f", "markdown", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.stem + ".md" for p in seeds_copy.iterdir())
    assert (folder / f"{seed.stem}.md").read_text().startswith(f"# {record['title']}\n\n{record['body'][:40]}")


@pytest.mark.parametrize(
    ("fmt", "check"),
    [
        ("jsonl", lambda text: len([json.loads(line) for line in text.splitlines()]) == 2),
        ("json", lambda text: len(json.loads(text)) == 2),
        ("text", lambda text: text.count("\n# ") + text.startswith("# ") == 2),
        ("markdown", lambda text: text.count("\n# ") + text.startswith("# ") == 2),
        ("csv", lambda text: len(list(__import__("csv").DictReader(__import__("io").StringIO(text)))) == 2),
    ],
)
def test_clean_output_formats(fmt: str, check, seeds_copy: Path):
    result = runner.invoke(app, ["clean", str(seeds_copy), "--format", fmt, "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert check(result.stdout), result.stdout[:500]


def test_tables_on_a_pipe_are_tab_separated(tmp_path: Path):
    from warehouse.store import Warehouse

    with Warehouse(str(tmp_path / "wh")) as wh:
        wh.ensure_schema()
    result = runner.invoke(app, ["query", "SELECT 1 AS a, 'x y' AS b; SELECT 2 AS c", "-w", str(tmp_path / "wh")])
    assert result.exit_code == 0, result.output
    assert result.stdout == "a\tb\n1\tx y\n\nc\n2\n"  # each statement's result, in order


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_harness")
def test_a_deleted_table_comes_back_by_restore_or_forced_ingest(seeds_copy: Path, warehouse_dir: Path):
    """The mistake from the field: `DELETE FROM articles` succeeded and re-ingesting never brought them back."""
    wh = ["-w", str(warehouse_dir)]

    def latest() -> str:
        return runner.invoke(app, ["query", "SELECT count(*) AS n FROM articles_latest", *wh]).stdout.split()[-1]

    assert runner.invoke(app, ["ingest", str(seeds_copy), *wh]).exit_code == 0
    refused = runner.invoke(app, ["query", "DELETE FROM articles", *wh])
    assert refused.exit_code == 2 and "--write" in refused.output and latest() == "2"
    snapshot = runner.invoke(app, ["query", "SELECT max(snapshot_id) FROM ducklake_snapshots('wh')", *wh]).stdout
    assert runner.invoke(app, ["query", "--write", "DELETE FROM articles; DROP VIEW stories", *wh]).exit_code == 0
    again = runner.invoke(app, ["ingest", str(seeds_copy), *wh])
    assert again.stdout.splitlines()[-1] == "2\t0\t2\t0\t0" and latest() == "0"  # unchanged: the ledger knows them
    listed = runner.invoke(app, ["restore", *wh])
    assert "tables deleted from articles" in listed.stdout
    restored = runner.invoke(app, ["restore", "--snapshot", snapshot.split()[-1], *wh])
    assert restored.exit_code == 0, restored.output
    assert latest() == "2" and runner.invoke(app, ["stories", *wh]).exit_code == 0
    assert runner.invoke(app, ["query", "--write", "DELETE FROM articles", *wh]).exit_code == 0
    forced = runner.invoke(app, ["ingest", "--force", str(seeds_copy), *wh])
    assert forced.stdout.splitlines()[-1] == "2\t2\t0\t0\t0" and latest() == "2"
    assert runner.invoke(app, ["query", "SELECT count(*) FROM raw_documents", *wh]).stdout.split()[-1] == "2"
