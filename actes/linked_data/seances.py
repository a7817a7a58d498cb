"""A séance, its attendance and its votes as Popolo linked data (docs/linked-data.md).

- the séance: a ``schema:Event`` (date, place, convocation, counts as printed), organised by the
  council that met (``org:Organization``, a sub-organisation of the authority);
- each councillor named in the attendance: a ``foaf:Person`` (officials acting in office: their
  names are public), their ``org:Membership`` of the council (qualité, commune), and their
  ``actes:Presence`` at the séance (status, proxy holder, substitute, notes);
- the act's vote: an ``opengov:VoteEvent`` on an ``opengov:Motion`` (the objet), with Popolo's
  ``opengov:Count`` per option (yes, no, abstain) and an ``opengov:Vote`` per councillor where
  the text names who voted how.

A pseudonymised person (a name the privacy gate replaced by a placeholder such as ``[PERSONNE 1]``)
gets no node, no URI and no name: their presence, proxy or vote is left out (the printed counts
stay). Names are read from the prepared act only, as every other value.

Nodes shared by several acts (séance, council, person, membership) are taken from ``registry``
when given (URI → the first node built), so each is described one way in the whole package.
"""

from __future__ import annotations

import re
from typing import Any

from actes.linked_data import uris
from actes.linked_data.node import Node
from actes.linked_data.vocabulary import (
    BALLOT_CLASS,
    BODY_CLASS,
    COUNT_CLASS,
    MEMBERSHIP_CLASS,
    MOTION_CLASS,
    PERSON_CLASS,
    PRESENCE_CLASS,
    SEANCE_CLASS,
    VOTE_CLASS,
)
from actes.privacy.pseudonymize import P_PLACEHOLDER
from actes.schemas.act import Act
from actes.schemas.seance import Seance

OPTION_OF = {"pour": "yes", "contre": "no", "abstention": "abstain", "ne prend pas part": "not voting"}  # Popolo's
RESULT_OF = {"adopted": "pass", "rejected": "fail"}  # Popolo's vote event result, by the point's outcome
_BRACKETS = re.compile(r"[\[\]]")


def public_name(name: str | None) -> str | None:
    """The name when it may be published as a person's: not empty, not (partly) pseudonymised."""
    if not name or not name.strip():
        return None
    if P_PLACEHOLDER.search(name) or _BRACKETS.search(name):  # a placeholder, or what is left of one
        return None
    if not uris.slug(name):
        return None
    return name.strip()


