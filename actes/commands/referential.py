"""`actes referential`: build the national referential of authorities, say which one is in use."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

CACHE = Path(".cache/referential")

referential_app = typer.Typer(help="The national referential of French authorities (communes, EPCI, départements, régions).",
                              no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Add the command group to ``app``."""
    app.add_typer(referential_app, name="referential")


@referential_app.command("build")
def build(
    tarball: Annotated[Path | None, typer.Option("--tarball", exists=True, dir_okay=False, help="A tarball of @etalab/decoupage-administratif already downloaded (default: npm pack into --cache).")] = None,
    version: Annotated[str | None, typer.Option("--version", help="Package version to fetch (default: the pinned one).")] = None,
    cache: Annotated[Path, typer.Option("--cache", help="Where npm pack puts the tarball.")] = CACHE,
    db: Annotated[Path | None, typer.Option("--db", help="SQLite file to write (default: ACTES_REFERENTIAL_DB, else inside the package).")] = None,
) -> None:
    """Fetch Etalab's découpage administratif with npm and build the referential (once).

    Running it again with the same tarball does nothing. Without npm, it says so and exits 1:
    the pipeline then works without the referential (authorities stay as printed).

    Example:

        actes referential build
    """
    from actes.referential.build import VERSION, ReferentialUnavailable, fetch
    from actes.referential.build import build as build_db
    from actes.referential.national import default_path

    target = db or default_path()
    try:
        source = tarball or fetch(cache, version or VERSION)
        meta = build_db(source, target)
    except ReferentialUnavailable as exc:
        typer.echo(f"warning: {exc}", err=True)
        typer.echo("Without it, acts keep the authority as printed, with no SIREN looked up, and the convocation delay "
                   "of communes and EPCI stays unknown.", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"referential {meta['package']}@{meta['version']} (published {meta.get('published') or 'unknown'}): "
               f"{meta['communes']} communes, {meta['epci']} EPCI, {meta['departements']} départements, "
               f"{meta['regions']} régions in {target}")


@referential_app.command("info")
def info(
    json_output: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """Say which referential the pipeline uses; exit 1 when none was built.

    Example:

        actes referential info --json
    """
    from actes.referential.national import default_path, describe

    meta = describe()
    if json_output:
        typer.echo(json.dumps({"path": str(default_path()), **(meta or {})}, ensure_ascii=False, indent=2))
    elif meta:
        typer.echo(f"{meta['package']}@{meta['version']} (published {meta.get('published') or 'unknown'}, built "
                   f"{meta.get('built_at')}): {meta.get('communes')} communes, {meta.get('epci')} EPCI; {default_path()}")
    else:
        typer.echo(f"no national referential at {default_path()}: run `actes referential build`", err=True)
    raise typer.Exit(0 if meta else 1)


@referential_app.command("init")
def init(
    csv_path: Annotated[Path, typer.Argument(help="CSV to write: SIREN,SIRET,NOM,… with SIRET empty, to fill.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder holding the catalog (OUT/actes.db).")] = Path("out"),
    db: Annotated[str | None, typer.Option("--db", help="Catalog URL (default: OUT/actes.db).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite CSV_PATH if it exists.")] = False,
) -> None:
    """Write the collectivités CSV to fill: every authority of the catalog, SIRET left empty.

    Fill the SIRET column (a line left empty is ignored), then export again with it.

    Example:

        actes referential init collectivites.csv --out out/
        actes export --out out/ --referential collectivites.csv
    """
    from actes.referential.init import write_init
    from actes.store import Catalog

    catalog_path = db or out / "actes.db"
    if db is None and not Path(catalog_path).is_file():
        typer.echo(f'error: no catalog at "{catalog_path}" (run `actes run` first or give --db)', err=True)
        raise typer.Exit(2)
    if csv_path.exists() and not force:
        typer.echo(f'error: "{csv_path}" exists; it may hold SIRETs already filled in (--force to overwrite)', err=True)
        raise typer.Exit(2)
    catalog = Catalog(catalog_path)
    try:
        count = write_init(catalog.iter_acts(), csv_path)
    finally:
        catalog.close()
    typer.echo(f"{count} authorities written to {csv_path}: fill the SIRET column, then "
               f"`actes export --out {out} --referential {csv_path}`")


@referential_app.command("import-sirene")
def import_sirene(
    etablissements: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="INSEE's StockEtablissement zip (StockEtablissement_utf8.zip).")],
    unites_legales: Annotated[Path | None, typer.Option("--unites-legales", exists=True, dir_okay=False, help="INSEE's StockUniteLegale zip: keep every body of catégorie juridique 7xxx (syndicats, CCAS, départements…), not only the communes and EPCI of the referential.")] = None,
    db: Annotated[Path | None, typer.Option("--db", help="Referential to import into (default: the one in use).")] = None,
) -> None:
    """Keep the head-office SIRET of every public-law body from INSEE's Sirene stock (COLL_SIRET).

    The file is streamed from inside its zip (memory stays flat). Without --unites-legales, the
    bodies kept are the communes and EPCI of the national referential. SIRETs come, in order, from
    --referential collectivites.csv, the SIRET printed on an act, then this import.

    Example:

        actes referential import-sirene StockEtablissement_utf8.zip --unites-legales StockUniteLegale_utf8.zip
    """
    from actes.referential.national import default_path
    from actes.referential.sirene import SireneError
    from actes.referential.sirene import import_sirene as run_import

    target = db or default_path()
    try:
        stats = run_import(etablissements, target, unites_legales)
    except SireneError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"{stats.kept} head-office SIRETs kept of {stats.public_sirens} public-law SIRENs ({stats.filter}); "
               f"{stats.lines} établissement lines read" + (f", {stats.unreadable} unreadable" if stats.unreadable else "")
               + f"; in {target}")
