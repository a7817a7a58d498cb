"""`actes serve`: Datasette on the publication database (loopback, read-only)."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Annotated

import typer


def serve(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder where `actes publish` wrote publication.db.")] = Path("out"),
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8001,
    host: Annotated[str, typer.Option(help="Address to listen on (loopback by default).")] = "127.0.0.1",
) -> None:
    """Browse, search and download the published acts with Datasette.

    Example:

        actes serve --out out/demo --port 8001
    """
    from actes.publish.database import PUBLICATION_DB
    from actes.publish.serve import datasette_command

    if not (out / PUBLICATION_DB).is_file():
        typer.echo(f'error: no "{out / PUBLICATION_DB}" (run `actes publish --out {out}` first)', err=True)
        raise typer.Exit(2)
    typer.echo(f"Serving {out / PUBLICATION_DB} on http://{host}:{port}/ (Ctrl-C to stop)")
    try:
        raise typer.Exit(subprocess.call(datasette_command(out, host, port)))
    except KeyboardInterrupt:
        raise typer.Exit(0) from None


def register(app: typer.Typer) -> None:
    app.command()(serve)
