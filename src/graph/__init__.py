"""Investigative knowledge graph of organised immigration crime, built from Arabic and English reports."""

__version__ = "0.1.0"
PIPELINE_VERSION = f"graph-{__version__}"
