"""The nightly package, partitioned and incremental: only the partitions a night changed are
written again and validated, so the export grows with the night, not with the catalog.

    OUT/partitions/<year>/<siren>/   one small package per partition: every format's file,
                                     its datapackage.json (checksums) and validation.json
    OUT/datapackage.json             one resource per format whose ``path`` lists the partitions'
                                     files (a Frictionless multipart resource: one table, the
                                     header once); per-partition checksums, counts and validity
                                     under ``actes.partitioning``, with the moment it was written
    OUT/validation.json              counts summed over every partition, every row that did
                                     not pass as it was (the untouched partitions' carried over)
    OUT/deliberations.csv …          whole files for a user who wants one file: the partitions'
                                     files joined, header once (``whole``: all, tables = the
                                     CSV files, none)

Which partitions: those ``partition_changes`` says changed since the previous package's
``until`` (``actes.store.partitions``). Everything is rebuilt when there is no previous
partitioned package, when what shapes every file changed (versions, referential, policy,
formats), or on demand (``full=True``, ``actes export --full``). Each partition is written in
``OUT/.partial/`` and moved into place once valid-or-not is known; ``datapackage.json`` is
written last, so a crash leaves the previous package's description, and the next export
rewrites the same partitions again.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from actes.exporters import EXPORTERS, get_exporter
from actes.exporters import datapackage as dp
from actes.exporters.context import ExportContext
from actes.exporters.jsonld import Batch
from actes.exporters.package import SECTIONS, STAGING, PackageReport, _write_json
from actes.exporters.parallel import write_partitions
from actes.exporters.selection import Selection, now, parse_moment
from actes.exporters.validation import report as validation
from actes.referential import Referential
from actes.schemas.act import Act
from actes.store import Catalog
from actes.store import partitions as parts
from actes.version import EXTRACTOR_VERSION, __version__

FOLDER = "partitions"
# The JSON-LD of the partitions is checked by batches (``jsonld.Batch``: one pyshacl pass each, at
# most ``Batch.LIMIT`` acts), settled at least every this many partitions (two files open each);
# a partition is described when its batch is settled.
BATCH_PARTITIONS = 200
LAYOUT = 1  # bump when the partition key or the files of a partition change: forces a rebuild
WHOLE = ("all", "tables", "none")
TRASH = ".replaced"


def export_partitioned(
    catalog: Catalog,
    out: str | Path,
    *,
    referential: Referential | None = None,
    publish_invalid: bool = False,
    prepare: Callable[[Act], Act | None],
    formats: list[str] | None = None,
    full: bool = False,
    whole: str = "all",
) -> PackageReport:
    """Bring the partitioned package under ``out`` up to date with ``catalog``; see the module."""
    if whole not in WHOLE:
        raise ValueError(f"whole files: {whole!r} is not one of {', '.join(WHOLE)}")
    out, clock = Path(out), time.perf_counter()
    until = now()
    formats = formats or list(EXPORTERS)
    settings = _settings(referential, publish_invalid, formats)
    previous = _previous_state(out)
    rebuild = full or previous is None or previous.get("settings") != settings
    with catalog.engine.connect() as conn:
        if rebuild:
            touched = parts.all_keys(conn)
        else:
            touched = parts.changed_since(conn, parse_moment(previous["until"]))
    state: dict[str, dict] = {} if rebuild else dict(previous["partitions"])
    staging = out / STAGING
    shutil.rmtree(staging, ignore_errors=True)
    rows = [] if rebuild else _previous_rows(out, touched)  # validation.json rows of the untouched partitions
    written: dict[str, tuple[dict, dict]] = {}
    # what the exporters learn once for all partitions (the SHACL checks' act forms), and the batch
    # of SHACL checks that several partitions share
    shared: dict = {"shacl_batch": Batch()}
    timings: Counter = Counter()  # seconds per step of the export, for the run report

    def write_one(key: str, timings: Counter) -> tuple[dict | None, dict]:
        return _write_partition(catalog, key, staging / FOLDER / key, referential=referential,
                                publish_invalid=publish_invalid, prepare=prepare, formats=formats, shared=shared,
                                timings=timings)

    # on two processes when there are two cores (actes.exporters.parallel)
    results = write_partitions(sorted(touched), write_one, prepare=prepare, catalog=catalog, timings=timings,
                               settle=lambda timings: settle(shared, timings))
    for key, (entry, result) in results.items():
        if entry is None:
            state.pop(key, None)
        else:
            written[key] = (entry, result)
    # One Frictionless pass over the partitions written now: its cost is per resource, not per partition.
    with _step(timings, "frictionless"):
        checked = _frictionless(staging, {key: entry for key, (entry, _) in written.items()}, formats)
    with _step(timings, "move"):
        for key, (entry, result) in written.items():
            result["frictionless"] = checked[key]
            result["valid"] = result["valid"] and checked[key]["valid"]
            _write_compact(staging / FOLDER / key / validation.FILENAME, result)
            state[key] = entry | {"valid": result["valid"], "frictionless_valid": checked[key]["valid"]}
            rows.extend({"partition": key, **row} for row in result["rows"])
        _move_into_place(out, staging, touched, state, rebuild)
        resources = _resources(out, state, formats)
    with _step(timings, "whole_files"):
        whole_files = _write_whole_files(out, resources, whole) if state else _empty_files(out, formats, whole)
        shutil.rmtree(staging, ignore_errors=True)
    with _step(timings, "package_files"):
        rows.sort(key=lambda row: row["partition"])  # the package's order, whatever was written when
        summary = _validation(state, rows, referential, publish_invalid)
        _write_compact(out / validation.FILENAME, summary)
        selection = Selection(until=until)
        descriptor = dp.package(resources, selection, now())
        descriptor["actes"]["partitioning"] = {
            "layout": f"{FOLDER}/<year>/<siren>/",
            "until": until.isoformat(),
            "settings": settings,
            "partitions": state,
        }
        descriptor["actes"]["whole_files"] = whole_files
        _write_compact(out / dp.FILENAME, descriptor)  # last: the package's description follows its files
    files = {"datapackage": out / dp.FILENAME, "validation": out / validation.FILENAME}
    for name in formats:  # the whole files, by exporter name as export_package reports them
        filename = get_exporter(name).filename
        if filename in whole_files:
            files[name] = out / filename
    report = PackageReport(out, files, summary["counts"], summary["valid"], selection)
    report.partitions = {
        "total": len(state),
        "rewritten": len([k for k in touched if k in state]),
        "removed": len([k for k in touched if k not in state]),
        "rebuilt": rebuild,
        "seconds": round(time.perf_counter() - clock, 3),
        "steps": {step: round(seconds, 3) for step, seconds in timings.most_common()},
    }
    return report


def _write_compact(path: Path, data: dict) -> None:
    """The package-level JSON files, one line per top-level key: they list every partition, and
    Python's JSON encoder is ten times slower with ``indent`` (it leaves its C encoder)."""
    lines = [f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}" for key, value in data.items()]
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")
    os.replace(partial, path)


