"""Who is public in an act: elected officials acting in their function and the signatory.

A name is official when the act's own fields name it (président, secrétaire de séance,
signataire), when it stands in the attendance block, or when a role sits right next to it
("M. Jean DUPONT, Maire", "l'adjointe Mme Marie DURAND"). Anything else is private.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from actes.privacy.patterns import (
    NOT_NAMES,
    P_CIVILITY_NAME,
    P_FIRST_SURNAME,
    P_SURNAME_FIRST,
    RE_FIRST_WORD,
    RE_SP,
    RE_SURNAME_CAP,
)
from actes.schemas.act import Act

# "adjoint technique", "adjoint administratif" are civil-service grades, not elected roles.
RE_GRADE = (
    r"(?!\s+(?:technique|administrati|d['’]animation|du\s+patrimoine|territoria|principal|de\s+\d|d['’]enseignement))"
)
# The president of what a common noun names is a legal person's, unless it names a public body:
# "président des boucles de …", "présidente du club" are none; "président du conseil", "président
# du SIVOM", "présidente de Grand Plateau Sud" are.
RE_NOT_PUBLIC_BODY = (
    r"(?!\s+(?:du|des|de\s+la|de\s+l['’]|de(?!\s+la\b|\s+l['’]))\s*(?!(?:conseil|communaut|syndicat|commission|bureau|comit[ée]|"
    r"ccas|cias|d[ée]partement|r[ée]gion|r[ée]publique|m[ée]tropole|agglom[ée]ration|s[ée]ance|jury|p[ôo]le|"
    r"pays|parc|groupement|[ée]tablissement|office|centre\s+(?:communal|intercommunal)|commune|ville|assembl[ée]e|"
    r"section|caisse|tribunal|chambre)\w*)(?-i:[a-zà-ÿ]))"
)
RE_ROLE = (
    rf"(?:maire|adjointe?s?{RE_GRADE}(?:\s+au\s+maire)?|(?:premi[eè]re?|deuxi[eè]me|\d+e?r?)\s+adjointe?|conseill[eè]re?s?"
    r"(?:\s+(?:municipa|communautaire|d[ée]partementa|r[ée]giona|d[ée]l[ée]gu)\w*)?|"
    rf"(?:vice-)?pr[ée]sidente?{RE_NOT_PUBLIC_BODY}|secr[ée]taire\s+de\s+s[ée]ance|"
    # substitutes sit in the séance's stead of a member: "Monsieur X, membre suppléant"
    r"(?:membres?\s+|d[ée]l[ée]gu[ée]e?s?\s+)?suppl[ée]ante?s?|d[ée]l[ée]gu[ée]e?s?\s+communautaires?|rapporteure?|"
    r"[ée]lue?s?\s+(?:municipa|communautaire)\w*|"
    # agents named with the function they act in: "secrétaire de mairie", "directrice générale des services"
    r"secr[ée]taire\s+(?:de\s+mairie|g[ée]n[ée]rale?)|directeur|directrice|DGS|DGA|responsable\s+(?:du|de\s+la|des|de\s+l['’])|"
    r"chef(?:fe)?\s+(?:du|de)\s+(?:service|p[ôo]le|projet)|tr[ée]sori[eè]re?|comptable\s+public|"
    # officers and the State's agents acting in their function: "le Colonel X", "le sous-préfet X"
    r"(?:lieutenant-)?colonel|(?:sous-)?pr[ée]f[eè]te?)"
    # a legal person's officer is none of the authority's: "le président du club", "la présidente de l'association"
    r"(?!\s+(?:du|de\s+la|de\s+l['’]|de|des)\s+(?:club|association|amicale|soci[ée]t[ée]|entreprise|comit[ée]\s+des\s+f[êe]tes)\b)"
)
# "…, Maire", "…, adjointe au maire", "… (conseiller municipal)", "… en qualité de conseillers municipaux"
P_ROLE_AFTER = re.compile(
    rf"^[ \t]*[,(\-–]?[ \t]*(?:en\s+(?:qualit[ée]|sa\s+qualit[ée]|tant\s+que)\s+(?:de\s+|d['’]|qu['’])?|"
    # "… sont installés dans leurs fonctions de conseillers municipaux"
    r"(?:(?:est|sont)\s+)?install[ée]e?s?\s+(?:dans\s+(?:ses|leurs)\s+fonctions\s+)?(?:de\s+|d['’]|en\s+qualit[ée]\s+de\s+)?)?"
    rf"(?:le\s+|la\s+|l['’]|les\s+)?{RE_ROLE}\b",
    re.I,
)
# Who speaks in the séance is a member of it (or an official called to speak): "M. DUPONT
# explique…", "Mme MARTIN demande pourquoi…" (a bare "demande" may be a private request).
P_SPEAKS_AFTER = re.compile(
    r"^[ \t]*(?:explique|pr[ée]cise|r[ée]pond|indique|souligne|rappelle|intervient|ajoute|constate|d[ée]clare|informe|"
    r"remercie|s['’]interroge|s['’][ée]tonne|regrette|estime|confirme|observe|corrobore|d[ée]sapprouve|fait\s+remarquer|"
    r"fait\s+part|demande\s+(?:si|pourquoi|comment|quand|combien|o[ùu]|quel\w*|ce\s+qu|s['’])|"
    # a remark or a question in the debate, not a request: "se demande", "souhaite savoir", "remarque que"
    r"se\s+demande|interroge|questionne|s['’]inqui[èe]te|souhaite\s+(?:savoir|conna[îi]tre|pr[ée]ciser|ajouter)|"
    r"(?:remarque|signale|rel[èe]ve|suppose|trouve|note|pense|consid[èe]re|rapporte|poursuit|conclut|reprend|"
    r"r[ée]torque|insiste|[ée]voque|soul[èe]ve)\s+(?:que|qu['’]|sur|alors|[àa]\s+nouveau))\b",
    re.I,
)
P_GIVEN_FLOOR_BEFORE = re.compile(
    r"(?:donne|passe|redonne|c[èe]de)\s+la\s+parole\s+(?:[àa]|au|aux)\s*(?:Monsieur|Madame|M\.|Mme)?\s*$", re.I
)
# What a letter says is no speech in the séance: "Par courrier du 3 mars, Monsieur X remarque que
# … sa propriété" names a petitioner, a private person.
P_BY_LETTER = re.compile(
    r"\bpar\s+(?:(?:un|une|son|sa|leur)\s+)?(?:courriers?|lettres?|courriels?|e-?mails?|m[ée]ls?|p[ée]titions?)\b"
    r"[^.\n]{0,60}$",
    re.I,
)


def speaks_in_session(text: str, start: int, end: int) -> bool:
    """Whether the mention speaks in the séance ("M. X explique…", "donne la parole à…"), not
    in a letter reported to it."""
    before = text[max(0, start - 40) : start]
    if P_GIVEN_FLOOR_BEFORE.search(before):
        return True
    return P_SPEAKS_AFTER.match(text[end : end + 40]) is not None and not P_BY_LETTER.search(
        text[max(0, start - 100) : start]
    )


# A vote tally names councillors: "contre : Jean DUPONT, Marie MARTIN", "3 abstentions (Jean DUPONT, …)".
P_VOTE_LIST = re.compile(r"(?:\bcontre\s*:|\babstentions?\s*[:(]|\bvotes?\s+contre\s*[:(]|\bpour\s*:)", re.I)
VOTE_LIST_CHARS = 160
# A tally's list ends with its sentence: a period, then a word in lower case after a capital ("Le
# conseil…"); not the period of an initial or of "M." (a lone capital before it).
P_SENTENCE_START = re.compile(
    r"(?<![\s.][A-Z])(?<!^[A-Z])\.\s+(?=[A-ZÀ-Ý][a-zà-ÿ]|(?:M|MM)\.\s|(?:Mmes?|Mlle|Monsieur|Madame)\b)"
)
# Nor does it run past a line's end, a ";" or a dash ("Pour : 15 ; Contre : 0 ; le conseil vend à X",
# "Abstentions : 0 - vente du terrain à X"), unless inside the brackets that hold the list.
P_TALLY_LIST_ENDS = re.compile(r"\n|;|[ \t][-–][ \t]")


def tally_list(chunk: str) -> str:
    """What of the text after a tally's label ("Contre :") lists voters: up to a closing bracket,
    the sentence's end, a line's end, a ";" or a dash outside the brackets."""
    chunk = chunk.split(")")[0]
    chunk = P_SENTENCE_START.split(chunk, maxsplit=1)[0]  # "Contre : 0. Le conseil vend à X"
    lead = len(chunk) - len(chunk.lstrip())
    for end in P_TALLY_LIST_ENDS.finditer(chunk, lead):
        if "(" not in chunk[: end.start()]:
            return chunk[: end.start()]
    return chunk


# "le Maire, M. …", "Madame la Présidente …", "sous la présidence de …", "secrétaire de séance : …"
P_ROLE_BEFORE = re.compile(
    rf"(?:{RE_ROLE}(?:\s+(?:de|du|des|d['’]|au|aux|à\s+la|charg[ée]e?\s+d\w*|d[ée]l[ée]gu[ée]e?\s+\w+)[^,\n]{{0,40}})?|pr[ée]sidence\s+de|pr[ée]sid[ée]e?\s+par|pouvoir\s+(?:[àa]|donn[ée]\s+[àa])|procuration\s+[àa])\s*[,:]?\s*(?:(?:Monsieur|Madame|M\.|Mme)\s*)?$",
    re.I,
)
# "Repr. M. X", "représenté par M. X" name a proxy only in an attendance list or table: elsewhere
# a company's or an association's representative ("à la SCI des Tilleuls, repr. M. X", "la SARL
# X, représentée par M. Y"), a private person.
P_REPR_BEFORE = re.compile(
    r"\b(?:repr\.|repr[ée]sent[ée]e?\s+par)\s*[,:]?\s*(?:(?:Monsieur|Madame|M\.|Mme)\s*)?$", re.I
)
P_ATTENDANCE = re.compile(
    r"(?:[ÉE]taient\s+pr[ée]sents?|Membres?\s+pr[ée]sents?|Pr[ée]sents?|Absents?\s+(?:excus[ée]s?|repr[ée]sent[ée]s?)|"
    r"Absents?|Excus[ée]s?|Pouvoirs?|Procurations?|Ont\s+donn[ée]\s+pouvoir|Secr[ée]taire\s+de\s+s[ée]ance)"
    # the colon, or a name in capitals right after the label ("Présents DUPONT Jean MARTIN Marie")
    r"(?:\s*:|(?-i:(?=[ \t]+(?:M\.|Mme|[A-ZÀ-Ý][A-ZÀ-Ý'’\-]+[ \t]+[A-ZÀ-Ý][a-zà-ÿ]))))"
    r"(?P<block>[^\n]*(?:\n(?!\s*\n)(?!\s*(?:Objet|ORDRE|Vu|Considérant|Le\s+Conseil|Délibération)\b)[^\n]*){0,20})",
    re.I,
)


ATTENDANCE_CHARS = 1500
# A presence word right after a name: an attendance table ("DUPONT Jean Présent P", "M. X Repr. Mme Y").
# Not the next list's label: "… M. Jean DUPONT Excusés : …".
P_PRESENCE_AFTER = re.compile(
    r"[\s|(\-–:]*(?:(?:pr[ée]sente?s?|absente?s?|excus[ée]e?s?|repr[ée]sent[ée]e?s?|pouvoir)\b|repr\.)(?!\s*:)", re.I
)
# So many names followed by a presence word make a table of attendance, not a remark about one person.
PRESENCE_TABLE_AT_LEAST = 3
P_ATTENDANCE_LABEL = re.compile(P_ATTENDANCE.pattern.split("(?P<block>")[0], re.I)


def attendance_blocks(text: str) -> list[tuple[int, int]]:
    """Where the attendance lists of a text are: after each label ("Présents :", "Absents :"…),
    up to a blank line or the next part of the act, and at most ATTENDANCE_CHARS (a flattened
    text has no line ends: the list stops where a list can reasonably stop). Each label opens its
    own list, even inside another's (one line may hold them all); a label followed by a number
    is a count, not a list."""
    out = []
    for label in P_ATTENDANCE_LABEL.finditer(text):
        block = P_ATTENDANCE.match(text, label.start())
        # a count is no list: "Nombre de présents : 14 Représentés : 1"
        if block and not block["block"].lstrip()[:1].isdigit():
            start = block.start("block")
            end = min(block.end("block"), start + ATTENDANCE_CHARS)
            # the members' list stops where the guests' starts, or where prose starts again in a
            # flattened text ("Le Conseil Municipal est réuni…", "…procède à l'appel")
            stops = [m.start() for m in (P_GUESTS.search(text, start, end), P_LIST_ENDS.search(text, start, end)) if m]
            out.append((start, min(stops, default=end)))
    return out


P_LIST_ENDS = re.compile(
    r"\b(?:Le\s+Conseil\s+(?:Municipal|Communautaire|d['’]Administration)\s+(?:est|s['’]est|a|se)\b|le\s+quorum|"
    r"L['’]an\s+deux\s+mille|Ordre\s+du\s+jour|Objet\s*:|Vu\s+(?:le|la|les|l['’])|Consid[ée]rant|"
    r"proc[èe]de\s+[àa]\s+l['’]appel|est\s+d[ée]sign[ée]e?)",
    re.I,
)
# Those who attend without a seat: "Assistaient également :", "En présence de", "Invités :".
P_GUESTS = re.compile(
    r"\b(?:assist(?:ai(?:en)?t|e(?:nt)?)(?:\s+(?:[ée]galement|aussi))?\s*:|assistai(?:en)?t\s+[ée]galement|"
    r"en\s+pr[ée]sence\s+de|invit[ée]e?s?\s*:|intervenants?\s*:|participai(?:en)?t\s+[ée]galement)",
    re.I,
)
GUESTS_CHARS = 400
P_BLANK_LINE = re.compile(r"\n\s*\n")


def guest_blocks(text: str) -> list[tuple[int, int]]:
    """Where the lists of those attending without a seat are: after each label, up to a blank
    line, the next attendance label, or GUESTS_CHARS."""
    out = []
    for label in P_GUESTS.finditer(text):
        end = min(len(text), label.end() + GUESTS_CHARS)
        stop = P_BLANK_LINE.search(text, label.end(), end) or P_ATTENDANCE_LABEL.search(text, label.end(), end)
        out.append((label.end(), stop.start() if stop else end))
    return out


# "Bruno Villatte", "Elisabeth De Lavergne": how attendance lists often write councillors.
P_TITLE_PAIR = re.compile(rf"\b(?P<name>{RE_FIRST_WORD}{RE_SP}{RE_SURNAME_CAP})\b")


@functools.lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """Compare names without case, accents or punctuation."""
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c))
    return re.sub(r"[^a-z ]+", " ", name.lower()).strip()


@functools.lru_cache(maxsize=65536)
def name_tokens(name: str) -> frozenset[str]:
    """Significant tokens of a name: no civility, no particle, 3 letters or more."""
    words = fold(name).split()
    skip = {
        "monsieur",
        "madame",
        "mademoiselle",
        "mme",
        "mlle",
        "mr",
        "maitre",
        "docteur",
        "dr",
        "le",
        "la",
        "de",
        "du",
        "des",
    }
    return frozenset(w for w in words if len(w) >= 3 and w not in skip)


def _name_words(name: str) -> tuple[frozenset[str], list[str], list[str], list[str]]:
    """A name's tokens, its words of 3+ letters, those in capitals, and those that can be a name."""
    tokens = name_tokens(name)
    words = [w for w in re.findall(r"[\w’'\-]+", name) if len(w) >= 3]
    capitals = [w for w in words if w.isupper() and set(fold(w).split()) & tokens]
    named = [w for w in words if set(fold(w).split()) & tokens - NOT_NAMES_FOLDED]
    return tokens, words, capitals, named


