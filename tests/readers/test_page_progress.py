"""Per-page progress of long files: shown on a terminal (in-process and from worker processes),
never written when stderr is not a terminal (cron)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from actes import page_progress
from actes.limits import Limits
from actes.readers.pdf import PdfReader

PAGES = 24


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory) -> Path:
    from reportlab.pdfgen import canvas

    path = tmp_path_factory.mktemp("long") / "recueil.pdf"
    pdf = canvas.Canvas(str(path))
    for n in range(1, PAGES + 1):
        pdf.drawString(72, 720, f"RECUEIL DES ACTES ADMINISTRATIFS page {n}")
        pdf.drawString(72, 700, "Arrêté portant réglementation temporaire de la circulation.")
        pdf.showPage()
    pdf.save()
    return path


def test_every_page_of_a_long_file_is_told_in_process(long_pdf):
    seen = []
    page_progress.listen(lambda path, done, total: seen.append((Path(path).name, done, total)))
    try:
        PdfReader(ocr=False).read(long_pdf, Limits())
    finally:
        page_progress.listen(None)
    assert seen == [("recueil.pdf", n, PAGES) for n in range(1, PAGES + 1)]


def test_short_files_are_not_told():
    seen = []
    page_progress.listen(lambda *args: seen.append(args))
    try:
        page_progress.tick("short.pdf", 1, page_progress.MIN_PAGES - 1)
    finally:
        page_progress.listen(None)
    assert seen == []


def test_a_worker_process_reports_through_the_watcher(long_pdf):
    """A worker (another process) writes its page; the parent's watcher shows it."""
    shown = []
    with page_progress.Watcher(lambda *state: shown.append(state), interval=0.05) as watcher:
        code = (
            "import sys; from pathlib import Path; from actes.readers.pdf import PdfReader; "
            "from actes.limits import Limits; PdfReader(ocr=False).read(Path(sys.argv[1]), Limits())"
        )
        subprocess.run([sys.executable, "-c", code, str(long_pdf)], check=True, env=os.environ.copy())
        watcher.poll()
        folder = watcher.folder
    assert shown and shown[-1] == (str(long_pdf), PAGES, PAGES)
    assert all(total == PAGES and 1 <= done <= PAGES for _, done, total in shown)
    assert not folder.exists() and page_progress.ENV not in os.environ


def _actes(args: list[str], monkeypatch, *, terminal: bool) -> tuple[str, str]:
    """The CLI in this process, its stderr console a terminal or a plain file (a cron log)."""
    import io

    from rich.console import Console
    from typer.testing import CliRunner

    from actes import cli

    log = io.StringIO()
    monkeypatch.setattr(cli, "err", Console(file=log, force_terminal=terminal, width=120))
    result = CliRunner().invoke(cli.app, args)
    assert result.exit_code == 0, result.output
    return result.stdout, log.getvalue()


def test_actes_extract_shows_pages_on_a_terminal_only(long_pdf, monkeypatch):
    stdout, stderr = _actes(["extract", str(long_pdf), "--format", "jsonl"], monkeypatch, terminal=True)
    drawn = re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]", "", stderr)  # the bar, without its terminal codes
    assert stdout.strip() and re.search(rf"\d+/{PAGES} .*recueil\.pdf \(pages\)", drawn), drawn

    stdout_log, stderr_log = _actes(["extract", str(long_pdf), "--format", "jsonl"], monkeypatch, terminal=False)
    assert stdout_log == stdout
    assert stderr_log == ""  # a cron log: nothing drawn


def test_actes_run_stays_clean_in_a_cron_log(long_pdf, tmp_path, monkeypatch):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / long_pdf.name).write_bytes(long_pdf.read_bytes())
    stdout, stderr = _actes(
        ["run", str(inbox), "--out", str(tmp_path / "out"), "--workers", "0"], monkeypatch, terminal=False
    )
    assert "run 1:" in stdout
    assert "(pages)" not in stderr and "\x1b[" not in stderr
