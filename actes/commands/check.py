"""`actes check`: not built yet; its issue's owner fills this module."""

import typer


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""
