"""Personal data as acts write it: civilities and names, postal addresses, birth dates, phones,
e-mails, IBAN, cadastral parcels. ``P_`` compiled patterns only; decisions live in detect.py."""

from __future__ import annotations

import re

UP = r"A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸ"
LOW = r"a-zàâäçéèêëîïôöùûüÿœ"
# Between the words of a name: any spacing a PDF or an OCR gives (spaces, tabs, no-break
# spaces, one line break), never a blank line. "M. Jean\u00a0DUPONT", "M. Jean\nDUPONT".
RE_SP = r"(?:[^\S\n]+(?:\n[^\S\n]*)?|\n[^\S\n]*)"
RE_IN = r"(?:-|[^\S\n]+)"  # inside a surname: "MARTIN-DURAND", "LE GALL"
# A name never runs into the next person's civility: "M. JEAN DUPONT MME MARIE DURAND".
RE_NOT_CIVILITY = (
    r"(?!(?i:monsieur|madame|mademoiselle|messieurs|mesdames|ma[îi]tre|docteur|m|mm|mr|mme|mmes|mlle|me|dr)\b)"
)
# Jean, Marie-Claire, and initials: "J.", "J.-P."
RE_FIRST = rf"{RE_NOT_CIVILITY}(?:[{UP}][{LOW}]+(?:-[{UP}][{LOW}]+)?|[{UP}]\.(?:-?[{UP}]\.)?)"
RE_FIRST_WORD = rf"{RE_NOT_CIVILITY}[{UP}][{LOW}]+(?:-[{UP}][{LOW}]+)?"  # a first name written out (no initial)
RE_PARTICLES_UP = r"(?:(?:DE|DU|DES|LE|LA|D['’]|MAC|VAN|VON|DER)[^\S\n]?){0,2}"
# A word that starts another mention, never the next part of a surname in capitals:
# "LES CONSORTS D'ARVILLERS LES CONSORTS VAN DER BROCK" holds two families.
RE_NOT_KIN = r"(?!(?i:les|et|famille|[ée]poux|[ée]pouse|veuve|consorts|h[ée]ritiers|indivision|succession)\b)"
# DUPONT, LE GALL, MARTIN-DURAND, DE LA VILLARDIÈRE, N'DIAYE, VAN DER BROCK
RE_SURNAME_UP = rf"(?:(?:DE|DU|DES|LE|LA|D['’]|MAC|VAN|VON|DER)[^\S\n]?){{0,2}}[{UP}][{UP}'’\-]*[{UP}](?:{RE_IN}{RE_NOT_CIVILITY}{RE_NOT_KIN}[{UP}][{UP}'’\-]*[{UP}]){{0,3}}"
# After a civility the words of a name in capitals may be cut by a line break: "M. JEAN\nDUPONT".
RE_SURNAME_UP_SP = rf"(?:(?:DE|DU|DES|LE|LA|D['’]|MAC|VAN|VON|DER)[^\S\n]?){{0,2}}[{UP}][{UP}'’\-]*[{UP}](?:(?:-|{RE_SP}){RE_NOT_CIVILITY}{RE_NOT_KIN}[{UP}][{UP}'’\-]*[{UP}]){{0,3}}"
# Dupont, de Villiers, de la Villardière, Le Goasdoué, N'Diaye, D'Arvillers, Mortagnac-Delis
RE_SURNAME_CAP = (
    rf"(?:(?:de|du|des|le|la|van|von|der|d['’])[^\S\n]?){{0,2}}(?:(?:Le|La|De|Du|Des|Van|Von|Der|Den|Da|Di|Del|El|Ben|Mac)[^\S\n]){{0,2}}"
    rf"(?:[A-Z]['’])?[{UP}][{LOW}]+(?:-[{UP}][{LOW}]+)?"
)
# Case-insensitive when written out ("MONSIEUR", "MADAME" in capitals), exact when abbreviated.
RE_CIVILITY = r"(?:(?i:Monsieur|Madame|Mademoiselle|Messieurs|Mesdames|Ma[îi]tre|Docteur)|M\.|MM\.|Mr\.?|MR\.?|Mme|MME|Mmes|MMES|Mlle|MLLE|Me|Dr)"

