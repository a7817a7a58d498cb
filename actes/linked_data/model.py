"""An act as linked data: ``describe`` turns a published Act into nodes of the vocabulary's
terms; ``document`` writes them as a JSON-LD document (compacted against ``CONTEXT``), ``triples``
as rdflib terms for the SHACL check, ``nt_lines`` as the N-Triples lines rdflib writes for those
triples (the dump). All read the same nodes through the same term table, and
``tests/linked_data`` checks that parsing the document gives the triples, and that the lines are
rdflib's serialisation of the triples, byte for byte.

Only what the privacy gate let through is read (``actes.exporters.prepare``), and of it only
what the CSV files publish: no person's name (président, secrétaire, signataire), no text; the
citations are found in the published, pseudonymised text.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from rdflib import XSD, Literal, URIRef
from rdflib.plugins.serializers.nt import _quoteLiteral

from actes.linked_data import uris
from actes.linked_data.citations import Citation, find_citations
from actes.linked_data.node import Node
from actes.linked_data.seances import Describer
from actes.linked_data.vocabulary import (
    ACT_CLASS,
    AUTHORITY_CLASS,
    BODY_CLASS,
    CLASSES,
    CONTEXT,
    MATIERE,
    MEMBERSHIP_CLASS,
    NATURE,
    PERSON_CLASS,
    PREFIXES,
    PROBLEME,
    RDF_TYPE,
    SEANCE_CLASS,
    TERMS,
    compact,
)
from actes.schemas.act import Act

ANNUAIRE = "https://annuaire-entreprises.data.gouv.fr/entreprise/"  # the SIRENE record of a SIREN
GEO_COMMUNE = "https://geo.api.gouv.fr/communes/"  # the commune of an INSEE code
SHARED = {AUTHORITY_CLASS, SEANCE_CLASS, BODY_CLASS, PERSON_CLASS, MEMBERSHIP_CLASS}  # described once in the dump

__all__ = ["Node", "describe", "document", "document_line", "node_of", "nt_lines", "triples"]


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


def describe(
    act: Act,
    uri: str,
    base: str,
    citations: list[Citation] | None = None,
    registry: dict[str, Node] | None = None,
    cited: list[str] | None = None,
) -> Node:
    """The act's node, with its authority, séance and vote event embedded. ``registry``: nodes
    shared by acts (séance, council, councillors), URI → the first built; ``cited``: the URIs of
    the délibérations of the same authority it cites (``actes.linked_data.deliberations``)."""
    describer = Describer(base, registry)
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
    for term, date in (
        ("dateConvocation", act.date_convocation),
        ("dateEnvoi", t.date_envoi),
        ("dateReception", t.date_reception),
        ("datePublication", t.date_publication),
    ):
        if date is not None:
            values[term] = date
    if act.budget.annee:
        values["budgetAnnee"] = act.budget.annee
    if act.budget.nom:
        values["budgetNom"] = act.budget.nom
    seance = describer.seance(act)
    if seance is not None:
        values["seance"] = seance
    if (event := describer.vote(act, uri, seance)) is not None:
        values["vote"] = event
    if elis := list(dict.fromkeys([*(c.eli for c in citations if c.eli), *(cited or ())])):
        values["cite"] = elis
    if citations:
        values["citation"] = [c.label for c in citations]
    if act.problems:
        values["problemes"] = list(dict.fromkeys(PROBLEME + p.slug for p in act.problems))
    return Node(uri, ACT_CLASS, values)


# -- JSON-LD -------------------------------------------------------------------------------------

_KINDS = {name: term.kind for name, term in TERMS.items()}
_AS_IS = frozenset(("string", "lang", "integer", "boolean"))  # JSON values as the node holds them


def _json(node: Node) -> dict:
    out: dict[str, Any] = {"id": node.uri, "type": CLASSES[node.type]}
    for name, value in node.values.items():
        kind = _KINDS[name]
        if kind in _AS_IS:  # most values: first
            out[name] = value
        elif kind == "node":
            out[name] = [_json(v) for v in value] if type(value) is list else _json(value)
        elif kind == "iri":
            out[name] = [compact(v) for v in value] if type(value) is list else compact(value)
        else:  # date
            out[name] = value.isoformat()
    return out


def document(node: Node) -> dict:
    """The act's JSON-LD document: the context inline (it parses offline), then the act."""
    return {"@context": CONTEXT, **_json(node)}


