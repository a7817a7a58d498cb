"""A journalist opens the dashboard in a real browser: every chart is drawn, with the numbers the
same SQL counts in the publication database; a filter changes them; each chart's CSV holds them.

Headless Debian Chromium driven by Selenium against `actes serve` on loopback, on the demo inbox
(several authorities, natures, votes, problems and séances). The screenshot goes to
test-artifacts/dashboard.png; `make screenshots` copies it into docs/images for docs/site.md.
"""

from __future__ import annotations

import csv
import io
import shutil
import sqlite3
import time
import urllib.request

import pytest

from actes.publish.dashboards import CHARTS, SLUG, fill_options
from tests.publish.browser import ARTIFACTS, follow, headless_chromium, needs_chromium, served

pytestmark = [pytest.mark.slow, needs_chromium]

# The number each chart writes on its marks (the last column of its SQL).
VALUE = {
    "actes-par-mois": "actes",
    "collectivites": "actes",
    "matieres": "actes",
    "votes": "actes",
    "problemes": "problemes",
    "presence": "taux",
}


@pytest.fixture(scope="module")
def demo_out(tmp_path_factory, fixtures_dir):
    from actes.pipeline import run
    from actes.publish.site import publish

    root = tmp_path_factory.mktemp("dashboard")
    shutil.copytree(fixtures_dir / "demo" / "inbox", root / "inbox")
    out = root / "out"
    assert run(root / "inbox", out, workers=0).ok  # in this process: no worker start, no per-file timeout
    publish(out)
    return out


@pytest.fixture(scope="module")
def demo_site(demo_out):
    with served(demo_out) as base:
        yield base


@pytest.fixture(scope="module")
def chromium():
    with headless_chromium(height=2100) as driver:
        yield driver


def _expected(database, options: dict[str, str]) -> dict[str, list[float]]:
    """What SQLite itself answers to each chart's query with these filters."""
    conn = sqlite3.connect(database)
    try:
        return {
            slug: sorted(float(row[VALUE[slug]]) for row in _rows(conn, chart["query"], options))
            for slug, chart in CHARTS.items()
        }
    finally:
        conn.close()


def _rows(conn, query, options):
    conn.row_factory = sqlite3.Row
    return conn.execute(fill_options(query, options), options).fetchall()


def _drawn(browser) -> dict[str, list[float]]:
    """Each chart's numbers as the browser drew them: the text marks of its SVG (axes left out)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        state = browser.execute_script("""
            const out = {};
            for (const card of document.querySelectorAll('.dashboard-card')) {
              const svg = card.querySelector('svg.marks');
              out[card.id.replace('card-', '')] = svg === null ? null
                : Array.from(svg.querySelectorAll('.mark-text.role-mark text')).map(t => t.textContent);
            }
            return out;""")
        if set(state) == set(CHARTS) and all(v is not None for v in state.values()):
            return {slug: sorted(float(v) for v in values) for slug, values in state.items()}
        time.sleep(0.5)
    pytest.fail(f"charts not drawn as SVG: {state}")


def _csv(base, browser) -> dict[str, list[dict]]:
    out = {}
    for link in browser.find_elements("css selector", "a.actes-chart-csv"):
        with urllib.request.urlopen(link.get_attribute("href"), timeout=30) as response:
            out[link.get_attribute("data-chart")] = list(csv.DictReader(io.StringIO(response.read().decode("utf-8"))))
    return out


def test_every_chart_is_drawn_with_the_sql_counts_and_a_filter_changes_them(demo_site, demo_out, chromium):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    ARTIFACTS.mkdir(exist_ok=True)
    database = demo_out / "publication.db"
    chromium.get(demo_site + "/")
    follow(
        chromium, chromium.find_element(By.CSS_SELECTOR, f'a[href="/-/dashboards/{SLUG}"]').click
    )  # linked from home

    everything = _expected(database, {})
    assert all(everything[slug] for slug in CHARTS), everything  # the demo fills every chart
    assert _drawn(chromium) == everything
    chromium.save_screenshot(str(ARTIFACTS / "dashboard.png"))
    downloads = _csv(demo_site, chromium)
    assert set(downloads) == set(CHARTS)
    for slug, rows in downloads.items():
        assert sorted(float(row[VALUE[slug]]) for row in rows) == everything[slug], slug

    conn = sqlite3.connect(database)
    departement = conn.execute(
        "SELECT departement FROM dashboard_acts WHERE departement IS NOT NULL "
        "GROUP BY departement ORDER BY count(*) DESC, departement LIMIT 1"
    ).fetchone()[0]
    conn.close()
    Select(chromium.find_element(By.ID, "departement")).select_by_value(departement)
    follow(chromium, chromium.find_element(By.CSS_SELECTOR, ".dashboard-filters input[type=submit]").click)
    assert f"departement={departement}" in chromium.current_url

    filtered = _expected(database, {"departement": departement})
    assert filtered != everything
    assert sum(filtered["collectivites"]) < sum(everything["collectivites"])
    assert _drawn(chromium) == filtered
    chromium.save_screenshot(str(ARTIFACTS / "dashboard-filtered.png"))
    for slug, rows in _csv(demo_site, chromium).items():
        assert sorted(float(row[VALUE[slug]]) for row in rows) == filtered[slug], slug
