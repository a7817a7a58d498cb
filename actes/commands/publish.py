"""`actes publish`: the publication database, package copies and feeds for journalists."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def publish(
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder of `actes run` (catalog, package).")] = Path(
        "out"
    ),
    db: Annotated[str | None, typer.Option("--db", help="Catalog URL (default: OUT/actes.db).")] = None,
    search: Annotated[
        list[str] | None, typer.Option("--search", help='Save a search with a feed: "NAME=QUERY".')
    ] = None,
    base_url: Annotated[str, typer.Option(help="Public URL of the site, used in feeds.")] = "http://127.0.0.1:8001",
    no_review_gate: Annotated[
        bool, typer.Option("--no-review-gate", help="Publish acts still waiting for privacy review.")
    ] = False,
    full: Annotated[
        bool, typer.Option("--full", help="Rebuild everything, not only what changed since the last publish.")
    ] = False,
) -> None:
    """Write OUT/publication.db (full-text search, facets), OUT/site (package files, Atom feeds).

    Only the acts added, changed or removed since the last publish (or whose review moved) are
    written again; --full rebuilds everything.

    Example:

        actes publish --out out/demo --search "cessions=cession terrain"
    """
    from dataclasses import replace

    from actes.privacy.policy import DEFAULT_POLICY
    from actes.publish.feeds import save_search
    from actes.publish.site import publish as build

    if db is None and not (out / "actes.db").is_file():
        typer.echo(f'error: no catalog at "{out / "actes.db"}" (run `actes run` first or give --db)', err=True)
        raise typer.Exit(2)
    for item in search or []:
        name, sep, query = item.partition("=")
        if not sep or not name.strip() or not query.strip():
            typer.echo(f'error: --search wants "NAME=QUERY", got "{item}"', err=True)
            raise typer.Exit(2)
        save_search(out, name.strip(), query.strip())
    policy = replace(DEFAULT_POLICY, review_gate=not no_review_gate)
    report = build(out, db=db, policy=policy, base_url=base_url.rstrip("/"), full=full)
    how = "full build" if report.full else f"incremental: {report.written} written, {report.removed} removed"
    typer.echo(
        f"{report.acts} acts published in {report.path} ({how}); {len(report.held)} held for privacy review "
        "(actes review)"
    )


def register(app: typer.Typer) -> None:
    app.command()(publish)
