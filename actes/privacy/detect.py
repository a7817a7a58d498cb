"""Find the personal data in an act's text and say, for each mention, private or official.

Rules find the mentions (civilities, "NOM Prénom", addresses, phones…), spaCy's French NER the
names rules miss. Whether a person is private or official is decided by the learned scorer
(``actes.privacy.scorer``, trained by ``actes train --only privacy``) over the person's features
(``actes.privacy.features``): official under its band of uncertainty, private above it, and in
the band private *and* uncertain, so the act waits for a clerk (the publish gate). The sigmoid is
fitted on the persons with official evidence, of whom few are private: it is nearly flat and
rarely reaches the band, so rules keep the doubt with a clerk too: a person with only weak
official evidence (a presence word, a speech, a vote's neighbourhood) whom the act treats as a
party (a sale, a lease, a residence, a request) is held, one with none is private. Without a
trained model the former rules decide (a role, an attendance list, the act's own fields).
Addresses, parcels and contact data stay with the rules. When unsure, private.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from actes.privacy import ner
from actes.privacy.features import (
    P_CIVILITY_START,
    Mention,
    Person,
    describe,
    group_persons,
    official_evidence,
    weak_evidence_party,
)
from actes.privacy.firstnames import is_first_name
from actes.privacy.officials import (
    NOT_NAMES_FOLDED,
    Officials,
    fold,
    name_tokens,
    official_sets,
    rapporteur_rows,
    role_next_to,
    surname_tokens,
)
from actes.privacy.patterns import (
    GENERIC_MAILBOXES,
    P_ADDRESS,
    P_AGED_NAME,
    P_BIRTH,
    P_CIVILITY_NAME,
    P_EMAIL,
    P_FAMILY,
    P_FIRST_SURNAME,
    P_IBAN,
    P_LEGAL_PERSON,
    P_LIST_ITEM,
    P_MARRIED_NAME,
    P_PARCEL,
    P_PHONE,
    P_PLURAL_CIVILITY_LIST,
    P_SALE_PARTIES,
    P_SURNAME_FIRST,
)
from actes.privacy.scorer import OFFICIAL, PRIVATE, UNCERTAIN, PrivacyScorer, load_default_scorer
from actes.schemas.act import Act
from actes.schemas.privacy import PersonalData, PrivacyState

UNCERTAIN_BELOW = 0.75
# What NER takes for a person but the words before show is a place or a legal person:
# "Commune de Morand", "Fait à Morand", "la société Colas France", "l'association Dupuis".
P_NOT_A_PERSON_BEFORE = re.compile(
    # a building or a place named after someone: "gymnase Moussa Traoré", "résidence Georges Brassens"
    # ("la maison de X", "le foyer de X", "la résidence de X" name where X lives, not a place)
    r"(?:\b(?:r[ée]sidence|maison|foyer)\s+"
    r"|\b(?:gymnases?|mail|promenade|coll[èe]ge|lyc[ée]e|[ée]cole|groupe\s+scolaire|rue|avenue|place|square|"
    r"salle|stade|centre|parc|quai|all[ée]e|boulevard|impasse|espace|m[ée]diath[èe]que|complexe(?:\s+sportif)?|"
    r"pont|piscine|halle|cit[ée]|quartier|prix|fondation|institut)\s+(?:de\s+|d['’]|du\s+)?"
    r"|\b(?:commune|ville|mairie|village|département|région|canton|communauté\s+de\s+communes|agglomération)"
    r"\s+(?:de\s+|d['’]|du\s+|des\s+)?|\b(?:fait|sis|sise|situ[ée]e?|domicili[ée]e?|demeurant)\s+à\s+"
    r"|\b(?:soci[ée]t[ée]|entreprise|SARL|SAS|SASU|EURL|SCI|SA|association|cabinet|groupe|[ée]tablissements?|bureau\s+d['’][ée]tudes)\s+)$",
    re.I,
)
# What NER takes for a person but is the end of a place's name: "secteur Jeanne Verlaine", "école
# Louise et Jean Marbot", "rue du Commandant Jean Dorval", "Foyer des Jeunes Travailleurs Victor Hugo".
P_PLACE_NAMED_BEFORE = re.compile(
    r"\b(?P<word>(?i:rue|avenue|boulevard|place|all[ée]e|impasse|chemin|route|voie|quai|square|cours|secteur|zone|ZI|ZA|ZAC|"
    r"lotissement|r[ée]sidences?|RPA|EHPAD|EHPA|MARPA|FJT|ESAT|foyers?|maisons?|centres?|espace|salles?|gymnases?|stades?|piscines?|[ée]coles?|coll[èe]ges?|lyc[ée]es?|"
    r"groupe\s+scolaire|m[ée]diath[èe]que|biblioth[èe]que|parc|jardin|complexe|halle|cit[ée]|quartier))"
    # a qualifier in lower case from a closed list ("résidence autonomie", "maison des loisirs",
    # "complexe sportif"): any other ("résidence principale de", "maison familiale de", "jardin
    # potager de") describes someone's property, whose owner follows
    r"(?:[ \t]+(?:(?:de|du|des|la|le|les)[ \t]+)?(?:autonomie|sporti(?:f|ve)s?|culturel(?:le)?s?|socio-?culturel(?:le)?s?|"
    r"municipa(?:l|le|ux|les)|communa(?:l|le|ux|les)|intercommuna(?:l|le|ux|les)|polyvalente?s?|associati(?:f|ve)s?|"
    r"scolaires?|loisirs|jeunes|jeunesse|associations|arts|seniors|a[îi]n[ée]s|retraite|sant[ée]|services|"
    r"publi(?:c|que)s?|m[ée]dica(?:l|le|ux)|musique|sports|enfance|familles|citoyenne(?:té)?|solidarit[ée]|emploi)){0,2}"
    r"(?:[ \t]+(?:[A-ZÀ-Ý][\w'’\-]*|(?i:de|du|des|la|le|les|d['’]|et)))*?[ \t]*(?:d['’])?$"
)
# Where someone lives or owns: "la maison de X", "le jardin de X", "le foyer de X" name its owner,
# not a place (a street's "rue de X" still names a place).
HOME_WORDS = frozenset("maison maisons jardin residence residences foyer foyers".split())
P_OWNER_BEFORE = re.compile(r"\b(?i:de|du|des|d['’])[ \t]*$")
# Streets take a house number in any form ("12-14 rue", "n°4 rue"); a building's number may be an
# item's ("DM N°2 RPA X").
STREET_WORDS = frozenset("rue avenue boulevard place allee impasse chemin route voie quai square cours lotissement".split())
# What NER reads as a person but is a place's whole name: "Salle des Mariages", "Maison des Arts".
P_PLACE_FIRST = re.compile(
    r"(?i:salle|maison|r[ée]sidence|foyer|centre|espace|stade|gymnase|[ée]cole|coll[èe]ge|lyc[ée]e|m[ée]diath[èe]que|"
    r"biblioth[èe]que|parc|jardin|complexe|halle|piscine|taxe|imp[ôo]t|rue|avenue|place|boulevard)\b"
)
# A house number, not an item's ("DM N°2 RPA X"): no "n°" nor a longer number's end before it.
P_HOUSE_NUMBER_BEFORE = re.compile(r"(?<![°º\w/.\-])\d{1,4}\s*(?:bis|ter|[A-D])?\s*,?\s*$", re.I)
P_STREET_NUMBER_BEFORE = re.compile(r"\d\s*(?:bis|ter|[A-D])?\s*,?\s*$", re.I)


def _named_after_place(text: str, start: int, numbered: bool = False) -> bool:
    """The name ends a place's name ("résidences Ambroise CROIZET et Camille BERNY"), unless the
    place is an address with its number: whoever follows "4 rue des Lilas" may live there.
    ``numbered``: an address's street counts too (what NER alone reads after "33, rue du
    Commandant" is the street's name; a name in capitals there is still read by the rules)."""
    window = text[max(0, start - 60) : start]
    place = P_PLACE_NAMED_BEFORE.search(window)
    if place is None:
        return False
    word = fold(place["word"])
    if word in HOME_WORDS and P_OWNER_BEFORE.search(place.group(0)):
        return False
    number = P_STREET_NUMBER_BEFORE if word in STREET_WORDS else P_HOUSE_NUMBER_BEFORE
    return numbered or not number.search(window, 0, place.start())


