"""`actes train`: one function per model, --only, --seed, data paths as options."""

from __future__ import annotations

import csv
import json

from typer.testing import CliRunner

from actes.cli import app
from tests.matiere.conftest import OBJETS

runner = CliRunner()


def _shared(tmp_path):
    """A ../shared look-alike: rows.csv, a text printing codes, a nomenclature CSV (Latin-1)."""
    rows = tmp_path / "corpus" / "matiere" / "rows.csv"
    rows.parent.mkdir(parents=True)
    with rows.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "source_id",
                "coll_nom",
                "coll_siret_or_siren",
                "delib_id",
                "delib_date",
                "matiere_code",
                "matiere_nom",
                "objet",
            ]
        )
        for code, objets in OBJETS.items():
            for i, objet in enumerate(objets):
                writer.writerow(
                    [
                        "test",
                        "COMMUNE",
                        "21000000000000",
                        i,
                        f"{2022 + i % 2}-03-01",
                        code,
                        "",
                        f"DCM_2023-{i:03d}_{objet}",
                    ]
                )
    texts = tmp_path / "corpus" / "texts"
    texts.mkdir()
    (texts / "pv-2023.txt").write_text(
        "1. Budget primitif 2024 (7.1) 2. Vente d'un terrain à bâtir (3.2) 3. Divers", encoding="utf-8"
    )
    classification = tmp_path / "reference" / "actes" / "classification"
    classification.mkdir(parents=True)
    (classification / "nomenclature.csv").write_text(
        '"Libellé","Niveau","Code Interne","Code ACTES"\n" Subventions ",2,"7.5","7.5"\n" accordées ",3,"7.5.1","7.5.1"\n',
        encoding="latin-1",
    )
    return tmp_path


def test_train_matiere_writes_the_json_model(tmp_path, monkeypatch):
    monkeypatch.setattr("actes.matiere.data.REVIEWER_LABELS", tmp_path / "no-reviewer-labels.jsonl")  # the rows alone
    shared, out = _shared(tmp_path / "shared"), tmp_path / "models"
    result = runner.invoke(
        app, ["train", "--only", "matiere", "--shared", str(shared), "--out", str(out), "--seed", "3"]
    )
    assert result.exit_code == 0, result.output
    assert "examples (rows 24, printed 2, nomenclature " in result.output
    model = json.loads((out / "matiere.json").read_text(encoding="utf-8"))
    assert model["meta"]["seed"] == 3 and "7.5" in model["classes"]
    assert model["meta"]["calibrated_on"] == "out-of-fold predictions, folds by year"


def test_unknown_model_names_are_refused():
    result = runner.invoke(app, ["train", "--only", "nothing"])
    assert result.exit_code == 2 and "Available: " in result.output
    available = {name.strip() for name in result.output.split("Available: ", 1)[1].split(",")}
    assert {"matiere", "fields"} <= available


def test_missing_training_data_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["train", "--only", "matiere", "--shared", str(tmp_path), "--out", str(tmp_path)])
    assert result.exit_code == 2 and "no matière training rows" in result.output
