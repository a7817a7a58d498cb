"""An act as linked data: ``describe`` turns a published Act into nodes of the vocabulary's
terms; ``document`` writes them as a JSON-LD document (compacted against ``CONTEXT``), ``triples``
as rdflib terms for the N-Triples dump and the SHACL check. Both read the same nodes through the
same term table, and ``tests/linked_data`` checks that parsing the document gives the triples.

Only what the privacy gate let through is read (``actes.exporters.prepare``), and of it only
what the CSV files publish: no person's name (président, secrétaire, signataire), no text; the
citations are found in the published, pseudonymised text.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from rdflib import XSD, Literal, URIRef

from actes.linked_data import uris
from actes.linked_data.citations import Citation, find_citations
from actes.linked_data.vocabulary import (
    ACT_CLASS,
    AUTHORITY_CLASS,
    CLASSES,
    CONTEXT,
    MATIERE,
    NATURE,
    PROBLEME,
    RDF_TYPE,
    TERMS,
    VOTE_CLASS,
    compact,
)
from actes.schemas.act import Act

ANNUAIRE = "https://annuaire-entreprises.data.gouv.fr/entreprise/"  # the SIRENE record of a SIREN
GEO_COMMUNE = "https://geo.api.gouv.fr/communes/"  # the commune of an INSEE code


@dataclass
class Node:
    uri: str
    type: str  # class IRI
    values: dict[str, Any] = field(default_factory=dict)  # term name → value, list of values, or Node


def _value(enum_or_str):
    return getattr(enum_or_str, "value", enum_or_str)


def authority(act: Act, base: str, act_uri: str) -> Node | None:
    """The authority that passed the act: by its SIREN, else a node of the act's own (``#collectivite``)."""
    c = act.collectivite
    name = c.nom_officiel or c.nom
    if not (c.siren or name):
        return None
    if uris.is_siren(c.siren):
        node = Node(uris.authority_uri(c.siren, base), AUTHORITY_CLASS, {"siren": c.siren})
        see_also = [ANNUAIRE + c.siren]
    else:
        node, see_also = Node(act_uri + "#collectivite", AUTHORITY_CLASS), []
    if name:
        node.values["nom"] = name
    if c.code_insee:
        node.values["codeInsee"] = c.code_insee
        see_also.append(GEO_COMMUNE + c.code_insee)
    if see_also:
        node.values["voirAussi"] = see_also
    return node


def vote(act: Act, act_uri: str) -> Node | None:
    v = act.votes
    counts = {"enExercice": v.en_exercice, "presents": v.presents, "representes": v.representes,
              "votants": v.votants, "pour": v.pour, "contre": v.contre, "abstentions": v.abstentions,
              "unanimite": v.unanimite}
    counts = {k: value for k, value in counts.items() if value is not None}
    return Node(act_uri + "#vote", VOTE_CLASS, counts) if counts else None


def describe(act: Act, uri: str, base: str, citations: list[Citation] | None = None) -> Node:
    """The act's node, with its authority and vote event embedded."""
    if citations is None:
        citations = find_citations(act.text)
    values: dict[str, Any] = {"identifiant": act.id}
    t = act.transmission
    if t.pref_id:
        values["idActes"] = t.pref_id
    if act.numero:
        values["numero"] = act.numero
    if act.nature is not None:
        values["typeDocument"] = NATURE + _value(act.nature)
    if act.nature_actes is not None:
        values["natureActes"] = _value(act.nature_actes)
    if act.date_decision is not None:
        values["dateDocument"] = act.date_decision
    if act.objet:
        values["titre"] = act.objet
    if (node := authority(act, base, uri)) is not None:
        values["adoptePar"] = node
    if act.matiere.code:
        values["sujet"] = MATIERE + act.matiere.code
        values["codeMatiere"] = act.matiere.code
    if act.matiere.libelle:
        values["libelleMatiere"] = act.matiere.libelle
    for term, date in (("dateConvocation", act.date_convocation), ("dateEnvoi", t.date_envoi),
                       ("dateReception", t.date_reception), ("datePublication", t.date_publication)):
        if date is not None:
            values[term] = date
    if act.budget.annee:
        values["budgetAnnee"] = act.budget.annee
    if act.budget.nom:
        values["budgetNom"] = act.budget.nom
    if (event := vote(act, uri)) is not None:
        values["vote"] = event
    if elis := list(dict.fromkeys(c.eli for c in citations if c.eli)):
        values["cite"] = elis
    if citations:
        values["citation"] = [c.label for c in citations]
    if act.problems:
        values["problemes"] = list(dict.fromkeys(PROBLEME + p.slug for p in act.problems))
    return Node(uri, ACT_CLASS, values)