def _settings(referential: Referential | None, publish_invalid: bool, formats: list[str]) -> dict:
    """What shapes every partition's files: when it changes, every partition is written again."""
    digest = hashlib.sha256(repr(referential.entries).encode()).hexdigest() if referential is not None else None
    return {
        "layout": LAYOUT,
        "version": __version__,
        "extractor_version": EXTRACTOR_VERSION,
        "referential": digest,
        "publish_invalid": publish_invalid,
        "formats": sorted(formats),
        "sources": dp.package_source(),
    }


def _previous_state(out: Path) -> dict | None:
    path = out / dp.FILENAME
    if not path.is_file():
        return None
    try:
        state = json.loads(path.read_text(encoding="utf-8"))["actes"]["partitioning"]
    except (ValueError, KeyError, TypeError):
        return None  # a package written whole, or unreadable: rebuild
    return state if isinstance(state.get("partitions"), dict) and state.get("until") else None


def _write_partition(
    catalog: Catalog, key: str, folder: Path, *, referential, publish_invalid, prepare, formats, shared: dict,
    timings: Counter | None = None,
) -> tuple[dict | None, dict] | Later:
    """One partition's files, data package and validation report; (None, {}) when it holds no act now.
    A ``Later`` when its linked data waits for a batch's SHACL check (``shared["shacl_batch"]``):
    ``settle`` completes it. ``timings``: seconds added per step (reading, privacy, each exporter, SHACL)."""
    timings = Counter() if timings is None else timings
    clock = time.perf_counter
    siren = key.split("/", 1)[1]
    context = ExportContext(
        referential=referential,
        publish_invalid=publish_invalid,
        catalog=catalog,
        file_prefix=f"{FOLDER}/{key}/",
        partition=key,
        siren=siren if siren.isdigit() else None,  # a partition of acts without SIREN cites none
        shared=shared,
    )
    exporters = [get_exporter(name)(context) for name in formats]
    for exporter in exporters:
        start = clock()
        exporter.start(folder)
        timings[exporter.name] += clock() - start
    seen, unpublished = 0, []
    start = clock()
    for act in parts.acts_of(catalog, key):
        seen += 1
        between = clock()
        timings["read"] += between - start  # the act read from the catalog (its Act model validated)
        ready = prepare(act)
        start = clock()
        timings["privacy"] += start - between
        if ready is None:
            unpublished.append(act.id)
            continue
        for exporter in exporters:
            exporter.write(ready)
            done = clock()
            timings[exporter.name] += done - start
            start = done
    timings["read"] += clock() - start
    for exporter in exporters:
        start = clock()
        exporter.finish()
        timings[exporter.name] += clock() - start
        if (shacl := getattr(exporter, "seconds", {}).get("shacl")) is not None:
            timings[exporter.name] -= shacl  # the SHACL checks apart from the rest of the linked data
            timings["shacl"] += shacl
    later = Later(lambda: _describe_partition(context, exporters, folder, seen, unpublished, timings))
    batch = shared.get("shacl_batch")
    if batch is None:
        return later.done()
    batch.later.append(later)  # the linked data is written once the batch is checked
    if len(batch.later) >= BATCH_PARTITIONS:
        settle(shared, timings)
    return later


