"""Where items of minutes may start: every candidate heading, described by features a learned
scorer weighs (``actes.minutes.start_model``).

The rule reader (``actes.minutes.items.find_headings``) picks one scheme of headings (a chain of
numbers, act numbers, capitals) and keeps all of it. Minutes mix schemes, skip numbers, print
an agenda before the body or lose their numbering in the text layer, and one scheme then
misses points or splits one in two. Here every heading of every scheme is a candidate, and what
the rule reader and the text around it say about it are its features: the number it carries
and whether its neighbours continue the count, whether a vote closes the text that follows,
whether the previous point closed just before, "Rapporteur" after it, its title's shape, the
same title printed elsewhere (an agenda's line and its point), its place in the body; and what
the file says of its scheme as a whole (how many headings, what share open a line or close with
a vote), so that whatever marks a file's points, the scheme they share stands out. Flattened
text layers lose line breaks and bullets: headings mid-line, a bullet read as "e", a table's
"D01" codes, "***" between points are candidates too, and so is the report of the decisions
taken by delegation, often told in prose. A numbered heading the model half-believes between kept
neighbours of its count is kept (``pick``).
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field

from actes.extractors.patterns.dates_fr import RE_MONTH, _month, find_dates
from actes.extractors.patterns.heads import is_reference
from actes.minutes import items as rules
from actes.minutes.items import Heading
from actes.minutes.names import fold

NEAR = rules.AGENDA_GAP  # two headings closer than this are lines of a list
BEFORE = 300  # characters before a heading where the previous point's vote is looked for
ECHO = 0.6  # word overlap (F1) over which two headings print the same title
P_RAPPORTEUR_AFTER = re.compile(r"\bRapporteure?s?\b|\bPr[ée]sentation\b|\bExpos[ée]\b", re.I)
P_DELIBERATION_WORD = re.compile(r"D[ée]lib[ée]ration\b", re.I)
# A title that opens a sentence of the body, not a heading: a recital, a person speaking, a pronoun,
# a note of someone leaving or arriving.
P_PROSE_START = re.compile(
    r"(?:Vu|VU|Consid[ée]rant|CONSID[ÉE]RANT|Apr[èe]s|Le\s+Conseil|Monsieur|Madame|M\.|Mme|Il|Elle|Ils|Nous|On|Cette|Ce|Ces)\b"
    r"|(?:Quitte|Rejoint|Arriv[ée]e?s?\s+(?:à|en)|Part\s+à|Sort)\b"  # an attendance note: "Quitte la séance à 20 h 37"
)
P_MONEY = re.compile(r"\d\s?(?:€|euros?\b|%)|\bEUR\b", re.I)
P_LEADERS = re.compile(r"(?:\.\s?){6,}|…{3,}|_{6,}")  # dotted leaders: a table of contents' line
# What no item is called: a vote's line ("Pour : 12 Contre : 0", "Abstentions"), the agenda's or the
# register's own heading, a decision's connector ("EN CONSEQUENCE LE BUREAU …").
P_NOT_A_TITLE = re.compile(
    r"(?:pour|contre|abstentions?)\s*(?::|\d{1,3}\b|$)|abstentions?\b|ordre\s+du\s+jour\b|extrait\s+du\s+registre\b"
    r"|en\s+cons[ée]quence\b",
    re.I,
)
SCHEMES = ("arabic", "roman", "point", "actnum", "caps", "pv")
NUMBERED = ("arabic", "roman", "point", "code")  # schemes whose numbers chain


@dataclass
class Start:
    """One candidate start of an item: its heading (the most telling scheme at this offset) and
    its features."""

    heading: Heading
    title: str | None
    schemes: set[str] = field(default_factory=set)
    features: dict[str, float] = field(default_factory=dict)

    @property
    def start(self) -> int:
        return self.heading.start


def _words(text: str | None) -> set[str]:
    folded = "".join(c if c.isalnum() else " " for c in fold(text or ""))
    return {w for w in folded.split() if len(w) >= 3}


def _overlap(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


PRIORITY = {
    "actnum": 0,
    "point": 1,
    "arabic": 2,
    "code": 3,
    "roman": 4,
    "pv": 5,
    "decisions": 5,
    "objet": 6,
    "caps": 7,
    "rubric": 8,
    "bullet": 9,
    "separator": 10,
}
UP = rules.UP
# Candidates only the scorer sees (the rule reader would take them all):
# "1°) MARCHÉS PUBLICS", "2°/ …": an ordinal number.
P_ORDINAL = re.compile(rf"(?<![\w,.'’/°-])(?P<num>\d{{1,2}})\s?°\s*[-–—)/.]?\s*(?=[{UP}«\"“])")
# "OBJET : Modification du tableau des effectifs", "Objet - Information : …": a délibération's heading inside minutes.
P_OBJET = re.compile(r"\b(?:OBJET|Objet)\s*[:\-–—]\s*")
# "• Subvention …", "➢ Adoption …": a bullet, in minutes laid out as lists.
P_BULLET = re.compile(rf"[•➢►▪■●]\s*(?=[{UP}a-z])")
# "… à l'unanimité e Subvention foire et marchés.": a bullet the text layer read as a letter or a sign,
# alone before a capitalised word (no French word is the lone letter "e").
P_OCR_BULLET = re.compile(rf"(?<!\S)[e¢©®°](?=\s+[{UP}][a-zàâäéèêëîïôöùûüç])")
# "D01 FINANCES - …", "DO2 | SANTE - …" (the text layer reads 0 as O), "D2022_091 INFORMATIQUE - …": a
# numbered code opening a row of a table of délibérations or a point.
P_CODE = re.compile(
    rf"(?<![\w-])(?:D[O0]?|[A-Z]{{1,4}}\s?\d{{4}}[\s_./-])(?P<num>\d{{1,3}})\b\s*[|:\-–—]?\s*(?=[{UP}])"
)
# "*** Approbation du compte rendu …", "----- DECISIONS": a heading after a line of separators.
# A run is matched from its first character only (the lookbehinds): tried from each of its
# characters, a long run of stars or dashes with no heading after it costs the square of its length.
P_SEPARATOR = re.compile(rf"(?<!\*)(?<!\*\s)(?:\*\s?){{3,}}\s*(?=[{UP}])|(?<![-_=])(?:[-_=]){{4,}}\s*(?=[{UP}])")
# Votes and decisions in the wider wording of minutes: "Vote : 14 pour / 0 contre", "Approuvée à
# l'Unanimité", "UNANIMITE", "adopté", "Avis favorable", "Accord", "Majorité pour".
P_VOTED = re.compile(
    r"\b\d{1,3}\s*(?:votes?\s*|voix\s*)?pour\b|\bpour\s*:\s*\d|unanimit[ée]|\bmajorit[ée]\b"
    r"|\b(?:adopt|approuv|valid|accept|rejet|refus)[ée]e?s?\b|\bavis\s+favorable|\baccord\b|\bprend\s+acte"
    r"|\bd[ée]cide\b|\bvote\s*:|\bpoint\s+report[ée]",
    re.I,
)
# "FINANCES - SOLIDARITÉ - Aide …", "COMPTE RENDU DES DÉCISIONS DU PRÉSIDENT : …": capitals before a dash or a colon.
P_CAPS_RUBRIC = re.compile(
    rf"(?<![{UP}\w'’])(?P<title>[{UP}][{UP}'’]*(?:[\s/&,]+(?:[{UP}\d][{UP}\d'’.]*|D['’][{UP}]+|L['’][{UP}]+))+)(?=\s*[:\-–—]\s)"
)
# "Approbation du procès-verbal …", "soumet à l'approbation du Conseil le procès-verbal …", "adoption du PV …",
# "validation des procès-verbaux …", "adopte le procès-verbal …", "Le PV du dernier Bureau est adopté".
P_PV_MENTION = re.compile(
    r"\b(?:approbation|adoption|validation|adopter|approuver|valider|adopte|approuve|valide)\s+(?:du|le|de|des|les)\s+"
    r"(?:[\w\s]{0,30}?\s)?(?:proc[èe]s[-\s]?verba(?:l|ux)|PV|comptes?[-\s]rendus?)\b"
    r"|\b(?:Le|Les)\s+(?:PV|proc[èe]s[-\s]?verba(?:l|ux))\s+(?:du|de\s+la|des)\s[^.]{0,60}?\b(?:est|sont)\s+"
    r"(?:adopt|approuv|valid)",
    re.I,
)

# The report of the decisions taken by delegation, a standing point often told in prose: "Liste des décisions
# de la Maire par délégation", "Compte rendu des décisions prises par le Maire", "donne connaissance au conseil
# des décisions prises dans le cadre des délégations", "Décisions du Président" opening a line.
P_DECISIONS_REPORT = re.compile(
    r"\b(?:Compte[-\s]rendu|Rendu\s+compte|Liste|Relev[ée])\s+des\s+d[ée]cisions\b"
    r"|(?<=\bdes\s)d[ée]cisions\s+prises\s+(?:par|dans|en)\b"
    r"|(?:^|(?<=\n))[ \t]*D[ée]cisions\s+(?:du|de\s+la)\s+(?:Maire|Pr[ée]sidente?)\b",
    re.I,
)


def _extra_heads(text: str, start: int, end: int) -> list[Heading]:
    heads = [
        Heading(m.start(), m.end(), m["num"], (int(m["num"]), 0), "arabic")
        for m in P_ORDINAL.finditer(text, start, end)
    ]
    heads += [Heading(m.start(), m.end(), "objet", (0, 0), "objet") for m in P_OBJET.finditer(text, start, end)]
    heads += [Heading(m.start(), m.end(), "bullet", (0, 0), "bullet") for m in P_BULLET.finditer(text, start, end)]
    heads += [Heading(m.start(), m.end(), "bullet", (0, 0), "bullet") for m in P_OCR_BULLET.finditer(text, start, end)]
    heads += [
        Heading(m.end(), m.end(), "separator", (0, 0), "separator") for m in P_SEPARATOR.finditer(text, start, end)
    ]
    heads += [
        Heading(m.start(), m.end(), m.group().split()[0].strip("|"), (int(m["num"]), 0), "code")
        for m in P_CODE.finditer(text, start, end)
    ]
    for match in P_CAPS_RUBRIC.finditer(text, start, end):
        title = match["title"]
        if sum(c.isalpha() for c in title) >= 6 and not rules.CAPS_NOT_HEADING.match(title):
            heads.append(Heading(match.start(), match.start(), title, (0, 0), "rubric"))
    heads += [Heading(m.start(), m.start(), "pv", (0, 0), "pv") for m in P_PV_MENTION.finditer(text, start, end)]
    heads += [
        Heading(m.start(), m.start(), "decisions", (0, 0), "decisions")
        for m in P_DECISIONS_REPORT.finditer(text, start, end)
    ]
    return heads


def candidates(text: str, start: int, end: int, found: dict[str, list[Heading]] | None = None) -> list[Start]:
    """Every candidate heading between ``start`` and ``end``, one per offset, in text order."""
    found = rules._candidates(text, start, end) if found is None else found
    heads: list[Heading] = [h for scheme in ("arabic", "roman", "point", "actnum") for h in found[scheme]]
    heads += [Heading(m.start(), m.start(), title, (0, 0), "caps") for m, title in rules.caps_titles(text, start, end)]
    opening = rules._minutes_approved(text, start, end)
    if opening is not None:
        heads.append(opening)
    heads += [h for h in _extra_heads(text, start, end) if h.scheme not in ("arabic", "code")]
    heads += found.get("code", [])
    by_start: dict[int, Start] = {}
    last: Start | None = None
    for head in sorted(heads, key=lambda h: (h.start, PRIORITY[h.scheme])):
        if head.start in by_start:
            by_start[head.start].schemes.add(head.scheme)
            continue
        if head.scheme == "objet" and last is not None and head.start <= last.heading.end + 2:
            last.schemes.add(head.scheme)  # "N° 2023-45 – OBJET : …": one heading, its number then its label
            continue
        by_start[head.start] = last = Start(head, None, {head.scheme})
    starts = [by_start[k] for k in sorted(by_start)]
    offsets = [s.start for s in starts]
    for cand in starts:  # the title stops at the next candidate, as an item would
        after = bisect.bisect_right(offsets, cand.heading.end + 8)
        stop = offsets[after] if after < len(offsets) else end
        cand.title = rules._title(text, cand.heading.end, min(stop, cand.heading.end + rules.TITLE_MAX + 40))[0]
    return starts


def _in_chain(heads: list[Heading]) -> dict[int, int]:
    """Offset → length of the longest chain of consecutive numbers it belongs to."""
    out: dict[int, int] = {}
    for chain in rules._chains(heads):
        for head in chain:
            out[head.start] = max(out.get(head.start, 0), len(chain))
    return out


def _links(found: dict[str, list[Heading]]) -> dict[int, tuple[float, float]]:
    """Offset of a numbered heading → (an earlier heading of its scheme carries the number before
    it, a later one the number after it): a chain read locally, wherever it starts."""
    out: dict[int, tuple[float, float]] = {}
    for scheme in NUMBERED:
        heads = found.get(scheme, [])
        before: list[bool] = []
        seen: set[tuple] = set()
        for head in heads:
            before.append(any(rules._follows(key, head.key) for key in seen))
            seen.add(head.key)
        seen = set()
        for k in range(len(heads) - 1, -1, -1):
            head = heads[k]
            after = any(rules._follows(head.key, key) for key in seen)
            seen.add(head.key)
            out[head.start] = (float(before[k]), float(after))
    return out


def describe(text: str, start: int, end: int) -> list[Start]:
    """The candidates with their features."""
    found = rules._candidates(text, start, end)
    extra = _extra_heads(text, start, end)
    ordinals = [h for h in extra if h.scheme == "arabic"]
    if ordinals:
        found["arabic"] = sorted(found["arabic"] + ordinals, key=lambda h: h.start)
    found["code"] = [h for h in extra if h.scheme == "code"]
    starts = candidates(text, start, end, found)
    links = _links(found)
    chained: dict[int, int] = {}
    for scheme in NUMBERED:
        for offset, size in _in_chain(found[scheme]).items():
            chained[offset] = max(chained.get(offset, 0), size)
    chosen = {h.start for h in rules.find_headings(text, start, end)}
    numbered = {h.start: h for scheme in NUMBERED for h in found[scheme]}
    title_words = [_words(s.title) for s in starts]
    span = max(1, end - start)
    next_same: dict[int, int] = {}
    last_of: dict[str, int] = {}
    for k in range(len(starts) - 1, -1, -1):
        scheme = starts[k].heading.scheme
        if scheme in last_of:
            next_same[k] = last_of[scheme]
        last_of[scheme] = starts[k].start
    voted_next = [
        _voted(text, s.heading.end, starts[k + 1].start if k + 1 < len(starts) else end) for k, s in enumerate(starts)
    ]
    context = _scheme_context(text, starts, end)
    for k, cand in enumerate(starts):
        f = cand.features
        f["bias"] = 1.0
        f.update(context[cand.heading.scheme])
        f["voted_before_next"] = float(voted_next[k])
        f["voted_before"] = float(_voted(text, max(start, cand.start - BEFORE), cand.start))
        for scheme in cand.schemes:
            f[f"scheme:{scheme}"] = 1.0
        f["rule"] = float(cand.start in chosen)
        size = chained.get(cand.start, 0)
        f["chain"] = float(size >= 2)
        f["chain_len"] = math.log1p(size)
        head = numbered.get(cand.start)
        if head is not None:
            f["number_one"] = float(head.key in ((1, 0), (1, 1)))
            f["sub_number"] = float(head.key[1] > 0)
            nxt = next((h for h in found[head.scheme] if h.start > head.start), None)
            f["has_sub_points"] = float(nxt is not None and head.key[1] == 0 and nxt.key == (head.key[0], 1))
            f["follows_previous"], f["followed_by_next"] = links[cand.start]
        stop_same = next_same.get(k) or min(end, cand.start + rules.TAIL)
        stop_any = starts[k + 1].start if k + 1 < len(starts) else end
        f["decided_after"] = float(rules._decided(text, cand.heading.end, stop_same))
        f["decided_before_next"] = float(rules._decided(text, cand.heading.end, stop_any))
        f["decided_before"] = float(rules._decided(text, max(start, cand.start - BEFORE), cand.start))
        gap_prev = cand.start - starts[k - 1].start if k else cand.start - start
        gap_next = stop_any - cand.start
        f["near_prev"] = float(k > 0 and gap_prev < NEAR)
        f["near_next"] = float(gap_next < NEAR)
        f["gap_next_log"] = math.log1p(gap_next) / 8
        f["rapporteur"] = float(
            P_RAPPORTEUR_AFTER.search(text, cand.heading.end, min(end, cand.heading.end + 250)) is not None
        )
        title = cand.title or ""
        letters = [c for c in title if c.isalpha()]
        f["title_caps"] = float(bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters))
        n_words = len(title.split())
        f["title_none"] = float(n_words == 0)
        f["title_short"] = float(0 < n_words <= 2)
        f["title_long"] = float(n_words > 18)
        f["title_deliberation"] = float(bool(P_DELIBERATION_WORD.match(title)))
        f["title_prose"] = float(bool(P_PROSE_START.match(title)))
        f["title_money"] = float(bool(P_MONEY.search(title)))
        f["title_lower"] = float(title[:1].islower())
        f["title_leaders"] = float(bool(P_LEADERS.search(text, cand.heading.end, min(end, cand.heading.end + 300))))
        earlier = any(_overlap(title_words[k], title_words[j]) >= ECHO for j in range(k))
        later = any(_overlap(title_words[k], title_words[j]) >= ECHO for j in range(k + 1, len(starts)))
        f["echo_earlier"] = float(earlier)
        f["echo_later"] = float(later)
        before = text[max(start, cand.start - 3) : cand.start]
        f["after_stop"] = float(not before.strip() or before.strip()[-1:] in ".:!)»|*" or "\n" in before)
        f["line_start"] = float(cand.start == 0 or "\n" in text[max(0, cand.start - 2) : cand.start])
        f["quoted"] = float(is_reference(text, cand.start) or rules._quoted_reference(text, cand.start))
        f["position"] = (cand.start - start) / span
        f["first"] = float(k == 0)
        f["tail_short"] = float(end - cand.start < NEAR)
    return starts


def _voted(text: str, start: int, end: int) -> bool:
    return P_VOTED.search(text, start, end) is not None


def _scheme_context(text: str, starts: list[Start], end: int) -> dict[str, dict[str, float]]:
    """What the file says of each scheme of headings as a whole: how many it has, what share of
    them open a line, and what share are followed by a vote before the next heading of the
    scheme; and whether it is the scheme with the most voted headings. The scheme the minutes
    number their points with stands out this way whatever its marks."""
    by_scheme: dict[str, list[Start]] = {}
    for cand in starts:
        by_scheme.setdefault(cand.heading.scheme, []).append(cand)
    voted: dict[str, int] = {}
    out: dict[str, dict[str, float]] = {}
    for scheme, heads in by_scheme.items():
        stops = [h.start for h in heads[1:]] + [min(end, heads[-1].start + rules.TAIL)]
        voted[scheme] = sum(_voted(text, h.heading.end, stop) for h, stop in zip(heads, stops, strict=True))
        lines = sum(h.start == 0 or "\n" in text[max(0, h.start - 2) : h.start] for h in heads)
        out[scheme] = {
            "scheme_size_log": math.log1p(len(heads)) / 3,
            "scheme_voted_share": voted[scheme] / len(heads),
            "scheme_line_share": lines / len(heads),
        }
    most = max(voted.values(), default=0)
    for scheme, values in out.items():
        values["scheme_most_voted"] = float(most > 0 and voted[scheme] == most)
    return out


def pick(starts: list[Start], probabilities: list[float], threshold: float) -> list[Start]:
    """The candidates at or over ``threshold`` whose title an item may have (``_unfit_title``), one
    per item: a candidate closer than ``MIN_ITEM_CHARS`` to a better one is the same heading, and
    the previous minutes' heading and the sentence approving them are one point (``_one_approval``)."""
    kept: list[tuple[float, Start]] = []
    for prob, cand in sorted(zip(probabilities, starts, strict=True), key=lambda pair: -pair[0]):
        if prob < threshold:
            break
        if _unfit_title(cand.title):
            continue
        if any(abs(cand.start - other.start) < rules.MIN_ITEM_CHARS for _, other in kept):
            continue
        kept.append((prob, cand))
    return _one_approval(
        _complete_chains(
            [cand for _, cand in sorted(kept, key=lambda pair: pair[1].start)], starts, probabilities, threshold
        )
    )


