"""Replace private persons' data with stable placeholders in everything published, then verify.

The catalog keeps the original act; ``publication`` returns the copy that exporters write, or
the reason it is held. How a string is redacted, whatever string it is (the text, the objet,
a provenance snippet or conflict, a problem message, a file name):

1. the spans to replace are computed on **that very string**: the detected spans when the
   string is the text they were detected on and the span still reads the same, plus every
   occurrence of every private value found through the folded projection of the string
   (``actes.privacy.match``: case, accents, spacing, line breaks and end-of-line hyphens
   ignored), including each private person's surname alone;
2. overlapping spans are merged and replaced from the last to the first, so no replacement
   moves the offsets of another;
3. the published act is then **verified**: every string of it is searched for every private
   value; one survivor and the act is held (reason ``leak-after-replacement``), never
   published.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from actes.privacy import match
from actes.privacy.officials import NOT_NAMES_FOLDED, alone_tokens, name_tokens
from actes.privacy.policy import DEFAULT_POLICY, METADATA_ONLY, PrivacyPolicy
from actes.schemas.act import Act
from actes.schemas.privacy import PersonalData

LABELS = {
    "person": "PERSONNE",
    "address": "ADRESSE",
    "parcel": "PARCELLE",
    "birth_date": "DATE DE NAISSANCE",
    "phone": "TÉLÉPHONE",
    "email": "COURRIEL",
    "iban": "IBAN",
}
NUMBERED = {"person", "address", "parcel"}
SPACED_KINDS = {"phone", "iban"}  # digits grouped anyhow
PREFIXED_KINDS = {"address", "parcel"}  # their first three words and more name them already
PLACEHOLDER_WORDS = frozenset(match.fold_value(" ".join(LABELS.values())).split())
P_CIVILITY = re.compile(
    r"^\s*(?:monsieur|madame|mademoiselle|messieurs|mesdames|m\.|mm\.|mr\.?|mme|mmes|mlle|ma[iî]tre|me|docteur|dr)\s+",
    re.I,
)
P_POSTCODE = re.compile(r",?\s*\d{5}\b")
P_HOUSE_NUMBER = re.compile(r"^\s*\d+\S*,?\s+(?=\D)")
P_PARCEL_HEAD = re.compile(r"^parcelles?\s+(?:cadastr[ée]es?\s+)?", re.I)

P_PLACEHOLDER = re.compile(r"\[(?:" + "|".join(LABELS.values()) + r")(?: \d+)?\]")
HELD_UNCERTAIN = "uncertain-official-or-private"
HELD_LEAK = "leak-after-replacement"


@dataclass(frozen=True)
class Needle:
    """A private value as searched in folded strings."""

    value: str  # folded
    label: str
    kind: str
    spaced: bool = False


@dataclass
class Publication:
    """What becomes of one act: the copy to publish, or why it is held (``reason``, ``detail``)."""

    act: Act | None
    reason: str | None = None
    detail: str | None = None


def _key(item: PersonalData) -> str:
    return match.fold_value(item.text)


def placeholders(items: list[PersonalData]) -> dict[tuple[str, str], str]:
    """(kind, folded text) → placeholder, numbered per act in order of first appearance.

    A bare surname shares the placeholder of the full name it belongs to.
    """
    table: dict[tuple[str, str], str] = {}
    counters: dict[str, int] = {}
    persons: list[tuple[frozenset[str], str]] = []
    for item in sorted(items, key=lambda i: (i.start < 0, i.start, -(i.end - i.start))):
        key = (item.kind, _key(item))
        if key in table:
            continue
        if item.kind == "person":
            tokens = name_tokens(item.text)
            same = next((label for known, label in persons if tokens and (tokens <= known or known <= tokens)), None)
            if same:
                table[key] = same
                continue
        if item.kind in NUMBERED:
            counters[item.kind] = counters.get(item.kind, 0) + 1
            label = f"[{LABELS.get(item.kind, item.kind.upper())} {counters[item.kind]}]"
        else:
            label = f"[{LABELS.get(item.kind, item.kind.upper())}]"
        table[key] = label
        if item.kind == "person":
            persons.append((name_tokens(item.text), label))
    return table


def _forms(item: PersonalData) -> set[str]:
    """The written forms of a private datum worth searching for, before folding."""
    forms = {item.text}
    if item.kind == "person":
        forms.add(P_CIVILITY.sub("", item.text))
    elif item.kind == "address":
        forms.add(P_POSTCODE.split(item.text)[0])  # "4 rue des Lilas" of "4 rue des Lilas, 36000 Ville"
        forms.add(P_HOUSE_NUMBER.sub("", item.text))  # "lieu-dit Les Brandes" of "2001, lieu-dit Les Brandes"
    elif item.kind == "parcel":
        forms.add(P_PARCEL_HEAD.sub("", item.text))
    return {f for f in forms if f.strip()}


def needles(
    private: list[PersonalData],
    table: dict[tuple[str, str], str],
    officials: list[PersonalData] = (),
    public: list[str | None] = (),
) -> list[Needle]:
    """Every private value to search for: whole forms, and each private surname alone.

    A surname an official also bears, or a word of the act's public names (its authority, its
    budget), is not searched alone (it would hide them); the private person's whole name still is.
    """
    official_tokens = {t for o in officials for t in name_tokens(o.text)}
    public_folded = [match.fold_value(name) for name in public if name]
    official_tokens |= {t for name in public_folded for t in name.split()}
    out: dict[tuple[str, bool], Needle] = {}
    for item in private:
        label = table[(item.kind, _key(item))]
        spaced = item.kind in SPACED_KINDS
        for form in _forms(item):
            for join in (True, False):
                value = match.fold_value(form, join_hyphens=join)
                values = [value]
                if item.kind in PREFIXED_KINDS:
                    # A snippet cut at 200 characters may end inside: "242 avenue Jean Jau…".
                    words = value.split()
                    values += [" ".join(words[:n]) for n in range(3, len(words))]
                for value in values:
                    if len(value.replace(" ", "")) >= 3 and not any(value in p for p in public_folded):
                        out.setdefault((value, spaced), Needle(value, label, item.kind, spaced))
        if item.kind == "person":
            for token in alone_tokens(item.text):
                if token in official_tokens or token in NOT_NAMES_FOLDED or token in PLACEHOLDER_WORDS:
                    continue
                value = match.fold_value(token)
                out.setdefault((value, False), Needle(value, label, item.kind))
    return list(out.values())


def redact(text: str | None, found: list[Needle], exact: list[tuple[int, int, str]] = ()) -> str | None:
    """``text`` with every private value replaced; ``exact``: (start, end, label) already known on it."""
    if not text:
        return text
    spans = [(s, e, label) for s, e, label in exact if 0 <= s < e <= len(text)]
    folded = match.fold(text)
    for needle in found:
        spans.extend((s, e, needle.label) for s, e in match.find(folded, needle.value, needle.spaced))
    if not spans:
        return text
    # Merge overlaps; the longest span of a cluster names it.
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    merged: list[list] = []
    for start, end, label in spans:
        if merged and start < merged[-1][1]:
            last = merged[-1]
            if end - start > last[3]:
                last[2], last[3] = label, end - start
            last[1] = max(last[1], end)
        else:
            merged.append([start, end, label, end - start])
    for start, end, label, _ in reversed(merged):  # last to first: earlier offsets stay true
        text = text[:start] + label + text[end:]
    return text


EXTRA_PARTS = ("seance", "item")  # getattr: a part absent from the schema is skipped


# Fields of the séance parts that hold one person's name. Once any word of such a name is replaced,
# the rest goes too: "[PERSONNE 5] Prénom" would still point at the person by the words the
# detected span left out (a first name, a title), so the whole name becomes its placeholder.
PERSON_NAME_FIELDS = frozenset({"nom", "mandataire", "rapporteur", "president", "secretaire", "printed", "non_votants"})


def _whole_name(value):
    if isinstance(value, list):
        return [_whole_name(v) for v in value]
    if isinstance(value, str) and P_PLACEHOLDER.search(value):
        return " ".join(dict.fromkeys(P_PLACEHOLDER.findall(value)))
    return value


def _closed_vocabulary(annotation) -> bool:
    """A field whose values come from a fixed list (a Literal, an Enum): a code, never a name."""
    import enum
    import typing

    if typing.get_origin(annotation) is typing.Literal:
        return True
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return True
    return any(_closed_vocabulary(arg) for arg in typing.get_args(annotation))


@functools.cache
def _open_fields(model_class: type) -> tuple[str, ...]:
    """The fields of a model class that may hold free text (not ``_closed_vocabulary``): asked once
    per class, not once per field of every act published."""
    return tuple(name for name, info in model_class.model_fields.items() if not _closed_vocabulary(info.annotation))


def _redact_model(model, found: list[Needle]):
    """Every free-text string inside a pydantic model redacted, in place; returns the model.

    Fields of a closed vocabulary ("present", "absent"…) are left alone: a private surname that is
    also such a word would otherwise write a placeholder where the schema forbids it."""
    for name in _open_fields(type(model)):
        value = _redact_value(getattr(model, name), found)
        setattr(model, name, _whole_name(value) if name in PERSON_NAME_FIELDS else value)
    return model


def _redact_value(value, found: list[Needle]):
    if isinstance(value, str):
        return redact(value, found)
    if isinstance(value, list):
        return [_redact_value(v, found) for v in value]
    if isinstance(value, dict):
        return {k: _redact_value(v, found) for k, v in value.items()}
    if hasattr(type(value), "model_fields"):
        return _redact_model(value, found)
    return value


def _strings(value, path: str = ""):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, f"{path}[{i}]")


def survivors(published: Act, found: list[Needle]) -> list[tuple[str, str]]:
    """(field path, kind) of every private value still present in ``published``."""
    strings = list(_strings(published.model_dump(mode="json", exclude={"personal_data", "privacy"})))
    # One search over all strings at once; the fields are named only when something is found.
    everything = match.fold(P_PLACEHOLDER.sub(" ", "\n".join(value for _, value in strings)))
    hits = [needle for needle in found if match.contains(everything, needle.value, needle.spaced)]
    out = []
    for path, value in strings if hits else ():
        folded = match.fold(P_PLACEHOLDER.sub(" ", value))  # a placeholder is no leak: "[PARCELLE 1]"
        out.extend((path, needle.kind) for needle in hits if match.contains(folded, needle.value, needle.spaced))
    return out


def _copy(act: Act) -> Act:
    """A copy of ``act`` whose redacted parts (source, provenance, problems) are its own."""
    out = act.model_copy()
    out.source = act.source.model_copy(update={"annexes": list(act.source.annexes)})
    out.provenance = {
        name: prov.model_copy(update={"conflicts": [c.model_copy() for c in prov.conflicts]})
        for name, prov in act.provenance.items()
    }
    out.problems = [problem.model_copy() for problem in act.problems]
    out.privacy = act.privacy.model_copy()
    return out


_ANYWHERE = PersonalData(kind="person", text="", start=-1, end=-1, status="private", confidence=0.0, detector="review")


def uncertain_mentions(act: Act) -> list[PersonalData]:
    return [act.personal_data[i] for i in act.privacy.uncertain if i < len(act.personal_data)]


def publication(act: Act, policy: PrivacyPolicy = DEFAULT_POLICY) -> Publication:
    """The act as it may be published, or why it is held."""
    doubt = uncertain_mentions(act) if act.privacy.review == "pending" else []
    if act.privacy.review == "pending" and policy.holds(act, doubt or [_ANYWHERE]):
        detail = ", ".join(f'{d.kind} "{d.text}" ({d.reason or d.detector})' for d in doubt[:3])
        return Publication(None, act.privacy.reason or HELD_UNCERTAIN, detail or None)
    private = [item for item in act.personal_data if item.status == "private"]
    officials = [item for item in act.personal_data if item.status == "official"]
    table = placeholders(private)
    public = [act.collectivite.nom, act.collectivite.nom_officiel, act.budget.nom, act.matiere.libelle]
    found = needles(private, table, officials, public)
    out = _copy(act)
    if policy.text_mode(act) == METADATA_ONLY or not act.text:
        out.text = None
    else:
        exact = [
            (p.start, p.end, table[(p.kind, _key(p))])
            for p in private
            if 0 <= p.start < p.end <= len(act.text) and act.text[p.start : p.end] == p.text
        ]
        out.text = redact(act.text, found, exact)
    out.objet = redact(out.objet, found)
    # File names are chosen by clerks and may name the person ("peril-dupont.pdf").
    out.source.path = redact(out.source.path, found) or out.source.path
    out.source.annexes = [redact(a, found) or a for a in out.source.annexes]
    out.source.envelope = redact(out.source.envelope, found)
    for prov in out.provenance.values():
        prov.snippet = redact(prov.snippet, found)
        for conflict in prov.conflicts:
            if isinstance(conflict.value, str):
                conflict.value = redact(conflict.value, found)
    for problem in out.problems:
        problem.message = redact(problem.message, found) or problem.message
    for name in EXTRA_PARTS:  # parts other areas add (the séance and its attendance): every string redacted
        part = getattr(out, name, None)
        if part is not None:
            setattr(out, name, _redact_model(part.model_copy(deep=True), found))
    out.personal_data = []  # the list itself names the persons
    left = survivors(out, found)
    if left:
        detail = ", ".join(sorted({f"{kind} in {path}" for path, kind in left})[:3])
        return Publication(None, HELD_LEAK, detail)
    return Publication(out)


def publishable(act: Act, policy: PrivacyPolicy = DEFAULT_POLICY) -> Act | None:
    """The act as it may be published, or None when it is held (for review, or a leak)."""
    return publication(act, policy).act
