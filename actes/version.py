"""Versions stamped on every act and package.

``EXTRACTOR_VERSION`` changes whenever extraction output may change: the catalog re-extracts
files that were processed by another extractor version. Retraining a shipped model
(``actes train``: actes/models/*.json) changes extraction too.
"""

__version__ = "0.1.0"
EXTRACTOR_VERSION = "2026.12.07-5"  # authority names checked against the national referential, matière level 1 by beta calibration, privacy decision and leak fixes retrained, item starts on 88 minutes (approvals merged only on the same meeting and date)
