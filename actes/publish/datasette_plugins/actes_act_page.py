"""Datasette plugin loaded by ``actes serve``: an act's page reads like a page, not a row
(fields with their provenance and confidence, problems with their legal reference, séance, cited
acts, machine-readable forms); ``actes.publish.act_page`` gathers it, the
``row-publication-acts.html`` template (actes/publish/templates) lays it out."""

from datasette import hookimpl
from datasette.utils import tilde_decode

from actes.publish.act_page import DATABASE, act_page


@hookimpl
def extra_template_vars(template, database, table, view_name, request, datasette):
    if view_name != "row" or database != DATABASE or table != "acts" or request is None:
        return {}

    async def inner():
        act_id = tilde_decode(request.url_vars.get("pks", ""))
        page = await datasette.get_database(database).execute_fn(lambda conn: act_page(conn, act_id))
        return {"act_page": page}

    return inner
