"""Turns documents into graph batches (NLP, then resolution within each document) in this
process or spread over worker processes, so that an ETL run uses every core it is given.

The pool lives for the whole run and each worker loads the pipelines once: spaCy's own
`nlp.pipe(n_process=N)` would start and load N new processes for every committed batch.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from types import TracebackType

from threadpoolctl import threadpool_limits

from graph.model import Document, GraphBatch
from graph.nlp.extract import extract_many
from graph.resolve.builder import build_batch


def build_documents(documents: Sequence[Document]) -> list[GraphBatch]:
    """The graph batch of each document, in order (runs in a worker, so module level)."""
    return [build_batch(extraction) for extraction in extract_many(documents)]


def one_blas_thread() -> None:
    """Each worker multiplies matrices on one thread: the workers already fill the cores."""
    threadpool_limits(limits=1, user_api="blas")


def contiguous_chunks(items: Sequence, parts: int) -> list[Sequence]:
    """`items` cut into at most `parts` runs of nearly equal length, in order."""
    parts = max(1, min(parts, len(items)))
    size, extra = divmod(len(items), parts)
    chunks, start = [], 0
    for part in range(parts):
        end = start + size + (1 if part < extra else 0)
        chunks.append(items[start:end])
        start = end
    return chunks


class DocumentBuilder:
    """Builds graph batches for documents on `processes` cores (1: in this process).

    Workers are started with `spawn`, not `fork`: the parent holds store connections and
    driver threads that a forked child must not inherit."""

    def __init__(self, processes: int = 1) -> None:
        if processes < 1:
            raise ValueError(f"processes must be 1 or more, got {processes}")
        self.processes = processes
        self._pool: ProcessPoolExecutor | None = None

    def build(self, documents: Sequence[Document]) -> list[GraphBatch]:
        if self.processes == 1 or len(documents) < 2:
            return build_documents(documents)
        if self._pool is None:
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(
                max_workers=self.processes, mp_context=context, initializer=one_blas_thread
            )
        parts = self._pool.map(build_documents, contiguous_chunks(documents, self.processes))
        return [batch for part in parts for batch in part]

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def __enter__(self) -> DocumentBuilder:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()
