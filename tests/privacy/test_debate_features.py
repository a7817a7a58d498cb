"""What a debate says about its speakers, and what it does not (issue 16, read from the
out-of-fold false positives of the real acts): the words a member says are no words about its
life, a role after a pair of names is both's, substitutes and proxies are members, an address is
no one's because a name NER alone read stands far from it, a date is no phone number."""

from __future__ import annotations

from actes.privacy.detect import _other_data
from actes.privacy.features import official_evidence
from actes.privacy.patterns import P_PHONE
from actes.privacy.training import Example, fit
from actes.schemas.privacy import PersonalData
from tests.privacy.persons import persons_in


def test_what_a_member_says_is_no_cue_about_its_life():
    persons = persons_in(
        "Mme Varnier demande si le loyer du logement sera révisé. M. Ostrand explique que le bail court "
        "jusqu'en 2026. Le conseil prend acte de la vente du terrain à M. Paul BELCOURT."
    )
    assert persons["Mme Varnier"].get("rules:official") == 1.0  # speaking is an official's evidence
    assert "cue:tenancy" not in persons["Mme Varnier"]
    # nor the words of the sentence before: "…le bail court jusqu'en 2026." is the previous speaker's
    assert "cue:sale" not in persons["M. Ostrand"]
    assert persons["M. Paul BELCOURT"].get("cue:sale") == 1.0


def test_cue_words_are_the_share_of_a_persons_mentions():
    text = (
        "Mme Varnier remarque que la commission ne s'est pas réunie. Mme Varnier souhaite savoir qui paiera. "
        "Mme Varnier s'interroge sur le calendrier. Mme Varnier constate un retard. "
        "Le prix de vente proposé par Mme Varnier est refusé."
    )
    features = persons_in(text)["Mme Varnier"]
    assert 0.0 < features["cue:sale"] < 1.0
    assert "count:mentions" not in features and "count:surname_in_text" not in features


def test_a_role_after_a_pair_of_names_is_boths():
    persons = persons_in(
        "Madame Hélène CASTILLE et Monsieur Gérard OLMIÈRE sont installés dans leurs fonctions de conseillers municipaux."
    )
    assert persons["Madame Hélène CASTILLE"].get("context:role_after") == 1.0
    assert persons["Monsieur Gérard OLMIÈRE"].get("context:role_after") == 1.0


def test_substitutes_and_proxies_are_members():
    persons = persons_in("Assistaient également : Monsieur Luc DARNAULT, membre suppléant, Madame Anne VEYRAS.")
    assert persons["Monsieur Luc DARNAULT"].get("context:role_after") == 1.0
    table = persons_in("Morvanec M. BRANLARD Alain Repr. M. Vercoutre P Lussey M. FOLLAIN Paul Présent P")
    assert table["M. Vercoutre"].get("context:role_before") == 1.0


def test_an_address_far_from_a_name_only_ner_read_is_no_ones():
    text = (
        "Foyer Arsène Valbrun. "
        + "Le département autorise la structure. " * 8
        + "Micro-crèche Les Petits Cèdres, 7 allée des Ormeaux."
    )
    start = text.index("Foyer Arsène Valbrun")
    ner_only = PersonalData(
        kind="person",
        text="Foyer Arsène Valbrun",
        start=start,
        end=start + len("Foyer Arsène Valbrun"),
        status="private",
        confidence=0.75,
        detector="nlp:ner",
    )
    found = _other_data(text, True, [ner_only])
    assert not any(d.kind == "address" for d in found)
    # a private person the rules found anywhere in the act still makes it private (recall first)
    ruled = ner_only.model_copy(update={"detector": "rule:civility"})
    assert any(d.kind == "address" for d in _other_data(text, True, [ruled]))


def test_a_phone_number_keeps_one_separator():
    for phone in ("01 46 12 96 05", "06.12.34.56.78", "0612345678", "+33 6 12 34 56 78"):
        assert P_PHONE.search(f"joindre au {phone} avant midi"), phone
    for not_phone in ("arrêté du 03 2023 15 32", "décisions n° 23-05 23-13 23-14"):
        assert not P_PHONE.search(not_phone), not_phone


def test_the_sigmoid_is_fitted_on_the_persons_the_score_decides():
    # the score decides only persons with some official evidence: the others are private whatever
    # it says, so they calibrate nothing (the band is still a share of every person)
    examples = []
    for group in ("a", "b", "c", "d", "e", "f"):
        for i in range(6):
            evidence = i < 4
            features = {"bias": 1.0, "cue:sale": float(i % 2)}
            if evidence:
                features["rules:official"] = 1.0
            examples.append(Example(group, features, private=not evidence or i == 3, name=f"{group}{i}"))
    scorer = fit(examples, seed=0)
    assert scorer.meta["calibrated_on"] == sum(1 for ex in examples if official_evidence(ex.features)) == 24
