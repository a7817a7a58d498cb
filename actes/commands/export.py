"""`actes export`: write the open-data package of the catalog (see docs/export.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from actes.errors import ActesError
from actes.store import database_url


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""
    app.command("export")(export)


def export(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder of the package (written or overwritten).")],
    db: Annotated[str | None, typer.Option("--db", help="Catalog URL or SQLite file (default: OUT/actes.db).")] = None,
    since: Annotated[str | None, typer.Option("--since", help="Only acts written to the catalog since this UTC date or date-time (the previous package's 'until').")] = None,
    run: Annotated[int | None, typer.Option("--run", help="Only acts of this run.")] = None,
    referential: Annotated[Path | None, typer.Option("--referential", exists=True, dir_okay=False, callback=check_referential, help="Collectivités CSV (SIREN,SIRET,NOM[,PREF_ID]) for COLL_SIRET.")] = None,
    publish_invalid: Annotated[bool, typer.Option("--publish-invalid/--hold-invalid", help="Write délibérations that fail the SCDL checks anyway (default: hold them out; both list them in validation.json).")] = False,
    json_output: Annotated[bool, typer.Option("--json", help="Print the package report as JSON.")] = False,
    formats: Annotated[list[str] | None, typer.Option("--format", "-f", help="Only these formats (repeat the option), e.g. --format jsonld for the linked data alone. Default: all.")] = None,
    full: Annotated[bool, typer.Option("--full", help="Write every partition again (default: only those the catalog changed since the package in OUT).")] = False,
    whole_files: Annotated[str, typer.Option("--whole-files", callback=check_whole_files, help="Whole files joined from the partitions: all, tables (the CSV files), none.")] = "all",
) -> None:
    """Write the package: deliberations.csv (SCDL), actes.csv, actes.jsonl, provenance.csv, the
    linked data (actes.nt, actes-jsonld.jsonl, contexte.jsonld), datapackage.json, validated, with
    validation.json. Exit 1 when the package does not validate.

    The whole catalog is written as partitions (partitions/<year>/<siren>/), only those changed
    since the package already in OUT (all with --full), and the whole files joined from them;
    --since, --run and --format write one package of the selected acts (or formats) instead.

    Examples:

        actes export --out out --full
        actes export --out out/2026-11-26 --db out/actes.db --since 2026-11-25T02:00:00+00:00
        actes export --out out/rdf --db out/actes.db --format jsonld
    """
    from actes.exporters.package import export_catalog
    from actes.exporters.selection import parse_moment

    err = Console(stderr=True, highlight=False)
    try:
        since = parse_moment(since).isoformat() if since else None
    except ValueError as exc:
        err.print(f"[red]error:[/red] --since: {exc}")
        raise typer.Exit(2) from None
    from actes.exporters import EXPORTERS

    if unknown := [f for f in formats or [] if f not in EXPORTERS]:
        err.print(f"[red]error:[/red] --format: unknown {', '.join(unknown)}. Available: {', '.join(EXPORTERS)}")
        raise typer.Exit(2)
    catalog = db or str(out / "actes.db")
    if "://" not in catalog and not Path(catalog).is_file():
        err.print(f'[red]error:[/red] no catalog at "{catalog}": give --db (the actes.db of `actes run`)')
        raise typer.Exit(2)
    try:
        report = export_catalog(
            database_url(catalog), out, since=since, run_id=run, referential=referential, publish_invalid=publish_invalid,
            formats=formats or None, partitioned=not (since or run is not None or formats), full=full,
            whole=whole_files,
        )
    except ActesError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(1) from None
    if json_output:
        typer.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        Console(highlight=False).print(*report.summary_lines(), sep="\n", markup=False)
    raise typer.Exit(0 if report.valid else 1)


def check_referential(path: Path | None) -> Path | None:
    """Typer callback: read the referential once up front, so a bad line stops the command
    before any work (exit 2, naming file, line and column)."""
    from actes.referential import Referential

    if path is not None:
        try:
            Referential.load(path)
        except ActesError as exc:
            raise typer.BadParameter(str(exc)) from None
    return path


def check_whole_files(value: str) -> str:
    """Typer callback: --whole-files is one of all, tables, none."""
    if value not in ("all", "tables", "none"):
        raise typer.BadParameter(f"{value!r}: choose all, tables (the CSV files) or none")
    return value