def _parts(words: list[str], tokens: frozenset[str]) -> frozenset[str]:
    # "MORTAGNAC-DELIS", "N'DIAYE": each part of a compound surname is a token of its own.
    return frozenset(part for w in words for part in fold(w).split()) & tokens


def surname_tokens(name: str) -> frozenset[str]:
    """The surname part of a name: its words in capitals (civilities aside), else its last word."""
    tokens, words, capitals, named = _name_words(name)
    # Else the last word that can be a name ("Mlle Brissardon Fait" → "Brissardon").
    return _parts(capitals or named[-1:] or words[-1:], tokens)


NOT_NAMES_FOLDED = frozenset(fold(w) for w in NOT_NAMES)


def alone_tokens(name: str) -> frozenset[str]:
    """The words of a private name to search alone in what is published: its surname, and where
    the name has no word in capitals ("Maître Brissardon Élodie"), every word that can be a name,
    since mixed case does not say which one is the surname."""
    tokens, words, capitals, named = _name_words(name)
    if capitals:
        return _parts(capitals, tokens)
    return _parts(named[-1:] or words[-1:], tokens) | _parts(named, tokens)


class Officials:
    """The set of official names of one act, and the test of a mention against it."""

    def __init__(self) -> None:
        self.names: list[frozenset[str]] = []

    def add(self, name: str | None) -> None:
        tokens = name_tokens(name or "")
        if tokens and not tokens <= NOT_NAMES_FOLDED:
            self.names.append(tokens)

    def matches(self, mention: str) -> bool:
        tokens = name_tokens(mention)
        if not tokens:
            return False
        # Same person when all tokens of the shorter form are in the longer one ("DUPONT" ⊂ "Jean DUPONT").
        return any(tokens <= known or known <= tokens for known in self.names)


