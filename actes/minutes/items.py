"""Minutes → their items: each point of the order of the day treated in the body, with its
heading, number, objet, rubric, rapporteur, vote and outcome (issue 15).

Items are found by their headings, generic forms only:
- numbered points ("1 - ", "2) ", "3/ ", "4. ", "2.1 ", "IV. ", "Point deux de l'ordre du jour"),
  kept as a chain of consecutive numbers (1, 2, 3… or 2, 2.1, 2.2, 3…), so amounts, dates and
  page numbers never make a chain; an agenda printed before the body makes a chain too, and
  the chain whose points close with a vote or a decision wins over it;
- act numbers ("Délibération n° 2023-012 :", "N° 07/02-2022 —", "D2023-001 —", "Dossier n°2 :"),
  each number once, at its occurrence followed by the longest text (the body, not the agenda);
- unnumbered headings in capitals ("CONVENTION ELECNET Le Conseil…") where the previous point
  closed with a vote or a decision ("vote sentences closing an item").
The scheme whose items hold the most decisions wins; the pipeline splits a file only into two
items or more (``actes.minutes.split``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from actes.extractors.patterns.heads import is_reference

ROMAN = {
    "I": 1,
    "II": 2,
    "III": 3,
    "IV": 4,
    "V": 5,
    "VI": 6,
    "VII": 7,
    "VIII": 8,
    "IX": 9,
    "X": 10,
    "XI": 11,
    "XII": 12,
    "XIII": 13,
    "XIV": 14,
    "XV": 15,
}
WORD_NUMBERS = {
    "un": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "treize": 13,
    "quatorze": 14,
    "quinze": 15,
}
UP = "A-ZÀÂÄÉÈÊËÎÏÔÖÙÛÜÇ"
TITLE_MAX = 220  # characters of a heading kept as the item's objet
MIN_ITEM_CHARS = 12  # a point shorter than this is a line of a list, not an item
TAIL = 2500  # characters after a chain's last heading searched for its decision
AGENDA_GAP = 160  # an agenda's lines are closer than this and hold no decision

# "1 - Titre", "2) Titre", "3/ Titre", "4. Titre", "5– Titre", "2.1 Titre", "1.1. Titre", "1 Titre" (then chained).
P_ARABIC = re.compile(
    rf"(?<![\w,.'’/°€%-])(?P<num>\d{{1,2}}(?:\.\d{{1,2}})?)(?:\s*(?:[-–—)/]|\.(?!\d))|(?=\s+[{UP}«\"“]))\s*(?=[{UP}«\"“])"
)
P_ROMAN = re.compile(rf"(?<![\w.'’])(?P<num>[IVX]{{1,4}})(?:\s*[-–—.)/]\s*|\s+)(?=[{UP}])")
P_POINT = re.compile(
    r"\b(?:Point|Affaire|Question)\s+(?:n[°o]\s*)?(?P<num>\d{1,2}|"
    + "|".join(WORD_NUMBERS)
    + r")\b(?:\s+de\s+l['’]\s?ordre\s+du\s+jour)?\s*[:\-–—]?\s*",
    re.I,
)
# Act numbers opening a point: "Délibération n° 2022-12-09/01 :", "N° 2023-009 FINANCES", "N°07/01-2022 —",
# "Dossier n°2 :", "D2023 - 001 —", "Délibération DB-2023-021 -".
P_ACTNUM = re.compile(
    r"(?:\b(?:D[ée]lib[ée]ration|Dossier|D[ÉE]CISION(?:\s+DU\s+(?:MAIRE|PR[ÉE]SIDENT))?|D[ée]cision)\s+)?"
    r"(?:\b[Nn][°º]\s?|\bn[o°]\.?\s)(?P<num>[A-Z]{0,4}[-_ ]?\d{1,4}(?:\s?[-/_.]\s?\d{1,4}){0,3})\s*(?:[:–—-]\s*|(?=\s["
    + UP
    + r"]))"
    r"|\bD[ée]lib[ée]ration\s+(?P<num2>[A-Z]{1,4}[-_]?\d{4}[-_]\d{1,4})\s*[:–—-]?\s*"
    r"|(?<![\w-])(?P<num3>[A-Z]{1,4}\s?\d{4}\s?[-–]\s?\d{2,3})\s*[:–—-]\s*"
)
# A heading in capitals: two words or more, 8 letters or more, then a sentence.
P_CAPS = re.compile(
    rf"(?<![{UP}\w'’])(?P<title>[{UP}][{UP}'’]*(?:[\s\-–—/&(),«»\"]+(?:[{UP}\d][{UP}\d'’.]*|D['’][{UP}]+|L['’][{UP}]+|[àÀ]))+(?:\s?[»”\")])?)"
    rf"(?=\s+(?:[{UP}][a-zàâäéèêëîïôöùûüç]|[LD]['’]\w|M\.\s|Mme\b|Mr\b|\((?=[a-z])))"
)
CAPS_NOT_HEADING = re.compile(
    r"^(?:[A-Z]\s*[/.)–-]\s|VU|VUS|CONSID[ÉE]RANT|D[ÉE]CIDE|ADOPT[ÉE]E?S?|APPROUVE|AUTORISE|DIT|PREND|VOTE|POUR|CONTRE|ABSTENTIONS?|"
    r"ARTICLE|ENTENDU|PR[ÉE]CISE|CHARGE|ACCEPTE|DONNE|D[ÉE]SIGNE|ARR[ÊE]TE|APR[ÈE]S|LE\s+(?:CONSEIL|BUREAU|MAIRE)|"
    r"FOLIO|PAGE|PV|TOTAL|SECTION|RECETTES|D[ÉE]PENSES)\b"
)
# What opens the body of a point, so ends its heading in flattened text.
P_BODY_START = re.compile(
    r"\s(?=(?:Rapporteur|RAPPORTEUR|Rédigé|Note\s+de\s+synth|Monsieur|Madame|Mme\b|M\.\s|Mr\b|Le\s+(?:Maire|Président|Conseil|point|procès|Bureau)|"
    r"La\s+(?:Présidente|Vice|commune|Ville)|Les\s+membres|Vu\b|VU\b|Considérant|CONSID|Il\s|Elle\s|Après|Après|Par\s|Conformément|"
    r"Dans\s+le\s+cadre|En\s+(?:application|vertu|raison|effet|date)|Suite\s|Rappel|Présentation|Lors|Afin|Depuis|Pour\s|Un\s|Une\s|C['’]est|Cette|Ce\s|Nous\s|Le\s|La\s|Les\s|L['’][A-Z]))"
)
# A line break ends a heading, unless the line ends on a word that needs the next ("de", "la",
# "à") or the next line goes on in lower case: a heading wrapped over two lines.
P_HEADING_END = re.compile(
    r"(?<!\bde)(?<!\bla)(?<!\ble)(?<!\bles)(?<!\bdu)(?<!\bdes)(?<!\bà)(?<!\bau)(?<!\baux)(?<!\bet)(?<!\ben)(?<!\bpour)"
    r"(?<!\bsur)(?<!\bavec)(?<!\bd['’])(?<!\bl['’])[ \t]*\n(?!\s*[a-zàâäéèêëîïôöùûüç(])"
    r"|\s*(?:(?:Rapporteur|RAPPORTEUR)\s*:|\s:\s(?=[A-Z])|\.\s+(?=[A-ZÀ-Ý]))"
    r"|\s*:\s+(?=(?:le|la|l['’])\s*(?:Conseil|Bureau|Maire|Pr[ée]sidente?|assembl[ée]e|commune)\b)"  # "… : le Conseil Municipal décide"
    r"|\s\((?=[^)\n]{80})"  # a parenthesis not closed within 80 characters: a remark of the body
)

# Sentences that close a point: a vote, a decision, "prend acte".
P_DECISION = re.compile(
    r"(?:adopt|approuv|valid|vot|accept|rejet|refus)[ée]e?s?\s+(?:à|a|par)\s+(?:l['’]\s?unanimit|la\s+majorit|\d)"
    r"|à\s+l['’]\s?unanimit[ée]|\bunanimit[ée]\b"
    r"|\b(?:ADOPT[ÉE]|APPROUV[ÉE]|D[ÉE]CIDE|ADOPTE|APPROUVE|AUTORISE|PREND\s+ACTE|VOTE)\b"
    r"|\b(?:d[ée]cide|approuve|adopte|autorise|accepte|valide|[ée]met)\s"
    r"|\best\s+(?:adopt|approuv|valid|accept|rejet|arr[êe]t)"
    r"|\d+\s*(?:votes?|voix)\s*(?:pour|contre)|\bpour\s*:\s*\d|\b\d+\s+POUR\b"
    r"|\bprend\s+acte|\bpris\s+acte|\bdonne\s+acte|\bs['’]abstien",
)
P_REJECTED = re.compile(
    r"\b(?:rejet[ée]e?s?|refus[ée]e?s?|n['’]est\s+pas\s+(?:adopt|approuv)|non\s+adopt|non\s+retenue?)", re.I
)
P_WITHDRAWN = re.compile(
    r"\b(?:retir[ée]e?s?\s+de\s+l['’]\s?ordre\s+du\s+jour|ajourn[ée]e?s?|report[ée]e?s?\s+(?:à|au|lors))", re.I
)
P_TAKES_NOTE = re.compile(r"\b(?:prend|prennent|pris|donne)\s+acte\b", re.I)
P_ADOPTED = re.compile(
    r"\b(?:adopt|approuv|valid|accept|autoris|d[ée]cid|vot[ée]|arr[êe]t[ée])|unanimit|\b[àa]\s+la\s+majorit[ée](?!\s+(?:absolue|relative|qualifi[ée]e))|\d+\s*(?:votes?|voix)\s*pour|\bpour\s*:\s*\d",
    re.I,
)
# Points decided elsewhere: the decisions the mayor or president took by delegation, reported to the
# council, and "questions diverses". Such a heading is information even when its text quotes votes.
P_DECIDED_ELSEWHERE = re.compile(
    r"\b(?:questions?\s+diverses|compte[-\s]rendu\s+(?:des?\s+)?d[ée]cisions|"
    r"d[ée]cisions?\s+(?:du|de\s+la|prises?\s+par\s+(?:le|la))\s+(?:maire|pr[ée]sident)|"
    r"d[ée]cisions?\s+(?:\w+\s+)?prises?\s+(?:en|par)\s+(?:d[ée]l[ée]gation|(?:le|la)\s+(?:maire|pr[ée]sident)))",
    re.I,
)
# Headings of information or a report: information only when the point records no vote or decision
# ("Création d'un poste de chargé de communication … Pour : 15" is adopted).
P_INFORMATION = re.compile(
    r"\b(?:informations?|communications?)\b|\bcompte[-\s]rendu\s+de\s+la\s+commission|\brapport\s+d['’]activit",
    re.I,
)
P_RAPPORTEUR = re.compile(
    rf"\bRapporteure?s?\s*:?\s*(?P<who>(?:(?:M\.|Mme|Monsieur|Madame|Mr)\s+)?(?:le\s+Maire|la\s+Maire|le\s+Pr[ée]sident|la\s+Pr[ée]sidente|"
    rf"(?:[{UP}]\.?\s?)?[{UP}][\w'’-]+(?:\s+[{UP}][\w'’-]+){{0,3}}))",
)
P_COUNT = {
    "pour": re.compile(
        r"(?P<n>\d{1,3})\s*(?:votes?|voix|suffrages?)?\s*(?:POUR|pour)\b(?!\s*(?:cent|le|la|les|l['’]|un|une)\b)|\b(?:POUR|[Pp]our)\s*:\s*(?P<m>\d{1,3})\b"
    ),
    "contre": re.compile(
        r"(?P<n>\d{1,3})\s*(?:votes?|voix)?\s*(?:CONTRE|[Cc]ontre)\b|\b(?:CONTRE|[Cc]ontre)\s*:\s*(?P<m>\d{1,3})\b"
    ),
    "abstentions": re.compile(
        r"(?P<n>\d{1,3})\s*(?:ABSTENTIONS?|[Aa]bst?entions?|absentions?)\b|\b(?:ABSTENTIONS?|[Aa]bstentions?)\s*:\s*(?P<m>\d{1,3})\b"
    ),
}
P_UNANIMOUS = re.compile(r"unanimit[ée]", re.I)
# Attendance changes inside a point: someone leaves, arrives, or does not vote.
P_MOVE = re.compile(
    r"[^.;\n]{0,120}?\b(?:quitte\s+(?:la\s+s[ée]ance|la\s+salle|l['’]assembl[ée]e)|sort\s+de\s+la\s+salle|se\s+retire|"
    r"ne\s+prend\s+pas\s+part\s+(?:au\s+vote|aux\s+d[ée]bats)|ne\s+prennent\s+pas\s+part|ne\s+participe\s+pas\s+au\s+vote|"
    r"n['’]a\s+pas\s+pris\s+part|rejoint\s+la\s+s[ée]ance|arriv[ée]e?\s+(?:de|à)\s)[^.;\n]{0,80}",
    re.I,
)


@dataclass
class Heading:
    start: int
    end: int  # where the heading's marker ends (the title starts)
    label: str
    key: tuple  # ordinal key for chaining, or the act number
    scheme: str


@dataclass
class Item:
    """One point of the minutes: its span in the text and what it says."""

    ordre: int
    start: int
    end: int
    label: str | None = None
    numero: str | None = None
    objet: str | None = None
    objet_span: tuple[int, int] | None = None
    rubrique: str | None = None
    rapporteur: str | None = None
    outcome: str | None = None
    votes: dict = field(default_factory=dict)
    moves: list[tuple[str, int, int]] = field(default_factory=list)  # (sentence, start, end)


def _arabic_key(num: str) -> tuple[int, int]:
    major, _, minor = num.partition(".")
    return int(major), int(minor) if minor else 0


def _candidates(text: str, start: int, end: int) -> dict[str, list[Heading]]:
    found: dict[str, list[Heading]] = {"arabic": [], "roman": [], "point": [], "actnum": []}
    for match in P_ARABIC.finditer(text, start, end):
        num = match["num"]
        key = _arabic_key(num)
        if key[0] == 0 or key[1] > 30:
            continue
        found["arabic"].append(Heading(match.start(), match.end(), num, key, "arabic"))
    for match in P_ROMAN.finditer(text, start, end):
        if match["num"] in ROMAN:
            found["roman"].append(Heading(match.start(), match.end(), match["num"], (ROMAN[match["num"]], 0), "roman"))
    for match in P_POINT.finditer(text, start, end):
        raw = match["num"].lower()
        value = int(raw) if raw.isdigit() else WORD_NUMBERS[raw]
        found["point"].append(Heading(match.start(), match.end(), match["num"], (value, 0), "point"))
    for match in P_ACTNUM.finditer(text, start, end):
        num = match["num"] or match["num2"] or match["num3"]
        if match["num"] and match.group()[:1] in "Nn" and not re.search(r"\d\D+\d|\d{3}", num):
            continue  # a bare "n° 2" is a thing's number; an act's has a separator or three digits
        if is_reference(text, match.start()) or _quoted_reference(text, match.start()):
            continue
        found["actnum"].append(
            Heading(match.start(), match.end(), " ".join(num.split()), (re.sub(r"\W", "", num).upper(),), "actnum")
        )
    return found


P_QUOTING = re.compile(
    r"(?:\bvu|\bpar|\bla|\bsa|\bcette|\bnotre|\bune|d[ée]cret|\bloi|ordonnance|circulaire|arr[êe]t[ée]|contrat|march[ée]|"
    r"parcelle|\blot|facture|avenant|modificative|convention|article|compte|prêt|pr[eê]t|lettre|courrier|dossier\s+de)"
    r"\s*(?:d[ée]lib[ée]ration|d[ée]cision|du\s+\w+)?\s*$",
    re.I,
)


def _quoted_reference(text: str, at: int) -> bool:
    """ "vu la délibération n° …", "décret n° …", "décision modificative n° 5": a quoted act or a
    thing's number, not a heading."""
    return bool(P_QUOTING.search(text[max(0, at - 40) : at]))


