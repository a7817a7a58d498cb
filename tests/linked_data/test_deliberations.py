"""The délibérations of the same authority an act cites: found in the text, resolved in the
catalog, linked with eli:cites; abstains when the mention is ambiguous or another body's."""

from __future__ import annotations

import datetime as dt

import pytest

from actes.exporters.package import export_catalog, export_package
from actes.linked_data import uris
from actes.linked_data.deliberations import Cited, Index, find_cited
from actes.store import Catalog
from tests.factories import SIREN, make_act, make_deliberation
from tests.linked_data.conftest import OTHER_SIREN, documents

BASE = uris.DEFAULT_BASE
D = dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vu la délibération n° 2021-45 du 10 juin 2021 approuvant le PLU ;", [Cited("2021-45", D(2021, 6, 10), None)]),
        (
            "Vu la délibération du conseil municipal n°2022/12 en date du 03/03/2022 ;",
            [Cited("2022/12", D(2022, 3, 3), "commune")],
        ),
        ("Par délibération en date du 1er février 2020, le conseil a décidé", [Cited(None, D(2020, 2, 1), None)]),
        ("Vu la délibération du conseil communautaire du 5 mai 2021 ;", [Cited(None, D(2021, 5, 5), "communaut")]),
        ("Vu sa délibération nº DCM_2019_7 ;", [Cited("dcm_2019_7", None, None)]),
        (
            "DÉLIBÉRATION N° 2023-12 DU 16 FÉVRIER 2023\nLe conseil municipal, après en avoir délibéré",
            [],
        ),  # its own heading
        ("Vu la délibération portant nouvelle organisation des services ;", []),  # no number, no date
    ],
)
def test_mentions_of_deliberations(text, expected):
    found = find_cited(text)
    assert [(c.numero and c.numero.lower(), c.date, c.body) for c in found] == [
        (c.numero and c.numero.lower(), c.date, c.body) for c in expected
    ]


def _index(*acts):
    index = Index()
    for act in acts:
        index.add(
            act.id, act.collectivite.siren, act.nature.value, act.date_decision, act.numero, uris.act_uri(act, BASE)
        )
    return index


def _delib(act_id, numero, date, siren=SIREN, nom="Commune de Valbrenne"):
    return make_deliberation(
        f"001-{siren}-{date.replace('-', '')}-{act_id}-DE",
        numero=numero,
        date_decision=date,
        collectivite={"nom": nom, "siren": siren},
    )


def test_resolve_by_number_date_or_both_and_abstain_otherwise():
    old = _delib("a", "2021_45", "2021-06-10")
    same_day = [_delib("b", "2021_50", "2021-09-01"), _delib("c", "2021_51", "2021-09-01")]
    alone = _delib("d", "2022_03", "2022-03-03")
    later = _delib("e", "2024_01", "2024-01-15")
    elsewhere = _delib("f", "2021_45", "2021-06-10", siren=OTHER_SIREN, nom="Communauté de communes du Lac")
    index = _index(old, *same_day, alone, later, elsewhere)
    citing = _delib("z", "2023_12", "2023-02-16")
    uri = lambda act: uris.act_uri(act, BASE)  # noqa: E731
    assert index.resolve(citing, [Cited("2021-45", None, None)]) == [uri(old)]  # separators do not matter
    assert index.resolve(citing, [Cited("2021/45", D(2021, 6, 10), None)]) == [uri(old)]
    assert index.resolve(citing, [Cited("2021-45", D(2021, 6, 11), None)]) == []  # the dates disagree
    assert index.resolve(citing, [Cited(None, D(2022, 3, 3), "commune")]) == [uri(alone)]
    assert index.resolve(citing, [Cited(None, D(2021, 9, 1), None)]) == []  # two that day: ambiguous
    assert index.resolve(citing, [Cited("2024-01", None, None)]) == []  # a later délibération
    assert index.resolve(citing, [Cited(None, D(2022, 3, 3), "communaut")]) == []  # the EPCI's, not the commune's
    assert index.resolve(old, [Cited("2021_45", None, None)]) == []  # never itself


TEXT = "Vu la délibération n° 2021-45 du 10 juin 2021 ;\nVu l'article L. 2241-1 du CGCT ;\nLe conseil DÉCIDE"


def test_the_package_links_a_cited_deliberation_of_the_catalog(tmp_path):
    """The cited délibération comes after the citing act in the package's order: the catalog finds it."""
    cited = make_deliberation(
        "001-210199907-20210610-2021_45-DE",
        numero="2021_45",
        date_decision="2021-06-10",
        objet="Plan local d'urbanisme",
    )
    citing = make_deliberation(
        "001-210199907-20210101-0001-DE", numero="2021_90", date_decision="2021-12-01", text=TEXT
    )
    arrete = make_act(
        "ar-2", nature="arrete", numero="2021_45", date_decision="2021-06-10", collectivite={"siren": SIREN}
    )
    db = tmp_path / "actes.db"
    catalog = Catalog(db)
    catalog.record("digest", "acts.pdf", [], [citing, cited, arrete], catalog.start_run("inbox", "test"), "test")
    export_catalog(catalog, tmp_path / "out", formats=["jsonld"])
    catalog.close()
    doc = documents(tmp_path / "out")[citing.id]
    assert f"{BASE}/eli/{SIREN}/deliberation/2021-06-10/2021_45" in doc["cite"]
    assert doc["citation"] == ["Article L2241-1 - Code général des collectivités territoriales"]

    export_package([citing, cited], tmp_path / "alone", formats=["jsonld"])  # no catalog: only acts already seen
    assert "cite" not in documents(tmp_path / "alone")[citing.id]
    export_package([cited, citing], tmp_path / "seen", formats=["jsonld"])
    assert documents(tmp_path / "seen")[citing.id]["cite"] == [f"{BASE}/eli/{SIREN}/deliberation/2021-06-10/2021_45"]
