"""The graph records of one document from its Extraction: the Document node, a canonical node
for every mention that names something, and an edge for every relation and event argument the
nlp stage read, each with the provenance of its supporting span."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

from graph.model import EventReading, Extraction, GraphBatch
from graph.nlp.lexicon import Lexicon, load_lexicon
from graph.ontology import Ontology, load_ontology
from graph.resolve.document_graph import DocumentGraph
from graph.resolve.entities import entity_nodes

MAX_SUMMARY = 400


def document_node(graph: DocumentGraph) -> None:
    doc = graph.doc
    graph.node(
        "Document",
        doc.id,
        {
            "source": doc.source,
            "path": doc.path,
            "url": doc.url,
            "title": doc.title,
            "lang": doc.lang,
            "published": doc.published,
            "text": doc.text,
            # each sentence once: provenance names its sentence by number (`sentence_no`)
            "sentences": graph.sentences,
            "ingested_at": datetime.now(UTC).isoformat(timespec="seconds"),
        },
        None,
    )


def relation_edges(graph: DocumentGraph) -> None:
    """An edge for each relation read between two mentions; none from a node to itself (two
    names of one thing). A WORKS_FOR role also becomes the person's `role` (the first one)."""
    for relation in graph.x.relations:
        source, target = graph.node_of.get(id(relation.source)), graph.node_of.get(id(relation.target))
        if source is None or target is None or source == target:  # an end that made no node
            continue
        graph.edge(relation.type, source, target, relation.key, relation.props, relation.evidence)
        if relation.type == "WORKS_FOR":
            graph.nodes[source].props.setdefault("role", relation.props["role"])


def event_records(graph: DocumentGraph, event: EventReading) -> None:
    """The Event node and its arguments' edges; co-subjects of an event that associates them
    (co-arrested, co-charged) are ASSOCIATED_WITH each other."""
    sentence = graph.x.sentences[event.sentence]
    date, count = event.date, event.count
    node = graph.node(
        "Event",
        f"event:{graph.doc.id[:16]}:{event.kind}:{sentence.start}",
        {
            "name": f"{event.kind} {date.attrs['date'] if date else ''}".strip(),
            "kind": event.kind,
            "date": date.attrs.get("date") if date else None,
            "date_precision": date.attrs.get("precision") if date else None,
            "count": count.attrs["value"] if count else None,
            "count_qualifier": count.attrs["qualifier"] if count else None,
            "summary": sentence.text.strip()[:MAX_SUMMARY],
            **event.props,
        },
        event.trigger,
    )
    subjects = []
    for argument in event.arguments:
        other = graph.node_of.get(id(argument.mention))
        if other is None:  # a mention that made no node (too long to be a name)
            continue
        if argument.role == "seized":
            graph.edge("SEIZED", node, other, "", {}, argument.mention)
            continue
        if argument.role == "subject" and other[0] == "Person" and not argument.mention.attrs.get("group"):
            subjects.append(other)  # a group named by its nationality is some of the others
        graph.edge("PARTICIPATED_IN", other, node, argument.role, {"role": argument.role}, argument.mention)
    if event.associates:
        known = {
            frozenset((e.source_id, e.target_id)) for e in graph.edges.values() if e.type == "ASSOCIATED_WITH"
        }
        for a, b in itertools.combinations(sorted(set(subjects)), 2):
            if frozenset((a[1], b[1])) not in known:  # read already from what the text says of them
                graph.edge("ASSOCIATED_WITH", a, b, event.kind, {"reason": f"co-{event.kind}"}, event.trigger)
    for mention in event.inherited:
        if id(mention) not in graph.node_of:
            continue
        graph.edge(
            "PARTICIPATED_IN",
            graph.node_of[id(mention)],
            node,
            "subject",
            {"role": "subject", "inherited": True},
            event.trigger,
        )


def build_batch(
    extraction: Extraction, ontology: Ontology | None = None, lexicon: Lexicon | None = None
) -> GraphBatch:
    """All graph records of one document."""
    graph = DocumentGraph(extraction, ontology or load_ontology(), lexicon or load_lexicon())
    document_node(graph)
    entity_nodes(graph)
    relation_edges(graph)
    for event in extraction.events:
        event_records(graph, event)
    return graph.batch()
