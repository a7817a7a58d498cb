"""What the public/private decision looks at: one feature dictionary per person an act names.

The detectors (``actes.privacy.detect``) find person mentions; mentions of the same person
(token subsets: "DUPONT" ⊂ "Jean DUPONT") are grouped, and each person is described by what
surrounds its mentions: which detector found it and how it is written, whether the act's fields,
the séance's attendance, an attendance block or a vote tally name it, a role word next to it,
whether it speaks in the séance, the words of a sale, a residence, a family, a job, a lease, a
request or a grant around it, an address or a parcel close by, and where in the act it sits.
The learned scorer (``actes.privacy.scorer``) weighs them; no rule here decides anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from actes.privacy.firstnames import is_first_name
from actes.privacy.officials import (
    P_PRESENCE_AFTER,
    P_ROLE_AFTER,
    Officials,
    attendance_blocks,
    guest_blocks,
    name_tokens,
    role_before,
    speaks_in_session,
)
from actes.privacy.patterns import P_ADDRESS, P_CIVILITY_NAME, P_EMAIL, P_PARCEL, P_PHONE

WINDOW = 120  # characters on each side read for cue words

# A private firm's trade ("paysagiste-urbaniste, mandataire de l'étude", "architecte", "géomètre"); the
# architecte des bâtiments de France is a State agent.
FIRM_TRADE = r"paysagiste|urbaniste|architecte(?!\s+des\s+b[âa]timents\s+de\s+France)|consultante?|g[ée]om[èe]tre|charg[ée]e?\s+d['’][ée]tudes"

# Cue words of the private life an act deals with, by theme; each theme is one feature.
CUES: dict[str, re.Pattern] = {
    name: re.compile(pattern, re.I)
    for name, pattern in {
        "sale": r"\b(?:vente|vend\w*|c[èe]d\w+|cession|acqu[ée]?\w*|achat|ach[èe]te\w*|notaire|pr[ée]emption|"
        r"propri[ée]taires?|appartenant|prix|€|euros?)\b",
        "residence": r"\b(?:domicili\w*|demeurant|r[ée]sidant|habitant|sis|sise)\b",
        "kin": r"\b(?:famille|consorts|succession|h[ée]ritiers?|veuve|[ée]poux|[ée]pouse|indivision|n[ée]e|legs|"
        r"testament\w*|d[ée]funt\w*|d[ée]c[ée]d\w*)\b",
        "job": r"\b(?:agents?|contrat\w*|contractuel\w*|recrut\w*|grade|stagiaire|titulaire|indemnit\w*|"
        r"r[ée]mun[ée]r\w*|emploi|poste|temps\s+(?:non\s+)?complet|technique|administrati\w*|disponibilit[ée])\b",
        "tenancy": r"\b(?:locataires?|bail|baux|loyers?|logement|occupation|occupant)\b",
        # the noun, not the speech verb of a member ("M. X demande si…")
        "request": r"\b(?:(?:la|une|sa|leur|cette|les|des|ses|votre)\s+demandes?|sollicit\w*|requ[êe]te|r[ée]clamation|"
        r"courrier|recours)\b",
        "grant": r"\b(?:subvention|aide|b[ée]n[ée]ficiaires?|vers[ée]e?|attribu\w*|allocation|prime)\b",
        "business": r"\b(?:entreprise|commerce\w*|g[ée]rante?|soci[ée]t[ée]|SARL|SAS|SCI|EURL|exploit\w*|artisan\w*|"
        r"repr[ée]sent[ée]e?\s+par)\b",
        "council": r"\b(?:conseil|s[ée]ance|d[ée]lib[ée]r\w*|vot\w*|unanimit[ée]|commission|[ée]lus?|"
        r"municipal\w*|communautaire)\b",
        # the cue leads to the name itself: "rapporteur : M. X", "sur le rapport de Mme X", "le rapport
        # présenté au nom de la commission par M. X", "exposé par X"; not "le rapport de France Domaine,
        # vente à Mme X", "l'exposé de la demande, le conseil loue à Mme X", nor a bare "présenté par"
        # ("le dossier de permis présenté par M. X, demeurant…" names an applicant)
        "rapporteur": r"\b(?:rapporteur\w*|rapport\s+(?:de|d['’]|pr[ée]sent[ée]e?\s+par)|expos[ée]e?\s+(?:de|d['’]|par)|"
        r"commission\s+par)[ \t]*[,:]?[ \t]*(?:(?:Monsieur|Madame|M\.|Mme|Mlle)[ \t]*)?$",
        # attending without a seat: "Assistaient également", "en présence de", "invité"
        "attends": r"\b(?:assist\w*|en\s+pr[ée]sence\s+de|invit[ée]e?s?|intervenants?)\b",
        # speaking for a legal person: "président du club", "délégué général", "représentée par"
        "represents": r"\b(?:association|club|comit[ée]|f[ée]d[ée]ration|amicale|d[ée]l[ée]gu[ée]\s+g[ée]n[ée]ral|"
        r"repr[ée]sent[ée]e?\s+par|g[ée]rante?|bureau\s+d['’][ée]tudes|cabinet|agence|"
        # a private firm's trade: "paysagiste-urbaniste, mandataire de l'étude", "architecte", "géomètre"
        rf"{FIRM_TRADE}|mandataire\s+de)\b",
        "place_named": r"\b(?:rue|avenue|place|boulevard|all[ée]e|gymnase|[ée]cole|coll[èe]ge|lyc[ée]e|salle|stade|"
        r"r[ée]sidence|m[ée]diath[èe]que|centre|espace|parc|square|quai|impasse)\s*$",
    }.items()
}
# A capacity of one's own right after the name, for a firm or an association, not the authority:
# "X, paysagiste du bureau d'études", "X (président du comité des fêtes)", "X, gérant de la SARL
# Y", "X, mandataire de l'étude". A person named so is private even where it attends and speaks.
P_PRIVATE_CAPACITY = re.compile(
    r"[ \t]*[,(\-–][ \t]*(?:(?:le|la|l['’])[ \t]*)?(?:"
    rf"{FIRM_TRADE}|notaire|avocate?|mandataire\s+d|g[ée]rante?\b|(?:co-?)?fondat(?:eur|rice)|"
    r"(?:vice-)?pr[ée]sident(?:e)?\s+(?:du|de\s+la|de\s+l['’]|des|de)\s*(?:club|association|amicale|comit[ée]|"
    r"soci[ée]t[ée]|entreprise|SARL|SAS|f[ée]d[ée]ration)|"
    r"repr[ée]sentante?\s+(?:du|de\s+la|de\s+l['’]|des|de)\s*(?:soci[ée]t[ée]|entreprise|association|SARL|SAS|cabinet|bureau)|"
    r"(?:du|de\s+la|de\s+l['’])\s*(?:bureau\s+d['’][ée]tudes|cabinet|soci[ée]t[ée]|entreprise|SARL|SAS))",
    re.I,
)
# The next name of a pair whose first one has such a capacity, and none of its own: "X, paysagiste,
# mandataire de l'étude, et Y, prennent la parole" (a role of its own after Y still wins).
P_PRIVATE_CAPACITY_PAIR = re.compile(
    P_PRIVATE_CAPACITY.pattern + r"[^,;.()\n]{0,60}[,)]?[ \t]+et[ \t]+(?:(?:M\.|Mme|Monsieur|Madame)[ \t]+)?$", re.I
)
# The operative part of an act: what is decided there concerns someone.
P_OPERATIVE = re.compile(r"\b(?:D[ÉE]CIDE|ARR[ÊE]TE|D[ÉE]LIB[ÈE]RE|APPROUVE|AUTORISE)\b")
# The end of a sentence: ". ", "? ", "! " (not the civility "M." nor an initial).
P_SENTENCE_END = re.compile(r"(?<!\bM)(?<!\bMM)(?<!\b[A-Z])[.?!]\s")
P_GROUNDS = re.compile(r"\b(?:Vu|Consid[ée]rant)\b")
P_VOTE_TALLY = re.compile(r"(?:\bcontre\s*:|\babstentions?\s*[:(]|\bvotes?\s+contre\s*[:(]|\bpour\s*:)", re.I)
# "M." and "MM." end on a dot: no word boundary after them ("M. DUPONT" starts with a civility).
P_CIVILITY_START = re.compile(
    r"^\s*(?:(?:M|MM|Mr)\.|(?:Mr|Mme|Mmes|Mlle|Me|Dr|Monsieur|Madame|Mademoiselle|Ma[îi]tre)\b)", re.I
)
# An initial of a given name ("J. DUPONT", "J.-P. MARTIN"), not the civility "M." that opens a name.
P_INITIAL = re.compile(r"(?<!^)(?<![\w.])[A-Z]\.(?:-?[A-Z]\.)?(?=\s)|^(?!M\.)[A-Z]\.(?:-?[A-Z]\.)?(?=\s)")


@dataclass
class Mention:
    """One detected mention of a person: offsets into the text the detectors read."""

    start: int
    end: int
    text: str
    confidence: float
    detector: str


@dataclass
class Person:
    """The mentions of one person in one act, and what describes them."""

    mentions: list[Mention] = field(default_factory=list)
    tokens: frozenset[str] = frozenset()
    features: dict[str, float] = field(default_factory=dict)

    def same(self, tokens: frozenset[str]) -> bool:
        return bool(tokens) and (tokens <= self.tokens or self.tokens <= tokens)


def group_persons(mentions: list[Mention]) -> list[Person]:
    """Mentions of the same person together, in order of first appearance."""
    persons: list[Person] = []
    for mention in sorted(mentions, key=lambda m: m.start):
        tokens = name_tokens(mention.text)
        person = next((p for p in persons if p.same(tokens)), None)
        if person is None:
            persons.append(Person([mention], tokens))
        else:
            person.mentions.append(mention)
            person.tokens = person.tokens | tokens if len(tokens) > len(person.tokens) else person.tokens
    return persons


# "Madame X et Monsieur Y, conseillers municipaux": a plural role after a pair of names is both's;
# a singular one is the second's only ("vendu à Mme X et M. Y, adjoint au maire": X is a buyer).
P_AND_NEXT = re.compile(r"[ \t]*(?:et|,)[ \t]+(?:de[ \t]+)?")
P_PLURAL_ROLE = re.compile(
    r"\b(?:sont|les|conseill[eè]re?s|adjointe?s|membres|suppl[ée]ante?s|d[ée]l[ée]gu[ée]e?s|[ée]lue?s|municipaux|"
    r"communautaires|rapporteure?s|maires|(?:vice-)?pr[ée]sidente?s)\b",
    re.I,
)


def _role_after_next(text: str, end: int, in_attendance: bool = False) -> bool:
    """The role after the next name when only "et" or a comma stands between them, and the role
    is plural or the names stand in an attendance block."""
    link = P_AND_NEXT.match(text, end, end + 12)
    name = P_CIVILITY_NAME.match(text, link.end(), link.end() + 80) if link else None
    role = P_ROLE_AFTER.match(text[name.end() : name.end() + 80]) if name else None
    return role is not None and (in_attendance or P_PLURAL_ROLE.search(role.group(0)) is not None)


def _sentence_tail(before: str) -> str:
    """What of ``before`` belongs to the sentence that goes on after it."""
    cut = [m.end() for m in P_SENTENCE_END.finditer(before)]
    return before[cut[-1] :] if cut else before


def _inside(spans: list[tuple[int, int]], start: int) -> bool:
    return any(a <= start < b for a, b in spans)


def mention_features(
    text: str,
    mention: Mention,
    blocks: list[tuple[int, int]],
    tallies: list[int],
    operative: int,
    guests: list[tuple[int, int]] = (),
) -> dict[str, float]:
    """The features of one mention; 1.0 for what holds (absent means 0)."""
    start, end, name = mention.start, mention.end, mention.text
    out: dict[str, float] = {f"detector:{mention.detector}": 1.0}
    before, after = text[max(0, start - WINDOW) : start], text[end : end + WINDOW]
    near_before, near_after = text[max(0, start - 40) : start], text[end : end + 40]
    words = re.findall(r"[\w'’\-]+", name)
    capitals = [w for w in words if len(w) >= 2 and w.isupper()]
    flags = {
        "civility": P_CIVILITY_START.match(name) is not None
        or re.search(r"\b(?:M\.|Mme|Monsieur|Madame)\s*$", near_before) is not None,
        "shape:surname_in_capitals": bool(capitals),
        "shape:all_capitals": bool(words) and len(capitals) == len(words),
        "shape:mixed_case_only": not capitals,
        "shape:initial": P_INITIAL.search(name) is not None,
        "shape:one_word": len(name_tokens(name)) <= 1,
        "shape:given_name": any(is_first_name(w) for w in words if not w.isupper()),
        "context:role_after": P_ROLE_AFTER.match(text[end : end + 60]) is not None
        or _role_after_next(text, end, _inside(blocks, start)),
        "context:role_before": role_before(text, start, blocks, end) is not None,
        "context:speaks": speaks_in_session(text, start, end),
        # an attendance table: "DUPONT Jean Présent P", "M. X (excusé)"
        "context:private_capacity": P_PRIVATE_CAPACITY.match(text, end, min(len(text), end + 80)) is not None
        or P_PRIVATE_CAPACITY_PAIR.search(text, max(0, start - 120), start) is not None,
        "context:presence_word_after": P_PRESENCE_AFTER.match(text, end, min(len(text), end + 25)) is not None,
        "context:in_list": "," in text[max(0, start - 2) : start]
        and ("," in text[end : end + 2] or " e" in text[end : end + 2]),
        "context:attendance_block": _inside(blocks, start),
        # "Assistaient également : …": attending without a seat (consultants, a club's president, staff)
        "context:guests_block": _inside(guests, start),
        "context:vote_tally": any(t <= start < t + 160 for t in tallies),
        "context:address_near": P_ADDRESS.search(text, max(0, start - 150), min(len(text), end + 150)) is not None,
        "context:parcel_near": P_PARCEL.search(text, max(0, start - 200), min(len(text), end + 200)) is not None,
        "context:contact_near": P_PHONE.search(after) is not None or P_EMAIL.search(after) is not None,
        "context:grounds": P_GROUNDS.search(text, max(0, start - 200), start) is not None,
        "context:operative_before": operative < start,
        "position:head": start < 0.1 * max(len(text), 1),
    }
    # The cue words about a person are in its own sentence, not in the previous speaker's; and
    # what a member says is no word about its own life ("M. X demande si le loyer…").
    before, near_before = _sentence_tail(before), _sentence_tail(near_before)
    stop = P_SENTENCE_END.search(after)
    after = after[: stop.start() + 1] if stop else after
    if flags["context:speaks"]:
        after = near_after = ""
    for theme, pattern in CUES.items():
        if theme == "place_named":
            flags["cue:place_named"] = pattern.search(near_before) is not None
        elif theme in ("rapporteur", "attends"):
            flags[f"cue:{theme}"] = pattern.search(near_before) is not None
        elif theme == "represents":
            flags["cue:represents"] = pattern.search(near_before) is not None or pattern.search(near_after) is not None
        else:
            flags[f"cue:{theme}"] = pattern.search(before) is not None or pattern.search(after) is not None
    out.update({name: 1.0 for name, holds in flags.items() if holds})
    return out


def describe(text: str, persons: list[Person], sets: dict[str, Officials]) -> None:
    """Fill each person's features: the mentions' features at their strongest (the cue words: the
    share of its mentions that have them), plus the person's own."""
    blocks, guests = attendance_blocks(text), guest_blocks(text)
    tallies = [t.end() for t in P_VOTE_TALLY.finditer(text)]
    first_operative = P_OPERATIVE.search(text)
    operative = first_operative.start() if first_operative else len(text)
    for person in persons:
        features: dict[str, float] = {}
        for mention in person.mentions:
            for key, value in mention_features(text, mention, blocks, tallies, operative, guests).items():
                if key.startswith("cue:"):
                    # the share of its mentions among such words: a buyer is named in the sale,
                    # a member who speaks ten times meets every theme of the séance once or twice
                    features[key] = features.get(key, 0.0) + value / len(person.mentions)
                else:
                    features[key] = max(features.get(key, 0.0), value)
        for source, officials in sets.items():
            if any(officials.matches(m.text) for m in person.mentions):
                features[f"named:{source}"] = 1.0
        # No count of mentions: members come back in a debate as buyers do in a sale, and the
        # counts learnt "spoken of often" as private where the speakers were councillors.
        # The former rules' verdict as one feature: named as an official anywhere, a role next to
        # a mention, reporting an item, or speaking in the séance (an OR the linear model cannot
        # build from its parts).
        if any(key.startswith("named:") for key in features) or any(
            features.get(key)
            for key in ("context:role_after", "context:role_before", "context:speaks", "cue:rapporteur")
        ):
            features["rules:official"] = 1.0
        # Speaking counts through that verdict only: alone, the speaking consultants of the
        # generated commissions taught it as private, and every speaker of a debate sat at the
        # threshold.
        features.pop("context:speaks", None)
        features["detector:best_confidence"] = max(m.confidence for m in person.mentions)
        features["bias"] = 1.0
        person.features = features


