"""The privacy evaluation set (fixtures/privacy) meets the issue's thresholds."""

from __future__ import annotations

from actes.evaluation.privacy import evaluate_privacy


def test_private_recall_and_officials_kept_on_the_evaluation_set(fixtures_dir):
    result = evaluate_privacy(fixtures_dir / "privacy" / "labels.jsonl")
    scores = result["scores"]
    assert result["acts"] >= 40
    assert scores["private_names"]["rate"] >= 0.98, result["leaks"]
    assert scores["private_addresses"]["rate"] >= 0.98, result["leaks"]
    # The learned decision counts a leak as ten hidden officials: in these short acts every
    # official stands near a private person's words (docs/privacy.md, generated acts: 0.889).
    assert scores["officials_kept"]["rate"] >= 0.85, result["officials_replaced"]


def test_the_committed_set_is_what_the_builder_writes(tmp_path, fixtures_dir):
    from fixtures.privacy.build import build

    build(tmp_path)
    assert (tmp_path / "labels.jsonl").read_text(encoding="utf-8") == (
        fixtures_dir / "privacy" / "labels.jsonl"
    ).read_text(encoding="utf-8")


def test_evaluate_privacy_command_prints_the_scores(tmp_path, fixtures_dir):
    import json
    import shutil

    from typer.testing import CliRunner

    from actes.cli import app

    lines = (fixtures_dir / "privacy" / "labels.jsonl").read_text(encoding="utf-8").splitlines()[:2]
    (tmp_path / "acts").mkdir()
    for line in lines:
        shutil.copy(fixtures_dir / "privacy" / json.loads(line)["file"], tmp_path / json.loads(line)["file"])
    (tmp_path / "labels.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["evaluate", str(tmp_path), "--labels", str(tmp_path / "labels.jsonl"), "--privacy", "--json"]
    )
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)["scores"]
    assert scores["private_names"]["total"] > 0 and scores["officials_kept"]["total"] > 0
