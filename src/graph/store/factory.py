"""`open_store`: the one place that knows both GraphStore implementations and picks one from a
spec, so the interface in `base` never imports the stores built on it."""

from __future__ import annotations

import os
import re
from pathlib import Path

from graph.store.base import DEFAULT_BATCH_SIZE, GraphStore, StoreError

# The URI schemes the Neo4j driver accepts (plain, TLS, and TLS with a self-signed certificate).
NEO4J_URI = re.compile(r"^(neo4j|bolt)(\+s|\+ssc)?://")


def open_store(
    spec: str | None = None,
    data: str | Path | None = None,
    *,
    write: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> GraphStore:
    """Open the store named by `spec` ('embedded' default, or a neo4j:// / bolt:// URI)."""
    spec = spec or os.environ.get("GRAPH_STORE") or ("neo4j" if os.environ.get("NEO4J_URI") else "embedded")
    if spec == "embedded":
        from graph.store.embedded import EmbeddedStore

        return EmbeddedStore(data, write=write, batch_size=batch_size)
    if spec == "neo4j" or NEO4J_URI.match(spec):
        from graph.store.neo4j_store import Neo4jStore

        return Neo4jStore(None if spec == "neo4j" else spec, batch_size=batch_size)
    raise StoreError(f"unknown store {spec!r}: use 'embedded' or a neo4j:// or bolt:// URI")
