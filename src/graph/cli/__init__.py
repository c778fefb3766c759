"""The `graph` command: ingest reports, question the graph with Cypher, analyse the network.
`app` is the entry point (`[project.scripts] graph = "graph.cli:app"`)."""

from graph.cli.app import app, main

__all__ = ["app", "main"]
