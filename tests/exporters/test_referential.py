"""The collectivités referential: reading the user's CSV, and matching acts to it."""

from __future__ import annotations

import pytest

from actes.referential import Referential, ReferentialError, name_key
from tests.factories import SIREN, SIRET

OTHER_SIREN, OTHER_SIRET = "200000172", "20000017200011"


def _load(tmp_path, text: str, encoding: str = "utf-8") -> Referential:
    path = tmp_path / "collectivites.csv"
    path.write_bytes(text.encode(encoding))
    return Referential.load(path)


def test_reads_comma_or_semicolon_with_bom_and_optional_pref_id(tmp_path):
    ref = _load(tmp_path, f"SIREN;SIRET;NOM;PREF_ID\n{SIREN};{SIRET};Commune de Valbrenne;PREF001\n", "utf-8-sig")
    match = ref.match(SIREN, None)
    assert (match.entry.siret, match.entry.pref_id, match.by, match.entry.line) == (SIRET, "PREF001", "siren", 2)


def test_siren_may_be_left_empty(tmp_path):
    ref = _load(tmp_path, f"SIREN,SIRET,NOM\n,{SIRET},Commune de Valbrenne\n")
    assert ref.match(SIREN, None).entry.siret == SIRET


def test_matches_by_name_only_without_siren_and_only_when_unique(tmp_path):
    ref = _load(tmp_path, f"SIREN,SIRET,NOM\n{SIREN},{SIRET},Commune de Saint-Étienne-du-Bois\n"
                          f"{OTHER_SIREN},{OTHER_SIRET},Commune de Valbrenne\n")
    assert ref.match(None, "COMMUNE DE SAINT ETIENNE DU BOIS").entry.siren == SIREN
    assert ref.match(None, "Commune de Saint-Étienne-du-Bois").by == "name"
    assert ref.match("123456782", "Commune de Valbrenne") is None  # a SIREN is never overridden by a name
    twice = _load(tmp_path, f"SIREN,SIRET,NOM\n{SIREN},{SIRET},Syndicat des eaux\n{OTHER_SIREN},{OTHER_SIRET},Syndicat des eaux\n")
    assert twice.match(None, "Syndicat des eaux") is None


@pytest.mark.parametrize(("line", "message"), [
    # Luhn key wrong (last digit)
    (f"{SIREN},21019990700018,Valbrenne", "line 2: SIRET '21019990700018' is not 14 Luhn-valid digits"),
    # SIRET of another authority
    (f"{SIREN},{OTHER_SIRET},Valbrenne", f"SIRET {OTHER_SIRET} does not start with SIREN {SIREN}"),
    # no name
    (f"{SIREN},{SIRET},", "line 2: empty NOM"),
    # a préfecture code the SCDL does not know
    (f"{SIREN},{SIRET},Valbrenne,PREF1", "PREF_ID 'PREF1' is not PREFNNN"),
])
def test_bad_lines_name_file_line_and_column(tmp_path, line, message):
    with pytest.raises(ReferentialError, match="collectivites.csv") as caught:
        _load(tmp_path, f"SIREN,SIRET,NOM,PREF_ID\n{line}\n")
    assert message in str(caught.value)


def test_missing_columns(tmp_path):
    with pytest.raises(ReferentialError, match="missing column.s. SIRET"):
        _load(tmp_path, "SIREN,NOM\n210199907,Valbrenne\n")


def test_name_key():
    assert name_key("Commune d'Œuvre-sur-Mer (Ain)") == "commune d oeuvre sur mer ain"
