"""The publish gate: acts whose detection was uncertain wait for a clerk.

``pending_acts`` lists them with the spans in question; ``decide`` stores the clerk's
decision (accept as detected, or correct some mentions' status); ``Publisher`` applies the
decisions and the policy to every act an export writes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from actes.privacy.officials import fold
from actes.privacy.policy import DEFAULT_POLICY, PrivacyPolicy
from actes.privacy.pseudonymize import publication
from actes.schemas.act import Act
from actes.schemas.privacy import PersonalData
from actes.store.catalog import Catalog
from actes.store.reviews import latest_decisions, record_decision


def apply_decision(act: Act, decision: dict | None) -> Act:
    """A copy of ``act`` with the clerk's decision applied (status corrections, review state)."""
    if not decision:
        return act
    act = act.model_copy(deep=True)
    for correction in decision.get("corrections") or []:
        wanted = fold(correction["text"])
        matched = False
        for item in act.personal_data:
            if fold(item.text) == wanted or (item.kind == "person" and wanted and wanted in fold(item.text)):
                item.status, item.confidence, item.detector = correction["status"], 1.0, "review"
                matched = True
        if not matched and correction["status"] == "private":
            # A mention the detectors missed: replaced everywhere by its surface form.
            act.personal_data.append(PersonalData(
                kind=correction.get("kind", "person"), text=correction["text"], start=-1, end=-1,
                status="private", confidence=1.0, detector="review"))
    act.privacy.review = decision["decision"]
    act.privacy.uncertain = []
    return act


def pending_acts(catalog: Catalog) -> Iterator[tuple[Act, list[PersonalData]]]:
    """Acts held by the gate (no decision yet), with the mentions a clerk should look at."""
    decided = latest_decisions(catalog)
    for act in catalog.iter_acts():
        if act.privacy.review == "pending" and act.id not in decided:
            yield act, [act.personal_data[i] for i in act.privacy.uncertain if i < len(act.personal_data)]


def decide(catalog: Catalog, act_id: str, *, official: Iterable[str] = (), private: Iterable[str] = (),
           reviewer: str | None = None) -> str:
    """Store a decision: no corrections = accepted as detected; else corrected."""
    corrections = [{"text": t, "status": "official"} for t in official] + [{"text": t, "status": "private"} for t in private]
    decision = "corrected" if corrections else "accepted"
    record_decision(catalog, act_id, decision, corrections, reviewer)
    return decision


class Publisher:
    """The one place an act becomes publishable: decisions applied, gate, pseudonymisation,
    verification. Remembers every act it held and why (``held``, ``reasons``, ``summary``)."""

    def __init__(self, catalog: Catalog | None, policy: PrivacyPolicy = DEFAULT_POLICY):
        self.policy = policy
        self.decisions = latest_decisions(catalog) if catalog is not None else {}
        self.held: list[str] = []
        self.reasons: dict[str, dict] = {}

    def __call__(self, act: Act) -> Act | None:
        result = publication(apply_decision(act, self.decisions.get(act.id)), self.policy)
        if result.act is None:
            self.held.append(act.id)
            self.reasons[act.id] = {"id": act.id, "source": act.source.path, "reason": result.reason,
                                    "detail": result.detail}
        return result.act

    def summary(self) -> dict:
        """For the run report: how many acts were held, a count by reason, one line per act."""
        by_reason = Counter(item["reason"] for item in self.reasons.values())
        return {"count": len(self.held), "by_reason": dict(by_reason.most_common()),
                "acts": [self.reasons[act_id] for act_id in self.held]}
