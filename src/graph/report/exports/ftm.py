"""FollowTheMoney export for Aleph: one entity per line, `{"id", "schema", "properties": {name:
[strings]}}`. Ids are made FtM-safe (letters, digits, dots and dashes; a hash suffix keeps them
unique). Node labels map through the ontology's `ftm:` field, made concrete where FtM's schema is
abstract (Aleph cannot index those). Every entity carries `proof` (its source documents, which
are exported as `Document` entities), `sourceUrl` (the documents' urls, where they have one),
`publisher` (the documents' sources) and the supporting sentence in `description` (unless it is
already the entity's `summary`)."""

from __future__ import annotations

import hashlib
import json
import math
import re
from pathlib import Path
from typing import Any

from graph.ontology import Ontology
from graph.report.exports.common import (
    Edge,
    ExportSummary,
    Node,
    display_name,
    node_keys,
    prepare,
    read_documents,
    read_entity_graph,
)
from graph.store.base import GraphStore

FTM_ID = re.compile(r"^[0-9a-zA-Z]([0-9a-zA-Z.\-]*[0-9a-zA-Z])?$")
FTM_ID_MAX = 200
# FtM schemas Aleph refuses to index (abstract), and the concrete schema written instead.
ABSTRACT_FTM = {"Thing": "Vehicle", "Asset": "Vehicle", "LegalEntity": "Organization"}
LEGAL_ENTITIES = {"Person", "Organization", "LegalEntity", "Company", "PublicBody"}
ISO_639_3 = {
    "ar": "ara",
    "en": "eng",
    "fr": "fra",
    "de": "deu",
    "es": "spa",
    "it": "ita",
    "el": "ell",
    "tr": "tur",
    "fa": "fas",
    "ku": "kur",
    "ur": "urd",
    "ps": "pus",
    "nl": "nld",
    "sq": "sqi",
}
_THING = {"name", "alias", "country", "summary", "description", "notes", "sourceUrl", "publisher", "proof"}
_THING |= {"addressEntity", "retrievedAt"}
_INTERVAL = {"date", "summary", "description", "sourceUrl", "publisher", "proof", "recordId"}
_INTEREST = _INTERVAL | {"role", "status"}
# The properties this export writes, per FtM schema: a subset of FtM's own schema files.
FTM_PROPERTIES: dict[str, set[str]] = {
    "Person": _THING | {"nationality", "position"},
    "Organization": _THING | {"classification"},
    "UserAccount": _THING | {"username", "service", "owner", "number"},
    "Vessel": _THING | {"type", "registrationNumber", "operator"},
    "Vehicle": _THING | {"type", "registrationNumber", "operator"},
    "Payment": _INTERVAL | {"amount", "currency", "payer", "beneficiary"},
    "Address": _THING | {"full", "city", "region"},
    "Event": _THING | _INTERVAL | {"involved", "location"},
    "Document": _THING | {"title", "language", "publishedAt", "fileName"},
    "Employment": _INTEREST | {"employee", "employer"},
    "Membership": _INTEREST | {"member", "organization"},
    "Associate": _INTERVAL | {"person", "associate", "relationship"},
    "UnknownLink": _INTEREST | {"subject", "object"},
    "Ownership": _INTEREST | {"owner", "asset"},
}


def ftm_properties(schema: str) -> set[str]:
    """The properties this export may write on `schema` (a Thing's for a schema it has no table for)."""
    return FTM_PROPERTIES.get(schema, _THING)


def ftm_id(node_id: str) -> str:
    """An FtM-valid entity id for a node id: kept when valid, else slugged with a hash suffix."""
    if FTM_ID.match(node_id) and len(node_id) <= FTM_ID_MAX:
        return node_id
    slug = re.sub(r"[^0-9a-zA-Z.]+", "-", node_id).strip("-.")[:120]
    digest = hashlib.sha1(node_id.encode("utf-8")).hexdigest()[:12]
    return f"{slug}-{digest}" if slug else f"id-{digest}"


class FtmEntity:
    """An FtM entity being built: values per property, kept in order without duplicates."""

    def __init__(self, entity_id: str, schema: str) -> None:
        self.id = entity_id
        self.schema = schema
        self.properties: dict[str, list[str]] = {}

    def add(self, prop: str, *values: Any) -> None:
        if prop not in ftm_properties(self.schema):
            raise ValueError(f"FtM schema {self.schema} has no property {prop!r} in this export")
        for value in values:
            for item in value if isinstance(value, list | tuple) else [value]:
                text = _ftm_text(item)
                if text and (prop not in self.properties or text not in self.properties[prop]):
                    self.properties.setdefault(prop, []).append(text)

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "schema": self.schema, "properties": self.properties}


