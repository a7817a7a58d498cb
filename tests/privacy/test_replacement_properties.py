"""Property tests (hypothesis): whatever private datum a text holds, in whatever position,
spacing or case, none of it survives in any field of the published act.

Each example is a random act text made of filler words with personal data of every kind
inserted (persons in every written form, addresses, parcels, phones, e-mails, IBANs, birth
dates), and the same data echoed where the pipeline echoes it: a whitespace-normalised objet,
a provenance snippet cut at 200 characters, a conflict, a problem message, the file name.
The act is detected and published; the property: the act is published, or held only for a
person the learned decision is unsure of (never for a leak), and no inserted value is found,
case, accents and spacing ignored, in any string of what would be published (once a clerk
accepts the detection, for a held act).

The number of examples comes from the hypothesis profile ``privacy`` (10,000, see
``PROFILE`` below; ``ACTES_PRIVACY_EXAMPLES`` overrides it for a quick local run).
"""

from __future__ import annotations

import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stdnum import iban as stdnum_iban

from actes.evaluation.privacy import fold_text
from actes.privacy import annotate, publishable
from actes.privacy.policy import PrivacyPolicy
from actes.privacy.pseudonymize import P_PLACEHOLDER
from actes.schemas.act import Act, ProblemRecord, Source
from actes.schemas.provenance import Candidate, FieldProvenance, SourceKind

