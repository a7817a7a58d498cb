"""Referentials of French authorities.

Two sources, one package:

- ``user_csv``: the user's ``collectivites.csv`` (SIREN, SIRET, NOM[, PREF_ID]), the only source
  of the SIRET that SCDL wants (``Referential``, ``Match``, ``name_key``);
- ``national``: every commune, EPCI, département and région of Etalab's *découpage
  administratif*, built once into a SQLite file (``actes referential build``), read by
  ``resolve`` to name the authority of each act and by the checks for its population.
"""

from actes.referential.user_csv import P_PREF_ID, REQUIRED, Entry, Match, Referential, ReferentialError, name_key

__all__ = ["P_PREF_ID", "REQUIRED", "Entry", "Match", "Referential", "ReferentialError", "name_key"]
