"""Councillors' names as attendance lists print them, and how two printings are the same person.

A list prints "Prénom NOM", "NOM Prénom", "NOM" alone, "M. Troussel" or first names alone,
with civilities ("M.", "Mme", "Mesdames et Messieurs"), titles ("Maire", "Première Adjointe"),
particles ("de MONTCHALIN", "d'EU", "DE CHAIGNON") and OCR marks (a footnote digit glued to a
surname, a lost space in "MohamedANAJJAR"). Words are classified one by one (``word_kind``);
``split_run`` cuts a run of name words into persons by the alternation of capitalised and
upper-case words.
"""

from __future__ import annotations

import functools
import re
import unicodedata

UP = "A-ZÀÂÄÉÈÊËÎÏÔÖÙÛÜÇŸ"
LOW = "a-zàâäéèêëîïôöùûüçÿœ"
APOS = "'’`"

# "M.", "M", "MM.", "Mme", "MME", "Mmes", "Mlle", "Monsieur", "Madame", "Mesdames", "Messieurs", "Ms"
P_CIVILITY = re.compile(
    r"(?:Monsieur|Madame|Mademoiselle|Messieurs|Mesdames|MONSIEUR|MADAME|MESSIEURS|MESDAMES"
    r"|Mmes|MMES|Mme|MME|Mlle|MLLE|MM|Mr|Ms|M)\.?$"
)
CIVILITY_SHORT = {"monsieur": "M.", "messieurs": "M.", "mr": "M.", "m": "M.", "mm": "M.", "ms": "M.",
                  "madame": "Mme", "mesdames": "Mme", "mme": "Mme", "mmes": "Mme", "mademoiselle": "Mme", "mlle": "Mme"}
# Particles that belong to the surname that follows ("de MONTCHALIN", "DE CHAIGNON", "d'EU", "LE GOVIC")
PARTICLES = frozenset({"de", "du", "des", "d", "le", "la", "van", "von", "da", "di", "do", "dos", "del", "della", "el", "ben"})
# Capitalised words that end a name: what follows a list in flattened minutes
NOT_NAME_WORDS = frozenset(
    """le la les l il elle ils elles on nous vous ce cette ces un une aux au en sur pour par dans avec
    maire maires adjoint adjointe adjoints adjointes président présidente vice-président vice-présidente
    conseiller conseillère conseillers conseillères délégué déléguée délégués déléguées titulaire titulaires
    suppléant suppléante suppléants secrétaire secrétaires absent absente absents absentes excusé excusée excusés
    excusées présent présente présents présentes pouvoir pouvoirs procuration procurations représenté représentée
    représentés votants votant quorum nombre date ordre formant monsieur madame mesdames messieurs et objet
    délibération délibérations séance conseil commune ville communauté département région membres membre
    assistaient assiste également approbation vu considérant après ouverture début fin page rapporteur
    précision lecture désignation vérification afférents exercice exprimés pour contre abstention abstentions
    total sont étaient était ont avaient n° no id envoyé reçu publié affiché""".split()
)
NOT_NAME_FOLDED = frozenset(" ".join(word.replace("-", " ").split()) for word in (
    __import__("unicodedata").normalize("NFKD", w).encode("ascii", "ignore").decode() for w in NOT_NAME_WORDS))
# Upper-case words that are never a surname (other words of NOT_NAME_WORDS may be: "MAIRE DU POSET")
UPPER_NOT_NAME = frozenset("""et ordre jour presents present presente absents absent absente excuses excuse excusee pouvoir
    pouvoirs procuration procurations representes represente secretaire seance id objet deliberation quorum votants nombre
    date page conseil commune communaute les le la""".split())
P_TRAILING_DIGITS = re.compile(r"(?<=[A-ZÀ-Ý]{2})\d+$")  # "SARI1", "BENAHMED2": a footnote call
P_GLUED = re.compile(rf"^([{UP}][{LOW}]+)([{UP}]{{2,}}[{UP}'’-]*)$")  # "MohamedANAJJAR"


