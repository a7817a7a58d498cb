"""classify_act: the envelope or a printed code wins; the classifier fills, falls back, abstains, disagrees."""

from __future__ import annotations

import pytest

from actes.checks import run_checks
from actes.extractors import matiere as extractor
from actes.matiere.model import MatiereModel
from actes.schemas.provenance import FieldProvenance, SourceKind
from tests.factories import make_act


@pytest.fixture
def model(tiny_model, monkeypatch):
    """A copy of the tiny model as the package's model; tests set its thresholds."""
    copy = MatiereModel.from_dict(tiny_model.to_dict())
    copy.thresholds = {"level2": 0.0, "level1": 0.0}
    monkeypatch.setattr(extractor, "default_model", lambda: copy)
    return copy


def deliberation(objet="Subvention au club de basket", **fields):
    return make_act("act-1", nature="deliberation", objet=objet, **fields)


def test_fills_the_matiere_with_calibrated_confidence(model):
    act = deliberation()
    prediction = extractor.classify_act(act)
    assert act.matiere.code == "7.5" and act.matiere.libelle == "Finances locales/Subventions"
    provenance = act.provenance["matiere.code"]
    assert provenance.source is SourceKind.nlp and provenance.extractor == "matiere:classifier"
    assert provenance.confidence == prediction.confidence


def test_level1_code_when_level2_is_uncertain(model):
    model.thresholds = {"level2": 1.01, "level1": 0.0}
    act = deliberation("Budget primitif 2025")
    extractor.classify_act(act)
    assert act.matiere.code == "7" and act.matiere.libelle == "Finances locales"
    provenance = act.provenance["matiere.code"]
    assert provenance.extractor == "matiere:classifier-level1" and "level 2 uncertain" in provenance.snippet
    assert "missing-field" in {p.slug for p in run_checks(act)}  # SCDL still lacks its level 2


def test_abstention_is_said_in_the_provenance(model):
    model.thresholds = {"level2": 1.01, "level1": 1.01}
    act = deliberation()
    extractor.classify_act(act)
    assert act.matiere.code is None
    provenance = act.provenance["matiere.code"]
    assert provenance.extractor == "matiere:abstained" and provenance.snippet.startswith("classifier abstained, best 7.5")
    assert provenance.conflicts[0].value == "7.5"


@pytest.mark.parametrize("source", [SourceKind.envelope, SourceKind.text])
def test_envelope_or_printed_code_wins_and_a_disagreement_is_a_problem(model, source):
    act = deliberation(matiere={"code": "3.2", "libelle": "Domaine et patrimoine/Aliénations"})
    act.provenance["matiere.code"] = FieldProvenance(source=source, extractor="envelope", confidence=1.0)
    extractor.classify_act(act)
    assert act.matiere.code == "3.2"
    conflict = act.provenance["matiere.code"].conflicts[0]
    assert (conflict.value, conflict.source, conflict.extractor) == ("7.5", SourceKind.nlp, "matiere:classifier")
    problems = [p for p in run_checks(act) if p.slug == "matiere-disagrees"]
    assert len(problems) == 1 and f"matière 3.2 from the {source.value} but the classifier reads 7.5" in problems[0].message


def test_agreement_or_an_unsure_classifier_raises_nothing(model):
    act = deliberation(matiere={"code": "7.5"})
    act.provenance["matiere.code"] = FieldProvenance(source=SourceKind.envelope, extractor="envelope", confidence=1.0)
    extractor.classify_act(act)
    assert act.provenance["matiere.code"].conflicts == []
    model.thresholds = {"level2": 1.01, "level1": 1.01}
    other = deliberation(matiere={"code": "3.2"})
    other.provenance["matiere.code"] = FieldProvenance(source=SourceKind.envelope, extractor="envelope", confidence=1.0)
    extractor.classify_act(other)
    assert "matiere-disagrees" not in {p.slug for p in run_checks(other)}


def test_minutes_and_acts_without_objet_are_not_classified(model):
    minutes = deliberation("Budget primitif 2023", text="PROCÈS-VERBAL DE LA SÉANCE DU CONSEIL MUNICIPAL DU 15 DÉCEMBRE 2022\n…")
    assert extractor.classify_act(minutes) is None and minutes.matiere.code is None
    assert extractor.classify_act(deliberation(objet=None)) is None


def test_printed_code_is_read_from_the_text():
    from actes.extractors.base import TextView

    found = {f.field: (f.value, f.source) for f in extractor.MatiereExtractor().extract(
        TextView.of_text("Délibération n° 12\nNomenclature ACTES : 7.10 Divers\nObjet : Tarifs"))}
    assert found["matiere.code"] == ("7.10", SourceKind.text)
    assert found["matiere.libelle"][0] == "Finances locales/Divers"
    unknown = list(extractor.MatiereExtractor().extract(TextView.of_text("Matière : 7.12\nObjet : Tarifs")))
    assert unknown == []  # an unknown printed code is not read; the classifier will speak


def test_shipped_model_loads_and_answers():
    from actes.matiere import MatiereInput, default_model

    model = default_model()
    assert model is not None, "actes/models/matiere.json is missing: run `actes train --only matiere`"
    prediction = model.predict(MatiereInput("Attribution de subventions aux associations sportives"))
    assert prediction.best.startswith("7.")
