"""The ``actes`` command: a thin Typer layer over ``actes.api``.

Exit codes: 0 all good, 1 some files failed, 2 usage error.
"""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from actes import api
from actes.commands.export import check_referential, check_whole_files
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
        with _page_progress():  # long files: pages read, on a terminal only
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
    workers: Annotated[int | None, typer.Option("--workers", "-w", min=0, help="Worker processes (default: one per core; 0: in this process).")] = None,
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786, instead of local workers.")] = None,
    reprocess: Annotated[bool, typer.Option(help="Re-extract submissions already processed at this extractor version.")] = False,
    retry_failed: Annotated[bool, typer.Option(help="Retry the submissions that failed before at this extractor version.")] = False,
    fail_fast: Annotated[bool, typer.Option(help="Stop at the first file that fails.")] = False,
    file_timeout: Annotated[float, typer.Option(min=1, help="Seconds one submission may take before its worker is killed.")] = 600.0,
    wait_lock: Annotated[float, typer.Option(min=0, help="Seconds to wait for another run on the same catalog (default: exit 3 at once).")] = 0.0,
    max_file_mb: Annotated[float | None, typer.Option(min=0, help="Largest file read, in MB.")] = None,
    max_pages: Annotated[int | None, typer.Option(min=1, help="Most pages read per file.")] = None,
    ocr_timeout: Annotated[float | None, typer.Option(min=1, help="OCR seconds per page.")] = None,
    max_archive_mb: Annotated[float | None, typer.Option(min=0, help="Largest decompressed size of one archive, in MB.")] = None,
    max_xml_mb: Annotated[float | None, typer.Option(min=0, help="Largest @CTES XML file, in MB.")] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print the run report as JSON.")] = False,
    referential: Annotated[Path | None, typer.Option("--referential", exists=True, dir_okay=False, callback=check_referential, help="Collectivités CSV (SIREN,SIRET,NOM) for COLL_SIRET (default: collectivites.csv next to INBOX).")] = None,
    site_url: Annotated[str | None, typer.Option("--site-url", help="Public URL of the journalists' site: run-<id>.html links each act to its page there (default: http://127.0.0.1:8001 once `actes publish` has built a site in OUT).")] = None,
    whole_files: Annotated[str, typer.Option("--whole-files", callback=check_whole_files, help="Whole files joined from the package's partitions: all, tables (the CSV files), none (a large catalog: docs/export.md).")] = "all",
) -> None:
    """Process a folder of acts: catalog, package, report.

    Submissions already in the catalog at this extractor version are skipped. Exit codes:
    0 all good, 1 some files failed, 2 usage error, 3 the catalog is in use by another run,
    4 the catalog or output folder cannot be reached or written (retried for a minute first).

    Example:

        actes run /srv/actes/inbox --out /srv/actes/out --workers 2
    """
    from actes.store.connect import CatalogUnavailable
    from actes.store.lock import EXIT_BUSY, CatalogBusy

    limits = api.limits_from_options(max_file_mb=max_file_mb, max_pages=max_pages, ocr_timeout=ocr_timeout,
                                     max_archive_mb=max_archive_mb, max_xml_mb=max_xml_mb)
    with Progress(
        TextColumn("[bold]actes[/bold]"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("{task.description}"), console=err, transient=True, disable=json_output,
    ) as bar:
        task = bar.add_task("", total=None)

        def progress(done: int, total: int, label: str) -> None:
            bar.update(task, completed=done, total=total, description=Path(label).name[:40])

        try:
            with contextlib.nullcontext() if json_output else _page_progress(bar):  # long files: pages, on a terminal
                report = api.run(
                    inbox, out, db=db, reprocess=reprocess, retry_failed=retry_failed, fail_fast=fail_fast,
                    limits=limits, workers=workers, scheduler=scheduler, file_timeout=file_timeout,
                    wait_lock=wait_lock, progress=progress, referential=referential, site_url=site_url,
                    whole_files=whole_files,
                )
        except CatalogBusy as exc:
            err.print(f"[red]error:[/red] {exc}", highlight=False, soft_wrap=True)
            raise typer.Exit(EXIT_BUSY) from None
        except CatalogUnavailable as exc:
            err.print(f"[red]error:[/red] {exc}", highlight=False, soft_wrap=True)
            raise typer.Exit(4) from None
    if json_output:
        typer.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        _print_summary(report)
    raise typer.Exit(0 if report.ok else 1)


@contextlib.contextmanager
def _page_progress(bar: Progress | None = None):
    """Per-page progress of long files (actes.page_progress), only when stderr is a terminal:
    cron logs stay clean. Uses ``bar`` when given, else a bar of its own."""
    if not err.is_terminal:
        yield
        return
    from actes.page_progress import Watcher, bar_listener

    if bar is not None:
        with Watcher(bar_listener(bar)):
            yield
        return
    with Progress(TextColumn("[bold]actes[/bold]"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  TextColumn("{task.description}"), console=err, transient=True) as own, Watcher(bar_listener(own)):
        yield


def _print_summary(report: api.RunReport) -> None:
    # Plain lines, never wrapped: cron mails and grep read them.
    for line in report.summary_lines():
        typer.echo(line)
    typer.echo(f"package: {report.out} (report run-{report.run_id}.json)")
    from actes.referential.missing import held_lines  # délibérations held out of the SCDL file: how many, why, the fix

    for line in held_lines(Path(report.exports.get("validation", Path(report.out) / "validation.json")), Path(report.out)):
        typer.echo(line)


def _register_commands() -> None:
    import importlib

    from actes.commands import COMMANDS

    for name in COMMANDS:
        importlib.import_module(f"actes.commands.{name}").register(app)


_register_commands()
