"""An act as linked data: ``describe`` turns a published Act into nodes of the vocabulary's
terms; ``document`` writes them as a JSON-LD document (compacted against ``CONTEXT``), and
``document_line`` as the line ``json.dumps`` writes for it (without building the dict: the
export's); ``triples`` as rdflib terms for the SHACL check, ``nt_lines`` (``nt_text``: the dump's)
as the N-Triples lines rdflib writes for those triples. All read the same nodes through the same
term table, and ``tests/linked_data`` checks that parsing the document gives the triples, that
the line is ``json.dumps``'s and the lines rdflib's serialisation of the triples, byte for byte.

Only what the privacy gate let through is read (``actes.exporters.prepare``), and of it only
what the CSV files publish: no person's name (président, secrétaire, signataire), no text; the
citations are found in the published, pseudonymised text.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from rdflib import XSD, Literal, URIRef
from rdflib.plugins.serializers.nt import _quote_encode, _quoteLiteral

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

try:  # rdflib's own test of what its N-Triples serialiser accepts (``URIRef.n3``)
    from rdflib.term import _is_valid_uri
except ImportError:  # pragma: no cover - another rdflib

    def _is_valid_uri(uri: str) -> bool:
        return not any(c in uri for c in '<>" {}|\\^`')


ANNUAIRE = "https://annuaire-entreprises.data.gouv.fr/entreprise/"  # the SIRENE record of a SIREN
GEO_COMMUNE = "https://geo.api.gouv.fr/communes/"  # the commune of an INSEE code
SHARED = {AUTHORITY_CLASS, SEANCE_CLASS, BODY_CLASS, PERSON_CLASS, MEMBERSHIP_CLASS}  # described once in the dump

__all__ = [
    "Node",
    "describe",
    "document",
    "document_line",
    "document_tail",
    "node_of",
    "nt_lines",
    "nt_text",
    "triples",
]


def _value(enum_or_str):
    return getattr(enum_or_str, "_value_", enum_or_str)  # an Enum's value (``.value`` is a slower property)


def authority(act: Act, base: str, act_uri: str, registry: dict[str, Node] | None = None) -> Node | None:
    """The authority that passed the act: by its SIREN, else a node of the act's own (``#collectivite``).
    With a ``registry``, one description per SIREN: the first act's (names as printed vary)."""
    c = act.collectivite
    name = c.nom_officiel or c.nom
    if not (c.siren or name):
        return None
    if uris.is_siren(c.siren):
        uri = uris.authority_uri(c.siren, base)
        if registry is not None and (known := registry.get(uri)) is not None:
            return known
        node = Node(uri, AUTHORITY_CLASS, {"siren": c.siren})
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
    return registry.setdefault(node.uri, node) if registry is not None else node


def describe(
    act: Act,
    uri: str,
    base: str,
    citations: list[Citation] | None = None,
    registry: dict[str, Node] | None = None,
    cited: list[str] | None = None,
) -> Node:
    """The act's node, with its authority, séance and vote event embedded. ``registry``: nodes
    shared by acts (authority, séance, council, councillors), URI → the first built; ``cited``: the
    URIs of the délibérations of the same authority it cites (``actes.linked_data.deliberations``)."""
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
    if (node := authority(act, base, uri, registry)) is not None:
        values["adoptePar"] = node
    matiere = act.matiere
    if matiere.code:
        values["sujet"] = MATIERE + matiere.code
        values["codeMatiere"] = matiere.code
    if matiere.libelle:
        values["libelleMatiere"] = matiere.libelle
    if act.date_convocation is not None:
        values["dateConvocation"] = act.date_convocation
    if t.date_envoi is not None:
        values["dateEnvoi"] = t.date_envoi
    if t.date_reception is not None:
        values["dateReception"] = t.date_reception
    if t.date_publication is not None:
        values["datePublication"] = t.date_publication
    budget = act.budget
    if budget.annee:
        values["budgetAnnee"] = budget.annee
    if budget.nom:
        values["budgetNom"] = budget.nom
    seance = describer.seance(act)
    if seance is not None:
        values["seance"] = seance
    if (event := describer.vote(act, uri, seance)) is not None:
        values["vote"] = event
    if (citations or cited) and (elis := list(dict.fromkeys([*(c.eli for c in citations if c.eli), *(cited or ())]))):
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