# What speaks for an official at all: without any of it, no score makes a person public. A list
# of names alone is none (a notary, heirs or buyers are listed too).
EVIDENCE = (
    "rules:official",
    "context:presence_word_after",
    "context:attendance_block",
    "context:vote_tally",
    "cue:rapporteur",
)


def official_evidence(features: dict[str, float]) -> bool:
    """Whether anything in the act speaks for an official (a list, a role, a tally, speaking…)."""
    return any(features.get(key) for key in EVIDENCE)


# What names a person an official by itself: the act's fields, an attendance list or table, a
# role word, a tally's list of voters (up to its sentence's or line's end, a ";" or a dash:
# ``officials.tally_list``), a table's rapporteur column (its rows only:
# ``officials.rapporteur_rows``). The rest of EVIDENCE is weak: one presence word ("présente sa
# demande", "(excusée)"), a speech ("donne la parole à X"), a vote tally's neighbourhood: a buyer, a
# tenant or an applicant has them too. An item's report is read by a cue a party's name can follow
# ("sur le rapport de M. X, le conseil vend…" or "… de Mme X"): strong, unless the person's own
# sentences deal with it as a party. A table's row or a tally's list names its item's matter
# ("Vente terrain Paul FERRANDE Unanimité", "contre : X, … loyers"), not the person's.
STRONG_EVIDENCE = (
    "named:fields",
    "named:vote_tally",
    "named:presences",
    "named:attendance",
    "named:rapporteurs",
    "context:role_after",
    "context:role_before",
    "context:attendance_block",
)
READ_EVIDENCE = ("cue:rapporteur",)
# The act treats the person as a party: a sale, a lease, a residence, a request, a family, an
# address or a parcel close by; in its own sentences, the cue words only.
PARTY_CUES = ("cue:sale", "cue:tenancy", "cue:residence", "cue:request", "cue:kin")
PARTY = PARTY_CUES + ("context:address_near", "context:parcel_near")


def weak_evidence_party(features: dict[str, float]) -> bool:
    """Only weak official evidence, in an act that treats the person as a party, or evidence read
    by a pattern only (READ_EVIDENCE) where its own sentences do: a clerk decides."""
    if not official_evidence(features) or any(features.get(key) for key in STRONG_EVIDENCE):
        return False
    party = PARTY_CUES if any(features.get(key) for key in READ_EVIDENCE) else PARTY
    return any(features.get(key) for key in party)
