"""A night of new acts against catalogs of growing size: which stages grow with the catalog.

    .venv/bin/python -m benchmarks.scale --sizes 10000,100000 [--night 200] [--whole-files none]
                                         [--pg postgresql+psycopg://127.0.0.1/test]

A seed catalog and its package are made once by ``actes run`` over generated acts; each catalog
of SIZE acts is filled with copies of the seed's rows (inputs, acts, provenance, problems; new
digests and act IDs, the act's JSON carrying its new ID), on SQLite and, with ``--pg``, in a
PostgreSQL schema of its own. Copies are given synthetic authorities (a Luhn-valid SIREN per
``--group`` copies of one seed authority), so that partitions hold about as many acts as an
authority's year does (``--group`` × the seed authority's acts) and their number grows with the
catalog as it would.

The package already published for that catalog is not exported again (a full export of 100,000
acts takes hours on our machine): each synthetic partition's folder is hard links to its seed
partition's files, and ``datapackage.json`` lists them all with their seed checksums, ``until``
being the end of the fill. Those files are one seed partition's, not the G copies the catalog
holds: the night never reads them, except to join the whole files (``--whole-files all|tables``),
whose cost is then understated by that factor — measure it apart (docs/batch.md).

Then the same night (NIGHT generated acts the catalog does not hold) runs with
``actes run --workers 2`` as a clerk runs it, and the benchmark prints its stages' seconds
(extract, store, export), the partitions written, the peak resident memory of the ``actes run``
process over the whole run and over its export stage, per catalog size, with the ratio to the
smallest size: a stage that grows with the catalog shows here.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
CHUNK = 5_000  # rows per INSERT batch


def generate(inbox: Path, count: int, seed: str) -> None:
    from fixtures.generator import generate as make_acts

    make_acts(inbox, count, seed)
    for path in [*inbox.glob("*.expected.json"), *inbox.glob("labels.jsonl")]:
        path.unlink()  # answers, not inbox files


def actes_run(inbox: Path, out: Path, db: str | None = None, whole: str = "all") -> tuple[dict, float, float, float]:
    """The run's report, its wall clock, the peak RSS (MB) of the ``actes run`` process, and its
    peak RSS during the export (the last ``export`` seconds before the report is written)."""
    import psutil

    command = [
        sys.executable,
        "-m",
        "actes",
        "run",
        str(inbox),
        "--out",
        str(out),
        "--workers",
        "2",
        "--json",
        "--whole-files",
        whole,
    ]
    if db:
        command += ["--db", db]
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    samples: list[tuple[float, int]] = []

    def watch() -> None:
        try:
            process = psutil.Process(child.pid)
            while child.poll() is None:
                samples.append((time.perf_counter(), process.memory_info().rss))
                time.sleep(0.05)
        except psutil.NoSuchProcess:
            pass

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    stdout, stderr = child.communicate()
    end = time.perf_counter()
    watcher.join()
    if child.returncode not in (0, 1):
        sys.exit(f"actes run failed ({child.returncode}):\n{stderr[-3000:]}")
    report = json.loads(stdout)
    export_from = end - report["seconds"].get("export", 0) - 1.0  # the report and its page follow the export
    peak = max((rss for _, rss in samples), default=0)
    export_peak = max((rss for moment, rss in samples if moment >= export_from), default=0)
    return report, end - start, peak / 2**20, export_peak / 2**20


def luhn_siren(number: int) -> str:
    """A Luhn-valid 9-digit SIREN, the ``number``-th synthetic one."""
    body = f"{900000000 // 10 + number:08d}"
    for last in "0123456789":
        digits = [int(c) for c in body + last]
        total = sum(d if i % 2 == 0 else (d * 2 - 9 if d * 2 > 9 else d * 2) for i, d in enumerate(reversed(digits)))
        if total % 10 == 0:
            return body + last
    raise AssertionError("unreachable")


def seed_rows(seed_db: Path) -> dict[str, list[dict]]:
    from actes.store import tables as t

    engine = sa.create_engine(f"sqlite:///{seed_db}")
    with engine.connect() as conn:
        rows = {
            name: [dict(r._mapping) for r in conn.execute(sa.select(t.metadata.tables[name]))]
            for name in ("inputs", "acts", "provenance", "problems")
        }
    engine.dispose()
    return rows


def fill(url: str, size: int, seed: dict[str, list[dict]], group: int) -> tuple[int, dict[str, str]]:
    """Copies of the seed's rows until the catalog holds ``size`` acts, each ``group`` copies of a
    seed authority under one synthetic authority; returns the acts written and, for each
    partition of the catalog, the seed partition it copies."""
    from actes.store import Catalog
    from actes.store import tables as t
    from actes.store.partitions import key_of_data

    authorities: dict[tuple[str, int], str] = {}
    partitions: dict[str, str] = {}

    Catalog(url).close()  # creates and migrates the schema
    engine = sa.create_engine(url)
    written, copy = 0, 0
    acts_per_input: dict[int, list[dict]] = {}
    for act in seed["acts"]:
        acts_per_input.setdefault(act["input_id"], []).append(act)
    by_act = {name: {} for name in ("provenance", "problems")}
    for name in by_act:
        for row in seed[name]:
            by_act[name].setdefault(row["act_id"], []).append(row)
    with engine.begin() as conn:
        run_id = conn.execute(
            sa.insert(t.runs).values(started_at=sa.func.now(), status="done", extractor_version="scale", inbox="scale")
        ).inserted_primary_key[0]
    while written < size:
        copy += 1
        batch = {"inputs": [], "acts": [], "provenance": [], "problems": []}
        for item in seed["inputs"]:
            if written >= size:
                break
            digest = hashlib.sha256(f"{copy}:{item['digest']}".encode()).hexdigest()
            batch["inputs"].append({**{k: v for k, v in item.items() if k != "id"}, "digest": digest, "run_id": run_id})
            for act in acts_per_input.get(item["id"], []):
                new_id = f"{act['id']}-c{copy}"
                seed_key = act["partition"]
                authority = seed_key.split("/", 1)[1], copy // group
                siren = authorities.setdefault(authority, luhn_siren(len(authorities)))
                data = {**act["data"], "id": new_id, "collectivite": {**act["data"]["collectivite"], "siren": siren}}
                key = key_of_data(data)
                partitions.setdefault(key, seed_key)
                batch["acts"].append(
                    {
                        **act,
                        "id": new_id,
                        "data": data,
                        "collectivite_siren": siren,
                        "partition": key,
                        "run_id": run_id,
                        "_digest": digest,
                    }
                )
                for name in by_act:
                    batch[name].extend(
                        {**{k: v for k, v in r.items() if k != "id"}, "act_id": new_id}
                        for r in by_act[name].get(act["id"], [])
                    )
                written += 1
        with engine.begin() as conn:
            for start in range(0, len(batch["inputs"]), CHUNK):
                conn.execute(sa.insert(t.inputs), batch["inputs"][start : start + CHUNK])
            ids = dict(
                conn.execute(
                    sa.select(t.inputs.c.digest, t.inputs.c.id).where(
                        t.inputs.c.digest.in_([i["digest"] for i in batch["inputs"]])
                    )
                ).all()
            )
            acts = [
                {**{k: v for k, v in a.items() if k != "_digest"}, "input_id": ids[a["_digest"]]} for a in batch["acts"]
            ]
            for name, rows in (("acts", acts), ("provenance", batch["provenance"]), ("problems", batch["problems"])):
                for start in range(0, len(rows), CHUNK):
                    conn.execute(sa.insert(t.metadata.tables[name]), rows[start : start + CHUNK])
    engine.dispose()
    return written, partitions


def fake_package(out: Path, seed_out: Path, partitions: dict[str, str]) -> None:
    """The package published before the night: each partition's folder hard links to its seed
    partition's files, listed in datapackage.json with their checksums (see the module)."""
    from actes.exporters.selection import now

    descriptor = json.loads((seed_out / "datapackage.json").read_text(encoding="utf-8"))
    seed_state = descriptor["actes"]["partitioning"]["partitions"]
    state = {}
    for key, seed_key in partitions.items():
        folder = out / "partitions" / key
        folder.mkdir(parents=True, exist_ok=True)
        for path in (seed_out / "partitions" / seed_key).iterdir():
            (folder / path.name).hardlink_to(path)
        state[key] = seed_state[seed_key]
    descriptor["actes"]["partitioning"] |= {"partitions": state, "until": now().isoformat()}
    (out / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")


def pg_url(base: str, size: int) -> str:
    schema = f"actes_scale_{size}"
    engine = sa.create_engine(base)
    with engine.begin() as conn:
        conn.execute(sa.text(f"drop schema if exists {schema} cascade"))
        conn.execute(sa.text(f"create schema {schema}"))
    engine.dispose()
    return f"{base}?options=-csearch_path%3D{schema}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.scale", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--night", type=int, default=200, help="new acts in the night")
    parser.add_argument("--seed-acts", type=int, default=100, help="generated acts the catalogs are copied from")
    parser.add_argument("--pg", help="PostgreSQL URL: also measure there (one schema per size)")
    parser.add_argument("--group", type=int, default=50, help="copies of a seed authority under one synthetic one")
    parser.add_argument("--whole-files", default="none", choices=["all", "tables", "none"])
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="actes-scale-"))
    night, seed_inbox = work / "night", work / "seed-inbox"
    if not night.is_dir():
        generate(night, args.night, "night")
    if not (work / "seed" / "actes.db").is_file():
        generate(seed_inbox, args.seed_acts, "scale-seed")
        actes_run(seed_inbox, work / "seed")
    seed = seed_rows(work / "seed" / "actes.db")
    print(f"seed: {len(seed['acts'])} acts, {len(seed['provenance'])} provenance rows", file=sys.stderr)
    results = []
    for backend in ["sqlite"] + (["postgresql"] if args.pg else []):
        for size in [int(s) for s in args.sizes.split(",")]:
            out = work / f"{backend}-{size}"
            shutil.rmtree(out, ignore_errors=True)
            out.mkdir(parents=True)
            url = pg_url(args.pg, size) if backend == "postgresql" else f"sqlite:///{out / 'actes.db'}"
            start = time.perf_counter()
            acts, partitions = fill(url, size, seed, args.group)
            fake_package(out, work / "seed", partitions)
            filled = time.perf_counter() - start
            report, wall, rss, export_rss = actes_run(
                night, out, url if backend == "postgresql" else None, args.whole_files
            )
            stages = report["seconds"]
            written = report.get("partitions") or {}
            results.append(
                {
                    "backend": backend,
                    "catalog_acts": acts,
                    "partitions": written.get("total"),
                    "fill_s": round(filled, 1),
                    "night_acts": report["acts"],
                    "partitions_written": written.get("rewritten"),
                    "rebuilt": written.get("rebuilt"),
                    "wall_s": round(wall, 2),
                    "first_act_s": report.get("first_act_s"),
                    "extract_s": round(stages.get("extract", 0) + stages.get("start_workers", 0), 2),
                    "store_s": round(stages.get("store", 0), 2),
                    "export_s": round(stages.get("export", 0), 2),
                    "peak_rss_mb": round(rss),
                    "export_peak_rss_mb": round(export_rss),
                    "whole_files": args.whole_files,
                    "failed": len(report["failed"]),
                    "load_average": [round(x, 2) for x in os.getloadavg()],
                }
            )
            print(json.dumps(results[-1]), file=sys.stderr)
    print(json.dumps(results, indent=2))
    print(
        "\n| backend | catalog acts | partitions | night acts (written) | wall | extract | store | export "
        "| peak RSS run / export |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    first: dict[str, dict] = {}
    for r in results:
        base = first.setdefault(r["backend"], r)

        def grow(name: str, r=r, base=base) -> str:
            return f" ({r[name] / base[name]:.2f}×)" if base[name] and r is not base else ""

        print(
            f"| {r['backend']} | {r['catalog_acts']:,} | {r['partitions']} | {r['night_acts']} "
            f"({r['partitions_written']}) | {r['wall_s']} s{grow('wall_s')} | {r['extract_s']} s "
            f"| {r['store_s']} s{grow('store_s')} | {r['export_s']} s{grow('export_s')} "
            f"| {r['peak_rss_mb']} / {r['export_peak_rss_mb']} MB{grow('export_peak_rss_mb')} |"
        )
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