def _follows(prev: tuple, nxt: tuple) -> bool:
    (a, b), (c, d) = prev, nxt
    return (c == a and d == b + 1) or (c == a + 1 and d in (0, 1))


def _chains(heads: list[Heading]) -> list[list[Heading]]:
    """Every maximal chain of consecutive numbers (each next one later in the text); a chain
    starts at 1 (or x.1 under x), and each step takes the nearest following successor."""
    chains = []
    for k, first in enumerate(heads):
        if first.key not in ((1, 0), (1, 1)):
            continue
        chain = [first]
        for head in heads[k + 1 :]:
            if _follows(chain[-1].key, head.key) and head.start - chain[-1].start >= MIN_ITEM_CHARS:
                chain.append(head)
        chains.append(chain)
    return chains


def _distinct_numbers(heads: list[Heading], end: int) -> list[Heading]:
    """One heading per act number: the occurrence followed by the longest text before the next.
    A number printed twice was first listed in the agenda: what lies between its two
    occurrences is the agenda."""
    first: dict[tuple, int] = {}
    for k, head in enumerate(heads):
        if head.key in first:
            heads = heads[: first[head.key]] + heads[k:]
            break
        first[head.key] = k
    best: dict[tuple, tuple[int, Heading]] = {}
    for k, head in enumerate(heads):
        nxt = heads[k + 1].start if k + 1 < len(heads) else end
        room = nxt - head.start
        if head.key not in best or room > best[head.key][0]:
            best[head.key] = (room, head)
    return sorted((h for _, h in best.values()), key=lambda h: h.start)


