"""Which authority a labelled file belongs to: cross-validation folds never split one.

A label may name it (``authority``); otherwise the file name's leading words, up to the first
word that says what kind of document it is or the first number ("cc-foo-bar-pv-conseil-…" →
"cc-foo-bar"). Generated fixtures carry their authority in ``collectivite_nom``.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from actes.evaluation.labels import Label
from actes.evaluation.matching import fold

# Words that start the document-kind part of a corpus file name.
DOCUMENT_WORDS = frozenset(
    "pv proces compte comptes cr deliberation deliberations delib liste extrait extraits annexe annexes rapport raa "
    "recueil budget plu plui reglement convocation ordre note rob bail convention pcaet registre releve projets "
    "projet arrete arretes decision decisions courrier notice avis document".split()
)


def file_group(file: str) -> str:
    words = re.split(r"[-_\s.]+", PurePosixPath(file).stem.lower())
    kept = []
    for word in words:
        if word in DOCUMENT_WORDS or word.isdigit():
            break
        kept.append(word)
    return "-".join(kept) or PurePosixPath(file).stem


def authority_group(label: Label) -> str:
    named = label.values.get("authority_group")
    if isinstance(named, str) and named.strip():
        return fold(named)
    if "/" not in label.file and label.values.get("collectivite_nom"):  # generated fixtures: flat folder
        return "generated:" + fold(str(label.values["collectivite_nom"]))
    return file_group(label.file)
