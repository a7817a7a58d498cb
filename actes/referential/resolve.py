"""Name the authority of an act from the national referential: SIREN, official name, type, département.

Called once per act after reconciliation (``actes.extraction``). In order:

1. the SIREN the act carries (@CTES ID, envelope, printed "SIREN"), Luhn-checked: the referential
   gives its official name, type, INSEE code and département;
2. else the printed name ("Ville de …", "Communauté de communes …", "Conseil départemental de …"):
   a name borne by one authority in France is taken unless the @CTES ID's département
   contradicts it; a name borne by several is told apart by the département the act names
   (``hints``), or by the size of its council: a commune whose population allows fewer
   councillors (CGCT L2121-2) than the act counts present and represented cannot be the one. A
   name that stays ambiguous is never resolved: the act keeps no SIREN and its provenance lists
   the candidates (``provenance["collectivite.siren"]``, extractor ``referential:ambiguous``, the
   candidates as conflicts);
3. a printed name that names nothing whole often carries words of the flattened text after it
   ("COMMUNE DE X LUNDI", "… SÉANCE"): its shorter prefixes are tried, longest first, never cut
   inside a hyphenated word nor next to a connector ("de", "sur", …), and the first that names
   anything is taken only if it names one authority the act's other hints do not contradict
   (``cut``). The printed name is then cut too, with the lower confidence ``CUT_CONFIDENCE`` and
   the whole printed name kept as a conflict (extractor ``referential:name-cut``).

The printed name stays in ``collectivite.nom``; the official one goes to ``nom_officiel``. No
SIRET is ever produced here: the national data has none.
"""

from __future__ import annotations

import re

from actes.checks.council import OWN_LAW, TOLERANCE, legal_size
from actes.extractors.patterns.ids import siren_is_valid
from actes.referential.hints import Hints, departement_hints, id_departement
from actes.referential.names import P_COMMUNE_HEAD, P_EPCI_HEAD, commune_keys, epci_core, key, territorial_key
from actes.referential.national import Authority, National, national
from actes.schemas.act import Act
from actes.schemas.provenance import Candidate, FieldProvenance, SourceKind

NOT_IN_REFERENTIAL = {"etat", "syndicat", "ccas", "autre"}
HEAD_CHARS = 3000  # where the full name of an EPCI read cut short is looked for
MAX_CANDIDATES = 20
CUT_CONFIDENCE = 0.75  # a name found by cutting words off the printed one
# A homonym chosen by the council it seats rests on one extracted count (and a commune nouvelle may
# lawfully keep a larger council until its next renewal, CGCT L2113-8): no surer than a cut name.
SEATS_CONFIDENCE = CUT_CONFIDENCE
SEATS_MARK = " [by council size]"
CUT_EXTRACTOR = "referential:name-cut"
# Words a place name continues with ("Saint-Jean de X", "Villiers le Y"): never cut before or after one.
CONNECTORS = frozenset("de du des d la le les l sur sous en les lez aux au et a".split())


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
    head = (act.text or "")[:HEAD_CHARS]
    cut, candidates = None, _named(ref, coll.nom, coll.type, head)
    if not candidates:
        cut, candidates = cut_name(ref, coll.nom, coll.type, head)
        if not candidates:
            return None
    hints = departement_hints(act.text or "", act.transmission.pref_id, ref)
    chosen, why = choose(candidates, hints, id_departement(act.transmission.pref_id), seats_seen(act))
    if chosen is not None and cut is not None and not _consistent(chosen, hints):
        chosen, why = None, f"; {cut!r} names {chosen.label}, outside the départements the act names"
    if chosen is None:
        _ambiguous(act, candidates, why if cut is None else f"cut to {cut!r}{why}", ref)
        return None
    if cut is None:
        confidence = SEATS_CONFIDENCE if why.endswith(SEATS_MARK) else 0.95 if hints else 0.9
        _fill(act, chosen, "referential:name", confidence, f"{coll.nom!r}: {chosen.label}{why}", ref)
    else:
        snippet = f"{coll.nom!r} names nothing whole, cut to {cut!r}: {chosen.label}{why}"
        _cut(act, cut)
        _fill(act, chosen, CUT_EXTRACTOR, CUT_CONFIDENCE, snippet, ref)
    return chosen


def cut_name(ref: National, printed: str, kind: str | None, head: str = "") -> tuple[str | None, list[Authority]]:
    """(the longest prefix of ``printed`` that names any authority, those authorities); (None, []) when none.

    Cut only between words separated by spaces, never next to a connector: 'X LUNDI' → 'X', but
    'SAINT JEAN DE LUZZ' is not cut to 'SAINT JEAN' (that would name another place)."""
    if not _kind_and_name(printed):
        return None, []  # a bare name is never cut: what is left would be a word, not a name
    words = printed.split()
    for n in range(len(words) - 1, 0, -1):
        kept, dropped = words[:n], words[n]
        if _is_connector(kept[-1]) or _is_connector(dropped):
            continue
        prefix = " ".join(kept)
        if not _kind_and_name(prefix):
            break  # only kind words left ("COMMUNE DE", "VILLE")
        printed_kind = epci_core(prefix)[1]  # 'Communauté urbaine X' cut is a CU, never a métropole X
        found = [a for a in _named(ref, prefix, kind, head) if not printed_kind or a.epci_type in (None, printed_kind)]
        if found:
            return prefix, found
    return None, []


