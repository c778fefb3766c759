"""The ontology read from `etl/ontology.yaml`: the only source of labels and relationship types."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from graph.paths import etl_dir


class OntologyError(ValueError):
    """A label, relationship type or endpoint the ontology does not allow."""


@dataclass(frozen=True)
class RelationType:
    name: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    key: str | None = None
    properties: dict[str, Any] = field(default_factory=dict)
    symmetric: bool = False  # no direction ("associated with" either way)

    def allows(self, source: str, target: str) -> bool:
        return ("*" in self.sources or source in self.sources) and (
            "*" in self.targets or target in self.targets
        )


@dataclass(frozen=True)
class Ontology:
    labels: dict[str, dict[str, Any]]
    relations: dict[str, RelationType]
    provenance: tuple[str, ...]
    mention_labels: dict[str, str] = field(default_factory=dict)

    def check_label(self, label: str) -> str:
        """Return `label` if the ontology has it, else raise; guards every label put into Cypher."""
        if label not in self.labels:
            raise OntologyError(f"label {label!r} is not in the ontology ({sorted(self.labels)})")
        return label

    def check_relation(self, rel_type: str, source: str, target: str) -> RelationType:
        """Return the relationship type if `source -[rel_type]-> target` is allowed, else raise."""
        rel = self.relations.get(rel_type)
        if rel is None:
            raise OntologyError(f"relationship type {rel_type!r} is not in the ontology")
        self.check_label(source)
        self.check_label(target)
        if not rel.allows(source, target):
            raise OntologyError(
                f"{source} -[{rel_type}]-> {target} is not allowed: "
                f"{rel_type} goes from {list(rel.sources)} to {list(rel.targets)}"
            )
        return rel

    def properties(self, label: str) -> dict[str, Any]:
        return self.labels[self.check_label(label)].get("properties", {})

    def caption(self, label: str) -> list[str]:
        return list(self.labels[self.check_label(label)].get("caption", ["name"]))

    def mention_label(self, pipeline_label: str) -> str | None:
        """The node label a mention of `pipeline_label` becomes, or None for values and titles.

        >>> load_ontology().mention_label("HANDLE"), load_ontology().mention_label("DATE")
        ('Account', None)
        """
        return self.mention_labels.get(pipeline_label)

    @property
    def entity_labels(self) -> list[str]:
        """Labels of things found in text: every label but the tool's own records (`record:
        true`: documents, runs, watch list entries, alerts)."""
        return [name for name, spec in self.labels.items() if not spec.get("record")]


def parse_ontology(data: dict[str, Any]) -> Ontology:
    relations = {
        name: RelationType(
            name=name,
            sources=tuple(spec["from"]),
            targets=tuple(spec["to"]),
            key=spec.get("key"),
            properties=spec.get("properties", {}),
            symmetric=bool(spec.get("symmetric", False)),
        )
        for name, spec in data["relationships"].items()
    }
    return Ontology(
        labels=data["nodes"],
        relations=relations,
        provenance=tuple(data["provenance"]),
        mention_labels=dict(data.get("mention_labels", {})),
    )


@cache
def load_ontology(path: Path | None = None) -> Ontology:
    """Read the ontology file once per process."""
    path = path or etl_dir() / "ontology.yaml"
    with open(path, encoding="utf-8") as handle:
        return parse_ontology(yaml.safe_load(handle))
