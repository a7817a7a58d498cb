"""Issue 22 on the shared corpus: every délibération whose matière is known becomes an SCDL row
with both matière columns, and deliberations.csv is valid for Frictionless and for Validata.

    .venv/bin/python -m benchmarks.scdl_matiere ../shared/corpus/texts --out /tmp/scdl-matiere [--skip-run]

1. ``actes run INBOX --out OUT``;
2. a collectivites.csv from ``actes referential init`` with **synthetic** SIRETs
   (``benchmarks.scdl_completeness.fill``: the SIREN and the first Luhn-valid NIC; a stand-in for
   the file a clerk fills in, for this measurement only), then ``actes export`` with it, so that
   rows are not held for want of a SIRET;
3. counts, from actes.jsonl, deliberations.csv and validation.json: délibérations published,
   those with a level-2 matière (by its provenance: envelope, text, classifier, clerk) and those
   without, SCDL rows and rows with both DELIB_MATIERE_CODE and DELIB_MATIERE_NOM; every
   délibération with a known matière that is not a row, with its reasons;
4. deliberations.csv validated against the **official** SCDL 2.1.5 schema (``--schema``,
   ../shared/reference/scdl/deliberations/2.1.5/schema.json) by Frictionless and by Validata
   (``actes.exporters.validation.validata``; ``make validata``).

Exit status 1 when a délibération with a known matière is missing for a matière reason, a row
lacks a matière column, or a validator refuses the file.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path

from actes.exporters.validation import validata
from actes.exporters.validation.report import validate_table
from actes.reference.matieres import is_known
from benchmarks.scdl_completeness import _run, fill

DEFAULT_SCHEMA = Path(__file__).resolve().parents[2] / "shared/reference/scdl/deliberations/2.1.5/schema.json"


def counts(out: Path, schema: Path) -> dict:
    published = [json.loads(line) for line in (out / "actes.jsonl").open(encoding="utf-8")]
    delibs = {a["id"]: a for a in published if a.get("nature") == "deliberation"}
    known = {i: a for i, a in delibs.items() if is_known((a.get("matiere") or {}).get("code"))}
    sources = Counter(
        ((a.get("provenance") or {}).get("matiere.code") or {}).get("source", "?") for a in known.values()
    )
    with (out / "deliberations.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    validation = json.loads((out / "validation.json").read_text(encoding="utf-8"))
    verdicts = {v["act_id"]: v for v in validation["rows"] if v["file"] == "deliberations.csv"}
    held = {i: v for i, v in verdicts.items() if v["action"] == "held"}
    missing_known = {i: [x["message"][:200] for x in held[i]["issues"]] for i in known if i in held}
    matiere_reason = {i: m for i, m in missing_known.items() if any("matière" in x.lower() for x in m)}
    result = {
        "deliberations_published": len(delibs),
        "matiere_known": len(known),
        "matiere_known_by_source": dict(sources.most_common()),
        "matiere_unknown_held": sum(any(x["check"] == "matiere-unknown" for x in v["issues"]) for v in held.values()),
        "scdl_rows": len(rows),
        "rows_with_both_matiere_columns": sum(bool(r["DELIB_MATIERE_CODE"] and r["DELIB_MATIERE_NOM"]) for r in rows),
        "known_but_held": len(missing_known),
        "known_but_held_for_matiere": len(matiere_reason),
        "known_but_held_reasons": dict(Counter(x["column"] for i in missing_known for x in held[i]["issues"])),
        "held_acts": missing_known,
        "frictionless_package_valid": validation["frictionless"]["valid"],
        "frictionless_official_schema": validate_table(out / "deliberations.csv", schema)["valid"],
    }
    try:
        report = validata.validate(out / "deliberations.csv", schema)
        result["validata_official_schema"] = report["valid"]
        result["validata_errors"] = [e.get("message") for e in report["errors"][:10]]
    except validata.ValidataMissing as missing:
        result["validata_official_schema"] = f"not run ({missing})"
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("inbox", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--schema", type=Path, default=DEFAULT_SCHEMA, help="The official SCDL schema.json.")
    parser.add_argument("--skip-run", action="store_true", help="Reuse the catalog of a previous run in --out.")
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args(argv)
    if not args.schema.is_file():
        sys.exit(f'no SCDL schema at "{args.schema}" (give --schema)')
    out = args.out
    if not args.skip_run:
        _run("run", str(args.inbox), "--out", str(out))
    init_csv, filled = out.parent / f"{out.name}-init.csv", out.parent / f"{out.name}-collectivites.csv"
    init_csv.unlink(missing_ok=True)
    _run("referential", "init", str(init_csv), "--out", str(out))
    authorities = fill(init_csv, filled)
    _run("export", "--out", str(out), "--referential", str(filled))
    result = counts(out, args.schema)
    held_acts = result.pop("held_acts")
    print(f"collectivites.csv: {authorities} authorities with a synthetic SIRET")
    for key, value in result.items():
        print(f"{key}: {value}")
    if args.verbose:
        for act_id, messages in held_acts.items():
            print(f"  {act_id}: {' | '.join(messages)}")
    ok = (
        result["known_but_held_for_matiere"] == 0
        and result["rows_with_both_matiere_columns"] == result["scdl_rows"]
        and result["frictionless_official_schema"]
        and result["validata_official_schema"] is True
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
