"""Check a published package's linked data from the outside, as a consumer would.

``check_package(out)`` reads the files only (not the catalog): every act of ``actes.jsonl`` has
one JSON-LD document; each document parses (rdflib), expands (pyld) and, all together, conforms
to the SHACL shapes (one pyshacl pass over their union); the dump loads in rdflib and says what
the documents say (isomorphic). It returns the counts and the problems found;
``python -m actes.linked_data.check OUT`` prints them as JSON (exit 1 when a problem is found).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from rdflib import RDF, Graph, URIRef

from actes.linked_data.vocabulary import (
    ACT_CLASS,
    BALLOT_CLASS,
    ELI,
    PERSON_CLASS,
    PRESENCE_CLASS,
    SEANCE_CLASS,
)

DOCUMENTS, DUMP, ACTS = "actes-jsonld.jsonl", "actes.nt", "actes.jsonl"
LEGAL_TEXTS = ("https://www.legifrance.gouv.fr/", "http://data.europa.eu/")  # ELIs of laws; the rest: délibérations


def check_package(out: str | Path) -> dict:
    """Counts and problems of the package's linked data (empty ``problems``: all is well)."""
    import warnings

    from pyld import jsonld
    from rdflib.compare import isomorphic

    from actes.linked_data.shacl import validate

    out = Path(out)
    problems: list[str] = []
    published = [json.loads(line)["id"] for line in _lines(out / ACTS)] if (out / ACTS).is_file() else None
    union = Graph()
    documented: list[str] = []
    for number, line in enumerate(_lines(out / DOCUMENTS), 1):
        doc = json.loads(line)
        documented.append(doc.get("identifiant"))
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)  # rdflib's JSON-LD parser
                union.parse(data=line, format="json-ld")
            if not jsonld.expand(doc):
                problems.append(f"{DOCUMENTS}:{number}: expands to nothing")
        except Exception as error:  # noqa: BLE001 - reported, the check goes on
            problems.append(f"{DOCUMENTS}:{number}: {type(error).__name__}: {error}")
    if published is not None:
        missing = sorted(set(published) - set(documented))
        problems += [f"published act without a JSON-LD document: {act_id}" for act_id in missing[:20]]
    if len(set(documented)) != len(documented):
        problems.append("an act has two documents")
    dump = Graph().parse(out / DUMP, format="nt")
    if not isomorphic(union, dump):
        problems.append(f"{DUMP} does not say what the documents say")
    results = validate(Graph() + union)
    problems += [f"SHACL: {r.focus} {r.path} {r.constraint}: {r.message}" for r in results[:20]]
    cites = URIRef(ELI + "cites")
    acts = set(dump.subjects(RDF.type, URIRef(ACT_CLASS)))
    links = list(dump.objects(None, cites))
    texts = [o for o in links if str(o).startswith(LEGAL_TEXTS)]
    counts = {
        "published_acts": len(published) if published is not None else None,
        "documents": len(documented),
        "triples": len(dump),
        "acts_in_dump": len(acts),
        "shacl_results": len(results),
        "seances": len(set(dump.subjects(RDF.type, URIRef(SEANCE_CLASS)))),
        "presences": len(set(dump.subjects(RDF.type, URIRef(PRESENCE_CLASS)))),
        "councillors": len(set(dump.subjects(RDF.type, URIRef(PERSON_CLASS)))),
        "named_votes": len(set(dump.subjects(RDF.type, URIRef(BALLOT_CLASS)))),
        "links_to_cited_deliberations": len(links) - len(texts),
        "links_to_cited_texts": len(texts),
    }
    return {"counts": counts, "problems": problems, "valid": not problems}


def _lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m actes.linked_data.check OUT", file=sys.stderr)
        return 2
    report = check_package(args[0])
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0 if report["valid"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
