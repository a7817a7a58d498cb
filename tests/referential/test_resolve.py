"""Naming the authority of an act: by SIREN, else by printed name and the département the act names."""

from __future__ import annotations

import pytest

from actes.referential.hints import id_departement
from actes.referential.names import commune_keys, epci_core, territorial_key
from actes.referential.resolve import resolve_authority
from actes.schemas.provenance import SourceKind
from tests.factories import make_act, prov

HOMONYMS = 12  # communes named Sainte-Colombe in the fixture (and in France)


def _act(nom=None, kind=None, siren=None, text="", pref_id=None):
    act = make_act(
        collectivite={"nom": nom, "type": kind, "siren": siren}, text=text, transmission={"pref_id": pref_id}
    )
    if siren:
        act.provenance["collectivite.siren"] = prov("stamp", "stamp:id")
    return act


# Keys
@pytest.mark.parametrize(
    ("printed", "keys"),
    [
        # kind words go, the name stays
        ("Commune de Sainte-Colombe", ["sainte colombe"]),
        # "du" stands for "de le": the article comes back
        ("Ville du Mans", ["le mans", "mans"]),
        ("Commune des Mureaux", ["les mureaux", "mureaux"]),
        # abbreviation, capitals, missing hyphens and accents
        ("MAIRIE DE ST JEAN DE VEDAS", ["saint jean de vedas"]),
        # typographic apostrophe
        ("Ville d’Évry-Courcouronnes", ["evry courcouronnes"]),
        # a bare name (the header printed only the town)
        ("SAINTE COLOMBE", ["sainte colombe"]),
    ],
)
def test_commune_keys(printed, keys):
    assert commune_keys(printed) == keys


@pytest.mark.parametrize(
    ("printed", "core"),
    [
        ("Communauté de communes des Quatre Rivières", ("quatre rivieres", "CC")),
        ("CC des Quatre Rivières", ("quatre rivieres", "CC")),
        ("COMMUNAUTE D'AGGLOMERATION CAP EXCELLENCE", ("cap excellence", "CA")),
        ("Conseil communautaire de Belle-Île-en-Mer", ("belle ile en mer", None)),
    ],
)
def test_epci_core(printed, core):
    assert epci_core(printed) == core


def test_territorial_key():
    assert territorial_key("CONSEIL DÉPARTEMENTAL DE LA DORDOGNE", "departement") == "dordogne"
    assert territorial_key("Conseil régional d’Île-de-France", "region") == "ile de france"


@pytest.mark.parametrize(
    ("pref_id", "dep"),
    [
        ("017-123456782-20230101-1-DE", "17"),
        ("02A-123456782-20230101-1-DE", "2A"),
        ("974-123456782-20230101-1-DE", "974"),
        (None, None),
        ("not an id", None),
    ],
)
def test_id_departement(pref_id, dep):
    assert id_departement(pref_id) == dep


# By SIREN
def test_siren_fills_official_name_type_insee_code_and_departement(ref):
    act = _act("Mairie du Mans", "commune", "217201813")
    found = resolve_authority(act, ref)
    coll = act.collectivite
    assert (found.nom, coll.nom, coll.nom_officiel, coll.code_insee, coll.departement) == (
        "Le Mans",
        "Mairie du Mans",
        "Le Mans",
        "72181",
        "72",
    )
    assert act.provenance["collectivite.nom_officiel"].source is SourceKind.referential
    assert act.provenance["collectivite.siren"].extractor == "stamp:id"  # the printed SIREN keeps its provenance


def test_siren_of_an_epci_sets_its_type(ref):
    act = _act("Ville de Lamentin", "commune", "200018653")  # the act's heading names a member town
    resolve_authority(act, ref)
    assert (act.collectivite.type, act.collectivite.nom_officiel, act.collectivite.code_insee) == (
        "epci",
        "CA CAP Excellence",
        None,
    )


def test_an_unknown_or_invalid_siren_is_kept_and_nothing_is_guessed(ref):
    for siren in ("123456782", "123456789"):  # Luhn-valid but absent; Luhn-invalid
        act = _act("Commune du Mans", "commune", siren)
        assert resolve_authority(act, ref) is None
        assert (act.collectivite.siren, act.collectivite.nom_officiel) == (siren, None)


# By name
def test_a_name_borne_once_in_france_resolves(ref):
    act = _act("VILLE DU MANS", "commune")
    resolve_authority(act, ref)
    assert (act.collectivite.siren, act.collectivite.departement) == ("217201813", "72")
    assert act.provenance["collectivite.siren"].extractor == "referential:name"
    assert act.collectivite.nom == "VILLE DU MANS"


def test_a_homonym_without_departement_stays_ambiguous_with_its_candidates(ref):
    act = _act("Commune de Sainte-Colombe", "commune", text="Commune de Sainte-Colombe\nSéance du conseil municipal")
    assert resolve_authority(act, ref) is None
    assert act.collectivite.siren is None and act.collectivite.nom_officiel is None
    prov_ = act.provenance["collectivite.siren"]
    assert (prov_.source, prov_.extractor) == (SourceKind.referential, "referential:ambiguous")
    assert len(prov_.conflicts) == HOMONYMS and "names no département" in prov_.snippet


