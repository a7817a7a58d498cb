"""The evaluation report as a rich table (and as Markdown for docs/evaluation.md)."""

from __future__ import annotations

from rich.table import Table

from actes.evaluation.runner import EvaluationReport

WATCH_SUPPORT = 5  # fields with at least this support must reach WATCH_F1
WATCH_F1 = 0.80


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def rows(report: EvaluationReport) -> list[tuple[str, str, str, str, str, str]]:
    out = []
    for name, score in report.fields.items():
        flag = "!" if score.support >= WATCH_SUPPORT and (score.f1 or 0.0) < WATCH_F1 else ""
        out.append((name, _fmt(score.precision), _fmt(score.recall), _fmt(score.f1), str(score.support), flag))
    total = report.micro
    out.append(("micro", _fmt(total.precision), _fmt(total.recall), _fmt(total.f1), str(total.support), ""))
    return out


def rich_table(report: EvaluationReport) -> Table:
    table = Table(title=f"{report.files} labelled files, {report.acts} acts extracted")
    for header in ("field", "precision", "recall", "F1", "support"):
        table.add_column(header, justify="left" if header == "field" else "right")
    table.add_column("", justify="left")
    for row in rows(report):
        style = "bold" if row[0] == "micro" else ("red" if row[5] else None)
        table.add_row(*row, style=style)
    return table


def markdown_table(report: EvaluationReport) -> str:
    lines = ["| field | precision | recall | F1 | support | |", "|---|---:|---:|---:|---:|---|"]
    for name, p, r, f, s, flag in rows(report):
        name = f"**{name}**" if name == "micro" else name
        lines.append(f"| {name} | {p} | {r} | {f} | {s} | {flag} |")
    return "\n".join(lines)


def crossval_markdown(result) -> str:
    """Per labels file: the cross-validated table (soft P/R/F1, strict F1, support), then the
    micro rows of the rules alone, the cross-validated scorer and the in-sample scorer, and the gap."""
    from actes.evaluation.metrics import micro

    out = [f"{result.groups} authorities, {result.folds} folds grouped by authority, {result.seconds:.0f} s"]
    for name, modes in result.scored.items():
        cv = modes["cross-validated"]
        out += ["", f"### {name}", "",
                "| field | precision | recall | F1 | strict F1 | support | rules F1 | in-sample F1 | |",
                "|---|---:|---:|---:|---:|---:|---:|---:|---|"]
        for key, score in cv.soft.fields.items():
            flag = "!" if score.support >= WATCH_SUPPORT and (score.f1 or 0.0) < WATCH_F1 else ""
            out.append(f"| {key} | {_fmt(score.precision)} | {_fmt(score.recall)} | {_fmt(score.f1)} | "
                       f"{_fmt(cv.strict[key].f1)} | {score.support} | {_fmt(modes['rules'].soft.fields[key].f1)} | "
                       f"{_fmt(modes['in-sample'].soft.fields[key].f1)} | {flag} |")
        out += ["", "| extraction | precision | recall | F1 | strict F1 | acts with every field right |",
                "|---|---:|---:|---:|---:|---:|"]
        for mode, scored in modes.items():
            soft, strict = micro(scored.soft.fields), micro(scored.strict)
            out.append(f"| {mode} | {_fmt(soft.precision)} | {_fmt(soft.recall)} | {_fmt(soft.f1)} | "
                       f"{_fmt(strict.f1)} | {scored.acts_all_right}/{scored.acts_scored} "
                       f"({scored.all_right_share:.0%}) |")
        out += ["", f"Gap (in-sample − cross-validated micro-F1): {result.gap(name):+.3f} "
                    f"(limit {0.05:.2f})"]
    return "\n".join(out)
