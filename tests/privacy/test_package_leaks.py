"""The scan of a whole output folder finds a private value wherever it was written, and only there."""

from __future__ import annotations

import sqlite3

from actes.privacy.leaks import package_leaks
from actes.schemas.privacy import PersonalData
from actes.store import Catalog
from tests.factories import make_deliberation

TEXT = "Cession d'un terrain à M. Gaston VERDALLE, domicilié 4 rue des Lilas."


def _out(tmp_path):
    act = make_deliberation("A-1-DE", text=TEXT)
    for kind, value in (("person", "M. Gaston VERDALLE"), ("address", "4 rue des Lilas")):
        start = TEXT.index(value)
        act.personal_data.append(
            PersonalData(
                kind=kind,
                text=value,
                start=start,
                end=start + len(value),
                status="private",
                confidence=0.95,
                detector="rule",
            )
        )
    out = tmp_path / "out"
    out.mkdir()
    catalog = Catalog(out / "actes.db")
    catalog.record("d1", "d1.pdf", [], [act], catalog.start_run("inbox", "test"), "test")
    catalog.close()
    return out


def test_a_private_value_written_anywhere_in_the_package_is_found(tmp_path):
    out = _out(tmp_path)
    (out / "actes.jsonl").write_text('{"id": "A-1-DE", "text": "Cession à [PERSONNE 1], domicilié [ADRESSE 1]."}\n')
    (out / "site").mkdir()
    (out / "site" / "feed.xml").write_text("<entry>Cession à M. Gaston\nVERDALLE</entry>")
    with sqlite3.connect(out / "publication.db") as db:
        db.execute("CREATE TABLE acts (id TEXT, objet TEXT)")
        db.execute("INSERT INTO acts VALUES ('A-1-DE', 'Terrain du 4, rue des lilas')")
    (out / "run-1.json").write_text('{"detail": "person M. Gaston VERDALLE"}')  # internal: not scanned
    result = package_leaks(out)
    found = {(hit["file"], hit["kind"]) for hit in result["leaks"]}
    assert found == {("site/feed.xml", "person"), ("publication.db", "address")}
    assert "run-1.json" not in result["files"] and "actes.db" not in result["files"]
    assert {hit["file"] for hit in result["surname_hits"]} == {"site/feed.xml"}


def test_a_clean_package_has_no_leak(tmp_path):
    out = _out(tmp_path)
    (out / "actes.jsonl").write_text('{"id": "A-1-DE", "text": "Cession à [PERSONNE 1], domicilié [ADRESSE 1]."}\n')
    assert package_leaks(out)["leaks"] == []
