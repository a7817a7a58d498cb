"""Label keys (the flat format of ``labels.jsonl``) → Act fields, and how each is compared."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

INFERRED_SOURCES = ("nlp", "referential")  # values inferred, not read: not scored against read-only labels


@dataclass(frozen=True)
class LabelField:
    key: str  # label key, e.g. "date_envoi_prefecture"
    path: str  # dotted Act path, e.g. "transmission.date_envoi"
    kind: str  # matching rule: exact | count | bool | name | number | objet
    read_only: bool = False  # a null label means "not printed": an inferred value is not scored against it

    def inferred(self, act: dict[str, Any]) -> bool:
        """The act's value was inferred (a classifier, the referential), not read from the act."""
        return (act.get("provenance") or {}).get(self.path, {}).get("source") in INFERRED_SOURCES

    def predicted(self, act: dict[str, Any]) -> Any:
        """The value of this field in an Act dumped as JSON (dates ISO, enums as strings)."""
        value: Any = act
        for name in self.path.split("."):
            if not isinstance(value, dict):
                return None
            value = value.get(name)
        return value


LABEL_FIELDS: tuple[LabelField, ...] = (
    LabelField("nature", "nature", "exact"),
    LabelField("collectivite_nom", "collectivite.nom", "authority"),
    # Labelled where the act prints it (its @CTES ID, a SIRET line); a SIREN looked up in the national
    # referential is scored where the label gives one, and not counted against a null label.
    LabelField("collectivite_siren", "collectivite.siren", "number", read_only=True),
    LabelField("numero", "numero", "number"),
    LabelField("date_decision", "date_decision", "exact"),
    LabelField("objet", "objet", "objet"),
    # The corpus labels give the matière only where the act prints it or its envelope carries it: a
    # classifier's code is scored where the label gives one, and not counted against a null label.
    LabelField("matiere_code", "matiere.code", "exact", read_only=True),
    LabelField("en_exercice", "votes.en_exercice", "count"),
    LabelField("presents", "votes.presents", "count"),
    LabelField("representes", "votes.representes", "count"),
    LabelField("votants", "votes.votants", "count"),
    LabelField("pour", "votes.pour", "count"),
    LabelField("contre", "votes.contre", "count"),
    LabelField("abstentions", "votes.abstentions", "count"),
    LabelField("unanimite", "votes.unanimite", "bool"),
    LabelField("president", "president", "name"),
    LabelField("secretaire_seance", "secretaire_seance", "name"),
    LabelField("pref_id", "transmission.pref_id", "number"),
    LabelField("date_envoi_prefecture", "transmission.date_envoi", "exact"),
    LabelField("date_reception_prefecture", "transmission.date_reception", "exact"),
    LabelField("date_affichage_or_publication", "transmission.date_publication", "exact"),
    LabelField("signataire", "signataire.nom", "name"),
    LabelField("date_convocation", "date_convocation", "exact"),
)

BY_KEY = {f.key: f for f in LABEL_FIELDS}
