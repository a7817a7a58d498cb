"""Versions stamped on every act and package.

``EXTRACTOR_VERSION`` changes whenever extraction output may change: the catalog re-extracts
files that were processed by another extractor version. Retraining a shipped model
(``actes train``: actes/models/*.json) changes extraction too.
"""

__version__ = "0.1.0"
EXTRACTOR_VERSION = "2026.12.07-6"  # the authority's name ranked by whose council the head names, calibrated on its margin; month-year decision dates, date thresholds at the calibrated optimum; matière seen-authority calibration on half a year; privacy fixes (parties with weak evidence held, rapporteur tables bounded); minutes outcome rules
