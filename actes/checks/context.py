"""What a check may look at besides the Act: its Document text, its envelope, today, a population.

Checks get the act's own pages of the Document (``CheckContext.text``) so that a phrase such as
"deuxième convocation" is looked for in the act, not in its neighbours of a bundle.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from actes.schemas.act import Act
from actes.schemas.document import Document, Envelope

# act → inhabitants that set its rules (default: the national referential, by SIREN).
PopulationLookup = Callable[[Act], int | None]


@dataclass
class CheckContext:
    act: Act
    document: Document | None = None
    envelope: Envelope | None = None
    today: dt.date = field(default_factory=dt.date.today)
    population: PopulationLookup | None = None

    @cached_property
    def text(self) -> str:
        """The act's own text (its segment), else its pages of the Document; empty when neither."""
        own = getattr(self.act, "text", None)
        if own:
            return own
        doc = self.document
        if doc is None or not doc.pages:
            return ""
        pages = [p for p in self.act.source.pages if 1 <= p <= len(doc.pages)]
        if not pages:
            return doc.text
        start, end = doc.page_span(min(pages), max(pages))
        return doc.text[start:end]

    def inhabitants(self) -> int | None:
        """The population that sets the act's rules (an EPCI: its largest member's); by default
        from the national referential (``actes referential build``), None when unknown."""
        if self.population is None:
            from actes.referential.national import rule_population

            return rule_population(self.act)
        return self.population(self.act)
