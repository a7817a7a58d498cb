"""Candidates: every value some generator proposes for a field, merged per value, with features.

A candidate is one (field, value) pair and the mentions that proposed it: the rule extractors'
findings plus generic generators (every date of the head and the tail, every "n° …" of the head,
the number part of the @CTES ID). Features say *where* and *how* the value was found, never
*which* document it is: generator names, source kind, the folded words right before and after
each mention, position in the act, repetition, agreement with the @CTES ID and with the rules'
own choice. The model (``actes.learning.model``) turns them into a score.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from actes.evaluation.matching import authority_key, fold, name_key, number_key
from actes.extractors.base import TextView
from actes.extractors.dates import CONVOCATION_CHARS, is_distracted
from actes.extractors.patterns.dates_fr import P_DATE, RE_MONTH, _month, date_from_match
from actes.extractors.patterns.heads import HEAD_CHARS as RULES_HEAD_CHARS
from actes.extractors.patterns.ids import P_ID_LOOSE, CtesId, parse_ctes_id
from actes.reconcile import best_findings
from actes.schemas.provenance import Finding, SourceKind
from actes.structure.model import Block, Structure

# Act field (dotted) → field kind. One model per kind; features are also crossed with the field.
LEARNED_FIELDS: dict[str, str] = {
    "nature": "nature",
    "collectivite.nom": "authority",
    "numero": "number",
    "date_decision": "date",
    "date_convocation": "date",
    "transmission.date_publication": "date",
    "objet": "objet",
    "votes.en_exercice": "count",
    "votes.presents": "count",
    "votes.representes": "count",
    "votes.votants": "count",
    "votes.pour": "count",
    "votes.contre": "count",
    "votes.abstentions": "count",
    "votes.unanimite": "bool",
    "president": "name",
    "secretaire_seance": "name",
    "signataire.nom": "name",
}
# The block model's features and title candidates (actes.structure) are written and tested, but off
# until `actes evaluate --cross-validate` shows they help: the shipped scorer was trained without them.
USE_STRUCTURE = True
STRUCTURED_KINDS = frozenset({"objet", "authority", "name", "date", "number"})  # kinds given the block features
DATE_FIELDS = tuple(f for f, kind in LEARNED_FIELDS.items() if kind == "date")
HEAD_CHARS = 6000  # generic generators look at the head and the tail of an act, where its metadata sits
TAIL_CHARS = 3000
BEFORE_CHARS, AFTER_CHARS = 60, 30
TITLE_LINES, TITLE_LINES_CHARS = 25, 2000  # title candidates: runs of lines among the head's first lines
P_LINE = re.compile(r"[^\n]+")
AUTHORITY_CHARS = 4000
_CAPITALISED = r"[A-ZÉÈÊÀÂÎÔÛÇŒ][\w’'\-]*"
_JOINER = r"(?:[ \t\-]+|[ \t]*[–—&][ \t]*)"  # words of a name: spaces, hyphens, dashes, "&"
P_AUTHORITY = re.compile(
    r"\b(?P<kind>(?i:commune|ville|mairie|maire|conseil\s+municipal|communaut[ée]\s+de\s+communes|"
    r"communaut[ée]\s+d['’]\s?agglom[ée]ration|communaut[ée]\s+urbaine|d[ée]partement|r[ée]gion|"
    r"(?:euro)?m[ée]tropole|syndicat|r[ée]gie|[ée]tablissement\s+public\s+territorial|p[ôo]le\s+m[ée]tropolitain))"
    r"[ \t]+(?P<prep>(?i:de\s+la|de\s+l['’]|des|du|de|d['’])[ \t]*)?"
    rf"(?P<name>{_CAPITALISED}(?:{_JOINER}(?:{_CAPITALISED}|sur|sous|en|et|de|des|du|la|le|l['’]{_CAPITALISED}|d['’]{_CAPITALISED})){{0,7}})"
)
# Kinds whose words are part of the name ("Communauté de communes X"); a commune is named by X alone.
WHOLE_KINDS = (
    "communaut",
    "departement",
    "region",
    "metropole",
    "eurometropole",
    "syndicat",
    "regie",
    "etablissement",
    "pole",
)
# "Sainte-Foo, le 8 février 2023": a letter's or a register's dateline names the place it is written in.
P_DATELINE = re.compile(
    rf"(?P<name>{_CAPITALISED}(?:[ \t\-]+(?:{_CAPITALISED}|sur|sous|en|de|des|du|la|le|l['’]{_CAPITALISED}|d['’]{_CAPITALISED})){{0,5}})"
    r",?[ \t]+le[ \t]+(?=\d{1,2}(?:er)?[ \t]+\w+[ \t]+\d{4}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})"
)
NAME_CONNECTORS = frozenset({"sur", "sous", "en", "et", "de", "des", "du", "la", "le", "&", "–", "—", "-"})
TITLE_BLOCKS, TITLE_BLOCK_PROB = 25, 0.3  # title candidates from the block model: the head's first blocks
TITLE_ZONE, WORDS_ZONE = 400, 2500  # the nature classifier reads the title zone and the head's words
MAX_MENTIONS_DESCRIBED = 3  # context words of the first mentions only: a value cited 40 times is no more certain
# "Octobre 2021", "février 2020": a plan's, a règlement's or a report's own date is often a month.
# A weaker kind of candidate (the decision date only, read as the month's 1st, as archives do),
# told by its own generator so that the scorer learns how little it is worth.
P_MONTH_YEAR = re.compile(rf"(?<![\w/.-])(?P<m>{RE_MONTH})\s+(?P<y>(?:19|20)\d\d)(?![\d/])", re.IGNORECASE)
GENERIC_DATE, GENERIC_MONTH_YEAR = "generic:date", "generic:month-year"
P_NUMBER_LABEL = re.compile(r"(?:\bn\s?[°º]|\bnum[ée]ro\b)\s*:?\s*(?P<num>[A-Za-z]{0,8}[_\-]?\d[\dA-Za-z_\-/.]*)", re.I)


@dataclass
class Candidate:
    """One value proposed for one field, with the findings that proposed it and its features."""

    field: str
    value: Any
    findings: list[Finding]
    features: dict[str, float] = field(default_factory=dict)

    @property
    def best(self) -> Finding:
        """The finding to keep when this candidate is chosen: the strongest rule finding, else the first."""
        return max(self.findings, key=lambda f: (not f.extractor.startswith("generic:"), f.strength()))


def value_key(kind: str, value: Any) -> Any:
    """What makes two proposed values the same value (the evaluation's own matching)."""
    if isinstance(value, date):
        return value.isoformat()
    if kind == "name":
        return name_key(str(value))
    if kind == "authority":
        return authority_key(str(value))
    if kind == "number":
        return number_key(str(value))
    if kind in ("objet",):
        return fold(str(value))
    if isinstance(value, bool | int):
        return value
    return str(value).strip().lower()


def _generic_dates(view: TextView) -> list[Finding]:
    text = view.text
    windows = [(0, min(len(text), HEAD_CHARS))]
    if len(text) > HEAD_CHARS:
        windows.append((max(HEAD_CHARS, len(text) - TAIL_CHARS), len(text)))
    out = []
    for lo, hi in windows:
        for match in P_DATE.finditer(text, lo, hi):
            value = date_from_match(match)
            if value is None or not 1950 <= value.year <= 2100:
                continue
            for field_name in DATE_FIELDS:
                out.append(
                    view.finding(field_name, value, GENERIC_DATE, match.span(), confidence=0.3, labelled=False)
                )
    return out


def _month_years(view: TextView) -> list[Finding]:
    """Every month written with its year and no day ("Octobre 2021") in the act's head, as a
    candidate decision date on the month's 1st; the month of a full date ("12 février 2020") is not one."""
    text = view.text
    hi = min(len(text), HEAD_CHARS)
    days = [m.span() for m in P_DATE.finditer(text, 0, hi)]
    out = []
    for match in P_MONTH_YEAR.finditer(text, 0, hi):
        if any(lo <= match.start() < end for lo, end in days):
            continue
        month, year = _month(match["m"]), int(match["y"])
        if month is None or not 1950 <= year <= 2100:
            continue
        out.append(view.finding("date_decision", date(year, month, 1), GENERIC_MONTH_YEAR, match.span(),
                                confidence=0.2, labelled=False))
    return out


def ctes_id_of(findings: list[Finding]) -> CtesId | None:
    """The act's @CTES ID (stamp or envelope), parsed by the readers' own parser."""
    for finding in findings:
        if finding.field == "transmission.pref_id" and isinstance(finding.value, str):
            match = P_ID_LOOSE.fullmatch(finding.value.strip())
            parsed = parse_ctes_id(match) if match else None
            if parsed is not None:
                return parsed
    return None


def _generic_numbers(view: TextView, findings: list[Finding]) -> list[Finding]:
    from actes.extractors.numero import clean_numero

    out = []
    for match in P_NUMBER_LABEL.finditer(view.text, 0, min(len(view.text), HEAD_CHARS // 2)):
        numero = clean_numero(match["num"])
        if numero:
            out.append(
                view.finding("numero", numero, "generic:numero", match.span("num"), confidence=0.3, labelled=False)
            )
    ctes = ctes_id_of(findings)
    if ctes is not None:
        out.append(
            Finding(
                field="numero",
                value=ctes.numero,
                source=SourceKind.derived,
                extractor="generic:ctes-id-number",
                confidence=0.3,
                labelled=False,
            )
        )
    return out


def _title_lines(view: TextView) -> list[Finding]:
    """Runs of one to three consecutive lines of the act's head: a document that is not a single act
    (minutes, a règlement, a report) is named by its title, which no label introduces."""
    out = []
    lines: list[tuple[int, int]] = []
    for match in P_LINE.finditer(view.text, 0, min(len(view.text), TITLE_LINES_CHARS)):
        if len(match.group().strip()) >= 3:
            lines.append(match.span())
        if len(lines) >= TITLE_LINES:
            break
    for i in range(len(lines)):
        for width in (1, 2, 3):
            if i + width > len(lines):
                break
            start, end = lines[i][0], lines[i + width - 1][1]
            value = " ".join(view.text[start:end].split())
            if 3 <= len(value) <= 250:
                finding = view.finding(
                    "objet", value, f"generic:title-lines-{width}", (start, end), confidence=0.3, labelled=False
                )
                out.append(finding)
    return out


def _title_blocks(view: TextView, structure: Structure | None) -> list[Finding]:
    """Runs of one to three blocks of the head, as the block model cut them: in flattened text
    (no line breaks) the title of minutes or a report is a block, not a line; and the block the
    model finds most title-like, with its title-like neighbours."""
    if structure is None:
        return []
    out = []
    head = [i for i, b in enumerate(structure.blocks[:TITLE_BLOCKS]) if b.start < TITLE_LINES_CHARS]
    for i in head:
        if not structure.blocks[i].flattened:
            continue  # a line: the title-lines generator proposes it already
        for width in (1, 2, 3):
            j = i + width - 1
            if j >= len(structure.blocks):
                break
            value = structure.text_of(i, j)
            if 3 <= len(value) <= 250:
                out.append(
                    view.finding(
                        "objet",
                        value,
                        f"generic:title-blocks-{width}",
                        (structure.blocks[i].start, structure.blocks[j].end),
                        confidence=0.3,
                        labelled=False,
                    )
                )
    titled = [i for i in head if structure.blocks[i].probs.get("title", 0.0) >= TITLE_BLOCK_PROB]
    for i in sorted(titled, key=lambda k: -structure.blocks[k].probs["title"])[:3]:
        lo, hi = i, i
        while lo - 1 in titled:
            lo -= 1
        while hi + 1 in titled:
            hi += 1
        for a, b in {(i, i), (lo, hi)}:
            value = structure.text_of(a, b)
            if 3 <= len(value) <= 250:
                out.append(
                    view.finding(
                        "objet",
                        value,
                        "generic:title-model",
                        (structure.blocks[a].start, structure.blocks[b].end),
                        confidence=0.3,
                        labelled=False,
                    )
                )
    return out


def _block_kinds(block: Block) -> dict[str, float]:
    """The kinds a block may be (probability 0.05 or more, rounded) and the likeliest one."""
    feats = {f"blk:{kind}": round(prob, 3) for kind, prob in block.probs.items() if prob >= 0.05}
    feats[f"blkarg:{block.kind}"] = 1.0
    return feats


def _structure_features(
    structure: Structure, spans: list[tuple[int, int]], length: int, kinds: dict[int, dict[str, float]] | None = None
) -> dict[str, float]:
    """Where the candidate sits among the act's blocks: the kind of its block, whether it is the
    first title block, before or after the operative part and how far from it. ``kinds``: the
    act's ``_block_kinds`` by block index, filled as blocks are met."""
    feats: dict[str, float] = {}
    start, end = spans[0]
    i = structure.index_at(start)
    if i is None:
        feats["blk:none"] = 1.0
    else:
        block = structure.blocks[i]
        if kinds is None:
            feats.update(_block_kinds(block))
        else:
            if i not in kinds:
                kinds[i] = _block_kinds(block)
            feats.update(kinds[i])
        feats["blk_starts"] = float(start <= block.start + 1)
        j = structure.index_at(max(end - 1, start))
        feats["blk_ends"] = float(j is not None and end >= structure.blocks[j].end - 1)
        if j is not None and j > i:
            covered = structure.blocks[i : j + 1]
            feats["blk_span_title"] = sum(b.probs.get("title", 0.0) for b in covered) / len(covered)
            feats["blk_span_n"] = float(j - i + 1)
        first_title = structure.first("title", 0.5)
        if first_title is not None:
            feats["blk_first_title"] = float(i <= first_title <= (j if j is not None else i))
            feats["blk_before_title"] = float(i < first_title and (j is None or j < first_title))
        else:
            feats["blk_no_title"] = 1.0
    operative = structure.first("operative", 0.5)
    if operative is None:
        feats["no_operative"] = 1.0
    else:
        distance = (structure.blocks[operative].start - start) / max(length, 1)
        feats["before_operative"] = float(distance > 0)
        feats["operative_dist"] = max(-1.0, min(1.0, distance))
    return feats


def _authority_mentions(view: TextView) -> list[Finding]:
    """Every "Commune de X", "Maire de X", "Conseil municipal de X", "Communauté de communes X",
    "Département de X", "Syndicat X", "Métropole X"… of the head, and every place of a dateline
    ("X, le 8 février 2023"): the authority is often named only in a sentence of the body. A name
    read from flattened text runs into the next words ("… de la Lozère CONSEIL DÉPARTEMENTAL"), so
    each of its shorter word prefixes is a candidate too; the scorer tells them apart."""
    out = []
    limit = min(len(view.text), AUTHORITY_CHARS)
    for match in P_AUTHORITY.finditer(view.text, 0, limit):
        kind_word = fold(match["kind"]).split()[0]
        if kind_word in ("maire", "mairie") and not match["prep"]:
            continue  # "le Maire Etienne …": a title before a name, not "Maire de X"
        whole = kind_word.startswith(WHOLE_KINDS)
        out += _name_prefixes(view, match, "name", f"generic:authority-{kind_word}", match.start() if whole else None)
    for match in P_DATELINE.finditer(view.text, 0, limit):
        out += _name_prefixes(view, match, "name", "generic:authority-dateline", None)
    return out


def _name_prefixes(
    view: TextView, match: re.Match, group: str, extractor: str, whole_from: int | None
) -> list[Finding]:
    """The name of ``match`` and each of its shorter prefixes (whole words), with the kind words
    before it when ``whole_from`` says where they start."""
    start, end = match.span(group)
    words = list(re.finditer(r"\S+", view.text[start:end]))
    out = []
    for count in range(len(words), 0, -1):
        cut = start + words[count - 1].end()
        name = view.text[start:cut].strip(" -–—&")
        if len(name) < 3 or words[count - 1].group().lower() in NAME_CONNECTORS:
            continue
        value = " ".join(view.text[whole_from:cut].split()) if whole_from is not None else " ".join(name.split())
        suffix = "" if count == len(words) else "-prefix"  # the longest: what the pattern read
        out.append(
            view.finding("collectivite.nom", value, extractor + suffix, (start, cut), confidence=0.3, labelled=False)
        )
    return out


def _trimmed_authorities(findings: list[Finding]) -> list[Finding]:
    """An authority's name read from flattened text often carries the next line's first word
    ("… du Pays de Gex Mercredi"): the same name less one or two last words is a candidate too."""
    out = []
    for finding in findings:
        if (
            finding.field != "collectivite.nom"
            or not isinstance(finding.value, str)
            or finding.extractor.startswith("generic:")
        ):
            continue  # the generic mentions propose their own prefixes
        words = finding.value.split()
        for drop in (1, 2):
            if len(words) - drop >= 2:
                out.append(
                    finding.model_copy(
                        update={
                            "value": " ".join(words[:-drop]),
                            "extractor": f"trim{drop}:{finding.extractor}",
                            "confidence": 0.3,
                            "labelled": False,
                        }
                    )
                )
    return out


def _nature_classes(findings: list[Finding]) -> list[Finding]:
    """Every nature is a candidate: the document's wording decides among them, not the first keyword."""
    from actes.schemas.act import Nature

    return [
        Finding(
            field="nature",
            value=nature.value,
            source=SourceKind.nlp,
            extractor="generic:nature-class",
            confidence=0.3,
            labelled=False,
        )
        for nature in Nature
    ]


def _document_words(view: TextView) -> tuple[set[str], set[str]]:
    """The folded words of the act's title zone and of its head: what a reader skims to tell its kind."""
    title = {w for w in _words(view.text[:TITLE_ZONE]) if len(w) > 2 and not w.isdigit()}
    head = {w for w in _words(view.text[:WORDS_ZONE]) if len(w) > 3 and not w.isdigit()}
    return title, head


def _words(text: str) -> list[str]:
    return fold(text).split()


def _shape(value: Any) -> dict[str, float]:
    if not isinstance(value, str):
        return {}
    letters = sum(map(str.isalpha, value))
    upper = sum(map(str.isupper, filter(str.isalpha, value))) / letters if letters else 0.0
    words = len(value.split())
    return {
        "shape:upper": upper,
        "shape:words_log": math.log1p(words),
        "shape:chars_log": math.log1p(len(value)),
        "shape:has_digit": float(any(map(str.isdigit, value))),
    }


class _Act:
    """One act's text and what the description of its candidates reads of it, each read once per
    act: many candidates share a mention (a date is a candidate of three fields, a title line starts
    three runs of lines), and folding the words around it is most of a description's cost."""

    def __init__(self, view: TextView, masked_head: str, structure: Structure | None) -> None:
        self.view = view
        self.text = view.text
        self.masked_head = masked_head
        self.structure = structure
        self._page0 = view.page_at(0)
        self._before: dict[int, list[str]] = {}
        self._after: dict[int, list[str]] = {}
        self._line_start: dict[int, float] = {}
        self._at: dict[int, tuple[float, float, float, float]] = {}
        self._blocks: dict[tuple[int, int], dict[str, float]] = {}
        self._kinds: dict[int, dict[str, float]] = {}

    def before(self, start: int) -> list[str]:
        """The last five folded words before ``start`` (within ``BEFORE_CHARS``)."""
        words = self._before.get(start)
        if words is None:
            words = self._before[start] = _words(self.text[max(0, start - BEFORE_CHARS) : start])[-5:]
        return words

    def after(self, end: int) -> list[str]:
        """The first three folded words after ``end`` (within ``AFTER_CHARS``)."""
        words = self._after.get(end)
        if words is None:
            words = self._after[end] = _words(self.text[end : end + AFTER_CHARS])[:3]
        return words

    def line_start(self, start: int) -> float:
        """1.0 when nothing but spaces precedes ``start`` on its line."""
        flag = self._line_start.get(start)
        if flag is None:
            text = self.text
            flag = self._line_start[start] = float(not text[text.rfind("\n", 0, start) + 1 : start].strip())
        return flag

    def at(self, first: int) -> tuple[float, float, float, float]:
        """(on the act's first page, OCR, inside a stamp, after a distractor word) of offset ``first``."""
        facts = self._at.get(first)
        if facts is None:
            view, text, masked = self.view, self.text, self.masked_head
            facts = self._at[first] = (
                float(view.page_at(first) == self._page0),
                float(view.is_ocr(first)),
                float(first < len(masked) and masked[first] == " " and not text[first].isspace()),
                float(is_distracted(text, first)),
            )
        return facts

    def blocks(self, span: tuple[int, int]) -> dict[str, float]:
        """The block features of a candidate whose first mention is ``span`` (do not modify)."""
        feats = self._blocks.get(span)
        if feats is None:
            feats = self._blocks[span] = _structure_features(self.structure, [span], len(self.text), self._kinds)
        return feats


def _describe(
    cand: Candidate,
    key: Any,
    act: _Act,
    winner_key: Any,
    nature: str | None,
    context: dict[str, Any],
) -> dict[str, float]:
    """``key``: the candidate's ``value_key`` (the one it was merged under); ``winner_key``: that of the
    rules' choice for its field, None when the rules chose nothing. Both computed once per act."""
    kind = LEARNED_FIELDS[cand.field]
    feats: dict[str, float] = {"bias": 1.0}
    view = act.view
    text = act.text
    spans = sorted((f.span[0] - view.start, f.span[1] - view.start) for f in cand.findings if f.span is not None)
    extractors = sorted({f.extractor for f in cand.findings})
    rules = [f for f in cand.findings if not f.extractor.startswith("generic:")]
    for name in extractors:
        # a month without its day is a generic date too, and a weaker one: it has both generators' weights
        for gen in (name, GENERIC_DATE) if name == GENERIC_MONTH_YEAR else (name,):
            feats[f"gen:{gen}"] = 1.0
            if nature:
                feats[f"nat:{nature}|gen:{gen}"] = 1.0
    for source in {f.source.value for f in cand.findings}:
        feats[f"src:{source}"] = 1.0
    feats["rule_conf"] = max((f.confidence for f in rules), default=0.0)
    feats["n_rules"] = float(len({f.extractor for f in rules}))
    feats["labelled"] = float(any(f.labelled for f in rules))
    feats["mentions_log"] = math.log1p(len(spans))
    feats["rule_winner"] = float(winner_key is not None and winner_key == key)
    if nature:
        feats[f"nat:{nature}"] = 1.0
    if spans:
        first = spans[0][0]
        feats["pos_rel"] = first / max(len(text), 1)
        feats["pos_head300"] = float(first < 300)
        feats["pos_head1500"] = float(first < 1500)
        feats["pos_tail"] = float(first > len(text) - TAIL_CHARS)
        feats["page1"], feats["ocr"], feats["in_stamp"], feats["distracted"] = act.at(first)
        for start, end in spans[:MAX_MENTIONS_DESCRIBED]:
            before = act.before(start)
            after = act.after(end)
            for word in before:
                feats[f"b:{word}"] = 1.0
            if before:
                feats[f"b1:{before[-1]}"] = 1.0
                feats[f"{cand.field}|b1:{before[-1]}"] = 1.0
            for word in after:
                feats[f"a:{word}"] = 1.0
            if after:
                feats[f"a1:{after[0]}"] = 1.0
            feats["line_start"] = max(feats.get("line_start", 0.0), act.line_start(start))
        if act.structure is not None and kind in STRUCTURED_KINDS:
            feats.update(act.blocks(spans[0]))
    else:
        feats["no_span"] = 1.0
    if kind == "date":
        iso = key
        ordered = context["dates"]
        if ordered:
            feats["date_latest"] = float(iso == ordered[-1])
            feats["date_earliest"] = float(iso == ordered[0])
        received = context.get("received")
        if received:
            feats["after_received"] = float(iso > received)
            feats["same_as_received"] = float(iso == received)
        if context.get("ctes_date"):
            feats["agrees_ctes_date"] = float(iso == context["ctes_date"])
    if kind == "nature":
        title, head = context["words"]
        value = key
        feats.update({f"{value}|t:{w}": 1.0 for w in title})
        feats.update({f"{value}|w:{w}": 1.0 for w in head})
        feats[f"{value}|bias"] = 1.0
        if feats["rule_winner"]:
            feats[f"{value}|rule_winner"] = 1.0
        if context.get("ctes_nature"):
            feats[f"{value}|ctes:{context['ctes_nature']}"] = 1.0
    if kind == "objet" and spans:
        # the objet's key is its folded text (``value_key``), unless the value is a date
        words = key.split() if isinstance(key, str) and not isinstance(cand.value, date) else _words(str(cand.value))
        feats.update({f"ow:{w}": 1.0 for w in words[:12] if not w.isdigit()})
        if words:
            feats[f"ow1:{words[0]}"] = 1.0
            feats[f"owN:{words[-1]}"] = 1.0
        line_index = view.text.count("\n", 0, spans[0][0])
        feats["line_index_log"] = math.log1p(line_index)
        feats["has_date"] = float(bool(P_DATE.search(str(cand.value))))
        feats["has_colon"] = float(":" in str(cand.value))
    if kind in ("count",):
        try:
            number = int(cand.value)
            feats["count_log"] = math.log1p(max(number, 0))
        except (TypeError, ValueError):
            pass
    feats.update(_shape(cand.value) if kind in ("name", "authority", "objet", "number") else {})
    if kind == "authority":
        words = _words(str(cand.value))
        if words:
            feats[f"last:{words[-1]}"] = 1.0
    # every feature once more under its field, so one model per kind can learn per-field weights
    if kind != "nature":
        prefix = cand.field + "|"
        feats.update(
            {prefix + k: v for k, v in feats.items() if "|" not in k and not k.startswith(("b:", "a:", "nat:"))}
        )
    return feats


def gather(view: TextView, findings: list[Finding]) -> list[Candidate]:
    """Every candidate of every learned field of the act in ``view``, with its features."""
    from actes.extractors.stamp import mask_stamps
    from actes.structure.model import analyse

    # The very slices the header extractors mask: mask_stamps memoises them, so this costs no new pass.
    masked_head = mask_stamps(view.text[:RULES_HEAD_CHARS]) + mask_stamps(view.text[RULES_HEAD_CHARS:CONVOCATION_CHARS])
    structure = analyse(view.text, masked_head) if USE_STRUCTURE else None
    proposals = [f for f in findings if f.field in LEARNED_FIELDS and f.value not in (None, "")]
    proposals += (
        _generic_dates(view) + _month_years(view) + _generic_numbers(view, findings) + _nature_classes(findings) + _title_lines(view)
    )
    proposals += _title_blocks(view, structure)
    proposals += _authority_mentions(view)
    proposals += _trimmed_authorities(proposals)
    merged: dict[tuple[str, Any], Candidate] = {}
    for finding in proposals:
        kind = LEARNED_FIELDS[finding.field]
        try:
            key = (finding.field, value_key(kind, finding.value))
        except TypeError:
            continue
        if key not in merged:
            merged[key] = Candidate(finding.field, finding.value, [])
        merged[key].findings.append(finding)
    winners = {
        name: pair[0].value for name, pair in best_findings([f for f in findings if f.field in LEARNED_FIELDS]).items()
    }
    nature = winners.get("nature")
    received = next(
        (
            f.value.isoformat()
            for f in findings
            if f.field == "transmission.date_reception" and isinstance(f.value, date)
        ),
        None,
    )
    by_field_dates: dict[str, list[str]] = {}
    for (field_name, key), _cand in merged.items():
        if LEARNED_FIELDS[field_name] == "date":
            by_field_dates.setdefault(field_name, []).append(key)
    ctes = ctes_id_of(findings)
    ctes_date, ctes_nature = (ctes.date.isoformat(), ctes.nature) if ctes is not None else (None, None)
    words = _document_words(view)
    winner_keys = {}
    for name, value in winners.items():
        if value is not None:
            try:
                winner_keys[name] = value_key(LEARNED_FIELDS[name], value)
            except TypeError:  # a value no candidate could be merged under: it matches none
                continue
    _follow_referential_cut(winners, winner_keys)
    dates = {name: sorted(keys) for name, keys in by_field_dates.items()}
    act = _Act(view, masked_head, structure)
    for (_, key), cand in merged.items():
        context = {
            "dates": dates.get(cand.field, []),
            "received": received,
            "ctes_date": ctes_date,
            "ctes_nature": ctes_nature,
            "words": words,
        }
        cand.features = _describe(cand, key, act, winner_keys.get(cand.field), nature, context)
    _check_authorities([c for c in merged.values() if LEARNED_FIELDS[c.field] == "authority"], findings, ctes,
                       view.text[:AUTHORITY_CHARS])
    return list(merged.values())


def _follow_referential_cut(winners: dict[str, Any], winner_keys: dict[str, Any]) -> None:
    """The rules' authority name that names nothing whole is theirs as the referential cuts it
    (``referential.resolve`` does so after extraction): the cut value is the rules' choice."""
    from actes.learning.authorities import referential_cut
    from actes.referential.national import national

    value = winners.get("collectivite.nom")
    ref = national() if isinstance(value, str) else None
    cut = referential_cut(value, ref) if ref is not None else None
    if cut is not None:
        winner_keys["collectivite.nom"] = value_key("authority", cut)


def _check_authorities(cands: list[Candidate], findings: list[Finding], ctes: CtesId | None, head: str = "") -> None:
    """Add to each authority candidate what the national referential says of its name (``authorities``);
    ``head``: the act's first words, where it says whose council it is."""
    from actes.learning.authorities import council_kind, describe
    from actes.referential.national import national

    ref = national() if cands else None
    if ref is None:
        return
    siren = (
        ctes.siren
        if ctes is not None
        else next((f.value for f in findings if f.field == "collectivite.siren" and isinstance(f.value, str)), None)
    )
    departement = ctes.departement.removeprefix("0") if ctes is not None else None
    feats = describe(sorted({str(c.value) for c in cands}), siren, departement, ref, council_kind(head))
    for cand in cands:  # under the field too, as ``_describe`` gives every feature
        own = feats[str(cand.value)]
        cand.features.update(own)
        cand.features.update({f"{cand.field}|{k}": v for k, v in own.items()})