P_MINUTES_WORD = re.compile(r"proc[èe]s[-\s]?verba|\bPV\b|comptes?[-\s]rendus?\s+(?:de\s+la|du|des)\s", re.I)
P_APPROVAL_WORD = re.compile(r"approb|approuv|adopt|valid", re.I)
P_APPROVAL_HEADING = re.compile(r"(?:Approbation|Adoption|Validation|Lecture|Vote)\b", re.I)
# what makes a procès-verbal the minutes of a meeting, not one of a transfer of assets
P_MEETING = re.compile(r"s[ée]ance|r[ée]union|conseil|comit[ée]|bureau|assembl[ée]e|pr[ée]c[ée]dent|derni[eè]r", re.I)
P_DAY_MONTH = re.compile(rf"(?<!\d)([0-3]?\d)\s?(?:er)?\s+({RE_MONTH})(?![^\W\d_])", re.I)


def _approves_minutes(cand: Start) -> bool:
    title = cand.title or ""
    return bool(P_MINUTES_WORD.search(title) and P_APPROVAL_WORD.search(title))


def _one_approval(kept: list[Start]) -> list[Start]:
    """The previous minutes are approved once: a start approving the minutes of a meeting right
    after a kept start that does ("Approbation du procès-verbal de la séance …" then "ADOPTE le
    procès-verbal de la séance …") is the same point when both print the same date (day, month,
    year), or when one prints none and the later is a sentence, not an "Approbation …" heading.
    Minutes of two dates, or a procès-verbal naming no meeting (a transfer of assets), are two."""
    out: list[Start] = []
    for cand in kept:
        if out and _same_approval(out[-1], cand):
            continue
        out.append(cand)
    return out


