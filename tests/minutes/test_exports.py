"""seances.csv and presences.csv in the package, described and validated like the other files."""

import csv
import json

from actes.exporters.package import export_package
from actes.extraction import acts_of_document
from tests.factories import make_document
from tests.minutes.test_seance import ITEM, MINUTES


def _rows(path):
    return list(csv.DictReader(path.open(encoding="utf-8", newline="")))


def test_one_row_per_seance_and_per_councillor(tmp_path):
    acts = acts_of_document(make_document(MINUTES + ITEM.format(n=1), ITEM.format(n=2)))
    report = export_package(acts, tmp_path)
    seances = _rows(tmp_path / "seances.csv")
    presences = _rows(tmp_path / "presences.csv")
    assert len(seances) == 1
    seance = seances[0]
    assert seance["ORGANE"] == "conseil municipal" and seance["SEANCE_DATE"] == "2023-03-06"
    assert (seance["NB_PRESENTS_NOMMES"], seance["NB_REPRESENTES_NOMMES"], seance["NB_EXCUSES_NOMMES"]) == ("5", "1", "1")
    assert int(seance["NB_ACTES"]) == len(acts)
    assert len(presences) == 7 and {r["SEANCE_ID"] for r in presences} == {seance["SEANCE_ID"]}
    blanc = next(r for r in presences if r["ELU_NOM"] == "Julie BLANC")
    assert (blanc["STATUT"], blanc["MANDATAIRE"], blanc["SUPPLEANT"], blanc["SOURCE_PAGE"]) == ("represented", "Claire MOREAU", "false", "1")

    descriptor = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["path"]: r for r in descriptor["resources"]}
    assert resources["seances.csv"]["schema"]["primaryKey"] == ["SEANCE_ID"]
    assert resources["presences.csv"]["stats"]["rows"] == 7
    validation = json.loads((tmp_path / "validation.json").read_text(encoding="utf-8"))
    tasks = {t["name"]: t for t in validation["frictionless"]["resources"]}
    assert tasks["seances"]["valid"] and tasks["presences"]["valid"], tasks
    assert report.counts["presences.csv"] == 7


def test_acts_without_seance_give_header_only_files(tmp_path):
    acts = acts_of_document(make_document("ARRÊTÉ DU MAIRE n° 2023-12 portant réglementation de la circulation. "
                                          "Fait à Villebourg, le 3 mars 2023. Le Maire, Paul DURAND"))
    export_package(acts, tmp_path)
    assert (tmp_path / "seances.csv").read_text(encoding="utf-8").startswith("SEANCE_ID,")
    assert _rows(tmp_path / "presences.csv") == []
