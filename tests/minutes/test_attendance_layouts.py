"""Attendance blocks laid out in ways met in real minutes, on invented names: initials after the
surname, stray punctuation, a name hyphenated at a line end, other labels of the present list,
"qui avait donné pouvoir", commune headings among names with civilities, two-column proxies."""

from __future__ import annotations

from actes.minutes import read_attendance


def _by_status(text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for entry in read_attendance(text).entries:
        out.setdefault(entry.status, []).append(entry.nom)
    return out


def test_surnames_followed_by_initials_and_stray_punctuation():
    text = (
        "PRESENTS : Mme DURAND I. – M. PETIT D. - Mme MOREAU A. - M. LEROY J.F - M. BLANC E. -. – M. NOIR MF. "
        "ABSENTS EXCUSES : M. VERT A. - Mme ROUGE C. Secrétaire de séance : Mme MOREAU A."
    )
    found = _by_status(text)
    assert found["present"] == ["DURAND I.", "PETIT D.", "MOREAU A.", "LEROY J.F", "BLANC E.", "NOIR MF."]
    assert found["excused"] == ["VERT A.", "ROUGE C."]


def test_a_name_hyphenated_at_a_line_end_and_other_labels_of_the_present_list():
    text = (
        "Assistaient à la réunion : Paul DURAND, Claire BESSE- MOULIN, Jean PETIT, Rose VERT. "
        "Etaient excusés : Marc BLANC, Anne NOIR qui avait donné pouvoir à Paul DURAND. Le quorum est atteint."
    )
    found = read_attendance(text).entries
    assert [e.nom for e in found if e.status == "present"] == [
        "Paul DURAND",
        "Claire BESSE-MOULIN",
        "Jean PETIT",
        "Rose VERT",
    ]
    assert [(e.nom, e.status, e.holder) for e in found if e.status != "present"] == [
        ("Marc BLANC", "excused", None),
        ("Anne NOIR", "represented", "Paul DURAND"),
    ]
    voters = "Mesdames et Messieurs les Conseillers Municipaux : Paul DURAND, Claire MOREAU, Jean PETIT. Absents : Rose VERT."
    assert _by_status(voters)["present"] == ["Paul DURAND", "Claire MOREAU", "Jean PETIT"]


def test_commune_headings_among_names_with_civilities_are_not_people():
    text = (
        "Conseillers communautaires présents avec voix délibérative : COMMUNES MEMBRES CONSEILLERS TITULAIRES "
        "BOURG NEUF Mme Claire MOREAU (Titulaire) M. Paul DURAND (Titulaire) SAINT-JEAN-DES-PRES M. Jean PETIT "
        "(Titulaire) VILLEVIEILLE Mme Rose VERT (Titulaire) Conseillers absents et excusés : M. Marc BLANC. "
        "Secrétaire de séance : M. Jean PETIT"
    )
    found = _by_status(text)
    assert found["present"] == ["Claire MOREAU", "Paul DURAND", "Jean PETIT", "Rose VERT"]


def test_proxies_printed_in_two_columns_pair_in_order():
    text = (
        "Présents : Paul DURAND, Claire MOREAU, Jean PETIT, Rose VERT. "
        "Pouvoirs : Marc BLANC, Anne NOIR, Luc GRIS Pouvoir à Paul DURAND Pouvoir à Claire MOREAU Pouvoir à Rose VERT "
        "Secrétaire de séance : Jean PETIT"
    )
    represented = [(e.nom, e.holder) for e in read_attendance(text).entries if e.status == "represented"]
    assert represented == [("Marc BLANC", "Paul DURAND"), ("Anne NOIR", "Claire MOREAU"), ("Luc GRIS", "Rose VERT")]
