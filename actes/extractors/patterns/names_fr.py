"""Person names and official titles as French registers print them.

A name is "Prénom NOM" or "NOM Prénom" (registers use both), after an optional civility.
The surname is in capitals: that is what makes the rule precise (≥ 0.96 on the benchmark);
mixed-case names are left to the NLP step, and only inside a labelled context.
"""

from __future__ import annotations

import re

from actes.extractors.patterns.scan import scanned

UP = "A-ZÀÂÄÉÈÊËÎÏÔÖÙÛÜÇ"
LOW = "a-zàâäéèêëîïôöùûüçÿ"
CIVILITY = r"(?:M\.|MM\.|Mr\.?|Mme\.?|Mlle\.?|Monsieur|Madame|Mademoiselle|M(?=\s+[A-Z]))"
# particles that belong to the surname: "DEL POSO", "De LAGARDE", "DO AMARAL", "DE COMARMOND"
PARTICLE = r"(?:D[EUIAO]L?|DES|DOS|LE|LA|VAN|VON|De|Du|Del|Da|Di|Le|La|Van|Von|de|du|del|da|di|d['’]|D['’])"
NOT_NAME = r"(?!(?:Monsieur|Madame|Mademoiselle|Maire|Président|Présidente|Préfet|Le|La|Les|De|Du|Des|Pour|Par)\b)"
FIRST = rf"{NOT_NAME}[{UP}][{LOW}]+(?:-?[{UP}][{LOW}]+)?(?:-[{UP}][{LOW}]+)?"
SURNAME_WORD = rf"(?!(?:DE|DU|DES|LE|LA|LES|DA|DI|DO|DEL|ET|ID)\b)[{UP}][{UP}'’]+(?:-[{UP}][{UP}'’]+)*(?![{LOW}])"
SURNAME = rf"(?:{PARTICLE}\s?)?{SURNAME_WORD}(?:-{SURNAME_WORD})?"
PERSON = rf"(?<![\w-])(?:{CIVILITY}\s*)?(?:{FIRST}\s+{SURNAME}|{SURNAME}\s+{FIRST}(?![\w-]))"
P_PERSON = re.compile(PERSON)
# A name as it follows a label: the rule above, or mixed case after a civility ("M. Pascal Thévenot")
P_PERSON_AFTER_LABEL = re.compile(rf"(?P<person>{PERSON}|{CIVILITY}\s*{FIRST}\s+{FIRST}(?![\w-]))")

# Titles of whoever signs an act
TITLE = (
    r"(?:Maire|Pr[ée]sidente?|Pr[ée]f[èe]te?|Sous-Pr[ée]f[èe]te?|Vice-Pr[ée]sidente?|(?:Premi(?:er|[èe]re)\s+)?Adjointe?"
    r"|Maire-Adjointe?|Secr[ée]taire\s+g[ée]n[ée]rale?|Secr[ée]taire\s+de\s+s[ée]ance|Directeur|Directrice"
    r"|Conseill[eè]re?\s+d[ée]l[ée]gu[ée]e?)"
)
# "Pour le Maire, par délégation, L'Adjoint", "Pour le préfet absent, La secrétaire générale", "P/le Président"
P_QUALITE = scanned(re.compile(
    rf"(?P<qualite>(?:Pour|P/)\s*(?:le|la)\s+(?i:{TITLE})[^,\n]{{0,60}}?\s*,?\s*(?:et\s+)?par\s+d[ée]l[ée]gation\s*,?"
    rf"(?:\s*(?:Le|La|L['’])\s?(?i:{TITLE})\b)?"
    rf"|(?:Pour|P/)\s*(?:le|la)\s+(?i:{TITLE})(?:\s+absente?)?\s*,\s*(?:Le|La|L['’])\s?(?i:{TITLE})\b"
    rf"|(?:Par\s+d[ée]l[ée]gation(?:\s+du\s+(?i:{TITLE}))?\s*,?\s*)?(?:Le|La|L['’])\s?(?i:{TITLE})\b)",
))


def clean_person(raw: str) -> str:
    """Collapse whitespace and strip punctuation around a name."""
    return " ".join(raw.split()).strip(" ,.;:-")
