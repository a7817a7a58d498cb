"""A journalist in a real browser: search a word of an act's objet, open the act, download its CSV.

Headless Debian Chromium driven by Selenium against `actes serve` on loopback. Screenshots are
kept in test-artifacts/ as evidence.
"""

from __future__ import annotations

import csv
import io
import shutil
import socket
import sqlite3
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from actes.publish.serve import datasette_command

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="chromium and chromium-driver (Debian) not installed"),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def site(published):
    port = _free_port()
    server = subprocess.Popen(datasette_command(published, port=port), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/-/versions.json", timeout=2)
            break
        except OSError:
            if server.poll() is not None:
                pytest.fail(server.stderr.read().decode())
            time.sleep(0.5)
    else:
        server.kill()
        pytest.fail("datasette did not start")
    yield base
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1280,1600"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def test_search_open_and_download_an_act(site, browser, published):
    from selenium.webdriver.common.by import By

    ARTIFACTS.mkdir(exist_ok=True)
    conn = sqlite3.connect(published / "publication.db")
    act_id, objet = conn.execute("SELECT id, objet FROM acts WHERE objet LIKE '%ession%' LIMIT 1").fetchone()
    word = max(objet.split(), key=len)

    browser.get(site + "/publication/acts")
    box = browser.find_element(By.CSS_SELECTOR, "input[name=_search]")
    box.send_keys(word)
    box.submit()
    time.sleep(0.5)
    browser.save_screenshot(str(ARTIFACTS / "browser-1-search.png"))
    assert word in browser.find_element(By.TAG_NAME, "body").text

    links = [a for a in browser.find_elements(By.CSS_SELECTOR, "td.col-id a")]
    assert links, "no act in the search results"
    links[0].click()
    time.sleep(0.5)
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
    surname = next(w for w in original.split() if w.isupper() and len(w) > 4 and w.endswith(("ARD", "IER", "OT", "AUD", "ERT", "ILLE", "IGNY", "ARET", "ELIN", "ENET")))
    browser.get(site + "/publication/acts?_search=" + surname)
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "browser-4-private-name.png"))
    assert "0 rows" in browser.find_element(By.TAG_NAME, "body").text
