"""The library API the CLI wraps. No Typer here."""

from __future__ import annotations

from dataclasses import replace

from actes.extraction import extract_paths, extract_submission
from actes.limits import DEFAULT_LIMITS, Limits
from actes.pipeline import RunReport, run

__all__ = ["RunReport", "extract_paths", "extract_submission", "limits_from_options", "run"]


def limits_from_options(*, max_file_mb: float | None = None, max_pages: int | None = None,
                        ocr_timeout: float | None = None, max_archive_mb: float | None = None,
                        max_xml_mb: float | None = None, base: Limits = DEFAULT_LIMITS) -> Limits:
    """The default limits, with the ones given on the command line replaced."""
    changes: dict = {}
    if max_archive_mb is not None:
        changes["max_archive_bytes"] = int(max_archive_mb * 1024 * 1024)
    if max_xml_mb is not None:
        changes["max_xml_bytes"] = int(max_xml_mb * 1024 * 1024)
    if max_file_mb is not None:
        changes["max_file_bytes"] = int(max_file_mb * 1024 * 1024)
    if max_pages is not None:
        changes["max_pages"] = max_pages
    if ocr_timeout is not None:
        changes["ocr_seconds_per_page"] = ocr_timeout
    return replace(base, **changes)