# Capitalised words of institutions and legal references, never a person's name alone.
INSTITUTION_WORDS = frozenset(
    fold(w)
    for w in """conseil municipal communautaire code general collectivites
    territoriales republique francaise prefet prefecture maire president presidente monsieur madame article
    departement region communaute commune communes agglomeration syndicat etat ville mairie urbanisme
    environnement sante publique construction habitation civil penal route rural foret loi decret ordonnance
    janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre lundi mardi mercredi
    jeudi vendredi samedi dimanche fait objet vu considerant arrete decide budget primitif compte administratif
    tresorerie tresor public direction service services generaux generale regional departemental national
    nationale union europeenne france caisse depots consignations conseiller conseillere conseillers adjoint
    adjointe delegue deleguee vice il lot val""".split()
)
# Someone's home: private wherever it stands. A thing's place ("une chambre funéraire sise 7 rue
# …", "des logements situés …") is private only as the rules below say (a private person in the act).
P_TIED_ADDRESS = re.compile(r"(?:demeurant|domicili[ée]e?s?|r[ée]sidant|habitant)\s*(?:au|à|a)?\s*$", re.I)
# A property's address ("le logement sis 4 rue …"): private wherever the act names a private person,
# whatever the letterhead or the institution before it.
P_PROPERTY_ADDRESS = re.compile(r"\b(?:sis|sise|sises|situ[ée]e?s?)\s*(?:au|à|a)?\s*$", re.I)