def caps_titles(text: str, start: int, end: int):
    """Runs of capitals shaped like a heading (two words or more, 8 letters or more, not a
    decision's verb or a table's word): (match, title)."""
    for match in P_CAPS.finditer(text, start, end):
        title = match["title"].strip(" -–—/,(")
        letters = sum(c.isalpha() for c in title)
        if (
            letters < 8
            or len(title.split()) < 2
            or CAPS_NOT_HEADING.match(title)
            or title.count("(") != title.count(")")
        ):
            continue
        yield match, title


def _caps_headings(text: str, start: int, end: int) -> list[Heading]:
    """Unnumbered headings in capitals, each after a point that closed with a decision."""
    heads: list[Heading] = []
    last_decision = start
    for match, title in caps_titles(text, start, end):
        before = text[max(start, match.start() - 3) : match.start()]
        if heads and not P_DECISION.search(text, heads[-1].end, match.start()):
            continue
        if not heads and P_DECISION.search(text, last_decision, match.start()) is None and match.start() - start > 3000:
            continue
        if (
            before.strip()
            and before.strip()[-1:] not in ".:!)»|*0123456789"
            and not P_DECISION.search(text, max(start, match.start() - 80), match.start())
        ):
            continue
        heads.append(Heading(match.start(), match.start(), title, (len(heads) + 1, 0), "caps"))
    return heads


