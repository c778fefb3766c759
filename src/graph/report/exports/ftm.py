"""FollowTheMoney export for Aleph: one entity per line, `{"id", "schema", "properties": {name:
[strings]}}`. Ids are made FtM-safe (letters, digits, dots and dashes; a hash suffix keeps them
unique). Node labels map through the ontology's `ftm:` field, made concrete where FtM's schema is
abstract (Aleph cannot index those). The mapping itself, which properties each schema carries,
how a node fills them and which relationship becomes which link or endpoint property, is data:
`etl/exports/ftm.yaml`, read once here. Every entity carries `proof` (its source documents, which
are exported as `Document` entities), `sourceUrl` (the documents' urls, where they have one),
`publisher` (the documents' sources) and the supporting sentence in `description` (unless it is
already the entity's `summary`)."""

from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from graph.ontology import Ontology
from graph.paths import etl_dir
from graph.report.exports.common import (
    Edge,
    ExportSummary,
    Node,
    display_name,
    node_keys,
    read_documents,
    read_entity_graph,
)
from graph.report.files import atomic_write
from graph.store.base import GraphStore

FTM_ID = re.compile(r"^[0-9a-zA-Z]([0-9a-zA-Z.\-]*[0-9a-zA-Z])?$")
FTM_ID_MAX = 200
ROOT_SCHEMA = "Thing"  # what a schema the mapping does not describe may carry
UNKNOWN_LINK = "UnknownLink"  # the link of a relationship the mapping has no place for
CONDITIONS = {"source", "target", "source_allows", "target_has"}


def mapping_path() -> Path:
    """Where the FtM mapping lives: `etl/exports/ftm.yaml`."""
    return etl_dir() / "exports" / "ftm.yaml"


@cache
def load_mapping() -> dict[str, Any]:
    """The FtM mapping as read from its YAML file, checked: every schema it extends is described,
    every filled property is one its schema carries, every relationship rule is understood."""
    with open(mapping_path(), encoding="utf-8") as handle:
        mapping = yaml.safe_load(handle)
    schemata = mapping["schemata"]
    for name, spec in schemata.items():
        unknown = [parent for parent in spec.get("extends", []) if parent not in schemata]
        if unknown:
            raise ValueError(f"{mapping_path()}: {name} extends undescribed {unknown}")
        stray = set(spec.get("fill") or {}) - _properties(schemata, name)
        if stray:
            raise ValueError(f"{mapping_path()}: {name} fills properties it does not carry: {sorted(stray)}")
    for rel_type, rules in mapping["relationships"].items():
        for rule in rules:
            if set(rule.get("if", {})) - CONDITIONS or rule.get("link", UNKNOWN_LINK) not in schemata:
                raise ValueError(f"{mapping_path()}: rule for {rel_type} not understood: {rule}")
    return mapping


def _properties(schemata: dict[str, Any], name: str) -> set[str]:
    """The properties schema `name` carries: its own, its link ends, and its parents'."""
    spec = schemata[name]
    own = set(spec.get("properties", [])) | set((spec.get("edge") or {}).values())
    for parent in spec.get("extends", []):
        own |= _properties(schemata, parent)
    return own


MAPPING = load_mapping()
SCHEMATA: dict[str, dict[str, Any]] = MAPPING["schemata"]
# FtM schemas Aleph refuses to index (abstract), and the concrete schema written instead.
ABSTRACT_FTM: dict[str, str] = {n: s["write_as"] for n, s in SCHEMATA.items() if s.get("write_as")}
LEGAL_ENTITIES: set[str] = set(MAPPING["legal_entities"])
ISO_639_3: dict[str, str] = MAPPING["languages"]
# The properties this export writes, per concrete FtM schema: a subset of FtM's own schema files.
FTM_PROPERTIES: dict[str, set[str]] = {
    name: _properties(SCHEMATA, name) for name, spec in SCHEMATA.items() if not spec.get("abstract")
}
ROOT_PROPERTIES = _properties(SCHEMATA, ROOT_SCHEMA)


def ftm_properties(schema: str) -> set[str]:
    """The properties this export may write on `schema` (a Thing's for a schema it has no table for)."""
    return FTM_PROPERTIES.get(schema, ROOT_PROPERTIES)


def ftm_id(node_id: str) -> str:
    """An FtM-valid entity id for a node id: kept when valid, else slugged with a hash suffix."""
    if FTM_ID.match(node_id) and len(node_id) <= FTM_ID_MAX:
        return node_id
    slug = re.sub(r"[^0-9a-zA-Z.]+", "-", node_id).strip("-.")[:120]
    digest = hashlib.sha1(node_id.encode("utf-8")).hexdigest()[:12]
    return f"{slug}-{digest}" if slug else f"id-{digest}"


def _ftm_text(value: Any) -> str | None:
    """A value as FtM text: None for nothing, booleans as true/false, whole floats without '.0'."""
    if value is None or value == "" or (isinstance(value, float) and not math.isfinite(value)):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip().replace("\x00", "") or None


