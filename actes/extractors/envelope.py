"""The @CTES envelope as Findings of the strongest source."""

from __future__ import annotations

from actes.extractors.patterns.ids import P_ID_STRICT
from actes.reference.matieres import libelle
from actes.schemas.act import NATURE_ACTES_BY_CODE
from actes.schemas.document import Envelope
from actes.schemas.provenance import Finding, SourceKind

NATURE_BY_ACTES = {"DE": "deliberation", "AR": "arrete", "AI": "arrete", "CC": "contrat", "BF": "budget", "AU": "autre"}


def envelope_findings(envelope: Envelope) -> list[Finding]:
    """Every value the formulaire (and ARActe) states, as envelope findings."""
    out: list[Finding] = []

    def add(field: str, value, extractor: str = "envelope") -> None:
        if value not in (None, ""):
            out.append(
                Finding(field=field, value=value, source=SourceKind.envelope, extractor=extractor,
                        confidence=1.0, snippet=f"{envelope.path}")
            )

    add("date_decision", envelope.date)
    add("numero", envelope.numero)
    add("objet", envelope.objet)
    nature_actes = NATURE_ACTES_BY_CODE.get(envelope.nature_code or "")
    add("nature_actes", nature_actes)
    if nature_actes:
        add("nature", NATURE_BY_ACTES[nature_actes])
    if envelope.matiere_codes:
        code = ".".join(envelope.matiere_codes[:2])
        add("matiere.code", code)
        # The label goes with the code: a weaker source must not pair its own label with it.
        add("matiere.libelle", libelle(code))
    add("transmission.pref_id", envelope.pref_id, "envelope:aracte" if envelope.date_reception else "envelope")
    add("transmission.date_reception", envelope.date_reception, "envelope:aracte")
    if envelope.pref_id and P_ID_STRICT.fullmatch(envelope.pref_id):
        add("collectivite.siren", envelope.pref_id.split("-")[1])
    return out
