"""Name the authority of an act from the national referential: SIREN, official name, type, département.

Called once per act after reconciliation (``actes.extraction``). In order:

1. the SIREN the act carries (@CTES ID, envelope, printed "SIREN"), Luhn-checked: the referential
   gives its official name, type, INSEE code and département;
2. else the printed name ("Ville de …", "Communauté de communes …", "Conseil départemental de …"):
   a name borne by one authority in France is taken unless the @CTES ID's département
   contradicts it; a name borne by several is told apart by the département the act names
   (``hints``). A name that stays ambiguous is never resolved: the act keeps no SIREN and its
   provenance lists the candidates (``provenance["collectivite.siren"]``, extractor
   ``referential:ambiguous``, the candidates as conflicts).

The printed name stays in ``collectivite.nom``; the official one goes to ``nom_officiel``. No
SIRET is ever produced here: the national data has none.
"""

from __future__ import annotations

from actes.extractors.patterns.ids import siren_is_valid
from actes.referential.hints import Hints, departement_hints, id_departement
from actes.referential.names import commune_keys, territorial_key
from actes.referential.national import Authority, National, national
from actes.schemas.act import Act
from actes.schemas.provenance import Candidate, FieldProvenance, SourceKind

NOT_IN_REFERENTIAL = {"etat", "syndicat", "ccas", "autre"}
HEAD_CHARS = 3000  # where the full name of an EPCI read cut short is looked for
MAX_CANDIDATES = 20


def resolve_authority(act: Act, ref: National | None = None) -> Authority | None:
    """Fill ``act.collectivite`` from the referential (``national()`` by default); the authority or None.

    A printed SIRET is kept only when it starts with the SIREN the act ends up with."""
    found = _resolve(act, ref)
    check_printed_siret(act)
    return found


def check_printed_siret(act: Act) -> None:
    """Drop a printed SIRET that is not the resolved authority's (another body's, misread), saying so."""
    coll = act.collectivite
    if not coll.siret or (coll.siren and coll.siret.startswith(coll.siren)):
        return
    printed = act.provenance.get("collectivite.siret")
    coll.siret = None
    act.provenance["collectivite.siret"] = FieldProvenance(
        source=SourceKind.referential,
        extractor="referential:siret-rejected",
        confidence=0.0,
        snippet=f"printed SIRET {printed.snippet if printed else '?'} does not start with SIREN {coll.siren or '(none)'}",
        page=printed.page if printed else None,
    )


def _resolve(act: Act, ref: National | None) -> Authority | None:
    ref = ref or national()
    if ref is None:
        return None
    coll = act.collectivite
    if coll.siren:
        found = ref.by_siren(coll.siren) if siren_is_valid(coll.siren) else None
        if found is not None:
            _fill(act, found, "referential:siren", 1.0, f"SIREN {coll.siren}: {found.label}", ref)
        if found is not None or coll.type not in ("departement", "region"):
            return found  # a SIREN the referential lacks (syndicat, CCAS) is kept as it is
    if not coll.nom or coll.type in NOT_IN_REFERENTIAL:
        return None
    if coll.type in ("departement", "region"):  # the national data has no SIREN of their councils
        table = "departements" if coll.type == "departement" else "regions"
        found = ref.territory(table, territorial_key(coll.nom, coll.type))
        if found is not None:
            _fill(act, found, "referential:name", 0.9, f"{coll.nom!r}: {found.label}", ref)
        return found
    candidates = _named(ref, coll.nom, coll.type, (act.text or "")[:HEAD_CHARS])
    if not candidates:
        return None
    hints = departement_hints(act.text or "", act.transmission.pref_id, ref)
    chosen, why = choose(candidates, hints, id_departement(act.transmission.pref_id))
    if chosen is not None:
        _fill(act, chosen, "referential:name", 0.95 if hints else 0.9, f"{coll.nom!r}: {chosen.label}{why}", ref)
        return chosen
    _ambiguous(act, candidates, why, ref)
    return None


def _named(ref: National, printed: str, kind: str | None, head: str = "") -> list[Authority]:
    if kind == "commune":
        return ref.communes_named(commune_keys(printed))
    if kind == "epci":
        return ref.epcis_named(printed, head)
    return ref.communes_named(commune_keys(printed)) + ref.epcis_named(printed, head)


def choose(candidates: list[Authority], hints: Hints, id_dep: str | None) -> tuple[Authority | None, str]:
    """The one candidate the act points to, and why; (None, why not) when it stays open."""
    named = set(hints.departements)
    if len(candidates) == 1:
        only = candidates[0]
        if id_dep and id_dep not in only.departements:
            return (
                None,
                f"; the only one of that name lies in {'/'.join(only.departements)}, the @CTES ID says {id_dep}",
            )
        return only, "; the only one of that name"
    if id_dep:  # the préfecture that received the act is the authority's
        narrowed = [c for c in candidates if id_dep in c.departements]
    else:
        narrowed = [c for c in candidates if named & set(c.departements)]
    if len(narrowed) > 1 and hints.postcodes:
        narrowed = [c for c in narrowed if hints.postcodes & set(c.postcodes)] or narrowed
    if len(narrowed) == 1:
        where = "; ".join(hints.departements.get(narrowed[0].departements[0], [])[:1]) or f"@CTES ID {id_dep}"
        return narrowed[
            0
        ], f"; {len(candidates)} of that name, the act names département {narrowed[0].departements[0]} ({where})"
    if not named:
        return None, f"{len(candidates)} authorities of that name and the act names no département"
    return (
        None,
        f"{len(candidates)} authorities of that name, {len(narrowed)} in the départements named ({', '.join(sorted(named))})",
    )


def _fill(act: Act, found: Authority, extractor: str, confidence: float, snippet: str, ref: National) -> None:
    coll = act.collectivite
    values = {"nom_officiel": found.nom, "type": found.type}
    if found.siren:
        values["siren"] = found.siren
    if found.type == "commune":
        values["code_insee"] = found.code
    if len(found.departements) == 1:
        values["departement"] = found.departements[0]
    snippet = f"{snippet} [{ref.version}]"
    for name, value in values.items():
        if getattr(coll, name) == value and f"collectivite.{name}" in act.provenance:
            continue  # already read from the act itself (a printed SIREN, a type): keep that provenance
        setattr(coll, name, value)
        act.provenance[f"collectivite.{name}"] = FieldProvenance(
            source=SourceKind.referential, extractor=extractor, confidence=confidence, snippet=snippet
        )


def _ambiguous(act: Act, candidates: list[Authority], why: str, ref: National) -> None:
    act.provenance["collectivite.siren"] = FieldProvenance(
        source=SourceKind.referential,
        extractor="referential:ambiguous",
        confidence=0.0,
        snippet=f"{act.collectivite.nom!r}: unresolved, {why} [{ref.version}]",
        conflicts=[
            Candidate(
                value=c.siren or c.code,
                source=SourceKind.referential,
                extractor=f"referential:{c.label}",
                confidence=round(1 / len(candidates), 3),
            )
            for c in candidates[:MAX_CANDIDATES]
        ],
    )