def _looks_like_name(name: str, strict: bool = False) -> bool:
    """Not a heading in capitals; ``strict`` (names without a civility): no heading word at all."""
    tokens = name_tokens(name)
    if strict:
        return bool(tokens) and not tokens & NOT_NAMES_FOLDED
    return bool(tokens) and not tokens <= NOT_NAMES_FOLDED


def _overlaps(spans: list[PersonalData], start: int, end: int) -> bool:
    return any(s.start < end and start < s.end for s in spans)


CIVILITY_WORDS = frozenset(
    {
        "monsieur",
        "madame",
        "mademoiselle",
        "messieurs",
        "mesdames",
        "maitre",
        "docteur",
        "mme",
        "mmes",
        "mlle",
        "mr",
        "m",
        "mm",
    }
)
PARTICLES = frozenset({"de", "du", "des", "le", "la", "d", "van", "von", "der", "mac"})
P_LAST_WORD = re.compile(r"(?:-|\s)+([\w'’]+)$")


P_FIRST_WORD = re.compile(r"\s*([\w'’]+)[\s\-]*")


def _not_a_name_word(word: str) -> bool:
    folded = fold(word)
    return folded in CIVILITY_WORDS or (folded in NOT_NAMES_FOLDED and folded not in PARTICLES)


def _trim_end(text: str, start: int, end: int) -> int:
    """Drop heading words a name in capitals ran into: "M. DUPONT ARTICLE" → "M. DUPONT"."""
    while True:
        last = P_LAST_WORD.search(text, start, end)
        word = fold(last.group(1)) if last else ""
        if not last or not (word in NOT_NAMES_FOLDED or word in INSTITUTION_WORDS or word in CIVILITY_WORDS):
            return end
        end = last.start()


def _person_mentions(text: str, use_nlp: bool) -> list[tuple[int, int, str, float, str]]:
    found: list[tuple[int, int, str, float, str]] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, name_start: int, confidence: float, detector: str) -> int | None:
        """Record a mention; return where it ends once trimmed (None when it is no mention)."""
        end = _trim_end(text, name_start, end)
        if detector == "rule:name-form":
            # Heading words before a name are no part of it: "ARRÊTE DUPONT Jean" → "DUPONT Jean".
            while (first := P_FIRST_WORD.match(text, name_start, end)) and _not_a_name_word(first.group(1)):
                name_start = start = first.end()
        name = text[name_start:end]
        if end <= name_start:
            return
        overlap = next((i for i, (s, e) in enumerate(taken) if s < end and start < e), None)
        if overlap is not None:
            s, e, _, _, how = found[overlap]
            # Two rules reading one run of words differently ("M. DUPONT Jean MARTIN": civility,
            # then "Jean MARTIN") both stand, so no part of the run stays in clear; replacement
            # merges overlapping spans. Anything else overlapping is the same mention again.
            if not (detector.startswith("rule:") and how.startswith("rule:") and (start < s or end > e)):
                return None
        if detector == "rule:name-form":
            # Every word must be able to be a name: "MONSIEUR Jean", "OBJET Jean" are not persons;
            # and without a civility the given name must be one ("VÉRANEL Crédits", "ACTION Optimiser").
            words = re.findall(r"[\w'’]+", name)
            if len(words) < 2 or any(_not_a_name_word(w) for w in words):
                return
            if (
                not _has_given_name(name, mixed_case_only=True)
                or P_NOT_A_PERSON_BEFORE.search(text[max(0, start - 40) : start])
                or _named_after_place(text, start)
            ):
                return
        if not _looks_like_name(name, detector not in ("rule:civility", "rule:family")):
            return None
        taken.append((start, end))
        found.append((start, end, name, confidence, detector))
        return end

    def scan(pattern, confidence: float, detector: str) -> None:
        # Resume right after the *trimmed* mention: words a match ran into and lost
        # ("LES CONSORTS DURAND LA FAMILLE MARTIN") are read again by the next search.
        pos = 0
        while match := pattern.search(text, pos):
            start = match.start() if detector == "rule:civility" else match.start("name")
            end = add(start, match.end("name"), match.start("name"), confidence, detector)
            pos = end if end and end > match.start() else match.start() + 1

    scan(P_CIVILITY_NAME, 0.95, "rule:civility")
    for plural in P_PLURAL_CIVILITY_LIST.finditer(text):  # the first of the list is the civility's own
        for item in P_LIST_ITEM.finditer(text, plural.start("list"), plural.end("list")):
            if item.start() > plural.start("list"):
                add(item.start(), item.end(), item.start(), 0.95, "rule:civility")
    scan(P_FAMILY, 0.85, "rule:family")
    scan(P_MARRIED_NAME, 0.85, "rule:family")
    scan(P_AGED_NAME, 0.85, "rule:age")
    scan(P_SURNAME_FIRST, 0.8, "rule:name-form")
    scan(P_FIRST_SURNAME, 0.8, "rule:name-form")
    for sale in P_SALE_PARTIES.finditer(text):
        offset = sale.start("parties")
        for part in re.finditer(r"[^/]+", sale["parties"]):
            side = part.group(0)
            if P_LEGAL_PERSON.match(side) or not side.strip():
                continue
            lead = len(side) - len(side.lstrip())
            add(
                offset + part.start() + lead,
                offset + part.start() + len(side.rstrip()),
                offset + part.start() + lead,
                0.85,
                "rule:sale-party",
            )
    _split_glued(text, found, taken)
    if use_nlp:
        for start, end in ner.person_spans(text, _lines_needing_ner(text, taken)):
            name = text[start:end]
            if (
                _ner_name_shape(name)
                and _has_given_name(name)
                and not _common_noun_surname(text, name)
                and not P_NOT_A_PERSON_BEFORE.search(text[max(0, start - 40) : start])
                and not _named_after_place(text, start, numbered=True)
                and not P_PLACE_FIRST.match(name)
            ):
                add(start, end, start, 0.6, "nlp:ner")
    return found


