"""Completeness: what the published data needs and the act lacks, and acts with no signatory.

SCDL Délibérations 2.1.5 requires COLL_NOM, COLL_SIRET, DELIB_ID, DELIB_DATE, DELIB_MATIERE_CODE
and DELIB_OBJET; every act, whatever its nature, needs at least an objet and a date. A number or
a SIREN the act's @CTES ID carries is not missing, even when the body was not read for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from actes.checks.catalogue import PROBLEMS
from actes.checks.context import CheckContext
from actes.reference.matieres import is_known
from actes.schemas.act import Act, Nature, NatureActes, ProblemRecord

EVERY_ACT = ("objet", "date_decision")
SCDL_DELIBERATIONS = ("collectivite.nom", "collectivite.siren", "numero", "date_decision", "matiere.code", "objet")

P_SIGNATURE = re.compile(
    # the signing officer's title above the signature: "Le Maire,", "La Présidente", "Le Vice-président"
    r"\b(?:L[ea]\s+(?:Maire|Pr[ée]sidente?|Vice[-\s]?pr[ée]sident(?:e)?|Adjointe?|Directeur|Directrice)\b"
    # "Pour le Maire et par délégation", "P/le Président"
    r"|Pour\s+l[ea]\s+(?:Maire|Pr[ée]sident)|P/\s?l[ea]\s+(?:Maire|Pr[ée]sident)"
    # electronic signatures and certified extracts: "Signé électroniquement", "Pour extrait conforme"
    r"|Sign[ée]\s+(?:[ée]lectroniquement|par)|Pour\s+extrait\s+(?:certifi[ée]\s+)?conforme|Certifi[ée]\s+ex[ée]cutoire"
    # "Fait à <commune>, le 3 mars 2023" closes the signature block
    r"|Fait\s+[àa]\s+\S+.{0,40}?\ble\b)",
    re.IGNORECASE,
)


def _get(act: Act, dotted: str):
    value = act
    for name in dotted.split("."):
        value = getattr(value, name)
    return value


def is_deliberation(act: Act) -> bool:
    return act.nature is Nature.deliberation or act.nature_actes is NatureActes.DE


def _in_ctes_id(act: Act, field: str) -> bool:
    """The act's @CTES ID carries its number and SIREN: the act does not lack them.

    Not its date: some TdTs date the ID on the day of sending (see ``actes.checks.identity``).
    """
    from actes.checks.identity import ctes_ids

    return field in ("numero", "collectivite.siren") and bool(ctes_ids(act))


def check_required(ctx: CheckContext) -> Iterator[ProblemRecord]:
    act = ctx.act
    if is_deliberation(act):
        fields, required_by = SCDL_DELIBERATIONS, "SCDL Délibérations 2.1.5"
    else:
        fields, required_by = EVERY_ACT, "every act"
    for field in fields:
        value = _get(act, field)
        if field == "matiere.code" and not is_known(value):
            value = None  # a level-1 code alone ("7") is not the level 2 SCDL requires
        if (value is None or (isinstance(value, str) and not value.strip())) and not _in_ctes_id(act, field):
            yield PROBLEMS["missing-field"].record(act, field, required_by=required_by)


def check_signatory(ctx: CheckContext) -> Iterator[ProblemRecord]:
    """Only with the act's text: without it we cannot tell a missing signature from an unread one."""
    act = ctx.act
    if act.signataire.nom or act.signataire.qualite or not ctx.text:
        return
    if P_SIGNATURE.search(ctx.text):
        return
    yield PROBLEMS["no-signatory"].record(act, "signataire")


CHECKS = {"completeness:required": check_required, "completeness:signatory": check_signatory}