@contextmanager
def _step(timings: Counter, name: str) -> Iterator[None]:
    """The seconds of a ``with`` block added to the export's step ``name`` (the run report's ``partitions.steps``)."""
    start = time.perf_counter()
    try:
        yield
    finally:
        timings[name] += time.perf_counter() - start


class Later:
    """A partition whose description waits for its linked data (``jsonld.Batch``)."""

    def __init__(self, describe: Callable[[], tuple[dict | None, dict]]) -> None:
        self._describe, self.value = describe, None

    def done(self) -> tuple[dict | None, dict]:
        if self.value is None:
            self.value = self._describe()
        return self.value


def settle(shared: dict, timings: Counter) -> None:
    """The SHACL checks of the partitions waiting in one pass (``jsonld.Batch``), then their descriptions."""
    batch = shared.get("shacl_batch")
    if batch is None:
        return
    batch.settle()
    for step in batch.seconds:  # this settle's and those the batch made itself (Batch.add)
        timings[step] += batch.seconds[step]
        batch.seconds[step] = 0.0
    later, batch.later = batch.later, []
    for one in later:
        one.done()


def _describe_partition(context, exporters, folder: Path, seen: int, unpublished: list, timings: Counter):
    clock = time.perf_counter
    start = clock()
    if not seen:
        shutil.rmtree(folder, ignore_errors=True)
        return None, {}
    descriptor = dp.describe(exporters, folder, Selection(), now())
    _write_compact(folder / dp.FILENAME, descriptor)  # each partition is a data package of its own
    counts = {"acts": seen, "not_published": len(unpublished), **{e.filename: e.rows for e in exporters}}
    result = validation.build(context, counts, {"valid": True}, unpublished)  # Frictionless: _frictionless
    for exporter in exporters:
        if (section := exporter.validation()) is not None:
            result["counts"].update(section.pop("counts", {}))
            result[SECTIONS.get(exporter.name, exporter.name)] = section
            result["valid"] = result["valid"] and section.get("valid", True)
    entry = {
        "acts": seen,
        "counts": result["counts"],
        "not_found": result["referential"]["not_found"],
        "not_published": unpublished,  # kept out by prepare() (privacy review)
        "resources": {  # resource name → its file's checksums here (the schemas are the package's)
            r["name"]: {k: r[k] for k in ("path", "hash", "bytes") if k in r} | {"rows": r["stats"].get("rows")}
            for r in descriptor["resources"]
        },
    }
    timings["describe"] += clock() - start  # the partition's datapackage.json and validation rows
    return entry, result


