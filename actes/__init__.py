"""actes: the acts of French local authorities as validated open data.

Library use::

    from actes import extract_paths, run
    acts = extract_paths(["delib.pdf"])
    report = run("inbox/", "out/")
"""

from actes.api import RunReport, extract_paths, extract_submission, run
from actes.schemas.act import Act
from actes.version import EXTRACTOR_VERSION, __version__

__all__ = ["EXTRACTOR_VERSION", "Act", "RunReport", "__version__", "extract_paths", "extract_submission", "run"]
