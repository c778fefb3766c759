"""Exports of the graph for the tools investigators already use: Gephi (GraphML, GEXF), spreadsheets
and i2 Analyst's Notebook (CSV), another Neo4j or embedded store (a Cypher script), and Aleph
(FollowTheMoney entities as JSON lines). Every export is read from the store with paged read-only
queries, so it works the same on both stores.

GraphML and GEXF hold the entity graph: every node except `Document` and `Run`, every relationship
except `MENTIONS` (the link from a document to what it mentions). Node attributes are `label`
(the ontology label), `name` (the caption where a node has no name) and every other property but
the internal lookup field `search`; lists are joined with " | " because both formats only allow
scalar attributes; None is dropped; an attribute has one type across the file (mixed int/float
become float, anything else mixed becomes text). Edge attributes are `type`, `key` and every
relationship property (role, provenance, ...). The GEXF file is written for Gephi, whose GEXF
reader gives some names a meaning of their own, so there: the node `label` is the name (what Gephi
displays) and the ontology label is the attribute `entity_type`; the edge label and the attribute
`rel_type` hold the relationship type; `key` becomes `rel_key`; the character offsets `start` and
`end` become `span_start` and `span_end` (GEXF reads `start`/`end` as time).

CSV (a folder) holds `entities.csv`, `links.csv` and `documents.csv` (the documents that the
`doc_id`/`documents` columns name), in plain UTF-8 written with the csv module. Lists are joined
with " | ". A cell that a spreadsheet would run as a formula (it starts with = + - @, a tab or a
carriage return and is not a number) gets a leading apostrophe unless `guard_formulas=False`,
because names and handles come from hostile sources.

Cypher is one script that rebuilds the whole graph, documents and `MENTIONS` included: batches of
`UNWIND [{...}, ...] AS row MERGE (n:Label {id: row.id}) SET n += row`, then relationships merged on
their `key` as the store itself does, statements separated by ";\\n". Labels and types come only
from the ontology (checked); values are literals from `cypher_literal`, which escapes backslashes,
quotes and line breaks, so no value can end a string or a statement (NUL, which neither store can
hold in a literal, is dropped; NaN and infinities become null). Open the target with `graph` first
(or run `cypher/schema.cypher`) so that the id constraints exist before loading a large script.

FtM writes one entity per line, `{"id", "schema", "properties": {name: [strings]}}`. Ids are made
FtM-safe (letters, digits, dots and dashes; a hash suffix keeps them unique). Node labels map
through the ontology's `ftm:` field, except that FtM's abstract schemas cannot be indexed by Aleph,
so `Thing` (the ontology's choice for Equipment) is written as `Vehicle` (see ABSTRACT_FTM).
Every entity carries `proof` (its source documents, which are exported as `Document` entities),
`sourceUrl` (the documents' urls, where they have one; an account's own url first), `publisher`
(the documents' sources) and the supporting sentence in `description` (unless it is already
the entity's `summary`). A relationship FtM has no place for otherwise becomes an `UnknownLink`.

    label          FtM schema     properties
    Person         Person         name, alias (aliases, name_latin), nationality, position (role),
                                  description (description, sentence), notes (unnamed, count)
    Organisation   Organization   name, alias, country, classification (kind)
    Platform       Organization   name, alias, classification "platform"
    Account        UserAccount    username (handle), name, service (platform, HOSTED_ON target),
                                  owner (CONTROLS source), number (kind phone), summary (kind),
                                  notes (status), sourceUrl (url)
    Vessel         Vessel         name, type (kind), registrationNumber, operator (OPERATES),
                                  notes (count)
    Equipment      Vehicle        name, type (kind), operator (OPERATES), notes (count)
    Payment        Payment        amount, currency, date, summary (name, method), payer (PAID),
                                  beneficiary (RECEIVED)
    Location       Address        name, full, city/region (by kind), country, alias, summary (kind)
    Event          Event          name, date, summary, notes (count), involved (PARTICIPATED_IN
                                  from a person or organisation), location and addressEntity
                                  (LOCATED_IN)
    Document       Document       name, title, language (ISO 639-3), publishedAt, retrievedAt,
                                  fileName, sourceUrl, publisher

    relationship       FtM
    WORKS_FOR          Employment (employee, employer, role)
    MEMBER_OF          Membership (member, organization)
    ASSOCIATED_WITH    Associate (person, associate) between two people, else UnknownLink
    CONTROLS           UnknownLink (subject, object, role "controls") and UserAccount.owner;
                       not Ownership, whose `asset` must be an Asset and an account is not
    OWNS               Ownership (owner, asset)
    OPERATES           Vessel/Vehicle.operator
    PAID, RECEIVED     Payment.payer / Payment.beneficiary for a person or organisation, else
                       UnknownLink (role "paid" / "received")
    PARTICIPATED_IN    Event.involved for a person or organisation (FtM allows only legal
                       entities there), else UnknownLink with the role
    SEIZED             UnknownLink (subject: the event, object: the thing, role "seized")
    HOSTED_ON          UserAccount.service (the platform's name)
    LOCATED_IN         addressEntity (and Event.location, the place's name)
    NATIONAL_OF        Person.nationality (the place's country)
    MENTIONS           proof on the mentioned entity (via its doc_ids)
    SAME_AS            not written: FtM expresses a merge by merging entities, not by a link
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from graph.analysis.io import is_number
from graph.ontology import Ontology
from graph.store.base import GraphStore

FORMATS = ("graphml", "gexf", "csv", "cypher", "ftm")
NON_ENTITY_LABELS = ("Document", "Run")
NON_ENTITY_TYPES = ("MENTIONS",)
PAGE_SIZE = 5000
READ_TIMEOUT_S = 300.0
CYPHER_BATCH = 500
LIST_SEPARATOR = " | "
INTERNAL_PROPERTIES = {"search"}  # normalised lookup keys, not something to show an analyst


@dataclass
class ExportSummary:
    """What an export wrote: the format, where, how many nodes and relationships, which files."""

    fmt: str
    path: Path
    nodes: int
    relationships: int
    files: list[Path] = field(default_factory=list)
    extra: dict[str, int] = field(default_factory=dict)


# -- reading the graph ---------------------------------------------------------------------------


@dataclass
class Node:
    """One node as exported: its ontology label and its properties (id included)."""

    label: str
    props: dict[str, Any]

    @property
    def id(self) -> str:
        return str(self.props["id"])


@dataclass
class Edge:
    """One relationship as exported: type, endpoints (id and label) and properties."""

    type: str
    source: str
    source_label: str
    target: str
    target_label: str
    props: dict[str, Any]


@dataclass
class Snapshot:
    """The nodes and relationships an export reads, in a stable order (label, id; type, ids, key)."""

    nodes: list[Node]
    edges: list[Edge]


def _paged(store: GraphStore, query: str) -> Iterable[dict[str, Any]]:
    """Every row of an ordered read-only query, PAGE_SIZE rows per round trip."""
    skip = 0
    while True:
        result = store.query(
            f"{query} SKIP $skip LIMIT $page",
            {"skip": skip, "page": PAGE_SIZE},
            limit=PAGE_SIZE,
            timeout_s=READ_TIMEOUT_S,
        )
        yield from result.records()
        if len(result.rows) < PAGE_SIZE:
            return
        skip += PAGE_SIZE


def _own_label(labels: list[str], ontology: Ontology) -> str | None:
    return next((label for label in labels if label in ontology.labels), None)


def read_snapshot(
    store: GraphStore, *, labels: Iterable[str] | None = None, types: Iterable[str] | None = None
) -> Snapshot:
    """The nodes of `labels` and the relationships of `types` between them (default: all), read
    label by label and type by type so that every name put into a query is an ontology name."""
    ontology = store.ontology
    wanted_labels = [ontology.check_label(label) for label in (ontology.labels if labels is None else labels)]
    nodes = []
    for label in wanted_labels:
        for row in _paged(store, f"MATCH (n:{label}) RETURN n ORDER BY n.id"):
            props = {k: v for k, v in row["n"].items() if k != "_labels" and v is not None}
            nodes.append(Node(label, props))
    kept = {(node.label, node.id) for node in nodes}
    edges = []
    for rel_type in ontology.relations if types is None else types:
        if rel_type not in ontology.relations:
            raise ValueError(f"relationship type {rel_type!r} is not in the ontology")
        query = (
            f"MATCH (a)-[r:{rel_type}]->(b) RETURN a.id AS source, labels(a) AS source_labels, "
            "r AS rel, b.id AS target, labels(b) AS target_labels ORDER BY a.id, b.id, r.key"
        )
        for row in _paged(store, query):
            source_label = _own_label(row["source_labels"], ontology)
            target_label = _own_label(row["target_labels"], ontology)
            if (source_label, row["source"]) not in kept or (target_label, row["target"]) not in kept:
                continue
            props = {k: v for k, v in row["rel"].items() if k != "_type" and v is not None}
            edges.append(
                Edge(rel_type, str(row["source"]), source_label, str(row["target"]), target_label, props)
            )
    return Snapshot(nodes, edges)


def read_entity_graph(store: GraphStore) -> Snapshot:
    """The entity graph: all nodes but documents and runs, all relationships but MENTIONS."""
    ontology = store.ontology
    labels = [label for label in ontology.labels if label not in NON_ENTITY_LABELS]
    types = [name for name in ontology.relations if name not in NON_ENTITY_TYPES]
    return read_snapshot(store, labels=labels, types=types)


def display_name(node: Node, ontology: Ontology) -> str:
    """The node's name, else its caption fields from the ontology, else its id."""
    if node.props.get("name") not in (None, ""):
        return str(node.props["name"])
    parts = [str(node.props[f]) for f in ontology.caption(node.label) if node.props.get(f) not in (None, "")]
    return " ".join(parts) or node.id


