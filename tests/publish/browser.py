"""What the browser tests share: the package's site served by Datasette, and a headless Chromium."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from actes.publish.serve import datasette_command

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")
needs_chromium = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER), reason="chromium and chromium-driver (Debian) not installed"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def served(out: Path, start_seconds: float = 90) -> Iterator[str]:
    """The site of the package in ``out`` on a free local port; yields its base URL."""
    port = free_port()
    server = subprocess.Popen(datasette_command(out, port=port), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + start_seconds
    try:
        while True:
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=2)
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(server.stderr.read().decode())
                if time.monotonic() > deadline:
                    pytest.fail("datasette did not start")
                time.sleep(0.5)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


@contextmanager
def headless_chromium(height: int = 1600):
    """Debian's Chromium through chromedriver, no network of its own (no sync, no updates)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--window-size=1280,{height}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def follow(driver, action, timeout: float = 60) -> None:
    """Do ``action`` (a click, a submit) and wait until the browser has left the page it was on.

    Selenium returns from a click before the next page loads; on a loaded machine reading the URL
    or the body right after sees the old page, so the tests wait for the old page to go stale.
    """
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    old = driver.find_element(By.TAG_NAME, "html")
    action()
    WebDriverWait(driver, timeout).until(expected_conditions.staleness_of(old))