# -- JSON-LD -------------------------------------------------------------------------------------

def _json(node: Node) -> dict:
    out: dict[str, Any] = {"id": node.uri, "type": CLASSES[node.type]}
    for name, value in node.values.items():
        kind = TERMS[name].kind
        if kind == "node":
            out[name] = _json(value)
        elif kind == "iri":
            out[name] = [compact(v) for v in value] if isinstance(value, list) else compact(value)
        elif kind == "date":
            out[name] = value.isoformat()
        else:
            out[name] = value
    return out


def document(node: Node) -> dict:
    """The act's JSON-LD document: the context inline (it parses offline), then the act."""
    return {"@context": CONTEXT, **_json(node)}


_CONTEXT_JSON = json.dumps(CONTEXT, ensure_ascii=False)


def document_line(node: Node) -> str:
    """``document(node)`` as one line of JSON, the context serialised once per process."""
    return '{"@context": ' + _CONTEXT_JSON + ", " + json.dumps(_json(node), ensure_ascii=False)[1:] + "\n"


# -- RDF -----------------------------------------------------------------------------------------

_SPEC = {name: (URIRef(term.iri), term.kind) for name, term in TERMS.items()}  # term → (predicate, kind)
_TYPE = URIRef(RDF_TYPE)
_CLASS_REFS = {iri: URIRef(iri) for iri in CLASSES}
_DATATYPES = {"date": XSD.date, "integer": XSD.integer, "boolean": XSD.boolean}
_CACHED = ("iri", "date", "integer", "boolean", "string")  # dates, counts, codes and IRIs repeat from act to act
_cache: dict[str, dict[Any, Literal | URIRef]] = {kind: {} for kind in _CACHED}
CACHE_SIZE = 100_000  # per kind; cleared when full


def _term(kind: str, value: Any) -> Literal | URIRef:
    if kind == "lang":
        return Literal(value, lang="fr")  # objets do not repeat
    cache = _cache[kind]
    found = cache.get(value)
    if found is not None:
        return found
    if kind == "iri":
        term: Literal | URIRef = URIRef(value)
    elif kind == "date":
        term = Literal(value.isoformat() if isinstance(value, dt.date) else value, datatype=XSD.date)
    elif kind == "string":
        term = Literal(value)
        if len(value) > 40:  # numbers and codes repeat; names and IDs hardly
            return term
    else:
        term = Literal(value, datatype=_DATATYPES[kind])
    if len(cache) >= CACHE_SIZE:
        cache.clear()
    cache[value] = term
    return term


def triples(node: Node, skip: set[str] | None = None) -> list[tuple]:
    """The node's triples, then its embedded nodes'; nodes whose URI is in ``skip`` are linked to
    but not described again (an authority already in the dump)."""
    subject = URIRef(node.uri)
    rows: list[tuple] = [(subject, _TYPE, _CLASS_REFS[node.type])]
    nested: list[Node] = []
    for name, value in node.values.items():
        predicate, kind = _SPEC[name]
        if kind == "node":
            rows.append((subject, predicate, URIRef(value.uri)))
            if skip is None or value.uri not in skip:
                nested.append(value)
        elif type(value) is list:
            rows.extend((subject, predicate, _term(kind, item)) for item in value)
        else:
            rows.append((subject, predicate, _term(kind, value)))
    for child in nested:
        rows.extend(triples(child, skip))
    return rows
