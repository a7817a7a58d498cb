"""The library API the CLI wraps. No Typer here."""

from __future__ import annotations

from actes.extraction import extract_paths, extract_submission
from actes.pipeline import RunReport, run

__all__ = ["RunReport", "extract_paths", "extract_submission", "run"]
