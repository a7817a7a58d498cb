"""Export partitions in the catalog: every write records the partitions it changes, and a
catalog made before partitions existed gets each act's partition when it is opened."""

from __future__ import annotations

import datetime as dt

from alembic import command
from sqlalchemy import select

from actes.store import Catalog
from actes.store import partitions as parts
from actes.store import tables as t
from actes.store.migrate import alembic_config
from tests.factories import make_act

SIREN = "210199907"


def _acts():
    return [
        make_act("a", date_decision="2024-05-01", collectivite={"siren": SIREN}),
        make_act("b", date_decision="2025-05-01", collectivite={"nom": "Syndicat des Eaux"}),
    ]


def test_a_write_records_old_and_new_partitions(any_db):
    catalog = Catalog(any_db)
    try:
        start = dt.datetime.now(dt.UTC)
        catalog.record("d1", "d1.pdf", [], _acts(), None, "test")
        with catalog.engine.connect() as conn:
            assert parts.changed_since(conn, start) == {f"2024/{SIREN}", "2025/nom-syndicat-des-eaux"}
            assert parts.all_keys(conn) == {f"2024/{SIREN}", "2025/nom-syndicat-des-eaux"}
        middle = dt.datetime.now(dt.UTC)
        # the same submission re-extracted: act "a" now dated 2026; its old partition changed too
        catalog.record(
            "d1", "d1.pdf", [], [make_act("a", date_decision="2026-01-01", collectivite={"siren": SIREN})], None, "test"
        )
        with catalog.engine.connect() as conn:
            assert parts.changed_since(conn, middle) == {f"2024/{SIREN}", f"2026/{SIREN}", "2025/nom-syndicat-des-eaux"}
            assert parts.all_keys(conn) == {f"2026/{SIREN}"}
        assert [act.id for act in parts.acts_of(catalog, f"2026/{SIREN}")] == ["a"]
    finally:
        catalog.close()


def test_opening_an_older_catalog_fills_each_acts_partition(tmp_path):
    db = tmp_path / "old.db"
    catalog = Catalog(db)
    catalog.record("d1", "d1.pdf", [], _acts(), None, "test")
    config = alembic_config()
    with catalog.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0004")  # as a catalog of before this revision
    catalog.close()
    catalog = Catalog(db)
    try:
        with catalog.engine.connect() as conn:
            rows = dict(conn.execute(select(t.acts.c.id, t.acts.c.partition)).all())
        assert rows == {"a": f"2024/{SIREN}", "b": "2025/nom-syndicat-des-eaux"}
    finally:
        catalog.close()


def test_the_points_of_one_seance_share_one_partition_whatever_authority_each_names():
    from actes.schemas.seance import Seance

    seance = Seance(id="seance-x-2025-03-06-conseil", siren=SIREN, date=dt.date(2025, 3, 6))
    first = make_act("p1", date_decision="2025-03-06", collectivite={"nom": "Commune voisine"})
    second = make_act("p2", date_decision="2025-03-06", collectivite={"siren": "213105554"})
    first.seance, second.seance = seance, seance.model_copy()
    assert parts.key_of_act(first) == parts.key_of_act(second) == f"2025/{SIREN}"
    assert parts.key_of_data(second.model_dump(mode="json")) == f"2025/{SIREN}"
    unnamed = Seance(id="seance-sans-siren-2025-03-06-conseil", date=dt.date(2025, 3, 6))
    first.seance, second.seance = unnamed, unnamed.model_copy()
    assert parts.key_of_act(first) == parts.key_of_act(second) == "2025/nom-seance-sans-siren-2025-03-06-conseil"
    # a séance whose date was not read: its points' own dates (one read, one not) do not split it
    undated = Seance(id="seance-sans-date-conseil")
    second.date_decision = None
    first.seance, second.seance = undated, undated.model_copy()
    assert parts.key_of_act(first) == parts.key_of_act(second) == "sans-date/nom-seance-sans-date-conseil"
    assert parts.key_of_data(first.model_dump(mode="json")) == parts.key_of_act(first)
