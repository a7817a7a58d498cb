"""Score the privacy step on a labelled set: does any private datum leak, are officials kept,
and how many of the mentions hidden as private were private?

Labels (one JSON object per line), either with offsets (the generated set, ``fixtures/privacy``):
``{"file": "acts/x.txt", "nature_actes": "AR", "spans": [{"text", "start", "end", "kind",
"status": "private"|"official"}]}``, or by mention text (real acts, ``labels/privacy-corpus.jsonl``:
no copy of the text): ``{"file": "texts/x.txt", "authority", "split": "tune"|"heldout",
"mentions": [{"text", "kind", "status"}]}``. A file is extracted with the whole pipeline (all the
acts it holds), then published with the review gate off and text kept, so every label is checked
against what would be published.

Recall: a private person leaks when any of its surname words is still in the published text;
another private datum leaks when its text is. Officials kept: the whole name still is.
Precision: of the mentions detection made private (every occurrence), the share that belong to a
labelled private mention of the file (a person by a common name word, other data by text); the
labels of a file list every private datum it holds, so anything else hidden is a false positive.
"""

from __future__ import annotations

import json
import re
import time
from collections import defaultdict
from pathlib import Path

from actes.privacy.detect import annotate
from actes.privacy.officials import name_tokens, surname_tokens
from actes.privacy.policy import PSEUDONYMISED, PrivacyPolicy
from actes.privacy.pseudonymize import publishable

EVALUATION_POLICY = PrivacyPolicy(
    by_nature_actes={}, unknown_individual_natures=(), default=PSEUDONYMISED, review_gate=False
)


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


def _same_datum(found, label: dict) -> bool:
    """A detected private mention belongs to a labelled private mention."""
    if label["status"] != "private":
        return False
    if found.kind == "person" and label["kind"] == "person":
        return bool(name_tokens(found.text) & name_tokens(label["text"]))
    a, b = fold_text(found.text), fold_text(label["text"])
    return bool(a and b) and (a in b or b in a)


def _group(label: dict) -> str:
    if label["status"] != "private":
        return "officials_kept"
    return (
        "private_names"
        if label["kind"] == "person"
        else ("private_addresses" if label["kind"] == "address" else "private_other")
    )


def evaluate_privacy(labels_path: str | Path, root: str | Path | None = None) -> dict:
    """Recall of private data (names, addresses, other) and share of officials kept, with leaks listed."""
    from actes.extraction import extract_paths

    labels_path = Path(labels_path)
    root = Path(root) if root else labels_path.parent
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # group → [ok, total]
    leaks, lost_officials, false_positives, held, seconds, privacy_seconds, acts = [], [], [], [], 0.0, 0.0, 0
    for line in labels_path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        labels = record.get("mentions") or record.get("spans") or []
        split = record.get("split")
        clock = time.perf_counter()
        file_acts = extract_paths([root / record["file"]])
        seconds += time.perf_counter() - clock
        published_parts = []
        for act in file_acts:
            clock = time.perf_counter()
            annotate(act)  # timed again alone: the cost of the privacy step per act
            privacy_seconds += time.perf_counter() - clock
            acts += 1
            out = publishable(act, EVALUATION_POLICY)
            if out is None:  # held by the verification (a value survived replacement): nothing published
                held.append({"file": record["file"], "act": act.id})
            else:
                published_parts += [out.text, out.objet]
            for found in act.personal_data:
                if found.status != "private":
                    continue
                ok = any(_same_datum(found, label) for label in labels)
                if not ok:
                    false_positives.append(
                        {"file": record["file"], "kind": found.kind, "text": found.text, "detector": found.detector}
                    )
                for key in ("private_precision", *((f"{split}:private_precision",) if split else ())):
                    counts[key][0] += ok
                    counts[key][1] += 1
        published = fold_text(" ".join(filter(None, published_parts)))
        for label in labels:
            group = _group(label)
            if group == "officials_kept":
                ok = _contains(published, fold_text(label["text"]))
                if not ok:
                    lost_officials.append({"file": record["file"], **label})
            else:
                ok = not leaked(label, published)
                if not ok:
                    leaks.append({"file": record["file"], **label})
            recall = "officials_kept" if group == "officials_kept" else "private_recall"
            for key in {group, recall, *((f"{split}:{recall}",) if split else ())}:
                counts[key][0] += ok
                counts[key][1] += 1
    scores = {
        group: {"ok": ok, "total": total, "rate": round(ok / total, 4) if total else None}
        for group, (ok, total) in sorted(counts.items())
    }
    return {
        "acts": acts,
        "scores": scores,
        "leaks": leaks,
        "officials_replaced": lost_officials,
        "false_positives": false_positives,
        "held": held,
        "ms_per_act_extraction_with_privacy": round(1000 * seconds / max(acts, 1), 1),
        "ms_per_act_privacy": round(1000 * privacy_seconds / max(acts, 1), 1),
    }
