"""Each supporting sentence is stored once, on its Document, on both stores: nodes and
relationships name it by number (`sentence_no`), the named queries, the report's data and the
exports quote it from there, and a MENTIONS relationship keeps only its own mention."""

from pathlib import Path

import pytest

from graph.model import Document, EdgeRecord, GraphBatch, NodeRecord, Provenance
from graph.nlp.extract import extract
from graph.report.exports.common import read_entity_graph
from graph.resolve.records import build_batch
from graph.sources.structured import Mapping, read_structured
from graph.store.base import GraphStore
from graph.store.library import load_queries

TEXTS = {
    "en": (
        "Police in Dover arrested Karwan Saleh on 3 May 2024. "
        "Karwan Saleh paid 4,000 euros to Himen Aziz for a crossing."
    ),
    "ar": "اعتقلت الشرطة في دوفر كاروان صالح يوم 3 مايو 2024. ودفع كاروان صالح 4000 يورو إلى هيمن عزيز.",
}
QUERIES = load_queries()
ACCOUNTS = Mapping.from_spec(
    {
        "nodes": {
            "account": {
                "id": "account:{platform|platform_key}:{handle|handle}",
                "label": "Account",
                "props": {"handle": "{handle|handle}", "name": "{handle|handle}", "platform": "{platform}"},
            },
            "owner": {"id": "person:{owner|slug}", "label": "Person", "props": {"name": "{owner}"}},
        },
        "relationships": [{"from": "owner", "to": "account", "type": "CONTROLS"}],
        "required": ["platform", "handle"],
    }
)


def ingest(store: GraphStore, lang: str) -> Document:
    document = Document(id=lang * 32, text=TEXTS[lang], lang=lang, path=f"{lang}.txt", seen="2024-05-04")
    store.write_batch(build_batch(extract(document)))
    return document


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_sentence_is_kept_once_and_every_source_names_it(any_store: GraphStore, lang: str):
    document = ingest(any_store, lang)
    (sentences,) = any_store.query("MATCH (d:Document) RETURN d.sentences").rows[0]
    assert len(sentences) == 2 and all(s in document.text for s in sentences)
    written = any_store.query(
        "MATCH (x) WHERE NOT x:Document RETURN x.sentence, x.sentence_no, x.start, x.end "
        "UNION ALL MATCH ()-[x]->() RETURN x.sentence, x.sentence_no, x.start, x.end",
        limit=10**5,
    ).rows
    assert written
    for sentence, number, start, end in written:
        assert sentence is None  # the text is the document's, not the record's
        assert sentences[number].find(document.text[start:end]) >= 0


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_mention_keeps_only_its_own_provenance(any_store: GraphStore, lang: str):
    ingest(any_store, lang)
    keys = any_store.query("MATCH (:Document)-[m:MENTIONS]->() RETURN keys(m)", limit=10**5).rows
    assert keys
    for (names,) in keys:
        assert {"doc_id", "sources", "doc_ids", "first_seen", "last_seen", "sentence"}.isdisjoint(names)
        assert {"start", "end", "sentence_no", "extractor", "confidence", "text"} <= set(names)


@pytest.mark.parametrize(
    ("lang", "name", "quoted"), [("en", "Karwan Saleh", "4,000 euros"), ("ar", "كاروان صالح", "4000 يورو")]
)
def test_the_entity_query_and_the_exports_quote_the_sentence(any_store: GraphStore, lang, name, quoted):
    ingest(any_store, lang)
    query = QUERIES["entity"]
    rows = any_store.query(query.cypher, query.bind({"name": name})).records()
    assert any(row["relation"] == "PAID" and quoted in row["sentence"] for row in rows)
    snapshot = read_entity_graph(any_store)
    paid = [e for e in snapshot.edges if e.type == "PAID"]
    assert paid and all(quoted in e.props["sentence"] and "sentence_no" not in e.props for e in paid)


def test_a_sentence_that_is_no_documents_is_written_out(any_store: GraphStore):
    """A link between two names (SAME_AS) has no document: its 'sentence' stays on it."""
    link = Provenance("", 0, 0, "Karwan Saleh ≈ كاروان صالح", "match:test", 0.9, None)
    people = [NodeRecord("Person", p, {"name": p}, None) for p in ("person:a", "person:b")]
    same = EdgeRecord("SAME_AS", "Person", "person:a", "Person", "person:b", "", {}, link)
    any_store.write_batch(GraphBatch(people, [same]))
    rows = any_store.query("MATCH ()-[r:SAME_AS]->() RETURN r.sentence, r.sentence_no").rows
    assert rows == [["Karwan Saleh ≈ كاروان صالح", None]]


def test_a_structured_row_is_the_sentence_of_its_facts(any_store: GraphStore, tmp_path: Path):
    path = tmp_path / "accounts.csv"
    path.write_text(
        "handle,platform,owner\ncrossing_uk24,TikTok,Karwan Saleh\nbahr_safe,Facebook,هيمن عزيز\n"
    )
    document, batch, errors = read_structured(path, ACCOUNTS)
    assert not errors and document is not None
    any_store.write_batch(batch)
    rows = any_store.query(
        "MATCH (a:Account), (d:Document {id: a.doc_id}) "
        "RETURN a.handle, d.sentences[a.sentence_no] ORDER BY a.handle"
    ).rows
    assert rows == [
        ["bahr_safe", "bahr_safe,Facebook,هيمن عزيز"],
        ["crossing_uk24", "crossing_uk24,TikTok,Karwan Saleh"],
    ]
