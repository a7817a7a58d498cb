"""Datasette plugin: the review site's ``highlighted`` column is HTML built by
``actes.privacy.review_site`` (text escaped, mentions in ``<mark>``), shown as such."""

from datasette import hookimpl
from markupsafe import Markup


@hookimpl
def render_cell(value, column, table, database, datasette):
    if database == "review" and table == "waiting" and column == "highlighted" and isinstance(value, str):
        return Markup(f'<div class="actes-review-text">{value}</div>')
    return None
