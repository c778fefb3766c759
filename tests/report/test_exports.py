"""Exports (GraphML, GEXF, CSV, Cypher, FtM), each read back: counts match the store, Arabic
and hostile text survive, provenance comes along, and the FtM entities are valid for Aleph."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest

from graph.ingest import ingest
from graph.model import EdgeRecord, GraphBatch, NodeRecord, Provenance
from graph.ontology import load_ontology
from graph.report.exports import (
    ABSTRACT_FTM,
    FTM_ID,
    FTM_PROPERTIES,
    cypher_literal,
    cypher_statements,
    export_graph,
    read_snapshot,
)
from graph.store.base import GraphStore
from graph.store.embedded import EmbeddedStore

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "etl" / "samples"
ARABIC = re.compile("[\u0600-\u06ff]")
PROVENANCE = ["doc_id", "sentence", "extractor", "confidence"]
# Dates of the reports behind a record: empty where no report of it says when it was published.
DATES = ["first_seen", "last_seen"]


def dated_some_not_today(records: list[dict]) -> bool:
    """Some records carry report dates, all of them dates of the samples (2021-2024), never the
    day of the run."""
    dates = [r[c] for r in records for c in DATES if r.get(c)]
    return bool(dates) and all("2021" <= d[:4] <= "2024" for d in dates)
HOSTILE = 'O\'Brien "the fixer" \\ } ]) MATCH (n) DETACH DELETE n; //\n;\nRETURN 1 \t\r عزيز\u200f'
CONTROL = "bell\x07 vertical tab\x0b escape\x1b"  # not allowed in XML 1.0
FORMULA = '=HYPERLINK("http://evil.example","x")'
LINK_SCHEMAS = {"Employment", "Membership", "Associate", "UnknownLink", "Ownership"}
ENTITY_REFS = {
    "proof",
    "addressEntity",
    "involved",
    "owner",
    "operator",
    "payer",
    "beneficiary",
    "employee",
    "employer",
    "member",
    "organization",
    "person",
    "associate",
    "subject",
    "object",
    "asset",
}


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    """The bundled samples, ingested once for the module, with analysis results on the people."""
    with EmbeddedStore(tmp_path_factory.mktemp("exports") / "data", write=True) as store:
        ingest([SAMPLES], store)
        people = store.query("MATCH (p:Person) RETURN p.id AS id").records()
        store.set_properties(
            "Person",
            [{"id": p["id"], "props": analysis(i)} for i, p in enumerate(people)],
        )
        yield store


def analysis(i: int) -> dict[str, float | int]:
    return {"community": i % 3, "community_confidence": 0.5, "disruption_rank": i}


def entity_counts(store: GraphStore) -> tuple[Counter[str], Counter[str]]:
    """Nodes per label and relationships per type of the entity graph, counted with Cypher."""
    nodes = store.query(
        "MATCH (n) WHERE NOT n:Document AND NOT n:Run RETURN labels(n)[0] AS label, count(n) AS c"
    ).rows
    rels = store.query(
        "MATCH (a)-[r]->(b) WHERE type(r) <> 'MENTIONS' AND NOT a:Document AND NOT a:Run "
        "AND NOT b:Document AND NOT b:Run RETURN type(r) AS t, count(r) AS c"
    ).rows
    return Counter(dict(nodes)), Counter(dict(rels))


def arabic_names(store: GraphStore) -> set[str]:
    rows = store.query("MATCH (n) WHERE NOT n:Document AND n.name IS NOT NULL RETURN n.name").rows
    names = {name for (name,) in rows if ARABIC.search(name)}
    assert names, "the samples should hold Arabic names"
    return names


def test_graphml_reads_back(samples: EmbeddedStore, tmp_path: Path) -> None:
    summary = export_graph(samples, "graphml", tmp_path / "graph.graphml")
    graph = nx.read_graphml(summary.path, force_multigraph=True)
    labels, types = entity_counts(samples)
    assert (summary.nodes, summary.relationships) == (labels.total(), types.total())
    assert Counter(d["label"] for _, d in graph.nodes(data=True)) == labels
    assert Counter(d["type"] for _, _, d in graph.edges(data=True)) == types
    assert arabic_names(samples) <= {d["name"] for _, d in graph.nodes(data=True)}
    people = [d for _, d in graph.nodes(data=True) if d["label"] == "Person"]
    assert all({"community", "community_confidence", "disruption_rank"} <= set(d) for d in people)
    assert all(isinstance(d["community_confidence"], float) for d in people)
    for _, _, data in graph.edges(data=True):
        assert {"type", "key", *PROVENANCE} <= set(data), data
    assert dated_some_not_today([d for _, _, d in graph.edges(data=True)])
    roles = [d.get("role") for _, _, d in graph.edges(data=True) if d["type"] == "WORKS_FOR"]
    assert roles and all(roles)


def test_gexf_reads_back(samples: EmbeddedStore, tmp_path: Path) -> None:
    summary = export_graph(samples, "gexf", tmp_path / "graph.gexf")
    graph = nx.read_gexf(summary.path)
    labels, types = entity_counts(samples)
    assert graph.number_of_nodes() == labels.total() == summary.nodes
    assert graph.number_of_edges() == types.total() == summary.relationships
    assert Counter(d["entity_type"] for _, d in graph.nodes(data=True)) == labels
    assert Counter(d["rel_type"] for _, _, d in graph.edges(data=True)) == types
    assert arabic_names(samples) <= {d["label"] for _, d in graph.nodes(data=True)}  # Gephi's label
    for _, _, data in graph.edges(data=True):
        assert data["label"] == data["rel_type"]
        assert {"rel_key", "span_start", *PROVENANCE} <= set(data), data
    assert dated_some_not_today([d for _, _, d in graph.edges(data=True)])
    assert any("disruption_rank" in d for _, d in graph.nodes(data=True))


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_reads_back(samples: EmbeddedStore, tmp_path: Path) -> None:
    summary = export_graph(samples, "csv", tmp_path / "csv")
    assert {f.name for f in summary.files} == {"entities.csv", "links.csv", "documents.csv"}
    entities = read_csv(tmp_path / "csv" / "entities.csv")
    links = read_csv(tmp_path / "csv" / "links.csv")
    documents = read_csv(tmp_path / "csv" / "documents.csv")
    labels, types = entity_counts(samples)
    assert Counter(row["label"] for row in entities) == labels
    assert Counter(row["type"] for row in links) == types
    assert len(documents) == samples.counts()["Document"]
    assert arabic_names(samples) <= {row["name"] for row in entities}
    doc_ids = {row["id"] for row in documents}
    for row in entities + links:
        assert all(row[column] for column in [*PROVENANCE, "documents"]), row
        assert set(DATES) <= set(row)
        assert set(row["documents"].split(" | ")) <= doc_ids
    assert dated_some_not_today(entities) and dated_some_not_today(links)
    assert all(row["community"] != "" for row in entities if row["label"] == "Person")
    assert {"source_id", "source_label", "target_id", "target_label", "role", "start", "end"} <= set(links[0])


def hostile_batch() -> GraphBatch:
    """A small graph with hostile text in names, aliases, sentences and keys, and the
    relationships the samples lack (payments, account control, association, ownership)."""

    def prov(start: int, sentence: str = HOSTILE) -> Provenance:
        return Provenance("doc:hostile", start, start + 5, sentence, "test", 0.5, "2024-05-01")

    money = {"amount": 2500.0, "currency": "EUR", "method": "hawala"}
    doc = {"title": HOSTILE, "url": "https://example.org/a?b='c'", "source": "Example", "lang": "en"}
    nodes = [
        NodeRecord("Document", "doc:hostile", {**doc, "text": HOSTILE, "published": "2024-05-01"}),
        NodeRecord("Person", "person:hostile", {"name": HOSTILE, "nationality": "IQ"}, prov(0), [HOSTILE]),
        NodeRecord("Person", "person:formula", {"name": FORMULA}, prov(10), ["@handle"]),
        NodeRecord("Organisation", "org:net", {"name": "شبكة } '", "kind": "crime_group"}, prov(20)),
        NodeRecord("Platform", "platform:telegram", {"name": "Telegram"}, prov(30)),
        NodeRecord("Account", "account:telegram:x", {"handle": "x_boats", "kind": "account"}, prov(40)),
        NodeRecord("Payment", "payment:1", money, prov(50)),
        NodeRecord("Person", "person:control", {"name": CONTROL}, prov(80)),
        NodeRecord("Vessel", "vessel:1", {"name": "small boat", "big": 1e16, "tiny": -1.5e-7}, prov(60)),
    ]

    def edge(kind: str, source: NodeRecord, target: NodeRecord, key: str = "", **props: object) -> EdgeRecord:
        return EdgeRecord(kind, source.label, source.id, target.label, target.id, key, props, prov(70))

    doc_node, hostile, formula, org, platform, account, payment, _, vessel = nodes
    edges = [
        edge("MENTIONS", doc_node, hostile, "0", text=HOSTILE),
        edge("WORKS_FOR", hostile, org, HOSTILE, role=HOSTILE),
        edge("MEMBER_OF", formula, org),
        edge("ASSOCIATED_WITH", hostile, formula),
        edge("CONTROLS", hostile, account),
        edge("HOSTED_ON", account, platform),
        edge("PAID", hostile, payment),
        edge("RECEIVED", payment, org),
        edge("OWNS", org, vessel),
    ]
    return GraphBatch(nodes, edges)


@pytest.fixture
def hostile(store: EmbeddedStore) -> EmbeddedStore:
    store.write_batch(hostile_batch())
    return store


def snapshot_of(store: GraphStore) -> tuple[dict, dict]:
    snap = read_snapshot(store)
    nodes = {(n.label, n.id): n.props for n in snap.nodes}
    edges = {(e.type, e.source, e.target, e.props.get("key")): e.props for e in snap.edges}
    return nodes, edges


def load_script(path: Path, target: GraphStore) -> None:
    for statement in cypher_statements(path.read_text(encoding="utf-8")):
        target._write_all([(statement, {})])


def test_cypher_rebuilds_the_samples(samples: EmbeddedStore, tmp_path: Path) -> None:
    summary = export_graph(samples, "cypher", tmp_path / "graph.cypher")
    assert (summary.nodes, summary.relationships) == samples.totals()
    with EmbeddedStore(tmp_path / "copy", write=True) as copy:
        load_script(summary.path, copy)
        assert copy.counts() == samples.counts()
        assert snapshot_of(copy) == snapshot_of(samples)  # every property, documents and MENTIONS too
        load_script(summary.path, copy)  # MERGE on ids: loading twice changes nothing
        assert copy.counts() == samples.counts()


def test_cypher_hostile_strings_stay_text(hostile: EmbeddedStore, tmp_path: Path) -> None:
    summary = export_graph(hostile, "cypher", tmp_path / "hostile.cypher")
    with EmbeddedStore(tmp_path / "copy", write=True) as copy:
        load_script(summary.path, copy)
        assert copy.counts() == hostile.counts()
        assert snapshot_of(copy) == snapshot_of(hostile)
        rows = copy.query("MATCH (p:Person {id: 'person:hostile'})-[w:WORKS_FOR]->() RETURN p, w").rows
        assert rows[0][0]["name"] == HOSTILE and rows[0][0]["aliases"] == [HOSTILE]
        assert rows[0][1]["role"] == HOSTILE and rows[0][1]["key"] == HOSTILE


def test_xml_exports_keep_hostile_text(hostile: EmbeddedStore, tmp_path: Path) -> None:
    graphml = nx.read_graphml(export_graph(hostile, "graphml", tmp_path / "h.graphml").path)
    gexf = nx.read_gexf(export_graph(hostile, "gexf", tmp_path / "h.gexf").path)
    assert graphml.nodes["person:hostile"]["name"] == gexf.nodes["person:hostile"]["label"] == HOSTILE
    assert graphml.nodes["person:control"]["name"] == "bell vertical tab escape"  # dropped, not fatal
    (role,) = [d["role"] for _, _, d in graphml.edges(data=True) if d["type"] == "WORKS_FOR"]
    assert role == HOSTILE


def test_cypher_literals() -> None:
    assert cypher_literal("a'b\\c\nd") == "'a\\'b\\\\c\\nd'"
    assert cypher_literal([1, 2.5, True, None, "x"]) == "[1, 2.5, true, null, 'x']"
    assert cypher_literal({"id": "a", "odd key": float("nan")}) == "{id: 'a', `odd key`: null}"
    assert cypher_literal("nul\x00byte") == "'nulbyte'"
    assert cypher_literal(1e16) == "1e16" and cypher_literal(-1.5e-07) == "-1.5e-07"
    with pytest.raises(TypeError):
        cypher_literal(object())


def test_csv_defuses_formulas(hostile: EmbeddedStore, tmp_path: Path) -> None:
    export_graph(hostile, "csv", tmp_path / "csv")
    people = {row["id"]: row for row in read_csv(tmp_path / "csv" / "entities.csv")}
    assert people["person:formula"]["name"] == "'" + FORMULA
    assert people["person:formula"]["aliases"] == "'@handle"
    assert people["person:hostile"]["name"] == HOSTILE  # everything else exactly as stored
    assert people["person:hostile"]["sentence"] == HOSTILE


def read_sheets(path: Path) -> dict[str, list[dict]]:
    """Every sheet of a workbook as rows keyed by its header, cells as openpyxl reads them."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    sheets = {}
    for sheet in book.worksheets:
        header, *rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        sheets[sheet.title] = [dict(zip(header, row, strict=True)) for row in rows]
    return sheets


