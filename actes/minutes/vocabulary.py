"""The words of attendance blocks: section labels and their status, what ends a block, proxy
connectors, arrival and departure notes, titles.

Each alternative was met in real minutes (comments say which form); none names an authority.
"""

from __future__ import annotations

import re

E = "[ée]"
# Section labels → the status of the names that follow. Longest first: "Absents excusés ayant
# donné pouvoir" must win over "Absents excusés", which must win over "Absents".
_REPRESENTED = (
    rf"(?:absents?|excus{E}s?|conseillers?)(?:\s+(?:absents?|excus{E}e?s?|non\s+pr{E}sents?))*\s*(?:/\s*excus{E}s?\s*)?"
    rf"(?:ayant\s+donn{E}\s+(?:pouvoir|procuration|mandat)|donnant\s+(?:pouvoir|procuration)|avec\s+(?:pouvoirs?|procurations?)"
    rf"|{E}tant\s+repr{E}sent{E}e?s?|repr{E}sent{E}e?s?|ayant\s+donn{E}\s+(?:un\s+)?pouvoir)"
    rf"|(?:avaient|ont)\s+donn{E}\s+(?:pouvoir|procuration)s?|{E}taient\s+repr{E}sent{E}e?s"
    rf"|pouvoirs?|procurations?|repr{E}sent{E}e?s|mandats?"
)
_EXCUSED = (
    rf"(?:{E}taient\s+|sont\s+)?(?:absents?\s*(?:/|et)?\s*)?excus{E}e?s?(?:\s+sans\s+(?:pouvoirs?|procurations?))?"
    rf"|absents?\s+excus{E}e?s?"
)
_ABSENT = rf"(?:{E}taient\s+|sont\s+)?absente?s?(?:\s+non\s+(?:excus{E}e?s?|repr{E}sent{E}e?s?))?"
_PRESENT = (
    rf"(?:{E}taient|sont)\s+pr{E}sente?s?|liste\s+des\s+pr{E}sents|(?:membres|conseillers|d{E}l{E}gu{E}s)"
    rf"(?:\s+(?:municipaux|communautaires|titulaires))?\s+pr{E}sents(?:\s+avec\s+voix\s+d{E}lib{E}rative)?"
    rf"|pr{E}sente?s?(?:\s+titulaires(?:\s*/\s*suppl{E}ants)?|\s+en\s+s{E}ance)?"
    rf"|assistaient\s+(?:à|a)\s+la\s+(?:r{E}union|s{E}ance)"  # "Assistaient à la réunion : …"
    rf"|mesdames\s+et\s+messieurs\s+les\s+(?:conseillers|d{E}l{E}gu{E}s)(?:\s+(?:municipaux|communautaires))?"
    rf"|\d+\s+(?:membres|conseillers|{E}lus)[^.:;\d]{{0,40}}?(?:{E}taient\s+)?pr{E}sents"
)
LABELS: list[tuple[str, str]] = [("represented", _REPRESENTED), ("excused", _EXCUSED), ("absent", _ABSENT), ("present", _PRESENT)]
# A label starts a word and ends with a colon, a count or the first name: "Présents : M. …",
# "Conseillers présents : 15 ARNAL Michel", "Absents excusés M. Daniel AUGUSTE", "Présents\nJean".
P_LABEL = re.compile(
    r"(?<![\w'’])(?:" + "|".join(f"(?P<{status}>{pattern})" for status, pattern in LABELS) + r")"
    r"(?P<tail>\s*\(?s?\)?\s*[:;.]?\s*(?:\d{1,3}\b\s*[:.]?)?\s*)(?-i:(?=[A-ZÀ-Ý(]|$))",
    re.I,
)
# Counts, not lists: "Nombre de conseillers présents : 32", "dont 26 présents", "Présents : 23 Votants"
P_COUNT_BEFORE = re.compile(rf"(?:nombre\s+(?:de\s+|d['’])[\w\s]{{0,40}}|dont\s*\d*\s*|des\s+membres\s*|(?<![\d/.])\d{1,3}\s*)$", re.I)

