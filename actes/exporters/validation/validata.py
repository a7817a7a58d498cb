"""Validata (``validata-table``, the validator of schema.data.gouv.fr) run over a written CSV.

Validata pins packages the project pins differently (Flask 2.1, Werkzeug 2.0, python-stdnum 1.20,
Jinja2 3.1.4 against our 2.x / 3.1.6), so it lives in its own environment (``make validata``:
``.venv-validata``, ``validata-table==0.12.5``; frictionless 5.21 there as here) and is called
as a subprocess. ``interpreter()`` finds that Python (``ACTES_VALIDATA_PYTHON`` first);
``validate`` returns Validata's verdict as a plain dict, or raises ``ValidataMissing``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

VENV = ".venv-validata"
ENV = "ACTES_VALIDATA_PYTHON"
# Run inside the Validata environment: validate each (CSV, schema) pair of the JSON list in argv[1],
# print one JSON report per line (one process for several files: importing Validata takes ~1 s).
_SCRIPT = """
import json, sys
from validata_core import validate
for csv_path, schema_path in json.loads(sys.argv[1]):
    report = validate(csv_path, schema_path).to_dict()
    print(json.dumps({"valid": report["valid"], "stats": report.get("stats"), "errors": report.get("errors", []),
                      "warnings": report.get("warnings", [])}, ensure_ascii=False, default=str))
"""


class ValidataMissing(RuntimeError):
    pass


def interpreter(root: str | Path | None = None) -> Path | None:
    """The Python of the Validata environment, or None when there is none."""
    if os.environ.get(ENV):
        path = Path(os.environ[ENV])
        return path if path.is_file() else None
    root = Path(root) if root else Path(__file__).resolve().parents[3]
    path = root / VENV / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    return path if path.is_file() and (root / VENV / ".installed").is_file() else None  # stamp: installed whole


def validate_many(pairs: list[tuple[str | Path, str | Path]], timeout: float = 600) -> list[dict]:
    """Validata's report on each (CSV, Table Schema) pair, in one process: {valid, stats: {rows,
    errors…}, errors: [{type, message, rowNumber, fieldName, cell…}], warnings}."""
    python = interpreter()
    if python is None:
        raise ValidataMissing(f"no Validata environment (run `make validata`, or set {ENV})")
    paths = [[str(Path(c).resolve()), str(Path(s).resolve())] for c, s in pairs]
    done = subprocess.run(
        [str(python), "-c", _SCRIPT, json.dumps(paths)],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=Path(paths[0][0]).parent if paths else None,
    )
    if done.returncode != 0:
        raise RuntimeError(f"validata failed on {[c for c, _ in paths]}: {done.stderr.strip()[-2000:]}")
    lines = done.stdout.strip().splitlines()[-len(paths) :] if paths else []
    return [json.loads(line) for line in lines]


def validate(csv_path: str | Path, schema_path: str | Path, timeout: float = 600) -> dict:
    """Validata's report on one CSV against one Table Schema (see ``validate_many``)."""
    return validate_many([(csv_path, schema_path)], timeout)[0]
