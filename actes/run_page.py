"""The night's report as a page: ``OUT/run-<id>.html``, beside ``run-<id>.json``.

Drawn from the same dict as the JSON (so the figures are the same), plus the earlier
``run-*.json`` of the folder for a chart of the last nights. Self-contained: inline CSS, an
inline SVG drawn here, no script, no font, no image, no request; the only links leaving the
file go to the acts' pages of the journalists' site (``actes publish``/``actes serve``) when
that site exists. Every text from the inbox (file names, reasons) is escaped.

Each figure cell carries ``data-key``: the JSON path of the value it shows (``files_seen``,
``acts_by_nature.deliberation``…), so tools and tests can read the page like the JSON.
"""

from __future__ import annotations

import json
import logging
import re
from html import escape
from pathlib import Path

from actes.run_report import write_atomically

log = logging.getLogger(__name__)

HISTORY = 30  # nights in the chart
TOP = 20  # natures, authorities shown before "n more"
OPEN_LIST = 50  # a problem's list of acts is unfolded up to this many acts
DEFAULT_SITE_URL = "http://127.0.0.1:8001"  # where `actes serve` listens by default
DATABASE_NAME = "publication"  # actes.publish.database.DATABASE_NAME (not imported: keeps the run light)
REPORT_NAME = re.compile(r"run-(\d+)\.json")

_SAFE = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


def tilde_encode(value: str) -> str:
    """How Datasette writes a primary key in a row URL (datasette.utils.tilde_encode)."""
    return "".join(chr(b) if b in _SAFE else "+" if b == 32 else f"~{b:02X}" for b in value.encode("utf-8"))


def site_url_for(out: Path, site_url: str | None = None) -> str | None:
    """The site the acts link to: the one given, else `actes serve`'s address once `actes
    publish` has built a site in ``out``; None (no links) when there is no site."""
    if site_url:
        return site_url.rstrip("/")
    if (out / "site").is_dir() or (out / "publication.db").is_file():
        return DEFAULT_SITE_URL
    return None


def act_url(site: str, act_id: str) -> str:
    return f"{site}/{DATABASE_NAME}/acts/{tilde_encode(act_id)}"


def history(out: Path, run_id: int, limit: int = HISTORY) -> list[dict]:
    """The last ``limit`` run reports of ``out`` up to ``run_id``: run, date, acts, failed, held."""
    found = sorted((int(m[1]), path) for path in out.glob("run-*.json")
                   if (m := REPORT_NAME.fullmatch(path.name)) and int(m[1]) <= run_id)
    nights = []
    for number, path in reversed(found):  # newest first; only the last ``limit`` readable ones are parsed
        if len(nights) == limit:
            break
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # a hand-edited or truncated old report: left out of the chart
        if not isinstance(data, dict):
            continue
        held = data.get("held_for_review") or {}
        nights.append({
            "run_id": number, "date": str(data.get("started_at") or "")[:10],
            "acts": _int(data.get("acts")), "failed": len(data.get("failed") or []),
            "held": _int(held.get("count") if isinstance(held, dict) else 0),
        })
    return nights[::-1]


def _int(value) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def write_page(out: Path, report: dict, *, site_url: str | None = None) -> Path | None:
    """Write ``out/run-<id>.html``; a page that cannot be drawn never fails the run (it is logged)."""
    path = Path(out) / f"run-{report['run_id']}.html"
    try:
        page = render(report, history(Path(out), report["run_id"]), site_url_for(Path(out), site_url))
        write_atomically(path, page)
    except Exception:  # noqa: BLE001 - the JSON report and the exit code are what cron relies on
        log.exception("could not write %s", path)
        return None
    return path


# ---------------------------------------------------------------------------------------------
# Drawing

CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:62rem;
padding:1rem 1.5rem 3rem;color:#1d2129;background:#fff}
h1{font-size:1.5rem;margin:.5rem 0 .2rem}h2{font-size:1.15rem;margin:1.8rem 0 .5rem;border-bottom:1px solid #d8dce3;
padding-bottom:.2rem}h3{font-size:1rem;margin:1rem 0 .3rem}
.meta{color:#555;margin:0 0 1rem}.status{display:inline-block;padding:.1rem .6rem;border-radius:1rem;font-weight:600}
.ok{background:#e3f4e6;color:#1b5e20}.ko{background:#fde7e7;color:#a4161a}
.cards{display:flex;flex-wrap:wrap;gap:.6rem;margin:.6rem 0}.card{border:1px solid #d8dce3;border-radius:.5rem;
padding:.4rem .8rem;min-width:6.5rem}.card b{display:block;font-size:1.35rem}.card span{color:#555;font-size:.85rem}
.card.alert{border-color:#e5a3a3;background:#fff6f6}
table{border-collapse:collapse;margin:.3rem 0 1rem;width:100%}th,td{text-align:left;padding:.25rem .5rem;
border-bottom:1px solid #eceef2;vertical-align:top}th{background:#f5f6f8;font-weight:600}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.path{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85rem;word-break:break-all}
.bar{display:inline-block;height:.7rem;background:#4a78c2;border-radius:2px;vertical-align:middle}
.cols{display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:1.5rem}
details summary{cursor:pointer;color:#333}.none{color:#666;font-style:italic}
svg text{font:11px system-ui,sans-serif;fill:#333}
@media print{.card{break-inside:avoid}details{display:block}}
"""

SERIES = (("acts", "acts", "#4a78c2"), ("failed", "failures", "#c0392b"), ("held", "held for review", "#d68910"))


def _e(value) -> str:
    return escape("" if value is None else str(value), quote=True)


def _num(value, key: str, cls: str = "n") -> str:
    shown = f"{value:.2f}" if isinstance(value, float) else _e(value)
    return f'<td class="{cls}" data-key="{_e(key)}">{shown}</td>'


def _table(head: list[str], rows: list[str], numeric: set[int] = frozenset()) -> str:
    cells = "".join(f'<th{" class=n" if i in numeric else ""}>{_e(h)}</th>' for i, h in enumerate(head))
    return f"<table><thead><tr>{cells}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _none(text: str) -> str:
    return f'<p class="none">{_e(text)}</p>'


def _act_link(act_id: str, site: str | None, linked: bool = True) -> str:
    if site and linked:
        return f'<a href="{_e(act_url(site, act_id))}" class="path">{_e(act_id)}</a>'
    return f'<span class="path">{_e(act_id)}</span>'


def render(report: dict, nights: list[dict], site: str | None = None) -> str:
    """The whole page, as one string."""
    run_id = report.get("run_id")
    ok = report.get("ok", not report.get("failed"))
    when = report.get("started_at") or ""
    failed = report.get("failed") or []
    held = report.get("held_for_review") or {}
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # No request of any kind, even if someone slips markup in: a page of figures needs none.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "img-src data:\">",
        f"<title>actes run {_e(run_id)}{(' — ' + _e(when[:10])) if when else ''}</title>",
        f"<style>{CSS}</style></head><body>",
        f'<h1>Run {_e(run_id)} <span class="status {"ok" if ok else "ko"}" data-key="ok">'
        f'{"all files processed" if ok else f"{len(failed)} file(s) failed"}</span></h1>',
        f'<p class="meta">{_e(when.replace("T", " "))} · inbox <span class="path">{_e(report.get("inbox"))}</span>'
        f' · output <span class="path">{_e(report.get("out"))}</span>'
        + (f' · executor {_e(report["executor"])}' if report.get("executor") else "") + "</p>",
        _cards(report),
        _notes(report),
        _failures(failed),
        _acts(report),
        _problems(report, site, held),
        _held(held, site),
        _matiere(report),
        _chart(nights, run_id),
        _slowest(report),
        _seconds(report),
        _versions(report),
        f'<p class="meta">Written by <code>actes run</code> with <span class="path">run-{_e(run_id)}.json</span>, '
        "which holds the same figures for scripts.</p>",
        "</body></html>",
    ]
    return "\n".join(p for p in parts if p) + "\n"


def _cards(report: dict) -> str:
    failed = len(report.get("failed") or [])
    held = (report.get("held_for_review") or {}).get("count", 0)
    cards = [("files_seen", "files seen", report.get("files_seen")), ("submissions", "submissions", report.get("submissions")),
             ("new", "new", report.get("new")), ("reextracted", "re-extracted", report.get("reextracted")),
             ("skipped", "skipped", report.get("skipped")), ("processed", "processed", report.get("processed")),
             ("failed", "failed", failed), ("acts", "acts", report.get("acts")), ("pages", "pages", report.get("pages")),
             ("held_for_review.count", "held for review", held)]
    out = []
    for key, label, value in cards:
        alert = " alert" if key in {"failed", "held_for_review.count"} and value else ""
        out.append(f'<div class="card{alert}"><b data-key="{key}">{_e(value)}</b><span>{_e(label)}</span></div>')
    return f'<section><div class="cards">{"".join(out)}</div></section>'


def _notes(report: dict) -> str:
    notes = []
    if report.get("still_quarantined"):
        notes.append(f'<span data-key="still_quarantined">{_e(report["still_quarantined"])}</span> submissions still '
                     "quarantined from earlier runs (<code>actes run --retry-failed</code> tries them again)")
    if report.get("interrupted_runs"):
        notes.append("earlier runs found interrupted and closed: " + ", ".join(_e(r) for r in report["interrupted_runs"]))
    if report.get("stopped_early"):
        notes.append("stopped at the first failure (--fail-fast)")
    for dup in report.get("duplicates") or []:
        notes.append(f'<span class="path">{_e(dup.get("path"))}</span> has the same bytes as '
                     f'<span class="path">{_e(dup.get("same_as"))}</span> (extracted once)')
    if not notes:
        return ""
    return "<ul>" + "".join(f"<li>{n}</li>" for n in notes) + "</ul>"


def _failures(failed: list[dict]) -> str:
    head = f'<h2 id="failed">Failed files (<span data-key="failed">{len(failed)}</span>)</h2>'
    if not failed:
        return head + _none("No file failed.")
    rows = [f'<tr><td class="path" data-key="failed.{i}.path">{_e(f.get("path"))}</td>'
            f'<td data-key="failed.{i}.reason"><code>{_e(f.get("reason"))}</code></td>'
            f'<td data-key="failed.{i}.message">{_e(f.get("message"))}</td></tr>'
            for i, f in enumerate(failed)]
    return (head + "<p>Each file stays in the inbox; it is listed in <span class=path>quarantine/index.json</span> "
            "and retried when the extractor changes or with <code>--retry-failed</code>.</p>"
            + _table(["file", "reason", "message"], rows))


def _counts(title: str, key: str, counts: dict, label: str) -> str:
    if not counts:
        return f"<div><h3>{_e(title)}</h3>{_none('No act.')}</div>"
    top = max(counts.values()) or 1
    rows = [f"<tr><td>{_e(name)}</td>{_num(n, f'{key}.{name}')}"
            f'<td style="width:40%"><span class="bar" style="width:{100 * n / top:.0f}%"></span></td></tr>'
            for name, n in counts.items()]
    shown, rest = rows[:TOP], rows[TOP:]
    more = (f"<details><summary>{len(rest)} more</summary>{_table([label, 'acts', ''], rest, {1})}</details>"
            if rest else "")
    return f"<div><h3>{_e(title)}</h3>{_table([label, 'acts', ''], shown, {1})}{more}</div>"


def _acts(report: dict) -> str:
    return ('<h2 id="acts">Acts extracted</h2><div class="cols">'
            + _counts("By nature", "acts_by_nature", report.get("acts_by_nature") or {}, "nature")
            + _counts("By authority", "acts_by_authority", report.get("acts_by_authority") or {}, "authority")
            + "</div>")


def _problems(report: dict, site: str | None, held: dict) -> str:
    problems = report.get("problems") or {}
    head = '<h2 id="problems">Problems by type</h2>'
    if not problems:
        return head + _none("No problem found in this run's acts.")
    held_ids = {a.get("id") for a in held.get("acts") or []}
    listed = report.get("problem_acts") or {}
    blocks = [head, "<p>Every act with the problem"
              + (", linked to its page in the site (held acts are not published)" if site else "")
              + ". The slugs are explained in docs/problems.md.</p>"]
    for slug, count in sorted(problems.items(), key=lambda kv: (-kv[1], kv[0])):
        acts = listed.get(slug) or []
        rows = [f"<tr><td>{_act_link(a.get('id', ''), site, a.get('id') not in held_ids)}</td>"
                f'<td class="path">{_e(a.get("source"))}</td></tr>' for a in acts]
        blocks.append(f'<details{" open" if len(acts) <= OPEN_LIST else ""}><summary><code>{_e(slug)}</code>: <b data-key="problems.{_e(slug)}">{_e(count)}</b>'
                      f" (in {len(acts)} acts)</summary>{_table(['act', 'file'], rows)}</details>")
    return "".join(blocks)


def _held(held: dict, site: str | None) -> str:
    count = held.get("count", 0)
    head = f'<h2 id="held">Held for privacy review (<span data-key="held_for_review.count">{_e(count)}</span>)</h2>'
    if not count:
        return head + _none("No act held: every act may be published.")
    reasons = ", ".join(f'<code>{_e(r)}</code> <b data-key="held_for_review.by_reason.{_e(r)}">{_e(n)}</b>'
                        for r, n in (held.get("by_reason") or {}).items())
    acts = held.get("acts") or []
    rows = [f'<tr><td>{_act_link(a.get("id", ""), site, False)}</td><td class="path">{_e(a.get("source"))}</td>'
            f'<td><code>{_e(a.get("reason"))}</code></td><td>{_e(a.get("detail"))}</td></tr>' for a in acts]
    more = count - len(acts)
    return (head + f"<p>By reason: {reasons}. A clerk decides with <code>actes review</code>; until then these acts "
            "are in no published file.</p>" + _table(["act", "file", "reason", "detail"], rows)
            + (_none(f"{more} more: see actes review.") if more > 0 else ""))


def _matiere(report: dict) -> str:
    n = report.get("matiere_unknown", 0)
    return ('<h2 id="matiere">Matière unknown</h2>'
            f'<p><b data-key="matiere_unknown">{_e(n)}</b> délibérations held out of deliberations.csv because their '
            "level-2 matière is unknown (listed in validation.json).</p>")


def _slowest(report: dict) -> str:
    slowest = report.get("slowest") or []
    head = '<h2 id="slowest">Slowest files</h2>'
    if not slowest:
        return head + _none("No file extracted in this run.")
    rows = [f'<tr><td class="path">{_e(f.get("path"))}</td>{_num(f.get("seconds"), f"slowest.{i}.seconds")}'
            f'{_num(f.get("pages"), f"slowest.{i}.pages")}{_num(f.get("acts"), f"slowest.{i}.acts")}</tr>'
            for i, f in enumerate(slowest)]
    return head + _table(["file", "seconds", "pages", "acts"], rows, {1, 2, 3})


def _seconds(report: dict) -> str:
    seconds = report.get("seconds") or {}
    if not seconds:
        return ""
    top = max(seconds.values()) or 1
    rows = [f"<tr><td>{_e(stage)}</td>{_num(s, f'seconds.{stage}')}"
            f'<td style="width:50%"><span class="bar" style="width:{100 * s / top:.0f}%"></span></td></tr>'
            for stage, s in seconds.items()]
    workers = report.get("workers") or {}
    wrows = [f"<tr><td>{_e(w)}</td>{_num(v.get('files'), f'workers.{w}.files')}{_num(v.get('seconds'), f'workers.{w}.seconds')}"
             f"{_num(v.get('max_rss_mb'), f'workers.{w}.max_rss_mb')}</tr>" for w, v in workers.items()]
    return ('<h2 id="seconds">Seconds per stage</h2><p>Wall clock; <code>extract_cpu</code> sums the workers\' time.</p>'
            + _table(["stage", "seconds", ""], rows, {1})
            + (f"<details><summary>Workers ({len(workers)})</summary>"
               + _table(["worker", "files", "seconds", "peak RSS (MB)"], wrows, {1, 2, 3}) + "</details>" if workers else ""))


def _versions(report: dict) -> str:
    rows = [f'<tr><td>extractor</td><td data-key="extractor_version">{_e(report.get("extractor_version"))}</td></tr>']
    for name, meta in (report.get("models") or {}).items():
        detail = ", ".join(f"{k} {v}" for k, v in meta.items() if k not in {"format", "sha256"})
        rows.append(f'<tr><td>model {_e(name)}</td><td><span data-key="models.{_e(name)}.format">{_e(meta.get("format"))}</span>'
                    f' · sha256 <span class="path" data-key="models.{_e(name)}.sha256">{_e(meta.get("sha256"))}</span>'
                    f'{" · " + _e(detail) if detail else ""}</td></tr>')
    referential = report.get("referential")
    if referential:
        detail = ", ".join(f"{k} {v}" for k, v in referential.items())
        rows.append(f'<tr><td>national referential</td><td data-key="referential.version">{_e(detail)}</td></tr>')
    else:
        rows.append('<tr><td>national referential</td><td class="none">none built (authorities are not checked '
                    "against the national referential; see docs/referential.md)</td></tr>")
    return '<h2 id="versions">Versions</h2>' + _table(["what", "version"], rows)


def _chart(nights: list[dict], run_id) -> str:
    """Three rows of bars (acts, failures, held), one bar per night, each row on its own scale;
    every bar says its figure in a tooltip, and the table under it gives them all."""
    head = f'<h2 id="nights">The last {len(nights)} night{"s" if len(nights) > 1 else ""}</h2>'
    if not nights:
        return head + _none("No earlier run report in this folder.")
    width, left, row_h, gap = 720, 120, 56, 14
    step = (width - left - 10) / max(len(nights), 1)
    bar = max(min(step * 0.7, 18), 2)
    height = len(SERIES) * (row_h + gap) + 24
    shapes = []
    for r, (key, label, colour) in enumerate(SERIES):
        top_y = r * (row_h + gap) + 6
        highest = max(n[key] for n in nights)
        top, base = highest or 1, top_y + row_h
        shapes.append(f'<text x="0" y="{top_y + 12}">{_e(label)}</text>'
                      f'<text x="0" y="{top_y + 28}" fill="#666">max {highest}</text>'
                      f'<line x1="{left}" x2="{width - 5}" y1="{base}" y2="{base}" stroke="#ccc"/>')
        for i, n in enumerate(nights):
            h = row_h * n[key] / top
            x = left + i * step + (step - bar) / 2
            outline = ' stroke="#000" stroke-width="1.5"' if n["run_id"] == run_id else ""
            shapes.append(f'<rect class="{key}" data-run="{n["run_id"]}" data-value="{n[key]}" x="{x:.1f}" '
                          f'y="{base - h:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="{colour}"{outline}>'
                          f'<title>run {n["run_id"]} {_e(n["date"])}: {n[key]} {_e(label)}</title></rect>')
    axis_y = height - 6
    for i, n in enumerate(nights):
        if i in {0, len(nights) - 1} or len(nights) <= 10:
            x = left + i * step + step / 2
            shapes.append(f'<text x="{x:.1f}" y="{axis_y}" text-anchor="middle">{n["run_id"]}</text>')
    svg = (f'<svg role="img" viewBox="0 0 {width} {height}" width="100%" '
           f'style="max-width:{width}px" aria-label="acts, failures and held acts of the last {len(nights)} runs">'
           + "".join(shapes) + "</svg>")
    rows = [f'<tr><td>{n["run_id"]}</td><td>{_e(n["date"])}</td><td class="n">{n["acts"]}</td>'
            f'<td class="n">{n["failed"]}</td><td class="n">{n["held"]}</td></tr>' for n in nights]
    return (head + "<p>One bar per run of this output folder (the outlined one is this run; run ids under the bars).</p>"
            + svg + "<details><summary>The figures</summary>"
            + _table(["run", "date", "acts", "failures", "held"], rows, {2, 3, 4}) + "</details>")
