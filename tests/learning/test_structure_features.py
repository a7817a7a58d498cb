"""The scorer's candidates carry the block model's features, and flattened titles are candidates."""

from __future__ import annotations

from actes.extractors import TextView, run_extractors
from actes.learning.candidates import gather
from actes.structure.model import using_structure
from actes.structure.training import fit, sample_of

TITLE = "PROCÈS-VERBAL DU CONSEIL MUNICIPAL DU 12 DÉCEMBRE 2022"
FLAT = (
    f"RÉPUBLIQUE FRANÇAISE COMMUNE DE TESTVILLE {TITLE} L'an deux mille vingt-deux, le douze décembre, le "
    "conseil municipal s'est réuni sous la présidence de M. Jean DUPONT, Maire. Etaient présents : M. Jean "
    "DUPONT, Mme Anne MARTIN. Vu le code général des collectivités territoriales, Considérant l'intérêt du "
    "projet, Le conseil municipal, après en avoir délibéré, DÉCIDE d'approuver le projet."
)


def _block_model():
    """A block model fitted on invented acts, half of them flattened."""
    samples = []
    for i in range(24):
        title = ["COMPTE RENDU DE LA SÉANCE", "PROCÈS-VERBAL DE LA RÉUNION", "RÈGLEMENT DU SERVICE"][i % 3]
        title += f" DU {i + 1} MARS 2021"
        parts = [
            f"RÉPUBLIQUE FRANÇAISE DÉPARTEMENT DE NUMÉRO{i}",
            title,
            "L'an deux mille vingt et un, réunion.",
            "Etaient présents : M. Paul ROBERT.",
            "Vu le code général,",
            "DÉCIDE d'adopter le texte.",
        ]
        text = ("\n" if i % 2 else " ").join(parts)
        samples.append(sample_of(f"authority-{i % 6}", text, None, {"objet": title}))
    return fit(samples, seed=1)


def test_scorer_candidates_carry_the_blocks_they_sit_in(monkeypatch):
    import actes.learning.candidates as candidates

    monkeypatch.setattr(candidates, "USE_STRUCTURE", True)  # off in the shipped scorer until measured
    view = TextView.of_text(FLAT)
    with using_structure(_block_model()):
        candidates = gather(view, run_extractors(view))
    objets = {c.value: c for c in candidates if c.field == "objet"}
    assert TITLE in objets  # flattened text: the title is a block, not a line
    chosen = objets[TITLE]
    assert any(f.extractor.startswith("generic:title-") for f in chosen.findings)
    assert chosen.features["blk_starts"] == 1.0 and chosen.features["before_operative"] == 1.0
    assert chosen.features.get("blk:title", 0.0) > 0.5
    with using_structure(None):
        bare = gather(view, run_extractors(view))
    assert not any(name.startswith("blk") for c in bare for name in c.features)


def test_the_shipped_scorer_was_trained_with_the_block_features_the_switch_gives_it():
    """USE_STRUCTURE and the shipped fields model go together: block features the model never
    weighed would change nothing but the time, and weights for features never computed would be dead."""
    import actes.learning.candidates as candidates
    from actes.learning.model import load_default_model

    model = load_default_model()
    assert model is not None
    weighed = {name for kind in candidates.STRUCTURED_KINDS for name in model.weights.get(kind, {})}
    assert (
        any(name.startswith(("blk", "objet|blk", "before_operative")) for name in weighed) == candidates.USE_STRUCTURE
    )