def _decided(text: str, start: int, end: int) -> bool:
    return P_DECISION.search(text, start, end) is not None


def _score(text: str, heads: list[Heading], end: int) -> tuple[int, int, int]:
    """(points closed by a decision, less half those that are not; points far enough apart to be
    items; -start): the body's chain beats the agenda's, a chain cut at false headings loses."""
    decided = undecided = spaced = 0
    for k, head in enumerate(heads):
        last = k + 1 == len(heads)
        stop = min(end, head.start + TAIL) if last else heads[k + 1].start
        if _decided(text, head.end, stop):
            decided += 1
        elif not last:
            undecided += 1
        spaced += stop - head.start >= AGENDA_GAP
    return 2 * decided - undecided, spaced, -heads[0].start if heads else 0


def _drop_agenda(text: str, heads: list[Heading], end: int) -> list[Heading]:
    """Headings of an agenda printed before the body: a run of lines closer than ``AGENDA_GAP``
    with no decision between them."""
    short = []
    for k, head in enumerate(heads):
        stop = heads[k + 1].start if k + 1 < len(heads) else end
        short.append(stop - head.start < AGENDA_GAP and not _decided(text, head.end, stop))
    keep = []
    for k, head in enumerate(heads):
        in_run = short[k] and ((k > 0 and short[k - 1]) or (k + 1 < len(heads) and short[k + 1]))
        after_run = (
            k > 0
            and short[k - 1]
            and (k > 1 and short[k - 2])
            and not _decided(text, head.end, heads[k + 1].start if k + 1 < len(heads) else end)
        )
        if not in_run and not after_run:
            keep.append(head)
    return keep