def _is_connector(word: str) -> bool:
    return key(word) in CONNECTORS


def _kind_and_name(printed: str) -> bool:
    """Whether ``printed`` opens with kind words ("Commune de", "CC du") followed by a name."""
    k = key(printed)
    return any((m := pattern.match(k)) is not None and k[m.end() :] for pattern in (P_COMMUNE_HEAD, P_EPCI_HEAD))


def seats_seen(act: Act) -> int | None:
    """The most council members the act shows at once: in office, or present and represented."""
    votes = act.votes
    counts = [votes.en_exercice, (votes.presents or 0) + (votes.representes or 0) if votes.presents else None]
    return max((c for c in counts if c), default=None)


def _seats_fit(candidate: Authority, seats: int | None) -> bool:
    """False for a commune whose population allows fewer councillors than ``seats`` (CGCT L2121-2,
    with the checks' tolerance for a population that changed since the election)."""
    population = candidate.rule_population or candidate.population
    if not seats or candidate.type != "commune" or population is None or candidate.code in OWN_LAW:
        return True
    return seats <= legal_size(int(population * (1 + TOLERANCE)))


def _consistent(chosen: Authority, hints: Hints) -> bool:
    """A cut name's authority lies in a département the act names, when it names any."""
    return not hints.departements or bool(set(hints.departements) & set(chosen.departements))


def _cut(act: Act, cut: str) -> None:
    """The printed name becomes its prefix ``cut``; the whole printed one stays as a conflict."""
    coll = act.collectivite
    printed = act.provenance.get("collectivite.nom")
    act.provenance["collectivite.nom"] = FieldProvenance(
        source=printed.source if printed else SourceKind.referential,
        extractor=CUT_EXTRACTOR,
        confidence=min(printed.confidence, CUT_CONFIDENCE) if printed else CUT_CONFIDENCE,
        page=printed.page if printed else None,
        span=_cut_span(act.text or "", printed.span, cut) if printed and printed.span else None,
        snippet=cut,
        ocr=printed.ocr if printed else False,
        conflicts=[printed.displaced(coll.nom)] if printed else [],
    )
    coll.nom = cut


def _cut_span(text: str, span: tuple[int, int], cut: str) -> tuple[int, int]:
    """The span of the cut name's words in the text: the printed one may hold line breaks or double
    spaces the cut name (its words joined by one space) no longer has."""
    words = list(re.finditer(r"\S+", text[span[0] : span[1]]))
    count = len(cut.split())
    if 0 < count <= len(words):
        return span[0], span[0] + words[count - 1].end()
    return span[0], min(span[1], span[0] + len(cut))


def _named(ref: National, printed: str, kind: str | None, head: str = "") -> list[Authority]:
    if kind == "commune":
        return ref.communes_named(commune_keys(printed))
    if kind == "epci":
        return ref.epcis_named(printed, head)
    return ref.communes_named(commune_keys(printed)) + ref.epcis_named(printed, head)


def choose(
    candidates: list[Authority], hints: Hints, id_dep: str | None, seats: int | None = None
) -> tuple[Authority | None, str]:
    """The one candidate the act points to, and why; (None, why not) when it stays open.

    Where the act is (its @CTES ID, the département or postcode it names) decides first; among the
    homonyms it leaves, ``seats`` (council members the act counts at once) rules out the communes
    too small to seat them (CGCT L2121-2)."""
    chosen, why, narrowed = _by_place(candidates, hints, id_dep)
    if chosen is not None or not seats or len(narrowed) < 2:
        return chosen, why
    fit = [c for c in narrowed if _seats_fit(c, seats)]
    if len(fit) != 1:
        return None, why
    return fit[0], f"; {len(candidates)} of that name, only it can seat {seats} councillors (CGCT L2121-2)" + SEATS_MARK


def _by_place(
    candidates: list[Authority], hints: Hints, id_dep: str | None
) -> tuple[Authority | None, str, list[Authority]]:
    """(the one candidate where the act says it is, why, the candidates its place leaves open)."""
    named = set(hints.departements)
    if len(candidates) == 1:
        only = candidates[0]
        if id_dep and id_dep not in only.departements:
            return (
                None,
                f"; the only one of that name lies in {'/'.join(only.departements)}, the @CTES ID says {id_dep}",
                [],
            )
        return only, "; the only one of that name", candidates
    if id_dep:  # the préfecture that received the act is the authority's
        narrowed = [c for c in candidates if id_dep in c.departements]
    else:
        narrowed = [c for c in candidates if named & set(c.departements)]
    if len(narrowed) > 1 and hints.postcodes:
        narrowed = [c for c in narrowed if hints.postcodes & set(c.postcodes)] or narrowed
    if len(narrowed) == 1:
        where = "; ".join(hints.departements.get(narrowed[0].departements[0], [])[:1]) or f"@CTES ID {id_dep}"
        why = f"; {len(candidates)} of that name, the act names département {narrowed[0].departements[0]} ({where})"
        return narrowed[0], why, narrowed
    if not named:
        return None, f"{len(candidates)} authorities of that name and the act names no département", candidates
    return (
        None,
        f"{len(candidates)} authorities of that name, {len(narrowed)} in the départements named ({', '.join(sorted(named))})",
        narrowed,
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