def official_sets(act: Act, text: str) -> dict[str, Officials]:
    """The names an act gives as officials, by where it gives them: its own fields (président,
    secrétaire de séance, signataire), the séance's attendance read by actes.minutes, a vote
    tally, an attendance block of the text, a table of attendance (names followed by "Présent",
    "Absent", "Repr.")."""
    sets = {source: Officials() for source in ("fields", "presences", "vote_tally", "attendance", "rapporteurs")}
    for name in (act.president, act.secretaire_seance, act.signataire.nom):
        sets["fields"].add(name)
    for presence in act.seance.presences if act.seance is not None else ():  # councillors read by actes.minutes
        sets["presences"].add(presence.nom)
        sets["presences"].add(presence.mandataire)
    for tally in P_VOTE_LIST.finditer(text):
        chunk = tally_list(text[tally.end() : tally.end() + VOTE_LIST_CHARS])
        for pattern in (P_CIVILITY_NAME, P_SURNAME_FIRST, P_FIRST_SURNAME, P_TITLE_PAIR):
            for match in pattern.finditer(chunk):
                sets["vote_tally"].add(match["name"])
    for start, end in attendance_blocks(text):
        chunk = text[start:end]
        for pattern in (P_CIVILITY_NAME, P_SURNAME_FIRST, P_FIRST_SURNAME, P_TITLE_PAIR):
            for match in pattern.finditer(chunk):
                sets["attendance"].add(match["name"])
    for name in presence_table(text):  # a table of attendance is an attendance list
        sets["attendance"].add(name)
    for name in rapporteur_table(text):  # the rapporteurs of a table of items
        sets["rapporteurs"].add(name)
    return sets


