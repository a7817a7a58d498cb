"""`actes review ACT_ID --matiere CODE` / `--siren SIREN`: a clerk sets the matière, or names the authority, of
a délibération held out of deliberations.csv for want of it."""

from __future__ import annotations

import typer


def _clerk_sets(setter, catalog, act_id: str, value: str, reviewer: str | None, refused: type[Exception]):
    """The act as stored once ``setter`` recorded the clerk's ``value``; exit 2 naming what is wrong."""
    try:
        return setter(catalog, act_id, value, reviewer)
    except refused as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from error
    except KeyError as error:
        typer.echo(f'error: no act "{act_id}" in the catalog', err=True)
        raise typer.Exit(2) from error


def set_matiere_command(catalog, act_id: str, code: str, reviewer: str | None) -> None:
    from actes.matiere.clerk import UnknownCode, set_matiere

    act = _clerk_sets(set_matiere, catalog, act_id, code, reviewer, UnknownCode)
    typer.echo(
        f"{act_id}: matière {act.matiere.code} {act.matiere.libelle} (set by the clerk); "
        "it will be in deliberations.csv from the next export (`actes export` or `actes run`)"
    )


def set_siren_command(catalog, act_id: str, siren: str, reviewer: str | None) -> None:
    from actes.referential.clerk import UnknownSiren, set_siren

    act = _clerk_sets(set_siren, catalog, act_id, siren, reviewer, UnknownSiren)
    coll = act.collectivite
    typer.echo(
        f"{act_id}: authority SIREN {coll.siren} {coll.nom_officiel or coll.nom or '(not in the national referential)'} "
        "(set by the clerk); its SIRET comes from collectivites.csv, the act or Sirene at the next export"
    )