# What closes an attendance block in flattened text.
P_STOP = re.compile(
    rf"secr{E}taires?\b|assist(?:ai|e)(?:en)?t|{E}galement\s+pr{E}sent|ordre\s+du\s+jour|nombre\s+(?:de|d['’])|date\s+d"
    rf"|le\s+quorum|quorum\b|formant\s+la|en\s+exercice|aff{E}rents|votants|v{E}rification|d{E}signation|il\s+a\s+{E}t{E}"
    rf"|d{E}lib{E}ration\s+n|objet\s*:|le\s+conseil|les\s+(?:conseillers|membres)|conform{E}ment|l['’]an\s|ouverture|d{E}but\s+de"
    rf"|approbation|rapporteur|pr{E}cision|(?:monsieur|madame)\s+(?:le|la)\s+(?:maire|pr{E}sident)|(?:le|la)\s+(?:maire|pr{E}sidente?)\b"
    rf"|lecture(?=\s+du\s+proc|$)|proc{E}s[-\s]?verbal\s+de\s+la\s+s{E}ance"  # the first point: the previous minutes
    rf"|s{E}ance\s+(?:est\s+)?ouverte|suffrages|exprim{E}s|envoy{E}\s+en|re[çc]u\s+en|publi{E}\s+le|accus{E}|ID\s*:",
    re.I,
)

# Giver → holder: "donne pouvoir à", "a donné procuration à", "pouvoir à", "représenté par sa suppléante"
P_CONNECTOR = re.compile(
    rf"(?:qui\s+)?(?:(?:a|avait|ayant)\s+)?(?:donn{E}e?|donne|donnant)?\s*(?:(?:son|un)\s+)?(?:pouvoir|procuration|mandat|d{E}l{E}gation)(?:\s+donn{E}e?)?\s+(?:[àa]|au|aux|en\s+faveur\s+de)\b"
    rf"|repr{E}sent{E}e?\s+par(?P<substitute>\s+(?:son|sa)\s+suppl{E}ante?)?",
    re.I,
)
# In a proxies section the bare preposition is enough: "Claudie X à Michel Y", "M. X par M. Y", dotted leaders.
P_BARE_CONNECTOR = re.compile(r"(?:[àaÀ]|par)\b(?!\s+(?:partir|compter|la\s+d|l['’]|\d))", re.I)
# "(Procuration de X)", "porteur du pouvoir de X", "(suppléant de X)": this member holds X's proxy.
P_HOLDS = re.compile(
    rf"^(?:procuration|pouvoir|mandat|porteur\s+(?:du|de\s+la)\s+(?:pouvoir|procuration))\s+(?:de|d['’])\s*"
    rf"|^(?P<substitute>suppl{E}ante?\s+(?:de|d['’])\s*)",
    re.I,
)
P_NO_PROXY = re.compile(r"(?:pas|sans)\s+(?:de\s+)?(?:pouvoir|procuration)", re.I)
# Arrival and departure notes: "arrivé à 19h40", "départ à 16h30 …", "à partir du point 7", "jusqu'à la DB-2023-018",
# "(n°1 à n°2)", "jusque 00h00", "à compter de la délibération n°3", "aux points 3, 4"
P_NOTE_START = re.compile(
    rf"(?:arriv{E}e?s?|d{E}part|partie?|sortie?|quitt{E}e?|a\s+quitt{E}|quitte|retour|pr{E}sente?\s+(?:à|jusqu|de|pour)"
    rf"|absente?\s+(?:à|au|aux|pour|de|jusqu)|à\s+partir|à\s+compter|jusqu['’]?|jusque|aux?\s+points?|du\s+point|pour\s+les?\s+points?"
    rf"|(?:du\s+|de\s+la\s+)?n°\s*\d)",
    re.I,
)
P_NOTE_PAREN = re.compile(rf"\d|h\d|point|d{E}lib|arriv|d{E}part|jusqu|partir|compter|quitt|s{E}ance|dossier|vote", re.I)
# Titles printed with a name: "Maire", "Première Adjointe", "adjoints au Maire", "Conseillers Municipaux Délégués"
P_ROLE = re.compile(
    r"(?:(?:premi[eè]re?|deuxi[eè]me|troisi[eè]me|quatri[eè]me|cinqui[eè]me|sixi[eè]me|septi[eè]me|huiti[eè]me|\d+(?:er|ère|e|ème|eme))\s+)?"
    r"(?:maires?[\s-]+adjointe?s?|adjointe?s?|maire|pr[ée]sidente?|vice[\s-]pr[ée]sidente?s?|conseill[eè]re?s?|d[ée]l[ée]gu[ée]e?s?"
    r"|titulaires?|suppl[ée]ante?s?|membres?\s+suppl[ée]ants?|questeur|rapporteur)"
    r"(?:\s+(?:au\s+maire|aux?\s+\w+|municipa\w+|communautaires?|d[ée]l[ée]gu[ée]e?s?|titulaires?|suppl[ée]ante?s?|d[ée]partementa\w+|r[ée]giona\w+))*"
    r"(?:\s+(?:de|du|des|d['’])\s*(?:la\s+|l['’])?[^\s,;()]+)?",
    re.I,
)
