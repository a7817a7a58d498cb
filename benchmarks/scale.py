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
The database copies the rows itself (``INSERT … SELECT``, indexes built after, no journal on
SQLite during the fill): a million acts in minutes, the same rows a copy made in Python writes.
A seed act of a séance keeps the séance's SIREN, hence its partition: its copies pile up in the
seed's partitions, which no night of other authorities touches.

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


ID_TOKEN, SIREN_TOKEN = "@@scale-act-id@@", "@@scale-siren@@"  # stand-ins in a seed act's JSON
COPIES_PER_STATEMENT = 200  # copies written by one INSERT … SELECT (about 25,000 acts of a 100-act seed)


def _templates(seed: dict[str, list[dict]]) -> dict[str, tuple[str, str]]:
    """Each seed act's JSON text and partition key with the copy's ID and SIREN left as tokens:
    the database writes a copy by replacing them, the same text ``json.dumps`` gives the copy."""
    from actes.store.partitions import key_of_data

    templates = {}
    for act in seed["acts"]:
        data = {**act["data"], "id": ID_TOKEN, "collectivite": {**act["data"]["collectivite"], "siren": SIREN_TOKEN}}
        text = json.dumps(data)
        if text.count(f'"{ID_TOKEN}"') != 1 or text.count(f'"{SIREN_TOKEN}"') != 1:
            raise ValueError(f"seed act {act['id']}: its JSON already holds a token")
        templates[act["id"]] = text, key_of_data(data)
    return templates


def plan(seed: dict[str, list[dict]], size: int, group: int) -> tuple[int, dict[str, str], list[int], dict]:
    """Who the copies are, without their rows: the acts written, each partition's seed partition,
    the seed inputs copied by each copy (all, but the last copy's first few), and the synthetic
    SIREN of each (seed authority, copy // group), numbered in the order the copies meet them."""
    templates = _templates(seed)
    acts_per_input: dict[int, list[dict]] = {}
    for act in seed["acts"]:
        acts_per_input.setdefault(act["input_id"], []).append(act)
    if not seed["acts"]:
        raise ValueError("the seed catalog holds no act")
    for act in seed["acts"]:  # the database writes the copy's ID into the JSON text as it is
        if json.dumps(f"{act['id']}-c1") != f'"{act["id"]}-c1"':
            raise ValueError(f"seed act {act['id']}: its copy's ID would be escaped in JSON")
    authorities: dict[tuple[str, int], str] = {}
    partitions: dict[str, str] = {}
    copies: list[int] = []
    written, copy = 0, 0
    while written < size:
        copy += 1
        taken = 0
        for item in seed["inputs"]:
            if written >= size:
                break
            taken += 1
            for act in acts_per_input.get(item["id"], []):
                authority = act["partition"].split("/", 1)[1], copy // group
                siren = authorities.setdefault(authority, luhn_siren(len(authorities)))
                partitions.setdefault(templates[act["id"]][1].replace(SIREN_TOKEN, siren), act["partition"])
                written += 1
        copies.append(taken)
    return written, partitions, copies, authorities


