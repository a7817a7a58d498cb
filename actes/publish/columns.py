"""The published act row: one flat column per field, each with its description."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from actes.exporters.base import serialize
from actes.schemas.act import Act


def _month(act: Act) -> str | None:
    return act.date_decision.strftime("%Y-%m") if act.date_decision else None


# column → (how to read it from a published Act, description shown in Datasette)
ACT_COLUMNS: dict[str, tuple[Callable[[Act], Any], str]] = {
    "id": (lambda a: a.id, "Stable identifier: the @CTES ID when known, else file hash and position."),
    "nature": (lambda a: a.nature, "deliberation, arrete, decision, contrat, budget or autre."),
    "nature_actes": (lambda a: a.nature_actes, "@CTES nature code: DE, AR, AI, CC, BF, AU."),
    "collectivite_nom": (lambda a: a.collectivite.nom, "Name of the authority, as printed."),
    "collectivite_siren": (lambda a: a.collectivite.siren, "SIREN of the authority (9 digits)."),
    "collectivite_type": (lambda a: a.collectivite.type, "commune, epci, departement, region, syndicat…"),
    "collectivite_departement": (lambda a: a.collectivite.departement, "Code of the authority's département, e.g. 01, 2A, 974."),
    "numero": (lambda a: a.numero, "Number of the act as printed."),
    "date_decision": (lambda a: a.date_decision, "Session date (délibération) or signature date."),
    "mois": (_month, "Month of the decision, YYYY-MM."),
    "objet": (lambda a: a.objet, "Title of the act (pseudonymised)."),
    "matiere_code": (lambda a: a.matiere.code, "@CTES matière, e.g. 7.1."),
    "matiere_libelle": (lambda a: a.matiere.libelle, "Matière/sous-matière."),
    "vote_en_exercice": (lambda a: a.votes.en_exercice, "Members in office."),
    "vote_presents": (lambda a: a.votes.presents, "Members present."),
    "vote_representes": (lambda a: a.votes.representes, "Proxies."),
    "vote_votants": (lambda a: a.votes.votants, "Voters."),
    "vote_pour": (lambda a: a.votes.pour, "For."),
    "vote_contre": (lambda a: a.votes.contre, "Against."),
    "vote_abstentions": (lambda a: a.votes.abstentions, "Abstentions."),
    "vote_unanimite": (lambda a: a.votes.unanimite, "Unanimity stated."),
    "president": (lambda a: a.president, "Président de séance."),
    "secretaire_seance": (lambda a: a.secretaire_seance, "Secrétaire de séance."),
    "signataire": (lambda a: a.signataire.nom, "Signatory."),
    "signataire_qualite": (lambda a: a.signataire.qualite, "Signatory's title."),
    "date_convocation": (lambda a: a.date_convocation, "Date the council was convened."),
    "pref_id": (lambda a: a.transmission.pref_id, "@CTES act ID."),
    "date_envoi": (lambda a: a.transmission.date_envoi, "Sent to the préfecture."),
    "date_reception": (lambda a: a.transmission.date_reception, "Received by the préfecture."),
    "date_publication": (lambda a: a.transmission.date_publication, "Displayed or published."),
    "budget_annee": (lambda a: a.budget.annee, "Budget year."),
    "budget_nom": (lambda a: a.budget.nom, "Budget name."),
    "pages": (lambda a: ",".join(map(str, a.source.pages)), "Pages of the source file holding the act."),
    "source_sha256": (lambda a: a.source.sha256, "SHA-256 of the source file."),
    "texte": (lambda a: a.text, "Text of the act, pseudonymised; empty for individual acts (metadata only)."),
}


def act_row(act: Act) -> dict[str, Any]:
    row = {}
    for name, (getter, _) in ACT_COLUMNS.items():
        value = getter(act)
        row[name] = value if isinstance(value, (int, float)) and not isinstance(value, bool) else (
            serialize(value) if value is not None else None)
    return row
