"""The stages a report goes through, wired once: nlp (`graph.nlp.extract`: mentions, relations,
events) then resolve (`graph.resolve.records`: canonical nodes and edges with provenance). The
ETL workers, `graph ingest`, the evaluation and the tools all call this path, so a new stage is
added here and nowhere else; sources feed it and the store takes what it returns.

>>> from graph.model import Document
>>> [(extraction, batch)] = process([Document(id="d" * 64, lang="en", path="t",
...                                           text="Police arrested Karwan Saleh in Dover.")])
>>> sorted(n.id for n in batch.nodes if n.label == "Person")
['person:karwan_saleh']

A document that makes a stage fail is refused alone (`document_results`), so that no single
report can stop a batch: its refusal names the file, the line and what failed where.
"""

from __future__ import annotations

import traceback
from collections.abc import Sequence
from pathlib import Path

from graph.model import Document, Extraction, GraphBatch
from graph.nlp.extract import extract_many
from graph.resolve.records import build_batch
from graph.sources.readers import SourceError

PACKAGE = Path(__file__).resolve().parent
MESSAGE_CHARS = 300  # of an exception's message in a refusal; the rest is marked as cut


def process(
    documents: Sequence[Document], *, model: bool = True, rules: bool = True, ner: str = "fast"
) -> list[tuple[Extraction, GraphBatch]]:
    """Each document's extraction and graph records, in order; `model` and `rules` choose
    which parts of the nlp stage run (the evaluation compares them), `ner` which model."""
    extractions = extract_many(documents, model=model, rules=rules, ner=ner)
    return [(extraction, build_batch(extraction)) for extraction in extractions]


def document_batches(documents: Sequence[Document], ner: str = "fast") -> list[GraphBatch]:
    """The graph records of each document, in order, with the whole nlp stage."""
    return [batch for _, batch in process(documents, ner=ner)]


def document_results(documents: Sequence[Document], ner: str = "fast") -> list[GraphBatch | SourceError]:
    """The graph records of each document, in order, or its refusal where extracting or
    resolving it raised. The documents go through together (the model batches them); only
    when that fails are they taken one by one, so that the others are still written."""
    try:
        return list(document_batches(documents, ner))
    except Exception as exc:
        if len(documents) == 1:
            return [refusal(documents[0], exc)]
    return [result for document in documents for result in document_results([document], ner)]


def refusal(document: Document, exc: Exception) -> SourceError:
    """Why `document` could not be processed: the line of the package that raised, the
    exception and its message (cut at MESSAGE_CHARS, and said so).

    >>> refusal(Document(id="d" * 64, lang="en", path="a.jsonl", text="", line=3), MemoryError())
    SourceError(path='a.jsonl', reason='processing failed (MemoryError)', line=3)
    """
    message = str(exc)
    if len(message) > MESSAGE_CHARS:
        message = f"{message[:MESSAGE_CHARS]}… ({len(message)} characters)"
    failure = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
    ours = [f for f in traceback.extract_tb(exc.__traceback__) if Path(f.filename).is_relative_to(PACKAGE)]
    where = f" in {Path(ours[-1].filename).relative_to(PACKAGE.parent)}:{ours[-1].lineno}" if ours else ""
    return SourceError(document.path, f"processing failed{where} ({failure})", document.line)
