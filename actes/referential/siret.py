"""The SIRET of an act's authority (SCDL's COLL_SIRET), from the first source that has it.

In order: the user's ``collectivites.csv`` (matched by SIREN or name), the SIRET printed on the
act ("SIRET : …", Luhn-checked and starting with the act's SIREN, see ``resolve``), the head
office kept by ``actes referential import-sirene`` for the act's SIREN. Never guessed: no source,
no SIRET.
"""

from __future__ import annotations

from dataclasses import dataclass

from actes.referential.national import National, national
from actes.referential.user_csv import Match
from actes.schemas.act import Act


@dataclass(frozen=True)
class SiretFound:
    siret: str
    source: str  # provenance.csv source: "referential" (user CSV, Sirene import) | "text" | "ocr"
    extractor: str  # "referential:siren" | "referential:name" | "collectivite:siret" | "referential:sirene"
    snippet: str | None
    confidence: float
    page: int | None = None


def siret_of(
    act: Act, match: Match | None, user_path: str = "collectivites.csv", ref: National | None = None
) -> SiretFound | None:
    """Where the SIRET of ``act``'s authority comes from; None when no source has it."""
    if match is not None:
        return SiretFound(
            match.entry.siret,
            "referential",
            f"referential:{match.by}",
            match.entry.snippet(user_path),
            match.confidence,
        )
    coll = act.collectivite
    if coll.siret and coll.siren and coll.siret.startswith(coll.siren):
        prov = act.provenance.get("collectivite.siret")
        if prov is not None:
            return SiretFound(coll.siret, prov.source.value, prov.extractor, prov.snippet, prov.confidence, prov.page)
        return SiretFound(coll.siret, "unrecorded", "collectivite:siret", None, 0.5)
    ref = ref or (national() if coll.siren else None)
    siret = ref.head_office_siret(coll.siren) if ref is not None and coll.siren else None
    if siret is None:
        return None
    source = ref.meta.get("sirene_source", "Sirene")
    when = (ref.meta.get("sirene_imported_at") or "")[:10]
    return SiretFound(
        siret,
        "referential",
        "referential:sirene",
        f"head office of SIREN {coll.siren} in {source} (imported {when or '?'})",
        0.95,
    )