def test_xlsx_has_a_sheet_per_label_and_type_that_reads_back(samples: EmbeddedStore, tmp_path: Path) -> None:
    summary = export_graph(samples, "xlsx", tmp_path / "graph.xlsx")
    sheets = read_sheets(summary.files[0])
    labels, types = entity_counts(samples)
    assert {label: len(sheets[label]) for label in labels} == dict(labels)
    assert {type_: len(sheets[type_]) for type_ in types} == dict(types)
    assert len(sheets["Documents"]) == samples.counts()["Document"]
    assert arabic_names(samples) <= {row["name"] for label in labels for row in sheets[label]}
    payments = [row for row in sheets["Payment"] if row.get("amount") is not None]
    assert payments and all(isinstance(row["amount"], int | float) for row in payments)  # numbers, not text
    assert all(row["source_label"] == "Person" for row in sheets["WORKS_FOR"])


def test_xlsx_stores_formulas_as_defused_text(hostile: EmbeddedStore, tmp_path: Path) -> None:
    from openpyxl import load_workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE as ILLEGAL

    summary = export_graph(hostile, "xlsx", tmp_path / "graph.xlsx")
    path = summary.files[0]
    people = {row["id"]: row for row in read_sheets(path)["Person"]}
    assert people["person:formula"]["name"] == "'" + FORMULA
    # a worksheet cannot hold control characters: each is shown as U+FFFD, and the export says how many
    assert people["person:hostile"]["name"] == "".join("\ufffd" if ILLEGAL.match(c) else c for c in HOSTILE)
    assert summary.extra["cells with control characters replaced"] > 0
    sheet = load_workbook(path)["Person"]
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)  # no cell is a formula


