"""The journalists' site at a million acts: are the dashboard's and the search's queries fast?

    .venv/bin/python -m benchmarks.site_scale --acts 1000000 --db /tmp/site-scale/publication.db
    .venv/bin/python -m benchmarks.site_scale --db /tmp/site-scale/publication.db --reuse   # refresh, time again

Writes a publication database with the site's own schema (``actes.publish.database``: tables,
indexes, full-text triggers, dashboard tables and caches) filled with generated rows. To be
quick on a shared machine, the rows go in first and the indexes and the full-text index are
built once at the end (an incremental publish keeps them up to date row by row instead; the
database is the same). Rows are drawn at random (fixed seed) over 5,000 authorities in 101
départements, twelve years of decisions, the @CTES matières, votes, legality problems and
séances; objet and text are words of a Zipf-distributed vocabulary, so some words are in most
acts and some in a few. No provenance rows (the site reads them one act at a time, by an index).

Then times, best of three, every query the dashboard runs (each chart and filter list, without
a filter and with each filter, and all filters at once) and what Datasette runs for the acts
table: the page, its count and its four facets, with no search and with a frequent, a middling
and a rare word. Prints one JSON object; the target is < 200 ms per query (issues 18 and 21).
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sqlite3
import time
from pathlib import Path

AUTHORITIES = 5000
VOCABULARY = 3000
NATURES = (("deliberation", "DE", 60), ("arrete", "AR", 25), ("decision", "AI", 6), ("contrat", "CC", 4),
           ("budget", "BF", 3), ("autre", "AU", 2))  # fmt: skip
FACETS = ("collectivite_nom", "nature", "matiere_libelle", "mois")


def _departements() -> list[str]:
    codes = [f"{n:02d}" for n in range(1, 96) if n != 20] + ["2A", "2B"]
    return codes + ["971", "972", "973", "974", "976"]


def _word(n: int) -> str:
    """A made-up word for rank ``n`` (letters only, so FTS reads it as one token)."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    out = ""
    n += 26 * 26
    while n:
        n, r = divmod(n, 26)
        out += letters[r]
    return "mot" + out