HEAD = '{"@context": ' + _CONTEXT_JSON + ", "  # what every line starts with: the context, serialised once


def read_line(line: str) -> dict:
    """A line of ``document_line`` (or ``"{" + document_tail``) as a dict, the context skipped
    when it is this process's."""
    return json.loads("{" + line[len(HEAD) :] if line.startswith(HEAD) else line)


def document_line(node: Node) -> str:
    """``document(node)`` as one line of JSON: ``json.dumps(document(node), ensure_ascii=False)``
    and a newline, byte for byte (tests/linked_data/test_documents.py)."""
    return HEAD + document_tail(node)


def document_tail(node: Node, shared: dict[str, tuple[Node, str]] | None = None) -> str:
    """What follows ``HEAD`` in the node's line (``"id": …}`` and the newline): written straight
    from the node, as ``json.dumps`` writes ``_json(node)``, without building the dict first.

    ``shared``: the JSON of the shared nodes (authority, séance, council, councillors) written so
    far, URI → (node, its JSON): a node taken from the registry by many acts is written once (a
    séance with its attendance is most of each of its acts' document). Looked up by URI, used
    only for the very same node object (a séance as another act publishes it is another node);
    a registry's nodes are not changed once shared. Kept by the caller, one per export."""
    parts = ['"id": ']
    _write(node, parts, shared)
    parts.append("\n")
    return "".join(parts)


# The JSON writer: what ``_ENCODER.encode(_json(node))`` writes (separators ", " and ": ",
# strings by the encoder's own ``encode_basestring``, any other value handed to the encoder).
# A term's key and value are written as one segment, ``, "term": value``, kept per term for the
# values that repeat from act to act (IRIs, dates, counts, codes, short strings). Only str, int
# and date values are kept and looked up: no value of another type compares equal to one of
# them (True == 1, 1.0 == 1).
_quote = json.encoder.encode_basestring  # what JSONEncoder(ensure_ascii=False) writes for a str
_KEYS = {name: ", " + _quote(name) + ": " for name in TERMS}
_TYPES = {iri: ', "type": ' + _quote(name) for iri, name in CLASSES.items()}
_NODE_TERMS = frozenset(name for name, kind in _KINDS.items() if kind == "node")
_segments: dict[str, dict[Any, str]] = {name: {} for name in TERMS}
_KEYED = frozenset((str, int, dt.date))
# Strings proper to one act (its IDs, number, objet): written straight, neither looked up nor kept.
_PROPER = frozenset(("identifiant", "idActes", "numero", "titre", "intitule"))


def _json_value(kind: str, value: Any) -> str:
    if kind == "iri":
        return _quote(compact(value))
    if kind == "date":
        return _quote(value.isoformat())
    cls = type(value)
    if cls is str:
        return _quote(value)
    if cls is int:
        return int.__repr__(value)
    return _ENCODER.encode(value)  # a boolean, a list of strings (citations, notes), anything else


def _repeats(kind: str, value: Any) -> bool:
    """Whether a value is worth keeping per term: IRIs, dates, counts and short strings repeat from
    act to act; texts (objets) and long strings hardly."""
    cls = type(value)
    return cls in _KEYED and (cls is not str or kind == "iri" or (kind != "lang" and len(value) <= 40))


def _keep(cache: dict, key: Any, value: Any, size: int | None = None) -> Any:
    """``cache[key] = value``, the cache emptied first when it holds ``size`` (CACHE_SIZE) entries."""
    if len(cache) >= (CACHE_SIZE if size is None else size):
        cache.clear()
    cache[key] = value
    return value


def _segment(name: str, value: Any) -> str:
    kind = _KINDS[name]
    segment = _KEYS[name] + _json_value(kind, value)
    if _repeats(kind, value):
        _keep(_segments[name], value, segment)
    return segment


