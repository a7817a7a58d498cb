"""The attendance block of invented minutes, in the forms real registers use."""

from actes.minutes import read_attendance


def people(text):
    return {(e.nom, e.status, e.holder) for e in read_attendance(text).entries}


def test_first_name_first_with_proxies_in_sentences():
    text = ("Le conseil municipal s'est réuni sous la présidence de Monsieur Paul DURAND, Maire. "
            "Étaient présents : Monsieur Paul DURAND, Maire, Madame Claire MOREAU, Première Adjointe, "
            "Monsieur Luc PETIT, Madame Anne-Sophie LEROY. "
            "Absents excusés : Madame Julie BLANC donne pouvoir à Madame Claire MOREAU "
            "Monsieur Marc NOIR a donné procuration à M. Luc PETIT, Madame Rose VERT. "
            "Absent : M. Hugo GRIS Secrétaire de séance : Madame Anne-Sophie LEROY. Le procès-verbal est adopté.")
    found = read_attendance(text)
    assert {(e.nom, e.status, e.holder) for e in found.entries} == {
        ("Paul DURAND", "present", None), ("Claire MOREAU", "present", None), ("Luc PETIT", "present", None),
        ("Anne-Sophie LEROY", "present", None), ("Julie BLANC", "represented", "Claire MOREAU"),
        ("Marc NOIR", "represented", "Luc PETIT"), ("Rose VERT", "excused", None), ("Hugo GRIS", "absent", None),
    }
    moreau = next(e for e in found.entries if e.nom == "Claire MOREAU")
    assert moreau.civilite == "Mme" and moreau.qualite == "Première Adjointe"


def test_surname_first_semicolons_and_parenthesised_proxies():
    text = ("PRESENTS : M. DURAND Paul ; Mme MOREAU Claire (pouvoir de M. NOIR Marc) ; M. PETIT Luc (arrivé à 20 h 15) ; "
            "Mme LEROY Anne. EXCUSÉS : M. NOIR Marc (pouvoir à Mme MOREAU Claire), Mme BLANC Julie (pas de pouvoir). "
            "ORDRE DU JOUR : 1. Budget")
    found = read_attendance(text)
    assert people(text) == {
        ("DURAND Paul", "present", None), ("MOREAU Claire", "present", None), ("PETIT Luc", "present", None),
        ("LEROY Anne", "present", None), ("NOIR Marc", "represented", "MOREAU Claire"), ("BLANC Julie", "excused", None),
    }
    assert next(e for e in found.entries if e.nom == "PETIT Luc").notes == ["arrivé à 20 h 15"]


def test_proxies_with_dotted_leaders_and_lines():
    text = ("Présents :\nPaul DURAND\nClaire MOREAU\nLuc PETIT\n"
            "Pouvoirs :\nJulie BLANC ........................ à Claire MOREAU\nMarc NOIR ...... à Luc PETIT\n"
            "Secrétaire de séance : Luc PETIT")
    assert people(text) == {
        ("Paul DURAND", "present", None), ("Claire MOREAU", "present", None), ("Luc PETIT", "present", None),
        ("Julie BLANC", "represented", "Claire MOREAU"), ("Marc NOIR", "represented", "Luc PETIT"),
    }


def test_epci_delegates_grouped_by_commune():
    text = ("Le conseil communautaire s'est réuni sous la présidence de Madame Anne ROC. "
            "VILLEBOURG : Anne ROC – Paul DURAND – Claire MOREAU SAINT-MARC SUR LOIRE : Luc PETIT - Julie BLANC "
            "Nombre de conseillers présents : 5 Pouvoirs : Marc NOIR avait donné pouvoir à Luc PETIT "
            "Etaient excusés : Rose VERT Le Conseil choisit comme secrétaire : Luc PETIT")
    found = read_attendance(text)
    communes = {e.nom: e.commune for e in found.entries}
    assert communes["Claire MOREAU"] == "VILLEBOURG" and communes["Luc PETIT"] == "SAINT-MARC SUR LOIRE"
    assert ("Marc NOIR", "represented", "Luc PETIT") in people(text)
    assert ("Rose VERT", "excused", None) in people(text)


