"""The SQLAlchemy catalog (SQLite by default, PostgreSQL in production)."""

from actes.store.catalog import Catalog, database_url

__all__ = ["Catalog", "database_url"]
