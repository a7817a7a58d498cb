"""Training examples for the matière model, from four honest sources.

- ``load_rows``: real SCDL rows (``../shared/corpus/matiere/rows.csv``): the objet and the code the
  authority itself sent to @CTES;
- ``load_printed``: numbered items of real documents that print the code after their title
  ("3. Abattoir : recrutement d'un agent (4.2)"), the matière as the authority filed it;
- ``load_reviewer``: acts and items of minutes of the corpus's other authorities, filed by a
  reviewer who read them (``labels/matiere-corpus.jsonl``): a careful clerk's code under the
  national nomenclature, not the authority's own, so they are scored as their own row;
- ``load_nomenclature``: the nomenclature's own level-2 and level-3 wordings
  (``../shared/reference/actes/classification``), training only, never scored: they are how the
  codes are defined, not how acts are titled.

Each ``Example`` says where it came from (``origin``), the authority (``group``, its SIREN when
known) and the year, so the evaluation can hold out an authority or a year.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from actes.reference.matieres import MATIERES_1, MATIERES_2

ROWS, PRINTED, REVIEWER, NOMENCLATURE = "rows", "printed", "reviewer", "nomenclature"
REVIEWER_LABELS = Path(__file__).resolve().parents[2] / "labels" / "matiere-corpus.jsonl"
P_CODE2 = re.compile(r"^[1-9]\.(?:10|[1-9])$")
# A numbered item whose title ends with its code in brackets: "12. Abattoir : recrutement (4.2)"
P_ITEM_START = re.compile(r"(?:^|\s)(\d{1,2})\.\s+(?=\S)")
P_PRINTED_CODE = re.compile(r"\(([1-9]\.(?:10|[1-9]))\)\s*$")
P_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


@dataclass(frozen=True)
class Example:
    objet: str
    code: str  # level 2, "7.5"
    origin: str  # rows | printed | reviewer | nomenclature
    group: str  # the authority: SIREN, name, or the document for printed codes
    year: str | None = None
    weight: float = 1.0
    split: str | None = None  # reviewer labels: "tune" (may guide choices of the recipe) or "heldout" (never)


def level2(code: str) -> str | None:
    """'7.5.1' → '7.5'; None when not a known level-2 code."""
    parts = code.strip().split(".")
    two = ".".join(parts[:2])
    return two if P_CODE2.match(two) and two in MATIERES_2 else None


def load_rows(path: str | Path) -> list[Example]:
    """rows.csv: source_id, coll_nom, coll_siret_or_siren, delib_id, delib_date, matiere_code, matiere_nom, objet."""
    examples = []
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            code = level2(row["matiere_code"])
            if code is None or not row["objet"].strip():
                continue
            group = (row.get("coll_siret_or_siren") or "")[:9] or row.get("coll_nom") or "?"
            year = (row.get("delib_date") or "")[:4] or None
            examples.append(Example(row["objet"], code, ROWS, group, year))
    return examples


def printed_items(text: str) -> Iterator[tuple[str, str]]:
    """(title, level-2 code) of every numbered item whose title ends with a bracketed code."""
    starts = list(P_ITEM_START.finditer(text))
    for here, after in zip(starts, [*starts[1:], None], strict=False):
        segment = text[here.end() : after.start() if after else min(len(text), here.end() + 400)]
        match = P_PRINTED_CODE.search(segment.strip())
        code = level2(match[1]) if match else None
        title = segment.strip()[: match.start()].strip() if match else ""
        if code and 10 <= len(title) <= 300:
            yield title, code


def load_printed(texts_dir: str | Path) -> list[Example]:
    """Items with a printed code, from every ``*.txt`` of ``texts_dir``; grouped by the authority
    the file name gives (``actes.evaluation.groups.file_group``, as the reviewer labels are)."""
    from actes.evaluation.groups import file_group

    examples = []
    for path in sorted(Path(texts_dir).glob("*.txt")):
        seen = set()
        text = path.read_text(encoding="utf-8", errors="replace")
        year = P_YEAR.search(path.name)
        for title, code in printed_items(text):
            if (title, code) in seen:  # an agenda and its minutes repeat the titles
                continue
            seen.add((title, code))
            examples.append(
                Example(title, code, PRINTED, f"authority:{file_group(path.name)}", year[1] if year else None)
            )
    return examples


class LabelError(ValueError):
    """A reviewer label that cannot be used; the message names the file, the line and the field."""


def load_reviewer(path: str | Path) -> list[Example]:
    """``labels/matiere-corpus.jsonl``: one act or item a line, ``objet`` and its level-2 ``code``
    as a reviewer filed it (``source: "reviewer"``). The group is the authority's SIREN when the
    line gives one (the same authority as rows of rows.csv), else ``authority:<name>``."""
    import json

    path = Path(path)
    examples = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise LabelError(f"{where}: not JSON ({exc.msg})") from None
        for name in ("file", "authority", "objet", "code", "source"):
            if not str(record.get(name) or "").strip():
                raise LabelError(f'{where}: field "{name}" is missing or empty')
        code = record["code"].strip()
        if level2(code) != code:
            raise LabelError(f'{where}: field "code" is "{code}", not a level-2 code of the nomenclature')
        if record["source"] != REVIEWER:
            raise LabelError(f'{where}: field "source" is "{record["source"]}", expected "{REVIEWER}"')
        year = P_YEAR.search(Path(record["file"]).name)
        group = record.get("siren") or f"authority:{record['authority']}"
        examples.append(
            Example(record["objet"], code, REVIEWER, group, year[1] if year else None, split=record.get("split"))
        )
    return examples


def _nomenclature_entries(folder: Path) -> Iterator[tuple[str, str]]:
    """(code, wording) of every level-2 and level-3 entry of the CSV and XML files of ``folder``."""
    for path in sorted(folder.glob("*.csv")):
        with open(path, encoding="latin-1", newline="") as handle:
            for row in csv.reader(handle):
                if len(row) >= 4 and row[1].strip() in ("2", "3"):
                    yield (row[3] or row[2]).strip(), row[0].strip()
    from actes.readers.safe_xml import parse_xml

    for path in sorted(folder.glob("*.xml")):
        root = parse_xml(path)
        for m1 in root.iter("{*}Matiere1"):
            c1 = m1.get("{*}CodeMatiere") or _attr(m1, "CodeMatiere")
            for m2 in m1.iter("{*}Matiere2"):
                c2 = _attr(m2, "CodeMatiere")
                yield f"{c1}.{c2}", _attr(m2, "Libelle")
                for m3 in m2.iter("{*}Matiere3"):
                    yield f"{c1}.{c2}.{_attr(m3, 'CodeMatiere')}", _attr(m3, "Libelle")


def _attr(element, name: str) -> str:
    return next((v for k, v in element.attrib.items() if k.rsplit("}", 1)[-1] == name), "")


def load_nomenclature(folder: str | Path, weight: float = 2.0) -> list[Example]:
    """One example per distinct wording of a level-2 or level-3 entry, its level-2 label prefixed
    to a level-3 wording ("Marchés publics avenants"). They weigh ``weight`` (2) each: a few
    wordings per code, and the only examples that belong to no authority's habits."""
    seen: set[tuple[str, str]] = set()
    examples = []
    for code, wording in _nomenclature_entries(Path(folder)):
        two = level2(code)
        wording = " ".join(wording.split())
        if two is None or not wording:
            continue
        text = wording if code.count(".") == 1 else f"{MATIERES_2[two]} {wording}"
        key = (two, text.lower())
        if key in seen:
            continue
        seen.add(key)
        examples.append(Example(text, two, NOMENCLATURE, "nomenclature", None, weight))
    for code, label in MATIERES_2.items():  # the package's own wording of every code, once
        text = f"{MATIERES_1[code.split('.')[0]]} {label}"
        if (code, text.lower()) not in seen:
            examples.append(Example(text, code, NOMENCLATURE, "nomenclature", None, weight))
    return examples


@dataclass(frozen=True)
class Sources:
    """Where the training data lies (defaults: ../shared next to the repository)."""

    rows: Path
    texts: Path | None
    nomenclature: Path | None
    reviewer: Path | None = None  # labels/matiere-corpus.jsonl of the repository

    @classmethod
    def under(cls, shared: str | Path, reviewer: str | Path | None = None) -> Sources:
        """The data under ``shared``; the reviewer labels are the repository's unless ``reviewer`` is given."""
        shared = Path(shared)
        reviewer = reviewer or REVIEWER_LABELS
        return cls(
            shared / "corpus" / "matiere" / "rows.csv",
            shared / "corpus" / "texts",
            shared / "reference" / "actes" / "classification",
            Path(reviewer),
        )


def load_all(sources: Sources) -> list[Example]:
    examples = load_rows(sources.rows)
    if sources.texts is not None and sources.texts.is_dir():
        examples += load_printed(sources.texts)
    if sources.reviewer is not None and sources.reviewer.is_file():
        examples += load_reviewer(sources.reviewer)
    if sources.nomenclature is not None and sources.nomenclature.is_dir():
        examples += load_nomenclature(sources.nomenclature)
    return examples
