"""Run Datasette, read-only, on the publication database."""

from __future__ import annotations

import sys
from pathlib import Path

from actes.publish.database import PUBLICATION_DB
from actes.publish.site import METADATA_FILE

PLUGINS = Path(__file__).resolve().parent / "datasette_plugins"
TEMPLATES = Path(__file__).resolve().parent / "templates"  # the act's page (row-publication-acts.html)


def datasette_command(out: str | Path, host: str = "127.0.0.1", port: int = 8001) -> list[str]:
    """The Datasette command line for ``out``: immutable database, package and feeds as static files."""
    out = Path(out)
    site = out / "site"
    return [
        sys.executable, "-m", "datasette", "serve",
        "--immutable", str(out / PUBLICATION_DB),
        "--metadata", str(site / METADATA_FILE),
        "--static", f"package:{site / 'package'}",
        "--static", f"feeds:{site / 'feeds'}",
        "--plugins-dir", str(PLUGINS),
        "--template-dir", str(TEMPLATES),
        "--host", host, "--port", str(port),
        "--setting", "default_page_size", "50",
        "--setting", "sql_time_limit_ms", "3000",
        "--setting", "allow_download", "off",  # the database file itself is not offered; CSV/JSON are
    ]
