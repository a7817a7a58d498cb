"""The act's own dates: the decision (session or signature) and the convocation.

A head holds many dates: the convocation, its posting, the commission's opinion, visas, cited
délibérations, the previous minutes. Each date is taken only from what labels it, and the
earliest labelled session date wins (the title comes before the recitals).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import ClassVar

from actes.extractors.base import TextView
from actes.extractors.patterns.dates_fr import P_DATE, P_YEAR_FIRST, RE_NUMBER_WORD, date_from_match
from actes.extractors.patterns.heads import HEAD_CHARS, WEEKDAY
from actes.extractors.patterns.scan import scanned
from actes.extractors.patterns.tables import label_rows
from actes.extractors.stamp import mask_stamps
from actes.schemas.provenance import Finding

_ASSEMBLY = (
    r"(?:conseil\s+(?:municipal|communautaire|de\s+communaut[ée]|m[ée]tropolitain|d[ée]partemental|r[ée]gional|"
    r"territorial|syndical|d['’]\s?administration|d['’]\s?agglom[ée]ration)|bureau(?:\s+communautaire)?|"
    r"commission\s+permanente|comit[ée]\s+syndical|assembl[ée]e\s+(?:g[ée]n[ée]rale|pl[ée]ni[èe]re))"
)
_GAP = rf"(?:\s+{WEEKDAY})?\s*,?\s*"
_DATE_AHEAD = rf"(?=[0-3]?\d|{RE_NUMBER_WORD})"  # the label is followed by a date, not more words
# Labels that introduce the session date, strongest meaning first (all count the same: earliest wins).
P_SESSION = scanned(re.compile(
    r"(?:"
    # "Séance (publique|ordinaire) du", "SÉANCE DU 21 DÉCEMBRE 2022" (Vélizy), "lors de sa séance du"
    r"s[ée]ance\s+(?:(?:publique|ordinaire|extraordinaire|officielle|pl[ée]ni[èe]re)\s+)*(?:du\s+conseil(?:\s+\w+)?\s+)?(?:du|en\s+date\s+du)"
    # "CONSEIL MUNICIPAL DU 16 FEVRIER 2023", "Bureau communautaire du 6 mars 2023"
    # (no year among the words between: "… Mercredi 22 juin 2022 Convocation du 14 juin" is another date's)
    rf"|{_ASSEMBLY}(?:\s+(?:de\s+la\s+)?(?!\d{{4}}\b)[\w’'\-]+){{0,6}}?\s+(?:du|le)"
    # "CR du conseil municipal 24 juin 2022", "CONSEIL MUNICIPAL Mercredi 22 juin 2022": the date right after
    rf"|{_ASSEMBLY}(?=(?:\s+{WEEKDAY})?\s+\d{{1,2}}(?:er)?\s+[a-zéû]+\s+\d{{4}})"
    # lists of délibérations: "examinée le 9 décembre 2022", "EXAMINEES PAR LE CONSEIL MUNICIPAL LE 3 OCTOBRE"
    r"|examin[ée]e?s?\s+le"
    r"|r[ée]union\s+(?:du\s+conseil\s+\w+\s+)?du|session\s+(?:ordinaire\s+)?du"
    # own header "DÉLIBÉRATION N°CP 2023-024 DU 25 JANVIER 2023" (Île-de-France)
    r"|(?<![Ll]a\s)(?<![Vv]u\s)d[ée]lib[ée]ration\s+n\s?[°o]\s*\S+(?:\s+\S+)?\s+du|d[ée]lib[ée]ration\s+(?=\d\d?/\d\d/\d{4})"
    r")" + _GAP,
    re.I,
))
# Signature date: "Fait à Laval, le 19 janvier 2016" — the decision date of an arrêté or décision.
P_SIGNED = scanned(re.compile(r"\bfait\s+(?:à\s+[^,\n]{2,40}?,?\s+)?le" + _GAP, re.I))
# Own header of an arrêté / décision: "ARRÊTÉ du 19 janvier 2016", "Arrêté n° 2023-12 du …"
P_ACT_OF = scanned(re.compile(r"\b(?:arr[êe]t[ée]|d[ée]cision)(?:\s+(?:n[°o]\s*\S+|pr[ée]fectoral|municipal))*\s+du" + _GAP, re.I))
# A date preceded by these within a few words is someone else's (visas, convocation, approval).
P_DISTRACTOR = re.compile(
    r"\bvu\b|approb|approuv|pr[ée]c[ée]dent|convoc|convoqu|affich|publi|transmis|re[çc]u|envoy|dernier|"
    r"modifi|portant|relati|avis|r[ée]f[ée]rence|par\s+d[ée]lib|habilit|autoris",
    re.I,
)
P_CONVOCATION = scanned(re.compile(
    r"(?:convoqu[ée]e?s?\b(?:\s+(?:individuellement|l[ée]galement|r[ée]guli[èe]rement|par\s+[\wé’' .]{2,40}?|et\s+par\s+[ée]crit|en\s+s[ée]ance|ont\s+[ée]t[ée])){0,4}\s+le"
    r"|convocation\s+(?:du|en\s+date\s+du|faite\s+le|adress[ée]e\s+(?:par\s+[\wé’' .]{2,40}?\s+)?le|envoy[ée]e\s+le|[ée]tablie\s+le)"
    r"|convocation\s+(?:individuelle\s+)?(?:en\s+date\s+)?du|convocation\s+adress[ée]e\s+par\s+[\wé’' .]{2,40}?\s+le"
    r"|date\s+de\s+(?:la\s+)?convocation(?:\s+du\s+conseil\s+\w+)?\s*:?(?:\s*le)?)" + _GAP + _DATE_AHEAD,
    re.I,
))
# The annex of a délibération takes its date: "Vu pour être annexé à la délibération n° 2022-10-48 du
# 13 décembre 2022" (a budget).
P_ANNEXED = scanned(re.compile(r"annex[ée]e?\s+(?:[àa]\s+la\s+)?d[ée]lib[ée]ration\s+(?:n\s?[°o]\s*\S+\s+)?(?:en\s+date\s+)?du" + _GAP, re.I))
CONVOCATION_CHARS = 8000  # after a long attendance list (large councils' minutes)


def date_right_after(text: str, pos: int) -> tuple[date, re.Match] | None:
    """The date starting right at ``pos`` (after optional spaces), with its match."""
    match = P_DATE.match(text, pos, pos + 80)
    if match is None:
        return None
    value = date_from_match(match)
    return (value, match) if value is not None else None


def is_distracted(text: str, start: int) -> bool:
    """A distractor word in the clause before ``start`` (the clause ends at a year or a stop)."""
    clause = re.split(r"\d{4}|[.;]", text[max(0, start - 50) : start])[-1]
    return bool(P_DISTRACTOR.search(clause))


def _labelled(text: str, pattern: re.Pattern, check_distractor: bool) -> Iterator[tuple[date, int, int]]:
    for label in pattern.finditer(text):
        if check_distractor and is_distracted(text, label.start()):
            continue
        found = date_right_after(text, label.end())
        if found is not None:
            yield found[0], label.start(), found[1].end()


def session_dates(text: str) -> list[tuple[date, int, int]]:
    """Labelled session dates in order, plus "L'an … le …" dates (labelled by their form)."""
    found = list(_labelled(text, P_SESSION, True))
    if P_YEAR_FIRST.search(text) is None:
        return sorted(found, key=lambda item: item[1])  # no "l'an …" date: P_DATE would find none below
    for match in P_DATE.finditer(text):
        if match.group().lower().startswith("l"):  # the "l'an deux mille …" form names the session
            if is_distracted(text, match.start()):
                continue
            value = date_from_match(match)
            if value is not None:
                found.append((value, match.start(), match.end()))
    return sorted(found, key=lambda item: item[1])


class DatesExtractor:
    name: ClassVar[str] = "dates"
    fields: ClassVar[tuple[str, ...]] = ("date_decision", "date_convocation", "transmission.date_publication")

    def extract(self, view: TextView) -> Iterator[Finding]:
        head = mask_stamps(view.text[:HEAD_CHARS])
        sessions = session_dates(head)
        if sessions:
            value, start, end = sessions[0]
            yield view.finding("date_decision", value, "dates:seance", (start, end), confidence=0.8)
        for value, start, end in _labelled(head, P_ACT_OF, True):
            yield view.finding("date_decision", value, "dates:act", (start, end), confidence=0.7)
            break
        for value, start, end in _labelled(head, P_ANNEXED, False):
            yield view.finding("date_decision", value, "dates:annexed", (start, end), confidence=0.65)
            break
        tail_start = max(0, len(view.text) - HEAD_CHARS)
        tail = view.text[tail_start:]
        for value, start, end in list(_labelled(tail, P_SIGNED, False))[-1:]:
            yield view.finding("date_decision", value, "dates:signature", (tail_start + start, tail_start + end),
                               confidence=0.6, labelled=False)
        for field, value, span in label_rows(head):  # "Date de la convocation Date d'affichage D1 D2"
            yield view.finding(field, value, "dates:table", span, confidence=0.75)
        wide = head + mask_stamps(view.text[HEAD_CHARS:CONVOCATION_CHARS])
        for value, start, end in _labelled(wide, P_CONVOCATION, False):
            yield view.finding("date_convocation", value, "dates:convocation", (start, end), confidence=0.8)
            break
