"""The graph records a text makes through the one path (extract, then build the batch), and the
edges of one type among them as (source id, target id, key): what the reading tests assert on."""

from graph.model import Document
from graph.nlp.extract import extract
from graph.resolve.records import build_batch


def batch(text: str, lang: str, doc_id: str = "d" * 64):
    return build_batch(extract(Document(id=doc_id, text=text, lang=lang, path="t", seen="2024-01-01")))


def edges(b, rel_type):
    return {(e.source_id, e.target_id, e.key) for e in b.edges if e.type == rel_type}


def participants(b, kind: str) -> set[tuple[str, str]]:
    events = {n.id for n in b.nodes if n.label == "Event" and n.props["kind"] == kind}
    return {(e.source_id, e.key) for e in b.edges if e.type == "PARTICIPATED_IN" and e.target_id in events}
