"""Datasette plugin loaded by ``actes serve``: our relative URL columns become links."""

from datasette import hookimpl
from markupsafe import Markup, escape

LINK_COLUMNS = {"provenance_url": "provenance", "csv_url": "CSV", "jsonld_url": "JSON-LD"}


@hookimpl
def render_cell(value, column, table, database, datasette):
    if column in LINK_COLUMNS and isinstance(value, str) and value.startswith("/"):
        return Markup(f'<a href="{escape(value)}" class="actes-{column}">{LINK_COLUMNS[column]}</a>')
    return None
