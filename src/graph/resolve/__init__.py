"""Resolve stage: turns mentions into canonical nodes and relationships with provenance."""