EXAMPLES = int(os.environ.get("ACTES_PRIVACY_EXAMPLES", "10000"))
settings.register_profile(
    "privacy", max_examples=EXAMPLES, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PROFILE = settings.get_profile("privacy")
POLICY = PrivacyPolicy(review_gate=True)
ACCEPTED = PrivacyPolicy(review_gate=False)  # as published once a clerk accepts the detection

# Filler: pieces of acts that hold neither a role nor an attendance label (those make a name official).
FILLER = [
    "Considérant que la demande est complète ;", "Vu le code de l'urbanisme,", "Vu la délibération du conseil",
    "la commune a reçu le dossier", "concernant les travaux de voirie", "et la vente du terrain situé dans le bourg.",
    "Le bien est libre de toute occupation.", "Il est proposé de céder à un particulier –", "après avis des Domaines,",
    "au prix de 12 000 euros.", "Article 1 : la cession est autorisée.", "Article 2 : les frais sont à la charge de",
    "DÉCIDE d'approuver la convention.", "Objet : péril imminent.", "ARRÊTE", "Fait le 3 mai 2023.", "au profit de",
]
SPACES = [" ", " ", " ", "  ", "\n", "\t", "\u00a0", " \n"]

FIRST = ["Jean", "Marie", "Luc", "Anne-Sophie", "Jean-Pierre", "Élodie", "Hervé", "Chloé", "Noël"]
SURNAME = ["QUÉMENEUR", "BRISSARDON", "LE GOASDOUÉ", "DE LA VILLARDIÈRE", "N'DIAYE", "VAN DER BROCK", "MORTAGNAC-DELIS",
           "TRÉBUCHET", "D'ARVILLERS", "BOUZIGUES", "GALLERAND", "PICHERAL", "ESCOFFRAY"]
CIVILITIES = ["M.", "Mme", "Monsieur", "Madame", "MONSIEUR", "Mlle", "Maître"]
MARKED = ["civ-first-SUR", "civ-SUR", "civ-Sur", "civ-first-Sur", "consorts", "famille", "m-et-mme", "civ-SUR-first",
          "initial"]
STREETS = ["rue des Lilas", "avenue Jean Jaurès", "chemin du Moulin Brûlé", "impasse des Ormeaux", "allée Verte",
           "route de Lyon", "place du Marché", "boulevard Gambetta"]
TOWNS = ["", ", 36000 Châteauroux", " 18000 Bourges", ", 45210 FERRIÈRES-EN-GÂTINAIS"]
KINDS = ["person", "person", "person", "address", "parcel", "phone", "email", "iban", "birth_date"]
BIRTH_LEADS = ["né le", "née le", "Né le", "NÉE LE"]
BIRTH_DATES = ["3 mars 1962", "1er avril 1975", "03/04/1975", "12/05/1980", "28 février 2001"]


class Chooser:
    """Where the generator's choices come from: hypothesis draws (shrinkable) or a seeded
    ``random.Random`` (cheap, for the 10,000 examples)."""

    def __init__(self, draw=None, rnd=None):
        self.draw, self.rnd = draw, rnd

    def choice(self, options: list):
        return self.draw(st.sampled_from(options)) if self.draw else self.rnd.choice(options)

    def integer(self, low: int, high: int) -> int:
        return self.draw(st.integers(low, high)) if self.draw else self.rnd.randint(low, high)


def _title(name: str) -> str:
    """A surname as written in lower case with capitals: "Le Goasdoué", "de la Villardière", "N'Diaye"."""
    words = []
    for word in name.split(" "):
        if word in ("DE", "LA", "DU", "DES"):
            words.append(word.lower())
        else:
            words.append(re.sub(r"(^|[-'’])(\w)(\w*)", lambda m: m[1] + m[2].upper() + m[3].lower(), word))
    return " ".join(words)


def person(c: Chooser, marked_only: bool = False) -> tuple[str, str]:
    """(written form, surname) in one of the forms acts use; ``marked_only``: with a civility
    or a family word (the forms still recognisable in a text all in capitals)."""
    first, surname, sep, civ = c.choice(FIRST), c.choice(SURNAME), c.choice(SPACES), c.choice(CIVILITIES)
    form = c.choice(MARKED + ([] if marked_only else ["SUR-first", "first-SUR"]))
    cap = _title(surname)
    text = {
        "civ-first-SUR": f"{civ}{sep}{first}{sep}{surname}",
        "civ-SUR": f"{civ}{sep}{surname}",
        "civ-Sur": f"{civ}{sep}{cap}",
        "civ-first-Sur": f"{civ}{sep}{first}{sep}{cap}",
        "civ-SUR-first": f"{civ}{sep}{surname}{sep}{first}",
        "SUR-first": f"{surname}{sep}{first}",
        "first-SUR": f"{first}{sep}{surname}",
        "consorts": f"les consorts{sep}{surname}",
        "famille": f"la famille{sep}{cap}",
        "m-et-mme": f"M. et Mme{sep}{surname}",
        "initial": f"{civ}{sep}{first[0]}.{sep}{surname}",
    }[form]
    return text, surname


def datum(c: Chooser, capitals: bool) -> tuple[str, str, str]:
    """(kind, inserted text, value that must not survive)."""
    kind = c.choice(KINDS)
    if kind == "person":
        text, surname = person(c, capitals)
        return kind, text, surname
    if kind == "address":
        street = c.choice(STREETS)
        street = street.upper() if c.integer(0, 1) else street
        value = f"{c.integer(1, 250)}{c.choice(['', ' bis', ' ter', 'B'])} {street}{c.choice(TOWNS)}"
        if c.integer(0, 7) == 0:
            value = f"lieu-dit Les Brandes{c.choice(TOWNS)}"
        return kind, c.choice(["", "domicilié ", "demeurant ", "domiciliés au ", "sis "]) + value, value
    if kind == "birth_date":
        value = c.choice(BIRTH_DATES)
        lead = c.choice(BIRTH_LEADS + (["date de naissance :"] if "/" in value else []))
        return kind, f"{lead} {value}", value
    if kind == "parcel":
        section, more = c.choice(["AB", "ZC", "B", "YA"]), c.integer(0, 2999)
        value = f"parcelle cadastrée section {section} n° {c.integer(1, 2999)}" + (f" et {section} {more}" if more % 2 else "")
    elif kind == "phone":
        digits, sep = c.choice(["0612345678", "0145678912", "0760405060", "0298765432"]), c.choice([" ", ".", "-", ""])
        value = ("+33 " + digits[1] if c.integer(0, 1) else digits[:2]) + "".join(sep + digits[i : i + 2] for i in range(2, 10, 2))
    elif kind == "email":
        value = f"{c.choice(['jean', 'm', 'anne-sophie'])}.{c.choice(['quemeneur', 'brissardon'])}@{c.choice(['example.org', 'orange.fr'])}"
    else:
        bban = str(c.integer(10**22, 10**23 - 1))
        value = f"FR{stdnum_iban.calc_check_digits('FR00' + bban)}{bban}"
        value = " ".join(value[i : i + 4] for i in range(0, len(value), 4)) if c.integer(0, 1) else value
    return kind, value, value


def build_act(c: Chooser) -> tuple[Act, list[tuple[str, str]]]:
    """A random act and the private values it holds: (kind, value)."""
    capitals = bool(c.integer(0, 1))  # some acts are all in capitals
    pieces = [c.choice(FILLER) for _ in range(c.integer(0, 8))]
    owner, owner_surname = person(c, capitals)  # an act with data to hide names the person it is about
    data = [("person", owner, owner_surname)] + [datum(c, capitals) for _ in range(c.integer(0, 4))]
    for _kind, text, _value in data:
        pieces.insert(c.integer(0, len(pieces)), text + c.choice(["", ",", ";", ".", " :", " (", ")"]))
    text = c.choice(SPACES).join(pieces) + c.choice(["", " ", "\n"])
    if capitals:
        text = text.upper()
    flat = " ".join(text.split())
    start = c.integer(0, max(0, len(flat) - 1))
    name = owner_surname.lower().replace(" ", "-").replace("'", "")
    act = Act(
        id="p", nature_actes="DE", text=text,
        source=Source(path=f"inbox/peril-{name}.pdf", sha256="0" * 64, annexes=[f"plan-{name}.pdf"]),
        objet=flat[:300] if c.integer(0, 1) else f"Cession à {' '.join(owner.split())}",
        provenance={"objet": FieldProvenance(
            source=SourceKind.text, extractor="header", confidence=0.8, snippet=flat[start : start + 200],
            conflicts=[Candidate(value=flat[max(0, start - 50) : start + 150], source=SourceKind.nlp, extractor="nlp")])},
        problems=[ProblemRecord(slug="missing-field", severity="warning", message=f'"{flat[:120]}": no numéro')],
    )
    return act, [(kind, value) for kind, _, value in data]


@st.composite
def acts(draw) -> tuple[Act, list[tuple[str, str]]]:
    """Shrinkable: every choice is a hypothesis draw."""
    return build_act(Chooser(draw=draw))


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


PARTICLES = {"van", "der", "des", "les"}


def _survivors(published: Act, data: list[tuple[str, str]]) -> list[tuple[str, str]]:
    haystack = f" {fold_text(P_PLACEHOLDER.sub(' ', ' '.join(_strings(published.model_dump(mode='json')))))} "
    out = []
    for kind, value in data:
        words = [w for w in fold_text(value).split() if len(w) >= 3 and w not in PARTICLES]
        needles = words if kind == "person" else [fold_text(value)]
        out += [(kind, value) for needle in needles if f" {needle} " in haystack]
    return out


def _check(act: Act, data: list[tuple[str, str]]) -> None:
    annotate(act, use_nlp=False)
    if publishable(act, POLICY) is None:
        # The gate may hold a person the learned decision is unsure of, never a leak; what a
        # clerk's acceptance would publish is checked below all the same.
        assert act.privacy.review == "pending", ("held for a leak", act.privacy, act.text)
    published = publishable(act, ACCEPTED)
    assert published is not None, ("held", act.privacy, act.text)
    assert not _survivors(published, data), (_survivors(published, data), act.text, published.text)


@settings(PROFILE, max_examples=max(1, EXAMPLES // 10))
@given(acts())
def test_no_inserted_value_survives_shrinkable(example):
    _check(*example)


@PROFILE
@given(st.randoms(use_true_random=True))
def test_no_inserted_value_survives_in_any_published_field(rnd):
    # The same generator fed by a seeded Random: one draw per example, so 10,000 run in seconds.
    _check(*build_act(Chooser(rnd=rnd)))
