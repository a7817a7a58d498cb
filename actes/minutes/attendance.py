"""The attendance block of minutes or a délibération → one ``Presence`` per councillor.

The block is the first run of labelled sections ("Présents", "Absents excusés", "Pouvoirs",
"Représentés", "Absents") whose present section names at least two people; sections next to
it (closer than ``GAP`` characters) belong to it, in either order. The same person named in
two sections is merged: an excused member who appears among the proxies is represented; a
present member listed as absent for some items keeps the note. Proxy holders are resolved
against the members present ("pouvoir à Nelly" → "Nelly WIDMER"). The president of the
session is present even when the list leaves them out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from actes.extractors.patterns.names_fr import P_PERSON_AFTER_LABEL
from actes.extractors.roles import P_PRESIDENT
from actes.minutes import names
from actes.minutes.entries import Entry, parse_section
from actes.minutes.vocabulary import P_COUNT_BEFORE, P_LABEL

GAP = 220  # characters between two sections of one block (a secretary's name, a count)
MIN_PRESENT = 2
HEAD_BEFORE = 900  # where "sous la présidence de …" is looked for, before the block
# "adopté à l'unanimité des présents et représentés": a vote's wording, not a section label.
P_VOTE_BEFORE = re.compile(r"(?:unanimit[ée]|majorit[ée]|voix|suffrages)\s+des\s+(?:membres\s+)?(?:pr[ée]sents\s+(?:et|ou)\s+)?$", re.I)
P_COMMUNE_GROUP = re.compile(r"(?<![\w'’])[A-ZÀ-Ý][A-ZÀ-Ý'’ -]{2,40}\s:\s+(?=[A-ZÀ-Ý])")


@dataclass
class Section:
    status: str
    label_start: int
    start: int
    end: int
    entries: list[Entry] = field(default_factory=list)


@dataclass
class Attendance:
    """What the block says: entries merged per person, and where the block lies."""

    entries: list[Entry]
    start: int
    end: int
    president: str | None = None

    def __bool__(self) -> bool:
        return bool(self.entries)


def _sections(text: str, start: int = 0, end: int | None = None) -> list[Section]:
    end = len(text) if end is None else end
    labels = []
    for match in P_LABEL.finditer(text, start, end):
        status = next(s for s in ("represented", "excused", "absent", "present") if match[s])
        if status == "present" and not match.group()[:1].isdigit() and P_COUNT_BEFORE.search(text, max(0, match.start() - 60), match.start()):
            continue
        if P_VOTE_BEFORE.search(text, max(0, match.start() - 60), match.start()):
            continue
        labels.append((status, match))
    sections = []
    for k, (status, match) in enumerate(labels):
        stop = labels[k + 1][1].start() if k + 1 < len(labels) else min(end, match.end() + 4000)
        entries, stopped = parse_section(text, match.end(), stop, status)
        sections.append(Section(status, match.start(), match.end(), stopped, entries))
    return sections


def _block(sections: list[Section]) -> list[Section]:
    for k, section in enumerate(sections):
        if section.status != "present" or len(section.entries) < MIN_PRESENT:
            continue
        block = [section]
        for after in sections[k + 1 :]:
            if after.label_start - block[-1].end > GAP or after.status == "present" and after.entries:
                break
            block.append(after)
        for before in reversed(sections[:k]):
            if block[0].label_start - before.end > GAP or before.status == "present":
                break
            block.insert(0, before)
        return block
    return []


def _commune_groups(text: str, sections: list[Section]) -> list[Section]:
    """No labelled present list: members grouped under their commune ("<COMMUNE> : A – B")
    just before the first proxies or absences section."""
    others = [s for s in sections if s.status != "present" and s.entries]
    if not others:
        return []
    first = others[0]
    head = max(0, first.label_start - 4000)  # may reach before the act's own text: harmless, a group names members
    groups = list(P_COMMUNE_GROUP.finditer(text, head, first.label_start))
    if len(groups) < 2:
        return []
    start = groups[0].start()
    entries, stopped = parse_section(text, start, first.label_start, "present")
    if len(entries) < MIN_PRESENT or first.label_start - stopped > GAP:
        return []
    present = Section("present", start, start, stopped, entries)
    block = [present]
    for after in sections[sections.index(first) :]:
        if after.label_start - block[-1].end > GAP:
            break
        block.append(after)
    return block


def _merge(entries: list[Entry]) -> list[Entry]:
    merged: list[Entry] = []
    for entry in entries:
        same = next((m for m in merged if names.same_person(m.nom, entry.nom)), None)
        if same is None:
            merged.append(entry)
            continue
        if same.status == "present" and entry.status != "present":
            if not entry.notes and not same.notes:
                same.notes.append(f"also listed as {entry.status}")
            same.notes.extend(n for n in entry.notes if n not in same.notes)
            if entry.holder and not same.holder:
                same.holder = entry.holder  # gave a proxy for the items they missed
        elif entry.status == "represented" or same.status != "present" and entry.status == "present":
            holder = entry.holder or same.holder
            notes = same.notes + [n for n in entry.notes if n not in same.notes]
            same.status, same.holder, same.notes = entry.status, holder, notes
            same.substitute = same.substitute or entry.substitute
        same.civilite = same.civilite or entry.civilite
        same.qualite = same.qualite or entry.qualite
        same.commune = same.commune or entry.commune
        same.holds.extend(entry.holds)
    return merged


def _proxies_held(merged: list[Entry]) -> list[Entry]:
    """"M. GOUTY Michel (Procuration de M. COSQUER Cyril)": COSQUER is represented by GOUTY."""
    for holder in list(merged):
        for giver, substitute in holder.holds:
            found = next((m for m in merged if names.same_person(m.nom, giver)), None)
            if found is None:
                found = Entry(nom=giver, status="represented", start=holder.start, end=holder.end)
                merged.append(found)
            if found.status != "present":
                found.status = "represented"
                found.holder = found.holder or holder.nom
                found.substitute = found.substitute or substitute
    return merged


def resolve(name: str, members: list[Entry]) -> str:
    """The member a partial name points at ("Nelly" → "Nelly WIDMER"), when exactly one."""
    exact = [m for m in members if names.same_person(m.nom, name)]
    if exact:
        return exact[0].nom
    partial = [m for m in members if names.covers(name, m.nom)]
    return partial[0].nom if len(partial) == 1 else name


def _keep(entries: list[Entry]) -> list[Entry]:
    """A lone first name is a name only in lists of first names, or after a civility; where most
    names carry a civility, a run of capitals without one is a heading (a commune, a column's
    title), not a person."""
    if not entries:
        return entries
    if sum(1 for e in entries if e.civilite) * 10 >= len(entries) * 6:
        entries = [e for e in entries if e.civilite or not all(names.word_kind(w) == "U" for w in e.nom.split())]
    alone = [e for e in entries if len(e.nom.split()) == 1 and names.word_kind(e.nom) == "C"]
    if len(alone) * 2 > len(entries):
        return entries
    return [e for e in entries if e not in alone or e.civilite]


def _president(text: str, start: int) -> str | None:
    for label in P_PRESIDENT.finditer(text, max(0, start - HEAD_BEFORE), start):
        person = P_PERSON_AFTER_LABEL.match(text, label.end())
        if person:
            words = [w for w in person["person"].split() if not names.is_civility(w)]
            return " ".join(words) or None
    return None


def read_attendance(text: str, start: int = 0, end: int | None = None) -> Attendance:
    """The attendance block of ``text[start:end]`` (offsets stay those of ``text``)."""
    end = len(text) if end is None else end
    view = text[:end]
    sections = _sections(view, start, end)
    block = _block(sections) or _commune_groups(view, sections)
    if not block:
        return Attendance([], start, start)
    entries = _keep([e for section in block for e in section.entries])
    merged = _proxies_held(_merge(entries))
    present = [m for m in merged if m.status == "present"]
    president = _president(view, block[0].label_start)
    if president and not any(names.same_person(president, m.nom) or names.covers(president, m.nom) for m in merged):
        merged.insert(0, Entry(nom=president, status="present", start=block[0].label_start, end=block[0].label_start,
                               qualite="président de séance"))
        present = [m for m in merged if m.status == "present"]
    for entry in merged:
        if entry.holder:
            entry.holder = resolve(entry.holder, present)
    return Attendance(merged, block[0].label_start, max(s.end for s in block), president)
