"""How well the national referential names the authority of labelled acts.

For each labelled file, the act the label describes (``actes.evaluation.runner.pick_act``) is
resolved and compared with the label:

- ``collectivite_siren`` labelled: right (same SIREN), wrong (another), ambiguous (candidates
  kept, no SIREN), unresolved;
- ``collectivite_nom`` labelled: the official name found is right when its key is the printed
  name's, or is contained in it ("Villiers-le-Bel" in "Ville de Villiers-le-bel"); the State's
  own acts (a préfet, a prefectoral recueil) are counted apart: no local authority to find.

    .venv/bin/python -m benchmarks.referential ../shared/corpus/labels.jsonl [--cache /tmp/acts.json]

``--cache`` keeps the extracted acts between runs (extraction is the slow part); resolution is
done again on every run, so the figures follow ``actes/referential``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from actes.evaluation.labels import read_labels
from actes.evaluation.runner import pick_act
from actes.referential.names import commune_keys, epci_core, key
from actes.referential.resolve import resolve_authority
from actes.schemas.act import Act


def _acts(labels, cache: Path | None) -> dict[str, list[dict]]:
    stored = json.loads(cache.read_text("utf-8")) if cache and cache.is_file() else {}
    from actes.evaluation.runner import extract_file

    for label in labels:
        if label.file not in stored:
            try:
                stored[label.file] = extract_file(label.path)
            except Exception as exc:  # noqa: BLE001 - an unreadable file counts as no act
                print(f"{label.file}: {exc}", file=sys.stderr)
                stored[label.file] = []
    if cache:
        cache.write_text(json.dumps(stored, ensure_ascii=False), "utf-8")
    return stored


def _name_right(official: str, printed: str) -> bool:
    """Same name, or one containing the other, compared with and without kind words ("CC du Plateau de
    Lannemezan" is right for a label "Communauté de Communes Plateau de Lannemezan Neste Baronnies Baïses")."""
    forms = {key(printed), *commune_keys(printed), epci_core(printed)[0]}
    return any(
        found == f or (f and found in f) or (found and f in found)
        for found in {key(official), epci_core(official)[0]}
        if found
        for f in forms
        if f
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("labels", type=Path)
    parser.add_argument("--cache", type=Path)
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args(argv)
    labels = read_labels(args.labels)
    extracted = _acts(labels, args.cache)
    siren, name, acts_all, delay = Counter(), Counter(), Counter(), Counter()
    for label in labels:
        dumped = pick_act(extracted[label.file], label)
        for data in extracted[label.file]:
            act = Act.model_validate(data)
            found = resolve_authority(act)
            ambiguous = act.provenance.get("collectivite.siren") or None
            ambiguous = ambiguous is not None and ambiguous.extractor == "referential:ambiguous"
            state = "resolved" if found else "ambiguous" if ambiguous else "unresolved"
            acts_all[f"{act.collectivite.type or 'unknown'} {state}"] += 1
            if act.date_convocation and act.date_decision and act.date_convocation <= act.date_decision:
                slugs = {p.slug for p in act.problems}  # as the pipeline checked it (resolution runs before)
                verdict = (
                    "unknown"
                    if "convocation-delay-unknown" in slugs
                    else "too late"
                    if ("convocation-too-late" in slugs)
                    else "report late"
                    if "report-delay-short" in slugs
                    else "respected"
                )
                delay[f"{act.collectivite.type or 'unknown kind'}: {verdict}"] += 1
            if data is not dumped:
                continue
            expected_siren, expected_nom = label.values.get("collectivite_siren"), label.values.get("collectivite_nom")
            verdict_siren = verdict_name = None
            if expected_siren:
                verdict_siren = (
                    ("right" if act.collectivite.siren == expected_siren else "wrong")
                    if act.collectivite.siren
                    else state
                )
                siren[verdict_siren] += 1
            if expected_nom:
                if verdict_siren is not None:  # the labelled SIREN says which authority it is
                    verdict_name = verdict_siren
                elif act.collectivite.type == "etat":
                    verdict_name = "state (no local authority)"
                elif found:
                    verdict_name = "right" if _name_right(found.nom, expected_nom) else "wrong"
                else:
                    verdict_name = state
                name[verdict_name] += 1
            if args.verbose:
                prov = act.provenance.get("collectivite.siren")
                print(
                    f"{label.file[:60]:60} | label {expected_nom!r} {expected_siren} | printed {act.collectivite.nom!r} "
                    f"{act.collectivite.type} | {found.label if found else state} | siren {verdict_siren} name {verdict_name}"
                    f" | {prov.snippet if prov else ''}"
                )
    print(f"labelled SIREN ({sum(siren.values())} acts): " + ", ".join(f"{k} {v}" for k, v in siren.most_common()))
    print(f"labelled name ({sum(name.values())} acts): " + ", ".join(f"{k} {v}" for k, v in name.most_common()))
    print(
        f"convocation delay, acts with both dates ({sum(delay.values())}): "
        + ", ".join(f"{k} {v}" for k, v in sorted(delay.items()))
    )
    print(
        f"every extracted act ({sum(acts_all.values())}): " + ", ".join(f"{k} {v}" for k, v in sorted(acts_all.items()))
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