# -- GraphML and GEXF ----------------------------------------------------------------------------

XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _scalar(value: Any) -> str | int | float | bool | None:
    """A value as a GraphML/GEXF attribute: lists joined, maps as JSON, text XML-safe."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return None
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, list | tuple):
        items = [_scalar(v) for v in value]
        return _xml_text(LIST_SEPARATOR.join(str(v) for v in items if v is not None))
    if isinstance(value, dict):
        return _xml_text(json.dumps(value, ensure_ascii=False, sort_keys=True))
    return _xml_text(str(value))


def _xml_text(text: str) -> str:
    return XML_INVALID.sub("", text)


def _unify_types(items: Iterable[dict[str, Any]]) -> None:
    """Give each attribute one type across all items, since both formats declare a type per key:
    int and float mix to float, any other mix to text (bool is not a number here)."""
    items = list(items)
    kinds: dict[str, set[type]] = defaultdict(set)
    for data in items:
        for key, value in data.items():
            kinds[key].add(type(value))
    for key, seen in kinds.items():
        if len(seen) < 2:
            continue
        cast: Callable[[Any], Any] = float if seen <= {int, float} else _as_text
        for data in items:
            if key in data:
                data[key] = cast(data[key])


def _as_text(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def entity_graph(store: GraphStore, snapshot: Snapshot | None = None) -> nx.MultiDiGraph:
    """The entity graph as a NetworkX MultiDiGraph with scalar attributes (see the module notes);
    node keys are ids (label-prefixed where two labels share one), edge keys `TYPE:key`; text is
    kept XML-safe, as both formats are XML."""
    snapshot = snapshot or read_entity_graph(store)
    graph = nx.MultiDiGraph(name="graph entity export")
    keys = {ident: _xml_text(key) for ident, key in _node_keys(snapshot.nodes).items()}
    for node in snapshot.nodes:
        data: dict[str, Any] = {"label": node.label, "name": _xml_text(display_name(node, store.ontology))}
        for prop, value in node.props.items():
            if prop in ("id", "label", "name") or prop in INTERNAL_PROPERTIES:
                continue
            if (scalar := _scalar(value)) is not None:
                data[prop] = scalar
        graph.add_node(keys[(node.label, node.id)], **data)
    for edge in snapshot.edges:
        data = {"type": edge.type}
        for prop, value in edge.props.items():
            if prop != "type" and (scalar := _scalar(value)) is not None:
                data[prop] = scalar
        key = _xml_text(f"{edge.type}:{edge.props.get('key', '')}")
        source, target = keys[(edge.source_label, edge.source)], keys[(edge.target_label, edge.target)]
        graph.add_edges_from([(source, target, key, data)])  # `key` is also a property name
    _unify_types(data for _, data in graph.nodes(data=True))
    _unify_types(data for _, _, data in graph.edges(data=True))
    return graph


def _node_keys(nodes: list[Node]) -> dict[tuple[str, str], str]:
    """Node ids as graph keys; an id held by nodes of two labels is prefixed with the label."""
    labels_of: dict[str, set[str]] = defaultdict(set)
    for node in nodes:
        labels_of[node.id].add(node.label)
    return {
        (node.label, node.id): node.id if len(labels_of[node.id]) == 1 else f"{node.label}:{node.id}"
        for node in nodes
    }


def export_graphml(store: GraphStore, path: Path) -> ExportSummary:
    """Write the entity graph as GraphML (Gephi, yEd, Cytoscape, NetworkX)."""
    graph = entity_graph(store)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    nx.write_graphml(graph, path, encoding="utf-8")
    return ExportSummary("graphml", path, graph.number_of_nodes(), graph.number_of_edges(), [path])


GEXF_NODE_RENAMES = {"label": "entity_type", "start": "span_start", "end": "span_end"}
GEXF_EDGE_RENAMES = {"type": "rel_type", "key": "rel_key", "start": "span_start", "end": "span_end"}


def gexf_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The entity graph with the attribute names GEXF reserves moved aside (module notes), the
    node label set to the name and the edge label to the relationship type, as Gephi shows them."""
    out = nx.MultiDiGraph(name=graph.graph.get("name", ""))
    for node, data in graph.nodes(data=True):
        renamed = {GEXF_NODE_RENAMES.get(k, k): v for k, v in data.items()}
        out.add_node(node, **renamed, label=data["name"])
    for source, target, key, data in graph.edges(keys=True, data=True):
        renamed = {GEXF_EDGE_RENAMES.get(k, k): v for k, v in data.items()}
        out.add_edge(source, target, key=key, **renamed, label=data["type"])
    return out


