"""Personal data as acts write it: civilities and names, postal addresses, birth dates, phones,
e-mails, IBAN, cadastral parcels. ``P_`` compiled patterns only; decisions live in detect.py."""

from __future__ import annotations

import re

UP = r"A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸ"
LOW = r"a-zàâäçéèêëîïôöùûüÿœ"
RE_FIRST = rf"[{UP}][{LOW}]+(?:-[{UP}][{LOW}]+)?"  # Jean, Marie-Claire
RE_SURNAME_UP = rf"(?:(?:DE|DU|DES|LE|LA|D['’]|MAC|VAN|VON)\s?)?[{UP}][{UP}'’\-]+(?:[ \-][{UP}][{UP}'’\-]+)?"  # DUPONT, LE GALL, MARTIN-DURAND
RE_SURNAME_CAP = rf"(?:(?:de|du|des|le|la|d['’])\s?)?[{UP}][{LOW}]+(?:-[{UP}][{LOW}]+)?"  # Dupont, de Villiers
RE_CIVILITY = r"(?:Monsieur|Madame|Mademoiselle|M\.|MM\.|Mr\.?|Mme|Mmes|Mlle|Maître|Me|Docteur|Dr)"

# "M. Jean DUPONT", "Mme DUPONT Marie", "Monsieur Jean Dupont", "Mme DUPONT": the civility makes it a person.
P_CIVILITY_NAME = re.compile(
    rf"\b{RE_CIVILITY}\s+(?P<name>(?:{RE_FIRST}[ \t]+)?{RE_SURNAME_UP}(?:[ \t]+{RE_FIRST})?|{RE_FIRST}[ \t]+{RE_SURNAME_CAP}|{RE_SURNAME_CAP})(?![{LOW}])"
)
# "la famille Martin", "les consorts DURAND", "succession Lefèvre", "indivision Roux", "veuve Morel"
P_FAMILY = re.compile(
    rf"\b(?i:famille|[ée]poux|[ée]pouse|veuve|consorts|h[ée]ritiers|indivision|succession)\s+(?P<name>{RE_SURNAME_UP}|{RE_SURNAME_CAP})(?![{LOW}{UP}])",
)
# "DUPONT Jean" in lists (attendance, beneficiaries) without a civility.
P_SURNAME_FIRST = re.compile(rf"\b(?P<name>[{UP}][{UP}'’\-]{{2,}}(?:\s[{UP}][{UP}'’\-]{{2,}})?\s+{RE_FIRST})\b")
# "Jean DUPONT" without a civility.
P_FIRST_SURNAME = re.compile(rf"\b(?P<name>{RE_FIRST}\s+[{UP}][{UP}'’\-]{{2,}}(?:\s[{UP}][{UP}'’\-]{{2,}})?)(?![{LOW}])")

