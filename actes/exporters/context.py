"""What the exporters of one package share: the referential, the publication policy, the
validation verdicts on rows, and the listeners of written cells (provenance.csv)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from actes.referential import Match, Referential
from actes.schemas.act import Act


@dataclass
class Issue:
    """Why a row would fail the validator: the check's name, the column, a sentence."""

    check: str
    column: str
    message: str
    columns: tuple[str, ...] = ()  # every column the check looked at

    def as_dict(self) -> dict:
        return {"check": self.check, "column": self.column, "message": self.message,
                "columns": list(self.columns or (self.column,))}


@dataclass
class RowVerdict:
    """What happened to one row that did not pass as it was.

    ``action``: "held" (kept out of the file), "published-invalid" (written anyway, by
    ``--publish-invalid``), "votes-withheld" / "budget-withheld" (row written with those
    cells left empty because they were inconsistent).
    """

    file: str
    act_id: str
    action: str
    issues: list[Issue]

    def as_dict(self) -> dict:
        return {"file": self.file, "act_id": self.act_id, "action": self.action,
                "issues": [i.as_dict() for i in self.issues]}


@dataclass
class ExportContext:
    referential: Referential | None = None
    publish_invalid: bool = False
    verdicts: list[RowVerdict] = field(default_factory=list)
    cell_sinks: list[Callable[[str, list], None]] = field(default_factory=list)
    unmatched: Counter = field(default_factory=Counter)  # "SIREN 123456782" → délibérations without SIRET
    catalog: object | None = None  # the Catalog the package is read from, when there is one (cited délibérations)
    file_prefix: str = ""  # where the files sit in the published package ("partitions/2025/210199907/")
    partition: str | None = None  # the partition written ("2025/210199907"), in a partitioned package
    siren: str | None = None  # the one authority of a partition: délibérations it may cite are looked up for it only
    shared: dict = field(default_factory=dict)  # what exporters learn once per export, across its partitions
    _matches: dict[tuple, Match | None] = field(default_factory=dict, repr=False)

    def match(self, act: Act) -> Match | None:
        """The referential entry of the act's collectivité (by SIREN, else by name), or None."""
        if self.referential is None:
            return None
        key = (act.collectivite.siren, act.collectivite.nom)
        if key not in self._matches:
            found = self.referential.match(*key)
            siren_prov = act.provenance.get("collectivite.siren")
            if found is None and siren_prov is not None and siren_prov.extractor == "referential:name":
                found = self.referential.match(None, act.collectivite.nom)  # the SIREN was only looked up from that name
            self._matches[key] = found
        return self._matches[key]

    def cells_written(self, filename: str, cells: list) -> None:
        for sink in self.cell_sinks:
            sink(self.file_prefix + filename, cells)
