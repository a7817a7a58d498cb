"""Datasette plugin loaded by ``actes serve``: under each chart of the dashboard
(``datasette-dashboards``), a link that downloads the chart's numbers as CSV, with the filters
applied (Datasette's CSV of the chart's own SQL, see actes.publish.dashboards.csv_url)."""

import json

from datasette import hookimpl

from actes.publish.dashboards import csv_url

TEMPLATES = ("dashboard_view.html", "dashboard_chart.html")

SCRIPT = """
(function () {
  const links = %s;
  for (const [slug, href] of Object.entries(links)) {
    const card = document.getElementById('card-' + slug) || document.getElementById('chart-' + slug);
    if (!card) continue;
    const p = document.createElement('p');
    p.className = 'actes-csv';
    const a = document.createElement('a');
    a.href = href;
    a.className = 'actes-chart-csv';
    a.dataset.chart = slug;
    a.textContent = 'CSV';
    a.title = 'Les chiffres de ce graphique, en CSV';
    p.appendChild(a);
    (card.id.startsWith('card-') ? card : card.parentNode).appendChild(p);
  }
})();
"""


@hookimpl
def extra_body_script(template, request, datasette):
    if template not in TEMPLATES or request is None:
        return None
    slug = request.url_vars.get("slug")
    dashboard = (datasette.plugin_config("datasette-dashboards") or {}).get(slug)
    if not dashboard:
        return None
    options = {key: request.args[key] for key in dashboard.get("filters", {}) if key in request.args}
    charts = dashboard.get("charts", {})
    if template == "dashboard_chart.html":
        chart_slug = request.url_vars.get("chart_slug")
        charts = {slug: charts[chart_slug]} if chart_slug in charts else {}
    links = {name: csv_url(chart, options) for name, chart in charts.items() if chart.get("query")}
    return SCRIPT % json.dumps(links).replace("</", "<\\/")
