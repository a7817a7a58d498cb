"""The committed set and demo are what the documented commands write, and their labels are
valid Acts in the corpus label format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from actes.schemas.act import Act
from fixtures.generator import generate
from fixtures.generator.demo import build_demo
from fixtures.generator.labels import EXTRA_KEYS, LABEL_KEYS, label_row

ROOT = Path(__file__).resolve().parents[2]
GENERATED = ROOT / "fixtures" / "generated"
DEMO = ROOT / "fixtures" / "demo"


def _expected_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.expected.json"))


def _as_act(exp: dict) -> Act:
    data = {k: v for k, v in exp.items() if k not in EXTRA_KEYS}
    return Act.model_validate({**data, "id": "x", "source": {"path": exp["file"], "sha256": "0" * 64}})


@pytest.mark.parametrize("folder", [GENERATED, DEMO / "expected"], ids=["generated", "demo"])
def test_expected_json_are_acts_and_labels_agree(folder):
    files = _expected_files(folder)
    assert files
    rows = {json.loads(line)["file"]: json.loads(line) for line in (folder / "labels.jsonl").read_text("utf-8").splitlines()}
    assert len(rows) == len(files)
    for path in files:
        exp = json.loads(path.read_text("utf-8"))
        act = _as_act(exp)
        assert act.collectivite.siren is None or len(act.collectivite.siren) == 9
        assert rows[exp["file"]] == label_row(exp)
        assert (folder / exp["file"]).is_file(), exp["file"]


def test_label_keys_are_the_corpus_keys(shared_dir):
    first = json.loads((shared_dir / "corpus" / "labels.jsonl").read_text("utf-8").splitlines()[0])
    ours = json.loads((GENERATED / "labels.jsonl").read_text("utf-8").splitlines()[0])
    assert set(LABEL_KEYS) <= set(first)
    assert list(ours)[: len(LABEL_KEYS)] == LABEL_KEYS
    assert set(ours) - set(LABEL_KEYS) == {"variant", "contained_acts"}


def _same_tree(committed: Path, fresh: Path) -> None:
    names = sorted(p.relative_to(committed).as_posix() for p in committed.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(fresh).as_posix() for p in fresh.rglob("*") if p.is_file())
    for name in names:
        if name.endswith((".json", ".jsonl", ".csv", ".txt", ".xml")):
            assert (committed / name).read_bytes() == (fresh / name).read_bytes(), name


def test_committed_set_is_what_the_command_writes(tmp_path):
    generate(tmp_path, 120, seed="0")
    _same_tree(GENERATED, tmp_path)


def test_committed_demo_is_what_the_command_writes(tmp_path):
    build_demo(tmp_path)
    _same_tree(DEMO, tmp_path)
    # PDF bytes may change with the reportlab version; their text must not.
    from actes.limits import DEFAULT_LIMITS
    from actes.readers import read_document

    for pdf in sorted((DEMO / "inbox").glob("*.pdf")):
        fresh = tmp_path / "inbox" / pdf.name
        assert read_document(pdf, DEFAULT_LIMITS).text == read_document(fresh, DEFAULT_LIMITS).text, pdf.name
