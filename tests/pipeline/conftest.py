from tests.store.databases import any_db, pg_db  # noqa: F401 - fixtures
