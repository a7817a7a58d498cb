"""deliberations.csv: SCDL Délibérations 2.1.5, exactly its 17 columns in order.

The mapping from Act to column is the ``columns`` table below. Each row is checked against the
schema and the validator's custom checks before it is written (``check``):

- inconsistent votes (sum, order, partly filled) → the VOTE_* cells are left empty, the row is
  written, and validation.json says why ("votes-withheld"); the same for the budget pair;
- any other failure (no SIRET in the referential, PREF_DATE before DELIB_DATE, no matière…)
  → the row is held out of the file ("held"), or written anyway with ``publish_invalid``
  ("published-invalid"). Either way it is listed in validation.json with its reasons, and the
  act stays in actes.csv and actes.jsonl.
"""

from __future__ import annotations

from typing import ClassVar

from actes.exporters.cells import Column, field_column
from actes.exporters.context import ExportContext, RowVerdict
from actes.exporters.csv_base import CsvExporter
from actes.exporters.validation.rules import check_row, scdl_schema
from actes.extractors.patterns.ids import find_ctes_ids
from actes.reference.matieres import is_known, scdl_nom
from actes.schemas.act import Act, Nature

SCDL_VERSION = "2.1.5"
VOTES = frozenset({"VOTE_EFFECTIF", "VOTE_REEL", "VOTE_POUR", "VOTE_CONTRE", "VOTE_ABSTENTION"})
BUDGET = frozenset({"BUDGET_ANNEE", "BUDGET_NOM"})
WITHHOLDABLE = ((VOTES, "votes-withheld"), (BUDGET, "budget-withheld"))


def one_line(text: str | None) -> str | None:
    """Objets printed over several lines become one line: portals show one row per act."""
    return " ".join(text.split()) if text else text


def coll_nom(act: Act, ctx: ExportContext) -> str | None:
    match = ctx.match(act)
    return match.entry.nom if match else act.collectivite.nom


def coll_siret(act: Act, ctx: ExportContext) -> str | None:
    match = ctx.match(act)
    return match.entry.siret if match else None


def pref_id(act: Act, ctx: ExportContext) -> str | None:
    # The controlling préfecture is only certain when the user's referential says it: the
    # département in the @CTES ID does not tell a préfecture (PREF034) from a sous-préfecture.
    match = ctx.match(act)
    return match.entry.pref_id if match else None


def delib_id(act: Act, _ctx: ExportContext) -> str | None:
    """The number printed on the act, else its own number in its @CTES ID (SCDL requires one)."""
    if act.numero:
        return act.numero
    found = next(find_ctes_ids(act.transmission.pref_id or ""), None)
    return found[0].numero if found else None


def matiere_code(act: Act, _ctx: ExportContext) -> str | None:
    return act.matiere.code if is_known(act.matiere.code) else None


class ScdlDeliberationsExporter(CsvExporter):
    name: ClassVar[str] = "scdl"
    filename: ClassVar[str] = "deliberations.csv"
    title: ClassVar[str] = "Délibérations (SCDL 2.1.5)"
    columns: ClassVar[list[Column]] = [
        Column("COLL_NOM", coll_nom, "collectivite.nom", via="referential"),
        Column("COLL_SIRET", coll_siret, None, via="referential"),
        Column("DELIB_ID", delib_id, "numero", fallback="transmission.pref_id"),
        field_column("DELIB_DATE", "date_decision"),
        Column("DELIB_MATIERE_CODE", matiere_code, "matiere.code"),
        Column("DELIB_MATIERE_NOM", lambda act, _: scdl_nom(act.matiere.code), "matiere.code", via="derived"),
        Column("DELIB_OBJET", lambda act, _: one_line(act.objet), "objet"),
        field_column("BUDGET_ANNEE", "budget.annee"),
        field_column("BUDGET_NOM", "budget.nom"),
        Column("PREF_ID", pref_id, None, via="referential"),
        field_column("PREF_DATE", "transmission.date_reception"),
        field_column("VOTE_EFFECTIF", "votes.en_exercice"),
        field_column("VOTE_REEL", "votes.votants"),
        field_column("VOTE_POUR", "votes.pour"),
        field_column("VOTE_CONTRE", "votes.contre"),
        field_column("VOTE_ABSTENTION", "votes.abstentions"),
        Column("DELIB_URL", lambda act, _: None),
    ]

    def accepts(self, act: Act) -> bool:
        return act.nature is Nature.deliberation

    def schema(self) -> dict:
        return scdl_schema()

    def check(self, act: Act, row: dict[str, str]) -> dict[str, str] | None:
        issues = check_row(row)
        for group, action in WITHHOLDABLE:
            inconsistent = [i for i in issues if set(i.columns or (i.column,)) <= group]
            if inconsistent:
                row.update(dict.fromkeys(group, ""))
                self.context.verdicts.append(RowVerdict(self.filename, act.id, action, inconsistent))
                issues = check_row(row)
        if not issues:
            return row
        for issue in issues:
            if issue.column == "COLL_SIRET" and issue.check == "required":
                issue.message += f" ({self._siret_miss(act)})"
        action = "published-invalid" if self.context.publish_invalid else "held"
        self.context.verdicts.append(RowVerdict(self.filename, act.id, action, issues))
        return row if self.context.publish_invalid else None

    def _siret_miss(self, act: Act) -> str:
        ref = self.context.referential
        if ref is None:
            return "no collectivités referential given: --referential collectivites.csv"
        siren, nom = act.collectivite.siren, act.collectivite.nom
        if not (siren or nom):
            return "the act gives no SIREN nor collectivité name to look up"
        key = f"SIREN {siren}" if siren else f"name {nom!r}"
        self.context.unmatched[key] += 1
        return f"{key} not found in {ref.path}"