# The previous minutes approved before the first numbered point: "Le procès-verbal de la séance du
# 6 décembre est adopté à l'unanimité", "Approbation du procès-verbal du 24 novembre : …".
P_MINUTES_APPROVED = re.compile(
    r"(?:(?:Approbation|Adoption|Lecture)\s+du\s+(?:proc[èe]s[-\s]?verbal|compte[-\s]rendu)"
    r"|(?:Le|Les)\s+(?:proc[èe]s[-\s]?verbal|compte[-\s]rendu)s?\s+(?:de\s+la|du|des)\s)"
    r"(?:[^.]{0,160}?|[\s\S]{0,300}?\bl['’]\s?)(?:approuv|adopt|valid|arr[êe]t)",
    re.I,
)


def _minutes_approved(text: str, start: int, stop: int) -> Heading | None:
    match = P_MINUTES_APPROVED.search(text, start, stop)
    if match is None:
        return None
    return Heading(match.start(), match.start(), "pv", (0, 0), "pv")


def find_headings(text: str, start: int = 0, end: int | None = None) -> list[Heading]:
    """The headings of the items between ``start`` and ``end``: the best scheme's."""
    end = len(text) if end is None else end
    found = _candidates(text, start, end)
    options: list[list[Heading]] = []
    for scheme in ("arabic", "roman", "point"):
        options.extend(_chains(found[scheme]))
    numbers = _distinct_numbers(found["actnum"], end)
    if numbers:
        options.append(numbers)
    caps = _caps_headings(text, start, end)
    if len(caps) >= 2:
        options.append(caps)
    options = [kept for o in options if len(kept := _drop_agenda(text, o, end)) >= 1]
    best = max(options, key=lambda o: _score(text, o, end)) if options else []
    if not any(_decided(text, h.end, best[k + 1].start if k + 1 < len(best) else end) for k, h in enumerate(best)):
        opening = _minutes_approved(text, start, end)  # an agenda or a list, not the points of the body
        return [opening] if opening is not None else []
    heads = _drop_rubrics(best)
    opening = _minutes_approved(text, start, heads[0].start)
    if opening is not None and not P_MINUTES_APPROVED.match(text, heads[0].end):
        heads.insert(0, opening)
    return heads


