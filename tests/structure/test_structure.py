"""The block model: segmentation of flattened text, weak labels, fit, JSON round trip, and the
shipped model on a repo fixture."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from actes.readers import read_document
from actes.structure.model import BlockModel, load_default_structure
from actes.structure.segments import segments
from actes.structure.training import fit, flat, locate, sample_of, weak_labels

ROOT = Path(__file__).resolve().parents[2]

FLAT = (
    "RÉPUBLIQUE FRANÇAISE COMMUNE DE TESTVILLE PROCÈS-VERBAL DU CONSEIL MUNICIPAL DU 12 DÉCEMBRE 2022 "
    "L'an deux mille vingt-deux, le douze décembre, le conseil municipal s'est réuni sous la présidence de "
    "M. Jean DUPONT, Maire. Etaient présents : M. Jean DUPONT, Mme Anne MARTIN. Vu le code général des "
    "collectivités territoriales, Considérant l'intérêt du projet, Le conseil municipal, après en avoir "
    "délibéré, DÉCIDE d'approuver le projet. Adopté à l'unanimité. Fait à Testville, le 13 décembre 2022 "
    "Le Maire, Jean DUPONT"
)


def _texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in segments(text)]


def test_flattened_text_is_cut_where_blocks_start():
    parts = _texts(FLAT)
    # a flattened letterhead is cut where each of its headings starts, not inside "DU CONSEIL MUNICIPAL"
    assert parts[:2] == ["RÉPUBLIQUE FRANÇAISE", "COMMUNE DE TESTVILLE"]
    assert "PROCÈS-VERBAL DU CONSEIL MUNICIPAL DU 12 DÉCEMBRE 2022" in parts
    assert any(p.startswith("Etaient présents") for p in parts)
    assert any(p.startswith("Vu le code") for p in parts)
    assert any(p.startswith("Considérant") for p in parts)
    assert any(p.startswith("DÉCIDE") for p in parts)
    # a name in capitals after a civility stays in its sentence
    assert not any(p.startswith("DUPONT") for p in parts)


def test_lines_are_segments_when_the_text_keeps_them():
    text = "COMMUNE DE TESTVILLE\nArrêté n° 12\nObjet : travaux de voirie\n\nLe Maire,\n"
    assert _texts(text) == ["COMMUNE DE TESTVILLE", "Arrêté n° 12", "Objet : travaux de voirie", "Le Maire,"]


def test_locate_ignores_case_accents_and_punctuation():
    text = "EXTRAIT  PROCES-VERBAL du Conseil"
    span = locate(flat(text), "procès verbal du conseil")
    assert span is not None and text[span[0] : span[1]] == "PROCES-VERBAL du Conseil"
    assert len(flat(text)) == len(text)


def test_weak_labels_from_the_label_values_and_the_leading_words():
    segs = segments(FLAT)
    values = {"objet": "Procès-verbal du conseil municipal du 12 décembre 2022", "president": "Jean DUPONT"}
    labels = dict(zip(_texts(FLAT), weak_labels(FLAT, segs, None, values), strict=True))
    assert labels["PROCÈS-VERBAL DU CONSEIL MUNICIPAL DU 12 DÉCEMBRE 2022"] == "title"
    assert labels["COMMUNE DE TESTVILLE"] == "header"  # before the title
    kinds = {text.split()[0]: kind for text, kind in labels.items()}
    assert kinds["Vu"] == "recital" and kinds["Considérant"] == "recital"
    assert kinds["DÉCIDE"] == "operative"
    assert kinds["Etaient"] == "attendance"
    # no objet located: nothing is called header or other
    assert "header" not in weak_labels(FLAT, segs, None, {"objet": "autre chose"})


def _synthetic(count: int, seed: int):
    """Acts of invented authorities, flattened or not, each with its own title."""
    rng = random.Random(seed)
    samples = []
    for i in range(count):
        title = rng.choice(["PROCÈS-VERBAL DU CONSEIL MUNICIPAL", "COMPTE RENDU DE LA SÉANCE", "RÈGLEMENT INTÉRIEUR"])
        title += f" DU {rng.randint(1, 28)} MARS {rng.randint(2019, 2024)}"
        parts = [
            f"RÉPUBLIQUE FRANÇAISE DÉPARTEMENT DE NUMÉRO{i}",
            title,
            "L'an deux mille vingt, le conseil s'est réuni.",
            "Etaient présents : M. Paul ROBERT.",
            "Vu le code général,",
            "Considérant le besoin,",
            "DÉCIDE d'adopter le texte.",
        ]
        text = ("\n" if i % 2 else " ").join(parts)
        samples.append(sample_of(f"authority-{i % 7}", text, None, {"objet": title}))
    return samples


def test_fit_is_reproducible_and_survives_json():
    samples = _synthetic(28, 1)
    model = fit(samples, seed=3)
    again = fit(samples, seed=3)
    assert model.to_json() == again.to_json()
    restored = BlockModel.from_json(json.loads(json.dumps(model.to_json())))
    text = "RÉPUBLIQUE FRANÇAISE DÉPARTEMENT DE NUMÉROX\nCOMPTE RENDU DE LA SÉANCE DU 3 MARS 2021\nVu le code,\n"
    blocks = restored.analyse(text).blocks
    assert [b.kind for b in blocks] == ["header", "title", "recital"]
    assert blocks[1].probs["title"] == pytest.approx(model.analyse(text).blocks[1].probs["title"], abs=1e-3)


def test_shipped_model_finds_the_title_of_a_fixture_act():
    model = load_default_structure()
    if model is None:
        pytest.skip("no shipped structure model")
    labels = {
        json.loads(line)["file"]: json.loads(line)
        for line in (ROOT / "fixtures" / "generated" / "labels.jsonl").read_text(encoding="utf-8").splitlines()
    }
    found = 0
    txts = sorted(p for p in (ROOT / "fixtures" / "generated").glob("*.txt"))
    for path in txts:
        text = read_document(path).text  # the fixtures' texts are not all UTF-8: the reader guesses
        structure = model.analyse(text)
        titles = [structure.text_of(i) for i, b in enumerate(structure.blocks) if b.kind == "title"]
        objet = labels[path.name]["objet"]
        found += any(flat(objet).split()[0] in flat(t) for t in titles)
    assert txts and found / len(txts) >= 0.6


def test_a_flattened_letterhead_is_cut_at_each_heading_but_a_title_stays_whole():
    text = (
        "DÉPARTEMENT DE LA SOMME ARRONDISSEMENT DE TESTBOURG COMMUNE DE TESTVILLE CONSEIL MUNICIPAL "
        "PROCES - VERBAL Séance du 6 février 2023 L'an deux mille vingt-trois, le six février, le conseil "
        "municipal s'est réuni sous la présidence de M. Jean DUPONT, Maire, dans la salle habituelle."
    )
    parts = _texts(text)
    assert parts[:5] == [
        "DÉPARTEMENT DE LA SOMME",
        "ARRONDISSEMENT DE TESTBOURG",
        "COMMUNE DE TESTVILLE",
        "CONSEIL MUNICIPAL",
        "PROCES - VERBAL",
    ]
    titled = _texts(
        "RÈGLEMENT DU SERVICE PUBLIC DE L'ASSAINISSEMENT DE LA COMMUNE DE TESTVILLE Le présent "
        "règlement définit les conditions et modalités auxquelles est soumis le déversement des eaux "
        "usées dans le réseau public de la commune."
    )
    assert titled[0] == "RÈGLEMENT DU SERVICE PUBLIC DE L'ASSAINISSEMENT DE LA COMMUNE DE TESTVILLE"


def test_each_row_shows_its_neighbours_own_features_only():
    from actes.structure.features import segment_features

    segs = segments(FLAT)
    rows = segment_features(FLAT, segs)
    assert rows[0]["p:none"] == 1.0 and rows[-1]["n:none"] == 1.0
    for i, row in enumerate(rows):
        # a neighbour's own features, never what its own neighbours added to it
        assert not [k for k in row if k.startswith(("p:p:", "p:n:", "n:p:", "n:n:"))]
        for side, j in (("p", i - 1), ("n", i + 1)):
            if 0 <= j < len(rows):
                shown = {k[2:] for k in row if k.startswith(f"{side}:") and k[2:].startswith(("w1:", "end:"))}
                assert shown == {k for k in rows[j] if k.startswith(("w1:", "end:"))}
                assert row[f"{side}:upper"] == rows[j]["upper"]
