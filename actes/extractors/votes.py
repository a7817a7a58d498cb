"""Attendance and vote counts, and unanimity.

Forms met in real registers (whitespace may be newlines or single spaces: many texts are
flattened): labelled lines ("En exercice : 27 Présents : 23 Votants : 24"), flattened tables
(headers first, then the numbers), "dont 26 présents et 3 procurations", sentences
("par 34 voix POUR, 0 voix CONTRE"), "/" or "néant" for none, unanimity wordings.

Precision first: a file with several vote results (minutes, bundles) gives no document-level
result; a committee's vote quoted in the recitals is not the council's; "prend acte" is no vote.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from actes.extractors.base import TextView
from actes.extractors.patterns.votes_fr import (
    P_DONT,
    P_LABELLED,
    P_MAJORITY,
    P_NO_VOTE,
    P_RESULT_SENTENCES,
    P_TABLE,
    P_UNANIMITY,
    is_other_bodys_vote,
    reports_many_items,
    table_headers,
    to_count,
)
from actes.schemas.provenance import Finding, SourceKind

ATTENDANCE = ("en_exercice", "presents", "representes", "votants")
RESULT = ("pour", "contre", "abstentions")
HEAD_CHARS = 300  # where a document's title says what it is
EVENT_GAP = 250  # characters: vote statements closer than this describe one vote


def _labelled(text: str) -> list[tuple[str, int, tuple[int, int]]]:
    """(field, value, span) for every labelled count and flattened table."""
    found: list[tuple[str, int, tuple[int, int]]] = []
    for match in P_TABLE.finditer(text):
        headers = table_headers(match["headers"])
        numbers = match["numbers"].split()
        if len(headers) == len(numbers) >= 2:
            for field, raw in zip(headers, numbers, strict=True):
                value = to_count(raw)
                if value is not None and field != "ignore":
                    found.append((field, value, match.span()))
    for field, pattern in P_LABELLED:
        for match in pattern.finditer(text):
            value = to_count(match["n"])
            if value is not None:
                found.append((field, value, match.span()))
    for match in P_DONT.finditer(text):
        found.append(("presents", int(match["p"]), match.span()))
        found.append(("representes", int(match["r"]), match.span()))
    return found


def _events(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge statement spans that sit close together into vote events."""
    events: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if events and start - events[-1][1] <= EVENT_GAP:
            events[-1] = (events[-1][0], max(end, events[-1][1]))
        else:
            events.append((start, end))
    return events


class VotesExtractor:
    name: ClassVar[str] = "votes"
    fields: ClassVar[tuple[str, ...]] = tuple(f"votes.{f}" for f in (*ATTENDANCE, *RESULT, "unanimite"))

    def extract(self, view: TextView) -> Iterator[Finding]:
        text = view.text
        labelled = _labelled(text)
        values: dict[str, tuple[int, tuple[int, int]]] = {}
        for field in ATTENDANCE:
            hits = [(v, s) for f, v, s in labelled if f == field]
            if hits:
                first = min(hits, key=lambda h: h[1][0])
                agree = all(v == first[0] for v, _ in hits)
                values[field] = first
                yield view.finding(f"votes.{field}", first[0], "votes:attendance", first[1],
                                   confidence=0.85 if agree else 0.6)
        yield from self._result(view, labelled, values)

    def _result(self, view: TextView, labelled: list, attendance: dict) -> Iterator[Finding]:
        text = view.text
        results = [(f, v, s) for f, v, s in labelled if f in RESULT and not is_other_bodys_vote(text, *s)]
        for field, pattern in P_RESULT_SENTENCES:
            if any(f == field for f, _, _ in results):
                continue  # a labelled count ("Abstentions : 4") beats a sentence reading
            for match in pattern.finditer(text):
                value = to_count(match["n"])
                if value is not None and not is_other_bodys_vote(text, match.start(), match.end()):
                    results.append((field, value, match.span()))
        unanimity = [m for m in P_UNANIMITY.finditer(text) if not is_other_bodys_vote(text, m.start(), m.end())]
        majority = [m for m in P_MAJORITY.finditer(text) if not is_other_bodys_vote(text, m.start(), m.end())]
        events = _events([s for _, _, s in results] + [m.span() for m in unanimity] + [m.span() for m in majority])
        if len(events) != 1 or reports_many_items(text[:HEAD_CHARS]):
            return  # no vote, or several (minutes, bundles): no document-level result
        if P_NO_VOTE.search(text) and not results:
            return  # "prend acte": the council notes, it does not vote
        counts: dict[str, int] = {}
        for field in RESULT:
            hits = {v for f, v, _ in results if f == field}
            if len(hits) == 1:
                counts[field] = hits.pop()
                span = next(s for f, _, s in results if f == field)
                yield view.finding(f"votes.{field}", counts[field], "votes:result", span, confidence=0.85)
        if unanimity and majority:
            # a form with both boxes printed: only votes against settle it
            if counts.get("contre", 0) > 0:
                yield view.finding("votes.unanimite", False, "votes:majority", majority[0], confidence=0.8)
        elif unanimity:
            match = unanimity[0]
            yield view.finding("votes.unanimite", True, "votes:unanimity", match, confidence=0.85)
            yield from self._derive(view, match, counts, attendance)
        elif majority or counts.get("contre", 0) > 0:
            span = majority[0].span() if majority else next(s for f, _, s in results if f == "contre")
            yield view.finding("votes.unanimite", False, "votes:majority", span, confidence=0.8)

    def _derive(self, view: TextView, match: re.Match, counts: dict[str, int], attendance: dict) -> Iterator[Finding]:
        """Counts the unanimity makes certain, and only those."""
        if not (match["members"] or match["exprimes"]):
            return  # plain "à l'unanimité": registers use it with abstentions aside, so nothing is certain
        if "contre" not in counts:
            yield self._derived(view, "contre", 0, match)
        if not match["members"]:
            return  # "des suffrages exprimés": abstentions stay possible, pour unknown
        if "abstentions" not in counts:
            yield self._derived(view, "abstentions", 0, match)
        if "pour" not in counts and "votants" in attendance:
            yield self._derived(view, "pour", attendance["votants"][0], match)

    @staticmethod
    def _derived(view: TextView, field: str, value: int, match: re.Match) -> Finding:
        return view.finding(f"votes.{field}", value, "votes:unanimity", match, source=SourceKind.derived,
                            confidence=0.7, labelled=False)