def _ftm_text(value: Any) -> str | None:
    if value is None or value == "" or (isinstance(value, float) and not math.isfinite(value)):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip().replace("\x00", "") or None


def ftm_schema(label: str, ontology: Ontology) -> str:
    """The FtM schema for an ontology label: its `ftm:` field, made concrete (ABSTRACT_FTM)."""
    schema = ontology.labels[ontology.check_label(label)].get("ftm")
    if not schema:
        raise ValueError(f"label {label} has no `ftm:` schema in the ontology")
    return ABSTRACT_FTM.get(schema, schema)


def _country(code: Any) -> str | None:
    return code.lower() if isinstance(code, str) and re.fullmatch(r"[A-Za-z]{2}", code) else None


def ftm_entities(store: GraphStore) -> tuple[list[dict[str, Any]], int, int]:
    """The graph as FtM entity dicts (documents first, then nodes, then links), the number of
    node entities and the number of relationships written (as a link or a property)."""
    ontology = store.ontology
    snapshot = read_entity_graph(store)
    documents = {doc.id: doc for doc in read_documents(store)}
    entities: dict[tuple[str, str], FtmEntity] = {}
    keys = node_keys([*documents.values(), *snapshot.nodes])  # an id two labels share gets a prefix

    def provenance(entity: FtmEntity, props: dict[str, Any], *, first_url: Any = None) -> None:
        doc_ids = [d for d in [*(props.get("doc_ids") or []), props.get("doc_id")] if d]
        entity.add("sourceUrl", first_url)
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
        p = doc.props
        entity.add("title", p.get("title"))
        entity.add("name", p.get("title") or Path(str(p.get("path") or doc.id)).name)
        entity.add("language", ISO_639_3.get(str(p.get("lang"))))
        entity.add("publishedAt", p.get("published"))
        entity.add("retrievedAt", str(p.get("ingested_at") or "")[:19])
        entity.add("fileName", Path(str(p["path"])).name if p.get("path") else None)
        entity.add("sourceUrl", p.get("url"))
        entity.add("publisher", p.get("source"))
        entities[("Document", doc.id)] = entity

    for node in snapshot.nodes:
        schema = ftm_schema(node.label, ontology)
        entity = FtmEntity(ftm_id(keys[(node.label, node.id)]), schema)
        _map_node(entity, node, display_name(node, ontology))
        provenance(entity, node.props, first_url=node.props.get("url") if node.label == "Account" else None)
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


def _map_node(entity: FtmEntity, node: Node, name: str) -> None:
    """Fill an entity's own properties from a node (the mapping table in the module notes)."""
    p = node.props
    schema = entity.schema
    if schema not in ("Payment",):
        entity.add("name", name)
    if "alias" in ftm_properties(schema):
        entity.add("alias", [a for a in p.get("aliases") or [] if a != name])
    if schema == "Person":
        entity.add("alias", p.get("name_latin"))
        entity.add("nationality", _country(p.get("nationality")))
        entity.add("position", p.get("role"))
        entity.add("description", p.get("description"))
        if p.get("unnamed"):
            entity.add("notes", f"unnamed person (count: {p.get('count', 1)})")
    elif schema == "Organization":
        entity.add("country", _country(p.get("country")))
        entity.add("classification", "platform" if node.label == "Platform" else p.get("kind"))
    elif schema == "UserAccount":
        entity.add("username", p.get("handle") or p.get("name") or node.id)
        entity.add("service", p.get("platform"))
        entity.add("summary", p.get("kind"))
        if p.get("kind") == "phone":
            entity.add("number", p.get("handle"))
        if p.get("status"):
            entity.add("notes", f"status: {p['status']}")
    elif schema in ("Vessel", "Vehicle"):
        entity.add("type", p.get("kind"))
        entity.add("registrationNumber", p.get("registration"))
        if p.get("count") is not None:
            entity.add("notes", f"count: {p['count']}")
    elif schema == "Payment":
        entity.add("amount", p.get("amount"))
        entity.add("currency", p.get("currency"))
        entity.add("date", p.get("date"))
        entity.add("summary", name, f"{p['method']} payment" if p.get("method") else None)
    elif schema == "Address":
        entity.add("full", name)
        entity.add("country", _country(p.get("country")))
        entity.add("summary", p.get("kind"))
        if p.get("kind") == "city":
            entity.add("city", name)
        elif p.get("kind") == "region":
            entity.add("region", name)
    elif schema == "Event":
        entity.add("date", p.get("date"))
        entity.add("summary", p.get("summary"))
        if p.get("count") is not None:
            entity.add("notes", f"count: {p.get('count_qualifier', 'exact')} {p['count']}")


