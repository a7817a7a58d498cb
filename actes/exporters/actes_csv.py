"""actes.csv: every act of every nature, one row each, SCDL-like columns plus what users ask
for and the SCDL schema lacks (nature, @CTES ID, sending/reception/publication dates, SIREN).

Values are written as extracted (votes included, consistent or not: the act's problems say
which are doubtful); only deliberations.csv filters cells for the SCDL validator.
"""

from __future__ import annotations

from typing import ClassVar

from actes.exporters.cells import Column, field_column
from actes.exporters.csv_base import CsvExporter
from actes.exporters.scdl import coll_nom, matiere_code, one_line, pref_id, siret_column
from actes.reference.matieres import is_level1, nom_any_level
from actes.schemas.act import Act, Nature

NATURES = [n.value for n in Nature]

# name → (Table Schema type, description); the column list below gives the order.
TYPES: dict[str, tuple[str, str]] = {
    "ACTE_ID": ("string", "Stable ID of the act: the @CTES ID when known, else file hash + position."),
    "CTES_ID": ("string", "@CTES act ID DDD-SIREN-AAAAMMJJ-NUMERO-NATURE."),
    "NATURE_ACTE": ("string", "deliberation | arrete | decision | contrat | budget | autre."),
    "NATURE_ACTES_CODE": ("string", "@CTES nature code: DE, AR, AI, CC, BF, AU."),
    "COLL_NOM": ("string", "Name of the authority (official name from the referential when matched)."),
    "COLL_SIREN": ("string", "9-digit SIREN of the authority."),
    "COLL_SIRET": ("string", "14-digit SIRET of the authority's seat: collectivites.csv, else printed on the act, else the Sirene import."),
    "COLL_INSEE": ("string", "INSEE code of a commune (COG), from the national referential."),
    "COLL_DEPARTEMENT": ("string", "Code of the authority's département (01, 2A, 974), from the national referential."),
    "ACTE_NUMERO": ("string", "Number of the act as printed (DELIB_ID for délibérations)."),
    "ACTE_DATE": ("date", "Session date (délibération) or signature date."),
    "MATIERE_CODE": ("string", "ACTES nomenclature code, level 2 (7.1); level 1 alone (7) when only the matière is certain."),
    "MATIERE_NOM": ("string", "matière/sous-matière, as SCDL writes it; the matière alone for a level-1 code."),
    "ACTE_OBJET": ("string", "Objet of the act."),
    "BUDGET_ANNEE": ("string", "Budget year AAAA or AAAA/AAAA."),
    "BUDGET_NOM": ("string", "Budget concerned."),
    "PREF_ID": ("string", "Préfecture or sous-préfecture code from the referential (PREF038)."),
    "ENVOI_DATE": ("date", "Sent to the contrôle de légalité."),
    "PREF_DATE": ("date", "Received by the contrôle de légalité."),
    "PUBLICATION_DATE": ("date", "Published or displayed."),
    "CONVOCATION_DATE": ("date", "Date the assembly was called."),
    "VOTE_EFFECTIF": ("integer", "Members in office."),
    "VOTE_PRESENTS": ("integer", "Members present."),
    "VOTE_REPRESENTES": ("integer", "Proxies."),
    "VOTE_REEL": ("integer", "Members who took part in the vote."),
    "VOTE_POUR": ("integer", "Votes for."),
    "VOTE_CONTRE": ("integer", "Votes against."),
    "VOTE_ABSTENTION": ("integer", "Abstentions."),
    "VOTE_UNANIMITE": ("boolean", "The text says unanimity."),
    "SIGNATAIRE_QUALITE": ("string", 'Capacity of the signatory, e.g. "Le Maire".'),
    "SOURCE_FICHIER": ("string", "Name of the file the act was read from."),
    "SOURCE_SHA256": ("string", "sha256 of that file."),
    "SOURCE_PAGES": ("string", "Pages of the act in the file, e.g. 1-3."),
    "PROBLEMES": ("string", "Slugs of the problems found in the act, ';'-separated."),
    "EXTRACTOR_VERSION": ("string", "Version of the extraction that produced the row."),
}


