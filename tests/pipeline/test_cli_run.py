"""``actes run`` as a clerk sees it: summary, exit codes, limits options."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from actes.api import limits_from_options
from actes.cli import app
from actes.limits import DEFAULT_LIMITS
from tests.pipeline.inbox import make_inbox

runner = CliRunner()


def test_run_exits_1_naming_the_bad_file_then_0_the_night_after(tmp_path):
    inbox = make_inbox(tmp_path / "inbox", 2, bad=1)
    out = tmp_path / "out"
    first = runner.invoke(app, ["run", str(inbox), "--out", str(out), "--workers", "0"])
    assert first.exit_code == 1, first.output
    assert "2 processed, 1 failed" in first.output and "broken-1.pdf" in first.output
    second = runner.invoke(app, ["run", str(inbox), "--out", str(out), "--workers", "0", "--json"])
    assert second.exit_code == 0, second.output
    report = json.loads(second.stdout)
    assert (report["processed"], report["skipped"], report["still_quarantined"]) == (0, 3, 1)


def test_a_usage_error_exits_2(tmp_path):
    result = runner.invoke(app, ["run", str(tmp_path), "--workers", "-1"])
    assert result.exit_code == 2


def test_limit_options_replace_only_the_limits_given():
    limits = limits_from_options(max_file_mb=1.5, max_pages=3)
    assert (limits.max_file_bytes, limits.max_pages) == (1572864, 3)
    assert limits.ocr_seconds_per_page == DEFAULT_LIMITS.ocr_seconds_per_page
    assert limits_from_options(ocr_timeout=5).ocr_seconds_per_page == 5
    archive_and_xml = limits_from_options(max_archive_mb=2, max_xml_mb=0.5)
    assert (archive_and_xml.max_archive_bytes, archive_and_xml.max_xml_bytes) == (2 * 1048576, 524288)


def test_the_xml_limit_option_refuses_a_larger_formulaire_by_name(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    big = inbox / "formulaire.xml"
    big.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<a>' + "x" * 300_000 + "</a>", encoding="utf-8")
    result = runner.invoke(app, ["run", str(inbox), "--out", str(tmp_path / "out"), "--max-xml-mb", "0.1", "--workers", "0", "--json"])
    assert result.exit_code == 1
    failed = json.loads(result.stdout)["failed"]
    assert [f["path"].endswith("formulaire.xml") for f in failed] == [True]
    assert failed[0]["reason"] == "limit-exceeded"