def read_ftm(path: Path) -> list[dict]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def check_ftm(entities: list[dict]) -> dict[str, dict]:
    """Every line is a valid FtM entity for Aleph: id, a concrete schema this export knows,
    known properties holding lists of strings, references that resolve; returns them by id."""
    ontology = load_ontology()
    schemas = {ABSTRACT_FTM.get(s, s) for s in (spec.get("ftm") for spec in ontology.labels.values()) if s}
    by_id = {entity["id"]: entity for entity in entities}
    assert len(by_id) == len(entities), "entity ids are unique"
    for entity in entities:
        assert set(entity) == {"id", "schema", "properties"}
        assert FTM_ID.match(entity["id"]) and len(entity["id"]) <= 200
        assert entity["schema"] in schemas | LINK_SCHEMAS
        assert entity["schema"] not in ABSTRACT_FTM
        assert set(entity["properties"]) <= FTM_PROPERTIES[entity["schema"]], entity
        for prop, values in entity["properties"].items():
            assert values and all(isinstance(v, str) and v for v in values)
            if prop in ENTITY_REFS:
                assert all(v in by_id and v != entity["id"] for v in values), (prop, values)
    return by_id


def test_ftm_entities_for_aleph(samples: EmbeddedStore, tmp_path: Path) -> None:
    summary = export_graph(samples, "ftm", tmp_path / "graph.ftm.json")
    entities = read_ftm(summary.path)
    by_id = check_ftm(entities)
    counts = samples.counts()
    labels, _ = entity_counts(samples)
    assert summary.nodes == labels.total()
    schemas = Counter(e["schema"] for e in entities)
    assert schemas["Document"] == counts["Document"]
    assert schemas["Person"] == counts["Person"]
    employments = [e for e in entities if e["schema"] == "Employment"]
    assert len(employments) == counts["WORKS_FOR"]
    for link in employments:
        (employee,), (employer,) = link["properties"]["employee"], link["properties"]["employer"]
        assert by_id[employee]["schema"] == "Person" and by_id[employer]["schema"] == "Organization"
        assert link["properties"]["role"] and link["properties"]["proof"]
    names = {n for e in entities for p in ("name", "summary") for n in e["properties"].get(p, [])}
    assert arabic_names(samples) <= names
    things = [e for e in entities if e["schema"] not in LINK_SCHEMAS | {"Document"}]
    assert all(e["properties"].get("proof") for e in things)
    assert all(e["properties"].get("description") or e["properties"].get("summary") for e in things)
    assert any(e["properties"].get("involved") for e in entities if e["schema"] == "Event")
    accounts = [e for e in entities if e["schema"] == "UserAccount"]
    assert accounts and all(e["properties"]["username"] for e in accounts)
    assert any(e["properties"].get("service") for e in accounts)


