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


# Issue 16's drift: spacing or case made the rules read "M. Jean" / "MONSIEUR Jean" as the name,
# the placeholder landed on the civility and the surname stayed in clear.
def test_the_surname_never_stays_in_clear_whatever_the_spacing_or_case():
    for written in ("M. Jean\u00a0MARTIN", "M. Jean\nMARTIN", "MONSIEUR Jean MARTIN", "MONSIEUR JEAN MARTIN",
                    "à un particulier – Jean MARTIN et Mme Marie DURAND, domiciliés 4 rue des Lilas"):
        act = Act(id="t", source=Source(path="t.txt", sha256="0" * 64), nature_actes="DE",
                  text=f"Considérant la demande de {written}, la vente est autorisée.")
        out = publishable(annotate(act, use_nlp=False))
        assert "MARTIN" not in out.text and "Lilas" not in out.text, out.text


def test_a_value_left_anywhere_holds_the_act_with_its_reason():
    from actes.privacy.pseudonymize import HELD_LEAK, publication

    act = _act()
    act.numero = "2024-12 Jean DUPONT"  # a field replacement does not touch
    act.personal_data[[d.text for d in act.personal_data].index("M. Jean DUPONT")].text = "Jean DUPONT"
    result = publication(act)
    assert result.act is None and result.reason == HELD_LEAK and "numero" in result.detail


def _pending(**fields) -> Act:
    from actes.schemas.privacy import PersonalData

    act = _act(**fields)
    act.personal_data.append(PersonalData(kind="person", text="Anne ROY", start=TEXT.index("Anne ROY"),
                                          end=TEXT.index("Anne ROY") + 8, status="private", confidence=0.6,
                                          detector="nlp:ner"))
    act.privacy.review, act.privacy.uncertain = "pending", [len(act.personal_data) - 1]
    return act


def test_the_gate_holds_only_doubts_that_would_be_published():
    assert publishable(_pending()) is None  # a pseudonymised text: the doubt is published
    assert publishable(_pending().model_copy(update={"nature_actes": "BF"})) is not None  # budgets: never held
    # An individual act publishes its objet only: a doubt in its text holds nothing.
    assert publishable(_pending().model_copy(update={"nature_actes": "AI"})) is not None


def test_the_publisher_counts_held_acts_by_reason():
    from actes.privacy.review import Publisher

    publisher = Publisher(None)
    assert publisher(_pending()) is None and publisher(_act()) is not None
    summary = publisher.summary()
    assert summary["count"] == 1 and summary["by_reason"] == {"uncertain-official-or-private": 1}
    assert summary["acts"][0]["detail"].startswith('person "Anne ROY"')


def test_a_name_in_the_attendance_is_replaced_whole_when_any_word_of_it_is_private():
    from actes.schemas.seance import NamedVote, Presence, Seance, SeanceItem

    act = _act()
    act.seance = Seance(id="s", presences=[
        Presence(nom="DUPONT Jean-Marc", statut="represented", mandataire="Paul LEROUX"),
        Presence(nom="Anne ROY, adjointe", statut="present"),
        Presence(nom="Paul LEROUX", statut="present"),
    ])
    act.item = SeanceItem(ordre=1, votes_nominatifs=[NamedVote(nom="Anne ROY, adjointe", vote="contre", printed="Mme ROY")])
    out = publishable(act)
    names = [p.nom for p in out.seance.presences]
    assert names[0] == "[PERSONNE 1]" and names[1] == "[PERSONNE 2]"
    assert names[2] == "Paul LEROUX" and out.seance.presences[0].mandataire == "Paul LEROUX"
    vote = out.item.votes_nominatifs[0]
    assert vote.nom == names[1] and vote.printed == names[1]
    assert "Jean-Marc" not in out.model_dump_json() and "adjointe" not in out.model_dump_json()
