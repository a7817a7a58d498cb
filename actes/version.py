"""Versions stamped on every act and package.

``EXTRACTOR_VERSION`` changes whenever extraction output may change: the catalog re-extracts
files that were processed by another extractor version. Retraining a shipped model
(``actes train``: actes/models/*.json) changes extraction too.
"""

__version__ = "0.1.0"
EXTRACTOR_VERSION = "2026.12.07-4"  # retrained privacy decision (attendance tables, guests, rapporteurs), matière calibrated by Platt with a 0.80 threshold, item starts for flattened minutes, printed names resolved by their longest unique prefix, points dated by their minutes' head
