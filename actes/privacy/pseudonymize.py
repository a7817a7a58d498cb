"""Replace private persons' data with stable placeholders in everything published.

The catalog keeps the original act; ``publishable`` returns the copy that exporters write,
or None when the act waits for a clerk's review.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from actes.privacy.officials import fold
from actes.privacy.policy import DEFAULT_POLICY, METADATA_ONLY, PrivacyPolicy
from actes.schemas.act import Act
from actes.schemas.privacy import PersonalData

LABELS = {"person": "PERSONNE", "address": "ADRESSE", "parcel": "PARCELLE", "birth_date": "DATE DE NAISSANCE",
          "phone": "TÉLÉPHONE", "email": "COURRIEL", "iban": "IBAN"}
NUMBERED = {"person", "address", "parcel"}


def _key(item: PersonalData) -> str:
    return fold(item.text)


def placeholders(items: list[PersonalData]) -> dict[tuple[str, str], str]:
    """(kind, folded text) → placeholder, numbered per act in order of first appearance.

    A bare surname shares the placeholder of the full name it belongs to.
    """
    table: dict[tuple[str, str], str] = {}
    counters: dict[str, int] = {}
    persons: list[tuple[set[str], str]] = []
    for item in sorted(items, key=lambda i: (i.start, -(i.end - i.start))):
        key = (item.kind, _key(item))
        if key in table:
            continue
        if item.kind == "person":
            tokens = set(key[1].split())
            same = next((label for known, label in persons if tokens <= known or known <= tokens), None)
            if same:
                table[key] = same
                continue
        if item.kind in NUMBERED:
            counters[item.kind] = counters.get(item.kind, 0) + 1
            label = f"[{LABELS[item.kind]} {counters[item.kind]}]"
        else:
            label = f"[{LABELS[item.kind]}]"
        table[key] = label
        if item.kind == "person":
            persons.append((set(key[1].split()), label))
    return table


def _replacer(private: list[PersonalData], table: dict[tuple[str, str], str]) -> Callable[[str | None], str | None]:
    """A function replacing every private surface form in any string (objet, snippets…)."""
    forms = sorted({(item.text, table[(item.kind, _key(item))]) for item in private}, key=lambda f: -len(f[0]))
    patterns = [(re.compile(rf"(?<![\w]){re.escape(text)}(?![\w])", re.I), label) for text, label in forms if text.strip()]

    def replace(value: str | None) -> str | None:
        if not value:
            return value
        for pattern, label in patterns:
            value = pattern.sub(label, value)
        return value

    return replace


def pseudonymize_text(text: str, private: list[PersonalData], table: dict[tuple[str, str], str],
                      replace: Callable[[str | None], str | None] | None = None) -> str:
    pieces, cursor = [], 0
    for item in sorted(private, key=lambda i: (i.start, -(i.end - i.start))):
        if item.start < cursor or text[item.start : item.end] != item.text:
            continue  # overlapping or stale span: the string pass below still catches its form
        pieces.append(text[cursor : item.start])
        pieces.append(table[(item.kind, _key(item))])
        cursor = item.end
    pieces.append(text[cursor:])
    return (replace or _replacer(private, table))("".join(pieces)) or ""


def publishable(act: Act, policy: PrivacyPolicy = DEFAULT_POLICY) -> Act | None:
    """The act as it may be published, or None when it is held for review."""
    if policy.review_gate and act.privacy.review == "pending":
        return None
    private = [item for item in act.personal_data if item.status == "private"]
    table = placeholders(private)
    replace = _replacer(private, table)
    out = act.model_copy(deep=True)
    if policy.text_mode(act) == METADATA_ONLY or not act.text:
        out.text = None
    else:
        text_private = [p for p in private if p.end <= len(act.text)]
        out.text = pseudonymize_text(act.text, text_private, table, replace)
    out.objet = replace(out.objet)
    # File names are chosen by clerks and may name the person ("peril-dupont.pdf").
    out.source.path = replace(out.source.path) or out.source.path
    out.source.annexes = [replace(a) or a for a in out.source.annexes]
    out.source.envelope = replace(out.source.envelope)
    for prov in out.provenance.values():
        prov.snippet = replace(prov.snippet)
        for conflict in prov.conflicts:
            if isinstance(conflict.value, str):
                conflict.value = replace(conflict.value)
    for problem in out.problems:
        problem.message = replace(problem.message) or problem.message
    out.personal_data = []  # the list itself names the persons
    return out