def _split_glued(text: str, found: list, taken: list[tuple[int, int]]) -> None:
    """Cut a name a flattened table glued to another's: "Madame Jérôme DUPONT MARTIN" where the
    act names "Jérôme DUPONT" on its own elsewhere holds two persons, DUPONT and MARTIN (a
    rapporteur's column run into the buyer's name). The known name keeps the mention's detector;
    the words after it are a mention of their own."""
    spaced = [(s, e, " ".join(text[s:e].split())) for s, e, _, _, _ in found]
    known = {name for _, _, name in spaced if len(name_tokens(name)) >= 2 and not P_CIVILITY_START.match(name)}
    for i, (start, end, name) in enumerate(list(spaced)):
        if found[i][4] != "rule:civility":
            continue  # a civility says a person follows; without one the rest is a heading's words
        for other in known:
            at = name.find(other)
            rest = name[at + len(other) :] if at >= 0 else ""
            if at < 0 or rest[:1] != " " or (at and name[at - 1] != " ") or not name_tokens(rest) - NOT_NAMES_FOLDED:
                continue
            if not any(s != start and other == n for s, _, n in spaced):
                continue  # the known name must stand alone somewhere else in the act
            words = list(re.finditer(r"\S+", text[start:end]))
            cut = start + words[len(name[: at + len(other)].split()) - 1].end()
            rest_start = start + words[len(name[: at + len(other)].split())].start()
            _, _, _, confidence, detector = found[i]
            found[i] = (start, cut, text[start:cut], confidence, detector)
            taken[i] = (start, cut)
            found.append((rest_start, end, text[rest_start:end], 0.8, "rule:glued"))
            taken.append((rest_start, end))
            break


def _has_given_name(name: str, mixed_case_only: bool = False) -> bool:
    """One word of ``name`` is a given name (an initial counts); particles, articles and words of
    institutions are none ("Le SIEL", "Loi MURCEF"). ``mixed_case_only``: words in capitals are
    the surname, not candidates ("DUPONT Jean")."""
    words = re.findall(r"[\w'’.\-]+", name)
    given = [
        w
        for w in words
        if (not mixed_case_only or not w.isupper() or re.fullmatch(r"[A-Z]\.(?:-?[A-Z]\.)?", w))
        and fold(w) not in PARTICLES
        and fold(w) not in INSTITUTION_WORDS
    ]
    return any(is_first_name(w) for w in given)


def _common_noun_surname(text: str, name: str) -> bool:
    """The name's last word is written in lower case elsewhere in the act: a common noun read as a
    surname in a broken table ("Crédits de Catherine Paiement" beside "le paiement")."""
    last = re.findall(r"[\w'’\-]+", name)[-1]
    return last[:1].isupper() and re.search(rf"(?<![\w-]){re.escape(last.lower())}(?![\w-])", text) is not None


def _ner_name_shape(name: str) -> bool:
    """What NER calls a person has the shape of a name: two words or more, each capitalised,
    no digits, no file or code punctuation ("CP.docx 4 Centre", "Titulaire", "DEL2019_08_20")."""
    words = name.split()
    if len(words) < 2 or len(words) > 4 or any(c.isdigit() or c in "._/|@" for c in name):
        return False
    if not all(w[:1].isupper() or fold(w) in {"de", "du", "des", "le", "la", "d"} for w in words):
        return False
    tokens = name_tokens(name)
    return bool(tokens) and not tokens <= (NOT_NAMES_FOLDED | INSTITUTION_WORDS)


