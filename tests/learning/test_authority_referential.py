"""Authority candidates checked against the national referential (the committed extract of
tests/referential): a name that names one authority, several homonyms, or none beside one that
does; and the scorer's candidates carry what it says."""

from __future__ import annotations

import pytest

from actes.extractors import TextView, run_extractors
from actes.learning.authorities import (
    council_kind,
    describe,
    is_referential,
    printed_kind,
    referential_cut,
    referential_features,
)
from actes.learning.candidates import gather
from actes.reconcile import cross_check
from actes.referential.build import build
from actes.referential.national import ENV, National
from tests.referential.conftest import make_tarball

VALBRENNE_SIREN = "210199808"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("referential")
    path = folder / "authorities.sqlite"
    build(make_tarball(folder), path)
    return path


@pytest.fixture(scope="module")
def ref(db) -> National:
    return National(db)


def test_the_name_s_own_words_say_its_kind():
    assert printed_kind("Commune de Valbrenne") == "commune"
    assert printed_kind("Communauté de communes Terre de Camargue") == "epci"
    assert printed_kind("CONSEIL DÉPARTEMENTAL DE L'AIN") == "departement"
    assert printed_kind("Le Syndicat des eaux de Valbrenne") == "other"
    assert printed_kind("Valbrenne") == "bare"


def test_one_several_or_no_authority_of_that_name(ref):
    one = referential_features("COMMUNE DE VALBRENNE", None, None, ref)
    assert one["ref:one"] and one["ref:commune:one"]
    assert referential_features("Ville de Sainte-Colombe", None, None, ref)["ref:several"]
    assert referential_features("CC Terre de Camargue", None, None, ref)["ref:epci:one"]
    assert referential_features("Séance", None, None, ref) == {}  # unknown: no evidence by itself
    assert referential_features("Syndicat mixte de Valbrenne", None, None, ref) == {"ref:other_kind": 1.0}


def test_the_act_s_siren_and_departement_agree_or_not(ref):
    agrees = referential_features("Valbrenne", VALBRENNE_SIREN, "01", ref)
    assert agrees["ref:siren_agrees"] and agrees["ref:dep_agrees"]
    other = referential_features("Valbrenne", "243000650", "30", ref)  # an EPCI's act naming another authority
    assert other["ref:siren_other"] and other["ref:dep_other"]


def test_beside_a_known_name_its_run_on_and_cut_short_readings_are_marked(ref):
    feats = describe(
        ["Commune de Valbrenne Lundi", "Commune de Valbrenne", "Communauté de communes Terre", "MARDI"], None, None, ref
    )
    assert feats["Commune de Valbrenne"]["ref:one"]
    assert feats["Commune de Valbrenne Lundi"]["ref:runs_on"]
    assert feats["MARDI"] == {"ref:unknown_beside_one": 1.0}
    cut = describe(["Communauté de communes Terre", "Communauté de communes Terre de Camargue"], None, None, ref)
    assert cut["Communauté de communes Terre"]["ref:cut_short"]
    assert describe(["MARDI", "Séance"], None, None, ref) == {"MARDI": {}, "Séance": {}}  # nothing known: no claim


def test_the_scorer_s_candidates_carry_the_referential_s_answer(db, monkeypatch):
    monkeypatch.setenv(ENV, str(db))
    text = "COMMUNE DE VALBRENNE LUNDI 6 FÉVRIER 2023\nSous la présidence de M. Jean MARTIN, Maire de Valbrenne."
    authority = {str(c.value): c.features for c in gather(TextView.of_text(text), []) if c.field == "collectivite.nom"}
    assert authority["VALBRENNE"]["ref:one"] and authority["VALBRENNE"]["collectivite.nom|ref:one"]
    assert authority["VALBRENNE LUNDI"]["ref:runs_on"]
    assert is_referential("collectivite.nom|ref:one") and not is_referential("gen:collectivite")


def test_a_name_run_into_the_next_words_is_cut_to_the_one_authority_it_begins_with(ref):
    assert referential_cut("COMMUNE DE VALBRENNE LUNDI", ref) == "COMMUNE DE VALBRENNE"
    assert referential_cut("COMMUNE DE VALBRENNE", ref) is None  # names one whole: nothing to cut
    assert referential_cut("Ville de Sainte-Colombe Mardi", ref) is None  # several homonyms: no cut
    assert referential_cut("COMMUNE DE TESTVILLE LUNDI", ref) is None


def test_the_rules_choice_is_theirs_as_the_referential_cuts_it(db, monkeypatch):
    monkeypatch.setenv(ENV, str(db))
    view = TextView.of_text("COMMUNE DE VALBRENNE LUNDI 6 FÉVRIER 2023\nSous la présidence de M. Jean MARTIN.")
    findings = cross_check(run_extractors(view), whole_file=True)
    assert any(f.value == "COMMUNE DE VALBRENNE LUNDI" for f in findings if f.field == "collectivite.nom")
    authority = {str(c.value): c.features for c in gather(view, findings) if c.field == "collectivite.nom"}
    winners = [value for value, feats in authority.items() if feats.get("rule_winner")]
    assert winners == ["VALBRENNE"]  # the same key as 'COMMUNE DE VALBRENNE', the cut of the rules' name


def test_a_siren_the_referential_lacks_and_an_authority_without_one_say_nothing_of_agreement(ref):
    invented = "123456782"  # an act's SIREN no authority of the referential has (generated acts' are invented)
    assert ref.by_siren(invented) is None
    feats = referential_features("Valbrenne", invented, "01", ref)
    assert feats["ref:one"] and not any(k.startswith(("ref:siren", "ref:dep")) for k in feats)
    departement = referential_features("CONSEIL DÉPARTEMENTAL DE L'AIN", VALBRENNE_SIREN, "01", ref)
    assert departement["ref:departement:one"] and "ref:siren_other" not in departement  # it has no SIREN there


def test_whose_council_the_head_speaks_of_first():
    head = "CONSEIL MUNICIPAL DE VALBRENNE. Le Conseil départemental de l'Ain a écrit ; le conseil municipal approuve."
    assert council_kind(head) == "commune"
    # recitals citing the EPCI's council more often than the heading names its own: still the heading's
    cited = " Vu la délibération du conseil communautaire du 2 mars ;" * 4
    assert council_kind("EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL." + cited) == "commune"
    assert council_kind("Procès-verbal du Bureau communautaire du 3 mars") == "epci"
    assert council_kind("Réunion du comité syndical") == "syndicat"
    assert council_kind("Arrêté du maire") is None


def test_a_name_of_the_kind_whose_council_sits_agrees_with_it(ref):
    names = ["Commune de Valbrenne", "CC Terre de Camargue", "MARDI"]
    municipal = describe(names, None, None, ref, council="commune")
    assert municipal["Commune de Valbrenne"]["ref:council_agrees"]
    assert municipal["CC Terre de Camargue"]["ref:council_other"]
    assert not any(k.startswith("ref:council") for k in municipal["MARDI"])  # names nothing: no claim
    assert describe(names, None, None, ref, council="epci")["CC Terre de Camargue"]["ref:council_agrees"]
    assert not any(k.startswith("ref:council") for f in describe(names, None, None, ref).values() for k in f)
