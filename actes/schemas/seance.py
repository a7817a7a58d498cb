"""A council meeting (séance) and who attended it: the ``Seance`` every act of one meeting shares.

Read from the attendance block at the head of minutes and délibérations ("Présents : …",
"Absents excusés : … a donné pouvoir à …"); see ``actes.minutes``. Councillors are officials
acting in office: their names are public and stay in the published package.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from actes.schemas.provenance import FieldProvenance

Statut = Literal["present", "excused", "absent", "represented"]
STATUTS: tuple[str, ...] = ("present", "excused", "absent", "represented")


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Presence(_Part):
    """One councillor at one séance."""

    nom: str = Field(description='Name as printed, civility and title removed, e.g. "Claire MOREAU", "DURAND Paul".')
    civilite: str | None = Field(None, description='"M." or "Mme" when printed.')
    qualite: str | None = Field(None, description='Title printed next to the name, e.g. "Première Adjointe", "Maire".')
    commune: str | None = Field(None, description='Member commune of an EPCI delegate, e.g. "Tournus".')
    statut: Statut = Field(description="present | excused | absent | represented (absent, gave a proxy).")
    mandataire: str | None = Field(
        None, description="Who holds the proxy of a represented member (as named in the attendance list when found there)."
    )
    suppleant: bool = Field(False, description="The member is replaced by a substitute (suppléant), not by a proxy.")
    notes: list[str] = Field(
        default_factory=list, description='Arrival and departure notes, e.g. "arrivé à 19h40", "à partir du point 7".'
    )
    also_listed: list[str] = Field(
        default_factory=list, description="Other statuses the same name is listed under (a contradiction unless a note explains it)."
    )
    provenance: FieldProvenance | None = Field(None, description="Where this entry was read.")


Outcome = Literal["adopted", "rejected", "withdrawn", "prend acte", "information"]
VoteNominatif = Literal["contre", "abstention", "ne prend pas part"]
VOTES_NOMINATIFS: tuple[str, ...] = ("contre", "abstention", "ne prend pas part")


class NamedVote(_Part):
    """One councillor's vote on one point, where the text names them ("Votes contre : M. X")."""

    nom: str = Field(description="The councillor as named in the séance's attendance list.")
    vote: VoteNominatif = Field(description="contre | abstention | ne prend pas part (left, conflict of interest).")
    printed: str | None = Field(None, description='The name as printed in the vote, e.g. "M. DURAND".')
    provenance: FieldProvenance | None = None


class SeanceItem(_Part):
    """An act as one point of the minutes it was read in: its place in the meeting and what the
    minutes say of it beyond the act's own fields."""

    ordre: int = Field(description="Position of the point in the minutes, from 1.")
    label: str | None = Field(None, description='Heading number as printed, e.g. "3", "2.1", "IV", "2023-012".')
    rubrique: str | None = Field(None, description='Rubric the point is filed under, e.g. "Affaires financières".')
    rapporteur: str | None = Field(None, description="Who presented the point, as printed.")
    outcome: Outcome | None = Field(None, description="adopted | rejected | withdrawn | prend acte | information.")
    attendance_notes: list[str] = Field(
        default_factory=list, description='What the point says of attendance: "M. X quitte la séance", "ne prend pas part au vote".'
    )
    non_votants: list[str] = Field(
        default_factory=list, description="Councillors of the séance who left or did not vote on this point (named in those notes)."
    )
    votes_nominatifs: list[NamedVote] = Field(
        default_factory=list, description="Votes the text attributes by name: against, abstaining, taking no part."
    )
    provenance: FieldProvenance | None = Field(None, description="Where the point's heading was read.")


class Seance(_Part):
    """A meeting of a deliberative body and its attendance; the acts decided there point at it."""

    id: str = Field(description='Stable: authority + date + body, e.g. "seance-210199907-2023-03-06-conseil-municipal".')
    organe: str | None = Field(
        None, description="conseil municipal | conseil communautaire | bureau | commission permanente | comité syndical | …"
    )
    collectivite: str | None = Field(None, description="The authority's name as printed.")
    siren: str | None = None
    date: dt.date | None = Field(None, description="Date of the meeting.")
    lieu: str | None = Field(None, description='Place as printed, e.g. "salle du conseil municipal".')
    date_convocation: dt.date | None = None
    president: str | None = None
    secretaire: str | None = None
    en_exercice: int | None = Field(None, description="Members in office, as printed.")
    presents: int | None = Field(None, description="Members present, as printed.")
    representes: int | None = Field(None, description="Proxies, as printed.")
    votants: int | None = Field(None, description="Voters, as printed.")
    presences: list[Presence] = Field(default_factory=list, description="One entry per councillor named in the attendance block.")
    source_path: str | None = None
    source_sha256: str | None = None
    pages: list[int] = Field(default_factory=list, description="Pages holding the attendance block.")

    def counts(self) -> dict[str, int]:
        """Councillors read by status (substitutes are counted present through their substitute)."""
        out = dict.fromkeys(STATUTS, 0)
        for presence in self.presences:
            out[presence.statut] += 1
        return out
