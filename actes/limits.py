"""Resource limits for untrusted input, with sane defaults a clerk can override."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 200 * 1024 * 1024
    max_pages: int = 2000
    max_page_points: float = 14400.0  # longest side of a page, in PDF points (200 inches)
    ocr_seconds_per_page: float = 60.0
    ocr_dpi: int = 300
    max_archive_bytes: int = 1024 * 1024 * 1024  # total decompressed size of one archive
    max_archive_members: int = 10_000
    max_archive_depth: int = 2  # an archive inside an archive is depth 2
    max_archive_ratio: float = 200.0  # decompressed / compressed size; zeros reach ~1000
    max_xml_bytes: int = 5 * 1024 * 1024
    max_text_chars: int = 20_000_000


DEFAULT_LIMITS = Limits()
