"""seances.csv (one row per meeting), presences.csv (one row per councillor and meeting) and
votes_nominatifs.csv (one row per councillor and point where the text names their vote).

Every act of a meeting carries the same ``Seance`` (``actes.minutes``); both files keep the
first one seen for each séance ID and count the acts that point at it. Rows are written at
``finish``, séances in the order first met. Councillors' names are public (officials acting in
office): they come from the prepared act, as every other file's values.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from actes.exporters.base import Exporter, serialize
from actes.exporters.csv_base import open_csv
from actes.schemas.act import Act
from actes.schemas.seance import STATUTS, VOTES_NOMINATIFS, Seance


def _pages(pages: list[int]) -> str | None:
    if not pages:
        return None
    return str(pages[0]) if len(pages) == 1 else f"{pages[0]}-{pages[-1]}"


def _file(path: str | None) -> str | None:
    return path.replace("\\", "/").rsplit("/", 1)[-1] if path else None


class _SeanceExporter(Exporter):
    """Collects the séances of the acts written, writes its rows at ``finish``."""

    fields: ClassVar[list[tuple[str, str, str]]]  # (column, Table Schema type, description)

    def start(self, out: Path) -> None:
        super().start(out)
        self._seances: dict[str, Seance] = {}
        self._acts: dict[str, int] = {}

    def header(self) -> list[str]:
        return [name for name, _, _ in self.fields]

    def write(self, act: Act) -> None:
        seance = act.seance
        if seance is None or not seance.presences:
            return
        self._seances.setdefault(seance.id, seance)
        self._acts[seance.id] = self._acts.get(seance.id, 0) + 1

    def rows_of(self, seance: Seance) -> list[list]:  # pragma: no cover - abstract
        raise NotImplementedError

    def finish(self) -> Path:
        handle, writer = open_csv(self.path)
        with handle:
            writer.writerow(self.header())
            for seance in self._seances.values():
                for row in self.rows_of(seance):
                    writer.writerow([serialize(value) for value in row])
                    self.rows += 1
        return self.path

    def schema(self) -> dict:
        fields = []
        for name, kind, description in self.fields:
            field = {"name": name, "type": kind, "description": description}
            if kind == "boolean":
                field["trueValues"], field["falseValues"] = ["true"], ["false"]
            fields.append(field)
        fields[0]["constraints"] = {"required": True}
        return {"fields": fields}


class SeancesCsvExporter(_SeanceExporter):
    name: ClassVar[str] = "seances"
    filename: ClassVar[str] = "seances.csv"
    title: ClassVar[str] = "Séances (one row per meeting, with its attendance counts)"
    fields: ClassVar[list[tuple[str, str, str]]] = [
        ("SEANCE_ID", "string", "Stable ID: authority, date and body of the meeting."),
        ("COLL_NOM", "string", "Name of the authority as printed."),
        ("COLL_SIREN", "string", "9-digit SIREN of the authority."),
        ("ORGANE", "string", "conseil municipal, conseil communautaire, bureau, commission permanente, comité syndical…"),
        ("SEANCE_DATE", "date", "Date of the meeting."),
        ("LIEU", "string", "Place of the meeting as printed."),
        ("CONVOCATION_DATE", "date", "Date the members were convened."),
        ("PRESIDENT", "string", "Président de séance."),
        ("SECRETAIRE", "string", "Secrétaire de séance."),
        ("EN_EXERCICE", "integer", "Members in office, as printed."),
        ("PRESENTS", "integer", "Members present, as printed."),
        ("REPRESENTES", "integer", "Proxies, as printed."),
        ("VOTANTS", "integer", "Voters, as printed."),
        ("NB_PRESENTS_NOMMES", "integer", "Members named present in the attendance list."),
        ("NB_REPRESENTES_NOMMES", "integer", "Members named represented (gave a proxy or replaced by a substitute)."),
        ("NB_EXCUSES_NOMMES", "integer", "Members named excused without proxy."),
        ("NB_ABSENTS_NOMMES", "integer", "Members named absent."),
        ("NB_ACTES", "integer", "Acts of the package decided in this meeting."),
        ("SOURCE_FICHIER", "string", "File the attendance was read from."),
        ("SOURCE_SHA256", "string", "sha256 of that file."),
        ("SOURCE_PAGES", "string", "Pages of the attendance block, e.g. 1 or 1-2."),
    ]

    def rows_of(self, seance: Seance) -> list[list]:
        counts = seance.counts()
        return [[
            seance.id, seance.collectivite, seance.siren, seance.organe, seance.date, seance.lieu, seance.date_convocation,
            seance.president, seance.secretaire, seance.en_exercice, seance.presents, seance.representes, seance.votants,
            counts["present"], counts["represented"], counts["excused"], counts["absent"], self._acts.get(seance.id, 0),
            _file(seance.source_path), seance.source_sha256, _pages(seance.pages),
        ]]

    def schema(self) -> dict:
        schema = super().schema()
        schema["fields"][0]["constraints"]["unique"] = True
        schema["primaryKey"] = ["SEANCE_ID"]
        return schema


class PresencesCsvExporter(_SeanceExporter):
    name: ClassVar[str] = "presences"
    filename: ClassVar[str] = "presences.csv"
    title: ClassVar[str] = "Présences (one row per councillor and meeting)"
    fields: ClassVar[list[tuple[str, str, str]]] = [
        ("SEANCE_ID", "string", "The meeting (seances.csv)."),
        ("SEANCE_DATE", "date", "Date of the meeting."),
        ("COLL_NOM", "string", "Name of the authority as printed."),
        ("ORGANE", "string", "Body that met."),
        ("ELU_NOM", "string", "Councillor's name as printed, civility and title removed."),
        ("CIVILITE", "string", "M. or Mme when printed."),
        ("QUALITE", "string", "Title printed with the name (Maire, Première Adjointe…)."),
        ("COMMUNE", "string", "Member commune of an EPCI delegate."),
        ("STATUT", "string", "present | excused | absent | represented."),
        ("MANDATAIRE", "string", "Who holds the proxy of a represented member."),
        ("SUPPLEANT", "boolean", "The member is replaced by a substitute rather than a proxy."),
        ("NOTES", "string", "Arrival and departure notes, ';'-separated."),
        ("SOURCE_PAGE", "integer", "Page where the entry was read."),
        ("CONFIANCE", "number", "Confidence of the reading, 0 to 1."),
    ]

    def rows_of(self, seance: Seance) -> list[list]:
        rows = []
        for p in seance.presences:
            prov = p.provenance
            rows.append([
                seance.id, seance.date, seance.collectivite, seance.organe, p.nom, p.civilite, p.qualite, p.commune,
                p.statut, p.mandataire, p.suppleant, "; ".join(p.notes) or None,
                prov.page if prov else None, prov.confidence if prov else None,
            ])
        return rows

    def schema(self) -> dict:
        schema = super().schema()
        for field in schema["fields"]:
            if field["name"] == "ELU_NOM":
                field["constraints"] = {"required": True}
            if field["name"] == "STATUT":
                field["constraints"] = {"required": True, "enum": list(STATUTS)}
        return schema


class VotesNominatifsCsvExporter(_SeanceExporter):
    """One row per councillor and point where the text names their vote ("Votes contre : M. X")."""

    name: ClassVar[str] = "votes_nominatifs"
    filename: ClassVar[str] = "votes_nominatifs.csv"
    title: ClassVar[str] = "Votes nominatifs (one row per councillor named voting against, abstaining or not voting on a point)"
    fields: ClassVar[list[tuple[str, str, str]]] = [
        ("SEANCE_ID", "string", "The meeting (seances.csv)."),
        ("SEANCE_DATE", "date", "Date of the meeting."),
        ("ACTE_ID", "string", "The act (actes.csv) the vote is on."),
        ("ORDRE", "integer", "Position of the point in the minutes."),
        ("OBJET", "string", "Objet of the point."),
        ("ELU_NOM", "string", "Councillor as named in the attendance list."),
        ("VOTE", "string", "contre | abstention | ne prend pas part."),
        ("NOM_IMPRIME", "string", "The name as printed in the vote."),
        ("SOURCE_PAGE", "integer", "Page where the vote was read."),
        ("CONFIANCE", "number", "Confidence of the reading, 0 to 1."),
    ]

    def start(self, out: Path) -> None:
        super().start(out)
        self._rows: list[list] = []

    def write(self, act: Act) -> None:
        item, seance = act.item, act.seance
        if item is None or seance is None:
            return
        for vote in item.votes_nominatifs:
            prov = vote.provenance
            self._rows.append([
                seance.id, seance.date, act.id, item.ordre, act.objet, vote.nom, vote.vote, vote.printed,
                prov.page if prov else None, prov.confidence if prov else None,
            ])

    def finish(self) -> Path:
        handle, writer = open_csv(self.path)
        with handle:
            writer.writerow(self.header())
            for row in self._rows:
                writer.writerow([serialize(value) for value in row])
                self.rows += 1
        return self.path

    def schema(self) -> dict:
        schema = super().schema()
        for field in schema["fields"]:
            if field["name"] in ("ACTE_ID", "ELU_NOM"):
                field["constraints"] = {"required": True}
            if field["name"] == "VOTE":
                field["constraints"] = {"required": True, "enum": list(VOTES_NOMINATIFS)}
        return schema