def _frictionless(staging: Path, written: dict[str, dict], formats: list[str]) -> dict[str, dict]:
    """Validate the partitions written now as one package whose resources join their files (the
    header once: opening a thousand small parts costs Frictionless more than reading one file),
    and give each partition the errors of its own rows (by row offsets); an error without a row
    goes to every partition of its resource."""
    checked = {key: {"valid": True, "errors": [], "resources": []} for key in written}
    if not written:
        return checked
    resources = _resources(staging, written, formats, copy=False)
    joined = staging / ".joined"
    joined.mkdir()
    for resource in resources:
        if isinstance(resource["path"], list):
            target = joined / Path(resource["path"][0]).name
            _join(staging, resource["path"], target, resource.get("format") == "csv")
            resource["path"] = str(target.relative_to(staging))
    descriptor = dp.package(resources, Selection(), now())
    _write_json(staging / dp.FILENAME, descriptor)
    summary = validation.frictionless_summary(staging / dp.FILENAME)
    if summary["errors"]:  # errors of the package itself
        for key in checked:
            checked[key] = {"valid": False, "errors": summary["errors"], "resources": []}
    for task in summary["resources"]:
        owners = [
            (key, entry["resources"][task["name"]].get("rows") or 0)
            for key, entry in sorted(written.items())
            if task["name"] in entry["resources"]
        ]
        for key, _ in owners:
            checked[key]["resources"].append({"name": task["name"], "valid": task["valid"]})
        for error in task["errors"]:
            for key in _owners_of(error.get("row"), owners):
                checked[key]["valid"] = False
                checked[key]["errors"].append({**error, "resource": task["name"]})
        if not task["valid"] and not task["errors"]:
            for key, _ in owners:
                checked[key]["valid"] = False
    (staging / dp.FILENAME).unlink()
    shutil.rmtree(joined)
    return checked


def _join(root: Path, paths: list[str], target: Path, csv: bool) -> tuple[str, int]:
    """The files at ``paths`` (under ``root``) joined into ``target``, a CSV's header once; its sha256 and size."""
    sha, size = hashlib.sha256(), 0
    with open(target, "wb") as out:
        for number, path in enumerate(paths):
            with open(root / path, "rb") as source:
                if number and csv:
                    source.readline()  # the header, written once
                while chunk := source.read(1 << 20):
                    out.write(chunk)
                    sha.update(chunk)
                    size += len(chunk)
    return sha.hexdigest(), size


def _owners_of(row: int | None, owners: list[tuple[str, int]]) -> list[str]:
    """The partition whose rows hold multipart row ``row`` (the header is row 1); all without a row."""
    if row is None:
        return [key for key, _ in owners]
    index, start = row - 2, 0
    for key, rows in owners:
        if index < start + rows:
            return [key]
        start += rows
    return [owners[-1][0]] if owners else []


def _move_into_place(out: Path, staging: Path, touched: set[str], state: dict, rebuild: bool) -> None:
    """Each written partition replaces its folder; partitions that hold nothing now are removed."""
    trash = out / TRASH
    root = out / FOLDER
    for key in sorted(touched):
        target = root / key
        if target.exists():
            target.rename(_unique(trash, key))
        if key in state:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / FOLDER / key, target)
    if rebuild and root.is_dir():  # folders of partitions the catalog no longer has
        for year in root.iterdir():
            for folder in year.iterdir() if year.is_dir() else []:
                if f"{year.name}/{folder.name}" not in state:
                    folder.rename(_unique(trash, f"{year.name}/{folder.name}"))
    shutil.rmtree(trash, ignore_errors=True)
    if root.is_dir():
        for year in root.iterdir():
            if year.is_dir() and not any(year.iterdir()):
                year.rmdir()


def _unique(trash: Path, key: str) -> Path:
    trash.mkdir(parents=True, exist_ok=True)
    return trash / f"{key.replace('/', '-')}-{uuid.uuid4().hex[:8]}"


