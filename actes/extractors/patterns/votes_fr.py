"""Vote and attendance vocabulary of French registers, as named regex pieces.

Whitespace is matched with ``\\s`` everywhere: many texts arrive flattened to one line.
"""

from __future__ import annotations

import re

from actes.extractors.patterns.scan import scanned

WORD_COUNTS = {
    "une": 1, "un": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "zéro": 0, "zero": 0, "aucun": 0, "aucune": 0,
}
# "/" and "néant" in a count cell mean none; "O" is an OCR'd zero ("abstentions : O")
RE_COUNT = r"(?:\d{1,3}(?!\d)|/|n[ée]ant\b|aucune?\b|z[ée]ro\b|O(?![\w]))"
RE_WORD_COUNT = r"(?:\d{1,3}(?!\d)|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix)"
# separator between a label and its number: "Présents : 23", "présents ; 27" (OCR), dotted leaders "…. 55"
RE_SEP = r"\s*(?:[:;=]|\.{2,}|…+)?\s*(?:[.…]+\s*)?"


def to_count(raw: str) -> int | None:
    raw = raw.strip().lower()
    if raw.isdigit():
        return int(raw)
    if raw in {"/", "néant", "neant", "o"}:
        return 0
    return WORD_COUNTS.get(raw)


# a count is not the day of a date: "Nombre de votants 7 FEVRIER 2020" (a flattened table)
RE_NOT_DATE = r"(?!\s*(?:janv|f[ée]v|mars|avr|mai|juin|juil|ao[uû]t|sept|oct|nov|d[ée]c)|\s*[/.]\s*\d|\s*h\s*\d|\s*heures)"


def _labelled(label: str) -> re.Pattern:
    """Attendance: a label then digits (an "O" there is more often a name's initial than a zero)."""
    return scanned(re.compile(rf"{label}{RE_SEP}(?P<n>\d{{1,3}}(?!\d)){RE_NOT_DATE}", re.I))


# (field, pattern): a label then its number
P_LABELLED: list[tuple[str, re.Pattern]] = [
    ("en_exercice", _labelled(r"\ben\s+exercice")),
    # "membres en exercice qui sont au nombre de 33"
    ("en_exercice", re.compile(r"en\s+exercice,?\s+(?:qui\s+sont\s+)?au\s+nombre\s+de\s+(?P<n>\d{1,3})\b", re.I)),
    # "Présents : 26", "Nombre de conseillers présents ; 27"; not "présents titulaires : 50"
    ("presents", _labelled(r"\bpr[ée]sent(?:e?s|\(e\)s|s\(es\))")),
    # "Procurations : 7", "Pouvoirs : 6", "Ont donné procuration : 09"; not "Absents non représentés : 02"
    ("representes", _labelled(r"\b(?:procurations?|pouvoirs?|(?<!non\s)repr[ée]sent[ée]s|ont\s+donn[ée]\s+(?:procuration|pouvoir))(?:\s*\(s\))?")),
    ("votants", _labelled(r"\b(?:votants|ayant\s+pris\s+part\s+au\s+vote)")),
    # "sur 34 VOTANTS" (decisions)
    ("votants", re.compile(r"\bsur\s+(?P<n>\d{1,3})\s+votants\b", re.I)),
    # "- pour : 62", "vote pour : 28", "Votes POUR = 12"
    ("pour", re.compile(rf"\b(?:votes?\s+|voix\s+)?pour\s*[:=]\s*(?P<n>{RE_COUNT})", re.I)),
    ("contre", re.compile(rf"\b(?:votes?\s+|voix\s+)?contre\s*[:=]\s*(?P<n>{RE_COUNT})", re.I)),
    ("abstentions", re.compile(rf"\babstentions?(?:\s*\(s\))?\s*[:=]\s*(?P<n>{RE_COUNT})", re.I)),
]
P_LABELLED = [(field, scanned(pattern)) for field, pattern in P_LABELLED]

# Counts inside sentences: "par 34 voix POUR, 0 voix CONTRE, 0 ABSTENTION(S)", "38 voix pour et une
# abstention", "Vote : 14 pour / 0 contre / 0 abstention"
P_RESULT_SENTENCES: list[tuple[str, re.Pattern]] = [
    ("pour", re.compile(rf"(?<![\w,.:=])(?<![:=]\s)(?P<n>{RE_WORD_COUNT})\s+(?:voix|votes?|suffrages)\s+(?:pour|favorables?)\b", re.I)),
    ("pour", re.compile(r"(?<![\w,.:=])(?<![:=]\s)(?P<n>\d{1,3})\s+pour\s*(?:[/,;]|et\b|-\s*\d)", re.I)),
    ("contre", re.compile(rf"(?<![\w,.:=])(?<![:=]\s)(?P<n>{RE_WORD_COUNT})\s+(?:voix|votes?)\s+contre\b", re.I)),
    ("contre", re.compile(r"(?<![\w,.:=])(?<![:=]\s)(?P<n>\d{1,3})\s+contre\s*(?:[/,;]|et\b|-\s*\d)", re.I)),
    ("abstentions", re.compile(rf"(?<![\w,.:=])(?<![:=]\s)(?P<n>{RE_WORD_COUNT})\s+abstentions?\b", re.I)),
]
P_RESULT_SENTENCES = [(field, scanned(pattern)) for field, pattern in P_RESULT_SENTENCES]