def _same_approval(before: Start, later: Start) -> bool:
    titles = (before.title or "", later.title or "")
    if not all(_approves_minutes(c) and P_MEETING.search(t) for c, t in zip((before, later), titles, strict=True)):
        return False
    first, second = _dates(titles[0]), _dates(titles[1])
    if first and second:
        return _agree(first, second)
    return not P_APPROVAL_HEADING.match(titles[1])


def _dates(title: str) -> set[tuple[int, int, int | None]]:
    """(day, month, year) of each date in ``title``: full dates in any writing, else a day and a
    month name with no year ("du 3 mars")."""
    full = {(d.day, d.month, d.year) for d, _ in find_dates(title)}
    if full:
        return full
    return {(int(m[1]), _month(m[2]), None) for m in P_DAY_MONTH.finditer(title) if _month(m[2])}


def _agree(first: set[tuple[int, int, int | None]], second: set[tuple[int, int, int | None]]) -> bool:
    if any(y is None for *_, y in first | second):  # a date without its year: day and month alone
        return {d[:2] for d in first} == {d[:2] for d in second}
    return first == second


def _complete_chains(
    kept: list[Start], starts: list[Start], probabilities: list[float], threshold: float
) -> list[Start]:
    """A numbered heading scored under the threshold but over half of it, whose number continues a
    kept heading of its scheme (the one before it in the text carries the number before, or the
    one after it the number after), is kept too: one point of a chain the model half-believes."""
    kept_at = {c.start for c in kept}
    unfit = {c.start for c in starts if _unfit_title(c.title)}  # a title does not change between rounds
    changed = True
    while changed:
        changed = False
        chosen = sorted((c for c in starts if c.start in kept_at), key=lambda c: c.start)
        for cand, prob in zip(starts, probabilities, strict=True):
            head = cand.heading
            if cand.start in kept_at or prob < threshold / 2 or head.scheme not in NUMBERED or cand.start in unfit:
                continue
            same = [c.heading for c in chosen if c.heading.scheme == head.scheme]
            before = [h for h in same if h.start < head.start]
            after = [h for h in same if h.start > head.start]
            if (before and rules._follows(before[-1].key, head.key)) or (
                after and rules._follows(head.key, after[0].key)
            ):
                # against every kept start, those kept earlier in this pass included
                if all(abs(cand.start - at) >= rules.MIN_ITEM_CHARS for at in kept_at):
                    kept_at.add(cand.start)
                    changed = True
    return [c for c in starts if c.start in kept_at]


def _unfit_title(title: str | None) -> bool:
    """A title no item has: fewer than three letters ("I. 1", a page number), the tail of a sentence
    ("). Le quorum étant atteint") or ``P_NOT_A_TITLE``. Such a candidate is never picked (nor
    counted when the threshold is chosen), but stays a candidate: the features of its neighbours
    (the next heading, the gap to it) do not move."""
    if sum(c.isalpha() for c in title or "") < 3 or P_NOT_A_TITLE.match(title):
        return True
    return not (title[0].isalnum() or title[0] in "«\"“'‘")
