"""Scanned patterns find exactly what ``re`` finds: the folding is sound and matches are identical."""

from __future__ import annotations

import random
import re
import sys
from re import _casefix, _parser  # type: ignore[attr-defined]
from re import _constants as C  # type: ignore[attr-defined]

import pytest

import actes.extractors  # noqa: F401 - imports every extractor module and its patterns
import actes.segment  # noqa: F401
from actes.extractors.patterns.scan import DIGIT, SPACE, START, Scanned, fold, fold_char, literal_prefixes, scanned

ALL = "".join(chr(code) for code in range(sys.maxunicode + 1) if not 0xD800 <= code <= 0xDFFF)
# every character with a case mapping, or that re.I equates with another
CASED = "".join(c for c in ALL if c.lower() != c or c.upper() != c or ord(c) in _casefix._EXTRA_CASES)


def _registered() -> dict[str, Scanned]:
    """Every Scanned pattern of the extractor modules, alone or inside a list of tuples."""
    found: dict[str, Scanned] = {}
    for name, module in sorted(sys.modules.items()):
        if not (name.startswith("actes.extractors") or name == "actes.segment"):
            continue
        for attr, value in vars(module).items():
            if isinstance(value, Scanned):
                found[f"{name}.{attr}"] = value
            elif isinstance(value, list):
                for i, item in enumerate(value):
                    for x in item if isinstance(item, tuple) else ():
                        if isinstance(x, Scanned):
                            found[f"{name}.{attr}[{i}]"] = x
    unique: dict[int, str] = {}
    for key, pattern in found.items():  # a pattern imported by several modules is tested once
        unique.setdefault(id(pattern), key)
    return {key: found[key] for key in unique.values()}


REGISTERED = _registered()


def test_fold_keeps_offsets_and_agrees_with_one_character_folding():
    text = ALL.replace("İ", "")  # the one character str.lower() makes two of: folded apart below
    assert fold(text) == "".join(fold_char(c) for c in text)
    assert fold("xİ Σ ſ K") == "xi ς s k"  # final sigma and its class, long s, Kelvin sign
    assert len(fold("İstanbul")) == len("İstanbul")


def test_a_character_re_ignorecase_equates_with_a_letter_folds_to_that_letter():
    # Latin-1, Latin Extended-A, Greek and every character with an extra equivalence
    letters = {chr(c) for c in range(0x180)} | {chr(c) for c in range(0x370, 0x400)} | set(map(chr, _casefix._EXTRA_CASES))
    for letter in sorted(letters):
        for char in re.compile(re.escape(letter), re.I).findall(CASED + letter):
            assert fold_char(char) == fold_char(letter), (letter, char)


@pytest.mark.parametrize("ranged", ["[a-z]", "[A-Z]", "[À-Ý]", "[à-ÿ]", "[0-9]", "[A-ZÀ-Ý]"])
def test_a_character_an_ignorecase_range_matches_folds_into_the_range(ranged):
    folded = {fold_char(c) for c in re.compile(ranged).findall(ALL)}
    for char in re.compile(ranged, re.I).findall(ALL):
        assert fold_char(char) in folded, (ranged, char)


@pytest.mark.parametrize(("category", "marker"), [(r"\d", DIGIT), (r"\s", SPACE)])
def test_digits_and_spaces_stay_digits_and_spaces_once_folded(category, marker):
    plain = re.compile(category)
    folded = fold(ALL.replace("İ", ""))
    text = ALL.replace("İ", "")
    for flags in (0, re.I):
        for match in re.compile(category, flags).finditer(text):
            assert plain.match(folded, match.start()), (category, match.group())
    assert literal_prefixes(re.compile(category + "a")) == frozenset({marker + "a"})


def test_prefixes_of_common_shapes():
    assert literal_prefixes(re.compile(r"\bs[ée]ance\s+du", re.I)) == frozenset({"sean", "séan"})
    assert literal_prefixes(re.compile(r"(?:Vu|Considérant)\b")) == frozenset({"vu", "cons"})
    assert literal_prefixes(re.compile(r"^\W*sommaire|annexe")) == frozenset({START, "anne"})
    assert literal_prefixes(re.compile(r"\w+ du")) is None  # may start with any letter: left to re
    assert literal_prefixes(re.compile(r"a?b*")) is None  # may match nothing
    assert not isinstance(scanned(re.compile(r"\w+")), Scanned)


def _variants(prefix: str) -> list[str]:
    words = prefix.replace(DIGIT, "7").replace(SPACE, " ").replace(START, "")
    return [words, words.upper(), words.capitalize()]


