"""Fixtures of the store tests: either store, for tests that must hold on both."""

import pytest

from graph.store.base import GraphStore


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def any_store(request) -> GraphStore:
    """The embedded store in a temp folder, or the session's Neo4j emptied."""
    return request.getfixturevalue("store" if request.param == "embedded" else "neo4j_store")
