"""`actes review ACT_ID --matiere CODE`: a clerk sets the matière of an act held for "matière unknown"."""

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
