"""Store stage: the GraphStore interface and its two implementations (embedded FalkorDB, Neo4j)."""

from graph.store.base import GraphStore, QueryResult, ReadOnlyError, StoreError
from graph.store.factory import open_store

__all__ = ["GraphStore", "QueryResult", "ReadOnlyError", "StoreError", "open_store"]
