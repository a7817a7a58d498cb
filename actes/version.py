"""Versions stamped on every act and package.

``EXTRACTOR_VERSION`` changes whenever extraction output may change: the catalog re-extracts
files that were processed by another extractor version.
"""

__version__ = "0.1.0"
EXTRACTOR_VERSION = "2026.11.26-1"
