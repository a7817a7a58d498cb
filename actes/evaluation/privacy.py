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
import random
import re
import time
from collections import defaultdict
from pathlib import Path

from actes.privacy.detect import annotate
from actes.privacy.officials import name_tokens, surname_tokens
from actes.privacy.policy import PSEUDONYMISED, PrivacyPolicy
from actes.privacy.pseudonymize import publishable
from actes.privacy.seance import DOCUMENT, SHARED, share_decisions
from actes.privacy.training import CIVILITIES, is_labelled_private, private_names

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


# A private person whose surname an official of the file bears too leaks where one of its given
# names, or its initial, stands this many words or fewer from the surname, in either order
# ("Jean-Paul VERNIER", "VERNIER Jean-Paul", "J.-P. VERNIER").
NEAR_WORDS = 3


def _given_and_surname(label: dict, labels: list[dict]) -> tuple[frozenset[str], frozenset[str]] | None:
    """(surname, given names) of a private person whose surname an official the file labels bears
    with another given name; None otherwise (its surname alone is what must not be published)."""
    if label["kind"] != "person":
        return None
    surname = surname_tokens(label["text"])
    private = private_names([label])
    shared = any(
        other["kind"] == "person"
        and other["status"] == "official"
        and surname_tokens(other["text"]) & surname
        and not is_labelled_private(name_tokens(other["text"]), private)
        for other in labels
    )
    given = name_tokens(label["text"]) - surname - CIVILITIES
    return (frozenset(surname), frozenset(given)) if shared and given else None


def needles(label: dict) -> set[str]:
    """What must not be found in published text for this label to count as hidden: a person's
    surname, any other datum's text. (A private person whose surname a labelled official bears is
    read by ``leaked`` as its given name and surname near each other instead.)"""
    if label["kind"] != "person":
        return {fold_text(label["text"])}
    return set(surname_tokens(label["text"]))


def _near(published: str, surname: frozenset[str], given: frozenset[str]) -> bool:
    """A surname word with a given name or its initial within NEAR_WORDS words, either side."""
    words = published.split()
    initials = {g[0] for g in given}
    for i, word in enumerate(words):
        if word in surname:
            around = words[max(0, i - NEAR_WORDS) : i] + words[i + 1 : i + 1 + NEAR_WORDS]
            if any(w in given or (len(w) == 1 and w in initials) for w in around):
                return True
    return False


def leaked(label: dict, published: str, labels: list[dict] = ()) -> bool:
    """``published`` is ``fold_text`` of what would be published; ``labels``: the file's."""
    pair = _given_and_surname(label, labels)
    if pair:
        return _near(published, *pair)
    return any(_contains(published, needle) for needle in needles(label))


def _same_datum(found, label: dict) -> bool:
    """A detected private mention belongs to a labelled private mention."""
    if label["status"] != "private":
        return False
    if found.kind == "person" and label["kind"] == "person":
        # the surname, and the given name when both give one ("Jean MARTIN" is not "Jean DUPONT")
        return is_labelled_private(name_tokens(found.text), private_names([label]))
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


class Tally:
    """Counts over scored files: recall of private data, officials kept, precision; with the
    leaks, lost officials and false positives listed."""

    def __init__(self) -> None:
        self.counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # group → [ok, total]
        self.leaks, self.lost_officials, self.false_positives, self.held = [], [], [], []
        self.acts = 0

    def add(self, key: str, ok: bool) -> None:
        self.counts[key][0] += ok
        self.counts[key][1] += 1

    def score_file(self, record: dict, acts) -> None:
        """``acts``: the file's acts, their personal data already decided."""
        labels = record.get("mentions") or record.get("spans") or []
        split = record.get("split")
        published_parts = []
        for act in acts:
            self.acts += 1
            out = publishable(act, EVALUATION_POLICY)
            if out is None:  # held by the verification (a value survived replacement): nothing published
                self.held.append({"file": record["file"], "act": act.id})
            else:
                published_parts += [out.text, out.objet]
            for found in act.personal_data:
                if found.status != "private" or found.detector.startswith((SHARED, DOCUMENT)):
                    continue  # a copy received from another act is counted there
                ok = any(_same_datum(found, label) for label in labels)
                if not ok:
                    self.false_positives.append(
                        {"file": record["file"], "kind": found.kind, "text": found.text, "detector": found.detector}
                    )
                for key in ("private_precision", *((f"{split}:private_precision",) if split else ())):
                    self.add(key, ok)
        published = fold_text(" ".join(filter(None, published_parts)))
        for label in labels:
            group = _group(label)
            if group == "officials_kept":
                ok = _contains(published, fold_text(label["text"]))
                if not ok:
                    self.lost_officials.append({"file": record["file"], **label})
            else:
                ok = not leaked(label, published, labels)
                if not ok:
                    self.leaks.append({"file": record["file"], **label})
            recall = "officials_kept" if group == "officials_kept" else "private_recall"
            for key in {group, recall, *((f"{split}:{recall}",) if split else ())}:
                self.add(key, ok)

    def scores(self) -> dict:
        return {
            group: {"ok": ok, "total": total, "rate": round(ok / total, 4) if total else None}
            for group, (ok, total) in sorted(self.counts.items())
        }

    def report(self) -> dict:
        return {
            "acts": self.acts,
            "scores": self.scores(),
            "leaks": self.leaks,
            "officials_replaced": self.lost_officials,
            "false_positives": self.false_positives,
            "held": self.held,
        }


