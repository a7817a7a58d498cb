"""The publish gate: acts whose detection was uncertain wait for a clerk.

``pending_acts`` lists them with the spans in question; ``decide`` stores the clerk's
decision (accept as detected, correct some mentions' status, or reject: never published);
``decide_batch`` takes many at once (all acts held for one reason, or a file of decisions);
``Publisher`` applies the decisions and the policy to every act an export writes. A correction
is remembered for the same name in the same authority: a later act of that authority naming
the same person gets it without waiting for a clerk.
"""

from __future__ import annotations

from collections import Counter, defaultdict
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
            act.personal_data.append(
                PersonalData(
                    kind=correction.get("kind", "person"),
                    text=correction["text"],
                    start=-1,
                    end=-1,
                    status="private",
                    confidence=1.0,
                    detector="review",
                )
            )
    act.privacy.review = decision["decision"]
    act.privacy.uncertain = []
    return act


DECISIONS = ("accepted", "corrected", "rejected")
REJECTED = "rejected-by-reviewer"


def authority_key(act: Act) -> str | None:
    """Which authority an act is from, to remember corrections by (SIREN, else its folded name)."""
    name = act.collectivite.siren or fold(act.collectivite.nom_officiel or act.collectivite.nom or "")
    return name or None


def pending_acts(catalog: Catalog, reason: str | None = None) -> Iterator[tuple[Act, list[PersonalData]]]:
    """Acts held by the gate (no decision yet, none remembered that settles them), with the
    mentions a clerk should look at; only those held for ``reason`` when given."""
    decided = latest_decisions(catalog)
    memory = remembered_corrections(decided)
    for act in catalog.iter_acts():
        if act.privacy.review != "pending" or act.id in decided:
            continue
        if reason and (act.privacy.reason or "") != reason:
            continue
        if apply_remembered(act, memory).privacy.review != "pending":
            continue
        yield act, [act.personal_data[i] for i in act.privacy.uncertain if i < len(act.personal_data)]


def decide(
    catalog: Catalog,
    act_id: str,
    *,
    official: Iterable[str] = (),
    private: Iterable[str] = (),
    reviewer: str | None = None,
    reject: bool = False,
    act: Act | None = None,
) -> str:
    """Store a decision: rejected (never published); no corrections = accepted as detected; else
    corrected. Each correction carries the act's authority, so it is remembered there."""
    act = act or catalog.get_act(act_id)
    authority = authority_key(act) if act is not None else None
    corrections = [{"text": t, "status": "official", "authority": authority} for t in official] + [
        {"text": t, "status": "private", "authority": authority} for t in private
    ]
    decision = "rejected" if reject else ("corrected" if corrections else "accepted")
    record_decision(catalog, act_id, decision, corrections, reviewer)
    return decision


class DecisionError(ValueError):
    """A decision in a batch that cannot be applied (unknown act, unknown decision)."""


def decide_batch(catalog: Catalog, decisions: Iterable[dict], reviewer: str | None = None) -> Counter:
    """Apply many decisions: ``{"act": ID, "decision": "accept"|"reject"|"correct", "official": [...],
    "private": [...], "reviewer": ...}``. Every line is checked before any is stored (one bad
    line and nothing is decided); returns a count by decision."""
    decisions = list(decisions)
    known = {act.id: act for act in catalog.iter_acts()}
    for i, item in enumerate(decisions, 1):
        if item.get("act") not in known:
            raise DecisionError(f'decision {i}: no act "{item.get("act")}" in the catalog')
        if item.get("decision", "correct" if item.get("official") or item.get("private") else None) not in (
            "accept",
            "reject",
            "correct",
        ):
            raise DecisionError(f'decision {i}: say "decision": "accept", "reject" or "correct"')
    counts: Counter = Counter()
    for item in decisions:
        counts[
            decide(
                catalog,
                item["act"],
                official=item.get("official") or (),
                private=item.get("private") or (),
                reviewer=item.get("reviewer") or reviewer,
                reject=item.get("decision") == "reject",
                act=known[item["act"]],
            )
        ] += 1
    return counts


def remembered_corrections(decisions: dict[str, dict]) -> dict[str, list[dict]]:
    """authority → the corrections clerks made on its acts (latest decision of each act)."""
    memory: dict[str, list[dict]] = defaultdict(list)
    for decision in sorted(decisions.values(), key=lambda d: d["decided_at"]):
        for correction in decision.get("corrections") or []:
            if correction.get("authority"):
                memory[correction["authority"]].append(correction)
    return memory


def apply_remembered(act: Act, memory: dict[str, list[dict]]) -> Act:
    """A copy of ``act`` with the corrections remembered for its authority applied to the mentions
    of the same name; when they settle every uncertain mention, it waits for no one."""
    corrections = memory.get(authority_key(act) or "", [])
    if not corrections:
        return act
    act = act.model_copy(deep=True)
    settled = set()
    for i, item in enumerate(act.personal_data):
        for correction in corrections:  # the latest correction of a name wins
            if item.kind == "person" and _same_name(item.text, correction["text"]):
                item.status, item.confidence, item.detector = correction["status"], 1.0, "review:remembered"
                settled.add(i)
    if act.privacy.review == "pending" and set(act.privacy.uncertain) <= settled:
        act.privacy.review, act.privacy.uncertain = "remembered", []
    return act


def _same_name(mention: str, name: str) -> bool:
    a, b = fold(mention), fold(name)
    return bool(a and b) and (a == b or f" {b} " in f" {a} " or f" {a} " in f" {b} ")


class Publisher:
    """The one place an act becomes publishable: decisions applied, gate, pseudonymisation,
    verification. Remembers every act it held and why (``held``, ``reasons``, ``summary``)."""

    def __init__(self, catalog: Catalog | None, policy: PrivacyPolicy = DEFAULT_POLICY):
        self.policy = policy
        self.decisions = latest_decisions(catalog) if catalog is not None else {}
        self.memory = remembered_corrections(self.decisions)
        self.held: list[str] = []
        self.reasons: dict[str, dict] = {}

    def __call__(self, act: Act) -> Act | None:
        decision = self.decisions.get(act.id)
        if decision and decision["decision"] == "rejected":
            self.held.append(act.id)
            self.reasons[act.id] = {
                "id": act.id,
                "source": act.source.path,
                "reason": REJECTED,
                "detail": f"by {decision.get('reviewer') or 'a reviewer'}",
            }
            return None
        prepared = apply_decision(act, decision) if decision else apply_remembered(act, self.memory)
        result = publication(prepared, self.policy)
        if result.act is None:
            self.held.append(act.id)
            self.reasons[act.id] = {
                "id": act.id,
                "source": act.source.path,
                "reason": result.reason,
                "detail": result.detail,
            }
        return result.act

    def summary(self) -> dict:
        """For the run report: how many acts were held, a count by reason, one line per act."""
        by_reason = Counter(item["reason"] for item in self.reasons.values())
        return {
            "count": len(self.held),
            "by_reason": dict(by_reason.most_common()),
            "acts": [self.reasons[act_id] for act_id in self.held],
        }
