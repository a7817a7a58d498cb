"""Incremental publication: a publish after a night writes only the acts that changed (their rows
and their full-text entries), gives the same database as a full rebuild, and follows the clerk's
review both ways (an act released is added, an act rejected is removed from everything)."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3

import pytest
from sqlalchemy import delete, update

from actes.pipeline import run
from actes.privacy.review import decide
from actes.publish.dashboards import OPTION_QUERIES, RAW_QUERIES, cache_table, unfiltered
from actes.publish.database import build_publication
from actes.publish.site import publish
from actes.store import Catalog
from actes.store import tables as t
from fixtures.generator import generate
from tests.publish.conftest import ACTS

# Surrogate keys a table numbers its rows by: they differ between builds, the rows do not.
SURROGATE = {"problems": "id", "provenance": "id", "presences": "id", "votes_nominatifs": "id"}


def _tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'acts_fts%' ORDER BY name"
    )
    return [row[0] for row in rows]


def snapshot(path) -> dict[str, list[tuple]]:
    """Every table's rows (without surrogate keys, sorted), and the full-text index as
    (act ID, column, term, offset): what a reader of the database can tell apart."""
    conn = sqlite3.connect(path)
    try:
        out = {}
        for table in _tables(conn):
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] != SURROGATE.get(table)]
            names = ", ".join(f'"{c}"' for c in columns)
            out[table] = sorted(conn.execute(f"SELECT {names} FROM {table}").fetchall(), key=repr)
        conn.execute("CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, acts_fts, instance)")
        out["acts_fts"] = sorted(
            conn.execute(
                "SELECT acts.id, terms.col, terms.term, terms.offset FROM temp.terms JOIN acts ON acts.rowid = terms.doc"
            ).fetchall()
        )
        conn.execute("INSERT INTO acts_fts (acts_fts) VALUES ('integrity-check')")  # raises when out of step
        return out
    finally:
        conn.close()


def _keys(snap: dict[str, list[tuple]], act_id: str) -> set[str]:
    """The act's ID and its séance's (the séance's rows come and go with its acts)."""
    return {act_id} | {row[1] for row in snap["dashboard_attendance"] if row[0] == act_id}


def rows_of(snap: dict[str, list[tuple]], act_id: str) -> dict[str, list[tuple]]:
    keys = _keys(snap, act_id)
    return {table: [row for row in rows if keys & set(row)] for table, rows in snap.items()}


def without(snap: dict[str, list[tuple]], act_id: str) -> dict[str, list[tuple]]:
    keys = _keys(snap, act_id)
    return {table: [row for row in rows if not keys & set(row)] for table, rows in snap.items()}


def acts_only(snap: dict[str, list[tuple]]) -> dict[str, list[tuple]]:
    return {
        table: rows
        for table, rows in snap.items()
        if not table.startswith("dashboard_cache_") and table != "dashboard_options"
    }


def assert_caches_are_fresh(path) -> None:
    """Each chart's cache holds what its query counts over the acts now."""
    conn = sqlite3.connect(path)
    try:
        for name, query in RAW_QUERIES.items():
            cached = conn.execute(f"SELECT * FROM {cache_table(name)} ORDER BY rowid").fetchall()
            assert cached == conn.execute(unfiltered(query)).fetchall(), name
        for key, query in OPTION_QUERIES.items():
            offered = [
                r[0]
                for r in conn.execute("SELECT value FROM dashboard_options WHERE filter = ? ORDER BY rowid", (key,))
            ]
            assert offered == [r[0] for r in conn.execute(query)], key
    finally:
        conn.close()


@pytest.fixture()
def night(tmp_path, fixtures_dir):
    """OUT after a run and a publish on the shared four acts; a function to bring one more in."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in ACTS:
        shutil.copy(fixtures_dir / "privacy" / "acts" / name, inbox / name)
    out = tmp_path / "out"
    assert run(inbox, out, workers=1).ok
    first = publish(out)
    assert first.full and first.acts > 0 and first.reused == first.acts  # as the run's export prepared them

    def another() -> None:
        """One more act in the inbox (a generated one: no personal data for the gate to hold), run."""
        made = tmp_path / "generated"
        made.mkdir()
        generate(made, 1, "incremental")
        for path in made.glob("*.pdf"):
            shutil.copy(path, inbox / path.name)
        shutil.rmtree(made)
        assert run(inbox, out, workers=1).ok

    return out, another


def _catalog_ids(out) -> set[str]:
    catalog = Catalog(out / "actes.db")
    try:
        return {act.id for act in catalog.iter_acts()}
    finally:
        catalog.close()


def test_a_second_publish_with_one_new_act_writes_only_that_act(night):
    out, another = night
    before_ids = _catalog_ids(out)
    before = snapshot(out / "publication.db")
    again = publish(out)  # nothing new: nothing written
    assert not again.full and again.written == 0
    assert snapshot(out / "publication.db") == before

    another()
    new_ids = _catalog_ids(out) - before_ids
    assert len(new_ids) == 1
    (new_id,) = new_ids
    report = publish(out)
    assert not report.full and report.written == 1 and report.removed == 0
    after = snapshot(out / "publication.db")
    # Every row that was there is still there, unchanged; what was added is the new act's (and its
    # séance's). The dashboard's caches are totals: they are counted again, and must be right.
    assert acts_only(without(after, new_id)) == acts_only(without(before, new_id)) == acts_only(before)
    assert_caches_are_fresh(out / "publication.db")
    added = rows_of(after, new_id)
    assert added["acts"] and added["dashboard_acts"] and added["acts_fts"]
    word = max(added["acts"][0][_column(out, "objet")].split(), key=len)
    conn = sqlite3.connect(out / "publication.db")
    hits = conn.execute(
        "SELECT acts.id FROM acts JOIN acts_fts ON acts.rowid = acts_fts.rowid WHERE acts_fts MATCH ?", (f'"{word}"',)
    )
    assert new_id in {row[0] for row in hits}
    conn.close()


def _column(out, name: str) -> int:
    conn = sqlite3.connect(out / "publication.db")
    try:
        return [r[1] for r in conn.execute("PRAGMA table_info(acts)")].index(name)
    finally:
        conn.close()


def _hold(out, act_id: str) -> None:
    """The act waits for a clerk (as the privacy gate leaves an uncertain one), rewritten as the catalog does."""
    catalog = Catalog(out / "actes.db")
    try:
        act = catalog.get_act(act_id)
        act.privacy.review = "pending"
        with catalog.engine.begin() as conn:
            conn.execute(
                update(t.acts)
                .where(t.acts.c.id == act_id)
                .values(data=act.model_dump(mode="json"), updated_at=dt.datetime.now(dt.UTC))
            )
    finally:
        catalog.close()


def _published_ids(out) -> set[str]:
    conn = sqlite3.connect(out / "publication.db")
    try:
        return {row[0] for row in conn.execute("SELECT id FROM acts")}
    finally:
        conn.close()


def test_review_releases_and_removes_acts_incrementally(night):
    out, _ = night
    ids = sorted(_published_ids(out))
    held, rejected = ids[0], ids[-1]
    _hold(out, held)
    report = publish(out)
    assert not report.full and report.written == 1 and held in report.held
    snap = snapshot(out / "publication.db")
    assert held not in _published_ids(out) and not any(rows_of(snap, held).values())

    catalog = Catalog(out / "actes.db")
    try:
        decide(catalog, held, reviewer="greffe")  # released as detected
        decide(catalog, rejected, reviewer="greffe", reject=True)  # never published
    finally:
        catalog.close()
    report = publish(out)
    assert not report.full and report.written == 2 and report.reused == 0  # decided after the export
    assert held not in report.held and rejected in report.held
    snap = snapshot(out / "publication.db")
    assert held in _published_ids(out) and rows_of(snap, held)["acts_fts"]
    assert rejected not in _published_ids(out)
    assert not any(rows_of(snap, rejected).values())  # no row anywhere, no full-text entry
    assert_caches_are_fresh(out / "publication.db")
    assert not list((out / "site" / "feeds").glob("*.xml")) or all(
        rejected not in p.read_text(encoding="utf-8") for p in (out / "site" / "feeds").glob("*.xml")
    )


def test_an_incremental_publish_equals_a_full_rebuild(night, tmp_path):
    out, another = night
    ids = sorted(_published_ids(out))
    _hold(out, ids[0])
    publish(out)
    another()
    catalog = Catalog(out / "actes.db")
    try:
        decide(catalog, ids[0], reviewer="greffe")
        decide(catalog, ids[1], reviewer="greffe", reject=True)
        with catalog.engine.begin() as conn:  # an act gone from the catalog
            for table in (t.provenance, t.problems):
                conn.execute(delete(table).where(table.c.act_id == ids[-1]))
            conn.execute(delete(t.acts).where(t.acts.c.id == ids[-1]))
    finally:
        catalog.close()
    incremental = publish(out)
    assert not incremental.full and incremental.removed == 1

    assert_same_as_full_rebuild(out, tmp_path / "rebuilt", incremental)


def assert_same_as_full_rebuild(out, rebuilt, incremental) -> None:
    """A full build from a copy of the catalog and package gives the same database and feeds."""
    shutil.copytree(out, rebuilt, ignore=shutil.ignore_patterns("site", "publication.db", ".publication-state.db"))
    full = publish(rebuilt)
    assert full.full
    assert (incremental.acts, incremental.held) == (full.acts, full.held)
    assert snapshot(out / "publication.db") == snapshot(rebuilt / "publication.db")
    feeds = sorted(p.name for p in (out / "site" / "feeds").glob("*.xml"))
    assert feeds == sorted(p.name for p in (rebuilt / "site" / "feeds").glob("*.xml"))
    for name in feeds:  # the same entries, in the same order
        a = (out / "site" / "feeds" / name).read_text(encoding="utf-8")
        b = (rebuilt / "site" / "feeds" / name).read_text(encoding="utf-8")
        assert a.split("<entry>")[1:] == b.split("<entry>")[1:], name


def test_a_seance_shared_by_acts_follows_them(night, tmp_path):
    """A séance is published as its act with the smallest ID has it, counted once per act: when
    that act goes, the séance is written again from the next one."""
    out, _ = night
    catalog = Catalog(out / "actes.db")
    try:
        source = next(a for a in catalog.iter_acts() if a.seance is not None and a.seance.presences)
        clones = []
        for n, lieu in enumerate(("salle A", "salle B")):
            clone = source.model_copy(deep=True)
            clone.id, clone.seance.lieu = f"0-point-{n}", lieu
            clones.append(clone)
        catalog.record("f" * 64, "points.txt", [], clones, None, "test")
    finally:
        catalog.close()

    def seance() -> tuple:
        conn = sqlite3.connect(out / "publication.db")
        try:
            row = conn.execute("SELECT lieu, actes FROM seances WHERE id = ?", (source.seance.id,)).fetchone()
            presences = conn.execute("SELECT count(*) FROM presences WHERE seance_id = ?", (source.seance.id,))
            return row, presences.fetchone()[0]
        finally:
            conn.close()

    assert publish(out).written == 2
    assert seance() == (("salle A", 3), len(source.seance.presences))
    catalog = Catalog(out / "actes.db")
    try:
        with catalog.engine.begin() as conn:
            for table in (t.provenance, t.problems):
                conn.execute(delete(table).where(table.c.act_id == "0-point-0"))
            conn.execute(delete(t.acts).where(t.acts.c.id == "0-point-0"))
    finally:
        catalog.close()
    report = publish(out)
    assert not report.full and report.removed == 1 and report.written == 0
    assert seance() == (("salle B", 2), len(source.seance.presences))
    assert_same_as_full_rebuild(out, tmp_path / "rebuilt", report)


def test_a_build_that_cannot_be_continued_is_done_in_full(night):
    out, _ = night
    (out / "publication.db").unlink()  # e.g. removed by hand: the state alone is not trusted
    report = publish(out)
    assert report.full and report.acts == len(_published_ids(out))
    assert publish(out, full=True).full


def test_acts_taken_from_the_package_are_those_the_publisher_gives(night, tmp_path):
    """The run's export already pseudonymised the acts (actes.jsonl): publishing them from there
    gives the very database that preparing them again gives."""
    out, _ = night
    again = tmp_path / "again"
    shutil.copytree(out, again, ignore=shutil.ignore_patterns("site", "publication.db", ".publication-state.db"))
    report = build_publication(again / "actes.db", again, reuse_package=False)
    assert report.full and report.reused == 0 and report.acts > 0
    assert snapshot(out / "publication.db") == snapshot(again / "publication.db")