# Two or more capitalised words in a row: the shape of a name the rules have not explained.
P_CAPITALISED_RUN = re.compile(r"\b[A-ZÀ-Ý][\w'’\-]+(?:[ \t]+(?:de[ \t]+|d['’]|le[ \t]+|la[ \t]+)?[A-ZÀ-Ý][\w'’\-]+)+")


def _lines_needing_ner(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Lines holding a run of capitalised words that is neither a rule's name nor a heading.

    The model is the safety net for names rules miss; running it only there keeps its cost
    proportional to what is left to decide, not to the length of the act.
    """
    regions, start = [], 0
    for line in text.splitlines(keepends=True):
        end = start + len(line)
        for run in P_CAPITALISED_RUN.finditer(line):
            a, b = start + run.start(), start + run.end()
            if any(s <= a and b <= e for s, e in taken):
                continue
            if name_tokens(run.group(0)) - NOT_NAMES_FOLDED - INSTITUTION_WORDS:
                regions.append((start, end))
                break
        start = end
    return regions


WEAK_PARTY = "weak official evidence as a party"


def _classify(
    text: str, mentions, officials: Officials, held: frozenset[tuple[int, int]] = frozenset()
) -> list[PersonalData]:
    """The rules' decision; the mentions ``held`` (a party with weak official evidence) are private
    and doubtful whatever names them."""
    out = []
    for start, end, name, confidence, detector in mentions:
        if (start, end) in held:
            status, reason, confidence = "private", WEAK_PARTY, min(confidence, UNCERTAIN_BELOW / 2)
        else:
            reason = "named-official" if officials.matches(name) else role_next_to(text, start, end)
            if reason:
                officials.add(name)  # a later bare mention of the same person is official too
            status = "official" if reason else "private"
        out.append(
            PersonalData(
                kind="person",
                text=text[start:end],
                start=start,
                end=end,
                status=status,
                confidence=confidence,
                detector=detector,
                reason=reason,
            )
        )
    # A mention classified before its role was seen: re-check against the final set.
    for item in out:
        if item.status == "private" and item.reason != WEAK_PARTY and officials.matches(item.text):
            item.status, item.reason = "official", "named-official"
    return out


def _propagate(text: str, persons: list[PersonalData], officials: Officials) -> list[PersonalData]:
    """Every other occurrence of a private person's surname is private too (recall first)."""
    extra: list[PersonalData] = []
    seen_tokens = set()
    for person in persons:
        if person.status != "private":
            continue
        for token in surname_tokens(person.text):
            if token in seen_tokens or token in NOT_NAMES_FOLDED or any(token in known for known in officials.names):
                continue
            seen_tokens.add(token)
            original = next((w for w in re.findall(r"[\w’'\-]+", person.text) if fold(w) == token), None)
            if not original:
                continue
            # Not inside an e-mail or a compound word; a name is capitalised ("paiement" is no
            # occurrence of a surname read as "Paiement").
            for match in re.finditer(rf"(?<![\w.@-]){re.escape(original)}(?![\w@-]|\.\w)", text, re.I):
                if match.group(0)[:1].isupper() and not _overlaps(persons + extra, match.start(), match.end()):
                    extra.append(
                        PersonalData(
                            kind="person",
                            text=match.group(0),
                            start=match.start(),
                            end=match.end(),
                            status="private",
                            confidence=0.9,
                            detector="rule:propagation",
                        )
                    )
    return extra


# The authority's own letterhead: "Mairie de … Tél. : …", "Communauté d'agglomération … 3 avenue …".
P_INSTITUTION = re.compile(
    r"\b(?:mairie|h[ôo]tel\s+de\s+ville|communaut[ée]\s+(?:de\s+communes|d['’]agglom[ée]ration|urbaine)|agglom[ée]ration|"
    r"pr[ée]fecture|si[èe]ge|conseil\s+d[ée]partemental|conseil\s+r[ée]gional|CCAS|syndicat|standard)\b",
    re.I,
)
P_ANY_CIVILITY = re.compile(r"\b(?:M\.|Mme|Mlle|Monsieur|Madame|Mademoiselle|Ma[îi]tre)\s", re.I)
INSTITUTION_CHARS = 150


def _institution_before(text: str, start: int) -> bool:
    """Contact data that follows the name of an institution, with no person named in between."""
    window = text[max(0, start - INSTITUTION_CHARS) : start]
    ends = [found.end() for found in P_INSTITUTION.finditer(window)]
    return bool(ends) and not P_ANY_CIVILITY.search(window, ends[-1])


# A legal person owning, buying or selling: "auprès de l'EPAVERT", "(ABCD/ SCI PR IMMO)",
# "par Habitat 70", "la société X". Its parcels and addresses are no one's personal data.
P_LEGAL_NEAR = re.compile(
    r"\b(?:SCI|SARL|SAS|SASU|EURL|SEM|SPL|soci[ée]t[ée]|EPA[A-Z]*|[ée]tablissement\s+public|office\s+public|"
    r"bailleur|[\w\-]*[Hh]abitat\w*|HLM|ENEDIS|GRDF|SNCF|[ÉE]tat)\b"
)
P_SENTENCE_END = re.compile(r"(?<!\bM)(?<!\bMM)(?<!\bMe)(?<!\bDr)(?<!\bSt)(?<!\b[A-Z])[.;]\s|\n|\)\s")  # not "M. Jean"
SENTENCE_CHARS = 150


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or list item) around a span, at most SENTENCE_CHARS on each side."""
    before = text[max(0, start - SENTENCE_CHARS) : start]
    ends = [m.end() for m in P_SENTENCE_END.finditer(before)]
    left = start - len(before) + (ends[-1] if ends else 0)
    after = P_SENTENCE_END.search(text, end, min(len(text), end + SENTENCE_CHARS))
    return left, after.start() if after else min(len(text), end + SENTENCE_CHARS)


def _a_legal_persons(text: str, start: int, end: int, persons: list[PersonalData]) -> bool:
    """A parcel or address whose sentence names a legal person and no private person."""
    left, right = _sentence(text, start, end)
    if any(p.status == "private" and p.start < right and left < p.end for p in persons):
        return False
    return P_LEGAL_NEAR.search(text, left, right) is not None


# A name only NER found makes an address or a parcel private only this close to it: the
# establishments a summary lists after a name NER took for a person are no one's home.
ADDRESS_PERSON_CHARS = 200


# An act about a property, a sale or a residence: its addresses may be a private person's home
# or land, however far from the name.
P_PROPERTY_CUE = re.compile(
    r"\b(?:ventes?|vend(?:re|ue?s?|eurs?|euse|ant|ons|ent|ait)|c[èée]d(?:e|er|ée?s?|ant|ent|ons)|cessions?|acqu[ée]?\w*|"
    r"achats?|ach[èe]te\w*|notaires?|pr[ée]emption|propri[ée]t\w*|appartenant|appartient|(?:le|du|ce|ledit)\s+bien|"
    r"biens?\s+immobiliers?|immeubles?|terrains?|logements?|habitations?|locataires?|lou[ée]e?s?|bail|loyers?|"
    r"domicili\w*|demeurant|r[ée]sidant|habitant|sise?|succession|h[ée]ritiers?|indivision|consorts)\b",
    re.I,
)


def _private_person_near(text: str, start: int, end: int, persons: list[PersonalData]) -> bool:
    """A private person named within ADDRESS_PERSON_CHARS of the span."""
    return any(
        p.status == "private" and p.start < end + ADDRESS_PERSON_CHARS and start - ADDRESS_PERSON_CHARS < p.end
        for p in persons
    )


P_LIEU_DIT = re.compile(r"(?i:lieu-dit|lieudit)\s+")


def _official_as_place(match: re.Match, persons: list[PersonalData]) -> bool:
    """A "lieu-dit" whose whole name is a rapporteur of the table it stands in: the table's rapporteur
    column run into an item's title ("au lieudit Jean DUPONT « Le Clos »"), no place at all.
    Outside the table's rows, a lieu-dit is an address whoever else bears its name."""
    lieu = P_LIEU_DIT.match(match.group(0))
    if lieu is None:  # the table is read only for a lieu-dit
        return False
    start = match.start() + lieu.end()
    names, (table_start, table_end) = rapporteur_rows(match.string)
    return (
        table_start <= match.start() < table_end
        and " ".join(match.group(0)[lieu.end() :].split()) in names
        and any(p.status == "official" and p.start == start and p.end == match.end() for p in persons)
    )


