"""Versions stamped on every act and package.

``EXTRACTOR_VERSION`` changes whenever extraction output may change: the catalog re-extracts
files that were processed by another extractor version. Retraining a shipped model
(``actes train``: actes/models/*.json) changes extraction too.
"""

__version__ = "0.1.0"
EXTRACTOR_VERSION = "2026.12.07-3"  # block features in the field scorer, learned item starts and privacy decision, one privacy decision per séance, points take the séance's authority, matière model calibrated by authority