# Phrases of the shapes the extractors read (made up for the test), cut and shuffled below.
PHRASES = [
    "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL N° DEL2023_12", "Commune de Saint-Ébrard",
    "Séance du 12 mars 2023", "SÉANCE PUBLIQUE DU 1er juin 2022", "CONSEIL MUNICIPAL DU 16 FEVRIER 2023 COMPTE RENDU",
    "Délibération n° 2023-04 du 3 avril 2023", "Délibération 07/12/2022— 2", "N°41/Agenda 21", "Objet : vente d'un terrain",
    "L'an deux mille vingt-trois, le seize février", "le vingt mars de l'an deux mille vingt-trois",
    "Date de la convocation Date d'affichage 04 février 2023 17 février 2023", "convoqué le 2 mars 2023",
    "Nombre de conseillers en exercice : 27 Présents : 23 Votants : 24 Procurations : 1",
    "En exercice Présents Votants Pour Contre 27 23 24 20 4", "dont 20 présents et 3 procurations",
    "par 34 voix POUR, 0 voix CONTRE, 2 ABSTENTIONS", "38 voix pour et une abstention", "Vote : 14 pour / 0 contre / 0 abstention",
    "à l'unanimité des membres présents et représentés", "à la majorité", "prend acte", "pour : 12 contre : 0 abstentions : 1",
    "Vu le code général des collectivités territoriales,", "Considérant l'avis de la commission,", "Le Conseil, après en avoir délibéré,",
    "Fait à Lyon, le 3 avril 2023", "Pour extrait conforme", "Le Maire, Jean DUPONT", "Pour le Maire, par délégation, L'Adjoint",
    "Le secrétaire de séance Le Maire, Michaël FORTIN Jean-Claude PERRET", "Signé électroniquement par : Anne MARTIN",
    "sous la présidence de M. Paul DURAND", "Secrétaire de séance : Marie CURIE", "a été désigné secrétaire de séance",
    "Envoyé en préfecture le 04/04/2023", "Reçu en préfecture le 04/04/2023", "Publié le 05/04/2023", "Affiché le 5 avril 2023",
    "ID : 069-216900001-20230403-2023_04-DE", "Accusé de réception en préfecture", "Date de télétransmission : 04/04/2023",
    "transmis au représentant de l'État le 4 avril 2023", "certifié exécutoire", "Publication : 26/01/2025",
    "ARRÊTÉ du 1er juin 2022 portant règlement de la circulation", "Arrêté municipal n° 2022-80 du 2 juin 2022",
    "RECUEIL DES ACTES ADMINISTRATIFS SPÉCIAL N°53-2019-060 MAYENNE PUBLIÉ LE 2 mai 2019", "PRÉFET DE LA HAUTE-SAÔNE",
    "Communauté de communes du Val de Loire", "Conseil communautaire Vallée Ouest", "Grand Lac Agglomération",
    "Région Centre-Val de Loire", "Syndicat intercommunal d'énergie de Vaulnières - SIE", "Mairie de Valmorin",
    "CONSEIL DÉPARTEMENTAL DE LA SOMME", "Conseil régional de Bretagne", "Département de la Somme", "SIREN : 216 900 001", "Numéro SIRET : 21690000100017",
    "BUDGET PRIMITIF 2023", "budget annexe de l'eau", "Décision modificative n°2 2022", "BP 2020", "DM - 2022",
    "SOMMAIRE 1) COMMUNICATION DU MAIRE", "Table des matières", "ordre du jour", "procès-verbal de la séance",
    "LISTE DES DELIBERATIONS EXAMINEES le 9 décembre 2022", "convention de partenariat", "Code matière : 7.1",
    "Rapporteur : Mme LEMOINE", "la commune de KERVALEN", "EPT Grand Val Bièvre", "Syndicat mixte des eaux (SMTC)",
    "membres du Conseil municipal de BELLENCOURT", "annexée à la délibération n° 2022-10-48 du 13 décembre 2022",
    "PROJET DE DELIBERATION", "membres en exercice qui sont au nombre de 33", "sur 34 VOTANTS", "soit 12 pour, 3 contre",
    "Date de publication : 05/04/2023", "publication ou notification le 5 avril 2023", "Reçu le 14/10/2021",
    "Date de réception préfecture : 04/04/2023", "reçu par le représentant de l'État le 4 avril 2023",
    "Réception par le préfet : 24/01/2025", "RÉPUBLIQUE FRANÇAISE", "1 2/0 3/2023", "12.03.23", "2023-03-12", "ſéance İ K µ ς",
]
SEPARATORS = [" ", " ", " ", "\n", "  ", "\u00a0", ", ", " : ", "-", "/", ".", "’", "'"]