class Describer:
    """Builds the séance and vote nodes of acts, sharing nodes through ``registry``."""

    def __init__(self, base: str, registry: dict[str, Any] | None = None) -> None:
        self.base = base
        self.registry = registry if registry is not None else {}

    def _shared(self, node):
        return self.registry.setdefault(node.uri, node)

    def person(self, name: str | None, siren: str | None, local: str, civilite: str | None = None):
        name = public_name(name)
        if name is None:
            return None
        node = Node(uris.person_uri(siren, name, local, self.base), PERSON_CLASS, {"nom": name})
        if civilite:
            node.values["civilite"] = civilite
        return self._shared(node)

    def seance(self, act: Act):
        """The séance node of the act (None when it has none), shared by every act of the séance."""
        seance: Seance | None = act.seance
        if seance is None:
            return None
        known = self.registry.get("seance-id:" + seance.id)  # the acts of one séance may differ on their SIREN
        if known is not None:
            return _as_published_by(known, seance)
        siren = seance.siren if uris.is_siren(seance.siren) else act.collectivite.siren
        uri = uris.seance_uri(siren, seance.date, seance.organe, seance.id, self.base)
        if uri in self.registry:
            return self.registry.setdefault("seance-id:" + seance.id, self.registry[uri])
        values: dict[str, Any] = {"identifiant": seance.id}
        if seance.date is not None:
            values["dateSeance"] = seance.date
        if seance.lieu:
            values["lieu"] = seance.lieu
        if seance.date_convocation is not None:
            values["dateConvocation"] = seance.date_convocation
        for term, count in (
            ("enExercice", seance.en_exercice),
            ("presents", seance.presents),
            ("representes", seance.representes),
            ("votants", seance.votants),
        ):
            if count is not None:
                values[term] = count
        body = None
        if seance.organe and uris.slug(seance.organe):
            body = Node(
                uris.body_uri(siren, seance.organe, uri, self.base),
                BODY_CLASS,
                {"nom": seance.organe, "classification": seance.organe},
            )
            if uris.is_siren(siren):
                body.values["sousOrganisationDe"] = uris.authority_uri(siren, self.base)
            body = self._shared(body)
            values["organe"] = body
        for term, name in (("presidentSeance", seance.president), ("secretaireSeance", seance.secretaire)):
            if (person := self.person(name, siren, uri)) is not None:
                values[term] = person
        presences = []
        for presence in seance.presences:
            person = self.person(presence.nom, siren, uri, presence.civilite)
            if person is None:  # pseudonymised: no node at all
                continue
            entry: dict[str, Any] = {"personne": person, "statut": presence.statut}
            if (holder := self.person(presence.mandataire, siren, uri)) is not None:
                entry["mandataire"] = holder
            if presence.suppleant:
                entry["suppleant"] = True
            if body is not None:
                organ = uris.slug(seance.organe)
                membership = Node(
                    f"{person.uri}-mandat-{organ}" if "#" in person.uri else f"{person.uri}/mandat/{organ}",
                    MEMBERSHIP_CLASS,
                    {"membre": person.uri, "organisation": body.uri},
                )
                if presence.qualite:
                    membership.values["qualite"] = presence.qualite
                if presence.commune:
                    membership.values["commune"] = presence.commune
                entry["mandat"] = self._shared(membership)
            if presence.notes:
                entry["notes"] = list(presence.notes)
            key = uris.slug(presence.nom, any_order=True)
            presences.append(Node(f"{uri}#presence-{key}", PRESENCE_CLASS, entry))
        if presences:
            values["presences"] = list({p.uri: p for p in presences}.values())  # a name listed twice: once
        node = self._shared(Node(uri, SEANCE_CLASS, values))
        return self.registry.setdefault("seance-id:" + seance.id, node)

    def vote(self, act: Act, act_uri: str, seance_node=None):
        """The act's vote event: the counts as printed (``actes:``), Popolo's counts, the motion,
        and a vote per named councillor; None when nothing is known of the vote."""
        v = act.votes
        values: dict[str, Any] = {}
        for term, value in (
            ("enExercice", v.en_exercice),
            ("presents", v.presents),
            ("representes", v.representes),
            ("votants", v.votants),
            ("pour", v.pour),
            ("contre", v.contre),
            ("abstentions", v.abstentions),
            ("unanimite", v.unanimite),
        ):
            if value is not None:
                values[term] = value
        counts = [
            Node(f"{act_uri}#decompte-{option}", COUNT_CLASS, {"option": option, "valeur": value})
            for option, value in (("yes", v.pour), ("no", v.contre), ("abstain", v.abstentions))
            if value is not None
        ]
        siren = act.collectivite.siren
        if act.seance is not None and uris.is_siren(act.seance.siren):
            siren = act.seance.siren
        local = seance_node.uri if seance_node is not None else act_uri
        members = None  # with a séance: the councillors its published attendance lists
        if seance_node is not None:
            members = {p.values["personne"].uri for p in seance_node.values.get("presences", ())}
        ballots = {}
        for name, option in named_votes(act):
            if public_name(name) is None:  # pseudonymised: the count keeps them, no vote of theirs is published
                continue
            if members is not None and uris.person_uri(siren, name, local, self.base) not in members:
                continue  # not a councillor of the attendance as published: maybe not an official
            person = self.person(name, siren, local)
            ballot = Node(
                f"{act_uri}#vote-{uris.slug(name, any_order=True)}", BALLOT_CLASS, {"votant": person, "option": option}
            )
            ballots.setdefault(ballot.uri, ballot)
        if (outcome := result(act)) is not None:
            values["resultat"] = outcome
        if not values and not ballots:
            return None
        if counts:
            values["decomptes"] = counts
        if ballots:
            values["votes"] = list(ballots.values())
        if act.objet:
            values["motion"] = Node(f"{act_uri}#motion", MOTION_CLASS, {"intitule": act.objet})
        return Node(act_uri + "#vote", VOTE_CLASS, values)


def _public_names(seance: Seance) -> set[str]:
    """The councillors an act's own (prepared) copy of its séance names publicly, by slug."""
    names = [seance.president, seance.secretaire]
    for presence in seance.presences:
        names += [presence.nom, presence.mandataire]
    return {uris.slug(name, any_order=True) for name in names if public_name(name) is not None}


def _as_published_by(shared: Node, seance: Seance) -> Node:
    """The séance node built from the first act of the séance, as another act of it may publish
    it: without the councillors that act's own copy pseudonymised (the privacy gate decides per
    act, and may find private in one act a name the attendance of another publishes). The same
    node when nothing is to be left out; else a copy with the same URI, fewer persons."""
    public = _public_names(seance)

    def keeps(person) -> bool:
        return person is None or uris.slug(person.values["nom"], any_order=True) in public

    values = shared.values
    people = [values.get("presidentSeance"), values.get("secretaireSeance")]
    for presence in values.get("presences", ()):
        people += [presence.values["personne"], presence.values.get("mandataire")]
    if all(keeps(person) for person in people):
        return shared
    values = {k: v for k, v in values.items() if k != "presences"}
    for term in ("presidentSeance", "secretaireSeance"):
        if term in values and not keeps(values[term]):
            del values[term]
    presences = []
    for presence in shared.values.get("presences", ()):
        if not keeps(presence.values["personne"]):
            continue
        if not keeps(presence.values.get("mandataire")):
            presence = Node(
                presence.uri, presence.type, {k: v for k, v in presence.values.items() if k != "mandataire"}
            )
        presences.append(presence)
    if presences:
        values["presences"] = presences
    return Node(shared.uri, shared.type, values)


def named_votes(act: Act) -> list[tuple[str, str]]:
    """(name, Popolo option) of every councillor the act names with their vote (``actes.minutes``:
    the point's ``votes_nominatifs``); empty when the text gives only the totals."""
    item = getattr(act, "item", None)
    out = []
    for entry in getattr(item, "votes_nominatifs", None) or ():
        option = OPTION_OF.get(entry.vote)
        if entry.nom and option:
            out.append((entry.nom, option))
    return out


def result(act: Act) -> str | None:
    """Popolo's result of the vote event (pass, fail), from the point's outcome when read."""
    item = getattr(act, "item", None)
    return RESULT_OF.get(getattr(item, "outcome", None) or "")
