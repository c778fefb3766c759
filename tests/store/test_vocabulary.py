"""What a person is told when a query names something the graph never held, or cannot be
parsed: on both real stores, a warning naming the nearest name held, and a syntax error as one
line with the query's line and a caret under the place."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.model import EdgeRecord, GraphBatch, NodeRecord, Provenance
from graph.store.base import GraphStore
from graph.store.cypher_text import schema_names
from graph.store.errors import CypherSyntaxError, syntax_error
from graph.store.vocabulary import unknown_names


def write_two(store: GraphStore) -> None:
    prov = Provenance("doc", 0, 1, "s", "test", 0.9, "2024-01-01")
    batch = GraphBatch()
    batch.nodes.append(NodeRecord("Person", "person:karwan_saleh", {"name": "Karwan Saleh"}, prov))
    batch.nodes.append(NodeRecord("Organisation", "org:nca", {"name": "National Crime Agency"}, prov))
    batch.edges.append(
        EdgeRecord("WORKS_FOR", "Person", "person:karwan_saleh", "Organisation", "org:nca", "", {}, prov)
    )
    store.write_batch(batch)


def test_names_the_graph_never_held_are_named_with_the_nearest(any_store: GraphStore):
    write_two(any_store)
    found = unknown_names(any_store, "MATCH (p:Persn)-[:WORK_FOR]->(o:Organisation) RETURN p.nme, o.name")
    said = [str(w) for w in found]
    assert said == [
        "the graph holds no label 'Persn' (did you mean 'Person'?): it matches nothing",
        "the graph holds no relationship type 'WORK_FOR' (did you mean 'WORKS_FOR'?): it matches nothing",
        "the graph holds no property 'nme' (did you mean 'name'?): it matches nothing",
    ]
    assert unknown_names(any_store, "MATCH (p:Person)-[:WORKS_FOR]->(o) RETURN p.name, o.id") == []


@pytest.mark.parametrize(
    ("query", "line", "text"),
    [
        ("MATCH (n:Person) RETRN n.name", 1, "MATCH (n:Person) RETRN n.name"),
        ("MATCH (n:Person)\nWHERE n.name = = 'x'\nRETURN n", 2, "WHERE n.name = = 'x'"),
        ("بحث (n) RETURN n", 1, "بحث (n) RETURN n"),
    ],
)
def test_a_syntax_error_is_one_line_with_a_caret_under_the_place(any_store: GraphStore, query, line, text):
    write_two(any_store)
    with pytest.raises(CypherSyntaxError) as raised:
        any_store.query(query)
    error = raised.value
    first, shown, caret = str(error).split("\n")
    assert first.startswith(f"Cypher syntax error at line {error.line}, column {error.column}: ")
    assert error.line == line and shown == "  " + text
    assert caret == "  " + " " * (error.column - 1) + "^" and 1 <= error.column <= len(text) + 1


@given(st.text(max_size=80))
def test_reading_names_and_errors_never_fails_on_any_text(text):
    schema_names(text)
    assert syntax_error(text, text) is None or isinstance(syntax_error(text, text), CypherSyntaxError)
