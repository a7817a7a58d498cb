"""The terms of the JSON-LD documents: one table, from which come the published ``@context``,
the JSON-LD documents (``document.py``) and the RDF triples of the dump and of the SHACL check
(``graph.py``), so the three cannot drift apart.

Vocabularies: ELI (the act), Dublin Core (its package identifier), schema.org (the authority),
Popolo (W3C opengov, ORG and FOAF: the séance's body, its members, motions, vote events, counts and
votes per councillor), schema.org (the séance as an event), RDFS (links out), and ours, ``actes:``, for what none of
them has: the @CTES matière code and nature, the prefectoral dates, the legality problems, the
vote counts as @CTES acts print them, the SIREN and INSEE code as join keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

ELI = "http://data.europa.eu/eli/ontology#"
DCT = "http://purl.org/dc/terms/"
SCHEMA = "https://schema.org/"
OPENGOV = "http://www.w3.org/ns/opengov#"  # Popolo
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
ORG = "http://www.w3.org/ns/org#"  # Popolo's Organization and Membership
FOAF = "http://xmlns.com/foaf/0.1/"  # Popolo's Person
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

# Our vocabulary. A project constant, not a deployment setting: every deployment shares it.
# It lives on the documentation placeholder domain until the project has a permanent one.
ACTES = "https://actes.example.org/ns#"
NATURE = "https://actes.example.org/ns/nature/"  # nature/deliberation … nature/autre
MATIERE = "https://actes.example.org/ns/matiere/"  # matiere/7.1: the @CTES nomenclature
PROBLEME = "https://actes.example.org/ns/probleme/"  # probleme/<slug> (actes.checks.catalogue)

PREFIXES = {"eli": ELI, "dcterms": DCT, "schema": SCHEMA, "opengov": OPENGOV, "org": ORG, "foaf": FOAF,
            "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "actes": ACTES, "nature": NATURE, "matiere": MATIERE, "probleme": PROBLEME}

ACT_CLASS = ELI + "LegalResource"
AUTHORITY_CLASS = SCHEMA + "GovernmentOrganization"
VOTE_CLASS = OPENGOV + "VoteEvent"
SEANCE_CLASS = SCHEMA + "Event"  # a sitting; Popolo has no class of its own for it
BODY_CLASS = ORG + "Organization"  # the council (conseil municipal…) of the authority
PERSON_CLASS = FOAF + "Person"  # a councillor (officials only: a pseudonymised person is no node)
MEMBERSHIP_CLASS = ORG + "Membership"  # a councillor in a council
PRESENCE_CLASS = ACTES + "Presence"  # a councillor at a séance (Popolo has no attendance)
MOTION_CLASS = OPENGOV + "Motion"
COUNT_CLASS = OPENGOV + "Count"
BALLOT_CLASS = OPENGOV + "Vote"  # one councillor's vote
CLASSES = {ACT_CLASS: "eli:LegalResource", AUTHORITY_CLASS: "schema:GovernmentOrganization",
           VOTE_CLASS: "opengov:VoteEvent", SEANCE_CLASS: "schema:Event", BODY_CLASS: "org:Organization",
           PERSON_CLASS: "foaf:Person", MEMBERSHIP_CLASS: "org:Membership", PRESENCE_CLASS: "actes:Presence",
           MOTION_CLASS: "opengov:Motion", COUNT_CLASS: "opengov:Count", BALLOT_CLASS: "opengov:Vote"}
OPTIONS = ("yes", "no", "abstain", "not voting")  # Popolo's vote options: pour, contre, abstention, ne prend pas part


@dataclass(frozen=True)
class Term:
    """A key of the JSON-LD documents: its predicate IRI and the kind of its values.

    kind: ``string`` | ``lang`` (French text) | ``date`` | ``integer`` | ``boolean`` | ``iri`` |
    ``node`` (an embedded node with its own terms); ``many``: a JSON array, any number of values.
    """

    name: str
    iri: str
    kind: str
    many: bool = False

    def definition(self) -> dict:
        entry: dict = {"@id": compact(self.iri)}
        if self.kind in ("iri", "node"):
            entry["@type"] = "@id"
        elif self.kind == "date":
            entry["@type"] = "xsd:date"
        elif self.kind == "lang":
            entry["@language"] = "fr"
        if self.many:
            entry["@container"] = "@set"
        return entry


ACT_TERMS = (
    Term("identifiant", DCT + "identifier", "string"),  # the package's act ID (actes.csv ID)
    Term("idActes", ELI + "id_local", "string"),  # the @CTES ID
    Term("numero", ELI + "number", "string"),
    Term("typeDocument", ELI + "type_document", "iri"),
    Term("natureActes", ACTES + "natureActes", "string"),  # DE, AR, AI, CC, BF, AU
    Term("dateDocument", ELI + "date_document", "date"),
    Term("titre", ELI + "title", "lang"),
    Term("adoptePar", ELI + "passed_by", "node"),
    Term("sujet", ELI + "is_about", "iri"),
    Term("codeMatiere", ACTES + "codeMatiere", "string"),
    Term("libelleMatiere", ACTES + "libelleMatiere", "string"),
    Term("dateConvocation", ACTES + "dateConvocation", "date"),
    Term("dateEnvoi", ACTES + "dateEnvoiPrefecture", "date"),
    Term("dateReception", ACTES + "dateReceptionPrefecture", "date"),
    Term("datePublication", ELI + "date_publication", "date"),
    Term("budgetAnnee", ACTES + "budgetAnnee", "string"),
    Term("budgetNom", ACTES + "budgetNom", "string"),
    Term("vote", ACTES + "vote", "node"),
    Term("cite", ELI + "cites", "iri", many=True),
    Term("citation", ACTES + "citation", "string", many=True),
    Term("problemes", ACTES + "probleme", "iri", many=True),  # not "probleme": that is the prefix of its values
    Term("seance", ACTES + "seance", "node"),  # the séance it was decided in
)
VOTE_TERMS = (
    Term("enExercice", ACTES + "membresEnExercice", "integer"),
    Term("presents", ACTES + "presents", "integer"),
    Term("representes", ACTES + "representes", "integer"),
    Term("votants", ACTES + "votants", "integer"),
    Term("pour", ACTES + "pour", "integer"),
    Term("contre", ACTES + "contre", "integer"),
    Term("abstentions", ACTES + "abstentions", "integer"),
    Term("unanimite", ACTES + "unanimite", "boolean"),
    Term("motion", OPENGOV + "motion", "node"),
    Term("resultat", OPENGOV + "result", "string"),  # pass | fail (the point's outcome, when read)
    Term("decomptes", OPENGOV + "count", "node", many=True),  # Popolo's counts: yes, no, abstain
    Term("votes", OPENGOV + "vote", "node", many=True),  # named votes, one per councillor
)
MOTION_TERMS = (
    Term("intitule", DCT + "title", "lang"),  # the objet of the act
)
COUNT_TERMS = (
    Term("option", OPENGOV + "option", "string"),  # yes | no | abstain (a count's or a vote's)
    Term("valeur", RDF + "value", "integer"),
)
BALLOT_TERMS = (
    Term("votant", OPENGOV + "voter", "node"),
)
SEANCE_TERMS = (  # identifiant (the séance's ID), dateConvocation and the counts as printed: shared with the act's
    Term("dateSeance", SCHEMA + "startDate", "date"),
    Term("lieu", SCHEMA + "location", "string"),
    Term("organe", SCHEMA + "organizer", "node"),
    Term("presidentSeance", ACTES + "presidentSeance", "node"),
    Term("secretaireSeance", ACTES + "secretaireSeance", "node"),
    Term("presences", ACTES + "presence", "node", many=True),
)
BODY_TERMS = (  # nom: shared with the authority's
    Term("classification", ORG + "classification", "string"),  # conseil municipal, bureau…
    Term("sousOrganisationDe", ORG + "subOrganizationOf", "iri"),  # the authority
)
PRESENCE_TERMS = (
    Term("personne", ACTES + "personne", "node"),
    Term("statut", ACTES + "statut", "string"),  # present | excused | absent | represented
    Term("mandataire", ACTES + "mandataire", "node"),  # who holds the proxy
    Term("suppleant", ACTES + "suppleant", "boolean"),
    Term("mandat", ACTES + "mandat", "node"),  # the membership the councillor sits by
    Term("notes", ACTES + "note", "string", many=True),
)
PERSON_TERMS = (  # nom: shared with the authority's (schema:name)
    Term("civilite", SCHEMA + "honorificPrefix", "string"),
)
MEMBERSHIP_TERMS = (
    Term("membre", ORG + "member", "iri"),
    Term("organisation", ORG + "organization", "iri"),
    Term("qualite", ACTES + "qualite", "string"),  # Maire, Première Adjointe… as printed
    Term("commune", ACTES + "commune", "string"),  # an EPCI delegate's commune
)
AUTHORITY_TERMS = (
    Term("nom", SCHEMA + "name", "string"),
    Term("siren", ACTES + "siren", "string"),
    Term("codeInsee", ACTES + "codeInsee", "string"),
    Term("voirAussi", RDFS + "seeAlso", "iri", many=True),
)
TERMS = {term.name: term for term in (ACT_TERMS + VOTE_TERMS + AUTHORITY_TERMS + MOTION_TERMS + COUNT_TERMS
                                     + BALLOT_TERMS + SEANCE_TERMS + BODY_TERMS + PRESENCE_TERMS + PERSON_TERMS
                                     + MEMBERSHIP_TERMS)}
assert not set(TERMS) & set(PREFIXES), "a term named like a prefix would redefine it in the context"


@cache
def compact(iri: str) -> str:
    """'http://data.europa.eu/eli/ontology#title' → 'eli:title' (longest matching prefix)."""
    best = max((ns for ns in PREFIXES.values() if iri.startswith(ns)), key=len, default=None)
    if best is None:
        return iri
    prefix = next(p for p, ns in PREFIXES.items() if ns == best)
    return f"{prefix}:{iri[len(best):]}"


def context() -> dict:
    """The ``@context`` every document carries, and ``contexte.jsonld`` publishes."""
    entries: dict = {"id": "@id", "type": "@type", **PREFIXES}
    for term in TERMS.values():
        entries[term.name] = term.definition()
    return entries


CONTEXT = context()
