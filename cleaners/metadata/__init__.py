"""Metadata normalization for both paths. Entry point: ``normalize_metadata(raw, body, ...)`` (``normalize``):
titles, authors, dates (one vocabulary of month and weekday names: ``months``), URLs and domain, language,
reading time."""

from cleaners.metadata.normalize import normalize_metadata

__all__ = ["normalize_metadata"]
