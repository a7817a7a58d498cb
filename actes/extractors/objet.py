"""The objet: after "Objet :", after the act's own numbered title, or the document's title.

Texts arrive with their line breaks flattened, so an objet ends where the body starts: "Vu",
"Le Conseil", "L'an …", a rapporteur, a civility — or a length cap.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import ClassVar

from actes.extractors.base import TextView
from actes.extractors.nature import P_KINDS, P_SESSION_TITLE
from actes.extractors.numero import P_BARE, P_DATED_NUMBER, P_NUMERO
from actes.extractors.patterns.dates_fr import P_DATE
from actes.extractors.patterns.heads import HEAD_CHARS, TITLE_CHARS, WEEKDAY, is_reference, squash
from actes.extractors.patterns.scan import scanned
from actes.extractors.stamp import mask_stamps
from actes.schemas.provenance import Finding

MAX_OBJET = 400
# Where the body begins after an objet.
P_BODY_START = scanned(re.compile(
    r"\s(?:Vu\b|VU\b|Le\s+[Cc]onseil|LE\s+CONSEIL|La\s+[Cc]ommission|Le\s+[Bb]ureau|L[ae]\s+[Mm]aire|Le\s+[Pp]r[ée]sident|Le\s+[Pp]r[ée]fet|Le\s+Comit[ée]"
    r"|Rapporteur|RAPPORTEUR|Expos[ée]|EXPOS[ÉE]|Consid[ée]rant|Cher|Mesdames|Apr[èe]s\s"
    # "Mme NOM EXPOSE :": a civility ends the objet only when a rapporteur speaks
    r"|(?:M\.|Mme|MME|Monsieur|Madame)\s+(?:[A-ZÀ-Ý][\w\-]+\s+){1,3}(?:EXPOSE|expose|rapporte|pr[ée]sente|donne\s+lecture)"
    r"|L['’]\s?an\b|L['’]\s?AN\b|Nombre\s+de|NOMBRE\s+DE|Date\s+de|Pr[ée]sents?\s*:|Sur\s+(?:le\s+)?rapport|Il\s+est\s|Conform[ée]ment"
    rf"|Le\s+{WEEKDAY}|Le\s+\d|S[ée]ance\s|SÉANCE\s|SEANCE\s|Secr[ée]taire|Etaient|[ÉE]taient|ÉTAIENT|Ordre\s+du\s+jour|Page\s+\d|Sommaire|SOMMAIRE"
    r"|Table\s+des|Pr[ée]ambule|PR[ÉE]AMBULE|\d+\s*/\s*\d+\s|Le\s+pr[ée]sent|La\s+pr[ée]sente|Compte\s+tenu"
    # a prefect's or mayor's title opening the recitals (arrêtés), a repeated act header
    r"|LE\s+PR[ÉE]FET|LE\s+MAIRE|LE\s+PR[ÉE]SIDENT|LA\s+PR[ÉE]SIDENTE|D[ée]lib[ée]ration\s+n\s?°|DÉLIBÉRATION\s+N\s?°"
    # a contract's parties clause follows its title ("Convention de partenariat … ENTRE Commune de X, représentée")
    r"|ENTRE\s|Entre\s+les\s+soussign)"
))
P_OBJET_LABEL = scanned(re.compile(r"\bObjet(?:\s+de\s+la\s+d[ée]lib[ée]ration)?\s*:\s*", re.I))
# On texts that keep their lines, an objet ends at a line that starts a sentence of the body.
P_NEXT_LINE_BODY = scanned(re.compile(r"\n\s*(?:Les?|La|Il|Elle|Ce|Cette|Un|Une|Après|Sur|Dans|Par|Pour|En|Au|Considérant|Le\s+\d)\b"))
# An all-caps title line of three words or more ("PROJET DE TERRITOIRE 2022 - 2030").
_CAPS_TOKEN = r"(?:[-–(]?[A-ZÀ-ÖØ-ÝŒ0-9][A-ZÀ-ÖØ-ÝŒ0-9'’\-–.()°/]*(?![a-zà-ÿ'’])|[-–:&/])"
P_CAPS_RUN = re.compile(rf"(?:{_CAPS_TOKEN}\s+){{2,}}{_CAPS_TOKEN}")
P_YEAR_TOKEN = scanned(re.compile(r"\b20\d\d(?:\s?[-–/]\s?20\d\d)?\)?"))
ITEM_KINDS = {"minutes", "list"}  # documents whose "Objet :" lines introduce their items
SESSION_KINDS = {"minutes", "list", "agenda", "draft"}  # titles that end with their session date
# A table of contents heading, followed by its first entry ("SOMMAIRE 1) …", "Sommaire Vote de l'urgence …");
# not the adjective of "Compte-rendu sommaire du Conseil".
P_CONTENTS = scanned(re.compile(r"\b(?:SOMMAIRE|Sommaire|TABLE\s+DES\s+MATI[ÈE]RES|Table\s+des\s+mati[èe]res)(?=\s+(?:\d|[A-ZÀ-Ý]))"))
# "Date de convocation et d'affichage : 30/10/2021", "Nombre de conseillers en exercice : 69", "Votants : 50":
# the header block of a register extract, between the act's number and its title.
P_HEADER_FIELD = re.compile(
    r"\s*(?:Date\s+de\s+(?:la\s+)?convocation(?:\s+et\s+d['’]\s?affichage)?|Date\s+d['’]\s?affichage|Nombre\s+de\s+[^:\n]{0,60}?"
    r"|Pr[ée]sents|Repr[ée]sent[ée]s|Votants|En\s+exercice|Absents?(?:\s+excus[ée]s)?|Pouvoirs|Procurations)\s*:\s*",
    re.I,
)
P_REGISTER_HEADING = re.compile(r"(?:extraits?\s+d[ue]s?|registre\s+des)\s", re.I)
P_OPENING = scanned(re.compile(r"\bL['’]\s?(?:an|AN)\s+(?:deux|DEUX|mil|MIL)"))
P_MASK_GAP = re.compile(r"\s{8,}")
CAPS_SKIP = re.compile(r"^(?:R[ÉE]PUBLIQUE|D[ÉE]PARTEMENT|ARRONDISSEMENT|EXTRAIT|LIBERT[ÉE]|COMMUNE\s+DE|VILLE\s+DE|MAIRIE)", re.I)


def until_body(text: str, start: int) -> tuple[int, int] | None:
    """Span from ``start`` to where the body starts (or the cap)."""
    end_match = P_BODY_START.search(text, start, start + MAX_OBJET)
    end = end_match.start() if end_match else min(len(text), start + MAX_OBJET)
    line_end = P_NEXT_LINE_BODY.search(text, start, end)
    if line_end is not None:
        end_match, end = line_end, line_end.start()
    if end_match is None:
        sentence = re.search(r"[.;](?:\s|$)", text[start:end])
        if sentence:
            end = start + sentence.start() + 1
    piece = squash(text[start:end])
    return (start, end) if len(piece) >= 4 else None


def _caps_run_at(head: str, pos: int) -> tuple[int, int] | None:
    """The all-caps run (two words or more) that holds offset ``pos``."""
    for run in P_CAPS_RUN.finditer(head, max(0, pos - 200), pos + 400):
        if run.start() <= pos < run.end():
            return run.span()
    return None


@lru_cache(maxsize=8)  # the objet extractor asks twice per head (its label, its title)
def _kind_matches(head: str) -> tuple[tuple[str, re.Match], ...]:
    found = []
    for _nature, kind, pattern in P_KINDS:
        hits = [m for m in pattern.finditer(head, 0, TITLE_CHARS) if not is_reference(head, m.start())]
        found.extend((kind, m) for m in hits[:3])
    return tuple(sorted(found, key=lambda item: item[1].start()))


# Where a caps title gives way to the body ("… N°1 PREAMBULE :", "… ALERTE LE PRÉFET DE …"); unlike
# P_BODY_START, "SÉANCE" is part of a title ("PROCÈS VERBAL DE LA SÉANCE OFFICIELLE DU …").
P_TITLE_END = scanned(re.compile(
    r"\s(?:PR[ÉE]AMBULE|Pr[ée]ambule|SOMMAIRE|Sommaire|LE\s+PR[ÉE]FET|LE\s+MAIRE|LE\s+PR[ÉE]SIDENT|L['’]\s?AN\b"
    r"|Nombre|NOMBRE|Table\s+des|Vu\b|VU\b|\d+\s*/\s*\d+\s|Page\s+\d)"
))
# "27/03/23 - …": a running header's date; "FOLIO 70 …": a register's folio mark
P_LEADING_NOISE = re.compile(r"(?:(?:FOLIO\s+|Folio\s+)?[\d/.\-–:|]+\s+)+")
# A caps title cut by a column break ends on a word that waits for the rest ("LISTE DES DELIBERATIONS
# DU CONSEIL SEANCE <column> MUNICIPAL DU 16 FEVRIER", Viry-Châtillon OCR): a title never ends there.
P_DANGLING_END = re.compile(r"(?:\s+(?:DU|DE|DES|D['’]|LA|LE|LES|ET|EN|À|A|AU|AUX|S[ÉE]ANCE|du|de|des|la|le|les|et|en|au|aux))+\s*$")
CAPS_NEAR_KIND = 200  # a caps title this close after a mixed-case running header wins over it


def _trimmed(head: str, span: tuple[int, int], at_year: bool = False) -> tuple[int, int]:
    """A caps title cut where the body starts, and at its year when it runs on or ``at_year``."""
    start, end = span
    noise = P_LEADING_NOISE.match(head, start, end)
    if noise is not None and noise.end() < end:
        start = noise.end()  # "27/03/23 - CONSEIL MUNICIPAL …": a running header's date
    body = P_TITLE_END.search(head, start, end)
    end = body.start() if body else end
    if end - start > MAX_TITLE or at_year:
        year = P_YEAR_TOKEN.search(head, start, end)
        if not (at_year and year is None):
            end = year.end() if year else start + MAX_TITLE
    dangling = P_DANGLING_END.search(head[start:end])
    if dangling is not None and dangling.start() > 0:
        end = start + dangling.start()
    return start, end


def title_text(text: str) -> str:
    """A title without the OCR debris of table cells ("PROCÈS VERBAL | VI LLE | Fe | SÉANCE …").

    OCR prints table borders as "|"; a cell whose words are mostly one- or two-letter fragments
    is a logo or a stamp broken into letters, not part of the title.
    """
    cells = [cell for cell in text.split("|") if cell.strip()]
    if len(cells) < 2:
        return squash(text)
    kept = [cell for cell in cells if 2 * sum(len(w) >= 3 for w in cell.split()) > len(cell.split())]
    return squash(" ".join(kept))


# The assembly that sat, naming a session before the kind word ("Commission permanente du 29 mars 2023
# Procès-verbal", Île-de-France; "Bureau communautaire du 6 mars 2023 Relevé de décisions").
P_ASSEMBLY = scanned(re.compile(
    r"\b(?:conseil\s+(?:municipal|communautaire|d[ée]partemental|r[ée]gional|m[ée]tropolitain|syndical|de\s+communaut[ée])"
    rf"|commission\s+permanente|bureau(?:\s+communautaire)?|comit[ée]\s+syndical|assembl[ée]e\s+pl[ée]ni[èe]re)\s+du\s+(?:{WEEKDAY}\s+)?",
    re.I,
))


def _session_before(head: str, kind: re.Match) -> int | None:
    """Start of "<assembly> du <date>" printed right before a minutes kind word, if any."""
    for assembly in P_ASSEMBLY.finditer(head, max(0, kind.start() - 90), kind.start()):
        date = P_DATE.match(head, assembly.end())
        if date is not None and re.fullmatch(r"[\s\-–]*", head[date.end() : kind.start()]):
            return assembly.start()
    return None


def title_span(head: str) -> tuple[int, int] | None:
    """The document's title.

    A session title opening the document ("CONSEIL MUNICIPAL DU 20 FÉVRIER 2023."); an all-caps
    line holding the kind phrase ("CONSEIL MUNICIPAL DU 16 FEVRIER 2023 COMPTE RENDU"); the kind
    phrase through its session date ("Procès-verbal du Conseil Municipal du 9 février 2023") or
    through its year ("Budget Primitif 2020"); else the first all-caps line of three words.
    A table of contents ("SOMMAIRE 1) COMMUNICATION DU MAIRE 3 II. APPROBATION …", minutes)
    lists the document's items: the title is looked for before it only.
    """
    contents = P_CONTENTS.search(head, 0, TITLE_CHARS)
    limit = contents.start() if contents else TITLE_CHARS
    # the opening formula ("L'an deux mille vingt-trois, le …") starts the body: a kind word after it
    # heads a section of the minutes ("ORDRE DU JOUR"), not the document
    opening = P_OPENING.search(head, 0, limit)
    kinds = [(kind, match) for kind, match in _kind_matches(head) if match.start() < (opening.start() if opening else limit)]
    # "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS …" names the register the act is copied from, never its subject
    kinds = [(kind, match) for kind, match in kinds if not P_REGISTER_HEADING.match(head, match.start())]
    session = P_SESSION_TITLE.search(head, 0, 200)
    if session is not None and not (kinds and kinds[0][1].start() < session.start("kw")):
        run = _caps_run_at(head, session.end() - 1)
        date = P_DATE.search(head, session.end() - 3, session.end() + 40)
        if run is not None:
            return _trimmed(head, run)
        if date is not None:
            return session.start("kw"), date.end()
    if kinds and kinds[0][0] == "draft":
        # a cahier of drafts prints "PROJET DE DÉLIBÉRATION" over each draft: a caption, not the file's title
        return None
    first = kinds[0][1].start() if kinds else 0
    for kind, match in kinds:
        run = _caps_run_at(head, match.start())
        if run is not None and run[1] - match.start() > 6 and match.start() - first <= CAPS_NEAR_KIND:
            # a contract or report title starts at its kind word; minutes keep "CONSEIL MUNICIPAL DU …" before it,
            # unless the kind phrase names its own session ("CONSEIL MUNICIPAL JEUDI 04 JUIN 2020 PROCES – VERBAL
            # DU CONSEIL MUNICIPAL DU 30 JANVIER 2020": the header is the session where the minutes are approved)
            own_date = P_DATE.search(head, match.end(), min(run[1], match.end() + 60))
            start = run[0] if re.search(r"CONSEIL|S[ÉE]ANCE|BUREAU|R[ÉE]UNION|\d{4}", head[run[0] : match.start()]) else match.start()
            if start < match.start() and own_date is not None and P_DATE.search(head, start, match.start()):
                return match.start(), own_date.end()
            # a report's cover title ends at its year; what follows is a tagline ("RAPPORT DÉVELOPPEMENT
            # DURABLE 2022 TRANSITION ÉCOLOGIQUE SOLIDARITÉ …", Alès)
            at_year = kind == "report" and start == match.start()
            return _trimmed(head, (start, run[1]), at_year=at_year)
    for kind, match in kinds:
        if kind in SESSION_KINDS:
            before = _session_before(head, match)
            if before is not None:
                return before, match.end()
            date = P_DATE.search(head, match.start(), match.start() + 120)
            # "CONVOCATION Le vingt-quatre janvier …": the date right after the kind word is the letter's dateline
            dateline = re.fullmatch(r"\s*le\s+", head[match.end() : date.start()], re.I) if date is not None else None
            if date is not None and dateline is None and not re.search(r"[.;\n]", head[match.start() : date.start()]) \
                    and re.search(r"\b(?:du|le|municipal|communautaire)\s+(?:\w+\s+)?$", head[match.start() : date.start()], re.I):
                return match.start(), date.end()
            line_end = head.find("\n", match.start(), match.start() + 100)
            if line_end > 0:  # "C-R du Conseil municipal" on its own line
                return match.start(), line_end
        else:
            year = P_YEAR_TOKEN.search(head, match.start(), match.start() + 100)
            if year is not None and not re.search(r"[.;]", head[match.start() : year.start()]):
                return match.start(), year.end()
    for run in P_CAPS_RUN.finditer(head, 0, limit):
        # "<NAME, OCR'D> CONSEIL MUNICIPAL DU 23 FEVRIER 2023": the authority's name, then the
        # session title
        session = P_ASSEMBLY.search(head, run.start(), run.end())
        date = P_DATE.match(head, session.end()) if session is not None else None
        if date is not None and date.end() <= run.end() + 1:
            return session.start(), date.end()
        # a masked stamp between two caps words leaves a wide gap: two page columns, not one title
        # ("CONSEIL MUNICIPAL <stamp> ANNEXES", Billère annex)
        piece = P_MASK_GAP.split(run.group())[0]
        words = piece.split()
        if len(words) >= 3 and words[0].isalpha() and not CAPS_SKIP.match(piece) and sum(w.isalpha() and len(w) > 2 for w in words) >= 3:
            return _trimmed(head, (run.start(), run.start() + len(piece.rstrip())))
    return None


# "Arrêté du 27 juillet 2016 Portant approbation de la carte communale…": an arrêté's objet is the
# participle phrase after its title.
P_ARRETE = scanned(re.compile(r"\barr[êe]t[ée]\b", re.I))
P_PARTICIPLE = scanned(re.compile(
    r"\b(?:portant|relatif|relative|fixant|modifiant|autorisant|approuvant|prescrivant|reconnaissant|d[ée]signant|"
    r"accordant|instituant|interdisant|r[ée]glementant|d[ée]clarant|abrogeant|prononçant|nommant|habilitant|"
    r"d[ée]l[ée]guant|d[ée]finissant|pla[çc]ant|mettant|ordonnant|limitant|restreignant)\b",
    re.I,
))
MAX_TITLE = 160


def arrete_objet_span(head: str) -> tuple[int, int] | None:
    for title in P_ARRETE.finditer(head, 0, TITLE_CHARS):
        if is_reference(head, title.start()):
            continue
        participle = P_PARTICIPLE.search(head, title.end(), title.end() + 90)
        if participle is None or re.search(r"[.;]|\bvu\b", head[title.end() : participle.start()], re.I):
            continue
        return until_body(head, participle.start())
    return None


class ObjetExtractor:
    name: ClassVar[str] = "objet"
    fields: ClassVar[tuple[str, ...]] = ("objet",)

    def extract(self, view: TextView) -> Iterator[Finding]:
        head = mask_stamps(view.text[:HEAD_CHARS])
        label = P_OBJET_LABEL.search(head)
        kinds = _kind_matches(head)
        if label is not None and kinds and kinds[0][0] in ITEM_KINDS and kinds[0][1].start() < label.start():
            label = None  # in minutes or a list, "Objet :" opens each item (Saint-Jean-de-Védas PV), not the file
        if label is not None:
            span = until_body(head, label.end())
            if span:
                yield view.finding("objet", squash(head[span[0] : span[1]]), "objet:label", span, confidence=0.85)
        for match in self._numbered_titles(head):
            after = self._skip_header(head, match.end())
            span = until_body(head, after)
            if span:
                yield view.finding("objet", squash(head[span[0] : span[1]]), "objet:after-number", span, confidence=0.75)
            break
        span = arrete_objet_span(head)
        if span is not None:
            yield view.finding("objet", squash(head[span[0] : span[1]]), "objet:arrete", span, confidence=0.75)
        span = title_span(head)
        if span is not None:
            yield view.finding("objet", title_text(head[span[0] : span[1]]), "objet:title", span, confidence=0.5, labelled=False)

    @staticmethod
    def _numbered_titles(head: str) -> Iterator[re.Match]:
        matches = [m for p in (P_NUMERO, P_DATED_NUMBER, P_BARE) for m in p.finditer(head) if not is_reference(head, m.start())]
        yield from sorted(matches, key=lambda m: m.start())

    @staticmethod
    def _skip_header(head: str, after: int) -> int:
        """Past "du 25 janvier 2023", a repeated "DÉLIBÉRATION N°CP 2023-024" (Île-de-France), and
        the labelled dates and counts a register extract prints between number and title."""
        for _ in range(10):
            field = P_HEADER_FIELD.match(head, after)
            value = field and (P_DATE.match(head, field.end()) or re.compile(r"\d+\b").match(head, field.end()))
            if value:
                after = value.end()
                continue
            date = re.match(r"\s*(?:du|en\s+date\s+du)\s+", head[after:], re.I)
            if date:
                found = P_DATE.match(head, after + date.end())
                if found:
                    after = found.end()
                    continue
            again = P_NUMERO.match(head, after + len(head[after:]) - len(head[after:].lstrip()))
            if again:
                after = again.end()
                continue
            break
        return after
