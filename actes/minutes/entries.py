"""One section of an attendance block ("Présents : …") → its entries, one per person named.

The section's text is cut into tokens (words, separators, civilities, parentheses, colons) and
read left to right: name words make a person (``names.split_run`` cuts runs holding several),
a connector ("donne pouvoir à", "représenté par", a bare "à" among proxies) reads the holder,
a parenthesis is a proxy, a note or a commune, a title is the person's qualité, an upper-case
run before a colon heads a commune group. Prose ends the section: ``parse_section`` says where.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from actes.minutes import names
from actes.minutes.vocabulary import (
    P_BARE_CONNECTOR,
    P_CONNECTOR,
    P_HOLDS,
    P_NO_PROXY,
    P_NOTE_PAREN,
    P_NOTE_START,
    P_ROLE,
    P_STOP,
)

P_TOKEN = re.compile(
    r"(?P<paren>\([^()]{0,250}(?:[)}\]]|$))"
    r"|(?P<dots>\.{3,}|…+|_{3,})"
    r"|(?P<sep>[,;/&]|(?<=\s)[-–—]+(?=\s)|^[-–—]+|\n+|\bet\b)"
    r"|(?P<colon>:)"
    r"|(?P<word>[^\s,;()/&:…]+)"
)


@dataclass
class Entry:
    """A person as one section names them."""

    nom: str
    status: str
    start: int
    end: int
    civilite: str | None = None
    qualite: str | None = None
    commune: str | None = None
    holder: str | None = None  # who holds this member's proxy
    substitute: bool = False  # the holder is a suppléant
    no_proxy: bool = False  # "(pas de pouvoir donné)"
    holds: list[tuple[str, bool]] = field(default_factory=list)  # (giver, by substitution) this member represents
    notes: list[str] = field(default_factory=list)


@dataclass
class _Token:
    kind: str
    text: str
    start: int
    end: int


def tokenize(text: str, offset: int = 0) -> list[_Token]:
    out: list[_Token] = []
    for match in P_TOKEN.finditer(text):
        kind = match.lastgroup or "word"
        value = match.group()
        start, end = offset + match.start(), offset + match.end()
        if kind != "word":
            out.append(_Token(kind, value, start, end))
            continue
        if not any(c.isalnum() for c in value):  # "E. -. – M. LOPEZ": stray punctuation between two names
            out.append(_Token("sep", value, start, end))
            continue
        glued = re.match(r"(M|MM|Mme|MME)\.(?=[A-ZÀ-Ý])", value)
        if glued:  # "M.FARAMA"
            out.append(_Token("word", glued.group(), start, start + glued.end()))
            value, start = value[glued.end() :], start + glued.end()
        if value.endswith(".") and not names.is_civility(value) and names.word_kind(value) != "I" and not value.endswith(".."):
            out.append(_Token("word", value[:-1], start, end - 1))
            out.append(_Token("sep", ".", end - 1, end))  # a sentence ends
            continue
        out.append(_Token("word", value, start, end))
    return _join_cut_words([t for k, t in enumerate(out) if not _wrapped_name(out, k)])


def _join_cut_words(tokens: list[_Token]) -> list[_Token]:
    """ "BESSE- MOULIN": a name hyphenated at a line end is one word."""
    out: list[_Token] = []
    for token in tokens:
        previous = out[-1] if out else None
        if (
            previous is not None
            and token.kind == previous.kind == "word"
            and len(previous.text) > 2
            and previous.text.endswith("-")
            and previous.text[-2].isalpha()
        ):
            out[-1] = _Token("word", previous.text + token.text, previous.start, token.end)
            continue
        out.append(token)
    return out


def _wrapped_name(tokens: list[_Token], k: int) -> bool:
    """A line break inside a name ("Agnès\nMICHELOT" in a laid-out PDF) is no separator."""
    token = tokens[k]
    if token.kind != "sep" or not token.text.startswith("\n") or k == 0 or k + 1 >= len(tokens):
        return False
    before, after = tokens[k - 1], tokens[k + 1]
    return (before.kind == after.kind == "word" and names.word_kind(before.text) == "C"
            and names.word_kind(after.text) == "U")


class SectionParser:
    """Reads one section's text (``text[start:end]``) with a default ``status``."""

    def __init__(self, text: str, start: int, end: int, status: str, bare_connector: bool = False) -> None:
        self.text, self.start, self.end = text, start, end
        self.status = status
        self.bare_connector = bare_connector
        self.tokens = tokenize(text[start:end], start)
        self.entries: list[Entry] = []
        self.stopped_at = end
        self.commune: str | None = None
        self.commune_next: str | None = None
        self.sentence_start = 0
        self.column: list[Entry] = []  # givers waiting for their holder, in a two-column layout

    def parse(self) -> list[Entry]:
        i, civility, last_sep = 0, None, True
        while i < len(self.tokens):
            token = self.tokens[i]
            if token.kind in ("sep", "dots"):
                if token.kind == "sep":
                    civility, last_sep = None, True
                    if token.text == ".":
                        self.sentence_start = len(self.entries)
                i += 1
                continue
            if token.kind == "paren":
                self._paren(token)
                i += 1
                continue
            if token.kind == "colon":
                i += 1
                continue
            if names.is_civility(token.text):
                civility = names.short_civility(token.text) or civility
                i += 1
                continue
            if P_STOP.match(self.text, token.start) and not self._name_at(i):
                self.stopped_at = token.start
                break
            connector = self._connector(token.start)
            if connector is not None and self.entries:
                i = self._holder(i, connector)
                continue
            note = P_NOTE_START.match(self.text, token.start)
            if note and self.entries:
                i = self._note(i)
                continue
            role = P_ROLE.match(self.text, token.start)
            if role and not token.text.isupper() and self._role_ok(role):
                self._role(role, last_sep)
                i = self._skip_to(role.end(), i)
                continue
            head = P_COMMUNE_HEAD.match(self.text, token.start)
            if head:
                self.commune = " ".join(head["commune"].split())
                i = self._skip_to(head.end(), i)
                continue
            person = self._person(i)
            if person is None:
                self.stopped_at = token.start  # prose: the section is over
                previous = self.tokens[i - 1] if i else None
                if token.text[:1].islower() and previous is not None and previous.kind == "word":
                    del self.entries[self.sentence_start :]  # the names were a sentence's subject
                break
            i, persons = person
            for words_tokens in persons:
                self._add(words_tokens, civility)
            self._after_person()
            civility, last_sep = None, False
        return self.entries

    # -- pieces ------------------------------------------------------------------------------

    def _name_at(self, i: int) -> bool:
        """A stop word that is really a name word in capitals (e.g. a surname that is also a noun)."""
        token = self.tokens[i]
        return token.text.isupper() and len(token.text) > 2 and names.word_kind(token.text) == "U" and not P_STOP.match(token.text)

    def _connector(self, offset: int) -> re.Match | None:
        match = P_CONNECTOR.match(self.text, offset)
        if match:
            return match
        if self.bare_connector:
            bare = P_BARE_CONNECTOR.match(self.text, offset)
            if bare and re.match(r"\s*(?:\.{2,}\s*)?(?:M\.?|Mme|MME|Monsieur|Madame|[A-ZÀ-Ý])", self.text[bare.end() : bare.end() + 12]):
                return bare
        return None

    def _skip_to(self, offset: int, i: int) -> int:
        while i < len(self.tokens) and self.tokens[i].start < offset:
            i += 1
        return i

    def _person(self, i: int) -> tuple[int, list[list[_Token]]] | None:
        """The name words from token ``i`` on: (next index, persons as token lists), or None."""
        words: list[_Token] = []
        kinds: list[str] = []
        j = i
        while j < len(self.tokens) and self.tokens[j].kind == "word":
            token = self.tokens[j]
            if words and (P_CONNECTOR.match(self.text, token.start) or P_NOTE_START.match(self.text, token.start)):
                break
            if words and self.bare_connector and self._connector(token.start):
                break
            pieces = names.split_glued(names.clean_word(token.text))
            piece_kinds = [names.word_kind(p) for p in pieces]
            if "" in piece_kinds or names.is_civility(token.text):
                break
            if piece_kinds == ["p"] and not (j + 1 < len(self.tokens) and self.tokens[j + 1].kind == "word"
                                             and names.word_kind(self.tokens[j + 1].text) in ("U", "C")):
                break
            for piece, kind in zip(pieces, piece_kinds, strict=True):
                words.append(_Token("word", piece, token.start, token.end))
                kinds.append(kind)
            j += 1
        if not words or all(k == "p" for k in kinds):
            return None
        kept, kept_kinds, _ = _commune_tail(words, kinds)
        if 0 < len(kept) < len(words):  # "Serge FICHET SAINT PAUL EN PAREDS : …"
            head = P_COMMUNE_HEAD.match(self.text, words[len(kept)].start)
            if head and head["commune"].isupper():
                self.commune_next = " ".join(head["commune"].split())
                words, kinds = kept, kept_kinds
                j = self._skip_to(head.end(), j)
        if j < len(self.tokens) and self.tokens[j].kind == "colon":  # "… Thierry COUSSEAU MOUCHAMPS : Hervé …"
            words, kinds, commune = _commune_tail(words, kinds)
            if commune:
                self.commune_next = commune
            if not words:
                self.commune = commune
                return j + 1, []
        persons = names.split_run([w.text for w in words], kinds)
        out, k = [], 0
        for person in persons:
            out.append(words[k : k + len(person)])
            k += len(person)
        return j, out

    def _after_person(self) -> None:
        if self.commune_next:
            self.commune, self.commune_next = self.commune_next, None

    def _add(self, words: list[_Token], civility: str | None) -> None:
        nom = " ".join(w.text for w in words)
        self.entries.append(Entry(nom=nom, status=self.status, start=words[0].start, end=words[-1].end,
                                  civilite=civility, commune=self.commune))

    def _giver(self, i: int) -> Entry:
        """Who gives the proxy read at token ``i``: the last person named, unless the section is
        laid out in two columns ("A B C Pouvoir à X Pouvoir à Y Pouvoir à Z": as many holders in a
        row as givers without one before them), then each giver in turn."""
        if not self.column:
            run: list[Entry] = []
            for entry in reversed(self.entries):
                if entry.holder is not None or entry.status != self.status:
                    break
                run.insert(0, entry)
            if len(run) >= 2 and self._holders_ahead(i) == len(run):
                self.column = run
        return self.column.pop(0) if self.column else self.entries[-1]

    def _holders_ahead(self, i: int) -> int:
        """How many "connector + person" follow one another from token ``i``."""
        saved = (self.commune, self.commune_next)
        count, k = 0, i
        while k < len(self.tokens):
            token = self.tokens[k]
            if token.kind in ("sep", "dots"):
                k += 1
                continue
            connector = self._connector(token.start)
            if connector is None:
                break
            k = self._skip_to(connector.end(), k)
            while k < len(self.tokens) and (self.tokens[k].kind == "dots" or names.is_civility(self.tokens[k].text)):
                k += 1
            person = self._person(k) if k < len(self.tokens) else None
            if person is None or not person[1]:
                break
            count, k = count + 1, person[0]
        self.commune, self.commune_next = saved
        return count

    def _holder(self, i: int, connector: re.Match) -> int:
        j = self._skip_to(connector.end(), i)
        while j < len(self.tokens) and (self.tokens[j].kind == "dots" or names.is_civility(self.tokens[j].text)):
            j += 1
        person = self._person(j) if j < len(self.tokens) else None
        entry = self._giver(i)
        entry.status = "represented"
        entry.substitute = entry.substitute or bool(connector.groupdict().get("substitute"))
        if person is None or not person[1]:
            return j
        j, persons = person
        entry.holder = " ".join(w.text for w in persons[0])
        for extra in persons[1:]:  # "… à Jean DUPONT Marie DURAND a donné pouvoir à …": the next giver
            self._add(extra, None)
        return j

    def _note(self, i: int) -> int:
        j, words = i, []
        while j < len(self.tokens) and self.tokens[j].kind == "word":
            word = self.tokens[j].text
            if words and not (word[:1].islower() or re.search(r"\d", word) or word.lower() in ("n°", "à")
                              or P_NOTE_START.match(word)):
                break
            words.append(word)
            j += 1
        self.entries[-1].notes.append(" ".join(words))
        return max(j, i + 1)

    @staticmethod
    def _role_ok(role: re.Match) -> bool:
        return len(role.group().split()) <= 8

    def _role(self, role: re.Match, after_separator: bool) -> None:
        """A title: the person's qualité, unless it is a plural title closing a group."""
        value = " ".join(role.group().split())
        plural = re.search(r"s\b", value.split()[0]) and not value.lower().startswith(("maires ", "vice"))
        if not self.entries or plural or self.entries[-1].qualite:
            return
        self.entries[-1].qualite = value

    def _paren(self, token: _Token) -> None:
        inner = token.text.strip("(){}[] \n")
        if not self.entries or not inner:
            return
        entry = self.entries[-1]
        connector = P_CONNECTOR.search(inner)
        holds = P_HOLDS.match(inner)
        if P_NO_PROXY.search(inner):
            entry.no_proxy = True
        elif holds:
            giver = _name_in(inner[holds.end() :])
            if giver:
                entry.holds.append((giver, bool(holds["substitute"])))
        elif connector:
            entry.status = "represented"
            entry.substitute = entry.substitute or bool(connector.groupdict().get("substitute"))
            entry.holder = _name_in(inner[connector.end() :]) or entry.holder
            before = inner[: connector.start()]
            if P_NOTE_PAREN.search(before):  # "arrivé à 17h55 ; en son absence, avait donné pouvoir à …"
                entry.notes.append(" ".join(before.split()).strip(" ;,"))
        elif P_NOTE_PAREN.search(inner):
            entry.notes.append(" ".join(inner.split()))
        elif len(inner.split()) <= 6 and inner[:1].isupper():
            entry.commune = " ".join(inner.split())  # "M. NOM Prénom (Commune)"


