"""Measuring the cleaners on benchmarks: metrics (``metrics``), the benchmark corpora and the runners that score
the cleaners beside baselines (``aeb``, ``wcxb``), metadata quality (``metadata``: what counts as right;
``metadata_runs``: the runs on WCXB and AEB). Entry point: ``run_aeb``."""

from cleaners.evaluation.aeb import run_aeb

__all__ = ["run_aeb"]