def _drop_rubrics(heads: list[Heading]) -> list[Heading]:
    """ "2. Affaires financières 2.1 …": a point followed by its own sub-points is a rubric."""
    out = []
    for k, head in enumerate(heads):
        nxt = heads[k + 1] if k + 1 < len(heads) else None
        if head.scheme in ("arabic", "roman") and nxt is not None and nxt.key == (head.key[0], 1) and head.key[1] == 0:
            continue
        out.append(head)
    return out


def _rubric_of(heads: list[Heading], text: str, k: int) -> str | None:
    head = heads[k]
    if head.scheme != "arabic" or head.key[1] == 0:
        return None
    for start, label in _rubric_marks(text, head):
        sub = re.compile(rf"(?<![\w.]){label}\.\d").search(text, start, head.start)
        return _title(text, start, sub.start() if sub else head.start)[0]
    return None


def _rubric_marks(text: str, head: Heading):
    major = str(head.key[0])
    pattern = re.compile(rf"(?<![\w.]){major}\s*[.)\-–]\s+(?=[{UP}])")
    last = None
    for match in pattern.finditer(text, max(0, head.start - 4000), head.start):
        last = match
    if last is not None:
        yield last.end(), major


RUBRIC_END = re.compile(r"\s[-–—:]\s*$")


