"""Building the SQLite referential from the package's tarball, once."""

from __future__ import annotations

import shutil

import pytest

from actes.referential import build as build_mod
from actes.referential.build import ReferentialUnavailable, build, fetch, read_meta
from actes.referential.national import describe, national


def test_meta_records_package_version_and_counts(db):
    meta = read_meta(db)
    assert (meta["package"], meta["version"], meta["license"]) == ("@etalab/decoupage-administratif", "6.0.0", "MIT")
    assert int(meta["communes"]) > 50 and meta["epci"] == "6" and meta["departements"] == "109"


def test_second_build_with_the_same_tarball_does_nothing(tarball, db):
    before = db.stat().st_mtime_ns
    assert build(tarball, db)["built_at"] == read_meta(db)["built_at"]
    assert db.stat().st_mtime_ns == before


def test_epci_keeps_members_and_the_largest_member_population(ref):
    epci = ref.by_siren("245600465")  # every member under 3,500 inhabitants
    assert (epci.type, epci.epci_type, epci.departements) == ("epci", "CC", ("56",))
    assert epci.rule_population < 3500 < ref.by_siren("243000650").rule_population


def test_commune_by_siren_has_insee_code_departement_population_postcodes(ref):
    commune = ref.by_siren("217201813")
    assert (commune.nom, commune.code, commune.departements, commune.postcodes) == (
        "Le Mans",
        "72181",
        ("72",),
        ("72000", "72100"),
    )
    assert commune.population > 100_000


def test_missing_referential_is_none_and_described_as_none(tmp_path):
    assert national(tmp_path / "absent.sqlite") is None
    assert describe(tmp_path / "absent.sqlite") is None


def test_without_npm_the_message_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    with pytest.raises(ReferentialUnavailable, match="npm is not installed.*apt-get install npm"):
        fetch(tmp_path)


def test_a_cached_tarball_is_not_fetched_again(tmp_path, monkeypatch):
    cached = tmp_path / f"etalab-decoupage-administratif-{build_mod.VERSION}.tgz"
    cached.write_bytes(b"x")
    monkeypatch.setattr(shutil, "which", lambda _name: pytest.fail("npm called"))
    assert fetch(tmp_path) == cached


def test_a_bad_tarball_is_named(tmp_path):
    bad = tmp_path / "bad.tgz"
    bad.write_bytes(b"not a tarball")
    with pytest.raises(ReferentialUnavailable, match="bad.tgz"):
        build(bad, tmp_path / "db.sqlite")


def test_run_summary_and_data_package_name_the_referential(db, tmp_path):
    from actes.referential.national import package_source, referential_line

    assert referential_line(db).startswith("referential: @etalab/decoupage-administratif@6.0.0")
    assert "NONE" in referential_line(tmp_path / "absent.sqlite")
    source = package_source(db)
    assert source["version"] == "6.0.0" and source["path"].endswith("/v/6.0.0") and source["title"]
    assert package_source(tmp_path / "absent.sqlite") is None