@pytest.mark.parametrize(
    ("text", "pref_id", "siren"),
    [
        # the département named in the letterhead
        ("RÉPUBLIQUE FRANÇAISE\nDépartement du Doubs\nCommune de Sainte-Colombe", None, "212505150"),
        ("DEPARTEMENT DE LA CHARENTE-MARITIME - COMMUNE DE SAINTE COLOMBE", None, "211703194"),
        # an arrondissement
        ("Arrondissement de Lyon\nCommune de Sainte-Colombe", None, "216901892"),
        # a postcode in the address
        ("Mairie - 1 place de l'Église - 46120 SAINTE-COLOMBE", None, "214602609"),
        # the préfecture that received it (the @CTES ID's first number)
        ("Commune de Sainte-Colombe", "077-123456782-20230101-1-DE", "217704048"),
    ],
)
def test_a_homonym_is_told_apart_by_the_departement_the_act_names(ref, text, pref_id, siren):
    act = _act("Commune de Sainte-Colombe", "commune", text=text, pref_id=pref_id)
    resolve_authority(act, ref)
    assert act.collectivite.siren == siren
    assert act.provenance["collectivite.siren"].confidence == 0.95


def test_departements_that_hold_none_of_the_homonyms_keep_it_ambiguous(ref):
    act = _act("Commune de Sainte-Colombe", "commune", text="Département de la Dordogne\nCommune de Sainte-Colombe")
    assert resolve_authority(act, ref) is None
    assert "0 in the départements named (24)" in act.provenance["collectivite.siren"].snippet


def test_a_unique_name_contradicted_by_the_ctes_departement_is_not_taken(ref):
    act = _act("Ville du Mans", "commune", pref_id="049-123456782-20230101-1-DE")
    assert resolve_authority(act, ref) is None
    assert act.collectivite.siren is None


def test_two_epci_of_one_name_are_told_apart_by_departement(ref):
    act = _act("Communauté de communes des Quatre Rivières", "epci")
    assert resolve_authority(act, ref) is None
    assert len(act.provenance["collectivite.siren"].conflicts) == 2
    act = _act("Communauté de communes des Quatre Rivières", "epci", text="Département de la Haute-Savoie\n")
    resolve_authority(act, ref)
    assert (act.collectivite.siren, act.collectivite.type) == ("247400666", "epci")


def test_epci_printed_with_its_long_kind_words(ref):
    act = _act("Communauté de Communes de Belle-Île-en-Mer", "epci")
    resolve_authority(act, ref)
    assert (act.collectivite.siren, act.collectivite.nom_officiel) == ("245600465", "CC de Belle Ile en Mer")


def test_departement_and_region_get_their_code_but_no_siren(ref):
    act = _act("CONSEIL DÉPARTEMENTAL DE LA DORDOGNE", "departement")
    resolve_authority(act, ref)
    assert (act.collectivite.departement, act.collectivite.nom_officiel, act.collectivite.siren) == (
        "24",
        "Dordogne",
        None,
    )
    act = _act("Région Île-de-France", "region")
    resolve_authority(act, ref)
    assert (act.collectivite.nom_officiel, act.collectivite.siren) == ("Île-de-France", None)


@pytest.mark.parametrize("kind", ["etat", "syndicat"])
def test_the_state_and_syndicates_are_not_looked_up(ref, kind):
    act = _act("Le Mans", kind)
    assert resolve_authority(act, ref) is None and act.collectivite.siren is None


def test_without_referential_nothing_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("ACTES_REFERENTIAL_DB", str(tmp_path / "absent.sqlite"))
    act = _act("Ville du Mans", "commune")
    before = act.model_dump()
    assert resolve_authority(act) is None
    assert act.model_dump() == before


def test_an_epci_name_cut_short_is_taken_only_when_one_epci_continues_it(ref):
    act = _act("Communauté de communes Terre de", "epci")  # cut at a line end or a dash
    resolve_authority(act, ref)
    assert (act.collectivite.siren, act.collectivite.nom_officiel) == ("243000650", "CC Terre de Camargue")
    act = _act("Communauté de communes des Quatre", "epci")  # two EPCI continue it
    assert resolve_authority(act, ref) is None and act.collectivite.siren is None
    act = _act("Communauté de communes Terre", "epci")  # too short to look up as a start
    assert resolve_authority(act, ref) is None


def test_a_cut_name_several_epci_continue_is_taken_when_the_act_prints_one_in_full(ref):
    head = "Le Conseil communautaire des QUATRE VALLÉES, légalement convoqué, s'est réuni …"
    act = _act("Communauté de communes des Quatre", "epci", text=head)  # the name read cut, printed whole below
    resolve_authority(act, ref)
    assert (act.collectivite.siren, act.collectivite.nom_officiel) == ("244500419", "CC des Quatre Vallées")
    act = _act("Communauté de communes des Quatre", "epci", text="Le Conseil des Quatre Rivières …")
    assert resolve_authority(act, ref) is None  # two EPCI bear that full name: still open