def export_gexf(store: GraphStore, path: Path) -> ExportSummary:
    """Write the entity graph as GEXF 1.2 for Gephi."""
    graph = gexf_graph(entity_graph(store))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    nx.write_gexf(graph, path, encoding="utf-8")
    return ExportSummary("gexf", path, graph.number_of_nodes(), graph.number_of_edges(), [path])


# -- CSV -------------------------------------------------------------------------------------------

PROVENANCE_COLUMNS = [
    "doc_id",
    "start",
    "end",
    "sentence",
    "extractor",
    "confidence",
    "first_seen",
    "last_seen",
    "documents",
]
LINK_COLUMNS = ["source_id", "source_label", "type", "target_id", "target_label", "role"]
DOCUMENT_COLUMNS = ["id", "title", "source", "url", "published", "lang", "path", "ingested_at"]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any, guard: bool) -> str:
    """A value as CSV text: lists joined, booleans as true/false, formulas defused when `guard`."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        text = LIST_SEPARATOR.join(_cell(v, False) for v in value if v is not None)
    elif isinstance(value, dict):
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    else:
        text = str(value)
    if guard and text.startswith(FORMULA_START) and not is_number(text):
        return "'" + text
    return text


def _columns(base: list[str], extra: Iterable[str], tail: list[str]) -> list[str]:
    seen = set(base) | set(tail)
    return base + [c for c in extra if not (c in seen or seen.add(c))] + tail


def export_csv(store: GraphStore, folder: Path, *, guard_formulas: bool = True) -> ExportSummary:
    """Write entities.csv, links.csv and documents.csv into `folder` for spreadsheets and i2
    Analyst's Notebook: one row per entity and per relationship, provenance in every row."""
    ontology = store.ontology
    snapshot = read_entity_graph(store)
    documents = read_snapshot(store, labels=["Document"], types=[]).nodes
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)

    def provenance(props: dict[str, Any]) -> dict[str, Any]:
        return {**{c: props.get(c) for c in PROVENANCE_COLUMNS[:-1]}, "documents": props.get("doc_ids")}

    skip = {"id", "name", "aliases", "text", "path", *INTERNAL_PROPERTIES, *ontology.provenance}
    known = [p for label in ontology.entity_labels for p in ontology.properties(label) if p not in skip]
    found = sorted({p for node in snapshot.nodes for p in node.props if p not in skip})
    entity_columns = _columns(["id", "label", "name", "aliases"], [*known, *found], PROVENANCE_COLUMNS)
    entity_rows = [
        {
            **node.props,
            "label": node.label,
            "name": display_name(node, ontology),
            "aliases": node.props.get("aliases"),
            **provenance(node.props),
        }
        for node in snapshot.nodes
    ]
    link_skip = {"key", "role", *ontology.provenance}
    link_found = sorted({p for edge in snapshot.edges for p in edge.props if p not in link_skip})
    link_columns = [*_columns(LINK_COLUMNS, [], PROVENANCE_COLUMNS), "key", *link_found]
    link_rows = [
        {
            **edge.props,
            "source_id": edge.source,
            "source_label": edge.source_label,
            "type": edge.type,
            "target_id": edge.target,
            "target_label": edge.target_label,
            **provenance(edge.props),
        }
        for edge in snapshot.edges
    ]
    document_rows = [doc.props for doc in documents]
    files = []
    for name, columns, rows in (
        ("entities.csv", entity_columns, entity_rows),
        ("links.csv", link_columns, link_rows),
        ("documents.csv", DOCUMENT_COLUMNS, document_rows),
    ):
        target = folder / name
        with open(target, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            for row in rows:
                writer.writerow([_cell(row.get(c), guard_formulas) for c in columns])
        files.append(target)
    return ExportSummary(
        "csv", folder, len(entity_rows), len(link_rows), files, {"documents": len(document_rows)}
    )


# -- Cypher ----------------------------------------------------------------------------------------

IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
STRING_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
STRING_SPECIALS = re.compile("[\\\\'\n\r\t\b\f\x00]")


def cypher_string(text: str) -> str:
    """A Cypher string literal that reads back as `text` on Neo4j and FalkorDB: backslash, quote
    and control escapes only (FalkorDB has no \\u escapes); NUL, which neither can hold, dropped."""
    return "'" + STRING_SPECIALS.sub(lambda m: STRING_ESCAPES.get(m.group(0), ""), text) + "'"


def cypher_name(name: str) -> str:
    """A property key as Cypher: bare when it is an identifier, else back-quoted."""
    return name if IDENTIFIER.match(name) else "`" + name.replace("`", "``") + "`"


def cypher_literal(value: Any) -> str:
    """A Python value as a Cypher literal: strings escaped, numbers, booleans, null, lists, maps."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # Cypher writes no '+' in an exponent: 1e+16 is read as 1e16 only without it
        return repr(value).replace("e+", "e") if math.isfinite(value) else "null"
    if isinstance(value, str):
        return cypher_string(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{cypher_name(str(k))}: {cypher_literal(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"no Cypher literal for {type(value).__name__}: {value!r}")


def _unwind(rows: list[dict[str, Any]], body: str) -> str:
    items = ",\n".join(cypher_literal(row) for row in rows)
    return f"UNWIND [\n{items}\n] AS row\n{body}"


def cypher_script(store: GraphStore, snapshot: Snapshot | None = None) -> tuple[str, Snapshot]:
    """The Cypher script that rebuilds the graph (all labels and types), and what it holds."""
    ontology = store.ontology
    snapshot = snapshot or read_snapshot(store)
    statements = []
    by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for node in snapshot.nodes:
        by_label[ontology.check_label(node.label)].append(node.props)
    for label, rows in by_label.items():
        for i in range(0, len(rows), CYPHER_BATCH):
            body = f"MERGE (n:{label} {{id: row.id}})\nSET n += row"
            statements.append(_unwind(rows[i : i + CYPHER_BATCH], body))
    by_type: dict[tuple[str, str, str, bool], list[dict[str, Any]]] = defaultdict(list)
    for edge in snapshot.edges:
        ontology.check_relation(edge.type, edge.source_label, edge.target_label)
        keyed = edge.props.get("key") is not None
        row = {"s": edge.source, "t": edge.target, "key": edge.props.get("key"), "props": edge.props}
        by_type[(edge.type, edge.source_label, edge.target_label, keyed)].append(row)
    for (rel_type, source, target, keyed), rows in by_type.items():
        pattern = f"[r:{rel_type} {{key: row.key}}]" if keyed else f"[r:{rel_type}]"
        body = (
            f"MATCH (a:{source} {{id: row.s}})\nMATCH (b:{target} {{id: row.t}})\n"
            f"MERGE (a)-{pattern}->(b)\nSET r += row.props"
        )
        for i in range(0, len(rows), CYPHER_BATCH):
            statements.append(_unwind(rows[i : i + CYPHER_BATCH], body))
    header = (
        f"// graph export: {len(snapshot.nodes)} nodes and {len(snapshot.edges)} relationships.\n"
        "// Rebuilds the graph with MERGE on ids (safe to run twice). Statements end with ';'.\n"
        "// Neo4j: cypher-shell -f this.cypher (apply cypher/schema.cypher first for speed).\n"
    )
    return header + "".join(f"{s};\n" for s in statements), snapshot


def cypher_statements(script: str) -> list[str]:
    """The statements of a script written by `export_cypher`, without the leading comments: a
    literal never holds a raw line break, so every ';' at a line end ends a statement."""
    out = []
    for chunk in script.split(";\n"):
        # split on "\n" only: str.splitlines() would also break at \x0b, \x1c or \u2028 in a literal
        lines = [line for line in chunk.strip().split("\n") if line.strip()]
        while lines and lines[0].lstrip().startswith("//"):
            lines.pop(0)
        if lines:
            out.append("\n".join(lines))
    return out


def export_cypher(store: GraphStore, path: Path) -> ExportSummary:
    """Write a Cypher script that rebuilds the whole graph in another Neo4j or embedded store."""
    script, snapshot = cypher_script(store)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(script, encoding="utf-8")
    return ExportSummary("cypher", path, len(snapshot.nodes), len(snapshot.edges), [path])


# -- FollowTheMoney --------------------------------------------------------------------------------

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
    documents = {doc.id: doc for doc in read_snapshot(store, labels=["Document"], types=[]).nodes}
    entities: dict[tuple[str, str], FtmEntity] = {}
    keys = _node_keys([*documents.values(), *snapshot.nodes])  # an id two labels share gets a prefix

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
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        for entity in entities:
            handle.write(json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n")
    return ExportSummary("ftm", path, nodes, relationships, [path], {"entities": len(entities)})


# -- dispatch --------------------------------------------------------------------------------------

EXPORTERS: dict[str, Callable[[GraphStore, Path], ExportSummary]] = {
    "graphml": export_graphml,
    "gexf": export_gexf,
    "csv": export_csv,
    "cypher": export_cypher,
    "ftm": export_ftm,
}


def export_graph(store: GraphStore, fmt: str, path: Path) -> ExportSummary:
    """Export the graph in `fmt` (graphml, gexf, csv, cypher, ftm) to `path` (a folder for csv)."""
    exporter = EXPORTERS.get(fmt.lower())
    if exporter is None:
        raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    return exporter(store, Path(path))
