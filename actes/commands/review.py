"""`actes review`: the clerk's side of the privacy publish gate."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer


def review(
    act_id: Annotated[str | None, typer.Argument(help="Act to decide on; omit to list the acts waiting.")] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder holding the catalog (OUT/actes.db).")] = Path(
        "out"
    ),
    db: Annotated[str | None, typer.Option("--db", help="Catalog URL (default: OUT/actes.db).")] = None,
    accept: Annotated[bool, typer.Option("--accept", help="Accept the detection as it is.")] = False,
    official: Annotated[
        list[str] | None, typer.Option("--official", help="A name that is an official's (kept public).")
    ] = None,
    private: Annotated[
        list[str] | None, typer.Option("--private", help="Personal data to hide that was missed.")
    ] = None,
    matiere: Annotated[
        str | None,
        typer.Option("--matiere", help="Set the act's matière by hand: a level-2 code (7.5); see actes.matiere.clerk."),
    ] = None,
    siren: Annotated[
        str | None,
        typer.Option(
            "--siren", help="Name the act's authority by its SIREN, when its text does not (actes.referential.clerk)."
        ),
    ] = None,
    reviewer: Annotated[str | None, typer.Option(help="Who decides (stored with the decision).")] = None,
    json_output: Annotated[bool, typer.Option("--json", help="List as JSON.")] = False,
    reject: Annotated[
        bool, typer.Option("--reject", help="Never publish the act (its detection cannot be trusted).")
    ] = False,
    all_of_reason: Annotated[
        str | None,
        typer.Option(
            "--all-of-reason",
            help="Every act held for this reason (e.g. uncertain-official-or-private): list them, or --accept / --reject them all.",
        ),
    ] = None,
    site: Annotated[
        Path | None,
        typer.Option(
            "--site",
            help="Write the waiting acts, mentions highlighted, as a Datasette site for clerks into this folder (not public).",
        ),
    ] = None,
    decisions_file: Annotated[
        Path | None,
        typer.Option(
            "--decisions",
            help='A file of decisions, JSON list or one object a line: {"act": ID, "decision": "accept"|"reject"|"correct", "official": [...], "private": [...]}.',
            exists=True,
            dir_okay=False,
        ),
    ] = None,
) -> None:
    """List acts held for privacy review, or record a decision on one.

    Example:

        actes review --out out/            # what waits, with the spans in question
        actes review 034-…-DE --accept     # publish as detected
        actes review 034-…-DE --official "Jean Jaurès"
        actes review 034-…-DE --reject --reviewer "J. Dupont"          # never publish it
        actes review --all-of-reason uncertain-official-or-private --accept --reviewer "J. Dupont"
        actes review --decisions decisions.jsonl --reviewer "J. Dupont"
        actes review --site out/review                    # the waiting acts, spans highlighted, in Datasette
        actes review 034-…-DE --matiere 7.5 --reviewer "J. Dupont"   # a délibération held for "matière unknown"
        actes review 5f0c…-3 --siren 210199907            # minutes that never name their authority
    """
    from actes.privacy.review import decide, pending_acts
    from actes.store import Catalog

    catalog_path = db or out / "actes.db"
    if db is None and not Path(catalog_path).is_file():
        typer.echo(f'error: no catalog at "{catalog_path}" (run `actes run` first or give --db)', err=True)
        raise typer.Exit(2)
    catalog = Catalog(catalog_path)
    try:
        if site is not None:
            from actes.privacy.review_site import review_datasette_command, write_review_site

            path, count = write_review_site(catalog, site)
            typer.echo(f"{count} act(s) waiting, written to {path}; browse them (loopback only) with:")
            typer.echo("  " + " ".join(review_datasette_command(site)))
            return
        if decisions_file is not None or (act_id is None and all_of_reason and (accept or reject)):
            _batch(catalog, decisions_file, all_of_reason, accept, reject, reviewer)
            return
        if act_id is None:
            waiting = [
                {
                    "id": act.id,
                    "objet": act.objet,
                    "source": act.source.path,
                    "reason": act.privacy.reason,
                    "spans": [
                        {
                            "text": d.text,
                            "kind": d.kind,
                            "start": d.start,
                            "end": d.end,
                            "detector": d.detector,
                            "context": (act.text or "")[max(0, d.start - 40) : d.end + 40].replace("\n", " ")
                            if d.start >= 0
                            else None,
                        }
                        for d in spans
                    ],
                }
                for act, spans in pending_acts(catalog, all_of_reason)
            ]
            if json_output:
                typer.echo(json.dumps(waiting, ensure_ascii=False, indent=2))
            else:
                typer.echo(f"{len(waiting)} act(s) held for privacy review")
                for item in waiting:
                    typer.echo(f"- {item['id']} ({item['source']}) [{item['reason'] or 'pending'}]")
                    for span in item["spans"]:
                        typer.echo(
                            f'    {span["kind"]} "{span["text"]}" [{span["detector"]}] …{span["context"] or ""}…'
                        )
            return
        if siren is not None:
            from actes.commands.review_matiere import set_siren_command

            set_siren_command(catalog, act_id, siren, reviewer)
        if matiere is not None:
            from actes.commands.review_matiere import set_matiere_command

            set_matiere_command(catalog, act_id, matiere, reviewer)
        if (siren is not None or matiere is not None) and not (accept or official or private):
            return
        if not (accept or official or private or reject):
            typer.echo("error: say --accept or --reject, or correct with --official NAME / --private TEXT", err=True)
            raise typer.Exit(2)
        if reject and (accept or official or private):
            typer.echo("error: --reject stands alone (no --accept, --official or --private with it)", err=True)
            raise typer.Exit(2)
        known = {act.id for act in catalog.iter_acts()}
        if act_id not in known:
            typer.echo(f'error: no act "{act_id}" in the catalog', err=True)
            raise typer.Exit(2)
        decision = decide(
            catalog, act_id, official=official or [], private=private or [], reviewer=reviewer, reject=reject
        )
        outcome = "it will never be published" if decision == "rejected" else "it will be published by the next export"
        typer.echo(f"{act_id}: {decision}; {outcome}")
    finally:
        catalog.close()


def _batch(
    catalog, decisions_file: Path | None, reason: str | None, accept: bool, reject: bool, reviewer: str | None
) -> None:
    """Decide many acts at once: every act held for ``reason``, or the decisions of a file."""
    from actes.privacy.review import DecisionError, decide_batch, pending_acts

    if accept and reject:
        typer.echo("error: --accept or --reject, not both", err=True)
        raise typer.Exit(2)
    if decisions_file is not None:
        try:
            decisions = _read_decisions(decisions_file)
        except ValueError as error:
            typer.echo(f'error: "{decisions_file}": {error}', err=True)
            raise typer.Exit(2) from None
    else:
        decisions = [
            {"act": act.id, "decision": "reject" if reject else "accept"} for act, _ in pending_acts(catalog, reason)
        ]
    try:
        counts = decide_batch(catalog, decisions, reviewer)
    except DecisionError as error:
        where = f'"{decisions_file}": ' if decisions_file is not None else ""
        typer.echo(f"error: {where}{error}; nothing decided", err=True)
        raise typer.Exit(2) from None
    summary = ", ".join(f"{n} {decision}" for decision, n in sorted(counts.items())) or "no act waiting"
    typer.echo(f"{summary}; the next export applies them")


def _read_decisions(path: Path) -> list[dict]:
    """A JSON list of decisions, or one JSON object a line."""
    text = path.read_text(encoding="utf-8").strip()
    if text.startswith("["):
        items = json.loads(text)
    else:
        items = []
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    items.append(json.loads(line))
                except json.JSONDecodeError as error:
                    raise ValueError(f"line {number} is not JSON ({error.msg})") from None
    if not all(isinstance(item, dict) for item in items):
        raise ValueError("each decision is a JSON object")
    return items


def register(app: typer.Typer) -> None:
    app.command()(review)