def fold(text: str) -> str:
    """Lower case without accents; apostrophes and hyphens become spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def is_civility(word: str) -> bool:
    return bool(P_CIVILITY.fullmatch(word))


def short_civility(word: str) -> str | None:
    return CIVILITY_SHORT.get(word.rstrip(".").lower())


def clean_word(word: str) -> str:
    """Strip OCR noise a name word carries: a footnote digit, doubled apostrophes."""
    word = re.sub(r"[’`]+", "'", word)
    word = re.sub(r"'{2,}", "'", word)
    return P_TRAILING_DIGITS.sub("", word)


def word_kind(word: str) -> str:
    """U (surname in capitals), C (capitalised first name or mixed-case name), I (initial),
    p (particle), or "" (not part of a name)."""
    bare = word.strip(".")
    if not bare:
        return ""
    if re.fullmatch(rf"[dD]['’][{UP}][{UP}'’-]+", bare):
        return "U"  # d'EU
    if len(bare) == 1 and bare.isupper() and word.endswith("."):
        return "I"  # "MERLIN D.": an initial, though "D" alone may be a particle
    if fold(bare) in PARTICLES and (bare.islower() or bare.isupper() or bare.istitle()):
        return "p"
    if fold(bare) in NOT_NAME_FOLDED and (not bare.isupper() or fold(bare) in UPPER_NOT_NAME):
        return ""
    if re.fullmatch(rf"[{UP}](?:[{UP}])?(?:[.-][{UP}])*\.?", word) and (word.endswith(".") or "-" in word or "." in bare or len(bare) == 1):
        return "I"  # "S.", "ML.", "P-Y", "J.F"
    if re.fullmatch(rf"[{UP}][{UP}'’]+(?:[-:][{UP}'’]+)*", bare):
        return "U"
    if re.fullmatch(rf"(?:[{UP}]['’])?[{UP}][{LOW}'’]+(?:-?[{UP}][{LOW}'’]+)*(?:-[{LOW}]+)?", bare):
        return "C"  # Jean-Claude, JeanClaude, N'Dior, Thévenot
    return ""


def split_glued(word: str) -> list[str]:
    match = P_GLUED.match(word)
    return [match[1], match[2]] if match else [word]


def runs(kinds: list[str]) -> list[tuple[str, int, int]]:
    """Group name words into runs of one case: (kind U|C, first, last+1); a particle joins
    the run that follows it, an initial counts as a first name."""
    resolved: list[str] = []
    for i, kind in enumerate(kinds):  # a particle takes the kind of the word after it
        if kind == "p":
            following = next((k for k in kinds[i + 1 :] if k != "p"), "U")
            resolved.append("U" if following == "U" else "C")
        else:
            resolved.append("U" if kind == "U" else "C")
    out: list[tuple[str, int, int]] = []
    for i, kind in enumerate(resolved):
        if out and out[-1][0] == kind:
            out[-1] = (kind, out[-1][1], i + 1)
        else:
            out.append((kind, i, i + 1))
    return out


def split_run(words: list[str], kinds: list[str]) -> list[list[str]]:
    """Cut consecutive name words into persons: "Chantal PIGNARD Marie-Thérèse THEVENET" → two,
    "BLANCHET Stéphane BERNEX Brigitte" → two, "DUPONT" → one, "Pascal Thévenot" → one."""
    groups = runs(kinds)
    if len(groups) <= 2:
        return [words] if words else []
    persons = []
    for i in range(0, len(groups) - 1, 2):
        persons.append(words[groups[i][1] : groups[i + 1][2]])
    if len(groups) % 2:
        last = groups[-1]
        if last[0] == "U":
            persons.append(words[last[1] : last[2]])
        else:  # a lone first name after pairs: it belongs to the previous person ("NOM Prénom Prénom")
            persons[-1] = persons[-1] + words[last[1] : last[2]]
    return persons


@functools.lru_cache(maxsize=65536)
def tokens(name: str) -> frozenset[str]:
    """The words of a name, folded, without civility: order and case do not matter."""
    words = [w for w in fold(name).split() if w not in CIVILITY_SHORT]
    return frozenset(words)


def same_person(a: str, b: str) -> bool:
    """Same words in any order ("Paul DURAND" = "DURAND Paul"), or the same letters once spaces
    and hyphens go ("JeanClaude NOM" = "Jean-Claude NOM")."""
    ta, tb = tokens(a), tokens(b)
    if ta and ta == tb:
        return True
    return bool(ta and tb) and sorted("".join(ta)) == sorted("".join(tb)) and len("".join(ta)) >= 6


def covers(short: str, full: str) -> bool:
    """``short`` names the same person as ``full`` with fewer words ("DUPONT" ⊂ "Jean DUPONT")."""
    ts, tf = tokens(short), tokens(full)
    return bool(ts) and (ts <= tf or tf <= ts)
