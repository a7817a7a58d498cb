"""Flattened header tables: labels first, then their values in the same order.

A two-column header read line by line gives "Date de la convocation Date d'affichage 04 février
2020 17 février 2020" (a register extract): each label takes the value of its rank.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from actes.extractors.patterns.dates_fr import P_DATE, date_from_match
from actes.extractors.patterns.scan import scanned

# Date labels of register headers, and the field each one names.
DATE_LABELS: list[tuple[str, str]] = [
    ("date_convocation", r"date\s+de\s+(?:la\s+)?convocation"),
    ("transmission.date_publication", r"date\s+d['’]\s?affichage|date\s+de\s+(?:la\s+)?publication"),
    ("date_decision", r"date\s+de\s+(?:la\s+)?s[ée]ance"),
]
P_LABEL = scanned(re.compile("|".join(f"(?P<f{i}>{label})" for i, (_, label) in enumerate(DATE_LABELS)), re.I))
MAX_GAP = 3  # characters between two labels of one row (spaces, a colon)


def label_rows(text: str) -> Iterator[tuple[str, date, tuple[int, int]]]:
    """(field, date, span) for each label of a run of at least two labels followed by as many dates."""
    pos = 0
    while True:
        first = P_LABEL.search(text, pos)
        if first is None:
            return
        labels, end = [first], first.end()
        while (nxt := P_LABEL.match(text, end + len(text[end : end + MAX_GAP]) - len(text[end : end + MAX_GAP].lstrip(" :")))) is not None:
            labels.append(nxt)
            end = nxt.end()
        pos = end
        if len(labels) < 2:
            continue
        values, cursor = [], end
        for _ in labels:
            match = P_DATE.match(text, cursor + len(text[cursor:cursor + 4]) - len(text[cursor:cursor + 4].lstrip(" :")))
            value = date_from_match(match) if match else None
            if value is None:
                break
            values.append((value, match))
            cursor = match.end()
        if len(values) != len(labels):
            continue
        for label, (value, match) in zip(labels, values, strict=True):
            field = DATE_LABELS[int(label.lastgroup[1:])][0]
            yield field, value, (label.start(), match.end())
