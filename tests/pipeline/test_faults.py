"""A catalog that cannot be reached, an output folder that cannot be written: a clear error
naming it, exit 4, nothing half-done."""

from __future__ import annotations

import time

import pytest
from typer.testing import CliRunner

from actes.cli import app
from actes.pipeline import run
from actes.store.connect import CatalogUnavailable
from tests.pipeline.inbox import make_inbox

UNREACHABLE = "postgresql+psycopg://postgres:secret@127.0.0.1:9/test"  # the discard port: nobody listens


def test_an_unreachable_database_is_retried_then_named_without_its_password(tmp_path):
    inbox = make_inbox(tmp_path / "inbox", 1)
    start = time.monotonic()
    with pytest.raises(CatalogUnavailable, match="cannot be reached") as caught:
        run(inbox, tmp_path / "out", db=UNREACHABLE, workers=0, db_patience=1.5)
    assert time.monotonic() - start >= 1.0  # it waited before giving up
    assert "127.0.0.1:9/test" in str(caught.value) and "secret" not in str(caught.value)


def test_an_output_folder_that_cannot_be_written_exits_4_naming_it(tmp_path):
    inbox = make_inbox(tmp_path / "inbox", 1)
    blocked = tmp_path / "out"
    blocked.write_text("a file where the output folder should be")
    result = CliRunner().invoke(app, ["run", str(inbox), "--out", str(blocked), "--workers", "0"])
    assert result.exit_code == 4
    assert f'cannot write "{blocked}"' in result.output
