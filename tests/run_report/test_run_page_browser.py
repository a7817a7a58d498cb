"""run-<id>.html in a real browser (headless Debian Chromium): opened from the file system, it
asks for nothing but itself, and its chart is drawn. The screenshot is kept in test-artifacts/."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from actes.pipeline import run
from tests.pipeline.inbox import make_inbox

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="chromium and chromium-driver (Debian) not installed"),
]


def _browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1100,1600"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    return driver


def test_the_page_opened_from_disk_requests_nothing_and_draws_its_chart(tmp_path):
    from selenium.webdriver.common.by import By

    inbox = make_inbox(tmp_path / "inbox", 3, bad=1)
    out = tmp_path / "out"
    run(inbox, out, workers=0, site_url="https://actes.example.org")
    make_inbox(inbox, 5)
    report = run(inbox, out, workers=0, site_url="https://actes.example.org")
    page = out / f"run-{report.run_id}.html"
    driver = _browser()
    try:
        driver.get(page.as_uri())
        requested = []
        for entry in driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message["method"] == "Network.requestWillBeSent":
                requested.append(message["params"]["request"]["url"])
        assert requested == [page.as_uri()]
        bars = driver.find_elements(By.CSS_SELECTOR, "svg rect.acts")
        assert len(bars) == 2 and all(b.size["width"] > 0 for b in bars)
        assert driver.find_element(By.CSS_SELECTOR, '[data-key="acts"]').text == str(report.acts)
        ARTIFACTS.mkdir(exist_ok=True)
        driver.save_screenshot(str(ARTIFACTS / "run-report.png"))
    finally:
        driver.quit()
