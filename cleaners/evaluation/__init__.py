"""Measuring the cleaners on benchmarks: metrics (``metrics``), the benchmark corpora and the runners that score
the cleaners beside baselines (``aeb``, ``wcxb``), metadata quality (``metadata``: what counts as right;
``metadata_runs``: the runs on WCXB and AEB). Entry point: ``run_aeb``."""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cleaners.evaluation.aeb import run_aeb

__all__ = ["run_aeb"]


def __getattr__(name: str) -> Any:
    """``run_aeb`` loads on first use: importing a light module of this package (``corpora``) stays light."""
    if name == "run_aeb":
        from cleaners.evaluation.aeb import run_aeb

        return run_aeb
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
