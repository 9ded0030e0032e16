"""Where the benchmark corpora are: the folder given (the command line passes ``--bench-dir`` or
``NEWSDISTILL_BENCH``: a folder holding ``aeb/`` and ``wcxb/``), else ``../shared/bench`` beside the current directory
or beside the checkout, else (for AEB only) the copy the tests carry in ``tests/aeb``. Nothing is downloaded: a corpus
that is not there is reported with where it was looked for."""

from __future__ import annotations

from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[2]


class CorpusMissing(FileNotFoundError):
    """A benchmark corpus is not on this machine; the message says where it was looked for and what to do."""


def candidates(name: str, bench_dir: Path | None = None) -> list[Path]:
    roots = [bench_dir] if bench_dir else []
    roots += [Path.cwd().parent / "shared" / "bench", CHECKOUT.parent / "shared" / "bench"]
    found = [root / name for root in roots]
    if name == "aeb":
        found.append(CHECKOUT / "tests" / "aeb")
    return found


def corpus_dir(name: str, bench_dir: Path | None = None) -> Path:
    """The folder of corpus ``name`` (``aeb`` or ``wcxb``): the first candidate with a ground truth."""
    looked = candidates(name, bench_dir)
    for path in looked:
        if (path / "ground-truth.json").is_file():
            return path
    raise CorpusMissing(
        f"the {name} benchmark is not on this machine (looked in {', '.join(map(str, looked))}); "
        "pass --bench-dir or set NEWSDISTILL_BENCH to the folder that holds it"
    )
