"""What is published: placeholders, policy by nature, the review gate."""

from __future__ import annotations

from actes.privacy import METADATA_ONLY, PrivacyPolicy, annotate, publishable
from actes.schemas.act import Act, Signataire, Source
from actes.schemas.provenance import FieldProvenance, SourceKind

TEXT = (
    "Le Maire, M. Paul LEROUX,\nConsidérant que l'immeuble appartient à M. Jean DUPONT, demeurant "
    "4 avenue Foch, 75016 Paris, et à Mme Anne ROY ;\nM. DUPONT est mis en demeure.\nLe Maire, Paul LEROUX"
)


def _act(**fields) -> Act:
    act = Act(
        id="t", source=Source(path="t.txt", sha256="0" * 64), text=TEXT, nature_actes="AR",
        objet="Péril : immeuble de M. Jean DUPONT", signataire=Signataire(nom="Paul LEROUX"),
        provenance={"objet": FieldProvenance(source=SourceKind.text, extractor="header", confidence=0.8,
                                             snippet="Objet : Péril : immeuble de M. Jean DUPONT")},
        **fields,
    )
    return annotate(act, use_nlp=False)


def test_private_data_is_replaced_by_stable_placeholders_and_officials_stay():
    out = publishable(_act())
    assert "DUPONT" not in out.text and "ROY" not in out.text and "Foch" not in out.text
    assert out.text.count("[PERSONNE 1]") == 2 and "[PERSONNE 2]" in out.text and "[ADRESSE 1]" in out.text
    assert "Paul LEROUX" in out.text
    assert out.objet == "Péril : immeuble de [PERSONNE 1]"
    assert "DUPONT" not in out.provenance["objet"].snippet
    assert out.personal_data == []


def test_the_original_act_is_untouched():
    act = _act()
    publishable(act)
    assert "M. Jean DUPONT" in act.text and act.personal_data


def test_individual_acts_publish_metadata_only():
    out = publishable(_act(nature="arrete").model_copy(update={"nature_actes": "AI"}))
    assert out.text is None and out.objet == "Péril : immeuble de [PERSONNE 1]"
    assert PrivacyPolicy().text_mode(_act(nature="arrete").model_copy(update={"nature_actes": None})) == METADATA_ONLY


def test_pending_acts_are_held_unless_the_gate_is_off():
    act = _act()
    act.privacy.review = "pending"
    assert publishable(act) is None
    assert publishable(act, PrivacyPolicy(review_gate=False)) is not None
