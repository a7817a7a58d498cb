"""The published package: every registered exporter over the prepared acts, then
datapackage.json, then Frictionless validation of the whole and validation.json.

    catalog ──select──▶ act ──prepare(act)──▶ every exporter ──▶ files
                                                      └──▶ datapackage.json ──frictionless──▶ validation.json
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from actes.exporters import EXPORTERS, get_exporter
from actes.exporters import datapackage as dp
from actes.exporters.context import ExportContext
from actes.exporters.prepare import prepare as default_prepare
from actes.exporters.selection import Selection, now, parse_moment, select_acts
from actes.exporters.validation import report as validation
from actes.referential import Referential
from actes.schemas.act import Act
from actes.store import Catalog

DEFAULT_REFERENTIAL = "collectivites.csv"
STAGING = ".partial"  # where a package is written before it replaces the previous one
SECTIONS = {"jsonld": "linked_data"}  # validation.json key of an exporter's own section


@dataclass
class PackageReport:
    out: Path
    files: dict[str, Path] = field(default_factory=dict)
    counts: dict = field(default_factory=dict)
    valid: bool = True
    selection: Selection = field(default_factory=Selection)
    partitions: dict | None = None  # a partitioned package: partitions total, rewritten, removed, rebuilt

    def summary_lines(self) -> list[str]:
        files = ", ".join(f"{name} {rows}" for name, rows in self.counts.items() if "." in name)
        kinds = ("not_published", "held", "published_invalid", "votes_withheld", "budget_withheld", "rdf_not_conforming")
        held = ", ".join(f"{k.replace('_', ' ')} {self.counts[k]}" for k in kinds if self.counts.get(k))
        lines = [f"package {self.out}: {self.counts.get('acts', 0)} acts; rows: {files}"]
        state = "valid" if self.valid else "NOT valid"
        lines.append(f"validation: {state}; {held or 'every act and délibération published'} (see {self.out / 'validation.json'})")
        if self.partitions is not None:
            p = self.partitions
            how = "rebuilt whole" if p["rebuilt"] else "incremental"
            lines.append(f"partitions: {p['total']} ({how}: {p['rewritten']} written, {p['removed']} removed, "
                         f"{p['seconds']} s)")
        elif self.selection.until:
            lines.append(f"next increment: actes export --since {self.selection.until.isoformat()}")
        return lines

    def as_dict(self) -> dict:
        return {"out": str(self.out), "valid": self.valid, "counts": self.counts,
                "files": {name: str(path) for name, path in self.files.items()}, "selection": self.selection.as_dict(),
                **({"partitions": self.partitions} if self.partitions is not None else {})}


def default_referential(inbox: str | Path) -> Path | None:
    """``collectivites.csv`` next to the inbox folder (in its parent), when there is one."""
    candidate = Path(inbox).resolve().parent / DEFAULT_REFERENTIAL
    return candidate if candidate.is_file() else None


def export_package(
    acts: Iterable[Act],
    out: str | Path,
    *,
    referential: Referential | None = None,
    publish_invalid: bool = False,
    selection: Selection | None = None,
    prepare: Callable[[Act], Act | None] = default_prepare,
    formats: list[str] | None = None,
    catalog: Catalog | None = None,
) -> PackageReport:
    """Write the package of ``acts`` under ``out`` and validate it (``catalog``: where they come
    from, for what an exporter looks up beyond the package, e.g. the délibérations an act cites).

    Files are written in ``out/.partial/`` and moved into ``out`` only once the package is
    complete, so a crash leaves the previous package whole.
    """
    out = Path(out)
    staging = out / STAGING
    shutil.rmtree(staging, ignore_errors=True)
    selection = selection or Selection(until=now())
    context = ExportContext(referential=referential, publish_invalid=publish_invalid, catalog=catalog)
    exporters = [get_exporter(name)(context) for name in (formats or list(EXPORTERS))]
    for exporter in exporters:
        exporter.start(staging)
    seen, unpublished = 0, []
    for act in acts:
        seen += 1
        ready = prepare(act)  # the one place acts are readied for publication (privacy)
        if ready is None:
            unpublished.append(act.id)
            continue
        for exporter in exporters:
            exporter.write(ready)
    names = {exporter.name: exporter.finish().name for exporter in exporters}
    extra = [name for exporter in exporters for name in exporter.outputs() if name != exporter.filename]

    descriptor = dp.describe(exporters, staging, selection, now())
    _write_json(staging / dp.FILENAME, descriptor)
    counts = {"acts": seen, "not_published": len(unpublished), **{e.filename: e.rows for e in exporters}}
    result = validation.build(context, counts, validation.frictionless_summary(staging / dp.FILENAME), unpublished)
    for exporter in exporters:  # sections of their own (linked_data: the SHACL verdicts)
        if (section := exporter.validation()) is not None:
            result["counts"].update(section.pop("counts", {}))
            result[SECTIONS.get(exporter.name, exporter.name)] = section
            result["valid"] = result["valid"] and section.get("valid", True)
    _write_json(staging / validation.FILENAME, result)
    names.update(datapackage=dp.FILENAME, validation=validation.FILENAME)
    for filename in [*names.values(), *extra]:
        os.replace(staging / filename, out / filename)
    staging.rmdir()
    files = {name: out / filename for name, filename in names.items()}
    return PackageReport(out, files, result["counts"], result["valid"], selection)


def _write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def export_catalog(
    catalog: Catalog | str | Path,
    out: str | Path,
    *,
    since: str | None = None,
    run_id: int | None = None,
    referential: Referential | str | Path | None = None,
    publish_invalid: bool = False,
    prepare: Callable[[Act], Act | None] | None = None,
    formats: list[str] | None = None,
    partitioned: bool = False,
    full: bool = False,
    whole: str = "all",
) -> PackageReport:
    """The package of the catalog's acts: all, those of run ``run_id``, or those written since ``since``;
    in every format, or only ``formats``.

    ``partitioned``: the whole catalog as partitions (``actes.exporters.partitioned``), writing
    only those changed since the package already in ``out`` (all of them with ``full``), and the
    ``whole`` files joined from them. Not with ``since`` / ``run_id``, which select acts."""
    if partitioned and (since or run_id is not None):
        raise ValueError("a partitioned package holds the whole catalog: no --since nor --run with it")
    if isinstance(referential, (str, Path)):
        referential = Referential.load(referential)
    selection = Selection(since=parse_moment(since) if since else None, until=now(), run_id=run_id)
    opened = not isinstance(catalog, Catalog)
    catalog = Catalog(catalog) if opened else catalog
    if prepare is None:  # the privacy policy with the clerk's review decisions
        from actes.privacy.review import Publisher

        prepare = Publisher(catalog)
    try:
        if partitioned:
            from actes.exporters.partitioned import export_partitioned

            return export_partitioned(catalog, out, referential=referential, publish_invalid=publish_invalid,
                                      prepare=prepare, formats=formats, full=full, whole=whole)
        return export_package(
            select_acts(catalog, selection), out, referential=referential,
            publish_invalid=publish_invalid, selection=selection, prepare=prepare, formats=formats, catalog=catalog,
        )
    finally:
        if opened:
            catalog.close()