def test_ftm_maps_payments_accounts_and_links(hostile: EmbeddedStore, tmp_path: Path) -> None:
    entities = read_ftm(export_graph(hostile, "ftm", tmp_path / "hostile.ftm.json").path)
    by_id = check_ftm(entities)
    by_schema = {e["schema"]: e for e in entities}
    payment = by_schema["Payment"]["properties"]
    assert payment["amount"] == ["2500"] and payment["currency"] == ["EUR"]
    assert by_id[payment["payer"][0]]["properties"]["name"] == [HOSTILE]
    assert by_id[payment["beneficiary"][0]]["schema"] == "Organization"
    account = by_schema["UserAccount"]["properties"]
    assert account["username"] == ["x_boats"] and account["service"] == ["Telegram"]
    assert by_id[account["owner"][0]]["properties"]["name"] == [HOSTILE]
    assert {"Employment", "Membership", "Associate", "Ownership", "UnknownLink"} <= set(by_schema)
    assert by_schema["Employment"]["properties"]["role"] == [HOSTILE.strip()]
    person = by_id[payment["payer"][0]]["properties"]
    assert person["nationality"] == ["iq"] and person["sourceUrl"] == ["https://example.org/a?b='c'"]
    assert by_schema["Document"]["properties"]["language"] == ["eng"]


def test_unknown_format_is_refused(samples: EmbeddedStore, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="graphml, gexf, csv, xlsx, cypher, ftm"):
        export_graph(samples, "xls", tmp_path / "graph.xls")


def test_cypher_rebuilds_in_neo4j(hostile: EmbeddedStore, neo4j_store: GraphStore, tmp_path: Path) -> None:
    """The script is meant for investigators' own Neo4j, whose string escapes must agree too."""
    load_script(export_graph(hostile, "cypher", tmp_path / "graph.cypher").path, neo4j_store)
    assert neo4j_store.counts() == hostile.counts()
    assert snapshot_of(neo4j_store) == snapshot_of(hostile)
