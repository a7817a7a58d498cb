"""`actes train`: fit the models the package ships, from the shared training data.

One function per model (``MODELS``): each takes the shared folder, the output folder and the seed,
writes its JSON and returns a line to print. ``--only`` picks one. The same seed and data give
the same files.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SHARED = ROOT.parent / "shared"
DEFAULT_OUT = ROOT / "actes" / "models"
DEFAULT_SEED = 20240601


def train_matiere(shared: Path, out: Path, seed: int) -> str:
    from actes.matiere.data import Sources, load_all
    from actes.matiere.model import MODEL_FILE
    from actes.matiere.training import train_and_save

    sources = Sources.under(shared)
    if not sources.rows.is_file():
        raise FileNotFoundError(f'no matière training rows at "{sources.rows}" (give --shared)')
    examples = load_all(sources)
    path = out / MODEL_FILE
    model = train_and_save(examples, path, seed)
    kb = path.stat().st_size / 1024
    return (f"matiere: {len(examples)} examples ({', '.join(f'{k} {v}' for k, v in model.meta['examples'].items())}), "
            f"{len(model.classes)} codes, {len(model.vectorizer.vocabulary)} terms, thresholds "
            f"level 2 {model.thresholds['level2']:.2f} / level 1 {model.thresholds['level1']:.2f} → {path} ({kb:.0f} KB)")


def train_fields(shared: Path, out: Path, seed: int) -> str:
    from actes.learning.dataset import train_from_labels, training_label_files
    from actes.learning.model import DEFAULT_MODEL_PATH

    files = training_label_files(shared, ROOT)
    missing = [f for f in files if not f.is_file()]
    if missing:
        raise FileNotFoundError(f'no labels at "{missing[0]}" (give --shared)')
    path = out / DEFAULT_MODEL_PATH.name
    model, items = train_from_labels(files, shared / "corpus", path, seed)
    failed = [item.label.file for item in items if item.acts is None]
    modes = model.meta["policies"]
    kb = path.stat().st_size / 1024
    return (f"fields: {model.meta['examples']} examples from {len(items)} labelled files ({len(failed)} unreadable) "
            f"of {model.meta['groups']} authorities; {sum(m == 'model' for m in modes.values())} fields answered by "
            f"the model, {sum(m == 'rules' for m in modes.values())} by the rules' choice → {path} ({kb:.0f} KB)")


def train_structure(shared: Path, out: Path, seed: int) -> str:
    from actes.learning.dataset import train_structure_from_labels, training_label_files
    from actes.structure.model import DEFAULT_STRUCTURE_PATH, load_default_structure

    files = training_label_files(shared, ROOT)
    missing = [f for f in files if not f.is_file()]
    if missing:
        raise FileNotFoundError(f'no labels at "{missing[0]}" (give --shared)')
    path = out / DEFAULT_STRUCTURE_PATH.name
    model = train_structure_from_labels(files, shared / "corpus", path, seed)
    load_default_structure.cache_clear()  # the fields scorer trained next describes candidates with it
    oof = model.meta["out_of_fold"]
    kb = path.stat().st_size / 1024
    return (f"structure: {model.meta['segments']} weakly labelled segments of {model.meta['documents']} files, "
            f"{model.meta['groups']} authorities; out of fold: accuracy {oof['accuracy']['value']:.3f}, title F1 "
            f"{oof['title']['f1']:.3f} → {path} ({kb:.0f} KB)")


def train_items(shared: Path, out: Path, seed: int) -> str:
    from actes.evaluation.items import DEFAULT_LABELS, load, training_set
    from actes.minutes.start_model import MODEL_PATH, fit

    labels = ROOT / DEFAULT_LABELS
    if not (shared / "corpus").is_dir():
        raise FileNotFoundError(f'no corpus at "{shared / "corpus"}" (give --shared)')
    files, failures = load(labels, shared / "corpus")
    model = fit(training_set(files), seed)
    path = out / MODEL_PATH.name
    model.save(path)
    meta = model.meta
    return (f"items: {meta['starts']} item starts among {meta['candidates']} candidates of {meta['files']} labelled minutes "
            f"({len(failures)} unreadable), {meta['authorities']} authorities; threshold {model.threshold:.2f} → {path}")


def train_privacy(shared: Path, out: Path, seed: int) -> str:
    from actes.privacy.scorer import DEFAULT_PRIVACY_MODEL, load_default_scorer
    from actes.privacy.training import examples_of, load_labelled, train_and_save

    real_labels = ROOT / "labels" / "privacy-corpus.jsonl"
    generated_labels = ROOT / "fixtures" / "privacy" / "labels.jsonl"
    if not (shared / "corpus" / "texts").is_dir():
        raise FileNotFoundError(f'no corpus texts under "{shared / "corpus"}" (give --shared)')
    files = load_labelled(real_labels, shared / "corpus") + load_labelled(
        generated_labels, generated_labels.parent, generated=True
    )
    path = out / DEFAULT_PRIVACY_MODEL.name
    scorer = train_and_save(examples_of(files), path, seed)
    load_default_scorer.cache_clear()
    counts = ", ".join(f"{kind} {c['private']} private / {c['public']} public" for kind, c in scorer.meta["persons"].items())
    return (f"privacy: persons {counts}, {scorer.meta['authorities']} real authorities; uncertain from "
            f"p={scorer.low:.2f} to {scorer.high:.2f} → {path}")


# Structure before fields: the scorer's candidates carry the block model's features.
MODELS: dict[str, Callable[[Path, Path, int], str]] = {"matiere": train_matiere, "structure": train_structure,
                                                        "fields": train_fields, "items": train_items,
                                                        "privacy": train_privacy}


def train(
    only: Annotated[str | None, typer.Option("--only", help=f"Train one model: {' | '.join(MODELS)} (default: all).")] = None,
    seed: Annotated[int, typer.Option("--seed", help="Random seed (fixed by default: same data, same model).")] = DEFAULT_SEED,
    shared: Annotated[Path, typer.Option("--shared", help="Folder of the training data (corpus/, reference/).")] = DEFAULT_SHARED,
    out: Annotated[Path, typer.Option("--out", "-o", help="Where the JSON models are written.")] = DEFAULT_OUT,
) -> None:
    """Train the shipped models (matière classifier, block model, extraction scorer, privacy decision) as JSON.

    Example:

        actes train --only matiere
    """
    if only is not None and only not in MODELS:
        typer.echo(f'error: no model named "{only}". Available: {", ".join(MODELS)}', err=True)
        raise typer.Exit(2)
    for name, fit in MODELS.items():
        if only in (None, name):
            try:
                typer.echo(fit(shared, out, seed))
            except FileNotFoundError as exc:
                typer.echo(f"error: {exc}", err=True)
                raise typer.Exit(2) from None


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""
    app.command("train")(train)
