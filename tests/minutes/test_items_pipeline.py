"""Minutes with ten points give ten acts, each with its own pages, objet and vote; the SCDL file
has one row per délibération."""

from __future__ import annotations

import csv
import random

from actes.exporters.package import export_package
from actes.extraction import extract_paths
from fixtures.generator import write
from fixtures.generator.collectivites import collectivite
from fixtures.generator.multi import pv


def _rows(path):
    return list(csv.DictReader(path.open(encoding="utf-8", newline="")))


def test_ten_points_of_minutes_are_ten_acts_with_their_pages(tmp_path):
    rng = random.Random("minutes-ten-points")
    coll = collectivite(rng, "commune")
    made = pv(rng, coll, items=10, act_numbers=False)
    written = write(made, coll, tmp_path, "pv-dix-points")
    acts = extract_paths([tmp_path / written.files[0]])
    points = [a for a in acts if a.item is not None]
    assert len(points) == 10 and len(acts) == 11  # the whole file first, then its points
    expected = [c["objet"] for c in made.contained]
    assert [a.objet for a in points] == expected
    assert [a.item.ordre for a in points] == list(range(1, 11))
    assert all(a.seance is not None and a.seance.presences for a in points)  # the head's attendance applies to each
    last_pages = [a.source.pages for a in points]
    assert last_pages[0][0] == 1 and last_pages[-1][-1] > 1  # the points run over the file's pages, in order
    assert all(a.source.pages[0] <= b.source.pages[0] for a, b in zip(points, points[1:], strict=False))

    out = tmp_path / "package"
    export_package(acts, out, publish_invalid=True)  # invented authority: no SIREN, rows kept with their issues
    rows = _rows(out / "actes.csv")
    assert len(rows) == 11
    assert [r["SOURCE_PAGES"] for r in rows[1:]] == [
        str(a.source.pages[0]) if len(a.source.pages) == 1 else f"{a.source.pages[0]}-{a.source.pages[-1]}"
        for a in points
    ]
    scdl = next(p for p in out.iterdir() if p.name.startswith("deliberations") and p.suffix == ".csv")
    deliberations = [a for a in points if a.nature is not None and a.nature.value == "deliberation"]
    assert len(deliberations) == 10  # a point closed by a vote is a délibération
    assert len(_rows(scdl)) == len(deliberations)
