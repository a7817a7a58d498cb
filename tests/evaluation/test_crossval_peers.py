"""Cross-validation grouped by authority, authority groups, and the comparison with the peers' dates."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from actes.cli import app
from actes.evaluation.crossval import cross_validate
from actes.evaluation.groups import file_group
from actes.evaluation.peers import actes_date, compare_with_peers

MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre"]


def _labelled_set(tmp_path: Path, authorities: int = 4, per_authority: int = 3) -> Path:
    """Small délibérations of several made-up authorities, with labels naming their session date."""
    texts = tmp_path / "texts"
    texts.mkdir()
    lines = []
    for a in range(authorities):
        for i in range(per_authority):
            day, month = 3 + a + i, MONTHS[(a * 3 + i) % 10]
            name = f"testville{a}-pv-conseil-municipal-{i}.txt"
            (texts / name).write_text(
                f"COMMUNE DE TESTVILLE{a}\nSéance du {day} {month} 2023\nVu la délibération du 2 janvier 2019,\n"
                f"Objet : Travaux de voirie numéro {i}\nLe conseil municipal, après en avoir délibéré, DÉCIDE.\n",
                encoding="utf-8")
            lines.append({"file": f"texts/{name}", "nature": "deliberation", "objet": f"Travaux de voirie numéro {i}",
                          "date_decision": f"2023-{MONTHS.index(month) + 1:02d}-{day:02d}"})
    labels = tmp_path / "labels.jsonl"
    labels.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    return labels


def test_file_group_is_the_authority_part_of_a_file_name() -> None:
    assert file_group("texts/cc-foo-bar-pv-conseil-communautaire-2023-01-02.txt") == "cc-foo-bar"
    assert file_group("raw/somecity_compte-rendu-conseil-municipal_2021-01-29.pdf") == "somecity"
    assert file_group("texts/prefecture-xyz-raa-special-19-2023.txt") == "prefecture-xyz"


def test_cross_validation_scores_each_authority_with_a_model_that_never_saw_it(tmp_path: Path) -> None:
    labels = _labelled_set(tmp_path)
    result = cross_validate([labels], tmp_path, seed=0, folds=2)
    assert result.groups == 4 and result.folds == 2
    modes = result.scored[str(labels)]
    assert set(modes) == {"rules", "cross-validated", "in-sample"}
    for scored in modes.values():
        assert scored.acts_scored == 12
        assert scored.soft.fields["date_decision"].support == 12
    # the session date is labelled ("Séance du …"): every way of extracting finds most of them
    assert modes["rules"].soft.fields["date_decision"].tp >= 10
    assert abs(result.gap(str(labels))) <= 1.0


def test_cross_validate_command_prints_the_tables_and_the_gap(tmp_path: Path) -> None:
    labels = _labelled_set(tmp_path, authorities=3, per_authority=2)
    out = CliRunner().invoke(app, ["evaluate", str(tmp_path), "--labels", str(labels), "--cross-validate", "--folds", "3"])
    assert out.exit_code == 0, out.output
    assert "cross-validated" in out.output and "Gap (in-sample − cross-validated micro-F1)" in out.output


def test_actes_date_prefers_publication_then_receipt_then_sending_then_decision() -> None:
    act = {"transmission": {"date_publication": None, "date_reception": "2023-02-03", "date_envoi": "2023-02-01"},
           "date_decision": "2023-01-20"}
    assert actes_date(act) == "2023-02-03"
    assert actes_date({"transmission": {}, "date_decision": "2023-01-20"}) == "2023-01-20"
    assert actes_date(None) is None


def test_peer_comparison_counts_who_is_right(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "b.txt").write_text("y", encoding="utf-8")
    csv = tmp_path / "dates.csv"
    csv.write_text("file,source_nature,gold_date,datapolitics_date,ner_llm_date\n"
                   "a.txt,pv.cr,2023-01-05,2023-01-05,2023-01-06\n"
                   "b.txt,acte.delib,2023-02-01,2023-02-02,2023-02-01\n", encoding="utf-8")
    answers = {"a.txt": [{"date_decision": "2023-01-05", "transmission": {}}], "b.txt": []}
    result = compare_with_peers(csv, tmp_path, extract=lambda path: answers[path.name], best_guess=False)
    assert result.documents == 2
    assert result.right["actes"] == 1 and result.right["datapolitics_date"] == 1 and result.right["ner_llm_date"] == 1
    assert result.by_class["pv.cr"]["actes"] == 1
    assert [m["file"] for m in result.misses] == ["b.txt"]


def test_minutes_answer_their_session_date_before_a_posting_date_their_text_prints() -> None:
    minutes = {"nature": "autre", "seance": {"date": "2023-02-13"}, "date_decision": "2023-02-13",
               "transmission": {"date_publication": "2023-02-20"}}
    assert actes_date(minutes) == "2023-02-13"
    # an act (a délibération with its séance attached) keeps the publication date first
    assert actes_date(minutes | {"nature": "deliberation"}) == "2023-02-20"
    # a document with no séance read keeps the order of preference
    assert actes_date(minutes | {"seance": None}) == "2023-02-20"
