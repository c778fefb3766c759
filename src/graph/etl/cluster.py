"""Extraction on a Dask distributed cluster (`graph etl run JOB --scheduler tcp://HOST:8786`): the
same work as `graph.etl.workers.DocumentBuilder`'s worker processes, sent to the cluster's
workers instead, while this process writes what comes back to the store (Neo4j, for an archive
that outgrows the embedded store).

Each worker loads the pipelines once and keeps them (`graph.stages` caches them per process),
so start workers with one thread each (`dask worker tcp://HOST:8786 --nthreads 1`): a spaCy
pipeline is not shared between threads. The workers need this package installed, at the
version of the process that submits.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures.process import BrokenProcessPool
from types import TracebackType

from graph.etl.workers import DocumentBuilder, Result, contiguous_chunks
from graph.model import Document
from graph.stages import document_results


class ClusterUnavailableError(RuntimeError):
    """Dask is not installed, or its scheduler cannot be reached."""


class ClusterBuilder:
    """Builds graph batches on the workers of the Dask cluster at `scheduler`, a batch cut into
    one part per worker thread; `submit` returns at once, as `DocumentBuilder`'s does on several
    cores, so that the next batch is extracted while this one is written."""

    parallel = True

    def __init__(self, scheduler: str, ner: str = "fast", *, connect_timeout_s: float | None = None) -> None:
        try:
            from distributed import Client
        except ImportError as exc:
            raise ClusterUnavailableError(
                "a Dask scheduler was given, but `distributed` is not installed: pip install '.[cluster]'"
            ) from exc
        # without a timeout, Dask's own (`distributed.comm.timeouts.connect`, settable as
        # DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT) bounds the wait for the scheduler
        options = {} if connect_timeout_s is None else {"timeout": connect_timeout_s}
        try:
            self.client = Client(scheduler, set_as_default=False, **options)
        except (OSError, TimeoutError) as exc:
            raise ClusterUnavailableError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
        self.ner = ner

    def threads(self) -> int:
        """The worker threads the cluster has now (it may grow or shrink during a run)."""
        return max(1, sum(self.client.nthreads().values()))

    def submit(self, documents: Sequence[Document]) -> Callable[[], list[Result]]:
        """Start building on the cluster; the returned function waits for the batches, in the
        order of `documents`. A document that fails is refused alone, on its worker; a worker
        lost with its part fails the batch, and nothing of it is written."""
        if not documents:
            return lambda: []
        parts = contiguous_chunks(list(documents), self.threads())
        futures = [self.client.submit(document_results, list(part), self.ner, pure=False) for part in parts]

        def results() -> list[Result]:
            try:
                return [batch for future in futures for batch in future.result()]
            except Exception as exc:
                raise BrokenProcessPool(f"a Dask worker failed its part of the batch: {exc!r}") from exc

        return results

    def close(self, *, wait: bool = True) -> None:
        """Disconnect from the cluster (its workers keep running for the next run)."""
        self.client.close()

    def __enter__(self) -> ClusterBuilder:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close(wait=error is None)


Builder = DocumentBuilder | ClusterBuilder  # what extracts a run's batches


def builder_for(processes: int, ner: str, scheduler: str | None) -> Builder:
    """The builder of a run: on the Dask cluster at `scheduler` if one is given, else on
    `processes` local cores."""
    return ClusterBuilder(scheduler, ner) if scheduler else DocumentBuilder(processes, ner)