def _resources(out: Path, state: dict, formats: list[str], copy: bool = True) -> list[dict]:
    """One package resource per format's file: the partitions' files in key order (a multipart
    resource: one table, the header once), rows summed. A file every partition writes
    identically (the JSON-LD context) is published once, at the top."""
    resources = []
    for name in formats:
        for resource in get_exporter(name)(ExportContext()).resources():
            present = [
                (key, state[key]["resources"][resource["name"]])
                for key in sorted(state)
                if resource["name"] in state[key]["resources"]
            ]
            if not present:
                continue
            hashes = {r["hash"] for _, r in present}
            if len(hashes) == 1 and resource.get("profile") != "tabular-data-resource":
                if copy:
                    shutil.copyfile(out / FOLDER / present[0][0] / resource["path"], out / resource["path"])
                resource["path"] = f"{FOLDER}/{present[0][0]}/{resource['path']}" if not copy else resource["path"]
                resource |= {"hash": hashes.pop(), "bytes": present[0][1]["bytes"]}
            else:
                resource["path"] = [f"{FOLDER}/{key}/{r['path']}" for key, r in present]
                if resource.get("profile") == "tabular-data-resource":
                    resource["stats"] = {"rows": sum(r["rows"] or 0 for _, r in present)}
            resources.append(resource)
    return resources


def _write_whole_files(out: Path, resources: list[dict], whole: str) -> dict[str, dict]:
    """The partitions' files of each resource joined into one file at the top (CSV: header once)."""
    written: dict[str, dict] = {}
    for resource in resources:
        if not isinstance(resource["path"], list):
            continue
        name = Path(resource["path"][0]).name
        tabular = resource.get("profile") == "tabular-data-resource"
        if whole == "none" or (whole == "tables" and resource.get("format") != "csv"):
            (out / name).unlink(missing_ok=True)  # no stale whole file beside fresher partitions
            continue
        partial = out / f".{name}.partial"
        sha, size = _join(out, resource["path"], partial, resource.get("format") == "csv")
        rows = 0
        if tabular:
            rows = resource.get("stats", {}).get("rows", 0)
        os.replace(partial, out / name)
        written[name] = {"sha256": sha, "bytes": size, **({"rows": rows} if tabular else {})}
    return written


def _empty_files(out: Path, formats: list[str], whole: str) -> dict[str, dict]:
    """A catalog without acts: the whole files still exist, with their header only."""
    from actes.exporters import export_acts

    written = {}
    for path in export_acts([], out / ".empty", formats).values():
        if whole == "all" or (whole == "tables" and path.suffix == ".csv"):
            os.replace(path, out / path.name)
            written[path.name] = {"sha256": dp.sha256_of(out / path.name), "bytes": (out / path.name).stat().st_size}
    shutil.rmtree(out / ".empty", ignore_errors=True)
    return written


def _previous_rows(out: Path, touched: set[str]) -> list[dict]:
    """The rows of the previous validation.json whose partition is not written again."""
    try:
        rows = json.loads((out / validation.FILENAME).read_text(encoding="utf-8")).get("rows", [])
    except (OSError, ValueError):
        return []
    return [row for row in rows if row.get("partition") and row["partition"] not in touched]


def _validation(state: dict, rows: list[dict], referential: Referential | None, publish_invalid: bool) -> dict:
    """The package's validation.json: every partition's counts summed, and every row that did not
    pass as it was, with its partition (each partition's validation.json has its own)."""
    counts: Counter = Counter()
    not_found: Counter = Counter()
    for entry in state.values():
        counts.update({k: v for k, v in entry["counts"].items() if isinstance(v, int)})
        not_found.update(entry["not_found"])
    invalid = sorted(key for key, entry in state.items() if not entry["valid"])
    return {
        "valid": not invalid,
        "policy": "publish-invalid" if publish_invalid else "hold-invalid",
        "counts": dict(counts),
        "referential": {
            "path": referential.path if referential else None,
            "entries": len(referential.entries) if referential else 0,
            "not_found": dict(not_found.most_common()),
        },
        "not_published": [act_id for key in sorted(state) for act_id in state[key].get("not_published", [])],
        "rows": rows,
        "frictionless": {
            "valid": all(e["frictionless_valid"] for e in state.values()),
            "validated": f"each partition when it is written ({FOLDER}/<key>/validation.json)",
        },
        "partitions": {"total": len(state), "invalid": invalid},
    }