@functools.lru_cache(maxsize=8)
def presence_table(text: str) -> tuple[str, ...]:
    """The names of a table of attendance (PRESENCE_TABLE_AT_LEAST names or more followed by a
    presence word), none if the text has no such table."""
    present = tuple(
        match["name"]
        for pattern in (P_CIVILITY_NAME, P_SURNAME_FIRST, P_FIRST_SURNAME)
        for match in pattern.finditer(text)
        if P_PRESENCE_AFTER.match(text, match.end(), min(len(text), match.end() + 25))
    )
    return present if len(present) >= PRESENCE_TABLE_AT_LEAST else ()


# A table of items with a column of rapporteurs: "Objet Rapporteur Vote", "Thématique Rapporteur".
P_RAPPORTEUR_COLUMN = re.compile(
    r"\b(?:Objet|Th[ée]matique|Intitul[ée]|Dossier|Point|D[ée]lib[ée]ration)s?[ \t|]+Rapporteurs?\b(?![ \t]*:)", re.I
)
# A table ends at a blank line, or, read flat, where no row comes for this many characters (a row's
# title may run over several lines) or after a run of prose: what follows is the acts' own text,
# whose parties are no rapporteurs.
RAPPORTEUR_ROW_GAP = 1500
RAPPORTEUR_ROWS_AT_LEAST = 2
# A vote's outcome a flattened row glues to the name ("FERRANDE Unanimité"): no given name.
OUTCOME_WORDS = frozenset("unanimite majorite approuve approuvee adopte adoptee rejete rejetee pour contre vote".split())
# A name a preposition, a civility, "de", "et", a colon or a line's start leads to is a party of the
# item ("vendre à X", "signé avec X", "la candidature de X", "entre la commune et X", "acquéreur :
# X"), not its rapporteur, even inside the table: a row gives its title before the rapporteur.
P_PARTY_BEFORE = re.compile(
    r"(?:\b(?:[àa]|au|aux|avec|aupr[èe]s\s+d[eu']|par|pour|chez|de|du|des|et|M\.|Mme|Mlle|Monsieur|Madame|Mademoiselle)"
    r"|[’':]|\A|\n)[ \t]*$",
)
# A row's rapporteur ends the row or stands before its vote: a line's end, a column's bar, the next
# row's number or title (a quoted name run into it), the vote ("… Paul FERRANDE Unanimité"); not a comma or a lower-case word
# ("Claire MORVAN, demeurant…", "Claire MORVAN acquéreur", "Claire MORVAN signera l'acte").
P_ROW_END_AFTER = re.compile(r"[ \t]*(?:\Z|\n|\||\d|[A-ZÀ-Ý«\"“])")
# Prose: a sentence that ends after a word in lower case before a capital ("… chez le notaire.
# L'acte …"). More than RAPPORTEUR_PROSE_AT_MOST of them between two rows end the table.
P_PROSE_SENTENCE = re.compile(r"[a-zà-ÿ]{3}[.!?](?=[ \t\n]+[A-ZÀ-Ý])")
RAPPORTEUR_PROSE_AT_MOST = 1


