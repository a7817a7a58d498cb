"""`actes evaluate DIR --labels labels.jsonl`: per-field precision, recall and F1."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console


def evaluate(
    data_dir: Annotated[Path | None, typer.Argument(help="Folder holding the labelled files (with --matiere: the shared data folder, default ../shared).", exists=True, file_okay=False)] = None,
    labels: Annotated[list[Path] | None, typer.Option("--labels", "-l", help="labels.jsonl (paths relative to its folder); repeat to pool several.")] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    markdown: Annotated[bool, typer.Option("--markdown", help="Print the table as Markdown.")] = False,
    mismatches: Annotated[bool, typer.Option("--mismatches", help="List every wrong or missing value.")] = False,
    fail_under: Annotated[float | None, typer.Option("--fail-under", help="Exit 1 when micro-F1 is below this.")] = None,
    privacy: Annotated[bool, typer.Option("--privacy", help="Score the privacy step instead (labels of fixtures/privacy).")] = False,
    cross_validate: Annotated[bool, typer.Option("--cross-validate", help="Train the field scorer without each authority in turn and score it on that authority; print rules, cross-validated and in-sample tables.")] = False,
    folds: Annotated[int | None, typer.Option("--folds", help="With --cross-validate: this many folds grouped by authority (default: leave one authority out).")] = None,
    seed: Annotated[int, typer.Option("--seed", help="With --cross-validate: the training seed.")] = 0,
    matiere: Annotated[bool, typer.Option("--matiere", help="Cross-validate the matière classifier on the real rows of DATA_DIR/corpus/matiere instead.")] = False,
    peers: Annotated[Path | None, typer.Option("--peers", help="Compare actes' date of each document with two other systems' (../shared/corpus/peers/dates.csv; files relative to DATA_DIR).", exists=True, dir_okay=False)] = None,
    attendance: Annotated[bool, typer.Option("--attendance", help="Score the attendance reader (councillor, status; proxy pairs) instead; default DATA_DIR ../shared/corpus, --labels labels/attendance.jsonl.")] = False,
    items: Annotated[bool, typer.Option("--items", help="Score the minutes' items (count found, objet F1, outcome) instead; default DATA_DIR ../shared/corpus, --labels labels/minutes-items.jsonl.")] = False,
) -> None:
    """Run extraction over labelled files and score it field by field.

    Example:

        actes evaluate ../shared/corpus --labels ../shared/corpus/labels.jsonl
        actes evaluate --matiere            # the matière classifier, cross-validated on ../shared

    Exit codes: 0 scored; 1 some labelled files failed to read (or micro-F1 under --fail-under);
    2 the labels file is unusable.
    """
    if matiere:
        _evaluate_matiere(data_dir, seed, json_output)
        return
    if items:
        from actes.evaluation.items import run_cli as run_items

        raise typer.Exit(run_items(data_dir, labels[0] if labels else None, json_output, mismatches))
    if attendance:
        from actes.evaluation.attendance import run_cli

        raise typer.Exit(run_cli(data_dir, labels[0] if labels else None, json_output, mismatches))
    if peers is not None:
        _compare_with_peers(peers, data_dir or Path("."), json_output)
        return
    if data_dir is None or not labels:
        typer.echo("error: give DATA_DIR and --labels (or --matiere)", err=True)
        raise typer.Exit(2)
    if privacy and cross_validate:
        _cross_validate_privacy(labels, data_dir, folds or 5, seed, json_output)
        return
    if privacy:
        _evaluate_privacy(labels[0], data_dir, json_output)
        return
    if cross_validate:
        _cross_validate(labels, data_dir, folds, seed, json_output, markdown, fail_under)
        return
    from actes.evaluation import LabelsError
    from actes.evaluation import evaluate as run_evaluation
    from actes.evaluation.table import markdown_table, rich_table

    if len(labels) > 1:
        typer.echo("error: several --labels files are pooled only with --cross-validate", err=True)
        raise typer.Exit(2)
    try:
        report = run_evaluation(labels[0], data_dir)
    except LabelsError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    if json_output:
        sys.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2, default=str) + "\n")
    elif markdown:
        sys.stdout.write(markdown_table(report) + "\n")
    else:
        console = Console()
        console.print(rich_table(report))
        if mismatches:
            for m in report.mismatches:
                console.print(f"{m.file}  {m.field}: expected {m.expected!r}, got {m.predicted!r}", markup=False)
        console.print(f"{report.acts} acts in {report.seconds:.1f} s", style="dim")
    err = Console(stderr=True)
    for file, reason in report.failures:
        err.print(f"failed: {file}: {reason}", markup=False)
    failed = bool(report.failures) or (fail_under is not None and (report.micro.f1 or 0.0) < fail_under)
    raise typer.Exit(1 if failed else 0)


def _compare_with_peers(peers: Path, data_dir: Path, json_output: bool) -> None:
    """`actes evaluate ../shared/corpus --peers ../shared/corpus/peers/dates.csv`."""
    from actes.evaluation.peers import compare_with_peers, peers_markdown

    result = compare_with_peers(peers, data_dir)
    if json_output:
        sys.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(peers_markdown(result) + "\n")


def _cross_validate(labels: list[Path], data_dir: Path, folds: int | None, seed: int, json_output: bool,
                    markdown: bool, fail_under: float | None) -> None:
    """`actes evaluate DIR --labels A --labels B --cross-validate`."""
    from actes.evaluation import LabelsError
    from actes.evaluation.crossval import GAP_LIMIT, cross_validate
    from actes.evaluation.table import crossval_markdown

    err = Console(stderr=True)
    try:
        result = cross_validate(labels, data_dir, seed=seed, folds=folds,
                                progress=lambda msg: err.print(msg, style="dim", markup=False))
    except LabelsError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    if json_output:
        sys.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=2, default=str) + "\n")
    else:
        sys.stdout.write(crossval_markdown(result) + "\n")
    worst = 1.0
    for name, modes in result.scored.items():
        cv = modes["cross-validated"].soft
        worst = min(worst, cv.micro.f1 or 0.0)
        if result.gap(name) > GAP_LIMIT:
            err.print(f"{name}: in-sample minus cross-validated micro-F1 is {result.gap(name):.3f} > {GAP_LIMIT}: "
                      "the scorer fits files, not acts", markup=False)
    raise typer.Exit(1 if fail_under is not None and worst < fail_under else 0)


def _evaluate_matiere(shared: Path | None, seed: int, json_output: bool) -> None:
    """`actes evaluate --matiere [SHARED]`: see ``actes.evaluation.matiere``."""
    from actes.commands.train import DEFAULT_SHARED
    from actes.evaluation.matiere import markdown
    from actes.evaluation.matiere import run as run_matiere

    try:
        report = run_matiere(shared or DEFAULT_SHARED, seed or None)
    except FileNotFoundError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    if json_output:
        sys.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(markdown(report) + f"\n\n{report.seconds:.0f} s\n")


def _evaluate_privacy(labels: Path, data_dir: Path, json_output: bool) -> None:
    """`actes evaluate fixtures/privacy --labels fixtures/privacy/labels.jsonl --privacy`."""
    from actes.evaluation.privacy import evaluate_privacy

    result = evaluate_privacy(labels, data_dir)
    if json_output:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
        return
    console = Console()
    for group, score in result["scores"].items():
        console.print(f"{group:18} {score['ok']:4d}/{score['total']:<4d} {score['rate']:.3f}")
    for leak in result["leaks"]:
        console.print(f"leak: {leak['file']} {leak['kind']} {leak['text']!r}", markup=False)
    for lost in result["officials_replaced"]:
        console.print(f"official replaced: {lost['file']} {lost['text']!r}", markup=False)
    console.print(f"{result['acts']} acts, {result['ms_per_act_extraction_with_privacy']} ms per act "
                  f"(privacy step alone: {result['ms_per_act_privacy']} ms)", style="dim")


PRIVACY_ROWS = (
    ("crossval", "cross-validated by authority (real)"),
    ("heldout", "held-out split, trained on the tune split (real)"),
    ("in_sample", "in-sample (real)"),
    ("rules_alone", "rules alone, no learned decision (real)"),
    ("generated_in_sample", "generated acts, in-sample"),
)


def _cross_validate_privacy(labels: list[Path], data_dir: Path, folds: int, seed: int, json_output: bool) -> None:
    """`actes evaluate ../shared/corpus --labels labels/privacy-corpus.jsonl --labels
    fixtures/privacy/labels.jsonl --privacy --cross-validate`: the learned decision on authorities
    it never saw (the second labels file, generated acts, only ever trains)."""
    from actes.evaluation.privacy import crossvalidate_privacy

    generated = labels[1] if len(labels) > 1 else None
    result = crossvalidate_privacy(labels[0], data_dir, generated, generated.parent if generated else None,
                                   folds=folds, seed=seed)
    if json_output:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
        return

    def cell(scores: dict, key: str) -> str:
        score = scores.get(key)
        return f"{score['ok']}/{score['total']} = {score['rate']:.3f}" if score and score["total"] else "–"

    lines = ["| decision | recall of private mentions | precision | officials kept |", "|---|---|---|---|"]
    for key, title in PRIVACY_ROWS:
        scores = result[key]["scores"]
        lines.append(f"| {title} | {cell(scores, 'private_recall')} | {cell(scores, 'private_precision')} | "
                     f"{cell(scores, 'officials_kept')} |")
    low, high = result["model"]["band"]
    sys.stdout.write("\n".join(lines) + f"\n\n{result['files']} real files of {result['authorities']} authorities, "
                     f"{result['folds']} folds; {result['generated_files']} generated files in every training set; "
                     f"uncertain band of the full model: {low:.2f}–{high:.2f}\n")


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""
    app.command("evaluate")(evaluate)
