"""`actes evaluate --peers dates.csv`: actes' date of each document against two other systems'.

The peers file (``../shared/corpus/peers/dates.csv``) gives, per text, a gold date (a published
act's publication date — else its receipt, else its sending —, the session date for minutes)
and the dates two other systems found. actes answers with the document's first act: its
publication date, else its receipt, else its sending, else its decision date; minutes (a
document that is not itself an act, with the séance it records) answer their session's date, as the
gold does, even when their text prints when they were posted. The share
right is printed for the three, overall and by the source's class of document.

The peers answer every document; actes leaves a date empty when its scorer is unsure. So actes
is scored twice: as published (abstaining), and with its best guess (the top-scored decision
date whatever its probability, when no surer date answers), the figure comparable to theirs.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DATE_ORDER = ("transmission.date_publication", "transmission.date_reception", "transmission.date_envoi",
              "date_decision")
PEERS = ("datapolitics_date", "ner_llm_date")
SYSTEMS = ("actes", "actes_best_guess", *PEERS)


def is_minutes_head(act: dict[str, Any]) -> bool:
    """The head of minutes: a document that is not itself an act (nature "autre" or none) with the
    séance it records attached. The peers' gold for minutes is the session date, whatever posting or
    publication date their text also prints."""
    seance = act.get("seance")
    return act.get("nature") in (None, "autre") and isinstance(seance, dict) and bool(seance.get("date"))


def actes_date(act: dict[str, Any] | None) -> str | None:
    """The one date actes gives a document, in the peers' order of preference (the session's first
    for minutes)."""
    if act is None:
        return None
    if is_minutes_head(act):
        return str(act["seance"]["date"])
    for dotted in DATE_ORDER:
        value: Any = act
        for name in dotted.split("."):
            value = value.get(name) if isinstance(value, dict) else None
        if value:
            return str(value)
    return None


@dataclass
class PeerComparison:
    documents: int = 0
    right: dict[str, int] = field(default_factory=lambda: defaultdict(int))  # system → documents right
    by_class: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(int)))
    misses: list[dict[str, Any]] = field(default_factory=list)

    def share(self, system: str) -> float:
        return self.right[system] / self.documents if self.documents else 0.0

    def as_dict(self) -> dict[str, Any]:
        systems = SYSTEMS
        return {
            "documents": self.documents,
            "right": {s: self.right[s] for s in systems},
            "share": {s: round(self.share(s), 4) for s in systems},
            "by_class": {c: dict(v) for c, v in sorted(self.by_class.items())},
            "actes_misses": self.misses,
        }


def best_guess_model():
    """The shipped scorer, answering the decision date it would leave empty (None when none is shipped)."""
    import copy

    from actes.learning.model import FieldPolicy, load_default_model

    model = copy.deepcopy(load_default_model())
    if model is None:
        return None
    # Only the decision date, the last resort: a guessed publication date would outrank a sure one.
    if "date_decision" in model.fields:
        policy = model.fields["date_decision"]
        model.fields["date_decision"] = FieldPolicy(policy.calibration, float("-inf"), policy.mode)
    return model


def compare_with_peers(peers_csv: Path, corpus_dir: Path, extract=None, best_guess: bool = True) -> PeerComparison:
    """Extract every text the peers file names (relative to ``corpus_dir``) and count who is right."""
    if extract is None:
        from actes.evaluation.runner import extract_file as extract
    guesser = None
    if best_guess:
        from actes.learning.choose import using_model

        model = best_guess_model()
        if model is not None:
            def guesser(path: Path) -> list[dict[str, Any]]:
                with using_model(model):
                    return extract(path)
    result = PeerComparison()
    with open(peers_csv, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        path = corpus_dir / row["file"]
        try:
            acts = extract(path)
        except Exception as exc:  # noqa: BLE001 - a file that fails counts as a miss, and says why
            acts, error = [], str(exc)
        else:
            error = None
        ours = actes_date(acts[0] if acts else None)
        guessed = ours
        if guesser is not None and error is None:
            guessed_acts = guesser(path)
            guessed = actes_date(guessed_acts[0] if guessed_acts else None)
        result.documents += 1
        klass = row.get("source_nature") or "?"
        result.by_class[klass]["documents"] += 1
        answers = (("actes", ours), ("actes_best_guess", guessed), *((p, row.get(p) or None) for p in PEERS))
        for system, value in answers:
            if value and value == row["gold_date"]:
                result.right[system] += 1
                result.by_class[klass][system] += 1
        if guessed != row["gold_date"]:
            result.misses.append({"file": row["file"], "class": klass, "gold": row["gold_date"], "actes": ours,
                                  "actes_best_guess": guessed,
                                  **({"error": error} if error else {})})
    return result


def peers_markdown(result: PeerComparison) -> str:
    systems = SYSTEMS
    lines = ["| documents | " + " | ".join(systems) + " |", "|---|" + "---:|" * len(systems)]
    lines.append(f"| all ({result.documents}) | " + " | ".join(f"{result.share(s):.1%}" for s in systems) + " |")
    for klass, counts in sorted(result.by_class.items()):
        n = counts["documents"]
        lines.append(f"| {klass} ({n}) | " + " | ".join(f"{counts.get(s, 0) / n:.0%}" for s in systems) + " |")
    return "\n".join(lines)
