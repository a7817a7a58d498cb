"""Authority candidates: every naming of the author in the head, with the shorter prefixes of a name
that ran into the next words of flattened text; the scorer chooses among them."""

from __future__ import annotations

from actes.extractors import TextView
from actes.learning.candidates import _authority_mentions


def _values(text: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for finding in _authority_mentions(TextView.of_text(text)):
        out.setdefault(finding.value, set()).add(finding.extractor)
    return out


def test_a_name_that_runs_into_the_next_heading_is_proposed_with_its_prefixes():
    found = _values("RÉPUBLIQUE FRANÇAISE DÉPARTEMENT DE LA SOMME CONSEIL DÉPARTEMENTAL Réunion du 24 octobre 2022")
    assert "DÉPARTEMENT DE LA SOMME" in found  # the right one, among longer ones
    assert "DÉPARTEMENT DE LA SOMME CONSEIL DÉPARTEMENTAL Réunion" in found
    assert not any(value.endswith((" du", " DE", " LA")) for value in found)  # never cut after a connector
    assert found["DÉPARTEMENT DE LA SOMME"] == {"generic:authority-departement-prefix"}


def test_names_joined_by_dashes_and_ampersands_stay_whole():
    found = _values(
        "les membres de la Communauté de Communes Testval – Bourgneuf se sont réunis. "
        "Communauté urbaine Grand Testville Seine & Oise Rapport d'orientation budgétaire"
    )
    assert "Communauté de Communes Testval – Bourgneuf" in found
    assert "Communauté urbaine Grand Testville Seine & Oise" in found


def test_a_mayor_or_a_dateline_names_the_commune_but_a_bare_title_does_not():
    found = _values(
        "sous la présidence de M. Jean DUPONT, Maire de TESTVILLE. Etaient présents : "
        "Mme Anne MARTIN. Testville-sur-Mer, le 8 février 2023 CONSEIL MUNICIPAL"
    )
    assert "TESTVILLE" in found and "generic:authority-maire" in found["TESTVILLE"]
    assert "generic:authority-dateline" in found["Testville-sur-Mer"]
    assert not _values("sur la convocation de Monsieur Jean DUPONT- Maire Etaient présents")


def test_other_kinds_of_authorities_are_named_with_their_kind():
    found = _values(
        "sous la présidence de Mme Anne MARTIN, Présidente de l'Eurométropole de Testville Mmes et MM. "
        "REGIE DES EAUX DU PAYS DE TESTVAL Règlement du service"
    )
    assert "Eurométropole de Testville" in found
    assert "REGIE DES EAUX DU PAYS DE TESTVAL" in found
