"""The main job's way: sources -> nlp -> resolve -> store, in batches, with a report of what
happened to every input. Nothing upstream of the store knows which store is used."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from graph.model import Document, GraphBatch
from graph.nlp.extract import extract
from graph.resolve.builder import build_batch
from graph.sources import SourceError, iter_documents
from graph.store.base import GraphStore, WriteStats


@dataclass
class IngestReport:
    new: list[Document] = field(default_factory=list)
    unchanged: list[Document] = field(default_factory=list)
    errors: list[SourceError] = field(default_factory=list)
    stats: WriteStats = field(default_factory=WriteStats)

    @property
    def ok(self) -> bool:
        return not self.errors


def known_documents(store: GraphStore, ids: list[str]) -> set[str]:
    result = store.query("MATCH (d:Document) WHERE d.id IN $ids RETURN d.id", {"ids": ids})
    return {row[0] for row in result.rows}


def ingest(
    paths: Iterable[str | Path],
    store: GraphStore,
    *,
    doc_batch: int = 16,
    on_item: Callable[[Document | SourceError], None] | None = None,
) -> IngestReport:
    """Read, extract, resolve and write every report under `paths`. Documents already in the
    store (same content hash) are skipped; bad inputs are reported and the rest go on."""
    report = IngestReport()
    pending: list[Document] = []
    seen: set[str] = set()

    def flush() -> None:
        if not pending:
            return
        stored = known_documents(store, [d.id for d in pending])
        batch = GraphBatch()
        for document in pending:
            if document.id in stored:
                report.unchanged.append(document)
                continue
            batch.extend(build_batch(extract(document)))
            report.new.append(document)
        if batch.nodes:
            report.stats.add(store.write_batch(batch))
        pending.clear()

    for item in iter_documents(paths):
        if on_item:
            on_item(item)
        if isinstance(item, SourceError):
            report.errors.append(item)
            continue
        if item.id in seen:
            report.unchanged.append(item)
            continue
        seen.add(item.id)
        pending.append(item)
        if len(pending) >= doc_batch:
            flush()
    flush()
    return report
