"""The stages a report goes through, wired once: nlp (`graph.nlp.extract`: mentions, relations,
events) then resolve (`graph.resolve.records`: canonical nodes and edges with provenance). The
ETL workers, `graph ingest`, the evaluation and the tools all call this path, so a new stage is
added here and nowhere else; sources feed it and the store takes what it returns.

>>> from graph.model import Document
>>> [(extraction, batch)] = process([Document(id="d" * 64, lang="en", path="t",
...                                           text="Police arrested Karwan Saleh in Dover.")])
>>> sorted(n.id for n in batch.nodes if n.label == "Person")
['person:karwan_saleh']
"""

from __future__ import annotations

from collections.abc import Sequence

from graph.model import Document, Extraction, GraphBatch
from graph.nlp.extract import extract_many
from graph.resolve.records import build_batch


def process(
    documents: Sequence[Document], *, model: bool = True, rules: bool = True
) -> list[tuple[Extraction, GraphBatch]]:
    """Each document's extraction and graph records, in order; `model` and `rules` choose
    which parts of the nlp stage run (the evaluation compares them)."""
    extractions = extract_many(documents, model=model, rules=rules)
    return [(extraction, build_batch(extraction)) for extraction in extractions]


def document_batches(documents: Sequence[Document]) -> list[GraphBatch]:
    """The graph records of each document, in order, with the whole nlp stage."""
    return [batch for _, batch in process(documents)]
