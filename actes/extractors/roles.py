"""People: président de séance, secrétaire de séance, signataire (name and qualité).

Rules first ("sous la présidence de M. Prénom NOM", "Secrétaire de séance : …", a signature
block "Le Maire, Prénom NOM"). Where a rule finds the label but no name it can trust
(mixed case, OCR), spaCy's NER reads the few characters after the label (SourceKind.nlp).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from actes.extractors import nlp
from actes.extractors.base import TextView
from actes.extractors.patterns.names_fr import (
    CIVILITY,
    FIRST,
    P_PERSON,
    P_PERSON_AFTER_LABEL,
    P_QUALITE,
    PERSON,
    TITLE,
    clean_person,
)
from actes.extractors.patterns.scan import scanned
from actes.schemas.provenance import Finding, SourceKind

# "sous la présidence de Monsieur le Maire Prénom NOM", "présidée par", "Président de séance :"
P_PRESIDENT = scanned(re.compile(
    r"(?:sous\s+la\s+pr[ée]sidence\s+(?:de\s+|d['’]\s?)|pr[ée]sid[ée]e?\s+par\s+|pr[ée]sident(?:e)?\s+de\s+(?:la\s+)?s[ée]ance\s*:\s*)"
    rf"(?:(?:{CIVILITY}\s*)?(?:le|la)\s+(?:Maire|Pr[ée]sidente?)\s*,?\s*)?",
    re.I,
))
# "Secrétaire de séance : X", "Secrétaire : X", "Le Secrétaire de séance est désigné : X", "… séance Brigitte PAYERAS"
P_SECRETARY = scanned(re.compile(
    r"secr[ée]taire(?:\s+de\s+(?:la\s+)?s[ée]ance)?\s*(?:(?:est|a\s+[ée]t[ée])\s+(?:d[ée]sign[ée]e?|nomm[ée]e?|[ée]lue?))?\s*:\s*"
    r"|secr[ée]taire\s+de\s+s[ée]ance\s+(?=[A-Z])",
    re.I,
))
# "Monsieur Pierre DUMAINE a été désigné secrétaire de séance", "Madame Evelyne Laborde a été nommée
# secrétaire", "… à la nomination d'un secrétaire de séance … Mme X a été désignée pour remplir cette fonction"
P_SECRETARY_AFTER = re.compile(
    r"\s*,?\s+(?:a\s+[ée]t[ée]\s+|est\s+)(?:d[ée]sign[ée]e?|nomm[ée]e?|[ée]lue?)\s+"
    r"(?:(?:pour\s+(?:remplir|assurer)\s+les\s+fonctions\s+de\s+|comme\s+|en\s+qualit[ée]\s+de\s+)?secr[ée]taire"
    r"|pour\s+(?:remplir|assurer)\s+(?P<anaphora>cette\s+fonction|ces\s+fonctions|les\s+fonctions))",
)
P_NAME_BEFORE = re.compile(rf"(?P<person>{PERSON}|{CIVILITY}\s*{FIRST}\s+{FIRST})$")
P_SECRETARY_WORD = scanned(re.compile(r"secr[ée]taire", re.I))


def _secretary_after(text: str) -> tuple[str, tuple[int, int]] | None:
    """The first "X a été désigné(e) secrétaire"; "… cette fonction" only right after the word
    secrétaire. Anchored on the verb, then the name is read backwards (fast on long minutes)."""
    for match in P_SECRETARY_AFTER.finditer(text):
        if match["anaphora"] and not P_SECRETARY_WORD.search(text, max(0, match.start() - 250), match.start()):
            continue
        window_start = max(0, match.start() - 80)
        person = P_NAME_BEFORE.search(text, window_start, match.start())
        if person:
            return person["person"], person.span("person")
    return None


# Where a signature block starts (the act's closing formula)
P_CLOSING = scanned(re.compile(
    r"Fait\s+(?:et\s+d[ée]lib[ée]r[ée]\s+)?[àa]\s|Pour\s+extrait\s+conforme|Ainsi\s+fait|Certifi[ée]\s+(?:conforme|ex[ée]cutoire)"
    r"|D[ée]lib[ée]r[ée]\s+les\s+jour|Sign[ée]\s+[ée]lectroniquement|Vu\s+pour\s+[êe]tre\s+annex[ée]",
    re.I,
))
P_SIGNED_BY = scanned(re.compile(
    rf"Sign[ée]\s+(?:[ée]lectroniquement\s+)?par\s*:?\s*(?P<person>{PERSON}|{FIRST}\s+{FIRST}(?![\w-]))"
))
P_TWO_CAPTIONS = scanned(re.compile(
    rf"(?:Le|La)\s+(?i:secr[ée]taire)(?:\s+de\s+s[ée]ance)?\s*,?\s*(?P<qualite>(?:Le|La)\s+(?i:{TITLE}))\s*,?\s*"
    rf"(?P<first>{PERSON})[^\n]{{0,20}}?(?P<second>{PERSON})"
))
# words NER glues to a name at a block's edge ("Martine Boyer Notifié le …")
P_NOT_NAME_TAIL = re.compile(r"\s+(?:Notifi|Publi|Affich|Re[çc]u|Envoy|Transmis|Date|Page|Commune|COMMUNE|Fait|Sign|ID\b)")
# Lines a TdT stamp or a page break put between a title and its name (generated "short-recu"
# variant: "La Présidente, / Reçu le 14/10/2021 / Contrôle de légalité / ID : … / <page> / NAME")
P_STAMP_LINE = re.compile(
    r"(?m)^\s*(?:Re[çc]u|Envoy[ée]|Publi[ée]|Affich[ée]|Accus[ée]|Contr[ôo]le\s+de\s+l[ée]galit[ée]|ID\s*:|Page\s+\d|\d+\s*/\s*\d+\s*$)[^\n]*$|\x0c"
)
STAMP_ROOM = 160
NAME_WINDOW = 90  # characters after a label where its name must start
SIGNATURE_TAIL = 1500  # without a closing formula, the signature sits in the last characters


class RolesExtractor:
    name: ClassVar[str] = "roles"
    fields: ClassVar[tuple[str, ...]] = ("president", "secretaire_seance", "signataire.nom", "signataire.qualite")

    def extract(self, view: TextView) -> Iterator[Finding]:
        yield from self._after_label(view, P_PRESIDENT, "president", "roles:president")
        found = list(self._after_label(view, P_SECRETARY, "secretaire_seance", "roles:secretaire"))
        if not any(f.source is not SourceKind.nlp for f in found):
            named = _secretary_after(view.text)
            if named:
                found.insert(0, view.finding("secretaire_seance", clean_person(named[0]), "roles:secretaire",
                                             named[1], confidence=0.85))
        yield from found[:1]
        yield from self._signature(view)

    def _after_label(self, view: TextView, pattern: re.Pattern, field: str, extractor: str) -> Iterator[Finding]:
        """The first labelled name; NLP only when labels exist but no rule-read name follows any."""
        text = view.text
        labels = list(pattern.finditer(text))
        for label in labels:
            match = P_PERSON_AFTER_LABEL.match(text, label.end())
            if match:
                yield view.finding(field, clean_person(match["person"]), extractor, match.span("person"), confidence=0.85)
                return
        for label in labels[:3]:
            finding = _nlp_name(view, label.end(), field, extractor)
            if finding is not None:
                yield finding
                return

    def _signature(self, view: TextView) -> Iterator[Finding]:
        text = view.text
        # The signature follows the last closing formula, unless a stamp ("Certifié exécutoire…")
        # was printed after it: then an earlier formula's block holds it.
        starts = [m.start() for m in P_CLOSING.finditer(text)][::-1] or [max(0, len(text) - SIGNATURE_TAIL)]
        for start in starts[:4]:
            captions = P_TWO_CAPTIONS.search(text, start)
            if captions:  # "Le secrétaire de séance Le Maire, Prénom NOM Prénom NOM"
                yield view.finding("signataire.qualite", clean_person(captions["qualite"]), "roles:signature", captions.span("qualite"))
                yield view.finding("signataire.nom", clean_person(captions["second"]), "roles:signature", captions.span("second"))
                return
            for qualite in P_QUALITE.finditer(text, start, start + SIGNATURE_TAIL):
                match = _name_after(text, qualite.end())
                if match:
                    yield view.finding("signataire.qualite", clean_person(qualite["qualite"]), "roles:signature", qualite, confidence=0.8)
                    yield view.finding("signataire.nom", clean_person(match[0]), "roles:signature", match, confidence=0.85)
                    return
        qualites = next((q for q in (list(P_QUALITE.finditer(text, start, start + SIGNATURE_TAIL)) for start in starts[:4]) if q), [])
        signed = P_SIGNED_BY.search(text)
        if signed:
            yield view.finding("signataire.nom", clean_person(signed["person"]), "roles:signed-by", signed.span("person"), confidence=0.85)
            before = list(P_QUALITE.finditer(text, max(0, signed.start() - 200), signed.start()))
            qualite = before[-1] if before else (qualites[0] if qualites else None)
            if qualite is not None:
                yield view.finding("signataire.qualite", clean_person(qualite["qualite"]), "roles:signature", qualite, confidence=0.75)
            return
        for qualite in qualites[:3]:  # NER reads the mixed-case name the rule could not
            finding = _nlp_name(view, qualite.end(), "signataire.nom", "roles:signature")
            if finding is not None:
                yield view.finding("signataire.qualite", clean_person(qualite["qualite"]), "roles:signature", qualite, confidence=0.75)
                yield finding
                return
        alone = _name_alone_below_place_and_date(text)
        if alone is not None:
            yield view.finding("signataire.nom", clean_person(alone[0]), "roles:signature", alone.span(), confidence=0.7)
        if qualites:  # a title and no name: the qualité alone
            yield view.finding("signataire.qualite", clean_person(qualites[0]["qualite"]), "roles:signature", qualites[0], confidence=0.75)


# "Fait à Vesoul, le 23 mars 2023" closing a prefectoral arrêté, its signature scribble (read by
# OCR as a stray "es") and the signatory's name alone on a line (a scanned arrêté).
P_PLACE_AND_DATE = scanned(re.compile(r"Fait\s+[àa]\s+[^\n,]{2,40},?\s+le\s+[^\n]{4,40}\n", re.I))
NOISE_LINE = 3  # at most this many characters: OCR of a signature, a stamp's edge


def _name_alone_below_place_and_date(text: str) -> re.Match | None:
    """A name standing alone on one of the few lines under the last "Fait à …, le …"."""
    closings = list(P_PLACE_AND_DATE.finditer(text))
    if not closings:
        return None
    offset, seen = closings[-1].end(), 0
    for line in text[offset : offset + 400].split("\n"):
        stripped = line.strip()
        start = offset + line.find(stripped) if stripped else offset
        offset += len(line) + 1
        if len(stripped) <= NOISE_LINE:
            continue
        match = P_PERSON.fullmatch(text, start, start + len(stripped))
        if match:
            return match
        seen += 1
        if seen >= 2:
            return None
    return None


def _name_after(text: str, offset: int) -> re.Match | None:
    """A rule-read name a few words after a title: "Le Maire de X, Prénom NOM",
    "La Directrice des Instances Virginie HEBERT"; not across a sentence."""
    match = P_PERSON.search(text, offset, offset + NAME_WINDOW + STAMP_ROOM)
    if match is None:
        return None
    gap = P_STAMP_LINE.sub(" ", text[offset : match.start()])  # a stamp or page break between title and name
    if len(gap.split()) > 8 or re.search(r"[;:]|\.\s+[a-z]", gap):
        return None
    return match


def _nlp_name(view: TextView, offset: int, field: str, extractor: str) -> Finding | None:
    """A PER entity of two words or more starting right after ``offset``."""
    window = view.text[offset : offset + NAME_WINDOW]
    for start, end, name in nlp.persons(window):
        if start > 25:
            break
        strict = P_PERSON.match(window, start)
        if strict:  # the rule reads the same place better: "Prénom NOM Prénom" → "Prénom NOM"
            start, end, name = strict.start(), strict.end(), strict[0]
        name = P_NOT_NAME_TAIL.split(name.split("\n")[0])[0]  # a name holds on one line
        end = start + len(name)
        name = clean_person(name)
        if 2 <= len(name.split()) <= 4 and not re.search(r"\d", name):
            return view.finding(field, name, f"{extractor}:ner", (offset + start, offset + end),
                                source=SourceKind.nlp, confidence=0.6)
    return None