def evaluate_privacy(labels_path: str | Path, root: str | Path | None = None) -> dict:
    """Recall of private data (names, addresses, other) and share of officials kept, with leaks
    listed, for the shipped decision."""
    from actes.extraction import extract_paths

    labels_path = Path(labels_path)
    root = Path(root) if root else labels_path.parent
    tally, seconds, privacy_seconds = Tally(), 0.0, 0.0
    for line in labels_path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        clock = time.perf_counter()
        file_acts = extract_paths([root / record["file"]])
        seconds += time.perf_counter() - clock
        for act in file_acts:
            clock = time.perf_counter()
            annotate(act)  # timed again alone: the cost of the privacy step per act
            privacy_seconds += time.perf_counter() - clock
        share_decisions(file_acts)
        tally.score_file(record, file_acts)
    return {
        **tally.report(),
        "ms_per_act_extraction_with_privacy": round(1000 * seconds / max(tally.acts, 1), 1),
        "ms_per_act_privacy": round(1000 * privacy_seconds / max(tally.acts, 1), 1),
    }


def _decide_and_score(tally: Tally, files, scorer) -> None:
    for item in files:
        for act, prepared in zip(item.acts, item.prepared, strict=True):
            annotate(act, scorer=scorer, prepared=prepared)
        share_decisions(item.acts)
        tally.score_file(item.record, item.acts)


def crossvalidate_privacy(
    labels_path: str | Path,
    root: str | Path,
    generated_labels: str | Path | None = None,
    generated_root: str | Path | None = None,
    *,
    folds: int = 5,
    seed: int = 0,
) -> dict:
    """The learned public/private decision measured on authorities it never saw.

    Real labelled files are split into ``folds`` groups of authorities; each group is decided by
    a scorer trained on the others and on every generated act (generated acts are never
    scored here). Beside it: the held-out split (trained on the tune split), in-sample (trained
    on everything, scored on the real files), the generated set in-sample, and the rules alone
    (no learned decision) on the real files.
    """
    from actes.privacy.training import load_labelled

    real = load_labelled(Path(labels_path), Path(root))
    generated = load_labelled(Path(generated_labels), Path(generated_root), generated=True) if generated_labels else []
    return crossvalidate_files(real, generated, folds=folds, seed=seed)


def crossvalidate_files(real: list, generated: list, *, folds: int = 5, seed: int = 0) -> dict:
    """``crossvalidate_privacy`` on files already extracted (``actes.privacy.training.load_labelled``)."""
    from actes.privacy.training import examples_of, fit

    examples = {id(item): examples_of([item]) for item in real + generated}
    generated_examples = [ex for item in generated for ex in examples[id(item)]]
    groups = sorted({item.group for item in real})
    rng = random.Random(seed)
    rng.shuffle(groups)
    fold_of = {group: i % folds for i, group in enumerate(groups)}
    out: dict = {"files": len(real), "authorities": len(groups), "generated_files": len(generated), "folds": folds}
    crossval = Tally()
    for fold in range(folds):
        train = generated_examples + [ex for item in real if fold_of[item.group] != fold for ex in examples[id(item)]]
        _decide_and_score(crossval, [item for item in real if fold_of[item.group] == fold], fit(train, seed))
    out["crossval"] = crossval.report()
    tune = [item for item in real if item.record.get("split") != "heldout"]
    heldout = Tally()
    _decide_and_score(
        heldout,
        [item for item in real if item.record.get("split") == "heldout"],
        fit(generated_examples + [ex for item in tune for ex in examples[id(item)]], seed),
    )
    out["heldout"] = heldout.report()
    everything = fit(generated_examples + [ex for item in real for ex in examples[id(item)]], seed)
    in_sample, in_sample_generated, rules = Tally(), Tally(), Tally()
    _decide_and_score(in_sample, real, everything)
    _decide_and_score(in_sample_generated, generated, everything)
    _decide_and_score(rules, real, False)
    out["in_sample"] = in_sample.report()
    out["generated_in_sample"] = in_sample_generated.report()
    out["rules_alone"] = rules.report()
    out["model"] = {"band": [everything.low, everything.high], "persons": everything.meta.get("persons")}
    return out