def _table_names(text: str, found: list[tuple[int, int, str]], start: int) -> tuple[tuple[str, ...], int]:
    """The names of the rows that follow one another from ``start``: each within
    RAPPORTEUR_ROW_GAP characters of the previous one, no blank line and no run of prose between
    them; a name is a rapporteur when RAPPORTEUR_ROWS_AT_LEAST rows give it. Also where the rows end."""
    rows: dict[str, int] = {}
    last = start
    for begin, stop, name in found:
        gap = text[last:begin]
        if (
            begin - last > RAPPORTEUR_ROW_GAP
            or P_BLANK_LINE.search(gap)
            or len(P_PROSE_SENTENCE.findall(text[last : begin + 1])) > RAPPORTEUR_PROSE_AT_MOST
        ):
            break
        rows[name] = rows.get(name, 0) + 1
        last = stop
    names = tuple(name for name, count in rows.items() if count >= RAPPORTEUR_ROWS_AT_LEAST)
    return names, last


def _row_names(text: str, start: int, end: int, after: re.Pattern) -> list[tuple[int, int, str]]:
    """The names in a row's shape between ``start`` and ``end``: ``after`` follows them, no outcome
    word is glued to them, nothing a party's name has leads to them."""
    return sorted(
        (match.start(), match.end(), " ".join(match["name"].split()))
        for pattern in (P_FIRST_SURNAME, P_SURNAME_FIRST)
        for match in pattern.finditer(text, start, end)
        if after.match(text, match.end(), min(len(text), match.end() + 30))
        and not name_tokens(match["name"]) & OUTCOME_WORDS
        and not P_PARTY_BEFORE.search(text, max(0, match.start() - 20), match.start())
    )


