"""Measuring the cleaners on benchmarks: metrics (``metrics``), the benchmark corpora and the runners that score
the cleaners beside baselines (``aeb``), metadata coverage (``metadata``). Entry point: ``run_aeb``."""

from cleaners.evaluation.aeb import run_aeb

__all__ = ["run_aeb"]
