"""Nature, numéro, objet, collectivité and budget from the head of real layouts."""

import pytest

from actes.extractors.base import TextView
from actes.extractors.budget import BudgetExtractor
from actes.extractors.collectivite import CollectiviteExtractor, authority
from actes.extractors.nature import document_kind
from actes.extractors.numero import NumeroExtractor
from actes.extractors.objet import ObjetExtractor


def first(extractor, text: str, field: str):
    for finding in extractor.extract(TextView.of_text(text)):
        if finding.field == field:
            return finding.value
    return None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("EXTRAIT DU REGISTRE DES DELIBERATIONS DU CONSEIL MUNICIPAL Objet : convention", "deliberation"),  # extract
        ("CONSEIL MUNICIPAL DU 16 FEVRIER 2023 COMPTE RENDU Le Conseil, vu la délibération", "autre"),  # minutes
        ("Conformément à la liste des délibérations, LISTE DES DELIBERATIONS EXAMINEES", "autre"),  # list (La Saulce)
        ("PRÉFET DE LA CORRÈZE RECUEIL DES ACTES ADMINISTRATIFS N°19-2023-005", "autre"),  # recueil
        ("RAPPORT D’ORIENTATION BUDGETAIRE 2023 Séance du 9 février 2023", "budget"),  # ROB report
        ("CONVENTION CADRE VALANT OPERATION DE REVITALISATION DE TERRITOIRE entre", "contrat"),  # ORT convention
        ("ARRÊTÉ du 19 janvier 2016 portant interdiction de circulation Vu la convention", "arrete"),  # prefectoral
        ("Conseil Communautaire du jeudi 16 mars 2023 L'an deux mille vingt-trois", "autre"),  # session title only
        ("-1- PROJET DE DELIBERATION SEANCE DU CONSEIL DU 27 FEVRIER 2023", "autre"),  # drafts are not acts
        ("Vu la délibération n° 2021-3 du conseil, ARRÊTÉ N° 2023-12", "arrete"),  # cited délibération skipped
    ],
)
def test_nature(text, expected):
    found = document_kind(text)
    assert (found[0] if found else None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("DÉLIBÉRATION N°CP 2023-024 DU 25 JANVIER 2023", "CP 2023-024"),  # Île-de-France
        ("DÉLIBÉRATION n°2020-02-25 1812 Isle-sur-Aube - Approbation", "2020-02-25 1812"),  # EPT register number
        ("Ville de Sainte-Anne-sur-Loire [ Délibération 07/12/2022— 2 TRANSITION", "2"),  # date — number
        ("Séance ordinaire du vendredi 31 mars 2023 N°41/Agenda 21 Mise en œuvre", "41"),  # theme after the slash
        ("(à compter de la délibération n° 2022-12-21/01 incluse)", None),  # cited, not the act's own
        ("DELTBERATION n° 2022/174 L'an deux mille", "2022/174"),  # OCR of DÉLIBÉRATION
        ("Vu la loi n° 2015-991 du 7 août 2015", None),
    ],
)
def test_numero(text, expected):
    assert first(NumeroExtractor(), text, "numero") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # labelled objet ending where the recitals start
        ("Objet : Convocation à la séance du Conseil Municipal du 26 juin 2023 Cher(e) Collègue,",
         "Convocation à la séance du Conseil Municipal du 26 juin 2023"),
        # after the act's own number and date, repeated header skipped
        ("DÉLIBÉRATION N°CP 2023-024 DÉLIBÉRATION N°CP 2023-024 DU 25 JANVIER 2023 POLITIQUES RÉGIONALES ÉNERGIE-CLIMAT La commission permanente",
         "POLITIQUES RÉGIONALES ÉNERGIE-CLIMAT"),
        # an all-caps title among stamps
        ("Envoyé en préfecture le 26/01/2023 PROJET DE TERRITOIRE 2022 - 2030 Publié le 26/01/2023 ID : 074-247400567-20230119-2023_05-DE",
         "PROJET DE TERRITOIRE 2022 - 2030"),
        # minutes: the session title
        ("CONSEIL MUNICIPAL DU 20 FÉVRIER 2023. L'an deux mille vingt-trois", "CONSEIL MUNICIPAL DU 20 FÉVRIER 2023."),
        # mixed-case kind phrase through its session date
        ("Procès-verbal du Conseil Municipal du 9 février 2023 L'an deux mille", "Procès-verbal du Conseil Municipal du 9 février 2023"),
        # a report's cover title ends at its year, the tagline after it is dropped
        ("RAPPORT DÉVELOPPEMENT DURABLE 2022 TRANSITION ÉCOLOGIQUE SOLIDARITÉ ÉCONOMIE CIRCULAIRE Sommaire La transition",
         "RAPPORT DÉVELOPPEMENT DURABLE 2022"),
        # a table of contents lists items, none of them is the title
        ("SOMMAIRE 1) COMMUNICATION DU MAIRE 3 II. APPROBATION DU PROCES-VERBAL DE LA SEANCE DU 20 OCTOBRE 2022 6 III. ACQUISITION", None),
        # "PROJET DE DELIBERATION" is the caption of every draft in a cahier, not a title
        ("-1- PROJET DE DELIBERATION SEANCE DU CONSEIL DU 27 FEVRIER 2023 C 2023/02/1- INSTITUTIONS - DESIGNATION DES REPRESENTANTS", None),
        # "CONVOCATION Le <date>": the letter's dateline, not a session title
        ("CONVOCATION Le vingt-quatre janvier deux mille vingt-trois Nous Patrick BERTHOU, Maire, avons convoqué le Conseil", None),
        # the session where minutes are approved heads the minutes of an earlier session
        ("CONSEIL MUNICIPAL JEUDI 04 JUIN 2020 PROCES – VERBAL DU CONSEIL MUNICIPAL DU 30 JANVIER 2020 1 LE DIX-SEPT DECEMBRE",
         "PROCES – VERBAL DU CONSEIL MUNICIPAL DU 30 JANVIER 2020"),
        # in minutes, "Objet :" opens an item; the file keeps its own title
        ("PROCES-VERBAL DU CONSEIL MUNICIPAL DU 30 JANVIER 2020 Présents : Mme A. Objet : Installation de conseillers Madame le Maire",
         "PROCES-VERBAL DU CONSEIL MUNICIPAL DU 30 JANVIER 2020"),
        # caps words on both sides of a stamp are two page columns, not one title
        ("Envoyé en préfecture le 10/03/2023 Reçu en préfecture le 10/03/2023 Publié le CONSEIL MUNICIPAL "
         "ID : 064-216401299-20230228-2023_02_05-DE ANNEXES Rapport de présentation", None),
        # a caps title without a kind word still ends where the preamble starts
        ("FINANCES - VOTE DU BUDGET PRIMITIF 2023 – COMMUNE (BUDGET PRINCIPAL) RAPPORT DE PRESENTATION N°1 PREAMBULE : RAPPEL DU D.O.B. Le débat",
         "FINANCES - VOTE DU BUDGET PRIMITIF 2023 – COMMUNE (BUDGET PRINCIPAL) RAPPORT DE PRESENTATION N°1"),
        # the assembly and its session printed before the kind word
        ("Secrétariat général Commission permanente du 29 mars 2023 Procès-verbal Conseil régional 2 rue Simone Veil",
         "Commission permanente du 29 mars 2023 Procès-verbal"),
        # a title cut by an OCR column break does not end on "DU CONSEIL SEANCE"
        ("LISTE DES DELIBERATIONS DU CONSEIL SEANCE Point MUNICIPAL DU 16 FEVRIER 2023", "LISTE DES DELIBERATIONS DU CONSEIL"),
        # OCR table cells of logo fragments are not part of the title
        ("PROCÈS VERBAL | VI LLEJ U | Fe | SÉANCE DU CONSEIL MUNICIPAL DU 28 JUIN 2023 | ê à ni : 5 L'an deux mille",
         "PROCÈS VERBAL SÉANCE DU CONSEIL MUNICIPAL DU 28 JUIN 2023"),
        # the session title after the authority's name; "ORDRE DU JOUR" after "L'an deux mille" heads a section
        # of the minutes, not the document
        ("République Française Département de l'Yonne BELLEVUE S SUR YORANE CONSEIL MUNICIPAL DU 23 FEVRIER 2023 "
         "Nombre de conseillers : 29 L’an deux mille vingt-trois, le 23 février, le Conseil s’est réuni. ORDRE DU JOUR Approbation",
         "CONSEIL MUNICIPAL DU 23 FEVRIER 2023"),
        # a contract's title ends where its parties clause starts
        ("Objet : Convention de partenariat avec l'école de musique\nENTRE Commune de Sermoise, représentée par Mme X, Maire,",
         "Convention de partenariat avec l'école de musique"),
        # a line opening a sentence ("Un bilan sera …") ends the objet on texts that keep their lines
        ("Délibération n° 2023-052 – Objet : Approbation de la modification simplifiée n° 1 du plan local\nd'urbanisme\n"
         "Un bilan sera présenté à l'assemblée", "Approbation de la modification simplifiée n° 1 du plan local d'urbanisme"),
        # a register extract's dates and counts sit between the number and the title
        ("DÉLIBÉRATION N° DEL2021_42\nDate de convocation et d'affichage : 30/10/2021\nDécision modificative n° 6 du budget principal 2021\n"
         "Le 9 novembre 2021 à 18h30, le conseil municipal", "Décision modificative n° 6 du budget principal 2021"),
        ("Délibération n° 2024-081 Nombre de conseillers municipaux en exercice : 69 Présents : 49 Votants : 50 "
         "Cession d'un délaissé de voirie Le 21 octobre 2024 à 18h00", "Cession d'un délaissé de voirie"),
        # a register heading is never a title, even over a verbatim PV
        ("Az VALCOUronnes | . EXTRAIT DU REGISTRE DES DELIBERATIONS DU CONSEIL MUNICIPAL Séance ordinaire du 09/02/2023 L'an deux mille",
         None),
    ],
)
def test_objet(text, expected):
    found = [f for f in ObjetExtractor().extract(TextView.of_text(text))]
    best = max(found, key=lambda f: f.strength()) if found else None
    assert (best.value if best else None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("VILLE DE BRÉVILLE COMPTE-RENDU DÉFINITIF", ("VILLE DE BRÉVILLE", "commune")),
        ("Ville de Vernay-le-bel Séance ordinaire", ("Ville de Vernay-le-bel", "commune")),
        ("Département du Nord Communauté de communes VAL DES SOURCES Arrondissement de LILLE",
         ("Communauté de communes VAL DES SOURCES", "epci")),
        ("DÉPARTEMENT DES YVELINES la Commune de Bois-Clairval, dûment", ("Commune de Bois-Clairval", "commune")),
        ("PRÉFET DE LA HAUTE-SAÔNE Chevalier de la Légion d'honneur", ("PRÉFET DE LA HAUTE-SAÔNE", "etat")),
        ("AIN RECUEIL DES ACTES ADMINISTRATIFS SPÉCIAL N°01-2023-158", ("AIN", "etat")),
        ("se sont réunis en Mairie de Vernon-sur-Aube", None),  # a place, not the author
        ("Département Maine-et-Loire COMMUNE SAINT-ALBAN-VAL-DE-LYS L’an", ("COMMUNE SAINT-ALBAN-VAL-DE-LYS", "commune")),
        # bare name after its council, all caps
        ("A l’attention des membres du Conseil municipal de BELLENCOURT\n+ Vendredi", ("BELLENCOURT", "commune")),
        ("LE CONSEIL MUNICIPAL DE SAINT JEAN DE VERNOUX AU LIEU HABITUEL", ("SAINT JEAN DE VERNOUX", "commune")),
        ("Le préfet de la Mayenne, Chevalier de la Légion d'honneur", ("Le préfet de la Mayenne", "etat")),
        # a département line is where a commune is, not who decides
        ("RÉPUBLIQUE FRANÇAISE Département de l'Yonne BELLEVUE S SUR YORANE", None),
        # … unless the département is the author (named twice, generated departmental acts)
        ("RÉPUBLIQUE FRANÇAISE\nDépartement du Loiret\nDépartement du Loiret\nREGISTRE", ("Département du Loiret", "departement")),
        ("Syndicat intercommunal d'énergie de Vaulnières\nEXTRAIT DU REGISTRE", ("Syndicat intercommunal d'énergie de Vaulnières", "syndicat")),
        ("Région Centre-Val de Loire\nEXTRAIT DU REGISTRE", ("Région Centre-Val de Loire", "region")),
        # the council named by its community; not "du jeudi"
        ("Compte-rendu sommaire du Conseil Communautaire Vallée Ouest Val de Loire du 28 Juin 2022",
         ("Conseil Communautaire Vallée Ouest Val de Loire", "epci")),
        ("Conseil Communautaire du jeudi 16 mars 2023", None),
        # a syndicate named by the acronym after its long name
        ("SYNDICAT INTERCOMMUNAL DE LA PERIPHERIE DE PARIS POUR LES ENERGIES ET LES RESEAUX DE COMMUNICATION - SIPPEREC (1) AGREGE",
         ("SIPPEREC", "syndicat")),
        # the other party to a convention is not the author
        ("DP2022_076 Convention de groupement de commande à passer avec la Mairie de Bellerive pour la restauration", None),
        # a town hall building, then a footer address: the "VILLE DE" heading wins
        ("ou à l’Hôtel de Ville de Clairfont. Nous écrire : MAIRIE D’AUBRAC – BP 2305 VILLE D’AUBRAC CONSEIL MUNICIPAL",
         ("VILLE D’AUBRAC", "commune")),
        # a town hall alone still names its commune
        ("Ceci exposé, Mairie de Noirmont Extrait du registre", ("Mairie de Noirmont", "commune")),
    ],
)
def test_collectivite(text, expected):
    found = authority(text)
    assert (found[:2] if found else None) == expected


def test_printed_siret_gives_a_checked_siren():
    text = "SIPPEREC Numéro SIRET : 25750004100047 POSTE COMPTABLE"
    assert first(CollectiviteExtractor(), text, "collectivite.siren") == "257500041"


@pytest.mark.parametrize(
    ("text", "annee", "nom"),
    [
        ("FINANCES - VOTE DU BUDGET PRIMITIF 2023 – COMMUNE (BUDGET PRINCIPAL)", "2023", "Budget principal"),
        ("Compte administratif 2022 du budget annexe assainissement", "2022", "Budget annexe assainissement"),
        ("Délibération portant tarifs de la cantine", None, None),
    ],
)
def test_budget(text, annee, nom):
    assert first(BudgetExtractor(), text, "budget.annee") == annee
    assert first(BudgetExtractor(), text, "budget.nom") == nom