def _write(node: Node, parts: list[str], shared: dict | None = None) -> None:
    """The node's JSON object after its opening brace (``"id": `` already written)."""
    append = parts.append
    append(_quote(node.uri))
    append(_TYPES[node.type])
    for name, value in node.values.items():
        cls = type(value)
        if cls in _KEYED:  # most values, and most of them met before: their segment without a call
            if cls is str and name in _PROPER:
                append(_KEYS[name] + _quote(value))
                continue
            segment = _segments[name].get(value)
            append(segment if segment is not None else _segment(name, value))
        elif name in _NODE_TERMS:
            append(_KEYS[name])
            if type(value) is list:
                append("[")
                for i, child in enumerate(value):
                    append(', {"id": ' if i else '{"id": ')
                    if shared is not None and child.type in SHARED:
                        _write_shared(child, parts, shared)
                    else:
                        _write(child, parts, shared)
                append("]")
            else:
                append('{"id": ')
                if shared is not None and value.type in SHARED:
                    _write_shared(value, parts, shared)
                else:
                    _write(value, parts, shared)
        elif type(value) is list:
            kind = _KINDS[name]
            if kind == "iri":
                append(_KEYS[name] + "[" + ", ".join([_quote(compact(item)) for item in value]) + "]")
            else:
                append(_KEYS[name] + _json_value(kind, value))
        else:
            append(_segment(name, value))
    append("}")


SHARED_JSON_SIZE = 2_000  # shared nodes whose JSON is kept (a séance's acts come together): cleared when full


def _write_shared(child: Node, parts: list[str], shared: dict) -> None:
    known = shared.get(child.uri)
    if known is None or known[0] is not child:
        own: list[str] = []
        _write(child, own, shared)
        known = (child, "".join(own))
        if len(shared) >= SHARED_JSON_SIZE:
            shared.clear()
        shared[child.uri] = known
    parts.append(known[1])


# -- RDF -----------------------------------------------------------------------------------------

_SPEC = {name: (URIRef(term.iri), term.kind) for name, term in TERMS.items()}  # term → (predicate, kind)
_TYPE = URIRef(RDF_TYPE)
_CLASS_REFS = {iri: URIRef(iri) for iri in CLASSES}
_DATATYPES = {"date": XSD.date, "integer": XSD.integer, "boolean": XSD.boolean}
_CACHED = ("iri", "date", "integer", "boolean", "string")  # dates, counts, codes and IRIs repeat from act to act
_cache: dict[str, dict[Any, Literal | URIRef]] = {kind: {} for kind in _CACHED}
CACHE_SIZE = 100_000  # per kind; cleared when full
LANGUAGE = "fr"  # the language of the texts (objets): the context's too


def _term(kind: str, value: Any) -> Literal | URIRef:
    if kind == "lang":
        return Literal(value, lang=LANGUAGE)  # objets do not repeat
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
    return _keep(cache, value, term)


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
        if type(value) is str and (kind == "string" or kind == "lang"):
            # a plain literal: rdflib's Literal keeps the string as it is, and its form is the
            # serialiser's _quoteLiteral's (the string quoted by _quote_encode, the language
            # tag after "@") without making the Literal: names, IDs and objets rarely repeat
            found = _quote_encode(value) + ("@" + LANGUAGE if kind == "lang" else "")
        else:
            found = nt_term(_term(kind, value))
        _keep(cache, key, found, size)
    return found


_iri_form = URIRef.n3  # rdflib's N-Triples form of an IRI (it refuses one N-Triples cannot hold): it reads the string


def nt_lines(node: Node, skip: set[str] | None = None, added: set[str] | None = None) -> list[str]:
    """The N-Triples lines of ``triples(node, skip, added)``, in its order, as rdflib writes them.
    Raises rdflib's exception on an IRI N-Triples cannot hold."""
    return [subject + segment for subject, segments in _nt_nodes(node, skip, added) for segment in segments[1:]]


