"""`actes referential import-sirene` on generated stocks: memory stays flat as the file grows.

    .venv/bin/python -m benchmarks.sirene_import [--lines 200000] [--db actes/referential/data/authorities.sqlite]

Writes two zipped StockEtablissement-like CSVs (N and 10 N lines, the real file's header, one
head office in twenty of a SIREN of the referential, the rest companies), imports each into a copy
of the referential in a fresh process, and prints each run's peak memory (ru_maxrss) and time, and
their ratios: streaming means the 10x file costs about the same memory.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from stdnum import luhn

HEADER = (
    "siren,nic,siret,statutDiffusionEtablissement,dateCreationEtablissement,trancheEffectifsEtablissement,"
    "anneeEffectifsEtablissement,activitePrincipaleRegistreMetiersEtablissement,dateDernierTraitementEtablissement,"
    "etablissementSiege,nombrePeriodesEtablissement,complementAdresseEtablissement,numeroVoieEtablissement,"
    "typeVoieEtablissement,libelleVoieEtablissement,codePostalEtablissement,libelleCommuneEtablissement,"
    "codeCommuneEtablissement,dateDebut,etatAdministratifEtablissement,enseigne1Etablissement,"
    "denominationUsuelleEtablissement,activitePrincipaleEtablissement,caractereEmployeurEtablissement"
)
CHILD = """
import json, resource, sys, time
from pathlib import Path
from actes.referential.sirene import import_sirene
start = time.perf_counter()
stats = import_sirene(Path(sys.argv[1]), Path(sys.argv[2]))
print(json.dumps({"seconds": time.perf_counter() - start, "kept": stats.kept, "lines": stats.lines,
                  "peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def _siret(siren: str, nic: int) -> str:
    base = f"{siren}{nic:04d}"
    return base + str(luhn.calc_check_digit(base))


def write_stock(path: Path, lines: int, public: list[str], seed: int = 0) -> None:
    rng = random.Random(seed)
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("StockEtablissement_utf8.csv", "w") as raw,
    ):
        raw.write((HEADER + "\n").encode())
        for i in range(lines):
            siren = public[i % len(public)] if i % 20 == 0 else f"{rng.randrange(300_000_000, 999_999_999)}"
            siret = _siret(siren, 1 + i % 7)
            siege = "true" if i % 7 == 0 else "false"
            row = (
                f"{siren},{siret[9:]},{siret},O,2001-01-01,NN,,,2024-01-01T00:00:00,{siege},3,,12,RUE,"
                f'"DE LA MAIRIE, BAT {i % 9}",75001,PARIS,75101,2001-01-01,A,,,84.11Z,N\n'
            )
            raw.write(row.encode())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lines", type=int, default=200_000)
    parser.add_argument("--db", type=Path, default=Path("actes/referential/data/authorities.sqlite"))
    args = parser.parse_args(argv)
    with sqlite3.connect(f"file:{args.db}?mode=ro", uri=True) as conn:
        public = [r[0] for r in conn.execute("SELECT siren FROM communes WHERE siren IS NOT NULL LIMIT 5000")]
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in (args.lines, 10 * args.lines):
            stock, db = Path(tmp) / f"stock-{n}.zip", Path(tmp) / f"ref-{n}.sqlite"
            write_stock(stock, n, public)
            shutil.copyfile(args.db, db)
            done = subprocess.run(
                [sys.executable, "-c", CHILD, str(stock), str(db)], capture_output=True, text=True, check=True
            )
            results[n] = json.loads(done.stdout.strip().splitlines()[-1])
            print(f"{n} lines ({stock.stat().st_size // 1024} KiB zipped): {results[n]}")
    small, large = results[args.lines], results[10 * args.lines]
    print(
        f"10x the lines: peak memory x{large['peak_kib'] / small['peak_kib']:.2f}, "
        f"time x{large['seconds'] / small['seconds']:.2f}, "
        f"{1e6 * large['seconds'] / large['lines']:.2f} µs a line"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
