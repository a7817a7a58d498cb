"""Cut a Document into its acts. One file may hold several: bundles of délibérations, minutes,
recueils of arrêtés, an act followed by annexes that repeat its stamp.

Three signals cut a file, both read from the text alone:
- the @CTES ID changes: each act of a stamped bundle carries its own ID on every page, and an
  annex repeats its act's ID, so a run of one ID is one act with its annexes (TdTs that stamp
  every annex);
- the register header repeats: "Extrait du registre des délibérations" opens each act of an
  unstamped bundle;
- numbered act titles: lists and registers of délibérations, recueils.
A convocation letter or a cover before the first act stays with the first act. When a file holds
several acts, ``segment`` puts first a segment for the whole file (``kind="file"``): labels and
catalogues describe the file (a bundle, a recueil, minutes) before the acts it holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from actes.extractors.nature import document_kind
from actes.extractors.numero import P_NUMERO, clean_numero
from actes.extractors.patterns.heads import is_reference
from actes.extractors.patterns.ids import find_ctes_ids
from actes.extractors.patterns.scan import scanned
from actes.schemas.document import Document

# The stamp block an ID belongs to starts with its first label, up to this far before the ID.
STAMP_LOOKBACK = 200
P_STAMP_START = scanned(re.compile(r"Envoy[ée]e?\s+en\s+pr[ée]fecture|Accus[ée]\s+de\s+r[ée]ception", re.I))
# "Extrait du registre des délibérations" — each act of an unstamped bundle repeats it.
P_REGISTER_HEADER = scanned(re.compile(r"extrait\s+du\s+registre\s+des\s+d[ée]lib[ée]rations", re.I))
MIN_ACT_CHARS = 300
MIN_COVER_CHARS = 40  # a recueil title page can be two lines
# An act's own heading just above its numbered title.
P_HEADING = scanned(re.compile(r"R[ÉE]PUBLIQUE\s+FRAN[ÇC]AISE|EXTRAIT\s+DU\s+REGISTRE", re.I))
HEADING_LOOKBACK = 250
ID_COVER_KINDS = frozenset({"recueil", "list"})  # a convocation letter before a stamped act stays with it  # a header repeated closer than this is a running header, not a new act


@dataclass(frozen=True)
class Segment:
    """Pages ``first``..``last`` (1-indexed, inclusive) and the text span they cover."""

    first_page: int
    last_page: int
    start: int
    end: int
    kind: str = "act"  # act | file (the whole file, first when it holds several acts)


def _id_cuts(text: str) -> tuple[list[int], int | None]:
    """Offsets where a new @CTES ID's run begins (the start of its stamp block), after the first;
    and where the first run begins."""
    cuts, seen, current = [], set(), None
    for ctes_id, match in find_ctes_ids(text):
        key = (ctes_id.siren, ctes_id.numero.upper(), ctes_id.nature)
        if key == current:
            continue
        current = key
        if key in seen:
            continue  # back to an earlier act's ID: a stamp reprinted, not a new act
        seen.add(key)
        block = P_STAMP_START.search(text, max(0, match.start() - STAMP_LOOKBACK), match.start())
        cuts.append(block.start() if block else match.start())
    return cuts[1:], (cuts[0] if cuts else None)


def _header_cuts(text: str) -> list[int]:
    starts = [m.start() for m in P_REGISTER_HEADER.finditer(text)]
    return starts[1:] if len(starts) >= 2 else []


def _title_cuts(text: str) -> tuple[list[int], bool]:
    """Offsets of numbered act titles ("Délibération n° 2022-12-09/02", "Arrêté n° 2020-080"), when
    the file holds at least two distinct ones: lists, registers, PV items, recueils.

    Each cut moves back to the act's own heading ("RÉPUBLIQUE FRANÇAISE … Commune de Ligny") when
    one sits just above the title. The second value is True when what precedes the first title is
    a cover (a recueil's or a list's title page), which is no act of its own.
    """
    firsts: dict[str, int] = {}
    for match in P_NUMERO.finditer(text):
        if match.group()[:1].lower() in "cr" or is_reference(text, match.start()):
            continue  # a compte rendu's or recueil's own number is not an act's
        numero = clean_numero(match["num"])
        if numero and numero.upper() not in firsts:
            firsts[numero.upper()] = match.start()
    starts = sorted(firsts.values())
    if len(starts) < 2:
        return [], False
    starts = [_heading_before(text, start) for start in starts]
    if _is_cover(text[: starts[0]]):
        return starts, True
    return starts[1:], False


def _is_cover(head: str, kinds: frozenset[str] = frozenset({"recueil", "list", "agenda", "minutes"})) -> bool:
    """True when ``head`` is a file's own front matter (a recueil's title page, a list's or a PV's
    opening) rather than the header of the first act."""
    kind = document_kind(head)
    return len(head) >= MIN_COVER_CHARS and kind is not None and kind[1] in kinds


def _heading_before(text: str, start: int) -> int:
    heading = P_HEADING.search(text, max(0, start - HEADING_LOOKBACK), start)
    return heading.start() if heading else start


def _spaced(cuts: list[int], length: int, cover: bool = False) -> list[int]:
    kept: list[int] = []
    for cut in sorted(set(cuts)):
        if (cut >= MIN_ACT_CHARS or (cover and not kept and cut > 0)) and length - cut >= MIN_ACT_CHARS // 3 and (not kept or cut - kept[-1] >= MIN_ACT_CHARS):
            kept.append(cut)
    return kept


def segment(doc: Document) -> list[Segment]:
    """The acts of ``doc`` (the whole file first when it holds several)."""
    text = doc.text
    whole = Segment(1, max(1, len(doc.pages)), 0, len(text), kind="file")
    id_cuts, first_stamp = _id_cuts(text)
    title_cuts, cover = _title_cuts(text)
    cuts = id_cuts + title_cuts or _header_cuts(text)
    if first_stamp and _is_cover(text[:first_stamp], ID_COVER_KINDS):
        cuts, cover = [first_stamp, *cuts], True
    cuts = _spaced(cuts, len(text), cover)
    if not cuts:
        return [Segment(whole.first_page, whole.last_page, 0, len(text))]
    bounds = [0, *cuts, len(text)]
    acts = [
        Segment(doc.page_of(start), doc.page_of(max(start, end - 1)), start, end)
        for start, end in zip(bounds, bounds[1:], strict=False)
    ]
    if cover:
        acts = acts[1:]  # the recueil's or list's title page belongs to the file, not to an act
    return [whole, *acts]
