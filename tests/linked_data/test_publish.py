"""The Datasette site offers each act's JSON-LD: a link on its row, and its page's URL + .jsonld."""

from __future__ import annotations

import asyncio
import json
import sqlite3

import pytest

from actes.exporters.package import export_catalog
from actes.publish.database import PUBLICATION_DB
from actes.publish.serve import PLUGINS
from actes.publish.site import publish
from actes.store import Catalog
from tests.linked_data.conftest import linked_data_acts


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    catalog = Catalog(out / "actes.db")
    run_id = catalog.start_run("inbox", "test")
    catalog.record("digest", "acts.pdf", [], linked_data_acts(), run_id, "test")
    export_catalog(catalog, out)
    catalog.close()
    publish(out)
    return out


def test_each_published_act_has_its_document_and_a_link(site):
    conn = sqlite3.connect(site / PUBLICATION_DB)
    rows = dict(conn.execute("SELECT id, jsonld_url FROM acts"))
    documents = dict(conn.execute("SELECT act_id, document FROM jsonld"))
    assert set(documents) == set(rows) and len(rows) == len(linked_data_acts())
    assert rows["ar-1"] == "/publication/acts/ar-1.jsonld"
    assert json.loads(documents["ar-1"])["identifiant"] == "ar-1"
    assert (site / "site" / "package" / "actes.nt").is_file()


def _get(site, path):
    from datasette.app import Datasette

    async def fetch():
        datasette = Datasette([str(site / PUBLICATION_DB)], immutables=[], plugins_dir=str(PLUGINS))
        return await datasette.client.get(path)

    return asyncio.run(fetch())


def test_an_acts_page_plus_jsonld_is_its_document(site):
    act_id = "001-210199907-20230316-2023_20-DE"
    response = _get(site, f"/publication/acts/{act_id}.jsonld")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/ld+json")
    document = response.json()
    assert document["identifiant"] == act_id and document["vote"]["contre"] == 6 and "@context" in document
    page = _get(site, f"/publication/acts/{act_id}")
    assert f"/publication/acts/{act_id}.jsonld" in page.text  # linked from the act's page


def test_a_search_as_jsonld_is_one_graph(site):
    response = _get(site, "/publication/acts.jsonld?nature=deliberation")
    graph = response.json()
    assert "@context" in graph and len(graph["@graph"]) == 4
    assert all("@context" not in node for node in graph["@graph"])