TWINS = {"s": "ſ", "k": "K", "i": "İ", "S": "ſ", "K": "K", "I": "ı"}  # what re.I equates beyond case


def _sample(items, flags: int, rng: random.Random) -> str:
    """A string built along the parsed pattern (lookarounds ignored): most of them match it."""
    out = []
    for op, av in items:
        if op is C.LITERAL:
            char = chr(av)
            if flags & re.I:
                char = rng.choice([char, char.upper(), char.lower(), TWINS.get(char, char)])
            out.append(char)
        elif op is C.NOT_LITERAL:
            out.append(rng.choice([c for c in "xY7 é" if ord(c) != av]))
        elif op is C.IN:
            out.append(_in_sample(av, rng))
        elif op is C.ANY:
            out.append(rng.choice("aZ 9é"))
        elif op is C.BRANCH:
            out.append(_sample(rng.choice(av[1]).data, flags, rng))
        elif op is C.SUBPATTERN:
            out.append(_sample(av[3].data, (flags | av[1]) & ~av[2], rng))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            low, high = av[0], min(av[1], av[0] + 3)
            out.extend(_sample(av[2].data, flags, rng) for _ in range(rng.randint(low, high)))
    return "".join(out)


def _in_sample(items, rng: random.Random) -> str:
    if items and items[0][0] is C.NEGATE:
        return rng.choice("xY7 é")
    item, value = rng.choice(items)
    if item is C.LITERAL:
        return chr(value)
    if item is C.RANGE:
        return chr(rng.randint(*value))
    return {C.CATEGORY_DIGIT: rng.choice("0123456789٣"), C.CATEGORY_SPACE: rng.choice(" \n\t\u00a0")}.get(value, "a")


def _texts(pattern: Scanned, rng: random.Random, count: int = 12) -> list[str]:
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    samples = [_sample(parsed.data, parsed.state.flags, rng) for _ in range(300)]
    words = [w for phrase in PHRASES for w in phrase.split(" ")]
    tokens = [v for p in sorted(pattern.prefixes or ()) for v in _variants(p)] + PHRASES + words + samples
    return [
        "".join(rng.choice(tokens) + rng.choice(SEPARATORS) for _ in range(rng.randint(40, 160)))
        for _ in range(count)
    ] + [" ".join(PHRASES), "\n".join(PHRASES).upper(), " ".join(PHRASES).lower(), " | ".join(samples), " ".join(samples)]


def _spans(matches) -> list:
    return [(m.span(), m.groups()) for m in matches]


@pytest.mark.parametrize("name", sorted(REGISTERED))
def test_scanned_pattern_finds_what_re_finds(name):
    pattern = REGISTERED[name]
    compiled = pattern.compiled
    rng = random.Random(name)
    texts = _texts(pattern, rng)
    assert any(compiled.search(text) for text in texts)  # the comparison below is not an empty one
    for text in texts:
        assert _spans(pattern.finditer(text)) == _spans(compiled.finditer(text))
        pos, endpos = sorted(rng.sample(range(len(text) + 1), 2))
        assert _spans(pattern.finditer(text, pos, endpos)) == _spans(compiled.finditer(text, pos, endpos))
        assert _spans(pattern.finditer(text, pos)) == _spans(compiled.finditer(text, pos))
        found, expected = pattern.search(text, pos), compiled.search(text, pos)
        assert (found and (found.span(), found.groups())) == (expected and (expected.span(), expected.groups()))
        blank = lambda m: "#" * len(m.group())  # noqa: E731
        assert pattern.sub(blank, text) == compiled.sub(blank, text)


def test_ids_are_tried_only_before_a_date_run_and_found_as_re_finds_them():
    from actes.extractors.patterns.ids import P_ID_LOOSE, _loose_ids

    rng = random.Random(7)
    ids = ["069-216900001-20230403-2023_04-DE", "O69 - 2l6 9OO OO1 - 2O23O4O3 - DEL 12 - AR", "2A4-123456789-20200101-1AR",
           "075_257500041_20221213_2022-10-48_DE", "0691216900001120230403", "069-216900001-2023040", "12345678901234567890123"]
    noise = ["ID :", "Reçu le", "0", "OlIo", "20230403", "-", "_", " ", "\n", "DE", "AR", "abc", "9" * 12, "oOlI" * 5]
    for _ in range(300):
        text = "".join(rng.choice(ids + noise) + rng.choice(["", " ", "-", "\n"]) for _ in range(rng.randint(1, 30)))
        assert _spans(_loose_ids(text)) == _spans(P_ID_LOOSE.finditer(text)), text
