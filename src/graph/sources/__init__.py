"""Sources stage: reads report files into Documents, refusing bad input with a clear reason."""

from graph.sources.folders import iter_documents
from graph.sources.readers import SourceError

__all__ = ["SourceError", "iter_documents"]
