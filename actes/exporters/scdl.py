"""deliberations.csv: SCDL Délibérations 2.1.5, exactly its 17 columns in order.

The mapping from Act to column is the ``columns`` table below. Each row is checked against the
schema and the validator's custom checks before it is written (``check``):

- inconsistent votes (sum, order, partly filled) → the VOTE_* cells are left empty, the row is
  written, and validation.json says why ("votes-withheld"); the same for the budget pair;
- no level-2 matière (the classifier abstained, or only level 1 is certain) → held with the one
  reason "matière unknown" (``MATIERE_UNKNOWN``), counted apart in validation.json and the run report;
- any other failure (no SIRET in the referential, PREF_DATE before DELIB_DATE…)
  → the row is held out of the file ("held"), or written anyway with ``publish_invalid``
  ("published-invalid"). Either way it is listed in validation.json with its reasons, and the
  act stays in actes.csv and actes.jsonl.
"""

from __future__ import annotations

import re
from typing import ClassVar

from actes.exporters.cells import Cell, Column, field_column
from actes.exporters.context import ExportContext, Issue, RowVerdict
from actes.exporters.csv_base import CsvExporter
from actes.exporters.validation.rules import check_row, scdl_schema
from actes.extractors.patterns.ids import find_ctes_ids
from actes.minutes.split import EXTRACTOR as MINUTES_ITEMS
from actes.reference.matieres import is_known, scdl_nom
from actes.referential.clerk import HOW as SIREN_HOW
from actes.referential.siret import SiretFound, siret_of
from actes.schemas.act import Act, Nature

SCDL_VERSION = "2.1.5"
VOTES = frozenset({"VOTE_EFFECTIF", "VOTE_REEL", "VOTE_POUR", "VOTE_CONTRE", "VOTE_ABSTENTION"})
BUDGET = frozenset({"BUDGET_ANNEE", "BUDGET_NOM"})
WITHHOLDABLE = ((VOTES, "votes-withheld"), (BUDGET, "budget-withheld"))
MATIERE_COLUMNS = frozenset({"DELIB_MATIERE_CODE", "DELIB_MATIERE_NOM"})
UNNAMED = "the act gives no SIREN nor collectivité name to look up"  # COLL_SIRET's reason, read by referential.missing
MATIERE_UNKNOWN = "matiere-unknown"  # Issue.check of a délibération held for its matière
# How a clerk gives the matière (actes.matiere.clerk): by hand in the catalog, or in the envelope.
MATIERE_HINT = (
    "set it with `actes review ACT_ID --matiere CODE --out OUT` (a level-2 code, e.g. 7.5; "
    "kept in the catalog, used by the next export), or send the act with its matière in the "
    "@CTES envelope (CodeMatiere1/CodeMatiere2)"
)


def one_line(text: str | None) -> str | None:
    """Objets printed over several lines become one line: portals show one row per act."""
    return " ".join(text.split()) if text else text


def coll_nom(act: Act, ctx: ExportContext) -> str | None:
    match = ctx.match(act)
    return match.entry.nom if match else act.collectivite.nom


def _siret(act: Act, ctx: ExportContext) -> SiretFound | None:
    return siret_of(act, ctx.match(act), ctx.referential.path if ctx.referential else "collectivites.csv")


def coll_siret(act: Act, ctx: ExportContext) -> str | None:
    """The user's collectivites.csv, else the SIRET printed on the act, else the Sirene import (never guessed)."""
    found = _siret(act, ctx)
    return found.siret if found else None


def explain_siret(act: Act, value: str, ctx: ExportContext) -> Cell | None:
    found = _siret(act, ctx)
    if found is None:
        return None
    return Cell(
        act.id,
        "COLL_SIRET",
        value,
        found.source,
        found.extractor,
        page=found.page,
        snippet=found.snippet,
        confidence=found.confidence,
    )


def siret_column(name: str = "COLL_SIRET") -> Column:
    return Column(name, coll_siret, None, via="referential", explainer=explain_siret)


def pref_id(act: Act, ctx: ExportContext) -> str | None:
    # The controlling préfecture is only certain when the user's referential says it: the
    # département in the @CTES ID does not tell a préfecture (PREF034) from a sous-préfecture.
    match = ctx.match(act)
    return match.entry.pref_id if match else None


def delib_id(act: Act, _ctx: ExportContext) -> str | None:
    """The number printed on the act, else its own number in its @CTES ID, else, for a point cut from
    minutes, the séance and the point's place in them (SCDL requires one)."""
    if act.numero:
        return act.numero
    found = next(find_ctes_ids(act.transmission.pref_id or ""), None)
    return found[0].numero if found else point_id(act)


