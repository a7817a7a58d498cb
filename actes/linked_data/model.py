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

from rdflib import Literal, URIRef

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
# One term table (``TERMS``: name → predicate and kind) and one walk over the nodes (``_rows``),
# with two makers of terms: rdflib's, for the SHACL check and the tests, and pyoxigraph's, for
# the N-Triples dump (its serialiser writes ~50,000 triples in 0.03 s, rdflib's in 0.2 s).

XSD_NS = "http://www.w3.org/2001/XMLSchema#"
_DATATYPES = {"date": XSD_NS + "date", "integer": XSD_NS + "integer", "boolean": XSD_NS + "boolean"}
_CACHED = ("iri", "date", "integer", "boolean", "string")  # dates, counts, codes and IRIs repeat from act to act
CACHE_SIZE = 100_000  # per kind; cleared when full


def _lexical(kind: str, value: Any) -> str:
    """The lexical form of a typed value (what rdflib's ``Literal(value, datatype=…)`` writes)."""
    if kind == "date":
        return value.isoformat() if isinstance(value, dt.date) else value
    if kind == "boolean" and isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class _Terms:
    """Terms of one RDF library, built from the term table, the repeating ones cached."""

    def __init__(self, iri, literal, triple) -> None:
        self.iri, self.literal, self.triple = iri, literal, triple  # literal(lexical, datatype IRI | None, lang | None)
        self.spec = {name: (iri(term.iri), term.kind) for name, term in TERMS.items()}  # term → (predicate, kind)
        self.type = iri(RDF_TYPE)
        self.classes = {c: iri(c) for c in CLASSES}
        self.cache: dict[str, dict[Any, Any]] = {kind: {} for kind in _CACHED}

    def term(self, kind: str, value: Any):
        if kind == "lang":
            return self.literal(value, None, "fr")  # objets do not repeat
        cache = self.cache[kind]
        found = cache.get(value)
        if found is not None:
            return found
        if kind == "iri":
            term = self.iri(value)
        elif kind == "string":
            term = self.literal(value, None, None)
            if len(value) > 40:  # numbers and codes repeat; names and IDs hardly
                return term
        else:
            term = self.literal(_lexical(kind, value), _DATATYPES[kind], None)
        if len(cache) >= CACHE_SIZE:
            cache.clear()
        cache[value] = term
        return term

    def rows(self, node: Node, skip: set[str] | None) -> list:
        subject = self.iri(node.uri)
        triple, term = self.triple, self.term
        rows = [triple(subject, self.type, self.classes[node.type])]
        nested: list[Node] = []
        for name, value in node.values.items():
            predicate, kind = self.spec[name]
            if kind == "node":
                rows.append(triple(subject, predicate, self.iri(value.uri)))
                if skip is None or value.uri not in skip:
                    nested.append(value)
            elif type(value) is list:
                rows.extend(triple(subject, predicate, term(kind, item)) for item in value)
            else:
                rows.append(triple(subject, predicate, term(kind, value)))
        for child in nested:
            rows.extend(self.rows(child, skip))
        return rows


def _rdflib_literal(lexical: str, datatype: str | None, lang: str | None) -> Literal:
    return Literal(lexical, lang=lang, datatype=URIRef(datatype) if datatype else None)


_RDFLIB = _Terms(URIRef, _rdflib_literal, lambda s, p, o: (s, p, o))
_OXIGRAPH: _Terms | None = None


def triples(node: Node, skip: set[str] | None = None) -> list[tuple]:
    """The node's triples (rdflib terms), then its embedded nodes'; nodes whose URI is in ``skip``
    are linked to but not described again (an authority already in the dump)."""
    return _RDFLIB.rows(node, skip)


def ox_triples(node: Node, skip: set[str] | None = None) -> list:
    """The same triples as ``triples``, as pyoxigraph ``Triple`` objects (for its serialiser).
    Raises ``ValueError`` on a term pyoxigraph refuses (an IRI that is not one)."""
    global _OXIGRAPH
    if _OXIGRAPH is None:
        import pyoxigraph as ox

        def literal(lexical: str, datatype: str | None, lang: str | None):
            if lang:
                return ox.Literal(lexical, language=lang)
            return ox.Literal(lexical, datatype=ox.NamedNode(datatype)) if datatype else ox.Literal(lexical)

        _OXIGRAPH = _Terms(ox.NamedNode, literal, ox.Triple)
    return _OXIGRAPH.rows(node, skip)