# Flattened tables: the headers, then as many numbers (vote grids)
RE_HEADER = (
    r"(?:en\s+exercice|afférents|pr[ée]sents|absents|repr[ée]sent[ée]s|procurations?|pouvoirs|votants|"
    r"quorum|suffrages\s+exprim[ée]s|exprim[ée]s|pour|contre|abstentions?)"
)
P_TABLE = scanned(re.compile(
    rf"\b(?P<headers>{RE_HEADER}(?:[\s:|,/\-]+(?:nombre\s+de\s+(?:conseillers\s+|membres\s+)?)?{RE_HEADER}){{1,9}})"
    rf"[\s:|]+(?P<numbers>(?:\d{{1,3}}|/)(?:[\s|]+(?:\d{{1,3}}|/)(?![\d/])){{1,9}})(?![\w/])",
    re.I,
))
P_HEADER = re.compile(RE_HEADER, re.I)
HEADER_FIELDS = [
    ("en_exercice", r"en\s+exercice"), ("presents", r"pr[ée]sents"), ("representes", r"repr|procur|pouvoir"),
    ("votants", r"votants"), ("pour", r"pour"), ("contre", r"contre"), ("abstentions", r"abstention"),
]


def table_headers(headers: str) -> list[str]:
    """Field of each header of a flattened table, "ignore" for columns we do not keep."""
    fields = []
    for match in P_HEADER.finditer(headers):
        word = match[0].lower()
        fields.append(next((f for f, p in HEADER_FIELDS if re.match(p, word)), "ignore"))
    return fields


P_DONT = scanned(re.compile(
    r"\bdont\s+(?P<p>\d{1,3})\s+(?:membres\s+|conseillers\s+)?pr[ée]sents?\s+et\s+(?P<r>\d{1,3})\s+"
    r"(?:procurations?|pouvoirs?|repr[ée]sent[ée]s?)",
    re.I,
))

# "à l'unanimité", "à l’unanimité des suffrages exprimés", "à l'unanimité des membres présents"
P_UNANIMITY = scanned(re.compile(
    r"(?:\b[àa]\s+l['’]\s?unanimit[ée]|\bunanimement\b|\bvotes?\s*:\s*unanimit[ée])"
    r"(?:\s+des\s+(?:(?P<exprimes>(?:suffrages|votes|voix)\s+exprim[ée]s)"
    r"|(?P<members>(?:(?:membres|conseillers|d[ée]l[ée]gu[ée]s)(?:\s+\w+)?\s+)?(?:pr[ée]sents|votants)"
    r"(?:\s+et\s+repr[ée]sent[ée]s)?)))?",
    re.I,
))
P_MAJORITY = scanned(re.compile(r"\b[àa]\s+la\s+majorit[ée]\b(?!\s+des\s+membres\s+en\s+exercice)", re.I))
P_NO_VOTE = scanned(re.compile(r"\b(?:prend|prennent|donne|pris|prenons)\s+acte\b", re.I))

# A vote that is not the council's decision on this act: a committee's opinion quoted in the
# recitals (Vélizy: "VU les avis favorables, à l'unanimité, rendus par les commissions"), the
# designation of the session secretary, the approval of the previous minutes.
P_OTHER_BEFORE = re.compile(
    # the deciding bodies themselves are not "others": commission permanente, comité syndical, bureau communautaire
    r"(?:commissions?(?!\s+permanente)|bureau(?!\s+(?:communautaire|syndical|municipal))|comit[ée](?!\s+syndical)|avis"
    r"|secr[ée]taire|proc[èe]s[\s-]verbal|compte[\s-]rendu|ordre\s+du\s+jour)"
    r"(?![\s\S]*\b(?:conseil|assembl[ée]e|d[ée]lib[ée]r[ée]|comit[ée]\s+syndical)\b)",
    re.I,
)
P_OTHER_AFTER = re.compile(
    r"^[\s,]*(?:(?:rendus?|[ée]mis|exprim[ée]s?|donn[ée]s?)\s+par|de\s+la\s+commission|des\s+commissions|"
    r"pour\s+remplir|comme\s+secr[ée]taire|secr[ée]taire)",
    re.I,
)
P_CLAUSE_START = re.compile(r"(?:[.;]\s|\bVU\b|\bCONSID[ÉE]RANT\b|D[ÉE]LIB[ÉE]R[ÉE])", re.I)


def is_other_bodys_vote(text: str, start: int, end: int) -> bool:
    """True when the vote at ``start:end`` belongs to a committee, the secretary's designation
    or the approval of minutes, judged on its own clause."""
    before = text[max(0, start - 160) : start]
    cuts = list(P_CLAUSE_START.finditer(before))
    if cuts:
        before = before[cuts[-1].end() :]
    if P_OTHER_BEFORE.search(before):
        return True
    return bool(P_OTHER_AFTER.search(text[end : end + 60]))

# Documents that report many items: their votes belong to the items, not to the document
P_MULTI_ITEM = scanned(re.compile(
    r"proc[èe]s[\s-]verbal|compte[\s-]rendu|liste\s+des\s+d[ée]lib[ée]rations|relev[ée]\s+de[s]?\s+d[ée]cisions|"
    r"ordre\s+du\s+jour|d[ée]lib[ée]rations\s+d[ée]finitives|recueil\s+des\s+actes",
    re.I,
))
# ... unless the title names the minutes as the object of a numbered deliberation
# ("N°1 Compte rendu Procès-verbal de la séance du 31 mars 2023")
# ... nor an extract of the minutes: "EXTRAIT DU PROCÈS-VERBAL DES DÉLIBÉRATIONS" is one act
P_AS_OBJECT = re.compile(r"(?:n[°o]\s*\d|objet|approbation|approuv|adoption|extrait\s+d[ue]s?)", re.I)


def reports_many_items(head: str) -> bool:
    """True when the document's title says it is minutes, a list or a recueil."""
    for match in P_MULTI_ITEM.finditer(head):
        if not P_AS_OBJECT.search(head[max(0, match.start() - 40) : match.start()]):
            return True
    return False
