"""Sources stage: reads report files into Documents, refusing bad input with a clear reason."""

from graph.sources.readers import SourceError, iter_documents

__all__ = ["SourceError", "iter_documents"]
