"""The publication database: rows, full-text search, views, feeds, and nothing private."""

from __future__ import annotations

import json
import sqlite3

from lxml import etree

from actes.evaluation.privacy import fold_text, needles


def _conn(out):
    conn = sqlite3.connect(out / "publication.db")
    conn.row_factory = sqlite3.Row
    return conn


def test_every_published_act_is_searchable_by_a_word_of_its_objet(published):
    conn = _conn(published)
    rows = conn.execute("SELECT id, objet FROM acts WHERE objet IS NOT NULL").fetchall()
    assert rows
    for row in rows:
        word = max(row["objet"].split(), key=len)
        hits = conn.execute(
            "SELECT acts.id FROM acts JOIN acts_fts ON acts.rowid = acts_fts.rowid WHERE acts_fts MATCH ?",
            (f'"{word}"',),
        ).fetchall()
        assert row["id"] in {h["id"] for h in hits}


def test_views_and_side_tables_answer(published):
    conn = _conn(published)
    total = conn.execute("SELECT count(*) FROM acts").fetchone()[0]
    assert sum(r["actes"] for r in conn.execute("SELECT actes FROM actes_par_collectivite")) == total
    assert sum(r["actes"] for r in conn.execute("SELECT actes FROM actes_par_mois")) == total
    assert conn.execute("SELECT count(*) FROM provenance").fetchone()[0] > 0
    orphans = conn.execute("SELECT count(*) FROM provenance WHERE act_id NOT IN (SELECT id FROM acts)").fetchone()[0]
    assert orphans == 0


def test_no_private_name_is_in_the_publication_database_or_the_feeds(published, fixtures_dir):
    labels = [
        json.loads(line)
        for line in (fixtures_dir / "privacy" / "labels.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    from tests.publish.conftest import ACTS

    private = [
        span
        for record in labels
        if record["file"].split("/")[-1] in ACTS
        for span in record["spans"]
        if span["status"] == "private"
    ]
    assert private
    conn = _conn(published)
    dump = " ".join(
        " ".join(str(v) for v in row)
        for table in ("acts", "problems", "provenance")
        for row in conn.execute(f"SELECT * FROM {table}")
    )
    feeds = " ".join(p.read_text(encoding="utf-8") for p in (published / "site" / "feeds").glob("*.xml"))
    haystack = f" {fold_text(dump + ' ' + feeds)} "
    for span in private:
        for needle in needles(span):
            assert f" {needle} " not in haystack, span
    for span in private:
        if span["kind"] == "person":
            for surname in needles(span):
                hits = conn.execute("SELECT count(*) FROM acts_fts WHERE acts_fts MATCH ?", (f'"{surname}"',))
                assert hits.fetchone()[0] == 0, span


def test_feeds_are_atom_with_one_entry_per_act(published):
    feeds = sorted((published / "site" / "feeds").glob("*.xml"))
    names = {p.stem for p in feeds}
    assert "recherche-cessions" in names and any(n.startswith("collectivite-") for n in names)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    total = sum(len(etree.parse(str(p)).findall("a:entry", ns)) for p in feeds if p.stem.startswith("collectivite-"))
    conn = _conn(published)
    assert total == conn.execute("SELECT count(*) FROM acts").fetchone()[0]
    search = etree.parse(str(published / "site" / "feeds" / "recherche-cessions.xml"))
    titles = [e.findtext("a:title", namespaces=ns) for e in search.findall("a:entry", ns)]
    assert titles and all("ession" in t for t in titles)


def test_metadata_describes_every_column_and_the_site_holds_no_catalog(published):
    meta = json.loads((published / "site" / "metadata.json").read_text(encoding="utf-8"))
    columns = meta["databases"]["publication"]["tables"]["acts"]["columns"]
    conn = _conn(published)
    names = [r[1] for r in conn.execute("PRAGMA table_info(acts)")]
    assert set(names) <= set(columns)
    assert meta["license"] and meta["source"]
    assert not list((published / "site").rglob("*.db"))
