"""CLI commands beyond extract/run, one module each; ``actes.cli`` registers them.

Each module exposes ``register(app: typer.Typer) -> None``.
"""

COMMANDS = ("export", "evaluate", "check", "review", "publish", "serve", "referential", "train")