@functools.lru_cache(maxsize=8)
def rapporteur_rows(text: str) -> tuple[tuple[str, ...], tuple[int, int]]:
    """The names of a table's rapporteur column and the table's span: after the column's header,
    its rows (``_table_names``) up to a blank line. Without a header, the rows of a table cut from it
    (``_rows_cut_from_header``), with no span: no lieu-dit is read as a rapporteur there."""
    header = P_RAPPORTEUR_COLUMN.search(text)
    if header is None:
        return _rows_cut_from_header(text), (0, 0)
    blank = P_BLANK_LINE.search(text, header.end())
    end = blank.start() if blank else len(text)
    found = _row_names(text, header.end(), end, P_ROW_END_AFTER)
    names, last = _table_names(text, found, header.end())
    return names, ((header.start(), last) if names else (0, 0))


# A row of a table cut from its header (the next act of a flattened document): the rapporteur right
# before the vote's outcome ("… Jean DUPONT Approuvée à l'unanimité", "… Jean DUPONT Majorité pour").
P_OUTCOME_AFTER = re.compile(r"[ \t|]*(?:approuv[ée]e?s?|adopt[ée]e?s?|rejet[ée]e?s?|majorit[ée]\s+pour)\b", re.I)


def _rows_cut_from_header(text: str) -> tuple[str, ...]:
    """Names right before a vote's outcome in RAPPORTEUR_ROWS_AT_LEAST rows or more that follow one
    another as a table's rows do (``_table_names``), none led to as a party's name is: "vente à X
    approuvée à l'unanimité", "la candidature de X approuvée" name a party, not a row."""
    found = _row_names(text, 0, len(text), P_OUTCOME_AFTER)
    names: list[str] = []
    while found:
        rows, last = _table_names(text, found, found[0][0])
        names += [n for n in rows if n not in names]
        found = [f for f in found if f[0] >= last]
    return tuple(names)


