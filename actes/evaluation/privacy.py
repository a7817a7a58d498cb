"""Score the privacy step on a labelled set: does any private datum leak, are officials kept?

Labels (one JSON object per line): ``{"file": "acts/x.txt", "nature_actes": "AR", "spans":
[{"text", "start", "end", "kind", "status": "private"|"official"}]}``. An act is extracted with
the whole pipeline, then published with the review gate off and text kept, so every label is
checked against what would be published.

A private person leaks when any of its surname words is still in the published text; another
private datum leaks when its text is. An official is kept when its whole name still is.
"""

from __future__ import annotations

import json
import re
import time
from collections import defaultdict
from pathlib import Path

from actes.privacy.detect import annotate
from actes.privacy.officials import surname_tokens
from actes.privacy.policy import PSEUDONYMISED, PrivacyPolicy
from actes.privacy.pseudonymize import publishable

EVALUATION_POLICY = PrivacyPolicy(by_nature_actes={}, unknown_individual_natures=(), default=PSEUDONYMISED, review_gate=False)


def _contains(haystack: str, needle: str) -> bool:
    return bool(needle) and re.search(rf"(?<![a-z0-9]){re.escape(needle)}(?![a-z0-9])", haystack) is not None


def fold_text(text: str) -> str:
    """Compare without case, accents or punctuation, digits kept (dates, phones, IBAN)."""
    import unicodedata

    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def needles(label: dict) -> set[str]:
    """What must not be found in published text for this label to count as hidden."""
    if label["kind"] == "person":
        return set(surname_tokens(label["text"]))
    return {fold_text(label["text"])}


def leaked(label: dict, published: str) -> bool:
    """``published`` is ``fold_text`` of what would be published."""
    return any(_contains(published, needle) for needle in needles(label))


def evaluate_privacy(labels_path: str | Path, root: str | Path | None = None) -> dict:
    """Recall of private data (names, addresses, other) and share of officials kept, with leaks listed."""
    from actes.extraction import extract_paths

    labels_path = Path(labels_path)
    root = Path(root) if root else labels_path.parent
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # group → [ok, total]
    leaks, lost_officials, seconds, privacy_seconds, acts = [], [], 0.0, 0.0, 0
    for line in labels_path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        clock = time.perf_counter()
        act = extract_paths([root / record["file"]])[0]
        seconds += time.perf_counter() - clock
        clock = time.perf_counter()
        annotate(act)  # timed again alone: the cost of the privacy step per act
        privacy_seconds += time.perf_counter() - clock
        acts += 1
        out = publishable(act, EVALUATION_POLICY)
        published = fold_text(" ".join(filter(None, [out.text, out.objet])))
        for label in record["spans"]:
            if label["status"] == "private":
                group = "private_names" if label["kind"] == "person" else (
                    "private_addresses" if label["kind"] == "address" else "private_other")
                ok = not leaked(label, published)
                if not ok:
                    leaks.append({"file": record["file"], **label})
            else:
                group = "officials_kept"
                ok = _contains(published, fold_text(label["text"]))
                if not ok:
                    lost_officials.append({"file": record["file"], **label})
            counts[group][0] += ok
            counts[group][1] += 1
    scores = {group: {"ok": ok, "total": total, "rate": round(ok / total, 4) if total else None}
              for group, (ok, total) in sorted(counts.items())}
    return {
        "acts": acts, "scores": scores, "leaks": leaks, "officials_replaced": lost_officials,
        "ms_per_act_extraction_with_privacy": round(1000 * seconds / max(acts, 1), 1),
        "ms_per_act_privacy": round(1000 * privacy_seconds / max(acts, 1), 1),
    }