def _other_data(text: str, has_private_person: bool, persons: list[PersonalData] = ()) -> list[PersonalData]:
    out: list[PersonalData] = []

    def add(kind: str, match: re.Match, detector: str, confidence: float = 0.9, group: int | str = 0) -> None:
        start, end = match.span(group)
        if not any(d.start == start and d.end == end for d in out):
            out.append(
                PersonalData(
                    kind=kind,
                    text=text[start:end],
                    start=start,
                    end=end,
                    status="private",
                    confidence=confidence,
                    detector=detector,
                )
            )

    ruled = any(p.status == "private" and p.detector.startswith("rule:") for p in persons)
    property_act = P_PROPERTY_CUE.search(text) is not None

    def owned(match: re.Match) -> bool:
        """A private person the rules found anywhere in the act, or any private person in an act
        about a property, a sale or a residence (recall first); else one that only NER found
        within ADDRESS_PERSON_CHARS: NER's names are mostly places and buildings, and the
        addresses of a list of establishments are no one's home."""
        return has_private_person and (
            ruled or property_act or _private_person_near(text, match.start(), match.end(), persons)
        )

    for match in P_ADDRESS.finditer(text):
        if _official_as_place(match, persons):
            continue
        before = text[max(0, match.start() - 30) : match.start()]
        tied = P_TIED_ADDRESS.search(before) or (has_private_person and P_PROPERTY_ADDRESS.search(before))
        if tied or (
            owned(match)
            and not _institution_before(text, match.start())
            and not _a_legal_persons(text, match.start(), match.end(), persons)
        ):
            add("address", match, "rule:address", 0.9 if tied else 0.8)
    for match in P_BIRTH.finditer(text):
        add("birth_date", match, "rule:birth", 0.95, next(g for g in ("date", "date2", "date3") if match[g]))
    for match in P_PHONE.finditer(text):
        if not _institution_before(text, match.start()):
            add("phone", match, "rule:phone")
    for match in P_EMAIL.finditer(text):
        if not GENERIC_MAILBOXES.match(match.group(0)) and not _institution_before(text, match.start()):
            add("email", match, "rule:email")
    for match in P_IBAN.finditer(text):
        from stdnum import iban

        if iban.is_valid(match.group(0)):
            add("iban", match, "rule:iban", 0.99)
    # a parcel leads to its owner through the public cadastre: hidden wherever a private person is
    if has_private_person:
        for match in P_PARCEL.finditer(text):
            if not _a_legal_persons(text, match.start(), match.end(), persons):
                add("parcel", match, "rule:parcel", 0.8)
    return out