# "M. Jean DUPONT", "Mme DUPONT Marie", "Monsieur Jean Dupont", "Mme DUPONT", "M. J. DUPONT": the civility makes it a person.
# An abbreviated civility may touch the name: "en présence M.AUDRAIN".
P_CIVILITY_NAME = re.compile(
    rf"\b{RE_CIVILITY}(?:{RE_SP}|(?<=\.)(?=[{UP}]))(?P<name>(?:{RE_FIRST}{RE_SP})?{RE_SURNAME_UP_SP}(?:{RE_SP}{RE_FIRST_WORD})?"
    rf"|{RE_FIRST}{RE_SP}{RE_SURNAME_CAP}|{RE_SURNAME_CAP})(?![{LOW}])"
)
# A plural civility names each of a list: "Mesdames PEDRANT, PERNOT et Monsieur …", "MM. DURAND et MARTIN".
P_PLURAL_CIVILITY_LIST = re.compile(
    rf"\b(?:(?i:Mesdames|Messieurs)|MM\.|Mmes|MMES){RE_SP}(?P<list>{RE_SURNAME_UP}(?:[^\S\n]*(?:,|et)[^\S\n]*{RE_SURNAME_UP})+)"
)
P_LIST_ITEM = re.compile(rf"{RE_SURNAME_UP}")
# "la famille Martin", "les consorts DURAND", "succession Lefèvre", "indivision Roux", "veuve Morel",
# a birth name: "née Morel"
P_FAMILY = re.compile(
    rf"\b(?i:famille|[ée]poux|[ée]pouse|veuve|consorts|h[ée]ritiers|indivision|succession|n[ée]e){RE_SP}(?P<name>{RE_SURNAME_UP}|{RE_SURNAME_CAP})(?![{LOW}{UP}])",
)
# A married name before the birth name: "Martin née Morel", "DUPONT épouse MOREL" (a flattened
# table may have cut the given names away: the surname before "née" is the person's all the same).
P_MARRIED_NAME = re.compile(
    rf"(?<![\w'’\-])(?P<name>{RE_NOT_CIVILITY}(?:{RE_SURNAME_UP}|[{UP}][{LOW}]+(?:-[{UP}][{LOW}]+)?)[^\S\n]+"
    rf"(?i:n[ée]e|[ée]pouse)[^\S\n]+(?:{RE_SURNAME_UP}|{RE_SURNAME_CAP}))(?![{LOW}{UP}])"
)
# A person described by an age is a private one: "Nadège, âgée de 47 ans", "Paul MARTIN, âgé de 8 ans".
P_AGED_NAME = re.compile(
    rf"(?<![\w'’\-])(?P<name>{RE_FIRST_WORD}(?:{RE_SP}(?:{RE_SURNAME_UP}|{RE_SURNAME_CAP}))?)[^\S\n]*,[^\S\n]*"
    rf"(?i:[âa]g[ée]e?s?)[^\S\n]+de[^\S\n]+\d{{1,3}}[^\S\n]+ans\b"
)
# "DUPONT Jean" in lists (attendance, beneficiaries) without a civility.
P_SURNAME_FIRST = re.compile(
    rf"\b(?P<name>{RE_NOT_CIVILITY}[{UP}][{UP}'’\-]{{2,}}(?:{RE_IN}{RE_NOT_CIVILITY}[{UP}][{UP}'’\-]{{2,}}){{0,2}}{RE_SP}{RE_FIRST_WORD})\b"
)
# "Jean DUPONT", "J. DUPONT" without a civility.
P_FIRST_SURNAME = re.compile(
    rf"\b(?P<name>{RE_FIRST}{RE_SP}{RE_PARTICLES_UP}[{UP}][{UP}'’\-]{{2,}}(?:{RE_IN}{RE_NOT_CIVILITY}[{UP}][{UP}'’\-]{{2,}}){{0,2}})(?![{LOW}])"
)

