"""Write the test fixture: a small extract of Etalab's découpage administratif (MIT).

    .venv/bin/python -m tests.referential.make_fixture .cache/referential/etalab-decoupage-administratif-6.0.0.tgz

Keeps the communes below (every homonym of the names chosen, so that tests see real
ambiguities), the EPCI below with every member commune, and every département, arrondissement
and région, in the package's own layout (``package/data/*.json``) under ``data/decoupage/``, plus one
invented commune, the tests' sample authority.
"""

from __future__ import annotations

import json
import sys
import tarfile
from pathlib import Path

HERE = Path(__file__).parent / "data" / "decoupage" / "package"
# Homonyms (12 and 2 communes), articles ("Le Mans", "Les Mureaux"), hyphens and accents.
COMMUNE_NAMES = {
    "Sainte-Colombe",
    "Aiglun",
    "Le Mans",
    "Les Mureaux",
    "Saint-Jean-de-Védas",
    "Villiers-le-Bel",
}
# The tests' sample authority (tests/factories.py) is invented, so that no test is written around a
# real authority of the corpus; it is added to the extract in the package's own shape.
INVENTED_COMMUNES = [
    {
        "code": "01998",
        "nom": "Valbrenne",
        "typeLiaison": 0,
        "zone": "metro",
        "arrondissement": "013",
        "departement": "01",
        "region": "84",
        "type": "commune-actuelle",
        "rangChefLieu": 0,
        "siren": "210199808",
        "codesPostaux": ["01170"],
        "population": 5832,
    }
]
# Members all under 3,500 inhabitants; one member over; two CC of the same name; a CA.
EPCI_SIRENS = {"245600465", "243000650", "200018653"}
# Three EPCI continue a name cut to "Quatre" (two Quatre Rivières, one Quatre Vallées).
EPCI_NAMES = {"CC des Quatre Rivières", "CC des Quatre Vallées"}


def main(tarball: str) -> None:
    with tarfile.open(tarball) as tar:

        def load(name):
            return json.load(tar.extractfile(f"package/data/{name}.json"))

        package = json.load(tar.extractfile("package/package.json"))
        communes, epci = load("communes"), load("epci")
        data = {name: load(name) for name in ("departements", "regions", "arrondissements")}
    groups = [e for e in epci if e["code"] in EPCI_SIRENS or e["nom"] in EPCI_NAMES]
    members = {m["code"] for e in groups for m in e["membres"]}
    data["communes"] = INVENTED_COMMUNES + [
        c for c in communes if c["type"] == "commune-actuelle" and (c["nom"] in COMMUNE_NAMES or c["code"] in members)
    ]
    data["epci"] = groups
    data["ept"] = []
    (HERE / "data").mkdir(parents=True, exist_ok=True)
    for name, rows in data.items():
        (HERE / "data" / f"{name}.json").write_text(json.dumps(rows, ensure_ascii=False, indent=0) + "\n", "utf-8")
    keep = {k: package[k] for k in ("name", "version", "license", "repository")}
    (HERE / "package.json").write_text(json.dumps(keep, indent=2) + "\n", "utf-8")
    print(f"{len(data['communes'])} communes, {len(groups)} EPCI written under {HERE}")


if __name__ == "__main__":
    main(sys.argv[1])
