"""The act's number as printed in its own title ("DÉLIBÉRATION N°CP 2023-024", "Délibération
07/12/2022— 2", "RECUEIL … N°19-2023-005"), never one cited in the recitals."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from actes.extractors.base import TextView
from actes.extractors.patterns.heads import HEAD_CHARS, TITLE_CHARS, is_reference
from actes.extractors.patterns.scan import scanned
from actes.extractors.stamp import mask_stamps
from actes.schemas.provenance import Finding

_ACT_WORD = (
    r"(?:d[ée]lib[ée]ration|DELTBERATION|arr[êe]t[ée](?:\s+(?:municipal|pr[ée]fectoral|du\s+maire|du\s+pr[ée]sident))?"
    r"|d[ée]cision(?:\s+du\s+(?:maire|pr[ée]sident))?|compte[\s\-]rendu|recueil\s+des\s+actes\s+administratifs(?:\s+sp[ée]cial)?)"
)
# The number: an optional short prefix ("CP 2023-024", "DEL2023-01"), then digits and separators;
# "2020-02-25 1812" (EPT Grand-Orly: session date then a register number).
_NUM = r"(?P<num>(?:[A-Z]{1,4}\s)?[A-Za-z]{0,8}[_\-]?\d[\dA-Za-z_\-/.]*(?:\s\d{3,5}(?=\s))?)"
P_NUMERO = scanned(re.compile(rf"{_ACT_WORD}\s*(?:n\s?[°º]|N\s?[°º]|num[ée]ro|no\.)\s*:?\s*{_NUM}", re.I))
# "REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL N° DEL2019_101": the register's heading then the number
P_REGISTER_NUMBER = scanned(re.compile(
    rf"d[ée]lib[ée]rations\s+du\s+(?:conseil|comit[ée]|bureau)(?:\s+\w+)?\s*(?:n\s?[°º]|N\s?[°º])\s*:?\s*{_NUM}", re.I))
# "Délibération 07/12/2022— 2" (an extract): the session date, a dash, the number.
P_DATED_NUMBER = scanned(re.compile(r"d[ée]lib[ée]ration\s+\d\d?/\d\d/\d{4}\s?[—–-]\s?(?P<num>\d{1,4})\b", re.I))
# A bare "N°41/Agenda 21" right after the session line (extracts).
P_BARE = re.compile(rf"(?:(?<=\d{{4}} )|(?<=\n)\s*)N\s?°\s*{_NUM}")


def clean_numero(raw: str) -> str | None:
    num = raw.strip(" .,;:-")
    num = re.sub(r"/[A-Za-z][^/]*$", "", num)  # "41/Agenda" → "41": a theme after the slash
    if not re.search(r"\d", num) or len(num) > 40:
        return None
    if re.fullmatch(r"(?:19|20)\d\d", num):
        return None  # a year alone is a date, not a number
    return num


class NumeroExtractor:
    name: ClassVar[str] = "numero"
    fields: ClassVar[tuple[str, ...]] = ("numero",)

    def extract(self, view: TextView) -> Iterator[Finding]:
        head = mask_stamps(view.text[:HEAD_CHARS])
        patterns = ((P_NUMERO, HEAD_CHARS, 0.75), (P_REGISTER_NUMBER, TITLE_CHARS, 0.7), (P_DATED_NUMBER, TITLE_CHARS, 0.7), (P_BARE, 800, 0.6))
        firsts = []  # the first number each layout finds; the earliest in the text is the act's own
        for pattern, limit, confidence in patterns:
            for match in pattern.finditer(head, 0, limit):
                if is_reference(head, match.start()):
                    continue
                numero = clean_numero(match["num"])
                if numero:
                    firsts.append((match.start(), numero, match, confidence))
                    break
        for _, numero, match, confidence in sorted(firsts, key=lambda item: item[0])[:1]:
            yield view.finding("numero", numero, _kind_of(match), match.span("num"), confidence=confidence)


P_TITLE_WORD = re.compile(r"compte|recueil", re.I)


def _kind_of(match: re.Match) -> str:
    """"numero:title" for a document's own number (compte rendu, recueil), "numero:act" otherwise."""
    return "numero:title" if P_TITLE_WORD.match(match.group()) else "numero:act"
