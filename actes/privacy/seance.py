"""One privacy decision per séance: a person private in one point of minutes is private in all.

The points of one minutes file are separate acts that share their séance (attendance, president,
secretary). Each act is pseudonymised with its own mentions, but the séance-level files
(presences.csv, seances.csv, the Popolo graph, the site's séance pages) publish the séance once,
from whichever point comes first. A person decided private in the point that names them (a
consultant who speaks, an outsider attending a commission) but not in the point whose copy is
published would then appear in clear. So the private mentions of a séance's points that also
appear in the séance itself are given to every point of it, as mentions with no offsets (found
by their text when the act is published): the most private decision wins.
"""

from __future__ import annotations

import json
from collections import defaultdict

from actes.privacy import match
from actes.schemas.act import Act
from actes.schemas.privacy import PersonalData

SHARED = "seance:"  # detector prefix of a mention received from another point of the séance
DOCUMENT = "document:"  # detector prefix of a datum received from another act of the document


def _key(mention: PersonalData) -> tuple[str, str]:
    return mention.kind, match.fold_value(mention.text)


def share_within_seance(acts: list[Act]) -> None:
    """Give every act of a séance the private mentions its séance holds from any of its acts."""
    by_seance: dict[str, list[Act]] = defaultdict(list)
    for act in acts:
        if act.seance is not None:
            by_seance[act.seance.id].append(act)
    for group in by_seance.values():
        if len(group) < 2:
            continue
        seance = match.fold(json.dumps(group[0].seance.model_dump(mode="json"), ensure_ascii=False))
        private: dict[tuple[str, str], PersonalData] = {}
        for act in group:
            for mention in act.personal_data:
                if mention.status == "private" and mention.text and match.contains(seance, _key(mention)[1]):
                    private.setdefault(_key(mention), mention)
        for act in group:
            own = {_key(m) for m in act.personal_data if m.status == "private"}
            for key, mention in private.items():
                if key not in own:
                    act.personal_data.append(
                        mention.model_copy(update={"start": -1, "end": -1, "detector": SHARED + mention.detector})
                    )


def share_within_document(acts: list[Act]) -> None:
    """Give every act of one document the private data other than names that another of its acts
    holds, where its own text or objet shows them: a parcel a private person bought in one
    decision of a list is the same land in the next one, which names only the companies that
    sell it on. Names stay each act's own decision (a surname is an official's in another act)."""
    by_document: dict[str, list[Act]] = defaultdict(list)
    for act in acts:
        by_document[act.source.sha256].append(act)
    for group in by_document.values():
        if len(group) < 2:
            continue
        private: dict[tuple[str, str], PersonalData] = {}
        for act in group:
            for mention in act.personal_data:
                if mention.status == "private" and mention.kind != "person" and mention.text:
                    private.setdefault(_key(mention), mention)
        for act in group:
            own = {_key(m) for m in act.personal_data if m.status == "private"}
            written = match.fold(f"{act.objet or ''}\n\n{act.text or ''}")
            for key, mention in private.items():
                if key not in own and match.contains(written, key[1]):
                    act.personal_data.append(
                        mention.model_copy(update={"start": -1, "end": -1, "detector": DOCUMENT + mention.detector})
                    )


def share_decisions(acts: list[Act]) -> None:
    """What follows deciding each act of a document, in extraction and in the evaluation alike: one
    decision per séance, and the private data of one act hidden in the acts of its document that
    show them."""
    share_within_seance(acts)
    share_within_document(acts)
