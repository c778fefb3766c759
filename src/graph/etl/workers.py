"""Turns documents into graph batches (NLP, then resolution within each document) in this
process or spread over worker processes, so that an ETL run uses every core it is given.

The pool lives for the whole run and each worker loads the pipelines once: spaCy's own
`nlp.pipe(n_process=N)` would start and load N new processes for every committed batch.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from types import TracebackType

from threadpoolctl import threadpool_limits

from graph.model import Document, GraphBatch
from graph.sources.readers import SourceError
from graph.stages import document_results

Result = GraphBatch | SourceError  # a document's graph records, or why it was refused

PARENT_CHECK_S = 0.5


def start_worker(parent: int) -> None:
    """Set a worker up: matrices multiplied on one thread (the workers already fill the
    cores), and an exit as soon as the ETL process `parent` that started it is gone (killed
    with SIGKILL, it cannot stop its pool, and the workers would wait for work forever). The
    parent's pid is passed in: it may already be gone when this runs, after the imports."""
    threadpool_limits(limits=1, user_api="blas")

    def exit_with_parent() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_S)
        os._exit(1)

    threading.Thread(target=exit_with_parent, name="exit-with-parent", daemon=True).start()


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
    """Builds graph batches for documents on `processes` cores: with 1, in this process (whose
    BLAS keeps numpy's default threads); with more, always in worker processes, one BLAS
    thread each.

    Workers are started with `spawn`, not `fork`: the parent holds store connections and
    driver threads that a forked child must not inherit."""

    def __init__(self, processes: int = 1, ner: str = "fast") -> None:
        if processes < 1:
            raise ValueError(f"processes must be 1 or more, got {processes}")
        self.processes = processes
        self.ner = ner  # which NER model the nlp stage runs (graph.nlp.pipeline.NER_MODES)
        self._pool: ProcessPoolExecutor | None = None

    def build(self, documents: Sequence[Document]) -> list[Result]:
        """The graph batch of each document, in order (or its refusal, should it fail)."""
        return self.submit(documents)()

    @property
    def parallel(self) -> bool:
        """Whether `submit` returns before the work is done."""
        return self.processes > 1

    def submit(self, documents: Sequence[Document]) -> Callable[[], list[Result]]:
        """Start building; the returned function waits for the batches. On one core the work
        is done here and now; on several it runs in the workers while the caller goes on. A
        document that fails is refused alone, in the worker (`graph.stages.document_results`)."""
        if not self.parallel or not documents:
            batches = document_results(documents, self.ner)
            return lambda: batches
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.processes,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=start_worker,
                initargs=(os.getpid(),),
            )
        chunks = contiguous_chunks(documents, self.processes)
        futures = [self._pool.submit(document_results, chunk, self.ner) for chunk in chunks]
        return lambda: [batch for future in futures for batch in future.result()]

    def close(self, *, wait: bool = True) -> None:
        """Stop the workers; `wait=False` leaves running chunks to finish on their own (the
        workers then exit) instead of waiting for them."""
        if self._pool is not None:
            self._pool.shutdown(wait=wait, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> DocumentBuilder:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close(wait=error is None)
