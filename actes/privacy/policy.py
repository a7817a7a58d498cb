"""What each nature of act publishes: its text pseudonymised, or metadata only.

Default: individual acts (AI) publish metadata only; acts whose @CTES nature is unknown but
that are arrêtés or décisions are treated as individual (when unsure, protect).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from actes.schemas.act import Act

PSEUDONYMISED = "pseudonymised-text"
METADATA_ONLY = "metadata-only"


@dataclass(frozen=True)
class PrivacyPolicy:
    by_nature_actes: dict[str, str] = field(
        default_factory=lambda: {"AI": METADATA_ONLY, "DE": PSEUDONYMISED, "AR": PSEUDONYMISED,
                                 "CC": PSEUDONYMISED, "BF": PSEUDONYMISED, "AU": PSEUDONYMISED}
    )
    unknown_individual_natures: tuple[str, ...] = ("arrete", "decision")
    default: str = PSEUDONYMISED
    review_gate: bool = True  # hold acts with uncertain detections until a clerk reviews them
    # Natures that carry no personal data of private persons (budget documents): published at
    # once, still pseudonymised and verified, never held for a doubt.
    never_held: tuple[str, ...] = ("BF",)

    def holds(self, act: Act, doubtful: list) -> bool:
        """Whether the gate holds ``act`` for these uncertain mentions: only those that would
        be published count (an individual act publishes its objet, not its text)."""
        if not self.review_gate or not doubtful:
            return False
        if getattr(act.nature_actes, "value", act.nature_actes) in self.never_held:
            return False
        if self.text_mode(act) == METADATA_ONLY:
            return any(d.start < 0 for d in doubtful)  # offsets -1: the mention is in the objet
        return True

    def text_mode(self, act: Act) -> str:
        if act.nature_actes is not None:
            return self.by_nature_actes.get(getattr(act.nature_actes, "value", act.nature_actes), self.default)
        if act.nature is not None and getattr(act.nature, "value", act.nature) in self.unknown_individual_natures:
            return METADATA_ONLY
        return self.default

    def describe(self) -> dict:
        """The policy as the package states it (datapackage.json, publication metadata)."""
        return {
            "text_by_nature_actes": dict(self.by_nature_actes),
            "unknown_nature_treated_as_individual": list(self.unknown_individual_natures),
            "default": self.default,
            "review_gate": self.review_gate,
            "never_held_natures": list(self.never_held),
            "replacement": "stable placeholders per act: [PERSONNE n], [ADRESSE n], [PARCELLE n], "
            "[DATE DE NAISSANCE], [TÉLÉPHONE], [COURRIEL], [IBAN]",
            "kept": "elected officials acting in their function and the signatory",
        }


DEFAULT_POLICY = PrivacyPolicy()