def rapporteur_table(text: str) -> tuple[str, ...]:
    """The names of a table's rapporteur column (``rapporteur_rows``)."""
    return rapporteur_rows(text)[0]


# A party's capacity right after a name: "Pouvoir à X, acquéreur, demeurant…" gives no proxy's
# power to a voter but names the buyer the act gives a power to.
P_PARTY_CAPACITY_AFTER = re.compile(
    r"[ \t]*[,(\-–][ \t]*(?:(?:le|la|les|l['’])[ \t]*)?(?:acqu[ée]reu(?:r|se)s?|acheteu(?:r|se)s?|vendeu(?:r|se)s?|"
    r"locataires?|preneu(?:r|se)s?|bailleu(?:r|resse)s?|propri[ée]taires?|riverain\w*|demandeu(?:r|se)s?|candidat\w*|"
    r"h[ée]riti[eè]re?s?|b[ée]n[ée]ficiaires?|occupante?s?|domicili[ée]\w*|demeurant|r[ée]sidant|habitant|n[ée]e?\s+le)\b",
    re.I,
)
P_PROXY_WORD = re.compile(r"\s*(?:pouvoir|procuration)\b", re.I)


def role_before(
    text: str, start: int, blocks: list[tuple[int, int]] | None = None, end: int | None = None
) -> re.Match | None:
    """The role word right before a mention; "Repr." only inside an attendance block or in an act
    with a table of attendance (``blocks``: the text's attendance blocks, if already read). A proxy
    word ("Pouvoir à X") is none where a party's capacity follows the mention (``end``: where it
    ends): "Pouvoir à X, acquéreur"."""
    window = text[max(0, start - 60) : start]
    found = P_ROLE_BEFORE.search(window)
    if (
        found is not None
        and end is not None
        and P_PROXY_WORD.match(found.group(0))
        and P_PARTY_CAPACITY_AFTER.match(text, end, min(len(text), end + 40))
    ):
        return None
    if found is None and (proxy := P_REPR_BEFORE.search(window)):
        blocks = attendance_blocks(text) if blocks is None else blocks
        if any(a <= start < b for a, b in blocks) or presence_table(text):
            return proxy
    return found


def officials_of(act: Act, text: str) -> Officials:
    """Every name the act gives as an official, wherever it gives it."""
    officials = Officials()
    for found in official_sets(act, text).values():
        officials.names.extend(found.names)
    return officials


def role_next_to(text: str, start: int, end: int) -> str | None:
    """The role word right before or after a mention, if any."""
    after = P_ROLE_AFTER.match(text[end : end + 60])
    if after:
        return "role:" + " ".join(after.group(0).strip(" ,(-–").split()).lower()
    before = role_before(text, start, end=end)
    if before:
        return "role:" + " ".join(before.group(0).strip(" ,:").split()).lower()
    if speaks_in_session(text, start, end):
        return "speaks-in-session"
    return None
