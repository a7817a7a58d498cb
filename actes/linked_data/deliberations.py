"""The délibérations of the same authority an act cites, found in the catalog: ``eli:cites`` to
their URI.

A délibération cites earlier ones ("Vu la délibération n° 2021-45 du 10 juin 2021", "par
délibération en date du 3 mars 2020", "sa délibération n°12/2019"). ``find_cited`` reads the
number and the date of each such mention in the (published) text; ``Index`` knows the
délibérations of the catalog (and of the package) by authority, number and date, and
``Index.resolve`` gives the URIs of those an act cites:

- number printed: the authority's délibération with that number (compared on its letters and
  digits: ``2021-45`` = ``2021_45``), and the same date when one is printed too;
- date alone: the authority's one délibération of that day, when there is exactly one, and only
  if the mention names no other kind of body ("du conseil communautaire" in a commune's act);
- never the act itself, never a later délibération; anything ambiguous is left out (abstain).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from actes.linked_data import uris
from actes.linked_data.citations import MONTHS, fold

# "la/sa/cette/une/les/ses délibération(s)", "par délibération": not the act's own heading
# ("DÉLIBÉRATION N° 2023-12"), which has no determiner before it.
_MENTION = re.compile(
    r"\b(?:la|sa|cette|une|les|ses|leur|notre|par)\s+(?:precedente\s+|derniere\s+)?deliberations?\b"
    r"(?P<tail>[^;\n]{0,160})"
)
_NUMBER = re.compile(r"\bn\s*[°o]\s*\.?\s*(?P<n>[a-z0-9][a-z0-9_./-]*[a-z0-9]|[0-9])", re.I)
_DATE = re.compile(r"\b(?P<day>1er|\d{1,2})\s+(?P<month>" + "|".join(MONTHS) + r")\s+(?P<year>\d{4})\b")
_NUMERIC_DATE = re.compile(r"\b(?P<day>\d{1,2})[/.](?P<month>\d{1,2})[/.](?P<year>\d{4})\b")
# Another body than the act's own: a commune citing its EPCI's délibération, and so on.
_BODIES = {
    "communaut": ("communaut", "metropol", "epci", "agglomeration"),
    "syndic": ("syndic",),
    "departement": ("departement",),
    "region": ("region",),
    "metropol": ("metropol",),
    "commune": ("commune", "municipal", "mairie", "ville"),
}


@dataclass(frozen=True)
class Cited:
    """One mention of a délibération: its number and date as printed (either may be missing)."""

    numero: str | None
    date: dt.date | None
    body: str | None  # the kind of body the mention names, when it names one ("communaut", "syndic"…)


def key(numero: str | None) -> str:
    """The number compared on its letters and digits: ``2021-45``, ``2021_45`` and ``2021/45`` are one."""
    return re.sub(r"[^0-9a-z]", "", fold(numero or ""))


def _date(match: re.Match) -> dt.date | None:
    day, month = match.group("day"), match.group("month")
    try:
        return dt.date(int(match.group("year")), MONTHS.get(month) or int(month), 1 if day == "1er" else int(day))
    except ValueError:
        return None


def _body(tail: str) -> str | None:
    for kind, stems in _BODIES.items():
        if re.search(
            r"\b(?:du|de la|de l'|des)\s+(?:conseil\s+|comite\s+|bureau\s+)?(?:\w+\s+){0,2}?(?:"
            + "|".join(stems)
            + ")",
            tail,
        ):
            return kind
    return None


def find_cited(text: str | None) -> list[Cited]:
    """The délibérations ``text`` cites, with the number and date each mention prints."""
    if not text:
        return []
    folded = fold(text)
    out: list[Cited] = []
    for mention in _MENTION.finditer(folded):
        tail = mention.group("tail")
        cut = re.search(r"\b(?:vu|considerant|decide|article)\b", tail)  # the next clause is not this mention's
        tail = tail[: cut.start()] if cut else tail
        number = _NUMBER.search(tail[:60])
        date_match = _DATE.search(tail) or _NUMERIC_DATE.search(tail)
        numero = number.group("n") if number else None
        if numero is not None and (not re.search(r"\d", numero) or _DATE.match(tail, number.start("n"))):
            numero, number = None, None  # "nouvelle", "n° 12 mars …": not a number
        date = _date(date_match) if date_match else None
        if numero is None and date is None:
            continue
        head = tail[: min(m.start() for m in (number, date_match) if m)] if (number or date_match) else tail
        out.append(Cited(numero, date, _body(head)))
    return list(dict.fromkeys(out))


def _kind(name: str | None) -> str | None:
    """The kind of body of an authority, from its name (as the mention would name it)."""
    folded = fold(name or "")
    for kind, stems in _BODIES.items():
        if any(stem in folded for stem in stems):
            return kind
    return None


@dataclass(frozen=True)
class Entry:
    act_id: str
    uri: str
    date: dt.date | None


class Index:
    """The délibérations that can be cited, by authority (SIREN): by number key, and by date.

    ``add`` only queues what it is given; the queue is read into the two tables, in order, when an
    act first asks (``resolve`` with mentions to look up): a package whose acts have no text
    never builds them."""

    def __init__(self) -> None:
        self._by_number: dict[tuple[str, str], list[Entry]] = {}
        self._by_date: dict[tuple[str, dt.date], list[Entry]] = {}
        self._seen: set[str] = set()
        self._queue: list[tuple] = []

    def add(
        self, act_id: str, siren: str | None, nature: str | None, date: dt.date | None, numero: str | None, uri: str
    ) -> None:
        if nature == "deliberation" and siren:  # only what can be cited waits in the queue
            self._queue.append((act_id, siren, nature, date, numero, uri))

    def _read(self) -> None:
        for act_id, siren, nature, date, numero, uri in self._queue:
            if act_id in self._seen or nature != "deliberation" or not uris.is_siren(siren):
                continue
            self._seen.add(act_id)
            entry = Entry(act_id, uri, date)
            if number := key(numero):
                self._by_number.setdefault((siren, number), []).append(entry)
            if date is not None:
                self._by_date.setdefault((siren, date), []).append(entry)
        self._queue = []

    def __len__(self) -> int:
        self._read()
        return len(self._seen)

    def resolve(self, act, cited: list[Cited]) -> list[str]:
        """The URIs of the délibérations of ``act``'s authority it cites (each once, in order)."""
        siren = act.collectivite.siren
        if not cited or not uris.is_siren(siren):
            return []
        self._read()
        own = _kind(act.collectivite.nom_officiel or act.collectivite.nom)
        out: list[str] = []
        for mention in cited:
            if mention.body is not None and mention.body != own:
                continue  # another body's délibération ("du conseil communautaire" in a commune's act)
            if mention.numero is not None:
                found = self._by_number.get((siren, key(mention.numero)), [])
                if mention.date is not None:
                    found = [e for e in found if e.date is None or e.date == mention.date]
            elif mention.date is not None:
                found = self._by_date.get((siren, mention.date), [])
            else:
                continue
            found = [e for e in found if e.act_id != act.id]
            if len(found) != 1:
                continue  # none, or ambiguous: abstain
            entry = found[0]
            if entry.date is not None and act.date_decision is not None and entry.date > act.date_decision:
                continue  # an act cites no later délibération
            if entry.uri not in out:
                out.append(entry.uri)
        return out


