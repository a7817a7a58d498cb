"""A point cut from minutes is one item: the classifier reads it even when its text quotes "the
minutes of the last séance", which makes a whole document count as minutes (and be skipped)."""

from __future__ import annotations

import pytest

from actes.extractors import matiere as extractor
from actes.matiere.model import MatiereModel
from actes.schemas.seance import SeanceItem
from tests.factories import make_act

TEXT = (
    "1 - Approbation du procès-verbal de la séance du 26 janvier 2023 Rapporteur : Monsieur le Maire. "
    "Le procès-verbal de la séance du 26 janvier 2023 est approuvé à l'unanimité."
)


@pytest.fixture
def model(tiny_model, monkeypatch):
    copy = MatiereModel.from_dict(tiny_model.to_dict())
    copy.thresholds = {"level2": 0.0, "level1": 0.0}
    monkeypatch.setattr(extractor, "default_model", lambda: copy)
    return copy


def _act(item: SeanceItem | None):
    return make_act(
        "act-1",
        nature="deliberation",
        objet="Approbation du procès-verbal de la séance du 26 janvier 2023",
        text=TEXT,
        item=item,
    )


def test_a_point_of_minutes_is_classified(model):
    assert extractor.predict(_act(SeanceItem(ordre=1))) is not None


def test_a_document_that_reads_as_minutes_still_is_not(model):
    assert extractor.predict(_act(None)) is None