class FtmEntity:
    """An FtM entity being built: values per property, kept in order without duplicates."""

    def __init__(self, entity_id: str, schema: str) -> None:
        self.id = entity_id
        self.schema = schema
        self.properties: dict[str, list[str]] = {}

    def add(self, prop: str, *values: Any) -> None:
        """Append the values (lists are flattened) not yet held; refuse a property the schema lacks."""
        if prop not in ftm_properties(self.schema):
            raise ValueError(f"FtM schema {self.schema} has no property {prop!r} in this export")
        for value in values:
            for item in value if isinstance(value, list | tuple) else [value]:
                text = _ftm_text(item)
                if text and (prop not in self.properties or text not in self.properties[prop]):
                    self.properties.setdefault(prop, []).append(text)

    def as_json(self) -> dict[str, Any]:
        """The entity as Aleph reads it."""
        return {"id": self.id, "schema": self.schema, "properties": self.properties}


def ftm_schema(label: str, ontology: Ontology) -> str:
    """The FtM schema for an ontology label: its `ftm:` field, made concrete (ABSTRACT_FTM)."""
    schema = ontology.labels[ontology.check_label(label)].get("ftm")
    if not schema:
        raise ValueError(f"label {label} has no `ftm:` schema in the ontology")
    return ABSTRACT_FTM.get(schema, schema)


# -- filling properties from a node ----------------------------------------------------------------


@dataclass(frozen=True)
class Subject:
    """The node a fill reads: its properties, and what `$name`, `$id` and `$label` stand for."""

    props: dict[str, Any]
    name: str
    id: str
    label: str

    def get(self, ref: str) -> Any:
        """A node property, or `$name`, `$id`, `$label`."""
        return {"$name": self.name, "$id": self.id, "$label": self.label}.get(ref, self.props.get(ref))


def _country(code: Any) -> str | None:
    return code.lower() if isinstance(code, str) and re.fullmatch(r"[A-Za-z]{2}", code) else None


TRANSFORMS = {
    "country": _country,
    "language": lambda value: ISO_639_3.get(str(value)),
    "file_name": lambda value: Path(str(value)).name if value else None,
    "seconds": lambda value: str(value or "")[:19],
}


def fill_value(spec: str | dict[str, Any], node: Subject) -> Any:
    """One fill source of the mapping (see etl/exports/ftm.yaml) evaluated on a node."""
    if isinstance(spec, str):
        return node.get(spec)
    condition = spec.get("if")
    if isinstance(condition, str) and not node.get(condition):
        return None
    if isinstance(condition, dict) and any(node.get(k) != v for k, v in condition.items()):
        return None
    if "unless" in spec and all(node.get(k) == v for k, v in spec["unless"].items()):
        return None
    if "present" in spec and node.get(spec["present"]) is None:
        return None
    if "text" in spec:
        value = spec["text"]
    elif "format" in spec:
        value = spec["format"].format_map({**spec.get("defaults", {}), **node.props})
    elif "first" in spec:
        value = None
        for alternative in spec["first"]:  # Python's `or`: the first truthy value, else the last
            if value := fill_value(alternative, node):
                break
    else:
        value = fill_value(spec["value"], node)
    if "except" in spec:
        excluded = node.get(spec["except"])
        value = [v for v in value or [] if v != excluded]
    return TRANSFORMS[spec["as"]](value) if "as" in spec else value


def fill(entity: FtmEntity, fills: dict[str, list[Any]], node: Subject, *, lenient: bool = False) -> None:
    """Add each property's fill sources, in order; with `lenient`, skip those the schema lacks."""
    for prop, sources in fills.items():
        if lenient and prop not in ftm_properties(entity.schema):
            continue
        for spec in sources:
            entity.add(prop, fill_value(spec, node))


def _map_node(entity: FtmEntity, node: Node, name: str) -> None:
    """Fill an entity's own properties from a node: `every_entity`, then its schema's `fill`."""
    subject = Subject(node.props, name, node.id, node.label)
    fill(entity, MAPPING["every_entity"], subject, lenient=True)
    fill(entity, SCHEMATA.get(entity.schema, {}).get("fill") or {}, subject)


# -- relationships ---------------------------------------------------------------------------------


def _link(schema: str, edge: Edge, **roles: Any) -> FtmEntity:
    digest = hashlib.sha1(
        "|".join([edge.type, edge.source, edge.target, str(edge.props.get("key", ""))]).encode("utf-8")
    ).hexdigest()[:24]
    link = FtmEntity(f"{schema.lower()}-{digest}", schema)
    for prop, value in roles.items():
        link.add(prop, value)
    return link


def _is(schema: str, wanted: str | list[str]) -> bool:
    return schema in (LEGAL_ENTITIES if wanted == "legal" else wanted)


