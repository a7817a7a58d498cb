"""Identity: the envelope, the stamp's @CTES ID and the body should describe the same act.

Reconciliation keeps one value per field and the disagreeing candidates in
``provenance[field].conflicts``; the @CTES ID also carries the SIREN, the date, the number and the
nature code. We sort every candidate into one of three sources — envelope, @CTES ID, body — and
flag a field when two sources share no value. Disagreements inside one source (two dates in the
body) are the extractors' business, not a problem of the act. The ID's date is the decision date
by the protocol, but some TdTs put the day of sending there (e.g. DEL20220624_06,
ID dated 20220701 = its "Envoyé en préfecture" date): such an ID date is not compared. Likewise the number: the envelope's NumeroInterne and the
ID's number are one value and must agree, but the printed number is often another numbering
(a département prints "Délibération n° 01-02" under ID number 2023_01_26_006): not compared.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from stdnum.fr import siren as stdnum_siren

from actes.checks.catalogue import PROBLEMS
from actes.checks.context import CheckContext
from actes.extractors.patterns.ids import P_ID_LOOSE, CtesId, parse_ctes_id
from actes.schemas.act import Act, ProblemRecord
from actes.schemas.provenance import SourceKind

ENVELOPE, CTES_ID, BODY = "envelope", "@CTES ID", "body"
GROUP_ORDER = (ENVELOPE, CTES_ID, BODY)
P_ID_SIREN = re.compile(r"\s*\w{2,3}[-_](?P<siren>\d{9})[-_]")

# Act field → slug; the @CTES ID part that speaks about it.
IDENTITY_FIELDS = {
    "collectivite.siren": ("siren-mismatch", "siren"),
    "date_decision": ("date-mismatch", "date"),
    "numero": ("numero-mismatch", "numero"),
    "nature_actes": ("nature-mismatch", "nature"),
    "matiere.code": ("matiere-mismatch", None),
}

# Body nature → the @CTES codes it may travel under (budgets and conventions are often voted).
# "décision" is left out: the word heads délibérations too ("Décision modificative n° 8 du budget",
# generated fixture 094), so it tells nothing about the code.
COMPATIBLE_CODES = {
    "deliberation": {"DE", "BF", "CC"},
    "arrete": {"AR", "AI"},
    "contrat": {"CC", "DE", "AU"},
    "budget": {"BF", "DE"},
}


def source_group(source: SourceKind | str, extractor: str) -> str | None:
    source = SourceKind(source)
    if source is SourceKind.envelope:
        return ENVELOPE
    if source is SourceKind.stamp or (source is SourceKind.derived and extractor.startswith("stamp")):
        return CTES_ID
    if source in (SourceKind.text, SourceKind.ocr):
        return BODY
    return None


def _get(act: Act, dotted: str) -> Any:
    value: Any = act
    for name in dotted.split("."):
        value = getattr(value, name)
    return getattr(value, "value", value)  # enums as their code


def candidates(act: Act, field: str) -> Iterator[tuple[str, Any]]:
    """(source group, value) of the kept value and of every conflicting candidate."""
    prov = act.provenance.get(field)
    if prov is None:
        return
    value = _get(act, field)
    group = source_group(prov.source, prov.extractor)
    if value is not None and group:
        yield group, value
    for loser in prov.conflicts:
        group = source_group(loser.source, loser.extractor)
        if group:
            yield group, loser.value


def _conflict_values(act: Act, field: str) -> list[Any]:
    prov = act.provenance.get(field)
    return [c.value for c in prov.conflicts] if prov is not None else []


def ctes_ids(act: Act) -> list[CtesId]:
    """The parsed @CTES IDs the act carries: kept and conflicting."""
    parsed = []
    for text in [act.transmission.pref_id, *map(str, _conflict_values(act, "transmission.pref_id"))]:
        match = P_ID_LOOSE.search(text or "")
        ctes_id = parse_ctes_id(match) if match else None
        if ctes_id is not None and ctes_id not in parsed:
            parsed.append(ctes_id)
    return parsed


def normalise(field: str, value: Any) -> str:
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    if field == "date_decision":
        return text[:10]
    if field == "matiere.code":
        return ".".join(text.strip().split(".")[:2])
    return re.sub(r"[^0-9a-z]", "", text.lower())


def _agree(field: str, first: set[str], second: set[str]) -> bool:
    if first & second:
        return True
    if field == "numero":  # "12" printed, "DE_2023_012" in the ID: one holds the other
        return any(a in b or b in a for a in first for b in second if a and b)
    return False


def _transmission_dated(act: Act, ctes_id: CtesId, part: str) -> bool:
    """Some TdTs date the ID on the day of sending, not of the decision: that date says nothing."""
    sent = {act.transmission.date_envoi, act.transmission.date_reception} - {None}
    return part == "date" and ctes_id.date in sent and ctes_id.date != act.date_decision


def check_sources_agree(ctx: CheckContext) -> Iterator[ProblemRecord]:
    act = ctx.act
    ids = ctes_ids(act)
    for field, (slug, id_part) in IDENTITY_FIELDS.items():
        by_group: dict[str, dict[str, Any]] = defaultdict(dict)
        found: Iterable[tuple[str, Any]] = list(candidates(act, field))
        if id_part:
            found = [*found, *((CTES_ID, getattr(i, id_part)) for i in ids if not _transmission_dated(act, i, id_part))]
        for group, value in found:
            by_group[group].setdefault(normalise(field, value), value)
        groups = [g for g in GROUP_ORDER if by_group.get(g) and not (field == "numero" and g == BODY)]
        pairs = [(a, b) for i, a in enumerate(groups) for b in groups[i + 1 :]]
        for first, second in pairs:
            if not _agree(field, set(by_group[first]), set(by_group[second])):
                yield PROBLEMS[slug].record(
                    act, field, first=next(iter(by_group[first].values())), first_source=first,
                    second=next(iter(by_group[second].values())), second_source=second,
                )
                break


def check_siren(ctx: CheckContext) -> Iterator[ProblemRecord]:
    act = ctx.act
    seen: set[str] = set()
    values = [("collectivite.siren", v) for _, v in candidates(act, "collectivite.siren")]
    if act.collectivite.siren and "collectivite.siren" not in act.provenance:
        values.insert(0, ("collectivite.siren", act.collectivite.siren))
    # Not through ctes_ids: the ID parser refuses an ID whose SIREN fails its key.
    for text in [act.transmission.pref_id, *_conflict_values(act, "transmission.pref_id")]:
        match = P_ID_SIREN.match(str(text or ""))
        if match:
            values.append(("transmission.pref_id", match["siren"]))
    for field, value in values:
        value = str(value)
        if value in seen:
            continue
        seen.add(value)
        if not stdnum_siren.is_valid(value):
            yield PROBLEMS["siren-invalid"].record(act, field, value=value)


def body_nature(act: Act) -> str | None:
    prov = act.provenance.get("nature")
    if prov is None:
        return None
    if source_group(prov.source, prov.extractor) == BODY and act.nature is not None:
        return act.nature.value
    for loser in prov.conflicts:
        if source_group(loser.source, loser.extractor) == BODY:
            return str(loser.value)
    return None


def check_nature_code(ctx: CheckContext) -> Iterator[ProblemRecord]:
    """A délibération transmitted as AR, an arrêté as DE…"""
    act = ctx.act
    nature = body_nature(act)
    if nature not in COMPATIBLE_CODES:
        return
    codes = [(i.nature, f"@CTES ID {i}") for i in ctes_ids(act)]
    prov = act.provenance.get("nature_actes")
    if act.nature_actes is not None and prov is not None and prov.source is SourceKind.envelope:
        codes.insert(0, (act.nature_actes.value, "envelope"))
    for code, source in codes:
        if code not in COMPATIBLE_CODES[nature]:
            yield PROBLEMS["nature-code-contradiction"].record(act, "nature_actes", nature=nature, code=code, source=source)
            return


CHECKS = {
    "identity:sources": check_sources_agree,
    "identity:siren": check_siren,
    "identity:nature-code": check_nature_code,
}
