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
    (out / "actes.jsonl").write_text(
        '{"id": "A-1-DE", "text": "Cession à [PERSONNE 1], domicilié [ADRESSE 1].", "objet": "Terrain Verdalle"}\n'
        '{"id": "B-2-DE", "text": "Le maire, Gaston Verdalle"}\n'
    )
    (out / "site").mkdir()
    (out / "site" / "feed.xml").write_text("<entry>Cession à M. Gaston\nVERDALLE</entry>")
    with sqlite3.connect(out / "publication.db") as db:
        db.execute("CREATE TABLE acts (id TEXT, objet TEXT)")
        db.execute("INSERT INTO acts VALUES ('A-1-DE', 'Terrain du 4, rue des lilas')")
    (out / "run-1.json").write_text('{"detail": "person M. Gaston VERDALLE"}')  # internal: not scanned
    result = package_leaks(out)
    # The act's own record: a leak (its address in the database, its surname in its JSON line).
    assert {(hit["file"], hit["kind"]) for hit in result["leaks"]} == {("publication.db", "address")}
    assert {(hit["file"], hit["value"]) for hit in result["surname_hits"]} == {("actes.jsonl", "verdalle")}
    # Another act's record naming the same words is not this act's leak; a file of no act is listed.
    assert {(hit["file"], hit["kind"]) for hit in result["unkeyed_hits"]} == {("site/feed.xml", "person")}
    assert "run-1.json" not in result["files"] and "actes.db" not in result["files"]


def test_a_clean_package_has_no_leak(tmp_path):
    out = _out(tmp_path)
    (out / "actes.jsonl").write_text('{"id": "A-1-DE", "text": "Cession à [PERSONNE 1], domicilié [ADRESSE 1]."}\n')
    assert package_leaks(out)["leaks"] == []


def test_two_cells_side_by_side_are_not_read_as_one_name(tmp_path):
    out = _out(tmp_path)
    with sqlite3.connect(out / "publication.db") as db:
        db.execute("CREATE TABLE acts (id TEXT, secretaire TEXT, signataire TEXT)")
        db.execute("INSERT INTO acts VALUES ('A-1-DE', 'Paul Gaston', 'VERDALLE Jules')")  # two persons
    hits = package_leaks(out)
    assert hits["leaks"] == [] and {h["value"] for h in hits["surname_hits"]} == {"verdalle"}
