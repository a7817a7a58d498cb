"""A node of the linked data: its URI, its class and its values by term of the vocabulary."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Node:
    uri: str
    type: str  # class IRI
    values: dict[str, Any] = field(default_factory=dict)  # term name → value, list of values, Node or list of Nodes
