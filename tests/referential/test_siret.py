"""The SIRET: printed on the act (checked), imported from Sirene, in the order SCDL rows take them."""

from __future__ import annotations

import csv
import shutil
import sqlite3
import zipfile

import pytest

from actes.exporters.package import export_package
from actes.extractors.base import TextView
from actes.extractors.collectivite import CollectiviteExtractor
from actes.referential import Entry, Referential
from actes.referential.build import build
from actes.referential.national import National
from actes.referential.resolve import check_printed_siret
from actes.referential.sirene import SireneError, import_sirene
from actes.referential.siret import siret_of
from actes.schemas.provenance import FieldProvenance, SourceKind
from tests.factories import make_deliberation

VALBRENNE = "210199808"  # a commune of the fixture
VALBRENNE_SIRET, VALBRENNE_OTHER = "21019980800010", "21019980800028"  # Luhn-valid: head office, another établissement
AIGUES = "213000037"
AIGUES_SIRET = "21300003700019"
ID = f"001-{VALBRENNE}-20230216-2023_12-DE"

ETAB_HEADER = (
    "siren,nic,siret,statutDiffusionEtablissement,dateCreationEtablissement,etablissementSiege,"
    "libelleCommuneEtablissement,etatAdministratifEtablissement,denominationUsuelleEtablissement"
)


def findings(text: str) -> dict[str, str]:
    return {f.field: f.value for f in CollectiviteExtractor().extract(TextView.of_text(text))}


@pytest.mark.parametrize("printed", ["SIRET : 210 199 808 00010", "N° SIRET 21019980800010", "siret: 2101998080 0010"])
def test_a_printed_siret_is_read_with_its_siren(printed):
    found = findings(f"COMMUNE DE VALBRENNE\n{printed}\nDélibération du conseil municipal")
    assert found["collectivite.siret"] == VALBRENNE_SIRET
    assert found["collectivite.siren"] == VALBRENNE


def test_a_siret_failing_luhn_is_never_kept():
    found = findings("COMMUNE DE VALBRENNE\nSIRET : 21019980800016\n")
    assert "collectivite.siret" not in found


def test_la_postes_sirets_follow_their_own_rule():
    # La Poste's établissements are not Luhn-valid; the sum of their digits is a multiple of 5.
    assert findings("La Poste SIRET : 356 000 000 00048")["collectivite.siret"] == "35600000000048"
    assert findings("La Poste SIRET : 35600000012341")["collectivite.siret"] == "35600000012341"  # fails Luhn
    assert "collectivite.siret" not in findings("La Poste SIRET : 35600000012340")  # passes Luhn, sum 29


def test_a_printed_siret_of_another_siren_is_dropped_and_said():
    act = make_deliberation(ID, collectivite={"nom": "Commune de Valbrenne", "siren": VALBRENNE, "siret": AIGUES_SIRET})
    act.provenance["collectivite.siret"] = FieldProvenance(
        source=SourceKind.text, extractor="collectivite:siret", confidence=0.8, snippet=f"SIRET : {AIGUES_SIRET}"
    )
    check_printed_siret(act)
    assert act.collectivite.siret is None
    assert act.provenance["collectivite.siret"].extractor == "referential:siret-rejected"
    assert VALBRENNE in act.provenance["collectivite.siret"].snippet


def _zip(path, header: str, lines: list[str], member: str = "Stock_utf8.csv"):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(member, "\n".join([header, *lines]) + "\n")
    return path


@pytest.fixture
def sirene_db(db, tmp_path):
    copy = tmp_path / "authorities.sqlite"
    shutil.copyfile(db, copy)
    return copy


def _etablissements(tmp_path):
    return _zip(
        tmp_path / "StockEtablissement_utf8.zip",
        ETAB_HEADER,
        [
            f"{VALBRENNE},00023,{VALBRENNE_OTHER},O,1990-01-01,false,VALBRENNE,A,ECOLE",  # not the head office
            f"{VALBRENNE},00015,{VALBRENNE_SIRET},O,1983-03-01,true,VALBRENNE,A,MAIRIE",
            f'{AIGUES},00019,{AIGUES_SIRET},O,1983-03-01,true,"AIGUES, MORTES",A,',  # a quoted comma
            "552100554,00013,55210055400013,O,1954-01-01,true,PARIS,A,",  # a company: not public law
            "249100553,00018,24910055300018,O,2001-01-01,true,EVRY,A,",  # a syndicat, not in the national data
        ],
    )


def test_import_keeps_the_head_offices_of_the_referentials_authorities(sirene_db, tmp_path):
    stats = import_sirene(_etablissements(tmp_path), sirene_db)
    assert (stats.lines, stats.kept) == (5, 2)
    ref = National(sirene_db)
    assert ref.head_office_siret(VALBRENNE) == VALBRENNE_SIRET
    assert ref.head_office_siret(AIGUES) == AIGUES_SIRET
    assert ref.head_office_siret("552100554") is None
    assert ref.meta["sirene_rows"] == "2"


