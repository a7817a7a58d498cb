"""Validation built into every package: row checks before writing (``rules``) and Frictionless
over the written package (``report``), both summed up in validation.json."""
