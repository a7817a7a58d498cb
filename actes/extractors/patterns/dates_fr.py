"""Dates as French acts write them: digits, words, "1er", split digits, two-digit years.

``parse_date(text)`` reads one date expression; ``find_dates(text)`` yields every date in a
text with its span. Both return ``None``/nothing rather than guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from actes.extractors.patterns.scan import scanned

MONTHS = {
    "janvier": 1, "fevrier": 2, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "aout": 8, "août": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "decembre": 12, "décembre": 12,
    # abbreviations seen in stamps and tables
    "janv": 1, "fev": 2, "fév": 2, "févr": 2, "avr": 4, "juil": 7, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12, "déc": 12,
}
RE_MONTH = r"(?:janv(?:ier)?|f[ée]v(?:r(?:ier)?)?|mars|avr(?:il)?|mai|juin|juil(?:let)?|ao[uû]t|sept(?:embre)?|oct(?:obre)?|nov(?:embre)?|d[ée]c(?:embre)?)\.?"

UNITS = {
    "zéro": 0, "zero": 0, "un": 1, "une": 1, "premier": 1, "deux": 2, "trois": 3, "quatre": 4,
    "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12,
    "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20, "trente": 30,
    "quarante": 40, "cinquante": 50, "soixante": 60, "cent": 100, "mille": 1000, "mil": 1000,
}
RE_NUMBER_WORD = (
    r"(?:z[ée]ro|une?|premier|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|"
    r"quatorze|quinze|seize|vingts?|trente|quarante|cinquante|soixante|cents?|mille|mil)"
)
RE_WEEKDAY = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
RE_WORDS = rf"{RE_NUMBER_WORD}(?:[\s-]+(?:et[\s-]+)?{RE_NUMBER_WORD})*"

# 12/03/2023, 12.03.23, 12-03-2023, "1 2/0 3/2023" (OCR-split digits)
RE_DATE_DIGITS = r"(?<!\d)(?P<d>[0-3]?\s?\d)\s?[/.\-]\s?(?P<m>[01]?\s?\d)\s?[/.\-]\s?(?P<y>(?:1\s?9|2\s?0)\s?\d\s?\d|\d\s?\d)(?!\d)"
# 1er mars 2024, 12 juillet 2023, lundi 3 avril 2023
RE_DATE_TEXT = rf"(?<!\d)(?P<d2>(?:[0-3]\s?)?\d)\s?(?:er|ER|°)?\s+(?P<m2>{RE_MONTH})\s+(?P<y2>(?:19|20)\s?\d\s?\d)(?!\d)"
# ISO in IDs and envelopes
RE_DATE_ISO = r"(?<!\d)(?P<y3>(?:19|20)\d\d)-(?P<m3>[01]\d)-(?P<d3>[0-3]\d)(?!\d)"
# l'an deux mille vingt-trois, le vingt-cinq janvier
RE_DATE_WORDS_YEAR_FIRST = (
    rf"l['’]\s?an\s+(?P<yw>{RE_WORDS})\s*,?\s*(?:et\s+)?le\s+(?:{RE_WEEKDAY}\s+)?(?P<dw>{RE_WORDS}|[0-3]?\d(?:er)?)\s+(?P<mw>{RE_MONTH})"
)
# le seize février deux mille vingt-trois
RE_DATE_WORDS = rf"(?P<dw2>\b{RE_WORDS}|[0-3]?\d(?:er)?)\s+(?P<mw2>{RE_MONTH})\s+(?:de\s+l['’]\s?an\s+)?(?P<yw2>deux[\s-]+mil(?:le)?(?:[\s-]+(?:et[\s-]+)?{RE_NUMBER_WORD})*|mil(?:le)?[\s-]+neuf[\s-]+cents?(?:[\s-]+{RE_NUMBER_WORD})*)"

P_DATE = scanned(re.compile(
    "|".join(f"(?:{p})" for p in (RE_DATE_WORDS_YEAR_FIRST, RE_DATE_WORDS, RE_DATE_TEXT, RE_DATE_DIGITS, RE_DATE_ISO)),
    re.IGNORECASE,
))
# The "l'an … le …" way alone: the only way of P_DATE whose matches start with an "l" (dates.session_dates)
P_YEAR_FIRST = scanned(re.compile(RE_DATE_WORDS_YEAR_FIRST, re.IGNORECASE))


def words_to_int(words: str) -> int | None:
    """"vingt-trois" → 23, "deux mille vingt-trois" → 2023, "quatre-vingt-dix" → 90."""
    tokens = [t for t in re.split(r"[\s-]+", words.lower().strip()) if t and t != "et"]
    if not tokens:
        return None
    total, current = 0, 0
    for token in tokens:
        token = token.rstrip("s") if token in {"vingts", "cents"} else token
        if token not in UNITS:
            return None
        value = UNITS[token]
        if value == 1000:
            total += max(current, 1) * 1000
            current = 0
        elif value == 100:
            current = max(current, 1) * 100
        elif value == 20 and current % 100 == 4:  # quatre-vingt
            current = current - 4 + 80
        else:
            current += value
    return total + current


def _num(value: str | None) -> int | None:
    if value is None:
        return None
    compact = re.sub(r"(?i)(?<=\d)er$", "", value.replace(" ", ""))
    if compact.isdigit():
        return int(compact)
    if value.isdigit():
        return int(value)
    return words_to_int(value)


def _month(value: str) -> int | None:
    value = value.lower().rstrip(".")
    if value.isdigit():
        return int(value)
    return MONTHS.get(value) or MONTHS.get(value[:4]) or MONTHS.get(value[:3])


def _year(value: int | None) -> int | None:
    if value is None:
        return None
    if value < 100:
        return 2000 + value if value < 70 else 1900 + value
    return value


def _build(day: int | None, month: int | None, year: int | None) -> date | None:
    try:
        if day and month and year and 1900 <= year <= 2100:
            return date(year, month, day)
    except ValueError:
        pass
    return None


def date_from_match(match: re.Match) -> date | None:
    g = match.groupdict()
    if g.get("yw"):
        return _build(_num(g["dw"]), _month(g["mw"]), _year(_num(g["yw"])))
    if g.get("yw2"):
        return _build(_num(g["dw2"]), _month(g["mw2"]), _year(_num(g["yw2"])))
    if g.get("y2"):
        return _build(_num(g["d2"]), _month(g["m2"]), _year(_num(g["y2"])))
    if g.get("y"):
        return _build(_num(g["d"]), _num(g["m"]), _year(_num(g["y"])))
    if g.get("y3"):
        return _build(int(g["d3"]), int(g["m3"]), int(g["y3"]))
    return None


def find_dates(text: str) -> Iterator[tuple[date, re.Match]]:
    """Every date in ``text`` with its match, in order."""
    for match in P_DATE.finditer(text):
        value = date_from_match(match)
        if value is not None:
            yield value, match


def parse_date(text: str) -> date | None:
    """The first date in ``text``, or None."""
    for value, _ in find_dates(text):
        return value
    return None


if __name__ == "__main__":
    import sys

    print(parse_date(" ".join(sys.argv[1:])))
