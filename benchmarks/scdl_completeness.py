"""How many of the délibérations the privacy policy lets through become SCDL rows, given a
collectivites.csv for their authorities (issue 19: at least 90 %).

    .venv/bin/python -m benchmarks.scdl_completeness ../shared/corpus/texts --out /tmp/scdl-bench [--skip-run]

1. ``actes run INBOX --out OUT`` (no user file): the rows a new user gets;
2. ``actes referential init`` lists every authority; the SIRET column of those with a SIREN is filled with a
   **synthetic** SIRET: the SIREN followed by the first NIC that makes a Luhn-valid number. This is
   only for this measurement (a real SIRET comes from the user, the act or INSEE's Sirene; the
   project never guesses one): it stands for the file a clerk fills in;
3. ``actes export --out OUT --referential collectivites.csv``, then counts: the délibérations
   published (actes.jsonl, i.e. let through by the privacy policy), the rows of deliberations.csv,
   and why each missing one was held (validation.json), with the verdicts on deliberations.csv
   of Frictionless and Validata (``make validata``) against the official SCDL 2.1.5 schema of the
   shared reference.

The authorities with no SIREN (name ambiguous or unread) get no line: their délibérations count as
missing rows.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from stdnum.fr import siret as siret_mod

from actes.reference.matieres import is_known

ACTES = Path(sys.executable).with_name("actes")
DEFAULT_SCHEMA = Path(__file__).resolve().parents[2] / "shared/reference/scdl/deliberations/2.1.5/schema.json"


def synthetic_siret(siren: str) -> str:
    """SIREN + the first NIC making a valid SIRET: for this measurement only, never for publication."""
    return next(siren + f"{nic:05d}" for nic in range(1, 100000) if siret_mod.is_valid(siren + f"{nic:05d}"))


def fill(init_csv: Path, out_csv: Path) -> int:
    with init_csv.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    # A line with no name stays unfilled (COLL_NOM would be empty, SCDL requires it); so does one with no
    # SIREN (a name the referential could not resolve): no synthetic SIRET can stand for its real one.
    for row in rows:
        row["SIRET"] = synthetic_siret(row["SIREN"]) if row["NOM"] and row["SIREN"] else ""
    with out_csv.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, list(rows[0]) if rows else ["SIREN", "SIRET", "NOM"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return sum(1 for row in rows if row["SIRET"])


def _run(*args: str) -> None:
    done = subprocess.run([str(ACTES), *args], capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        sys.exit(f"actes {' '.join(args)} failed ({done.returncode}): {done.stderr[-2000:]}")


def count(out: Path) -> dict:
    """Délibérations published, SCDL rows, and the reasons of those held."""
    published = [json.loads(line) for line in (out / "actes.jsonl").open(encoding="utf-8")]
    delibs = {a["id"] for a in published if a.get("nature") == "deliberation"}
    # issue 22: every délibération whose (level-2) matière is known must become a row, both matière columns filled
    known = {
        a["id"]
        for a in published
        if a.get("nature") == "deliberation" and is_known((a.get("matiere") or {}).get("code"))
    }
    with (out / "deliberations.csv").open(encoding="utf-8", newline="") as handle:
        table = list(csv.DictReader(handle))
    rows = len(table)
    both_columns = sum(1 for r in table if r["DELIB_MATIERE_CODE"] and r["DELIB_MATIERE_NOM"])
    validation = json.loads((out / "validation.json").read_text(encoding="utf-8"))
    held = [r for r in validation["rows"] if r["file"] == "deliberations.csv" and r["action"] == "held"]
    reasons: Counter = Counter()
    for row in held:
        reasons.update({issue["column"] for issue in row["issues"]})
    known_held = [r for r in held if r["act_id"] in known]
    known_reasons: Counter = Counter()
    for row in known_held:
        known_reasons.update({issue["column"] for issue in row["issues"]})
    return {
        "deliberations_published": len(delibs),
        "matiere_known": len(known),
        "matiere_known_rows": len(known) - len(known_held),
        "rows_with_both_matiere_columns": both_columns,
        "matiere_known_held_by_column": dict(known_reasons.most_common()),
        "not_published": len(validation.get("not_published", [])),
        "scdl_rows": rows,
        "share": round(rows / len(delibs), 3) if delibs else None,
        "held": len(held),
        "held_by_column": dict(reasons.most_common()),
        "held_acts": {r["act_id"]: [i["message"][:160] for i in r["issues"]] for r in held},
        "frictionless_valid": validation["frictionless"]["valid"],
        "validata": validata(out / "deliberations.csv"),
    }


def validata(path: Path, schema: Path = DEFAULT_SCHEMA) -> str:
    """Frictionless and Validata (its own environment: ``make validata``) on the file against the
    official SCDL 2.1.5 schema, when the shared reference holds it."""
    from actes.exporters.validation import validata as validata_mod  # noqa: PLC0415
    from actes.exporters.validation.report import validate_table  # noqa: PLC0415

    if not schema.is_file():
        return f"not run (no official schema at {schema})"
    verdicts = [f"frictionless (official schema) valid: {validate_table(path, schema)['valid']}"]
    try:
        report = validata_mod.validate(path, schema)
        verdicts.append(
            f"validata valid: {report['valid']}"
            + ("" if report["valid"] else f" {[e.get('message') for e in report['errors'][:5]]}")
        )
    except validata_mod.ValidataMissing as missing:
        verdicts.append(f"validata not run ({missing})")
    return "; ".join(verdicts)


def convocation_verdicts(out: Path) -> dict:
    """Acts whose convocation and séance dates are known, and those whose delay check answered "unknown"."""
    from actes.store import Catalog  # noqa: PLC0415

    catalog = Catalog(out / "actes.db")
    try:
        dated = [a for a in catalog.iter_acts() if a.date_convocation and a.date_decision]
    finally:
        catalog.close()
    unknown = [a for a in dated if any(p.slug == "convocation-delay-unknown" for p in a.problems)]
    return {
        "dated": len(dated),
        "unknown": len(unknown),
        "unknown_acts": {
            a.id: next(p.message for p in a.problems if p.slug == "convocation-delay-unknown") for a in unknown
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("inbox", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--skip-run", action="store_true", help="Reuse the catalog of a previous run in --out.")
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args(argv)
    out = args.out
    if not args.skip_run:
        _run("run", str(args.inbox), "--out", str(out), "--workers", "1")
    before = count(out)
    init_csv, filled = out.parent / f"{out.name}-init.csv", out.parent / f"{out.name}-collectivites.csv"
    init_csv.unlink(missing_ok=True)
    _run("referential", "init", str(init_csv), "--out", str(out))
    authorities = fill(init_csv, filled)
    _run("export", "--out", str(out), "--referential", str(filled))
    after = count(out)
    for name, figures in (
        ("without collectivites.csv", before),
        (f"with collectivites.csv ({authorities} authorities, synthetic SIRETs)", after),
    ):
        print(
            f"{name}: {figures['scdl_rows']} SCDL rows of {figures['deliberations_published']} délibérations published "
            f"({figures['share']}); {figures['not_published']} acts held by the privacy policy; held rows by column: "
            f"{figures['held_by_column']}; package valid (frictionless): {figures['frictionless_valid']}; {figures['validata']}"
        )
        print(
            f"  matière known (level 2): {figures['matiere_known']} délibérations, {figures['matiere_known_rows']} of them "
            f"SCDL rows ({figures['rows_with_both_matiere_columns']} rows with both matière columns); the others held by "
            f"column: {figures['matiere_known_held_by_column']}"
        )
    verdicts = convocation_verdicts(out)
    print(f"convocation delay: {verdicts['dated']} acts with both dates, {verdicts['unknown']} answered unknown")
    if args.verbose:
        for message in verdicts["unknown_acts"].values():
            print(f"  unknown: {message}")
        for act_id, messages in after["held_acts"].items():
            print(f"  {act_id}: {' | '.join(messages)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
