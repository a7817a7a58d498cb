"""`actes check [--db URL | FILE...]`: the legality-control problems, by severity then by act."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from actes.checks import SEVERITIES

STYLE = {"error": "red", "warning": "yellow", "info": "cyan"}


def check(
    files: Annotated[list[Path] | None, typer.Argument(help="PDF, text or @CTES XML files, or folders of them.")] = None,
    db: Annotated[str | None, typer.Option("--db", help="Catalog URL or SQLite file written by `actes run`.")] = None,
    recheck: Annotated[bool, typer.Option("--recheck", help="With --db: run the checks again on the stored acts.")] = False,
    json_output: Annotated[bool, typer.Option("--json", help="Print the problems as JSON.")] = False,
    severity: Annotated[str, typer.Option("--severity", help="Lowest severity shown: error, warning or info.")] = "info",
) -> None:
    """Print the problems a clerk should look at, grouped by severity and by act.

    Example:

        actes check --db out/actes.db --severity warning

    Exit codes: 0 no error-severity problem (whatever --severity hides); 1 at least one, or a
    file could not be read; 2 usage error. The problems are listed in docs/problems.md.
    """
    from actes.check_report import check_catalog, check_files

    if severity not in SEVERITIES:
        typer.echo(f'error: unknown severity "{severity}". Available: {", ".join(SEVERITIES)}', err=True)
        raise typer.Exit(2)
    if bool(files) == bool(db):
        typer.echo("error: give either FILE... or --db URL", err=True)
        raise typer.Exit(2)
    if db and "://" not in db and not Path(db).is_file():
        typer.echo(f'error: "{db}": no such catalog file', err=True)
        raise typer.Exit(2)
    report = check_catalog(db, recheck=recheck) if db else check_files(files or [])
    if json_output:
        sys.stdout.write(json.dumps(report.as_dict(severity), ensure_ascii=False, indent=2) + "\n")
    else:
        _render(report, severity)
    err = Console(stderr=True)
    for _file, message in report.failures:
        err.print(f"[red]failed[/red] {escape(message)}")
    raise typer.Exit(1 if report.has_errors or report.failures else 0)


def _render(report, severity: str) -> None:
    out = Console()
    for level, rows in report.grouped(severity):
        if not rows:
            continue
        count = sum(len(problems) for _, problems in rows)
        out.print(f"[bold {STYLE[level]}]{level}[/] ({count} in {len(rows)} acts)")
        for act, problems in rows:
            pages = f" p. {act.source.pages[0]}-{act.source.pages[-1]}" if act.source.pages else ""
            out.print(f"  [bold]{escape(act.id)}[/]  {escape(act.source.path)}{pages}")
            for problem in problems:
                message = problem.message.removeprefix(f'act "{act.id}": ')  # the act heads the group
                out.print(f"    {problem.slug}: {escape(message)}", highlight=False)
    counts = report.by_slug()
    summary = ", ".join(f"{slug} {n}" for slug, n in counts.most_common()) or "no problem"
    out.print(f"{len(report.acts)} acts checked: {summary}", highlight=False)


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""
    app.command("check")(check)