_CONTEXT_JSON = json.dumps(CONTEXT, ensure_ascii=False)
_ENCODER = json.JSONEncoder(ensure_ascii=False)  # json.dumps(..., ensure_ascii=False), not built again per act
_CLASS_IRIS = {name: iri for iri, name in CLASSES.items()}


def _expand(value: str) -> str:
    prefix, _, rest = value.partition(":")
    namespace = PREFIXES.get(prefix)
    return namespace + rest if namespace is not None and not rest.startswith("//") else value


def node_of(doc: dict) -> Node:
    """A document (or a node embedded in one) back into its Node: the triples of ``node_of(document(n))``
    are those of ``n``, so a worker process gets lines of JSON, not objects to unpickle."""
    values: dict[str, Any] = {}
    for name, value in doc.items():
        if name in ("id", "type", "@context"):
            continue
        kind = _KINDS[name]
        if kind == "node":
            values[name] = [node_of(v) for v in value] if isinstance(value, list) else node_of(value)
        elif kind == "iri":
            values[name] = [_expand(v) for v in value] if isinstance(value, list) else _expand(value)
        else:
            values[name] = value  # dates stay ISO strings: the same literal
    return Node(doc["id"], _CLASS_IRIS[doc["type"]], values)


def read_line(line: str) -> dict:
    """A line of ``document_line`` as a dict, the context skipped when it is this process's."""
    head = '{"@context": ' + _CONTEXT_JSON + ", "
    return json.loads("{" + line[len(head) :] if line.startswith(head) else line)


def document_line(node: Node) -> str:
    """``document(node)`` as one line of JSON, the context serialised once per process."""
    return '{"@context": ' + _CONTEXT_JSON + ", " + _ENCODER.encode(_json(node))[1:] + "\n"


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


def triples(node: Node, skip: set[str] | None = None, added: set[str] | None = None) -> list[tuple]:
    """The node's triples, then its embedded nodes'. A shared node (authority, séance, council,
    councillor, membership) is described once: not if its URI is in ``skip`` (already in the dump),
    nor twice in one call; the URIs described are added to ``added``."""
    added = set() if added is None else added
    rows: list[tuple] = []
    _triples(node, rows, skip or (), added)
    return rows


def _triples(node: Node, rows: list, skip, added: set[str]) -> None:
    subject = URIRef(node.uri)
    rows.append((subject, _TYPE, _CLASS_REFS[node.type]))
    nested: list[Node] = []
    for name, value in node.values.items():
        predicate, kind = _SPEC[name]
        if kind == "node":
            for child in value if type(value) is list else (value,):
                rows.append((subject, predicate, URIRef(child.uri)))
                if child.type in SHARED:
                    if child.uri in skip or child.uri in added:
                        continue
                    added.add(child.uri)
                nested.append(child)
        elif type(value) is list:
            rows.extend((subject, predicate, _term(kind, item)) for item in value)
        else:
            rows.append((subject, predicate, _term(kind, value)))
    for child in nested:
        _triples(child, rows, skip, added)


def value_triples(node: Node, names: frozenset[str], added: set[str]) -> list[tuple[str, str, str, Any]]:
    """(subject URI, class IRI, term name, value) of the triples of ``triples(node, added=added)``
    whose term is one of ``names``, their values as the node holds them (a node's: its URI): what
    the shapes of values read, without making every triple's rdflib terms (``object_term`` makes
    the object of one)."""
    out: list[tuple[str, str, str, Any]] = []
    _value_triples(node, names, added, out)
    return out


def _value_triples(node: Node, names: frozenset[str], added: set[str], out: list) -> None:
    nested: list[Node] = []
    for name, value in node.values.items():
        node_valued = _KINDS[name] == "node"
        if name in names:
            for item in value if type(value) is list else (value,):
                out.append((node.uri, node.type, name, item.uri if node_valued else item))
        if node_valued:
            for child in value if type(value) is list else (value,):
                if child.type in SHARED:
                    if child.uri in added:
                        continue
                    added.add(child.uri)
                nested.append(child)
    for child in nested:
        _value_triples(child, names, added, out)


