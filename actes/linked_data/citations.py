"""The legal texts an act cites, as identifiers others use.

A generic finder over the act's (published) text: articles of the codes ("article L. 2241-1 du
CGCT", "Vu le code de l'urbanisme, notamment ses articles L.151-19 et R. 111-1"), French lois,
ordonnances and décrets ("loi n° 2015-991 du 7 août 2015", "décret n°88-145"), EU règlements and
directives ("règlement (UE) 2016/679"). Each citation gets:

- ``label``: a Légifrance-style citation string, the same whatever the spelling in the act, so
  acts can be joined on it: ``Article L2241-1 - Code général des collectivités territoriales``,
  ``Loi n° 2015-991``, ``Décret n° 2016-360``, ``Règlement (UE) 2016/679``;
- ``eli``: the European Legislation Identifier where one exists and can be built from what the
  act prints: EU acts (``http://data.europa.eu/eli/reg/2016/679/oj``), and French lois,
  ordonnances and décrets whose number *and* date are printed (Légifrance's ELI alias by number,
  ``https://www.legifrance.gouv.fr/eli/loi/2015/8/7/2015-991/jo/texte``). Code articles have
  none: their label is the identifier.

Only codes of ``CODES`` are recognised (an unknown code's name cannot be delimited in running
text); an article whose code cannot be found is left out rather than guessed.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

LEGIFRANCE_ELI = "https://www.legifrance.gouv.fr/eli"
EU_ELI = "http://data.europa.eu/eli"

# Canonical name (as Légifrance titles it) → other ways acts write it (folded: lowercase, no accents).
CODES: dict[str, tuple[str, ...]] = {
    "Code général des collectivités territoriales": ("cgct", "code general des collectivites territoriales",
                                                     "code general de collectivites territoriales",
                                                     "code general des collectivites locales"),
    "Code de l'urbanisme": ("code de l'urbanisme", "code l'urbanisme"),
    "Code de l'environnement": ("code de l'environnement",),
    "Code civil": ("code civil",),
    "Code pénal": ("code penal",),
    "Code électoral": ("code electoral",),
    "Code général de la fonction publique": ("cgfp", "code general de la fonction publique"),
    "Code général des impôts": ("cgi", "code general des impots"),
    "Code de la commande publique": ("code de la commande publique",),
    "Code général de la propriété des personnes publiques": ("cg3p", "cgppp",
                                                             "code general de la propriete des personnes publiques"),
    "Code de la construction et de l'habitation": ("cch", "code de la construction et de l'habitation"),
    "Code de l'éducation": ("code de l'education",),
    "Code de la santé publique": ("code de la sante publique",),
    "Code de l'action sociale et des familles": ("casf", "code de l'action sociale et des familles"),
    "Code de la route": ("code de la route",),
    "Code de la voirie routière": ("code de la voirie routiere",),
    "Code du travail": ("code du travail",),
    "Code rural et de la pêche maritime": ("code rural et de la peche maritime", "code rural"),
    "Code forestier": ("code forestier",),
    "Code du patrimoine": ("code du patrimoine",),
    "Code du sport": ("code du sport",),
    "Code du tourisme": ("code du tourisme",),
    "Code de l'énergie": ("code de l'energie",),
    "Code des transports": ("code des transports",),
    "Code de la sécurité intérieure": ("code de la securite interieure",),
    "Code des relations entre le public et l'administration": ("crpa",
                                                               "code des relations entre le public et l'administration"),
    "Code de justice administrative": ("cja", "code de justice administrative"),
    "Code de l'expropriation pour cause d'utilité publique": ("code de l'expropriation pour cause d'utilite publique",
                                                              "code de l'expropriation"),
    "Code des juridictions financières": ("cjf", "code des juridictions financieres"),
    "Code de la sécurité sociale": ("code de la securite sociale",),
    "Code monétaire et financier": ("code monetaire et financier",),
}
_BY_FORM = {form: name for name, forms in CODES.items() for form in forms}
_CODE = "|".join(sorted((re.escape(f).replace("'", "'") for f in _BY_FORM), key=len, reverse=True))

MONTHS = {"janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "aout": 8,
          "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12}
_DATE = r"(?P<day>1er|\d{1,2})\s+(?P<month>" + "|".join(MONTHS) + r")\s+(?P<year>\d{4})"

# One article number: "L. 2241-1", "L2241-1", "R.421-9", "LO 1112-1", "1240", "L. 5712.2.6".
_ARTICLE_NO = r"(?:(?:lo|l|r|d|a)\s?\.?\s?)?\d{1,4}(?:[-.]\d{1,4}){0,3}(?![\d/])"
_ARTICLES = re.compile(  # matched where "art" starts a word (_matches)
    r"art(?:icles?|\.)\s+(?P<list>" + _ARTICLE_NO + r"(?:\s*(?:,|et|ou|à|a)\s*" + _ARTICLE_NO + r")*)",
)
_CODE_AFTER = re.compile(r"\s*(?:\d+°\s*)?(?:et suivants\s*)?(?:,\s*)?(?:du|de la|de l'|des)\s+(?P<code>" + _CODE + r")\b")
_SAME_CODE = re.compile(r"\s*(?:du meme code|dudit code|du code precite|de ce code)\b")
_CODE_MENTION = re.compile(r"\b(?P<code>" + _CODE + r")\b")
_CLAUSE_END = re.compile(r";|\bvu\b|\bconsiderant\b|\.\s")  # a code mentioned before these is out of reach

_TEXT = re.compile(
    r"(?P<kind>loi organique|loi|ordonnance|decret)\b(?:\s+(?:no|n\s*o|n°|nº|n\.)\s*|\s+)"
    r"(?P<number>\d{2,4}\s*[-/]\s*\d{1,5})(?:\s+du\s+" + _DATE + r")?"
    r"|(?P<undated_kind>loi)\s+du\s+" + _DATE.replace("?P<", "?P<u_"),
)
_EU = re.compile(
    r"(?P<kind>reglement|directive)\s*\((?P<union>ue|ce|cee)\)\s*(?:no|n°)?\s*(?P<a>\d{1,4})/(?P<b>\d{1,4})"
    r"|(?P<dkind>directive)\s+(?:no\s+|n°\s*)?(?P<da>\d{2,4})/(?P<db>\d{1,4})/(?P<dunion>ue|ce|cee)\b",
)

KIND_LABELS = {"loi": "Loi", "loi organique": "Loi organique", "ordonnance": "Ordonnance", "decret": "Décret"}
ELI_TYPES = {"loi": "loi", "loi organique": "loi", "ordonnance": "ord", "decret": "decret"}


@dataclass(frozen=True)
class Citation:
    kind: str  # article | loi | loi organique | ordonnance | decret | reglement-ue | directive-ue
    label: str  # the Légifrance-style citation string
    eli: str | None  # an ELI URI, where one exists
    start: int  # span in the text searched
    end: int


def _fold_char(char: str) -> str:
    if char == "º":
        return "°"
    base = unicodedata.normalize("NFD", char)[0].lower()
    return base if len(base) == 1 and ord(base) < 256 else char


# Byte table over Latin-1: lowercase, accents off, º → °. Characters beyond Latin-1 become "?"
# (one character each: spans in the folded text are spans in the original); the apostrophes
# beyond it are made "'" first.
_FOLD = bytes(ord(_fold_char(chr(code))) for code in range(256))
_APOSTROPHES = str.maketrans({c: "'" for c in "’ʼ`´"})


def fold(text: str) -> str:
    """Lowercase, no accents, one kind of apostrophe and of ordinal sign, same length as ``text``."""
    if "’" in text or "ʼ" in text or "`" in text or "´" in text:
        text = text.translate(_APOSTROPHES)
    return text.encode("latin-1", "replace").translate(_FOLD).decode("latin-1")


def _matches(pattern: re.Pattern, folded: str, keywords: tuple[str, ...]) -> list[re.Match]:
    """``pattern`` matched where one of ``keywords`` starts a word: ``str.find`` skips ahead far
    faster than a regex whose first character is a common letter."""
    starts: set[int] = set()
    for keyword in keywords:
        index = folded.find(keyword)
        while index >= 0:
            if _at_word(folded, index):
                starts.add(index)
            index = folded.find(keyword, index + 1)
    found, end = [], 0
    for start in sorted(starts):
        if start < end:
            continue
        match = pattern.match(folded, start)
        if match is not None:
            found.append(match)
            end = match.end()
    return found


def _at_word(text: str, start: int) -> bool:
    """Whether a match starts a word (the patterns have no leading \\b, for speed)."""
    return start == 0 or not text[start - 1].isalnum()


def article_number(raw: str) -> str:
    """'L. 2241-1' → 'L2241-1', 'r.421-9' → 'R421-9' (as Légifrance writes it)."""
    raw = re.sub(r"\s|\.(?=\s|\d)", "", raw.strip().upper()) if raw[:1].isalpha() else raw.strip()
    return raw.replace("..", ".")


def _expand(numbers: list[str]) -> list[str]:
    """'L2121-17, 20 et 21' → L2121-17, L2121-20, L2121-21 (a bare number continues the series)."""
    out: list[str] = []
    for number in numbers:
        if out and number.isdigit() and re.match(r"^[A-Z]+\d+-\d+$", out[-1]):
            out.append(out[-1].rsplit("-", 1)[0] + "-" + number)
        else:
            out.append(number)
    return out


def _date(match: re.Match, prefix: str = "") -> dt.date | None:
    day = match.group(prefix + "day")
    if day is None:
        return None
    try:
        return dt.date(int(match.group(prefix + "year")), MONTHS[match.group(prefix + "month")],
                       1 if day == "1er" else int(day))
    except ValueError:
        return None


def _code_before(folded: str, start: int) -> str | None:
    """The code named earlier in the same clause ("Vu le CGCT, notamment ses articles …")."""
    window_start = max(0, start - 250)
    window = folded[window_start:start]
    ends = [m.end() for m in _CLAUSE_END.finditer(window)]
    if ends:
        window = window[ends[-1]:]
    mentions = list(_CODE_MENTION.finditer(window))
    return _BY_FORM[mentions[-1].group("code")] if mentions else None


def find_citations(text: str | None) -> list[Citation]:
    """Every legal text cited in ``text``, in order, each (kind, label) once."""
    if not text:
        return []
    folded = fold(text)
    found: list[Citation] = []
    last_code: str | None = None
    for match in _matches(_ARTICLES, folded, ("art",)):
        numbers = _expand([article_number(n) for n in re.split(r"\s*(?:,|\bet\b|\bou\b|\ba\b|à)\s*", text[match.start("list"):match.end("list")]) if n.strip()])
        after = folded[match.end():match.end() + 120]
        code = None
        if (named := _CODE_AFTER.match(after)) is not None:
            code = _BY_FORM[named.group("code")]
        elif _SAME_CODE.match(after) is not None:  # the code named last before
            mentions = list(_CODE_MENTION.finditer(folded, 0, match.start()))
            code = _BY_FORM[mentions[-1].group("code")] if mentions else last_code
        elif (re.match(r"\s*(?:\d+°\s*)?(?:,\s*)?(?:du|de la|de l'|des)\s", after) is None  # "de la loi …": not a code
              and numbers and numbers[0][:1].isalpha()):  # "Article 1er :" of the act itself has no letter
            code = _code_before(folded, match.start())
        if code is None:
            continue
        last_code = code
        for number in numbers:
            if not re.match(r"^(?:LO|L|R|D|A)?\d", number):
                continue
            found.append(Citation("article", f"Article {number} - {code}", None, match.start(), match.end()))
    for match in _matches(_TEXT, folded, ("loi", "decret", "ordonnance")):
        if match.group("kind"):
            kind = match.group("kind")
            year, number = re.split(r"\s*[-/]\s*", match.group("number"))
            number_text = f"{year}-{number}"
            label = f"{KIND_LABELS[kind]} n° {number_text}"
            date = _date(match)
            eli = (f"{LEGIFRANCE_ELI}/{ELI_TYPES[kind]}/{date.year}/{date.month}/{date.day}/{number_text}/jo/texte"
                   if date and (len(year) != 4 or int(year) == date.year) else None)
        else:
            kind = "loi"
            date = _date(match, "u_")
            if date is None:
                continue
            label, eli = f"Loi du {_french_date(date)}", None
        found.append(Citation(kind, label, eli, match.start(), match.end()))
    for match in _matches(_EU, folded, ("reglement", "directive")):
        found.append(_eu_citation(match))
    found.sort(key=lambda c: c.start)
    seen: set[tuple[str, str]] = set()
    unique: list[Citation] = []
    for citation in found:
        key = (citation.kind, citation.label)
        if key in seen:
            if citation.eli and not any(c.eli for c in unique if (c.kind, c.label) == key):
                unique = [c if (c.kind, c.label) != key else citation for c in unique]
            continue
        seen.add(key)
        unique.append(citation)
    return unique


def _french_date(date: dt.date) -> str:
    month = [m for m, n in MONTHS.items() if n == date.month][0]
    month = {"fevrier": "février", "aout": "août", "decembre": "décembre"}.get(month, month)
    return f"{'1er' if date.day == 1 else date.day} {month} {date.year}"


def _is_year(text: str) -> bool:
    return re.fullmatch(r"(?:19|20)\d\d", text) is not None


def _eu_citation(match: re.Match) -> Citation:
    """Règlements and directives: year/number since 2015 ("2016/679"), number/year before for
    règlements ("n° 1370/2007"), year/number for older directives ("2006/123/CE")."""
    if match.group("kind"):
        kind, union, a, b = match.group("kind"), match.group("union"), match.group("a"), match.group("b")
    else:
        kind, union, a, b = "directive", match.group("dunion"), match.group("da"), match.group("db")
    if kind == "reglement" and _is_year(b) and not _is_year(a):
        year, number = b, a
    else:
        year, number = a, b
    union = union.upper()
    if kind == "reglement":
        label = f"Règlement ({union}) {a}/{b}" if year == a else f"Règlement ({union}) n° {a}/{b}"
        eli_type = "reg"
    else:
        label, eli_type = f"Directive {a}/{b}/{union}", "dir"
    if len(year) == 2:
        year = ("19" if int(year) > 50 else "20") + year
    eli = f"{EU_ELI}/{eli_type}/{year}/{int(number)}/oj" if len(year) == 4 else None
    return Citation(f"{kind}-ue", label, eli, match.start(), match.end())