def test_import_with_the_unites_legales_keeps_every_public_law_body(sirene_db, tmp_path):
    unites = _zip(
        tmp_path / "StockUniteLegale_utf8.zip",
        "siren,statutDiffusionUniteLegale,categorieJuridiqueUniteLegale,denominationUniteLegale",
        [f"{VALBRENNE},O,7210,COMMUNE DE VALBRENNE", "552100554,O,5710,SOCIETE", '249100553,O,7354,"SYNDICAT, INTERCOMMUNAL"'],
    )
    import_sirene(_etablissements(tmp_path), sirene_db, unites)
    ref = National(sirene_db)
    assert ref.head_office_siret("249100553") == "24910055300018"
    assert ref.head_office_siret(VALBRENNE) == VALBRENNE_SIRET
    assert ref.head_office_siret(AIGUES) is None  # catégorie 7xxx not given for it in that file
    assert ref.head_office_siret("552100554") is None


def test_a_new_build_keeps_the_imported_sirets(sirene_db, tmp_path):
    import_sirene(_etablissements(tmp_path), sirene_db)
    with sqlite3.connect(sirene_db) as conn:
        conn.execute("UPDATE meta SET value = 'other' WHERE key = 'tarball_sha256'")  # as a new version would
    from tests.referential.conftest import make_tarball

    build(make_tarball(tmp_path), sirene_db)
    assert National(sirene_db).head_office_siret(VALBRENNE) == VALBRENNE_SIRET


def test_a_bad_stock_file_is_named(sirene_db, tmp_path):
    bad = tmp_path / "Stock.zip"
    bad.write_text("not a zip", encoding="utf-8")
    with pytest.raises(SireneError, match="Stock.zip"):
        import_sirene(bad, sirene_db)
    wrong = _zip(tmp_path / "Wrong.zip", "siren,nic", ["210199808,00015"])
    with pytest.raises(SireneError, match="etablissementSiege"):
        import_sirene(wrong, sirene_db)


def test_siret_sources_in_order(sirene_db, tmp_path):
    import_sirene(_etablissements(tmp_path), sirene_db)
    ref = National(sirene_db)
    act = make_deliberation(ID, collectivite={"nom": "Commune de Valbrenne", "siren": VALBRENNE})
    found = siret_of(act, None, ref=ref)
    assert (found.siret, found.extractor) == (VALBRENNE_SIRET, "referential:sirene")
    act.collectivite.siret = VALBRENNE_OTHER  # printed on the act: before the Sirene import
    act.provenance["collectivite.siret"] = FieldProvenance(
        source=SourceKind.text, extractor="collectivite:siret", confidence=0.8, snippet=f"SIRET {VALBRENNE_OTHER}"
    )
    found = siret_of(act, None, ref=ref)
    assert (found.siret, found.source) == (VALBRENNE_OTHER, "text")
    user = Referential([Entry(VALBRENNE, "21019980800036", "Commune de Valbrenne", None, 2)])
    found = siret_of(act, user.match(VALBRENNE, None), ref=ref)  # the user's file before all
    assert (found.siret, found.source, found.extractor) == ("21019980800036", "referential", "referential:siren")


def test_a_printed_siret_makes_a_scdl_row_without_a_user_file(tmp_path):
    act = make_deliberation(ID, collectivite={"nom": "Commune de Valbrenne", "siren": VALBRENNE, "siret": VALBRENNE_SIRET})
    act.provenance["collectivite.siret"] = FieldProvenance(
        source=SourceKind.text, extractor="collectivite:siret", confidence=0.8, page=1, snippet=f"SIRET : {VALBRENNE_SIRET}"
    )
    export_package([act], tmp_path, referential=None, prepare=lambda a: a, formats=["scdl", "provenance"])
    [row] = list(csv.DictReader((tmp_path / "deliberations.csv").open(encoding="utf-8", newline="")))
    assert row["COLL_SIRET"] == VALBRENNE_SIRET
    cells = list(csv.DictReader((tmp_path / "provenance.csv").open(encoding="utf-8", newline="")))
    [cell] = [c for c in cells if c["COLONNE"] == "COLL_SIRET" and c["FICHIER"] == "deliberations.csv"]
    assert (cell["SOURCE"], cell["EXTRACTEUR"]) == ("text", "collectivite:siret")


def test_import_sirene_command(sirene_db, tmp_path):
    from typer.testing import CliRunner

    from actes.cli import app

    result = CliRunner().invoke(
        app, ["referential", "import-sirene", str(_etablissements(tmp_path)), "--db", str(sirene_db)]
    )
    assert result.exit_code == 0, result.output
    assert "2 head-office SIRETs kept" in result.output and "5 établissement lines read" in result.output
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"nope")
    result = CliRunner().invoke(app, ["referential", "import-sirene", str(bad), "--db", str(sirene_db)])
    assert result.exit_code == 2 and "bad.zip" in result.output


def test_the_run_summary_names_the_sirene_import(sirene_db, tmp_path):
    from actes.referential.national import describe, referential_line

    assert "Sirene" not in referential_line(sirene_db)
    import_sirene(_etablissements(tmp_path), sirene_db)
    assert "Sirene: 2 head-office SIRETs from StockEtablissement_utf8.zip" in referential_line(sirene_db)
    assert describe(sirene_db)["sirene_rows"] == "2"
