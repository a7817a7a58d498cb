"""Learned choice among extraction candidates: generators propose, a calibrated model decides.

Rules (``actes.extractors``) and a few generic generators propose every plausible value of a
field; ``candidates`` merges them per value and describes each with generic features (which
generators proposed it, the words around it, where it sits, how it relates to the other
candidates); ``model`` holds one small linear scorer per field kind with a calibration table and
an abstention threshold per field; ``choose`` applies it inside extraction; ``training`` fits it
from labelled acts (``actes train``). No feature names an authority or a file.
"""

from actes.learning.candidates import LEARNED_FIELDS, Candidate, gather
from actes.learning.model import ScorerModel, load_default_model

__all__ = ["LEARNED_FIELDS", "Candidate", "ScorerModel", "gather", "load_default_model"]
