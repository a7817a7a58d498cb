"""The national referential built from the committed extract (data/decoupage, see make_fixture.py)."""

from __future__ import annotations

import tarfile
from pathlib import Path

import pytest

from actes.referential.build import build
from actes.referential.national import National

PACKAGE = Path(__file__).parent / "data" / "decoupage" / "package"


def make_tarball(folder: Path, version: str = "6.0.0") -> Path:
    """The fixture packed as npm packs it: every file under ``package/``."""
    tarball = folder / f"etalab-decoupage-administratif-{version}.tgz"
    with tarfile.open(tarball, "w:gz") as tar:
        tar.add(PACKAGE, arcname="package")
    return tarball


@pytest.fixture(scope="session")
def tarball(tmp_path_factory) -> Path:
    return make_tarball(tmp_path_factory.mktemp("npm"))


@pytest.fixture(scope="session")
def db(tarball, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("referential") / "authorities.sqlite"
    build(tarball, path)
    return path


@pytest.fixture(scope="session")
def ref(db) -> National:
    return National(db)
