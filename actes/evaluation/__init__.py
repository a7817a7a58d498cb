"""Extraction quality, measured on labelled files: per-field precision, recall, F1.

``evaluate(labels_path, data_dir)`` is the library entry point; ``actes evaluate`` wraps it.
"""

from actes.evaluation.fields import LABEL_FIELDS, LabelField
from actes.evaluation.labels import Label, LabelsError, read_labels
from actes.evaluation.matching import OBJET_THRESHOLD, values_match
from actes.evaluation.metrics import FieldScore, micro
from actes.evaluation.runner import EvaluationReport, evaluate, pick_act

__all__ = [
    "LABEL_FIELDS", "OBJET_THRESHOLD", "EvaluationReport", "FieldScore", "Label", "LabelField", "LabelsError",
    "evaluate", "micro", "pick_act", "read_labels", "values_match",
]
