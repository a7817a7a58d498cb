"""`actes review`: the clerk's side of the privacy publish gate."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer


def review(
    act_id: Annotated[str | None, typer.Argument(help="Act to decide on; omit to list the acts waiting.")] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder holding the catalog (OUT/actes.db).")] = Path("out"),
    db: Annotated[str | None, typer.Option("--db", help="Catalog URL (default: OUT/actes.db).")] = None,
    accept: Annotated[bool, typer.Option("--accept", help="Accept the detection as it is.")] = False,
    official: Annotated[list[str] | None, typer.Option("--official", help="A name that is an official's (kept public).")] = None,
    private: Annotated[list[str] | None, typer.Option("--private", help="Personal data to hide that was missed.")] = None,
    matiere: Annotated[str | None, typer.Option("--matiere", help="Set the act's matière by hand: a level-2 code (7.5); see actes.matiere.clerk.")] = None,
    reviewer: Annotated[str | None, typer.Option(help="Who decides (stored with the decision).")] = None,
    json_output: Annotated[bool, typer.Option("--json", help="List as JSON.")] = False,
) -> None:
    """List acts held for privacy review, or record a decision on one.

    Example:

        actes review --out out/            # what waits, with the spans in question
        actes review 034-…-DE --accept     # publish as detected
        actes review 034-…-DE --official "Jean Jaurès"
        actes review 034-…-DE --matiere 7.5 --reviewer "J. Dupont"   # a délibération held for "matière unknown"
    """
    from actes.privacy.review import decide, pending_acts
    from actes.store import Catalog

    catalog_path = db or out / "actes.db"
    if db is None and not Path(catalog_path).is_file():
        typer.echo(f'error: no catalog at "{catalog_path}" (run `actes run` first or give --db)', err=True)
        raise typer.Exit(2)
    catalog = Catalog(catalog_path)
    try:
        if act_id is None:
            waiting = [
                {"id": act.id, "objet": act.objet, "source": act.source.path,
                 "spans": [{"text": d.text, "kind": d.kind, "start": d.start, "end": d.end, "detector": d.detector,
                            "context": (act.text or "")[max(0, d.start - 40) : d.end + 40].replace("\n", " ")
                            if d.start >= 0 else None} for d in spans]}
                for act, spans in pending_acts(catalog)
            ]
            if json_output:
                typer.echo(json.dumps(waiting, ensure_ascii=False, indent=2))
            else:
                typer.echo(f"{len(waiting)} act(s) held for privacy review")
                for item in waiting:
                    typer.echo(f"- {item['id']} ({item['source']})")
                    for span in item["spans"]:
                        typer.echo(f"    {span['kind']} \"{span['text']}\" [{span['detector']}] …{span['context'] or ''}…")
            return
        if matiere is not None:
            from actes.commands.review_matiere import set_matiere_command

            set_matiere_command(catalog, act_id, matiere, reviewer)
            if not (accept or official or private):
                return
        if not (accept or official or private):
            typer.echo("error: say --accept, or correct with --official NAME / --private TEXT", err=True)
            raise typer.Exit(2)
        known = {act.id for act in catalog.iter_acts()}
        if act_id not in known:
            typer.echo(f'error: no act "{act_id}" in the catalog', err=True)
            raise typer.Exit(2)
        decision = decide(catalog, act_id, official=official or [], private=private or [], reviewer=reviewer)
        typer.echo(f"{act_id}: {decision}; it will be published by the next export")
    finally:
        catalog.close()


def register(app: typer.Typer) -> None:
    app.command()(review)