def _holds(condition: dict[str, Any], source: FtmEntity, target: FtmEntity) -> bool:
    """Whether a rule's `if` holds for the two endpoint entities."""
    return (
        ("source" not in condition or _is(source.schema, condition["source"]))
        and ("target" not in condition or _is(target.schema, condition["target"]))
        and ("source_allows" not in condition or condition["source_allows"] in ftm_properties(source.schema))
        and ("target_has" not in condition or bool(target.properties.get(condition["target_has"])))
    )


def _end_value(ref: str, source: FtmEntity, target: FtmEntity) -> Any:
    """`source`/`target` (an endpoint's id) or `source.P`/`target.P` (its values of P)."""
    end, _, prop = ref.partition(".")
    entity = {"source": source, "target": target}[end]
    return list(entity.properties.get(prop, [])) if prop else entity.id


def _ends(schema: str, source: FtmEntity, target: FtmEntity) -> dict[str, str]:
    """A link schema's two end properties (its `edge`) set to the endpoints' ids."""
    ends = SCHEMATA[schema]["edge"]
    return {ends["source"]: source.id, ends["target"]: target.id}


def _map_edge(edge: Edge, source: FtmEntity, target: FtmEntity) -> FtmEntity | bool | None:
    """A relationship as a link entity, or as properties set on its endpoints (None), or False
    where FtM has no place for it (SAME_AS); the first rule of its type that holds decides."""
    role = edge.props.get("role")
    for rule in MAPPING["relationships"].get(edge.type, []):
        if not _holds(rule.get("if", {}), source, target):
            continue
        if rule.get("skip"):
            return False
        for end, props in (rule.get("set") or {}).items():
            entity = source if end == "source" else target
            for prop, ref in props.items():
                if prop in ftm_properties(entity.schema):
                    entity.add(prop, _end_value(ref, source, target))
        if "link" not in rule:
            return None
        roles = _ends(rule["link"], source, target)
        if "role" in rule:
            roles["role"] = role or rule["role"]
        return _link(rule["link"], edge, **roles, **(rule.get("values") or {}))
    words = edge.type.lower().replace("_", " ")
    return _link(UNKNOWN_LINK, edge, **_ends(UNKNOWN_LINK, source, target), role=role or words)


# -- the export ------------------------------------------------------------------------------------


def ftm_entities(store: GraphStore) -> tuple[list[dict[str, Any]], int, int]:
    """The graph as FtM entity dicts (documents first, then nodes, then links), the number of
    node entities and the number of relationships written (as a link or a property)."""
    ontology = store.ontology
    snapshot = read_entity_graph(store)
    documents = {doc.id: doc for doc in read_documents(store)}
    entities: dict[tuple[str, str], FtmEntity] = {}
    keys = node_keys([*documents.values(), *snapshot.nodes])  # an id two labels share gets a prefix

    def provenance(entity: FtmEntity, props: dict[str, Any]) -> None:
        doc_ids = [d for d in [*(props.get("doc_ids") or []), props.get("doc_id")] if d]
        for doc_id in dict.fromkeys(doc_ids):
            doc = documents.get(doc_id)
            if doc is not None:
                entity.add("proof", ftm_id(keys[("Document", doc_id)]))
                entity.add("sourceUrl", doc.props.get("url"))
                entity.add("publisher", doc.props.get("source"))
        if props.get("sentence") not in entity.properties.get("summary", []):
            entity.add("description", props.get("sentence"))

    for doc in documents.values():
        entity = FtmEntity(ftm_id(keys[("Document", doc.id)]), ftm_schema("Document", ontology))
        subject = Subject(doc.props, display_name(doc, ontology), doc.id, "Document")
        fill(entity, MAPPING["documents"], subject)
        entities[("Document", doc.id)] = entity

    for node in snapshot.nodes:
        entity = FtmEntity(ftm_id(keys[(node.label, node.id)]), ftm_schema(node.label, ontology))
        _map_node(entity, node, display_name(node, ontology))
        provenance(entity, node.props)
        entities[(node.label, node.id)] = entity

    links: list[FtmEntity] = []
    written = 0
    for edge in snapshot.edges:
        source = entities.get((edge.source_label, edge.source))
        target = entities.get((edge.target_label, edge.target))
        if source is None or target is None or source.id == target.id:
            continue
        link = _map_edge(edge, source, target)
        if link is False:
            continue
        written += 1
        if link is not None:
            provenance(link, edge.props)
            links.append(link)
    ordered = [e.as_json() for e in entities.values()] + [link.as_json() for link in links]
    return ordered, len(snapshot.nodes), written


def export_ftm(store: GraphStore, path: Path) -> ExportSummary:
    """Write FollowTheMoney entities as JSON lines (Aleph: `alephclient write-entities`)."""
    entities, nodes, relationships = ftm_entities(store)
    with atomic_write(path) as handle:
        for entity in entities:
            handle.write(json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n")
    return ExportSummary("ftm", path, nodes, relationships, [path], {"entities": len(entities)})