def test_commune_in_parentheses_and_substitute():
    text = ("Présents : M. DURAND Paul (Villebourg), Mme MOREAU Claire (Saint-Marc), M. PETIT Luc (suppléant de M. NOIR Marc). "
            "Excusé étant représenté : Mme BLANC Julie (Villebourg) représentée par M. DURAND Paul (Villebourg). "
            "Secrétaire de séance : M. DURAND Paul")
    found = read_attendance(text)
    by_name = {e.nom: e for e in found.entries}
    assert by_name["DURAND Paul"].commune == "Villebourg"
    assert by_name["NOIR Marc"].status == "represented" and by_name["NOIR Marc"].holder == "PETIT Luc"
    assert by_name["NOIR Marc"].substitute
    assert by_name["BLANC Julie"].holder == "DURAND Paul"


def test_mixed_case_names_after_civility_and_surnames_only():
    text = ("ÉTAIENT PRÉSENTS : M. Durand, Mme Moreau, M. Petit P-Y, Mme Leroy ÉTAIENT EXCUSÉS : Mme Blanc donnant pouvoir "
            "à Mme Moreau ÉTAIENT ABSENTS : M. Noir, Mme Vert Envoyé en préfecture le 16/02/2023")
    assert people(text) == {
        ("Durand", "present", None), ("Moreau", "present", None), ("Petit P-Y", "present", None), ("Leroy", "present", None),
        ("Blanc", "represented", "Moreau"), ("Noir", "absent", None), ("Vert", "absent", None),
    }


def test_first_names_only_resolve_proxy_holders():
    text = ("Présents : Jean-Pierre, Yves, Nelly WIDMER, Agnès.\n"
            "Excusés : Marc (pouvoir donné à Nelly) / Marielle (pas de pouvoir donné)\n\nOrdre du jour")
    assert ("Marc", "represented", "Nelly WIDMER") in people(text)
    assert ("Marielle", "excused", None) in people(text)


def test_president_not_in_the_list_is_present_and_counts_are_not_lists():
    text = ("Nombre de membres en exercice : 15 Présents : 12 Votants : 13 Le conseil s'est réuni sous la présidence de "
            "Monsieur René ROC, Maire. Présents : Claire MOREAU, Luc PETIT, Anne LEROY. Absents excusés : Julie BLANC "
            "(pouvoir à René ROC). Le conseil a désigné M. PETIT secrétaire.")
    assert people(text) == {
        ("René ROC", "present", None), ("Claire MOREAU", "present", None), ("Luc PETIT", "present", None),
        ("Anne LEROY", "present", None), ("Julie BLANC", "represented", "René ROC"),
    }


def test_names_that_are_a_sentence_subject_are_not_absent():
    text = ("Etaient présents : M. DURAND, Mme MOREAU, M. PETIT. Etaient absents : M. NOIR, Mme VERT. "
            "Mme Claire MOREAU et M. Luc PETIT sont désignés secrétaires de séance.")
    assert people(text) == {("DURAND", "present", None), ("MOREAU", "present", None), ("PETIT", "present", None),
                            ("NOIR", "absent", None), ("VERT", "absent", None)}


def test_present_for_part_of_the_meeting_keeps_the_note():
    text = ("Présents : Paul DURAND, Claire MOREAU (à partir du point 3), Luc PETIT. "
            "Absents : Claire MOREAU (jusqu'au point 2), Hugo GRIS. Secrétaire : Luc PETIT")
    found = read_attendance(text)
    moreau = next(e for e in found.entries if e.nom == "Claire MOREAU")
    assert moreau.status == "present" and "à partir du point 3" in moreau.notes
    assert ("Hugo GRIS", "absent", None) in people(text)


def test_no_block_no_entries():
    assert not read_attendance("Le conseil municipal, après en avoir délibéré, approuve le budget. Les membres présents.")
    assert not read_attendance("")