def _scratch(conn, seed: dict[str, list[dict]], copies: list[int], authorities: dict, group: int) -> None:
    """The seed's rows in temporary tables of the catalog's database, ranked in the order the
    copies write them (the order of the former row-by-row fill, hence the same IDs)."""
    from actes.store import tables as t

    templates = _templates(seed)
    scratch = sa.MetaData()

    def table(name: str, source: sa.Table, *extra: sa.Column) -> sa.Table:
        columns = [sa.Column(c.name, sa.Text if c.name == "data" else c.type) for c in source.columns if c.name != "id"]
        return sa.Table(name, scratch, sa.Column("rank", sa.Integer), *columns, *extra, prefixes=["TEMPORARY"])

    tables = {
        "inputs": table("scale_inputs", t.inputs),
        "acts": table("scale_acts", t.acts, sa.Column("input_rank", sa.Integer), sa.Column("seed_id", sa.Text),
                      sa.Column("authority", sa.Text)),
        "provenance": table("scale_provenance", t.provenance, sa.Column("input_rank", sa.Integer)),
        "problems": table("scale_problems", t.problems, sa.Column("input_rank", sa.Integer)),
        "copies": sa.Table("scale_copies", scratch, sa.Column("copy_no", sa.Integer), sa.Column("grp", sa.Integer),
                           sa.Column("inputs", sa.Integer), prefixes=["TEMPORARY"]),
        "sirens": sa.Table("scale_sirens", scratch, sa.Column("authority", sa.Text), sa.Column("grp", sa.Integer),
                           sa.Column("siren", sa.Text), prefixes=["TEMPORARY"]),
    }
    scratch.create_all(conn)
    input_rank = {item["id"]: rank for rank, item in enumerate(seed["inputs"], 1)}
    acts = sorted(seed["acts"], key=lambda a: input_rank[a["input_id"]])  # stable: the seed's order within an input
    rows: dict[str, list[dict]] = {name: [] for name in ("acts", "provenance", "problems")}
    by_act = {name: {} for name in ("provenance", "problems")}
    for name in by_act:
        for row in seed[name]:
            by_act[name].setdefault(row["act_id"], []).append(row)
    for rank, act in enumerate(acts, 1):
        data, key = templates[act["id"]]
        rows["acts"].append({**act, "rank": rank, "data": data, "partition": key, "seed_id": act["id"],
                             "input_rank": input_rank[act["input_id"]], "authority": act["partition"].split("/", 1)[1]})
        for name in by_act:
            for r in by_act[name].get(act["id"], []):
                rows[name].append({**r, "rank": len(rows[name]) + 1, "input_rank": input_rank[act["input_id"]]})
    conn.execute(sa.insert(tables["inputs"]), [{**{k: v for k, v in i.items() if k != "id"}, "rank": input_rank[i["id"]]}
                                               for i in seed["inputs"]])
    for name, batch in rows.items():
        if batch:
            conn.execute(sa.insert(tables[name]), [{k: v for k, v in r.items() if k != "id"} for r in batch])
    conn.execute(sa.insert(tables["copies"]), [{"copy_no": c, "grp": c // group, "inputs": n} for c, n in enumerate(copies, 1)])
    conn.execute(sa.insert(tables["sirens"]), [{"authority": a, "grp": g, "siren": s} for (a, g), s in authorities.items()])


def _secondary_indexes(conn, names: list[str]) -> list[str]:
    """Drop the indexes of these tables that no constraint needs, returning how to build them again."""
    if conn.dialect.name == "sqlite":
        found = conn.execute(sa.text(
            "select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in "
            f"({', '.join(repr(n) for n in names)})"
        )).all()
    else:
        found = conn.execute(sa.text(
            "select indexname, indexdef from pg_indexes where schemaname = current_schema() and tablename in "
            f"({', '.join(repr(n) for n in names)}) and indexname not in (select conname from pg_constraint)"
        )).all()
    for name, _ in found:
        conn.execute(sa.text(f'drop index "{name}"'))
    return [sql for _, sql in found]


def fill(url: str, size: int, seed: dict[str, list[dict]], group: int) -> tuple[int, dict[str, str]]:
    """Copies of the seed's rows until the catalog holds ``size`` acts, each ``group`` copies of a
    seed authority under one synthetic authority; returns the acts written and, for each
    partition of the catalog, the seed partition it copies.

    The database copies the rows itself (``INSERT … SELECT`` over the seed's rows × the copies,
    IDs computed), with the secondary indexes built after, and on SQLite without a journal or
    syncing for the fill only: the rows are those the former row-by-row fill wrote, in hours at
    a million acts."""
    from actes.store import Catalog
    from actes.store import tables as t

    written, partitions, copies, authorities = plan(seed, size, group)
    catalog = Catalog(url)  # creates and migrates the schema
    try:  # the copies' IDs are numbered from 1: rows already there would collide with them
        if catalog.counts()["acts"]:
            shown = sa.engine.make_url(str(url)).render_as_string(hide_password=True)
            raise SystemExit(f"{shown}: the catalog already holds acts; the fill copies into an empty one")
    finally:
        catalog.close()
    engine = sa.create_engine(url)
    sqlite = engine.dialect.name == "sqlite"
    if sqlite:
        @sa.event.listens_for(engine, "connect")
        def _functions(dbapi_connection, _record) -> None:
            dbapi_connection.create_function(
                "scale_sha256", 1, lambda text: hashlib.sha256(text.encode()).hexdigest(), deterministic=True
            )
        digest = "scale_sha256(cast(c.copy_no as text) || ':' || s.digest)"
        as_json = "{}"
    else:
        digest = "encode(sha256(convert_to(cast(c.copy_no as text) || ':' || s.digest, 'UTF8')), 'hex')"
        as_json = "cast({} as json)"
    n_inputs, n_provenance, n_problems = len(seed["inputs"]), len(seed["provenance"]), len(seed["problems"])
    new_id = "s.seed_id || '-c' || cast(c.copy_no as text)"
    act_id = "s.act_id || '-c' || cast(c.copy_no as text)"

    def columns(table: sa.Table, computed: dict[str, str]) -> tuple[str, str]:
        names = [c.name for c in table.columns]
        return ", ".join(f'"{n}"' for n in names), ", ".join(computed.get(n, f's."{n}"') for n in names)

    statements = []
    for table, source, joins, computed in (
        (t.inputs, "scale_inputs", "s.rank <= c.inputs",
         {"id": f"(c.copy_no - 1) * {n_inputs} + s.rank", "digest": digest, "run_id": ":run_id"}),
        (t.acts, "scale_acts", "s.input_rank <= c.inputs join scale_sirens z on z.authority = s.authority and z.grp = c.grp",
         {"id": new_id, "input_id": f"(c.copy_no - 1) * {n_inputs} + s.input_rank", "collectivite_siren": "z.siren",
          "data": as_json.format(f"replace(replace(s.data, '{ID_TOKEN}', {new_id}), '{SIREN_TOKEN}', z.siren)"),
          "partition": f"replace(s.partition, '{SIREN_TOKEN}', z.siren)", "run_id": ":run_id"}),
        (t.provenance, "scale_provenance", "s.input_rank <= c.inputs",
         {"id": f"(c.copy_no - 1) * {n_provenance} + s.rank", "act_id": act_id}),
        (t.problems, "scale_problems", "s.input_rank <= c.inputs",
         {"id": f"(c.copy_no - 1) * {n_problems} + s.rank", "act_id": act_id}),
    ):
        names, values = columns(table, computed)
        statements.append(sa.text(
            f'insert into "{table.name}" ({names}) select {values} from scale_copies c join {source} s on {joins} '
            "where c.copy_no between :first and :last order by c.copy_no, s.rank"
        ))
    with engine.connect() as conn:
        if sqlite:
            for pragma in ("journal_mode=OFF", "synchronous=OFF", "cache_size=-262144", "temp_store=MEMORY"):
                conn.exec_driver_sql(f"PRAGMA {pragma}")
        run_id = conn.execute(
            sa.insert(t.runs).values(started_at=sa.func.now(), status="done", extractor_version="scale", inbox="scale")
        ).inserted_primary_key[0]
        _scratch(conn, seed, copies, authorities, group)
        indexes = _secondary_indexes(conn, ["inputs", "acts", "provenance", "problems"])
        conn.commit()
        for first in range(1, len(copies) + 1, COPIES_PER_STATEMENT):
            for statement in statements:
                conn.execute(statement, {"first": first, "last": first + COPIES_PER_STATEMENT - 1, "run_id": run_id})
            conn.commit()
            print(f"fill: {min(first + COPIES_PER_STATEMENT - 1, len(copies))}/{len(copies)} copies", file=sys.stderr)
        for sql in indexes:
            conn.execute(sa.text(sql))
        for name in ("inputs", "acts", "provenance", "problems", "copies", "sirens"):
            conn.execute(sa.text(f"drop table scale_{name}"))
        if not sqlite:  # the IDs were given: the next ones come after them
            for name in ("inputs", "provenance", "problems"):
                conn.execute(sa.text(
                    f"select setval(pg_get_serial_sequence('{name}', 'id'), coalesce((select max(id) from {name}), 1))"
                ))
        conn.commit()
        if sqlite:
            conn.exec_driver_sql("PRAGMA journal_mode=WAL")  # the catalog's own settings for the night
            conn.exec_driver_sql("PRAGMA synchronous=NORMAL")
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