def predicate(name: str) -> URIRef:
    """The predicate of a term of the vocabulary."""
    return _SPEC[name][0]


def object_term(name: str, value: Any) -> Literal | URIRef:
    """The object of the triple of term ``name`` with this value (a node's: its URI), as ``triples`` makes it."""
    kind = _KINDS[name]
    return URIRef(value) if kind == "node" else _term(kind, value)


# -- N-Triples -----------------------------------------------------------------------------------
# The dump writes what rdflib's N-Triples serialiser writes for ``triples(node)``
# (``rdflib.plugins.serializers.nt._nt_row``: ``"%s %s %s .\n"`` of the terms' forms), but asks
# rdflib for the form of each distinct term once: a predicate, a class, a date, a count or a code
# repeats in every act, and rendering them again was most of the dump's time. Same walk as
# ``_triples``, same lines in the same order (tests/linked_data/test_dump.py compares the bytes).


def nt_term(term: Literal | URIRef) -> str:
    """The term as rdflib's N-Triples serialiser writes it: an IRI by ``n3()`` (which refuses an
    IRI N-Triples cannot hold), a literal by the serialiser's own ``_quoteLiteral``."""
    return _quoteLiteral(term) if isinstance(term, Literal) else term.n3()


_SPEC_NT = {name: (nt_term(predicate), kind) for name, (predicate, kind) in _SPEC.items()}
_TYPE_NT = nt_term(_TYPE)
_CLASS_NT = {iri: nt_term(ref) for iri, ref in _CLASS_REFS.items()}
_texts: dict[str, dict[Any, str]] = {kind: {} for kind in (*_CACHED, "lang")}
_long: dict[tuple[str, str], str] = {}  # objets (the act's title and its motion's) and long strings (citations)
LONG_CACHE_SIZE = 1_000


def _text(kind: str, value: Any) -> str:
    """``nt_term(_term(kind, value))``, the form of each value kept: short values in ``_texts``
    (as ``_term`` keeps their terms), texts in the smaller ``_long``."""
    if kind == "lang" or (kind == "string" and len(value) > 40):
        cache, key, size = _long, (kind, value), LONG_CACHE_SIZE
    else:
        cache, key, size = _texts[kind], value, CACHE_SIZE
    found = cache.get(key)
    if found is None:
        found = nt_term(_term(kind, value))
        if len(cache) >= size:
            cache.clear()
        cache[key] = found
    return found


_iri_form = URIRef.n3  # rdflib's N-Triples form of an IRI (it refuses one N-Triples cannot hold): it reads the string


def nt_lines(node: Node, skip: set[str] | None = None, added: set[str] | None = None) -> list[str]:
    """The N-Triples lines of ``triples(node, skip, added)``, in its order, as rdflib writes them.
    Raises rdflib's exception on an IRI N-Triples cannot hold."""
    added = set() if added is None else added
    lines: list[str] = []
    _nt_lines(node, _iri_form(node.uri), lines, skip or (), added)
    return lines


def _nt_lines(node: Node, subject: str, lines: list, skip, added: set[str]) -> None:
    append = lines.append
    append(f"{subject} {_TYPE_NT} {_CLASS_NT[node.type]} .\n")
    nested: list[tuple[Node, str]] = []
    for name, value in node.values.items():
        predicate, kind = _SPEC_NT[name]
        if kind == "node":
            for child in value if type(value) is list else (value,):
                if child.type in SHARED:  # the same few URIs in every act: their form kept
                    target = _text("iri", child.uri)
                    append(f"{subject} {predicate} {target} .\n")
                    if child.uri in skip or child.uri in added:
                        continue
                    added.add(child.uri)
                else:
                    target = _iri_form(child.uri)
                    append(f"{subject} {predicate} {target} .\n")
                nested.append((child, target))
        elif type(value) is list:
            for item in value:
                append(f"{subject} {predicate} {_text(kind, item)} .\n")
        else:
            text = _texts[kind].get(value)  # most values were met before: their form without a call
            append(f"{subject} {predicate} {text if text is not None else _text(kind, value)} .\n")
    for child, target in nested:
        _nt_lines(child, target, lines, skip, added)
