"""The séance and councillor pages of the site: tables and the councillor's query in publication.db,
then (slow) the pages in headless Chromium."""

from __future__ import annotations

import sqlite3

import pytest

from actes.pipeline import run
from actes.publish.seances import CONSEILLER
from actes.publish.site import publish
from tests.publish.browser import ARTIFACTS, follow, headless_chromium, needs_chromium, served

HEAD = """PROCÈS-VERBAL DU CONSEIL MUNICIPAL DE VILLEBOURG
Séance du {day}
L'an deux mille vingt-trois, le conseil municipal de la commune de Villebourg, régulièrement convoqué, s'est réuni
dans la salle du conseil municipal, sous la présidence de Monsieur Paul DURAND, Maire.
Présents : M. Paul DURAND, Mme Claire MOREAU, M. Luc PETIT, {present}.
Absents excusés : {excused}.
Secrétaire de séance : Mme Claire MOREAU.
"""
POINTS = """
1 - Budget primitif de la commune
Monsieur le Maire présente le budget primitif de l'exercice, équilibré en recettes et en dépenses, et les
principaux investissements prévus pour l'année. Après en avoir délibéré, le conseil municipal adopte le budget
par 3 voix pour et 1 voix contre. Votes contre : M. Luc PETIT.
2 - Tarifs de la salle des fêtes
Madame MOREAU présente les nouveaux tarifs de location de la salle des fêtes pour les associations et les
habitants de la commune. Après en avoir délibéré, le conseil adopte les tarifs à l'unanimité.
"""


@pytest.fixture(scope="module")
def minutes_site_out(tmp_path_factory):
    root = tmp_path_factory.mktemp("seances")
    inbox = root / "inbox"
    inbox.mkdir()
    (inbox / "pv-mars.txt").write_text(
        HEAD.format(day="6 mars 2023", present="Mme Anne LEROY", excused="M. Hugo GRIS") + POINTS, encoding="utf-8"
    )
    (inbox / "pv-avril.txt").write_text(
        HEAD.format(day="3 avril 2023", present="M. Hugo GRIS", excused="Mme Anne LEROY") + POINTS, encoding="utf-8"
    )
    out = root / "out"
    assert run(inbox, out, workers=1).ok
    publish(out)
    return out


def test_seances_presences_and_a_councillor_s_record(minutes_site_out):
    conn = sqlite3.connect(minutes_site_out / "publication.db")
    seances = conn.execute("SELECT date, organe, presents_nommes, excuses_nommes FROM seances ORDER BY date").fetchall()
    assert seances == [("2023-03-06", "conseil municipal", 4, 1), ("2023-04-03", "conseil municipal", 4, 1)]
    leroy = conn.execute(
        "SELECT seances, presents, excuses, taux_presence FROM elus WHERE elu = 'Anne LEROY'"
    ).fetchone()
    assert leroy == (2, 1, 1, 50.0)
    petit = conn.execute("SELECT taux_presence, votes_contre FROM elus WHERE elu = 'Luc PETIT'").fetchone()
    assert petit == (100.0, 2)
    rows = conn.execute(CONSEILLER, {"elu": "Luc PETIT", "collectivite": ""}).fetchall()
    assert [(r[0], r[2]) for r in rows] == [("2023-03-06", "present"), ("2023-04-03", "present")]
    assert all("contre : Budget primitif de la commune" in r[5] for r in rows)


@pytest.mark.slow
@needs_chromium
def test_a_councillor_s_page_and_a_seance_s_page_in_a_browser(minutes_site_out):
    from selenium.webdriver.common.by import By

    with served(minutes_site_out) as base, headless_chromium() as driver:
        ARTIFACTS.mkdir(exist_ok=True)
        driver.get(base + "/publication/elus?_facet=collectivite")
        body = driver.find_element(By.TAG_NAME, "body").text
        assert "Anne LEROY" in body and "50.0" in body
        driver.save_screenshot(str(ARTIFACTS / "browser-seances-1-elus.png"))

        driver.get(base + "/publication/conseiller?elu=Luc+PETIT&collectivite=")
        body = driver.find_element(By.TAG_NAME, "body").text
        assert "2023-03-06" in body and "2023-04-03" in body and "contre : Budget primitif de la commune" in body
        driver.save_screenshot(str(ARTIFACTS / "browser-seances-2-conseiller.png"))

        driver.get(base + "/publication/presences?_facet=statut&elu=Anne+LEROY")
        body = driver.find_element(By.TAG_NAME, "body").text
        assert "excused" in body and "present" in body
        seance_link = driver.find_elements(By.CSS_SELECTOR, "td.col-seance_id a")[0]
        follow(driver, seance_link.click)
        body = driver.find_element(By.TAG_NAME, "body").text
        assert "conseil municipal" in body and "presences" in body.lower()
        driver.save_screenshot(str(ARTIFACTS / "browser-seances-3-seance.png"))
