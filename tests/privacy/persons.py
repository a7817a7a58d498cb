"""An act made of a text, and the persons the privacy step finds in it with their features: what
the tests of the learned decision look at."""

from __future__ import annotations

from actes.privacy.detect import persons_of, prepare
from actes.schemas.act import Act, PersonalData, Source


def act_of(text: str) -> Act:
    return Act(id="t", source=Source(path="t.txt", sha256="0" * 64), text=text)


def persons_in(text: str) -> dict[str, dict[str, float]]:
    """Each person found (rules only, no NER) by its longest mention → its features."""
    return {
        max((m.text for m in p.mentions), key=len): p.features for p in persons_of(prepare(act_of(text), use_nlp=False))
    }


def official_mention(text: str, name: str, after: str = "") -> PersonalData:
    """``name``'s first mention in ``text`` (after ``after``, when given) as an official the rules found."""
    start = text.index(name, text.index(after) if after else 0)
    return PersonalData(kind="person", text=name, start=start, end=start + len(name), status="official",
                        confidence=0.9, detector="rule:name-form")