def _link(schema: str, edge: Edge, **roles: str) -> FtmEntity:
    digest = hashlib.sha1(
        "|".join([edge.type, edge.source, edge.target, str(edge.props.get("key", ""))]).encode("utf-8")
    ).hexdigest()[:24]
    link = FtmEntity(f"{schema.lower()}-{digest}", schema)
    for prop, value in roles.items():
        link.add(prop, value)
    return link


def _first(entity: FtmEntity, prop: str) -> str | None:
    values = entity.properties.get(prop)
    return values[0] if values else None


def _map_edge(edge: Edge, source: FtmEntity, target: FtmEntity) -> FtmEntity | bool | None:
    """A relationship as a link entity, or as properties set on its endpoints (None), or False
    where FtM has no place for it (SAME_AS)."""
    role = edge.props.get("role")
    legal_source = source.schema in LEGAL_ENTITIES
    legal_target = target.schema in LEGAL_ENTITIES
    kind = edge.type

    def unknown(default_role: str) -> FtmEntity:
        return _link("UnknownLink", edge, subject=source.id, object=target.id, role=role or default_role)

    if kind == "WORKS_FOR":
        return _link("Employment", edge, employee=source.id, employer=target.id, role=role or "")
    if kind == "MEMBER_OF":
        return _link("Membership", edge, member=source.id, organization=target.id, role=role or "")
    if kind == "ASSOCIATED_WITH":
        if source.schema == "Person" and target.schema == "Person":
            return _link("Associate", edge, person=source.id, associate=target.id, relationship="associate")
        return unknown("associated with")
    if kind == "CONTROLS":
        if target.schema == "UserAccount" and legal_source:
            target.add("owner", source.id)
        return unknown("controls")
    if kind == "OWNS":
        if target.schema in ("Vessel", "Vehicle") and legal_source:
            return _link("Ownership", edge, owner=source.id, asset=target.id, role=role or "")
        return unknown("owns")
    if kind == "OPERATES":
        if target.schema in ("Vessel", "Vehicle") and legal_source:
            target.add("operator", source.id)
            return None
        return unknown("operates")
    if kind == "PAID":
        if target.schema == "Payment" and legal_source:
            target.add("payer", source.id)
            return None
        return unknown("paid")
    if kind == "RECEIVED":
        if source.schema == "Payment" and legal_target:
            source.add("beneficiary", target.id)
            return None
        return unknown("received")
    if kind == "PARTICIPATED_IN":
        if target.schema == "Event" and legal_source:
            target.add("involved", source.id)
            return None
        return unknown("participant")
    if kind == "SEIZED":
        return unknown("seized")
    if kind == "HOSTED_ON":
        if source.schema == "UserAccount":
            source.add("service", _first(target, "name"))
            return None
        return unknown("hosted on")
    if kind == "LOCATED_IN":
        if target.schema == "Address" and "addressEntity" in ftm_properties(source.schema):
            source.add("addressEntity", target.id)
            if source.schema == "Event":
                source.add("location", _first(target, "name"))
            return None
        return unknown("located in")
    if kind == "NATIONAL_OF":
        if source.schema == "Person" and target.properties.get("country"):
            source.add("nationality", target.properties["country"])
            return None
        return unknown("national of")
    if kind == "SAME_AS":
        return False
    return unknown(kind.lower().replace("_", " "))


def export_ftm(store: GraphStore, path: Path) -> ExportSummary:
    """Write FollowTheMoney entities as JSON lines (Aleph: `alephclient write-entities`)."""
    entities, nodes, relationships = ftm_entities(store)
    path = prepare(path)
    with open(path, "w", encoding="utf-8") as handle:
        for entity in entities:
            handle.write(json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n")
    return ExportSummary("ftm", path, nodes, relationships, [path], {"entities": len(entities)})
