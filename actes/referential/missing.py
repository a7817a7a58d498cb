"""Say what is missing, loudly: the last lines of a run when délibérations were held out of the SCDL file.

Read from the package's ``validation.json``: how many délibérations were held, for which missing
or invalid column, which authorities they belong to, and the one command that fixes the most
common cause.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

SCDL_FILE = "deliberations.csv"
UNNAMED_KEY = "COLL_SIRET:unnamed"  # no SIRET because the act names no authority at all


def _fix(column: str, referential: str | None, out: Path) -> str:
    if column == UNNAMED_KEY:
        return (
            f"their text names no authority (minutes whose head never says whose council it is): a clerk "
            f"names it with `actes review ACT_ID --siren SIREN --out {out}` (the act IDs are in validation.json), "
            f"then `actes export --out {out}`"
        )
    if column == "COLL_SIRET":
        if not referential:
            return (
                f"no collectivités.csv was given: `actes referential init collectivites.csv --out {out}`, fill its "
                f"SIRET column, then `actes export --out {out} --referential collectivites.csv` (or import INSEE's "
                f"Sirene stock once: `actes referential import-sirene StockEtablissement_utf8.zip`)"
            )
        return (
            f"their SIREN is not in {referential} (or no SIREN was found): `actes referential init "
            f"missing.csv --out {out}` lists every authority to copy in, with its SIRET"
        )
    if column == "DELIB_ID":
        return "no number printed and no @CTES ID to take it from"
    if column.startswith("DELIB_MATIERE"):
        return (
            f"matière unknown (the classifier abstained; validation.json says why for each): a clerk sets it "
            f"with `actes review ACT_ID --matiere CODE --out {out}` (a level-2 code such as 7.5), then "
            f"`actes export --out {out}`"
        )
    return "see validation.json"


def held_lines(validation: Path, out: Path) -> list[str]:
    """The lines to print; empty when every délibération became a row (or validation.json is absent)."""
    try:
        data = json.loads(validation.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    held = [row for row in data.get("rows", []) if row.get("file") == SCDL_FILE and row.get("action") == "held"]
    if not held:
        return []
    columns: Counter = Counter()
    for row in held:
        keys = {_key(issue) for issue in row.get("issues", [])}
        if UNNAMED_KEY in keys:
            keys.discard("COLL_NOM")  # one line for both empty cells: the act names no authority
        columns.update(keys)
    authorities = Counter(_authority(row["act_id"]) for row in held)
    referential = (data.get("referential") or {}).get("path")
    lines = [f"HELD: {len(held)} délibérations kept out of {SCDL_FILE} (each listed with its reasons in {validation}):"]
    lines += [
        f"  {n} without {'an authority named' if column == UNNAMED_KEY else 'a valid ' + column}: "
        f"{_fix(column, referential, out)}"
        for column, n in columns.most_common()
    ]
    top = ", ".join(f"{name} {n}" for name, n in authorities.most_common(5))
    lines.append(f"  by authority (SIREN from the act's ID): {top}" + (" …" if len(authorities) > 5 else ""))
    return lines


def _key(issue: dict) -> str:
    """The column, and for COLL_SIRET whether the act names no authority (a clerk's fix, not collectivites.csv's)."""
    from actes.exporters.scdl import UNNAMED

    column = issue.get("column", "?")
    return UNNAMED_KEY if column == "COLL_SIRET" and UNNAMED in issue.get("message", "") else column


def _authority(act_id: str) -> str:
    """'001-210199907-20230216-…-DE' → '210199907'; an act with no @CTES ID → 'no @CTES ID'."""
    parts = act_id.split("-")
    return parts[1] if len(parts) > 3 and parts[1].isdigit() and len(parts[1]) == 9 else "no @CTES ID"
