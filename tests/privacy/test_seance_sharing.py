"""A person private in one point of minutes stays private in every point's copy of the séance."""

from __future__ import annotations

from actes.privacy import publishable
from actes.privacy.seance import SHARED, share_within_seance
from actes.schemas.act import Act, Source
from actes.schemas.privacy import PersonalData
from actes.schemas.seance import Presence, Seance

ATTENDANCE = [
    Presence(nom="Paul LEROUX", statut="present"),
    Presence(nom="Hélène VASSEUR", statut="present", qualite="consultante"),
]


def _point(number: int, text: str, mentions: list[PersonalData]) -> Act:
    return Act(
        id=f"p{number}",
        source=Source(path="pv.txt", sha256="0" * 64),
        text=text,
        nature_actes="DE",
        seance=Seance(id="seance-1", presences=[p.model_copy() for p in ATTENDANCE]),
        personal_data=mentions,
    )


def _mention(text: str, start: int, status: str) -> PersonalData:
    return PersonalData(
        kind="person",
        text=text,
        start=start,
        end=start + len(text),
        status=status,
        confidence=0.9,
        detector="rule:test",
    )


def _points() -> list[Act]:
    first = "Mme Hélène VASSEUR, consultante, présente l'étude."
    second = "Le conseil approuve le budget."
    return [
        _point(1, first, [_mention("Hélène VASSEUR", first.index("Hélène"), "private")]),
        _point(2, second, []),
    ]


def test_without_sharing_the_second_point_publishes_the_attendance_in_clear():
    acts = _points()
    assert "VASSEUR" in publishable(acts[1]).seance.model_dump_json()


def test_the_private_person_of_one_point_is_replaced_in_every_point_of_the_seance():
    acts = _points()
    share_within_seance(acts)
    shared = [m for m in acts[1].personal_data if m.detector.startswith(SHARED)]
    assert [(m.text, m.start, m.status) for m in shared] == [("Hélène VASSEUR", -1, "private")]
    for act in acts:
        published = publishable(act).seance
        assert "VASSEUR" not in published.model_dump_json()
        assert published.presences[0].nom == "Paul LEROUX"
    assert len(acts[0].personal_data) == 1  # nothing added where the decision was already there


def test_a_private_mention_the_seance_does_not_hold_stays_in_its_own_point():
    acts = _points()
    acts[0].personal_data.append(_mention("Jean DURAND", 0, "private"))
    share_within_seance(acts)
    assert all(m.text != "Jean DURAND" for m in acts[1].personal_data)
