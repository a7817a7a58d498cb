"""The transmission stamp printed by the TdT, and the @CTES act ID it carries.

Families seen on real acts:
- "Envoyé en préfecture le … Reçu en préfecture le … Affiché le | Publié le … ID : …", repeated
  on every page, interleaved with header columns, with dates left blank;
- "Accusé de réception en préfecture <ID> Date de télétransmission : … Date de réception
  préfecture : …";
- short and prose forms: "Reçu le …" next to an ID, "transmis au représentant de l'État le …",
  "reçu par le représentant de l'État le …", "certifié exécutoire … réception en préfecture le …";
- a recueil's "PUBLIÉ LE …" under its title (its publication date).

``mask_stamps`` blanks stamp text (same length, so spans stay valid) for the header
extractors, which would otherwise read "Publié le 26/01/2023" as a title or a date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import ClassVar

from actes.extractors.base import TextView
from actes.extractors.patterns.dates_fr import P_DATE, date_from_match
from actes.extractors.patterns.ids import find_ctes_ids, siren_is_valid
from actes.extractors.patterns.scan import scanned
from actes.schemas.provenance import Finding, SourceKind

_PREF = r"(?:sous-?\s?)?pr[ée]fecture"
_ETAT = r"(?:repr[ée]sentant\s+de\s+l['’]\s?[ÉE]tat|contr[ôo]le\s+de\s+l[ée]galit[ée]|" + _PREF + ")"
# (field, label regex, needs stamp context). Context = another stamp element nearby, so that
# "Affichée le 9 mars" after a convocation (a communauté's minutes) is not read as a publication.
_LABELS: list[tuple[str, str, bool]] = [
    # "Envoyé en préfecture le" (S2LOW/FAST stamps), "Date de télétransmission :" (AR stamp)
    ("transmission.date_envoi", rf"Envoy[ée]e?\s+en\s+{_PREF}\s+le", False),
    ("transmission.date_envoi", r"Date\s+de\s+t[ée]l[ée]\s?transmission\s*:?", False),
    # prose: "transmis(e) au représentant de l'État / en préfecture le"
    ("transmission.date_envoi", rf"transmise?s?\s+(?:au|à\s+la|en)\s+{_ETAT}\s+le", False),
    ("transmission.date_reception", rf"Re[çc]ue?\s+en\s+{_PREF}\s+le", False),
    ("transmission.date_reception", rf"Date\s+de\s+r[ée]ception\s+(?:en\s+)?{_PREF}\s*:?", False),
    # prose: "reçu par le représentant de l'État le", "réception en préfecture le" (certifié exécutoire)
    ("transmission.date_reception", rf"re[çc]ue?\s+par\s+le\s+{_ETAT}\s+le|r[ée]ception\s+(?:en|à\s+la|par\s+la)\s+{_PREF}\s+le", False),
    ("transmission.date_reception", r"\bRe[çc]u\s+le", True),  # short stamp "Reçu le …"
    # "Accusé de réception - Ministère de l'Intérieur / <ID> / Acte certifié exécutoire /
    # Réception par le préfet : 24/01/2025 / Publication : 26/01/2025" (FAST-style block or footer)
    ("transmission.date_reception", r"R[ée]ception\s+par\s+le\s+pr[ée]fet\s*:", False),
    # …but not "Date de convocation et d'affichage : …" (the convocation's posting)
    ("transmission.date_publication", r"(?<![’'\w])(?<!de\s)(?:Publication|Affichage)\s*:", True),
    ("transmission.date_publication", r"\b(?:Affich[ée]|Publi[ée])\s+le", True),
    ("transmission.date_publication", r"\bDate\s+de\s+(?:publication|mise\s+en\s+ligne)\s*:?", True),
    # prose of "certifié exécutoire": "publication (ou notification) le", "affichage le"
    ("transmission.date_publication", r"(?:publication|affichage)(?:\s+ou\s+notification)?\s+le", True),
]
P_LABELS = [(field, scanned(re.compile(rf"(?:{label})\s*:?\s*", re.I)), ctx) for field, label, ctx in _LABELS]
# What makes a passage a stamp: the ID, the préfecture, the AR header, a recueil's title.
P_CONTEXT = scanned(re.compile(
    rf"\bID\s*:|en\s+{_PREF}|Accus[ée]\s+de\s+r[ée]ception|RECUEIL\s+DES\s+ACTES|certifi[ée]\s+ex[ée]cutoire|{_ETAT}",
    re.I,
))
# A convocation's posting is not the act's publication ("Convocation du : 9 mars
# 2023 - Affichée le 9 mars 2023").
P_NOT_ACT = re.compile(r"convoc|ordre\s+du\s+jour", re.I)
CONTEXT_CHARS = 160
HEAD_FREE_CHARS = 200  # "Publié le … à X" atop a document (a budget decision): no context needed
# A recueil des actes administratifs: the date under its title is its publication (e.g.
# "RECUEIL DE DOCUMENTATION GENERALE ET DES ACTES ADMINISTRATIFS … 20 janvier 2016").
P_RECUEIL = scanned(re.compile(r"RECUEIL\s+(?:DE\s+DOCUMENTATION\s+G[ÉE]N[ÉE]RALE\s+ET\s+)?DES\s+ACTES\s+ADMINISTRATIFS", re.I))
P_NOT_DATE_LABEL = re.compile(r"(?:\bdu|\bn°\s*\S*|\bau)\s*$", re.I)
DATE_WINDOW = 40
NATURE_BY_SUFFIX = {"DE": "deliberation", "CC": "contrat", "BF": "budget"}  # AR/AI: réglementaire/individuel, any kind

# Whole stamp phrases, for masking: label + optional date, the ID, the AR header.
P_STAMP_TEXT = scanned(re.compile(
    rf"(?:Envoy[ée]e?\s+en\s+{_PREF}\s+le|Re[çc]ue?\s+en\s+{_PREF}\s+le|(?:Affich[ée]|Publi[ée])\s+le"
    rf"|Accus[ée]\s+de\s+r[ée]ception\s+en\s+{_PREF}|Date\s+de\s+t[ée]l[ée]\s?transmission\s*:?"
    rf"|Date\s+de\s+r[ée]ception\s+(?:en\s+)?{_PREF}\s*:?)\s*:?\s*(?:\d\d?/\d\d/\d{{2,4}}|\d\d?\s?(?:er)?\s+\w+\.?\s+\d{{4}})?"
    r"|\bID\s*:\s*\S+(?:-(?:DE|AR|AI|CC|BF|AU))?",
    re.I,
))


@lru_cache(maxsize=32)  # each header extractor masks the same head: mask it once
def mask_stamps(text: str) -> str:
    """``text`` with stamp phrases and IDs replaced by spaces (offsets unchanged)."""
    out = P_STAMP_TEXT.sub(lambda m: " " * len(m.group()), text)
    for _, match in find_ctes_ids(out):
        out = out[: match.start()] + " " * (match.end() - match.start()) + out[match.end() :]
    return out


def _in_context(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - CONTEXT_CHARS) : start]
    after = text[end : end + CONTEXT_CHARS]
    if P_NOT_ACT.search(text[max(0, start - 60) : start]):
        return False
    return bool(P_CONTEXT.search(before) or P_CONTEXT.search(after))


class StampExtractor:
    name: ClassVar[str] = "stamp"
    fields: ClassVar[tuple[str, ...]] = (
        "transmission.pref_id", "transmission.date_envoi", "transmission.date_reception",
        "transmission.date_publication", "collectivite.siren", "nature_actes",
    )

    def extract(self, view: TextView) -> Iterator[Finding]:
        text = view.text
        for field, pattern, needs_context in P_LABELS:
            for label in pattern.finditer(text):
                # The date follows the label closely; a blank date ("Publié le ID : …") yields nothing.
                date_match = P_DATE.match(text, label.end(), label.end() + DATE_WINDOW)
                if date_match is None:
                    continue
                value = date_from_match(date_match)
                if value is None:
                    continue
                if needs_context and label.start() > HEAD_FREE_CHARS and not _in_context(text, label.start(), date_match.end()):
                    continue
                span = (label.start(), date_match.end())
                yield view.finding(field, value, self.name, span, source=SourceKind.stamp, confidence=0.95)
        yield from self._recueil_date(view)
        for ctes_id, match in find_ctes_ids(text):
            yield view.finding("transmission.pref_id", str(ctes_id), self.name, match, source=SourceKind.stamp, confidence=0.95)
            if siren_is_valid(ctes_id.siren):  # Luhn-checked: a SIREN that fails it is no SIREN
                yield view.finding("collectivite.siren", ctes_id.siren, "stamp:id", match.span("siren"), source=SourceKind.derived, confidence=0.9)
            yield view.finding("nature_actes", ctes_id.nature, "stamp:id", match.span("nat"), source=SourceKind.derived, confidence=0.9)
            if ctes_id.nature in ("BF", "CC"):  # budget documents and contracts, whatever the title says
                yield view.finding("nature", NATURE_BY_SUFFIX[ctes_id.nature], "stamp:id", match.span("nat"), source=SourceKind.derived, confidence=0.8)

    def _recueil_date(self, view: TextView) -> Iterator[Finding]:
        title = P_RECUEIL.search(view.text, 0, 1500)
        if title is None:
            return
        window_end = title.end() + 150
        for match in P_DATE.finditer(view.text, title.end(), window_end):
            if P_NOT_DATE_LABEL.search(view.text[max(0, match.start() - 15) : match.start()]):
                continue
            value = date_from_match(match)
            if value is not None:
                yield view.finding("transmission.date_publication", value, "stamp:recueil", (title.start(), match.end()), confidence=0.8)
            return
