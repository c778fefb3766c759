"""`open_store`: the one place that knows both GraphStore implementations and picks one from a
spec, so the interface in `base` never imports the stores built on it."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

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
    spec = store_spec(spec)
    if spec == "embedded":
        from graph.store.embedded import EmbeddedStore

        return EmbeddedStore(data, write=write, batch_size=batch_size)
    if spec == "neo4j" or NEO4J_URI.match(spec):
        from graph.store.neo4j_store import Neo4jStore

        return Neo4jStore(None if spec == "neo4j" else spec, batch_size=batch_size)
    raise StoreError(f"unknown store {spec!r}: use 'embedded' or a neo4j:// or bolt:// URI")


def store_spec(spec: str | None) -> str:
    """The store a command means: `spec`, else `GRAPH_STORE`, else Neo4j where `NEO4J_URI` is
    set, else the embedded store."""
    return spec or os.environ.get("GRAPH_STORE") or ("neo4j" if os.environ.get("NEO4J_URI") else "embedded")


def describe_store(spec: str | None, data: str | Path | None) -> str:
    """Which store a command asks, in words safe to keep (the audit trail): the embedded
    store's data folder, or the Neo4j URI with no user, password, query or fragment (and the
    database where one is named), without opening either."""
    spec = store_spec(spec)
    if spec == "embedded":
        from graph.paths import data_dir

        return f"embedded:{data_dir(data)}"
    uri = os.environ.get("NEO4J_URI", "") if spec == "neo4j" else spec
    parts = urlsplit(uri)
    host = parts.netloc.rpartition("@")[2]
    plain = urlunsplit((parts.scheme, host, parts.path, "", ""))
    database = os.environ.get("NEO4J_DATABASE")
    return f"{plain} database {database}" if database else plain
