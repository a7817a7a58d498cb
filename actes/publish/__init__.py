"""Publication for journalists: a SQLite database with full-text search for Datasette,
Atom feeds per collectivité and per saved search. Only what the privacy policy allows."""

from actes.publish.database import PUBLICATION_DB, build_publication

__all__ = ["PUBLICATION_DB", "build_publication"]