def generate(path: Path, acts: int, seed: int = 21) -> dict:
    from actes.checks.catalogue import PROBLEMS
    from actes.publish.columns import ACT_COLUMNS
    from actes.publish.dashboards import ROW, refresh_caches  # the same SQL as a publish
    from actes.publish.database import _schema
    from actes.reference.matieres import MATIERES_1, MATIERES_2

    rng = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path)
    _schema(conn)
    later = conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL"
    ).fetchall()
    for kind, name, _ in later:  # built once the rows are in
        conn.execute(f"DROP {kind.upper()} {name}")
    departements = _departements()
    authorities = []
    for i in range(AUTHORITIES):
        dep = rng.choice(departements)
        kind = "commune" if i % 10 else "epci"
        authorities.append((f"{200000000 + i * 7:09d}", f"{kind.upper()} {i:04d}", kind, dep))
    weights = [w for _, _, w in NATURES]
    # Some authorities decide much more than others, none a large share: the busiest gets 0.4 % of acts.
    busy = list(itertools.accumulate(1 / (i + 50) for i in range(AUTHORITIES)))
    matieres = [(code, f"{MATIERES_1[code.split('.')[0]]}/{name}") for code, name in MATIERES_2.items()]
    slugs = sorted(PROBLEMS)
    words = [_word(n) for n in range(VOCABULARY)]
    zipf = list(itertools.accumulate(1 / (n + 1) for n in range(VOCABULARY)))  # cumulative weights
    columns = [*ACT_COLUMNS, "problemes", "provenance_url", "csv_url", "publie_le", "jsonld_url"]
    insert = f"INSERT INTO acts ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    start = time.perf_counter()
    seances: dict[str, tuple] = {}
    conn.execute("BEGIN")
    for n in range(acts):
        siren, nom, kind, dep = rng.choices(authorities, cum_weights=busy)[0]
        nature, code, _ = rng.choices(NATURES, weights)[0]
        day = f"{rng.randint(2015, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        matiere = rng.choice(matieres) if rng.random() < 0.9 else (None, None)
        act_id = f"{dep.zfill(3)}-{siren}-{day.replace('-', '')}-{n:07d}-{code}"
        votes = [None] * 8
        if nature == "deliberation" and rng.random() < 0.8:
            office = rng.randint(15, 69)
            present = office - rng.randint(0, 8)
            against = 0 if rng.random() < 0.8 else rng.randint(1, present // 2 + 1)
            votes = [office, present, rng.randint(0, 3), present, present - against, against, 0,
                     "true" if against == 0 and rng.random() < 0.7 else None]  # fmt: skip
        objet = " ".join(rng.choices(words, cum_weights=zipf, k=rng.randint(5, 12)))
        texte = " ".join(rng.choices(words, cum_weights=zipf, k=rng.randint(40, 80)))
        problems = rng.choices(slugs, k=rng.choice((0, 0, 0, 1, 1, 2)))
        values = {
            "id": act_id, "nature": nature, "nature_actes": code, "collectivite_nom": nom, "collectivite_siren": siren,
            "collectivite_type": kind, "collectivite_departement": dep, "numero": f"{day[:4]}-{n % 1000:03d}",
            "date_decision": day, "mois": day[:7], "objet": objet, "matiere_code": matiere[0],
            "matiere_libelle": matiere[1], "vote_en_exercice": votes[0], "vote_presents": votes[1],
            "vote_representes": votes[2], "vote_votants": votes[3], "vote_pour": votes[4], "vote_contre": votes[5],
            "vote_abstentions": votes[6], "vote_unanimite": votes[7], "pref_id": act_id, "pages": "1",
            "texte": texte, "problemes": len(problems), "publie_le": "2026-12-07T02:00:00+00:00",
        }  # fmt: skip
        conn.execute(insert, [values.get(c) for c in columns])
        conn.executemany(
            "INSERT INTO problems (act_id, slug, severity, field, message) VALUES (?, ?, ?, ?, ?)",
            [(act_id, slug, PROBLEMS[slug].severity, None, PROBLEMS[slug].title) for slug in problems],
        )
        conn.execute(ROW, (act_id,))
        if nature == "deliberation" and rng.random() < 0.4:
            seance = f"seance-{siren}-{day}-conseil"
            counts = seances.setdefault(
                seance, (votes[1] or 20, rng.randint(0, 3), rng.randint(0, 3), rng.randint(0, 4))
            )
            conn.execute("INSERT INTO dashboard_attendance VALUES (?, ?, ?, ?, ?, ?)", (act_id, seance, *counts))
        if n % 10000 == 9999:
            conn.execute("COMMIT")
            conn.execute("BEGIN")
    conn.execute("COMMIT")
    seconds = time.perf_counter() - start
    start = time.perf_counter()
    with conn:
        for _, _, sql in later:
            conn.execute(sql)
        conn.execute("INSERT INTO acts_fts (acts_fts) VALUES ('rebuild')")
    index_s = time.perf_counter() - start
    start = time.perf_counter()
    with conn:
        refresh_caches(conn)  # what every publish does once its acts are written
    refresh_s = time.perf_counter() - start
    conn.execute("ANALYZE")
    conn.close()
    return {
        "acts": acts,
        "generate_s": round(seconds, 1),
        "index_s": round(index_s, 1),
        "refresh_caches_s": round(refresh_s, 2),
        "db_mb": round(path.stat().st_size / 2**20),
    }


def refresh(path: Path) -> dict:
    """What a publish does after writing acts: the dashboard's caches counted again (made anew
    first, as the charts are declared now)."""
    from actes.publish.dashboards import cache_schema, refresh_caches

    conn = sqlite3.connect(path)
    try:
        with conn:
            caches = "name LIKE 'dashboard_cache_%' OR name = 'dashboard_options'"
            for (name,) in conn.execute(
                f"SELECT name FROM sqlite_master WHERE type = 'table' AND ({caches})"
            ).fetchall():
                conn.execute(f"DROP TABLE {name}")
            cache_schema(conn)  # as the charts are declared now
            start = time.perf_counter()
            refresh_caches(conn)
            return {"refresh_caches_s": round(time.perf_counter() - start, 2)}
    finally:
        conn.close()


def _best(conn: sqlite3.Connection, sql: str, params: dict | tuple = (), repeat: int = 3) -> tuple[float, float]:
    """Best of ``repeat``: wall and CPU milliseconds (on a loaded machine the CPU time is the
    better guide to what the query costs on a quiet one)."""
    wall = cpu = float("inf")
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        conn.execute(sql, params).fetchall()
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    return round(wall * 1000, 1), round(cpu * 1000, 1)


def _choices(conn: sqlite3.Connection) -> dict[str, str]:
    """One value of each filter, as a journalist would pick it: a busy one."""
    one = {}
    for key, column in (("departement", "departement"), ("collectivite", "collectivite_nom"),
                        ("nature", "nature"), ("matiere", "matiere")):  # fmt: skip
        one[key] = conn.execute(
            f"SELECT {column} FROM dashboard_acts WHERE {column} IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()[0]
    one["du"], one["au"] = "2023-01-01", "2023-12-31"
    return one


def dashboard_queries(conn: sqlite3.Connection) -> dict:
    from actes.publish.dashboards import CHARTS, FILTERS, fill_options

    picked = _choices(conn)
    timings: dict[str, tuple[float, float]] = {}
    for key, flt in FILTERS.items():
        if "query" in flt:
            timings[f"filter-list {key}"] = _best(conn, flt["query"])
    cases = [("no filter", {})] + [(key, {key: value}) for key, value in picked.items() if key != "au"]
    cases[-1] = ("date range", {"du": picked["du"], "au": picked["au"]})
    cases.append(("all filters", dict(picked)))
    for name, chart in CHARTS.items():
        for label, options in cases:
            timings[f"{name} / {label}"] = _best(conn, fill_options(chart["query"], options), options)
    return {
        "picked": picked,
        "ms": {k: v[0] for k, v in timings.items()},
        "cpu_ms": {k: v[1] for k, v in timings.items()},
    }


def _search_words(conn: sqlite3.Connection) -> dict[str, str]:
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab USING fts5vocab(main, acts_fts, row)")
    total = conn.execute("SELECT count(*) FROM acts").fetchone()[0]
    out = {}
    for label, share in (("frequent", 0.5), ("middling", 0.02), ("rare", 0.0005)):
        out[label] = conn.execute(
            "SELECT term FROM temp.vocab ORDER BY abs(doc - ?) LIMIT 1", (share * total,)
        ).fetchone()[0]
    return out


def search_queries(conn: sqlite3.Connection) -> dict:
    """What Datasette runs for /publication/acts (searchmode raw, sorted by date_decision desc)."""
    words = _search_words(conn)
    timings: dict[str, tuple[float, float]] = {}
    hits: dict[str, int] = {}
    for label, word in [("no search", None), *words.items()]:
        where = "WHERE rowid IN (SELECT rowid FROM acts_fts WHERE acts_fts MATCH :search)" if word else ""
        params = {"search": word} if word else {}
        timings[f"page / {label}"] = _best(
            conn, f"SELECT * FROM acts {where} ORDER BY date_decision DESC, id DESC LIMIT 51", params
        )
        timings[f"count / {label}"] = _best(conn, f"SELECT count(*) FROM acts {where}", params)
        if word:
            hits[label] = conn.execute(f"SELECT count(*) FROM acts {where}", params).fetchone()[0]
        for facet in FACETS:
            sql = (
                f"SELECT {facet} AS value, count(*) AS count FROM (SELECT * FROM acts {where}) "
                f"WHERE {facet} IS NOT NULL GROUP BY {facet} ORDER BY count DESC, value LIMIT 31"
            )
            timings[f"facet {facet} / {label}"] = _best(conn, sql, params)
    return {
        "words": words,
        "hits": hits,
        "ms": {k: v[0] for k, v in timings.items()},
        "cpu_ms": {k: v[1] for k, v in timings.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--acts", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/site-scale/publication.db"))
    parser.add_argument("--reuse", action="store_true", help="time the database already at --db")
    args = parser.parse_args()
    result = {}
    if not args.reuse:
        result["generated"] = generate(args.db, args.acts)
    else:
        result["refreshed"] = refresh(args.db)
    conn = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    try:
        result["acts"] = conn.execute("SELECT count(*) FROM acts").fetchone()[0]
        result["dashboard"] = dashboard_queries(conn)
        result["search"] = search_queries(conn)
    finally:
        conn.close()
    every = {**result["dashboard"]["ms"], **result["search"]["ms"]}
    cpu = {**result["dashboard"]["cpu_ms"], **result["search"]["cpu_ms"]}
    result["slowest_ms"] = dict(sorted(every.items(), key=lambda kv: -kv[1])[:8])
    result["over_200ms"] = sum(1 for v in every.values() if v >= 200)
    result["over_200ms_cpu"] = sum(1 for v in cpu.values() if v >= 200)
    result["queries"] = len(every)
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