def is_minutes_point(act: Act) -> bool:
    """A point read in minutes (its heading gave the objet), not a délibération that only names voters."""
    objet = act.provenance.get("objet")
    return act.item is not None and objet is not None and objet.extractor == MINUTES_ITEMS


def point_id(act: Act) -> str | None:
    """A DELIB_ID such as "2023-02-13-conseil-municipal-point-03": the séance's date and body and the
    point's order in the minutes, for a point with no printed number and no @CTES ID. Derived, never
    printed: unique within the authority as long as one body meets once a day (docs/referential.md)."""
    date = seance_date(act)
    if not is_minutes_point(act) or date is None:
        return None
    organe = "-".join(re.findall(r"\w+", act.seance.organe.lower())) if act.seance and act.seance.organe else ""
    return "-".join(p for p in (date.isoformat(), organe, f"point-{act.item.ordre:02d}") if p)


def seance_date(act: Act):
    """The date of the séance a point was decided at: its attached séance's, else (minutes whose
    attendance was not read, so no séance attached) the date the minutes' head gives the point."""
    if act.seance is not None and act.seance.date is not None:
        return act.seance.date
    decided = act.provenance.get("date_decision")
    return act.date_decision if decided is not None and decided.extractor.startswith("file:") else None


def explain_delib_id(act: Act, value: str, _ctx: ExportContext) -> Cell | None:
    """A point's derived DELIB_ID: provenance ``derived``, pointing at the point's heading."""
    if value != point_id(act):
        return None  # printed number or @CTES ID: the column's own field and fallback explain it
    origin = act.item.provenance or act.provenance["objet"]
    return Cell(
        act.id,
        "DELIB_ID",
        value,
        "derived",
        f"exporter:DELIB_ID<-seance.date+item.ordre ({origin.extractor})",
        page=origin.page,
        snippet=f"point {act.item.ordre} of the séance of {seance_date(act).isoformat()}: {(origin.snippet or '')[:80]}",
        confidence=origin.confidence,
        ocr=origin.ocr,
    )


def matiere_code(act: Act, _ctx: ExportContext) -> str | None:
    return act.matiere.code if is_known(act.matiere.code) else None


def matiere_unknown(act: Act) -> Issue:
    """Why a délibération without a level-2 matière is held, and how a clerk can give it."""
    provenance = act.provenance.get("matiere.code")
    if act.matiere.code:  # a level-1 code only
        detail = f"only its level 1 is known ({act.matiere.code} {act.matiere.libelle or ''})".strip()
    elif provenance is not None and provenance.snippet:
        detail = provenance.snippet.split(" — ", 1)[0]  # "classifier abstained, best 7.10 at 0.41, …"
    else:
        detail = "no code in the envelope or the act, and no objet to classify"
    hint = MATIERE_HINT.replace("ACT_ID", act.id, 1)
    return Issue(
        MATIERE_UNKNOWN, "DELIB_MATIERE_CODE", f"matière unknown: {detail}; {hint}", tuple(sorted(MATIERE_COLUMNS))
    )


class ScdlDeliberationsExporter(CsvExporter):
    name: ClassVar[str] = "scdl"
    filename: ClassVar[str] = "deliberations.csv"
    title: ClassVar[str] = "Délibérations (SCDL 2.1.5)"
    columns: ClassVar[list[Column]] = [
        Column("COLL_NOM", coll_nom, "collectivite.nom", via="referential"),
        siret_column(),
        Column("DELIB_ID", delib_id, "numero", fallback="transmission.pref_id", explainer=explain_delib_id),
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
        if not is_known(act.matiere.code):  # one reason a clerk can act on, not two empty cells
            issues = [i for i in issues if not set(i.columns or (i.column,)) & MATIERE_COLUMNS] + [matiere_unknown(act)]
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
        siren, nom = act.collectivite.siren, act.collectivite.nom
        if not (siren or nom):  # no collectivités.csv can match it: the clerk names it first
            return f"{UNNAMED}: name it with `{SIREN_HOW.replace('ACT_ID', act.id, 1)}`"
        if ref is None:
            return (
                "no SIRET printed on the act, none imported from Sirene for its SIREN (actes referential "
                "import-sirene), and no collectivités referential given: --referential collectivites.csv"
            )
        key = f"SIREN {siren}" if siren else f"name {nom!r}"
        self.context.unmatched[key] += 1
        return f"{key} not found in {ref.path}"
