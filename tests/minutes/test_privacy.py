"""Councillors act in office: their names stay in the published séance, the act is not held."""

from actes.extraction import acts_of_document
from actes.privacy.policy import PrivacyPolicy
from actes.privacy.pseudonymize import publication
from tests.factories import make_document

TEXT = ("PROCÈS-VERBAL DU CONSEIL MUNICIPAL DE VILLEBOURG. Séance du 6 mars 2023. Le conseil municipal s'est réuni "
        "dans la salle du conseil, sous la présidence de Monsieur Paul DURAND, Maire. Etaient présents : Monsieur Paul "
        "DURAND, Madame Claire MOREAU, Monsieur Jean de MONTVERT, Madame Anne LEROY. Absents excusés : Madame Julie "
        "BLANC donne pouvoir à Madame Claire MOREAU, Monsieur Marc NOIR. Secrétaire de séance : Madame Anne LEROY. "
        "1. Vente d'un terrain à Monsieur Pierre GRISON, domicilié 3 rue des Lilas. Le conseil municipal, après en avoir "
        "délibéré, à l'unanimité, approuve la vente de la parcelle à Monsieur Pierre GRISON au prix de 12 000 euros.")


def test_councillors_are_published_and_the_act_is_not_held():
    acts = acts_of_document(make_document(TEXT))
    act = acts[0]
    assert act.seance is not None
    published = publication(act, PrivacyPolicy(review_gate=False)).act
    assert published is not None
    names = {p.nom for p in published.seance.presences}
    assert {"Jean de MONTVERT", "Julie BLANC", "Marc NOIR"} <= names


def test_only_the_seance_members_become_officials():
    from actes.privacy.officials import officials_of

    act = acts_of_document(make_document(TEXT))[0]
    officials = officials_of(act, "")  # the séance alone, not the text's own attendance rules
    assert officials.matches("Jean de MONTVERT") and officials.matches("Mme Julie BLANC")
    assert not officials.matches("Pierre GRISON")
