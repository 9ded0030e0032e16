"""Orchestration: the Prefect flows (``ingest``, ``reclean``, ``maintain``, ``serve``), their artifacts and progress,
and the command line (``cli``). Cleaning is in ``cleaners``, storage in ``warehouse``."""