def _title(text: str, start: int, stop: int) -> tuple[str | None, tuple[int, int]]:
    """The heading's words from ``start``: up to a line end, "Rapporteur", a sentence, the body's
    first words, or ``TITLE_MAX`` characters."""
    number = P_INLINE_NUMBER.match(text, start)
    if number is not None:  # "Délibération n° 2022-12-09/01 : Décision modificative" → the words after the number
        start = number.end()
        start += len(text[start:stop]) - len(text[start:stop].lstrip(" :–—-"))
    label = P_OBJET_LABEL.match(text, start, stop)
    if label is not None:  # "N° 2023-45 – OBJET : Tarifs de la cantine" → the words after the label
        start = label.end()
    limit = min(stop, start + TITLE_MAX)
    window = text[start:limit]
    cut = len(window)
    caps_run = re.match(
        rf"[{UP}\d\s'’\-–—/,.«»\"()&:°]+(?=\s(?:[{UP}][a-zàâäéèêëîïôöùûüç]|[LD]['’]\w|M\.\s|Mme\b|\((?=[a-z])))", window
    )
    if caps_run and sum(c.isalpha() for c in caps_run.group()) >= 8 and not RUBRIC_END.search(caps_run.group()):
        cut = len(caps_run.group())  # "FINANCES – Mise en œuvre …": a rubric in capitals, the objet follows
    for pattern in (P_HEADING_END, P_BODY_START):
        match = pattern.search(window, 3)  # "PADD. La délibération …": a short heading ends at its period too
        if match and match.start() < cut:
            cut = match.start()
    title = " ".join(window[:cut].split()).strip(" :–—-.;,")
    return (title or None), (start, start + cut)


# A summary prints the vote right after the heading: "Point n°6 Tarifs de voirie A l'unanimité Point n°7 …".
P_VOTE_AFTER_TITLE = re.compile(
    r"\s(?:[AÀ]\s+l['’]\s?unanimit|[AÀ]\s+la\s+majorit|Adopt[ée]|Adoption\s+(?:à|par)\s|Approuv[ée]e?\s+à|Vote\s*:|Prend\s+acte"
    r"|PREND\s+ACTE)"
)


def _vote_cut(text: str, title: str | None, span: tuple[int, int]) -> tuple[str | None, tuple[int, int]]:
    """The item's objet without the vote a summary prints after it, so the vote counts for the outcome."""
    match = P_VOTE_AFTER_TITLE.search(text, span[0] + 3, span[1])
    if title is None or match is None:
        return title, span
    cut = " ".join(text[span[0] : match.start()].split()).strip(" :–—-.;,|")
    return (cut or None), (span[0], match.start())


def _votes(text: str, start: int, end: int) -> dict:
    span = text[start:end]
    votes: dict = {}
    for name, pattern in P_COUNT.items():
        for match in pattern.finditer(span):
            raw = match["n"] or match["m"]
            if raw is not None:
                votes[name] = int(raw)  # the last count printed is the point's vote
    if P_UNANIMOUS.search(span):
        votes["unanimite"] = True
    return votes


