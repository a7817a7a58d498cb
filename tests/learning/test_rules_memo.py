"""An evaluation's memory of the rules' findings changes no field: extracting again with it gives
the same acts, and the rules run once."""

from __future__ import annotations

import actes.extraction as extraction
from actes.extraction import acts_of_document, remembering_rules
from actes.extractors import TextView
from actes.learning.choose import using_model

TEXT = (
    "COMMUNE DE TESTVILLE\nDélibération n° 2023-014\nSéance du 12 mars 2023\n"
    "Objet : Travaux de voirie\nLe conseil municipal, après en avoir délibéré, DÉCIDE d'approuver les travaux.\n"
    "Adopté à l'unanimité.\nLe Maire, Jean DUPONT\n"
)
FIELDS = ("nature", "numero", "objet", "date_decision", "signataire", "votes", "collectivite")


def _fields(acts):
    return [{key: act.model_dump(mode="json").get(key) for key in FIELDS} for act in acts]


def test_remembered_rules_give_the_same_fields_and_run_once(monkeypatch):
    import actes.extractors.nlp as nlp

    monkeypatch.setattr(nlp, "pipeline", lambda: None)  # NLP off: the test is about the rules
    monkeypatch.setattr(nlp, "persons", lambda text: [])
    doc = TextView.of_text(TEXT).doc
    calls = []
    real = extraction.run_extractors
    monkeypatch.setattr(extraction, "run_extractors", lambda view: calls.append(1) or real(view))
    memo: dict = {}
    with using_model(None):
        plain = _fields(acts_of_document(doc))
        before = len(calls)
        with remembering_rules(memo):
            first = _fields(acts_of_document(doc))
            again = _fields(acts_of_document(doc))
    assert memo and len(calls) == 2 * before  # the second extraction under the memo reused every act's findings
    assert first == plain and again == plain
    assert plain[0]["objet"] == "Travaux de voirie"
