"""deliberations.csv: SCDL Délibérations 2.1.5, exactly its 17 columns in order.

The mapping from Act to column is this one table; votes are written only when consistent.
"""

from __future__ import annotations

from typing import ClassVar

from actes.exporters.csv_base import CsvExporter
from actes.reference.matieres import is_known, scdl_nom
from actes.schemas.act import Act, Nature

SCDL_VERSION = "2.1.5"


def consistent_votes(act: Act) -> bool:
    """SCDL's rules on votes: REEL = POUR + CONTRE + ABSTENTION and EFFECTIF ≥ REEL, all filled."""
    v = act.votes
    counts = (v.en_exercice, v.votants, v.pour, v.contre, v.abstentions)
    if any(c is None for c in counts):
        return False
    return v.votants == v.pour + v.contre + v.abstentions and v.en_exercice >= v.votants


def _vote(attr: str):
    return lambda act: getattr(act.votes, attr) if consistent_votes(act) else None


def _budget(attr: str):
    return lambda act: getattr(act.budget, attr) if act.budget.annee and act.budget.nom else None


class ScdlDeliberationsExporter(CsvExporter):
    name: ClassVar[str] = "scdl"
    filename: ClassVar[str] = "deliberations.csv"
    columns = {
        "COLL_NOM": lambda act: act.collectivite.nom,
        "COLL_SIRET": lambda act: None,  # needs the collectivités referential (see actes.referential)
        "DELIB_ID": lambda act: act.numero,
        "DELIB_DATE": lambda act: act.date_decision,
        "DELIB_MATIERE_CODE": lambda act: act.matiere.code if is_known(act.matiere.code) else None,
        "DELIB_MATIERE_NOM": lambda act: scdl_nom(act.matiere.code),
        "DELIB_OBJET": lambda act: act.objet,
        "BUDGET_ANNEE": _budget("annee"),
        "BUDGET_NOM": _budget("nom"),
        "PREF_ID": lambda act: None,  # the préfecture's code (PREFNNN), not the act ID
        "PREF_DATE": lambda act: act.transmission.date_reception,
        "VOTE_EFFECTIF": _vote("en_exercice"),
        "VOTE_REEL": _vote("votants"),
        "VOTE_POUR": _vote("pour"),
        "VOTE_CONTRE": _vote("contre"),
        "VOTE_ABSTENTION": _vote("abstentions"),
        "DELIB_URL": lambda act: None,
    }

    def accepts(self, act: Act) -> bool:
        return act.nature is Nature.deliberation
