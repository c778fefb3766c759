"""Analysis stage: NetworkX over projections of the graph, results written back to the nodes."""
