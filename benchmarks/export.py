"""Package export speed, against a bare CSV writer, in one session.

Three ways over the same N délibérations (every field filled, with provenance):

- baseline: ``csv.writer`` of the 17 SCDL values read straight from the Act (no checks);
- exporters: every exporter of the registry (row checks, actes.csv, actes.jsonl, provenance.csv);
- package: the same plus datapackage.json (sha256) and Frictionless validation of the package.

and, for the linked data (docs/linked-data.md), against the CSV exports of the same batch, each
side with and without its own validation:

- csv: deliberations.csv, actes.csv and provenance.csv (the CSV exporters of the registry, with
  their row checks — SCDL rules per row — but without the Frictionless validation);
- csv+frictionless: the same three files as a package: datapackage.json (sha256) and the
  Frictionless validation of the package (the CSV side's validation, as in ``actes export``);
- jsonld: the JSON-LD documents and the N-Triples dump, without SHACL;
- jsonld+shacl: the same, validated against the shapes with pyshacl (as in a package);
- jsonld+shacl worker: the same with the SHACL check and the dump in a worker process
  (``actes.linked_data.dump.Worker``, ``ACTES_LINKED_DATA_WORKER=1``);
- csv+jsonld: the CSV exporters and the linked data (validated) in one export, as in a package:
  what the linked data adds to it is (csv+jsonld − csv).

It prints seconds, acts per second and the ratio to the baseline (times vary with the machine's
load; ratios measured side by side do not), and the CPU seconds of this process for each way
(``time.process_time``: on a loaded machine the wall clock also counts the time other processes
held the core; the CPU time hardly does, so its ratios move less from run to run), then the
linked-data ratios to the CSV exports, by wall and by CPU time:
without validation on either side (jsonld / csv), with each side's validation
(jsonld+shacl / csv+frictionless), and the linked data validated against the CSV files not
validated (jsonld+shacl / csv, the strictest reading of issue 17's target).
``--text`` gives every act a 3 kB text citing codes, lois and décrets (the citation finder's
cost; without it the acts have no text, like metadata-only acts). ``--check`` (not timed) checks
that the batch's dump is, byte for byte, what rdflib's own N-Triples serialiser writes for the
acts' triples, and loads as a graph isomorphic to them (the dump writes each distinct term's
form once: ``actes.linked_data.model.nt_text``).

    .venv/bin/python -m benchmarks.export --count 2000 [--text] [--repeat 3] [--linked-data] [--check]
                                          [--only csv+frictionless,csv+jsonld]
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
from actes.exporters.jsonld import JsonLdExporter  # noqa: E402
from actes.exporters.package import export_package  # noqa: E402
from actes.referential import Entry, Referential  # noqa: E402
from tests.factories import SIREN, SIRET, make_deliberation  # noqa: E402


def baseline(acts, out: Path) -> None:
    with open(out / "deliberations.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        for a in acts:
            writer.writerow(
                [
                    serialize(v)
                    for v in (
                        a.collectivite.nom,
                        SIRET,
                        a.numero,
                        a.date_decision,
                        a.matiere.code,
                        a.matiere.code,
                        a.objet,
                        a.budget.annee,
                        a.budget.nom,
                        None,
                        a.transmission.date_reception,
                        a.votes.en_exercice,
                        a.votes.votants,
                        a.votes.pour,
                        a.votes.contre,
                        a.votes.abstentions,
                        None,
                    )
                ]
            )


TEXT = (
    (
        "Le conseil municipal, régulièrement convoqué, s'est réuni en séance publique.\n"
        "Vu le Code général des collectivités territoriales, et notamment ses articles L. 2121-29, L. 2241-1 et L. 2122-22 ;\n"
        "Vu le code de l'urbanisme, notamment son article L. 151-19 ;\n"
        "Vu la loi n° 2015-991 du 7 août 2015 portant nouvelle organisation territoriale de la République ;\n"
        "Vu le décret n° 2016-360 du 25 mars 2016 relatif aux marchés publics ;\n"
        "Considérant l'avis de la commission des finances réunie le 9 février 2023 ;\n"
    )
    + "Considérant que le projet présenté répond aux besoins de la commune et de ses habitants. " * 25
    + (
        "\nLe conseil municipal, après en avoir délibéré, DÉCIDE :\nArticle 1er : d'approuver le projet.\n"
        "Article 2 : Monsieur le Maire est chargé de l'exécution de la présente délibération.\n"
    )
)


def linked_data(acts, out: Path, referential, validate: bool, parallel: bool | None = None) -> dict:
    exporter = JsonLdExporter(ExportContext(referential=referential), validate=validate, parallel=parallel)
    exporter.start(out)
    for act in acts:
        exporter.write(act)
    exporter.finish()
    assert exporter.rows == len(acts) and not exporter.failed, exporter.validation()
    return exporter.seconds


def check_dump(acts, referential) -> str:
    """The dump of the batch against rdflib's serialiser over the triples of each act's document
    (read back in order, the shared nodes described once, as the dump does)."""
    import io

    from rdflib import Graph
    from rdflib.compare import isomorphic
    from rdflib.plugins.serializers.nt import NTSerializer

    from actes.linked_data.model import node_of, read_line, triples

    out = Path(tempfile.mkdtemp(prefix="actes-bench-check-"))
    try:
        linked_data(acts, out, referential, validate=True, parallel=False)
        dump = (out / "actes.nt").read_bytes()
        buffer, expected, described = io.BytesIO(), Graph(), set()
        for line in (out / "actes-jsonld.jsonl").read_text(encoding="utf-8").splitlines():
            rows = triples(node_of(read_line(line)), skip=described, added=described)
            NTSerializer(rows).serialize(buffer)
            for row in rows:
                expected.add(row)
    finally:
        shutil.rmtree(out)
    if dump != buffer.getvalue():
        raise SystemExit("check: the dump differs from rdflib's N-Triples serialisation of the same triples")
    if not isomorphic(Graph().parse(data=dump.decode("utf-8"), format="nt"), expected):
        raise SystemExit("check: the dump does not load as the graph of the acts' triples")
    return f"check: the dump ({len(expected)} triples) is rdflib's serialisation of the acts' triples, byte for byte"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--text", action="store_true", help="give every act a 3 kB text with citations")
    parser.add_argument("--repeat", type=int, default=1, help="run each way N times, keep the fastest (less noise)")
    parser.add_argument("--linked-data", action="store_true", help="only the ways the linked-data ratios need")
    parser.add_argument("--check", action="store_true", help="check the dump against rdflib's serialiser (not timed)")
    parser.add_argument("--only", help="comma-separated ways besides baseline, csv, jsonld, jsonld+shacl")
    args = parser.parse_args()
    extra = {"text": TEXT} if args.text else {}
    acts = [
        make_deliberation(f"034-{SIREN}-20230216-{i:06d}-DE", numero=f"{i:06d}", **extra) for i in range(args.count)
    ]
    referential = Referential([Entry(SIREN, SIRET, "Commune de Valbrenne", None, 2)])
    if args.check:
        print(check_dump(acts, referential))
    ways = {
        "baseline": lambda out: baseline(acts, out),
        "csv": lambda out: export_acts(
            acts, out, ["scdl", "actes_csv", "provenance"], context=ExportContext(referential=referential)
        ),
        "csv+frictionless": lambda out: export_package(
            acts, out, referential=referential, formats=["scdl", "actes_csv", "provenance"]
        ),
        "jsonld": lambda out: linked_data(acts, out, referential, validate=False, parallel=False),
        "jsonld+shacl": lambda out: linked_data(acts, out, referential, validate=True, parallel=False),
        "jsonld+shacl worker": lambda out: linked_data(acts, out, referential, validate=True, parallel=True),
        "csv+jsonld": lambda out: export_acts(
            acts, out, ["scdl", "actes_csv", "provenance", "jsonld"], context=ExportContext(referential=referential)
        ),
        "exporters": lambda out: export_acts(acts, out, context=ExportContext(referential=referential)),
        "package": lambda out: export_package(acts, out, referential=referential),
    }
    if args.linked_data:
        ways = {name: way for name, way in ways.items() if name not in ("exporters", "package")}
    if args.only:  # the baseline and the ways the ratios read are always run
        keep = {"baseline", "csv", "jsonld", "jsonld+shacl", *args.only.split(",")}
        ways = {name: way for name, way in ways.items() if name in keep}
    seconds, cpu, split = {}, {}, {}
    for _ in range(args.repeat):
        for name, way in ways.items():
            out = Path(tempfile.mkdtemp(prefix=f"actes-bench-{name}-"))
            clock, processor = time.perf_counter(), time.process_time()
            result = way(out)
            elapsed, used = time.perf_counter() - clock, time.process_time() - processor
            cpu[name] = min(used, cpu.get(name, float("inf")))
            if elapsed < seconds.get(name, float("inf")):
                seconds[name] = elapsed
                if name.startswith("jsonld"):
                    split[name] = result
            shutil.rmtree(out)
    print(
        f"{args.count} délibérations"
        + (" with a 3 kB text" if args.text else "")
        + (f", best of {args.repeat}" if args.repeat > 1 else "")
        + "; wall and CPU seconds of this process (CPU: what other processes' load does not add)"
    )
    for name, value in seconds.items():
        print(
            f"{name:20} {value:7.2f} s  cpu {cpu[name]:7.2f} s  {args.count / value:8.0f} acts/s"
            f"  x{value / seconds['baseline']:.1f}"
        )
    for label, times in (("wall", seconds), ("cpu", cpu)):
        csv_seconds, checked = times["csv"], times.get("csv+frictionless")
        print(
            f"{label}: linked data / CSV exports: without validation (jsonld / csv) {times['jsonld'] / csv_seconds:.0%}"
            + (
                f"; with each side's validation (jsonld+shacl / csv+frictionless) {times['jsonld+shacl'] / checked:.0%}"
                if checked
                else ""
            )
            + f"; jsonld+shacl / csv {times['jsonld+shacl'] / csv_seconds:.0%}"
        )
        if "csv+jsonld" in times:
            print(
                f"{label}:   added to the CSV export by the validated linked data, in one export: "
                f"(csv+jsonld - csv) / csv {(times['csv+jsonld'] - csv_seconds) / csv_seconds:.0%}"
            )
    if "jsonld+shacl worker" in seconds and "csv+frictionless" in seconds:  # wall only: its worker's CPU is not ours
        print(
            f"wall: the check and the dump in a worker process: jsonld+shacl worker / csv+frictionless "
            f"{seconds['jsonld+shacl worker'] / seconds['csv+frictionless']:.0%}"
        )
    for name in ("jsonld", "jsonld+shacl", "jsonld+shacl worker"):
        if name in split:
            print(f"{name} split: " + ", ".join(f"{k} {v:.2f} s" for k, v in split[name].items()))


if __name__ == "__main__":
    main()