def catalog_index(catalog, base: str, siren: str | None = None) -> Index:
    """Every délibération of the catalog (or of authority ``siren``: a partition of the package
    cites its own authority's only), read from its columns and the number in its data (one query)."""
    from sqlalchemy import select

    from actes.store import tables as t

    index = Index()
    numero = t.acts.c.data["numero"].as_string()
    query = select(t.acts.c.id, t.acts.c.collectivite_siren, t.acts.c.nature, t.acts.c.date_decision, numero)
    query = query.where(t.acts.c.nature == "deliberation")
    if siren is not None:
        query = query.where(t.acts.c.collectivite_siren == siren)
    with catalog.engine.connect() as conn:
        for act_id, siren, nature, date, number in conn.execute(query):
            day = dt.date.fromisoformat(date) if date else None
            index.add(act_id, siren, nature, day, number, _uri(act_id, siren, day, number, base))
    return index


def _uri(act_id: str, siren: str | None, date: dt.date | None, numero: str | None, base: str) -> str:
    """The URI ``uris.act_uri`` gives the délibération (same template, same fallback)."""
    numero = (numero or "").strip()
    if uris.is_siren(siren) and date is not None and numero:
        return f"{base}/eli/{siren}/deliberation/{date.isoformat()}/{uris.segment(numero)}"
    return f"{base}/acte/{uris.segment(act_id)}"