P_ROLE_NEAR = re.compile(
    r"\b(?:maire|adjointe?s?|conseill[eè]re?s?|pr[ée]sidente?|vice-pr[ée]sidente?|d[ée]l[ée]gu[ée]e?s?|[ée]lue?s?|"
    r"pr[ée]sents?|excus[ée]e?s?|absente?s?|pouvoirs?|procurations?|secr[ée]taire)\b",
    re.I,
)


def _official_context(text: str, start: int, end: int) -> bool:
    """A role or attendance word in the 150 characters before, or the name stands in a list."""
    if P_ROLE_NEAR.search(text, max(0, start - 150), start):
        return True
    before, after = text[max(0, start - 2) : start], text[end : end + 2]
    return "," in before and ("," in after or " e" in after)


@dataclass
class Prepared:
    """What detection reads before any decision: the text (the objet prepended when it is not in
    it), the officials the act names, by source, and the person mentions the detectors found."""

    text: str
    prefix: str
    sets: dict[str, Officials]
    mentions: list[tuple[int, int, str, float, str]]
    place: frozenset[str]


def prepare(act: Act, *, use_nlp: bool = True) -> Prepared:
    text = act.text or ""
    prefix = ""
    if act.objet and act.objet not in text:
        # The objet must be covered even when it came from the envelope; a blank line keeps any
        # pattern from reading a name across the join ("…Mme Dupont" + "Mme …").
        prefix = f"{act.objet}\n\n"
        text = prefix + text
    sets = official_sets(act, text)
    # The authority's own name is a place, never a person ("Commune de X", a département's name).
    place = frozenset(t for n in (act.collectivite.nom, act.collectivite.nom_officiel) if n for t in name_tokens(n))
    mentions = [m for m in _person_mentions(text, use_nlp) if not (place and name_tokens(m[2]) <= place)]
    return Prepared(text, prefix, sets, mentions, place)


def _union(sets: dict[str, Officials]) -> Officials:
    officials = Officials()
    for found in sets.values():
        officials.names.extend(found.names)
    return officials


def persons_of(prepared: Prepared) -> list[Person]:
    """The persons the act names, each with its mentions and features."""
    text = prepared.text
    persons = group_persons([Mention(s, e, text[s:e], c, d) for s, e, _, c, d in prepared.mentions])
    describe(prepared.text, persons, prepared.sets)
    return persons