RE_STREET = (
    r"(?:rue|avenue|av\.|boulevard|bd|chemin|impasse|place|all[ée]e|route|quai|cours|square|lotissement|"
    r"r[ée]sidence|hameau|lieu-dit|voie|passage|sentier|faubourg|mont[ée]e|cit[ée]|villa|clos)"
)
# "12 rue des Lilas", "3 bis, avenue Jean Jaurès 75011 Paris", "lieu-dit Les Vernes"
# The name of a street: capitalised words (or numbers: "rue du 8 Mai 1945") linked by particles,
# never the next sentence of a flattened text ("4 rue des Lilas Vu la délibération…").
RE_LINK = r"(?:de|du|des|la|le|les|aux?|à|sur|sous|l['’]|d['’])"
RE_NAME_WORD = rf"{RE_NOT_CIVILITY}(?!(?i:vu|vus|consid[ée]rant|article|objet|décide|arrête|délibère|lieu-dit|lieudit|domicili[ée]e?s?|demeurant|sis|n[ée]e?)\b)(?!\d{{1,4}}(?:[^\S\n]?(?i:bis|ter|quater|[A-D]))?,?\s+(?i:{RE_STREET})\b)[{UP}0-9][\w'’\-.]*"
RE_STREET_NAME = (
    rf"(?:(?:(?i:{RE_LINK})[^\S\n]*)*{RE_NAME_WORD}(?:[^\S\n]+(?:(?i:{RE_LINK})[^\S\n]*)*{RE_NAME_WORD}){{0,5}}"
    # or one word in lower case after a link: "47 place de l'église", "73 allée des chênes"
    rf"|(?:(?i:{RE_LINK})[^\S\n]*)+[{LOW}][{LOW}'’\-]{{2,}})"
)
# "12 rue des Lilas", "3 bis, avenue Jean Jaurès 75011 Paris", "lieu-dit Les Vernes", "4 RUE DES LILAS",
# "12-14 rue des Lilas" (a range of house numbers is one address)
P_ADDRESS = re.compile(
    rf"\b(?:(?:\d{{1,4}}[^\S\n]?[-–][^\S\n]?)?\d{{1,4}}(?:[^\S\n]?(?i:bis|ter|quater|[A-D]))?,?\s+(?i:{RE_STREET})|(?i:lieu-dit|lieudit))[^\S\n]+{RE_STREET_NAME}"
    rf"(?:,?[^\S\n]*\d{{5}}[^\S\n]+{RE_NAME_WORD}(?:[^\S\n]+{RE_NAME_WORD}){{0,2}})?"
)
P_POSTCODE_CITY = re.compile(rf"\b\d{{5}}\s+[{UP}][{UP}{LOW}\-’' ]{{1,40}}")
RE_MONTH = r"(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre)"
RE_DATE = rf"(?:(?:[0-3]?\d|1er)\s+{RE_MONTH}\s+\d{{4}}|[0-3]?\d[/.\-][01]?\d[/.\-]\d{{2,4}})"
# "né le 3 mars 1962", "née le 03/04/1975", "date de naissance : 12/05/1980"; a date written out
# in words ("né le premier mars mil neuf cent…") up to the place or the punctuation after it.
P_BIRTH = re.compile(
    rf"\b(?:n[ée]e?s?|n[ée]\(e\))\s+le\s+(?:(?P<date>{RE_DATE})|(?P<date3>[^\n,;]{{6,40}}?)(?=\s+(?:à|a)\s|[,;\n]|$))"
    rf"|date\s+de\s+naissance\s*:?\s*(?P<date2>{RE_DATE})",
    re.I,
)
# The parties of a sale as waivers of pre-emption write them: "(vente DURAND/MARTIN-LEROY)".
P_SALE_PARTIES = re.compile(r"\((?:vente|cession)[^\S\n]+(?P<parties>[^()\n/]{2,60}(?:/[^()\n/]{2,60})+)\)", re.I)
# A legal person, never a private one: "SARL MARINA", "SCI LES PINS", "Société X", "Commune de …".
P_LEGAL_PERSON = re.compile(
    r"^\s*(?:SARL|SCI|SAS|SASU|SA|EURL|SCP|SNC|GAEC|EARL|SEM|SPL|OPH|soci[ée]t[ée]|commune|ville|d[ée]partement|[ée]tat|association|entreprise)\b",
    re.I,
)
# The separators change once at most ("06.12.34 56 78", "01 46 12-96-05"; any whitespace is one
# kind, so a number wrapped across lines is read): "03 2023 15 32" is a date and a time, "05 23-13
# 23-14" a run of decision numbers.
_PHONE_SEPARATORS = (r"\s", r"\.", "-", "")
_PHONE_GROUPS = "|".join(
    "".join(rf"(?:{a}\d{{2}}){{{k}}}" + (rf"(?:{b}\d{{2}}){{{4 - k}}}" if k < 4 else ""))
    for a in _PHONE_SEPARATORS
    for k in range(1, 5)
    for b in (_PHONE_SEPARATORS if k < 4 else (a,))
    if a != b or k == 4
)
P_PHONE = re.compile(rf"(?<!\d)(?:\+33\s?\(?0?\)?\s?|0)[1-9](?:{_PHONE_GROUPS})(?!\d)")
P_EMAIL = re.compile(r"\b[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+\b")
P_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){3,7}(?:\s?[A-Z0-9]{1,4})?\b")
P_PARCEL = re.compile(
    r"\bparcelles?\s+(?:cadastr[ée]es?\s+)?(?:section\s+)?[A-Z]{1,2}\s*(?:n[°o]\s*)?\d{1,5}(?!\d)(?:\s*(?:,|et)\s*(?:[A-Z]{1,2}\s*)?(?:n[°o]\s*)?\d{1,5}(?!\d))*",
    re.I,
)
GENERIC_MAILBOXES = re.compile(
    r"^(?:contact|mairie|accueil|secretariat|info|courrier|dgs|urbanisme|marches|communication|cabinet|prefecture|pref)\b",
    re.I,
)

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
    ANNEXES PIÈCES PIECES AVIS DEMANDE MONSIEUR MADAME AFFAIRE EXPOSE EXPOSÉ MOTIFS VOTE VOTES TOTAL ADOPTÉE ADOPTEE
    PARCELLE PARCELLES CADASTRÉE CADASTRÉES CADASTREE CADASTRE SECTION LIEU-DIT NÉ NÉE NE NEE DOMICILIÉ DOMICILIÉE
    DOMICILIÉS DEMEURANT PROPRIÉTAIRE PROPRIETAIRE CONSORTS FAMILLE ÉPOUX EPOUX ET COMPTE RENDU INTÉGRAL INTEGRAL
    OUVERTURE CRÉDITS CREDITS TABLEAU EMPLOIS EFFECTIFS ASSURANCES RPA EHPAD EHPA MARPA FJT ESAT""".split()
)
