"""The read-only check on the store's plan: every named query of cypher/queries/ (with the
embedded store's rewrites, such as graph_paths.shortest) passes it on both stores, what is allowed is
data (cypher/read_only.yaml), and what a plan holds decides, not the query's text."""

import pytest

from graph.store.base import GraphStore, ReadOnlyError
from graph.store.library import load_queries
from graph.store.plan import QueryPlan, check_plan, read_policy

QUERIES = load_queries()


def test_every_named_query_passes_the_plan_check(any_store: GraphStore):
    for name, query in sorted(QUERIES.items()):
        result = any_store.query(query.cypher, query.bind(query.example))
        assert result.truncated is False, name


def test_reads_that_only_look_like_writes_are_allowed(any_store: GraphStore):
    """Keywords inside strings, names and comments are text, not clauses."""
    query = (
        "MATCH (n:Person) // CREATE (x)\n"
        "WHERE n.name IN ['Set Point', 'DELETE', 'LOAD CSV FROM x'] /* MERGE */ "
        "RETURN n.name AS `create`, 'DETACH DELETE n' AS text"
    )
    assert any_store.query(query).columns == ["create", "text"]


def test_allowed_procedures_pass_on_both_stores(any_store: GraphStore):
    rows = any_store.query("CALL db.labels() YIELD label RETURN label ORDER BY label").rows
    assert isinstance(rows, list)


def test_the_embedded_store_names_each_procedure_of_its_plan(store):
    """FalkorDB's plan says only `ProcedureCall`: the names come from the text, and two calls
    where the plan has two."""
    query = (
        "CALL db.labels() YIELD label RETURN label "
        "UNION CALL db.relationshipTypes() YIELD relationshipType AS label RETURN label"
    )
    assert store.query(query).columns == ["label"]
    with pytest.raises(ReadOnlyError, match=r"procedure 'dbms\.procedures'"):
        store.query(
            "CALL db.labels() YIELD label RETURN label "
            "UNION CALL dbms.procedures() YIELD name AS label RETURN label"
        )


def test_the_embedded_store_refuses_user_defined_functions(store):
    store.db.connection.execute_command(
        "GRAPH.UDF", "LOAD", "mylib", "function hello() { return 'hi'; }\nfalkor.register('hello', hello);"
    )
    try:
        with pytest.raises(ReadOnlyError, match=r"user-defined function 'mylib\.hello'"):
            store.query("RETURN mylib.hello() AS x")
    finally:
        store.db.connection.execute_command("GRAPH.UDF", "DELETE", "mylib")


def test_a_plan_is_refused_for_anything_not_on_the_allow_lists():
    neo4j = read_policy("neo4j")
    check_plan(QueryPlan(("ProduceResults", "AllNodesScan"), query_type="r"), neo4j)
    refused = [
        (QueryPlan(("ProduceResults", "LoadCSV"), query_type="r"), "operation 'LoadCSV'"),
        (QueryPlan(("ProduceResults", "Create"), query_type="w"), "writes"),
        (QueryPlan(("ProduceResults", "Unknown"), query_type="r"), "operation 'Unknown'"),
        (
            QueryPlan(("ProduceResults", "ProcedureCall"), ("dbms.listConfig",), query_type="r"),
            r"procedure 'dbms\.listConfig'",
        ),
        (
            QueryPlan(("ProduceResults", "Projection"), (), ("apoc.util.md5",), query_type="r"),
            r"function 'apoc\.util\.md5'",
        ),
    ]
    for plan, why in refused:
        with pytest.raises(ReadOnlyError, match=why) as caught:
            check_plan(plan, neo4j)
        assert str(caught.value).startswith("refused: investigator queries are read-only; the plan")
