"""The matière classifier: act → @CTES level-2 code, calibrated, abstaining when unsure.

- ``normalize``: the text the model reads (objets cleaned of filing prefixes, folded);
- ``features``: the terms of an act and their TF-IDF (pure Python);
- ``model``: the shipped model (plain JSON, numpy) and its ``Prediction``;
- ``data``: training examples (real rows, printed codes, the nomenclature's wordings);
- ``training``: fit, calibrate, choose thresholds (scikit-learn; ``actes train``).

Prediction needs only numpy: ``default_model().predict(MatiereInput(objet, text))``.
"""

from actes.matiere.features import MatiereInput
from actes.matiere.model import MatiereModel, Prediction, default_model, shipped_model_path

__all__ = ["MatiereInput", "MatiereModel", "Prediction", "default_model", "shipped_model_path"]
