"""A journalist in a real browser: search a word of an act's objet, open the act, download its CSV.

Headless Debian Chromium driven by Selenium against `actes serve` on loopback. Screenshots are
kept in test-artifacts/ as evidence.
"""

from __future__ import annotations

import csv
import io
import sqlite3
import urllib.request

import pytest

from tests.publish.browser import ARTIFACTS, follow, headless_chromium, needs_chromium, served

pytestmark = [pytest.mark.slow, needs_chromium]


@pytest.fixture
def site(published):
    with served(published) as base:
        yield base


@pytest.fixture
def browser():
    with headless_chromium() as driver:
        yield driver


def test_search_open_and_download_an_act(site, browser, published):
    from selenium.webdriver.common.by import By

    ARTIFACTS.mkdir(exist_ok=True)
    conn = sqlite3.connect(published / "publication.db")
    act_id, objet = conn.execute("SELECT id, objet FROM acts WHERE objet LIKE '%ession%' LIMIT 1").fetchone()
    word = max(objet.split(), key=len)

    browser.get(site + "/publication/acts")
    box = browser.find_element(By.CSS_SELECTOR, "input[name=_search]")
    box.send_keys(word)
    follow(browser, box.submit)
    browser.save_screenshot(str(ARTIFACTS / "browser-1-search.png"))
    assert word in browser.find_element(By.TAG_NAME, "body").text

    links = [a for a in browser.find_elements(By.CSS_SELECTOR, "td.col-id a")]
    assert links, "no act in the search results"
    follow(browser, links[0].click)
    browser.save_screenshot(str(ARTIFACTS / "browser-2-act.png"))
    assert act_id in browser.find_element(By.TAG_NAME, "body").text

    csv_link = browser.find_element(By.CSS_SELECTOR, "a.actes-csv_url")
    with urllib.request.urlopen(csv_link.get_attribute("href"), timeout=30) as response:
        rows = list(csv.DictReader(io.StringIO(response.read().decode("utf-8"))))
    assert [row["id"] for row in rows] == [act_id]
    assert rows[0]["objet"] == objet
    browser.get(csv_link.get_attribute("href"))
    browser.save_screenshot(str(ARTIFACTS / "browser-3-csv.png"))


def test_a_private_name_finds_nothing(site, browser, fixtures_dir):
    from selenium.webdriver.common.by import By

    original = (fixtures_dir / "privacy" / "acts" / "peril-01.txt").read_text(encoding="utf-8")
    surname = next(
        w
        for w in original.split()
        if w.isupper()
        and len(w) > 4
        and w.endswith(("ARD", "IER", "OT", "AUD", "ERT", "ILLE", "IGNY", "ARET", "ELIN", "ENET"))
    )
    browser.get(site + "/publication/acts?_search=" + surname)
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "browser-4-private-name.png"))
    assert "0 rows" in browser.find_element(By.TAG_NAME, "body").text
