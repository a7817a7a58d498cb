"""`actes review ACT_ID --matiere CODE` / `--siren SIREN`: a clerk sets the matière, or names the authority, of
a délibération held out of deliberations.csv for want of it."""

from __future__ import annotations

import typer


def set_matiere_command(catalog, act_id: str, code: str, reviewer: str | None) -> None:
    from actes.matiere.clerk import UnknownCode, set_matiere

    try:
        act = set_matiere(catalog, act_id, code, reviewer)
    except UnknownCode as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from error
    except KeyError as error:
        typer.echo(f'error: no act "{act_id}" in the catalog', err=True)
        raise typer.Exit(2) from error
    typer.echo(
        f"{act_id}: matière {act.matiere.code} {act.matiere.libelle} (set by the clerk); "
        "it will be in deliberations.csv from the next export (`actes export` or `actes run`)"
    )


def set_siren_command(catalog, act_id: str, siren: str, reviewer: str | None) -> None:
    from actes.referential.clerk import UnknownSiren, set_siren

    try:
        act = set_siren(catalog, act_id, siren, reviewer)
    except UnknownSiren as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from error
    except KeyError as error:
        typer.echo(f'error: no act "{act_id}" in the catalog', err=True)
        raise typer.Exit(2) from error
    coll = act.collectivite
    typer.echo(
        f"{act_id}: authority SIREN {coll.siren} {coll.nom_officiel or coll.nom or '(not in the national referential)'} "
        "(set by the clerk); its SIRET comes from collectivites.csv, the act or Sirene at the next export"
    )