def _outcome(text: str, start: int, end: int, objet: str | None, votes: dict) -> str | None:
    span = text[start:end]
    pour, contre = votes.get("pour"), votes.get("contre")
    if pour is not None and contre is not None and contre > pour:
        return "rejected"
    if P_WITHDRAWN.search(span) and not P_ADOPTED.search(span):
        return "withdrawn"
    if P_REJECTED.search(span) and not votes.get("unanimite"):
        return "rejected"
    objet = objet or ""  # no pattern below matches an empty heading
    if P_TAKES_NOTE.search(span) or P_TAKES_NOTE.search(objet):
        return "prend acte"
    if P_DECIDED_ELSEWHERE.search(objet) and not P_DELIBERATION_TITLE.match(objet):
        # the decisions taken by delegation: what its text approves was decided elsewhere
        return "information"
    if votes or P_DECISION.search(span) or P_ADOPTED.search(span):
        return "adopted"
    if P_INFORMATION.search(objet):
        return "information"
    if P_TITLE_DECIDED.search(objet):
        return "adopted"  # "Le procès-verbal du 9 décembre est approuvé à l'unanimité": the heading tells the vote
    return None


P_DELIBERATION_TITLE = re.compile(r"D[ée]lib[ée]ration\b", re.I)
# A heading that tells its own vote; "Vote du budget" or "Approbation du …" names what is voted on, not the result.
P_TITLE_DECIDED = re.compile(
    r"\b(?:est|sont)\s+(?:adopt|approuv|valid)|\b(?:approuve|adopte|valide)\s+(?:le|la|les|l['’])\s?"
    r"|\b[àa]\s+l['’]\s?unanimit|\b[àa]\s+la\s+majorit",
    re.I,
)


def read_items(text: str, start: int = 0, end: int | None = None) -> list[Item]:
    """The items of the minutes ``text[start:end]`` (after the attendance block), in order."""
    end = len(text) if end is None else end
    return items_at(text, find_headings(text, start, end), end)


def items_at(text: str, heads: list[Heading], end: int) -> list[Item]:
    """The items that start at ``heads`` (in text order), each running to the next or ``end``."""
    items: list[Item] = []
    for k, head in enumerate(heads):
        stop = heads[k + 1].start if k + 1 < len(heads) else end
        objet, span = _vote_cut(text, *_title(text, head.end, stop))
        votes = _votes(text, span[1], stop)
        rapporteur = P_RAPPORTEUR.search(text, head.end, min(stop, span[1] + 400))
        items.append(
            Item(
                ordre=k + 1,
                start=head.start,
                end=stop,
                label=head.label if head.scheme != "caps" else None,
                numero=head.label if head.scheme == "actnum" else _inline_number(text, head.end, span[1]),
                objet=objet,
                objet_span=span,
                rubrique=_rubric_of(heads, text, k),
                rapporteur=" ".join(rapporteur["who"].split()) if rapporteur else None,
                outcome=_outcome(text, span[1], stop, objet, votes),
                votes=votes,
                moves=[(" ".join(m.group().split()), m.start(), m.end()) for m in P_MOVE.finditer(text, span[1], stop)],
            )
        )
    return items


P_OBJET_LABEL = re.compile(r"\s*(?:OBJET|Objet)\s*[:\-–—]\s*")
P_INLINE_NUMBER = re.compile(r"\s*(?:D[ée]lib[ée]ration|D[ÉE]LIB[ÉE]RATION)\s+n[°o]\s?(?P<num>[\w/.-]*\d)", re.I)


def _inline_number(text: str, start: int, stop: int) -> str | None:
    """ "2) Délibération n° 2022-12-09/01 : …": the act number printed in a numbered heading."""
    match = P_INLINE_NUMBER.search(text, start, min(stop, start + 60))
    return match["num"] if match else None
