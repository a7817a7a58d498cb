"""Personal data found in an act, and where its review stands (see ``actes.privacy``)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class PersonalData(BaseModel):
    """One mention of personal data in the act's text (offsets into ``Act.text``)."""

    model_config = ConfigDict(extra="forbid")

    kind: str = Field(description="person | address | birth_date | phone | email | iban | parcel")
    text: str
    start: int
    end: int
    status: str = Field(description="private (to replace) | official (elected or signatory, stays public)")
    confidence: float = Field(ge=0.0, le=1.0)
    detector: str = Field(description='"rule:civility", "nlp:ner", "rule:address"…')
    reason: str | None = Field(None, description='Why it is official: "president", "attendance", "role:maire"…')


class PrivacyState(BaseModel):
    model_config = ConfigDict(extra="forbid")

    review: str = Field(
        "not-needed", description="not-needed | pending (held until a clerk decides) | accepted | corrected"
    )
    uncertain: list[int] = Field(default_factory=list, description="Indexes in personal_data a clerk should look at.")
    reason: str | None = Field(None, description='Why the act is held, one slug: "uncertain-person", "uncertain-official"…')
