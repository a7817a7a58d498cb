"""The ``actes`` command: a thin Typer layer over ``actes.api``.

Exit codes: 0 all good, 1 some files failed, 2 usage error.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from actes import api
from actes.errors import ActesError
from actes.version import EXTRACTOR_VERSION, __version__

app = typer.Typer(
    help="Turn the acts of French local authorities into open data.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # acts hold personal names
    add_completion=False,
)
err = Console(stderr=True)

Db = Annotated[str | None, typer.Option("--db", help="Catalog URL (default: sqlite file OUT/actes.db), e.g. postgresql+psycopg://user@host/db")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"actes {__version__} (extractor {EXTRACTOR_VERSION})")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")] = False,
) -> None:
    """Turn the acts of French local authorities into open data."""


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(help="PDF, text or @CTES XML files; a transmission's files are paired.")],
    format: Annotated[str, typer.Option("--format", "-f", help="json or jsonl")] = "json",
) -> None:
    """Print the acts found in FILES as JSON.

    Example:

        actes extract 034-…-DE-1-1_0.xml 034-…-DE-1-1_1.pdf --format json
    """
    if format not in {"json", "jsonl"}:
        typer.echo(f'error: unknown format "{format}". Available: json, jsonl', err=True)
        raise typer.Exit(2)
    try:
        acts = api.extract_paths(files)
    except ActesError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    dumped = [act.model_dump(mode="json") for act in acts]
    if format == "json":
        sys.stdout.write(json.dumps(dumped, ensure_ascii=False, indent=2) + "\n")
    else:
        for item in dumped:
            sys.stdout.write(json.dumps(item, ensure_ascii=False) + "\n")


@app.command()
def run(
    inbox: Annotated[Path, typer.Argument(help="Folder of received acts.", exists=True, file_okay=False)],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder: catalog, package, run reports.")] = Path("out"),
    db: Db = None,
    reprocess: Annotated[bool, typer.Option(help="Re-extract files already processed.")] = False,
    fail_fast: Annotated[bool, typer.Option(help="Stop at the first file that fails.")] = False,
    json_output: Annotated[bool, typer.Option("--json", help="Print the run report as JSON.")] = False,
) -> None:
    """Process a folder of acts: catalog, package, report.

    Example:

        actes run /srv/actes/inbox --out /srv/actes/out
    """
    with Progress(
        TextColumn("[bold]actes[/bold]"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("{task.description}"), console=err, transient=True, disable=json_output,
    ) as bar:
        task = bar.add_task("", total=None)

        def progress(done: int, total: int, label: str) -> None:
            bar.update(task, completed=done - 1, total=total, description=Path(label).name[:40])

        report = api.run(inbox, out, db=db, reprocess=reprocess, fail_fast=fail_fast, progress=progress)
    if json_output:
        typer.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        _print_summary(report)
    raise typer.Exit(0 if report.ok else 1)


def _print_summary(report: api.RunReport) -> None:
    out = Console()
    out.print(
        f"run {report.run_id}: {report.files_seen} files seen, {report.new} new, {report.skipped} skipped, "
        f"{report.processed} processed, {len(report.failed)} failed, {report.acts} acts extracted"
    )
    for failure in report.failed:
        out.print(f"  [red]failed[/red] {failure['message']}", highlight=False)
    if report.problems:
        out.print("problems: " + ", ".join(f"{slug} {count}" for slug, count in report.problems.most_common()))
    out.print(f"package: {report.out} (report run-{report.run_id}.json)")


def _register_commands() -> None:
    import importlib

    from actes.commands import COMMANDS

    for name in COMMANDS:
        importlib.import_module(f"actes.commands.{name}").register(app)


_register_commands()
