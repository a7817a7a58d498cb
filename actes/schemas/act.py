"""The Act: the one model the pipeline passes around, and a JSON contract outside tools score.

Keys of ``Act.model_dump(mode="json")`` are part of the contract: add, never rename.
Unknown values are ``None``: extractors never guess.
"""

from __future__ import annotations

from datetime import date
from enum import Enum

from pydantic import BaseModel, ConfigDict, Field

from actes.schemas.privacy import PersonalData, PrivacyState
from actes.schemas.provenance import FieldProvenance
from actes.schemas.seance import Seance, SeanceItem


class Nature(str, Enum):
    deliberation = "deliberation"
    arrete = "arrete"
    decision = "decision"
    contrat = "contrat"
    budget = "budget"
    autre = "autre"


class NatureActes(str, Enum):
    """@CTES nature codes: 1 DE, 2 AR, 3 AI, 4 CC, 5 BF, 6 AU."""

    DE = "DE"
    AR = "AR"
    AI = "AI"
    CC = "CC"
    BF = "BF"
    AU = "AU"


NATURE_ACTES_BY_CODE = {"1": "DE", "2": "AR", "3": "AI", "4": "CC", "5": "BF", "6": "AU"}


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Collectivite(_Part):
    nom: str | None = Field(None, description='Name as printed, e.g. "Commune de Valbrenne".')
    siren: str | None = Field(None, description='9-digit SIREN, Luhn-checked, e.g. "210199907".')
    siret: str | None = Field(
        None, description='14-digit SIRET printed on the act ("SIRET : …"), Luhn-checked, starting with the SIREN.'
    )
    type: str | None = Field(
        None, description="commune | epci | departement | region | syndicat | ccas | autre"
    )
    nom_officiel: str | None = Field(
        None, description='Official name from the national referential, e.g. "Valbrenne"; nom stays as printed.'
    )
    code_insee: str | None = Field(None, description='INSEE code of a commune, e.g. "01998".')
    departement: str | None = Field(None, description='Code of its département, e.g. "01", "2A", "974".')


class Matiere(_Part):
    code: str | None = Field(
        None, description='@CTES matière code, level 2, e.g. "7.1"; level 1 alone ("7") when only the matière is certain.'
    )
    libelle: str | None = Field(
        None, description='"Matière/Sous-matière" as the SCDL validator expects; "Matière" alone for a level-1 code.'
    )


class Votes(_Part):
    en_exercice: int | None = Field(None, description="Members in office (VOTE_EFFECTIF).")
    presents: int | None = None
    representes: int | None = Field(None, description="Proxies (pouvoirs, procurations).")
    votants: int | None = Field(None, description="Members who took part in the vote.")
    pour: int | None = None
    contre: int | None = None
    abstentions: int | None = None
    unanimite: bool | None = Field(None, description="True when the text says unanimity.")


class Signataire(_Part):
    nom: str | None = None
    qualite: str | None = Field(None, description='e.g. "Le Maire", "Pour le Président, par délégation".')


class Transmission(_Part):
    pref_id: str | None = Field(
        None, description="@CTES act ID DDD-SIREN-AAAAMMJJ-NUMERO-NATURE, e.g. 034-491011698-20171207-CL20171227_06-DE."
    )
    date_envoi: date | None = Field(None, description="Sent to the préfecture.")
    date_reception: date | None = Field(None, description="Received by the préfecture (PREF_DATE).")
    date_publication: date | None = Field(None, description="Displayed or published.")


class Budget(_Part):
    annee: str | None = Field(None, description='Budget year, "2023" or "2023/2024".')
    nom: str | None = Field(None, description='e.g. "Budget principal", "Budget annexe eau".')


class PageInfo(_Part):
    number: int
    verdict: str = Field(description="born-digital | scanned | bad-text-layer")
    ocr: bool = False
    ocr_confidence: float | None = None
    error: str | None = Field(None, description="Why this page could not be read (OCR failed or timed out).")


class Source(_Part):
    path: str
    sha256: str
    pages: list[int] = Field(default_factory=list, description="1-indexed pages of this act in the file.")
    page_info: list[PageInfo] = Field(default_factory=list)
    annexes: list[str] = Field(default_factory=list, description="Annex files attached to the act.")
    envelope: str | None = Field(None, description="@CTES formulaire the act came with.")


class ProblemRecord(_Part):
    """A problem found in an act (see ``actes.checks.catalogue`` for the slugs)."""

    slug: str
    severity: str  # error | warning | info
    field: str | None = None
    message: str


class Act(_Part):
    id: str = Field(description="Stable: the @CTES ID when known, else sha256[:16] + '-' + position.")
    nature: Nature | None = None
    nature_actes: NatureActes | None = None
    collectivite: Collectivite = Field(default_factory=Collectivite)
    numero: str | None = Field(None, description='Number as printed, e.g. "2022/174".')
    date_decision: date | None = Field(None, description="Session date (délibération) or signature date.")
    objet: str | None = None
    matiere: Matiere = Field(default_factory=Matiere)
    votes: Votes = Field(default_factory=Votes)
    president: str | None = Field(None, description="Président de séance.")
    secretaire_seance: str | None = None
    signataire: Signataire = Field(default_factory=Signataire)
    date_convocation: date | None = None
    transmission: Transmission = Field(default_factory=Transmission)
    budget: Budget = Field(default_factory=Budget)
    seance: Seance | None = Field(
        None, description="The meeting the act was decided in, with its attendance (minutes, délibérations); see actes.minutes."
    )
    item: SeanceItem | None = Field(
        None, description="Set when the act is one point of minutes: its order, rubric, rapporteur, outcome, attendance changes."
    )
    source: Source
    provenance: dict[str, FieldProvenance] = Field(
        default_factory=dict, description="Dotted field path → where its value came from."
    )
    problems: list[ProblemRecord] = Field(default_factory=list)
    extractor_version: str | None = None
    text: str | None = Field(None, description="The act's text as read; published only pseudonymised.")
    personal_data: list[PersonalData] = Field(default_factory=list)
    privacy: PrivacyState = Field(default_factory=PrivacyState)
