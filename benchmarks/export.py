"""Package export speed, against a bare CSV writer, in one session.

Three ways over the same N délibérations (every field filled, with provenance):

- baseline: ``csv.writer`` of the 17 SCDL values read straight from the Act (no checks);
- exporters: every exporter of the registry (row checks, actes.csv, actes.jsonl, provenance.csv);
- package: the same plus datapackage.json (sha256) and Frictionless validation of the package.

It prints seconds, acts per second and the ratio to the baseline (times vary with the machine's
load; ratios measured side by side do not).

    .venv/bin/python -m benchmarks.export --count 2000
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from actes.exporters import export_acts  # noqa: E402
from actes.exporters.base import serialize  # noqa: E402
from actes.exporters.context import ExportContext  # noqa: E402
from actes.exporters.package import export_package  # noqa: E402
from actes.referential import Entry, Referential  # noqa: E402
from tests.factories import SIREN, SIRET, make_deliberation  # noqa: E402


def baseline(acts, out: Path) -> None:
    with open(out / "deliberations.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        for a in acts:
            writer.writerow([serialize(v) for v in (
                a.collectivite.nom, SIRET, a.numero, a.date_decision, a.matiere.code, a.matiere.code, a.objet,
                a.budget.annee, a.budget.nom, None, a.transmission.date_reception, a.votes.en_exercice,
                a.votes.votants, a.votes.pour, a.votes.contre, a.votes.abstentions, None,
            )])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=2000)
    args = parser.parse_args()
    acts = [make_deliberation(f"034-{SIREN}-20230216-{i:06d}-DE", numero=f"{i:06d}") for i in range(args.count)]
    referential = Referential([Entry(SIREN, SIRET, "Commune de Cessy", None, 2)])
    ways = {
        "baseline": lambda out: baseline(acts, out),
        "exporters": lambda out: export_acts(acts, out, context=ExportContext(referential=referential)),
        "package": lambda out: export_package(acts, out, referential=referential),
    }
    seconds = {}
    for name, way in ways.items():
        out = Path(tempfile.mkdtemp(prefix=f"actes-bench-{name}-"))
        clock = time.perf_counter()
        way(out)
        seconds[name] = time.perf_counter() - clock
        shutil.rmtree(out)
    print(f"{args.count} délibérations")
    for name, value in seconds.items():
        print(f"{name:10} {value:7.2f} s  {args.count / value:8.0f} acts/s  x{value / seconds['baseline']:.1f}")


if __name__ == "__main__":
    main()
