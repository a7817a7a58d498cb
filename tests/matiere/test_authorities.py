"""Reviewer labels, folds by authority and the weight of one authority's habits (issue 22)."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from actes.matiere.data import NOMENCLATURE, REVIEWER, REVIEWER_LABELS, ROWS, Example, LabelError, load_reviewer
from actes.matiere.training import AUTHORITY_CAP, authority_folds, authority_weights, grouping
from tests.matiere.conftest import OBJETS


def _write(tmp_path, records: list[dict]) -> str:
    path = tmp_path / "matiere-corpus.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def _record(**changes) -> dict:
    record = {
        "file": "texts/x-pv-conseil-municipal-2023-01-02.txt",
        "authority": "x",
        "split": "tune",
        "ref": "item 1",
        "objet": "Budget primitif 2023",
        "code": "7.1",
        "source": "reviewer",
    }
    return {**record, **changes}


def test_a_reviewer_label_becomes_an_example_of_its_authority(tmp_path):
    path = _write(tmp_path, [_record(), _record(authority="y", siren="123456789", code="5.2", split="heldout")])
    first, second = load_reviewer(path)
    assert (first.origin, first.code, first.group, first.year, first.split) == (
        REVIEWER,
        "7.1",
        "authority:x",
        "2023",
        "tune",
    )
    assert second.group == "123456789" and second.split == "heldout"  # a SIREN joins the rows of that authority


@pytest.mark.parametrize(
    ("record", "field"),
    [
        (_record(code="7"), "code"),
        (_record(code="7.11"), "code"),
        (_record(objet=" "), "objet"),
        (_record(source="authority"), "source"),
        (_record(authority=None), "authority"),
    ],
)
def test_a_bad_label_names_its_file_line_and_field(tmp_path, record, field):
    path = _write(tmp_path, [_record(), record])
    with pytest.raises(LabelError) as caught:
        load_reviewer(path)
    assert f"{path}:2" in str(caught.value) and f'"{field}"' in str(caught.value)


def test_the_repository_labels_are_many_authorities_and_valid():
    """labels/matiere-corpus.jsonl itself: every line loads, and it spans many authorities."""
    examples = load_reviewer(REVIEWER_LABELS)
    groups = Counter(e.group for e in examples)
    assert len(examples) >= 100 and len(groups) >= 20
    assert max(groups.values()) <= 0.15 * len(examples)  # no authority is most of them
    assert {e.split for e in examples} == {"tune", "heldout"}
    assert {e.split for e in examples if e.group == examples[0].group} == {examples[0].split}  # a split per authority


def test_training_data_takes_the_repository_labels_by_default(tmp_path):
    from actes.matiere.data import Sources

    assert Sources.under(tmp_path).reviewer == REVIEWER_LABELS
    assert Sources.under(tmp_path, tmp_path / "other.jsonl").reviewer == tmp_path / "other.jsonl"


def test_authority_folds_are_near_equal_and_keep_a_large_authority_alone():
    sizes = Counter({"big": 60, **{f"a{i}": 5 for i in range(12)}, "b": 9})
    folds = authority_folds(sizes, 3)
    totals = Counter()
    for group, fold in folds.items():
        totals[fold] += sizes[group]
    assert set(folds) == set(sizes) and len(totals) == 3
    assert [g for g, f in folds.items() if f == folds["big"]] == ["big"]
    others = sorted(n for f, n in totals.items() if f != folds["big"])
    assert others[1] - others[0] <= 5
    assert authority_folds(sizes, 3) == folds  # deterministic


def _examples(authorities: int, per_code: int = 2, main: int = 0) -> list[Example]:
    out = []
    for a in range(authorities):
        for code, objets in OBJETS.items():
            out += [
                Example(objets[(a + i) % len(objets)], code, REVIEWER, f"authority:{a}", "2023")
                for i in range(per_code)
            ]
    for i in range(main):
        code = list(OBJETS)[i % len(OBJETS)]
        out.append(Example(OBJETS[code][i % 6], code, ROWS, "main", str(2021 + i % 3)))
    return out


def test_folds_go_by_authority_only_when_other_authorities_weigh_enough():
    assert grouping(_examples(0, main=60)).name == "year"
    assert grouping(_examples(1, per_code=1, main=60)).name == "year"  # 4 of 64 outside the main one
    split = grouping(_examples(6, main=60))
    assert split.name == "authority"
    examples = _examples(6, main=60)
    assert len({split.key(e) for e in examples if e.group == "main"}) == 1


def test_a_large_authority_weighs_less_per_example_and_the_nomenclature_is_untouched():
    examples = _examples(2, main=4 * AUTHORITY_CAP) + [Example("Subventions", "7.5", NOMENCLATURE, "nomenclature")]
    weights = authority_weights(examples)
    by_group = {e.group: w for e, w in zip(examples, weights, strict=True)}
    assert by_group["authority:0"] == by_group["nomenclature"] == 1.0
    assert by_group["main"] == pytest.approx(0.5)  # (200 / 50) ** -0.5


def test_evaluation_scores_reviewed_acts_by_authority_and_own_codes_by_year():
    from dataclasses import replace

    from actes.evaluation.matiere import evaluate_matiere, markdown

    examples = [
        replace(e, split="tune" if e.group.endswith(("0", "2")) else "heldout") if e.origin == REVIEWER else e
        for e in _examples(4, per_code=1, main=24)
    ]
    report = evaluate_matiere(examples, seed=3)
    data = report.as_dict()
    assert data["grouping"] == "year" and data["cross_validated"]["rows"] == 24  # (a): the main authority's rows
    b = data["by_authority"]
    assert b["reviewer"]["rows"] == 16 and b["reviewer_tune"]["rows"] == b["reviewer_heldout"]["rows"] == 8
    assert b["main_authority_rows"]["rows"] == 24 and b["own_codes_other_authorities"] is None
    assert b["authorities_reviewed"] == 4 and sum(len(v) for v in b["folds"].values()) == 5
    assert sum(r["rows"] for r in b["reliability_level2"]) == 16
    # no authority is scored by a model that saw it: each fold's authorities are disjoint
    assert len({g for groups in b["folds"].values() for g in groups}) == 5
    text = markdown(report)
    assert "(b) reviewer-labelled acts | 16 |" in text and "folds by **year**" in text
    assert markdown(json.loads(json.dumps(data))) == text  # what --json writes gives the same tables


def test_an_authority_the_model_knows_gets_its_own_calibration(tiny_model, tmp_path):
    from actes.matiere import MatiereInput
    from actes.matiere.model import MatiereModel

    model = MatiereModel.from_dict(tiny_model.to_dict())
    identity = {"x": [0.0, 1.0], "y": [0.0, 1.0]}
    model.calibration = {"level2": {"x": [0.0, 1.0], "y": [0.0, 0.1]}, "level1": {"x": [0.0, 1.0], "y": [0.0, 0.1]}}
    model.thresholds = {"level2": 0.5, "level1": 0.5}
    model.seen = {
        "authorities": ["210199907"],
        "calibration": {"level2": identity, "level1": identity},
        "thresholds": {"level2": 0.0, "level1": 0.0},
    }
    item = "Subvention au club de tennis"
    new = model.predict(MatiereInput(item))
    known = model.predict(MatiereInput(item, authority="210199907"))
    other = model.predict(MatiereInput(item, authority="999999999"))
    assert new == other and new.code is None and new.confidence <= 0.1  # a new authority: main tables
    assert known.code == "7.5" and known.confidence == known.best_probability  # the known one: its own
    again = MatiereModel.load(model.save(tmp_path / "m.json"))
    assert again.knows("210199907") and again.predict(MatiereInput(item, authority="210199907")) == known