P_COMMUNE_HEAD = re.compile(r"(?P<commune>[A-ZÀ-Ý][A-ZÀ-Ý'’ -]{1,40}?)\s*:(?!\S)")


def _commune_tail(words: list[_Token], kinds: list[str]) -> tuple[list[_Token], list[str], str | None]:
    """Split "Thierry COUSSEAU MOUCHAMPS" before a colon into the person and the next commune:
    the upper-case words after the surname that follows the last first name."""
    capitalised = [k for k, kind in enumerate(kinds) if kind in ("C", "I")]
    if not capitalised:
        return [], [], " ".join(w.text for w in words)
    cut = capitalised[-1] + 1
    if "U" not in kinds[: capitalised[0]]:
        cut += 1  # "Prénom NOM": one surname word after the first name
    commune = " ".join(w.text for w in words[cut:]) or None
    return words[:cut], kinds[:cut], commune


def _name_in(text: str) -> str | None:
    """The first person named in ``text`` (after a connector)."""
    parser = SectionParser(text, 0, len(text), "present")
    entries = parser.parse()
    return entries[0].nom if entries else None


def parse_section(text: str, start: int, end: int, status: str) -> tuple[list[Entry], int]:
    """The entries of ``text[start:end]`` and where the section really ends."""
    parser = SectionParser(text, start, end, status, bare_connector=status == "represented")
    entries = parser.parse()
    return entries, parser.stopped_at