def matiere_any_level(act: Act, ctx) -> str | None:
    """The level-2 code, else a level-1 code the classifier was sure of (SCDL takes only level 2)."""
    return act.matiere.code if is_level1(act.matiere.code) else matiere_code(act, ctx)


def _pages(act: Act, _ctx) -> str | None:
    pages = act.source.pages
    if not pages:
        return None
    return str(pages[0]) if len(pages) == 1 else f"{pages[0]}-{pages[-1]}"


class ActesCsvExporter(CsvExporter):
    name: ClassVar[str] = "actes_csv"
    filename: ClassVar[str] = "actes.csv"
    title: ClassVar[str] = "Actes (all natures)"
    columns: ClassVar[list[Column]] = [
        Column("ACTE_ID", lambda act, _: act.id),
        field_column("CTES_ID", "transmission.pref_id"),
        field_column("NATURE_ACTE", "nature"),
        field_column("NATURE_ACTES_CODE", "nature_actes"),
        Column("COLL_NOM", coll_nom, "collectivite.nom", via="referential"),
        field_column("COLL_SIREN", "collectivite.siren"),
        siret_column(),
        field_column("COLL_INSEE", "collectivite.code_insee"),
        field_column("COLL_DEPARTEMENT", "collectivite.departement"),
        field_column("ACTE_NUMERO", "numero"),
        field_column("ACTE_DATE", "date_decision"),
        Column("MATIERE_CODE", matiere_any_level, "matiere.code"),
        Column("MATIERE_NOM", lambda act, _: nom_any_level(act.matiere.code), "matiere.code", via="derived"),
        Column("ACTE_OBJET", lambda act, _: one_line(act.objet), "objet"),
        field_column("BUDGET_ANNEE", "budget.annee"),
        field_column("BUDGET_NOM", "budget.nom"),
        Column("PREF_ID", pref_id, None, via="referential"),
        field_column("ENVOI_DATE", "transmission.date_envoi"),
        field_column("PREF_DATE", "transmission.date_reception"),
        field_column("PUBLICATION_DATE", "transmission.date_publication"),
        field_column("CONVOCATION_DATE", "date_convocation"),
        field_column("VOTE_EFFECTIF", "votes.en_exercice"),
        field_column("VOTE_PRESENTS", "votes.presents"),
        field_column("VOTE_REPRESENTES", "votes.representes"),
        field_column("VOTE_REEL", "votes.votants"),
        field_column("VOTE_POUR", "votes.pour"),
        field_column("VOTE_CONTRE", "votes.contre"),
        field_column("VOTE_ABSTENTION", "votes.abstentions"),
        field_column("VOTE_UNANIMITE", "votes.unanimite"),
        field_column("SIGNATAIRE_QUALITE", "signataire.qualite"),
        Column("SOURCE_FICHIER", lambda act, _: act.source.path.replace("\\", "/").rsplit("/", 1)[-1]),
        Column("SOURCE_SHA256", lambda act, _: act.source.sha256),
        Column("SOURCE_PAGES", _pages),
        Column("PROBLEMES", lambda act, _: ";".join(sorted({p.slug for p in act.problems})) or None),
        Column("EXTRACTOR_VERSION", lambda act, _: act.extractor_version),
    ]

    def schema(self) -> dict:
        fields = []
        for column in self.columns:
            kind, description = TYPES[column.name]
            field = {"name": column.name, "type": kind, "description": description}
            if kind == "boolean":
                field["trueValues"], field["falseValues"] = ["true"], ["false"]
            fields.append(field)
        fields[0]["constraints"] = {"required": True, "unique": True}
        fields[2]["constraints"] = {"enum": NATURES}
        return {"fields": fields, "primaryKey": ["ACTE_ID"]}