RE_STREET = (
    r"(?:rue|avenue|av\.|boulevard|bd|chemin|impasse|place|all[ée]e|route|quai|cours|square|lotissement|"
    r"r[ée]sidence|hameau|lieu-dit|voie|passage|sentier|faubourg|mont[ée]e|cit[ée]|villa|clos)"
)
# "12 rue des Lilas", "3 bis, avenue Jean Jaurès 75011 Paris", "lieu-dit Les Vernes"
P_ADDRESS = re.compile(
    rf"\b(?:\d{{1,4}}(?:\s?(?:bis|ter|quater|[A-D]))?,?\s+{RE_STREET}|lieu-dit)\s+[^\n,;:()]{{2,60}}?"
    rf"(?=\s*(?:[,;:()\n]|\.\s|\.$|$|\s\d{{5}}\b|\s(?:à|a|et|pour|au|en|sur)\s))"
    rf"(?:,?\s*\d{{5}}\s+[{UP}][\w\-’' ]{{1,40}}?(?=[\s,.;\n]|$))?",
    re.IGNORECASE,
)
P_POSTCODE_CITY = re.compile(rf"\b\d{{5}}\s+[{UP}][{UP}{LOW}\-’' ]{{1,40}}")
P_BIRTH = re.compile(r"\b(?:n[ée]e?|n[ée]\(e\))\s+le\s+(?P<date>[^\n,;]{6,40}?)(?=\s+(?:à|a)\s|[,;\n]|$)|date\s+de\s+naissance\s*:?\s*(?P<date2>[0-3]?\d[/.][01]?\d[/.]\d{2,4})", re.I)
P_PHONE = re.compile(r"(?<!\d)(?:\+33\s?\(?0?\)?\s?|0)[1-9](?:[\s.\-]?\d{2}){4}(?!\d)")
P_EMAIL = re.compile(r"\b[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+\b")
P_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){3,7}(?:\s?[A-Z0-9]{1,4})?\b")
P_PARCEL = re.compile(
    r"\bparcelles?\s+(?:cadastr[ée]es?\s+)?(?:section\s+)?[A-Z]{1,2}\s*(?:n[°o]\s*)?\d{1,5}(?:\s*(?:,|et)\s*(?:[A-Z]{1,2}\s*)?(?:n[°o]\s*)?\d{1,5})*",
    re.I,
)
GENERIC_MAILBOXES = re.compile(r"^(?:contact|mairie|accueil|secretariat|info|courrier|dgs|urbanisme|marches|communication|cabinet|prefecture|pref)\b", re.I)

# Words in capitals that are not surnames (headings of acts).
NOT_NAMES = frozenset(
    """CONSEIL MUNICIPAL COMMUNAUTAIRE COMMUNE VILLE MAIRIE DEPARTEMENT DÉPARTEMENT REGION RÉGION OBJET ARTICLE
    ARRETE ARRÊTE ARRÊTÉ ARRETÉ DELIBERATION DÉLIBÉRATION DECISION DÉCISION EXTRAIT REGISTRE SEANCE SÉANCE PRESENTS
    PRÉSENTS ABSENTS EXCUSES EXCUSÉS POUVOIRS VU CONSIDERANT CONSIDÉRANT DECIDE DÉCIDE REPUBLIQUE RÉPUBLIQUE FRANCAISE
    FRANÇAISE PREFECTURE PRÉFECTURE MAIRE PRESIDENT PRÉSIDENT SECRETAIRE SECRÉTAIRE ADOPTE ADOPTÉ UNANIMITE UNANIMITÉ
    POUR CONTRE ABSTENTION ABSTENTIONS BUDGET ANNEXE ORDRE JOUR COMMUNAUTE COMMUNAUTÉ AGGLOMERATION AGGLOMÉRATION
    SYNDICAT CCAS PLU SCOT EPCI SIVOM SIVU DGS CGCT TTC HT EUR TVA RAPPORT PROJET CONVENTION AVENANT MARCHE MARCHÉ
    NOTE SYNTHESE SYNTHÈSE PROCES VERBAL PROCÈS ENVOYE ENVOYÉ RECU REÇU AFFICHE AFFICHÉ PUBLIE PUBLIÉ ID LE LA LES DE DU DES
    ET AU AUX EN SUR SAINT SAINTE RUE AVENUE PLACE CHEMIN ROUTE BOULEVARD FINANCES LOCALES URBANISME
    DÉPARTEMENTAL DEPARTEMENTAL DÉPARTEMENTALE RÉGIONAL REGIONAL GÉNÉRAL GENERAL MUNICIPALE COMMUNES CONSEILLERS
    ÉTAT ETAT FRANCE DIRECTION SERVICE SERVICES ASSEMBLÉE ASSEMBLEE BUREAU COMMISSION PERMANENTE TITRE CHAPITRE
    ANNEXES PIÈCES PIECES AVIS DEMANDE MONSIEUR MADAME AFFAIRE EXPOSE EXPOSÉ MOTIFS VOTE VOTES TOTAL ADOPTÉE ADOPTEE""".split()
)