def _learned(prepared: Prepared, scorer: PrivacyScorer) -> tuple[list[PersonalData], list[PersonalData]]:
    """Person mentions decided by the learned scorer; and the first mention of each person whose
    decision falls in the band of uncertainty."""
    text, out, doubtful = prepared.text, [], []
    for person in persons_of(prepared):
        decision, p = scorer.decide(person.features)
        confidence, why = (p, f"p(private)={p:.2f}") if decision != OFFICIAL else (1.0 - p, f"p(private)={p:.2f}")
        if person.features.get("named:fields"):
            # The act's own fields (président, secrétaire de séance, signataire) are published as
            # they are: the person they name is official, or the act could never be published.
            decision, confidence, why = OFFICIAL, 1.0 - p, f"named in the act's fields, p(private)={p:.2f}"
        elif (
            decision == OFFICIAL
            and person.features.get("context:private_capacity")
            and not (person.features.get("context:role_after") or person.features.get("context:role_before"))
        ):
            # A capacity of its own for a firm or an association ("X, paysagiste du bureau
            # d'études", "X (président du comité des fêtes)") and no role of the authority: a
            # consultant or a club's officer attending and speaking is still a private person.
            decision, confidence, why = PRIVATE, UNCERTAIN_BELOW, f"private capacity, p(private)={p:.2f}"
        elif decision == OFFICIAL and weak_evidence_party(person.features):
            # Only a presence word, a speech or a vote's neighbourhood for it, and the act deals
            # with it as a buyer, a tenant, an applicant or a resident: a clerk decides, hidden
            # meanwhile ("Mme X présente sa demande d'achat…", "donne la parole à Mme X, riveraine").
            decision, confidence, why = UNCERTAIN, UNCERTAIN_BELOW, f"{WEAK_PARTY}, p(private)={p:.2f}"
        elif decision == OFFICIAL and not official_evidence(person.features):
            # When unsure, protect: a person is public only where the act says something for it
            # (a list, a role, a tally, a speech), whatever the score; hidden as the rules did.
            decision, confidence, why = PRIVATE, UNCERTAIN_BELOW, f"no official context, p(private)={p:.2f}"
        status = OFFICIAL if decision == OFFICIAL else PRIVATE
        for i, mention in enumerate(sorted(person.mentions, key=lambda m: m.start)):
            item = PersonalData(
                kind="person",
                text=text[mention.start : mention.end],
                start=mention.start,
                end=mention.end,
                status=status,
                confidence=round(confidence, 4),
                detector=mention.detector,
                reason=why + (f", {hint}" if (hint := role_next_to(text, mention.start, mention.end)) else ""),
            )
            out.append(item)
            if decision == UNCERTAIN and i == 0:
                doubtful.append(item)
    return out, doubtful


def detect(
    act: Act, *, use_nlp: bool = True, scorer: PrivacyScorer | None | bool = True, prepared: Prepared | None = None
) -> tuple[list[PersonalData], PrivacyState]:
    """The personal data of ``act.text`` and objet, and whether a clerk must review them.

    ``scorer``: the learned public/private decision (True: the shipped model; False or None: the
    rules alone, as before any model was trained). ``prepared``: what ``prepare`` read already
    (the evaluation decides the same acts with several models)."""
    if scorer is True:
        scorer = load_default_scorer()
    prepared = prepared or prepare(act, use_nlp=use_nlp)
    text, prefix, place = prepared.text, prepared.prefix, prepared.place
    officials = _union(prepared.sets)
    if scorer:
        persons, doubtful = _learned(prepared, scorer)
        for item in persons:
            if item.status == OFFICIAL:
                officials.add(item.text)  # a bare occurrence of an official's surname is no private one
    else:
        # the rule of the learned path holds here too: a party with weak official evidence only
        held = frozenset(
            (m.start, m.end) for p in persons_of(prepared) if weak_evidence_party(p.features) for m in p.mentions
        )
        persons = _classify(text, prepared.mentions, officials, held)
        doubtful = [p for p in persons if p.reason == WEAK_PARTY]
    persons += [p for p in _propagate(text, persons, officials) if fold(p.text) not in place]
    has_private = any(p.status == "private" for p in persons)
    # Overlaps are kept (an address inside a parcel description, a street named after a person):
    # pseudonymisation replaces the longest span and then every remaining private form.
    found = sorted(persons + _other_data(text, has_private, persons), key=lambda d: (d.start, -(d.end - d.start)))
    doubt = {id(d) for d in doubtful}
    if scorer:
        uncertain = [i for i, item in enumerate(found) if id(item) in doubt]
    else:
        uncertain = [
            i
            for i, item in enumerate(found)
            if id(item) in doubt
            # A name only NER found is hidden as private (when unsure, protect); the decision is
            # uncertain only when the context also speaks for an official: a role close before
            # it, or a list of names it stands in.
            or item.status == "private"
            and item.confidence < UNCERTAIN_BELOW
            and _official_context(text, item.start, item.end)
        ]
        for item in found:
            if (
                item.status == "private"
                and item.confidence < UNCERTAIN_BELOW
                and not any(item is found[i] for i in uncertain)
            ):
                item.confidence = UNCERTAIN_BELOW
    if prefix:
        # Offsets are into act.text; a mention in the prepended objet gets (-1, -1).
        for item in found:
            inside = item.start >= len(prefix)
            item.start, item.end = (item.start - len(prefix), item.end - len(prefix)) if inside else (-1, -1)
    state = PrivacyState(
        review="pending" if uncertain else "not-needed",
        uncertain=uncertain,
        reason="uncertain-official-or-private" if uncertain else None,
    )
    return found, state


def annotate(
    act: Act, *, use_nlp: bool = True, scorer: PrivacyScorer | None | bool = True, prepared: Prepared | None = None
) -> Act:
    """Fill ``act.personal_data`` and ``act.privacy`` in place; return the act."""
    act.personal_data, act.privacy = detect(act, use_nlp=use_nlp, scorer=scorer, prepared=prepared)
    return act
