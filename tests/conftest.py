"""Shared fixtures: the shared folder beside the checkout, an embedded store in a temp folder."""

from __future__ import annotations

import os
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.store.base import GraphStore
from graph.store.embedded import EmbeddedStore

# Every embedded server stops as its last client leaves (no idle watcher outliving a temporary
# folder); tests/store/test_idle.py sets its own idle time.
os.environ["GRAPH_SERVER_IDLE"] = "0"
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # for tests.neo4j_server (the suite imports tests by path)
SHARED = REPO.parent / "shared"
SEED = SHARED / "seeds" / "000_bb7a0928452dc58a.txt"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"../shared is absent ({SHARED}): shared seeds, datasets and networks not available")
    return SHARED


@pytest.fixture(scope="session")
def seed_path(shared_dir: Path) -> Path:
    if not SEED.is_file():
        pytest.skip(f"seed article {SEED} is absent")
    return SEED


@pytest.fixture(scope="session")
def seed_text(seed_path: Path) -> str:
    return unicodedata.normalize("NFC", seed_path.read_text(encoding="utf-8"))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[EmbeddedStore]:
    with EmbeddedStore(tmp_path / "data", write=True) as opened:
        yield opened


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def any_store(request) -> GraphStore:
    """The embedded store in a temp folder, or the session's Neo4j emptied: for tests that
    must hold on both stores."""
    return request.getfixturevalue("store" if request.param == "embedded" else "neo4j_store")


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory):
    """One real Neo4j server for the whole session (tests/neo4j_server)."""
    from tests.neo4j_server.server import neo4j_available, start_neo4j

    available, reason = neo4j_available()
    if not available:
        pytest.skip(f"Neo4j test server unavailable: {reason}")
    server = start_neo4j(tmp_path_factory.mktemp("neo4j"))
    yield server
    server.stop()


@pytest.fixture
def neo4j_store(neo4j_server):
    """A Neo4jStore on the session's server, emptied before each test."""
    from graph.store.neo4j_store import Neo4jStore

    store = Neo4jStore(neo4j_server.uri, user=neo4j_server.user, password=neo4j_server.password)
    store._write_all([("MATCH (n) DETACH DELETE n", {})])
    yield store
    store.close()
