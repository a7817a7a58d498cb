"""After `actes run`, no private person's data is anywhere in the output but the catalog."""

from __future__ import annotations

import json
import shutil

from sqlalchemy import select
from typer.testing import CliRunner

from actes.cli import app
from actes.evaluation.privacy import fold_text, needles
from actes.store import Catalog
from actes.store import tables as t

runner = CliRunner()


def _private_labels(fixtures_dir):
    labels = [json.loads(line) for line in (fixtures_dir / "privacy" / "labels.jsonl").read_text(encoding="utf-8").splitlines()]
    return [(record["file"], span) for record in labels for span in record["spans"] if span["status"] == "private"]


def test_no_private_datum_in_the_package_and_the_catalog_keeps_the_original(tmp_path, fixtures_dir):
    inbox = tmp_path / "inbox"
    shutil.copytree(fixtures_dir / "privacy" / "acts", inbox)
    out = tmp_path / "out"
    result = runner.invoke(app, ["run", str(inbox), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 0, result.output
    published = [p for p in out.rglob("*") if p.is_file() and not p.name.startswith("actes.db")]
    assert any(p.name == "actes.jsonl" for p in published)
    # the linked data too: the N-Triples dump, the JSON-LD documents (one per act and line), the context
    assert {"actes.nt", "actes-jsonld.jsonl", "contexte.jsonld"} <= {p.name for p in published}
    haystacks = {p.name: f" {fold_text(p.read_text(encoding='utf-8', errors='replace'))} " for p in published}
    leaks = []
    for file, span in _private_labels(fixtures_dir):
        for needle in needles(span):
            for name, text in haystacks.items():
                if f" {needle} " in text:
                    leaks.append((file, span["text"], name))
    assert not leaks, leaks[:10]

    catalog = Catalog(out / "actes.db")
    with catalog.engine.connect() as conn:
        texts = [row.data["text"] for row in conn.execute(select(t.acts.c.data))]
    catalog.close()
    first_private = _private_labels(fixtures_dir)[0][1]["text"]
    assert any(first_private in text for text in texts)