def nt_text(node: Node, skip: set[str] | None = None, added: set[str] | None = None) -> tuple[str, int]:
    """``"".join(nt_lines(node, skip, added))`` and the number of lines, each node's lines made
    by one ``str.join`` (its subject between the segments) instead of one string a line: the dump's."""
    texts, count = [], 0
    for subject, segments in _nt_nodes(node, skip, added):
        texts.append(subject.join(segments))
        count += len(segments) - 1
    return "".join(texts), count


def _nt_nodes(node: Node, skip: set[str] | None, added: set[str] | None) -> list[tuple[str, list[str]]]:
    """(subject's form, ``["", segment, …]``) of each node described, in the order of the lines."""
    added = set() if added is None else added
    nodes: list[tuple[str, list[str]]] = []
    unchecked = [node.uri]  # the IRIs of the act and its own nodes, checked at once (rdflib's check)
    _nt_walk(node, "<" + node.uri + ">", nodes, skip or (), added, unchecked)
    if not _is_valid_uri("".join(unchecked)):  # one of them has a character an IRI cannot: rdflib's exception
        for uri in unchecked:
            _iri_form(uri)
    return nodes


_PREDICATE_NT = {name: f" {predicate} " for name, (predicate, _) in _SPEC_NT.items()}
_CLASS_LINE = {iri: f" {_TYPE_NT} {form} .\n" for iri, form in _CLASS_NT.items()}
# What follows the subject in the line of a term and a value, `` <predicate> object .\n``, kept per
# term as the JSON segments are (the same values, the same types).
_nt_segments: dict[str, dict[Any, str]] = {name: {} for name in TERMS}
# (the objets go through _text's cache: an act's title is its motion's too)
_PROPER_NT = frozenset(name for name in _PROPER if _KINDS[name] == "string")


def _nt_segment(name: str, value: Any) -> str:
    found = _nt_segments[name].get(value) if type(value) in _KEYED else None
    if found is not None:
        return found
    kind = _KINDS[name]
    segment = f"{_PREDICATE_NT[name]}{_text(kind, value)} .\n"
    if _repeats(kind, value):
        _keep(_nt_segments[name], value, segment)
    return segment


def _nt_pointer(name: str, uri: str) -> str:
    """The segment of a term pointing at a shared node (its URI checked by rdflib), kept per term."""
    return _keep(_nt_segments[name], uri, f"{_PREDICATE_NT[name]}{_text('iri', uri)} .\n")


def _nt_walk(node: Node, subject: str, nodes: list, skip, added: set[str], unchecked: list[str]) -> None:
    segments = ["", _CLASS_LINE[node.type]]
    nodes.append((subject, segments))
    append = segments.append
    nested: list[tuple[Node, str]] = []
    for name, value in node.values.items():
        cls = type(value)
        if cls in _KEYED:  # most values, and most of them met before: their segment without a call
            if cls is str and name in _PROPER_NT:  # a plain literal, as _text writes it
                append(f"{_PREDICATE_NT[name]}{_quote_encode(value)} .\n")
                continue
            segment = _nt_segments[name].get(value)
            append(segment if segment is not None else _nt_segment(name, value))
        elif name in _NODE_TERMS:
            predicate = _PREDICATE_NT[name]
            for child in value if type(value) is list else (value,):
                if child.type in SHARED:  # the same few URIs in every act: their segment kept
                    uri = child.uri
                    segment = _nt_segments[name].get(uri)
                    append(segment if segment is not None else _nt_pointer(name, uri))
                    if uri in skip or uri in added:
                        continue
                    added.add(uri)
                    target = _text("iri", uri)
                else:  # the act's own nodes (its vote, counts, motion): new URIs, checked by ``_nt_nodes``
                    unchecked.append(child.uri)
                    target = "<" + child.uri + ">"
                    append(f"{predicate}{target} .\n")
                nested.append((child, target))
        elif type(value) is list:
            for item in value:
                append(_nt_segment(name, item))
        else:
            append(_nt_segment(name, value))
    for child, target in nested:
        _nt_walk(child, target, nodes, skip, added, unchecked)
